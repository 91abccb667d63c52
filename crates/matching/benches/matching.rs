//! Benchmarks at the sizes of the issue:
//! - scoring 1,000 irritants × 10,000 companies (10M pairs), top 50 kept;
//! - optimal assignment over 1M candidate pairs;
//! - the whole `assign` pipeline (score, prune, solve, widen) on 1M pairs.
//!
//! `cargo bench -p passerelle-matching --bench matching`

use std::sync::LazyLock;

use passerelle_matching::assign::{Candidate, Capacities, Problem, choose, solve};
use passerelle_matching::{Engine, Fields, Input};

fn main() {
    divan::main();
}

/// Deterministic xorshift generator: benchmarks must not vary between runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FILLER: &[&str] = &[
    "améliorer",
    "service",
    "usagers",
    "étudiants",
    "personnels",
    "gestion",
    "outil",
    "données",
    "campus",
    "université",
    "plateforme",
    "suivi",
    "accompagnement",
    "projet",
    "solution",
    "processus",
    "qualité",
    "temps",
    "accès",
    "information",
    "communication",
    "équipe",
    "formation",
    "recherche",
    "public",
    "simplifier",
    "automatiser",
    "partager",
    "mesurer",
    "sécuriser",
    "moderniser",
    "interface",
    "application",
    "mobile",
    "web",
    "réseau",
    "offre",
    "demandes",
    "dossiers",
    "rendez-vous",
    "calendrier",
    "budget",
    "site",
    "bâtiment",
    "agents",
];

/// A sentence mixing thesaurus labels (the domain) and everyday words.
fn sentence(rng: &mut Rng, labels: &[String], words: usize) -> String {
    (0..words)
        .map(|_| {
            if rng.below(6) == 0 {
                labels[rng.below(labels.len())].clone()
            } else {
                FILLER[rng.below(FILLER.len())].to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn scoring_input(irritants: usize, companies: usize) -> Input {
    let engine = Engine::builtin();
    let labels: Vec<String> = engine
        .thesaurus()
        .concepts()
        .iter()
        .flat_map(|c| [c.label_fr.clone(), c.label_en.clone()])
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let irritants: Vec<serde_json::Value> = (0..irritants)
        .map(|n| {
            serde_json::json!({"id": format!("i{n}"), "title": sentence(&mut rng, &labels, 8),
                               "text": sentence(&mut rng, &labels, 60)})
        })
        .collect();
    let companies: Vec<serde_json::Value> = (0..companies)
        .map(|n| {
            let tags: Vec<String> = (0..3)
                .map(|_| labels[rng.below(labels.len())].clone())
                .collect();
            serde_json::json!({"id": format!("c{n}"), "name": format!("Société {n}"), "tags": tags,
                               "text": sentence(&mut rng, &labels, 80)})
        })
        .collect();
    Input::from_json(
        &serde_json::json!({"irritants": irritants, "companies": companies}).to_string(),
    )
    .expect("generated input is valid")
}

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);
static INPUT_10M: LazyLock<Input> = LazyLock::new(|| scoring_input(1_000, 10_000));

/// Index build, irritant analysis and ranking: the whole `rank` computation.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn score_1k_irritants_x_10k_companies_top50(bencher: divan::Bencher) {
    let input = &*INPUT_10M;
    bencher.bench(|| {
        let m = ENGINE.matcher(input, Fields::All);
        divan::black_box(m.rank(50))
    });
}

/// Ranking alone, index already built.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn rank_only_1k_x_10k_top50(bencher: divan::Bencher) {
    let m = ENGINE.matcher(&INPUT_10M, Fields::All);
    bencher.bench(|| divan::black_box(m.rank(50)));
}

/// `irritants × per_irritant` candidate pairs among `companies`, with some
/// mutual wishes; each company can hold `company_max` meetings, each irritant
/// 1 to 5.
fn assignment(
    irritants: usize,
    companies: usize,
    per_irritant: usize,
    company_max: u32,
) -> Problem {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut candidates = Vec::with_capacity(irritants * per_irritant);
    for i in 0..irritants {
        // Distinct companies per irritant: a random stride walk.
        let start = rng.below(companies);
        let stride = 1 + 2 * rng.below(companies / 2 - 1);
        for k in 0..per_irritant {
            let c = (start + k * stride) % companies;
            candidates.push(Candidate {
                irritant: i as u32,
                company: c as u32,
                affinity: (rng.below(1_000_000) as f64) / 1_000_000.0,
                mutual: rng.below(200) == 0,
            });
        }
    }
    Problem {
        irritant_min: vec![1; irritants],
        irritant_max: vec![5; irritants],
        company_max: vec![company_max; companies],
        candidates,
        excluded: vec![],
    }
}

/// Capacity for 12,288 meetings against 10,000 wanted: companies are contested.
static PROBLEM_1M: LazyLock<Problem> = LazyLock::new(|| assignment(2_000, 4_096, 500, 3));
/// Capacity for 8,192 meetings only: many irritants stop short of their
/// maximum and the searches reroute through full companies.
static PROBLEM_1M_TIGHT: LazyLock<Problem> = LazyLock::new(|| assignment(2_000, 4_096, 500, 2));

fn bench_solve(bencher: divan::Bencher, p: &Problem) {
    bencher.bench(|| {
        let s = solve(p).expect("valid problem");
        assert!(s.certified && s.is_feasible());
        divan::black_box(s)
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn assign_1m_candidate_pairs(bencher: divan::Bencher) {
    bench_solve(bencher, &PROBLEM_1M);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn assign_1m_candidate_pairs_tight_capacity(bencher: divan::Bencher) {
    bench_solve(bencher, &PROBLEM_1M_TIGHT);
}

static INPUT_1M: LazyLock<Input> = LazyLock::new(|| scoring_input(200, 5_000));

/// What `passerelle assign` computes on 200 irritants × 5,000 companies:
/// scoring, 50 candidates each, solving and widening until the plan is
/// proved optimal over all 1M pairs. Companies hold 1 meeting, irritants 1
/// to 5, so the best companies are contested.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn choose_200_irritants_x_5k_companies(bencher: divan::Bencher) {
    let input = &*INPUT_1M;
    let caps = Capacities {
        company_max: 1,
        irritant_min: 1,
        irritant_max: 5,
        candidates: 50,
    };
    bencher.bench(|| {
        let m = ENGINE.matcher(input, Fields::All);
        let c = choose(input, &m, caps).expect("valid capacities");
        assert!(c.proven && c.solution.is_feasible());
        divan::black_box(c)
    });
}
