//! Rescheduling on the day: a cancellation, a participant's absence (a no-show for the rest of the day,
//! or some slots), a late request, a lost table. The organiser previews the new schedule, computed by the
//! engine with the fewest moves of everyone else's meetings (meetings already past, held or locked never
//! move), then applies it: moved meetings raise their iCalendar sequence, cancelled ones stay in the feeds
//! as cancelled, affected people get a mail with their `.ics`. Every change is kept, applied or not.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration as StdDuration;

use passerelle_domain::{
    Action, Actor, ChangeId, Context, DeclineReason, EditionId, Field, MeetingAction, MeetingId,
    MeetingStatus, Reason, TableId, ValidationError, authorize,
};
use passerelle_scheduling::{Change, Instance, RescheduleError, SolveOptions};
use passerelle_storage::{Edition, LivePlacement, Meeting, Participant, Placement, ScheduleChange};
use serde::{Deserialize, Serialize};

use crate::schedule::{Event, participant_code};
use crate::{App, Code, Error, Invalid, Problem, Result, agendas, user_id};

/// What happened, as the organiser states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Request {
    Cancel {
        meeting: MeetingId,
    },
    /// The participant cannot attend these slots (given by their start, unix seconds).
    Absence {
        participant: String,
        slots: Vec<i64>,
    },
    /// A confirmed meeting not in the schedule yet.
    LateRequest {
        meeting: MeetingId,
    },
    TableLost {
        table: TableId,
    },
}

impl Request {
    pub fn kind(&self) -> &'static str {
        match self {
            Request::Cancel { .. } => "cancel",
            Request::Absence { .. } => "absence",
            Request::LateRequest { .. } => "late-request",
            Request::TableLost { .. } => "table-lost",
        }
    }
}

/// A meeting that moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    pub meeting: MeetingId,
    pub from: Option<Placement>,
    pub to: Placement,
}

/// The preview kept with a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub moves: Vec<Move>,
    /// Meetings that cannot be kept (taken out of the schedule).
    pub dropped: Vec<MeetingId>,
    pub cancelled: Option<MeetingId>,
    pub added: Option<Placement>,
    /// Names of the participants whose agenda changes.
    pub affected: Vec<String>,
    pub total_breaks: u32,
    /// The live schedule this preview starts from: applying it on another one is refused.
    pub basis: String,
}

/// The organiser's form as typed.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    /// `cancel`, `absence`, `late-request`, `table-lost`.
    pub kind: String,
    pub meeting: String,
    pub participant: String,
    pub slots: Vec<String>,
    pub table: String,
}

async fn edition(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

fn allow(actor: &Actor, edition: &Edition) -> Result<()> {
    authorize(
        actor,
        Action::Reschedule,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    Ok(())
}

fn parse_request(input: &RequestInput) -> Result<Request> {
    let mut invalid = Invalid::default();
    let request = match input.kind.trim() {
        "cancel" | "late-request" => invalid
            .check("meeting", MeetingId::parse(&input.meeting))
            .map(|meeting| {
                if input.kind.trim() == "cancel" {
                    Request::Cancel { meeting }
                } else {
                    Request::LateRequest { meeting }
                }
            }),
        "absence" => {
            let mut slots = Vec::new();
            for s in &input.slots {
                match s.trim().parse::<i64>() {
                    Ok(t) => slots.push(t),
                    Err(_) => invalid.add(
                        "slots",
                        Problem::Validation(ValidationError::Malformed(Field::Slot)),
                    ),
                }
            }
            if slots.is_empty() {
                invalid.add(
                    "slots",
                    Problem::Validation(ValidationError::Required(Field::Slot)),
                );
            }
            if input.participant.trim().is_empty() {
                invalid.add(
                    "participant",
                    Problem::Validation(ValidationError::Required(Field::Id)),
                );
            }
            Some(Request::Absence {
                participant: input.participant.trim().to_string(),
                slots,
            })
        }
        "table-lost" => invalid
            .check("table", TableId::parse(&input.table))
            .map(|table| Request::TableLost { table }),
        _ => {
            invalid.add(
                "kind",
                Problem::Validation(ValidationError::Unknown(Field::Kind)),
            );
            None
        }
    };
    invalid.finish()?;
    request.ok_or_else(|| Error::internal("request checked above"))
}

/// The live event: the meetings held in the schedule now, as the engine sees them, with their places.
struct Live {
    event: Event,
    live: HashMap<MeetingId, LivePlacement>,
    basis: String,
}

fn basis_of(live: &[LivePlacement]) -> String {
    let mut parts: Vec<String> = live
        .iter()
        .map(|l| format!("{}:{}", l.placement.meeting, l.sequence))
        .collect();
    parts.sort();
    // Short and stable: a digest of every meeting's sequence.
    use sha2::Digest;
    let digest = sha2::Sha256::digest(parts.join(",").as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

async fn load_live(app: &App, edition: &Edition, extra: Option<Meeting>) -> Result<Live> {
    let live_rows = app.storage().live_placements(edition.id).await?;
    let basis = basis_of(&live_rows);
    let live: HashMap<MeetingId, LivePlacement> = live_rows
        .into_iter()
        .map(|l| (l.placement.meeting, l))
        .collect();
    let mut meetings: Vec<Meeting> = app
        .storage()
        .meetings_of_edition(edition.id)
        .await?
        .into_iter()
        .filter(|m| {
            live.contains_key(&m.id)
                && matches!(
                    m.state.status,
                    MeetingStatus::Scheduled
                        | MeetingStatus::Held
                        | MeetingStatus::NoShow
                        | MeetingStatus::Rated
                )
        })
        .collect();
    if let Some(m) = extra {
        meetings.push(m);
    }
    let mut event = Event::load(app, edition.id, meetings).await?;
    // Past, held, marked or locked meetings stay in their slot.
    let now = app.now();
    let slot_of: HashMap<i64, usize> = event
        .slots
        .iter()
        .map(|s| (s.start.unix_timestamp(), s.index))
        .collect();
    for (i, m) in event.meetings.iter().enumerate() {
        let Some(l) = live.get(&m.id) else { continue };
        let frozen = l.placement.start <= now
            || m.state.status != MeetingStatus::Scheduled
            || event.rules.get(&m.id).is_some_and(|r| r.locked);
        if frozen {
            event.spec.meetings[i].fixed =
                slot_of.get(&l.placement.start.unix_timestamp()).copied();
        }
    }
    // Nothing moves into a slot that has begun (a late request neither): those slots are closed to
    // everyone but the participants of the meetings held in them.
    let begun: Vec<usize> = event
        .slots
        .iter()
        .filter(|s| s.start <= now)
        .map(|s| s.index)
        .collect();
    let mut kept: BTreeSet<(usize, usize)> = BTreeSet::new();
    for m in &event.spec.meetings {
        if let Some(s) = m.fixed.filter(|s| begun.contains(s)) {
            kept.insert((m.a, s));
            kept.insert((m.b, s));
        }
    }
    for (p, spec) in event.spec.participants.iter_mut().enumerate() {
        for &s in &begun {
            if !kept.contains(&(p, s)) && !spec.forbidden.contains(&s) {
                spec.forbidden.push(s);
            }
        }
    }
    Ok(Live { event, live, basis })
}

fn engine_error(e: RescheduleError) -> Error {
    match e {
        RescheduleError::Infeasible | RescheduleError::TimedOut => {
            Error::Conflict(Code::new("day-change-infeasible"))
        }
        RescheduleError::Model(m) => {
            Error::Conflict(Code::new("day-run-invalid").arg("reason", m.to_string()))
        }
        other => Error::Conflict(Code::new("day-run-invalid").arg("reason", other.to_string())),
    }
}

/// Computes what a change does, with the fewest moves, and keeps it as a previewed change.
pub async fn preview(
    app: &App,
    actor: &Actor,
    id: EditionId,
    input: RequestInput,
) -> Result<(ScheduleChange, Preview)> {
    let edition = edition(app, id).await?;
    allow(actor, &edition)?;
    let request = parse_request(&input)?;
    let late = match &request {
        Request::LateRequest { meeting } => {
            let m = app
                .storage()
                .get_meeting(*meeting)
                .await?
                .filter(|m| m.edition_id == id)
                .ok_or_else(|| {
                    Error::invalid(
                        "meeting",
                        Problem::Validation(ValidationError::Unknown(Field::Id)),
                    )
                })?;
            if !m.state.status.is_confirmed() || m.state.status == MeetingStatus::Scheduled {
                return Err(Error::invalid(
                    "meeting",
                    Problem::Code(Code::new("day-late-not-confirmed")),
                ));
            }
            Some(m)
        }
        _ => None,
    };
    let Live {
        mut event,
        live,
        basis,
    } = load_live(app, &edition, late.clone()).await?;
    let mut published = event.schedule_of(
        &event
            .meetings
            .iter()
            .filter_map(|m| live.get(&m.id).map(|l| l.placement))
            .collect::<Vec<_>>(),
    );
    let index = |m: MeetingId| event.meetings.iter().position(|x| x.id == m);
    let unknown = |field: &str| {
        Error::invalid(
            field,
            Problem::Validation(ValidationError::Unknown(Field::Id)),
        )
    };
    let change = match &request {
        Request::Cancel { meeting } => {
            let i = index(*meeting).ok_or_else(|| unknown("meeting"))?;
            if event.meetings[i].state.status != MeetingStatus::Scheduled {
                return Err(Error::invalid(
                    "meeting",
                    Problem::Code(Code::new("day-cancel-not-scheduled")),
                ));
            }
            Change::Cancel { meeting: i }
        }
        Request::Absence { participant, slots } => {
            let p = event
                .participants
                .iter()
                .position(|n| participant_code(n.participant) == *participant)
                .ok_or_else(|| unknown("participant"))?;
            let mut indices = Vec::new();
            for t in slots {
                let s = event
                    .slots
                    .iter()
                    .find(|s| s.start.unix_timestamp() == *t)
                    .ok_or_else(|| {
                        Error::invalid(
                            "slots",
                            Problem::Validation(ValidationError::Unknown(Field::Slot)),
                        )
                    })?;
                indices.push(s.index);
            }
            Change::Absent {
                participant: p,
                slots: indices,
            }
        }
        Request::LateRequest { .. } => {
            // The late meeting was loaded last: take it out of the instance and add it as the change.
            let spec = event
                .spec
                .meetings
                .pop()
                .ok_or_else(|| Error::internal("late meeting"))?;
            let m = event
                .meetings
                .pop()
                .ok_or_else(|| Error::internal("late meeting"))?;
            published = event.schedule_of(
                &event
                    .meetings
                    .iter()
                    .filter_map(|x| live.get(&x.id).map(|l| l.placement))
                    .collect::<Vec<_>>(),
            );
            event.meetings.push(m);
            Change::Add { meeting: spec }
        }
        Request::TableLost { table } => {
            let t = event
                .tables
                .iter()
                .position(|x| x.id == *table)
                .ok_or_else(|| unknown("table"))?;
            Change::TableLost { table: t }
        }
    };
    let inst = Instance::new(event.spec.clone()).map_err(|e| Error::Conflict(event.problem(&e)))?;
    let options = SolveOptions {
        time_limit: StdDuration::from_secs(20),
        ..SolveOptions::default()
    };
    // When seats run short, the meetings that may give way, lowest affinity first: those still free to
    // move (not started, held, locked or fixed by the organiser).
    let score = |i: usize| event.meetings[i].score.unwrap_or(0.0);
    let mut drop_order: Vec<usize> = (0..event.spec.meetings.len())
        .filter(|&i| {
            event.spec.meetings[i].fixed.is_none()
                && event.meetings[i].state.status == MeetingStatus::Scheduled
        })
        .collect();
    drop_order.sort_by(|&a, &b| score(a).total_cmp(&score(b)).then(a.cmp(&b)));
    let out = tokio::task::spawn_blocking(move || {
        passerelle_scheduling::reschedule_dropping(
            &inst,
            &published,
            &change,
            &options,
            &drop_order,
        )
    })
    .await
    .map_err(Error::internal)?
    .map_err(engine_error)?;
    // The engine's indices back to meetings, slots and tables.
    let mut tables = event.tables.clone();
    if let Request::TableLost { table } = &request {
        tables.retain(|t| t.id != *table);
    }
    let mut moves = Vec::new();
    let mut added = None;
    for (new, origin) in out.origin.iter().enumerate() {
        let Some(p) = out.schedule.placement(new) else {
            continue;
        };
        let meeting = match origin {
            Some(o) => &event.meetings[*o],
            None => event
                .meetings
                .last()
                .ok_or_else(|| Error::internal("added meeting"))?,
        };
        let slot = &event.slots[p.slot];
        let to = Placement {
            meeting: meeting.id,
            start: slot.start,
            end: slot.end,
            table: tables[p.table].id,
        };
        match origin {
            None => added = Some(to),
            Some(_) => {
                let from = live.get(&meeting.id).map(|l| l.placement);
                if from != Some(to) {
                    moves.push(Move {
                        meeting: meeting.id,
                        from,
                        to,
                    });
                }
            }
        }
    }
    let dropped: Vec<MeetingId> = out.dropped.iter().map(|&o| event.meetings[o].id).collect();
    let cancelled = match &request {
        Request::Cancel { meeting } => Some(*meeting),
        _ => None,
    };
    let mut touched: BTreeSet<MeetingId> = moves.iter().map(|m| m.meeting).collect();
    touched.extend(dropped.iter().copied());
    touched.extend(cancelled);
    touched.extend(added.map(|a| a.meeting));
    let mut affected = BTreeSet::new();
    for m in event.meetings.iter().filter(|m| touched.contains(&m.id)) {
        affected.insert(m.company.name.as_str().to_string());
        affected.insert(format!(
            "{} ({})",
            m.irritant_title.as_str(),
            m.institution.name.as_str()
        ));
    }
    let preview = Preview {
        moves,
        dropped,
        cancelled,
        added,
        affected: affected.into_iter().collect(),
        total_breaks: out.total_breaks,
        basis,
    };
    let input_value = serde_json::to_value(&request).map_err(Error::internal)?;
    let preview_value = serde_json::to_value(&preview).map_err(Error::internal)?;
    let mut tx = app.begin().await?;
    let (change_id, seq) = tx
        .create_change(
            id,
            request.kind(),
            &input_value,
            &preview_value,
            user_id(actor),
            app.now(),
        )
        .await?;
    app.audit(
        &mut tx,
        actor,
        "schedule-change-previewed",
        ("schedule-change", change_id.to_string()),
        serde_json::json!({ "seq": seq, "kind": request.kind(), "moves": preview.moves.len(), "dropped": preview.dropped.len() }),
    )
    .await?;
    app.commit(tx).await?;
    let stored = app
        .storage()
        .get_change(change_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((stored, preview))
}

/// A change with its preview (organisers).
pub async fn get(
    app: &App,
    actor: &Actor,
    id: ChangeId,
) -> Result<(Edition, ScheduleChange, Preview)> {
    let change = app.storage().get_change(id).await?.ok_or(Error::NotFound)?;
    let edition = edition(app, change.edition_id).await?;
    authorize(
        actor,
        Action::ViewConsole,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    let preview = serde_json::from_value(change.preview.clone()).map_err(Error::internal)?;
    Ok((edition, change, preview))
}

/// What applying did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub moves: usize,
    pub mails: usize,
}

/// Applies a previewed change, if the live schedule is still the one it was computed on.
pub async fn apply(app: &App, actor: &Actor, id: ChangeId) -> Result<Applied> {
    let (edition, change, preview) = get(app, actor, id).await?;
    allow(actor, &edition)?;
    if change.status != "previewed" {
        return Err(Error::conflict("day-change-not-previewed"));
    }
    let live_rows = app.storage().live_placements(edition.id).await?;
    if basis_of(&live_rows) != preview.basis {
        return Err(Error::conflict("day-change-stale"));
    }
    let request: Request = serde_json::from_value(change.input.clone()).map_err(Error::internal)?;
    let now = app.now();
    let by = user_id(actor);
    let mut pending = agendas::Pending {
        now: Some(now),
        ..agendas::Pending::default()
    };
    let mut tx = app.begin().await?;
    for m in &preview.moves {
        let (_, seq) = tx.place_meeting(edition.id, &m.to, now).await?;
        pending.placements.insert(m.meeting, (m.to, seq));
    }
    if let Some(a) = preview.added {
        let (_, seq) = tx.place_meeting(edition.id, &a, now).await?;
        tx.move_meeting(
            a.meeting,
            MeetingAction::Schedule,
            None,
            None,
            None,
            by,
            now,
        )
        .await?;
        pending.placements.insert(a.meeting, (a, seq));
    }
    if let Some(c) = preview.cancelled {
        let reason = Reason::new(DeclineReason::NotAvailable, None).map_err(Error::internal)?;
        tx.move_meeting(c, MeetingAction::Cancel, None, Some(&reason), None, by, now)
            .await?;
        let seq = tx.touch_placement(c, now).await?;
        pending.cancelled.insert(c, seq);
    }
    for d in &preview.dropped {
        tx.move_meeting(*d, MeetingAction::Unschedule, None, None, None, by, now)
            .await?;
        let seq = tx.touch_placement(*d, now).await?;
        pending.cancelled.insert(*d, seq);
    }
    match &request {
        Request::TableLost { table } => tx.retire_table(*table, now).await?,
        Request::Absence { participant, slots } => {
            // Kept as the participant's unavailability, so that later changes respect it too.
            let mut needs = app
                .storage()
                .participant_needs(edition.id)
                .await?
                .into_iter()
                .find(|n| participant_code(n.participant) == *participant);
            let p = match &needs {
                Some(n) => n.participant,
                None => parse_participant_code(participant)?,
            };
            let mut set: BTreeSet<i64> = needs
                .as_ref()
                .map(|n| n.unavailable.iter().map(|t| t.unix_timestamp()).collect())
                .unwrap_or_default();
            set.extend(slots.iter().copied());
            let step_free = needs.take().is_some_and(|n| n.step_free);
            tx.set_participant_needs(
                edition.id,
                &passerelle_storage::ParticipantNeeds {
                    participant: p,
                    unavailable: set
                        .into_iter()
                        .map(time::OffsetDateTime::from_unix_timestamp)
                        .collect::<std::result::Result<_, _>>()
                        .map_err(Error::internal)?,
                    step_free,
                },
                by,
                now,
            )
            .await?;
        }
        _ => {}
    }
    tx.close_change(id, true, now).await?;
    let touched: BTreeSet<MeetingId> = pending
        .placements
        .keys()
        .chain(pending.cancelled.keys())
        .copied()
        .collect();
    let meetings: Vec<Meeting> = app
        .storage()
        .meetings_of_edition(edition.id)
        .await?
        .into_iter()
        .filter(|m| touched.contains(&m.id))
        .collect();
    let concerned: Vec<&Meeting> = meetings.iter().collect();
    let mails = agendas::mail_agendas(
        app,
        &mut tx,
        &edition,
        &concerned,
        "agenda-changed",
        &pending,
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "schedule-change-applied",
        ("schedule-change", id.to_string()),
        serde_json::json!({ "kind": request.kind(), "moves": preview.moves.len(), "dropped": preview.dropped.len(), "mails": mails }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(Applied {
        moves: preview.moves.len(),
        mails,
    })
}

fn parse_participant_code(code: &str) -> Result<Participant> {
    let (kind, id) = code.split_once(':').ok_or(Error::NotFound)?;
    match kind {
        "irritant" => Ok(Participant::Irritant(
            passerelle_domain::IrritantId::parse(id).map_err(|_| Error::NotFound)?,
        )),
        "company" => Ok(Participant::Company(
            passerelle_domain::OrganisationId::parse(id).map_err(|_| Error::NotFound)?,
        )),
        _ => Err(Error::NotFound),
    }
}

/// Discards a previewed change.
pub async fn discard(app: &App, actor: &Actor, id: ChangeId) -> Result<()> {
    let (edition, _, _) = get(app, actor, id).await?;
    allow(actor, &edition)?;
    let mut tx = app.begin().await?;
    tx.close_change(id, false, app.now()).await?;
    app.audit(
        &mut tx,
        actor,
        "schedule-change-discarded",
        ("schedule-change", id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    app.commit(tx).await?;
    Ok(())
}

/// An edition's changes, the latest first, with their previews (organisers).
pub async fn history(
    app: &App,
    actor: &Actor,
    id: EditionId,
) -> Result<Vec<(ScheduleChange, Option<Preview>)>> {
    let edition = edition(app, id).await?;
    authorize(
        actor,
        Action::ViewConsole,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    Ok(app
        .storage()
        .schedule_changes(id)
        .await?
        .into_iter()
        .map(|c| {
            let p = serde_json::from_value(c.preview.clone()).ok();
            (c, p)
        })
        .collect())
}

/// Meetings by id, for pages that name the moves.
pub fn by_id(meetings: &[Meeting]) -> BTreeMap<MeetingId, &Meeting> {
    meetings.iter().map(|m| (m.id, m)).collect()
}

/// A meeting of the live schedule as the organisers' console lists it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub meeting: Meeting,
    pub placement: Placement,
    pub table: Option<passerelle_storage::DayTable>,
    /// The organiser locked it: no change ever moves it.
    pub locked: bool,
    /// Started already: no change moves it either.
    pub past: bool,
}

/// What the organisers' rescheduling page needs: the live schedule, the confirmed meetings still to fit,
/// the participants, slots and tables a change may name, and every change so far.
#[derive(Debug, Clone)]
pub struct Console {
    pub edition: Edition,
    pub slots: Vec<passerelle_domain::Slot>,
    /// Tables in use (not lost).
    pub tables: Vec<passerelle_storage::DayTable>,
    /// Meetings held in the live schedule, in time then table order.
    pub scheduled: Vec<Entry>,
    /// Confirmed meetings not in the schedule (late requests to fit).
    pub late: Vec<Meeting>,
    pub participants: Vec<crate::schedule::Named>,
    pub history: Vec<(ScheduleChange, Option<Preview>)>,
}

/// The organisers' view of the live schedule and its changes.
pub async fn console(app: &App, actor: &Actor, id: EditionId) -> Result<Console> {
    let history = history(app, actor, id).await?;
    let edition = edition(app, id).await?;
    let storage = app.storage();
    let slots = storage
        .day_plan(id)
        .await?
        .map(|(p, _)| p.slots())
        .unwrap_or_default();
    let all_tables = storage.day_tables(id).await?;
    let rules = storage.meeting_rules(id).await?;
    let live: HashMap<MeetingId, LivePlacement> = storage
        .live_placements(id)
        .await?
        .into_iter()
        .map(|l| (l.placement.meeting, l))
        .collect();
    let now = app.now();
    let mut scheduled = Vec::new();
    let mut late = Vec::new();
    let mut participants = Vec::new();
    let mut seen = BTreeSet::new();
    for m in storage.meetings_of_edition(id).await? {
        let held = matches!(
            m.state.status,
            MeetingStatus::Scheduled
                | MeetingStatus::Held
                | MeetingStatus::NoShow
                | MeetingStatus::Rated
        );
        match live.get(&m.id) {
            Some(l) if held => {
                for (named, _) in crate::schedule::participants_of(&m) {
                    if seen.insert(named.participant) {
                        participants.push(named);
                    }
                }
                scheduled.push(Entry {
                    table: all_tables
                        .iter()
                        .find(|t| t.id == l.placement.table)
                        .cloned(),
                    locked: rules.get(&m.id).is_some_and(|r| r.locked),
                    past: l.placement.start <= now,
                    placement: l.placement,
                    meeting: m,
                });
            }
            _ if m.state.status.is_confirmed() && m.state.status != MeetingStatus::Scheduled => {
                late.push(m)
            }
            _ => {}
        }
    }
    let order: HashMap<TableId, usize> = all_tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    scheduled.sort_by_key(|e| (e.placement.start, order.get(&e.placement.table).copied()));
    participants.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(Console {
        edition,
        slots,
        tables: all_tables.into_iter().filter(|t| !t.retired).collect(),
        scheduled,
        late,
        participants,
        history,
    })
}

/// Locks a meeting in its place (no change moves it) or unlocks it, on the day.
pub async fn lock(app: &App, actor: &Actor, meeting: MeetingId, locked: bool) -> Result<Meeting> {
    let m = app
        .storage()
        .get_meeting(meeting)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, m.edition_id).await?;
    allow(actor, &edition)?;
    let mut rule = app
        .storage()
        .meeting_rules(edition.id)
        .await?
        .remove(&meeting)
        .unwrap_or_default();
    if rule.locked == locked {
        return Ok(m);
    }
    rule.locked = locked;
    let mut tx = app.begin().await?;
    tx.set_meeting_rule(meeting, &rule).await?;
    app.audit(
        &mut tx,
        actor,
        if locked {
            "meeting-locked"
        } else {
            "meeting-unlocked"
        },
        ("meeting", meeting.to_string()),
        serde_json::json!({}),
    )
    .await?;
    app.commit(tx).await?;
    Ok(m)
}

/// A change as its page shows it: the meetings it names and every table (a lost one included).
#[derive(Debug, Clone)]
pub struct ChangeView {
    pub edition: Edition,
    pub change: ScheduleChange,
    pub preview: Preview,
    pub meetings: BTreeMap<MeetingId, Meeting>,
    pub tables: Vec<passerelle_storage::DayTable>,
}

/// A change with what its page names (organisers).
pub async fn view(app: &App, actor: &Actor, id: ChangeId) -> Result<ChangeView> {
    let (edition, change, preview) = get(app, actor, id).await?;
    let meetings = app
        .storage()
        .meetings_of_edition(edition.id)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let tables = app.storage().day_tables(edition.id).await?;
    Ok(ChangeView {
        edition,
        change,
        preview,
        meetings,
        tables,
    })
}
