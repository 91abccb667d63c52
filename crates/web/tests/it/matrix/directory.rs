//! The company directory and company pages: organisers and institution members; a company sees its own
//! pages only. `{registered}` is a fresh company waiting for validation, with the demo company member
//! among its members (organisers look before validating).

use super::*;

pub const CASES: &[Case] = &[
    get("/entreprises", [S, Y, Y, Y, F, F, F, F]),
    get(
        "/entreprises?specialite=chatbot&region=occitanie",
        [S, Y, Y, Y, F, F, F, F],
    ),
    get("/entreprises/{company}", [S, Y, Y, Y, Y, F, F, F]),
    get("/entreprises/{registered}", [S, Y, Y, Y, Y, F, F, F]),
];
