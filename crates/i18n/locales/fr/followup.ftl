# Le suivi après la journée (issue 10) : opportunités, tableau des organisateurs
nav-followup = Suivi
followup-title = Suivi des rencontres
followup-intro = Chaque rencontre qui a une suite devient une opportunité : de la prise de contact à la preuve de concept livrée et partagée avec les autres établissements. Chaque partie y fait les étapes qui lui reviennent.
followup-none = Aucune opportunité pour le moment. Quand les deux parties d’une rencontre tenue souhaitent une suite, elle apparaît ici.
followup-open-heading = Donner une suite à une rencontre
followup-open-intro = Une rencontre tenue mérite une suite sans que les deux parties l’aient demandé dans leur évaluation ? Ouvrez son opportunité : l’autre partie en est informée.
followup-open-meeting = Rencontre tenue
followup-open-submit = Ouvrir l’opportunité
followup-opened = L’opportunité est ouverte ; l’autre partie en est informée.
followup-board-link = Suivi des opportunités
followup-board-title = Suivi des opportunités — { $edition }
followup-board-count = { $count ->
    [0] Aucune opportunité pour cette édition.
    [one] Une opportunité pour cette édition.
   *[other] { $count } opportunités pour cette édition.
}
followup-board-totals = Totaux par état
followup-board-number = Nombre
followup-board-all = Toutes
followup-board-empty = Aucune.

opportunity-title = Opportunité : { $irritant }
opportunity-field-irritant = Irritant
opportunity-field-institution = Établissement
opportunity-field-company = Entreprise
opportunity-field-edition = Édition
opportunity-field-status = État
opportunity-field-origin = Origine
opportunity-field-updated = Mise à jour
opportunity-field-estimated-cost = Coût estimé
opportunity-field-requested = Montant demandé
opportunity-field-granted = Montant accordé
opportunity-field-co-funding = Cofinancement
opportunity-field-move = Étape
opportunity-field-comment = Commentaire
opportunity-field-amounts-comment = Commentaire sur les montants
opportunity-comment-hint = Daté et visible des deux parties. Pour abandonner, dites pourquoi.
opportunity-amounts-heading = Montants
opportunity-amount = Montant
opportunity-value = Valeur
opportunity-amount-unknown = non renseigné
opportunity-amounts-hint = En euros, sans centimes (par exemple 45 000). Laissez vide ce qui n’est pas connu. Le montant demandé ne dépasse pas le coût estimé, ni le montant accordé le montant demandé.
opportunity-edit-amounts-heading = Mettre à jour les montants
opportunity-amounts-submit = Enregistrer les montants
opportunity-amounts-saved = Montants enregistrés.
opportunity-move-heading = Étape suivante
opportunity-acting-as = Vous agissez pour : { $who }.
opportunity-move-submit = Enregistrer l’étape
opportunity-moved = Étape enregistrée ; l’autre partie en est informée.
opportunity-stale = L’opportunité a changé entre-temps : voici son état actuel.
opportunity-history-heading = Historique
opportunity-back = Retour au suivi
opportunity-frozen = L’édition est close : cette opportunité est consultable, elle ne change plus.
opportunity-by-ratings = les évaluations des deux parties
opportunity-step-rated = Proposée aux deux parties : chacune souhaitait une suite
opportunity-step-manual = Ouverte à la main
opportunity-step-amounts = Montants mis à jour
opportunity-step-moved = Passée à l’état « { $status } »
opportunity-reason-required = Dites pourquoi l’opportunité est abandonnée.
opportunity-move-not-yours = Cette étape ne vous revient pas, ou n’est pas possible depuis l’état actuel.
opportunity-status-follow-up-contact = Prise de contact
opportunity-status-proposal = Proposition
opportunity-status-funding-requested = Financement demandé
opportunity-status-funded = Financée
opportunity-status-poc-running = Preuve de concept en cours
opportunity-status-delivered = Livrée
opportunity-status-shared = Partagée comme retour d’expérience
opportunity-status-abandoned = Abandonnée
opportunity-move-propose = Faire une proposition
opportunity-move-request-funding = Demander un financement
opportunity-move-fund = Financement obtenu
opportunity-move-start = Lancer la preuve de concept
opportunity-move-deliver = Livrer la preuve de concept
opportunity-move-share = Partager le retour d’expérience
opportunity-move-abandon = Abandonner
opportunity-mover-institution = l’établissement
opportunity-mover-company = l’entreprise
opportunity-mover-organiser = les organisateurs
opportunity-origin-rated = les deux parties ont souhaité une suite dans leur évaluation
opportunity-origin-manual = ouverte à la main
invalid-estimated-cost-out-of-range = Le coût estimé dépasse 100 000 000 €.
invalid-requested-out-of-range = Le montant demandé dépasse le coût estimé (ou 100 000 000 €).
invalid-granted-out-of-range = Le montant accordé dépasse le montant demandé (ou 100 000 000 €).
invalid-co-funding-out-of-range = Le cofinancement dépasse le coût estimé (ou 100 000 000 €).
invalid-estimated-cost-malformed = Un montant s’écrit en euros, en chiffres, sans centimes (par exemple 45 000).
invalid-requested-malformed = Un montant s’écrit en euros, en chiffres, sans centimes (par exemple 45 000).
invalid-granted-malformed = Un montant s’écrit en euros, en chiffres, sans centimes (par exemple 45 000).
invalid-co-funding-malformed = Un montant s’écrit en euros, en chiffres, sans centimes (par exemple 45 000).

mail-opportunity-proposed-subject = Une suite à votre rencontre : { $irritant }
mail-opportunity-proposed-body = Bonjour { $name },

    { $institution } et { $company } ont tous deux souhaité donner une suite à leur rencontre au sujet de « { $irritant } ». Une opportunité est ouverte pour la suivre, de la prise de contact à la preuve de concept : chacun y enregistre les étapes qui lui reviennent et les montants.

    { $link }

    — Passerelle
mail-opportunity-opened-subject = Opportunité ouverte : { $irritant }
mail-opportunity-opened-body = Bonjour { $name },

    Une opportunité a été ouverte pour donner une suite à la rencontre entre { $institution } et { $company } au sujet de « { $irritant } ».

    { $link }

    — Passerelle
mail-opportunity-moved-subject = { $irritant } : { $status }
mail-opportunity-moved-body = Bonjour { $name },

    L’opportunité entre { $institution } et { $company } au sujet de « { $irritant } » passe à l’état « { $status } ».
    { $comment }

    { $link }

    — Passerelle
mail-opportunity-amounts-subject = Montants mis à jour : { $irritant }
mail-opportunity-amounts-body = Bonjour { $name },

    Les montants de l’opportunité entre { $institution } et { $company } au sujet de « { $irritant } » ont changé : coût estimé { $estimated }, demandé { $requested }, accordé { $granted }, cofinancement { $cofunding }.

    { $link }

    — Passerelle
