# Shared experience (issue 10): experience reports of delivered proofs of concept, and "we are interested".
experience-not-delivered = Le rapport d’expérience s’écrit une fois la preuve de concept livrée.
mail-experience-interest-subject = Intérêt pour votre expérience : { $irritant }
mail-experience-interest-body = Bonjour { $name },

    { $interested } est intéressé par le retour d’expérience de { $author } sur « { $irritant } ».
    Pour en parler : { $person }, { $email }.

    { $link }

    — Passerelle
mail-experience-interest-sent-subject = Votre intérêt est transmis : { $irritant }
mail-experience-interest-sent-body = Bonjour { $name },

    { $author } sait que { $interested } est intéressé par son retour d’expérience sur « { $irritant } ».
    Pour en parler : { $contact }.

    { $link }

    — Passerelle
