# The participant's day in the web: agenda page, feed, now/next, marks and ratings (issue 9).
nav-agenda = My agenda
day-agenda-title = My agenda
day-agenda-not-published = The day's schedule is not published yet. You will get an e-mail as soon as it is, and your agenda will appear here.
day-agenda-none = No meeting is planned for you.
day-agenda-print-hint = This page prints as it is (your browser's Print menu): only the meetings and their contacts are printed.
day-agenda-caption = Your meetings, in the order of the day
day-agenda-time = Time
day-agenda-table = Table
day-agenda-with = With
day-agenda-irritant = Irritant
day-agenda-status = Status
day-agenda-contacts = Contacts
day-agenda-step-free = step-free access
day-agenda-cancelled = Cancelled
day-agenda-checked-in = Checked in on { $when }.
day-agenda-now-link = My current and next meeting
day-time-range = { $start } – { $end }
day-feed-title = Add to my calendar
day-feed-help = Subscribe your calendar (Outlook, Google Calendar, Apple Calendar, Thunderbird) to this secret address: it updates itself on every change. Do not share it; if it has been passed on, reset it.
day-feed-address = Secret address of your iCalendar feed
day-feed-reset = Reset the address
day-feed-reset-done = New address created: the old one no longer works. Subscribe your calendar again.
day-mark-held = Meeting held
day-mark-no-show = The other side did not come
day-marked-held = Meeting marked as held.
day-marked-no-show = No-show recorded.
day-rating-title = Rate this meeting
day-rating-score = Your score (1 = disappointing, 5 = excellent)
day-rating-follow-up = Would you like a follow-up?
day-rating-comment = Comment (optional)
day-rating-submit = Save my rating
day-rating-saved = Thank you! Your rating is saved.
day-rating-given = Your rating: { $score }/5, follow-up: { $follow_up }.
day-follow-up-yes = yes
day-follow-up-maybe = maybe
day-follow-up-no = no
day-now-title = Now
day-now-at = It is { $when }.
day-now-current = Right now
day-now-next = Next
day-now-nothing = No meeting in progress.
day-now-no-next = No more meetings today.
day-now-later = { $count ->
    [one] One more meeting after this one.
   *[other] { $count } more meetings after this one.
}
day-now-refresh = Refresh
day-now-agenda = My whole agenda
