# Invitations
invitation-title = Invitation
invitation-heading = Accept the invitation
invitation-intro = You have been invited to join Passerelle. Choose your name and password to create your account.
invitation-submit = Create my account
invitation-invalid = This invitation is not valid: it has already been used or it has expired. Ask the person who invited you for a new one.
invitation-accepted = Your account is created. Welcome to Passerelle!
invitation-email-taken = An account already exists with this e-mail address: please sign in.
mail-invitation-subject = Invitation to join Passerelle
mail-invitation-body = Hello,

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
invitation-status-pending = Pending
invitation-status-accepted = Accepted
invitation-status-expired = Expired
invite-company-elsewhere = This company is already on Passerelle, outside your pipeline: ask the organisers to add it to your pipeline.
field-invite-lang = Language of the invitation
mail-invitation-existing-account-subject = Invitation to join “{ $organisation }” on Passerelle
mail-invitation-existing-account-body = Hello,

    { $inviter } invites you to join the organisation “{ $organisation }” on Passerelle. You already have an account: sign in, then open this link (valid for 7 days, usable once):

    { $link }

    If you did not expect this invitation, ignore this message.

    — Passerelle, the Rencontres Open Innovation
