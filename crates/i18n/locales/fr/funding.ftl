# Funding schemes, routing and dossiers (issue 10).
nav-funding = Financements
nav-dossiers = Dossiers
schemes-title = Dispositifs de financement
schemes-intro = Les fonds de l’État et les instances de l’agence qui financent les preuves de concept. Chaque opportunité y est orientée selon ces critères, expliqués critère par critère.
schemes-none = Aucun dispositif n’est encore au catalogue.
scheme-new-title = Nouveau dispositif
scheme-edit-title = Modifier le dispositif
scheme-by = Porté par { $funder }
scheme-link = Site du dispositif « { $name } »
scheme-edit = Modifier « { $name } »
scheme-field-funder = Financeur
scheme-field-funder-hint = Une organisation de type financeur : ses membres reçoivent et instruisent les dossiers.
scheme-field-funder-choose = Choisir le financeur
scheme-field-name = Nom du dispositif
scheme-field-description = Description
scheme-field-description-hint = Ce que le dispositif finance, pour qui, et comment déposer.
scheme-field-budget = Coût des projets financés (euros)
scheme-field-budget-hint = Laissez vide une borne ouverte ; laissez les deux vides si tout coût est accepté.
scheme-field-applicants = Qui dépose le dossier
scheme-field-themes = Thèmes
scheme-field-themes-hint = Les domaines que le dispositif finance ; aucun coché : tous les thèmes.
scheme-field-share = Part maximale du coût financée (%)
scheme-field-share-hint = Par exemple 70 : les parties cofinancent au moins les 30 % restants. Vide : jusqu’à la totalité du coût.
scheme-field-window = Dépôt des dossiers
scheme-field-opens = Ouverture des dépôts
scheme-field-closes = Clôture des dépôts
scheme-field-link = Adresse web du dispositif
scheme-save = Enregistrer le dispositif
scheme-saved = Dispositif enregistré.
scheme-stale = Le dispositif a été modifié entre-temps : voici sa version actuelle.
scheme-funder-unknown = Choisissez un financeur de la liste (une organisation de type financeur).
scheme-applicants-institution = l’établissement
scheme-applicants-company = l’entreprise
scheme-applicants-either = l’établissement ou l’entreprise
scheme-themes-any = tous les thèmes
scheme-share-whole = jusqu’à la totalité du coût
scheme-share-at-most = au plus { $rate } du coût
routing-title = Financements possibles : { $irritant }
routing-intro = Chaque dispositif est comparé à l’opportunité critère par critère. Les dispositifs dont aucun critère n’échoue viennent en premier, la clôture la plus proche d’abord ; un critère « à vérifier » manque d’une information (le coût estimé, par exemple) que le financeur examinera.
routing-eligible = éligible
routing-not-eligible = non éligible
routing-dossier-filed = Voir le dossier déposé auprès de « { $name } »
routing-field-plan = Plan de la preuve de concept
routing-field-plan-hint = Périmètre, étapes, durée et livrables : le financeur le lit avec la fiche, l’entreprise, la rencontre et les montants.
routing-file = Déposer le dossier auprès de « { $name } »
routing-back = Retour à l’opportunité
routing-mark-pass = Rempli :
routing-mark-fail = Non rempli :
routing-mark-unknown = À vérifier :
routing-stage-pass = l’opportunité en est à l’étape « { $status } », un dossier peut être déposé.
routing-stage-fail = l’opportunité en est à l’étape « { $status } », il n’y a plus de dossier à déposer.
routing-budget-pass = coût estimé { $cost }, dans la fourchette du dispositif ({ $range }).
routing-budget-fail = coût estimé { $cost }, hors de la fourchette du dispositif ({ $range }).
routing-budget-unknown = le coût n’est pas encore estimé ; le dispositif finance des projets { $range }.
routing-themes-any = le dispositif est ouvert à tous les thèmes.
routing-themes-pass = thèmes communs avec l’irritant : { $themes }.
routing-themes-fail = aucun thème de l’irritant n’est parmi ceux du dispositif.
routing-share-pass = le dispositif finance { $rate } du coût au plus ; le cofinancement prévu ({ $cofunding }) couvre les { $needed } requis.
routing-share-fail = le dispositif finance { $rate } du coût au plus ; il faut au moins { $needed } de cofinancement, { $cofunding } est prévu.
routing-share-unknown = le dispositif finance { $rate } du coût au plus ; estimez le coût pour connaître le cofinancement requis.
routing-window-pass = dépôt ouvert jusqu’au { $closes }.
routing-window-not-yet = dépôt ouvert seulement à partir du { $opens }.
routing-window-closed = dépôt clos depuis le { $closes }.
routing-applicant = le dossier est déposé par { $who }.
dossier-filed = Dossier déposé ; le financeur et l’autre partie en sont informés.
dossier-scheme-not-eligible = L’opportunité ne remplit pas les critères de ce dispositif : voici pourquoi.
dossier-already-routed = Un dossier est déjà déposé auprès de ce dispositif.
dossiers-title = Dossiers de financement
dossiers-none = Aucun dossier n’a encore été déposé.
dossiers-caption = Les dossiers déposés, le plus récent d’abord
dossier-title = Dossier : { $scheme }
dossier-field-scheme = Dispositif
dossier-field-funder = Financeur
dossier-field-routed = Déposé
dossier-field-decision = Décision
dossier-field-amount = Montant accordé (euros)
dossier-field-amount-hint = Obligatoire pour un accord, au plus le montant demandé.
dossier-field-comment = Commentaire
dossier-field-comment-hint = Obligatoire pour un refus ou une demande de compléments ; envoyé aux deux parties.
dossier-decision-accepted = accordé
dossier-decision-declined = refusé
dossier-decision-more-information = compléments demandés
dossier-decision-pending = en cours d’instruction
dossier-download-json = Télécharger le dossier (JSON)
dossier-criteria-heading = Critères du dispositif au dépôt
dossier-decision-heading = Décision du financeur
dossier-decide = Enregistrer la décision
dossier-decided = Décision enregistrée ; les deux parties en sont informées.
dossier-already-decided = Ce dossier est déjà accordé : la décision ne change plus.
dossier-amount-required = Indiquez le montant accordé.
dossier-amount-above-request = Le montant accordé ne peut dépasser le montant demandé.
dossier-amount-only-when-accepted = Un montant ne s’indique que pour un accord.
dossier-comment-required = Expliquez le refus ou les compléments demandés : les parties le liront.
opportunity-mover-funder = le financeur
opportunity-routing-link = Financements possibles et dossiers
invalid-rate-malformed = Part invalide : indiquez un pourcentage en chiffres (exemple : 70).
invalid-rate-out-of-range = La part financée doit être comprise entre 1 % et 100 %.
invalid-opens-required = Indiquez la date d’ouverture des dépôts.
invalid-opens-malformed = Date invalide (format attendu : AAAA-MM-JJ).
invalid-closes-required = Indiquez la date de clôture des dépôts.
invalid-closes-malformed = Date invalide (format attendu : AAAA-MM-JJ).
invalid-closes-out-of-range = La clôture des dépôts doit suivre leur ouverture.
mail-dossier-filed-subject = Nouveau dossier : { $irritant }
mail-dossier-filed-body = Bonjour { $name },

    Un dossier a été déposé auprès de « { $scheme } » pour la preuve de concept entre { $institution } et { $company } au sujet de « { $irritant } ».

    { $link }

    — Passerelle
mail-opportunity-routed-subject = Dossier déposé : { $irritant }
mail-opportunity-routed-body = Bonjour { $name },

    Le dossier de la preuve de concept entre { $institution } et { $company } au sujet de « { $irritant } » a été déposé auprès de « { $scheme } ».

    { $link }

    — Passerelle
mail-dossier-decided-subject = Décision sur le dossier : { $irritant }
mail-dossier-decided-body = Bonjour { $name },

    « { $scheme } » a rendu sa décision sur le dossier entre { $institution } et { $company } au sujet de « { $irritant } » : { $decision }. { $amount }
    { $comment }

    { $link }

    — Passerelle
# The dossier as a PDF (dossier_pdf.rs).
dossier-pdf-kind = Dossier de financement
dossier-pdf-dossier = Le dossier
dossier-pdf-undecided = En attente de la décision du financeur
dossier-pdf-irritant = La fiche de l’irritant
dossier-pdf-company = L’entreprise
dossier-pdf-meeting = La rencontre et ses évaluations
dossier-download-pdf = Télécharger le dossier (PDF)
