//! The participant's day. The current edition of the tests' world is not yet at "schedule published":
//! the agenda and now/next pages say so to those who will have one. `{scheduled}` is a fresh scheduled
//! meeting and `{held}` a fresh held one, between the demo institution and the demo company, in an
//! edition on its event day.

use super::*;

/// The organisers, and both sides of the meeting (the demo institution's member, the demo company's).
const ORGANISERS_AND_SIDES: Row = [S, Y, Y, F, Y, F, F, F];
/// Both sides of the meeting only.
const SIDES: Row = [S, F, Y, F, Y, F, F, F];
/// Participants (and organisers, whose agenda is empty): not business managers, admins or funders.
const PARTICIPANTS: Row = [S, Y, Y, Y, Y, F, F, F];
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
];
