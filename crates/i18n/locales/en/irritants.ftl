# Editor and my irritants
editor-new-title = New irritant
editor-edit-title = Edit the irritant
mine-title = My irritants
mine-heading = My institution’s irritants
mine-new = Describe a new irritant
mine-empty = No irritant yet.
mine-closed = The call for irritants is not open at the moment.
no-edition = No current edition.
mail-irritant-submitted-subject = Irritant submitted: { $title }
mail-irritant-submitted-body = Hello { $name },

    { $institution } submitted the irritant “{ $title }”. It awaits your validation:

    { $link }

    — Passerelle
mail-irritant-published-subject = Your irritant is published: { $title }
mail-irritant-published-body = Hello { $name },

    The organisers published your irritant “{ $title }”. It is now in the public catalogue, where companies can find it:

    { $link }

    — Passerelle
mail-irritant-returned-subject = Your irritant was sent back: { $title }
mail-irritant-returned-body = Hello { $name },

    The organisers sent the irritant “{ $title }” back to you with this comment:

    { $comment }

    Change the fiche, then submit it again:

    { $link }

    — Passerelle
