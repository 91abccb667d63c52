# The fiche as a document (issue 14): the PDF fiche, the edition's booklet
documents-fiche = Sheet
documents-edition = Edition
documents-qr-alt = QR code: this sheet online
documents-booklet-kind = Booklet of irritants
documents-booklet-contents = Contents
documents-booklet-count = { $count ->
    [0] No sheet
    [one] One sheet
   *[other] { $count } sheets
}
documents-booklet-organiser = Published by the organisers of the meetings with Passerelle
documents-download-fiche = Download the sheet (PDF, { $size } KB)
documents-download-fiche-unsized = Download the sheet (PDF)
documents-booklet-title = Edition booklet
documents-booklet-heading = Printable booklet of { $edition }
documents-booklet-lead = One PDF of every published sheet, with a cover and a table of contents, to print for the tables. Sheets keep their own language; the labels are in the language chosen.
documents-booklet-fiches = { $count ->
    [0] No published sheet yet.
    [one] One published sheet.
   *[other] { $count } published sheets.
}
documents-booklet-lang = Language of the labels
documents-booklet-state = State
documents-booklet-missing = Not built yet.
documents-booklet-ready = Up to date, built on { $date } ({ $size } KB).
documents-booklet-outdated = A sheet changed since it was built on { $date }: build it again.
documents-booklet-building = Being built ({ $done }/{ $total }): reload the page in a moment.
documents-booklet-failed = The last build failed: { $error }
documents-booklet-build = Build the booklet
documents-booklet-rebuild = Build the booklet again
documents-booklet-download = Download the booklet (PDF, { $size } KB)
documents-booklet-built = The booklet is built.
documents-booklet-queued = The booklet is being built; it takes a few moments.
documents-booklet-empty = No sheet is published: there is no booklet to build yet.
documents-booklet-link = Printable booklet of the sheets
documents-booklet-back = ← Back to the edition
documents-booklet-actions = Actions
