//! The participant's day. The current edition of the tests' world is not yet at "schedule published":
//! the agenda and now/next pages say so to those who will have one. `{scheduled}` is a fresh scheduled
//! meeting and `{held}` a fresh held one, between the demo institution and the demo company, in an
//! edition on its event day. `{sched}` is an edition being scheduled (set up, one meeting imposed) and
//! `{srun}` a fresh scheduling run of it.

use super::*;

/// The organisers, and both sides of the meeting (the demo institution's member, the demo company's).
const ORGANISERS_AND_SIDES: Row = [S, Y, Y, F, Y, F, F, F];
/// Both sides of the meeting only.
const SIDES: Row = [S, F, Y, F, Y, F, F, F];
/// Participants (and organisers, whose agenda is empty): not business managers, admins or funders.
const PARTICIPANTS: Row = [S, Y, Y, Y, Y, F, F, F];
/// The console: organisers, and admins reading.
const CONSOLE: Row = [S, Y, F, F, F, F, Y, F];
const ORGANISERS: Row = [S, Y, F, F, F, F, F, F];
/// A feed behind an unknown secret is not found, whoever asks (calendar apps send no session).
const UNKNOWN: Expect = Expect::Status(404);

pub const CASES: &[Case] = &[
    get("/journee/agenda", PARTICIPANTS),
    // Anyone signed in may change their own feed's secret.
    post("/journee/agenda/flux", &[], [S, Y, Y, Y, Y, Y, Y, Y]),
    get("/journee/flux/{token}.ics", [UNKNOWN; 8]),
    get("/journee/maintenant", PARTICIPANTS),
    post(
        "/journee/rencontres/{scheduled}/tenue",
        &[],
        ORGANISERS_AND_SIDES,
    ),
    post(
        "/journee/rencontres/{scheduled}/absence",
        &[],
        ORGANISERS_AND_SIDES,
    ),
    post(
        "/journee/rencontres/{held}/note",
        &[("score", "4"), ("follow_up", "yes"), ("comment", "")],
        SIDES,
    ),
    get("/console/editions/{sched}/journee", CONSOLE),
    post(
        "/console/editions/{sched}/journee",
        &[
            ("days", "2019-07-01"),
            ("morning_start", "9:00"),
            ("morning_end", "10:00"),
            ("slot_minutes", "20"),
            ("gap_minutes", "5"),
            ("seating", "institutions-sit"),
            ("tables", "Table A\nTable B"),
            ("step_free", "Table A"),
        ],
        ORGANISERS,
    ),
    post(
        "/console/editions/{sched}/journee/calculs",
        &[("time_limit", "2")],
        ORGANISERS,
    ),
    get("/console/journee/calculs/{srun}", CONSOLE),
    // Published when finished, else refused as not finished: either way back to the run's page.
    post("/console/journee/calculs/{srun}/publier", &[], ORGANISERS),
    get("/console/journee/comparer?a={srun}&b={srun}", CONSOLE),
    // The day's PDFs. Without a published schedule the agenda's PDF sends back to the agenda page (which
    // says so); `{day}` is an edition on its event day, set up: its door sheets and grid print for the
    // organisers only.
    get("/journee/agenda.pdf", PARTICIPANTS),
    get("/console/editions/{day}/journee/portes.pdf", ORGANISERS),
    get("/console/editions/{day}/journee/grille.pdf", ORGANISERS),
];
