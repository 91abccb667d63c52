//! The organiser's matching run: a job that reads the edition from the database (published irritants,
//! validated companies, both sides' wishes, the meetings already proposed: those a side accepted, imposed
//! or scheduled are kept, declined ones excluded, unanswered ones planned again), scores every pair with
//! the matching engine, forces the organiser's pins and the feasible "must meet" wishes, chooses the rest
//! optimally under the capacities, and saves the pairs with the result (proof of optimality, unmet
//! minimums with their reasons, difference from the previous run) in the transaction that completes the
//! job. Every run is kept; a later run starts from an earlier one's parameters with pairs pinned, removed
//! or added.

use std::collections::{HashMap, HashSet};

use passerelle_domain::{
    Action, Actor, Answer, Context, EditionId, Field, IrritantId, MeetingStatus, OrganisationId,
    ParticipationStatus, RunId, Side, ValidationError, WishLevel, authorize,
};
use passerelle_matching::assign::{Plan, ShortfallReason, choose_plan};
use passerelle_matching::input::{Company, Exclusion, Input, Irritant};
use passerelle_matching::thesaurus::{ConceptSpec, Thesaurus};
use passerelle_matching::{Engine, Fields, Params};
use passerelle_storage::{
    Edition, IrritantFilter, MatchingRun, Meeting, Organisation, PairWish, RunPair,
};
use serde::{Deserialize, Serialize};

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Error, Invalid, Problem, Result, user_id};

pub const KIND: &str = "matching-run";

pub(crate) fn register(registry: &mut Registry) {
    registry.register(KIND, run_job);
}

/// An (irritant, company) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pair {
    pub irritant: IrritantId,
    pub company: OrganisationId,
}

/// A run's parameters, kept with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunParams {
    /// Meetings per company, unless overridden.
    pub company_max: u32,
    /// Per-company maximums that differ from the default.
    pub company_overrides: Vec<(OrganisationId, u32)>,
    pub irritant_min: u32,
    pub irritant_max: u32,
    /// Pairs the organiser keeps or adds (existing meetings are kept as well).
    pub pins: Vec<Pair>,
    /// Pairs the organiser removes.
    pub exclusions: Vec<Pair>,
    /// The run these parameters started from, to show the difference.
    pub previous: Option<RunId>,
}

impl Default for RunParams {
    fn default() -> Self {
        RunParams {
            company_max: 4,
            company_overrides: Vec::new(),
            irritant_min: 1,
            irritant_max: 4,
            pins: Vec::new(),
            exclusions: Vec::new(),
            previous: None,
        }
    }
}

/// The run form as typed.
#[derive(Debug, Clone, Default)]
pub struct RunInput {
    pub company_max: String,
    pub irritant_min: String,
    pub irritant_max: String,
    /// (company id, maximum) rows; empty rows are ignored.
    pub overrides: Vec<(String, String)>,
    /// Pairs `irritant:company` to keep.
    pub pins: Vec<String>,
    /// Pairs `irritant:company` to remove.
    pub removals: Vec<String>,
    /// (irritant id, company id) rows of pairs to add; empty rows are ignored.
    pub additions: Vec<(String, String)>,
    /// The run this one starts from.
    pub previous: String,
}

/// The largest capacity a form accepts.
pub const MAX_CAPACITY: u32 = 100;

fn context(edition: &Edition) -> Context {
    Context {
        phase: Some(edition.phase),
        ..Context::default()
    }
}

async fn edition(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// The runs of an edition, the latest first (organisers).
pub async fn runs(app: &App, actor: &Actor, id: EditionId) -> Result<(Edition, Vec<MatchingRun>)> {
    let edition = edition(app, id).await?;
    authorize(actor, Action::ViewConsole, &context(&edition))?;
    let runs = app.storage().runs_of_edition(id).await?;
    Ok((edition, runs))
}

/// One run with its pairs and its job (organisers).
pub async fn run(
    app: &App,
    actor: &Actor,
    id: RunId,
) -> Result<(
    Edition,
    MatchingRun,
    Vec<RunPair>,
    Option<passerelle_storage::Job>,
)> {
    let run = app.storage().get_run(id).await?.ok_or(Error::NotFound)?;
    let edition = edition(app, run.edition_id).await?;
    authorize(actor, Action::ViewConsole, &context(&edition))?;
    let pairs = app.storage().run_pairs(id).await?;
    let job = match &run.job_id {
        Some(j) => app.storage().get_job(j).await?,
        None => None,
    };
    Ok((edition, run, pairs, job))
}

fn parse_count(invalid: &mut Invalid, field: &str, raw: &str, min: u32) -> Option<u32> {
    match raw.trim().parse::<u32>() {
        Ok(n) if (min..=MAX_CAPACITY).contains(&n) => Some(n),
        Ok(_) => {
            invalid.add(
                field,
                Problem::Validation(ValidationError::OutOfRange(Field::Kind)),
            );
            None
        }
        Err(_) => {
            invalid.add(
                field,
                Problem::Validation(ValidationError::Malformed(Field::Kind)),
            );
            None
        }
    }
}

fn parse_pair(raw: &str) -> Option<Pair> {
    let (i, c) = raw.split_once(':')?;
    Some(Pair {
        irritant: IrritantId::parse(i).ok()?,
        company: OrganisationId::parse(c).ok()?,
    })
}

/// Checks a run's input against the edition (pairs and companies must be its own).
async fn parse_input(app: &App, edition: &Edition, input: &RunInput) -> Result<RunParams> {
    let mut invalid = Invalid::default();
    let company_max = parse_count(&mut invalid, "company_max", &input.company_max, 1);
    let irritant_min = parse_count(&mut invalid, "irritant_min", &input.irritant_min, 0);
    let irritant_max = parse_count(&mut invalid, "irritant_max", &input.irritant_max, 1);
    if let (Some(min), Some(max)) = (irritant_min, irritant_max)
        && min > max
    {
        invalid.code("irritant_min", "run-min-above-max");
    }
    let irritants: HashSet<IrritantId> = app
        .storage()
        .list_irritants(&IrritantFilter::public(edition.id))
        .await?
        .iter()
        .map(|i| i.id)
        .collect();
    let companies: HashSet<OrganisationId> = app
        .storage()
        .list_participations(edition.id, Some(ParticipationStatus::Validated))
        .await?
        .iter()
        .map(|p| p.company.id)
        .collect();
    let known = |p: &Pair| irritants.contains(&p.irritant) && companies.contains(&p.company);
    let mut overrides = Vec::new();
    for (n, (company, max)) in input.overrides.iter().enumerate() {
        if company.trim().is_empty() && max.trim().is_empty() {
            continue;
        }
        let field = format!("override_max-{n}");
        match OrganisationId::parse(company) {
            Ok(c) if companies.contains(&c) => {
                if let Some(m) = parse_count(&mut invalid, &field, max, 0) {
                    overrides.push((c, m));
                }
            }
            _ => invalid.code(&format!("override_company-{n}"), "run-unknown-company"),
        }
    }
    let pairs = |raws: &[String], field: &str, invalid: &mut Invalid| {
        let mut out = Vec::new();
        for raw in raws {
            match parse_pair(raw) {
                Some(p) if known(&p) => out.push(p),
                _ => invalid.code(field, "run-unknown-pair"),
            }
        }
        out
    };
    let mut pins = pairs(&input.pins, "pins", &mut invalid);
    let exclusions = pairs(&input.removals, "removals", &mut invalid);
    for (n, (i, c)) in input.additions.iter().enumerate() {
        if i.trim().is_empty() && c.trim().is_empty() {
            continue;
        }
        match (IrritantId::parse(i), OrganisationId::parse(c)) {
            (Ok(irritant), Ok(company)) if known(&Pair { irritant, company }) => {
                pins.push(Pair { irritant, company })
            }
            _ => invalid.code(&format!("add-{n}"), "run-unknown-pair"),
        }
    }
    let previous = match input.previous.trim() {
        "" => None,
        raw => match RunId::parse(raw) {
            Ok(id) => match app.storage().get_run(id).await? {
                Some(r) if r.edition_id == edition.id => Some(id),
                _ => {
                    invalid.code("previous", "run-unknown-run");
                    None
                }
            },
            Err(_) => {
                invalid.code("previous", "run-unknown-run");
                None
            }
        },
    };
    invalid.finish()?;
    pins.sort();
    pins.dedup();
    let mut exclusions = exclusions;
    exclusions.sort();
    exclusions.dedup();
    pins.retain(|p| !exclusions.contains(p));
    Ok(RunParams {
        company_max: company_max.unwrap_or(1),
        company_overrides: overrides,
        irritant_min: irritant_min.unwrap_or(0),
        irritant_max: irritant_max.unwrap_or(1),
        pins,
        exclusions,
        previous,
    })
}

/// Starts a matching run as a job; returns the run's id (its page shows the progress, then the result).
pub async fn start(
    app: &App,
    actor: &Actor,
    edition_id: EditionId,
    input: RunInput,
) -> Result<RunId> {
    let edition = edition(app, edition_id).await?;
    authorize(actor, Action::RunMatching, &context(&edition))?;
    let params = parse_input(app, &edition, &input).await?;
    let value = serde_json::to_value(&params).map_err(Error::internal)?;
    let mut tx = app.begin().await?;
    let (run, seq) = tx
        .create_run(edition.id, &value, user_id(actor), app.now())
        .await?;
    let job = app
        .enqueue_job(
            &mut tx,
            JobRequest {
                created_by: user_id(actor),
                ..JobRequest::new(KIND, serde_json::json!({ "run": run }))
            },
        )
        .await?
        .ok_or_else(|| Error::internal("a run's job has no unique key"))?;
    tx.set_run_job(run, &job).await?;
    app.audit(
        &mut tx,
        actor,
        "matching-run-started",
        ("matching-run", run.to_string()),
        serde_json::json!({ "edition": edition.id.to_string(), "seq": seq, "parameters": value }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(run)
}

#[derive(Deserialize)]
struct JobParams {
    run: RunId,
}

/// What a run reads from the database.
pub struct EditionData {
    pub irritants: Vec<passerelle_storage::Irritant>,
    pub companies: Vec<(Organisation, Option<passerelle_domain::CompanyProfile>)>,
    /// Both sides' wishes, without their pitches.
    pub wishes: Vec<PairWish>,
    pub meetings: Vec<Meeting>,
    /// The thesaurus as organisers edited it (see [`crate::thesaurus`]).
    pub thesaurus: Vec<ConceptSpec>,
    /// The regions of the irritants' institutions, where the organisers gave them.
    pub institution_regions: HashMap<OrganisationId, passerelle_domain::Region>,
}

impl EditionData {
    /// The matching engine over the edition's thesaurus, with the default parameters.
    pub fn engine(&self) -> Result<Engine> {
        let analyzer = passerelle_matching::text::Analyzer::new();
        let thesaurus = Thesaurus::from_concepts(self.thesaurus.clone(), &analyzer)
            .map_err(|e| Error::internal(format!("stored thesaurus: {e}")))?;
        Ok(Engine::new(thesaurus, Self::params()))
    }

    /// The engine's parameters, with budget and region as nudges: a misfit lowers a pair by a few
    /// hundredths, so a strong fiche-to-profile match in another region still ranks first.
    pub fn params() -> Params {
        let mut params = Params::default();
        params.weights.budget = 0.03;
        params.weights.region = 0.03;
        params
    }
}

/// Loads what a run of `edition` reads (a handful of queries whatever its size).
pub async fn load(app: &App, edition: EditionId) -> Result<EditionData> {
    let storage = app.storage();
    Ok(EditionData {
        irritants: storage
            .list_irritants(&IrritantFilter::public(edition))
            .await?,
        companies: storage
            .participating_companies(edition, ParticipationStatus::Validated)
            .await?,
        wishes: storage.pair_wishes_of_edition(edition).await?,
        meetings: storage.meetings_of_edition(edition).await?,
        thesaurus: crate::thesaurus::specs(app).await?,
        institution_regions: storage.institution_regions(edition).await?,
    })
}

/// Why a "must meet" wish is not in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnmetMust {
    /// The other side said no or declared a conflict of interest.
    RefusedByOtherSide,
    /// The organiser removed the pair, or it was declined.
    Removed,
    /// The company's meetings were all taken by pins and stronger wishes.
    CompanyFull,
    /// The irritant's maximum was reached by pins and stronger wishes.
    IrritantFull,
}

/// A run's result, saved with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub meetings: usize,
    pub mutual: usize,
    pub forced: usize,
    pub pinned: usize,
    pub total_affinity: f64,
    /// The optimality certificate of the choice was checked…
    pub certified: bool,
    /// …and the optimum holds over every pair, not only the candidates kept.
    pub proven: bool,
    pub rounds: usize,
    pub shortfalls: Vec<Shortfall>,
    pub unmet_musts: Vec<UnmetMustPair>,
    pub added: Vec<Pair>,
    pub removed: Vec<Pair>,
    pub irritants: usize,
    pub companies: usize,
    pub wishes: usize,
    pub candidates: usize,
    pub seconds: f64,
}

/// An irritant below its minimum, and why (a code with arguments).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    pub irritant: IrritantId,
    pub got: u32,
    pub min: u32,
    /// `too-few-candidates` (args `eligible`, `excluded`) or `companies-full` (arg `companies`).
    pub reason: String,
    pub eligible: u32,
    pub excluded: u32,
    pub full_companies: Vec<OrganisationId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnmetMustPair {
    pub pair: Pair,
    /// Who wished it.
    pub side: Side,
    pub reason: UnmetMust,
}

/// The plan a run computes: pairs and result (no I/O: this is the engines' part of the use case).
pub fn compute(data: &EditionData, params: &RunParams) -> Result<(Vec<RunPair>, RunResult)> {
    let started = std::time::Instant::now();
    let irritant_index: HashMap<IrritantId, usize> = data
        .irritants
        .iter()
        .enumerate()
        .map(|(n, i)| (i.id, n))
        .collect();
    let company_index: HashMap<OrganisationId, usize> = data
        .companies
        .iter()
        .enumerate()
        .map(|(n, (c, _))| (c.id, n))
        .collect();
    let index = |p: &Pair| {
        Some((
            *irritant_index.get(&p.irritant)?,
            *company_index.get(&p.company)?,
        ))
    };

    // Exclusions: a "no" or a conflict of interest from either side, a declined meeting, the organiser's.
    let mut excluded: HashMap<(usize, usize), UnmetMust> = HashMap::new();
    let mut musts: Vec<((usize, usize), Side)> = Vec::new();
    let mut institution_wants: Vec<Vec<usize>> = vec![Vec::new(); data.irritants.len()];
    let mut company_wants: Vec<Vec<usize>> = vec![Vec::new(); data.companies.len()];
    for w in &data.wishes {
        let Some(pair) = index(&Pair {
            irritant: w.irritant,
            company: w.company,
        }) else {
            continue;
        };
        if !w.wish.allows_meeting() {
            excluded.insert(pair, UnmetMust::RefusedByOtherSide);
            continue;
        }
        match w.wish.side {
            Side::Institution => institution_wants[pair.0].push(pair.1),
            Side::Company => company_wants[pair.1].push(pair.0),
        }
        if w.wish.level == WishLevel::Must {
            musts.push((pair, w.wish.side));
        }
    }
    let mut pinned: Vec<(usize, usize)> = Vec::new();
    for m in &data.meetings {
        let Some(pair) = index(&Pair {
            irritant: m.irritant_id,
            company: m.company.id,
        }) else {
            continue;
        };
        match m.state.status {
            MeetingStatus::Declined | MeetingStatus::Cancelled => {
                excluded.insert(pair, UnmetMust::Removed);
            }
            // A proposal nobody has answered yet is planned again with the rest: when a decline leaves an
            // irritant below its minimum and every company is full, one of those slots goes to it (the run
            // shows the pairs removed; publishing cancels them). What a side has accepted, and what is
            // imposed or scheduled, stays.
            MeetingStatus::Proposed
                if m.state.institution == Answer::Pending && m.state.company == Answer::Pending => {
            }
            _ => pinned.push(pair),
        }
    }
    for p in &params.exclusions {
        if let Some(pair) = index(p) {
            excluded.insert(pair, UnmetMust::Removed);
        }
    }
    pinned.extend(params.pins.iter().filter_map(index));
    pinned.sort_unstable();
    pinned.dedup();
    pinned.retain(|p| !params.exclusions.iter().filter_map(index).any(|x| x == *p));

    let ni = data.irritants.len();
    let nc = data.companies.len();
    let mut company_cap: Vec<u32> = vec![params.company_max; nc];
    for (c, max) in &params.company_overrides {
        if let Some(&n) = company_index.get(c) {
            company_cap[n] = *max;
        }
    }
    let mut irritant_room = vec![params.irritant_max; ni];
    let mut company_room = company_cap.clone();
    let mut forced_at: Vec<u32> = vec![0; ni];
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    let take = |pair: (usize, usize),
                irritant_room: &mut Vec<u32>,
                company_room: &mut Vec<u32>,
                forced_at: &mut Vec<u32>| {
        irritant_room[pair.0] = irritant_room[pair.0].saturating_sub(1);
        company_room[pair.1] = company_room[pair.1].saturating_sub(1);
        forced_at[pair.0] += 1;
    };
    for &p in &pinned {
        take(p, &mut irritant_room, &mut company_room, &mut forced_at);
        taken.insert(p);
    }

    let mut input = engine_input(data, &institution_wants, &company_wants);
    let engine = data.engine()?;
    let matcher = engine.matcher(&input, Fields::All);

    // "Must meet" wishes, where the capacities left by the pins allow: both sides' musts first, then the
    // better scores.
    let mut unmet_musts = Vec::new();
    let mutual_must: HashSet<(usize, usize)> = {
        let mut seen = HashMap::new();
        for (p, side) in &musts {
            seen.entry(*p).or_insert_with(Vec::new).push(*side);
        }
        seen.into_iter()
            .filter(|(_, s)| s.len() == 2)
            .map(|(p, _)| p)
            .collect()
    };
    let mut ordered: Vec<((usize, usize), Side, f32)> = musts
        .iter()
        .map(|(p, s)| (*p, *s, matcher.score(p.0, p.1)))
        .collect();
    ordered.sort_by(|a, b| {
        mutual_must
            .contains(&b.0)
            .cmp(&mutual_must.contains(&a.0))
            .then(b.2.total_cmp(&a.2))
            .then(a.0.cmp(&b.0))
    });
    let mut forced: HashSet<(usize, usize)> = HashSet::new();
    for (pair, side, _) in ordered {
        if taken.contains(&pair) {
            continue;
        }
        let why = if let Some(why) = excluded.get(&pair) {
            Some(*why)
        } else if company_room[pair.1] == 0 {
            Some(UnmetMust::CompanyFull)
        } else if irritant_room[pair.0] == 0 {
            Some(UnmetMust::IrritantFull)
        } else {
            None
        };
        match why {
            Some(reason) => unmet_musts.push(UnmetMustPair {
                pair: Pair {
                    irritant: data.irritants[pair.0].id,
                    company: data.companies[pair.1].0.id,
                },
                side,
                reason,
            }),
            None => {
                take(pair, &mut irritant_room, &mut company_room, &mut forced_at);
                taken.insert(pair);
                forced.insert(pair);
            }
        }
    }
    unmet_musts.dedup_by(|a, b| a.pair == b.pair);

    // The rest, optimally: what the pins and musts left of each capacity, those pairs and the exclusions
    // out of the candidates.
    input.exclusions = excluded
        .keys()
        .chain(taken.iter())
        .map(|&(i, c)| Exclusion {
            irritant: i,
            company: c,
            reason: String::new(),
        })
        .collect();
    let plan = Plan {
        irritant_min: forced_at
            .iter()
            .map(|f| params.irritant_min.saturating_sub(*f))
            .collect(),
        irritant_max: irritant_room.clone(),
        company_max: company_room.clone(),
        candidates: 50,
    };
    // The scorer does not read the exclusions: the matcher built above (the texts analysed once) serves.
    let choice = choose_plan(&input, &matcher, &plan)
        .map_err(|e| Error::Internal(format!("matching: {e}")))?;

    let mut pairs: Vec<RunPair> = Vec::new();
    let both = |i: usize, c: usize| {
        input.irritants[i].wishes.binary_search(&c).is_ok()
            && input.companies[c].wishes.binary_search(&i).is_ok()
    };
    for &(i, c) in &taken {
        pairs.push(RunPair {
            irritant: data.irritants[i].id,
            company: data.companies[c].0.id,
            score: f64::from(matcher.score(i, c)),
            mutual: both(i, c),
            pinned: !forced.contains(&(i, c)),
            forced: forced.contains(&(i, c)),
        });
    }
    for &k in &choice.solution.chosen {
        let cand = choice.problem.candidates[k];
        pairs.push(RunPair {
            irritant: data.irritants[cand.irritant as usize].id,
            company: data.companies[cand.company as usize].0.id,
            score: cand.affinity,
            mutual: cand.mutual,
            pinned: false,
            forced: false,
        });
    }
    pairs.sort_by_key(|p| (p.irritant, p.company));
    let shortfalls = choice
        .solution
        .shortfalls
        .iter()
        .map(|s| {
            let i = s.irritant as usize;
            let (reason, eligible, excluded, full) = match &s.reason {
                ShortfallReason::TooFewCandidates { eligible, excluded } => {
                    ("too-few-candidates", *eligible, *excluded, Vec::new())
                }
                ShortfallReason::CompaniesFull { companies } => (
                    "companies-full",
                    0,
                    0,
                    companies
                        .iter()
                        .map(|c| data.companies[*c as usize].0.id)
                        .collect(),
                ),
            };
            Shortfall {
                irritant: data.irritants[i].id,
                got: s.got + forced_at[i],
                min: params.irritant_min,
                reason: reason.to_string(),
                eligible,
                excluded,
                full_companies: full,
            }
        })
        .collect();
    let result = RunResult {
        meetings: pairs.len(),
        mutual: pairs.iter().filter(|p| p.mutual).count(),
        forced: forced.len(),
        pinned: taken.len() - forced.len(),
        total_affinity: pairs.iter().map(|p| p.score).sum(),
        certified: choice.solution.certified,
        proven: choice.proven,
        rounds: choice.rounds,
        shortfalls,
        unmet_musts,
        added: Vec::new(),
        removed: Vec::new(),
        irritants: ni,
        companies: nc,
        wishes: data.wishes.len(),
        candidates: choice.problem.candidates.len(),
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok((pairs, result))
}

/// Each irritant's wished companies and each company's wished irritants (indices into `data`), from the
/// wishes that allow a meeting.
pub fn wants(data: &EditionData) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let irritant_index: HashMap<IrritantId, usize> = data
        .irritants
        .iter()
        .enumerate()
        .map(|(n, i)| (i.id, n))
        .collect();
    let company_index: HashMap<OrganisationId, usize> = data
        .companies
        .iter()
        .enumerate()
        .map(|(n, (c, _))| (c.id, n))
        .collect();
    let mut institution_wants: Vec<Vec<usize>> = vec![Vec::new(); data.irritants.len()];
    let mut company_wants: Vec<Vec<usize>> = vec![Vec::new(); data.companies.len()];
    for w in data.wishes.iter().filter(|w| w.wish.allows_meeting()) {
        let (Some(&i), Some(&c)) = (
            irritant_index.get(&w.irritant),
            company_index.get(&w.company),
        ) else {
            continue;
        };
        match w.wish.side {
            Side::Institution => institution_wants[i].push(c),
            Side::Company => company_wants[c].push(i),
        }
    }
    (institution_wants, company_wants)
}

/// The matching engine's input for an edition: the irritants' fiches, the companies' profiles, and the
/// wishes of each side (indices into `data`).
pub fn engine_input(
    data: &EditionData,
    institution_wants: &[Vec<usize>],
    company_wants: &[Vec<usize>],
) -> Input {
    Input {
        irritants: data
            .irritants
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let c = &i.content;
                let text = [
                    c.context.as_ref(),
                    c.problem.as_ref(),
                    c.expected_result.as_ref(),
                ]
                .into_iter()
                .flatten()
                .map(|t| t.as_str())
                .chain(c.domains.iter().map(|d| d.as_str()))
                .collect::<Vec<_>>()
                .join("\n");
                let mut wishes = institution_wants[n].clone();
                wishes.sort_unstable();
                wishes.dedup();
                Irritant {
                    id: i.id.to_string(),
                    title: c.title.as_str().to_string(),
                    text,
                    budget_max: c.budget.and_then(|b| b.max_eur()).map(|v| v as f64),
                    region: data
                        .institution_regions
                        .get(&i.institution.id)
                        .map(|r| r.as_str().to_string()),
                    wishes,
                }
            })
            .collect(),
        companies: data
            .companies
            .iter()
            .enumerate()
            .map(|(n, (o, p))| {
                let text = p
                    .iter()
                    .flat_map(|p| [p.description.as_ref(), p.references.as_ref()])
                    .flatten()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                let mut wishes = company_wants[n].clone();
                wishes.sort_unstable();
                wishes.dedup();
                Company {
                    id: o.id.to_string(),
                    name: o.name.as_str().to_string(),
                    text,
                    tags: p
                        .iter()
                        .flat_map(|p| p.specialties.iter().map(|s| s.as_str().to_string()))
                        .collect(),
                    budget_min: p
                        .as_ref()
                        .and_then(|p| p.budget_min)
                        .map(|b| b.eur() as f64),
                    regions: p
                        .iter()
                        .filter_map(|p| p.region.map(|r| r.as_str().to_string()))
                        .collect(),
                    wishes,
                }
            })
            .collect(),
        exclusions: Vec::new(),
        warnings: Vec::new(),
    }
}

/// The pairs added and removed from `before` to `after`.
fn diff(before: &[RunPair], after: &[RunPair]) -> (Vec<Pair>, Vec<Pair>) {
    let key = |p: &RunPair| Pair {
        irritant: p.irritant,
        company: p.company,
    };
    let old: HashSet<Pair> = before.iter().map(key).collect();
    let new: HashSet<Pair> = after.iter().map(key).collect();
    let mut added: Vec<Pair> = new.difference(&old).copied().collect();
    let mut removed: Vec<Pair> = old.difference(&new).copied().collect();
    added.sort();
    removed.sort();
    (added, removed)
}

async fn run_job(app: App, job: RunningJob) -> Result<Done> {
    let JobParams { run } = job.params()?;
    let stored = app.storage().get_run(run).await?.ok_or(Error::NotFound)?;
    let params: RunParams =
        serde_json::from_value(stored.parameters.clone()).map_err(Error::internal)?;
    job.progress(0, 3).await?;
    let data = load(&app, stored.edition_id).await?;
    job.progress(1, 3).await?;
    // The engines are CPU work: off the async workers.
    let (pairs, mut result) = tokio::task::spawn_blocking(move || compute(&data, &params))
        .await
        .map_err(Error::internal)??;
    job.progress(2, 3).await?;
    // Compared with the run it started from, else the latest finished one before it.
    let previous = match stored.parameters.get("previous").and_then(|v| v.as_str()) {
        Some(id) => RunId::parse(id).ok(),
        None => app
            .storage()
            .runs_of_edition(stored.edition_id)
            .await?
            .into_iter()
            .find(|r| r.seq < stored.seq && r.result.is_some())
            .map(|r| r.id),
    };
    if let Some(previous) = previous {
        let before = app.storage().run_pairs(previous).await?;
        (result.added, result.removed) = diff(&before, &pairs);
    }
    let value = serde_json::to_value(&result).map_err(Error::internal)?;
    let mut tx = app.begin().await?;
    tx.finish_run(run, &pairs, &value, app.now()).await?;
    let done = job
        .complete(
            &mut tx,
            &serde_json::json!({ "run": run, "meetings": result.meetings }),
        )
        .await?;
    app.commit(tx).await?;
    Ok(done)
}
