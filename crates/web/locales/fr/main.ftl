# Layout
skip-link = Aller au contenu
nav-main = Navigation principale
nav-home = Accueil
nav-catalogue = Irritants
nav-mine = Mes irritants
nav-company = Profil entreprise
nav-pipeline = Mes entreprises
nav-console = Console
nav-sign-in = Se connecter
nav-sign-out = Se déconnecter
switch-language = English
footer-text = Passerelle — Rencontres Open Innovation entre établissements de l’enseignement supérieur et de la recherche et entreprises innovantes.
# Errors
error-back-home = Retour à l’accueil
error-not-found-title = Page introuvable
error-not-found = Cette page n’existe pas ou n’est pas visible pour vous.
error-forbidden-title = Accès refusé
error-forbidden = Votre compte ne permet pas cette action.
error-csrf-title = Formulaire expiré
error-csrf = Le formulaire a expiré ou ne vient pas de ce site. Revenez à la page précédente, rechargez-la et recommencez.
error-conflict-title = Action impossible
error-conflict = Cette action n’est pas possible dans l’état actuel. Rechargez la page.
error-internal-title = Erreur du serveur
error-internal = Une erreur inattendue s’est produite. Réessayez dans un instant.
# Home
home-title = Accueil
home-heading = Passerelle, les Rencontres Open Innovation
home-lead = Passerelle met en relation les établissements de l’enseignement supérieur et de la recherche, qui décrivent leurs besoins numériques (les « irritants »), et les entreprises innovantes capables d’y répondre.
home-how = Les établissements publient leurs irritants, les chargés d’affaires recrutent des entreprises, les organisateurs préparent qui rencontre qui, puis chacun se retrouve lors d’une journée de rendez-vous et suit les preuves de concept qui en naissent.
home-current-edition = Édition en cours : { $edition }
home-published-count = { $count ->
    [0] Aucun irritant publié pour le moment.
    [one] Un irritant publié.
   *[other] { $count } irritants publiés.
}
home-see-catalogue = Voir le catalogue des irritants
home-phases = Les étapes de l’édition
home-phase-current = étape en cours
home-no-edition = Aucune édition n’est ouverte pour le moment.
home-who = Pour qui ?
home-who-institutions = Établissements : décrivez vos irritants et rencontrez les entreprises qui peuvent les résoudre.
home-who-companies = Entreprises : présentez vos spécialités et découvrez les besoins des universités.
home-who-managers = Chargés d’affaires : invitez vos entreprises et suivez leur parcours.
home-who-organisers = Organisateurs : validez, mettez en relation, planifiez et suivez.
# Validation messages (by kind, or by full code when more precise)
invalid-required = Ce champ est obligatoire.
invalid-too-long = Trop long : { $count } caractères au maximum.
invalid-too-short = Trop court : { $count } caractères au minimum.
invalid-forbidden-characters = Ce champ contient des caractères non autorisés (caractères de contrôle ou retours à la ligne).
invalid-malformed = Valeur mal formée.
invalid-unknown = Valeur inconnue : choisissez dans la liste.
invalid-out-of-range = Valeur hors des limites permises.
invalid-too-many = Trop de valeurs : { $count } au maximum.
invalid-email-malformed = Adresse e-mail invalide (exemple : prenom.nom@universite.fr).
invalid-website-malformed = Adresse web invalide : elle doit commencer par https:// ou http://.
invalid-password-too-short = Mot de passe trop court : { $count } caractères au minimum.
form-has-errors = Le formulaire contient des erreurs. Corrigez les champs signalés ; rien n’a été enregistré.
error-bad-request-title = Requête invalide
error-bad-request = Le formulaire envoyé est mal formé. Revenez à la page précédente et recommencez.
# Dates and phases
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
dates-range = du { $from } au { $to }
dates-from = à partir du { $from }
dates-until = jusqu’au { $to }
phase-draft = Préparation
phase-call-for-irritants = Appel à irritants
phase-company-registration = Inscription des entreprises
phase-preferences = Choix des rencontres
phase-matching = Mise en relation
phase-schedule-published = Planning publié
phase-event-day = Journée des rencontres
phase-follow-up = Suivi
phase-closed = Clôture
invalid-budget-malformed = Montant invalide : indiquez un nombre d’euros en chiffres (exemple : 15 000).
invalid-budget-out-of-range = Montants incohérents : le minimum doit être inférieur au maximum, et chacun au plus 100 000 000 €.
