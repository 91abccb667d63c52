sign-out-title = Sign out
sign-out-heading = Sign out
sign-out-intro = You are signed in. Confirm to end your session on this device.
sign-out-submit = Sign me out
sign-out-stay = Stay signed in and go back home
forgot-too-many = A link has already been asked for several times for this address or from your connection. Wait a quarter of an hour, and look in your spam folder too.
irritant-edited-meanwhile = Someone saved this fiche while you were editing it: your changes are not saved, and theirs were not overwritten. Open the fiche in another tab to see their version, carry over what is missing, then save again.
