//! Public pages: home, language switch, style sheet, catalogue and fiches, each edition's results.

use super::*;

pub const CASES: &[Case] = &[
    get("/", PUBLIC),
    get("/langue?lang=en&next=/irritants", PUBLIC),
    get("/static/style.css", PUBLIC),
    get("/favicon.ico", PUBLIC),
    get("/irritants", PUBLIC),
    get("/irritants?domaine=ia", PUBLIC),
    get("/irritants/{published}", PUBLIC),
    get("/irritants/{draft}", [S, Y, Y, F, F, F, Y, F]),
    get("/irritants/{submitted}", [S, Y, Y, F, F, F, Y, F]),
    get("/editions/rencontres-2021/resultats", PUBLIC),
];
