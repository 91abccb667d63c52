//! Wishes, recommendations and the thesaurus. `{prefs}` is an edition in the preferences phase where the
//! demo company is validated, `{p-irritant}` a fresh published irritant of the demo institution in it,
//! `{concept}` a fresh concept of the thesaurus.

use super::*;

/// The irritant's institution and the organisers.
const INSTITUTION: Row = [S, Y, Y, F, F, F, F, F];
/// The company and the organisers.
const COMPANY: Row = [S, Y, F, F, Y, F, F, F];
/// The vocabulary: organisers and admins.
const VOCABULARY: Row = [S, Y, F, F, F, F, Y, F];

pub const CASES: &[Case] = &[
    // Everyone signed in has an entry page (saying what they may do).
    get("/souhaits", [S, Y, Y, Y, Y, Y, Y, Y]),
    get("/irritants/{p-irritant}/recommandations", INSTITUTION),
    post(
        "/irritants/{p-irritant}/souhaits",
        &[("company", "{company}"), ("level", "must")],
        INSTITUTION,
    ),
    get(
        "/entreprises/{company}/recommandations?edition={prefs}",
        COMPANY,
    ),
    post(
        "/entreprises/{company}/souhaits",
        &[
            ("irritant", "{p-irritant}"),
            ("level", "would-like"),
            ("pitch", "Nous avons déjà fait cela pour deux universités."),
        ],
        COMPANY,
    ),
    get("/console/thesaurus", VOCABULARY),
    post(
        "/console/thesaurus",
        &[
            ("key", "concept-{unique}"),
            ("domain", "chatbot"),
            ("label_fr", "Assistant d'inscription {unique}"),
            ("label_en", "Enrolment assistant {unique}"),
            ("synonyms", "assistant inscription"),
            ("related", "chatbot"),
        ],
        VOCABULARY,
    ),
    get("/console/thesaurus/{concept}", VOCABULARY),
    post(
        "/console/thesaurus/{concept}",
        &[
            ("domain", "chatbot"),
            ("label_fr", "Concept modifié"),
            ("label_en", "Changed concept"),
        ],
        VOCABULARY,
    ),
    post("/console/thesaurus/{concept}/supprimer", &[], VOCABULARY),
];
