//! The follow-up: each side's opportunities, opening one from a held meeting, moves and amounts, and the
//! organisers' board. `{held}` is a fresh held meeting of the demo institution and company (event-day
//! edition), `{opportunity}` a fresh opportunity of such a meeting.

use super::*;

pub const CASES: &[Case] = &[
    // Organisers are sent to an edition's board; admins and funders follow no opportunity here.
    get("/suivi", [S, Y, Y, Y, Y, Y, F, F]),
    post(
        "/suivi/ouvrir",
        &[("meeting", "{held}")],
        [S, Y, Y, F, Y, F, F, F],
    ),
    // The demo business manager's incubator brought the demo company: it reads, it does not write.
    get("/suivi/{opportunity}", [S, Y, Y, F, Y, Y, F, F]),
    post(
        "/suivi/{opportunity}/etape",
        &[
            ("action", "abandon"),
            ("comment", "Plus de budget cette année"),
        ],
        [S, Y, Y, F, Y, F, F, F],
    ),
    post(
        "/suivi/{opportunity}/montants",
        &[("estimated_cost", "45 000"), ("requested", "30000")],
        [S, Y, Y, F, Y, F, F, F],
    ),
    get(
        "/console/editions/{edition}/suivi",
        [S, Y, F, F, F, F, F, F],
    ),
    // The six-month rating: a side of the held meeting answers for itself.
    get("/suivi/six-mois/{held}", [S, F, Y, F, Y, F, F, F]),
    post(
        "/suivi/six-mois/{held}",
        &[
            ("outcome", "quote"),
            ("amount", "12 000"),
            ("satisfaction", "4"),
        ],
        [S, F, Y, F, Y, F, F, F],
    ),
];
