# Company directory and company pages
directory-title = Les entreprises
directory-heading = Les entreprises
directory-lead = Les entreprises validées pour l’édition { $edition }.
directory-filters = Filtrer les entreprises
directory-filter-specialty = Spécialité
directory-all-specialties = Toutes les spécialités
directory-filter-region = Région
directory-all-regions = Toutes les régions
directory-count = { $count ->
    [0] Aucune entreprise validée pour l’instant.
    [one] Une entreprise.
   *[other] { $count } entreprises.
}
directory-count-filtered = { $count ->
    [0] Aucune entreprise ne correspond
    [one] Une entreprise correspond
   *[other] { $count } entreprises correspondent
}
directory-count-of = { $count ->
    [one] sur une validée.
   *[other] sur { $count } validées.
}
directory-back = ← Toutes les entreprises
directory-no-profile = Cette entreprise n’a pas encore rempli son profil.
directory-not-given = Non renseigné
directory-participations = Participations aux éditions
directory-no-participation = Aucune participation pour l’instant.
nav-directory = Entreprises
