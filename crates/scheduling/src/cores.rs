//! Lower bounds from unsatisfiable cores (OLL, the core-guided MaxSAT algorithm behind the paper's
//! best solver). Each break beyond a participant's own lower bound is a unit of cost; the solver is
//! asked for a schedule paying none of them. When it refuses, it names a set of cost units of which
//! at least one must be paid (a core): the bound rises by one, and the core's units are replaced by
//! one counter over them whose "at least two" becomes the next unit. A refusal involves only the few
//! participants who conflict, so each step is a small proof, where a bound on the total would have
//! to be refuted over everyone at once. The first schedule the solver accepts is optimal.

use std::time::Instant;

use rustsat::encodings::card::Totalizer;
use rustsat::types::Lit;

use crate::sat::{self, Model};

/// A cost unit the search currently assumes away.
#[derive(Debug, Clone, Copy)]
struct Soft {
    /// The assumption; its negation is the unit of cost.
    assume: Lit,
    /// The counter whose next unit this is, and the bound the unit stands for.
    sum: (Counter, usize),
}

/// Counters of cost units: a participant's breaks, or a core's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counter {
    Participant(usize),
    Core(usize),
}

pub(crate) struct Cores {
    /// One unit per counter: its next one is implied, and assumed only once this one is paid
    /// (fewer assumptions make each conflict cheaper).
    softs: Vec<Soft>,
    sums: Vec<Totalizer>,
    /// Per participant, its unary break counter (`[j]` ⇔ more than j breaks).
    counts: Vec<Vec<Lit>>,
    /// Units of cost proven unavoidable beyond the participants' own bounds.
    pub raised: u32,
}

pub(crate) enum Step {
    /// A schedule paying no assumed unit: its cost is the lower bound, hence optimal.
    Optimal(Vec<Option<usize>>),
    /// The bound rose by one.
    Raised,
    Interrupted,
}

/// Re-solves a core on its own this many times at most, keeping it when it shrinks: smaller cores
/// make smaller counters and stronger later steps.
const TRIMS: usize = 3;

impl Cores {
    /// Units: participant p's breaks beyond `floors[p]` (already counted in the caller's bound).
    pub fn new(model: &Model, floors: &[usize]) -> Self {
        let counts = model.break_counts().to_vec();
        let softs = counts
            .iter()
            .zip(floors)
            .enumerate()
            .filter_map(|(p, (c, &floor))| {
                c.get(floor).map(|&more| Soft {
                    assume: !more,
                    sum: (Counter::Participant(p), floor),
                })
            })
            .collect();
        Cores {
            softs,
            sums: Vec::new(),
            counts,
            raised: 0,
        }
    }

    /// The unit after the one bounding `counter` by `bound`, if the counter can go that high.
    fn next(&mut self, model: &mut Model, counter: Counter, bound: usize) -> Option<Soft> {
        let assume = match counter {
            Counter::Participant(p) => !*self.counts[p].get(bound + 1)?,
            Counter::Core(i) => model.sum_at_most(&mut self.sums[i], bound + 1)?,
        };
        Some(Soft {
            assume,
            sum: (counter, bound + 1),
        })
    }

    /// One call of the solver under the current assumptions, within `budget` conflicts.
    pub fn step(&mut self, model: &mut Model, deadline: Instant, budget: Option<u64>) -> Step {
        let assumps: Vec<Lit> = self.softs.iter().map(|s| s.assume).collect();
        match model.solve(&[], &assumps, deadline, budget) {
            sat::Outcome::Sat(slots) => return Step::Optimal(slots),
            sat::Outcome::Interrupted => return Step::Interrupted,
            sat::Outcome::Unsat => {}
        }
        let mut core = model.core();
        if core.is_empty() {
            // The rules alone are contradictory: never once a schedule was found, which callers do
            // first. Nothing to relax.
            return Step::Interrupted;
        }
        for _ in 0..TRIMS {
            if core.len() <= 1 {
                break;
            }
            let assumps: Vec<Lit> = core.iter().map(|&l| !l).collect();
            if !matches!(
                model.solve(&[], &assumps, deadline, budget),
                sat::Outcome::Unsat
            ) {
                break;
            }
            let smaller = model.core();
            if smaller.is_empty() || smaller.len() >= core.len() {
                break;
            }
            core = smaller;
        }
        self.relax(model, &core);
        self.raised += 1;
        Step::Raised
    }

    /// Replaces the core's units by the next units of their counters and a counter over the core.
    fn relax(&mut self, model: &mut Model, core: &[Lit]) {
        let in_core: std::collections::HashSet<Lit> = core.iter().map(|&l| !l).collect();
        let (taken, kept): (Vec<Soft>, Vec<Soft>) =
            self.softs.iter().partition(|s| in_core.contains(&s.assume));
        self.softs = kept;
        for soft in &taken {
            // A counter's unit paid: its next unit ("one more") is assumed away in its place.
            let (counter, bound) = soft.sum;
            if let Some(next) = self.next(model, counter, bound) {
                self.softs.push(next);
            }
        }
        if let [only] = taken.as_slice() {
            model.harden(!only.assume);
            return;
        }
        let mut tot = Totalizer::from(taken.iter().map(|s| !s.assume).collect::<Vec<Lit>>());
        if let Some(assume) = model.sum_at_most(&mut tot, 1) {
            self.softs.push(Soft {
                assume,
                sum: (Counter::Core(self.sums.len()), 1),
            });
        }
        self.sums.push(tot);
    }
}
