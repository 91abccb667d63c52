# Company
company-title = Company profile
company-heading = Profile of { $company }
company-participation = Participation in the edition:
company-saved = The profile is saved.
size-micro = Start-up (fewer than 10 people)
size-small = Small company (10 to 49)
size-medium = Medium-sized company (50 to 249)
size-large = Large company (250 or more)
mail-company-validated-subject = { $company } is validated for { $edition }
mail-company-validated-body = Hello { $name },

    The organisers validated the participation of { $company } in { $edition }. You will be able to say which irritants you want to discuss as soon as meeting preferences open.

    Your profile: { $link }

    — Passerelle
field-min-budget = Minimum budget of a project (euros)
field-min-budget-hint = The smallest project you take on. Irritants whose budget stays below it are recommended to you less, and the reason is shown.
company-min-budget = Minimum budget of a project
invalid-min-budget-malformed = Invalid amount: give a number of euros in digits (example: 15000).
invalid-min-budget-out-of-range = The minimum budget must be between €1 and €100,000,000.
