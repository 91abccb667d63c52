# Rescheduling on the day, the live board, check-in and rating results, in the console (issue 9).
day-changes-link = Changements du jour
day-changes-title = Changements du jour — { $edition }
day-changes-declare = Déclarer un changement
day-changes-help = Le calcul propose le planning qui déplace le moins de rencontres ; rien ne change tant que vous n’avez pas appliqué l’aperçu. Les rencontres commencées, tenues ou verrouillées ne bougent jamais.
day-change-kind = Nature
day-change-kind-cancel = Annulation d’une rencontre
day-change-kind-absence = Absence d’un participant
day-change-kind-late-request = Demande tardive (rencontre à ajouter)
day-change-kind-table-lost = Table perdue
day-change-status-previewed = aperçu à appliquer
day-change-status-applied = appliqué
day-change-status-discarded = abandonné
day-change-summary = { $moves ->
    [0] aucun déplacement
    [one] 1 déplacement
   *[other] { $moves } déplacements
}, { $dropped ->
    [0] aucune rencontre retirée
    [one] 1 rencontre retirée
   *[other] { $dropped } rencontres retirées
}, { $affected ->
    [one] 1 participant concerné
   *[other] { $affected } participants concernés
}
day-change-meeting = Rencontre
day-change-participant = Participant absent
day-change-slots = Créneaux où il sera absent
day-change-late-meeting = Rencontre confirmée à placer
day-change-no-late = Aucune rencontre confirmée n’attend de place.
day-change-table = Table
day-change-table-hint = S’il ne reste pas assez de places, l’aperçu propose de retirer les rencontres de plus faible affinité.
day-change-preview = Calculer l’aperçu
day-changes-history = Historique des changements
day-changes-none = Aucun changement pour l’instant.
day-change-number = Changement
day-change-what = Ce que fait le changement
day-changes-live = Planning en cours
day-changes-lock-help = Verrouillez une rencontre pour qu’aucun changement ne la déplace.
day-changes-no-schedule = Aucun planning publié.
day-change-lock = Verrou
day-change-past = commencée
day-change-locked = verrouillée
day-change-do-lock = Verrouiller
day-change-unlock = Déverrouiller
day-meeting-locked = Rencontre verrouillée : aucun changement ne la déplacera.
day-meeting-unlocked = Rencontre déverrouillée.
day-change-title = Changement n° { $seq }
day-change-back = Retour aux changements du jour
day-change-moves = Rencontres déplacées
day-change-dropped = Rencontres retirées
day-change-affected = Participants concernés
day-change-cancelled = Rencontre annulée : { $meeting }.
day-change-added = Rencontre ajoutée : { $meeting },
day-change-moves-title = Déplacements
day-change-no-moves = Aucune autre rencontre ne bouge.
day-change-from = Avant
day-change-to = Après
day-change-dropped-title = Rencontres à retirer faute de places
day-change-dropped-help = Les rencontres de plus faible affinité d’abord ; elles sortent du planning et leurs participants sont prévenus.
day-change-affected-title = Qui est prévenu
day-change-nobody = Personne.
day-change-apply-help = Appliquer met le planning à jour : les participants concernés reçoivent un courriel avec leur agenda (.ics) et leur abonnement se met à jour.
day-change-apply = Appliquer ce changement
day-change-discard = Abandonner
day-change-applied = Changement appliqué : les participants concernés ont été prévenus.
day-change-discarded = Changement abandonné : le planning reste tel quel.
day-late-not-confirmed = Seule une rencontre confirmée par les deux parties et pas encore placée peut être ajoutée.
day-cancel-not-scheduled = Seule une rencontre planifiée, ni tenue ni absente, peut être annulée.
# The live board
day-board-link = Tableau de la journée
day-board-title = Tableau de la journée — { $edition }
day-board-updated = Mis à jour { $when }.
day-board-previous = Créneau précédent
day-board-next = Créneau suivant
day-board-counts = Tables par état
day-board-company = Entreprise
day-board-no-slots = Aucun créneau : préparez d’abord la journée.
day-board-slots = Tous les créneaux
day-board-arrivals = { $count ->
    [0] Aucune arrivée
    [one] 1 personne arrivée
   *[other] { $count } personnes arrivées
} sur { $people } attendues.
day-board-state-free = libre
day-board-state-planned = à venir
day-board-state-in-progress = en cours
day-board-state-held = tenue
day-board-state-no-show = absence
# Check-in
day-desk-link = Accueil des participants
day-desk-title = Accueil — { $edition }
day-desk-search = Nom, adresse ou organisation
day-desk-search-go = Chercher
day-desk-expected = Attendus
day-desk-nobody = Personne ne correspond à cette recherche.
day-desk-name = Nom
day-desk-organisation = Organisation
day-desk-action = Action
day-desk-check-in = Enregistrer l’arrivée
day-desk-check-in-named = Enregistrer l’arrivée de { $name }
day-desk-arrived = Arrivés
day-desk-none-arrived = Personne n’est encore arrivé.
day-desk-arrived-at = Arrivée
day-checked-in = Arrivée enregistrée.
day-arrival-title = Accueil
day-arrival-help = Présentez-vous à l’accueil ou enregistrez vous-même votre arrivée.
day-arrival-check-in = Enregistrer mon arrivée
# Rating results
day-results-link = Évaluations
day-results-title = Évaluations — { $edition }
day-results-ratings = Évaluations reçues
day-results-mean = Note moyenne (sur 5)
day-results-follow-up = Suite souhaitée
day-results-missing = Rencontres tenues pas encore évaluées par les deux parties
day-results-none = Aucune rencontre tenue pour l’instant.
day-results-by-meeting = Par rencontre
day-results-by-company = Par entreprise
day-results-by-irritant = Par irritant
day-results-name = Nom
day-results-institution = Établissement
day-results-company = Entreprise
day-results-given = { $score }/5, suite : { $follow_up }
day-results-not-rated = pas encore évaluée
day-arrival-closed = L’accueil ouvre le jour des rencontres : gardez ce code, il servira à enregistrer votre arrivée.
day-agenda-check-in-title = Votre accueil
day-agenda-check-in-help = Le jour des rencontres, présentez ce code à l’accueil (ou ouvrez l’adresse ci-dessous pour enregistrer vous-même votre arrivée).
day-live-pages = Le jour J
# Unavailability and the organisers' rules, before the run
day-availability-link = Mes indisponibilités
day-availability-title = Mes indisponibilités le jour des rencontres
day-availability-not-ready = Les créneaux de la journée ne sont pas encore fixés : vous pourrez indiquer ici ceux où vous ne pourrez pas être présent.
day-availability-help = Cochez les créneaux où vous ne pourrez pas être présent : le planning n’y placera aucune de vos rencontres.
day-availability-closed = Le planning est publié : pour signaler une absence, écrivez aux organisateurs.
day-availability-nobody = Vous n’avez pas encore de rencontre confirmée dans cette édition.
day-availability-slots = Créneaux où je ne pourrai pas être présent
day-availability-step-free = J’ai besoin d’une table accessible de plain-pied
day-availability-save = Enregistrer
day-availability-saved = Vos indisponibilités sont enregistrées.
day-rules-link = Règles des rencontres
day-rules-title = Règles des rencontres — { $edition }
day-rules-help = Fixez une rencontre à un créneau ou à une table, verrouillez-la, ou imposez qu’une autre ait lieu avant elle. Le prochain calcul de planning les respecte.
day-rules-no-meetings = Aucune rencontre confirmée pour l’instant.
day-rules-set = Règle d’une rencontre
day-rules-slot = Créneau imposé
day-rules-any-slot = Aucun (n’importe quel créneau)
day-rules-table = Table imposée
day-rules-any-table = Aucune (n’importe quelle table)
day-rules-locked = Verrouillée (un changement du jour ne la déplace pas)
day-rules-after = Doit avoir lieu après
day-rules-no-order = Aucun ordre
day-rules-save = Enregistrer la règle
day-rule-saved = Règle enregistrée.
day-rules-list = Rencontres avec une règle
day-rules-none = Aucune règle pour l’instant.
day-rules-orders = Ordres imposés
day-rules-no-orders = Aucun ordre imposé.
day-rules-first = D’abord
day-rules-then = Ensuite
day-rules-remove-order = Retirer cet ordre
day-order-removed = Ordre retiré.
