//! Funding: the catalogue of schemes (every signed-in user reads it, the organisers keep it), an
//! opportunity's routing and filing (its sides and the organisers; a business manager reads), the
//! dossiers (the organisers and the scheme's funder; the sides read theirs) and the decision (the
//! scheme's funder only). `{scheme}` is a fresh open scheme of the demo funder, `{dossier}` a fresh
//! opportunity's dossier with one, `{funder}` the demo funder's organisation.

use super::*;

const SCHEME: &[(&str, &str)] = &[
    ("funder", "{funder}"),
    ("name", "Fonds de la matrice {unique}"),
    ("description", "Finance les preuves de concept."),
    ("applicants", "either"),
    ("opens", "2020-01-01"),
    ("closes", "2040-12-31"),
];

pub const CASES: &[Case] = &[
    get("/financements", [S, Y, Y, Y, Y, Y, Y, Y]),
    get("/console/financements/nouveau", [S, Y, F, F, F, F, F, F]),
    post(
        "/console/financements/nouveau",
        SCHEME,
        [S, Y, F, F, F, F, F, F],
    ),
    get("/console/financements/{scheme}", [S, Y, F, F, F, F, F, F]),
    post(
        "/console/financements/{scheme}",
        &[
            ("funder", "{funder}"),
            ("name", "Fonds renommé {unique}"),
            ("description", "Finance les preuves de concept."),
            ("applicants", "institution"),
            ("opens", "2020-01-01"),
            ("closes", "2040-12-31"),
            ("version", "1"),
        ],
        [S, Y, F, F, F, F, F, F],
    ),
    // The demo business manager's incubator brought the demo company: it reads, it does not file.
    get(
        "/suivi/{opportunity}/financements",
        [S, Y, Y, F, Y, Y, F, F],
    ),
    post(
        "/suivi/{opportunity}/financements/{scheme}",
        &[("plan", "Trois mois de maquette puis un essai.")],
        [S, Y, Y, F, Y, F, F, F],
    ),
    get("/dossiers", [S, Y, F, F, F, F, F, Y]),
    get("/dossiers/{dossier}", [S, Y, Y, F, Y, Y, F, Y]),
    get("/dossiers/{dossier}/dossier.json", [S, Y, Y, F, Y, Y, F, Y]),
    post(
        "/dossiers/{dossier}/decision",
        &[
            ("decision", "more-information"),
            ("comment", "Précisez le calendrier."),
        ],
        [S, F, F, F, F, F, F, Y],
    ),
];
