//! The organisers' console.

use super::*;

pub const CASES: &[Case] = &[
    get("/console", [S, Y, F, F, F, F, Y, F]),
    post(
        "/console/entreprises/{registered}/valider",
        &[],
        [S, Y, F, F, F, F, F, F],
    ),
    get("/console/invitations", [S, Y, F, F, F, F, F, F]),
    post(
        "/console/invitations",
        &[
            ("email", "{email}"),
            ("kind", "institution"),
            ("organisation_name", "Université {unique}"),
        ],
        [S, Y, F, F, F, F, F, F],
    ),
    get("/console/domaines", [S, Y, F, F, F, F, Y, F]),
    post(
        "/console/domaines",
        &[
            ("slug", "d-{unique}"),
            ("label_fr", "Domaine"),
            ("label_en", "Domain"),
        ],
        [S, Y, F, F, F, F, Y, F],
    ),
];
