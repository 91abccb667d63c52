# Rescheduling on the day, the live board, check-in and rating results, in the console (issue 9).
day-changes-link = Changes on the day
day-changes-title = Changes on the day — { $edition }
day-changes-declare = Declare a change
day-changes-help = The engine proposes the schedule that moves the fewest meetings; nothing changes until you apply the preview. Meetings that have started, were held or are locked never move.
day-change-kind = Kind
day-change-kind-cancel = A meeting cancelled
day-change-kind-absence = A participant absent
day-change-kind-late-request = A late request (a meeting to add)
day-change-kind-table-lost = A table lost
day-change-status-previewed = preview to apply
day-change-status-applied = applied
day-change-status-discarded = discarded
day-change-summary = { $moves ->
    [0] no move
    [one] 1 move
   *[other] { $moves } moves
}, { $dropped ->
    [0] no meeting dropped
    [one] 1 meeting dropped
   *[other] { $dropped } meetings dropped
}, { $affected ->
    [one] 1 participant affected
   *[other] { $affected } participants affected
}
day-change-meeting = Meeting
day-change-participant = Absent participant
day-change-slots = Slots they will miss
day-change-late-meeting = Confirmed meeting to place
day-change-no-late = No confirmed meeting is waiting for a place.
day-change-table = Table
day-change-table-hint = When too few seats are left, the preview proposes dropping the meetings of lowest affinity.
day-change-preview = Compute the preview
day-changes-history = History of changes
day-changes-none = No change so far.
day-change-number = Change
day-change-what = What the change does
day-changes-live = Live schedule
day-changes-lock-help = Lock a meeting so that no change moves it.
day-changes-no-schedule = No schedule published.
day-change-lock = Lock
day-change-past = started
day-change-locked = locked
day-change-do-lock = Lock
day-change-unlock = Unlock
day-meeting-locked = Meeting locked: no change will move it.
day-meeting-unlocked = Meeting unlocked.
day-change-title = Change no. { $seq }
day-change-back = Back to the changes on the day
day-change-moves = Meetings moved
day-change-dropped = Meetings dropped
day-change-affected = Participants affected
day-change-cancelled = Meeting cancelled: { $meeting }.
day-change-added = Meeting added: { $meeting },
day-change-moves-title = Moves
day-change-no-moves = No other meeting moves.
day-change-from = Before
day-change-to = After
day-change-dropped-title = Meetings to drop for lack of seats
day-change-dropped-help = Lowest affinity first; they leave the schedule and their participants are told.
day-change-affected-title = Who is told
day-change-nobody = Nobody.
day-change-apply-help = Applying updates the schedule: the participants affected get an e-mail with their agenda (.ics) and their subscription updates.
day-change-apply = Apply this change
day-change-discard = Discard
day-change-applied = Change applied: the participants affected were told.
day-change-discarded = Change discarded: the schedule stays as it is.
day-late-not-confirmed = Only a meeting confirmed by both sides and not placed yet can be added.
day-cancel-not-scheduled = Only a scheduled meeting, neither held nor missed, can be cancelled.
# The live board
day-board-link = Live board
day-board-title = Live board — { $edition }
day-board-updated = Updated { $when }.
day-board-previous = Previous slot
day-board-next = Next slot
day-board-counts = Tables by state
day-board-company = Company
day-board-no-slots = No slot: set the day up first.
day-board-slots = Every slot
day-board-arrivals = { $count ->
    [0] No arrival
    [one] 1 person arrived
   *[other] { $count } people arrived
} out of { $people } expected.
day-board-state-free = free
day-board-state-planned = coming
day-board-state-in-progress = in progress
day-board-state-held = held
day-board-state-no-show = no-show
# Check-in
day-desk-link = Check-in desk
day-desk-title = Check-in — { $edition }
day-desk-search = Name, address or organisation
day-desk-search-go = Search
day-desk-expected = Expected
day-desk-nobody = Nobody matches this search.
day-desk-name = Name
day-desk-organisation = Organisation
day-desk-action = Action
day-desk-check-in = Check in
day-desk-check-in-named = Check in { $name }
day-desk-arrived = Arrived
day-desk-none-arrived = Nobody has arrived yet.
day-desk-arrived-at = Arrival
day-checked-in = Arrival recorded.
day-arrival-title = Check-in
day-arrival-help = Go to the desk or check yourself in.
day-arrival-check-in = Check me in
# Rating results
day-results-link = Ratings
day-results-title = Ratings — { $edition }
day-results-ratings = Ratings received
day-results-mean = Mean score (out of 5)
day-results-follow-up = Follow-up wanted
day-results-missing = Held meetings not yet rated by both sides
day-results-none = No meeting held so far.
day-results-by-meeting = By meeting
day-results-by-company = By company
day-results-by-irritant = By irritant
day-results-name = Name
day-results-institution = Institution
day-results-company = Company
day-results-given = { $score }/5, follow-up: { $follow_up }
day-results-not-rated = not rated yet
day-arrival-closed = Check-in opens on the day of the meetings: keep this code, it will record your arrival.
day-agenda-check-in-title = Your check-in
day-agenda-check-in-help = On the day, show this code at the desk (or open the address below to check yourself in).
day-live-pages = On the day
# Unavailability and the organisers' rules, before the run
day-availability-link = My unavailability
day-availability-title = My unavailability on the day
day-availability-not-ready = The day's slots are not set yet: you will be able to mark here the ones you cannot attend.
day-availability-help = Tick the slots you cannot attend: the schedule will place none of your meetings there.
day-availability-closed = The schedule is published: to report an absence, write to the organisers.
day-availability-nobody = You have no confirmed meeting in this edition yet.
day-availability-slots = Slots I cannot attend
day-availability-step-free = I need a step-free table
day-availability-save = Save
day-availability-saved = Your unavailability is saved.
day-rules-link = Meeting rules
day-rules-title = Meeting rules — { $edition }
day-rules-help = Fix a meeting to a slot or a table, lock it, or require another one to be held before it. The next scheduling run respects them.
day-rules-no-meetings = No confirmed meeting so far.
day-rules-set = A meeting's rule
day-rules-slot = Fixed slot
day-rules-any-slot = None (any slot)
day-rules-table = Fixed table
day-rules-any-table = None (any table)
day-rules-locked = Locked (a change on the day does not move it)
day-rules-after = Must be held after
day-rules-no-order = No order
day-rules-save = Save the rule
day-rule-saved = Rule saved.
day-rules-list = Meetings with a rule
day-rules-none = No rule so far.
day-rules-orders = Orders
day-rules-no-orders = No order set.
day-rules-first = First
day-rules-then = Then
day-rules-remove-order = Remove this order
day-order-removed = Order removed.
