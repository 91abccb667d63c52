error-too-many-title = Too many attempts
error-too-many = Too many sign-in attempts failed for this account or from your address. Wait a quarter of an hour before trying again; if you forgot your password, ask for a new one from the sign-in page.
