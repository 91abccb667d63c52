//! Accounts: sign-in, password reset, invitation links, sign-out.

use super::*;

pub const CASES: &[Case] = &[
    get("/connexion", PUBLIC),
    post(
        "/connexion",
        &[("email", "personne@exemple.fr"), ("password", "pas le bon")],
        [Expect::Status(401); 8],
    ),
    get("/mot-de-passe-oublie", PUBLIC),
    post(
        "/mot-de-passe-oublie",
        // A fresh address each time: one address gets only a few reset mails (the throttle).
        &[("email", "{email}")],
        PUBLIC,
    ),
    get("/reinitialisation/{token}", [Expect::Status(404); 8]),
    post(
        "/reinitialisation/{token}",
        &[
            ("new_password", "un mot de passe sûr"),
            ("confirm", "un mot de passe sûr"),
        ],
        [Expect::Status(404); 8],
    ),
    get("/invitation/{token}", [Expect::Status(404); 8]),
    post(
        "/invitation/{token}",
        &[
            ("name", "Personne"),
            ("new_password", "un mot de passe sûr"),
            ("confirm", "un mot de passe sûr"),
        ],
        [Expect::Status(404); 8],
    ),
    // The sign-out page (its button posts): signed-in people see it, visitors go home.
    get("/deconnexion", PUBLIC),
    // Run last by the matrix: signing out ends the session used by the other cases.
    post("/deconnexion", &[], [S, Y, Y, Y, Y, Y, Y, Y]),
];
