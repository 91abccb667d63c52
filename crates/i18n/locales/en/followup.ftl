# The follow-up after the day (issue 10): opportunities, the organisers' board
nav-followup = Follow-up
followup-title = Follow-up of meetings
followup-intro = Every meeting that leads somewhere becomes an opportunity: from keeping in touch to a proof of concept delivered and shared with other institutions. Each side records the steps that are its own.
followup-none = No opportunity yet. When both sides of a held meeting want a follow-up, it shows here.
followup-open-heading = Follow a meeting up
followup-open-intro = A held meeting deserves a follow-up although the two sides did not both ask for one in their ratings? Open its opportunity: the other side is told.
followup-open-meeting = Held meeting
followup-open-submit = Open the opportunity
followup-opened = The opportunity is open; the other side has been told.
followup-board-link = Opportunities
followup-board-title = Opportunities — { $edition }
followup-board-count = { $count ->
    [0] No opportunity for this edition.
    [one] One opportunity for this edition.
   *[other] { $count } opportunities for this edition.
}
followup-board-totals = Totals per state
followup-board-number = Number
followup-board-all = All
followup-board-empty = None.

opportunity-title = Opportunity: { $irritant }
opportunity-field-irritant = Irritant
opportunity-field-institution = Institution
opportunity-field-company = Company
opportunity-field-edition = Edition
opportunity-field-status = State
opportunity-field-origin = Origin
opportunity-field-updated = Updated
opportunity-field-estimated-cost = Estimated cost
opportunity-field-requested = Amount requested
opportunity-field-granted = Amount granted
opportunity-field-co-funding = Co-funding
opportunity-field-move = Step
opportunity-field-comment = Comment
opportunity-field-amounts-comment = Comment on the amounts
opportunity-comment-hint = Dated and seen by both sides. To give up, say why.
opportunity-amounts-heading = Amounts
opportunity-amount = Amount
opportunity-value = Value
opportunity-amount-unknown = not given
opportunity-amounts-hint = In euros, without cents (for instance 45000). Leave empty what is not known. The amount requested is not above the estimated cost, nor the amount granted above the amount requested.
opportunity-edit-amounts-heading = Update the amounts
opportunity-amounts-submit = Save the amounts
opportunity-amounts-saved = Amounts saved.
opportunity-move-heading = Next step
opportunity-acting-as = You act for: { $who }.
opportunity-move-submit = Record the step
opportunity-moved = Step recorded; the other side has been told.
opportunity-stale = The opportunity changed meanwhile: here is where it stands now.
opportunity-history-heading = History
opportunity-back = Back to the follow-up
opportunity-frozen = The edition is closed: this opportunity can be read, it no longer changes.
opportunity-by-ratings = both sides' ratings
opportunity-step-rated = Proposed to both sides: each wanted a follow-up
opportunity-step-manual = Opened by hand
opportunity-step-amounts = Amounts updated
opportunity-step-moved = Moved to "{ $status }"
opportunity-reason-required = Say why the opportunity is given up.
opportunity-move-not-yours = This step is not yours to make, or not possible from the current state.
opportunity-status-follow-up-contact = Keeping in touch
opportunity-status-proposal = Proposal
opportunity-status-funding-requested = Funding requested
opportunity-status-funded = Funded
opportunity-status-poc-running = Proof of concept running
opportunity-status-delivered = Delivered
opportunity-status-shared = Shared as experience
opportunity-status-abandoned = Abandoned
opportunity-move-propose = Make a proposal
opportunity-move-request-funding = Request funding
opportunity-move-fund = Funding granted
opportunity-move-start = Start the proof of concept
opportunity-move-deliver = Deliver the proof of concept
opportunity-move-share = Share the experience
opportunity-move-abandon = Give up
opportunity-mover-institution = the institution
opportunity-mover-company = the company
opportunity-mover-organiser = the organisers
opportunity-origin-rated = both sides wanted a follow-up in their ratings
opportunity-origin-manual = opened by hand
invalid-estimated-cost-out-of-range = The estimated cost is above €100,000,000.
invalid-requested-out-of-range = The amount requested is above the estimated cost (or €100,000,000).
invalid-granted-out-of-range = The amount granted is above the amount requested (or €100,000,000).
invalid-co-funding-out-of-range = The co-funding is above the estimated cost (or €100,000,000).
invalid-estimated-cost-malformed = An amount is written in euros, in digits, without cents (for instance 45000).
invalid-requested-malformed = An amount is written in euros, in digits, without cents (for instance 45000).
invalid-granted-malformed = An amount is written in euros, in digits, without cents (for instance 45000).
invalid-co-funding-malformed = An amount is written in euros, in digits, without cents (for instance 45000).

mail-opportunity-proposed-subject = A follow-up to your meeting: { $irritant }
mail-opportunity-proposed-body = Hello { $name },

    { $institution } and { $company } both want to follow up their meeting about "{ $irritant }". An opportunity is open to follow it, from keeping in touch to the proof of concept: each side records its own steps and the amounts there.

    { $link }

    — Passerelle
mail-opportunity-opened-subject = Opportunity opened: { $irritant }
mail-opportunity-opened-body = Hello { $name },

    An opportunity has been opened to follow up the meeting between { $institution } and { $company } about "{ $irritant }".

    { $link }

    — Passerelle
mail-opportunity-moved-subject = { $irritant }: { $status }
mail-opportunity-moved-body = Hello { $name },

    The opportunity between { $institution } and { $company } about "{ $irritant }" moves to "{ $status }".
    { $comment }

    { $link }

    — Passerelle
mail-opportunity-amounts-subject = Amounts updated: { $irritant }
mail-opportunity-amounts-body = Hello { $name },

    The amounts of the opportunity between { $institution } and { $company } about "{ $irritant }" changed: estimated cost { $estimated }, requested { $requested }, granted { $granted }, co-funding { $cofunding }.

    { $link }

    — Passerelle
