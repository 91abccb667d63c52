//! Early alignment. The breaks objective says nothing of the time of day, so among schedules with the
//! same breaks the solvers may return one that leaves the morning empty and packs every meeting into
//! the last slots (what the SAT search's decision order gives on a small event with room to spare). A
//! day starts when its first session does: each group of meetings tied together through a participant
//! or a precedence moves, as a whole, to the earliest slots where it still fits. Inside a group every
//! participant keeps the spacing of its meetings, so breaks, fairness and precedences are unchanged;
//! tables are then assigned afresh.

use crate::model::Instance;
use crate::schedule::{Schedule, assign_tables};

/// `schedule` with each group of linked meetings moved as early as its slots and the tables allow.
/// Its breaks, per participant, are those of `schedule`.
pub fn align_early(inst: &Instance, schedule: &Schedule) -> Schedule {
    let mut slots = schedule.slots();
    let groups = groups(inst, &slots);
    let mut load = vec![0usize; inst.n_slots()];
    for s in slots.iter().flatten() {
        load[*s] += 1;
    }
    // Every move goes earlier, so the sum of the slots falls at each pass and the loop ends.
    let mut moved = true;
    while moved {
        moved = false;
        for group in &groups {
            let Some(first) = group.iter().filter_map(|&m| slots[m]).min() else {
                continue;
            };
            for &m in group {
                if let Some(s) = slots[m] {
                    load[s] -= 1;
                }
            }
            let fits = |d: usize, load: &mut [usize]| {
                let mut ok = true;
                let mut taken = Vec::with_capacity(group.len());
                for &m in group {
                    let Some(s) = slots[m] else { continue };
                    let to = s - d;
                    if inst.meeting(m).allowed >> to & 1 == 0 || load[to] >= inst.capacity(to) {
                        ok = false;
                        break;
                    }
                    load[to] += 1;
                    taken.push(to);
                }
                for to in taken {
                    load[to] -= 1;
                }
                ok
            };
            let shift = (1..=first).rev().find(|&d| fits(d, &mut load));
            for &m in group {
                if let Some(s) = slots[m].as_mut() {
                    *s -= shift.unwrap_or(0);
                    load[*s] += 1;
                }
            }
            moved |= shift.is_some();
        }
    }
    assign_tables(inst, &slots, None)
}

/// Placed meetings tied through a shared participant or a precedence, each group in meeting order,
/// the groups by their earliest slot (so that the earliest claim the first slots) then first meeting.
fn groups(inst: &Instance, slots: &[Option<usize>]) -> Vec<Vec<usize>> {
    let n = inst.n_meetings();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut join = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    for p in 0..inst.n_participants() {
        for w in inst.meetings_of(p).windows(2) {
            join(w[0], w[1]);
        }
    }
    for m in 0..n {
        for &o in &inst.meeting(m).after {
            join(m, o);
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (m, slot) in slots.iter().enumerate() {
        if slot.is_some() {
            by_root.entry(root(&mut parent, m)).or_default().push(m);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_root.into_values().collect();
    groups.sort_by_key(|g| (g.iter().filter_map(|&m| slots[m]).min(), g[0]));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::generate::{GeneratorConfig, generate};
    use crate::model::{InstanceSpec, MeetingSpec, ParticipantSpec, SessionSpec};
    use crate::schedule::Placement;
    use crate::solve::{Outcome, SolveOptions, solve};
    use proptest::prelude::*;

    fn spec(meetings: &[(usize, usize)], forbidden: &[(usize, usize)], tables: usize) -> Instance {
        let mut participants = vec![ParticipantSpec::default(); 5];
        for &(p, s) in forbidden {
            participants[p].forbidden.push(s);
        }
        Instance::new(InstanceSpec {
            participants,
            meetings: meetings
                .iter()
                .map(|&(a, b)| MeetingSpec {
                    a,
                    b,
                    ..MeetingSpec::default()
                })
                .collect(),
            sessions: vec![
                SessionSpec {
                    name: "morning".into(),
                    slots: 4,
                },
                SessionSpec {
                    name: "afternoon".into(),
                    slots: 4,
                },
            ],
            tables: InstanceSpec::numbered_tables(tables),
            ..InstanceSpec::default()
        })
        .unwrap()
    }

    fn at(slots: &[usize]) -> Schedule {
        Schedule::new(
            slots
                .iter()
                .map(|&slot| Some(Placement { slot, table: 0 }))
                .collect(),
        )
    }

    #[test]
    fn a_day_packed_into_its_last_slots_starts_with_the_first() {
        // 0 meets 1 then 2; 3 meets 4: two groups, both at the end of the afternoon.
        let inst = spec(&[(0, 1), (0, 2), (3, 4)], &[], 2);
        let aligned = align_early(&inst, &at(&[6, 7, 7]));
        assert_eq!(aligned.slots(), vec![Some(0), Some(1), Some(0)]);
        let after = check(inst.spec(), &aligned).expect("a valid schedule, tables assigned afresh");
        assert_eq!(after.breaks, vec![0; 5]);
    }

    #[test]
    fn a_group_keeps_its_spacing_and_stops_at_a_forbidden_slot() {
        // 0 has a break between its meetings; 2 cannot meet in slot 2.
        let inst = spec(&[(0, 1), (0, 2)], &[(2, 2)], 1);
        let published = at(&[5, 7]);
        let aligned = align_early(&inst, &published);
        // Five earlier would put 2 in its forbidden slot: four earlier.
        assert_eq!(aligned.slots(), vec![Some(1), Some(3)]);
        assert_eq!(
            check(inst.spec(), &aligned).unwrap().breaks,
            check(inst.spec(), &published).unwrap().breaks
        );
    }

    #[test]
    fn a_full_slot_holds_a_group_back_and_an_early_group_stays() {
        // One table: the first group already starts the day, the second follows it.
        let inst = spec(&[(0, 1), (2, 3)], &[], 1);
        let aligned = align_early(&inst, &at(&[0, 6]));
        assert_eq!(aligned.slots(), vec![Some(0), Some(1)]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Whatever the event (forbidden slots, sessions, fixed meetings, precedences, hosts keeping
        /// tables), the aligned schedule is valid, every participant has the breaks it had, and no
        /// meeting is later than the solver put it.
        #[test]
        fn aligning_keeps_every_rule_and_every_break_and_only_moves_earlier(
            (hosts, visitors, meetings, morning, afternoon, tables, seed) in
                (2usize..7, 2usize..7, 4usize..30, 2usize..5, 1usize..5, 2usize..6, any::<u64>())
        ) {
            let inst = Instance::new(generate(&GeneratorConfig {
                hosts,
                visitors,
                meetings,
                sessions: vec![morning, afternoon],
                tables,
                visitor_pairs: 0.2,
                forbidden: 0.3,
                fixed: 0.15,
                precedence: 0.3,
                session: 0.3,
                fairness: None,
                hosts_keep_tables: seed % 2 == 0,
                seed,
            }))
            .expect("generated events are valid");
            let options = SolveOptions { time_limit: std::time::Duration::from_secs(5), seed };
            let Outcome::Scheduled(sol) = solve(&inst, &options) else {
                panic!("a planted event is schedulable");
            };
            let aligned = align_early(&inst, &sol.schedule);
            let before = check(inst.spec(), &sol.schedule).expect("the solver's schedule is valid");
            let after = check(inst.spec(), &aligned)
                .map_err(|v| TestCaseError::fail(format!("{v:?}")))?;
            prop_assert_eq!(after.breaks, before.breaks);
            for (a, b) in aligned.slots().iter().zip(sol.schedule.slots()) {
                prop_assert!(a.is_some() && *a <= b);
            }
        }
    }
}
