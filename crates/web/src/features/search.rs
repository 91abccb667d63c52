//! Search (issue 11, item 1): `/recherche?q=…` over what the reader may read, with highlighted matches
//! and facets to narrow it down (each a link that adds its filter, with its count).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use passerelle_app::search::{self, Facet, Hit, Piece, ResultKind};
use passerelle_domain::{IrritantStatus, Region};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::{Lang, format};
use crate::present::{labels, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Errors, Page, encode, html_status};

pub fn routes() -> Routes {
    Routes::new().get(urls::SEARCH, page)
}

/// A longer query is a paste, not a search.
const MAX_QUERY_CHARS: usize = 200;

struct Found {
    href: String,
    kind: String,
    title: Vec<Piece>,
    snippet: Vec<Piece>,
}

struct FacetValue {
    label: String,
    count: u64,
    /// The search with this value's filter added, or removed when it is already applied.
    href: String,
    applied: bool,
}

struct FacetGroup {
    code: &'static str,
    label: String,
    values: Vec<FacetValue>,
}

#[derive(Template)]
#[template(path = "search/page.html")]
struct SearchPage {
    page: Page,
    errors: Errors,
    q: String,
    searched: bool,
    total: i64,
    shown: i64,
    results: Vec<Found>,
    facets: Vec<FacetGroup>,
}

/// The search's URL for a query and filters.
fn href(q: &str, filters: &[(Facet, String)]) -> String {
    let mut query = vec![("q", q.to_string())];
    query.extend(filters.iter().map(|(d, v)| (d.code(), v.clone())));
    let encoded: String = query
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("{}?{encoded}", urls::SEARCH)
}

fn value_label(lang: Lang, domains: &HashMap<String, String>, dimension: Facet, v: &str) -> String {
    match dimension {
        Facet::Kind => lang.t(&format!("search-kind-{v}")),
        Facet::Domain => domains.get(v).cloned().unwrap_or_else(|| v.to_string()),
        Facet::Region => match Region::parse(v) {
            Ok(r) => labels::region_label(lang, r),
            _ => v.to_string(),
        },
        Facet::State => IrritantStatus::ALL
            .iter()
            .find(|s| s.as_str() == v)
            .map(|&s| labels::status_label(lang, s))
            .unwrap_or_else(|| v.to_string()),
        Facet::Budget => search::BUDGET_BUCKETS
            .iter()
            .find(|(code, _, _)| *code == v)
            .and_then(|(_, low, high)| format::money_range(lang, *low, *high))
            .unwrap_or_else(|| v.to_string()),
        Facet::Edition | Facet::Institution => v.to_string(),
    }
}

fn result_href(hit: &Hit) -> String {
    match hit.kind {
        ResultKind::Irritant => urls::irritant(&hit.id),
        ResultKind::Company => urls::company(&hit.id),
        ResultKind::FundingScheme => format!("{}#scheme-{}", urls::FUNDING_SCHEMES, hit.id),
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let q = params
        .iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let mut filters: Vec<(Facet, String)> = Vec::new();
    for (key, value) in &params {
        if let Some(d) = search::Facet::ALL.into_iter().find(|d| d.code() == key)
            && !value.is_empty()
            && !filters.iter().any(|(fd, fv)| *fd == d && fv == value)
        {
            filters.push((d, value.clone()));
        }
    }
    let mut errors = Errors::default();
    if q.chars().count() > MAX_QUERY_CHARS
        || filters.len() > Facet::ALL.len() * 2
        || filters
            .iter()
            .any(|(_, v)| v.chars().count() > MAX_QUERY_CHARS)
    {
        errors.add(
            "q",
            lang.t_args("search-too-long", &[("max", MAX_QUERY_CHARS.to_string())]),
        );
    }
    let searched = errors.is_empty() && (!q.is_empty() || !filters.is_empty());
    let found = if searched {
        search::search(&state.app, &ctx.actor(), &q, filters.clone()).await?
    } else {
        Default::default()
    };
    let (_, domains) = crate::features::catalogue::domain_labels(&state, lang).await?;
    let facets = found
        .facets
        .iter()
        .map(|(dimension, values)| FacetGroup {
            code: dimension.code(),
            label: lang.t(&format!("search-facet-{}", dimension.code())),
            values: values
                .iter()
                .map(|(value, count)| {
                    let applied = filters.iter().any(|(d, v)| d == dimension && v == value);
                    let next: Vec<(Facet, String)> = if applied {
                        filters
                            .iter()
                            .filter(|(d, v)| !(d == dimension && v == value))
                            .cloned()
                            .collect()
                    } else {
                        let mut f = filters.clone();
                        f.push((*dimension, value.clone()));
                        f
                    };
                    FacetValue {
                        label: value_label(lang, &domains, *dimension, value),
                        count: *count,
                        href: href(&q, &next),
                        applied,
                    }
                })
                .collect(),
        })
        .collect();
    let results: Vec<Found> = found
        .hits
        .iter()
        .map(|hit| Found {
            href: result_href(hit),
            kind: lang.t(&format!("search-kind-{}", hit.kind.code())),
            title: hit.title.clone(),
            snippet: hit.snippet.clone(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    html_status(
        status,
        SearchPage {
            page: ctx.page("search-title", "search"),
            errors,
            q: q.chars().take(MAX_QUERY_CHARS).collect(),
            searched,
            total: found.total as i64,
            shown: results.len() as i64,
            results,
            facets,
        },
    )
}
