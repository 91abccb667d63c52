# Company
company-title = Profil de l’entreprise
company-heading = Profil de { $company }
company-participation = Participation à l’édition :
company-saved = Le profil est enregistré.
size-micro = Jeune pousse (moins de 10 personnes)
size-small = Petite entreprise (10 à 49)
size-medium = Entreprise moyenne (50 à 249)
size-large = Grande entreprise (250 et plus)
mail-company-validated-subject = { $company } est validée pour { $edition }
mail-company-validated-body = Bonjour { $name },

    Les organisateurs ont validé la participation de { $company } à { $edition }. Vous pourrez indiquer les irritants que vous souhaitez discuter dès l’ouverture des choix de rencontres.

    Votre profil : { $link }

    — Passerelle
field-min-budget = Budget minimum d’un projet (euros)
field-min-budget-hint = Le plus petit projet que vous acceptez. Les irritants dont le budget reste en dessous vous sont moins recommandés, et la raison est affichée.
company-min-budget = Budget minimum d’un projet
invalid-min-budget-malformed = Montant invalide : indiquez un nombre d’euros en chiffres (exemple : 15 000).
invalid-min-budget-out-of-range = Le budget minimum doit être compris entre 1 € et 100 000 000 €.
