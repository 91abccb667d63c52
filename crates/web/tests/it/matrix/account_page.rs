//! The account page: every signed-in person has one; visitors are sent to sign in. The forms that would
//! change the demo accounts the other cases use are sent with a wrong current password (422: the page
//! answered, with the refusal next to the field).

use super::*;

const REFUSED_FORM: Row = [
    S,
    Expect::Status(422),
    Expect::Status(422),
    Expect::Status(422),
    Expect::Status(422),
    Expect::Status(422),
    Expect::Status(422),
    Expect::Status(422),
];

pub const CASES: &[Case] = &[
    get("/compte", [S, Y, Y, Y, Y, Y, Y, Y]),
    post(
        "/compte/nom",
        &[("name", "Personne de test"), ("language", "fr")],
        [S, Y, Y, Y, Y, Y, Y, Y],
    ),
    post(
        "/compte/adresse",
        &[("email", "{email}"), ("email_password", "pas le bon")],
        REFUSED_FORM,
    ),
    // A confirmation link is its own authorization: an unknown one is 404 for everyone.
    get("/compte/adresse/{token}", [Expect::Status(404); 8]),
    post("/compte/adresse/{token}", &[], [Expect::Status(404); 8]),
    post(
        "/compte/mot-de-passe",
        &[
            ("current_password", "pas le bon"),
            ("new_password", "un mot de passe sûr"),
            ("confirm", "un mot de passe sûr"),
        ],
        REFUSED_FORM,
    ),
    post("/compte/sessions/fin", &[], [S, Y, Y, Y, Y, Y, Y, Y]),
    // Personal data: one's own export and deletion (a wrong password: refused, nothing erased).
    get("/compte/donnees", [S, Y, Y, Y, Y, Y, Y, Y]),
    get("/compte/donnees.json", [S, Y, Y, Y, Y, Y, Y, Y]),
    get("/compte/suppression", [S, Y, Y, Y, Y, Y, Y, Y]),
    post(
        "/compte/suppression",
        &[("password", "pas le bon")],
        REFUSED_FORM,
    ),
    post("/compte/suppression/lien", &[], [S, Y, Y, Y, Y, Y, Y, Y]),
    get("/compte/suppression/lien/{token}", [Expect::Status(404); 8]),
    post(
        "/compte/suppression/lien/{token}",
        &[],
        [Expect::Status(404); 8],
    ),
    // Organisers answer a person's request (the demo institution member's account here).
    get("/console/comptes", ORGANISERS),
    get("/console/comptes/{user}", ORGANISERS),
    get("/console/comptes/{user}/donnees.json", ORGANISERS),
    post(
        "/console/comptes/{user}/suppression",
        &[("confirm", "pas-la-bonne@exemple.fr")],
        [S, Expect::Status(422), F, F, F, F, F, F],
    ),
    get("/donnees-personnelles", PUBLIC),
];

const ORGANISERS: Row = [S, Y, F, F, F, F, F, F];
