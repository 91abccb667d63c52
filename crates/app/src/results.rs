//! Each edition's public results (issue 10): what came of it, from the irritants published to the proofs
//! of concept delivered, and the money involved. Public for every edition past its draft.

use passerelle_domain::{Action, Actor, Context, Phase, authorize};
use passerelle_storage::{Edition, EditionResults};

use crate::{App, Error, Result};

/// An edition with its results.
#[derive(Debug, Clone)]
pub struct Results {
    pub edition: Edition,
    pub figures: EditionResults,
}

/// The results of the edition whose slug is `slug`; a draft edition is not public.
pub async fn of_edition(app: &App, actor: &Actor, slug: &str) -> Result<Results> {
    authorize(actor, Action::ViewCatalogue, &Context::default())?;
    let edition = app
        .storage()
        .edition_by_slug(slug)
        .await?
        .filter(|e| e.phase != Phase::Draft)
        .ok_or(Error::NotFound)?;
    let figures = app.storage().edition_results(edition.id).await?;
    Ok(Results { edition, figures })
}
