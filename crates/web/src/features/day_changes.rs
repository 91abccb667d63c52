//! Rescheduling on the day, in the console: the live schedule with its locks, the four changes an
//! organiser declares (a cancellation, an absence, a late request, a lost table), the preview the engine
//! computes with the fewest moves (which meetings move, which are dropped when seats run short, who is
//! affected), its application or discarding, and the history of every change.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::reschedule::{self, Console, Preview, RequestInput};
use passerelle_app::schedule::participant_code;
use passerelle_domain::day::in_paris;
use passerelle_domain::{Action, ChangeId, Context, EditionId, MeetingId};
use passerelle_storage::{Meeting, Placement};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::{Lang, format};
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get_post(
            "/console/editions/{id}/journee/changements",
            changes,
            preview,
        )
        .get("/console/journee/changements/{change}", show_change)
        .post("/console/journee/changements/{change}/appliquer", apply)
        .post("/console/journee/changements/{change}/abandonner", discard)
        .post("/console/journee/rencontres/{id}/verrou", lock)
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

fn change_id(raw: &str) -> Result<ChangeId, AppError> {
    ChangeId::parse(raw).map_err(|_| AppError::NotFound)
}

/// "Company — irritant (institution)": a meeting named as organisers know it.
fn meeting_name(m: &Meeting) -> String {
    format!(
        "{} — {} ({})",
        m.company.name.as_str(),
        m.irritant_title.as_str(),
        m.institution.name.as_str()
    )
}

/// One meeting of the live schedule.
pub struct EntryRow {
    pub id: String,
    pub when: String,
    pub table: String,
    pub name: String,
    pub status: String,
    pub locked: bool,
    pub past: bool,
}

/// One change of the history.
pub struct ChangeRow {
    pub id: String,
    pub seq: i64,
    pub kind: String,
    pub status: String,
    pub created: String,
    pub summary: String,
}

fn kind_label(lang: Lang, kind: &str) -> String {
    lang.t(&format!("day-change-kind-{kind}"))
}

fn change_status(lang: Lang, status: &str) -> String {
    lang.t(&format!("day-change-status-{status}"))
}

fn preview_summary(lang: Lang, p: &Preview) -> String {
    lang.t_args(
        "day-change-summary",
        &[
            ("moves", p.moves.len().to_string()),
            ("dropped", p.dropped.len().to_string()),
            ("affected", p.affected.len().to_string()),
        ],
    )
}

#[derive(Template)]
#[template(path = "day/changes.html")]
struct ChangesPage {
    page: Page,
    edition_id: String,
    can_change: bool,
    entries: Vec<EntryRow>,
    cancellable: Vec<Choice>,
    late: Vec<Choice>,
    participants: Vec<Choice>,
    slots: Vec<Choice>,
    tables: Vec<Choice>,
    history: Vec<ChangeRow>,
    errors: Errors,
    /// The form the errors belong to.
    errors_for: String,
}

/// The form of a change as typed (one form per kind; `slots` repeats).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ChangeForm {
    pub kind: String,
    pub meeting: String,
    pub participant: String,
    pub slots: Vec<String>,
    pub table: String,
}

async fn changes_page(
    state: &AppState,
    ctx: &Ctx,
    id: EditionId,
    typed: Option<&ChangeForm>,
    errors: Errors,
) -> Result<ChangesPage, AppError> {
    let lang = ctx.lang;
    let c: Console = reschedule::console(&state.app, &ctx.actor(), id).await?;
    let context = Context {
        phase: Some(c.edition.phase),
        ..Context::default()
    };
    let picked = |field: &str, value: &str| match typed {
        Some(f) => match field {
            "meeting" => f.meeting == value,
            "participant" => f.participant == value,
            "table" => f.table == value,
            _ => f.slots.iter().any(|s| s == value),
        },
        None => false,
    };
    let entries: Vec<EntryRow> = c
        .scheduled
        .iter()
        .map(|e| EntryRow {
            id: e.meeting.id.to_string(),
            when: present::slot(lang, e.placement.start, e.placement.end),
            table: e
                .table
                .as_ref()
                .map(|t| t.name.as_str().to_string())
                .unwrap_or_default(),
            name: meeting_name(&e.meeting),
            status: present::meeting_label(lang, e.meeting.state.status),
            locked: e.locked,
            past: e.past,
        })
        .collect();
    let cancellable = c
        .scheduled
        .iter()
        .filter(|e| e.meeting.state.status == passerelle_domain::MeetingStatus::Scheduled)
        .map(|e| {
            let value = e.meeting.id.to_string();
            Choice {
                label: format!(
                    "{} · {} · {}",
                    present::slot(lang, e.placement.start, e.placement.end),
                    e.table
                        .as_ref()
                        .map(|t| t.name.as_str())
                        .unwrap_or_default(),
                    meeting_name(&e.meeting)
                ),
                selected: picked("meeting", &value),
                value,
            }
        })
        .collect();
    let late = c
        .late
        .iter()
        .map(|m| {
            let value = m.id.to_string();
            Choice {
                label: meeting_name(m),
                selected: picked("meeting", &value),
                value,
            }
        })
        .collect();
    let participants = c
        .participants
        .iter()
        .map(|n| {
            let value = participant_code(n.participant);
            Choice {
                label: n.label.clone(),
                selected: picked("participant", &value),
                value,
            }
        })
        .collect();
    let slots = c
        .slots
        .iter()
        .map(|s| {
            let value = s.start.unix_timestamp().to_string();
            Choice {
                label: present::slot(lang, s.start, s.end),
                selected: picked("slots", &value),
                value,
            }
        })
        .collect();
    let tables = c
        .tables
        .iter()
        .map(|t| {
            let value = t.id.to_string();
            Choice {
                label: t.name.as_str().to_string(),
                selected: picked("table", &value),
                value,
            }
        })
        .collect();
    let history = c
        .history
        .iter()
        .map(|(ch, p)| {
            let t = in_paris(ch.created_at);
            ChangeRow {
                id: ch.id.to_string(),
                seq: ch.seq,
                kind: kind_label(lang, &ch.kind),
                status: change_status(lang, &ch.status),
                created: format::on_date_at(lang, t.date(), t.time()),
                summary: p
                    .as_ref()
                    .map(|p| preview_summary(lang, p))
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok(ChangesPage {
        page: ctx.page_titled(
            lang.t_args(
                "day-changes-title",
                &[("edition", c.edition.title.as_str().to_string())],
            ),
            "console",
        ),
        edition_id: id.to_string(),
        can_change: ctx.can(Action::Reschedule, &context),
        entries,
        cancellable,
        late,
        participants,
        slots,
        tables,
        history,
        errors,
        errors_for: typed.map(|f| f.kind.clone()).unwrap_or_default(),
    })
}

pub async fn changes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    html(changes_page(&state, &ctx, id, None, Errors::default()).await?)
}

pub async fn preview(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let input = RequestInput {
        kind: form.kind.clone(),
        meeting: form.meeting.clone(),
        participant: form.participant.clone(),
        slots: form.slots.clone(),
        table: form.table.clone(),
    };
    let (errors, status) = match reschedule::preview(&state.app, &ctx.actor(), id, input).await {
        Ok((change, _)) => {
            return Ok(Redirect::to(&urls::schedule_change(change.id)).into_response());
        }
        Err(passerelle_app::Error::Invalid(invalid)) => (
            validation::errors(ctx.lang, &invalid),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // No schedule can absorb it: said on the form, nothing kept.
        Err(passerelle_app::Error::Conflict(code)) => {
            let mut errors = Errors::default();
            errors.add("kind", ctx.lang.t_args(code.key, &code.args));
            (errors, StatusCode::CONFLICT)
        }
        Err(e) => return Err(e.into()),
    };
    let page = changes_page(&state, &ctx, id, Some(&form), errors).await?;
    html_status(status, page)
}

/// A move as the preview lists it.
pub struct MoveRow {
    pub name: String,
    pub from: String,
    pub to: String,
}

#[derive(Template)]
#[template(path = "day/change.html")]
struct ChangePage {
    page: Page,
    id: String,
    edition_id: String,
    kind: String,
    status: String,
    can_apply: bool,
    cancelled: Option<String>,
    added: Option<MoveRow>,
    moves: Vec<MoveRow>,
    dropped: Vec<String>,
    affected: Vec<String>,
    breaks: u32,
}

fn place(lang: Lang, p: &Placement, tables: &[passerelle_storage::DayTable]) -> String {
    let table = tables
        .iter()
        .find(|t| t.id == p.table)
        .map(|t| t.name.as_str().to_string())
        .unwrap_or_default();
    format!("{} · {table}", present::slot(lang, p.start, p.end))
}

pub async fn show_change(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = change_id(&id)?;
    let lang = ctx.lang;
    let v = reschedule::view(&state.app, &ctx.actor(), id).await?;
    let (edition, change, p, all_tables) = (&v.edition, &v.change, &v.preview, &v.tables);
    let name = |m: &MeetingId| v.meetings.get(m).map(meeting_name).unwrap_or_default();
    let context = Context {
        phase: Some(edition.phase),
        ..Context::default()
    };
    let previewed = change.status == "previewed";
    html(ChangePage {
        page: ctx.page_titled(
            lang.t_args("day-change-title", &[("seq", change.seq.to_string())]),
            "console",
        ),
        id: id.to_string(),
        edition_id: edition.id.to_string(),
        kind: kind_label(lang, &change.kind),
        status: change_status(lang, &change.status),
        can_apply: previewed && ctx.can(Action::Reschedule, &context),
        cancelled: p.cancelled.as_ref().map(name),
        added: p.added.as_ref().map(|a| MoveRow {
            name: name(&a.meeting),
            from: String::new(),
            to: place(lang, a, all_tables),
        }),
        moves: p
            .moves
            .iter()
            .map(|m| MoveRow {
                name: name(&m.meeting),
                from: m
                    .from
                    .as_ref()
                    .map(|f| place(lang, f, all_tables))
                    .unwrap_or_default(),
                to: place(lang, &m.to, all_tables),
            })
            .collect(),
        dropped: p.dropped.iter().map(name).collect(),
        affected: p.affected.clone(),
        breaks: p.total_breaks,
    })
}

pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = change_id(&id)?;
    match reschedule::apply(&state.app, &ctx.actor(), id).await {
        Ok(_) => ctx.flash("day-change-applied").await?,
        Err(passerelle_app::Error::Conflict(c)) => ctx.flash(c.key).await?,
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&urls::schedule_change(id)).into_response())
}

pub async fn discard(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = change_id(&id)?;
    reschedule::discard(&state.app, &ctx.actor(), id).await?;
    ctx.flash("day-change-discarded").await?;
    Ok(Redirect::to(&urls::schedule_change(id)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LockForm {
    /// `1` locks, anything else unlocks.
    pub locked: String,
}

pub async fn lock(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<LockForm>,
) -> Result<Response, AppError> {
    let id = MeetingId::parse(&id).map_err(|_| AppError::NotFound)?;
    let locked = form.locked == "1";
    let m = reschedule::lock(&state.app, &ctx.actor(), id, locked).await?;
    ctx.flash(if locked {
        "day-meeting-locked"
    } else {
        "day-meeting-unlocked"
    })
    .await?;
    Ok(Redirect::to(&format!("{}#m-{id}", urls::day_changes(m.edition_id))).into_response())
}
