//! The fiche as a document: PDF fiches (whoever may see the irritant's page) and the edition's booklet
//! (organisers). `{edition}` is a fresh edition in preparation (no fiche: the booklet page says so).

use super::*;

const ORGANISERS: Row = [S, Y, F, F, F, F, F, F];

pub const CASES: &[Case] = &[
    get("/irritants/{published}/fiche.pdf", PUBLIC),
    get("/irritants/{draft}/fiche.pdf", [S, Y, Y, F, F, F, Y, F]),
    get("/irritants/{submitted}/fiche.pdf", [S, Y, Y, F, F, F, Y, F]),
    get("/console/editions/{edition}/livret", ORGANISERS),
    post(
        "/console/editions/{edition}/livret",
        &[("langue", "fr")],
        ORGANISERS,
    ),
    get(
        "/console/editions/{edition}/livret.pdf?langue=en",
        ORGANISERS,
    ),
];
