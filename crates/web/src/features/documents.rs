//! The fiche as a document: an irritant's PDF fiche beside its page, and the organisers' page that
//! builds and serves the edition's printed booklet in either language.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::documents::{self, BookletState, BookletStatus, Build};
use passerelle_domain::{EditionId, IrritantId};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::present;
use crate::present::download::pdf_response;
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Form, Page, html};

pub fn routes() -> Routes {
    Routes::new()
        .get("/irritants/{id}/fiche.pdf", fiche)
        .get_post("/console/editions/{id}/livret", booklet_page, build)
        .get("/console/editions/{id}/livret.pdf", booklet)
}

/// The URL of an irritant's PDF fiche.
pub fn fiche_url(id: impl std::fmt::Display) -> String {
    format!("/irritants/{id}/fiche.pdf")
}

/// The link to a fiche's PDF, with its size when it is known.
pub fn fiche_link(lang: Lang, size: Option<u64>) -> String {
    match size {
        Some(bytes) => lang.t_args(
            "documents-download-fiche",
            &[("size", documents::kilobytes(bytes).to_string())],
        ),
        None => lang.t("documents-download-fiche-unsized"),
    }
}

pub async fn fiche(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = IrritantId::parse(&id).map_err(|_| AppError::NotFound)?;
    let pdf = documents::fiche(&state.app, &ctx.actor(), id, ctx.lang).await?;
    Ok(pdf_response(pdf, "inline"))
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

/// The booklet in one language, as its row on the page shows it.
struct BookletRow {
    lang: &'static str,
    /// "Français", "English": the language's own name.
    name: &'static str,
    state: String,
    /// Built from the fiches as they are: downloadable.
    ready: bool,
    /// The download link's text (with the size), when ready.
    download: String,
    /// Whether a build may be asked for (not while one runs).
    can_build: bool,
    /// "Build" or "Build again".
    build: String,
}

#[derive(Template)]
#[template(path = "documents/booklet.html")]
struct BookletPage {
    page: Page,
    id: String,
    heading: String,
    fiches: String,
    empty: bool,
    rows: Vec<BookletRow>,
}

fn row(lang: Lang, status: &BookletStatus) -> BookletRow {
    let date = |at: time::OffsetDateTime| present::date(lang, at.date());
    let kb = |size: u64| documents::kilobytes(size).to_string();
    let (state, ready, download, can_build, again) = match &status.state {
        BookletState::Missing => (lang.t("documents-booklet-missing"), false, 0, true, false),
        BookletState::Ready { size, built_at } => (
            lang.t_args(
                "documents-booklet-ready",
                &[("date", date(*built_at)), ("size", kb(*size))],
            ),
            true,
            *size,
            true,
            true,
        ),
        BookletState::Outdated { built_at, .. } => (
            lang.t_args("documents-booklet-outdated", &[("date", date(*built_at))]),
            false,
            0,
            true,
            true,
        ),
        BookletState::Building { done, total } => (
            lang.t_args(
                "documents-booklet-building",
                &[("done", done.to_string()), ("total", total.to_string())],
            ),
            false,
            0,
            false,
            true,
        ),
        BookletState::Failed { error } => (
            lang.t_args("documents-booklet-failed", &[("error", error.clone())]),
            false,
            0,
            true,
            true,
        ),
    };
    let code = status.lang.code();
    BookletRow {
        lang: code,
        name: if code == "fr" { "Français" } else { "English" },
        state,
        ready,
        download: lang.t_args("documents-booklet-download", &[("size", kb(download))]),
        can_build: can_build && status.fiches > 0,
        build: lang.t(if again {
            "documents-booklet-rebuild"
        } else {
            "documents-booklet-build"
        }),
    }
}

pub async fn booklet_page(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let actor = ctx.actor();
    let mut statuses = Vec::new();
    for lang in Lang::ALL {
        statuses.push(documents::booklet_status(&state.app, &actor, id, lang).await?);
    }
    ctx.with_csrf().await?;
    let lang = ctx.lang;
    let first = &statuses[0];
    html(BookletPage {
        page: ctx.page("documents-booklet-title", "console"),
        id: id.to_string(),
        heading: lang.t_args(
            "documents-booklet-heading",
            &[("edition", first.edition.title.as_str().to_string())],
        ),
        fiches: lang.t_count("documents-booklet-fiches", first.fiches as i64),
        empty: first.fiches == 0,
        rows: statuses.iter().map(|s| row(lang, s)).collect(),
    })
}

#[derive(Deserialize)]
pub struct BuildForm {
    langue: String,
}

pub async fn build(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<BuildForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let lang = Lang::parse(&form.langue).ok_or(AppError::BadRequest)?;
    let outcome = documents::build_booklet(&state.app, &ctx.actor(), id, lang).await?;
    ctx.flash(match outcome {
        Build::Ready => "documents-booklet-built",
        Build::Queued => "documents-booklet-queued",
        Build::Empty => "documents-booklet-empty",
    })
    .await?;
    Ok(Redirect::to(&format!("/console/editions/{id}/livret")).into_response())
}

#[derive(Deserialize)]
pub struct LangQuery {
    langue: Option<String>,
}

pub async fn booklet(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let lang = match query.langue.as_deref() {
        Some(code) => Lang::parse(code).ok_or(AppError::BadRequest)?,
        None => ctx.lang,
    };
    match documents::booklet(&state.app, &ctx.actor(), id, lang).await? {
        Some(pdf) => Ok(pdf_response(pdf, "attachment")),
        // Not built for the fiches as they are: the page says so and offers to build it.
        None => Ok(Redirect::to(&format!("/console/editions/{id}/livret")).into_response()),
    }
}
