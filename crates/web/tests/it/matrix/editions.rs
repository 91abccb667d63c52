//! Editions in the console (organisers only). `{edition}` is a fresh edition in preparation, in 2019.

use super::*;

const ORGANISERS: Row = [S, Y, F, F, F, F, F, F];

pub const CASES: &[Case] = &[
    get("/console/editions", ORGANISERS),
    get("/console/editions/nouvelle", ORGANISERS),
    post(
        "/console/editions/nouvelle",
        &[
            ("slug", "e-{unique}"),
            ("title", "Rencontres de la matrice"),
            ("venue", "Montpellier"),
            ("first_day", "2019-06-03"),
            ("last_day", "2019-06-04"),
        ],
        ORGANISERS,
    ),
    get("/console/editions/{edition}", ORGANISERS),
    post(
        "/console/editions/{edition}",
        &[
            ("title", "Rencontres renommées"),
            ("venue", "Nîmes"),
            ("first_day", "2019-07-01"),
            ("last_day", "2019-07-02"),
        ],
        ORGANISERS,
    ),
    post(
        "/console/editions/{edition}/calendrier",
        &[
            ("start-call-for-irritants", "2019-01-07"),
            ("end-call-for-irritants", "2019-03-01"),
        ],
        ORGANISERS,
    ),
    get(
        "/console/editions/{edition}/phase?vers=call-for-irritants",
        ORGANISERS,
    ),
    post(
        "/console/editions/{edition}/phase",
        &[("vers", "call-for-irritants")],
        ORGANISERS,
    ),
];
