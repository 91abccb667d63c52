sign-out-title = Déconnexion
sign-out-heading = Se déconnecter
sign-out-intro = Vous êtes connecté. Confirmez pour fermer votre session sur cet appareil.
sign-out-submit = Me déconnecter
sign-out-stay = Rester connecté et revenir à l’accueil
forgot-too-many = Un lien a déjà été demandé plusieurs fois pour cette adresse ou depuis votre connexion. Patientez un quart d’heure, et regardez aussi dans vos courriers indésirables.
irritant-edited-meanwhile = Quelqu’un a enregistré cette fiche pendant que vous la modifiiez : vos changements ne sont pas enregistrés, et les siens n’ont pas été écrasés. Rouvrez la fiche dans un autre onglet pour voir sa version, reportez-y ce qui manque, puis enregistrez à nouveau.
