# Console
console-title = Organisers’ console
console-heading = Awaiting validation
console-invite = Invite a contact
console-domains = Vocabulary and thesaurus
console-submitted = Submitted irritants
console-companies = Registered companies to validate
console-nothing = Nothing waiting.
console-action = Action
company-validated = The company is validated.
invite-title = Invite a contact
domains-title = Domains
domains-heading = Vocabulary: domains and thesaurus
domains-intro = Domains describe irritants (domains concerned) and companies (specialties).
domains-edit-heading = Add or change a domain
domains-edit-intro = Give an existing domain’s identifier to change its labels, or a new identifier to add it.
domain-saved = The domain is saved.
