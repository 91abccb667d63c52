//! Each edition's public results (issue 10): the funnel from published irritants to delivered proofs of
//! concept and the amounts, as charts with their tables (present/charts.rs).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use passerelle_storage::EditionResults;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::{Lang, format};
use crate::present::charts::{Bar, BarChart};
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Page, html};

pub fn routes() -> Routes {
    Routes::new().get("/editions/{slug}/resultats", page)
}

#[derive(Template)]
#[template(path = "results/edition.html")]
struct ResultsPage {
    page: Page,
    lead: String,
    funnel: String,
    amounts: String,
    catalogue: String,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The funnel: each step's count, in the cycle's order.
fn funnel(lang: Lang, f: &EditionResults) -> BarChart {
    let steps = [
        ("results-step-irritants", f.irritants),
        ("results-step-companies", f.companies),
        ("results-step-meetings", f.meetings_held),
        ("results-step-follow-ups", f.follow_ups),
        ("results-step-pocs", f.pocs),
        ("results-step-funded", f.funded),
        ("results-step-delivered", f.delivered),
    ];
    let bars = steps
        .iter()
        .map(|&(key, n)| Bar {
            label: lang.t(key),
            value: count(n),
            shown: format::number(lang, count(n)),
        })
        .collect();
    let description = lang.t_args(
        "results-funnel-description",
        &[
            ("irritants", f.irritants.to_string()),
            ("meetings", f.meetings_held.to_string()),
            ("delivered", f.delivered.to_string()),
        ],
    );
    BarChart::new(
        "funnel",
        lang.t("results-funnel-title"),
        description,
        (lang.t("results-step"), lang.t("results-number")),
        bars,
    )
}

/// The money of the follow-ups: requested, granted, brought by the parties.
fn amounts(lang: Lang, f: &EditionResults) -> BarChart {
    let rows = [
        ("results-amount-requested", f.requested),
        ("results-amount-granted", f.granted),
        ("results-amount-co-funding", f.co_funding),
    ];
    let bars = rows
        .iter()
        .map(|&(key, euros)| Bar {
            label: lang.t(key),
            value: count(euros),
            shown: present::money(lang, count(euros)),
        })
        .collect();
    let description = lang.t_args(
        "results-amounts-description",
        &[
            ("requested", present::money(lang, count(f.requested))),
            ("granted", present::money(lang, count(f.granted))),
            ("co_funding", present::money(lang, count(f.co_funding))),
        ],
    );
    BarChart::new(
        "amounts",
        lang.t("results-amounts-title"),
        description,
        (lang.t("results-amount"), lang.t("results-euros")),
        bars,
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let results = passerelle_app::results::of_edition(&state.app, &ctx.actor(), &slug).await?;
    let lang = ctx.lang;
    let edition = &results.edition;
    let title = lang.t_args(
        "results-title",
        &[("edition", edition.title.as_str().to_string())],
    );
    html(ResultsPage {
        page: ctx.page_titled(title, "catalogue"),
        lead: format!(
            "{} — {}",
            edition.venue.as_str(),
            present::days(lang, edition.dates.first_day(), edition.dates.last_day())
        ),
        funnel: funnel(lang, &results.figures).html(),
        amounts: amounts(lang, &results.figures).html(),
        catalogue: format!("{}?edition={}", urls::CATALOGUE, edition.slug.as_str()),
    })
}
