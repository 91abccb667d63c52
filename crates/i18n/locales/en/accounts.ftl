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
mail-password-reset-subject = Passerelle: choose a new password
mail-password-reset-body = Hello,

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
