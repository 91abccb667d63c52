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
