# Edition phases
phase-draft = Préparation
phase-call-for-irritants = Appel à irritants
phase-company-registration = Inscription des entreprises
phase-preferences = Choix des rencontres
phase-matching = Mise en relation
phase-schedule-published = Planning publié
phase-event-day = Journée des rencontres
phase-follow-up = Suivi
phase-closed = Clôture
