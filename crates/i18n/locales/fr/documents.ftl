# The fiche as a document (issue 14): the PDF fiche, the edition's booklet
documents-fiche = Fiche
documents-edition = Édition
documents-qr-alt = QR code : la fiche en ligne
documents-booklet-kind = Livret des irritants
documents-booklet-contents = Sommaire
documents-booklet-count = { $count ->
    [0] Aucune fiche
    [one] Une fiche
   *[other] { $count } fiches
}
documents-booklet-organiser = Édité par les organisateurs des Rencontres avec Passerelle
# Links: size in kilobytes (Ko in French)
documents-download-fiche = Télécharger la fiche (PDF, { $size } Ko)
documents-download-fiche-unsized = Télécharger la fiche (PDF)
# The booklet's console page
documents-booklet-title = Livret de l’édition
documents-booklet-heading = Livret imprimable de l’édition { $edition }
documents-booklet-lead = Un PDF de toutes les fiches publiées, avec une couverture et un sommaire, à imprimer pour les tables. Les fiches restent dans leur langue ; les intitulés sont dans la langue choisie.
documents-booklet-fiches = { $count ->
    [0] Aucune fiche publiée pour l’instant.
    [one] Une fiche publiée.
   *[other] { $count } fiches publiées.
}
documents-booklet-lang = Langue des intitulés
documents-booklet-state = État
documents-booklet-missing = Pas encore construit.
documents-booklet-ready = À jour, construit le { $date } ({ $size } Ko).
documents-booklet-outdated = Une fiche a changé depuis sa construction le { $date } : à reconstruire.
documents-booklet-building = Construction en cours ({ $done }/{ $total }) : rechargez la page dans un instant.
documents-booklet-failed = La dernière construction a échoué : { $error }
documents-booklet-build = Construire le livret
documents-booklet-rebuild = Reconstruire le livret
documents-booklet-download = Télécharger le livret (PDF, { $size } Ko)
documents-booklet-built = Le livret est construit.
documents-booklet-queued = La construction du livret est lancée ; elle prend quelques instants.
documents-booklet-empty = Aucune fiche n’est publiée : il n’y a pas encore de livret à construire.
documents-booklet-link = Livret imprimable des fiches
documents-booklet-back = ← Retour à l’édition
documents-booklet-actions = Actions
