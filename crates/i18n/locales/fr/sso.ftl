# Single sign-on (issue 15): ProConnect and the RENATER federation.
sso-signin-heading = Avec votre compte professionnel
sso-or-password = ou avec votre adresse et votre mot de passe
sso-proconnect-login = S’identifier avec
sso-proconnect-what = Qu’est-ce que ProConnect ?
sso-proconnect-what-new-window = Qu’est-ce que ProConnect ? – nouvelle fenêtre
sso-renater-button = Mon établissement (RENATER)
sso-nav-account = mon compte et mes moyens de connexion
sso-federation-proconnect = ProConnect
sso-federation-renater = Fédération RENATER
sso-yes = Oui
sso-no = Non

sso-invitation-heading = Accepter avec votre compte professionnel
sso-invitation-intro = Vous n’aurez pas de mot de passe à retenir : vous vous connecterez ensuite avec le même compte.
sso-invitation-password = Ou choisir un mot de passe

sso-discovery-title = Choisir votre établissement
sso-discovery-heading = Choisir votre établissement
sso-discovery-intro = Choisissez l’établissement qui vous a donné votre compte : vous vous connecterez sur sa page, puis reviendrez ici.
sso-discovery-search = Nom de l’établissement, ville ou domaine
sso-discovery-submit = Rechercher
sso-discovery-all = Établissements de la fédération
sso-discovery-found = { $count ->
    [0] Aucun établissement trouvé
    [one] Un établissement trouvé
   *[other] { $count } établissements trouvés
}
sso-discovery-none = Aucun établissement ne correspond. Essayez un autre mot, ou connectez-vous avec votre mot de passe.
sso-discovery-password = Se connecter avec une adresse et un mot de passe

sso-signed-in = Vous êtes connecté.
sso-linked-by-address = Vous êtes connecté. Ce compte professionnel est désormais lié à votre compte Passerelle (même adresse).
sso-linked = Ce compte professionnel est lié à votre compte Passerelle.
sso-unlinked = Ce moyen de connexion est retiré de votre compte.
sso-signed-out-provider = Vous êtes déconnecté de Passerelle et de ProConnect.
sso-signed-out-institution-open = Vous êtes déconnecté de Passerelle, mais pas de votre établissement : sa session reste ouverte dans ce navigateur, et un clic sur « Mon établissement (RENATER) » vous reconnecterait sans mot de passe. Sur un ordinateur partagé, fermez le navigateur ou déconnectez-vous sur le site de votre établissement.

sso-methods-title = Mes moyens de connexion
sso-methods-heading = Mes moyens de connexion
sso-methods-password-yes = Vous pouvez vous connecter avec votre adresse et votre mot de passe.
sso-methods-password-no = Votre compte n’a pas de mot de passe : vous vous connectez avec un compte professionnel ci-dessous.
sso-methods-linked = Comptes professionnels liés
sso-methods-none = Aucun compte professionnel n’est lié à votre compte.
sso-methods-provider = Fournisseur
sso-methods-organisation = Établissement ou service
sso-methods-linked-on = Lié le
sso-methods-last-used = Dernière utilisation
sso-methods-unlink = Délier { $provider }
sso-methods-last = Seul moyen de connexion
sso-methods-link = Lier un compte professionnel

sso-members-title = Moyens de connexion des membres
sso-members-heading = Comment chaque membre se connecte
sso-members-intro = Pour chaque organisation, les membres et leurs moyens de connexion : mot de passe, ProConnect, établissement de la fédération RENATER.
sso-members-link = Moyens de connexion des membres
sso-members-password = Mot de passe

sso-refused-title = Connexion impossible
sso-refused-heading = Connexion impossible
sso-refused-nothing = Vous n’êtes pas connecté et rien n’a été enregistré.
sso-refused-back = Revenir à la page de connexion

sso-error-not-configured = Ce moyen de connexion n’est pas proposé sur ce site.
sso-error-configuration = La connexion fédérée de ce site est mal configurée. Prévenez son équipe technique.
sso-error-unreachable = Le fournisseur d’identité ne répond pas. Réessayez dans quelques minutes.
sso-error-refused = Le fournisseur d’identité a refusé la connexion ({ $reason }).
sso-error-no-pending = Aucune connexion n’était en cours dans ce navigateur, ou elle a déjà servi. Recommencez depuis la page de connexion.
sso-error-state = Cette réponse appartient à une autre connexion que celle commencée dans ce navigateur.
sso-error-nonce = Le jeton d’identité a été émis pour une autre demande de connexion.
sso-error-signature = La signature de la réponse est absente ou invalide : elle a pu être modifiée.
sso-error-userinfo-unsigned = Les informations sur la personne n’étaient pas signées alors que la signature est exigée.
sso-error-audience = Cette réponse était destinée à un autre service.
sso-error-issuer = Cette réponse ne vient pas du fournisseur d’identité attendu.
sso-error-expired = La réponse a expiré. Recommencez la connexion.
sso-error-not-yet-valid = La réponse n’est pas encore valable (les horloges ne concordent pas). Réessayez dans un instant.
sso-error-replayed = Cette réponse a déjà été utilisée une fois : elle ne peut pas servir de nouveau.
sso-error-not-encrypted = L’assertion n’était pas chiffrée alors que le chiffrement est exigé.
sso-error-acr = Le niveau d’authentification « { $acr } » n’est pas accepté par ce site.
sso-error-missing-attribute = Le fournisseur d’identité n’a pas transmis l’information « { $name } » nécessaire à la connexion.
sso-error-scope = L’identifiant « { $value } » n’est pas de ceux que cet établissement peut attester.
sso-error-unknown-idp = Cet établissement n’est pas dans la fédération.
sso-error-metadata-signature = Les métadonnées de la fédération ne sont pas signées par la fédération.
sso-error-metadata-expired = Les métadonnées de la fédération ont expiré.
sso-error-malformed = La réponse du fournisseur d’identité est illisible.
sso-error-no-account = Aucun compte Passerelle n’a l’adresse que ce fournisseur atteste. Connectez-vous avec votre mot de passe pour lier ce compte professionnel, ou demandez une invitation aux organisateurs.
sso-error-linked-elsewhere = Ce compte professionnel est déjà lié à un autre compte Passerelle.
sso-error-email-taken = Un compte existe déjà avec l’adresse de cette invitation : connectez-vous avec lui.
sso-error-invitation = Ce lien d’invitation n’est plus valable (déjà utilisé ou expiré).
sso-error-last-method = C’est votre seul moyen de connexion : choisissez d’abord un mot de passe ou liez un autre compte.

# Organisations' SIRET (company profile, company page) and the organisation ProConnect's claims propose.
field-siret = Numéro SIRET
field-siret-hint = 14 chiffres, comme sur l’avis de situation au répertoire Sirene. ProConnect le transmet quand vos collègues s’y connectent : Passerelle leur propose alors de rejoindre votre entreprise.
invalid-siret-malformed = Numéro SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle (exemple : 732 829 320 00074).
sso-company-siret = SIRET : { $siret }
sso-affiliation-title = Votre organisation
sso-affiliation-heading = Votre organisation d’après ProConnect
sso-affiliation-join = ProConnect vous rattache à l’établissement de SIRET { $value }, celui de « { $name } » sur Passerelle.
sso-affiliation-join-why = En la rejoignant, vous pourrez modifier son profil, l’inscrire aux éditions et indiquer qui elle souhaite rencontrer. Ses membres ou les organisateurs valident votre demande : ProConnect atteste votre identité, pas votre rôle dans l’organisation.
sso-affiliation-join-why-institution = En le rejoignant, vous pourrez rédiger et soumettre ses irritants et indiquer quelles entreprises il souhaite rencontrer. Les organisateurs valident votre demande : votre fournisseur d’identité atteste qui vous êtes, pas votre rôle dans l’établissement.
sso-affiliation-heading-renater = Votre établissement d’après la fédération RENATER
sso-affiliation-join-uai = Votre compte d’établissement vous rattache à l’UAI { $value }, celle de « { $name } » sur Passerelle.
sso-affiliation-join-domain = Votre compte d’établissement vous rattache au domaine { $value }, celui de « { $name } » sur Passerelle.
sso-affiliation-join-button = Demander à rejoindre « { $name } »
sso-affiliation-requested = Vous avez déjà demandé à rejoindre « { $name } » : ses membres ou les organisateurs vous répondront.
sso-affiliation-record = ProConnect vous rattache à l’établissement de SIRET { $siret }, qu’aucune organisation de Passerelle n’a encore. Si c’est celui de « { $name } », enregistrez-le sur son profil : vos collègues qui se connectent avec ProConnect se verront proposer de la rejoindre.
sso-affiliation-record-link = Enregistrer ce SIRET sur le profil de « { $name } »
sso-affiliation-later = Plus tard, continuer
sso-join-requested = Votre demande est envoyée : les membres de l’organisation ou les organisateurs vous répondront.
sso-join-accepted = La personne a rejoint l’organisation.
sso-join-refused = La demande a été refusée.
sso-join-requests-heading = Demandes pour rejoindre l’entreprise
sso-join-requests-intro = Ces personnes se sont connectées avec ProConnect, qui les rattache au SIRET indiqué. N’acceptez que celles que vous connaissez : elles pourront modifier ce profil.
sso-join-requests-person = Personne
sso-join-requests-siret = SIRET attesté
sso-join-requests-on = Demande du
sso-join-accept = Accepter { $name }
sso-join-refuse = Refuser { $name }
sso-error-join-already-requested = Vous avez déjà demandé à rejoindre cette organisation : ses membres ou les organisateurs vous répondront.
sso-error-already-member = Vous êtes déjà membre de cette organisation.
sso-error-affiliation-changed = Les identifiants de cette organisation ont changé depuis votre connexion : reconnectez-vous pour voir ce qui vous est proposé.

# Institutions in the console: the identifiers single sign-on matches (SIRET, UAI, home domain).
institutions-link = Établissements et identifiants
institutions-title = Établissements
institutions-heading = Établissements et leurs identifiants
institutions-intro = Le SIRET, l’UAI et le domaine d’un établissement permettent de proposer celui-ci aux personnes qui se connectent avec ProConnect (SIRET) ou avec la fédération RENATER (UAI de supannEtablissement, sinon domaine de schacHomeOrganization). La proposition n’accorde rien : vous acceptez ou refusez chaque demande.
institutions-requests = Demandes d’adhésion
institutions-requests-count = { $count ->
    [0] aucune
    [one] une en attente
   *[other] { $count } en attente
}
institutions-back = Tous les établissements
institution-title = { $name } – identifiants
institution-identifiers = Identifiants
institution-identifiers-intro = Laissez un champ vide s’il ne s’applique pas. Une UAI ou un domaine ne peut appartenir qu’à un seul établissement.
institution-siret-hint = 14 chiffres, comme au répertoire Sirene. ProConnect le transmet pour les agents de l’établissement.
field-uai = UAI
field-uai-hint = 7 chiffres et une lettre de contrôle, comme dans l’annuaire de l’éducation (exemple : 0751717J). La fédération RENATER la transmet dans supannEtablissement.
field-home-domain = Domaine de l’établissement
field-home-domain-hint = Le domaine que la fédération RENATER transmet dans schacHomeOrganization, sans « https:// » ni chemin (exemple : univ-exemple.fr).
invalid-uai-malformed = UAI invalide : 7 chiffres puis la lettre de contrôle (exemple : 0751717J).
invalid-home-domain-malformed = Domaine invalide : un nom comme univ-exemple.fr, en lettres non accentuées, chiffres et tirets, sans « https:// », « @ » ni chemin.
invalid-home-domain-too-long = Domaine trop long : { $count } caractères au maximum.
institution-uai-taken = Un autre établissement a déjà cette UAI.
institution-home-domain-taken = Un autre établissement a déjà ce domaine.
institution-saved = Les identifiants de l’établissement sont enregistrés.
institution-requests-heading = Demandes pour rejoindre l’établissement
institution-requests-none = Aucune demande en attente.
institution-requests-intro = Ces personnes se sont connectées avec un compte que leur fournisseur d’identité rattache à cet établissement. N’acceptez que celles que vous reconnaissez : elles pourront rédiger les irritants de l’établissement.
institution-requests-claim = Attesté par le fournisseur

# What a request to join rests on, and the mails of requests to join.
sso-claim-siret = SIRET { $value }
sso-claim-uai = UAI { $value }
sso-claim-home-domain = domaine { $value }
mail-join-requested-subject = Demande pour rejoindre { $organisation }
mail-join-requested-body = Bonjour { $name },

    { $person } ({ $email }) demande à rejoindre { $organisation } sur Passerelle. Son fournisseur d’identité l’y rattache ({ $claim }).

    Cela ne lui donne aucun droit tant que vous n’avez pas accepté. N’acceptez que si vous reconnaissez cette personne : elle pourra agir au nom de l’organisation. Pour accepter ou refuser :
    { $link }

    — Passerelle
mail-join-accepted-subject = Vous avez rejoint { $organisation }
mail-join-accepted-body = Bonjour { $name },

    Votre demande est acceptée : vous êtes membre de { $organisation } sur Passerelle.

    { $link }

    — Passerelle
mail-join-refused-subject = Demande pour rejoindre { $organisation } refusée
mail-join-refused-body = Bonjour { $name },

    Votre demande pour rejoindre { $organisation } sur Passerelle a été refusée. Si c’est une erreur, adressez-vous à ses membres ou aux organisateurs.

    — Passerelle
