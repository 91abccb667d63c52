//! A schedule (slot and table of each meeting) and the table assignment that turns a slot assignment
//! into one.

use crate::model::{Instance, SlotSet, breaks_of};

/// Where and when a meeting is held (0-based slot and table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Placement {
    pub slot: usize,
    pub table: usize,
}

/// A (possibly partial) schedule: one optional placement per meeting, in meeting order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    placements: Vec<Option<Placement>>,
}

impl Schedule {
    pub fn new(placements: Vec<Option<Placement>>) -> Self {
        Schedule { placements }
    }
    pub fn placements(&self) -> &[Option<Placement>] {
        &self.placements
    }
    pub fn placement(&self, m: usize) -> Option<Placement> {
        self.placements.get(m).copied().flatten()
    }
    pub fn slots(&self) -> Vec<Option<usize>> {
        self.placements.iter().map(|p| p.map(|p| p.slot)).collect()
    }
    pub fn n_placed(&self) -> usize {
        self.placements.iter().flatten().count()
    }
}

/// Busy slots of every participant under a slot assignment.
pub(crate) fn busy_sets(inst: &Instance, slots: &[Option<usize>]) -> Vec<SlotSet> {
    let mut busy = vec![0u128; inst.n_participants()];
    for (m, slot) in slots.iter().enumerate() {
        if let Some(s) = slot {
            let meeting = inst.meeting(m);
            busy[meeting.a] |= 1u128 << s;
            busy[meeting.b] |= 1u128 << s;
        }
    }
    busy
}

/// Total breaks and the fairness spread (max - min) of a slot assignment.
pub(crate) fn breaks_and_spread(inst: &Instance, slots: &[Option<usize>]) -> (u32, u32) {
    let busy = busy_sets(inst, slots);
    let per: Vec<u32> = busy.iter().map(|&b| breaks_of(b)).collect();
    let total = per.iter().sum();
    let spread = per.iter().max().unwrap_or(&0) - per.iter().min().unwrap_or(&0);
    (total, spread)
}

/// Gives each placed meeting a table. Preferences, in order: the table it had in `previous` (so a
/// reschedule does not send people to new tables), then its host's home table when hosts keep their
/// tables. Home tables are handed out greedily so that two hosts share a table only if they never meet
/// in the same slot; a host that gets no home table moves as little as the free tables allow.
/// The caller guarantees at most `n_tables` meetings per slot.
pub fn assign_tables(
    inst: &Instance,
    slots: &[Option<usize>],
    previous: Option<&Schedule>,
) -> Schedule {
    let n_tables = inst.n_tables();
    let busy = busy_sets(inst, slots);
    let mut home: Vec<Option<usize>> = vec![None; inst.n_participants()];
    if inst.spec().hosts_keep_tables {
        let mut hosts: Vec<usize> = (0..inst.n_participants())
            .filter(|&p| inst.is_host(p))
            .collect();
        hosts.sort_by_key(|&p| (std::cmp::Reverse(busy[p].count_ones()), p));
        let mut table_busy = vec![0u128; n_tables];
        for p in hosts {
            if let Some(t) = (0..n_tables).find(|&t| table_busy[t] & busy[p] == 0) {
                table_busy[t] |= busy[p];
                home[p] = Some(t);
            }
        }
    }
    let host_home = |m: usize| {
        let meeting = inst.meeting(m);
        home[meeting.a].or(home[meeting.b])
    };
    let mut by_slot: Vec<Vec<usize>> = vec![Vec::new(); inst.n_slots()];
    for (m, slot) in slots.iter().enumerate() {
        if let Some(s) = slot {
            by_slot[*s].push(m);
        }
    }
    let mut placements: Vec<Option<Placement>> = vec![None; slots.len()];
    // Last table of each host, so that a host without a home table still stays put when it can.
    let mut last_table: Vec<Option<usize>> = vec![None; inst.n_participants()];
    for (slot, ms) in by_slot.iter().enumerate() {
        let mut used = vec![false; n_tables];
        let mut pending = Vec::new();
        let prefs = |m: usize, last: &[Option<usize>]| {
            let meeting = inst.meeting(m);
            let kept = previous.and_then(|p| p.placement(m)).map(|p| p.table);
            let host_last = if inst.spec().hosts_keep_tables {
                [meeting.a, meeting.b]
                    .into_iter()
                    .filter(|&p| inst.is_host(p))
                    .find_map(|p| last[p])
            } else {
                None
            };
            [kept, host_home(m), host_last]
        };
        for &m in ms {
            let placed = prefs(m, &last_table)
                .into_iter()
                .flatten()
                .find(|&t| t < n_tables && !used[t]);
            match placed {
                Some(t) => {
                    used[t] = true;
                    placements[m] = Some(Placement { slot, table: t });
                }
                None => pending.push(m),
            }
        }
        let mut free = (0..n_tables).filter(|&t| !used[t]);
        for m in pending {
            if let Some(t) = free.next() {
                placements[m] = Some(Placement { slot, table: t });
            }
        }
        for &m in ms {
            if let Some(p) = placements[m] {
                let meeting = inst.meeting(m);
                last_table[meeting.a] = Some(p.table);
                last_table[meeting.b] = Some(p.table);
            }
        }
    }
    Schedule::new(placements)
}
