# Fields
field-email = E-mail address
field-password = Password
field-new-password = New password
field-confirm-password = Confirm the password
field-password-hint = At least 10 characters. A passphrase is ideal.
field-name = Full name
field-organisation = Organisation
field-role = Role
field-title = Title
field-title-hint = Between 5 and 200 characters, on one line.
field-context = Context
field-problem = Problem
field-expected-result = Expected result
field-budget = Budget
field-budget-min = Minimum budget (euros)
field-budget-max = Maximum budget (euros)
field-timeline = Timeline
field-timeline-hint = For example: proof of concept before the 2026 academic year.
field-domains = Domains
field-contact = Contact
field-contact-name = Contact name
field-contact-email = Contact e-mail
field-institution = Institution
field-status = Status
field-company = Company
field-description = About the company
field-specialties = Specialties
field-references = References
field-references-hint = Customers and projects, especially in higher education.
field-size = Size
field-region = Region
field-website = Website
field-return-comment = Comment for the institution (required to send back)
field-invite-kind = Kind of contact
field-existing-organisation = Existing organisation
field-new-organisation-option = — New organisation —
field-new-organisation = Name of the new organisation
field-new-organisation-hint = Only if the organisation is not in the list.
field-slug = Identifier
field-slug-hint = Lower-case letters, digits and hyphens (example: artificial-intelligence).
field-label-fr = French label
field-label-en = English label
not-given = Not given
# Actions
action-edit = Edit
action-submit = Submit to the organisers
action-publish = Publish
action-return = Send back to the institution
action-archive = Archive
action-save-draft = Save the draft
action-save = Save
action-cancel = Cancel
action-validate-company = Validate { $company }
# Statuses
status-draft = Draft
status-submitted = Submitted
status-published = Published
status-returned = Sent back with a comment
status-matched = Matched
status-closed = Closed
status-archived = Archived
participation-invited = Invited
participation-registered = Registered
participation-validated = Validated
# Roles
role-organiser = Organiser
role-institution-member = Institution member
role-company-member = Company member
role-business-manager = Business manager
role-admin = Administrator
role-funder = Funder
# Sign in
signin-title = Sign in
signin-heading = Sign in
signin-failed = Wrong e-mail address or password.
signin-submit = Sign in
signin-forgot = Forgotten password?
signin-demo-heading = Demo accounts
signin-demo-intro = This instance is a demo: these fictitious accounts let you try every role.
signin-demo-role = Role
signed-in = You are signed in.
signed-out = You are signed out.
# Forgotten password and reset
forgot-title = Forgotten password
forgot-heading = Forgotten password
forgot-intro = Give your account’s e-mail address: we will send you a link to choose a new password. The link is valid for one hour.
forgot-submit = Send the link
forgot-sent = If an account exists for this address, an e-mail with a reset link has just been sent.
forgot-mail-subject = Passerelle: choose a new password
forgot-mail-body = Hello,

    To choose a new Passerelle password, open this link (valid for one hour, single use):

    { $link }

    If you did not ask for anything, ignore this message: your password is unchanged.
reset-title = New password
reset-heading = Choose a new password
reset-invalid = This link is not valid: it has already been used or it has expired.
reset-ask-again = Ask for a new link
reset-submit = Save the password
reset-done = Your password has been changed. You can sign in.
password-mismatch = The two passwords differ.
# Invitations
invitation-title = Invitation
invitation-heading = Accept the invitation
invitation-intro = You have been invited to join Passerelle. Choose your name and password to create your account.
invitation-submit = Create my account
invitation-invalid = This invitation is not valid: it has already been used or it has expired. Ask the person who invited you for a new one.
invitation-accepted = Your account is created. Welcome to Passerelle!
invitation-email-taken = An account already exists with this e-mail address: please sign in.
invitation-mail-subject = Invitation to join Passerelle
invitation-mail-body = Hello,

    { $inviter } invites you to join Passerelle, the platform of the Open Innovation meetings, for the organisation “{ $organisation }”.

    To create your account, open this link (valid for 7 days, single use):

    { $link }
invite-intro = The invited person receives an e-mail with a link valid for 7 days that can be used once.
invite-submit = Send the invitation
invite-sent = The invitation has been sent.
invite-sent-list = Invitations sent
invite-kind-institution = Institution contact
invite-kind-company = Company contact
invite-organisation-required = Choose an existing organisation or give the name of a new one.
invite-organisation-kind = This organisation is not of the chosen kind.
invite-mail-failed = The e-mail could not be sent. Try again later; nothing has been saved.
invitation-status-pending = Pending
invitation-status-accepted = Accepted
invitation-status-expired = Expired
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
fiche-demo-note = Description written for the demo from the title published in 2021.
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
# Editor and my irritants
editor-new-title = New irritant
editor-edit-title = Edit the irritant
mine-title = My irritants
mine-heading = My institution’s irritants
mine-new = Describe a new irritant
mine-empty = No irritant yet.
mine-closed = The call for irritants is not open at the moment.
no-edition = No current edition.
# Company
company-title = Company profile
company-heading = Profile of { $company }
company-participation = Participation in the edition:
company-saved = The profile is saved.
size-micro = Start-up (fewer than 10 people)
size-small = Small company (10 to 49)
size-medium = Medium-sized company (50 to 249)
size-large = Large company (250 or more)
# Console
console-title = Organisers’ console
console-heading = Awaiting validation
console-invite = Invite a contact
console-domains = Domains vocabulary
console-submitted = Submitted irritants
console-companies = Registered companies to validate
console-nothing = Nothing waiting.
console-action = Action
company-validated = The company is validated.
invite-title = Invite a contact
domains-title = Domains
domains-heading = Domains vocabulary
domains-intro = Domains describe irritants (domains concerned) and companies (specialties).
domains-edit-heading = Add or change a domain
domains-edit-intro = Give an existing domain’s identifier to change its labels, or a new identifier to add it.
domain-saved = The domain is saved.
# Pipeline
pipeline-title = My companies
pipeline-heading = The companies I support
pipeline-invite = Invite a company
pipeline-empty = You have not invited any company yet.
pipeline-invite-title = Invite a company
# Regions
region-auvergne-rhone-alpes = Auvergne-Rhône-Alpes
region-bourgogne-franche-comte = Bourgogne-Franche-Comté
region-bretagne = Brittany
region-centre-val-de-loire = Centre-Val de Loire
region-corse = Corsica
region-grand-est = Grand Est
region-hauts-de-france = Hauts-de-France
region-ile-de-france = Île-de-France
region-normandie = Normandy
region-nouvelle-aquitaine = Nouvelle-Aquitaine
region-occitanie = Occitanie
region-pays-de-la-loire = Pays de la Loire
region-provence-alpes-cote-d-azur = Provence-Alpes-Côte d’Azur
region-guadeloupe = Guadeloupe
region-martinique = Martinique
region-guyane = French Guiana
region-la-reunion = Réunion
region-mayotte = Mayotte
region-national = All of France
company-register = Register the company for the current edition
company-registered = The company is registered; the organisers will validate its participation.
history-system = Passerelle (import or demo)
