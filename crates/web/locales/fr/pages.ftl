# Fields
field-email = Adresse e-mail
field-password = Mot de passe
field-new-password = Nouveau mot de passe
field-confirm-password = Confirmez le mot de passe
field-password-hint = 10 caractères au minimum. Une phrase de passe est idéale.
field-name = Nom et prénom
field-organisation = Organisation
field-role = Rôle
field-title = Titre
field-title-hint = Entre 5 et 200 caractères, sur une ligne.
field-context = Contexte
field-problem = Problème rencontré
field-expected-result = Résultat attendu
field-budget = Budget
field-budget-min = Budget minimum (euros)
field-budget-max = Budget maximum (euros)
field-timeline = Calendrier
field-timeline-hint = Par exemple : preuve de concept avant la rentrée 2026.
field-domains = Domaines
field-contact = Contact
field-contact-name = Nom du contact
field-contact-email = E-mail du contact
field-institution = Établissement
field-status = État
field-company = Entreprise
field-description = Présentation de l’entreprise
field-specialties = Spécialités
field-references = Références
field-references-hint = Clients, projets menés, notamment dans l’enseignement supérieur.
field-size = Taille
field-region = Région
field-website = Site web
field-return-comment = Commentaire pour l’établissement (obligatoire pour renvoyer)
field-invite-kind = Type de contact
field-existing-organisation = Organisation existante
field-new-organisation-option = — Nouvelle organisation —
field-new-organisation = Nom de la nouvelle organisation
field-new-organisation-hint = À remplir seulement si l’organisation n’est pas dans la liste.
field-slug = Identifiant
field-slug-hint = Lettres minuscules, chiffres et tirets (exemple : intelligence-artificielle).
field-label-fr = Libellé en français
field-label-en = Libellé en anglais
not-given = Non renseigné
# Actions
action-edit = Modifier
action-submit = Soumettre aux organisateurs
action-publish = Publier
action-return = Renvoyer à l’établissement
action-archive = Archiver
action-save-draft = Enregistrer le brouillon
action-save = Enregistrer
action-cancel = Annuler
action-validate-company = Valider { $company }
# Statuses
status-draft = Brouillon
status-submitted = Soumis
status-published = Publié
status-returned = Renvoyé avec commentaire
status-matched = Mis en relation
status-closed = Clos
status-archived = Archivé
participation-invited = Invitée
participation-registered = Inscrite
participation-validated = Validée
# Roles
role-organiser = Organisateur
role-institution-member = Membre d’établissement
role-company-member = Membre d’entreprise
role-business-manager = Chargé d’affaires
role-admin = Administrateur
role-funder = Financeur
# Sign in
signin-title = Connexion
signin-heading = Se connecter
signin-failed = Adresse e-mail ou mot de passe incorrect.
signin-submit = Se connecter
signin-forgot = Mot de passe oublié ?
signin-demo-heading = Comptes de démonstration
signin-demo-intro = Cette instance est une démonstration : ces comptes fictifs permettent d’essayer chaque rôle.
signin-demo-role = Rôle
signed-in = Vous êtes connecté.
signed-out = Vous êtes déconnecté.
# Forgotten password and reset
forgot-title = Mot de passe oublié
forgot-heading = Mot de passe oublié
forgot-intro = Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.
forgot-submit = Envoyer le lien
forgot-sent = Si un compte existe pour cette adresse, un e-mail contenant un lien de réinitialisation vient d’être envoyé.
forgot-mail-subject = Passerelle : choisir un nouveau mot de passe
forgot-mail-body = Bonjour,

    Pour choisir un nouveau mot de passe Passerelle, ouvrez ce lien (valable une heure, utilisable une seule fois) :

    { $link }

    Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.
reset-title = Nouveau mot de passe
reset-heading = Choisir un nouveau mot de passe
reset-invalid = Ce lien n’est pas valable : il a déjà servi ou il a expiré.
reset-ask-again = Demander un nouveau lien
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe a été changé. Vous pouvez vous connecter.
password-mismatch = Les deux mots de passe ne sont pas identiques.
# Invitations
invitation-title = Invitation
invitation-heading = Accepter l’invitation
invitation-intro = Vous avez été invité à rejoindre Passerelle. Choisissez votre nom et votre mot de passe pour créer votre compte.
invitation-submit = Créer mon compte
invitation-invalid = Cette invitation n’est pas valable : elle a déjà servi ou elle a expiré. Demandez-en une nouvelle à la personne qui vous a invité.
invitation-accepted = Votre compte est créé. Bienvenue sur Passerelle !
invitation-email-taken = Un compte existe déjà avec cette adresse e-mail : connectez-vous.
invitation-mail-subject = Invitation à rejoindre Passerelle
invitation-mail-body = Bonjour,

    { $inviter } vous invite à rejoindre Passerelle, la plateforme des Rencontres Open Innovation, pour l’organisation « { $organisation } ».

    Pour créer votre compte, ouvrez ce lien (valable 7 jours, utilisable une seule fois) :

    { $link }
invite-intro = La personne invitée reçoit un e-mail avec un lien valable 7 jours et utilisable une seule fois.
invite-submit = Envoyer l’invitation
invite-sent = L’invitation a été envoyée.
invite-sent-list = Invitations envoyées
invite-kind-institution = Contact d’un établissement
invite-kind-company = Contact d’une entreprise
invite-organisation-required = Choisissez une organisation existante ou donnez le nom d’une nouvelle.
invite-organisation-kind = Cette organisation n’est pas du type choisi.
invite-mail-failed = L’e-mail n’a pas pu être envoyé. Réessayez plus tard ; rien n’a été enregistré.
invitation-status-pending = En attente
invitation-status-accepted = Acceptée
invitation-status-expired = Expirée
# Catalogue and fiche
catalogue-title = Catalogue des irritants
catalogue-heading = Les irritants
catalogue-lead = Les besoins numériques publiés par les établissements pour l’édition { $edition }.
catalogue-filters = Filtrer les irritants
catalogue-filter-domain = Domaine
catalogue-filter-institution = Établissement
catalogue-all-domains = Tous les domaines
catalogue-all-institutions = Tous les établissements
catalogue-apply = Filtrer
catalogue-reset = Tout afficher
catalogue-count = { $count ->
    [0] Aucun irritant ne correspond.
    [one] Un irritant.
   *[other] { $count } irritants.
}
fiche-back = ← Tous les irritants
fiche-demo-note = Description rédigée pour la démonstration à partir du titre publié en 2021.
fiche-returned-comment = Renvoyé par les organisateurs :
fiche-workflow = Suivi
fiche-missing = Avant de soumettre, complétez :
fiche-history = Historique
history-entry = { $date } — { $who } : { $what }
irritant-saved = Le brouillon est enregistré.
irritant-submitted = L’irritant est soumis aux organisateurs.
irritant-published = L’irritant est publié dans le catalogue.
irritant-returned = L’irritant est renvoyé à l’établissement avec votre commentaire.
irritant-archived = L’irritant est archivé.
irritant-incomplete = Cet irritant n’est pas complet : il ne peut pas encore être soumis.
# Editor and my irritants
editor-new-title = Nouvel irritant
editor-edit-title = Modifier l’irritant
mine-title = Mes irritants
mine-heading = Les irritants de mon établissement
mine-new = Décrire un nouvel irritant
mine-empty = Aucun irritant pour le moment.
mine-closed = L’appel à irritants n’est pas ouvert en ce moment.
no-edition = Aucune édition en cours.
# Company
company-title = Profil de l’entreprise
company-heading = Profil de { $company }
company-participation = Participation à l’édition :
company-saved = Le profil est enregistré.
size-micro = Jeune pousse (moins de 10 personnes)
size-small = Petite entreprise (10 à 49)
size-medium = Entreprise moyenne (50 à 249)
size-large = Grande entreprise (250 et plus)
# Console
console-title = Console des organisateurs
console-heading = À valider
console-invite = Inviter un contact
console-domains = Vocabulaire des domaines
console-submitted = Irritants soumis
console-companies = Entreprises inscrites à valider
console-nothing = Rien en attente.
console-action = Action
company-validated = L’entreprise est validée.
invite-title = Inviter un contact
domains-title = Domaines
domains-heading = Vocabulaire des domaines
domains-intro = Les domaines servent aux irritants (domaines concernés) et aux entreprises (spécialités).
domains-edit-heading = Ajouter ou modifier un domaine
domains-edit-intro = Saisissez l’identifiant d’un domaine existant pour changer ses libellés, ou un nouvel identifiant pour l’ajouter.
domain-saved = Le domaine est enregistré.
# Pipeline
pipeline-title = Mes entreprises
pipeline-heading = Les entreprises que j’accompagne
pipeline-invite = Inviter une entreprise
pipeline-empty = Vous n’avez encore invité aucune entreprise.
pipeline-invite-title = Inviter une entreprise
# Regions
region-auvergne-rhone-alpes = Auvergne-Rhône-Alpes
region-bourgogne-franche-comte = Bourgogne-Franche-Comté
region-bretagne = Bretagne
region-centre-val-de-loire = Centre-Val de Loire
region-corse = Corse
region-grand-est = Grand Est
region-hauts-de-france = Hauts-de-France
region-ile-de-france = Île-de-France
region-normandie = Normandie
region-nouvelle-aquitaine = Nouvelle-Aquitaine
region-occitanie = Occitanie
region-pays-de-la-loire = Pays de la Loire
region-provence-alpes-cote-d-azur = Provence-Alpes-Côte d’Azur
region-guadeloupe = Guadeloupe
region-martinique = Martinique
region-guyane = Guyane
region-la-reunion = La Réunion
region-mayotte = Mayotte
region-national = Toute la France
company-register = Inscrire l’entreprise à l’édition en cours
company-registered = L’entreprise est inscrite ; les organisateurs vont valider sa participation.
history-system = Passerelle (import ou démonstration)
