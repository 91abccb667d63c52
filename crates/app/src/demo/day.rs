//! The day in the demo. The current edition's schedule is published: every proposal was answered by
//! the deadline (all accepted but the one declined), the organisers set the day up, the scheduling
//! engine placed the meetings (the product's own event loading and solver, so its breaks and bound are
//! the engine's) and the run is live, so that every participant finds an agenda on first sign-in. The
//! closed 2021 edition keeps its whole day: the schedule of 5 July 2021, who checked in, the
//! meetings held and the two no-shows, and both sides' ratings (all fictitious).
//!
//! The writes go through storage transactions, as the other areas' seeds do: no mail leaves for a
//! demonstration (the rating invitations of the current edition wait, as a job, for the end of its day).

use std::time::Duration as StdDuration;

use passerelle_domain::day::{Pause, SessionPlan, in_paris, paris, parse_time};
use passerelle_domain::{
    Answer, DayPlan, EditionId, Field, FollowUp, LongText, MeetingAction, MeetingStatus,
    OrganisationId, Phase, Rating, RatingRound, Role, Score, Seating, SessionKind, Side, TableSpec,
    UserId,
};
use passerelle_storage::{Edition, Meeting, Placement};
use time::{Date, Duration, OffsetDateTime};

use super::{World, bad_data};
use crate::schedule::{self, Event, RunParams};
use crate::{App, Error, Result};

/// The demo's tables: institutions sit, companies move; the first room is step-free.
const TABLES: &[(&str, bool)] = &[
    ("Salle Curie", true),
    ("Table 2", false),
    ("Table 3", false),
    ("Table 4", false),
    ("Table 5", false),
    ("Table 6", false),
    ("Table 7", false),
    ("Table 8", false),
    ("Table 9", false),
    ("Table 10", false),
];

/// A day plan on `days`: 9 h – 12 h 30 and 14 h – 17 h 30, 20-minute meetings 5 minutes apart, a
/// coffee break at 10 h 40, institutions sitting, breaks at most one apart between participants.
fn plan(days: Vec<Date>) -> Result<DayPlan> {
    let t = |s: &str| parse_time(s).map_err(|e| Error::internal(format!("{e:?}")));
    DayPlan::new(
        days,
        vec![
            SessionPlan {
                kind: SessionKind::Morning,
                start: t("9:00")?,
                end: t("12:30")?,
            },
            SessionPlan {
                kind: SessionKind::Afternoon,
                start: t("14:00")?,
                end: t("17:30")?,
            },
        ],
        20,
        5,
        vec![Pause {
            start: t("10:40")?,
            end: t("10:55")?,
        }],
        Seating::InstitutionsSit,
        None,
    )
    .map_err(|e| Error::internal(format!("demo day plan: {e:?}")))
}

fn tables() -> Result<Vec<TableSpec>> {
    TABLES
        .iter()
        .map(|(name, step_free)| {
            TableSpec::parse(name, *step_free).map_err(|e| Error::from(bad_data(format!("{e:?}"))))
        })
        .collect()
}

/// Sets the day up, schedules the confirmed meetings with the engine and publishes the run, dated
/// `at`; returns the live placements.
async fn schedule_and_publish(
    app: &App,
    world: &World,
    edition: &Edition,
    days: Vec<Date>,
    at: OffsetDateTime,
) -> Result<Vec<Placement>> {
    let organiser = world.users.get(&Role::Organiser).copied();
    let mut tx = app.begin().await?;
    tx.save_day_plan(edition.id, &plan(days)?, organiser, at)
        .await?;
    tx.save_tables(edition.id, &tables()?, at).await?;
    app.commit(tx).await?;

    let meetings: Vec<Meeting> = app
        .storage()
        .meetings_of_edition(edition.id)
        .await?
        .into_iter()
        .filter(|m| m.state.status.is_confirmed())
        .collect();
    let event = Event::load(app, edition.id, meetings.clone()).await?;
    let params = RunParams { time_limit: 5 };
    let (result, placements) =
        schedule::solve(&event, StdDuration::from_secs(params.time_limit))
            .map_err(|code| Error::internal(format!("demo schedule: {}", code.key)))?;
    if placements.len() != meetings.len() {
        return Err(Error::internal(format!(
            "demo schedule placed {} of {} meetings",
            placements.len(),
            meetings.len()
        )));
    }
    let json = |v: serde_json::Result<serde_json::Value>| v.map_err(Error::internal);
    let mut tx = app.begin().await?;
    let (run, _) = tx
        .create_schedule_run(
            edition.id,
            &json(serde_json::to_value(params))?,
            organiser,
            at,
        )
        .await?;
    tx.finish_schedule_run(run, &placements, &json(serde_json::to_value(&result))?, at)
        .await?;
    for p in &placements {
        tx.place_meeting(edition.id, p, at).await?;
    }
    for m in &meetings {
        tx.move_meeting(
            m.id,
            MeetingAction::Schedule,
            None,
            None,
            None,
            organiser,
            at,
        )
        .await?;
    }
    tx.publish_schedule_run(edition.id, run, at).await?;
    if edition.phase < Phase::SchedulePublished {
        tx.set_phase(edition.id, Phase::SchedulePublished, organiser, at)
            .await?;
    }
    if let Some(end) = placements.iter().map(|p| p.end).max()
        && end > at
    {
        crate::day::schedule_rating_invitations(app, &mut tx, edition.id, end).await?;
    }
    app.commit(tx).await?;
    Ok(placements)
}

/// The demo account of `role` when it belongs to `org`: who answered for it.
pub(super) fn account_of(world: &World, role: Role, org: OrganisationId) -> Option<UserId> {
    world
        .users
        .get(&role)
        .copied()
        .filter(|_| world.org_of(role) == Some(org))
}

/// The current edition at "schedule published": the answers still pending are given (accepted) before
/// the deadline, then the day is set up, scheduled and published now.
pub(super) async fn current(
    app: &App,
    world: &World,
    edition: EditionId,
    answered: OffsetDateTime,
) -> Result<()> {
    let edition = app
        .storage()
        .get_edition(edition)
        .await?
        .ok_or_else(|| bad_data("no current edition"))?;
    let mut tx = app.begin().await?;
    for m in app.storage().meetings_of_edition(edition.id).await? {
        if m.state.status != MeetingStatus::Proposed {
            continue;
        }
        for (side, role, org) in [
            (Side::Institution, Role::InstitutionMember, m.institution.id),
            (Side::Company, Role::CompanyMember, m.company.id),
        ] {
            if m.state.answer(side) == Answer::Pending {
                tx.move_meeting(
                    m.id,
                    MeetingAction::accept(side),
                    Some(side),
                    None,
                    None,
                    account_of(world, role, org),
                    answered,
                )
                .await?;
            }
        }
    }
    app.commit(tx).await?;
    // The first day of the edition; the second is kept for the workshops.
    let days = vec![edition.dates.first_day()];
    schedule_and_publish(app, world, &edition, days, app.now()).await?;
    Ok(())
}

/// What the 2021 participants said of their meetings: score, follow-up and comment, chosen in turn.
const RATINGS: &[(i64, FollowUp, &str)] = &[
    (
        5,
        FollowUp::Yes,
        "Besoin très bien compris : nous préparons une démonstration sur nos données.",
    ),
    (
        4,
        FollowUp::Yes,
        "Échange concret, une suite est prévue avec notre DSI.",
    ),
    (
        4,
        FollowUp::Maybe,
        "Intéressant, mais le budget devra être confirmé en comité.",
    ),
    (3, FollowUp::Maybe, ""),
    (
        5,
        FollowUp::Yes,
        "La meilleure rencontre de la journée pour nous.",
    ),
    (
        2,
        FollowUp::No,
        "Solution encore trop éloignée de notre besoin.",
    ),
];

/// The 2021 edition's day, as it happened (fictitious): its schedule published on 28 June 2021, the
/// people checked in on the morning of 5 July, every meeting held but two no-shows, each held meeting
/// rated by both sides in the evening of its day.
pub(super) async fn edition_2021(app: &App, world: &World, edition: EditionId) -> Result<()> {
    let edition = app
        .storage()
        .get_edition(edition)
        .await?
        .ok_or_else(|| bad_data("no 2021 edition"))?;
    let published = at_paris(edition.dates.first_day() - Duration::days(7), 10)?;
    // The meetings on the first day; the second was the workshops'.
    let days: Vec<Date> = vec![edition.dates.first_day()];
    let placements = schedule_and_publish(app, world, &edition, days, published).await?;
    let organiser = world.users.get(&Role::Organiser).copied();
    let meetings = app.storage().meetings_of_edition(edition.id).await?;
    let mut tx = app.begin().await?;
    // Arrivals: each side's demo account, on the morning of the first day.
    let arrival = at_paris(edition.dates.first_day(), 8)? + Duration::minutes(40);
    for role in [Role::InstitutionMember, Role::CompanyMember] {
        if let Some(user) = world.users.get(&role) {
            tx.check_in(edition.id, *user, organiser, arrival).await?;
        }
    }
    let mut ordered: Vec<&Placement> = placements.iter().collect();
    ordered.sort_by_key(|p| (p.start, p.meeting));
    for (i, p) in ordered.iter().enumerate() {
        let m = meetings
            .iter()
            .find(|m| m.id == p.meeting)
            .ok_or_else(|| bad_data("a placed meeting"))?;
        // Two no-shows in the day: the fifth and the twelfth meetings' companies did not come.
        if i == 4 || i == 11 {
            tx.move_meeting(
                m.id,
                MeetingAction::MarkNoShow,
                Some(Side::Institution),
                None,
                None,
                account_of(world, Role::InstitutionMember, m.institution.id),
                p.end,
            )
            .await?;
            continue;
        }
        tx.move_meeting(
            m.id,
            MeetingAction::MarkHeld,
            None,
            None,
            None,
            organiser,
            p.end,
        )
        .await?;
        let evening = at_paris(in_paris(p.start).date(), 19)?;
        for (k, (side, role, org)) in [
            (Side::Institution, Role::InstitutionMember, m.institution.id),
            (Side::Company, Role::CompanyMember, m.company.id),
        ]
        .into_iter()
        .enumerate()
        {
            let (score, follow_up, comment) = RATINGS[(i + k * 3) % RATINGS.len()];
            let comment = (!comment.is_empty())
                .then(|| LongText::parse(Field::Comment, comment))
                .transpose()
                .map_err(|e| bad_data(format!("{e:?}")))?;
            let rating = Rating::new(
                Score::new(score).map_err(|e| bad_data(format!("{e:?}")))?,
                follow_up,
                comment,
            )
            .map_err(|e| bad_data(format!("{e:?}")))?;
            tx.set_rating(
                m.id,
                side,
                RatingRound::Day,
                &rating,
                account_of(world, role, org),
                evening,
            )
            .await?;
        }
        tx.move_meeting(
            m.id,
            MeetingAction::Rate,
            Some(Side::Company),
            None,
            None,
            None,
            evening,
        )
        .await?;
    }
    app.commit(tx).await?;
    Ok(())
}

/// `hour` o'clock in Paris on `day`.
pub(super) fn at_paris(day: Date, hour: u8) -> Result<OffsetDateTime> {
    let time = time::Time::from_hms(hour, 0, 0).map_err(Error::internal)?;
    Ok(paris(time::PrimitiveDateTime::new(day, time)))
}
