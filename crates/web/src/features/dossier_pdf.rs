//! A dossier as a PDF, beside its page and its JSON, for the same readers.

use axum::extract::{Path, State};
use axum::response::Response;
use passerelle_app::dossier_pdf;
use passerelle_domain::DossierId;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::download::pdf_response;
use crate::routes::Routes;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new().get("/dossiers/{id}/dossier.pdf", dossier)
}

pub async fn dossier(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = DossierId::parse(&id).map_err(|_| AppError::NotFound)?;
    let pdf = dossier_pdf::pdf(&state.app, &ctx.actor(), id, ctx.lang).await?;
    Ok(pdf_response(pdf, "inline"))
}
