//! The irritant editor and the workflow.

use super::*;

pub const CASES: &[Case] = &[
    get("/mes-irritants", [S, Y, Y, Y, F, F, Y, F]),
    get("/irritants/nouveau", [S, Y, Y, Y, F, F, F, F]),
    post(
        "/irritants/nouveau",
        &[("title", "Un irritant de la matrice")],
        [S, Y, Y, Y, F, F, F, F],
    ),
    get("/irritants/{draft}/modifier", [S, Y, Y, F, F, F, F, F]),
    post(
        "/irritants/{draft}/modifier",
        &[("title", "Un irritant modifié")],
        [S, Y, Y, F, F, F, F, F],
    ),
    post(
        "/irritants/{draft}/soumettre",
        &[],
        [S, Y, Y, F, F, F, F, F],
    ),
    post(
        "/irritants/{submitted}/publier",
        &[],
        [S, Y, F, F, F, F, F, F],
    ),
    post(
        "/irritants/{submitted}/renvoyer",
        &[("comment", "Précisez le budget.")],
        [S, Y, F, F, F, F, F, F],
    ),
    post(
        "/irritants/{submitted}/archiver",
        &[],
        [S, Y, F, F, F, F, F, F],
    ),
];
