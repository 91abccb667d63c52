//! An independent checker: it re-reads the organiser's description ([`InstanceSpec`], not the solver's
//! derived data) and verifies a schedule slot by slot with plain loops, so that a bug in the solvers'
//! bit tricks or domain tightening cannot hide itself.

use crate::model::InstanceSpec;
use crate::schedule::Schedule;

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    Unplaced {
        meeting: usize,
    },
    SlotOutOfRange {
        meeting: usize,
    },
    TableOutOfRange {
        meeting: usize,
    },
    TableTwice {
        slot: usize,
        table: usize,
    },
    ParticipantTwice {
        participant: usize,
        slot: usize,
    },
    Forbidden {
        meeting: usize,
        participant: usize,
        slot: usize,
    },
    WrongSession {
        meeting: usize,
    },
    NotAtFixedSlot {
        meeting: usize,
    },
    Precedence {
        before: usize,
        after: usize,
    },
    Unfair {
        max: u32,
        min: u32,
        d: u32,
    },
    WrongLength {
        expected: usize,
        found: usize,
    },
}

/// What a valid schedule costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub breaks: Vec<u32>,
    pub total_breaks: u32,
    /// Number of times a host sits at a different table from its previous meeting.
    pub host_table_changes: u32,
}

/// Checks every hard constraint (and the fairness bound) and counts breaks.
pub fn check(spec: &InstanceSpec, schedule: &Schedule) -> Result<Evaluation, Vec<Violation>> {
    let mut violations = Vec::new();
    let n_slots: usize = spec.sessions.iter().map(|s| s.slots).sum();
    let n_tables = spec.tables.len();
    let placements = schedule.placements();
    if placements.len() != spec.meetings.len() {
        return Err(vec![Violation::WrongLength {
            expected: spec.meetings.len(),
            found: placements.len(),
        }]);
    }
    // grid[p][s] = meeting of p at slot s.
    let mut grid: Vec<Vec<Option<usize>>> = vec![vec![None; n_slots]; spec.participants.len()];
    let mut tables_used = vec![vec![false; n_tables]; n_slots];
    for (m, meeting) in spec.meetings.iter().enumerate() {
        let Some(place) = placements[m] else {
            violations.push(Violation::Unplaced { meeting: m });
            continue;
        };
        if place.slot >= n_slots {
            violations.push(Violation::SlotOutOfRange { meeting: m });
            continue;
        }
        if place.table >= n_tables {
            violations.push(Violation::TableOutOfRange { meeting: m });
        } else if std::mem::replace(&mut tables_used[place.slot][place.table], true) {
            violations.push(Violation::TableTwice {
                slot: place.slot,
                table: place.table,
            });
        }
        for p in [meeting.a, meeting.b] {
            if grid[p][place.slot].replace(m).is_some() {
                violations.push(Violation::ParticipantTwice {
                    participant: p,
                    slot: place.slot,
                });
            }
            if spec.participants[p].forbidden.contains(&place.slot) {
                violations.push(Violation::Forbidden {
                    meeting: m,
                    participant: p,
                    slot: place.slot,
                });
            }
        }
        if let Some(session) = meeting.session {
            let start: usize = spec.sessions[..session].iter().map(|s| s.slots).sum();
            if place.slot < start || place.slot >= start + spec.sessions[session].slots {
                violations.push(Violation::WrongSession { meeting: m });
            }
        }
        if meeting.fixed.is_some_and(|f| f != place.slot) {
            violations.push(Violation::NotAtFixedSlot { meeting: m });
        }
    }
    for (m, meeting) in spec.meetings.iter().enumerate() {
        for &o in &meeting.after {
            if let (Some(a), Some(b)) = (placements[o], placements[m])
                && a.slot >= b.slot
            {
                violations.push(Violation::Precedence {
                    before: o,
                    after: m,
                });
            }
        }
    }
    let mut breaks = Vec::with_capacity(grid.len());
    let mut host_table_changes = 0;
    for (p, row) in grid.iter().enumerate() {
        let mut count = 0;
        let mut seen_meeting = false;
        let mut idle = false;
        let mut last_table = None;
        for cell in row {
            match cell {
                Some(m) => {
                    if seen_meeting && idle {
                        count += 1;
                    }
                    seen_meeting = true;
                    idle = false;
                    if spec.participants[p].host
                        && let Some(place) = placements[*m]
                    {
                        if last_table.is_some_and(|t| t != place.table) {
                            host_table_changes += 1;
                        }
                        last_table = Some(place.table);
                    }
                }
                None => idle = true,
            }
        }
        breaks.push(count);
    }
    if let Some(d) = spec.fairness {
        let max = breaks.iter().copied().max().unwrap_or(0);
        let min = breaks.iter().copied().min().unwrap_or(0);
        if max - min > d {
            violations.push(Violation::Unfair { max, min, d });
        }
    }
    if !violations.is_empty() {
        return Err(violations);
    }
    let total_breaks = breaks.iter().sum();
    Ok(Evaluation {
        breaks,
        total_breaks,
        host_table_changes,
    })
}
