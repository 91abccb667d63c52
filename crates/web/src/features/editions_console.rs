//! Editions in the organisers' console: the list (current and past), creating one, its identity and
//! its plan of phase dates, and moving it to another phase after seeing what is still pending.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::editions::{self, EditionInput, PlanInput};
use passerelle_domain::edition::format_date as iso;
use passerelle_domain::{EditionId, Phase};
use passerelle_storage::Edition;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::CONSOLE_EDITIONS, list)
        .get_post("/console/editions/nouvelle", new_form, create)
        .get_post("/console/editions/{id}", show, update)
        .post("/console/editions/{id}/calendrier", set_plan)
        .get_post("/console/editions/{id}/phase", move_form, move_phase)
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

pub struct EditionRow {
    pub id: String,
    pub title: String,
    pub days: String,
    pub phase: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "console/editions/list.html")]
struct ListPage {
    page: Page,
    live: Vec<EditionRow>,
    past: Vec<EditionRow>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let (all, current) = editions::list(&state.app, &ctx.actor()).await?;
    let lang = ctx.lang;
    let row = |e: &Edition| EditionRow {
        id: e.id.to_string(),
        title: e.title.as_str().to_string(),
        days: present::days(lang, e.dates.first_day(), e.dates.last_day()),
        phase: present::phase_label(lang, e.phase),
        current: Some(e.id) == current,
    };
    let (past, live): (Vec<&Edition>, Vec<&Edition>) =
        all.iter().partition(|e| e.phase == Phase::Closed);
    html(ListPage {
        page: ctx.page("editions-title", "console"),
        live: live.into_iter().map(row).collect(),
        past: past.into_iter().map(row).collect(),
    })
}

/// The identity form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct EditionForm {
    pub slug: String,
    pub title: String,
    pub venue: String,
    pub first_day: String,
    pub last_day: String,
}

impl EditionForm {
    fn input(&self) -> EditionInput {
        EditionInput {
            slug: self.slug.clone(),
            title: self.title.clone(),
            venue: self.venue.clone(),
            first_day: self.first_day.clone(),
            last_day: self.last_day.clone(),
        }
    }

    fn of(e: &Edition) -> EditionForm {
        EditionForm {
            slug: e.slug.as_str().to_string(),
            title: e.title.as_str().to_string(),
            venue: e.venue.as_str().to_string(),
            first_day: iso(e.dates.first_day()),
            last_day: iso(e.dates.last_day()),
        }
    }
}

#[derive(Template)]
#[template(path = "console/editions/new.html")]
struct NewPage {
    page: Page,
    form: EditionForm,
    errors: Errors,
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    editions::list(&state.app, &ctx.actor()).await?;
    html(NewPage {
        page: ctx.page("edition-new-title", "console"),
        form: EditionForm::default(),
        errors: Errors::default(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<EditionForm>,
) -> Result<Response, AppError> {
    match editions::create(&state.app, &ctx.actor(), form.input()).await {
        Ok(edition) => {
            ctx.flash("edition-created").await?;
            Ok(Redirect::to(&urls::console_edition(edition.id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            NewPage {
                page: ctx.page("edition-new-title", "console"),
                form,
                errors: validation::errors(ctx.lang, &invalid),
            },
        ),
        Err(e) => Err(e.into()),
    }
}

pub struct PhaseRow {
    pub code: String,
    pub label: String,
    pub start: String,
    pub end: String,
    /// `done`, `current` or `todo`.
    pub state: &'static str,
}

pub struct ChangeRow {
    pub from: String,
    pub to: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "console/editions/edition.html")]
struct EditionPage {
    page: Page,
    id: String,
    closed: bool,
    phase: String,
    next: Option<(String, String)>,
    previous: Option<(String, String)>,
    form: EditionForm,
    phases: Vec<PhaseRow>,
    history: Vec<ChangeRow>,
    errors: Errors,
}

async fn edition_page(
    state: &AppState,
    ctx: &Ctx,
    edition: &Edition,
    form: EditionForm,
    plan: Option<&BTreeMap<String, String>>,
    errors: Errors,
) -> Result<EditionPage, AppError> {
    let lang = ctx.lang;
    let phases = Phase::ALL
        .iter()
        .filter(|p| **p != Phase::Draft && **p != Phase::Closed)
        .map(|&p| {
            let window = edition.window(p);
            let typed = |k: &str| plan.and_then(|m| m.get(&format!("{k}-{}", p.as_str())).cloned());
            PhaseRow {
                code: p.as_str().to_string(),
                label: present::phase_label(lang, p),
                start: typed("start").unwrap_or_else(|| {
                    window
                        .and_then(|w| w.starts_on())
                        .map(iso)
                        .unwrap_or_default()
                }),
                end: typed("end").unwrap_or_else(|| {
                    window
                        .and_then(|w| w.ends_on())
                        .map(iso)
                        .unwrap_or_default()
                }),
                state: if p < edition.phase {
                    "done"
                } else if p == edition.phase {
                    "current"
                } else {
                    "todo"
                },
            }
        })
        .collect();
    let history = state
        .storage
        .phase_history(edition.id)
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .rev()
        .map(|(from, to, _, at)| ChangeRow {
            from: present::phase_label(lang, from),
            to: present::phase_label(lang, to),
            when: present::date(lang, at.date()),
        })
        .collect();
    let step =
        |p: Option<Phase>| p.map(|p| (p.as_str().to_string(), present::phase_label(lang, p)));
    let closed = edition.phase == Phase::Closed;
    Ok(EditionPage {
        page: ctx.page_titled(edition.title.as_str().to_string(), "console"),
        id: edition.id.to_string(),
        closed,
        phase: present::phase_label(lang, edition.phase),
        next: if closed {
            None
        } else {
            step(edition.phase.next())
        },
        previous: if closed {
            None
        } else {
            step(edition.phase.previous())
        },
        form,
        phases,
        history,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let edition = editions::get(&state.app, &ctx.actor(), edition_id(&id)?).await?;
    let form = EditionForm::of(&edition);
    html(edition_page(&state, &ctx, &edition, form, None, Errors::default()).await?)
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<EditionForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    match editions::update(&state.app, &ctx.actor(), id, form.input()).await {
        Ok(_) => {
            ctx.flash("edition-saved").await?;
            Ok(Redirect::to(&urls::console_edition(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let edition = editions::get(&state.app, &ctx.actor(), id).await?;
            let form = EditionForm {
                slug: edition.slug.as_str().to_string(),
                ..form
            };
            let errors = validation::errors(ctx.lang, &invalid);
            let page = edition_page(&state, &ctx, &edition, form, None, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn set_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let input = PlanInput {
        phases: Phase::ALL
            .iter()
            .filter(|p| **p != Phase::Draft && **p != Phase::Closed)
            .map(|p| {
                (
                    *p,
                    get(&format!("start-{}", p.as_str())),
                    get(&format!("end-{}", p.as_str())),
                )
            })
            .collect(),
    };
    match editions::set_plan(&state.app, &ctx.actor(), id, input).await {
        Ok(_) => {
            ctx.flash("edition-plan-saved").await?;
            Ok(Redirect::to(&urls::console_edition(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let edition = editions::get(&state.app, &ctx.actor(), id).await?;
            let errors = validation::errors(ctx.lang, &invalid);
            let form = EditionForm::of(&edition);
            let page = edition_page(&state, &ctx, &edition, form, Some(&fields), errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct Target {
    #[serde(default)]
    vers: String,
}

#[derive(Template)]
#[template(path = "console/editions/phase.html")]
struct MovePage {
    page: Page,
    id: String,
    from: String,
    to: String,
    to_code: String,
    back: bool,
    pending: Vec<String>,
}

fn target(raw: &str) -> Result<Phase, AppError> {
    Phase::parse(raw).map_err(|_| AppError::BadRequest)
}

pub async fn move_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Target>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let to = target(&q.vers)?;
    let preview = editions::preview_move(&state.app, &ctx.actor(), id, to).await?;
    let lang = ctx.lang;
    html(MovePage {
        page: ctx.page("edition-move-title", "console"),
        id: id.to_string(),
        from: present::phase_label(lang, preview.from),
        to: present::phase_label(lang, preview.to),
        to_code: to.as_str().to_string(),
        back: preview.to < preview.from,
        pending: preview
            .pending
            .iter()
            .map(|c| lang.t_args(c.key, &c.args))
            .collect(),
    })
}

pub async fn move_phase(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<Target>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let to = target(&form.vers)?;
    editions::move_phase(&state.app, &ctx.actor(), id, to).await?;
    ctx.flash("edition-phase-moved").await?;
    Ok(Redirect::to(&urls::console_edition(id)).into_response())
}
