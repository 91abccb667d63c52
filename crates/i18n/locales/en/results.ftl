# Each edition's public results (issue 10)
results-title = Results — { $edition }
results-intro = What the edition led to, from the published irritants to the delivered proofs of concept, and the amounts involved. Figures kept up to date by the follow-up of the meetings.
results-funnel-heading = From irritant to delivered solution
results-funnel-reading = Each step counts where the opportunities stand today: an abandoned opportunity counts among the follow-ups only.
results-funnel-title = The edition's funnel
results-funnel-description = { $irritants ->
    [one] One published irritant
   *[other] { $irritants } published irritants
}, { $meetings ->
    [0] no meeting held
    [one] one meeting held
   *[other] { $meetings } meetings held
}, { $delivered ->
    [0] no proof of concept delivered yet.
    [one] one proof of concept delivered.
   *[other] { $delivered } proofs of concept delivered.
}
results-step = Step
results-number = Number
results-step-irritants = Published irritants
results-step-companies = Validated companies
results-step-meetings = Meetings held
results-step-follow-ups = Follow-ups
results-step-pocs = Proofs of concept proposed
results-step-funded = Funded
results-step-delivered = Delivered
results-amounts-heading = The amounts
results-amounts-title = Amounts of the follow-ups
results-amounts-description = Requested: { $requested }; granted: { $granted }; co-funding by the parties: { $co_funding }.
results-amount = Amount
results-euros = Euros
results-amount-requested = Funding requested
results-amount-granted = Funding granted
results-amount-co-funding = Co-funding by the parties
results-catalogue-link = This edition's irritants
results-link = The edition's results
