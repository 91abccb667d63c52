# The day (issue 9): set-up, scheduling runs, agendas, feeds, rescheduling, now/next, check-in, ratings.
day-when-where = { $when }, { $table }
day-ics-name = My meetings — { $edition }
day-ics-summary = Meeting with { $counterpart }
day-ics-irritant = Irritant: { $irritant }
day-ics-contact = Contact: { $name } <{ $email }>
day-ics-filename = my-meetings.ics
day-mail-line = — { $when }: { $counterpart } (“{ $irritant }”)
day-mail-line-cancelled = — CANCELLED: { $when }: { $counterpart } (“{ $irritant }”)
mail-schedule-published-subject = Your meetings agenda is ready
mail-schedule-published-body = Hello { $name },

    The schedule of “{ $edition }” is published. { $count ->
        [one] Here is your meeting
       *[other] Here are your { $count } meetings
    }:

    { $list }

    Your agenda (to print, as a PDF, or to add to your calendar): { $link }

    The attached file adds these meetings to your calendar; it updates when we write to you about a change.

    — Passerelle
mail-agenda-changed-subject = A change in your meetings agenda
mail-agenda-changed-body = Hello { $name },

    Your agenda for “{ $edition }” changed. { $count ->
        [one] The meeting concerned
       *[other] The { $count } meetings concerned
    }:

    { $list }

    Your updated agenda: { $link }

    The attached file updates your calendar; a calendar subscribed to your feed updates by itself.

    — Passerelle
mail-rating-invitation-subject = How did your meetings go?
mail-rating-invitation-body = Hello { $name },

    Thank you for taking part in “{ $edition }”. Rate { $count ->
        [one] your meeting
       *[other] your { $count } meetings
    } (1 to 5) and say whether you want to follow up: it takes a minute and prepares what comes next.

    { $link }

    — Passerelle
# Use-case refusals
day-table-duplicate = Two tables have the same name.
day-no-setup = Set up the day first (days, sessions, slots and tables).
day-no-tables = List at least one table.
day-run-no-meetings = No confirmed meeting to schedule.
day-run-too-many-meetings = { $participant } has { $meetings } meetings but only { $slots } usable slots: add slots or remove unavailabilities.
day-run-no-slot = No slot is possible for the meeting “{ $meeting }” (unavailability, fixed slot or order).
day-run-precedence-cycle = The orders imposed between meetings form a loop (through “{ $meeting }”).
day-run-invalid = Scheduling impossible: { $reason }
day-run-stale = The meetings changed since this run: run again before publishing.
day-run-not-done = Only a finished run can be published.
day-change-stale = The schedule changed since this preview: preview again.
day-change-not-previewed = This change was already applied or discarded.
day-change-infeasible = No schedule can absorb this change.
day-not-your-meeting = This meeting is not yours.
