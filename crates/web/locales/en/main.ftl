# Layout
skip-link = Skip to content
nav-main = Main navigation
nav-home = Home
nav-catalogue = Irritants
nav-mine = My irritants
nav-company = Company profile
nav-pipeline = My companies
nav-console = Console
nav-sign-in = Sign in
nav-sign-out = Sign out
switch-language = Français
footer-text = Passerelle — Open Innovation meetings between higher-education and research institutions and innovative companies.
# Errors
error-back-home = Back to the home page
error-not-found-title = Page not found
error-not-found = This page does not exist or is not visible to you.
error-forbidden-title = Access denied
error-forbidden = Your account does not allow this action.
error-csrf-title = Form expired
error-csrf = The form has expired or does not come from this site. Go back, reload the page and try again.
error-conflict-title = Action not possible
error-conflict = This action is not possible in the current state. Please reload the page.
error-internal-title = Server error
error-internal = An unexpected error occurred. Please try again in a moment.
# Home
home-title = Home
home-heading = Passerelle, the Open Innovation meetings
home-lead = Passerelle brings together higher-education and research institutions, which describe their digital needs (“irritants”), and the innovative companies able to solve them.
home-how = Institutions publish their irritants, business managers recruit companies, organisers prepare who meets whom, then everyone meets on a day of one-to-one meetings and follows the proofs of concept that come out of it.
home-current-edition = Current edition: { $edition }
home-published-count = { $count ->
    [0] No irritant published yet.
    [one] One irritant published.
   *[other] { $count } irritants published.
}
home-see-catalogue = See the catalogue of irritants
home-phases = The edition’s phases
home-phase-current = current phase
home-no-edition = No edition is open at the moment.
home-who = Who is it for?
home-who-institutions = Institutions: describe your irritants and meet the companies that can solve them.
home-who-companies = Companies: present your specialties and discover the needs of universities.
home-who-managers = Business managers: invite your companies and follow their progress.
home-who-organisers = Organisers: validate, match, schedule and follow up.
# Validation messages (by kind, or by full code when more precise)
invalid-required = This field is required.
invalid-too-long = Too long: at most { $count } characters.
invalid-too-short = Too short: at least { $count } characters.
invalid-forbidden-characters = This field contains characters that are not allowed (control characters or line breaks).
invalid-malformed = Malformed value.
invalid-unknown = Unknown value: choose from the list.
invalid-out-of-range = Value out of the allowed range.
invalid-too-many = Too many values: at most { $count }.
invalid-email-malformed = Invalid e-mail address (example: firstname.lastname@university.fr).
invalid-website-malformed = Invalid web address: it must start with https:// or http://.
invalid-password-too-short = Password too short: at least { $count } characters.
form-has-errors = The form contains errors. Correct the fields marked; nothing has been saved.
error-bad-request-title = Bad request
error-bad-request = The form sent is malformed. Go back to the previous page and try again.
# Dates and phases
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
dates-range = { $from } to { $to }
dates-from = from { $from }
dates-until = until { $to }
phase-draft = Preparation
phase-call-for-irritants = Call for irritants
phase-company-registration = Company registration
phase-preferences = Meeting preferences
phase-matching = Matching
phase-schedule-published = Schedule published
phase-event-day = Meeting day
phase-follow-up = Follow-up
phase-closed = Closed
invalid-budget-malformed = Invalid amount: give a number of euros in digits (example: 15000).
invalid-budget-out-of-range = Inconsistent amounts: the minimum must be below the maximum, and each at most €100,000,000.
