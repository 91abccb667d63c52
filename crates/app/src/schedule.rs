//! The timetable, from the console: the event's set-up (days, sessions, slot length and gaps, breaks,
//! tables with step-free access, who keeps a table), each participant's unavailable slots, the organiser's
//! rules (fixed slot, locked meeting, order between two meetings); scheduling runs as jobs on the confirmed
//! meetings, each kept with its parameters and result; comparison of two runs; publication, which puts the
//! run's placements in the live schedule, moves the meetings to "scheduled", the edition to "schedule
//! published", and mails everyone their agenda with its `.ics`.
//!
//! The engine (`passerelle_scheduling`) sees participants (an irritant's team, a company), meetings and
//! slots by index; [`Event`] is the one translation between the two worlds, shared with rescheduling.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration as StdDuration, Instant};

use passerelle_domain::day::{Pause, SessionPlan, parse_time};
use passerelle_domain::{
    Action, Actor, Context, DayPlan, EditionId, Field, MeetingAction, MeetingId, MeetingStatus,
    Phase, ScheduleRunId, Seating, SessionKind, Slot, TableId, TableSpec, ValidationError,
    authorize,
};
use passerelle_scheduling::{
    Instance, InstanceSpec, MeetingSpec, ModelError, Outcome, ParticipantSpec, Schedule,
    SessionSpec, SolveOptions,
};
use passerelle_storage::{
    DayTable, Edition, Meeting, MeetingRule, Participant, ParticipantNeeds, Placement, RunStatus,
    ScheduleRun,
};
use serde::{Deserialize, Serialize};

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Code, Error, Invalid, Problem, Result, agendas, user_id};

pub const KIND: &str = "schedule-run";

pub(crate) fn register(registry: &mut Registry) {
    registry.register(KIND, run_job);
}

async fn edition(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

fn phase_context(edition: &Edition) -> Context {
    Context {
        phase: Some(edition.phase),
        ..Context::default()
    }
}

// ---------------------------------------------------------------------------------------------------
// Set-up

/// The set-up form as typed.
#[derive(Debug, Clone, Default)]
pub struct SetupInput {
    /// Chosen days among the edition's (ISO dates).
    pub days: Vec<String>,
    pub morning_start: String,
    pub morning_end: String,
    /// Empty: no afternoon session.
    pub afternoon_start: String,
    pub afternoon_end: String,
    pub slot_minutes: String,
    pub gap_minutes: String,
    /// One break per line, "10:30-10:45".
    pub pauses: String,
    /// A `Seating` code.
    pub seating: String,
    /// Largest difference of idle breaks between two participants; empty: none.
    pub fairness: String,
    /// One table per line.
    pub tables: String,
    /// Names of the step-free tables.
    pub step_free: Vec<String>,
}

/// An edition's set-up as pages show it.
#[derive(Debug, Clone)]
pub struct Setup {
    pub edition: Edition,
    pub plan: Option<DayPlan>,
    /// Tables in use, in order (retired ones are not listed).
    pub tables: Vec<DayTable>,
    pub slots: Vec<Slot>,
}

/// The default plan the form proposes: the edition's days, 9 h – 12 h 30 and 14 h – 17 h 30, slots of
/// 20 minutes with 5 between them, institutions sitting.
pub fn default_plan(edition: &Edition) -> DayPlan {
    let days: Vec<_> = std::iter::successors(Some(edition.dates.first_day()), |d| d.next_day())
        .take_while(|d| *d <= edition.dates.last_day())
        .collect();
    let t = |h, m| time::Time::from_hms(h, m, 0).expect("valid");
    DayPlan::new(
        days,
        vec![
            SessionPlan {
                kind: SessionKind::Morning,
                start: t(9, 0),
                end: t(12, 30),
            },
            SessionPlan {
                kind: SessionKind::Afternoon,
                start: t(14, 0),
                end: t(17, 30),
            },
        ],
        20,
        5,
        Vec::new(),
        Seating::InstitutionsSit,
        None,
    )
    .expect("the default plan is valid")
}

/// The set-up of an edition (organisers).
pub async fn setup(app: &App, actor: &Actor, id: EditionId) -> Result<Setup> {
    let edition = edition(app, id).await?;
    authorize(actor, Action::ViewConsole, &phase_context(&edition))?;
    load_setup(app, edition).await
}

async fn load_setup(app: &App, edition: Edition) -> Result<Setup> {
    let plan = app.storage().day_plan(edition.id).await?.map(|(p, _)| p);
    let tables = app
        .storage()
        .day_tables(edition.id)
        .await?
        .into_iter()
        .filter(|t| !t.retired)
        .collect();
    let slots = plan.as_ref().map(DayPlan::slots).unwrap_or_default();
    Ok(Setup {
        edition,
        plan,
        tables,
        slots,
    })
}

fn minutes(field: &str, raw: &str, invalid: &mut Invalid) -> Option<u16> {
    let parsed = raw
        .trim()
        .parse::<u16>()
        .map_err(|_| ValidationError::Malformed(Field::Duration));
    invalid.check(field, parsed)
}

fn time_field(field: &str, raw: &str, invalid: &mut Invalid) -> Option<time::Time> {
    invalid.check(field, parse_time(raw))
}

/// Saves the set-up: the time plan and the tables (a table keeps its identity while its name stays).
pub async fn save_setup(
    app: &App,
    actor: &Actor,
    id: EditionId,
    input: SetupInput,
) -> Result<Setup> {
    let edition = edition(app, id).await?;
    authorize(actor, Action::ManageDaySetup, &phase_context(&edition))?;
    let mut invalid = Invalid::default();
    let mut days = Vec::new();
    for d in &input.days {
        match passerelle_domain::edition::parse_date(d) {
            Ok(day) if day >= edition.dates.first_day() && day <= edition.dates.last_day() => {
                days.push(day)
            }
            Ok(_) => invalid.add(
                "days",
                Problem::Validation(ValidationError::OutOfRange(Field::Date)),
            ),
            Err(e) => invalid.add("days", Problem::Validation(e)),
        }
    }
    let mut sessions = Vec::new();
    if let (Some(start), Some(end)) = (
        time_field("morning_start", &input.morning_start, &mut invalid),
        time_field("morning_end", &input.morning_end, &mut invalid),
    ) {
        sessions.push(SessionPlan {
            kind: SessionKind::Morning,
            start,
            end,
        });
    }
    if !(input.afternoon_start.trim().is_empty() && input.afternoon_end.trim().is_empty())
        && let (Some(start), Some(end)) = (
            time_field("afternoon_start", &input.afternoon_start, &mut invalid),
            time_field("afternoon_end", &input.afternoon_end, &mut invalid),
        )
    {
        sessions.push(SessionPlan {
            kind: SessionKind::Afternoon,
            start,
            end,
        });
    }
    let slot = minutes("slot_minutes", &input.slot_minutes, &mut invalid);
    let gap = minutes("gap_minutes", &input.gap_minutes, &mut invalid);
    let mut pauses = Vec::new();
    for line in input.pauses.lines().filter(|l| !l.trim().is_empty()) {
        let parsed = line
            .split_once(['-', '–'])
            .ok_or(ValidationError::Malformed(Field::Slot))
            .and_then(|(a, b)| {
                Ok(Pause {
                    start: parse_time(a)?,
                    end: parse_time(b)?,
                })
            });
        if let Some(p) = invalid.check("pauses", parsed) {
            pauses.push(p);
        }
    }
    let seating = invalid.check("seating", Seating::parse(&input.seating));
    let fairness = if input.fairness.trim().is_empty() {
        Some(None)
    } else {
        invalid.check(
            "fairness",
            input
                .fairness
                .trim()
                .parse::<u32>()
                .map(Some)
                .map_err(|_| ValidationError::Malformed(Field::Kind)),
        )
    };
    let mut tables = Vec::new();
    let mut names = BTreeSet::new();
    for line in input.tables.lines().filter(|l| !l.trim().is_empty()) {
        let step_free = input.step_free.iter().any(|s| s.trim() == line.trim());
        if let Some(t) = invalid.check("tables", TableSpec::parse(line, step_free)) {
            if !names.insert(t.name.as_str().to_string()) {
                invalid.code("tables", "day-table-duplicate");
            }
            tables.push(t);
        }
    }
    if tables.is_empty() {
        invalid.add(
            "tables",
            Problem::Validation(ValidationError::Required(Field::Table)),
        );
    } else if tables.len() > TableSpec::MAX {
        invalid.add(
            "tables",
            Problem::Validation(ValidationError::TooMany {
                field: Field::Table,
                max: TableSpec::MAX,
            }),
        );
    }
    let plan = match (slot, gap, seating, fairness) {
        (Some(slot), Some(gap), Some(seating), Some(fairness)) if invalid.is_empty() => {
            let field = |e: &ValidationError| match e.field() {
                Field::Date => "days",
                Field::Time => "morning_start",
                Field::Duration => "slot_minutes",
                Field::Slot => "pauses",
                _ => "fairness",
            };
            DayPlan::new(days, sessions, slot, gap, pauses, seating, fairness)
                .map_err(|e| invalid.add(field(&e), Problem::Validation(e)))
                .ok()
        }
        _ => None,
    };
    invalid.finish()?;
    let plan = plan.ok_or_else(|| Error::internal("plan checked above"))?;
    let now = app.now();
    let mut tx = app.begin().await?;
    tx.save_day_plan(edition.id, &plan, user_id(actor), now)
        .await?;
    tx.save_tables(edition.id, &tables, now).await?;
    app.audit(
        &mut tx,
        actor,
        "day-setup-saved",
        ("edition", edition.id.to_string()),
        serde_json::json!({ "slots": plan.slots().len(), "tables": tables.len() }),
    )
    .await?;
    app.commit(tx).await?;
    load_setup(app, edition).await
}

// ---------------------------------------------------------------------------------------------------
// Participants' unavailability, organisers' rules

/// A participant as people name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub participant: Participant,
    /// The irritant's title (with its institution) or the company's name.
    pub label: String,
}

/// What a participant said it cannot attend.
#[derive(Debug, Clone)]
pub struct Availability {
    pub named: Named,
    pub unavailable: BTreeSet<i64>,
    pub step_free: bool,
}

/// The participants the actor speaks for in the current edition (its irritants with confirmed meetings,
/// its company), with what they said; and the slots.
pub async fn availability(app: &App, actor: &Actor) -> Result<(Option<Setup>, Vec<Availability>)> {
    let Some(edition) = crate::editions::current(app).await? else {
        return Ok((None, Vec::new()));
    };
    let (_, meetings) = crate::meetings::mine(app, actor).await?;
    let needs = needs_by_participant(app, edition.id).await?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for m in meetings.iter().filter(|m| m.state.status.is_confirmed()) {
        for (named, org) in participants_of(m) {
            if !actor.is_member_of(Some(org)) || !seen.insert(named.participant) {
                continue;
            }
            let stated = needs.get(&named.participant);
            out.push(Availability {
                unavailable: stated
                    .map(|n| n.unavailable.iter().map(|t| t.unix_timestamp()).collect())
                    .unwrap_or_default(),
                step_free: stated.is_some_and(|n| n.step_free),
                named,
            });
        }
    }
    let setup = load_setup(app, edition).await?;
    Ok((Some(setup), out))
}

/// The two participants of a meeting, with the organisation each belongs to.
pub(crate) fn participants_of(m: &Meeting) -> [(Named, passerelle_domain::OrganisationId); 2] {
    [
        (
            Named {
                participant: Participant::Irritant(m.irritant_id),
                label: format!(
                    "{} ({})",
                    m.irritant_title.as_str(),
                    m.institution.name.as_str()
                ),
            },
            m.institution.id,
        ),
        (
            Named {
                participant: Participant::Company(m.company.id),
                label: m.company.name.as_str().to_string(),
            },
            m.company.id,
        ),
    ]
}

async fn needs_by_participant(
    app: &App,
    edition: EditionId,
) -> Result<HashMap<Participant, ParticipantNeeds>> {
    Ok(app
        .storage()
        .participant_needs(edition)
        .await?
        .into_iter()
        .map(|n| (n.participant, n))
        .collect())
}

/// What a participant's form sends.
#[derive(Debug, Clone, Default)]
pub struct AvailabilityInput {
    /// `irritant:<id>` or `company:<id>`.
    pub participant: String,
    /// Starts (unix seconds) of the slots it cannot attend.
    pub unavailable: Vec<String>,
    pub step_free: bool,
}

fn parse_participant(raw: &str) -> std::result::Result<Participant, ValidationError> {
    let bad = ValidationError::Malformed(Field::Id);
    let (kind, id) = raw.trim().split_once(':').ok_or(bad.clone())?;
    match kind {
        "irritant" => passerelle_domain::IrritantId::parse(id).map(Participant::Irritant),
        "company" => passerelle_domain::OrganisationId::parse(id).map(Participant::Company),
        _ => Err(bad),
    }
}

/// The code a form uses for a participant.
pub fn participant_code(p: Participant) -> String {
    match p {
        Participant::Irritant(i) => format!("irritant:{i}"),
        Participant::Company(c) => format!("company:{c}"),
    }
}

/// A participant (or an organiser for it) states the slots it cannot attend and its access need.
pub async fn save_availability(
    app: &App,
    actor: &Actor,
    input: AvailabilityInput,
) -> Result<Availability> {
    let edition = crate::editions::current(app)
        .await?
        .ok_or(Error::NotFound)?;
    let mut invalid = Invalid::default();
    let participant = parse_participant(&input.participant)
        .map_err(|e| Error::invalid("participant", Problem::Validation(e)))?;
    // The participant's organisation, from one of its meetings of the edition.
    let meetings = app.storage().meetings_of_edition(edition.id).await?;
    let (named, org) = meetings
        .iter()
        .flat_map(participants_of)
        .find(|(n, _)| n.participant == participant)
        .ok_or(Error::NotFound)?;
    authorize(
        actor,
        Action::StateAvailability,
        &Context {
            phase: Some(edition.phase),
            owner: Some(org),
            ..Context::default()
        },
    )?;
    let plan = app
        .storage()
        .day_plan(edition.id)
        .await?
        .map(|(p, _)| p)
        .ok_or_else(|| Error::conflict("day-no-setup"))?;
    let starts: BTreeMap<i64, Slot> = plan
        .slots()
        .into_iter()
        .map(|s| (s.start.unix_timestamp(), s))
        .collect();
    let mut unavailable = BTreeSet::new();
    for raw in &input.unavailable {
        match raw
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|t| starts.contains_key(t))
        {
            Some(t) => {
                unavailable.insert(t);
            }
            None => invalid.add(
                "unavailable",
                Problem::Validation(ValidationError::Unknown(Field::Slot)),
            ),
        }
    }
    invalid.finish()?;
    let needs = ParticipantNeeds {
        participant,
        unavailable: unavailable.iter().map(|t| starts[t].start).collect(),
        step_free: input.step_free,
    };
    let mut tx = app.begin().await?;
    tx.set_participant_needs(edition.id, &needs, user_id(actor), app.now())
        .await?;
    app.audit(
        &mut tx,
        actor,
        "day-availability-saved",
        ("edition", edition.id.to_string()),
        serde_json::json!({ "participant": participant_code(participant), "unavailable": unavailable.len(), "step_free": input.step_free }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(Availability {
        named,
        unavailable,
        step_free: input.step_free,
    })
}

/// The organiser's rule for a meeting as typed.
#[derive(Debug, Clone, Default)]
pub struct RuleInput {
    /// A slot start (unix seconds); empty: any slot.
    pub fixed_slot: String,
    /// A table id; empty: any table.
    pub fixed_table: String,
    pub locked: bool,
    /// A meeting id that must come before this one; empty: none added.
    pub after: String,
}

/// Sets the organiser's rule on a meeting, and optionally an order with another meeting.
pub async fn set_rule(
    app: &App,
    actor: &Actor,
    meeting: MeetingId,
    input: RuleInput,
) -> Result<MeetingRule> {
    let m = app
        .storage()
        .get_meeting(meeting)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, m.edition_id).await?;
    authorize(actor, Action::ManageDaySetup, &phase_context(&edition))?;
    let setup = load_setup(app, edition).await?;
    let mut invalid = Invalid::default();
    let fixed_slot = if input.fixed_slot.trim().is_empty() {
        None
    } else {
        let t = input.fixed_slot.trim().parse::<i64>().ok();
        let slot = setup
            .slots
            .iter()
            .find(|s| Some(s.start.unix_timestamp()) == t);
        if slot.is_none() {
            invalid.add(
                "fixed_slot",
                Problem::Validation(ValidationError::Unknown(Field::Slot)),
            );
        }
        slot.map(|s| s.start)
    };
    let fixed_table = if input.fixed_table.trim().is_empty() {
        None
    } else {
        let id = TableId::parse(&input.fixed_table).ok();
        let table = setup.tables.iter().find(|t| Some(t.id) == id);
        if table.is_none() {
            invalid.add(
                "fixed_table",
                Problem::Validation(ValidationError::Unknown(Field::Table)),
            );
        }
        table.map(|t| t.id)
    };
    let after = if input.after.trim().is_empty() {
        None
    } else {
        let other = MeetingId::parse(&input.after).ok();
        let known = match other {
            Some(o) if o != meeting => app
                .storage()
                .get_meeting(o)
                .await?
                .filter(|o| o.edition_id == m.edition_id),
            _ => None,
        };
        if known.is_none() {
            invalid.add(
                "after",
                Problem::Validation(ValidationError::Unknown(Field::Id)),
            );
        }
        known.map(|o| o.id)
    };
    invalid.finish()?;
    let rule = MeetingRule {
        fixed_slot,
        fixed_table,
        locked: input.locked,
    };
    let mut tx = app.begin().await?;
    tx.set_meeting_rule(meeting, &rule).await?;
    if let Some(before) = after {
        tx.add_precedence(before, meeting).await?;
    }
    app.audit(
        &mut tx,
        actor,
        "day-rule-set",
        ("meeting", meeting.to_string()),
        serde_json::json!({
            "fixed_slot": fixed_slot.map(|t| t.unix_timestamp()),
            "fixed_table": fixed_table.map(|t| t.to_string()),
            "locked": input.locked,
            "after": after.map(|a| a.to_string()),
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(rule)
}

/// The organisers' rules of an edition: its confirmed meetings, the rule on each (if any) and the orders.
#[derive(Debug, Clone)]
pub struct Rules {
    pub setup: Setup,
    /// Confirmed meetings (to schedule, or scheduled), by company then irritant.
    pub meetings: Vec<Meeting>,
    pub rules: BTreeMap<MeetingId, MeetingRule>,
    /// (before, after) pairs.
    pub precedences: Vec<(MeetingId, MeetingId)>,
}

/// What the rules page shows (organisers).
pub async fn rules(app: &App, actor: &Actor, id: EditionId) -> Result<Rules> {
    let edition = edition(app, id).await?;
    authorize(actor, Action::ViewConsole, &phase_context(&edition))?;
    let storage = app.storage();
    let mut meetings: Vec<Meeting> = storage
        .meetings_of_edition(id)
        .await?
        .into_iter()
        .filter(|m| m.state.status.is_confirmed())
        .collect();
    meetings.sort_by(|a, b| {
        (a.company.name.as_str(), a.irritant_title.as_str())
            .cmp(&(b.company.name.as_str(), b.irritant_title.as_str()))
    });
    Ok(Rules {
        rules: storage.meeting_rules(id).await?,
        precedences: storage.precedences(id).await?,
        setup: load_setup(app, edition).await?,
        meetings,
    })
}

/// Removes an order between two meetings.
pub async fn remove_precedence(
    app: &App,
    actor: &Actor,
    before: MeetingId,
    after: MeetingId,
) -> Result<()> {
    let m = app
        .storage()
        .get_meeting(after)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, m.edition_id).await?;
    authorize(actor, Action::ManageDaySetup, &phase_context(&edition))?;
    let mut tx = app.begin().await?;
    tx.remove_precedence(before, after).await?;
    app.audit(
        &mut tx,
        actor,
        "day-precedence-removed",
        ("meeting", after.to_string()),
        serde_json::json!({ "before": before.to_string() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// The event as the engine sees it

/// The event translated for the engine: index `i` of the engine's meetings is `meetings[i]`, and so on.
pub struct Event {
    pub spec: InstanceSpec,
    pub meetings: Vec<Meeting>,
    pub participants: Vec<Named>,
    pub slots: Vec<Slot>,
    /// Tables in use, index = the engine's table.
    pub tables: Vec<DayTable>,
    /// Participants who need a step-free table.
    pub step_free: Vec<bool>,
    pub rules: BTreeMap<MeetingId, MeetingRule>,
}

impl Event {
    /// Reads the edition's set-up and the `meetings` to place.
    pub async fn load(app: &App, edition: EditionId, meetings: Vec<Meeting>) -> Result<Event> {
        let storage = app.storage();
        let (plan, _) = storage
            .day_plan(edition)
            .await?
            .ok_or_else(|| Error::conflict("day-no-setup"))?;
        let tables: Vec<DayTable> = storage
            .day_tables(edition)
            .await?
            .into_iter()
            .filter(|t| !t.retired)
            .collect();
        if tables.is_empty() {
            return Err(Error::conflict("day-no-tables"));
        }
        let needs = needs_by_participant(app, edition).await?;
        let rules = storage.meeting_rules(edition).await?;
        let precedences = storage.precedences(edition).await?;
        Ok(Event::build(
            &plan,
            tables,
            &needs,
            rules,
            &precedences,
            meetings,
        ))
    }

    fn build(
        plan: &DayPlan,
        tables: Vec<DayTable>,
        needs: &HashMap<Participant, ParticipantNeeds>,
        rules: BTreeMap<MeetingId, MeetingRule>,
        precedences: &[(MeetingId, MeetingId)],
        meetings: Vec<Meeting>,
    ) -> Event {
        let slots = plan.slots();
        let slot_of: HashMap<i64, usize> = slots
            .iter()
            .map(|s| (s.start.unix_timestamp(), s.index))
            .collect();
        let host = plan.seating().host();
        let mut participants: Vec<Named> = Vec::new();
        let mut index: HashMap<Participant, usize> = HashMap::new();
        let mut specs: Vec<ParticipantSpec> = Vec::new();
        let mut step_free = Vec::new();
        let mut ends = Vec::with_capacity(meetings.len());
        for m in &meetings {
            let mut pair = [0usize; 2];
            for (k, (named, _)) in participants_of(m).into_iter().enumerate() {
                let is_host = match named.participant {
                    Participant::Irritant(_) => host == Some(passerelle_domain::Side::Institution),
                    Participant::Company(_) => host == Some(passerelle_domain::Side::Company),
                };
                pair[k] = *index.entry(named.participant).or_insert_with(|| {
                    let stated = needs.get(&named.participant);
                    specs.push(ParticipantSpec {
                        name: named.label.clone(),
                        forbidden: stated
                            .map(|n| {
                                n.unavailable
                                    .iter()
                                    .filter_map(|t| slot_of.get(&t.unix_timestamp()).copied())
                                    .collect()
                            })
                            .unwrap_or_default(),
                        host: is_host,
                    });
                    step_free.push(stated.is_some_and(|n| n.step_free));
                    participants.push(named.clone());
                    participants.len() - 1
                });
            }
            ends.push(pair);
        }
        let position: HashMap<MeetingId, usize> = meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id, i))
            .collect();
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); meetings.len()];
        for (before, later) in precedences {
            if let (Some(&b), Some(&a)) = (position.get(before), position.get(later)) {
                after[a].push(b);
            }
        }
        // Engine sessions: the (day, session) pairs that hold slots, in order.
        let mut sessions: Vec<SessionSpec> = Vec::new();
        let mut last = None;
        for s in &slots {
            if last != Some(s.session) {
                sessions.push(SessionSpec {
                    name: format!("{} {}", s.day, s.kind.as_str()),
                    slots: 0,
                });
                last = Some(s.session);
            }
            if let Some(cur) = sessions.last_mut() {
                cur.slots += 1;
            }
        }
        let specs_meetings = meetings
            .iter()
            .enumerate()
            .map(|(i, m)| MeetingSpec {
                a: ends[i][0],
                b: ends[i][1],
                session: None,
                fixed: rules
                    .get(&m.id)
                    .and_then(|r| r.fixed_slot)
                    .and_then(|t| slot_of.get(&t.unix_timestamp()).copied()),
                after: std::mem::take(&mut after[i]),
            })
            .collect();
        Event {
            spec: InstanceSpec {
                participants: specs,
                meetings: specs_meetings,
                sessions,
                tables: tables.iter().map(|t| t.name.as_str().to_string()).collect(),
                fairness: plan.fairness(),
                hosts_keep_tables: host.is_some(),
            },
            meetings,
            participants,
            slots,
            tables,
            step_free,
            rules,
        }
    }

    /// Why the engine refuses the event, as a code naming what the organiser knows.
    pub fn problem(&self, e: &ModelError) -> Code {
        let meeting = |m: usize| {
            self.meetings
                .get(m)
                .map(|m| {
                    format!(
                        "{} – {}",
                        m.irritant_title.as_str(),
                        m.company.name.as_str()
                    )
                })
                .unwrap_or_default()
        };
        let participant = |p: usize| {
            self.participants
                .get(p)
                .map(|n| n.label.clone())
                .unwrap_or_default()
        };
        match e {
            ModelError::NoMeetings | ModelError::NoParticipants => Code::new("day-run-no-meetings"),
            ModelError::TooManyMeetings {
                participant: p,
                meetings,
                slots,
            } => Code::new("day-run-too-many-meetings")
                .arg("participant", participant(*p))
                .arg("meetings", meetings)
                .arg("slots", slots),
            ModelError::NoSlotForMeeting { meeting: m } => {
                Code::new("day-run-no-slot").arg("meeting", meeting(*m))
            }
            ModelError::PrecedenceCycle { meeting: m } => {
                Code::new("day-run-precedence-cycle").arg("meeting", meeting(*m))
            }
            other => Code::new("day-run-invalid").arg("reason", other.to_string()),
        }
    }

    /// The engine's schedule as placements, with step-free tables given to those who need them: tables
    /// are relabelled as a whole (which keeps hosts at one table) so that the engine's tables holding the
    /// most meetings of such participants get the step-free ones. Returns how many of those meetings are
    /// still at a table with steps.
    pub fn placements(&self, schedule: &Schedule) -> (Vec<Placement>, usize) {
        let n = self.tables.len();
        let needs = |m: usize| {
            let s = &self.spec.meetings[m];
            self.step_free[s.a] || self.step_free[s.b]
        };
        let mut demand = vec![0usize; n];
        for (m, p) in schedule.placements().iter().enumerate() {
            if let Some(p) = p
                && needs(m)
            {
                demand[p.table] += 1;
            }
        }
        let mut engine_order: Vec<usize> = (0..n).collect();
        engine_order.sort_by_key(|&t| (std::cmp::Reverse(demand[t]), t));
        let mut real_order: Vec<usize> = (0..n).collect();
        real_order.sort_by_key(|&t| (!self.tables[t].step_free, t));
        let mut relabel = vec![0usize; n];
        for (e, r) in engine_order.iter().zip(&real_order) {
            relabel[*e] = *r;
        }
        let mut placed: Vec<(usize, Placement)> = schedule
            .placements()
            .iter()
            .enumerate()
            .filter_map(|(m, p)| {
                let p = (*p)?;
                let slot = &self.slots[p.slot];
                Some((
                    m,
                    Placement {
                        meeting: self.meetings[m].id,
                        start: slot.start,
                        end: slot.end,
                        table: self.tables[relabel[p.table]].id,
                    },
                ))
            })
            .collect();
        // The engine does not know tables by name: a meeting fixed to a table takes it in its slot,
        // swapping with the meeting placed there (tables of one slot are interchangeable), unless that
        // one is fixed to it too.
        let fixed = |m: usize| {
            self.rules
                .get(&self.meetings[m].id)
                .and_then(|r| r.fixed_table)
        };
        for i in 0..placed.len() {
            let Some(want) = fixed(placed[i].0).filter(|t| self.tables.iter().any(|x| x.id == *t))
            else {
                continue;
            };
            let other = placed
                .iter()
                .position(|(_, p)| p.start == placed[i].1.start && p.table == want);
            match other {
                Some(j) if j == i || fixed(placed[j].0) == Some(want) => {}
                Some(j) => {
                    placed[j].1.table = placed[i].1.table;
                    placed[i].1.table = want;
                }
                None => placed[i].1.table = want,
            }
        }
        let step_free: HashMap<TableId, bool> =
            self.tables.iter().map(|t| (t.id, t.step_free)).collect();
        let unmet = placed
            .iter()
            .filter(|(m, p)| needs(*m) && !step_free.get(&p.table).copied().unwrap_or(false))
            .count();
        (placed.into_iter().map(|(_, p)| p).collect(), unmet)
    }

    /// The engine's view of `placements` (meetings without one are left unplaced).
    pub fn schedule_of(&self, placements: &[Placement]) -> Schedule {
        let by_meeting: HashMap<MeetingId, &Placement> =
            placements.iter().map(|p| (p.meeting, p)).collect();
        let slot_of: HashMap<i64, usize> = self
            .slots
            .iter()
            .map(|s| (s.start.unix_timestamp(), s.index))
            .collect();
        let table_of: HashMap<TableId, usize> = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        Schedule::new(
            self.meetings
                .iter()
                .map(|m| {
                    let p = by_meeting.get(&m.id)?;
                    Some(passerelle_scheduling::Placement {
                        slot: *slot_of.get(&p.start.unix_timestamp())?,
                        table: *table_of.get(&p.table)?,
                    })
                })
                .collect(),
        )
    }
}

// ---------------------------------------------------------------------------------------------------
// Runs

/// What a run is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunParams {
    /// Seconds the engine may take (it stops earlier when the optimum is proved).
    pub time_limit: u64,
}

impl Default for RunParams {
    fn default() -> Self {
        RunParams { time_limit: 20 }
    }
}

impl RunParams {
    pub const MAX_TIME_LIMIT: u64 = 120;
}

/// A participant's day in a run's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantDay {
    pub label: String,
    pub meetings: usize,
    pub breaks: u32,
}

/// A run's result, kept with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// `scheduled`, `infeasible` or `timed-out`.
    pub outcome: String,
    pub meetings: usize,
    pub placed: usize,
    pub participants: usize,
    pub slots: usize,
    pub tables: usize,
    pub total_breaks: u32,
    pub lower_bound: u32,
    pub optimal: bool,
    /// The fairness bound was met (always true without one).
    pub fair: bool,
    pub fairness: Option<u32>,
    /// Largest minus smallest number of breaks among participants.
    pub spread: u32,
    /// Times a participant that keeps a table has to change table.
    pub host_table_changes: u32,
    /// Meetings of a participant needing a step-free table held at a table with steps.
    pub step_free_unmet: usize,
    pub elapsed_ms: u64,
    /// Why not every meeting could be placed (the engine's words), when so.
    pub reason: Option<String>,
    /// Participants with the most breaks first.
    pub per_participant: Vec<ParticipantDay>,
    pub time_limit: u64,
}

impl RunResult {
    /// The gap to the lower bound.
    pub fn gap(&self) -> u32 {
        self.total_breaks.saturating_sub(self.lower_bound)
    }
}

/// A run as the console shows it.
#[derive(Debug, Clone)]
pub struct RunView {
    pub run: ScheduleRun,
    pub result: Option<RunResult>,
}

impl RunView {
    fn of(run: ScheduleRun) -> RunView {
        let result = run
            .result
            .clone()
            .and_then(|r| serde_json::from_value(r).ok());
        RunView { run, result }
    }
}

/// The meetings a run schedules: both sides will meet (accepted, imposed, or already scheduled).
fn to_schedule(meetings: Vec<Meeting>) -> Vec<Meeting> {
    meetings
        .into_iter()
        .filter(|m| m.state.status.is_confirmed())
        .collect()
}

/// Starts a run on the edition's confirmed meetings. The event is checked first, so that what no timetable
/// can satisfy (a participant with more meetings than usable slots, a cycle of precedences) is said on the
/// form rather than after a run.
pub async fn start_run(
    app: &App,
    actor: &Actor,
    id: EditionId,
    time_limit: &str,
) -> Result<ScheduleRunId> {
    let edition = edition(app, id).await?;
    authorize(actor, Action::RunScheduling, &phase_context(&edition))?;
    let mut invalid = Invalid::default();
    let limit = invalid.check(
        "time_limit",
        time_limit
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|l| (1..=RunParams::MAX_TIME_LIMIT).contains(l))
            .ok_or(ValidationError::OutOfRange(Field::Duration)),
    );
    invalid.finish()?;
    let params = RunParams {
        time_limit: limit.unwrap_or(RunParams::default().time_limit),
    };
    let meetings = to_schedule(app.storage().meetings_of_edition(id).await?);
    let event = Event::load(app, id, meetings).await?;
    if let Err(e) = Instance::new(event.spec.clone()) {
        return Err(Error::Conflict(event.problem(&e)));
    }
    let value = serde_json::to_value(params).map_err(Error::internal)?;
    let mut tx = app.begin().await?;
    let (run, seq) = tx
        .create_schedule_run(id, &value, user_id(actor), app.now())
        .await?;
    let job = app
        .enqueue_job(
            &mut tx,
            JobRequest {
                created_by: user_id(actor),
                max_attempts: 2,
                ..JobRequest::new(KIND, serde_json::json!({ "run": run }))
            },
        )
        .await?
        .ok_or_else(|| Error::internal("a run's job has no unique key"))?;
    tx.set_schedule_run_job(run, &job).await?;
    app.audit(
        &mut tx,
        actor,
        "schedule-run-started",
        ("schedule-run", run.to_string()),
        serde_json::json!({ "edition": id.to_string(), "seq": seq, "time_limit": params.time_limit }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(run)
}

#[derive(Deserialize)]
struct JobParams {
    run: ScheduleRunId,
}

/// Solves the event and describes the result.
pub fn solve(
    event: &Event,
    time_limit: StdDuration,
) -> std::result::Result<(RunResult, Vec<Placement>), Code> {
    let started = Instant::now();
    let inst = Instance::new(event.spec.clone()).map_err(|e| event.problem(&e))?;
    let options = SolveOptions {
        time_limit,
        ..SolveOptions::default()
    };
    let (outcome, schedule, lower_bound, optimal, reason) =
        match passerelle_scheduling::solve(&inst, &options) {
            // The engine weighs breaks only; the day starts with its first session.
            Outcome::Scheduled(s) => (
                "scheduled",
                passerelle_scheduling::align_early(&inst, &s.schedule),
                s.lower_bound,
                s.optimal,
                None,
            ),
            Outcome::Infeasible(i) => ("infeasible", i.largest_placeable, 0, false, Some(i.reason)),
            Outcome::TimedOut(s) => ("timed-out", s, 0, false, None),
        };
    let evaluation = passerelle_scheduling::check(&event.spec, &schedule).ok();
    let breaks = evaluation
        .as_ref()
        .map(|e| e.breaks.clone())
        .unwrap_or_else(|| vec![0; event.participants.len()]);
    let (placements, step_free_unmet) = event.placements(&schedule);
    let mut per_participant: Vec<ParticipantDay> = event
        .participants
        .iter()
        .enumerate()
        .map(|(p, n)| ParticipantDay {
            label: n.label.clone(),
            meetings: inst.meetings_of(p).len(),
            breaks: breaks.get(p).copied().unwrap_or(0),
        })
        .collect();
    per_participant.sort_by(|a, b| b.breaks.cmp(&a.breaks).then(a.label.cmp(&b.label)));
    let spread =
        breaks.iter().max().copied().unwrap_or(0) - breaks.iter().min().copied().unwrap_or(0);
    let total_breaks = breaks.iter().sum();
    let result = RunResult {
        outcome: outcome.into(),
        meetings: event.meetings.len(),
        placed: placements.len(),
        participants: event.participants.len(),
        slots: event.slots.len(),
        tables: event.tables.len(),
        total_breaks,
        lower_bound: lower_bound.min(total_breaks),
        optimal,
        fair: event.spec.fairness.is_none_or(|d| spread <= d),
        fairness: event.spec.fairness,
        spread,
        host_table_changes: evaluation.map_or(0, |e| e.host_table_changes),
        step_free_unmet,
        elapsed_ms: started.elapsed().as_millis() as u64,
        reason,
        per_participant,
        time_limit: time_limit.as_secs(),
    };
    Ok((result, placements))
}

async fn run_job(app: App, job: RunningJob) -> Result<Done> {
    let JobParams { run } = job.params()?;
    let stored = app
        .storage()
        .get_schedule_run(run)
        .await?
        .ok_or(Error::NotFound)?;
    let params: RunParams =
        serde_json::from_value(stored.parameters.clone()).map_err(Error::internal)?;
    job.progress(0, 2).await?;
    let meetings = to_schedule(app.storage().meetings_of_edition(stored.edition_id).await?);
    let event = Event::load(&app, stored.edition_id, meetings).await?;
    let limit = StdDuration::from_secs(params.time_limit);
    // CPU work, off the async workers; the lease is kept alive while it runs.
    let mut handle = tokio::task::spawn_blocking(move || solve(&event, limit));
    let solved = loop {
        match tokio::time::timeout(StdDuration::from_secs(10), &mut handle).await {
            Ok(joined) => break joined.map_err(Error::internal)?,
            Err(_) => job.progress(1, 2).await?,
        }
    };
    let mut tx = app.begin().await?;
    let summary = match solved {
        Ok((result, placements)) => {
            let value = serde_json::to_value(&result).map_err(Error::internal)?;
            if result.outcome == "scheduled" {
                tx.finish_schedule_run(run, &placements, &value, app.now())
                    .await?;
            } else {
                tx.fail_schedule_run(run, &value, app.now()).await?;
            }
            serde_json::json!({ "run": run, "outcome": result.outcome, "placed": result.placed })
        }
        Err(code) => {
            let value =
                serde_json::json!({ "outcome": "invalid", "problem": code.key, "args": code.args });
            tx.fail_schedule_run(run, &value, app.now()).await?;
            value
        }
    };
    let done = job.complete(&mut tx, &summary).await?;
    app.commit(tx).await?;
    Ok(done)
}

/// An edition's runs, the latest first (organisers).
pub async fn runs(app: &App, actor: &Actor, id: EditionId) -> Result<(Edition, Vec<RunView>)> {
    let edition = edition(app, id).await?;
    authorize(actor, Action::ViewConsole, &phase_context(&edition))?;
    let runs = app.storage().schedule_runs_of_edition(id).await?;
    Ok((edition, runs.into_iter().map(RunView::of).collect()))
}

/// One run with its placements (organisers).
pub async fn run(
    app: &App,
    actor: &Actor,
    id: ScheduleRunId,
) -> Result<(Edition, RunView, Vec<Placement>)> {
    let run = app
        .storage()
        .get_schedule_run(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, run.edition_id).await?;
    authorize(actor, Action::ViewConsole, &phase_context(&edition))?;
    let placements = app.storage().schedule_run_placements(id).await?;
    Ok((edition, RunView::of(run), placements))
}

/// Two runs side by side.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub a: RunView,
    pub b: RunView,
    /// Meetings placed by both runs at another slot or table.
    pub moved: usize,
    /// Meetings placed by both at the same slot and table.
    pub same: usize,
    /// Meetings placed by one run only.
    pub only_one: usize,
}

pub async fn compare(
    app: &App,
    actor: &Actor,
    a: ScheduleRunId,
    b: ScheduleRunId,
) -> Result<Comparison> {
    let (ea, ra, pa) = run(app, actor, a).await?;
    let (eb, rb, pb) = run(app, actor, b).await?;
    if ea.id != eb.id {
        return Err(Error::NotFound);
    }
    let at: HashMap<MeetingId, (i64, TableId)> = pa
        .iter()
        .map(|p| (p.meeting, (p.start.unix_timestamp(), p.table)))
        .collect();
    let (mut moved, mut same, mut both) = (0, 0, 0);
    for p in &pb {
        if let Some(place) = at.get(&p.meeting) {
            both += 1;
            if *place == (p.start.unix_timestamp(), p.table) {
                same += 1;
            } else {
                moved += 1;
            }
        }
    }
    Ok(Comparison {
        a: ra,
        b: rb,
        moved,
        same,
        only_one: pa.len() + pb.len() - 2 * both,
    })
}

// ---------------------------------------------------------------------------------------------------
// Publication

/// What publishing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub meetings: usize,
    /// Meetings whose place changed since an earlier publication.
    pub changed: usize,
    pub mails: usize,
}

/// Publishes a finished run: its placements become the live schedule (a meeting placed elsewhere than in
/// an earlier publication has its sequence raised), the meetings become "scheduled", the edition moves to
/// "schedule published", and each participant gets their agenda by mail with the `.ics` attached.
/// Refused when the meetings changed since the run (run again).
pub async fn publish(app: &App, actor: &Actor, id: ScheduleRunId) -> Result<Published> {
    let run = app
        .storage()
        .get_schedule_run(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, run.edition_id).await?;
    authorize(actor, Action::PublishSchedule, &phase_context(&edition))?;
    if run.status != RunStatus::Done {
        return Err(Error::conflict("day-run-not-done"));
    }
    let placements = app.storage().schedule_run_placements(id).await?;
    let meetings = to_schedule(app.storage().meetings_of_edition(edition.id).await?);
    let placed: BTreeSet<MeetingId> = placements.iter().map(|p| p.meeting).collect();
    let wanted: BTreeSet<MeetingId> = meetings.iter().map(|m| m.id).collect();
    if placed != wanted {
        return Err(Error::conflict("day-run-stale"));
    }
    let live: HashMap<MeetingId, Placement> = app
        .storage()
        .live_placements(edition.id)
        .await?
        .into_iter()
        .map(|l| (l.placement.meeting, l.placement))
        .collect();
    let now = app.now();
    let mut tx = app.begin().await?;
    let mut changed_meetings = BTreeSet::new();
    let mut pending = agendas::Pending {
        now: Some(now),
        ..agendas::Pending::default()
    };
    for p in &placements {
        let (changed, sequence) = tx.place_meeting(edition.id, p, now).await?;
        if changed && live.contains_key(&p.meeting) {
            changed_meetings.insert(p.meeting);
        }
        pending.placements.insert(p.meeting, (*p, sequence));
    }
    for m in &meetings {
        if m.state.status != MeetingStatus::Scheduled {
            tx.move_meeting(
                m.id,
                MeetingAction::Schedule,
                None,
                None,
                None,
                user_id(actor),
                now,
            )
            .await?;
        }
    }
    tx.publish_schedule_run(edition.id, id, now).await?;
    if let Some(end) = placements.iter().map(|p| p.end).max() {
        crate::day::schedule_rating_invitations(app, &mut tx, edition.id, end).await?;
    }
    if edition.phase < Phase::SchedulePublished {
        tx.set_phase(edition.id, Phase::SchedulePublished, user_id(actor), now)
            .await?;
    }
    // A first publication tells everyone; a republication only those whose meetings moved.
    let first = live.is_empty();
    let concerned: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| first || changed_meetings.contains(&m.id))
        .collect();
    let kind = if first {
        "schedule-published"
    } else {
        "agenda-changed"
    };
    let mails = agendas::mail_agendas(app, &mut tx, &edition, &concerned, kind, &pending).await?;
    app.audit(
        &mut tx,
        actor,
        "schedule-published",
        ("schedule-run", id.to_string()),
        serde_json::json!({
            "edition": edition.id.to_string(),
            "seq": run.seq,
            "meetings": placements.len(),
            "changed": changed_meetings.len(),
            "mails": mails,
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(Published {
        meetings: placements.len(),
        changed: changed_meetings.len(),
        mails,
    })
}
