//! The fast method: a greedy construction (most constrained meetings first, each put where it adds
//! the fewest conflicts and breaks) followed by a penalty-driven local search (single-meeting moves and
//! swaps of two meetings of the same participant). Hard constraints are penalised rather than forbidden,
//! so the search can walk through infeasible states; a result is "feasible" only with zero penalty.
//! This is what scales to thousands of participants; the SAT model proves optimality on small events.

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::model::{Instance, breaks_of, slots_of};

/// Weight of one hard violation (participant twice in a slot, table overflow, precedence).
const HARD: i64 = 10_000;
/// Weight of one break above the fairness bound.
const UNFAIR: i64 = 100;

pub(crate) struct Search<'a> {
    inst: &'a Instance,
    slot: Vec<Option<usize>>,
    /// cnt[p * n_slots + s]: meetings of p at s.
    cnt: Vec<u16>,
    busy: Vec<u128>,
    load: Vec<usize>,
    breaks: Vec<u32>,
    hard: i64,
    total_breaks: i64,
    excess: i64,
    /// Breaks allowed to each participant by the fairness bound (assuming the least-broken has none).
    cap: u32,
    rng: StdRng,
}

/// Best assignment found, whether it breaks no hard rule, and its cost (hard violations, then breaks
/// over the fairness bound, then breaks).
pub(crate) struct Found {
    pub slots: Vec<Option<usize>>,
    pub feasible: bool,
    pub cost: i64,
}

impl<'a> Search<'a> {
    pub fn new(inst: &'a Instance, seed: u64) -> Self {
        let n_slots = inst.n_slots();
        Search {
            inst,
            slot: vec![None; inst.n_meetings()],
            cnt: vec![0; inst.n_participants() * n_slots],
            busy: vec![0; inst.n_participants()],
            load: vec![0; n_slots],
            breaks: vec![0; inst.n_participants()],
            hard: 0,
            total_breaks: 0,
            excess: 0,
            cap: inst.fairness().unwrap_or(u32::MAX),
            rng: StdRng::seed_from_u64(seed),
        }
    }

    fn cost(&self) -> i64 {
        self.hard * HARD + self.excess * UNFAIR + self.total_breaks
    }

    fn precedence_violations(&self, m: usize, at: usize) -> i64 {
        let inst = self.inst;
        let mut v = 0;
        for &o in &inst.meeting(m).after {
            if self.slot[o].is_some_and(|so| so >= at) {
                v += 1;
            }
        }
        for &o in inst.successors(m) {
            if self.slot[o].is_some_and(|so| so <= at) {
                v += 1;
            }
        }
        v
    }

    fn participant_touch(&mut self, p: usize, s: usize, add: bool) {
        let idx = p * self.inst.n_slots() + s;
        let old_b = self.breaks[p];
        if add {
            if self.cnt[idx] >= 1 {
                self.hard += 1;
            }
            self.cnt[idx] += 1;
            self.busy[p] |= 1u128 << s;
        } else {
            self.cnt[idx] -= 1;
            if self.cnt[idx] >= 1 {
                self.hard -= 1;
            } else {
                self.busy[p] &= !(1u128 << s);
            }
        }
        let new_b = breaks_of(self.busy[p]);
        self.breaks[p] = new_b;
        self.total_breaks += i64::from(new_b) - i64::from(old_b);
        self.excess +=
            i64::from(new_b.saturating_sub(self.cap)) - i64::from(old_b.saturating_sub(self.cap));
    }

    /// Moves meeting `m` to `to` (or out of the schedule), keeping all cost terms current.
    fn set(&mut self, m: usize, to: Option<usize>) {
        let from = self.slot[m];
        if from == to {
            return;
        }
        let (a, b) = (self.inst.meeting(m).a, self.inst.meeting(m).b);
        let tables = self.inst.n_tables();
        if let Some(s) = from {
            self.hard -= self.precedence_violations(m, s);
            self.participant_touch(a, s, false);
            self.participant_touch(b, s, false);
            if self.load[s] > tables {
                self.hard -= 1;
            }
            self.load[s] -= 1;
            self.slot[m] = None;
        }
        if let Some(s) = to {
            self.participant_touch(a, s, true);
            self.participant_touch(b, s, true);
            self.load[s] += 1;
            if self.load[s] > tables {
                self.hard += 1;
            }
            self.hard += self.precedence_violations(m, s);
            self.slot[m] = Some(s);
        }
    }

    fn in_conflict(&self, m: usize) -> bool {
        let Some(s) = self.slot[m] else { return true };
        let n = self.inst.n_slots();
        let meeting = self.inst.meeting(m);
        self.cnt[meeting.a * n + s] > 1
            || self.cnt[meeting.b * n + s] > 1
            || self.load[s] > self.inst.n_tables()
            || self.precedence_violations(m, s) > 0
    }

    /// Best slot for `m` (by total cost), excluding `avoid`; ties broken at random.
    fn best_slot(&mut self, m: usize, avoid: Option<usize>) -> Option<(usize, i64)> {
        let from = self.slot[m];
        let base = self.cost();
        let mut best: Option<(usize, i64)> = None;
        let mut ties = 0;
        for s in slots_of(self.inst.meeting(m).allowed) {
            if Some(s) == avoid || Some(s) == from {
                continue;
            }
            self.set(m, Some(s));
            let delta = self.cost() - base;
            match best {
                Some((_, d)) if delta > d => {}
                Some((_, d)) if delta == d => {
                    ties += 1;
                    if self.rng.gen_range(0..=ties) == 0 {
                        best = Some((s, delta));
                    }
                }
                _ => {
                    ties = 0;
                    best = Some((s, delta));
                }
            }
        }
        self.set(m, from);
        best
    }

    /// The meeting of `p` at slot `s`, if any (the first one when there are several).
    fn meeting_at(&self, p: usize, s: usize) -> Option<usize> {
        if self.cnt[p * self.inst.n_slots() + s] == 0 {
            return None;
        }
        self.inst
            .meetings_of(p)
            .iter()
            .copied()
            .find(|&m| self.slot[m] == Some(s))
    }

    /// Kempe chain of `m` between its slot and `to`: the meetings reachable from `m` through
    /// participants busy in both slots. Swapping the two slots along the chain keeps every participant
    /// in at most one meeting per slot, and changes only the chain's end participants' days.
    /// `None` if the chain is too long or a meeting on it cannot take the other slot.
    fn kempe_chain(&self, m: usize, to: usize, limit: usize) -> Option<Vec<usize>> {
        let from = self.slot[m]?;
        let mut chain = vec![m];
        let mut seen = std::collections::HashSet::from([m]);
        let mut i = 0;
        while i < chain.len() {
            let c = chain[i];
            i += 1;
            let cs = self.slot[c]?;
            let other = if cs == from { to } else { from };
            if self.inst.meeting(c).allowed >> other & 1 == 0 {
                return None;
            }
            let meeting = self.inst.meeting(c);
            for p in [meeting.a, meeting.b] {
                if let Some(n) = self.meeting_at(p, other)
                    && seen.insert(n)
                {
                    chain.push(n);
                    if chain.len() > limit {
                        return None;
                    }
                }
            }
        }
        Some(chain)
    }

    /// Swaps slots `a` and `b` along `chain`.
    fn swap_chain(&mut self, chain: &[usize], a: usize, b: usize) {
        let targets: Vec<Option<usize>> = chain
            .iter()
            .map(|&c| self.slot[c].map(|s| if s == a { b } else { a }))
            .collect();
        // Take them all out first so that intermediate states do not count fake conflicts.
        for &c in chain {
            self.set(c, None);
        }
        for (&c, &t) in chain.iter().zip(&targets) {
            self.set(c, t);
        }
    }

    /// Greedy construction, most constrained meetings first.
    pub fn construct(&mut self, start: Option<&[Option<usize>]>) {
        let inst = self.inst;
        let mut order: Vec<usize> = (0..inst.n_meetings()).collect();
        if let Some(start) = start {
            for (m, s) in start.iter().enumerate() {
                if let Some(s) = s.filter(|&s| inst.meeting(m).allowed >> s & 1 == 1) {
                    self.set(m, Some(s));
                }
            }
        }
        let degree = |m: usize| {
            inst.meetings_of(inst.meeting(m).a).len() + inst.meetings_of(inst.meeting(m).b).len()
        };
        order.sort_by_key(|&m| {
            (
                inst.meeting(m).allowed.count_ones(),
                std::cmp::Reverse(degree(m)),
                m,
            )
        });
        for m in order {
            if self.slot[m].is_none()
                && let Some((s, _)) = self.best_slot(m, None)
            {
                self.set(m, Some(s));
            }
        }
    }

    /// One move of the break-reduction phase, kept only if the cost stays within `limit`.
    fn break_move(&mut self, limit: i64) {
        let inst = self.inst;
        if self.rng.gen_bool(0.7) {
            // Kempe move aimed at a participant with breaks: one of its meetings goes to an idle
            // slot inside its day, and the chain follows.
            // Most participants have no break: look a little for one that has.
            let Some(p) = (0..32)
                .map(|_| self.rng.gen_range(0..inst.n_participants()))
                .find(|&p| self.breaks[p] > 0)
            else {
                return;
            };
            let ms = inst.meetings_of(p);
            let m = ms[self.rng.gen_range(0..ms.len())];
            let (Some(from), busy) = (self.slot[m], self.busy[p]) else {
                return;
            };
            let span_lo = busy.trailing_zeros() as usize;
            let span_hi = 127 - busy.leading_zeros() as usize;
            let idle: Vec<usize> = (span_lo..=span_hi)
                .filter(|&s| busy >> s & 1 == 0 && inst.meeting(m).allowed >> s & 1 == 1)
                .collect();
            if idle.is_empty() {
                return;
            }
            let to = idle[self.rng.gen_range(0..idle.len())];
            let Some(chain) = self.kempe_chain(m, to, 64) else {
                return;
            };
            self.swap_chain(&chain, from, to);
            if self.cost() > limit {
                self.swap_chain(&chain, from, to);
            }
        } else if self.rng.gen_bool(0.5) {
            // A meeting to its best other slot.
            let m = self.rng.gen_range(0..inst.n_meetings());
            let before = self.cost();
            if let Some((s, delta)) = self.best_slot(m, None)
                && before + delta <= limit
            {
                self.set(m, Some(s));
            }
        } else {
            // Two meetings of one participant swap slots.
            let m = self.rng.gen_range(0..inst.n_meetings());
            let meeting = inst.meeting(m);
            let p = if self.rng.gen_bool(0.5) {
                meeting.a
            } else {
                meeting.b
            };
            let ms = inst.meetings_of(p);
            let o = ms[self.rng.gen_range(0..ms.len())];
            let (sm, so) = (self.slot[m], self.slot[o]);
            let swappable = o != m
                && so.is_some_and(|s| inst.meeting(m).allowed >> s & 1 == 1)
                && sm.is_some_and(|s| inst.meeting(o).allowed >> s & 1 == 1);
            if swappable {
                self.set(m, so);
                self.set(o, sm);
                if self.cost() > limit {
                    self.set(o, so);
                    self.set(m, sm);
                }
            }
        }
    }

    /// Local search until `deadline`, `target` cost or `stall` moves without improvement.
    pub fn improve(&mut self, deadline: Instant, target_breaks: u32, stall: u64) -> Found {
        self.improve_for(deadline, target_breaks, stall, u64::MAX)
    }

    /// [`Search::improve`], also stopping after `moves` moves.
    pub fn improve_for(
        &mut self,
        deadline: Instant,
        target_breaks: u32,
        stall: u64,
        moves: u64,
    ) -> Found {
        let inst = self.inst;
        let n_m = inst.n_meetings();
        let mut best_cost = self.cost();
        let mut best = self.slot.clone();
        let mut since_best = 0u64;
        let mut conflicts: Vec<usize> = Vec::new();
        let mut tabu: Vec<u64> = vec![0; n_m];
        let mut iter = 0u64;
        while since_best < stall && iter < moves {
            iter += 1;
            since_best += 1;
            if iter.is_multiple_of(256) && Instant::now() >= deadline {
                break;
            }
            if self.hard == 0 && self.excess == 0 && self.total_breaks <= i64::from(target_breaks) {
                break;
            }
            if self.hard > 0 {
                // Repair: a meeting in conflict goes to its best slot, tabu for a while to avoid cycling.
                if conflicts.is_empty() {
                    conflicts = (0..n_m).filter(|&m| self.in_conflict(m)).collect();
                }
                let i = self.rng.gen_range(0..conflicts.len().max(1));
                let Some(m) = conflicts.get(i).copied() else {
                    continue;
                };
                conflicts.swap_remove(i);
                if !self.in_conflict(m) || tabu[m] > iter {
                    continue;
                }
                if let Some((s, _)) = self.best_slot(m, None) {
                    self.set(m, Some(s));
                    tabu[m] = iter + 10 + self.rng.gen_range(0..10);
                }
            } else {
                // Sideways moves are kept: they let the search drift across plateaus of equal cost.
                self.break_move(self.cost());
            }
            let c = self.cost();
            if c < best_cost {
                best_cost = c;
                best.clone_from(&self.slot);
                since_best = 0;
            }
        }
        // Re-evaluate the best assignment from scratch.
        for (m, &s) in best.iter().enumerate() {
            self.set(m, s);
        }
        Found {
            feasible: self.hard == 0 && self.slot.iter().all(Option::is_some),
            slots: best,
            cost: self.cost(),
        }
    }
}
