# Pipeline
pipeline-title = Mes entreprises
pipeline-heading = Les entreprises que j’accompagne
pipeline-invite = Inviter une entreprise
pipeline-empty = Vous n’avez encore invité aucune entreprise.
pipeline-invite-title = Inviter une entreprise
