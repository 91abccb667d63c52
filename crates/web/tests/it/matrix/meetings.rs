//! Matching runs and meetings. `{matching}` is an edition in the matching phase (the demo company
//! validated there), `{run}` a fresh finished run of it, `{meeting}` a fresh proposal between the demo
//! institution and the demo company, `{m-irritant}` a fresh published irritant of that edition.

use super::*;

const ORGANISERS: Row = [S, Y, F, F, F, F, F, F];
const CONSOLE: Row = [S, Y, F, F, F, F, Y, F];
/// The two sides of the proposal: the demo institution's member and the demo company's member.
const SIDES: Row = [S, F, Y, F, Y, F, F, F];

pub const CASES: &[Case] = &[
    get("/console/editions/{matching}/mise-en-relation", CONSOLE),
    post(
        "/console/editions/{matching}/mise-en-relation",
        &[
            ("company_max", "3"),
            ("irritant_min", "0"),
            ("irritant_max", "2"),
        ],
        ORGANISERS,
    ),
    get("/console/mise-en-relation/{run}", CONSOLE),
    post("/console/mise-en-relation/{run}/publier", &[], ORGANISERS),
    get("/console/editions/{matching}/rencontres", CONSOLE),
    post(
        "/console/editions/{matching}/rencontres",
        &[("irritant", "{m-irritant}"), ("company", "{company}")],
        ORGANISERS,
    ),
    post("/console/rencontres/{meeting}/imposer", &[], ORGANISERS),
    // Everyone signed in has a page of meetings (empty for those without any).
    get("/rencontres", [S, Y, Y, Y, Y, F, F, F]),
    post("/rencontres/{meeting}/accepter", &[], SIDES),
    post(
        "/rencontres/{meeting}/decliner",
        &[("reason", "no-budget")],
        SIDES,
    ),
];
