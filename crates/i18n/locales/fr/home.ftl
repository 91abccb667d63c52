# Home
home-title = Accueil
home-heading = Passerelle, les Rencontres Open Innovation
home-lead = Passerelle met en relation les établissements de l’enseignement supérieur et de la recherche, qui décrivent leurs besoins numériques (les « irritants »), et les entreprises innovantes capables d’y répondre.
home-how = Les établissements publient leurs irritants, les chargés d’affaires recrutent des entreprises, les organisateurs préparent qui rencontre qui, puis chacun se retrouve lors d’une journée de rendez-vous et suit les preuves de concept qui en naissent.
home-current-edition = Édition en cours : { $edition }
home-published-count = { $count ->
    [0] Aucun irritant publié pour le moment.
    [one] Un irritant publié.
   *[other] { $count } irritants publiés.
}
home-see-catalogue = Voir le catalogue des irritants
home-phases = Les étapes de l’édition
home-phase-current = étape en cours
home-no-edition = Aucune édition n’est ouverte pour le moment.
home-who = Pour qui ?
home-who-institutions = Établissements : décrivez vos irritants et rencontrez les entreprises qui peuvent les résoudre.
home-who-companies = Entreprises : présentez vos spécialités et découvrez les besoins des universités.
home-who-managers = Chargés d’affaires : invitez vos entreprises et suivez leur parcours.
home-who-organisers = Organisateurs : validez, mettez en relation, planifiez et suivez.
