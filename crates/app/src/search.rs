//! Search (issue 11, item 1): what anyone may read (published irritants of every edition past its draft,
//! validated companies, funding schemes) in one full-text index, each kind shown only to those whose read
//! policy lets them read it. Drafts and submitted fiches are never indexed, so nobody finds one.
//!
//! The index follows the database: it is kept with the content generation it was built at (every write
//! transaction of the data advances it, on any server of the database) and built again when a search
//! reads a newer one, so a write made on any server is found by the next search on every server.

use std::collections::HashMap;
use std::sync::Arc;

use passerelle_domain::{Action, Actor, Context, ParticipationStatus, Phase, authorize};
use passerelle_search::{Dimension, Document, Index, Kind, Search};
use passerelle_storage::IrritantFilter;

use crate::{App, Error, Result};

pub use passerelle_search::{Dimension as Facet, Hit, Kind as ResultKind, Piece, Results};

/// Hits shown on one page.
pub const PAGE: usize = 30;

/// The index with the content generation it was built from; one rebuild at a time, searches meanwhile
/// served by the index they find (a search waits only when the index is older than its generation).
#[derive(Default)]
pub struct Cache {
    current: std::sync::RwLock<Option<(i64, Arc<Index>)>>,
    rebuilding: tokio::sync::Mutex<()>,
}

impl Cache {
    fn at(&self, generation: i64) -> Option<Arc<Index>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current
            .as_ref()
            .filter(|(built, _)| *built >= generation)
            .map(|(_, index)| index.clone())
    }
}

/// What a kind of result needs the actor to be allowed.
fn read_action(kind: Kind) -> Action {
    match kind {
        Kind::Irritant => Action::ViewCatalogue,
        Kind::Company => Action::ViewCompanyDirectory,
        Kind::FundingScheme => Action::ViewFundingSchemes,
    }
}

/// Searches what `actor` may read for `text`, under the facet `filters` (facet code, value).
pub async fn search(
    app: &App,
    actor: &Actor,
    text: &str,
    filters: Vec<(Dimension, String)>,
) -> Result<Results> {
    authorize(actor, Action::ViewCatalogue, &Context::default())?;
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|&k| authorize(actor, read_action(k), &Context::default()).is_ok())
        .collect();
    let index = current(app).await?;
    let search = Search {
        text: text.to_string(),
        filters,
        kinds,
        limit: PAGE,
    };
    tokio::task::spawn_blocking(move || index.search(&search))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
        .map_err(|e| Error::Internal(e.to_string()))
}

/// The index of the database's current content, built again if it changed since.
async fn current(app: &App) -> Result<Arc<Index>> {
    let cache = app.search_cache();
    let generation = app.storage().content_generation().await?;
    if let Some(index) = cache.at(generation) {
        return Ok(index);
    }
    let _one_at_a_time = cache.rebuilding.lock().await;
    if let Some(index) = cache.at(generation) {
        return Ok(index);
    }
    // Read again: what the rebuild reads is at least this generation.
    let generation = app.storage().content_generation().await?;
    let index = Arc::new(rebuild(app).await?);
    *cache.current.write().unwrap_or_else(|e| e.into_inner()) = Some((generation, index.clone()));
    Ok(index)
}

/// Builds the index from the database's current content.
pub async fn rebuild(app: &App) -> Result<Index> {
    let documents = documents(app).await?;
    let concepts = crate::thesaurus::specs(app).await?;
    tokio::task::spawn_blocking(move || Index::build(&documents, concepts))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
        .map_err(|e| Error::Internal(e.to_string()))
}

/// The budget facet's buckets (code, lowest, highest euros): a range falls in the bucket of its upper end
/// (its lower end when open above).
pub const BUDGET_BUCKETS: [(&str, Option<u64>, Option<u64>); 4] = [
    ("upto-15k", None, Some(15_000)),
    ("15k-50k", Some(15_001), Some(50_000)),
    ("50k-150k", Some(50_001), Some(150_000)),
    ("over-150k", Some(150_001), None),
];

fn budget_bucket(min: Option<u64>, max: Option<u64>) -> &'static str {
    let amount = max.or(min).unwrap_or(0);
    BUDGET_BUCKETS
        .iter()
        .find(|(_, _, high)| high.is_none_or(|h| amount <= h))
        .map_or(
            BUDGET_BUCKETS[BUDGET_BUCKETS.len() - 1].0,
            |(code, _, _)| code,
        )
}

async fn documents(app: &App) -> Result<Vec<Document>> {
    let storage = app.storage();
    let mut documents = Vec::new();
    let mut companies: HashMap<String, Document> = HashMap::new();
    for edition in storage.list_editions().await? {
        if edition.phase == Phase::Draft {
            continue;
        }
        let edition_title = edition.title.as_str().to_string();
        for irritant in storage
            .list_irritants(&IrritantFilter::public(edition.id))
            .await?
        {
            let c = &irritant.content;
            let body = [&c.context, &c.problem, &c.expected_result]
                .into_iter()
                .flatten()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let mut facets = vec![
                (Dimension::Edition, edition_title.clone()),
                (
                    Dimension::Institution,
                    irritant.institution.name.as_str().to_string(),
                ),
                (Dimension::State, irritant.status.as_str().to_string()),
            ];
            facets.extend(
                c.domains
                    .iter()
                    .map(|d| (Dimension::Domain, d.as_str().to_string())),
            );
            if let Some(b) = &c.budget {
                facets.push((
                    Dimension::Budget,
                    budget_bucket(b.min_eur(), b.max_eur()).to_string(),
                ));
            }
            documents.push(Document {
                kind: Kind::Irritant,
                id: irritant.id.to_string(),
                title: c.title.as_str().to_string(),
                body,
                facets,
            });
        }
        for (company, profile) in storage
            .participating_companies(edition.id, ParticipationStatus::Validated)
            .await?
        {
            let document = companies.entry(company.id.to_string()).or_insert_with(|| {
                let mut facets = Vec::new();
                let mut body = Vec::new();
                if let Some(p) = &profile {
                    body.extend(p.description.iter().map(|t| t.as_str().to_string()));
                    body.extend(p.references.iter().map(|t| t.as_str().to_string()));
                    facets.extend(
                        p.specialties
                            .iter()
                            .map(|d| (Dimension::Domain, d.as_str().to_string())),
                    );
                    facets.extend(
                        p.region
                            .map(|r| (Dimension::Region, r.as_str().to_string())),
                    );
                }
                Document {
                    kind: Kind::Company,
                    id: company.id.to_string(),
                    title: company.name.as_str().to_string(),
                    body: body.join("\n"),
                    facets,
                }
            });
            document
                .facets
                .push((Dimension::Edition, edition_title.clone()));
        }
    }
    documents.extend(companies.into_values());
    for scheme in storage.list_schemes().await? {
        let mut facets: Vec<(Dimension, String)> = scheme
            .terms
            .themes
            .iter()
            .map(|d| (Dimension::Domain, d.as_str().to_string()))
            .collect();
        if let Some(b) = &scheme.terms.budget {
            facets.push((
                Dimension::Budget,
                budget_bucket(b.min_eur(), b.max_eur()).to_string(),
            ));
        }
        documents.push(Document {
            kind: Kind::FundingScheme,
            id: scheme.id.to_string(),
            title: scheme.name.as_str().to_string(),
            body: format!(
                "{}\n{}",
                scheme.funder_name.as_str(),
                scheme.description.as_str()
            ),
            facets,
        });
    }
    Ok(documents)
}
