//! The exact method: a SAT encoding of the whole problem, solved by CaDiCaL (C++, vendored by
//! `rustsat-cadical`) or, without the default `cadical` feature, by BatSat (pure Rust, for a machine
//! without a C++ compiler or libclang). Costs are sums of literals behind incremental totalizers; the
//! callers minimise them by asking for ever larger bounds under assumptions, so that the first
//! satisfiable bound is the proven optimum.
//!
//! Beyond the basic model (one slot per meeting, one meeting per participant and slot, tables, breaks),
//! the encoding states the implied constraints of Bofill et al. (JAIR 74, 2022) that make the hard
//! instances solvable: each participant busy in exactly as many slots as it has meetings; per slot, an
//! even number of busy participants, at most twice the tables; the table capacity counted on one
//! literal per participant of a vertex cover of the meetings ("clustered" literals) rather than on
//! every meeting literal; precedences (and the order of a repeated pair) in order encoding.

use std::time::Instant;

use rustsat::encodings::card::{BoundUpper, BoundUpperIncremental, Encode, Totalizer};
use rustsat::instances::{BasicVarManager, ManageVars};
use rustsat::solvers::{Solve, SolveIncremental, SolverResult};
use rustsat::types::{Clause, Lit, TernaryVal};

use crate::model::{Instance, slots_of};

/// What the model needs from a SAT solver beyond rustsat's traits: stopping at a deadline, and after a
/// budget of conflicts (a budget keeps runs reproducible: it does not depend on the clock).
pub(crate) trait Engine: SolveIncremental {
    /// A solver with the settings the model is solved with.
    fn fresh() -> Self;
    fn limit(&mut self, deadline: Instant, budget: Option<u64>);
}

#[cfg(feature = "cadical")]
mod engine {
    use std::time::Instant;

    use rustsat::solvers::{ControlSignal, Terminate};
    use rustsat_cadical::{CaDiCaL, Config, Limit};

    pub(crate) type Solver = CaDiCaL<'static, 'static>;

    impl super::Engine for Solver {
        fn fresh() -> Self {
            let mut solver = Solver::default();
            // CaDiCaL's "sat" preset (stable mode only, around the best assignment): on the generated
            // robustness set at 10 s it proved 10 optima where the default proved 9 (two runs, side
            // by side), and gave a schedule where the default timed out; the public four and the
            // crafted variants stay as fast. A fresh solver always accepts a preset.
            let _ = solver.set_configuration(Config::Sat);
            solver
        }

        fn limit(&mut self, deadline: Instant, budget: Option<u64>) {
            self.attach_terminator(move || {
                if Instant::now() >= deadline {
                    ControlSignal::Terminate
                } else {
                    ControlSignal::Continue
                }
            });
            // The limit lasts for the next call only.
            if let Some(b) = budget {
                let _ = self.set_limit(Limit::Conflicts(i32::try_from(b).unwrap_or(i32::MAX)));
            }
        }
    }
}

#[cfg(not(any(feature = "cadical", feature = "batsat")))]
compile_error!("passerelle-scheduling needs a SAT solver: feature `cadical` (default) or `batsat`");

#[cfg(all(feature = "batsat", not(feature = "cadical")))]
mod engine {
    use std::time::Instant;

    /// BatSat polls `stop` between conflicts; learnt clauses stand for conflicts.
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

    pub(crate) type Solver = rustsat_batsat::Solver<Limits>;

    impl super::Engine for Solver {
        fn fresh() -> Self {
            Self::default()
        }

        fn limit(&mut self, deadline: Instant, budget: Option<u64>) {
            let limits = self.batsat_mut().cb_mut();
            limits.deadline = Some(deadline);
            limits.stop_at = budget.map(|b| limits.learnt + b);
        }
    }
}

pub(crate) use engine::Solver;

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
    /// Hold the first of interchangeable repeated requests first. Only where schedules that swap the
    /// two cost the same: not when moves from a published schedule are counted.
    pub symmetry: bool,
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
            solver: Solver::fresh(),
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

    /// Order literals of meeting `m`: `le[s]` ⇔ m is held at a slot ≤ s (all false when left out).
    fn order_lits(&mut self, m: usize) -> Vec<Lit> {
        let n_slots = self.inst.n_slots();
        let x = self.x[m].clone();
        let mut le: Vec<Lit> = Vec::with_capacity(n_slots);
        for s in 0..n_slots {
            let l = self.lit();
            let here = x.iter().find(|&&(slot, _)| slot == s).map(|&(_, l)| l);
            // le[s] ⇔ le[s-1] ∨ x[s].
            let mut back = vec![!l];
            if let Some(&prev) = le.last() {
                self.add(&[!prev, l]);
                back.push(prev);
            }
            if let Some(h) = here {
                self.add(&[!h, l]);
                back.push(h);
            }
            self.add(&back);
            le.push(l);
        }
        le
    }

    /// `first` strictly before `second` on order literals; with `escape`, only when that literal is
    /// false (the first meeting left out).
    fn before(&mut self, first: &[Lit], second: &[Lit], escape: Option<Lit>) {
        for s in 0..second.len() {
            // second ≤ s ⇒ first ≤ s - 1.
            let mut cl = vec![!second[s]];
            if s > 0 {
                cl.push(first[s - 1]);
            }
            cl.extend(escape);
            self.add(&cl);
        }
    }

    /// Participants covering every meeting (greedy vertex cover) and, per meeting, its owner among
    /// them: the table capacity then counts one literal per owner and slot.
    fn owners(&self) -> Vec<usize> {
        let inst = self.inst;
        let mut uncovered: Vec<usize> = (0..inst.n_participants())
            .map(|p| inst.meetings_of(p).len())
            .collect();
        let mut owner = vec![usize::MAX; inst.n_meetings()];
        let mut order: Vec<usize> = (0..inst.n_participants()).collect();
        loop {
            order.sort_by_key(|&p| (std::cmp::Reverse(uncovered[p]), p));
            let p = order[0];
            if uncovered[p] == 0 {
                break;
            }
            for &m in inst.meetings_of(p) {
                if owner[m] == usize::MAX {
                    owner[m] = p;
                    let other = inst.meeting(m).other(p);
                    uncovered[other] -= 1;
                }
            }
            uncovered[p] = 0;
        }
        owner
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
                for &l in &only {
                    self.add(&[!l, !out]);
                }
                self.unplaced_lits.push(out);
            } else {
                self.add(&only);
            }
            self.x.push(lits);
        }
        // Precedences and the order of interchangeable repeated pairs, on order literals.
        let mut le: Vec<Option<Vec<Lit>>> = vec![None; inst.n_meetings()];
        let mut order_pairs: Vec<(usize, usize, bool)> = Vec::new();
        for m in 0..inst.n_meetings() {
            for &o in &inst.meeting(m).after {
                order_pairs.push((o, m, true));
            }
            if let Some(t) = inst.meeting(m).twin_of
                && options.symmetry
                && !options.optional
            {
                order_pairs.push((t, m, false));
            }
        }
        for &(first, second, precedence) in &order_pairs {
            for m in [first, second] {
                if le[m].is_none() {
                    le[m] = Some(self.order_lits(m));
                }
            }
            let (f, sc) = (le[first].clone(), le[second].clone());
            let (Some(f), Some(sc)) = (f, sc) else {
                continue;
            };
            // A precedence binds only meetings that are both held (as the checker reads it).
            let escape = (options.optional && precedence).then(|| self.unplaced_lits[first]);
            self.before(&f, &sc, escape);
        }
        // busy[p][s]: p holds one of its meetings at s.
        let mut busy: Vec<Vec<Option<Lit>>> = Vec::with_capacity(inst.n_participants());
        for p in 0..inst.n_participants() {
            let mut at_slot: Vec<Vec<Lit>> = vec![Vec::new(); n_slots];
            for &m in inst.meetings_of(p) {
                for &(s, l) in &self.x[m] {
                    at_slot[s].push(l);
                }
            }
            let mut row = vec![None; n_slots];
            for (s, lits) in at_slot.iter().enumerate() {
                if lits.is_empty() {
                    continue;
                }
                self.at_most_one(lits);
                let u = if lits.len() == 1 {
                    lits[0]
                } else {
                    let u = self.lit();
                    let mut cl = lits.clone();
                    cl.push(!u);
                    self.add(&cl);
                    for &l in lits {
                        self.add(&[!l, u]);
                    }
                    u
                };
                row[s] = Some(u);
            }
            // Busy for good where a meeting outside the model (a window's surroundings) is held.
            let pinned = inst.pinned(p);
            if pinned != 0 {
                let yes = self.lit();
                self.add(&[yes]);
                for s in slots_of(pinned) {
                    row[s] = Some(yes);
                }
            }
            // Busy in exactly as many slots as meetings (at most, when meetings may be left out).
            let k = inst.meetings_of(p).len() + pinned.count_ones() as usize;
            let lits: Vec<Lit> = row.iter().flatten().copied().collect();
            if lits.len() == k && !options.optional {
                for &u in &lits {
                    self.add(&[u]);
                }
            } else if k >= 1 && lits.len() > k {
                let count = self.unary_count(&lits);
                if !options.optional {
                    self.add(&[count[k - 1]]);
                }
                self.add(&[!count[k]]);
            }
            busy.push(row);
        }
        // Per slot: an even number of busy participants, at most twice the tables.
        for s in 0..n_slots {
            let lits: Vec<Lit> = busy
                .iter()
                .enumerate()
                .filter(|&(p, _)| inst.pinned(p) >> s & 1 == 0)
                .filter_map(|(_, row)| row[s])
                .collect();
            if lits.len() < 2 {
                continue;
            }
            if lits.len() <= 256 {
                let count = self.unary_count(&lits);
                for j in (0..count.len().saturating_sub(1)).step_by(2) {
                    // At least 2j+1 busy ⇒ at least 2j+2.
                    self.add(&[!count[j], count[j + 1]]);
                }
                if let Some(&over) = count.get(2 * inst.capacity(s)) {
                    self.add(&[!over]);
                }
            } else {
                self.at_most(lits, 2 * inst.capacity(s));
            }
        }
        // Table capacity on clustered literals: one per owner and slot.
        let owner = self.owners();
        let mut owned: Vec<Vec<usize>> = vec![Vec::new(); inst.n_participants()];
        for (m, &p) in owner.iter().enumerate() {
            owned[p].push(m);
        }
        let mut by_slot: Vec<Vec<Lit>> = vec![Vec::new(); n_slots];
        for (p, ms) in owned.iter().enumerate() {
            if ms.is_empty() {
                continue;
            }
            let all = ms.len() == inst.meetings_of(p).len();
            for s in 0..n_slots {
                let lits: Vec<Lit> = ms.iter().filter_map(|&m| self.x(m, s)).collect();
                if lits.is_empty() {
                    continue;
                }
                let c = match busy[p][s] {
                    Some(u) if all => u,
                    _ if lits.len() == 1 => lits[0],
                    _ => {
                        let c = self.lit();
                        for &l in &lits {
                            self.add(&[!l, c]);
                        }
                        c
                    }
                };
                by_slot[s].push(c);
            }
        }
        for (s, lits) in by_slot.into_iter().enumerate() {
            self.at_most(lits, inst.capacity(s));
        }
        if !options.breaks {
            return;
        }
        let mut per_participant_breaks = Vec::with_capacity(inst.n_participants());
        for (p, row) in busy.iter().enumerate() {
            if inst.meetings_of(p).len() + (inst.pinned(p).count_ones() as usize) < 2 {
                per_participant_breaks.push(Vec::new());
                continue;
            }
            // later[s]: p is busy at some slot ≥ s.
            let mut later: Vec<Option<Lit>> = vec![None; n_slots + 1];
            for s in (0..n_slots).rev() {
                later[s] = match (row[s], later[s + 1]) {
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
                let (Some(u), Some(l)) = (row[s], later[s + 2]) else {
                    continue;
                };
                let b = self.lit();
                match row[s + 1] {
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
        self.counts = per_participant_breaks
            .iter()
            .map(|lits| self.unary_count(lits))
            .collect();
        if let Some(d) = inst.fairness() {
            self.encode_fairness(d as usize);
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

    /// Assumptions "participant p has at least `floors[p]` breaks"; `None` if one cannot have as many.
    pub fn participant_floors(&self, floors: &[usize]) -> Option<Vec<Lit>> {
        self.counts
            .iter()
            .zip(floors)
            .filter(|&(_, &f)| f > 0)
            .map(|(c, &f)| c.get(f - 1).copied())
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
    /// `deadline` or after `budget` conflicts.
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
        self.solver.limit(deadline, budget);
        match self.solver.solve_assumps(&assumps) {
            Ok(SolverResult::Sat) => Outcome::Sat(self.decode()),
            Ok(SolverResult::Unsat) => Outcome::Unsat,
            _ => Outcome::Interrupted,
        }
    }

    /// The assumptions the last unsatisfiable call could not all hold, negated (each is then one
    /// unit of cost for the core-guided search); empty if the model itself is unsatisfiable.
    pub fn core(&mut self) -> Vec<Lit> {
        self.solver.core().unwrap_or_default()
    }

    /// Per participant, the unary break counter: `[j]` ⇔ more than j breaks.
    pub fn break_counts(&self) -> &[Vec<Lit>] {
        &self.counts
    }

    /// Makes `lit` hold for good.
    pub fn harden(&mut self, lit: Lit) {
        self.add(&[lit]);
    }

    /// The assumption "at most `bound` of the totalizer's literals", encoding what it needs; `None`
    /// when the bound is no constraint.
    pub fn sum_at_most(&mut self, tot: &mut Totalizer, bound: usize) -> Option<Lit> {
        if bound >= tot.n_lits() {
            return None;
        }
        if tot
            .encode_ub_change(bound..=bound, &mut self.solver, &mut self.vm)
            .is_err()
        {
            self.broken = true;
            return None;
        }
        tot.enforce_ub(bound).ok()?.first().copied()
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
