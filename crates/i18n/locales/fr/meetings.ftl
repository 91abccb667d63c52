# Meetings: statuses, answers and reasons (meeting states of DESIGN.md)
meeting-status-proposed = Proposé
meeting-status-accepted = Accepté par les deux parties
meeting-status-imposed = Imposé par les organisateurs
meeting-status-declined = Décliné
meeting-status-scheduled = Planifié
meeting-status-held = Tenu
meeting-status-no-show = Absence
meeting-status-cancelled = Annulé
meeting-status-rated = Évalué
side-institution = Établissement
side-company = Entreprise
wish-level-must = À rencontrer absolument
wish-level-would-like = Souhaité
wish-level-no = Non
decline-reason-not-relevant = Hors de notre champ
decline-reason-already-solved = Besoin déjà couvert
decline-reason-no-budget = Pas de budget
decline-reason-not-available = Pas disponible ce jour-là
decline-reason-conflict-of-interest = Conflit d’intérêts
decline-reason-other = Autre raison (précisez)
# Mails about proposals and meetings
mail-proposals-published-subject = { $count ->
    [one] Une rencontre vous est proposée
   *[other] { $count } rencontres vous sont proposées
}
mail-proposals-published-body = Bonjour { $name },

    Les organisateurs des Rencontres Open Innovation vous proposent { $count ->
        [one] cette rencontre
       *[other] ces rencontres
    } :

    { $list }

    Acceptez ou déclinez chaque proposition (en indiquant pourquoi) sur votre page des rencontres :

    { $link }

    — Passerelle
mail-meeting-accepted-subject = Rencontre confirmée : { $irritant }
mail-meeting-accepted-body = Bonjour { $name },

    { $institution } et { $company } ont tous deux accepté de se rencontrer au sujet de « { $irritant } ». Les coordonnées de chacun figurent sur votre page des rencontres, et le créneau vous sera communiqué avec le planning de la journée.

    { $link }

    — Passerelle
mail-meeting-declined-subject = Proposition déclinée : { $irritant }
mail-meeting-declined-body = Bonjour { $name },

    La proposition de rencontre entre { $institution } et { $company } au sujet de « { $irritant } » a été déclinée.

    Raison : { $reason }
    { $comment }

    Les organisateurs pourront vous proposer une autre rencontre.

    { $link }

    — Passerelle
mail-meeting-imposed-subject = Rencontre retenue par les organisateurs : { $irritant }
mail-meeting-imposed-body = Bonjour { $name },

    Les organisateurs ont retenu la rencontre entre { $institution } et { $company } au sujet de « { $irritant } ». Elle figurera au planning de la journée.

    { $link }

    — Passerelle
mail-proposals-reminder-subject = Rappel : des propositions de rencontre attendent votre réponse
mail-proposals-reminder-body = Bonjour { $name },

    { $count ->
        [one] Une proposition de rencontre attend
       *[other] { $count } propositions de rencontre attendent
    } encore votre réponse. Répondez avant le { $deadline } :

    { $link }

    — Passerelle
run-min-above-max = Le minimum par irritant dépasse le maximum.
run-unknown-company = Choisissez une entreprise validée de l’édition.
run-unknown-pair = Cette paire n’existe pas dans l’édition (irritant publié et entreprise validée).
run-unknown-run = Cette mise en relation n’existe pas dans l’édition.
meeting-exists = Cette rencontre existe déjà.
