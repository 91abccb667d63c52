# Sign in
signin-title = Connexion
signin-heading = Se connecter
signin-failed = Adresse e-mail ou mot de passe incorrect.
signin-submit = Se connecter
signin-forgot = Mot de passe oublié ?
signin-demo-heading = Comptes de démonstration
signin-demo-intro = Cette instance est une démonstration : ces comptes fictifs permettent d’essayer chaque rôle.
signin-demo-role = Rôle
signed-in = Vous êtes connecté.
signed-out = Vous êtes déconnecté.
# Forgotten password and reset
forgot-title = Mot de passe oublié
forgot-heading = Mot de passe oublié
forgot-intro = Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.
forgot-submit = Envoyer le lien
forgot-sent = Si un compte existe pour cette adresse, un e-mail contenant un lien de réinitialisation vient d’être envoyé.
mail-password-reset-subject = Passerelle : choisir un nouveau mot de passe
mail-password-reset-body = Bonjour,

    Pour choisir un nouveau mot de passe Passerelle, ouvrez ce lien (valable une heure, utilisable une seule fois) :

    { $link }

    Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.
reset-title = Nouveau mot de passe
reset-heading = Choisir un nouveau mot de passe
reset-invalid = Ce lien n’est pas valable : il a déjà servi ou il a expiré.
reset-ask-again = Demander un nouveau lien
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe a été changé. Vous pouvez vous connecter.
password-mismatch = Les deux mots de passe ne sont pas identiques.
