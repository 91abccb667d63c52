//! The current edition as pages show it: its phases on a timeline, dates in the reader's language.

use passerelle_domain::Phase;
use passerelle_storage::{Edition, IrritantFilter};

use crate::error::AppError;
use crate::features::home::{EditionView, PhaseView};
use crate::i18n::Lang;
use crate::state::AppState;

use crate::present::phase_label;

pub async fn current(state: &AppState) -> Result<Option<Edition>, AppError> {
    Ok(passerelle_app::editions::current(&state.app).await?)
}

/// The home page's view of the current edition.
pub async fn current_view(state: &AppState, lang: Lang) -> Result<Option<EditionView>, AppError> {
    let Some(edition) = current(state).await? else {
        return Ok(None);
    };
    let published = state
        .storage
        .list_irritants(&IrritantFilter::public(edition.id))
        .await
        .map_err(AppError::internal)?
        .len() as i64;
    let phases = Phase::ALL
        .iter()
        .map(|&phase| {
            let dates = crate::present::phase_dates(lang, edition.window(phase));
            let state = if phase < edition.phase {
                "done"
            } else if phase == edition.phase {
                "current"
            } else {
                "todo"
            };
            PhaseView {
                label: phase_label(lang, phase),
                dates,
                state,
            }
        })
        .collect();
    let days = crate::present::days(lang, edition.dates.first_day(), edition.dates.last_day());
    Ok(Some(EditionView {
        name: edition.title.as_str().to_string(),
        place: format!("{} — {days}", edition.venue.as_str()),
        published,
        phases,
    }))
}
