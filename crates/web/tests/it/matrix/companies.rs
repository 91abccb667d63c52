//! Company profiles and registration.

use super::*;

pub const CASES: &[Case] = &[
    get(
        "/entreprise/profil?company={company}",
        [S, Y, F, F, Y, F, F, F],
    ),
    post(
        "/entreprise/profil",
        &[
            ("company", "{company}"),
            ("description", "Nous faisons des robots."),
        ],
        [S, Y, F, F, Y, F, F, F],
    ),
    post(
        "/entreprise/inscription",
        &[("company", "{invited}")],
        [S, Y, F, F, Y, F, F, F],
    ),
];
