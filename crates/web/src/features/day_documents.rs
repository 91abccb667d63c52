//! The day's PDFs: the participant's agenda beside their agenda page, and the organisers' door sheets
//! and grid beside the day's console page.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::day_documents;
use passerelle_domain::{Denied, EditionId};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::present::download::pdf_response;
use crate::present::urls;
use crate::routes::Routes;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::AGENDA_PDF, agenda)
        .get("/console/editions/{id}/journee/portes.pdf", door_sheets)
        .get("/console/editions/{id}/journee/grille.pdf", grid)
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

/// `?langue=en` prints in the other language; by default the reader's.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LangQuery {
    langue: Option<String>,
}

impl LangQuery {
    fn lang(&self, ctx: &Ctx) -> Result<Lang, AppError> {
        match self.langue.as_deref() {
            Some(code) => Lang::parse(code).ok_or(AppError::BadRequest),
            None => Ok(ctx.lang),
        }
    }
}

pub async fn agenda(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<LangQuery>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    match day_documents::my_agenda(&state.app, &ctx.actor(), query.lang(&ctx)?).await {
        Ok(pdf) => Ok(pdf_response(pdf, "inline")),
        // No schedule published yet: the agenda page says so.
        Err(passerelle_app::Error::NotFound)
        | Err(passerelle_app::Error::Denied(Denied::WrongPhase)) => {
            Ok(Redirect::to(urls::AGENDA).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn door_sheets(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let pdf = day_documents::door_sheets(&state.app, &ctx.actor(), id, query.lang(&ctx)?).await?;
    Ok(pdf_response(pdf, "inline"))
}

pub async fn grid(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let pdf = day_documents::grid(&state.app, &ctx.actor(), id, query.lang(&ctx)?).await?;
    Ok(pdf_response(pdf, "inline"))
}
