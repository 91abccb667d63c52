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
# Editions in the console
console-editions = Éditions
editions-title = Éditions
editions-heading = Les éditions des Rencontres
editions-live = En cours et à venir
editions-past = Éditions passées
editions-none = Aucune.
editions-current = édition courante
field-edition = Édition
field-days = Journées
field-phase = Étape
field-venue = Lieu
field-first-day = Premier jour
field-last-day = Dernier jour
field-date-hint = Date au format AAAA-MM-JJ (exemple : 2027-07-05).
field-edition-slug-hint = Identifiant court utilisé dans les liens (exemple : rencontres-2027).
field-starts = Début
field-ends = Fin
edition-new-title = Nouvelle édition
edition-new-intro = L’édition est créée en préparation ; vous fixerez ensuite les dates de chaque étape et l’ouvrirez.
edition-create = Créer l’édition
edition-created = L’édition est créée. Fixez maintenant les dates de ses étapes.
edition-saved = L’édition est enregistrée.
edition-plan = Calendrier des étapes
edition-plan-save = Enregistrer le calendrier
edition-plan-saved = Le calendrier est enregistré.
edition-identity = Nom, lieu et journées
edition-history = Historique des étapes
edition-history-none = L’édition n’a pas encore changé d’étape.
edition-phase-now = Étape actuelle : { $phase }.
edition-advance = Passer à l’étape « { $phase } »
edition-step-back = Revenir à l’étape « { $phase } »
edition-closed = Cette édition est close : elle ne change plus.
edition-move-title = Changer d’étape
edition-move-from = De l’étape
edition-move-to = à l’étape
edition-move-pending = Encore en attente
edition-move-nothing-pending = Rien n’est en attente.
edition-phase-moved = L’édition a changé d’étape.
plan-out-of-order = Cette étape commence avant l’étape précédente : les étapes commencent dans leur ordre.
slug-taken = Cet identifiant est déjà pris par une autre édition.
pending-step-back = Revenir en arrière rouvre ce que l’étape permet (dépôts, inscriptions, choix…).
pending-irritants-draft = { $count ->
    [one] Un irritant est encore en brouillon ou renvoyé : il ne sera pas publié.
   *[other] { $count } irritants sont encore en brouillon ou renvoyés : ils ne seront pas publiés.
}
pending-irritants-submitted = { $count ->
    [one] Un irritant soumis attend votre validation.
   *[other] { $count } irritants soumis attendent votre validation.
}
pending-companies-registered = { $count ->
    [one] Une entreprise inscrite attend votre validation.
   *[other] { $count } entreprises inscrites attendent votre validation.
}
pending-companies-invited = { $count ->
    [one] Une entreprise invitée ne s’est pas encore inscrite.
   *[other] { $count } entreprises invitées ne se sont pas encore inscrites.
}
pending-no-wishes = Aucun souhait de rencontre n’a encore été exprimé.
pending-no-published-run = Aucune mise en relation n’a été publiée.
pending-proposals-unanswered = { $count ->
    [one] Une proposition de rencontre attend encore une réponse.
   *[other] { $count } propositions de rencontre attendent encore une réponse.
}
pending-proposals-declined = { $count ->
    [one] Une proposition déclinée n’a pas été remplacée.
   *[other] { $count } propositions déclinées n’ont pas été remplacées.
}
pending-meetings-unscheduled = { $count ->
    [one] Une rencontre acceptée n’a pas de créneau.
   *[other] { $count } rencontres acceptées n’ont pas de créneau.
}
pending-closing-is-final = Clore l’édition est définitif : elle ne pourra plus être modifiée.
