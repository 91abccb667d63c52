//! The event day itself: now/next for each participant, the organisers' live board per slot, check-in
//! (a person's own QR code, or staff by name), meetings marked held or no-show by either side or staff,
//! and the mail inviting everyone to rate their meetings once the day is over.

use std::collections::{BTreeMap, HashMap};

use passerelle_domain::{
    Action, Actor, Context, EditionId, MeetingAction, MeetingId, MeetingStatus, Side, TableId,
    UserId, authorize,
};
use passerelle_i18n::Lang;
use passerelle_storage::{DayTable, Edition, LivePlacement, Meeting, User};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::agendas::{self, Item};
use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::meetings::side_of;
use crate::{App, Error, Result, mail, user_id};

pub const RATING_INVITATIONS: &str = "rating-invitations";

pub(crate) fn register(registry: &mut Registry) {
    registry.register(RATING_INVITATIONS, invite_ratings);
}

async fn edition(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// The current and next meeting of the signed-in person.
#[derive(Debug, Clone)]
pub struct NowNext {
    pub edition: Edition,
    pub now: OffsetDateTime,
    pub current: Option<Item>,
    pub next: Option<Item>,
    /// Meetings left today after the next one.
    pub later: usize,
}

/// What the person is in now, and what comes next (cancelled meetings left out).
pub async fn now_next(app: &App, actor: &Actor) -> Result<NowNext> {
    let (edition, items) = agendas::brief(app, actor).await?;
    let now = app.now();
    let active: Vec<&Item> = items.iter().filter(|i| !i.cancelled()).collect();
    let current = active
        .iter()
        .find(|i| i.start <= now && now < i.end)
        .map(|i| (*i).clone());
    let upcoming: Vec<&&Item> = active.iter().filter(|i| i.start > now).collect();
    let next = upcoming.first().map(|i| (**i).clone());
    let later = upcoming.len().saturating_sub(1);
    Ok(NowNext {
        edition,
        now,
        current,
        next,
        later,
    })
}

/// One table in one slot of the live board.
#[derive(Debug, Clone)]
pub struct Cell {
    pub table: DayTable,
    pub meeting: Option<Meeting>,
    /// `free`, `planned`, `in-progress`, `held`, `no-show`, `cancelled`.
    pub state: &'static str,
}

/// A slot of the day on the live board.
#[derive(Debug, Clone)]
pub struct SlotView {
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
}

/// The organisers' live board: one slot (the current one by default), every table's meeting and state,
/// and who arrived.
#[derive(Debug, Clone)]
pub struct Board {
    pub edition: Edition,
    pub slots: Vec<SlotView>,
    /// Index in `slots` of the slot shown.
    pub shown: Option<usize>,
    pub cells: Vec<Cell>,
    pub counts: BTreeMap<&'static str, usize>,
    pub checked_in: usize,
    pub people: usize,
}

fn cell_state(m: &Meeting, p: &LivePlacement, now: OffsetDateTime) -> &'static str {
    match m.state.status {
        MeetingStatus::Held | MeetingStatus::Rated => "held",
        MeetingStatus::NoShow => "no-show",
        MeetingStatus::Cancelled | MeetingStatus::Accepted | MeetingStatus::Imposed => "cancelled",
        _ if p.placement.start <= now && now < p.placement.end => "in-progress",
        _ => "planned",
    }
}

/// The live board at the slot starting at `slot` (unix seconds), else the current or next slot.
pub async fn board(app: &App, actor: &Actor, id: EditionId, slot: Option<i64>) -> Result<Board> {
    let edition = edition(app, id).await?;
    authorize(
        actor,
        Action::RunDay,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    let plan = app
        .storage()
        .day_plan(id)
        .await?
        .map(|(p, _)| p)
        .ok_or_else(|| Error::conflict("day-no-setup"))?;
    let slots: Vec<SlotView> = plan
        .slots()
        .iter()
        .map(|s| SlotView {
            start: s.start,
            end: s.end,
        })
        .collect();
    let now = app.now();
    let shown = match slot {
        Some(t) => slots.iter().position(|s| s.start.unix_timestamp() == t),
        None => slots
            .iter()
            .position(|s| now < s.end)
            .or(slots.len().checked_sub(1)),
    };
    let tables = app.storage().day_tables(id).await?;
    let meetings: HashMap<MeetingId, Meeting> = app
        .storage()
        .meetings_of_edition(id)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let live = app.storage().live_placements(id).await?;
    let mut at: HashMap<TableId, (&LivePlacement, &Meeting)> = HashMap::new();
    if let Some(s) = shown.map(|i| &slots[i]) {
        for p in live.iter().filter(|p| p.placement.start == s.start) {
            if let Some(m) = meetings.get(&p.placement.meeting) {
                // A cancelled meeting gives its table back: show the one still held, if any.
                let replace = at
                    .get(&p.placement.table)
                    .is_none_or(|(op, om)| cell_state(om, op, now) == "cancelled");
                if replace {
                    at.insert(p.placement.table, (p, m));
                }
            }
        }
    }
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let cells: Vec<Cell> = tables
        .into_iter()
        .filter(|t| !t.retired || at.contains_key(&t.id))
        .map(|t| {
            let (meeting, state) = match at.get(&t.id) {
                Some((p, m)) => {
                    let state = cell_state(m, p, now);
                    let shown = (state != "cancelled").then(|| (*m).clone());
                    (shown, if state == "cancelled" { "free" } else { state })
                }
                None => (None, "free"),
            };
            *counts.entry(state).or_default() += 1;
            Cell {
                table: t,
                meeting,
                state,
            }
        })
        .collect();
    let people = participants_people(app, &meetings.values().cloned().collect::<Vec<_>>()).await?;
    let checked_in = app.storage().checkins(id).await?.len();
    Ok(Board {
        edition,
        slots,
        shown,
        cells,
        counts,
        checked_in,
        people: people.len(),
    })
}

/// The people of both sides of scheduled meetings.
async fn participants_people(app: &App, meetings: &[Meeting]) -> Result<BTreeMap<UserId, User>> {
    let mut people = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for m in meetings.iter().filter(|m| {
        matches!(
            m.state.status,
            MeetingStatus::Scheduled
                | MeetingStatus::Held
                | MeetingStatus::NoShow
                | MeetingStatus::Rated
        )
    }) {
        for side in [Side::Institution, Side::Company] {
            let org = match side {
                Side::Institution => m.institution.id,
                Side::Company => m.company.id,
            };
            if !seen.insert(org) {
                continue;
            }
            for u in agendas::side_people(app, m, side).await? {
                people.insert(u.id, u);
            }
        }
    }
    Ok(people)
}

/// A meeting marked held or no-show by one of its sides, or by staff.
pub async fn mark(app: &App, actor: &Actor, id: MeetingId, held: bool) -> Result<Meeting> {
    let meeting = app
        .storage()
        .get_meeting(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, meeting.edition_id).await?;
    let side = side_of(actor, &meeting);
    authorize(
        actor,
        Action::MarkAttendance,
        &Context {
            phase: Some(edition.phase),
            owner: side.map(|s| match s {
                Side::Institution => meeting.institution.id,
                Side::Company => meeting.company.id,
            }),
            meeting_status: Some(meeting.state.status),
            ..Context::default()
        },
    )?;
    let action = if held {
        MeetingAction::MarkHeld
    } else {
        MeetingAction::MarkNoShow
    };
    let target = if held {
        MeetingStatus::Held
    } else {
        MeetingStatus::NoShow
    };
    if meeting.state.status == target {
        return Ok(meeting);
    }
    let mut tx = app.begin().await?;
    tx.move_meeting(id, action, side, None, None, user_id(actor), app.now())
        .await?;
    app.audit(
        &mut tx,
        actor,
        if held {
            "meeting-held"
        } else {
            "meeting-no-show"
        },
        ("meeting", id.to_string()),
        serde_json::json!({ "side": side.map(|s| s.as_str()) }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_meeting(id).await?.ok_or(Error::NotFound)
}

/// A person as the check-in desk sees them.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub person: User,
    pub organisations: Vec<String>,
    pub checked_in: Option<OffsetDateTime>,
}

async fn arrival(app: &App, edition: &Edition, person: User) -> Result<Arrival> {
    let organisations = app
        .storage()
        .membership_details(person.id)
        .await?
        .into_iter()
        .map(|m| m.organisation.name.as_str().to_string())
        .collect();
    let checked_in = app
        .storage()
        .checkins(edition.id)
        .await?
        .into_iter()
        .find(|(u, _)| *u == person.id)
        .map(|(_, t)| t);
    Ok(Arrival {
        person,
        organisations,
        checked_in,
    })
}

async fn check_in_context(
    app: &App,
    actor: &Actor,
    person: &User,
    at: Option<EditionId>,
) -> Result<(Edition, Context)> {
    let edition = match at {
        Some(id) => edition(app, id).await?,
        None => crate::editions::current(app)
            .await?
            .ok_or(Error::NotFound)?,
    };
    let memberships = app.storage().memberships(person.id).await?;
    // The person's own organisation when the actor shares it; else any (staff decide on role).
    let owner = memberships
        .iter()
        .map(|m| m.organisation)
        .find(|o| actor.is_member_of(Some(*o)))
        .or(memberships.first().map(|m| m.organisation));
    let ctx = Context {
        phase: Some(edition.phase),
        owner,
        ..Context::default()
    };
    Ok((edition, ctx))
}

/// The path of a person's check-in page: what the QR code of their agenda (page and PDF) opens.
pub fn check_in_path(person: UserId) -> String {
    format!("/journee/accueil/{person}")
}

/// The absolute address of a person's check-in, and its QR code as inline SVG markup (no XML prolog).
pub fn check_in_code(app: &App, person: UserId) -> (String, String) {
    let url = app.link(&check_in_path(person));
    let svg = String::from_utf8(passerelle_export::pdf::qr_svg(&url)).unwrap_or_default();
    let svg = svg
        .find("<svg")
        .map(|i| svg[i..].to_string())
        .unwrap_or_default();
    (url, svg)
}

/// The check-in page of a person (what their QR code opens).
pub async fn arrival_of(app: &App, actor: &Actor, person: UserId) -> Result<Arrival> {
    let person = app
        .storage()
        .get_user(person)
        .await?
        .ok_or(Error::NotFound)?;
    let (edition, ctx) = check_in_context(app, actor, &person, None).await?;
    authorize(actor, Action::CheckIn, &ctx)?;
    arrival(app, &edition, person).await
}

/// Checks a person in to the current edition (themselves from their QR code, a colleague, or staff);
/// checking in twice keeps the first arrival.
pub async fn check_in(app: &App, actor: &Actor, person: UserId) -> Result<Arrival> {
    check_in_at(app, actor, None, person).await
}

/// [`check_in`] to a given edition (the staff desk of that edition), or to the current one.
pub async fn check_in_at(
    app: &App,
    actor: &Actor,
    at: Option<EditionId>,
    person: UserId,
) -> Result<Arrival> {
    let person = app
        .storage()
        .get_user(person)
        .await?
        .ok_or(Error::NotFound)?;
    let (edition, ctx) = check_in_context(app, actor, &person, at).await?;
    if at.is_some() {
        // An edition's desk is the staff's.
        authorize(actor, Action::RunDay, &ctx)?;
    }
    authorize(actor, Action::CheckIn, &ctx)?;
    let mut tx = app.begin().await?;
    if tx
        .check_in(edition.id, person.id, user_id(actor), app.now())
        .await?
    {
        app.audit(
            &mut tx,
            actor,
            "person-checked-in",
            ("user", person.id.to_string()),
            serde_json::json!({ "edition": edition.id.to_string() }),
        )
        .await?;
    }
    app.commit(tx).await?;
    arrival(app, &edition, person).await
}

/// The check-in desk: the people expected (both sides of scheduled meetings) whose name or organisation
/// contains `query` (all when empty), arrivals last.
pub async fn desk(
    app: &App,
    actor: &Actor,
    id: EditionId,
    query: &str,
) -> Result<(Edition, Vec<Arrival>)> {
    let edition = edition(app, id).await?;
    authorize(
        actor,
        Action::RunDay,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    let meetings = app.storage().meetings_of_edition(id).await?;
    let people = participants_people(app, &meetings).await?;
    let needle = query.trim().to_lowercase();
    let mut out = Vec::new();
    for person in people.into_values() {
        let a = arrival(app, &edition, person).await?;
        let hay = format!(
            "{} {} {}",
            a.person.display_name.as_str(),
            a.person.email.as_str(),
            a.organisations.join(" ")
        )
        .to_lowercase();
        if needle.is_empty() || hay.contains(&needle) {
            out.push(a);
        }
    }
    out.sort_by(|a, b| {
        (a.checked_in.is_some(), a.person.display_name.as_str())
            .cmp(&(b.checked_in.is_some(), b.person.display_name.as_str()))
    });
    Ok((edition, out))
}

#[derive(Debug, Serialize, Deserialize)]
struct InvitationParams {
    edition: EditionId,
}

/// Schedules the rating invitations for the end of the edition's last slot (once per edition).
pub(crate) async fn schedule_rating_invitations(
    app: &App,
    tx: &mut passerelle_storage::Tx,
    edition: EditionId,
    at: OffsetDateTime,
) -> Result<()> {
    app.enqueue_job(
        tx,
        JobRequest {
            run_after: Some(at),
            unique_key: Some(format!("{RATING_INVITATIONS}:{edition}")),
            ..JobRequest::new(RATING_INVITATIONS, InvitationParams { edition })
        },
    )
    .await?;
    Ok(())
}

/// At the end of the day: each person whose side held meetings gets a link to rate them.
async fn invite_ratings(app: App, job: RunningJob) -> Result<Done> {
    let p: InvitationParams = job.params()?;
    let edition = edition(&app, p.edition).await?;
    let meetings: Vec<Meeting> = app
        .storage()
        .meetings_of_edition(edition.id)
        .await?
        .into_iter()
        .filter(|m| m.state.status == MeetingStatus::Held)
        .collect();
    let mut per_person: BTreeMap<UserId, (User, usize)> = BTreeMap::new();
    for m in &meetings {
        for side in [Side::Institution, Side::Company] {
            for u in agendas::side_people(&app, m, side).await? {
                per_person.entry(u.id).or_insert_with(|| (u.clone(), 0)).1 += 1;
            }
        }
    }
    let mut tx = app.begin().await?;
    for (person, count) in per_person.values() {
        let lang = Lang::of(person.locale);
        let args = [
            ("name", person.display_name.as_str().to_string()),
            ("edition", edition.title.as_str().to_string()),
            ("count", count.to_string()),
            ("link", app.link("/journee/agenda#evaluer")),
        ];
        app.enqueue_mail(
            &mut tx,
            &mail::render("rating-invitation", &person.email, lang, &args),
        )
        .await?;
    }
    let done = job
        .complete(&mut tx, &serde_json::json!({ "mails": per_person.len() }))
        .await?;
    app.commit(tx).await?;
    Ok(done)
}
