# The participant's day in the web: agenda page, feed, now/next, marks and ratings (issue 9).
nav-agenda = Mon agenda
day-agenda-title = Mon agenda
day-agenda-not-published = Le planning de la journée n’est pas encore publié. Vous recevrez un courriel dès qu’il le sera, et votre agenda apparaîtra ici.
day-agenda-none = Aucune rencontre n’est prévue pour vous.
day-agenda-print-hint = Cette page s’imprime telle quelle (menu Imprimer de votre navigateur) : seules les rencontres et leurs contacts sont imprimés.
day-agenda-caption = Vos rencontres, dans l’ordre de la journée
day-agenda-time = Horaire
day-agenda-table = Table
day-agenda-with = Avec
day-agenda-irritant = Irritant
day-agenda-status = État
day-agenda-contacts = Contacts
day-agenda-step-free = accessible de plain-pied
day-agenda-cancelled = Annulée
day-agenda-checked-in = Arrivée enregistrée le { $when }.
day-agenda-now-link = Ma rencontre en cours et la suivante
day-time-range = { $start } – { $end }
day-feed-title = Ajouter à mon calendrier
day-feed-help = Abonnez votre agenda (Outlook, Google Agenda, Calendrier d’Apple, Thunderbird) à cette adresse secrète : il se mettra à jour tout seul à chaque changement. Ne la partagez pas ; si elle a circulé, réinitialisez-la.
day-feed-address = Adresse secrète de votre flux iCalendar
day-feed-reset = Réinitialiser l’adresse
day-feed-reset-done = Nouvelle adresse créée : l’ancienne ne fonctionne plus. Abonnez à nouveau votre calendrier.
day-mark-held = Rencontre tenue
day-mark-no-show = L’autre partie est absente
day-marked-held = Rencontre notée comme tenue.
day-marked-no-show = Absence enregistrée.
day-rating-title = Évaluer cette rencontre
day-rating-score = Votre note (1 = décevante, 5 = excellente)
day-rating-follow-up = Souhaitez-vous une suite ?
day-rating-comment = Commentaire (facultatif)
day-rating-submit = Enregistrer mon évaluation
day-rating-saved = Merci ! Votre évaluation est enregistrée.
day-rating-given = Votre évaluation : { $score }/5, suite : { $follow_up }.
day-follow-up-yes = oui
day-follow-up-maybe = peut-être
day-follow-up-no = non
day-now-title = Maintenant
day-now-at = Il est { $when }.
day-now-current = En ce moment
day-now-next = Ensuite
day-now-nothing = Aucune rencontre en cours.
day-now-no-next = Plus de rencontre prévue aujourd’hui.
day-now-later = { $count ->
    [one] Encore une rencontre après celle-ci.
   *[other] Encore { $count } rencontres après celle-ci.
}
day-now-refresh = Actualiser
day-now-agenda = Tout mon agenda
