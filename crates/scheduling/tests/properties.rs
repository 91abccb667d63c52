//! Property tests on generated events (forbidden slots, sessions, fixed meetings, precedences, a
//! non-bipartite share): whatever the solver returns, the independent checker must accept it.

use std::time::Duration;

use passerelle_scheduling::generate::{GeneratorConfig, generate};
use passerelle_scheduling::{Instance, Outcome, SolveOptions, Violation, check, solve};
use proptest::prelude::*;

fn config() -> impl Strategy<Value = GeneratorConfig> {
    (
        2usize..7,
        2usize..7,
        4usize..30,
        2usize..5,
        0usize..4,
        2usize..6,
        any::<u64>(),
    )
        .prop_map(
            |(hosts, visitors, meetings, morning, afternoon, tables, seed)| GeneratorConfig {
                hosts,
                visitors,
                meetings,
                sessions: if afternoon == 0 {
                    vec![morning]
                } else {
                    vec![morning, afternoon]
                },
                tables,
                visitor_pairs: 0.2,
                forbidden: 0.3,
                fixed: 0.15,
                precedence: 0.3,
                session: 0.3,
                fairness: None,
                hosts_keep_tables: seed % 2 == 0,
                seed,
            },
        )
}

fn options(seed: u64) -> SolveOptions {
    SolveOptions {
        time_limit: Duration::from_secs(5),
        seed,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_generated_event_gets_a_valid_schedule_with_its_breaks_counted_right(cfg in config()) {
        let inst = Instance::new(generate(&cfg)).expect("generated events are valid");
        let Outcome::Scheduled(sol) = solve(&inst, &options(cfg.seed)) else {
            panic!("a planted event must be schedulable");
        };
        let eval = check(inst.spec(), &sol.schedule).map_err(|v| TestCaseError::fail(format!("{v:?}")))?;
        prop_assert_eq!(eval.total_breaks, sol.total_breaks);
        prop_assert_eq!(eval.host_table_changes, sol.host_table_changes);
        prop_assert!(sol.lower_bound <= sol.total_breaks);
        prop_assert!(sol.optimal, "small events are proved optimal");
    }

    #[test]
    fn under_a_tight_fairness_bound_the_schedule_is_fair_or_the_refusal_is_explained(cfg in config()) {
        let mut spec = generate(&cfg);
        spec.fairness = Some(0);
        let inst = Instance::new(spec).expect("generated events are valid");
        match solve(&inst, &options(cfg.seed)) {
            Outcome::Scheduled(sol) => {
                check(inst.spec(), &sol.schedule).map_err(|v| TestCaseError::fail(format!("{v:?}")))?;
            }
            Outcome::Infeasible(inf) => {
                prop_assert!(inf.reason.contains("d=0"), "{}", inf.reason);
                // The placeable set breaks no rule other than leaving meetings out or fairness.
                if let Err(v) = check(inst.spec(), &inf.largest_placeable) {
                    prop_assert!(v.iter().all(|v| matches!(v, Violation::Unplaced { .. } | Violation::Unfair { .. })), "{v:?}");
                }
            }
            Outcome::TimedOut(_) => panic!("small events finish in time"),
        }
    }

    #[test]
    fn the_lower_bound_never_exceeds_what_the_solver_achieves(cfg in config()) {
        let inst = Instance::new(generate(&cfg)).expect("valid");
        let lb = passerelle_scheduling::cheap_lower_bound(&inst);
        if let Outcome::Scheduled(sol) = solve(&inst, &options(cfg.seed)) {
            prop_assert!(lb <= sol.total_breaks);
        }
    }
}
