//! The day as it happens, in the console: the live board, the check-in desk, rescheduling (changes,
//! their previews, locks) and the rating results, on `{live}`, an edition of 2019 on its event day with
//! a live schedule; `{change}` is a fresh previewed change of it (the demo company absent in the last
//! slot, where it has no meeting), `{livem}` one of its scheduled meetings, `{person}` the demo
//! institution's member. A person's own check-in page is for the current edition, which the tests'
//! world has not brought to the day: refused to everyone signed in.

use super::*;

const ORGANISERS: Row = [S, Y, F, F, F, F, F, F];
/// The console: organisers, and admins reading.
const CONSOLE: Row = [S, Y, F, F, F, F, Y, F];
/// The person, a colleague and organisers (told check-in is not open yet); no one else.
const OWN_PAGE: Row = [S, Y, Y, F, F, F, F, F];
const NOT_ON_THE_DAY: Row = [S, F, F, F, F, F, F, F];

pub const CASES: &[Case] = &[
    get("/console/editions/{live}/journee/tableau", ORGANISERS),
    get(
        "/console/editions/{live}/journee/tableau?creneau={lastslot}",
        ORGANISERS,
    ),
    get("/console/editions/{live}/journee/accueil?q=a", ORGANISERS),
    post(
        "/console/editions/{live}/journee/accueil/{person}",
        &[("q", "")],
        ORGANISERS,
    ),
    get("/journee/accueil/{person}", OWN_PAGE),
    post("/journee/accueil/{person}", &[], NOT_ON_THE_DAY),
    get("/console/editions/{live}/journee/evaluations", ORGANISERS),
    get("/console/editions/{live}/journee/changements", CONSOLE),
    post(
        "/console/editions/{live}/journee/changements",
        &[
            ("kind", "absence"),
            ("participant", "company:{company}"),
            ("slots", "{lastslot}"),
        ],
        ORGANISERS,
    ),
    get("/console/journee/changements/{change}", CONSOLE),
    post(
        "/console/journee/changements/{change}/appliquer",
        &[],
        ORGANISERS,
    ),
    post(
        "/console/journee/changements/{change}/abandonner",
        &[],
        ORGANISERS,
    ),
    post(
        "/console/journee/rencontres/{livem}/verrou",
        &[("locked", "1")],
        ORGANISERS,
    ),
];

/// Unavailability and rules, before the run. The tests' current edition has no set-up and no meetings:
/// the participants' page says the slots are not set yet, and a participant named by a form is no
/// participant of it (404). The rules are those of `{sched}` (being scheduled), `{schedm}` its meeting.
pub const CONSTRAINTS: &[Case] = &[
    // Participants (and organisers, who speak for none): not business managers, admins or funders.
    get("/journee/disponibilites", [S, Y, Y, Y, Y, F, F, F]),
    post(
        "/journee/disponibilites",
        &[("participant", "company:{company}"), ("unavailable", "0")],
        [
            S, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
        ],
    ),
    get("/console/editions/{sched}/journee/regles", CONSOLE),
    post(
        "/console/editions/{sched}/journee/regles",
        &[("meeting", "{schedm}"), ("locked", "1")],
        ORGANISERS,
    ),
    post(
        "/console/editions/{sched}/journee/regles/ordre",
        &[("before", "{schedm}"), ("after", "{schedm}")],
        ORGANISERS,
    ),
];

const NOT_FOUND: Expect = Expect::Status(404);
