# Single sign-on (issue 15): ProConnect and the RENATER federation.
sso-signin-heading = With your work account
sso-or-password = or with your address and password
sso-proconnect-login = Sign in with
sso-proconnect-what = What is ProConnect?
sso-proconnect-what-new-window = What is ProConnect? – new window
sso-renater-button = My institution (RENATER)
sso-nav-account = my account and sign-in methods
sso-federation-proconnect = ProConnect
sso-federation-renater = RENATER federation
sso-yes = Yes
sso-no = No

sso-invitation-heading = Accept with your work account
sso-invitation-intro = No password to remember: you will then sign in with the same account.
sso-invitation-password = Or choose a password

sso-discovery-title = Choose your institution
sso-discovery-heading = Choose your institution
sso-discovery-intro = Choose the institution that gave you your account: you will sign in on its page, then come back here.
sso-discovery-search = Institution name, city or domain
sso-discovery-submit = Search
sso-discovery-all = Institutions of the federation
sso-discovery-found = { $count ->
    [0] No institution found
    [one] One institution found
   *[other] { $count } institutions found
}
sso-discovery-none = No institution matches. Try another word, or sign in with your password.
sso-discovery-password = Sign in with an address and password

sso-signed-in = You are signed in.
sso-linked-by-address = You are signed in. This work account is now linked to your Passerelle account (same address).
sso-linked = This work account is linked to your Passerelle account.
sso-unlinked = This sign-in method was removed from your account.
sso-signed-out-provider = You are signed out of Passerelle and ProConnect.
sso-signed-out-institution-open = You are signed out of Passerelle, but not of your institution: its session stays open in this browser, and a click on “My institution (RENATER)” would sign you in again without a password. On a shared computer, close the browser or sign out on your institution's site.

sso-methods-title = My sign-in methods
sso-methods-heading = My sign-in methods
sso-methods-password-yes = You can sign in with your address and password.
sso-methods-password-no = Your account has no password: you sign in with a work account below.
sso-methods-linked = Linked work accounts
sso-methods-none = No work account is linked to your account.
sso-methods-provider = Provider
sso-methods-organisation = Institution or service
sso-methods-linked-on = Linked on
sso-methods-last-used = Last used
sso-methods-unlink = Unlink { $provider }
sso-methods-last = Only sign-in method
sso-methods-link = Link a work account

sso-members-title = Members' sign-in methods
sso-members-heading = How each member signs in
sso-members-intro = For each organisation, its members and how they sign in: password, ProConnect, an institution of the RENATER federation.
sso-members-link = Members' sign-in methods
sso-members-password = Password

sso-refused-title = Sign-in refused
sso-refused-heading = Sign-in refused
sso-refused-nothing = You are not signed in and nothing was saved.
sso-refused-back = Back to the sign-in page

sso-error-not-configured = This sign-in method is not offered on this site.
sso-error-configuration = This site's single sign-on is misconfigured. Please tell its technical team.
sso-error-unreachable = The identity provider does not answer. Try again in a few minutes.
sso-error-refused = The identity provider refused the sign-in ({ $reason }).
sso-error-no-pending = No sign-in was under way in this browser, or it was already used. Start again from the sign-in page.
sso-error-state = This answer belongs to another sign-in than the one started in this browser.
sso-error-nonce = The identity token was issued for another sign-in request.
sso-error-signature = The answer's signature is missing or invalid: it may have been altered.
sso-error-userinfo-unsigned = The information about the person was not signed although signing is required.
sso-error-audience = This answer was meant for another service.
sso-error-issuer = This answer does not come from the expected identity provider.
sso-error-expired = The answer has expired. Please sign in again.
sso-error-not-yet-valid = The answer is not valid yet (clocks disagree). Try again in a moment.
sso-error-replayed = This answer was already used once: it cannot be used again.
sso-error-not-encrypted = The assertion was not encrypted although encryption is required.
sso-error-acr = The authentication level “{ $acr }” is not accepted by this site.
sso-error-missing-attribute = The identity provider did not send “{ $name }”, which signing in needs.
sso-error-scope = The identifier “{ $value }” is not one this institution may vouch for.
sso-error-unknown-idp = This institution is not in the federation.
sso-error-metadata-signature = The federation's metadata is not signed by the federation.
sso-error-metadata-expired = The federation's metadata has expired.
sso-error-malformed = The identity provider's answer cannot be read.
sso-error-no-account = No Passerelle account has the address this provider vouches for. Sign in with your password to link this work account, or ask the organisers for an invitation.
sso-error-linked-elsewhere = This work account is already linked to another Passerelle account.
sso-error-email-taken = An account already exists with this invitation's address: sign in with it.
sso-error-invitation = This invitation link is no longer valid (already used or expired).
sso-error-last-method = This is your only way to sign in: first choose a password or link another account.

# Organisations' SIRET (company profile, company page) and the organisation ProConnect's claims propose.
field-siret = SIRET number
field-siret-hint = 14 digits, as on the Sirene register's notice. ProConnect sends it when your colleagues sign in with it: Passerelle then offers them to join your company.
invalid-siret-malformed = Invalid SIRET number: 14 digits, the last one a check digit (example: 732 829 320 00074).
sso-company-siret = SIRET: { $siret }
sso-affiliation-title = Your organisation
sso-affiliation-heading = Your organisation according to ProConnect
sso-affiliation-join = ProConnect ties you to the establishment with SIRET { $value }, that of “{ $name }” on Passerelle.
sso-affiliation-join-why = Once a member, you can edit its profile, register it to editions and say whom it wishes to meet. Its members or the organisers approve your request: ProConnect vouches for who you are, not for your role in the organisation.
sso-affiliation-join-why-institution = Once a member, you can write and submit its irritants and say which companies it wishes to meet. The organisers approve your request: your identity provider vouches for who you are, not for your role in the institution.
sso-affiliation-heading-renater = Your institution according to the RENATER federation
sso-affiliation-join-uai = Your institution account ties you to the UAI { $value }, that of “{ $name }” on Passerelle.
sso-affiliation-join-domain = Your institution account ties you to the domain { $value }, that of “{ $name }” on Passerelle.
sso-affiliation-join-button = Ask to join “{ $name }”
sso-affiliation-requested = You already asked to join “{ $name }”: its members or the organisers will answer.
sso-affiliation-record = ProConnect ties you to the establishment with SIRET { $siret }, which no organisation on Passerelle has yet. If it is that of “{ $name }”, record it on its profile: your colleagues who sign in with ProConnect will be offered to join it.
sso-affiliation-record-link = Record this SIRET on the profile of “{ $name }”
sso-affiliation-later = Later, continue
sso-join-requested = Your request is sent: the organisation's members or the organisers will answer.
sso-join-accepted = The person joined the organisation.
sso-join-refused = The request was refused.
sso-join-requests-heading = Requests to join the company
sso-join-requests-intro = These people signed in with ProConnect, which ties them to the SIRET shown. Only accept those you know: they will be able to edit this profile.
sso-join-requests-person = Person
sso-join-requests-siret = SIRET vouched for
sso-join-requests-on = Asked on
sso-join-accept = Accept { $name }
sso-join-refuse = Refuse { $name }
sso-error-join-already-requested = You already asked to join this organisation: its members or the organisers will answer.
sso-error-already-member = You are already a member of this organisation.
sso-error-affiliation-changed = This organisation's identifiers changed since you signed in: sign in again to see what is proposed.

# Institutions in the console: the identifiers single sign-on matches (SIRET, UAI, home domain).
institutions-link = Institutions and identifiers
institutions-title = Institutions
institutions-heading = Institutions and their identifiers
institutions-intro = An institution's SIRET, UAI and domain let Passerelle propose it to people who sign in with ProConnect (SIRET) or through the RENATER federation (UAI from supannEtablissement, else the domain from schacHomeOrganization). The proposal grants nothing: you accept or refuse each request.
institutions-requests = Requests to join
institutions-requests-count = { $count ->
    [0] none
    [one] one waiting
   *[other] { $count } waiting
}
institutions-back = All institutions
institution-title = { $name } – identifiers
institution-identifiers = Identifiers
institution-identifiers-intro = Leave a field empty if it does not apply. A UAI or a domain belongs to one institution only.
institution-siret-hint = 14 digits, as in the Sirene register. ProConnect sends it for the institution's agents.
field-uai = UAI
field-uai-hint = 7 digits and a check letter, as in the education directory (example: 0751717J). The RENATER federation sends it in supannEtablissement.
field-home-domain = Institution's domain
field-home-domain-hint = The domain the RENATER federation sends in schacHomeOrganization, without “https://” or a path (example: univ-exemple.fr).
invalid-uai-malformed = Invalid UAI: 7 digits, then the check letter (example: 0751717J).
invalid-home-domain-malformed = Invalid domain: a name such as univ-exemple.fr, in unaccented letters, digits and hyphens, without “https://”, “@” or a path.
invalid-home-domain-too-long = Domain too long: at most { $count } characters.
institution-uai-taken = Another institution already has this UAI.
institution-home-domain-taken = Another institution already has this domain.
institution-saved = The institution's identifiers are saved.
institution-requests-heading = Requests to join the institution
institution-requests-none = No request waiting.
institution-requests-intro = These people signed in with an account their identity provider ties to this institution. Only accept those you recognise: they will be able to write the institution's irritants.
institution-requests-claim = Vouched for by the provider

# What a request to join rests on, and the mails of requests to join.
sso-claim-siret = SIRET { $value }
sso-claim-uai = UAI { $value }
sso-claim-home-domain = domain { $value }
mail-join-requested-subject = Request to join { $organisation }
mail-join-requested-body = Hello { $name },

    { $person } ({ $email }) asks to join { $organisation } on Passerelle. Their identity provider ties them to it ({ $claim }).

    This grants them nothing until you accept. Only accept if you recognise this person: they will be able to act on behalf of the organisation. To accept or refuse:
    { $link }

    — Passerelle
mail-join-accepted-subject = You joined { $organisation }
mail-join-accepted-body = Hello { $name },

    Your request is accepted: you are a member of { $organisation } on Passerelle.

    { $link }

    — Passerelle
mail-join-refused-subject = Request to join { $organisation } refused
mail-join-refused-body = Hello { $name },

    Your request to join { $organisation } on Passerelle was refused. If this is a mistake, ask its members or the organisers.

    — Passerelle
