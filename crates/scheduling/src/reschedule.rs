//! Rescheduling on the day: a change arrives, the published schedule must absorb it while moving as
//! few meetings as possible. On the day, stability beats fairness: the fairness bound is not enforced
//! here; after the fewest moves, breaks are minimised.

use std::time::Instant;

use crate::heuristic::Search;
use crate::model::{Instance, MeetingSpec, ModelError};
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
    /// The event after the change.
    pub instance: Instance,
    pub schedule: Schedule,
    /// Meetings (indices in the new instance) held at another slot or table than published; a new
    /// meeting is not counted.
    pub moved: Vec<usize>,
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

/// Applies `change` to the event and returns a schedule that moves as few published meetings as
/// possible (proved minimal when the SAT model is used and time allows).
pub fn reschedule(
    inst: &Instance,
    published: &Schedule,
    change: &Change,
    options: &SolveOptions,
) -> Result<Rescheduled, RescheduleError> {
    let deadline = Instant::now() + options.time_limit;
    if published.placements().len() != inst.n_meetings() {
        return Err(RescheduleError::ScheduleMismatch);
    }
    let mut spec = inst.spec().clone();
    spec.fairness = None;
    // previous[m]: published placement of new meeting m.
    let mut previous: Vec<Option<Placement>> = published.placements().to_vec();
    match change {
        Change::Cancel { meeting } => {
            let m = *meeting;
            if m >= spec.meetings.len() {
                return Err(RescheduleError::UnknownMeeting(m));
            }
            spec.meetings.remove(m);
            previous.remove(m);
            for ms in &mut spec.meetings {
                ms.after.retain(|&o| o != m);
                for o in &mut ms.after {
                    if *o > m {
                        *o -= 1;
                    }
                }
            }
        }
        Change::Absent { participant, slots } => {
            let part = spec
                .participants
                .get_mut(*participant)
                .ok_or(RescheduleError::UnknownParticipant(*participant))?;
            part.forbidden.extend(slots.iter().copied());
            part.forbidden.sort_unstable();
            part.forbidden.dedup();
        }
        Change::Add { meeting } => {
            spec.meetings.push(meeting.clone());
            previous.push(None);
        }
        Change::TableLost { table } => {
            let t = *table;
            if t >= spec.tables.len() {
                return Err(RescheduleError::UnknownTable(t));
            }
            spec.tables.remove(t);
            for p in previous.iter_mut().flatten() {
                if p.table == t {
                    // Keep the slot; the table is chosen afresh.
                    p.table = usize::MAX;
                } else if p.table > t {
                    p.table -= 1;
                }
            }
        }
    }
    let new = Instance::new(spec)?;
    let old_slots: Vec<Option<usize>> = previous.iter().map(|p| p.map(|p| p.slot)).collect();
    let slots = if sat_sized(&new) {
        minimal_moves_sat(&new, &old_slots, deadline)?
    } else {
        let mut search = Search::new(&new, options.seed);
        search.construct(Some(&old_slots));
        let found = search.improve(deadline, u32::MAX, u64::MAX);
        if !found.feasible {
            return Err(RescheduleError::TimedOut);
        }
        found.slots
    };
    let previous_schedule = Schedule::new(previous.clone());
    let schedule = assign_tables(&new, &slots, Some(&previous_schedule));
    let moved = (0..new.n_meetings())
        .filter(|&m| previous[m].is_some() && previous[m] != schedule.placement(m))
        .collect();
    let (total_breaks, _) = breaks_and_spread(&new, &slots);
    Ok(Rescheduled {
        instance: new,
        schedule,
        moved,
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
