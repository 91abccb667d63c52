//! Explained recommendations: on an irritant's page (for its institution and the organisers), the
//! edition's validated companies ranked by affinity; on a company's page, the published irritants ranked
//! the same way; each with its reasons (shared words, thesaurus concepts, shared domains, the factors of
//! the score, both sides' wishes).
//!
//! Scores come from the matching engine over the stored fiches, profiles, wishes and thesaurus, and are
//! stored with their explanations, so a page reads one page of rows. They are recomputed when the data
//! they come from changes (its fingerprint, one indexed query): in the request for a small edition, as a
//! job for a large one (the page shows the previous scores meanwhile, and says so).

use std::collections::{HashMap, HashSet};

use passerelle_domain::{
    Action, Actor, Context, EditionId, IrritantId, OrganisationId, Region, Side, Slug, authorize,
};
use passerelle_matching::engine::Factor;
use passerelle_matching::{Engine, Fields};
use passerelle_storage::{Edition, Irritant, Organisation, Recommendation, RecommendationSet};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::matching::{self, EditionData};
use crate::wishes::{self, PairWishes, Window};
use crate::{App, Error, Result};

pub const KIND: &str = "recommendations";

/// Editions of at most this many pairs are recomputed in the request that finds them stale; larger ones
/// in a job.
pub const INLINE_PAIRS: usize = 20_000;
/// Editions of at most this many pairs keep every pair: every company is ranked on every irritant's page.
pub const FULL_PAIRS: usize = 100_000;
/// Beyond, each irritant keeps its best companies and each company its best irritants (a national
/// edition: 1,000 × 50 + 10,000 × 20 pairs at most).
pub const KEEP_PER_IRRITANT: usize = 50;
pub const KEEP_PER_COMPANY: usize = 20;
/// Rows per page.
pub const PAGE: i64 = 20;
/// Words and concepts kept per explanation.
const KEEP_TERMS: usize = 8;
const KEEP_CONCEPTS: usize = 6;

pub(crate) fn register(registry: &mut Registry) {
    registry.register(KIND, run_job);
}

/// One factor of a score: its value in [0, 1] and what it added to the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorReason {
    /// `text`, `concepts`, `wishes`, `budget`, `region`.
    pub factor: String,
    pub value: f32,
    pub contribution: f32,
}

/// A thesaurus concept of the irritant found in the company's profile, directly or through a related
/// concept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConceptReason {
    pub key: String,
    pub label_fr: String,
    pub label_en: String,
    pub via_fr: Option<String>,
    pub via_en: Option<String>,
}

/// Why a pair got its score, as stored with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reasons {
    pub factors: Vec<FactorReason>,
    /// Words both texts use, the strongest first.
    pub terms: Vec<String>,
    pub concepts: Vec<ConceptReason>,
    /// Domains of the irritant that are specialties of the company (slugs).
    pub domains: Vec<String>,
    /// The irritant's budget against the company's minimum, when both are known.
    #[serde(default)]
    pub budget: Option<BudgetReason>,
    /// The institution's region and the company's, when both are known.
    #[serde(default)]
    pub region: Option<RegionReason>,
}

/// The budget factor of a pair, in euros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetReason {
    /// The most the institution means to spend (the irritant's upper bound).
    pub irritant_max: u64,
    /// The smallest project the company takes on.
    pub company_min: u64,
}

impl BudgetReason {
    pub fn fits(&self) -> bool {
        self.irritant_max >= self.company_min
    }
}

/// The region factor of a pair (region codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionReason {
    pub institution: Region,
    pub company: Region,
}

impl RegionReason {
    /// As the engine scores it: the same region, or either side national.
    pub fn fits(&self) -> bool {
        self.institution == self.company
            || self.institution == Region::National
            || self.company == Region::National
    }
}

fn factor_name(f: Factor) -> &'static str {
    match f {
        Factor::Text => "text",
        Factor::Concepts => "concepts",
        Factor::Wishes => "wishes",
        Factor::Budget => "budget",
        Factor::Region => "region",
    }
}

/// Scores every pair of the edition with `engine` and keeps, with their reasons, the pairs each page
/// lists (pure computation: no I/O).
pub fn compute(data: &EditionData, engine: &Engine) -> Vec<Recommendation> {
    let ni = data.irritants.len();
    let nc = data.companies.len();
    if ni == 0 || nc == 0 {
        return Vec::new();
    }
    let (institution_wants, company_wants) = matching::wants(data);
    let input = matching::engine_input(data, &institution_wants, &company_wants);
    let matcher = engine.matcher(&input, Fields::All);
    let (keep_i, keep_c) = if ni * nc <= FULL_PAIRS {
        (usize::MAX, usize::MAX)
    } else {
        (KEEP_PER_IRRITANT, KEEP_PER_COMPANY)
    };
    // Every score is needed for the companies' side; each irritant's list comes best first.
    let ranked = matcher.rank(nc);
    // (irritant, company) → (score, rank for the irritant, rank for the company)
    type Ranks = (f32, Option<i64>, Option<i64>);
    let mut kept: HashMap<(u32, u32), Ranks> = HashMap::new();
    let mut per_company: Vec<Vec<(f32, u32)>> = vec![Vec::new(); nc];
    let best_first = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    for (i, list) in ranked.iter().enumerate() {
        for (rank, &(c, score)) in list.iter().enumerate() {
            if rank < keep_i {
                kept.insert((i as u32, c), (score, Some(rank as i64 + 1), None));
            }
            let mine = &mut per_company[c as usize];
            mine.push((score, i as u32));
            if keep_c != usize::MAX && mine.len() >= 2 * keep_c {
                mine.select_nth_unstable_by(keep_c - 1, best_first);
                mine.truncate(keep_c);
            }
        }
    }
    drop(ranked);
    for (c, mut list) in per_company.into_iter().enumerate() {
        list.sort_unstable_by(best_first);
        for (rank, (score, i)) in list.into_iter().take(keep_c).enumerate() {
            let entry = kept.entry((i, c as u32)).or_insert((score, None, None));
            entry.2 = Some(rank as i64 + 1);
        }
    }
    // Looked up for every concept reason of every kept pair (a national edition keeps 250,000 pairs).
    let labels: HashMap<&str, (&String, &String)> = engine
        .thesaurus()
        .concepts()
        .iter()
        .map(|c| (c.key.as_str(), (&c.label_fr, &c.label_en)))
        .collect();
    let labels_of = |key: &str| {
        labels
            .get(key)
            .map(|(fr, en)| ((*fr).clone(), (*en).clone()))
    };
    let mut out: Vec<Recommendation> = kept
        .into_iter()
        .map(|((i, c), (score, irritant_rank, company_rank))| {
            let (i, c) = (i as usize, c as usize);
            let e = matcher.explain(i, c);
            let profile = data.companies[c].1.as_ref();
            let specialties: HashSet<&Slug> =
                profile.iter().flat_map(|p| p.specialties.iter()).collect();
            let budget = data.irritants[i]
                .content
                .budget
                .and_then(|b| b.max_eur())
                .zip(profile.and_then(|p| p.budget_min))
                .map(|(irritant_max, min)| BudgetReason {
                    irritant_max,
                    company_min: min.eur(),
                });
            let region = data
                .institution_regions
                .get(&data.irritants[i].institution.id)
                .copied()
                .zip(profile.and_then(|p| p.region))
                .map(|(institution, company)| RegionReason {
                    institution,
                    company,
                });
            let reasons = Reasons {
                factors: e
                    .factors
                    .iter()
                    .map(|f| FactorReason {
                        factor: factor_name(f.factor).to_string(),
                        value: f.value,
                        contribution: f.contribution,
                    })
                    .collect(),
                terms: e
                    .shared_terms
                    .iter()
                    .take(KEEP_TERMS)
                    .map(|t| t.term.clone())
                    .collect(),
                concepts: e
                    .shared_concepts
                    .iter()
                    .take(KEEP_CONCEPTS)
                    .map(|s| {
                        let via = s.via.as_deref().and_then(labels_of);
                        ConceptReason {
                            key: s.key.clone(),
                            label_fr: s.label_fr.clone(),
                            label_en: s.label_en.clone(),
                            via_fr: via.as_ref().map(|v| v.0.clone()),
                            via_en: via.map(|v| v.1),
                        }
                    })
                    .collect(),
                domains: data.irritants[i]
                    .content
                    .domains
                    .iter()
                    .filter(|d| specialties.contains(d))
                    .map(|d| d.as_str().to_string())
                    .collect(),
                budget,
                region,
            };
            Recommendation {
                irritant: data.irritants[i].id,
                company: data.companies[c].0.id,
                score: f64::from(score).clamp(0.0, 1.0),
                irritant_rank,
                company_rank,
                explanation: serde_json::to_value(&reasons).unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by_key(|r| (r.irritant, r.company));
    out
}

/// Recomputes and stores the recommendations of `edition` (from the data as of the fingerprint read
/// first: a change during the computation makes them stale again, and they are recomputed later).
pub async fn recompute(app: &App, edition: EditionId) -> Result<RecommendationSet> {
    let (fingerprint, _) = app.storage().recommendation_fingerprint(edition).await?;
    let data = matching::load(app, edition).await?;
    let set = RecommendationSet {
        edition,
        fingerprint,
        irritants: data.irritants.len() as i64,
        companies: data.companies.len() as i64,
        computed_at: app.now(),
    };
    let rows = tokio::task::spawn_blocking(move || {
        let engine = data.engine()?;
        Ok::<_, Error>(compute(&data, &engine))
    })
    .await
    .map_err(Error::internal)??;
    let mut tx = app.begin().await?;
    tx.replace_recommendations(&set, &rows).await?;
    app.commit(tx).await?;
    Ok(set)
}

#[derive(Serialize, Deserialize)]
struct JobParams {
    edition: EditionId,
}

async fn run_job(app: App, job: RunningJob) -> Result<Done> {
    let JobParams { edition } = job.params()?;
    job.progress(0, 1).await?;
    let set = recompute(&app, edition).await?;
    let mut tx = app.begin().await?;
    let done = job
        .complete(
            &mut tx,
            &serde_json::json!({ "edition": edition, "irritants": set.irritants, "companies": set.companies }),
        )
        .await?;
    app.commit(tx).await?;
    Ok(done)
}

/// How current the recommendations a page shows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Computed from the data as it is.
    Current(OffsetDateTime),
    /// Being recomputed (a job); the page shows the previous ones, computed then, if any.
    Recomputing(Option<OffsetDateTime>),
}

/// Makes sure the recommendations of `edition` follow its data: recomputed now for a small edition, by a
/// job (one per state of the data) for a large one.
pub async fn refresh(app: &App, edition: EditionId) -> Result<Freshness> {
    crate::thesaurus::ensure_seeded(app).await?;
    let (fingerprint, pairs) = app.storage().recommendation_fingerprint(edition).await?;
    let stored = app.storage().recommendation_set(edition).await?;
    if let Some(set) = stored.as_ref().filter(|s| s.fingerprint == fingerprint) {
        return Ok(Freshness::Current(set.computed_at));
    }
    if pairs <= INLINE_PAIRS as i64 {
        let set = recompute(app, edition).await?;
        return Ok(Freshness::Current(set.computed_at));
    }
    let mut tx = app.begin().await?;
    app.enqueue_job(
        &mut tx,
        JobRequest {
            unique_key: Some(format!("{KIND}:{edition}:{fingerprint}")),
            ..JobRequest::new(KIND, JobParams { edition })
        },
    )
    .await?;
    app.commit(tx).await?;
    Ok(Freshness::Recomputing(stored.map(|s| s.computed_at)))
}

/// One recommended pair as a page lists it.
#[derive(Debug, Clone)]
pub struct Item {
    pub irritant: Irritant,
    pub company: Organisation,
    pub score: f64,
    pub rank: i64,
    pub reasons: Reasons,
    pub wishes: PairWishes,
}

/// A page of recommendations and what the page needs around them.
#[derive(Debug, Clone)]
pub struct Listing<T> {
    pub edition: Edition,
    /// The irritant or the company the page is about.
    pub subject: T,
    pub items: Vec<Item>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub freshness: Freshness,
    /// Whether the viewer may state this side's wishes now.
    pub can_state: bool,
    pub window: Window,
}

fn view(actor: &Actor, edition: &Edition, owner: OrganisationId) -> Result<()> {
    authorize(
        actor,
        Action::ViewRecommendations,
        &Context {
            phase: Some(edition.phase),
            owner: Some(owner),
            ..Context::default()
        },
    )?;
    Ok(())
}

fn reasons_of(r: &Recommendation) -> Reasons {
    serde_json::from_value(r.explanation.clone()).unwrap_or_default()
}

fn page_bounds(page: i64, total: i64) -> (i64, i64) {
    let pages = ((total + PAGE - 1) / PAGE).max(1);
    (page.clamp(1, pages), pages)
}

/// The companies recommended for an irritant, best first, one page at a time (its institution's
/// members and the organisers).
pub async fn for_irritant(
    app: &App,
    actor: &Actor,
    irritant: IrritantId,
    page: i64,
) -> Result<Listing<Irritant>> {
    let irritant = app
        .storage()
        .get_irritant(irritant)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = wishes::edition(app, irritant.edition_id).await?;
    view(actor, &edition, irritant.institution.id)?;
    if !irritant.status.is_public() {
        return Err(Error::conflict("irritant-not-published"));
    }
    let freshness = refresh(app, edition.id).await?;
    let (_, total) = app
        .storage()
        .recommendations_for_irritant(irritant.id, 0, 0)
        .await?;
    let (page, pages) = page_bounds(page, total);
    let (rows, _) = app
        .storage()
        .recommendations_for_irritant(irritant.id, (page - 1) * PAGE, PAGE)
        .await?;
    let mut wishes: HashMap<OrganisationId, PairWishes> = HashMap::new();
    for w in app.storage().wishes_of_irritant(irritant.id).await? {
        wishes.entry(w.company).or_default().add(&w);
    }
    let mut items = Vec::new();
    for r in &rows {
        let Some(company) = app.storage().get_organisation(r.company).await? else {
            continue;
        };
        items.push(Item {
            irritant: irritant.clone(),
            company,
            score: r.score,
            rank: r.irritant_rank.unwrap_or_default(),
            reasons: reasons_of(r),
            wishes: wishes.remove(&r.company).unwrap_or_default(),
        });
    }
    let can_state = wishes::can_state(
        app,
        actor,
        &edition,
        Side::Institution,
        &irritant,
        irritant.institution.id,
    );
    Ok(Listing {
        window: wishes::window(&edition, app.now().date()),
        edition,
        subject: irritant,
        items,
        total,
        page,
        pages,
        freshness,
        can_state,
    })
}

/// The irritants recommended for a company in an edition (the current one by default), best first, one
/// page at a time (its members and the organisers).
pub async fn for_company(
    app: &App,
    actor: &Actor,
    company: OrganisationId,
    edition: Option<EditionId>,
    page: i64,
) -> Result<Listing<Organisation>> {
    let organisation = app
        .storage()
        .get_organisation(company)
        .await?
        .ok_or(Error::NotFound)?;
    if organisation.kind != passerelle_domain::OrganisationKind::Company {
        return Err(Error::NotFound);
    }
    let edition = match edition {
        Some(id) => wishes::edition(app, id).await?,
        None => crate::editions::current(app)
            .await?
            .ok_or(Error::NotFound)?,
    };
    view(actor, &edition, company)?;
    let freshness = refresh(app, edition.id).await?;
    let (_, total) = app
        .storage()
        .recommendations_for_company(edition.id, company, 0, 0)
        .await?;
    let (page, pages) = page_bounds(page, total);
    let (rows, _) = app
        .storage()
        .recommendations_for_company(edition.id, company, (page - 1) * PAGE, PAGE)
        .await?;
    let mut wishes: HashMap<IrritantId, PairWishes> = HashMap::new();
    for w in app.storage().wishes_of_company(edition.id, company).await? {
        wishes.entry(w.irritant).or_default().add(&w);
    }
    let mut items = Vec::new();
    for r in &rows {
        let Some(irritant) = app.storage().get_irritant(r.irritant).await? else {
            continue;
        };
        items.push(Item {
            irritant,
            company: organisation.clone(),
            score: r.score,
            rank: r.company_rank.unwrap_or_default(),
            reasons: reasons_of(r),
            wishes: wishes.remove(&r.irritant).unwrap_or_default(),
        });
    }
    // The company side may state wishes when a listed irritant is open to them; the rule does not depend
    // on the irritant beyond its edition.
    let can_state = items.first().is_some_and(|i| {
        wishes::can_state(app, actor, &edition, Side::Company, &i.irritant, company)
    });
    Ok(Listing {
        window: wishes::window(&edition, app.now().date()),
        edition,
        subject: organisation,
        items,
        total,
        page,
        pages,
        freshness,
        can_state,
    })
}
