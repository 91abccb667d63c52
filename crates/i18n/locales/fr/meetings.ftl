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
mail-meeting-declined-organisers-subject = Proposition déclinée par { $by } : { $irritant }
mail-meeting-declined-organisers-body = Bonjour { $name },

    { $by } a décliné la rencontre proposée entre { $institution } et { $company } au sujet de « { $irritant } ».

    Raison : { $reason }
    { $comment }

    Vous pouvez relancer la mise en relation en gardant les rencontres acceptées, ou imposer cette rencontre, depuis la page des rencontres de l’édition :
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
# Matching runs (console)
matching-title = Mise en relation
matching-edition-link = Édition
meetings-console-link = Rencontres de l’édition
matching-runs = Mises en relation
matching-no-run = Aucune mise en relation n’a encore été calculée.
matching-new-run = Nouvelle mise en relation
matching-new-run-intro = Le calcul lit les irritants publiés, les entreprises validées et les souhaits des deux côtés, puis choisit les rencontres de plus forte affinité en respectant les capacités. Les rencontres déjà proposées sont gardées, les propositions déclinées ne reviennent pas.
matching-start = Lancer le calcul
field-run = Calcul
field-date = Date
field-meetings = Rencontres
field-irritant = Irritant
field-affinity = Affinité
field-notes = Remarques
field-company-max = Rencontres par entreprise
field-company-max-hint = Au plus, pour chaque entreprise (entre 1 et 100).
field-irritant-min = Rencontres par irritant, au moins
field-irritant-min-hint = Le calcul dit pourquoi lorsqu’un irritant ne peut pas l’atteindre.
field-irritant-max = Rencontres par irritant, au plus
field-overrides = Capacités particulières
field-overrides-hint = Pour les entreprises qui peuvent tenir plus ou moins de rencontres que les autres.
field-override-company = Entreprise { $n }
field-override-max = Rencontres au plus pour l’entreprise { $n }
run-title = Mise en relation n° { $seq }
run-status-pending = en attente
run-status-running = en cours de calcul
run-status-done = calculée
run-status-failed = échouée
run-status-published = publiée
run-progress = étape { $done } sur { $total }
run-wait = Le calcul est en cours (il continue même si vous quittez la page).
run-refresh = Actualiser la page
run-failed = Le calcul a échoué :
run-summary = Résultat
run-meetings = { $count ->
    [one] Une rencontre proposée.
   *[other] { $count } rencontres proposées.
}
run-mutual = { $count ->
    [0] Aucune rencontre souhaitée par les deux côtés.
    [one] Une rencontre souhaitée par les deux côtés.
   *[other] { $count } rencontres souhaitées par les deux côtés.
}
run-forced-pinned = Souhaits « à rencontrer absolument » imposés : { $forced } ; paires gardées (épinglées ou déjà proposées) : { $pinned }.
run-affinity = Affinité totale : { $total }.
run-size = Calculé sur { $irritants } irritants, { $companies } entreprises, { $wishes } souhaits et { $candidates } paires candidates.
run-seconds = Durée du calcul : { $seconds } s.
run-proof-proven = Optimalité prouvée sur toutes les paires : aucun autre choix ne donne plus de minimums tenus, plus de rencontres souhaitées des deux côtés, puis plus d’affinité.
run-proof-candidates = Optimalité prouvée sur les paires candidates retenues.
run-proof-none = L’optimalité n’a pas pu être prouvée.
run-publish = Publier ces propositions
run-published = Les propositions sont publiées : chaque côté a reçu un courriel.
run-started = Le calcul est lancé.
run-shortfalls = Minimums et souhaits non tenus
run-no-shortfall = Tous les minimums et tous les souhaits « à rencontrer absolument » sont tenus.
shortfall-too-few-candidates = « { $irritant } » : { $got } rencontre(s) sur { $min } au moins, faute de candidates (entreprises possibles : { $eligible }, exclues : { $excluded }).
shortfall-companies-full = « { $irritant } » : { $got } rencontre(s) sur { $min } au moins, car ses entreprises possibles sont complètes : { $companies }.
unmet-refused = { $pair } (souhait côté { $side }) : l’autre côté a dit non ou déclaré un conflit d’intérêts.
unmet-removed = { $pair } (souhait côté { $side }) : retirée par les organisateurs ou déclinée.
unmet-company-full = { $pair } (souhait côté { $side }) : l’entreprise n’a plus de rencontre disponible.
unmet-irritant-full = { $pair } (souhait côté { $side }) : l’irritant a atteint son maximum.
run-diff = Différences avec le calcul précédent
run-diff-none = Aucune différence, ou pas de calcul précédent.
run-added = Ajoutées
run-removed = Retirées
run-pairs = Rencontres proposées
run-again-intro = Cochez les paires à garder ou à retirer, ajoutez-en, ajustez les capacités, puis relancez : le nouveau calcul est gardé à côté de celui-ci.
run-add-pairs = Paires à ajouter
field-add-irritant = Irritant de la paire { $n }
field-add-company = Entreprise de la paire { $n }
run-again = Relancer avec ces changements
pair-mutual = souhaitée des deux côtés
pair-forced = « à rencontrer absolument »
pair-pinned = gardée
pair-pin = Garder
pair-remove = Retirer
# Meetings (participants and console)
nav-meetings = Mes rencontres
meetings-title = Mes rencontres
meetings-none = Aucune rencontre pour le moment.
meetings-your-answer = Votre réponse
meetings-their-answer = Réponse de l’autre côté
meetings-reason = Raison
meetings-contacts = Vos interlocuteurs :
meetings-accept = Accepter la rencontre
meetings-decline = Décliner la rencontre
field-decline-reason = Raison du refus
field-decline-comment = Précisions (obligatoires pour « autre raison »)
answer-pending = en attente
answer-accepted = acceptée
answer-declined = déclinée
meeting-confirmed = Les deux côtés ont accepté : la rencontre est confirmée.
meeting-declined = Vous avez décliné la rencontre ; l’autre côté et les organisateurs en sont informés.
meeting-accepted-waiting = Vous avez accepté ; la rencontre sera confirmée quand l’autre côté aura accepté.
meeting-stale = Cette rencontre a changé depuis l’affichage de la page : voici son état actuel.
meetings-console-title = Rencontres de l’édition
meetings-answers = Réponses (établissement / entreprise)
meetings-impose = Imposer la rencontre
meetings-impose-new = Imposer une nouvelle rencontre
meeting-imposed = La rencontre est imposée ; les deux côtés en sont informés.
