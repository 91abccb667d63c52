# Attachments (issue 14, scope 3): files on an irritant or a company profile
attachments-title = Pièces jointes
attachments-none = Aucune pièce jointe.
# "PDF, 12 Ko, le 3 décembre 2026"
attachments-details = { $kind }, { $size } Ko, le { $date }
attachments-delete = Supprimer
attachments-delete-label = Supprimer { $name }
attachments-manage = Ajouter ou supprimer des pièces jointes
attachments-full = Le nombre maximal de pièces jointes ({ $max }) est atteint : supprimez-en une pour en ajouter une autre.
attachments-hint = PDF, PNG, JPEG, ODT, ODS, ODP, DOCX ou XLSX, { $max } Mo au plus, { $count } fichiers au plus. Les images sont enregistrées sans leurs métadonnées (EXIF, auteur, lieu).
attachments-file = Fichier à joindre
attachments-add = Joindre le fichier
attachments-heading-irritant = Pièces jointes de « { $title } »
attachments-heading-company = Pièces jointes de { $company } (fiche produit)
attachments-back-irritant = Retour à la fiche
attachments-back-company = Retour au profil de l’entreprise
attachment-added = Le fichier a été joint.
attachment-deleted = La pièce jointe a été supprimée.
# Refusals: nothing is stored
attachment-missing = Choisissez un fichier (il est vide ou absent).
attachment-too-large = Le fichier dépasse la taille maximale de { $max } Mo.
attachment-too-many = Le nombre maximal de pièces jointes ({ $max }) est atteint : supprimez-en une pour en ajouter une autre.
attachment-executable = Ce fichier est un programme, quel que soit son nom : il n’est pas accepté.
attachment-polyglot = Ce fichier contient aussi un autre format (une archive ou une page web) : il n’est pas accepté. Enregistrez-le à nouveau depuis son logiciel.
attachment-zip-bomb = Ce document se décompresse en un volume démesuré ou contient trop d’éléments : il n’est pas accepté.
attachment-active-pdf = Ce PDF contient du JavaScript, une action de lancement ou des fichiers intégrés : il n’est pas accepté. Imprimez-le en PDF pour en retirer le contenu actif.
attachment-svg = Les images SVG ne sont pas acceptées (elles peuvent contenir des scripts) : exportez l’image en PNG.
attachment-macros = Les documents avec macros ne sont pas acceptés : enregistrez-le au format DOCX ou XLSX sans macros.
attachment-type = Ce type de fichier n’est pas accepté. Formats acceptés : PDF, PNG, JPEG, ODT, ODS, ODP, DOCX, XLSX.
attachment-corrupt = Ce fichier est endommagé ou illisible pour son format.
attachment-name-path = Le nom du fichier contient un chemin (dossier ou lecteur) : renommez-le sans « / », « \ » ni « : ».
