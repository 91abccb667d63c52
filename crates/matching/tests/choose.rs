//! `assign::choose` prunes pairs to each irritant's best companies and widens
//! where the dual prices say a pruned pair could help: whatever the starting
//! width, the plan must be as good as the one over every pair.

use passerelle_matching::assign::{Capacities, Choice, choose};
use passerelle_matching::{Engine, Fields, Input};
use proptest::prelude::*;

static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::builtin);

const PHRASES: &[&str] = &[
    "chatbot",
    "agent conversationnel",
    "réservation de salles",
    "bureaux partagés",
    "objets connectés",
    "empreinte carbone",
    "base de connaissances",
    "handicap",
    "emploi du temps",
    "signature électronique",
    "inscription des étudiants",
    "campus",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PHRASES), 1..4).prop_map(|w| w.join(" "))
}

/// Minimum meetings met, mutual meetings, total affinity.
fn tiers(c: &Choice) -> (u32, usize, f64) {
    let p = &c.problem;
    let mut got = vec![0u32; p.irritant_min.len()];
    for &k in &c.solution.chosen {
        got[p.candidates[k].irritant as usize] += 1;
    }
    let met = got
        .iter()
        .zip(&p.irritant_min)
        .map(|(g, m)| (*g).min(*m))
        .sum();
    (met, c.solution.mutual_meetings, c.solution.total_affinity)
}

fn input(irritants: &[String], companies: &[String], wishes: &[(usize, usize)]) -> Input {
    let json = serde_json::json!({
        "irritants": irritants.iter().enumerate().map(|(n, t)| {
            let w: Vec<String> = wishes.iter().filter(|x| x.0 == n).map(|x| format!("c{}", x.1)).collect();
            serde_json::json!({"id": format!("i{n}"), "title": t, "wishes": w})
        }).collect::<Vec<_>>(),
        "companies": companies.iter().enumerate().map(|(n, t)| {
            let w: Vec<String> = wishes.iter().filter(|x| x.1 == n).map(|x| format!("i{}", x.0)).collect();
            serde_json::json!({"id": format!("c{n}"), "name": format!("Société {n}"), "text": t, "wishes": w})
        }).collect::<Vec<_>>(),
    });
    Input::from_json(&json.to_string()).unwrap()
}

#[test]
fn contested_companies_make_the_plan_widen_to_the_full_optimum() {
    // Every irritant prefers the same company; with one candidate each, only
    // one could meet anyone.
    let irritants: Vec<String> = ["chatbot", "chatbot inscription", "agent conversationnel"]
        .map(String::from)
        .to_vec();
    let companies: Vec<String> = ["chatbot agent conversationnel", "chatbot", "campus chatbot"]
        .map(String::from)
        .to_vec();
    let input = input(&irritants, &companies, &[]);
    let m = ENGINE.matcher(&input, Fields::All);
    let caps = |candidates| Capacities {
        company_max: 1,
        irritant_min: 1,
        irritant_max: 1,
        candidates,
    };
    let none = choose(&input, &m, caps(0)).unwrap();
    let narrow = choose(&input, &m, caps(1)).unwrap();
    let full = choose(&input, &m, caps(3)).unwrap();
    assert!(narrow.proven && full.proven && none.proven);
    let (a, b) = (tiers(&none), tiers(&full));
    assert_eq!((a.0, a.1), (b.0, b.1));
    assert!(
        (a.2 - b.2).abs() < 1e-9,
        "no first candidate at all still ends optimal"
    );
    assert!(narrow.rounds > 1, "the narrow plan had to widen");
    assert_eq!(full.rounds, 1, "nothing left out, nothing to widen");
    assert!(
        narrow.solution.is_feasible(),
        "{:?}",
        narrow.solution.shortfalls
    );
    assert_eq!(narrow.solution.chosen.len(), 3);
    assert!((tiers(&narrow).2 - tiers(&full).2).abs() < 1e-9);
}

#[test]
fn crossed_bounds_are_refused() {
    let input = input(&["chatbot".into()], &["chatbot".into()], &[]);
    let m = ENGINE.matcher(&input, Fields::All);
    let caps = Capacities {
        company_max: 1,
        irritant_min: 2,
        irritant_max: 1,
        candidates: 5,
    };
    assert!(choose(&input, &m, caps).unwrap_err().0.contains("maximum"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_starting_width_reaches_the_optimum_over_all_pairs(
        irritants in prop::collection::vec(text(), 1..6),
        companies in prop::collection::vec(text(), 1..8),
        wishes in prop::collection::vec((0usize..6, 0usize..8), 0..6),
        (company_max, irritant_min, irritant_max) in (0u32..3, 0u32..3, 0u32..4),
        width in 0usize..4,
    ) {
        let wishes: Vec<(usize, usize)> = wishes
            .into_iter()
            .filter(|&(i, c)| i < irritants.len() && c < companies.len())
            .collect();
        let input = input(&irritants, &companies, &wishes);
        let m = ENGINE.matcher(&input, Fields::All);
        let caps = Capacities { company_max, irritant_min: irritant_min.min(irritant_max), irritant_max, candidates: width };
        let narrow = choose(&input, &m, caps).unwrap();
        let full = choose(&input, &m, Capacities { candidates: companies.len(), ..caps }).unwrap();
        prop_assert!(narrow.proven && full.proven);
        let (a, b) = (tiers(&narrow), tiers(&full));
        prop_assert_eq!((a.0, a.1), (b.0, b.1));
        prop_assert!((a.2 - b.2).abs() < 1e-6, "narrow {:?} vs full {:?}", a, b);
        prop_assert_eq!(narrow.solution.shortfalls.len(), full.solution.shortfalls.len());
    }
}
