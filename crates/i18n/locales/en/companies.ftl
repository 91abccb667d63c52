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
