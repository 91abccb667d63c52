//! A first schedule for large events, built slot by slot from the start of the day: in each slot a
//! matching of the meetings still to place, grown by augmenting paths from the participants who
//! need a meeting now most: first those who would otherwise run out of usable slots (or a meeting
//! about to lose its last possible slot), then those who were busy in the previous slot (idle now
//! would open a break) or have one slot to spare, the most broken first. Anyone else only joins as the far end of such a path.
//! So each participant's day tends to be one block of consecutive meetings, started when a partner
//! needs it or when it must, which is what few breaks means. Meetings this misses are left out (the
//! local search places them).

use crate::model::{Instance, SlotSet, breaks_of};

/// Longest augmenting path tried (participants), to bound the work per slot on large events.
const DEPTH: usize = 64;

struct Sweep<'a> {
    inst: &'a Instance,
    slot: Vec<Option<usize>>,
    busy: Vec<SlotSet>,
    /// Meetings not yet placed, per participant.
    left: Vec<usize>,
    /// The slot being filled.
    s: usize,
    /// Meeting held by each participant in slot `s` (fixed ones included).
    mate: Vec<Option<usize>>,
    /// Visit marks of the current augmenting-path search (equal to `stamp` when visited).
    seen: Vec<u32>,
    stamp: u32,
    /// How much each participant wants a meeting in slot `s` (lower: more).
    rank: Vec<u8>,
}

/// Must meet now: else a meeting or the participant runs out of slots.
const CRITICAL: u8 = 0;
/// Busy in the previous slot (idle now opens a break), or one slot from running out.
const WANTING: u8 = 1;
/// Within a break already: idle now costs nothing.
const PAUSED: u8 = 2;
/// Not started: a meeting now starts the day earlier than needed.
const WAITING: u8 = 3;

impl<'a> Sweep<'a> {
    /// Slots from `s` on where meeting `m` may still go.
    fn room(&self, m: usize) -> SlotSet {
        let meeting = self.inst.meeting(m);
        meeting.allowed & !(self.busy[meeting.a] | self.busy[meeting.b]) & !low(self.s)
    }

    /// Whether `m` may be held in the current slot.
    fn open(&self, m: usize) -> bool {
        let meeting = self.inst.meeting(m);
        self.slot[m].is_none()
            && self.room(m) >> self.s & 1 == 1
            && meeting
                .after
                .iter()
                .all(|&o| self.slot[o].is_some_and(|t| t < self.s))
    }

    fn place(&mut self, m: usize, s: usize) {
        let meeting = self.inst.meeting(m);
        self.slot[m] = Some(s);
        for p in [meeting.a, meeting.b] {
            self.busy[p] |= 1u128 << s;
            self.left[p] -= 1;
        }
    }

    /// Direct partner first (the one who wants the meeting most, on the meeting with the fewest slots
    /// left), else an alternating path through a matched partner whose mate finds another meeting.
    fn augment(&mut self, v: usize, depth: usize) -> bool {
        self.seen[v] = self.stamp;
        let inst = self.inst;
        let direct = inst
            .meetings_of(v)
            .iter()
            .copied()
            .filter(|&m| self.open(m))
            .filter(|&m| {
                let u = inst.meeting(m).other(v);
                self.mate[u].is_none() && self.seen[u] != self.stamp
            })
            .min_by_key(|&m| {
                let u = inst.meeting(m).other(v);
                (self.rank[u], self.room(m).count_ones(), m)
            });
        if let Some(m) = direct {
            let u = inst.meeting(m).other(v);
            self.mate[u] = Some(m);
            self.mate[v] = Some(m);
            return true;
        }
        if depth == 0 {
            return false;
        }
        for &m in inst.meetings_of(v) {
            if !self.open(m) {
                continue;
            }
            let u = inst.meeting(m).other(v);
            let Some(held) = self.mate[u] else { continue };
            // Fixed meetings do not move.
            if self.seen[u] == self.stamp || self.slot[held].is_some() {
                continue;
            }
            let w = inst.meeting(held).other(u);
            if self.seen[w] == self.stamp {
                continue;
            }
            self.seen[u] = self.stamp;
            self.mate[w] = None;
            if self.augment(w, depth - 1) {
                self.mate[u] = Some(m);
                self.mate[v] = Some(m);
                return true;
            }
            self.mate[w] = Some(held);
        }
        false
    }

    fn fill(&mut self, s: usize) {
        let inst = self.inst;
        self.s = s;
        self.mate.fill(None);
        let mut load = 0;
        for m in 0..inst.n_meetings() {
            if self.slot[m] == Some(s) {
                let meeting = inst.meeting(m);
                self.mate[meeting.a] = Some(m);
                self.mate[meeting.b] = Some(m);
                load += 1;
            }
        }
        let mut wanting: Vec<(u8, std::cmp::Reverse<u32>, u32, usize)> = Vec::new();
        for p in 0..inst.n_participants() {
            if self.left[p] == 0 || self.mate[p].is_some() {
                self.rank[p] = WAITING;
                continue;
            }
            let mut usable: SlotSet = 0;
            let mut last_chance = false;
            for &m in inst.meetings_of(p) {
                if self.slot[m].is_none() {
                    let room = self.room(m);
                    usable |= room;
                    last_chance |= room == 1u128 << s;
                }
            }
            let slack = usable.count_ones().saturating_sub(self.left[p] as u32);
            let started = self.busy[p] & low(s) != 0;
            let continuing = s > 0 && self.busy[p] >> (s - 1) & 1 == 1;
            self.rank[p] = if slack == 0 || last_chance {
                CRITICAL
            } else if continuing || slack == 1 {
                // One slot from running out: starting or resuming now keeps a slot to spare, which
                // leaves far fewer meetings out at the end of the day (59 against 141 on the large
                // event) for a few more breaks, which the local search then removes.
                WANTING
            } else if started {
                PAUSED
            } else {
                WAITING
            };
            if self.rank[p] <= WANTING {
                let breaks = breaks_of(self.busy[p]);
                wanting.push((self.rank[p], std::cmp::Reverse(breaks), slack, p));
            }
        }
        wanting.sort_unstable();
        for &(_, _, _, p) in &wanting {
            if load >= inst.capacity(s) {
                break;
            }
            if self.mate[p].is_some() {
                continue;
            }
            self.stamp += 1;
            if self.augment(p, DEPTH) {
                load += 1;
            }
        }
        for p in 0..inst.n_participants() {
            if let Some(m) = self.mate[p]
                && self.slot[m].is_none()
            {
                self.place(m, s);
            }
        }
    }
}

/// Slots `0..s`.
fn low(s: usize) -> SlotSet {
    crate::model::low_mask(s)
}

/// Slot of each meeting (`None` for those the sweep could not place).
pub(crate) fn sweep(inst: &Instance) -> Vec<Option<usize>> {
    let n_p = inst.n_participants();
    let mut sweep = Sweep {
        inst,
        slot: vec![None; inst.n_meetings()],
        busy: vec![0; n_p],
        left: vec![0; n_p],
        s: 0,
        mate: vec![None; n_p],
        seen: vec![0; n_p],
        stamp: 0,
        rank: vec![WAITING; n_p],
    };
    for m in 0..inst.n_meetings() {
        let meeting = inst.meeting(m);
        sweep.left[meeting.a] += 1;
        sweep.left[meeting.b] += 1;
    }
    // Meetings with one possible slot are held there first (unless that clashes).
    let mut load = vec![0; inst.n_slots()];
    for m in 0..inst.n_meetings() {
        let meeting = inst.meeting(m);
        if meeting.allowed.count_ones() == 1 {
            let s = meeting.allowed.trailing_zeros() as usize;
            let clash = (sweep.busy[meeting.a] | sweep.busy[meeting.b]) >> s & 1 == 1;
            if !clash && load[s] < inst.capacity(s) {
                sweep.place(m, s);
                load[s] += 1;
            }
        }
    }
    for s in 0..inst.n_slots() {
        sweep.fill(s);
    }
    sweep.slot
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GeneratorConfig, generate};

    #[test]
    fn the_sweep_places_nearly_every_meeting_without_breaking_a_rule() {
        for seed in 0..4 {
            let cfg = GeneratorConfig {
                hosts: 150,
                visitors: 150,
                meetings: 2_500,
                tables: 130,
                precedence: 0.02,
                ..GeneratorConfig::large_event(seed)
            };
            let inst = Instance::new(generate(&cfg)).expect("valid");
            let slots = sweep(&inst);
            let mut busy = vec![0u128; inst.n_participants()];
            let mut load = vec![0; inst.n_slots()];
            for (m, s) in slots.iter().enumerate() {
                let Some(s) = *s else { continue };
                let meeting = inst.meeting(m);
                assert_eq!(
                    meeting.allowed >> s & 1,
                    1,
                    "seed {seed}: meeting {m} off its slots"
                );
                for p in [meeting.a, meeting.b] {
                    assert_eq!(
                        busy[p] >> s & 1,
                        0,
                        "seed {seed}: participant {p} twice in {s}"
                    );
                    busy[p] |= 1 << s;
                }
                load[s] += 1;
                assert!(
                    load[s] <= inst.n_tables(),
                    "seed {seed}: slot {s} over its tables"
                );
                for &o in &meeting.after {
                    assert!(
                        slots[o].is_none_or(|t| t < s),
                        "seed {seed}: precedence broken"
                    );
                }
            }
            let placed = slots.iter().flatten().count();
            assert!(
                placed * 100 >= inst.n_meetings() * 97,
                "seed {seed}: only {placed} of {} placed",
                inst.n_meetings()
            );
        }
    }

    #[test]
    fn a_large_event_is_scheduled_fairly_with_fewer_breaks_than_the_sweep() {
        let cfg = GeneratorConfig {
            hosts: 150,
            visitors: 150,
            meetings: 2_500,
            tables: 130,
            ..GeneratorConfig::large_event(7)
        };
        let inst = Instance::new(generate(&cfg)).expect("valid");
        assert!(
            inst.meetings()
                .iter()
                .map(|m| m.allowed.count_ones() as usize)
                .sum::<usize>()
                > crate::solve::SAT_MAX_PAIRS,
            "the event must take the large-event path"
        );
        let first = crate::schedule::breaks_and_spread(&inst, &sweep(&inst)).0;
        let options = crate::SolveOptions {
            time_limit: std::time::Duration::from_secs(4),
            seed: 3,
        };
        let crate::Outcome::Scheduled(sol) = crate::solve(&inst, &options) else {
            panic!("not scheduled");
        };
        let eval = crate::check(inst.spec(), &sol.schedule).expect("valid and fair");
        assert_eq!(eval.total_breaks, sol.total_breaks);
        assert!(sol.fair);
        assert!(sol.lower_bound <= sol.total_breaks);
        assert!(
            sol.total_breaks < first,
            "{} breaks, the sweep alone had {first}",
            sol.total_breaks
        );
    }
}
