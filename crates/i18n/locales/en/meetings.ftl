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
mail-meeting-declined-organisers-subject = Proposal declined by { $by }: { $irritant }
mail-meeting-declined-organisers-body = Hello { $name },

    { $by } declined the proposed meeting between { $institution } and { $company } about “{ $irritant }”.

    Reason: { $reason }
    { $comment }

    You can run the matching again with the accepted meetings kept, or impose this meeting, from the edition's meetings page:
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
# Matching runs (console)
matching-title = Matching
matching-edition-link = Edition
meetings-console-link = Meetings of the edition
matching-runs = Matching runs
matching-no-run = No matching has been computed yet.
matching-new-run = New matching run
matching-new-run-intro = The run reads the published irritants, the validated companies and both sides' wishes, then chooses the meetings of highest affinity within the capacities. Meetings already proposed are kept; declined proposals do not come back.
matching-start = Start the run
field-run = Run
field-date = Date
field-meetings = Meetings
field-irritant = Irritant
field-affinity = Affinity
field-notes = Notes
field-company-max = Meetings per company
field-company-max-hint = At most, for each company (between 1 and 100).
field-irritant-min = Meetings per irritant, at least
field-irritant-min-hint = The run says why when an irritant cannot reach it.
field-irritant-max = Meetings per irritant, at most
field-overrides = Particular capacities
field-overrides-hint = For companies that can hold more or fewer meetings than the others.
field-override-company = Company { $n }
field-override-max = Meetings at most for company { $n }
run-title = Matching run no. { $seq }
run-status-pending = waiting
run-status-running = computing
run-status-done = computed
run-status-failed = failed
run-status-published = published
run-progress = step { $done } of { $total }
run-wait = The run is being computed (it goes on if you leave this page).
run-refresh = Refresh the page
run-failed = The run failed:
run-summary = Result
run-meetings = { $count ->
    [one] One meeting proposed.
   *[other] { $count } meetings proposed.
}
run-mutual = { $count ->
    [0] No meeting wished by both sides.
    [one] One meeting wished by both sides.
   *[other] { $count } meetings wished by both sides.
}
run-forced-pinned = “Must meet” wishes forced: { $forced }; pairs kept (pinned or already proposed): { $pinned }.
run-affinity = Total affinity: { $total }.
run-size = Computed over { $irritants } irritants, { $companies } companies, { $wishes } wishes and { $candidates } candidate pairs.
run-seconds = Computing time: { $seconds } s.
run-proof-proven = Optimality proved over every pair: no other choice holds more minimums, more meetings wished by both sides, then more affinity.
run-proof-candidates = Optimality proved over the candidate pairs kept.
run-proof-none = Optimality could not be proved.
run-publish = Publish these proposals
run-published = The proposals are published: each side received an e-mail.
run-started = The run has started.
run-shortfalls = Minimums and wishes not met
run-no-shortfall = Every minimum and every “must meet” wish is met.
shortfall-too-few-candidates = “{ $irritant }”: { $got } meeting(s) of at least { $min }, for lack of candidates (possible companies: { $eligible }, excluded: { $excluded }).
shortfall-companies-full = “{ $irritant }”: { $got } meeting(s) of at least { $min }, because its possible companies are full: { $companies }.
unmet-refused = { $pair } (wished on the { $side } side): the other side said no or declared a conflict of interest.
unmet-removed = { $pair } (wished on the { $side } side): removed by the organisers, or declined.
unmet-company-full = { $pair } (wished on the { $side } side): the company has no meeting left.
unmet-irritant-full = { $pair } (wished on the { $side } side): the irritant reached its maximum.
run-diff = Differences from the previous run
run-diff-none = No difference, or no previous run.
run-added = Added
run-removed = Removed
run-pairs = Proposed meetings
run-again-intro = Tick the pairs to keep or to remove, add some, adjust the capacities, then run again: the new run is kept beside this one.
run-add-pairs = Pairs to add
field-add-irritant = Irritant of pair { $n }
field-add-company = Company of pair { $n }
run-again = Run again with these changes
pair-mutual = wished by both sides
pair-forced = “must meet”
pair-pinned = kept
pair-pin = Keep
pair-remove = Remove
# Meetings (participants and console)
nav-meetings = My meetings
meetings-title = My meetings
meetings-none = No meeting for now.
meetings-your-answer = Your answer
meetings-their-answer = The other side's answer
meetings-reason = Reason
meetings-contacts = Your contacts:
meetings-accept = Accept the meeting
meetings-decline = Decline the meeting
field-decline-reason = Reason for declining
field-decline-comment = Details (required for “other reason”)
answer-pending = pending
answer-accepted = accepted
answer-declined = declined
meeting-confirmed = Both sides accepted: the meeting is confirmed.
meeting-declined = You declined the meeting; the other side and the organisers are told.
meeting-accepted-waiting = You accepted; the meeting will be confirmed when the other side accepts.
meeting-stale = This meeting changed since the page was shown: here is where it stands now.
meetings-console-title = Meetings of the edition
meetings-answers = Answers (institution / company)
meetings-impose = Impose the meeting
meetings-impose-new = Impose a new meeting
meeting-imposed = The meeting is imposed; both sides are told.
