//! The current edition as pages show it: its phases on a timeline, dates in the reader's language.

use passerelle_domain::Phase;
use passerelle_storage::{Edition, IrritantFilter};
use time::Date;

use crate::error::AppError;
use crate::features::home::{EditionView, PhaseView};
use crate::i18n::Lang;
use crate::state::AppState;

/// A date as "5 juillet 2021" / "5 July 2021".
pub fn format_date(lang: Lang, date: Date) -> String {
    let month = lang.t(&format!("month-{}", u8::from(date.month())));
    format!("{} {month} {}", date.day(), date.year())
}

pub fn phase_label(lang: Lang, phase: Phase) -> String {
    lang.t(&format!("phase-{}", phase.as_str()))
}

pub async fn current(state: &AppState) -> Result<Option<Edition>, AppError> {
    state
        .storage
        .current_edition()
        .await
        .map_err(AppError::internal)
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
            let dates = match edition.window(phase) {
                Some(w) => match (w.starts_on(), w.ends_on()) {
                    (Some(a), Some(b)) if a == b => format_date(lang, a),
                    (Some(a), Some(b)) => lang.t_args(
                        "dates-range",
                        &[("from", format_date(lang, a)), ("to", format_date(lang, b))],
                    ),
                    (Some(a), None) => lang.t_args("dates-from", &[("from", format_date(lang, a))]),
                    (None, Some(b)) => lang.t_args("dates-until", &[("to", format_date(lang, b))]),
                    (None, None) => String::new(),
                },
                None => String::new(),
            };
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
    let days = if edition.dates.first_day() == edition.dates.last_day() {
        format_date(lang, edition.dates.first_day())
    } else {
        lang.t_args(
            "dates-range",
            &[
                ("from", format_date(lang, edition.dates.first_day())),
                ("to", format_date(lang, edition.dates.last_day())),
            ],
        )
    };
    Ok(Some(EditionView {
        name: edition.title.as_str().to_string(),
        place: format!("{} — {days}", edition.venue.as_str()),
        published,
        phases,
    }))
}
