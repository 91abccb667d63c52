//! The engine's answers against an exhaustive search on tiny events: every slot assignment is tried,
//! so the proved optimum (or "infeasible") must agree exactly. This is what guards the implied
//! constraints of the SAT model (exact busy counts, busy parity, clustered table capacity, order
//! encodings, the order of repeated pairs): a wrong one would cut off real schedules. The same is
//! done for rescheduling: the moves reported must be the fewest possible.

use std::time::Duration;

use passerelle_scheduling::{
    Change, Instance, InstanceSpec, MeetingSpec, Outcome, ParticipantSpec, SessionSpec,
    SolveOptions, check, reschedule, solve,
};
use proptest::prelude::*;

/// Slots each meeting may take, read from the description alone.
fn domains(spec: &InstanceSpec) -> Vec<Vec<usize>> {
    let mut session_of = Vec::new();
    for (i, s) in spec.sessions.iter().enumerate() {
        session_of.extend(std::iter::repeat_n(i, s.slots));
    }
    spec.meetings
        .iter()
        .map(|m| {
            (0..session_of.len())
                .filter(|&s| {
                    m.session.is_none_or(|x| session_of[s] == x)
                        && m.fixed.is_none_or(|f| f == s)
                        && !spec.participants[m.a].forbidden.contains(&s)
                        && !spec.participants[m.b].forbidden.contains(&s)
                })
                .collect()
        })
        .collect()
}

fn breaks(spec: &InstanceSpec, slots: &[usize]) -> Vec<u32> {
    (0..spec.participants.len())
        .map(|p| {
            let mut mine: Vec<usize> = spec
                .meetings
                .iter()
                .zip(slots)
                .filter(|(m, _)| m.a == p || m.b == p)
                .map(|(_, &s)| s)
                .collect();
            mine.sort_unstable();
            mine.windows(2).filter(|w| w[1] > w[0] + 1).count() as u32
        })
        .collect()
}

/// Every complete assignment that keeps the hard rules (fairness included), passed to `visit`.
fn enumerate(spec: &InstanceSpec, visit: &mut dyn FnMut(&[usize])) {
    let dom = domains(spec);
    let n_slots: usize = spec.sessions.iter().map(|s| s.slots).sum();
    let mut slots = vec![0; spec.meetings.len()];
    let mut load = vec![0; n_slots];
    let mut busy = vec![vec![false; n_slots]; spec.participants.len()];
    #[allow(clippy::too_many_arguments)]
    fn go(
        m: usize,
        spec: &InstanceSpec,
        dom: &[Vec<usize>],
        slots: &mut Vec<usize>,
        load: &mut Vec<usize>,
        busy: &mut Vec<Vec<bool>>,
        visit: &mut dyn FnMut(&[usize]),
    ) {
        if m == spec.meetings.len() {
            let ok = spec
                .meetings
                .iter()
                .enumerate()
                .all(|(i, ms)| ms.after.iter().all(|&o| slots[o] < slots[i]));
            let b = breaks(spec, slots);
            let fair = spec
                .fairness
                .is_none_or(|d| b.iter().max().unwrap_or(&0) - b.iter().min().unwrap_or(&0) <= d);
            if ok && fair {
                visit(slots);
            }
            return;
        }
        let (a, bb) = (spec.meetings[m].a, spec.meetings[m].b);
        for &s in &dom[m] {
            if load[s] < spec.tables.len() && !busy[a][s] && !busy[bb][s] {
                load[s] += 1;
                busy[a][s] = true;
                busy[bb][s] = true;
                slots[m] = s;
                go(m + 1, spec, dom, slots, load, busy, visit);
                load[s] -= 1;
                busy[a][s] = false;
                busy[bb][s] = false;
            }
        }
    }
    go(0, spec, &dom, &mut slots, &mut load, &mut busy, visit);
}

fn optimum(spec: &InstanceSpec) -> Option<u32> {
    let mut best: Option<u32> = None;
    enumerate(spec, &mut |slots| {
        let total = breaks(spec, slots).iter().sum();
        best = Some(best.map_or(total, |b: u32| b.min(total)));
    });
    best
}

/// Tiny events with everything the model knows: repeated pairs (either order), forbidden slots,
/// sessions, fixed slots, precedences, few tables, a fairness bound.
fn tiny() -> impl Strategy<Value = InstanceSpec> {
    (
        3usize..6,
        prop::collection::vec(
            (0usize..6, 0usize..6, 0usize..8, 0usize..12, 0usize..10),
            2..7,
        ),
        2usize..5,
        0usize..3,
        1usize..4,
        prop::collection::vec(prop::collection::vec(0usize..7, 0..2), 6),
        prop::option::of(0u32..2),
    )
        .prop_map(
            |(n_p, rows, morning, afternoon, tables, forbidden, fairness)| {
                let n_slots = morning + afternoon;
                let mut sessions = vec![SessionSpec {
                    name: "matin".into(),
                    slots: morning,
                }];
                if afternoon > 0 {
                    sessions.push(SessionSpec {
                        name: "après-midi".into(),
                        slots: afternoon,
                    });
                }
                let n_sessions = sessions.len();
                let meetings = rows
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &(a, b, s, f, o))| {
                        let (a, b) = (a % n_p, b % n_p);
                        (a != b).then(|| MeetingSpec {
                            a,
                            b,
                            session: (s < n_sessions && s < 2).then_some(s),
                            fixed: (f < n_slots && f % 3 == 0).then_some(f),
                            // An earlier request only: no cycle.
                            after: if i > 0 && o < 3 { vec![o % i] } else { vec![] },
                        })
                    })
                    .collect::<Vec<_>>();
                // Precedences point at indices of `rows`; keep those still in range.
                let n_m = meetings.len();
                let meetings = meetings
                    .into_iter()
                    .map(|mut m| {
                        m.after.retain(|&o| o < n_m);
                        m
                    })
                    .enumerate()
                    .map(|(i, mut m)| {
                        m.after.retain(|&o| o < i);
                        m
                    })
                    .collect();
                InstanceSpec {
                    participants: (0..n_p)
                        .map(|p| ParticipantSpec {
                            name: format!("P{p}"),
                            forbidden: forbidden[p]
                                .iter()
                                .copied()
                                .filter(|&s| s < n_slots)
                                .collect(),
                            host: false,
                        })
                        .collect(),
                    meetings,
                    sessions,
                    tables: InstanceSpec::numbered_tables(tables),
                    fairness,
                    hosts_keep_tables: false,
                }
            },
        )
}

fn options() -> SolveOptions {
    SolveOptions {
        time_limit: Duration::from_secs(10),
        seed: 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_proved_optimum_is_the_exhaustive_optimum(spec in tiny()) {
        let truth = optimum(&spec);
        match Instance::new(spec.clone()) {
            Err(e) => {
                prop_assert!(e.is_infeasibility() || spec.meetings.is_empty(), "{e}");
                prop_assert_eq!(truth.filter(|_| !spec.meetings.is_empty()), None, "refused but schedulable: {}", e);
            }
            Ok(inst) => match solve(&inst, &options()) {
                Outcome::Scheduled(sol) => {
                    check(inst.spec(), &sol.schedule).map_err(|v| TestCaseError::fail(format!("{v:?}")))?;
                    prop_assert!(sol.optimal && sol.fair);
                    prop_assert_eq!(Some(sol.total_breaks), truth);
                }
                Outcome::Infeasible(i) => prop_assert_eq!(truth, None, "{}", i.reason),
                Outcome::TimedOut(_) => panic!("a tiny event times out"),
            },
        }
    }

    #[test]
    fn a_reschedule_moves_the_fewest_meetings_possible(spec in tiny(), kind in 0usize..3, pick in any::<usize>()) {
        let mut spec = spec;
        spec.fairness = None;
        let Ok(inst) = Instance::new(spec.clone()) else { return Ok(()) };
        let Outcome::Scheduled(sol) = solve(&inst, &options()) else { return Ok(()) };
        let old: Vec<usize> = sol.schedule.slots().iter().map(|s| s.expect("placed")).collect();
        let m = pick % inst.n_meetings();
        let (change, after, previous): (Change, InstanceSpec, Vec<Option<usize>>) = match kind {
            0 => {
                let mut after = spec.clone();
                after.meetings.remove(m);
                for ms in &mut after.meetings {
                    ms.after.retain(|&o| o != m);
                    for o in &mut ms.after {
                        *o -= usize::from(*o > m);
                    }
                }
                let mut previous: Vec<Option<usize>> = old.iter().map(|&s| Some(s)).collect();
                previous.remove(m);
                (Change::Cancel { meeting: m }, after, previous)
            }
            1 => {
                let (a, b) = (pick % spec.participants.len(), (pick / 7 + 1) % spec.participants.len());
                if a == b { return Ok(()) }
                let added = MeetingSpec { a, b, ..Default::default() };
                let mut after = spec.clone();
                after.meetings.push(added.clone());
                let mut previous: Vec<Option<usize>> = old.iter().map(|&s| Some(s)).collect();
                previous.push(None);
                (Change::Add { meeting: added }, after, previous)
            }
            _ => {
                if spec.tables.len() < 2 { return Ok(()) }
                let t = pick % spec.tables.len();
                let mut after = spec.clone();
                after.tables.remove(t);
                // A meeting at the lost table moves whatever happens: it has no published seat.
                let previous = old
                    .iter()
                    .zip(sol.schedule.placements())
                    .map(|(&s, p)| (p.expect("placed").table != t).then_some(s))
                    .collect();
                (Change::TableLost { table: t }, after, previous)
            }
        };
        if after.meetings.is_empty() {
            return Ok(());
        }
        let forced = previous.iter().zip(&after.meetings).filter(|(p, _)| p.is_none()).count()
            - usize::from(matches!(change, Change::Add { .. }));
        let mut fewest: Option<usize> = None;
        enumerate(&after, &mut |slots| {
            let moves = slots.iter().zip(&previous).filter(|(s, p)| p.is_some_and(|p| p != **s)).count();
            fewest = Some(fewest.map_or(moves, |f: usize| f.min(moves)));
        });
        match reschedule(&inst, &sol.schedule, &change, &options()) {
            Ok(r) => {
                check(r.instance.spec(), &r.schedule).map_err(|v| TestCaseError::fail(format!("{v:?}")))?;
                prop_assert_eq!(Some(r.moved.len()), fewest.map(|f| f + forced), "{:?}", change);
            }
            Err(e) => prop_assert_eq!(fewest, None, "{:?}: {}", change, e),
        }
    }
}
