//! The choice of meetings: a bipartite b-matching solved exactly as a min-cost
//! flow, with a dual certificate checked at the end.
//!
//! Objective, lexicographic (each tier strictly dominates the next):
//! 1. meet as many of the per-irritant minimum meetings as possible (all of
//!    them when the instance is feasible);
//! 2. then hold as many meetings wanted by both sides as possible;
//! 3. then maximise the total affinity.
//!
//! The tiers are folded into one integer cost with big weights computed from
//! the instance, so one min-cost flow solves them all exactly. Affinities are
//! counted in millionths (the resolution reported by [`Solution::resolution`]).
//!
//! Network: irritant i ships exactly `max_i` units (capped by its number of
//! candidates) to a sink t, through candidate arcs i→company (capacity 1) and
//! company→t (capacity `company_max`), or directly i→t: `max_i − min_i` units
//! at cost 0 ("meeting not held") and `min_i` units at a big cost ("minimum
//! missed"). Successive shortest paths from each irritant with Dijkstra on
//! reduced costs; each search stops as soon as the sink is settled and only
//! the settled nodes' potentials move, which keeps searches local on sparse
//! candidate graphs. At the end every residual arc has a non-negative reduced
//! cost: the potentials are an optimal dual solution, so the flow is optimal.
//!
//! [`choose`] is the whole pipeline of `passerelle assign`: candidates pruned
//! to each irritant's best companies, then widened where the dual prices
//! ([`Prices`]) show that a pruned pair could still improve the plan, so the
//! optimum it reports holds over all pairs of the input.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use crate::engine::Matcher;
use crate::input::Input;

/// A pair that may meet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub irritant: u32,
    pub company: u32,
    /// In [0, 1].
    pub affinity: f64,
    /// Both sides asked for this meeting.
    pub mutual: bool,
}

/// An assignment instance. Excluded pairs must not be among the candidates;
/// they are listed to explain shortfalls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problem {
    pub irritant_min: Vec<u32>,
    pub irritant_max: Vec<u32>,
    pub company_max: Vec<u32>,
    pub candidates: Vec<Candidate>,
    pub excluded: Vec<(u32, u32)>,
}

/// Why an irritant got fewer meetings than its minimum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShortfallReason {
    /// Not enough companies may meet it at all.
    TooFewCandidates { eligible: u32, excluded: u32 },
    /// Its candidate companies are all at capacity with other irritants.
    CompaniesFull { companies: Vec<u32> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub irritant: u32,
    pub got: u32,
    pub min: u32,
    pub reason: ShortfallReason,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    /// Indices into `Problem::candidates`, ascending.
    pub chosen: Vec<usize>,
    pub total_affinity: f64,
    pub mutual_meetings: usize,
    /// Irritants below their minimum; empty when the instance is feasible.
    pub shortfalls: Vec<Shortfall>,
    /// The optimality certificate (reduced costs, conservation, capacities) was checked.
    pub certified: bool,
    /// Affinities are optimised in units of `1 / resolution`.
    pub resolution: i64,
    /// Dual prices of the optimum, to price pairs left out of the candidates.
    pub prices: Prices,
}

/// Dual prices (node potentials) of an optimal flow. A pair left out of the
/// candidates whose arc has a non-negative reduced cost at these prices cannot
/// improve the optimum: the duals stay feasible with its arc added. So a
/// caller that pruned pairs (the best companies per irritant) can prove the
/// solution optimal over all pairs, or learn which irritants to widen.
#[derive(Clone, Debug, PartialEq)]
pub struct Prices {
    /// `None` when nothing can be proved for the irritant.
    irritant: Vec<Option<i64>>,
    company: Vec<i64>,
    resolution: i64,
    mutual_bonus: i64,
}

impl Prices {
    /// Whether the pair, were it a candidate, might change the optimum.
    /// Conservative: `true` whenever that cannot be ruled out.
    pub fn could_improve(&self, irritant: u32, company: u32, affinity: f64, mutual: bool) -> bool {
        let (Some(&Some(pi)), Some(&pc)) = (
            self.irritant.get(irritant as usize),
            self.company.get(company as usize),
        ) else {
            return true;
        };
        let gain = gain(affinity, mutual, self.resolution, self.mutual_bonus);
        pi - gain - pc < 0
    }
}

impl Solution {
    pub fn is_feasible(&self) -> bool {
        self.shortfalls.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignError(pub String);

impl std::fmt::Display for AssignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AssignError {}

const NONE: u32 = u32::MAX;

/// Residual network in compressed adjacency form: the arcs leaving a node are
/// contiguous (head, capacity and cost side by side), because the searches
/// scan whole adjacency lists and random access there dominated the run time.
/// Each list keeps its arcs with residual capacity first: a company has a
/// reverse arc per candidate irritant but only `company_max` of them are ever
/// usable, and scanning the dead ones cost most of the time on tight instances.
struct Network {
    /// Node → position of its first arc; `start[n]..start[n + 1]` are its arcs.
    start: Vec<usize>,
    /// Node → end of its arcs with residual capacity.
    live_end: Vec<usize>,
    head: Vec<u32>,
    /// Position of the reverse arc.
    rev: Vec<u32>,
    cap: Vec<i32>,
    cost: Vec<i64>,
    /// `2 × input arc`, plus one for the reverse direction.
    id: Vec<u32>,
}

impl Network {
    fn new(nodes: usize, arcs: &[(u32, u32, i32, i64)]) -> Self {
        let mut start = vec![0usize; nodes + 1];
        let mut live = vec![0usize; nodes];
        for &(u, v, c, _) in arcs {
            start[u as usize + 1] += 1;
            start[v as usize + 1] += 1;
            live[u as usize] += usize::from(c > 0);
        }
        for n in 0..nodes {
            start[n + 1] += start[n];
        }
        let live_end: Vec<usize> = (0..nodes).map(|n| start[n] + live[n]).collect();
        let m = 2 * arcs.len();
        let (mut head, mut rev, mut cap, mut cost, mut id) = (
            vec![0u32; m],
            vec![0u32; m],
            vec![0i32; m],
            vec![0i64; m],
            vec![0u32; m],
        );
        let (mut fill_live, mut fill_dead) = (start.clone(), live_end.clone());
        for (k, &(u, v, c, w)) in arcs.iter().enumerate() {
            let p = if c > 0 {
                &mut fill_live[u as usize]
            } else {
                &mut fill_dead[u as usize]
            };
            let (p, q) = (*p, fill_dead[v as usize]);
            if c > 0 {
                fill_live[u as usize] += 1;
            } else {
                fill_dead[u as usize] += 1;
            }
            fill_dead[v as usize] += 1;
            (head[p], rev[p], cap[p], cost[p], id[p]) = (v, q as u32, c, w, 2 * k as u32);
            (head[q], rev[q], cap[q], cost[q], id[q]) = (u, p as u32, 0, -w, 2 * k as u32 + 1);
        }
        Self {
            start,
            live_end,
            head,
            rev,
            cap,
            cost,
            id,
        }
    }

    /// Every arc of `u`, live or not.
    fn arcs(&self, u: usize) -> std::ops::Range<usize> {
        self.start[u]..self.start[u + 1]
    }

    /// The arcs of `u` with residual capacity.
    fn live(&self, u: usize) -> std::ops::Range<usize> {
        self.start[u]..self.live_end[u]
    }

    fn tail(&self, e: usize) -> usize {
        self.head[self.rev[e] as usize] as usize
    }

    /// Flow on the forward arc at position `e`.
    fn flow(&self, e: usize) -> i32 {
        self.cap[self.rev[e] as usize]
    }

    /// Swaps two arcs of the same list, keeping reverse links right.
    fn swap(&mut self, a: usize, b: usize) {
        if a == b {
            return;
        }
        self.head.swap(a, b);
        self.rev.swap(a, b);
        self.cap.swap(a, b);
        self.cost.swap(a, b);
        self.id.swap(a, b);
        let (ra, rb) = (self.rev[a] as usize, self.rev[b] as usize);
        self.rev[ra] = a as u32;
        self.rev[rb] = b as u32;
    }

    /// Pushes one unit along arc `e`, moving it and its reverse across the
    /// live boundaries of their lists when their capacity crosses zero.
    fn push(&mut self, e: usize) {
        let r = self.rev[e] as usize;
        self.cap[e] -= 1;
        self.cap[r] += 1;
        if self.cap[r] == 1 {
            let v = self.tail(r);
            let slot = self.live_end[v];
            self.swap(r, slot);
            self.live_end[v] += 1;
        }
        // `e` may have moved with the swap above only if it was dead, and it
        // was live: its position is unchanged.
        if self.cap[e] == 0 {
            let u = self.tail(e);
            self.live_end[u] -= 1;
            let last = self.live_end[u];
            self.swap(e, last);
        }
    }
}

/// Dijkstra state reused across searches; only touched nodes are reset.
struct Search {
    dist: Vec<i64>,
    pred: Vec<u32>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    popped: Vec<u32>,
    path: Vec<u32>,
    heap: BinaryHeap<Reverse<(i64, u32)>>,
}

fn validate(p: &Problem) -> Result<(), AssignError> {
    let (ni, nc) = (p.irritant_min.len(), p.company_max.len());
    if p.irritant_max.len() != ni {
        return Err(AssignError("irritant_min et irritant_max de longueurs différentes / irritant_min and irritant_max differ in length".into()));
    }
    for (i, (&lo, &hi)) in p.irritant_min.iter().zip(&p.irritant_max).enumerate() {
        if lo > hi {
            return Err(AssignError(format!(
                "irritant n°{i} : minimum {lo} > maximum {hi} / irritant #{i}: minimum {lo} > maximum {hi}"
            )));
        }
    }
    for c in &p.candidates {
        if c.irritant as usize >= ni || c.company as usize >= nc {
            return Err(AssignError("paire hors limites / pair out of range".into()));
        }
        if !(0.0..=1.0).contains(&c.affinity) {
            return Err(AssignError(format!(
                "affinité hors de [0, 1] : {} / affinity outside [0, 1]: {}",
                c.affinity, c.affinity
            )));
        }
    }
    // Duplicate pairs, in linear time (a hash set of a million pairs took a
    // third of the solve): group by irritant, then stamp each company.
    let mut start = vec![0usize; ni + 1];
    for c in &p.candidates {
        start[c.irritant as usize + 1] += 1;
    }
    for i in 0..ni {
        start[i + 1] += start[i];
    }
    let mut grouped = vec![0u32; p.candidates.len()];
    for c in &p.candidates {
        grouped[start[c.irritant as usize]] = c.company;
        start[c.irritant as usize] += 1;
    }
    let mut seen = vec![NONE; nc];
    let mut from = 0;
    for (i, &end) in start.iter().take(ni).enumerate() {
        for &c in &grouped[from..end] {
            if seen[c as usize] == i as u32 {
                return Err(AssignError(format!(
                    "paire en double : irritant n°{i}, entreprise n°{c} / duplicate pair: irritant #{i}, company #{c}"
                )));
            }
            seen[c as usize] = i as u32;
        }
        from = end;
    }
    Ok(())
}

/// Solves the assignment exactly (see the module documentation).
pub fn solve(p: &Problem) -> Result<Solution, AssignError> {
    validate(p)?;
    let (ni, nc) = (p.irritant_min.len(), p.company_max.len());
    let t = ni + nc;
    let mut degree = vec![0u32; ni];
    for c in &p.candidates {
        degree[c.irritant as usize] += 1;
    }
    // Units an irritant can place at all; beyond its candidates a minimum is
    // missed for sure and a maximum is meaningless.
    let hi: Vec<u32> = (0..ni).map(|i| p.irritant_max[i].min(degree[i])).collect();
    let lo: Vec<u32> = (0..ni).map(|i| p.irritant_min[i].min(hi[i])).collect();
    let units: i64 = hi.iter().map(|&h| h as i64).sum();
    // Tier weights: a mutual meeting outweighs any total affinity, a met
    // minimum outweighs any mix of the two. Resolution drops (and is reported)
    // only for instances whose costs would not fit 64 bits comfortably.
    let limit = i64::MAX / 64;
    let mut resolution: i64 = 1_000_000;
    let weights = loop {
        let span = units.saturating_add(1);
        let b1 = resolution.saturating_mul(span);
        let b2 = b1.saturating_add(resolution).saturating_mul(span);
        if b2 < limit {
            break (b1, b2);
        }
        if resolution <= 100 {
            return Err(AssignError(
                "instance trop grande pour une résolution exacte / instance too large to solve exactly".into(),
            ));
        }
        resolution /= 10;
    };
    let (mutual_bonus, missed_cost) = weights;
    let mut arcs: Vec<(u32, u32, i32, i64)> = Vec::with_capacity(p.candidates.len() + nc + 2 * ni);
    for c in &p.candidates {
        let gain = gain(c.affinity, c.mutual, resolution, mutual_bonus);
        arcs.push((c.irritant, ni as u32 + c.company, 1, -gain));
    }
    for (j, &k) in p.company_max.iter().enumerate() {
        arcs.push(((ni + j) as u32, t as u32, k.min(i32::MAX as u32) as i32, 0));
    }
    for i in 0..ni {
        arcs.push((i as u32, t as u32, (hi[i] - lo[i]) as i32, 0));
        arcs.push((i as u32, t as u32, lo[i] as i32, missed_cost));
    }
    let mut net = Network::new(t + 1, &arcs);
    // Initial potentials making every arc's reduced cost non-negative.
    let mut pi = vec![0i64; t + 1];
    for (k, c) in p.candidates.iter().enumerate() {
        let j = ni + c.company as usize;
        pi[j] = pi[j].min(arcs[k].3);
    }
    pi[t] = pi[ni..t].iter().copied().min().unwrap_or(0).min(0);

    let mut s = Search {
        dist: vec![i64::MAX; t + 1],
        pred: vec![NONE; t + 1],
        settled: vec![false; t + 1],
        touched: Vec::new(),
        popped: Vec::new(),
        path: Vec::new(),
        heap: BinaryHeap::new(),
    };
    for (i, &units) in hi.iter().enumerate() {
        for _ in 0..units {
            augment(&mut net, &mut pi, &mut s, i, t)?;
        }
    }

    // Irritant nodes hold only forward arcs; candidates are the first input arcs.
    let mut chosen: Vec<usize> = (0..ni)
        .flat_map(|i| net.arcs(i))
        .filter(|&e| net.flow(e) == 1)
        .map(|e| (net.id[e] / 2) as usize)
        .filter(|&k| k < p.candidates.len())
        .collect();
    chosen.sort_unstable();
    let certified = certify(&net, &pi, &hi);
    let mut got = vec![0u32; ni];
    let mut load = vec![0u32; nc];
    for &k in &chosen {
        got[p.candidates[k].irritant as usize] += 1;
        load[p.candidates[k].company as usize] += 1;
    }
    let shortfalls = (0..ni)
        .filter(|&i| got[i] < p.irritant_min[i])
        .map(|i| {
            let reason = if degree[i] < p.irritant_min[i] {
                ShortfallReason::TooFewCandidates {
                    eligible: degree[i],
                    excluded: p.excluded.iter().filter(|e| e.0 as usize == i).count() as u32,
                }
            } else {
                let mut companies: Vec<u32> = p
                    .candidates
                    .iter()
                    .filter(|c| c.irritant as usize == i)
                    .map(|c| c.company)
                    .filter(|&c| load[c as usize] >= p.company_max[c as usize])
                    .collect();
                companies.sort_unstable();
                ShortfallReason::CompaniesFull { companies }
            };
            Shortfall {
                irritant: i as u32,
                got: got[i],
                min: p.irritant_min[i],
                reason,
            }
        })
        .collect();
    // Prices are only meaningful with a verified certificate, and only for
    // irritants whose supply was not cut to their number of candidates (a new
    // candidate would raise that supply, which arc pricing does not cover).
    let prices = Prices {
        irritant: (0..ni)
            .map(|i| (certified && hi[i] == p.irritant_max[i]).then_some(pi[i]))
            .collect(),
        company: pi[ni..t].to_vec(),
        resolution,
        mutual_bonus,
    };
    Ok(Solution {
        // A fold from +0: an empty float sum is -0, which prints as "-0.000".
        total_affinity: chosen
            .iter()
            .fold(0.0, |sum, &k| sum + p.candidates[k].affinity),
        mutual_meetings: chosen.iter().filter(|&&k| p.candidates[k].mutual).count(),
        chosen,
        shortfalls,
        certified,
        resolution,
        prices,
    })
}

/// What a pair is worth to the solver, in its integer units.
fn gain(affinity: f64, mutual: bool, resolution: i64, mutual_bonus: i64) -> i64 {
    (affinity * resolution as f64).round() as i64 + if mutual { mutual_bonus } else { 0 }
}

/// Sends one unit from irritant `src` to the sink along a shortest path.
fn augment(
    net: &mut Network,
    pi: &mut [i64],
    s: &mut Search,
    src: usize,
    t: usize,
) -> Result<(), AssignError> {
    for &v in &s.touched {
        s.dist[v as usize] = i64::MAX;
        s.pred[v as usize] = NONE;
        s.settled[v as usize] = false;
    }
    s.touched.clear();
    s.popped.clear();
    s.heap.clear();
    s.dist[src] = 0;
    s.touched.push(src as u32);
    s.heap.push(Reverse((0, src as u32)));
    while let Some(Reverse((d, u))) = s.heap.pop() {
        let u = u as usize;
        if s.settled[u] || d > s.dist[u] {
            continue;
        }
        s.settled[u] = true;
        s.popped.push(u as u32);
        if u == t {
            break;
        }
        let base = d + pi[u];
        for e in net.live(u) {
            let v = net.head[e] as usize;
            let nd = base + net.cost[e] - pi[v];
            // A node no nearer than the sink's tentative distance would be
            // settled after the sink, i.e. never: skip the heap push. The
            // irritant's own arc to the sink bounds every search from the start.
            if nd < s.dist[v] && (nd < s.dist[t] || v == t) {
                if s.dist[v] == i64::MAX {
                    s.touched.push(v as u32);
                }
                s.dist[v] = nd;
                s.pred[v] = e as u32;
                s.heap.push(Reverse((nd, v as u32)));
            }
        }
    }
    if !s.settled[t] {
        // Cannot happen: the direct arcs to the sink always have room.
        return Err(AssignError(
            "réseau incohérent / inconsistent network".into(),
        ));
    }
    // Early stop: only settled nodes move, by their distance short of the
    // sink's, which keeps every residual reduced cost non-negative.
    let dt = s.dist[t];
    for &v in &s.popped {
        pi[v as usize] += s.dist[v as usize] - dt;
    }
    // Positions move as arcs cross live boundaries: collect the path first.
    s.path.clear();
    let mut v = t;
    while v != src {
        let e = s.pred[v] as usize;
        s.path.push(e as u32);
        v = net.tail(e);
    }
    for &e in &s.path {
        net.push(e as usize);
    }
    Ok(())
}

/// Checks optimality: every residual arc has a non-negative reduced cost, each
/// irritant shipped exactly its units, no capacity is exceeded.
fn certify(net: &Network, pi: &[i64], hi: &[u32]) -> bool {
    let nodes = net.start.len() - 1;
    let reduced_ok = (0..nodes).all(|u| {
        net.arcs(u)
            .all(|e| net.cap[e] <= 0 || net.cost[e] + pi[u] - pi[net.head[e] as usize] >= 0)
    });
    let caps_ok = net.cap.iter().all(|&c| c >= 0);
    // Irritant nodes only have arcs of their own: all of them are forward.
    let shipped_ok = hi
        .iter()
        .enumerate()
        .all(|(i, &units)| net.arcs(i).map(|e| net.flow(e) as i64).sum::<i64>() == units as i64);
    reduced_ok && caps_ok && shipped_ok
}

/// The capacities of a meeting plan, the same for every irritant and company.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacities {
    pub company_max: u32,
    pub irritant_min: u32,
    pub irritant_max: u32,
    /// Best companies per irritant first considered (wished pairs always are).
    pub candidates: usize,
}

/// The chosen meetings, with the problem they solve.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub problem: Problem,
    pub solution: Solution,
    /// Optimal over all pairs of the input, not only the candidates kept.
    pub proven: bool,
    /// Solves needed (1 unless some irritants had to be widened).
    pub rounds: usize,
}

/// Capacities per irritant and per company (a default with overrides, or what pins left).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub irritant_min: Vec<u32>,
    pub irritant_max: Vec<u32>,
    pub company_max: Vec<u32>,
    /// Best companies per irritant first considered (wished pairs always are).
    pub candidates: usize,
}

/// Chooses the meetings of an input: the optimal plan over all its pairs.
///
/// Scoring every pair is cheap, solving over all of them is not: pairs are
/// pruned to each irritant's best companies plus every pair one side asked
/// for, minus the exclusions and the pairs with nothing in common (a score of
/// 0: no word, concept or wish; no meeting is proposed for nothing). The
/// optimum's dual prices then show whether a pruned pair could do better; the
/// irritants for which one could are widened fourfold and the problem solved
/// again, until none could.
pub fn choose(
    input: &Input,
    matcher: &Matcher<'_>,
    caps: Capacities,
) -> Result<Choice, AssignError> {
    let (ni, nc) = (input.irritants.len(), input.companies.len());
    choose_plan(
        input,
        matcher,
        &Plan {
            irritant_min: vec![caps.irritant_min; ni],
            irritant_max: vec![caps.irritant_max; ni],
            company_max: vec![caps.company_max; nc],
            candidates: caps.candidates,
        },
    )
}

/// [`choose`] with capacities per irritant and per company.
pub fn choose_plan(
    input: &Input,
    matcher: &Matcher<'_>,
    plan: &Plan,
) -> Result<Choice, AssignError> {
    let (ni, nc) = (input.irritants.len(), input.companies.len());
    if plan.irritant_min.len() != ni
        || plan.irritant_max.len() != ni
        || plan.company_max.len() != nc
    {
        return Err(AssignError(
            "capacités : une par irritant et une par entreprise / capacities: one per irritant and one per company"
                .into(),
        ));
    }
    if let Some((min, max)) = plan
        .irritant_min
        .iter()
        .zip(&plan.irritant_max)
        .find(|(min, max)| min > max)
    {
        return Err(AssignError(format!(
            "minimum par irritant ({min}) > maximum ({max}) / minimum per irritant ({min}) > maximum ({max})"
        )));
    }
    let excluded = input.excluded_pairs();
    let mut wanted_by_company: Vec<Vec<usize>> = vec![Vec::new(); ni];
    for (c, company) in input.companies.iter().enumerate() {
        for &i in &company.wishes {
            wanted_by_company[i].push(c);
        }
    }
    // Every pair one side asked for is a candidate at every width: scored once, not once per round
    // (a national edition has half a million), by company.
    let wished: Vec<Vec<Wished>> = (0..ni)
        .map(|i| {
            let by_company = &mut wanted_by_company[i];
            by_company.sort_unstable();
            by_company.dedup();
            let mut all: Vec<usize> = input.irritants[i]
                .wishes
                .iter()
                .chain(by_company.iter())
                .copied()
                .collect();
            all.sort_unstable();
            all.dedup();
            all.into_iter()
                .map(|c| Wished {
                    company: c,
                    score: matcher.score(i, c),
                    mutual: input.irritants[i].wishes.binary_search(&c).is_ok()
                        && by_company.binary_search(&c).is_ok(),
                })
                .collect()
        })
        .collect();
    let mut keep = vec![plan.candidates.min(nc); ni];
    let mut rankings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); ni];
    // The irritants whose ranking is (re)computed this round: all of them, then those widened.
    let mut stale: Vec<usize> = (0..ni).collect();
    let mut rounds = 0;
    loop {
        rounds += 1;
        // One scoring pass serves every width: the top-k selection is cheap
        // next to scoring all pairs.
        let width = stale.iter().map(|&i| keep[i]).max().unwrap_or(0);
        for (&i, mut ranking) in stale.iter().zip(matcher.rank_some(&stale, width)) {
            ranking.truncate(keep[i]);
            rankings[i] = ranking;
        }
        let problem = Problem {
            irritant_min: plan.irritant_min.clone(),
            irritant_max: plan.irritant_max.clone(),
            company_max: plan.company_max.clone(),
            candidates: candidates(&rankings, &wished, &excluded, nc),
            excluded: input
                .exclusions
                .iter()
                .map(|e| (e.irritant as u32, e.company as u32))
                .collect(),
        };
        let solution = solve(&problem)?;
        let widen = if solution.certified {
            irritants_to_widen(&problem, &solution, &rankings, &keep, &excluded)
        } else {
            Vec::new()
        };
        if widen.is_empty() {
            return Ok(Choice {
                proven: solution.certified,
                problem,
                solution,
                rounds,
            });
        }
        for &i in &widen {
            keep[i] = keep[i].max(1).saturating_mul(4).min(nc);
        }
        stale = widen;
    }
}

/// A pair an irritant's side or a company asked for, scored.
struct Wished {
    company: usize,
    score: f32,
    /// Both sides asked for it.
    mutual: bool,
}

/// Each irritant's ranked companies plus every pair one side asked for, minus
/// the exclusions; a pair is mutual when both sides asked for it.
fn candidates(
    rankings: &[Vec<(u32, f32)>],
    wished: &[Vec<Wished>],
    excluded: &HashSet<(usize, usize)>,
    nc: usize,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    // Companies already listed for the irritant at hand, stamped with its index.
    let mut listed = vec![NONE; nc];
    for (i, (ranking, wished)) in rankings.iter().zip(wished).enumerate() {
        let is_mutual = |c: usize| {
            wished
                .binary_search_by_key(&c, |w| w.company)
                .is_ok_and(|p| wished[p].mutual)
        };
        let mut pairs: Vec<(usize, f32, bool)> = Vec::with_capacity(ranking.len() + wished.len());
        for &(c, score) in ranking {
            listed[c as usize] = i as u32;
            pairs.push((c as usize, score, is_mutual(c as usize)));
        }
        pairs.extend(
            wished
                .iter()
                .filter(|w| listed[w.company] != i as u32)
                .map(|w| (w.company, w.score, w.mutual)),
        );
        for (c, score, mutual) in pairs {
            // A pair with nothing in common (no word, concept or wish) is no meeting worth proposing.
            if excluded.contains(&(i, c)) || score <= 0.0 {
                continue;
            }
            out.push(Candidate {
                irritant: i as u32,
                company: c as u32,
                affinity: f64::from(score).clamp(0.0, 1.0),
                mutual,
            });
        }
    }
    out
}

/// The irritants for which a pair left out of the ranking could improve the
/// solution. Such a pair is wished by neither side (those are always
/// candidates) and scores at most the irritant's last kept one.
fn irritants_to_widen(
    problem: &Problem,
    solution: &Solution,
    rankings: &[Vec<(u32, f32)>],
    keep: &[usize],
    excluded: &HashSet<(usize, usize)>,
) -> Vec<usize> {
    let nc = problem.company_max.len();
    let mut kept = vec![NONE; nc];
    let mut by_irritant: Vec<Vec<u32>> = vec![Vec::new(); rankings.len()];
    for c in &problem.candidates {
        by_irritant[c.irritant as usize].push(c.company);
    }
    let mut widen = Vec::new();
    for (i, ranking) in rankings.iter().enumerate() {
        if keep[i] >= nc {
            continue; // the whole pool was ranked: nothing left out
        }
        // With nothing kept, a left-out pair may score anything.
        let floor = ranking
            .last()
            .map_or(1.0, |&(_, floor)| f64::from(floor).clamp(0.0, 1.0));
        if floor <= 0.0 {
            continue; // what was left out has nothing in common with the irritant: never a candidate
        }
        for &c in &by_irritant[i] {
            kept[c as usize] = i as u32;
        }
        let improvable = (0..nc as u32).any(|c| {
            // Pricing first: it is a few integer operations, the set lookup is not.
            kept[c as usize] != i as u32
                && solution.prices.could_improve(i as u32, c, floor, false)
                && !excluded.contains(&(i, c as usize))
        });
        if improvable {
            widen.push(i);
        }
    }
    widen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(irritant: u32, company: u32, affinity: f64, mutual: bool) -> Candidate {
        Candidate {
            irritant,
            company,
            affinity,
            mutual,
        }
    }

    #[test]
    fn capacity_goes_to_the_best_total_not_the_greedy_choice() {
        // Greedy would give c0 to i0 (0.9) and leave i1 with nothing good.
        let p = Problem {
            irritant_min: vec![0, 0],
            irritant_max: vec![1, 1],
            company_max: vec![1, 1],
            candidates: vec![
                cand(0, 0, 0.9, false),
                cand(0, 1, 0.8, false),
                cand(1, 0, 0.85, false),
                cand(1, 1, 0.1, false),
            ],
            excluded: vec![],
        };
        let s = solve(&p).unwrap();
        assert_eq!(s.chosen, vec![1, 2]);
        assert!((s.total_affinity - 1.65).abs() < 1e-9);
        assert!(s.certified && s.is_feasible());
    }

    #[test]
    fn mutual_wishes_come_before_affinity() {
        let p = Problem {
            irritant_min: vec![0],
            irritant_max: vec![1],
            company_max: vec![1, 1],
            candidates: vec![cand(0, 0, 0.99, false), cand(0, 1, 0.2, true)],
            excluded: vec![],
        };
        let s = solve(&p).unwrap();
        assert_eq!(s.chosen, vec![1]);
        assert_eq!(s.mutual_meetings, 1);
    }

    #[test]
    fn minimums_come_before_everything_and_shortfalls_are_explained() {
        // i0 and i1 each need one meeting; i0 has a mutual wish with c0 but
        // taking it would leave i1 (which only c0 may meet) without a meeting.
        let p = Problem {
            irritant_min: vec![1, 1, 2],
            irritant_max: vec![1, 1, 2],
            company_max: vec![1, 1],
            candidates: vec![
                cand(0, 0, 0.9, true),
                cand(0, 1, 0.1, false),
                cand(1, 0, 0.1, false),
            ],
            excluded: vec![(2, 0)],
        };
        let s = solve(&p).unwrap();
        assert_eq!(s.chosen, vec![1, 2], "{s:?}");
        assert_eq!(s.shortfalls.len(), 1);
        let i2 = &s.shortfalls[0];
        assert_eq!((i2.irritant, i2.got, i2.min), (2, 0, 2));
        assert_eq!(
            i2.reason,
            ShortfallReason::TooFewCandidates {
                eligible: 0,
                excluded: 1
            }
        );
        assert!(s.certified);

        let full = Problem {
            irritant_min: vec![1, 1],
            irritant_max: vec![1, 1],
            company_max: vec![1],
            candidates: vec![cand(0, 0, 0.3, false), cand(1, 0, 0.6, false)],
            excluded: vec![],
        };
        let s = solve(&full).unwrap();
        assert_eq!(s.chosen, vec![1]);
        assert_eq!(s.shortfalls[0].irritant, 0);
        assert_eq!(
            s.shortfalls[0].reason,
            ShortfallReason::CompaniesFull { companies: vec![0] }
        );
    }

    #[test]
    fn bad_problems_are_refused() {
        let mut p = Problem {
            irritant_min: vec![2],
            irritant_max: vec![1],
            company_max: vec![1],
            candidates: vec![],
            excluded: vec![],
        };
        assert!(solve(&p).is_err());
        p.irritant_min = vec![0];
        p.candidates = vec![cand(0, 0, 0.5, false), cand(0, 0, 0.4, false)];
        assert!(solve(&p).unwrap_err().0.contains("duplicate"));
        p.candidates = vec![cand(0, 3, 0.5, false)];
        assert!(solve(&p).is_err());
        p.candidates = vec![cand(0, 0, f64::NAN, false)];
        assert!(solve(&p).is_err());
    }
}
