//! The assignment is proved optimal against an independent LP solve (good_lp
//! with microlp) on small random instances. The LP solves the three tiers in
//! turn (minimum meetings met, then mutual meetings, then affinity), each stage
//! fixing the previous optimum; the constraint matrix is a network matrix, so
//! its LP optima are the integer optima.

use good_lp::{
    Expression, Solution as _, SolverModel, Variable, constraint, microlp, variable, variables,
};
use passerelle_matching::assign::{Candidate, Problem, solve};
use proptest::prelude::*;

fn instance() -> impl Strategy<Value = Problem> {
    (1usize..6, 1usize..6).prop_flat_map(|(ni, nc)| {
        let pairs = proptest::collection::vec(
            proptest::option::weighted(0.6, (0u32..=100, proptest::bool::weighted(0.2))),
            ni * nc,
        );
        let bounds = proptest::collection::vec((0u32..3, 0u32..3), ni);
        let caps = proptest::collection::vec(0u32..3, nc);
        (pairs, bounds, caps).prop_map(move |(pairs, bounds, caps)| {
            let candidates = pairs
                .iter()
                .enumerate()
                .filter_map(|(k, p)| {
                    p.map(|(a, mutual)| Candidate {
                        irritant: (k / nc) as u32,
                        company: (k % nc) as u32,
                        // Whole hundredths: exact at the solver's resolution.
                        affinity: a as f64 / 100.0,
                        mutual,
                    })
                })
                .collect();
            Problem {
                irritant_min: bounds.iter().map(|&(a, b)| a.min(b)).collect(),
                irritant_max: bounds.iter().map(|&(a, b)| a.max(b)).collect(),
                company_max: caps,
                candidates,
                excluded: vec![],
            }
        })
    })
}

/// The three lexicographic optima by LP.
fn lp_optimum(p: &Problem) -> (f64, f64, f64) {
    let ni = p.irritant_min.len();
    let mut vars = variables!();
    let x: Vec<Variable> = p
        .candidates
        .iter()
        .map(|_| vars.add(variable().min(0).max(1)))
        .collect();
    let met: Vec<Variable> = (0..ni)
        .map(|i| vars.add(variable().min(0).max(p.irritant_min[i] as f64)))
        .collect();
    let of_irritant = |i: usize| -> Expression {
        p.candidates
            .iter()
            .zip(&x)
            .filter(|(c, _)| c.irritant as usize == i)
            .map(|(_, &v)| v)
            .sum()
    };
    let mut constraints = Vec::new();
    for (i, &m) in met.iter().enumerate() {
        constraints.push(constraint!(of_irritant(i) <= p.irritant_max[i] as f64));
        constraints.push(constraint!(m <= of_irritant(i)));
    }
    for (j, &k) in p.company_max.iter().enumerate() {
        let load: Expression = p
            .candidates
            .iter()
            .zip(&x)
            .filter(|(c, _)| c.company as usize == j)
            .map(|(_, &v)| v)
            .sum();
        constraints.push(constraint!(load <= k as f64));
    }
    let tier1: Expression = met.iter().copied().sum();
    let tier2: Expression = p
        .candidates
        .iter()
        .zip(&x)
        .filter(|(c, _)| c.mutual)
        .map(|(_, &v)| v)
        .sum();
    let tier3: Expression = p
        .candidates
        .iter()
        .zip(&x)
        .map(|(c, &v)| c.affinity * v)
        .sum();
    let stage = |objective: &Expression, extra: &[good_lp::Constraint]| -> f64 {
        let mut model = vars.clone().maximise(objective.clone()).using(microlp);
        for c in constraints.iter().chain(extra) {
            model = model.with(c.clone());
        }
        model
            .solve()
            .expect("LP is feasible (x = 0)")
            .eval(objective)
    };
    let v1 = stage(&tier1, &[]);
    let fix1 = constraint!(tier1.clone() >= v1 - 1e-7);
    let v2 = stage(&tier2, std::slice::from_ref(&fix1));
    let fix2 = constraint!(tier2.clone() >= v2 - 1e-7);
    let v3 = stage(&tier3, &[fix1, fix2]);
    (v1, v2, v3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn flow_solution_is_feasible_and_lp_optimal(p in instance()) {
        let s = solve(&p).unwrap();
        prop_assert!(s.certified);
        // Feasible for the hard capacities.
        let mut got = vec![0u32; p.irritant_min.len()];
        let mut load = vec![0u32; p.company_max.len()];
        for &k in &s.chosen {
            got[p.candidates[k].irritant as usize] += 1;
            load[p.candidates[k].company as usize] += 1;
        }
        prop_assert!(got.iter().zip(&p.irritant_max).all(|(g, m)| g <= m));
        prop_assert!(load.iter().zip(&p.company_max).all(|(l, k)| l <= k));
        let met: u32 = got.iter().zip(&p.irritant_min).map(|(g, m)| (*g).min(*m)).sum();
        let shortfalls = got.iter().zip(&p.irritant_min).filter(|(g, m)| g < m).count();
        prop_assert_eq!(shortfalls, s.shortfalls.len());
        let (v1, v2, v3) = lp_optimum(&p);
        prop_assert!((met as f64 - v1).abs() < 1e-6, "met {} vs LP {}", met, v1);
        prop_assert!((s.mutual_meetings as f64 - v2).abs() < 1e-6, "mutual {} vs LP {}", s.mutual_meetings, v2);
        prop_assert!((s.total_affinity - v3).abs() < 1e-6, "affinity {} vs LP {}", s.total_affinity, v3);
    }
}
