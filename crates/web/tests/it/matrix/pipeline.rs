//! Business managers' pipelines and invitations.

use super::*;

pub const CASES: &[Case] = &[
    get("/pipeline", [S, Y, F, F, F, Y, F, F]),
    get("/pipeline/invitations", [S, Y, F, F, F, Y, F, F]),
    post(
        "/pipeline/invitations",
        &[
            ("email", "{email}"),
            ("organisation_name", "Jeune pousse {unique}"),
        ],
        [S, Y, F, F, F, Y, F, F],
    ),
    // Issue 7, finding 1: a contact into a company of another pipeline (here one brought by nobody) is
    // refused to business managers.
    post(
        "/pipeline/invitations",
        &[("email", "{email}"), ("organisation", "{registered}")],
        [S, Y, F, F, F, F, F, F],
    ),
];
