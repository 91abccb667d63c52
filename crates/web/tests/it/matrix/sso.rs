//! Single sign-on, as the matrix's application has it: no provider configured (the buttons are
//! absent and the provider routes answer 404, or refuse a callback nobody started with 400); the
//! configured flows are in `tests/it/sso.rs`. The person's sign-in methods and the organisers' view
//! of the members work either way, and so do the organisation a sign-in proposes (nothing without
//! one) and the answers to requests to join a company.

use super::*;

const NOT_CONFIGURED: Row = [Expect::Status(404); 8];
const NOTHING_STARTED: Row = [Expect::Status(400); 8];

pub const CASES: &[Case] = &[
    post(
        "/connexion/proconnect",
        &[("purpose", "signin"), ("next", "/")],
        NOT_CONFIGURED,
    ),
    get(
        "/connexion/proconnect/retour?code=abc&state=def",
        NOTHING_STARTED,
    ),
    get("/connexion/proconnect/deconnexion?state=abc", PUBLIC),
    get("/connexion/renater", NOT_CONFIGURED),
    post(
        "/connexion/renater",
        &[
            ("idp", "https://idp.univ-exemple.fr/idp/shibboleth"),
            ("purpose", "signin"),
        ],
        NOT_CONFIGURED,
    ),
    get(
        "/connexion/renater/choix?entityID=https%3A%2F%2Fidp.univ-exemple.fr%2Fidp%2Fshibboleth",
        NOT_CONFIGURED,
    ),
    // The identity provider's cross-site POST: no CSRF token asked, refused by the SAML checks.
    post(
        "/sso/renater/acs",
        &[("SAMLResponse", "PHg+"), ("RelayState", "abc")],
        NOTHING_STARTED,
    ),
    get("/connexion/renater/retour?relay=abc", NOTHING_STARTED),
    get("/sso/renater/metadata", NOT_CONFIGURED),
    get("/compte/connexions", [S, Y, Y, Y, Y, Y, Y, Y]),
    post(
        "/compte/connexions/{token}/delier",
        &[],
        [
            S,
            Expect::Status(404),
            Expect::Status(404),
            Expect::Status(404),
            Expect::Status(404),
            Expect::Status(404),
            Expect::Status(404),
            Expect::Status(404),
        ],
    ),
    get("/console/connexions", [S, Y, F, F, F, F, Y, F]),
    // Without a sign-in that proposed an organisation: home, and nothing to ask.
    get("/connexion/organisation", [S, Y, Y, Y, Y, Y, Y, Y]),
    post(
        "/connexion/organisation",
        &[],
        [
            S,
            Expect::Status(400),
            Expect::Status(400),
            Expect::Status(400),
            Expect::Status(400),
            Expect::Status(400),
            Expect::Status(400),
            Expect::Status(400),
        ],
    ),
    // Those who may answer the company's requests find none from this person (404); others may not.
    post(
        "/entreprise/adhesions",
        &[
            ("company", "{company}"),
            ("user", "{company}"),
            ("decision", "accept"),
        ],
        [S, Expect::Status(404), F, F, Expect::Status(404), F, F, F],
    ),
    // An institution's requests: the organisers (and admins) answer, and find none from this person.
    post(
        "/entreprise/adhesions",
        &[
            ("company", "{institution}"),
            ("user", "{company}"),
            ("decision", "refuse"),
        ],
        [S, Expect::Status(404), F, F, F, F, Expect::Status(404), F],
    ),
    // The institutions' identifiers: organisers and admins.
    get("/console/etablissements", [S, Y, F, F, F, F, Y, F]),
    get(
        "/console/etablissements/{institution}",
        [S, Y, F, F, F, F, Y, F],
    ),
    post(
        "/console/etablissements/{institution}",
        &[("siret", ""), ("uai", "0751717J"), ("home_domain", "")],
        [S, Y, F, F, F, F, Y, F],
    ),
    // Only institutions have this page.
    get(
        "/console/etablissements/{company}",
        [S, Expect::Status(404), F, F, F, F, Expect::Status(404), F],
    ),
];
