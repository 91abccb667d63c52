search-title = Recherche
search-label = Rechercher des irritants, des entreprises, des dispositifs de financement
search-hint = Les mots au pluriel ou sans accents, une faute de frappe et les synonymes du vocabulaire sont compris.
search-submit = Rechercher
search-too-long = La recherche est trop longue : { $max } caractères au plus, filtres compris.
search-count = { $count ->
    [0] Aucun résultat.
    [one] Un résultat.
   *[other] { $count } résultats.
}
search-shown = { $count ->
    [one] Le premier est affiché.
   *[other] Les { $count } premiers sont affichés.
}
search-facets = Affiner
search-remove-filter = Retirer le filtre :
search-facet-type = Type
search-facet-edition = Édition
search-facet-domaine = Domaine
search-facet-etablissement = Établissement
search-facet-region = Région
search-facet-etat = État
search-facet-budget = Budget
search-kind-irritant = Irritant
search-kind-company = Entreprise
search-kind-funding-scheme = Dispositif de financement
search-box = Rechercher
nav-search = Recherche
