# Catalogue and fiche
catalogue-title = Catalogue of irritants
catalogue-heading = The irritants
catalogue-lead = The digital needs published by institutions for the { $edition } edition.
catalogue-filters = Filter the irritants
catalogue-filter-domain = Domain
catalogue-filter-institution = Institution
catalogue-all-domains = All domains
catalogue-all-institutions = All institutions
catalogue-apply = Filter
catalogue-reset = Show all
catalogue-count = { $count ->
    [0] No irritant matches.
    [one] One irritant.
   *[other] { $count } irritants.
}
fiche-back = ← All irritants
fiche-demo-note = Description written for the demo (for the 2021 edition, the title and institution are those published in 2021).
fiche-returned-comment = Sent back by the organisers:
fiche-workflow = Workflow
fiche-missing = Before submitting, complete:
fiche-history = History
history-entry = { $date } — { $who }: { $what }
irritant-saved = The draft is saved.
irritant-submitted = The irritant is submitted to the organisers.
irritant-published = The irritant is published in the catalogue.
irritant-returned = The irritant is sent back to the institution with your comment.
irritant-archived = The irritant is archived.
irritant-incomplete = This irritant is not complete: it cannot be submitted yet.
catalogue-other-editions = Other editions
