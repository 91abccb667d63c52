# Editor and my irritants
editor-new-title = Nouvel irritant
editor-edit-title = Modifier l’irritant
mine-title = Mes irritants
mine-heading = Les irritants de mon établissement
mine-new = Décrire un nouvel irritant
mine-empty = Aucun irritant pour le moment.
mine-closed = L’appel à irritants n’est pas ouvert en ce moment.
no-edition = Aucune édition en cours.
mail-irritant-submitted-subject = Irritant soumis : { $title }
mail-irritant-submitted-body = Bonjour { $name },

    { $institution } a soumis l’irritant « { $title } ». Il attend votre validation :

    { $link }

    — Passerelle
mail-irritant-published-subject = Votre irritant est publié : { $title }
mail-irritant-published-body = Bonjour { $name },

    Les organisateurs ont publié votre irritant « { $title } ». Il figure désormais au catalogue public, où les entreprises peuvent le découvrir :

    { $link }

    — Passerelle
mail-irritant-returned-subject = Votre irritant vous est renvoyé : { $title }
mail-irritant-returned-body = Bonjour { $name },

    Les organisateurs vous renvoient l’irritant « { $title } » avec ce commentaire :

    { $comment }

    Modifiez la fiche puis soumettez-la de nouveau :

    { $link }

    — Passerelle
