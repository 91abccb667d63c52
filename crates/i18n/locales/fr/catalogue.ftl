# Catalogue and fiche
catalogue-title = Catalogue des irritants
catalogue-heading = Les irritants
catalogue-lead = Les besoins numériques publiés par les établissements pour l’édition { $edition }.
catalogue-filters = Filtrer les irritants
catalogue-filter-domain = Domaine
catalogue-filter-institution = Établissement
catalogue-all-domains = Tous les domaines
catalogue-all-institutions = Tous les établissements
catalogue-apply = Filtrer
catalogue-reset = Tout afficher
catalogue-count = { $count ->
    [0] Aucun irritant ne correspond.
    [one] Un irritant.
   *[other] { $count } irritants.
}
fiche-back = ← Tous les irritants
fiche-demo-note = Description rédigée pour la démonstration (pour l’édition 2021, le titre et l’établissement sont ceux publiés en 2021).
fiche-returned-comment = Renvoyé par les organisateurs :
fiche-workflow = Suivi
fiche-missing = Avant de soumettre, complétez :
fiche-history = Historique
history-entry = { $date } — { $who } : { $what }
irritant-saved = Le brouillon est enregistré.
irritant-submitted = L’irritant est soumis aux organisateurs.
irritant-published = L’irritant est publié dans le catalogue.
irritant-returned = L’irritant est renvoyé à l’établissement avec votre commentaire.
irritant-archived = L’irritant est archivé.
irritant-incomplete = Cet irritant n’est pas complet : il ne peut pas encore être soumis.
catalogue-other-editions = Les autres éditions
