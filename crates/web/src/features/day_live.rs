//! The day as it happens: the organisers' live board per slot (held, in progress, no-show, free tables),
//! the check-in desk where staff check people in by name, each person's check-in page (what the QR
//! code of their agenda opens), and the organisers' rating results per meeting, company and irritant.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::day::{self, Arrival};
use passerelle_app::ratings::{self, Summary};
use passerelle_domain::day::in_paris;
use passerelle_domain::{Action, Context, Denied, EditionId, UserId};
use passerelle_storage::StoredRating;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::{Lang, format};
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Form, Page, encode, html};

pub fn routes() -> Routes {
    Routes::new()
        .get("/console/editions/{id}/journee/tableau", board)
        .get("/console/editions/{id}/journee/accueil", desk)
        .post(
            "/console/editions/{id}/journee/accueil/{person}",
            desk_check_in,
        )
        .get_post("/journee/accueil/{person}", arrival, check_in)
        .get("/console/editions/{id}/journee/evaluations", results)
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

fn person_id(raw: &str) -> Result<UserId, AppError> {
    UserId::parse(raw).map_err(|_| AppError::NotFound)
}

fn at(lang: Lang, t: time::OffsetDateTime) -> String {
    let t = in_paris(t);
    format::on_date_at(lang, t.date(), t.time())
}

// ---------------------------------------------------------------------------------------------------
// The live board

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BoardQuery {
    /// The slot's start, unix seconds; empty: the current or next slot.
    pub creneau: String,
}

pub struct SlotLink {
    pub start: i64,
    pub label: String,
    pub current: bool,
}

pub struct CellRow {
    pub table: String,
    pub step_free: bool,
    /// `free`, `planned`, `in-progress`, `held`, `no-show`.
    pub state: &'static str,
    pub state_label: String,
    pub company: String,
    pub irritant: String,
    pub institution: String,
    /// The meeting at the table, when staff may mark it held or no-show from the board.
    pub mark: Option<String>,
}

#[derive(Template)]
#[template(path = "day/board.html")]
struct BoardPage {
    page: Page,
    edition_id: String,
    slots: Vec<SlotLink>,
    shown: Option<String>,
    previous: Option<i64>,
    next: Option<i64>,
    /// The query that shows this slot again (the refresh link).
    refresh: String,
    cells: Vec<CellRow>,
    counts: Vec<(String, usize)>,
    /// "12 personnes arrivées sur 40 attendues".
    arrivals: String,
    updated: String,
    /// The slot shown (unix seconds), where a mark returns to.
    slot: i64,
    /// Some table's meeting can be marked (the actions column is shown).
    marks: bool,
}

fn state_label(lang: Lang, state: &str) -> String {
    lang.t(&format!("day-board-state-{state}"))
}

pub async fn board(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<BoardQuery>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let lang = ctx.lang;
    let slot = match q.creneau.trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let b = day::board(&state.app, &ctx.actor(), id, slot).await?;
    if slot.is_some() && b.shown.is_none() {
        return Err(AppError::NotFound);
    }
    let slots: Vec<SlotLink> = b
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| SlotLink {
            start: s.start.unix_timestamp(),
            label: present::slot(lang, s.start, s.end),
            current: b.shown == Some(i),
        })
        .collect();
    let cells = b
        .cells
        .iter()
        .map(|c| CellRow {
            table: c.table.name.as_str().to_string(),
            step_free: c.table.step_free,
            state: c.state,
            state_label: state_label(lang, c.state),
            company: c
                .meeting
                .as_ref()
                .map(|m| m.company.name.as_str().to_string())
                .unwrap_or_default(),
            irritant: c
                .meeting
                .as_ref()
                .map(|m| m.irritant_title.as_str().to_string())
                .unwrap_or_default(),
            institution: c
                .meeting
                .as_ref()
                .map(|m| m.institution.name.as_str().to_string())
                .unwrap_or_default(),
            mark: c
                .meeting
                .as_ref()
                .filter(|m| {
                    ctx.can(
                        Action::MarkAttendance,
                        &Context {
                            phase: Some(b.edition.phase),
                            meeting_status: Some(m.state.status),
                            ..Context::default()
                        },
                    )
                })
                .map(|m| m.id.to_string()),
        })
        .collect::<Vec<CellRow>>();
    let marks = cells.iter().any(|c| c.mark.is_some());
    let counts = ["in-progress", "planned", "held", "no-show", "free"]
        .iter()
        .map(|s| (state_label(lang, s), b.counts.get(s).copied().unwrap_or(0)))
        .collect();
    let shown = b.shown;
    let slot_shown = shown.map(|i| slots[i].start).unwrap_or_default();
    html(BoardPage {
        page: ctx.page_titled(
            lang.t_args(
                "day-board-title",
                &[("edition", b.edition.title.as_str().to_string())],
            ),
            "console",
        ),
        edition_id: id.to_string(),
        shown: shown.map(|i| slots[i].label.clone()),
        previous: shown.and_then(|i| i.checked_sub(1)).map(|i| slots[i].start),
        next: shown.and_then(|i| slots.get(i + 1)).map(|s| s.start),
        refresh: match slot {
            Some(t) => format!("?creneau={t}"),
            None => String::new(),
        },
        slots,
        cells,
        counts,
        arrivals: lang.t_args(
            "day-board-arrivals",
            &[
                ("count", b.checked_in.to_string()),
                ("people", b.people.to_string()),
            ],
        ),
        updated: at(lang, state.app.now()),
        slot: slot_shown,
        marks,
    })
}

// ---------------------------------------------------------------------------------------------------
// Check-in: the desk (by name) and each person's page (the QR code)

pub struct ArrivalRow {
    pub id: String,
    pub name: String,
    pub organisations: String,
    pub checked_in: Option<String>,
}

fn arrival_row(lang: Lang, a: &Arrival) -> ArrivalRow {
    ArrivalRow {
        id: a.person.id.to_string(),
        name: a.person.display_name.as_str().to_string(),
        organisations: a.organisations.join(", "),
        checked_in: a.checked_in.map(|t| at(lang, t)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeskQuery {
    pub q: String,
}

#[derive(Template)]
#[template(path = "day/desk.html")]
struct DeskPage {
    page: Page,
    edition_id: String,
    q: String,
    /// The search, percent-encoded, for the links back.
    expected: Vec<ArrivalRow>,
    arrived: Vec<ArrivalRow>,
}

pub async fn desk(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DeskQuery>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let lang = ctx.lang;
    // A search longer than any name finds nobody: bounded, not refused.
    let query: String = q.q.trim().chars().take(200).collect();
    let (edition, people) = day::desk(&state.app, &ctx.actor(), id, &query).await?;
    let (arrived, expected): (Vec<&Arrival>, Vec<&Arrival>) =
        people.iter().partition(|a| a.checked_in.is_some());
    html(DeskPage {
        page: ctx.page_titled(
            lang.t_args(
                "day-desk-title",
                &[("edition", edition.title.as_str().to_string())],
            ),
            "console",
        ),
        edition_id: id.to_string(),
        q: query,
        expected: expected.into_iter().map(|a| arrival_row(lang, a)).collect(),
        arrived: arrived.into_iter().map(|a| arrival_row(lang, a)).collect(),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeskForm {
    /// The search the desk showed, to come back to it.
    pub q: String,
}

pub async fn desk_check_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, person)): Path<(String, String)>,
    Form(form): Form<DeskForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let person = person_id(&person)?;
    day::check_in_at(&state.app, &ctx.actor(), Some(id), person).await?;
    ctx.flash("day-checked-in").await?;
    let q: String = form.q.trim().chars().take(200).collect();
    let back = if q.is_empty() {
        urls::day_desk(id)
    } else {
        format!("{}?q={}", urls::day_desk(id), encode(&q))
    };
    Ok(Redirect::to(&back).into_response())
}

#[derive(Template)]
#[template(path = "day/arrival.html")]
struct ArrivalPage {
    page: Page,
    /// None: check-in is not open (the current edition is not on its day).
    person: Option<ArrivalRow>,
    path: String,
}

pub async fn arrival(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(person): Path<String>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let person = person_id(&person)?;
    let shown = match day::arrival_of(&state.app, &ctx.actor(), person).await {
        Ok(a) => Some(arrival_row(ctx.lang, &a)),
        // A code scanned before the day: said so, rather than refused.
        Err(passerelle_app::Error::Denied(Denied::WrongPhase)) => None,
        Err(e) => return Err(e.into()),
    };
    html(ArrivalPage {
        page: ctx.page("day-arrival-title", "agenda"),
        person: shown,
        path: urls::check_in(person),
    })
}

pub async fn check_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(person): Path<String>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let person = person_id(&person)?;
    day::check_in(&state.app, &ctx.actor(), person).await?;
    ctx.flash("day-checked-in").await?;
    Ok(Redirect::to(&urls::check_in(person)).into_response())
}

// ---------------------------------------------------------------------------------------------------
// Rating results

pub struct SummaryRow {
    pub name: String,
    pub ratings: usize,
    pub mean: String,
    pub yes: usize,
    pub maybe: usize,
    pub no: usize,
}

fn summary_row(lang: Lang, name: String, s: &Summary) -> SummaryRow {
    SummaryRow {
        name,
        ratings: s.ratings,
        mean: s
            .mean
            .map(|m| {
                let text = format!("{m:.1}");
                if lang == Lang::Fr {
                    text.replace('.', ",")
                } else {
                    text
                }
            })
            .unwrap_or_else(|| "—".to_string()),
        yes: s.follow_up_yes,
        maybe: s.follow_up_maybe,
        no: s.follow_up_no,
    }
}

pub struct RatedMeeting {
    pub company: String,
    pub irritant: String,
    pub institution: String,
    pub by_institution: String,
    pub by_company: String,
    pub comments: Vec<(String, String)>,
}

fn given(lang: Lang, r: Option<&StoredRating>) -> String {
    match r {
        Some(r) => lang.t_args(
            "day-results-given",
            &[
                ("score", r.rating.score.value().to_string()),
                (
                    "follow_up",
                    lang.t(&format!("day-follow-up-{}", r.rating.follow_up.as_str())),
                ),
            ],
        ),
        None => lang.t("day-results-not-rated"),
    }
}

#[derive(Template)]
#[template(path = "day/results.html")]
struct ResultsPage {
    page: Page,
    edition_id: String,
    overall: SummaryRow,
    missing: usize,
    meetings: Vec<RatedMeeting>,
    companies: Vec<SummaryRow>,
    irritants: Vec<SummaryRow>,
}

pub async fn results(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let lang = ctx.lang;
    let r = ratings::results(&state.app, &ctx.actor(), id).await?;
    let meetings = r
        .meetings
        .iter()
        .map(|m| {
            let comments = [
                (lang.t("day-results-institution"), m.institution.as_ref()),
                (lang.t("day-results-company"), m.company.as_ref()),
            ]
            .into_iter()
            .filter_map(|(side, r)| {
                r.and_then(|r| r.rating.comment.as_ref())
                    .map(|c| (side, c.as_str().to_string()))
            })
            .collect();
            RatedMeeting {
                company: m.meeting.company.name.as_str().to_string(),
                irritant: m.meeting.irritant_title.as_str().to_string(),
                institution: m.meeting.institution.name.as_str().to_string(),
                by_institution: given(lang, m.institution.as_ref()),
                by_company: given(lang, m.company.as_ref()),
                comments,
            }
        })
        .collect();
    html(ResultsPage {
        page: ctx.page_titled(
            lang.t_args(
                "day-results-title",
                &[("edition", r.edition.title.as_str().to_string())],
            ),
            "console",
        ),
        edition_id: id.to_string(),
        overall: summary_row(lang, String::new(), &r.overall),
        missing: r.missing,
        meetings,
        companies: r
            .companies
            .iter()
            .map(|(n, s)| summary_row(lang, n.clone(), s))
            .collect(),
        irritants: r
            .irritants
            .iter()
            .map(|(n, s)| summary_row(lang, n.clone(), s))
            .collect(),
    })
}
