# Console
console-title = Console des organisateurs
console-heading = À valider
console-invite = Inviter un contact
console-domains = Vocabulaire et thésaurus
console-submitted = Irritants soumis
console-companies = Entreprises inscrites à valider
console-nothing = Rien en attente.
console-action = Action
company-validated = L’entreprise est validée.
invite-title = Inviter un contact
domains-title = Domaines
domains-heading = Vocabulaire : domaines et thésaurus
domains-intro = Les domaines servent aux irritants (domaines concernés) et aux entreprises (spécialités).
domains-edit-heading = Ajouter ou modifier un domaine
domains-edit-intro = Saisissez l’identifiant d’un domaine existant pour changer ses libellés, ou un nouvel identifiant pour l’ajouter.
domain-saved = Le domaine est enregistré.
