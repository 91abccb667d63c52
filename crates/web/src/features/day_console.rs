//! The organisers' day in the console: the set-up (days, sessions, slot length and gaps, breaks, tables
//! with step-free access, which side keeps its table), scheduling runs as jobs with their progress and
//! result (idle breaks in total and per participant, fairness spread, lower bound and proof, table
//! changes, time), the comparison of two runs, and publication.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::schedule::{self, RunResult, RunView, SetupInput};
use passerelle_domain::day::{DayPlan, Seating, SessionKind};
use passerelle_domain::{Action, Context, EditionId, ScheduleRunId};
use passerelle_storage::{Edition, RunStatus};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::{Lang, format};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get_post("/console/editions/{id}/journee", setup, save_setup)
        .post("/console/editions/{id}/journee/calculs", start_run)
        .get("/console/journee/calculs/{run}", show_run)
        .post("/console/journee/calculs/{run}/publier", publish)
        .get("/console/journee/comparer", compare)
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

fn run_id(raw: &str) -> Result<ScheduleRunId, AppError> {
    ScheduleRunId::parse(raw).map_err(|_| AppError::NotFound)
}

fn setup_url(id: EditionId) -> String {
    format!("/console/editions/{id}/journee")
}

fn run_url(id: ScheduleRunId) -> String {
    format!("/console/journee/calculs/{id}")
}

fn hm(t: time::Time) -> String {
    format!("{}:{:02}", t.hour(), t.minute())
}

/// The set-up form's values, as typed or as stored.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SetupForm {
    pub days: Vec<String>,
    pub morning_start: String,
    pub morning_end: String,
    pub afternoon_start: String,
    pub afternoon_end: String,
    pub slot_minutes: String,
    pub gap_minutes: String,
    pub pauses: String,
    pub seating: String,
    pub fairness: String,
    pub tables: String,
    pub step_free: String,
    pub time_limit: String,
}

impl SetupForm {
    fn of(plan: &DayPlan, tables: &[passerelle_storage::DayTable]) -> SetupForm {
        let session = |k: SessionKind| plan.sessions().iter().find(|s| s.kind == k);
        let morning = session(SessionKind::Morning);
        let afternoon = session(SessionKind::Afternoon);
        SetupForm {
            days: plan.days().iter().map(|d| d.to_string()).collect(),
            morning_start: morning.map(|s| hm(s.start)).unwrap_or_default(),
            morning_end: morning.map(|s| hm(s.end)).unwrap_or_default(),
            afternoon_start: afternoon.map(|s| hm(s.start)).unwrap_or_default(),
            afternoon_end: afternoon.map(|s| hm(s.end)).unwrap_or_default(),
            slot_minutes: plan.slot_minutes().to_string(),
            gap_minutes: plan.gap_minutes().to_string(),
            pauses: plan
                .pauses()
                .iter()
                .map(|p| format!("{}-{}", hm(p.start), hm(p.end)))
                .collect::<Vec<_>>()
                .join("\n"),
            seating: plan.seating().as_str().to_string(),
            fairness: plan.fairness().map(|f| f.to_string()).unwrap_or_default(),
            tables: tables
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            step_free: tables
                .iter()
                .filter(|t| t.step_free)
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            time_limit: schedule::RunParams::default().time_limit.to_string(),
        }
    }

    fn input(&self) -> SetupInput {
        SetupInput {
            days: self.days.clone(),
            morning_start: self.morning_start.clone(),
            morning_end: self.morning_end.clone(),
            afternoon_start: self.afternoon_start.clone(),
            afternoon_end: self.afternoon_end.clone(),
            slot_minutes: self.slot_minutes.clone(),
            gap_minutes: self.gap_minutes.clone(),
            pauses: self.pauses.clone(),
            seating: self.seating.clone(),
            fairness: self.fairness.clone(),
            tables: self.tables.clone(),
            step_free: self
                .step_free
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

pub struct RunRow {
    pub id: String,
    pub seq: i64,
    pub created: String,
    pub status: String,
    pub summary: String,
}

fn status_label(lang: Lang, status: RunStatus) -> String {
    lang.t(match status {
        RunStatus::Pending => "day-run-status-pending",
        RunStatus::Done => "day-run-status-done",
        RunStatus::Failed => "day-run-status-failed",
        RunStatus::Published => "day-run-status-published",
    })
}

fn summary(lang: Lang, r: &RunResult) -> String {
    lang.t_args(
        "day-run-summary",
        &[
            ("placed", r.placed.to_string()),
            ("meetings", r.meetings.to_string()),
            ("breaks", r.total_breaks.to_string()),
            ("bound", r.lower_bound.to_string()),
        ],
    )
}

fn run_row(lang: Lang, v: &RunView) -> RunRow {
    let t = passerelle_domain::day::in_paris(v.run.created_at);
    RunRow {
        id: v.run.id.to_string(),
        seq: v.run.seq,
        created: format::on_date_at(lang, t.date(), t.time()),
        status: status_label(lang, v.run.status),
        summary: v
            .result
            .as_ref()
            .map(|r| summary(lang, r))
            .unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "day/setup.html")]
struct SetupPage {
    page: Page,
    edition_id: String,
    edition: String,
    form: SetupForm,
    day_choices: Vec<Choice>,
    seatings: Vec<Choice>,
    slots: usize,
    slot_lines: Vec<String>,
    runs: Vec<RunRow>,
    can_edit: bool,
    can_run: bool,
    /// A schedule is published: its door sheets and grid can be printed.
    printable: bool,
    errors: Errors,
    run_errors: Errors,
}

async fn setup_page(
    state: &AppState,
    ctx: &Ctx,
    id: EditionId,
    typed: Option<SetupForm>,
    errors: Errors,
    run_errors: Errors,
) -> Result<SetupPage, AppError> {
    let actor = ctx.actor();
    let lang = ctx.lang;
    let current = schedule::setup(&state.app, &actor, id).await?;
    let (_, runs) = schedule::runs(&state.app, &actor, id).await?;
    let edition: &Edition = &current.edition;
    let stored = match &current.plan {
        Some(p) => SetupForm::of(p, &current.tables),
        None => SetupForm::of(&schedule::default_plan(edition), &[]),
    };
    let mut form = typed.unwrap_or(stored);
    if form.time_limit.is_empty() {
        form.time_limit = schedule::RunParams::default().time_limit.to_string();
    }
    let days: Vec<time::Date> =
        std::iter::successors(Some(edition.dates.first_day()), |d| d.next_day())
            .take_while(|d| *d <= edition.dates.last_day())
            .collect();
    let day_choices = days
        .iter()
        .map(|d| Choice {
            value: d.to_string(),
            label: format::date(lang, *d),
            selected: form.days.contains(&d.to_string()),
        })
        .collect();
    let seatings = Seating::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: lang.t(&format!("day-seating-{}", s.as_str())),
            selected: form.seating == s.as_str(),
        })
        .collect();
    let context = Context {
        phase: Some(edition.phase),
        ..Context::default()
    };
    let slot_lines = current
        .slots
        .iter()
        .map(|s| {
            let a = passerelle_domain::day::in_paris(s.start);
            let b = passerelle_domain::day::in_paris(s.end);
            format!(
                "{} {} – {}",
                format::date(lang, a.date()),
                format::time(lang, a.time()),
                format::time(lang, b.time())
            )
        })
        .collect();
    Ok(SetupPage {
        page: ctx.page_titled(
            lang.t_args(
                "day-setup-title",
                &[("edition", edition.title.as_str().to_string())],
            ),
            "console",
        ),
        edition_id: id.to_string(),
        edition: edition.title.as_str().to_string(),
        day_choices,
        seatings,
        slots: current.slots.len(),
        slot_lines,
        runs: runs.iter().map(|r| run_row(lang, r)).collect(),
        can_edit: ctx.can(Action::ManageDaySetup, &context),
        can_run: ctx.can(Action::RunScheduling, &context) && current.plan.is_some(),
        printable: runs.iter().any(|r| r.run.status == RunStatus::Published),
        form,
        errors,
        run_errors,
    })
}

pub async fn setup(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    html(setup_page(&state, &ctx, id, None, Errors::default(), Errors::default()).await?)
}

pub async fn save_setup(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<SetupForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    match schedule::save_setup(&state.app, &ctx.actor(), id, form.input()).await {
        Ok(_) => {
            ctx.flash("day-setup-saved").await?;
            Ok(Redirect::to(&setup_url(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = setup_page(&state, &ctx, id, Some(form), errors, Errors::default()).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RunForm {
    pub time_limit: String,
}

pub async fn start_run(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RunForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    match schedule::start_run(&state.app, &ctx.actor(), id, &form.time_limit).await {
        Ok(run) => Ok(Redirect::to(&run_url(run)).into_response()),
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = setup_page(&state, &ctx, id, None, Errors::default(), errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "day/run.html")]
struct RunPage {
    page: Page,
    id: String,
    edition_id: String,
    status: String,
    pending: bool,
    failed: Option<String>,
    figures: Vec<(String, String)>,
    reason: Option<String>,
    participants: Vec<(String, usize, u32)>,
    can_publish: bool,
    others: Vec<RunRow>,
}

fn yes_no(lang: Lang, b: bool) -> String {
    lang.t(if b { "day-yes" } else { "day-no" })
}

fn figures(lang: Lang, r: &RunResult) -> Vec<(String, String)> {
    let n = |v: u64| format::number(lang, v);
    vec![
        (
            lang.t("day-fig-placed"),
            format!("{} / {}", n(r.placed as u64), n(r.meetings as u64)),
        ),
        (lang.t("day-fig-breaks"), n(u64::from(r.total_breaks))),
        (lang.t("day-fig-bound"), n(u64::from(r.lower_bound))),
        (lang.t("day-fig-gap"), n(u64::from(r.gap()))),
        (lang.t("day-fig-proved"), yes_no(lang, r.optimal)),
        (lang.t("day-fig-spread"), n(u64::from(r.spread))),
        (
            lang.t("day-fig-fairness"),
            match r.fairness {
                Some(f) => lang.t_args(
                    "day-fig-fairness-bound",
                    &[("bound", f.to_string()), ("met", yes_no(lang, r.fair))],
                ),
                None => lang.t("day-fig-fairness-none"),
            },
        ),
        (
            lang.t("day-fig-table-changes"),
            n(u64::from(r.host_table_changes)),
        ),
        (lang.t("day-fig-step-free"), n(r.step_free_unmet as u64)),
        (
            lang.t("day-fig-size"),
            lang.t_args(
                "day-fig-size-value",
                &[
                    ("participants", n(r.participants as u64)),
                    ("slots", n(r.slots as u64)),
                    ("tables", n(r.tables as u64)),
                ],
            ),
        ),
        (
            lang.t("day-fig-time"),
            lang.t_args(
                "day-fig-time-value",
                &[
                    (
                        "seconds",
                        format!("{:.1}", r.elapsed_ms as f64 / 1000.0)
                            .replace('.', if lang == Lang::Fr { "," } else { "." }),
                    ),
                    ("limit", r.time_limit.to_string()),
                ],
            ),
        ),
    ]
}

pub async fn show_run(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = run_id(&id)?;
    let lang = ctx.lang;
    let (edition, view, _) = schedule::run(&state.app, &ctx.actor(), id).await?;
    let (_, runs) = schedule::runs(&state.app, &ctx.actor(), edition.id).await?;
    let result = view.result.as_ref();
    let context = Context {
        phase: Some(edition.phase),
        ..Context::default()
    };
    let page = RunPage {
        page: ctx.page_titled(
            lang.t_args("day-run-title", &[("seq", view.run.seq.to_string())]),
            "console",
        ),
        id: id.to_string(),
        edition_id: edition.id.to_string(),
        status: status_label(lang, view.run.status),
        pending: view.run.status == RunStatus::Pending,
        failed: (view.run.status == RunStatus::Failed).then(|| {
            result
                .and_then(|r| r.reason.clone())
                .unwrap_or_else(|| lang.t("day-run-failed"))
        }),
        figures: result.map(|r| figures(lang, r)).unwrap_or_default(),
        reason: result
            .filter(|r| r.placed < r.meetings)
            .and_then(|r| r.reason.clone()),
        participants: result
            .map(|r| {
                r.per_participant
                    .iter()
                    .map(|p| (p.label.clone(), p.meetings, p.breaks))
                    .collect()
            })
            .unwrap_or_default(),
        can_publish: view.run.status == RunStatus::Done
            && ctx.can(Action::PublishSchedule, &context),
        others: runs
            .iter()
            .filter(|r| r.run.id != id && r.result.is_some())
            .map(|r| run_row(lang, r))
            .collect(),
    };
    html(page)
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = run_id(&id)?;
    match schedule::publish(&state.app, &ctx.actor(), id).await {
        Ok(p) => {
            ctx.flash(if p.changed > 0 {
                "day-published-changed"
            } else {
                "day-published"
            })
            .await?;
            Ok(Redirect::to(&run_url(id)).into_response())
        }
        Err(passerelle_app::Error::Conflict(c)) => {
            ctx.flash(c.key).await?;
            Ok(Redirect::to(&run_url(id)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CompareQuery {
    pub a: String,
    pub b: String,
}

#[derive(Template)]
#[template(path = "day/compare.html")]
struct ComparePage {
    page: Page,
    a: RunRow,
    b: RunRow,
    rows: Vec<(String, String, String)>,
    moved: usize,
    same: usize,
    only_one: usize,
}

pub async fn compare(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CompareQuery>,
) -> Result<Response, AppError> {
    let (a, b) = (run_id(&q.a)?, run_id(&q.b)?);
    let lang = ctx.lang;
    let c = schedule::compare(&state.app, &ctx.actor(), a, b).await?;
    let fa =
        c.a.result
            .as_ref()
            .map(|r| figures(lang, r))
            .unwrap_or_default();
    let fb =
        c.b.result
            .as_ref()
            .map(|r| figures(lang, r))
            .unwrap_or_default();
    let rows = fa
        .into_iter()
        .zip(fb)
        .map(|((label, x), (_, y))| (label, x, y))
        .collect();
    html(ComparePage {
        page: ctx.page("day-compare-title", "console"),
        a: run_row(lang, &c.a),
        b: run_row(lang, &c.b),
        rows,
        moved: c.moved,
        same: c.same,
        only_one: c.only_one,
    })
}
