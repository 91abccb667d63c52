# The account page (/compte)
account-title = Mon compte
account-heading = Mon compte
account-intro = Vous êtes connecté avec l’adresse { $email }.
account-name-heading = Nom et langue
account-language = Langue des e-mails
account-language-hint = Les e-mails de Passerelle vous sont écrits dans cette langue.
account-language-fr = Français
account-language-en = English (anglais)
account-renamed = Votre nom et votre langue sont enregistrés.
account-email-heading = Adresse e-mail
account-email-current = Adresse actuelle : { $email }
account-email-new = Nouvelle adresse e-mail
account-email-hint = Un lien de confirmation, valable 24 heures, est envoyé à la nouvelle adresse ; l’adresse actuelle est prévenue. Rien ne change avant la confirmation.
account-email-submit = Envoyer le lien de confirmation
account-email-sent = Un lien de confirmation a été envoyé à la nouvelle adresse. Votre adresse change quand vous l’ouvrez.
account-email-same = C’est déjà l’adresse de votre compte.
account-current-password = Mot de passe actuel
account-password-wrong = Ce n’est pas votre mot de passe actuel.
account-email-confirm-title = Confirmer la nouvelle adresse
account-email-confirm-heading = Confirmer la nouvelle adresse e-mail
account-email-confirm-intro = Votre compte Passerelle utilisera désormais l’adresse { $email } pour la connexion et les e-mails.
account-email-confirm-submit = Confirmer cette adresse
account-email-changed = Votre adresse e-mail est changée.
account-email-taken = Un autre compte utilise déjà cette adresse : elle ne peut pas être donnée à ce compte.
account-email-link-invalid = Ce lien n’est pas valable : il a déjà servi, il a expiré ou un lien plus récent l’a remplacé.
account-back = Retour à mon compte
account-password-heading = Mot de passe
account-password-intro = Changer de mot de passe déconnecte toutes vos autres sessions ; celle-ci reste ouverte.
account-password-none = Votre compte n’a pas de mot de passe : vous vous connectez par authentification fédérée. Vous pouvez en choisir un.
account-password-submit = Changer le mot de passe
account-password-changed = Votre mot de passe est changé ; vos autres sessions sont fermées.
account-methods-heading = Moyens de connexion
account-methods-manage = Gérer mes moyens de connexion (ProConnect, fédération RENATER)
account-sessions-heading = Sessions ouvertes
account-sessions-intro = Les navigateurs où votre compte est connecté. Si vous n’en reconnaissez pas un, déconnectez-les et changez votre mot de passe.
account-session-device = Appareil
account-session-signed-in = Connexion
account-session-last-seen = Dernière activité
account-session-current = cette session
account-session-unknown = inconnue
account-session-device-unknown = Navigateur inconnu
account-sessions-end = Se déconnecter partout ailleurs
account-sessions-ended = Vos autres sessions sont fermées.
# Mails of the account page
mail-password-changed-subject = Passerelle : votre mot de passe a été changé
mail-password-changed-body = Bonjour,

    Le mot de passe de votre compte Passerelle vient d’être changé, et vos autres sessions ont été fermées.

    Si ce n’est pas vous, choisissez un nouveau mot de passe tout de suite :

    { $link }
mail-email-change-confirm-subject = Passerelle : confirmez votre nouvelle adresse e-mail
mail-email-change-confirm-body = Bonjour { $name },

    Pour que votre compte Passerelle utilise cette adresse, ouvrez ce lien (valable 24 heures, utilisable une seule fois) :

    { $link }

    Si vous n’avez rien demandé, ignorez ce message : rien ne change.
mail-email-change-requested-subject = Passerelle : changement d’adresse demandé
mail-email-change-requested-body = Bonjour { $name },

    Un changement d’adresse e-mail a été demandé pour votre compte Passerelle, vers { $email }. L’adresse ne change que si le lien envoyé à cette nouvelle adresse est ouvert.

    Si ce n’est pas vous, changez votre mot de passe et fermez vos autres sessions :

    { $link }
mail-email-changed-subject = Passerelle : votre adresse e-mail a été changée
mail-email-changed-body = Bonjour { $name },

    Votre compte Passerelle utilise désormais l’adresse { $email }. Ce message est le dernier envoyé à cette adresse-ci.

    Si ce n’est pas vous, répondez à ce message ou écrivez aux organisateurs.
