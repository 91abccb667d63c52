# The day (issue 9): set-up, scheduling runs, agendas, feeds, rescheduling, now/next, check-in, ratings.
day-when-where = { $when }, { $table }
day-ics-name = Mes rencontres — { $edition }
day-ics-summary = Rencontre avec { $counterpart }
day-ics-irritant = Irritant : { $irritant }
day-ics-contact = Contact : { $name } <{ $email }>
day-ics-filename = mes-rencontres.ics
day-mail-line = — { $when } : { $counterpart } (« { $irritant } »)
day-mail-line-cancelled = — ANNULÉE : { $when } : { $counterpart } (« { $irritant } »)
mail-schedule-published-subject = Votre agenda des rencontres est prêt
mail-schedule-published-body = Bonjour { $name },

    Le planning de « { $edition } » est publié. { $count ->
        [one] Voici votre rencontre
       *[other] Voici vos { $count } rencontres
    } :

    { $list }

    Votre agenda (à imprimer, en PDF ou à ajouter à votre calendrier) : { $link }

    Le fichier joint ajoute ces rencontres à votre calendrier ; il se met à jour si l’on vous écrit un changement.

    — Passerelle
mail-agenda-changed-subject = Changement dans votre agenda des rencontres
mail-agenda-changed-body = Bonjour { $name },

    Votre agenda de « { $edition } » a changé. { $count ->
        [one] La rencontre concernée
       *[other] Les { $count } rencontres concernées
    } :

    { $list }

    Votre agenda à jour : { $link }

    Le fichier joint met votre calendrier à jour ; un calendrier abonné à votre flux se met à jour tout seul.

    — Passerelle
mail-rating-invitation-subject = Comment se sont passées vos rencontres ?
mail-rating-invitation-body = Bonjour { $name },

    Merci d’avoir participé à « { $edition } ». Notez { $count ->
        [one] votre rencontre
       *[other] vos { $count } rencontres
    } (de 1 à 5) et dites si vous souhaitez une suite : cela prend une minute et prépare les suites à donner.

    { $link }

    — Passerelle
# Use-case refusals
day-table-duplicate = Deux tables portent le même nom.
day-no-setup = Préparez d’abord la journée (jours, sessions, créneaux et tables).
day-no-tables = Indiquez au moins une table.
day-run-no-meetings = Aucune rencontre confirmée à planifier.
day-run-too-many-meetings = { $participant } a { $meetings } rencontres mais seulement { $slots } créneaux possibles : ajoutez des créneaux ou retirez des indisponibilités.
day-run-no-slot = Aucun créneau possible pour la rencontre « { $meeting } » (indisponibilités, créneau imposé ou ordre).
day-run-precedence-cycle = Les ordres imposés entre rencontres forment une boucle (passant par « { $meeting } »).
day-run-invalid = Planification impossible : { $reason }
day-run-stale = Les rencontres ont changé depuis ce calcul : relancez un calcul avant de publier.
day-run-not-done = Seul un calcul terminé peut être publié.
day-change-stale = Le planning a changé depuis cet aperçu : recalculez l’aperçu.
day-change-not-previewed = Ce changement a déjà été appliqué ou abandonné.
day-change-infeasible = Aucun planning ne peut absorber ce changement.
day-not-your-meeting = Cette rencontre n’est pas la vôtre.
