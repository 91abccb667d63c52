//! Rescheduling on the day: a change arrives, the published schedule must absorb it while moving as
//! few meetings as possible. On the day, stability beats fairness: the fairness bound is not enforced
//! here; after the fewest moves, breaks are minimised.

use std::time::Instant;

use crate::heuristic::Search;
use crate::model::{Instance, InstanceSpec, MeetingSpec, ModelError};
use crate::sat::{self, Model};
use crate::schedule::{Placement, Schedule, assign_tables, breaks_and_spread};
use crate::solve::SolveOptions;

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The meeting is cancelled (removed; later meetings' indices shift down by one).
    Cancel { meeting: usize },
    /// The participant cannot attend these slots.
    Absent {
        participant: usize,
        slots: Vec<usize>,
    },
    /// A late request (appended as the last meeting).
    Add { meeting: MeetingSpec },
    /// This table is no longer available (later tables' indices shift down by one).
    TableLost { table: usize },
}

/// The new schedule and what changed for people.
#[derive(Debug, Clone)]
pub struct Rescheduled {
    /// The event after the change (without the dropped meetings).
    pub instance: Instance,
    pub schedule: Schedule,
    /// For each meeting of `instance`, its index in the published schedule (`None`: the added one).
    pub origin: Vec<Option<usize>>,
    /// Meetings (indices in the new instance) held at another slot or table than published; a new
    /// meeting is not counted.
    pub moved: Vec<usize>,
    /// Meetings of the published schedule (indices there) that could not be kept at all: only when an
    /// absence leaves no slot for them, e.g. a participant who meets in every slot.
    pub dropped: Vec<usize>,
    pub total_breaks: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RescheduleError {
    #[error("rencontre {m} inconnue / unknown meeting {m}", m = .0 + 1)]
    UnknownMeeting(usize),
    #[error("participant {p} inconnu / unknown participant {p}", p = .0 + 1)]
    UnknownParticipant(usize),
    #[error("table {t} inconnue / unknown table {t}", t = .0 + 1)]
    UnknownTable(usize),
    #[error(
        "le planning publié ne correspond pas à l'événement / the published schedule does not match the event"
    )]
    ScheduleMismatch,
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("aucun planning ne permet ce changement / no schedule can absorb this change")]
    Infeasible,
    #[error("temps écoulé avant de trouver un planning / time ran out before a schedule was found")]
    TimedOut,
}

impl RescheduleError {
    /// The change cannot be absorbed with every meeting kept (as opposed to a wrong request).
    fn is_infeasibility(&self) -> bool {
        match self {
            RescheduleError::Infeasible => true,
            RescheduleError::Model(e) => e.is_infeasibility(),
            _ => false,
        }
    }
}

/// The event being edited, with each meeting's published placement and published index.
#[derive(Debug, Clone)]
struct Draft {
    spec: InstanceSpec,
    previous: Vec<Option<Placement>>,
    origin: Vec<Option<usize>>,
}

/// A meeting taken out of a draft, with its precedences in published indices so that it can be put
/// back after other removals.
struct Removed {
    spec: MeetingSpec,
    previous: Option<Placement>,
    origin: usize,
    /// Published indices of the meetings that must follow it.
    followers: Vec<usize>,
}

impl Draft {
    /// Removes meeting `m`; precedences through it are released, later indices shift down.
    fn remove(&mut self, m: usize) -> (MeetingSpec, Option<Placement>, Option<usize>) {
        let spec = self.spec.meetings.remove(m);
        for ms in &mut self.spec.meetings {
            ms.after.retain(|&o| o != m);
            for o in &mut ms.after {
                if *o > m {
                    *o -= 1;
                }
            }
        }
        (spec, self.previous.remove(m), self.origin.remove(m))
    }

    fn take(&mut self, m: usize) -> Option<Removed> {
        let origin = self.origin[m]?;
        let followers = (0..self.spec.meetings.len())
            .filter(|&o| self.spec.meetings[o].after.contains(&m))
            .filter_map(|o| self.origin[o])
            .collect();
        let (mut spec, previous, _) = self.remove(m);
        spec.after = spec
            .after
            .iter()
            .filter_map(|&o| self.origin[if o > m { o - 1 } else { o }])
            .collect();
        Some(Removed {
            spec,
            previous,
            origin,
            followers,
        })
    }

    /// Puts a removed meeting back at its published rank, with the precedences still meaningful.
    fn put_back(&mut self, r: &Removed) {
        let index_of =
            |origin: &[Option<usize>], o: usize| origin.iter().position(|&x| x == Some(o));
        let pos = self
            .origin
            .iter()
            .take_while(|o| o.is_some_and(|o| o < r.origin))
            .count();
        let mut spec = r.spec.clone();
        spec.after = r
            .spec
            .after
            .iter()
            .filter_map(|&o| index_of(&self.origin, o))
            .collect();
        for ms in &mut self.spec.meetings {
            for o in &mut ms.after {
                if *o >= pos {
                    *o += 1;
                }
            }
        }
        for a in &mut spec.after {
            if *a >= pos {
                *a += 1;
            }
        }
        self.spec.meetings.insert(pos, spec);
        self.previous.insert(pos, r.previous);
        self.origin.insert(pos, Some(r.origin));
        for &f in &r.followers {
            if let Some(i) = index_of(&self.origin, f) {
                self.spec.meetings[i].after.push(pos);
            }
        }
    }
}

/// Applies `change` to the event and returns a schedule that moves as few published meetings as
/// possible (proved minimal when the SAT model is used and time allows). When an absence leaves no
/// room for some of the absent participant's meetings, those are dropped, then as many as possible
/// are put back; the others are reported in [`Rescheduled::dropped`].
pub fn reschedule(
    inst: &Instance,
    published: &Schedule,
    change: &Change,
    options: &SolveOptions,
) -> Result<Rescheduled, RescheduleError> {
    reschedule_dropping(inst, published, change, options, &[])
}

/// [`reschedule()`], and when a lost table or a late request leaves too few seats, the published
/// meetings of `drop_order` (the least valuable first, e.g. lowest affinity) are taken out one after the
/// other until the rest fits, then each is put back, the most valuable first, if it still fits; those
/// that do not are reported in [`Rescheduled::dropped`]. Meetings outside `drop_order` are never dropped.
pub fn reschedule_dropping(
    inst: &Instance,
    published: &Schedule,
    change: &Change,
    options: &SolveOptions,
    drop_order: &[usize],
) -> Result<Rescheduled, RescheduleError> {
    let deadline = Instant::now() + options.time_limit;
    if published.placements().len() != inst.n_meetings() {
        return Err(RescheduleError::ScheduleMismatch);
    }
    let mut draft = Draft {
        spec: inst.spec().clone(),
        previous: published.placements().to_vec(),
        origin: (0..inst.n_meetings()).map(Some).collect(),
    };
    draft.spec.fairness = None;
    match change {
        Change::Cancel { meeting } => {
            if *meeting >= draft.spec.meetings.len() {
                return Err(RescheduleError::UnknownMeeting(*meeting));
            }
            draft.remove(*meeting);
        }
        Change::Absent { participant, slots } => {
            let part = draft
                .spec
                .participants
                .get_mut(*participant)
                .ok_or(RescheduleError::UnknownParticipant(*participant))?;
            part.forbidden.extend(slots.iter().copied());
            part.forbidden.sort_unstable();
            part.forbidden.dedup();
        }
        Change::Add { meeting } => {
            draft.spec.meetings.push(meeting.clone());
            draft.previous.push(None);
            draft.origin.push(None);
        }
        Change::TableLost { table } => {
            let t = *table;
            if t >= draft.spec.tables.len() {
                return Err(RescheduleError::UnknownTable(t));
            }
            draft.spec.tables.remove(t);
            for p in draft.previous.iter_mut().flatten() {
                if p.table == t {
                    // Keep the slot; the table is chosen afresh.
                    p.table = usize::MAX;
                } else if p.table > t {
                    p.table -= 1;
                }
            }
        }
    }
    let first = place(&draft, deadline, options.seed);
    let Change::Absent { participant, slots } = change else {
        return match first {
            Err(e) if e.is_infeasibility() && !drop_order.is_empty() => {
                drop_until_it_fits(draft, drop_order, deadline, options.seed).ok_or(e)
            }
            other => other,
        };
    };
    match first {
        Err(e) if e.is_infeasibility() => {
            // The meetings of the absent participant that sat in the lost slots are the ones that
            // cannot all be kept; drop them, then put back each that still fits.
            let hit: Vec<usize> = (0..draft.spec.meetings.len())
                .filter(|&m| {
                    let ms = &draft.spec.meetings[m];
                    (ms.a == *participant || ms.b == *participant)
                        && draft.previous[m].is_some_and(|p| slots.contains(&p.slot))
                })
                .collect();
            if hit.is_empty() {
                return Err(e);
            }
            let mut removed: Vec<Removed> =
                hit.iter().rev().filter_map(|&m| draft.take(m)).collect();
            removed.reverse();
            let mut best = match place(&draft, deadline, options.seed) {
                Ok(r) => r,
                Err(_) => return Err(e),
            };
            let mut dropped = Vec::new();
            for r in &removed {
                let mut candidate = draft.clone();
                candidate.put_back(r);
                match place(&candidate, deadline, options.seed) {
                    Ok(found) => {
                        draft = candidate;
                        best = found;
                    }
                    Err(_) => dropped.push(r.origin),
                }
            }
            best.dropped = dropped;
            Ok(best)
        }
        other => other,
    }
}

/// Takes the meetings of `order` (published indices) out of the draft one by one until it can be
/// scheduled, then puts each back, the last taken first, when it still fits.
fn drop_until_it_fits(
    mut draft: Draft,
    order: &[usize],
    deadline: Instant,
    seed: u64,
) -> Option<Rescheduled> {
    let mut removed = Vec::new();
    let mut best = None;
    for &o in order {
        let Some(m) = draft.origin.iter().position(|&x| x == Some(o)) else {
            continue;
        };
        removed.extend(draft.take(m));
        if let Ok(found) = place(&draft, deadline, seed) {
            best = Some(found);
            break;
        }
    }
    let mut best = best?;
    let mut dropped = Vec::new();
    for r in removed.iter().rev() {
        let mut candidate = draft.clone();
        candidate.put_back(r);
        match place(&candidate, deadline, seed) {
            Ok(found) => {
                draft = candidate;
                best = found;
            }
            Err(_) => dropped.push(r.origin),
        }
    }
    dropped.sort_unstable();
    best.dropped = dropped;
    Some(best)
}

/// Schedules a draft with the fewest moves from its published placements.
fn place(draft: &Draft, deadline: Instant, seed: u64) -> Result<Rescheduled, RescheduleError> {
    let new = Instance::new(draft.spec.clone())?;
    let previous = &draft.previous;
    let old_slots: Vec<Option<usize>> = previous.iter().map(|p| p.map(|p| p.slot)).collect();
    let slots = if sat_sized(&new) {
        // A meeting at a lost table moves whatever its slot: only the others' moves are counted.
        let counted: Vec<Option<usize>> = previous
            .iter()
            .map(|p| p.filter(|p| p.table != usize::MAX).map(|p| p.slot))
            .collect();
        minimal_moves_sat(&new, &counted, deadline)?
    } else {
        let mut search = Search::new(&new, seed);
        search.construct(Some(&old_slots));
        let found = search.improve(deadline, u32::MAX, u64::MAX);
        if !found.feasible {
            return Err(RescheduleError::TimedOut);
        }
        found.slots
    };
    // Only a meeting that stays in its slot keeps its table: one that moved must not take the table
    // it had elsewhere from a meeting that stayed.
    let kept: Vec<Option<Placement>> = previous
        .iter()
        .zip(&slots)
        .map(|(p, s)| p.filter(|p| Some(p.slot) == *s))
        .collect();
    let schedule = assign_tables(&new, &slots, Some(&Schedule::new(kept)));
    let moved = (0..new.n_meetings())
        .filter(|&m| previous[m].is_some() && previous[m] != schedule.placement(m))
        .collect();
    let (total_breaks, _) = breaks_and_spread(&new, &slots);
    Ok(Rescheduled {
        instance: new,
        schedule,
        origin: draft.origin.clone(),
        moved,
        dropped: Vec::new(),
        total_breaks,
    })
}

fn sat_sized(inst: &Instance) -> bool {
    inst.meetings()
        .iter()
        .map(|m| m.allowed.count_ones() as usize)
        .sum::<usize>()
        <= crate::solve::SAT_MAX_PAIRS
}

/// Fewest slot changes first (raising the allowed number of moves from zero), then fewest breaks.
fn minimal_moves_sat(
    inst: &Instance,
    old: &[Option<usize>],
    deadline: Instant,
) -> Result<Vec<Option<usize>>, RescheduleError> {
    let mut model = Model::new(
        inst,
        &sat::Options {
            breaks: true,
            optional: false,
            symmetry: false,
        },
    );
    let mut stay = Vec::new();
    for (m, s) in old.iter().enumerate() {
        if let Some(lit) = s.and_then(|s| model.x(m, s)) {
            stay.push(!lit);
        }
    }
    let moves = model.add_objective(stay);
    let breaks = model.add_objective(model.break_lits.clone());
    let mut k = 0;
    let mut best = loop {
        match model.solve(&[(moves, k)], &[], deadline, None) {
            sat::Outcome::Sat(slots) => break slots,
            sat::Outcome::Unsat if k == 0 => {
                // Distinguish "infeasible" from "needs moves" once, without a bound.
                match model.solve(&[], &[], deadline, None) {
                    sat::Outcome::Unsat => return Err(RescheduleError::Infeasible),
                    sat::Outcome::Interrupted => return Err(RescheduleError::TimedOut),
                    sat::Outcome::Sat(_) => k += 1,
                }
            }
            sat::Outcome::Unsat => k += 1,
            sat::Outcome::Interrupted => return Err(RescheduleError::TimedOut),
        }
    };
    model.fix_bound(moves, k);
    let (mut b, _) = breaks_and_spread(inst, &best);
    while b > 0 {
        match model.solve(&[(breaks, b as usize - 1)], &[], deadline, None) {
            sat::Outcome::Sat(slots) => {
                b = breaks_and_spread(inst, &slots).0;
                best = slots;
            }
            _ => break,
        }
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ParticipantSpec, SessionSpec};

    fn draft() -> Draft {
        let meeting = |a, b, after: Vec<usize>| MeetingSpec {
            a,
            b,
            after,
            ..Default::default()
        };
        Draft {
            spec: InstanceSpec {
                participants: vec![ParticipantSpec::default(); 4],
                meetings: vec![
                    meeting(0, 1, vec![]),
                    meeting(0, 2, vec![0]),
                    meeting(0, 3, vec![1]),
                    meeting(1, 2, vec![0, 2]),
                ],
                sessions: vec![SessionSpec {
                    name: "matin".into(),
                    slots: 4,
                }],
                tables: InstanceSpec::numbered_tables(2),
                fairness: None,
                hosts_keep_tables: false,
            },
            previous: (0..4)
                .map(|s| Some(Placement { slot: s, table: 0 }))
                .collect(),
            origin: (0..4).map(Some).collect(),
        }
    }

    #[test]
    fn a_meeting_taken_out_and_put_back_keeps_its_rank_and_precedences() {
        let original = draft();
        let mut d = original.clone();
        // Take two, the later first (as reschedule does), and put them back in published order.
        let second = d.take(2).expect("published");
        let first = d.take(1).expect("published");
        assert_eq!(
            d.spec.meetings[1].after,
            vec![0],
            "precedences through removed meetings released"
        );
        d.put_back(&first);
        d.put_back(&second);
        assert_eq!(d.spec, original.spec);
        assert_eq!(d.previous, original.previous);
        assert_eq!(d.origin, original.origin);
    }
}
