error-too-many-title = Trop de tentatives
error-too-many = Trop de tentatives de connexion ont échoué pour ce compte ou depuis votre adresse. Patientez un quart d’heure avant de réessayer ; si vous avez oublié votre mot de passe, demandez-en un nouveau depuis la page de connexion.
