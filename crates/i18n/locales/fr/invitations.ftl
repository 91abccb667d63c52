# Invitations
invitation-title = Invitation
invitation-heading = Accepter l’invitation
invitation-intro = Vous avez été invité à rejoindre Passerelle. Choisissez votre nom et votre mot de passe pour créer votre compte.
invitation-submit = Créer mon compte
invitation-invalid = Cette invitation n’est pas valable : elle a déjà servi ou elle a expiré. Demandez-en une nouvelle à la personne qui vous a invité.
invitation-accepted = Votre compte est créé. Bienvenue sur Passerelle !
invitation-email-taken = Un compte existe déjà avec cette adresse e-mail : connectez-vous.
mail-invitation-subject = Invitation à rejoindre Passerelle
mail-invitation-body = Bonjour,

    { $inviter } vous invite à rejoindre Passerelle, la plateforme des Rencontres Open Innovation, pour l’organisation « { $organisation } ».

    Pour créer votre compte, ouvrez ce lien (valable 7 jours, utilisable une seule fois) :

    { $link }
invite-intro = La personne invitée reçoit un e-mail avec un lien valable 7 jours et utilisable une seule fois.
invite-submit = Envoyer l’invitation
invite-sent = L’invitation a été envoyée.
invite-sent-list = Invitations envoyées
invite-kind-institution = Contact d’un établissement
invite-kind-company = Contact d’une entreprise
invite-organisation-required = Choisissez une organisation existante ou donnez le nom d’une nouvelle.
invite-organisation-kind = Cette organisation n’est pas du type choisi.
invitation-status-pending = En attente
invitation-status-accepted = Acceptée
invitation-status-expired = Expirée
invite-company-elsewhere = Cette entreprise est déjà inscrite sur Passerelle, hors de votre portefeuille : demandez aux organisateurs de vous la rattacher.
field-invite-lang = Langue de l’invitation
mail-invitation-existing-account-subject = Invitation à rejoindre « { $organisation } » sur Passerelle
mail-invitation-existing-account-body = Bonjour,

    { $inviter } vous invite à rejoindre l’organisation « { $organisation } » sur Passerelle. Vous avez déjà un compte : connectez-vous, puis ouvrez ce lien (valable 7 jours, utilisable une seule fois) :

    { $link }

    Si vous ne vous attendiez pas à cette invitation, ignorez ce message.

    — Passerelle, les Rencontres Open Innovation
