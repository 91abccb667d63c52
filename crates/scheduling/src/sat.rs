//! The exact method: a SAT encoding of the whole problem solved by BatSat (pure Rust, so the crate
//! builds anywhere without a C toolchain or libclang) through rustsat. Costs are sums of literals
//! behind incremental totalizers; the callers minimise them by asking for ever larger bounds under
//! assumptions, which proves optimality when the first satisfiable bound is found.

use std::time::Instant;

use rustsat::encodings::card::{BoundUpper, BoundUpperIncremental, Encode, Totalizer};
use rustsat::instances::{BasicVarManager, ManageVars};
use rustsat::solvers::{Solve, SolveIncremental, SolverResult};
use rustsat::types::{Clause, Lit, TernaryVal};

use crate::model::{Instance, slots_of};

/// Stops the SAT search at the deadline or after a number of learnt clauses (BatSat polls `stop`
/// between conflicts). The clause budget keeps runs reproducible: it does not depend on the clock.
#[derive(Default)]
pub(crate) struct Limits {
    deadline: Option<Instant>,
    learnt: u64,
    stop_at: Option<u64>,
}

impl batsat::Callbacks for Limits {
    fn on_new_clause(&mut self, _c: &[batsat::Lit], _kind: batsat::clause::Kind) {
        self.learnt += 1;
    }
    fn stop(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
            || self.stop_at.is_some_and(|n| self.learnt >= n)
    }
}

type Solver = rustsat_batsat::Solver<Limits>;

pub(crate) enum Outcome {
    /// Slot of each meeting (`None`: left out, only when placement is optional).
    Sat(Vec<Option<usize>>),
    Unsat,
    Interrupted,
}

/// What to put in the encoding.
pub(crate) struct Options {
    /// Count breaks and enforce the fairness bound.
    pub breaks: bool,
    /// Meetings may be left out (to find the largest placeable set).
    pub optional: bool,
}

pub(crate) struct Model<'a> {
    inst: &'a Instance,
    solver: Solver,
    vm: BasicVarManager,
    /// Per meeting: (slot, literal "meeting held at slot").
    x: Vec<Vec<(usize, Lit)>>,
    /// Break-start literals of all participants (the breaks objective).
    pub break_lits: Vec<Lit>,
    /// Literals "meeting left out" (the placement objective).
    pub unplaced_lits: Vec<Lit>,
    objectives: Vec<(Totalizer, usize)>,
    /// Unary break counters per participant: `counts[p][j]` ⇔ p has more than j breaks.
    counts: Vec<Vec<Lit>>,
    /// A clause could not be added (out of memory): the model is unusable.
    broken: bool,
}

impl<'a> Model<'a> {
    pub fn new(inst: &'a Instance, options: &Options) -> Self {
        let mut model = Model {
            inst,
            solver: Solver::default(),
            vm: BasicVarManager::default(),
            x: Vec::with_capacity(inst.n_meetings()),
            break_lits: Vec::new(),
            unplaced_lits: Vec::new(),
            objectives: Vec::new(),
            counts: Vec::new(),
            broken: false,
        };
        model.encode(options);
        model
    }

    fn lit(&mut self) -> Lit {
        self.vm.new_var().pos_lit()
    }

    fn add(&mut self, lits: &[Lit]) {
        let clause: Clause = lits.iter().copied().collect();
        if self.solver.add_clause(clause).is_err() {
            self.broken = true;
        }
    }

    /// At most one of `lits`: pairwise when short, a sequential counter otherwise (linear size).
    fn at_most_one(&mut self, lits: &[Lit]) {
        if lits.len() <= 6 {
            for i in 0..lits.len() {
                for j in i + 1..lits.len() {
                    self.add(&[!lits[i], !lits[j]]);
                }
            }
            return;
        }
        let mut prev = self.lit();
        self.add(&[!lits[0], prev]);
        for &l in &lits[1..lits.len() - 1] {
            let s = self.lit();
            self.add(&[!l, s]);
            self.add(&[!prev, s]);
            self.add(&[!l, !prev]);
            prev = s;
        }
        self.add(&[!lits[lits.len() - 1], !prev]);
    }

    /// At most `k` of `lits`, permanently.
    fn at_most(&mut self, lits: Vec<Lit>, k: usize) {
        if lits.len() <= k {
            return;
        }
        let mut tot = Totalizer::from(lits);
        if tot
            .encode_ub(k..=k, &mut self.solver, &mut self.vm)
            .is_err()
        {
            self.broken = true;
            return;
        }
        match tot.enforce_ub(k) {
            Ok(units) => {
                for u in units {
                    self.add(&[u]);
                }
            }
            Err(_) => self.broken = true,
        }
    }

    /// Unary counter with outputs `o[j]` ⇔ at least j+1 of `lits` are true (both directions, which the
    /// fairness lower bound needs).
    fn unary_count(&mut self, lits: &[Lit]) -> Vec<Lit> {
        if lits.len() <= 1 {
            return lits.to_vec();
        }
        let (l, r) = lits.split_at(lits.len() / 2);
        let a = self.unary_count(l);
        let b = self.unary_count(r);
        let c: Vec<Lit> = (0..a.len() + b.len()).map(|_| self.lit()).collect();
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                if i + j > 0 {
                    // a ≥ i and b ≥ j ⇒ c ≥ i + j.
                    let mut cl = vec![c[i + j - 1]];
                    if i > 0 {
                        cl.push(!a[i - 1]);
                    }
                    if j > 0 {
                        cl.push(!b[j - 1]);
                    }
                    self.add(&cl);
                }
                if i + j < c.len() {
                    // a ≤ i and b ≤ j ⇒ c ≤ i + j.
                    let mut cl = vec![!c[i + j]];
                    if i < a.len() {
                        cl.push(a[i]);
                    }
                    if j < b.len() {
                        cl.push(b[j]);
                    }
                    self.add(&cl);
                }
            }
        }
        c
    }

    fn encode(&mut self, options: &Options) {
        let inst = self.inst;
        let n_slots = inst.n_slots();
        for m in 0..inst.n_meetings() {
            let lits: Vec<(usize, Lit)> = slots_of(inst.meeting(m).allowed)
                .map(|s| (s, self.lit()))
                .collect();
            let only: Vec<Lit> = lits.iter().map(|&(_, l)| l).collect();
            self.at_most_one(&only);
            if options.optional {
                let out = self.lit();
                let mut cl = only.clone();
                cl.push(out);
                self.add(&cl);
                self.unplaced_lits.push(out);
            } else {
                self.add(&only);
            }
            self.x.push(lits);
        }
        // by_slot[s] = literals of meetings that may be held at s.
        let mut by_slot: Vec<Vec<Lit>> = vec![Vec::new(); n_slots];
        for lits in &self.x {
            for &(s, l) in lits {
                by_slot[s].push(l);
            }
        }
        for lits in by_slot {
            self.at_most(lits, inst.n_tables());
        }
        for m in 0..inst.n_meetings() {
            for &o in &inst.meeting(m).after {
                // o strictly before m: m at s excludes o at any slot ≥ s.
                let (xm, xo) = (self.x[m].clone(), self.x[o].clone());
                for &(s, lm) in &xm {
                    for &(so, lo) in &xo {
                        if so >= s {
                            self.add(&[!lm, !lo]);
                        }
                    }
                }
            }
        }
        let mut per_participant_breaks = Vec::with_capacity(inst.n_participants());
        for p in 0..inst.n_participants() {
            // busy[s]: p holds one of its meetings at s.
            let mut busy: Vec<Option<Lit>> = vec![None; n_slots];
            let mut at_slot: Vec<Vec<Lit>> = vec![Vec::new(); n_slots];
            for &m in inst.meetings_of(p) {
                for &(s, l) in &self.x[m] {
                    at_slot[s].push(l);
                }
            }
            // A participant with as many meetings as usable slots meets in every one of them: stated
            // outright, this pigeonhole fact saves the solver from rediscovering it by search.
            let usable = at_slot.iter().filter(|l| !l.is_empty()).count();
            let full = usable == inst.meetings_of(p).len();
            for (s, lits) in at_slot.iter().enumerate() {
                if lits.is_empty() {
                    continue;
                }
                self.at_most_one(lits);
                if full {
                    self.add(lits);
                }
                if options.breaks {
                    let u = self.lit();
                    let mut cl = lits.clone();
                    cl.push(!u);
                    self.add(&cl);
                    for &l in lits {
                        self.add(&[!l, u]);
                    }
                    busy[s] = Some(u);
                }
            }
            // Likewise "busy in at least k slots" for a participant with k meetings.
            let busy_lits: Vec<Lit> = busy.iter().flatten().copied().collect();
            let k = inst.meetings_of(p).len();
            if options.breaks && !full && k >= 2 {
                let count = self.unary_count(&busy_lits);
                if let Some(&at_least_k) = count.get(k - 1) {
                    self.add(&[at_least_k]);
                }
            }
            if !options.breaks || inst.meetings_of(p).len() < 2 {
                per_participant_breaks.push(Vec::new());
                continue;
            }
            // later[s]: p is busy at some slot ≥ s.
            let mut later: Vec<Option<Lit>> = vec![None; n_slots + 1];
            for s in (0..n_slots).rev() {
                later[s] = match (busy[s], later[s + 1]) {
                    (None, l) => l,
                    (Some(u), None) => Some(u),
                    (Some(u), Some(l)) => {
                        let v = self.lit();
                        self.add(&[!v, u, l]);
                        self.add(&[!u, v]);
                        self.add(&[!l, v]);
                        Some(v)
                    }
                };
            }
            // A break starts after s: busy at s, idle at s+1, busy later. An always-idle s+1 is
            // a constant false `busy`.
            let mut lits = Vec::new();
            for s in 0..n_slots.saturating_sub(2) {
                let (Some(u), Some(l)) = (busy[s], later[s + 2]) else {
                    continue;
                };
                let b = self.lit();
                match busy[s + 1] {
                    Some(next) => {
                        self.add(&[!b, u]);
                        self.add(&[!b, !next]);
                        self.add(&[!b, l]);
                        self.add(&[b, !u, next, !l]);
                    }
                    None => {
                        self.add(&[!b, u]);
                        self.add(&[!b, l]);
                        self.add(&[b, !u, !l]);
                    }
                }
                lits.push(b);
            }
            self.break_lits.extend_from_slice(&lits);
            per_participant_breaks.push(lits);
        }
        if options.breaks {
            self.counts = per_participant_breaks
                .iter()
                .map(|lits| self.unary_count(lits))
                .collect();
            if let Some(d) = inst.fairness() {
                self.encode_fairness(d as usize);
            }
        }
    }

    /// Assumptions "participant p has at most `caps[p]` breaks". Implied by a bound on the total
    /// given per-participant lower bounds, but they propagate far better than the global counter.
    pub fn participant_caps(&self, caps: &[usize]) -> Vec<Lit> {
        self.counts
            .iter()
            .zip(caps)
            .filter_map(|(c, &cap)| c.get(cap).map(|&l| !l))
            .collect()
    }

    /// Break counts all within [L, L + d] for some L, with L in unary (`low[j]` ⇔ L > j).
    fn encode_fairness(&mut self, d: usize) {
        let counts = std::mem::take(&mut self.counts);
        let max_len = counts.iter().map(Vec::len).max().unwrap_or(0);
        // Someone with no possible break forces L = 0: then the bound is simply "at most d each".
        let l_is_zero = counts.iter().any(Vec::is_empty);
        let low: Vec<Lit> = if l_is_zero {
            Vec::new()
        } else {
            (0..max_len).map(|_| self.lit()).collect()
        };
        for j in 1..low.len() {
            self.add(&[!low[j], low[j - 1]]);
        }
        for c in &counts {
            // count ≥ j+1 when L ≥ j+1.
            for (j, &lj) in low.iter().enumerate() {
                match c.get(j) {
                    Some(&cj) => self.add(&[!lj, cj]),
                    None => self.add(&[!lj]),
                }
            }
            // count ≤ L + d: if L ≤ j (¬low[j], or j = low.len()) then count < j + d + 1.
            for j in 0..=low.len() {
                if let Some(&over) = c.get(j + d) {
                    match low.get(j) {
                        Some(&lj) => self.add(&[lj, !over]),
                        None => self.add(&[!over]),
                    }
                }
            }
        }
        self.counts = counts;
    }

    /// Registers a cost (sum of `lits`) and returns its index for [`Model::solve`].
    pub fn add_objective(&mut self, lits: Vec<Lit>) -> usize {
        self.objectives.push((Totalizer::from(lits), 0));
        self.objectives.len() - 1
    }

    /// Makes a bound on an objective permanent (used for lexicographic objectives).
    pub fn fix_bound(&mut self, objective: usize, bound: usize) {
        for a in self.bound_assumptions(objective, bound) {
            self.add(&[a]);
        }
    }

    fn bound_assumptions(&mut self, objective: usize, bound: usize) -> Vec<Lit> {
        let (tot, _) = &mut self.objectives[objective];
        if bound >= tot.n_lits() {
            return Vec::new();
        }
        if tot
            .encode_ub_change(bound..=bound, &mut self.solver, &mut self.vm)
            .is_err()
        {
            self.broken = true;
            return Vec::new();
        }
        tot.enforce_ub(bound).unwrap_or_default()
    }

    /// Solves with `objective ≤ bound` for each given pair and the `extra` assumptions, until
    /// `deadline` or after `budget` more learnt clauses.
    pub fn solve(
        &mut self,
        bounds: &[(usize, usize)],
        extra: &[Lit],
        deadline: Instant,
        budget: Option<u64>,
    ) -> Outcome {
        let mut assumps = extra.to_vec();
        for &(o, b) in bounds {
            assumps.extend(self.bound_assumptions(o, b));
        }
        if self.broken || Instant::now() >= deadline {
            return Outcome::Interrupted;
        }
        let limits = self.solver.batsat_mut().cb_mut();
        limits.deadline = Some(deadline);
        limits.stop_at = budget.map(|b| limits.learnt + b);
        match self.solver.solve_assumps(&assumps) {
            Ok(SolverResult::Sat) => Outcome::Sat(self.decode()),
            Ok(SolverResult::Unsat) => Outcome::Unsat,
            _ => Outcome::Interrupted,
        }
    }

    /// Literal "meeting m held at slot s", if s is allowed for m.
    pub fn x(&self, m: usize, s: usize) -> Option<Lit> {
        self.x[m]
            .iter()
            .find(|&&(slot, _)| slot == s)
            .map(|&(_, l)| l)
    }

    fn decode(&self) -> Vec<Option<usize>> {
        self.x
            .iter()
            .map(|lits| {
                lits.iter()
                    .find(|&&(_, l)| self.solver.lit_val(l).is_ok_and(|v| v == TernaryVal::True))
                    .map(|&(s, _)| s)
            })
            .collect()
    }
}
