# L’évaluation à six mois (issue 10)
six-months-title = Six mois après : { $irritant }
six-months-intro = Environ six mois après la journée, que s’est-il passé depuis votre rencontre avec { $other } ? Votre réponse met à jour le suivi de l’opportunité et aide l’agence à rendre compte de la suite réalisée.
six-months-answered = Vous avez répondu le { $when } ; vous pouvez corriger votre réponse.
six-months-field-outcome = Ce qui est sorti de la rencontre
six-months-outcome-nothing = Rien pour le moment
six-months-outcome-contact-kept = Le contact est gardé
six-months-outcome-quote = Un devis
six-months-outcome-contract = Un contrat
six-months-outcome-poc = Une preuve de concept
six-months-field-amount = Montant en jeu
six-months-amount-hint = En euros, sans centimes (par exemple 25 000) ; laissez vide s’il n’y en a pas.
six-months-field-satisfaction = Votre satisfaction
six-months-score-1 = 1 — pas du tout satisfait
six-months-score-2 = 2 — peu satisfait
six-months-score-3 = 3 — assez satisfait
six-months-score-4 = 4 — satisfait
six-months-score-5 = 5 — très satisfait
six-months-field-comment = Commentaire
six-months-pending = Six mois après : dites-nous ce qui est sorti de ces rencontres
six-months-submit = Envoyer ma réponse
six-months-thanks = Merci : votre réponse est enregistrée.
six-months-institutions = Établissements
six-months-companies = Entreprises
six-months-board-heading = Évaluation à six mois
six-months-board-due = Demandée aux deux parties de chaque rencontre tenue à partir du { $date }, avec une relance.
six-months-board-side = Partie
six-months-board-asked = Demandées
six-months-board-reminded = Relancées
six-months-board-answered = Reçues
six-months-board-rate = Taux de réponse
invalid-amount-malformed = Un montant s’écrit en euros, en chiffres, sans centimes (par exemple 25 000).
invalid-amount-out-of-range = Le montant dépasse 100 000 000 €.

mail-six-month-request-subject = Six mois après votre rencontre : { $irritant }
mail-six-month-request-body = Bonjour { $name },

    Il y a environ six mois, vous avez rencontré { $other } au sujet de « { $irritant } ». Qu’en est-il sorti ? Trois questions, une minute : ce qui s’est passé, le montant en jeu, votre satisfaction.

    { $link }

    — Passerelle
mail-six-month-reminder-subject = Rappel : six mois après votre rencontre, { $irritant }
mail-six-month-reminder-body = Bonjour { $name },

    Nous n’avons pas encore votre réponse sur la suite de votre rencontre avec { $other } au sujet de « { $irritant } ». C’est le seul rappel.

    { $link }

    — Passerelle
