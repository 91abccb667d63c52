# Edition phases
phase-draft = Preparation
phase-call-for-irritants = Call for irritants
phase-company-registration = Company registration
phase-preferences = Meeting preferences
phase-matching = Matching
phase-schedule-published = Schedule published
phase-event-day = Meeting day
phase-follow-up = Follow-up
phase-closed = Closed
# Editions in the console
console-editions = Editions
editions-title = Editions
editions-heading = The editions of the Rencontres
editions-live = Running and upcoming
editions-past = Past editions
editions-none = None.
editions-current = current edition
field-edition = Edition
field-days = Days
field-phase = Phase
field-venue = Venue
field-first-day = First day
field-last-day = Last day
field-date-hint = Date as YYYY-MM-DD (for example: 2027-07-05).
field-edition-slug-hint = Short identifier used in links (for example: rencontres-2027).
field-starts = Start
field-ends = End
edition-new-title = New edition
edition-new-intro = The edition is created in preparation; you then set the dates of each phase and open it.
edition-create = Create the edition
edition-created = The edition is created. Now set the dates of its phases.
edition-saved = The edition is saved.
edition-plan = Calendar of the phases
edition-plan-save = Save the calendar
edition-plan-saved = The calendar is saved.
edition-identity = Name, venue and days
edition-history = History of the phases
edition-history-none = The edition has not changed phase yet.
edition-phase-now = Current phase: { $phase }.
edition-advance = Move on to “{ $phase }”
edition-step-back = Go back to “{ $phase }”
edition-closed = This edition is closed: it does not change any more.
edition-move-title = Change phase
edition-move-from = From
edition-move-to = to
edition-move-pending = Still pending
edition-move-nothing-pending = Nothing is pending.
edition-phase-moved = The edition changed phase.
plan-out-of-order = This phase starts before the previous one: phases start in their order.
slug-taken = Another edition already uses this identifier.
pending-step-back = Going back reopens what the phase allows (irritants, registrations, wishes…).
pending-irritants-draft = { $count ->
    [one] One irritant is still a draft or returned: it will not be published.
   *[other] { $count } irritants are still drafts or returned: they will not be published.
}
pending-irritants-submitted = { $count ->
    [one] One submitted irritant awaits your validation.
   *[other] { $count } submitted irritants await your validation.
}
pending-companies-registered = { $count ->
    [one] One registered company awaits your validation.
   *[other] { $count } registered companies await your validation.
}
pending-companies-invited = { $count ->
    [one] One invited company has not registered yet.
   *[other] { $count } invited companies have not registered yet.
}
pending-no-wishes = No meeting wish has been stated yet.
pending-no-published-run = No matching run has been published.
pending-proposals-unanswered = { $count ->
    [one] One meeting proposal still awaits an answer.
   *[other] { $count } meeting proposals still await an answer.
}
pending-proposals-declined = { $count ->
    [one] One declined proposal has not been replaced.
   *[other] { $count } declined proposals have not been replaced.
}
pending-meetings-unscheduled = { $count ->
    [one] One accepted meeting has no slot.
   *[other] { $count } accepted meetings have no slot.
}
pending-closing-is-final = Closing the edition is final: it can no longer be changed.
