//! Large-neighbourhood search for events too large for one SAT model: a window of the day (a few
//! consecutive slots) around a participant's break, and the meetings held there by a connected group
//! of participants, are freed; everything else stays put. The SAT model of that window (the same
//! encoding as for whole events, the fixed meetings as constants, the slots' free tables as
//! capacities) then finds the fewest breaks for everyone it touches, under the fairness bound.

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::model::{
    Instance, InstanceSpec, MeetingSpec, ParticipantSpec, SessionSpec, SlotSet, breaks_of,
};
use crate::sat::{self, Model};
use crate::schedule::busy_sets;

/// Freed meetings per window: small enough for a SAT call of a few milliseconds.
const FREED: usize = 160;
/// Conflicts per improvement attempt on a window.
const BUDGET: u64 = 3_000;

/// A window as an event of its own. Its slots are the span's, plus up to two on each side that sum
/// up the rest of the day for each participant ("busy just before the span", "busy somewhere
/// earlier", and the same after): a participant's breaks there differ from its breaks over the whole
/// day by a constant, so the window's model is small whatever the length of the day. A participant's
/// other meetings pin it busy (forbidden to the freed meetings, busy for the breaks).
struct Window {
    inst: Instance,
    /// Meeting of the event for each meeting of the window.
    meetings: Vec<usize>,
    /// Participant of the event for each participant of the window.
    participants: Vec<usize>,
    /// Slot of the day of each slot of the window in the span (`None` outside it).
    day_slot: Vec<Option<usize>>,
}

fn window(inst: &Instance, slots: &[usize], freed: &[bool], span: SlotSet) -> Option<Window> {
    let n = inst.n_slots();
    let lo = span.trailing_zeros() as usize;
    let hi = 127 - span.leading_zeros() as usize;
    // Layout: [earlier][just before] lo..=hi [just after][later], where the day has room.
    let mut day_slot: Vec<Option<usize>> = Vec::new();
    let (far_left, near_left) = (lo >= 2, lo >= 1);
    let (near_right, far_right) = (hi + 1 < n, hi + 2 < n);
    day_slot.extend(std::iter::repeat_n(
        None,
        usize::from(far_left) + usize::from(near_left),
    ));
    let first = day_slot.len();
    day_slot.extend((lo..=hi).map(Some));
    day_slot.extend(std::iter::repeat_n(
        None,
        usize::from(near_right) + usize::from(far_right),
    ));
    let width = day_slot.len();
    let to_window = |s: usize| -> SlotSet {
        if (lo..=hi).contains(&s) {
            1u128 << (first + s - lo)
        } else if s + 1 == lo {
            1u128 << (first - 1)
        } else if s + 1 < lo {
            1
        } else if s == hi + 1 {
            1u128 << (first + hi - lo + 1)
        } else {
            1u128 << (width - 1)
        }
    };
    let mut index = vec![usize::MAX; inst.n_participants()];
    let mut participants = Vec::new();
    let mut meetings = Vec::new();
    let mut ms = Vec::new();
    for (m, _) in freed.iter().enumerate().filter(|&(_, &f)| f) {
        let meeting = inst.meeting(m);
        for p in [meeting.a, meeting.b] {
            if index[p] == usize::MAX {
                index[p] = participants.len();
                participants.push(p);
            }
        }
        ms.push(MeetingSpec {
            a: index[meeting.a],
            b: index[meeting.b],
            ..MeetingSpec::default()
        });
        meetings.push(m);
    }
    let pinned: Vec<SlotSet> = participants
        .iter()
        .map(|&p| {
            inst.meetings_of(p)
                .iter()
                .filter(|&&m| !freed[m])
                .fold(0, |acc, &m| acc | to_window(slots[m]))
        })
        .collect();
    let specs = pinned
        .iter()
        .map(|&pin| ParticipantSpec {
            name: String::new(),
            forbidden: crate::model::slots_of(pin).collect(),
            host: false,
        })
        .collect();
    let mut capacity = vec![inst.n_tables(); width];
    for (m, &s) in slots.iter().enumerate() {
        if !freed[m] && (lo..=hi).contains(&s) {
            capacity[first + s - lo] -= 1;
        }
    }
    let spec = InstanceSpec {
        participants: specs,
        meetings: ms,
        sessions: vec![SessionSpec {
            name: String::new(),
            slots: width,
        }],
        tables: inst.spec().tables.clone(),
        fairness: None,
        hosts_keep_tables: false,
    };
    let mut sub = Instance::new(spec).ok()?;
    for (i, &m) in meetings.iter().enumerate() {
        let allowed = crate::model::slots_of(inst.meeting(m).allowed & span)
            .fold(0, |acc, s| acc | to_window(s));
        sub.restrict(i, allowed);
    }
    for (i, &pin) in pinned.iter().enumerate() {
        sub.pin(i, pin);
    }
    sub.set_capacity(capacity);
    Some(Window {
        inst: sub,
        meetings,
        participants,
        day_slot,
    })
}

pub(crate) struct Lns<'a> {
    inst: &'a Instance,
    slots: Vec<usize>,
    breaks: Vec<u32>,
    rng: StdRng,
    /// Meetings that may move: neither fixed by the organiser nor bound by a precedence.
    movable: Vec<bool>,
}

impl<'a> Lns<'a> {
    pub fn new(inst: &'a Instance, slots: Vec<usize>, seed: u64) -> Self {
        let breaks = busy_sets(inst, &slots.iter().map(|&s| Some(s)).collect::<Vec<_>>())
            .iter()
            .map(|&b| breaks_of(b))
            .collect();
        let movable = (0..inst.n_meetings())
            .map(|m| {
                let meeting = inst.meeting(m);
                meeting.fixed.is_none()
                    && meeting.after.is_empty()
                    && inst.successors(m).is_empty()
                    && meeting.allowed.count_ones() > 1
            })
            .collect();
        Lns {
            inst,
            slots,
            breaks,
            rng: StdRng::seed_from_u64(seed),
            movable,
        }
    }

    pub fn total(&self) -> u32 {
        self.breaks.iter().sum()
    }

    pub fn slots(&self) -> Vec<Option<usize>> {
        self.slots.iter().map(|&s| Some(s)).collect()
    }

    /// Improves windows until the deadline or until every participant's breaks reach `floor`
    /// (nothing left to gain).
    pub fn run(&mut self, deadline: Instant, lower_bound: u32) {
        let inst = self.inst;
        let n_slots = inst.n_slots();
        let width_max = n_slots.min(8);
        while Instant::now() < deadline && self.total() > lower_bound {
            // Participants over the fairness bound first, then anyone with a break.
            let cap = self.cap();
            let mut broken: Vec<usize> = (0..inst.n_participants())
                .filter(|&p| self.breaks[p] > cap)
                .collect();
            if broken.is_empty() {
                broken = (0..inst.n_participants())
                    .filter(|&p| self.breaks[p] > 0)
                    .collect();
            }
            let p0 = broken[self.rng.gen_range(0..broken.len())];
            // A window of the day around one of p0's idle slots.
            let busy = self.busy_of(p0);
            let lo = busy.trailing_zeros() as usize;
            let hi = 127 - busy.leading_zeros() as usize;
            let gaps: Vec<usize> = (lo..=hi).filter(|&s| busy >> s & 1 == 0).collect();
            let g = gaps[self.rng.gen_range(0..gaps.len())];
            let width = self.rng.gen_range(3..=width_max.max(3)).min(n_slots);
            let start = g
                .saturating_sub(self.rng.gen_range(0..width))
                .min(n_slots - width);
            let span: SlotSet = ((1u128 << width) - 1) << start;
            // The meetings in the window of a connected group grown from p0.
            let mut freed = vec![false; inst.n_meetings()];
            let mut count = 0;
            let mut queue = std::collections::VecDeque::from([p0]);
            let mut seen = vec![false; inst.n_participants()];
            seen[p0] = true;
            while let Some(p) = queue.pop_front() {
                for &m in inst.meetings_of(p) {
                    if count >= FREED {
                        break;
                    }
                    if freed[m] || !self.movable[m] || span >> self.slots[m] & 1 == 0 {
                        continue;
                    }
                    freed[m] = true;
                    count += 1;
                    let q = inst.meeting(m).other(p);
                    if !seen[q] {
                        seen[q] = true;
                        queue.push_back(q);
                    }
                }
                if count >= FREED {
                    break;
                }
            }
            if count >= 2 {
                self.improve(&freed, span, deadline);
            }
        }
    }

    /// Most breaks anyone may have under the fairness bound, given the least broken participant.
    fn cap(&self) -> u32 {
        let min = self.breaks.iter().copied().min().unwrap_or(0);
        self.inst.fairness().map_or(u32::MAX, |d| min + d)
    }

    fn busy_of(&self, p: usize) -> SlotSet {
        self.inst
            .meetings_of(p)
            .iter()
            .fold(0, |acc, &m| acc | 1u128 << self.slots[m])
    }

    /// Solves one window; keeps the result if it has fewer breaks and stays fair.
    fn improve(&mut self, freed: &[bool], span: SlotSet, deadline: Instant) {
        let inst = self.inst;
        let Some(w) = window(inst, &self.slots, freed, span) else {
            return;
        };
        let mut inside = vec![false; inst.n_participants()];
        for &p in &w.participants {
            inside[p] = true;
        }
        // Breaks in the window's terms now, and the constant that turns them into the day's.
        let local = |slots_of_window: &[usize]| -> Vec<u32> {
            let mut busy: Vec<SlotSet> = (0..w.participants.len())
                .map(|i| w.inst.pinned(i))
                .collect();
            for (i, &s) in slots_of_window.iter().enumerate() {
                let meeting = w.inst.meeting(i);
                busy[meeting.a] |= 1u128 << s;
                busy[meeting.b] |= 1u128 << s;
            }
            busy.iter().map(|&b| breaks_of(b)).collect()
        };
        let current: Vec<usize> = w
            .meetings
            .iter()
            .map(|&m| {
                w.day_slot
                    .iter()
                    .position(|&d| d == Some(self.slots[m]))
                    .expect("freed meetings sit in the span")
            })
            .collect();
        let now_local = local(&current);
        let offset: Vec<u32> = w
            .participants
            .iter()
            .zip(&now_local)
            .map(|(&p, &l)| self.breaks[p] - l)
            .collect();
        let before: u32 = now_local.iter().sum();
        if before == 0 {
            return;
        }
        let cap = self.cap();
        let unfair =
            inst.fairness().is_some() && w.participants.iter().any(|&p| self.breaks[p] > cap);
        let mut model = Model::new(
            &w.inst,
            &sat::Options {
                breaks: true,
                optional: false,
                symmetry: false,
            },
        );
        // Fairness: whoever is in the window stays within d of everyone outside it.
        let mut extra = Vec::new();
        if let Some(d) = inst.fairness() {
            let outside = (0..inst.n_participants()).filter(|&p| !inside[p]);
            let (lo, hi) = outside.fold((u32::MAX, 0), |(lo, hi), p| {
                (lo.min(self.breaks[p]), hi.max(self.breaks[p]))
            });
            if lo == u32::MAX {
                return;
            }
            // No worse than now for whoever is already over the bound.
            let caps: Vec<usize> = w
                .participants
                .iter()
                .zip(&offset)
                .map(|(&p, &o)| ((lo + d).max(self.breaks[p]).saturating_sub(o)) as usize)
                .collect();
            extra = model.participant_caps(&caps);
            // Nobody inside may fall so low that someone outside ends more than d above them, nor
            // below the outside's least: with the caps, everyone then sits in [lo, lo + d], so two
            // people inside cannot drift apart either (only meaningful while the outside is fair).
            if hi <= lo + d {
                let floor = hi.saturating_sub(d).max(lo);
                let floors: Vec<usize> = offset
                    .iter()
                    .map(|&o| floor.saturating_sub(o) as usize)
                    .collect();
                match model.participant_floors(&floors) {
                    Some(f) => extra.extend(f),
                    None => return,
                }
            }
        }
        let objective = model.add_objective(model.break_lits.clone());
        // A window with someone over the fairness bound is first repaired, whatever the breaks.
        let mut best = if unfair { u32::MAX } else { before };
        while best > 0 {
            let bounds = if best == u32::MAX {
                Vec::new()
            } else {
                vec![(objective, best as usize - 1)]
            };
            let sat::Outcome::Sat(found) = model.solve(&bounds, &extra, deadline, Some(BUDGET))
            else {
                break;
            };
            let found: Vec<usize> = found
                .iter()
                .map(|s| s.expect("every meeting placed"))
                .collect();
            for (i, &s) in found.iter().enumerate() {
                self.slots[w.meetings[i]] = w.day_slot[s].expect("freed meetings stay in the span");
            }
            for &p in &w.participants {
                self.breaks[p] = breaks_of(self.busy_of(p));
            }
            best = local(&found).iter().sum();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::generate::{GeneratorConfig, generate};
    use crate::heuristic::Search;
    use crate::schedule::{assign_tables, breaks_and_spread};

    #[test]
    fn windows_keep_the_schedule_valid_and_never_add_breaks() {
        for seed in 0..6 {
            let cfg = GeneratorConfig {
                hosts: 40,
                visitors: 40,
                meetings: 500,
                tables: 40,
                ..GeneratorConfig::large_event(seed)
            };
            let inst = Instance::new(generate(&cfg)).expect("valid");
            let mut search = Search::new(&inst, seed);
            search.construct(None);
            let found = search.improve(
                Instant::now() + Duration::from_secs(5),
                0,
                2 * inst.n_meetings() as u64,
            );
            assert!(found.feasible);
            let (start_breaks, start_spread) = breaks_and_spread(&inst, &found.slots);
            let slots = found.slots.iter().map(|s| s.expect("placed")).collect();
            let mut lns = Lns::new(&inst, slots, seed);
            lns.run(Instant::now() + Duration::from_millis(500), 0);
            let schedule = assign_tables(&inst, &lns.slots(), None);
            let mut loose = inst.spec().clone();
            loose.fairness = None;
            let eval = crate::check(&loose, &schedule).expect("valid");
            // The windows' break counts, translated to the day, agree with the checker's.
            assert_eq!(eval.total_breaks, lns.total());
            let (_, spread) = breaks_and_spread(&inst, &lns.slots());
            if start_spread <= 2 {
                assert!(eval.total_breaks <= start_breaks, "seed {seed}");
                assert!(spread <= 2, "seed {seed}: fairness lost");
            }
        }
    }
}
