search-title = Search
search-label = Search irritants, companies, funding schemes
search-hint = Plurals, missing accents, a typo and the vocabulary's synonyms are understood.
search-submit = Search
search-too-long = The search is too long: { $max } characters at most, filters included.
search-count = { $count ->
    [0] No result.
    [one] One result.
   *[other] { $count } results.
}
search-shown = { $count ->
    [one] The first one is shown.
   *[other] The first { $count } are shown.
}
search-facets = Narrow down
search-remove-filter = Remove the filter:
search-facet-type = Type
search-facet-edition = Edition
search-facet-domaine = Domain
search-facet-etablissement = Institution
search-facet-region = Region
search-facet-etat = State
search-facet-budget = Budget
search-kind-irritant = Irritant
search-kind-company = Company
search-kind-funding-scheme = Funding scheme
search-box = Search
nav-search = Search
