# Shared experience (issue 10): experience reports of delivered proofs of concept, and "we are interested".
experience-not-delivered = The experience report is written once the proof of concept is delivered.
mail-experience-interest-subject = Interest in your experience: { $irritant }
mail-experience-interest-body = Hello { $name },

    { $interested } is interested in { $author }'s experience report on “{ $irritant }”.
    To talk about it: { $person }, { $email }.

    { $link }

    — Passerelle
mail-experience-interest-sent-subject = Your interest was passed on: { $irritant }
mail-experience-interest-sent-body = Hello { $name },

    { $author } knows that { $interested } is interested in its experience report on “{ $irritant }”.
    To talk about it: { $contact }.

    { $link }

    — Passerelle
