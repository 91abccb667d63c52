//! The assignment is proved optimal against an independent LP solve (good_lp
//! with microlp) on small random instances. The LP solves the three tiers in
//! turn (minimum meetings met, then mutual meetings, then affinity), each stage
//! fixing the previous optimum; the constraint matrix is a network matrix, so
//! its LP optima are the integer optima.

use good_lp::{
    Expression, Solution as _, SolverModel, Variable, constraint, microlp, variable, variables,
};
use passerelle_matching::assign::{Candidate, Problem, Solution, solve};
use proptest::prelude::*;

fn instance() -> impl Strategy<Value = Problem> {
    (1usize..9, 1usize..9).prop_flat_map(|(ni, nc)| {
        let pairs = proptest::collection::vec(
            proptest::option::weighted(0.6, (0u32..=100, proptest::bool::weighted(0.2))),
            ni * nc,
        );
        let bounds = proptest::collection::vec((0u32..4, 0u32..4), ni);
        let caps = proptest::collection::vec(0u32..4, nc);
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

/// The three tiers of a solution: minimum meetings met, mutual meetings,
/// total affinity.
fn tiers(p: &Problem, s: &Solution) -> (u32, usize, f64) {
    let mut got = vec![0u32; p.irritant_min.len()];
    for &k in &s.chosen {
        got[p.candidates[k].irritant as usize] += 1;
    }
    let met = got
        .iter()
        .zip(&p.irritant_min)
        .map(|(g, m)| (*g).min(*m))
        .sum();
    (met, s.mutual_meetings, s.total_affinity)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Pruning each irritant to its best `keep` pairs (mutual pairs always
    /// kept), as `assign` does: when the dual prices say no pruned pair could
    /// improve, the pruned optimum is the optimum over all pairs. `keep` is at
    /// least the largest irritant maximum (3), as in `assign` (50 kept), so
    /// that prices exist for the pruned irritants; of 200 cases, about 25 are
    /// proved with pairs left out and about 30 rightly not proved.
    #[test]
    fn dual_prices_prove_pruned_solutions_optimal(p in instance(), keep in 3usize..5) {
        let mut pruned = p.clone();
        pruned.candidates.clear();
        let mut left_out = Vec::new();
        for i in 0..p.irritant_min.len() as u32 {
            let mut own: Vec<&Candidate> = p.candidates.iter().filter(|c| c.irritant == i).collect();
            own.sort_by(|a, b| b.mutual.cmp(&a.mutual).then(b.affinity.total_cmp(&a.affinity)));
            for (n, c) in own.into_iter().enumerate() {
                if n < keep || c.mutual {
                    pruned.candidates.push(*c);
                } else {
                    left_out.push(*c);
                }
            }
        }
        let s = solve(&pruned).unwrap();
        prop_assert!(s.certified);
        let proven = left_out
            .iter()
            .all(|c| !s.prices.could_improve(c.irritant, c.company, c.affinity, c.mutual));
        let full = solve(&p).unwrap();
        let (a, b) = (tiers(&pruned, &s), tiers(&p, &full));
        if proven {
            prop_assert_eq!((a.0, a.1), (b.0, b.1));
            prop_assert!((a.2 - b.2).abs() < 1e-6, "pruned {:?} vs full {:?}", a, b);
        }
        if left_out.is_empty() {
            prop_assert!(proven, "nothing left out: nothing to improve");
        }
    }
}
