# The thesaurus as data, under the domains of the vocabulary (issue 8, item 5)
thesaurus-intro = Le thésaurus est le vocabulaire du rapprochement : chaque concept, rangé sous un domaine, a un libellé en français et en anglais, des synonymes et des concepts voisins. Le moteur le reconnaît dans les fiches et les profils pour recommander les entreprises et proposer les rencontres.
thesaurus-heading = Les concepts, par domaine
thesaurus-no-concept = Aucun concept dans ce domaine.
thesaurus-synonyms = { $count ->
    [0] aucun synonyme
    [one] un synonyme
   *[other] { $count } synonymes
}
thesaurus-related = { $count ->
    [0] aucun concept voisin
    [one] un concept voisin
   *[other] { $count } concepts voisins
}
domains-table-heading = Les domaines
concept-new-title = Ajouter un concept
concept-edit-title = Concept « { $label } »
concept-back = Retour au vocabulaire
concept-intro = Les synonymes sont les autres façons de l’écrire, dans une langue ou l’autre ; les formes au pluriel et les accents sont reconnus d’eux-mêmes. Évitez les mots trop courants (« salle », « données ») : ils rapprocheraient tous les textes.
concept-unclassified = Concepts sans domaine
concept-known = Les concepts existants (identifiants)
concept-delete = Supprimer ce concept
concept-saved = Le concept est enregistré ; les recommandations seront recalculées.
concept-removed = Le concept est supprimé.
field-concept-key = Identifiant
hint-concept-key = Lettres minuscules sans accent, chiffres et tirets (par exemple « reservation-salles ») ; il ne change plus ensuite.
field-concept-domain = Domaine
field-concept-synonyms = Synonymes
hint-concept-synonyms = Un par ligne, 60 au plus.
field-concept-related = Concepts voisins
hint-concept-related = Leurs identifiants, séparés par des virgules, 30 au plus ; la relation vaut dans les deux sens.
concept-key-taken = Un concept porte déjà cet identifiant.
concept-label-empty = Ce libellé n’est fait que de mots vides (« le », « de »…) ou de ponctuation : il ne serait jamais reconnu.
concept-synonym-empty = Le synonyme « { $synonym } » n’est fait que de mots vides : il ne serait jamais reconnu.
concept-related-unknown = Aucun concept n’a l’identifiant « { $key } ».
