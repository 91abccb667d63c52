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
        &[("email", "personne@exemple.fr")],
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
    // Run last by the matrix: signing out ends the session used by the other cases.
    post("/deconnexion", &[], [S, Y, Y, Y, Y, Y, Y, Y]),
];
