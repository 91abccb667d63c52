//! The anytime solver: cheap lower bounds, a first schedule (SAT on events small enough, local search
//! otherwise), then a proof loop that raises the lower bound until it meets the best schedule.

use std::time::{Duration, Instant};

use crate::cores::{Cores, Step};
use crate::heuristic::Search;
use crate::lns::Lns;
use crate::model::{Instance, SlotSet, slots_of};
use crate::sat::{self, Model};
use crate::schedule::{Schedule, assign_tables, breaks_and_spread};

/// Above this many (meeting, slot) pairs the SAT model is not built: local search only.
pub(crate) const SAT_MAX_PAIRS: usize = 40_000;

#[derive(Debug, Clone)]
pub struct SolveOptions {
    pub time_limit: Duration,
    pub seed: u64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Duration::from_secs(10),
            seed: 0,
        }
    }
}

/// A complete schedule with its quality.
#[derive(Debug, Clone)]
pub struct Solution {
    pub schedule: Schedule,
    pub total_breaks: u32,
    /// No schedule under the fairness bound has fewer breaks.
    pub lower_bound: u32,
    pub optimal: bool,
    /// False only when the time ran out before a schedule within the fairness bound was found.
    pub fair: bool,
    pub host_table_changes: u32,
}

/// Why not every meeting can be placed, with a largest placeable set.
#[derive(Debug, Clone)]
pub struct Infeasibility {
    /// French first, then English.
    pub reason: String,
    /// A schedule of as many meetings as could be placed together (proved largest on small events).
    pub largest_placeable: Schedule,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Scheduled(Solution),
    Infeasible(Infeasibility),
    /// The time ran out before every meeting was placed: the best partial schedule.
    TimedOut(Schedule),
}

/// Lower bound on a participant's breaks from its usable slots alone: its meetings need as many
/// blocks of consecutive usable slots as it takes, longest first, to hold them all.
pub fn participant_lower_bound(inst: &Instance, p: usize) -> u32 {
    let k = inst.meetings_of(p).len();
    if k < 2 {
        return 0;
    }
    let usable: SlotSet = inst
        .meetings_of(p)
        .iter()
        .fold(0, |acc, &m| acc | inst.meeting(m).allowed);
    let mut blocks = Vec::new();
    let mut run = 0;
    for s in 0..=inst.n_slots() {
        if s < inst.n_slots() && usable >> s & 1 == 1 {
            run += 1;
        } else if run > 0 {
            blocks.push(run);
            run = 0;
        }
    }
    blocks.sort_unstable_by(|a, b| b.cmp(a));
    let mut covered = 0;
    let mut bound = 0;
    for (i, len) in blocks.iter().enumerate() {
        covered += len;
        if covered >= k {
            bound = i as u32;
            break;
        }
    }
    // No break means k consecutive slots holding the k meetings, each in one of its own slots
    // (sessions, fixed slots, a partner's forbidden slots): if no run of k slots has such a
    // matching, at least one break.
    if bound == 0 {
        let sets: Vec<SlotSet> = inst
            .meetings_of(p)
            .iter()
            .map(|&m| inst.meeting(m).allowed)
            .collect();
        let fits = (0..=inst.n_slots().saturating_sub(k))
            .any(|start| perfect_matching(&sets, crate::model::low_mask(k) << start));
        if !fits {
            bound = 1;
        }
    }
    bound
}

/// Whether every set gets its own slot of `within` (Kuhn's augmenting paths on bit sets).
fn perfect_matching(sets: &[SlotSet], within: SlotSet) -> bool {
    let mut holder: [Option<usize>; crate::model::MAX_SLOTS] = [None; crate::model::MAX_SLOTS];
    fn augment(
        i: usize,
        sets: &[SlotSet],
        within: SlotSet,
        seen: &mut SlotSet,
        holder: &mut [Option<usize>],
    ) -> bool {
        for s in slots_of(sets[i] & within & !*seen) {
            *seen |= 1u128 << s;
            if holder[s].is_none_or(|j| augment(j, sets, within, seen, holder)) {
                holder[s] = Some(i);
                return true;
            }
        }
        false
    }
    (0..sets.len()).all(|i| {
        let mut seen = 0;
        augment(i, sets, within, &mut seen, &mut holder)
    })
}

/// Sum of per-participant bounds, each raised to (largest bound - d) since fairness keeps everyone
/// within d of the most broken participant.
pub fn cheap_lower_bound(inst: &Instance) -> u32 {
    lower_bounds(inst).iter().sum()
}

fn lower_bounds(inst: &Instance) -> Vec<u32> {
    let per: Vec<u32> = (0..inst.n_participants())
        .map(|p| participant_lower_bound(inst, p))
        .collect();
    let max = per.iter().copied().max().unwrap_or(0);
    let floor = inst.fairness().map_or(0, |d| max.saturating_sub(d));
    per.iter().map(|&b| b.max(floor)).collect()
}

fn pairs(inst: &Instance) -> usize {
    inst.meetings()
        .iter()
        .map(|m| m.allowed.count_ones() as usize)
        .sum()
}

fn finish(inst: &Instance, slots: &[Option<usize>], lower_bound: u32, proved: bool) -> Solution {
    let schedule = assign_tables(inst, slots, None);
    let (total_breaks, spread) = breaks_and_spread(inst, slots);
    let fair = inst.fairness().is_none_or(|d| spread <= d);
    let host_table_changes =
        crate::check::check(inst.spec(), &schedule).map_or(0, |e| e.host_table_changes);
    let lower_bound = lower_bound.min(total_breaks);
    Solution {
        schedule,
        total_breaks,
        lower_bound,
        optimal: fair && (proved || lower_bound == total_breaks),
        fair,
        host_table_changes,
    }
}

/// Schedules every meeting, minimising breaks under the fairness bound, within the time limit.
/// Deterministic for a given seed whenever the search ends before the time limit.
pub fn solve(inst: &Instance, options: &SolveOptions) -> Outcome {
    let start = Instant::now();
    let deadline = start + options.time_limit;
    let per = lower_bounds(inst);
    let per_sum: u32 = per.iter().sum();
    let mut lower = per_sum;
    if let Some(reason) = quick_infeasibility(inst) {
        return Outcome::Infeasible(Infeasibility {
            reason,
            largest_placeable: largest_placeable(inst, soon(deadline)),
        });
    }
    if pairs(inst) > SAT_MAX_PAIRS {
        return large_event(inst, options, start, lower);
    }
    let mut model = Model::new(
        inst,
        &sat::Options {
            breaks: true,
            optional: false,
            symmetry: true,
        },
    );
    // Feasibility first: an infeasible event is answered at once, with its reason.
    let mut slots = match model.solve(&[], &[], deadline, None) {
        sat::Outcome::Sat(slots) => slots,
        sat::Outcome::Unsat => return Outcome::Infeasible(explain(inst, deadline)),
        sat::Outcome::Interrupted => {
            // Not even a first schedule from SAT in time: whatever local search finds.
            let mut search = Search::new(inst, options.seed);
            search.construct(None);
            let found = search.improve(deadline, lower, u64::MAX);
            return if found.feasible {
                Outcome::Scheduled(finish(inst, &found.slots, lower, false))
            } else {
                Outcome::TimedOut(partial(inst, &found.slots))
            };
        }
    };
    let mut ub = breaks_and_spread(inst, &slots).0;
    // A short local search from it, for a better schedule should the proofs take all the time.
    if lower < ub {
        let mut search = Search::new(inst, options.seed);
        search.construct(Some(&slots));
        // Bounded by moves without progress, not by time, so that the result is reproducible.
        let n = inst.n_meetings() as u64;
        let found = search.improve_for(deadline, lower, 20 * n, 200 * n);
        let (b, spread) = breaks_and_spread(inst, &found.slots);
        if found.feasible && inst.fairness().is_none_or(|d| spread <= d) && b < ub {
            ub = b;
            slots = found.slots;
        }
    }
    // Raise the lower bound by cores, so that the first satisfiable answer is the optimum. A proof
    // step that runs out of its budget of conflicts gives way to one improvement attempt halfway
    // between the bounds (what the organiser gets if time runs out), then both budgets double.
    // Conflict budgets rather than time slices keep the result independent of the clock.
    let caps = |bound: u32| -> Vec<usize> {
        per.iter()
            .map(|&b| (b + bound.saturating_sub(per_sum)) as usize)
            .collect()
    };
    let floors: Vec<usize> = per.iter().map(|&b| b as usize).collect();
    let mut cores = Cores::new(&model, &floors);
    let objective = model.add_objective(model.break_lits.clone());
    let mut budget = 2_000u64;
    while lower < ub && Instant::now() < deadline {
        match cores.step(&mut model, deadline, Some(budget)) {
            Step::Optimal(found) => {
                ub = breaks_and_spread(inst, &found).0;
                slots = found;
                lower = ub;
                break;
            }
            Step::Raised => {
                lower = lower.max(per_sum + cores.raised);
                continue;
            }
            Step::Interrupted => {}
        }
        if lower + 1 < ub {
            // Halfway between the bounds: a success may jump far down, a refusal is a new bound.
            let target = lower + (ub - lower) / 2;
            let extra = model.participant_caps(&caps(target));
            match model.solve(
                &[(objective, target as usize)],
                &extra,
                deadline,
                Some(budget),
            ) {
                sat::Outcome::Sat(found) => {
                    ub = breaks_and_spread(inst, &found).0;
                    slots = found;
                }
                sat::Outcome::Unsat => lower = target + 1,
                sat::Outcome::Interrupted => {}
            }
        }
        budget *= 2;
    }
    Outcome::Scheduled(finish(inst, &slots, lower, lower >= ub))
}

/// Local-search moves per worker and round on large events (a fraction of a second of one core on the
/// 20,000-meeting event): rounds of fixed length keep the result independent of the clock.
const ROUND_MOVES_PER_MEETING: u64 = 10;
/// Rounds without a better schedule from either worker before the SAT windows take over.
const STALLED_ROUNDS: u32 = 5;

/// Too large for one SAT model: a slot-by-slot construction, then local search in rounds on two
/// workers (threads with their own seeds, both starting each round from the best schedule so far,
/// the better result kept, the first worker's on a tie), then, once the local search stalls, the SAT
/// model on windows of the day (large-neighbourhood search), which also brings participants back
/// under the fairness bound. For a given seed the result depends on the clock only through the
/// number of rounds that fit before the time limit.
fn large_event(inst: &Instance, options: &SolveOptions, start: Instant, lower: u32) -> Outcome {
    // Keep a little time for tables and output.
    let end = start + options.time_limit.mul_f64(0.9);
    let mut search = Search::new(inst, options.seed);
    search.construct(Some(&crate::sweep::sweep(inst)));
    let mut best = search.improve_for(end, lower, u64::MAX, 0);
    let moves = ROUND_MOVES_PER_MEETING * inst.n_meetings() as u64;
    let mut stalled = 0;
    let mut round = 0u64;
    let done = |f: &crate::heuristic::Found| f.feasible && f.cost <= i64::from(lower);
    while Instant::now() < end && stalled < STALLED_ROUNDS && !done(&best) {
        round += 1;
        let incumbent = &best.slots;
        let results: Vec<crate::heuristic::Found> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..2u64)
                .map(|w| {
                    let seed = options.seed ^ (round << 1 | w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    scope.spawn(move || {
                        let mut search = Search::new(inst, seed);
                        search.construct(Some(incumbent));
                        search.improve_for(end, lower, u64::MAX, moves)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a local-search worker panicked"))
                .collect()
        });
        let better = results
            .into_iter()
            .min_by_key(|f| f.cost)
            .filter(|f| f.cost < best.cost);
        match better {
            Some(found) => {
                best = found;
                stalled = 0;
            }
            None => stalled += 1,
        }
    }
    if !best.feasible {
        return Outcome::TimedOut(partial(inst, &best.slots));
    }
    let slots: Vec<usize> = best.slots.iter().map(|s| s.unwrap_or(0)).collect();
    let mut lns = Lns::new(inst, slots, options.seed);
    lns.run(end, lower);
    Outcome::Scheduled(finish(inst, &lns.slots(), lower, false))
}

/// Keeps the meetings of a conflicting assignment that can stay together (first come, first kept).
fn partial(inst: &Instance, slots: &[Option<usize>]) -> Schedule {
    let mut busy = vec![0u128; inst.n_participants()];
    let mut load = vec![0usize; inst.n_slots()];
    let mut kept: Vec<Option<usize>> = vec![None; slots.len()];
    for (m, s) in slots.iter().enumerate() {
        let Some(s) = *s else { continue };
        let meeting = inst.meeting(m);
        let bit = 1u128 << s;
        let prec_ok = meeting
            .after
            .iter()
            .all(|&o| kept[o].is_none_or(|so| so < s))
            && inst
                .successors(m)
                .iter()
                .all(|&o| kept[o].is_none_or(|so| so > s));
        if busy[meeting.a] & bit == 0
            && busy[meeting.b] & bit == 0
            && load[s] < inst.n_tables()
            && prec_ok
        {
            busy[meeting.a] |= bit;
            busy[meeting.b] |= bit;
            load[s] += 1;
            kept[m] = Some(s);
        }
    }
    assign_tables(inst, &kept, None)
}

/// Necessary conditions that name the culprit directly.
fn quick_infeasibility(inst: &Instance) -> Option<String> {
    let (n_m, cap) = (inst.n_meetings(), inst.n_tables() * inst.n_slots());
    if n_m > cap {
        return Some(format!(
            "{n_m} rencontres pour {} tables × {} créneaux = {cap} places / {n_m} meetings for {} tables × {} slots = {cap} places",
            inst.n_tables(),
            inst.n_slots(),
            inst.n_tables(),
            inst.n_slots()
        ));
    }
    for s in 0..inst.n_slots() {
        let forced = inst
            .meetings()
            .iter()
            .filter(|m| m.allowed == 1u128 << s)
            .count();
        if forced > inst.n_tables() {
            return Some(format!(
                "créneau {slot} : {forced} rencontres imposées pour {t} tables / slot {slot}: {forced} meetings forced for {t} tables",
                slot = s + 1,
                t = inst.n_tables()
            ));
        }
    }
    for p in 0..inst.n_participants() {
        let ms = inst.meetings_of(p);
        // Hall's condition on every group of meetings sharing the same usable slots (per session,
        // fixed slot…): more meetings than slots in the union is impossible.
        let mut sets: Vec<SlotSet> = ms.iter().map(|&m| inst.meeting(m).allowed).collect();
        sets.sort_unstable();
        sets.dedup();
        for &set in &sets {
            let within: Vec<usize> = ms
                .iter()
                .copied()
                .filter(|&m| inst.meeting(m).allowed & !set == 0)
                .collect();
            if within.len() > set.count_ones() as usize {
                let slots: Vec<String> = slots_of(set).map(|s| (s + 1).to_string()).collect();
                return Some(format!(
                    "participant {p1} : {k} rencontres ne peuvent avoir lieu qu'aux créneaux {{{list}}} ({n} créneaux) / participant {p1}: {k} meetings can only be held in slots {{{list}}} ({n} slots)",
                    p1 = p + 1,
                    k = within.len(),
                    list = slots.join(","),
                    n = set.count_ones()
                ));
            }
        }
    }
    None
}

/// Explains an infeasibility the quick checks missed: the fairness bound, or a combination of rules.
fn explain(inst: &Instance, deadline: Instant) -> Infeasibility {
    if let Some(d) = inst.fairness() {
        let loose = inst.with_fairness(None);
        let mut model = Model::new(
            &loose,
            &sat::Options {
                breaks: false,
                optional: false,
                symmetry: true,
            },
        );
        // Every meeting fits without the bound: that schedule is the largest placeable set, and
        // the answer comes without searching for one.
        if let sat::Outcome::Sat(slots) = model.solve(&[], &[], deadline, None) {
            return Infeasibility {
                reason: format!(
                    "aucun planning ne respecte l'équité d={d} (écart de pauses entre participants) ; relâchez-la / no schedule keeps the fairness bound d={d} (spread of breaks between participants); loosen it"
                ),
                largest_placeable: assign_tables(inst, &slots, None),
            };
        }
    }
    let largest_placeable = largest_placeable(inst, soon(deadline));
    let unplaced: Vec<String> = largest_placeable
        .placements()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(m, _)| {
            let meeting = inst.meeting(m);
            format!("{} ({}-{})", m + 1, meeting.a + 1, meeting.b + 1)
        })
        .collect();
    Infeasibility {
        reason: format!(
            "les créneaux interdits, sessions, créneaux imposés, précédences et tables ne permettent de placer que {placed} rencontres sur {n} ; à retirer : {list} / forbidden slots, sessions, fixed slots, precedences and tables allow only {placed} of {n} meetings; to drop: {list}",
            placed = largest_placeable.n_placed(),
            n = inst.n_meetings(),
            list = unplaced.join(", ")
        ),
        largest_placeable,
    }
}

/// As many meetings as can be held together (exact by SAT when the event is small and time allows,
/// greedy otherwise).
fn largest_placeable(inst: &Instance, deadline: Instant) -> Schedule {
    let mut search = Search::new(inst, 0);
    search.construct(None);
    let greedy = partial(
        inst,
        &search
            .improve(
                deadline.min(Instant::now() + Duration::from_millis(200)),
                0,
                10 * inst.n_meetings() as u64,
            )
            .slots,
    );
    if pairs(inst) > SAT_MAX_PAIRS {
        return greedy;
    }
    let mut model = Model::new(
        inst,
        &sat::Options {
            breaks: false,
            optional: true,
            symmetry: false,
        },
    );
    let objective = model.add_objective(model.unplaced_lits.clone());
    let missing_greedy = inst.n_meetings() - greedy.n_placed();
    // Raise the number of meetings left out until satisfiable; stop at what the greedy already did.
    for k in 0..missing_greedy {
        match model.solve(&[(objective, k)], &[], deadline, None) {
            sat::Outcome::Sat(slots) => return assign_tables(inst, &slots, None),
            sat::Outcome::Unsat => {}
            sat::Outcome::Interrupted => break,
        }
    }
    greedy
}

/// The largest placeable set only illustrates an infeasibility: it must not delay the answer.
fn soon(deadline: Instant) -> Instant {
    deadline.min(Instant::now() + Duration::from_millis(400))
}
