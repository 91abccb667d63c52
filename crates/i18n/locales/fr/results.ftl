# Les résultats publics de chaque édition (issue 10)
results-title = Résultats — { $edition }
results-intro = Ce que l’édition a donné, des irritants publiés aux preuves de concept livrées, et les montants en jeu. Chiffres tenus à jour par le suivi des rencontres.
results-funnel-heading = De l’irritant à la solution livrée
results-funnel-reading = Chaque étape compte où en sont les opportunités aujourd’hui : une opportunité abandonnée ne compte que parmi les suites données.
results-funnel-title = Entonnoir de l’édition
results-funnel-description = { $irritants ->
    [one] Un irritant publié
   *[other] { $irritants } irritants publiés
}, { $meetings ->
    [0] aucune rencontre tenue
    [one] une rencontre tenue
   *[other] { $meetings } rencontres tenues
}, { $delivered ->
    [0] aucune preuve de concept livrée pour le moment.
    [one] une preuve de concept livrée.
   *[other] { $delivered } preuves de concept livrées.
}
results-step = Étape
results-number = Nombre
results-step-irritants = Irritants publiés
results-step-companies = Entreprises validées
results-step-meetings = Rencontres tenues
results-step-follow-ups = Suites données
results-step-pocs = Preuves de concept proposées
results-step-funded = Financées
results-step-delivered = Livrées
results-amounts-heading = Les montants
results-amounts-title = Montants des suites données
results-amounts-description = Demandé : { $requested } ; accordé : { $granted } ; cofinancement des parties : { $co_funding }.
results-amount = Montant
results-euros = Euros
results-amount-requested = Financement demandé
results-amount-granted = Financement accordé
results-amount-co-funding = Cofinancement des parties
results-catalogue-link = Les irritants de cette édition
results-link = Résultats de l’édition
