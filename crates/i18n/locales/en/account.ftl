# The account page (/compte)
account-title = My account
account-heading = My account
account-intro = You are signed in with the address { $email }.
account-name-heading = Name and language
account-language = Language of e-mails
account-language-hint = Passerelle writes its e-mails to you in this language.
account-language-fr = Français (French)
account-language-en = English
account-renamed = Your name and language are saved.
account-email-heading = E-mail address
account-email-current = Current address: { $email }
account-email-new = New e-mail address
account-email-hint = A confirmation link, valid for 24 hours, is sent to the new address; the current address is told. Nothing changes before the confirmation.
account-email-submit = Send the confirmation link
account-email-sent = A confirmation link was sent to the new address. Your address changes when you open it.
account-email-same = This is already your account's address.
account-current-password = Current password
account-password-wrong = This is not your current password.
account-email-confirm-title = Confirm the new address
account-email-confirm-heading = Confirm the new e-mail address
account-email-confirm-intro = Your Passerelle account will now use the address { $email } to sign in and for e-mails.
account-email-confirm-submit = Confirm this address
account-email-changed = Your e-mail address is changed.
account-email-taken = Another account already uses this address: it cannot be given to this account.
account-email-link-invalid = This link is not valid: it was already used, it expired, or a newer link replaced it.
account-back = Back to my account
account-password-heading = Password
account-password-intro = Changing your password signs out all your other sessions; this one stays open.
account-password-none = Your account has no password: you sign in through single sign-on. You may choose one.
account-password-submit = Change the password
account-password-changed = Your password is changed; your other sessions are closed.
account-methods-heading = Ways to sign in
account-methods-manage = Manage my ways to sign in (ProConnect, RENATER federation)
account-sessions-heading = Open sessions
account-sessions-intro = The browsers where your account is signed in. If you do not recognise one, sign them out and change your password.
account-session-device = Device
account-session-signed-in = Signed in
account-session-last-seen = Last active
account-session-current = this session
account-session-unknown = unknown
account-session-device-unknown = Unknown browser
account-sessions-end = Sign out everywhere else
account-sessions-ended = Your other sessions are closed.
# Mails of the account page
mail-password-changed-subject = Passerelle: your password was changed
mail-password-changed-body = Hello,

    The password of your Passerelle account was just changed, and your other sessions were closed.

    If this was not you, choose a new password right away:

    { $link }
mail-email-change-confirm-subject = Passerelle: confirm your new e-mail address
mail-email-change-confirm-body = Hello { $name },

    For your Passerelle account to use this address, open this link (valid for 24 hours, usable once):

    { $link }

    If you did not ask for this, ignore this message: nothing changes.
mail-email-change-requested-subject = Passerelle: change of address requested
mail-email-change-requested-body = Hello { $name },

    A change of e-mail address was requested for your Passerelle account, to { $email }. The address changes only if the link sent to that new address is opened.

    If this was not you, change your password and close your other sessions:

    { $link }
mail-email-changed-subject = Passerelle: your e-mail address was changed
mail-email-changed-body = Hello { $name },

    Your Passerelle account now uses the address { $email }. This message is the last one sent to this address.

    If this was not you, reply to this message or write to the organisers.
