//! Property tests on generated events (forbidden slots, sessions, fixed meetings, precedences, a
//! non-bipartite share): whatever the solver returns, the independent checker must accept it.

use std::time::Duration;

use passerelle_scheduling::generate::{GeneratorConfig, generate};
use passerelle_scheduling::{
    Change, Instance, MeetingSpec, Outcome, SolveOptions, Violation, check, reschedule, solve,
};
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

    #[test]
    fn a_reschedule_is_valid_and_leaves_unmoved_meetings_where_they_were(
        cfg in config(),
        kind in 0usize..4,
        pick in any::<usize>(),
    ) {
        let inst = Instance::new(generate(&cfg)).expect("valid");
        let Outcome::Scheduled(sol) = solve(&inst, &options(cfg.seed)) else {
            panic!("a planted event must be schedulable");
        };
        let m = pick % inst.n_meetings();
        let p = inst.meeting(m).a;
        let change = match kind {
            0 => Change::Cancel { meeting: m },
            1 => Change::Absent { participant: p, slots: vec![sol.schedule.placement(m).expect("placed").slot] },
            2 => Change::Add { meeting: MeetingSpec { a: p, b: (p + 1 + pick % 3) % inst.n_participants(), ..Default::default() } },
            _ => Change::TableLost { table: pick % inst.n_tables() },
        };
        match reschedule(&inst, &sol.schedule, &change, &options(cfg.seed)) {
            Ok(r) => {
                check(r.instance.spec(), &r.schedule).map_err(|v| TestCaseError::fail(format!("{change:?}: {v:?}")))?;
                // Where a meeting sits when it does not move: its published seat, the tables after a
                // lost one being renumbered; a meeting at the lost table has no such seat.
                let seat = |o: usize| {
                    let mut place = sol.schedule.placement(o)?;
                    if let Change::TableLost { table } = change {
                        if place.table == table {
                            return None;
                        }
                        place.table -= usize::from(place.table > table);
                    }
                    Some(place)
                };
                for (i, origin) in r.origin.iter().enumerate() {
                    match origin {
                        Some(o) if !r.moved.contains(&i) => prop_assert_eq!(r.schedule.placement(i), seat(*o)),
                        Some(o) => prop_assert_ne!(r.schedule.placement(i), seat(*o)),
                        None => prop_assert!(matches!(change, Change::Add { .. }), "only an added meeting is new"),
                    }
                }
                // Only an absence may drop meetings, and only the absent participant's.
                for &d in &r.dropped {
                    prop_assert!(matches!(change, Change::Absent { .. }), "{:?} dropped {}", change, d);
                    prop_assert!(inst.meeting(d).a == p || inst.meeting(d).b == p);
                }
                if let Change::Cancel { .. } = change {
                    // Nothing needs to move when a meeting disappears.
                    prop_assert!(r.moved.is_empty(), "moved {:?}", r.moved);
                }
            }
            // An added meeting may be a duplicate, a self meeting or not fit; a lost table may leave
            // too few seats: refusals are fine, wrong schedules are not.
            Err(e) => prop_assert!(matches!(change, Change::Add { .. } | Change::TableLost { .. }), "{change:?}: {e}"),
        }
    }
}
