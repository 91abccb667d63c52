# Meetings: statuses, answers and reasons (meeting states of DESIGN.md)
meeting-status-proposed = Proposed
meeting-status-accepted = Accepted by both sides
meeting-status-imposed = Imposed by the organisers
meeting-status-declined = Declined
meeting-status-scheduled = Scheduled
meeting-status-held = Held
meeting-status-no-show = No-show
meeting-status-cancelled = Cancelled
meeting-status-rated = Rated
side-institution = Institution
side-company = Company
wish-level-must = Must meet
wish-level-would-like = Would like
wish-level-no = No
decline-reason-not-relevant = Outside our scope
decline-reason-already-solved = Need already covered
decline-reason-no-budget = No budget
decline-reason-not-available = Not available that day
decline-reason-conflict-of-interest = Conflict of interest
decline-reason-other = Other reason (please say)
# Mails about proposals and meetings
mail-proposals-published-subject = { $count ->
    [one] A meeting is proposed to you
   *[other] { $count } meetings are proposed to you
}
mail-proposals-published-body = Hello { $name },

    The organisers of the Rencontres Open Innovation propose { $count ->
        [one] this meeting
       *[other] these meetings
    } to you:

    { $list }

    Accept or decline each proposal (saying why) on your meetings page:

    { $link }

    — Passerelle
mail-meeting-accepted-subject = Meeting confirmed: { $irritant }
mail-meeting-accepted-body = Hello { $name },

    { $institution } and { $company } both accepted to meet about “{ $irritant }”. Each other's contact is on your meetings page, and the slot will come with the day's schedule.

    { $link }

    — Passerelle
mail-meeting-declined-subject = Proposal declined: { $irritant }
mail-meeting-declined-body = Hello { $name },

    The proposed meeting between { $institution } and { $company } about “{ $irritant }” was declined.

    Reason: { $reason }
    { $comment }

    The organisers may propose another meeting to you.

    { $link }

    — Passerelle
mail-meeting-imposed-subject = Meeting kept by the organisers: { $irritant }
mail-meeting-imposed-body = Hello { $name },

    The organisers kept the meeting between { $institution } and { $company } about “{ $irritant }”. It will be in the day's schedule.

    { $link }

    — Passerelle
mail-proposals-reminder-subject = Reminder: meeting proposals await your answer
mail-proposals-reminder-body = Hello { $name },

    { $count ->
        [one] One meeting proposal still awaits
       *[other] { $count } meeting proposals still await
    } your answer. Please answer before { $deadline }:

    { $link }

    — Passerelle
run-min-above-max = The minimum per irritant is above the maximum.
run-unknown-company = Choose a validated company of the edition.
run-unknown-pair = This pair is not in the edition (a published irritant and a validated company).
run-unknown-run = This matching run is not in the edition.
meeting-exists = This meeting exists already.
