# Pipeline
pipeline-title = My companies
pipeline-heading = The companies I support
pipeline-invite = Invite a company
pipeline-empty = You have not invited any company yet.
pipeline-invite-title = Invite a company
