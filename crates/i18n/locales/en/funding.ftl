# Funding schemes, routing and dossiers (issue 10).
nav-funding = Funding
nav-dossiers = Dossiers
schemes-title = Funding schemes
schemes-intro = The State's funds and the agency's bodies that fund proofs of concept. Each opportunity is routed to them by these criteria, explained one by one.
schemes-none = No scheme is in the catalogue yet.
scheme-new-title = New scheme
scheme-edit-title = Edit the scheme
scheme-by = Run by { $funder }
scheme-link = Website of “{ $name }”
scheme-edit = Edit “{ $name }”
scheme-field-funder = Funder
scheme-field-funder-hint = An organisation of kind funder: its members receive and review the dossiers.
scheme-field-funder-choose = Choose the funder
scheme-field-name = Name of the scheme
scheme-field-description = Description
scheme-field-description-hint = What the scheme funds, for whom, and how to apply.
scheme-field-budget = Cost of the projects it funds (euros)
scheme-field-budget-hint = Leave a bound empty to keep it open; leave both empty if any cost is accepted.
scheme-field-applicants = Who files the dossier
scheme-field-themes = Themes
scheme-field-themes-hint = The domains the scheme funds; none ticked: every theme.
scheme-field-share = Largest share of the cost funded (%)
scheme-field-share-hint = For example 70: the parties co-fund at least the remaining 30%. Empty: up to the whole cost.
scheme-field-window = Dossiers accepted
scheme-field-opens = Opens on
scheme-field-closes = Closes on
scheme-field-link = Website of the scheme
scheme-save = Save the scheme
scheme-saved = Scheme saved.
scheme-stale = The scheme was changed meanwhile: here is its current version.
scheme-funder-unknown = Choose a funder from the list (an organisation of kind funder).
scheme-applicants-institution = the institution
scheme-applicants-company = the company
scheme-applicants-either = the institution or the company
scheme-themes-any = every theme
scheme-share-whole = up to the whole cost
scheme-share-at-most = at most { $rate } of the cost
routing-title = Possible funding: { $irritant }
routing-intro = Each scheme is compared with the opportunity criterion by criterion. Schemes where no criterion fails come first, the soonest closing first; a criterion “to check” lacks a piece of information (the estimated cost, say) that the funder will review.
routing-eligible = eligible
routing-not-eligible = not eligible
routing-dossier-filed = See the dossier filed with “{ $name }”
routing-field-plan = Plan of the proof of concept
routing-field-plan-hint = Scope, steps, duration and deliverables: the funder reads it with the fiche, the company, the meeting and the amounts.
routing-file = File the dossier with “{ $name }”
routing-back = Back to the opportunity
routing-mark-pass = Met:
routing-mark-fail = Not met:
routing-mark-unknown = To check:
routing-stage-pass = the opportunity stands at “{ $status }”, a dossier may be filed.
routing-stage-fail = the opportunity stands at “{ $status }”, there is no dossier left to file.
routing-budget-pass = estimated cost { $cost }, within the scheme's range ({ $range }).
routing-budget-fail = estimated cost { $cost }, outside the scheme's range ({ $range }).
routing-budget-unknown = the cost is not estimated yet; the scheme funds projects { $range }.
routing-themes-any = the scheme is open to every theme.
routing-themes-pass = themes shared with the irritant: { $themes }.
routing-themes-fail = none of the irritant's themes is among the scheme's.
routing-share-pass = the scheme funds at most { $rate } of the cost; the planned co-funding ({ $cofunding }) covers the { $needed } required.
routing-share-fail = the scheme funds at most { $rate } of the cost; at least { $needed } of co-funding is needed, { $cofunding } is planned.
routing-share-unknown = the scheme funds at most { $rate } of the cost; estimate the cost to know the co-funding required.
routing-window-pass = dossiers accepted until { $closes }.
routing-window-not-yet = dossiers accepted only from { $opens }.
routing-window-closed = dossiers closed since { $closes }.
routing-applicant = the dossier is filed by { $who }.
dossier-filed = Dossier filed; the funder and the other party are told.
dossier-scheme-not-eligible = The opportunity does not meet this scheme's criteria: here is why.
dossier-already-routed = A dossier is already filed with this scheme.
dossiers-title = Funding dossiers
dossiers-none = No dossier has been filed yet.
dossiers-caption = The dossiers filed, the newest first
dossier-title = Dossier: { $scheme }
dossier-field-scheme = Scheme
dossier-field-funder = Funder
dossier-field-routed = Filed
dossier-field-decision = Decision
dossier-field-amount = Amount granted (euros)
dossier-field-amount-hint = Required to accept, at most the amount requested.
dossier-field-comment = Comment
dossier-field-comment-hint = Required to decline or to ask for more; sent to both parties.
dossier-decision-accepted = granted
dossier-decision-declined = declined
dossier-decision-more-information = more information requested
dossier-decision-pending = under review
dossier-download-json = Download the dossier (JSON)
dossier-criteria-heading = The scheme's criteria when filed
dossier-decision-heading = The funder's decision
dossier-decide = Record the decision
dossier-decided = Decision recorded; both parties are told.
dossier-already-decided = This dossier is already granted: the decision no longer changes.
dossier-amount-required = Give the amount granted.
dossier-amount-above-request = The amount granted cannot exceed the amount requested.
dossier-amount-only-when-accepted = An amount is given only when granting.
dossier-comment-required = Explain the refusal or what more is needed: the parties will read it.
opportunity-mover-funder = the funder
opportunity-routing-link = Possible funding and dossiers
invalid-rate-malformed = Invalid share: give a percentage in digits (for example 70).
invalid-rate-out-of-range = The share funded must be between 1% and 100%.
invalid-opens-required = Give the date dossiers open.
invalid-opens-malformed = Invalid date (expected format: YYYY-MM-DD).
invalid-closes-required = Give the date dossiers close.
invalid-closes-malformed = Invalid date (expected format: YYYY-MM-DD).
invalid-closes-out-of-range = Dossiers must close after they open.
mail-dossier-filed-subject = New dossier: { $irritant }
mail-dossier-filed-body = Hello { $name },

    A dossier was filed with “{ $scheme }” for the proof of concept between { $institution } and { $company } about “{ $irritant }”.

    { $link }

    — Passerelle
mail-opportunity-routed-subject = Dossier filed: { $irritant }
mail-opportunity-routed-body = Hello { $name },

    The dossier of the proof of concept between { $institution } and { $company } about “{ $irritant }” was filed with “{ $scheme }”.

    { $link }

    — Passerelle
mail-dossier-decided-subject = Decision on the dossier: { $irritant }
mail-dossier-decided-body = Hello { $name },

    “{ $scheme }” decided on the dossier between { $institution } and { $company } about “{ $irritant }”: { $decision }. { $amount }
    { $comment }

    { $link }

    — Passerelle
# The dossier as a PDF (dossier_pdf.rs).
dossier-pdf-kind = Funding dossier
dossier-pdf-dossier = The dossier
dossier-pdf-undecided = Awaiting the funder's decision
dossier-pdf-irritant = The irritant's fiche
dossier-pdf-company = The company
dossier-pdf-meeting = The meeting and its ratings
dossier-download-pdf = Download the dossier (PDF)
