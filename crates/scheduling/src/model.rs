//! The scheduling model: what the organiser describes ([`InstanceSpec`]) and the validated form the
//! solvers work on ([`Instance`]). Validation happens once, in [`Instance::new`]; every later step can
//! rely on indices being in range and on the constraints being self-consistent.

use thiserror::Error;

/// Slots are stored as bits of a `u128`, which keeps per-participant occupancy and break counting to a
/// handful of instructions. A real event day never comes close (the public instances have 8 to 10).
pub const MAX_SLOTS: usize = 128;

/// A set of slots (bit `s` = slot `s`, 0-based).
pub type SlotSet = u128;

/// Someone who cannot be in two meetings at once: an institution's team for an irritant, a company's
/// delegate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantSpec {
    pub name: String,
    /// 0-based slots in which the participant cannot meet.
    pub forbidden: Vec<usize>,
    /// A host (institution) keeps one table all day when [`InstanceSpec::hosts_keep_tables`] is set.
    pub host: bool,
}

/// A requested meeting between two participants (any pair: the graph need not be bipartite).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingSpec {
    pub a: usize,
    pub b: usize,
    /// The session the meeting must be held in; `None` means any session.
    pub session: Option<usize>,
    /// A slot imposed by the organiser (0-based).
    pub fixed: Option<usize>,
    /// Meetings (0-based indices) that must be held strictly before this one.
    pub after: Vec<usize>,
}

/// A session: a run of consecutive slots (morning, afternoon, …). Sessions follow each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSpec {
    pub name: String,
    pub slots: usize,
}

/// Everything the organiser states about the day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstanceSpec {
    pub participants: Vec<ParticipantSpec>,
    pub meetings: Vec<MeetingSpec>,
    pub sessions: Vec<SessionSpec>,
    /// Table names; at most this many meetings share a slot.
    pub tables: Vec<String>,
    /// Fairness bound d: the break counts of any two participants differ by at most d.
    pub fairness: Option<u32>,
    pub hosts_keep_tables: bool,
}

impl InstanceSpec {
    /// Tables named "1".."n", the usual case.
    pub fn numbered_tables(n: usize) -> Vec<String> {
        (1..=n).map(|t| t.to_string()).collect()
    }
}

/// Why a description cannot be scheduled as stated. Indices are 0-based; `Display` shows them 1-based,
/// as organisers number things.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    #[error("aucun participant / no participants")]
    NoParticipants,
    #[error("aucune rencontre / no meetings")]
    NoMeetings,
    #[error("aucune session ou aucun créneau / no sessions or no slots")]
    NoSlots,
    #[error("session {session} sans créneau / session {session} has no slot", session = .session + 1)]
    EmptySession { session: usize },
    #[error("{slots} créneaux, au plus {max} / {slots} slots, at most {max}", max = MAX_SLOTS)]
    TooManySlots { slots: usize },
    #[error("aucune table / no tables")]
    NoTables,
    #[error("table « {name} » en double / duplicate table \"{name}\"")]
    DuplicateTable { name: String },
    #[error("rencontre {m} : participant inconnu {participant} / meeting {m}: unknown participant {participant}", m = .meeting + 1, participant = .participant + 1)]
    UnknownParticipant { meeting: usize, participant: usize },
    #[error("rencontre {m} : le participant {p} se rencontre lui-même / meeting {m}: participant {p} meets itself", m = .meeting + 1, p = .participant + 1)]
    SelfMeeting { meeting: usize, participant: usize },
    #[error("participant {p} : créneau interdit {slot} hors de 1..{slots} / participant {p}: forbidden slot {slot} outside 1..{slots}", p = .participant + 1, slot = .slot + 1)]
    ForbiddenOutOfRange {
        participant: usize,
        slot: usize,
        slots: usize,
    },
    #[error("rencontre {m} : session {session} inconnue / meeting {m}: unknown session {session}", m = .meeting + 1, session = .session + 1)]
    UnknownSession { meeting: usize, session: usize },
    #[error("rencontre {m} : créneau imposé {slot} hors de 1..{slots} / meeting {m}: fixed slot {slot} outside 1..{slots}", m = .meeting + 1, slot = .slot + 1)]
    FixedOutOfRange {
        meeting: usize,
        slot: usize,
        slots: usize,
    },
    #[error("rencontre {m} : précédence vers la rencontre inconnue {other} / meeting {m}: precedence on unknown meeting {other}", m = .meeting + 1, other = .other + 1)]
    UnknownPrecedence { meeting: usize, other: usize },
    #[error("rencontre {m} : doit précéder elle-même / meeting {m} must precede itself", m = .meeting + 1)]
    SelfPrecedence { meeting: usize },
    #[error("cycle de précédences passant par la rencontre {m} / precedence cycle through meeting {m}", m = .meeting + 1)]
    PrecedenceCycle { meeting: usize },
    #[error("équité d={d} invalide / invalid fairness bound d={d}")]
    InvalidFairness { d: u32 },
    #[error("participant {p} : {meetings} rencontres mais {slots} créneaux possibles / participant {p}: {meetings} meetings but only {slots} usable slots", p = .participant + 1)]
    TooManyMeetings {
        participant: usize,
        meetings: usize,
        slots: usize,
    },
    #[error("rencontre {m} : aucun créneau possible (interdits, session, créneau imposé) / meeting {m}: no usable slot (forbidden slots, session, fixed slot)", m = .meeting + 1)]
    NoSlotForMeeting { meeting: usize },
}

impl ModelError {
    /// A stable code for the error, for the layers that translate it (Fluent ids, API payloads).
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::NoParticipants => "no-participants",
            ModelError::NoMeetings => "no-meetings",
            ModelError::NoSlots => "no-slots",
            ModelError::EmptySession { .. } => "empty-session",
            ModelError::TooManySlots { .. } => "too-many-slots",
            ModelError::NoTables => "no-tables",
            ModelError::DuplicateTable { .. } => "duplicate-table",
            ModelError::UnknownParticipant { .. } => "unknown-participant",
            ModelError::SelfMeeting { .. } => "self-meeting",
            ModelError::ForbiddenOutOfRange { .. } => "forbidden-out-of-range",
            ModelError::UnknownSession { .. } => "unknown-session",
            ModelError::FixedOutOfRange { .. } => "fixed-out-of-range",
            ModelError::UnknownPrecedence { .. } => "unknown-precedence",
            ModelError::SelfPrecedence { .. } => "self-precedence",
            ModelError::PrecedenceCycle { .. } => "precedence-cycle",
            ModelError::InvalidFairness { .. } => "invalid-fairness",
            ModelError::TooManyMeetings { .. } => "too-many-meetings",
            ModelError::NoSlotForMeeting { .. } => "no-slot-for-meeting",
        }
    }

    /// True when the description is well formed but asks for the impossible (as opposed to being
    /// malformed). The CLI maps the two to different exit codes.
    pub fn is_infeasibility(&self) -> bool {
        matches!(
            self,
            ModelError::TooManyMeetings { .. }
                | ModelError::NoSlotForMeeting { .. }
                | ModelError::PrecedenceCycle { .. }
        )
    }
}

/// Something worth telling the organiser that does not stop scheduling.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelWarning {
    /// Two requests name the same two participants (in either order): in the published model each
    /// request is its own meeting, so both are held, the first before the second.
    #[error("rencontres {f} et {s} : mêmes participants, deux rencontres tenues / meetings {f} and {s}: same participants, both held", f = .first + 1, s = .second + 1)]
    RepeatedPair { first: usize, second: usize },
}

impl ModelWarning {
    pub fn code(&self) -> &'static str {
        match self {
            ModelWarning::RepeatedPair { .. } => "repeated-pair",
        }
    }
}

/// A validated meeting with its derived data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub a: usize,
    pub b: usize,
    pub session: Option<usize>,
    pub fixed: Option<usize>,
    /// Meetings that must come strictly before this one.
    pub after: Vec<usize>,
    /// Slots where the meeting may be held: both participants free, right session, fixed slot.
    pub allowed: SlotSet,
    /// An earlier request of the same pair that is interchangeable with this one (same slots, no
    /// precedence): solvers may hold it first, which removes symmetric schedules.
    pub twin_of: Option<usize>,
}

impl Meeting {
    pub fn other(&self, p: usize) -> usize {
        if self.a == p { self.b } else { self.a }
    }
}

/// A validated instance. Built only through [`Instance::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    spec: InstanceSpec,
    meetings: Vec<Meeting>,
    /// Meetings of each participant.
    by_participant: Vec<Vec<usize>>,
    /// Meetings that must come strictly after each meeting (reverse of `after`).
    before: Vec<Vec<usize>>,
    /// Session index of each slot.
    session_of_slot: Vec<usize>,
    n_slots: usize,
    warnings: Vec<ModelWarning>,
    /// Meetings that may share each slot: the tables, less those taken by meetings outside a window of
    /// a larger event (large-neighbourhood search).
    capacity: Vec<usize>,
    /// Slots where each participant is held by a meeting outside the model (a window's surroundings).
    pinned: Vec<SlotSet>,
}

impl Instance {
    pub fn new(spec: InstanceSpec) -> Result<Self, ModelError> {
        if spec.participants.is_empty() {
            return Err(ModelError::NoParticipants);
        }
        if spec.meetings.is_empty() {
            return Err(ModelError::NoMeetings);
        }
        if spec.sessions.is_empty() {
            return Err(ModelError::NoSlots);
        }
        if let Some(session) = spec.sessions.iter().position(|s| s.slots == 0) {
            return Err(ModelError::EmptySession { session });
        }
        let n_slots: usize = spec.sessions.iter().map(|s| s.slots).sum();
        if n_slots > MAX_SLOTS {
            return Err(ModelError::TooManySlots { slots: n_slots });
        }
        if spec.tables.is_empty() {
            return Err(ModelError::NoTables);
        }
        let mut names: Vec<&str> = spec.tables.iter().map(String::as_str).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(ModelError::DuplicateTable {
                name: w[0].to_owned(),
            });
        }
        if let Some(d) = spec.fairness
            && d as usize > MAX_SLOTS
        {
            return Err(ModelError::InvalidFairness { d });
        }
        let session_of_slot: Vec<usize> = spec
            .sessions
            .iter()
            .enumerate()
            .flat_map(|(i, s)| std::iter::repeat_n(i, s.slots))
            .collect();
        let all: SlotSet = if n_slots == MAX_SLOTS {
            !0
        } else {
            (1u128 << n_slots) - 1
        };
        let n_p = spec.participants.len();
        let mut free = vec![all; n_p];
        for (p, part) in spec.participants.iter().enumerate() {
            for &slot in &part.forbidden {
                if slot >= n_slots {
                    return Err(ModelError::ForbiddenOutOfRange {
                        participant: p,
                        slot,
                        slots: n_slots,
                    });
                }
                free[p] &= !(1u128 << slot);
            }
        }
        let mut by_participant = vec![Vec::new(); n_p];
        let mut pairs = std::collections::HashMap::new();
        let mut warnings = Vec::new();
        let mut meetings = Vec::with_capacity(spec.meetings.len());
        for (m, ms) in spec.meetings.iter().enumerate() {
            for participant in [ms.a, ms.b] {
                if participant >= n_p {
                    return Err(ModelError::UnknownParticipant {
                        meeting: m,
                        participant,
                    });
                }
            }
            if ms.a == ms.b {
                return Err(ModelError::SelfMeeting {
                    meeting: m,
                    participant: ms.a,
                });
            }
            let key = (ms.a.min(ms.b), ms.a.max(ms.b));
            if let Some(first) = pairs.insert(key, m) {
                warnings.push(ModelWarning::RepeatedPair { first, second: m });
            }
            let mut allowed = free[ms.a] & free[ms.b];
            if let Some(session) = ms.session {
                if session >= spec.sessions.len() {
                    return Err(ModelError::UnknownSession {
                        meeting: m,
                        session,
                    });
                }
                let mask = session_of_slot
                    .iter()
                    .enumerate()
                    .filter(|&(_, &s)| s == session)
                    .fold(0u128, |acc, (slot, _)| acc | 1u128 << slot);
                allowed &= mask;
            }
            if let Some(slot) = ms.fixed {
                if slot >= n_slots {
                    return Err(ModelError::FixedOutOfRange {
                        meeting: m,
                        slot,
                        slots: n_slots,
                    });
                }
                allowed &= 1u128 << slot;
            }
            for &other in &ms.after {
                if other >= spec.meetings.len() {
                    return Err(ModelError::UnknownPrecedence { meeting: m, other });
                }
                if other == m {
                    return Err(ModelError::SelfPrecedence { meeting: m });
                }
            }
            by_participant[ms.a].push(m);
            by_participant[ms.b].push(m);
            meetings.push(Meeting {
                a: ms.a,
                b: ms.b,
                session: ms.session,
                fixed: ms.fixed,
                after: ms.after.clone(),
                allowed,
                twin_of: None,
            });
        }
        let mut before = vec![Vec::new(); meetings.len()];
        for (m, meeting) in meetings.iter().enumerate() {
            for &o in &meeting.after {
                before[o].push(m);
            }
        }
        if let Some(meeting) = find_cycle(&before) {
            return Err(ModelError::PrecedenceCycle { meeting });
        }
        // Tighten domains along precedences (earliest and latest start), so that a meeting forced
        // late by a chain of predecessors is seen as such by every solver and by the explanations.
        let order = topological_order(&before);
        for &m in &order {
            let earliest = meetings[m]
                .after
                .iter()
                .map(|&o| lowest(meetings[o].allowed).map_or(n_slots, |s| s + 1))
                .max()
                .unwrap_or(0);
            meetings[m].allowed &= !low_mask(earliest);
        }
        for &m in order.iter().rev() {
            let latest = before[m]
                .iter()
                .map(|&o| highest(meetings[o].allowed))
                .min();
            if let Some(latest) = latest {
                // Strictly before every successor's latest slot.
                meetings[m].allowed &= latest.map_or(0, low_mask);
            }
        }
        for w in &warnings {
            let ModelWarning::RepeatedPair { first, second } = *w;
            let free = |m: usize| meetings[m].after.is_empty() && before[m].is_empty();
            if meetings[first].allowed == meetings[second].allowed && free(first) && free(second) {
                meetings[second].twin_of = Some(first);
            }
        }
        if let Some(meeting) = meetings.iter().position(|m| m.allowed == 0) {
            return Err(ModelError::NoSlotForMeeting { meeting });
        }
        for (p, ms) in by_participant.iter().enumerate() {
            let usable = ms
                .iter()
                .fold(0u128, |acc, &m| acc | meetings[m].allowed)
                .count_ones() as usize;
            if ms.len() > usable {
                return Err(ModelError::TooManyMeetings {
                    participant: p,
                    meetings: ms.len(),
                    slots: usable,
                });
            }
        }
        let n_tables = spec.tables.len();
        Ok(Instance {
            spec,
            meetings,
            by_participant,
            before,
            session_of_slot,
            n_slots,
            warnings,
            capacity: vec![n_tables; n_slots],
            pinned: vec![0; n_p],
        })
    }

    /// Meetings that may be held in slot `s` at once.
    pub(crate) fn capacity(&self, s: usize) -> usize {
        self.capacity[s]
    }

    /// Narrows meeting `m` to the slots of `set` and slot capacities to `capacity` (windows of a
    /// larger event). The caller keeps the result schedulable.
    pub(crate) fn restrict(&mut self, m: usize, set: SlotSet) {
        self.meetings[m].allowed &= set;
    }

    pub(crate) fn set_capacity(&mut self, capacity: Vec<usize>) {
        self.capacity = capacity;
    }

    pub(crate) fn pinned(&self, p: usize) -> SlotSet {
        self.pinned[p]
    }

    /// Marks `p` busy at `slots` by meetings the model does not hold (it must also forbid them).
    pub(crate) fn pin(&mut self, p: usize, slots: SlotSet) {
        self.pinned[p] |= slots;
    }

    /// What the organiser should know (repeated pairs), in request order.
    pub fn warnings(&self) -> &[ModelWarning] {
        &self.warnings
    }
    pub fn spec(&self) -> &InstanceSpec {
        &self.spec
    }
    pub fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }
    pub fn meeting(&self, m: usize) -> &Meeting {
        &self.meetings[m]
    }
    pub fn n_meetings(&self) -> usize {
        self.meetings.len()
    }
    pub fn n_participants(&self) -> usize {
        self.by_participant.len()
    }
    pub fn n_slots(&self) -> usize {
        self.n_slots
    }
    pub fn n_tables(&self) -> usize {
        self.spec.tables.len()
    }
    pub fn meetings_of(&self, p: usize) -> &[usize] {
        &self.by_participant[p]
    }
    /// Meetings that must be held strictly after `m`.
    pub fn successors(&self, m: usize) -> &[usize] {
        &self.before[m]
    }
    pub fn session_of_slot(&self, slot: usize) -> usize {
        self.session_of_slot[slot]
    }
    pub fn fairness(&self) -> Option<u32> {
        self.spec.fairness
    }
    pub fn is_host(&self, p: usize) -> bool {
        self.spec.participants[p].host
    }
    pub fn forbidden(&self, p: usize) -> &[usize] {
        &self.spec.participants[p].forbidden
    }
    /// The same instance with another fairness bound (used to explain a fairness-bound infeasibility).
    pub fn with_fairness(&self, fairness: Option<u32>) -> Instance {
        let mut other = self.clone();
        other.spec.fairness = fairness;
        other
    }
}

/// Breaks of a participant whose busy slots are `busy`: maximal idle runs between two meetings,
/// i.e. the number of busy runs minus one.
pub fn breaks_of(busy: SlotSet) -> u32 {
    let runs = (busy & !(busy << 1)).count_ones();
    runs.saturating_sub(1)
}

pub(crate) fn lowest(set: SlotSet) -> Option<usize> {
    (set != 0).then(|| set.trailing_zeros() as usize)
}

pub(crate) fn highest(set: SlotSet) -> Option<usize> {
    (set != 0).then(|| 127 - set.leading_zeros() as usize)
}

/// Slots `0..n`.
pub(crate) fn low_mask(n: usize) -> SlotSet {
    if n >= MAX_SLOTS { !0 } else { (1u128 << n) - 1 }
}

pub(crate) fn slots_of(set: SlotSet) -> impl Iterator<Item = usize> {
    let mut rest = set;
    std::iter::from_fn(move || {
        let s = lowest(rest)?;
        rest &= rest - 1;
        Some(s)
    })
}

fn find_cycle(succ: &[Vec<usize>]) -> Option<usize> {
    // Iterative three-colour DFS: recursion could overflow the stack on long hostile chains.
    let mut colour = vec![0u8; succ.len()];
    for start in 0..succ.len() {
        if colour[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        colour[start] = 1;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if let Some(&w) = succ[v].get(*i) {
                *i += 1;
                match colour[w] {
                    0 => {
                        colour[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => return Some(w),
                    _ => {}
                }
            } else {
                colour[v] = 2;
                stack.pop();
            }
        }
    }
    None
}

fn topological_order(succ: &[Vec<usize>]) -> Vec<usize> {
    let mut indeg = vec![0usize; succ.len()];
    for s in succ {
        for &w in s {
            indeg[w] += 1;
        }
    }
    let mut queue: Vec<usize> = (0..succ.len()).filter(|&v| indeg[v] == 0).collect();
    let mut order = Vec::with_capacity(succ.len());
    while let Some(v) = queue.pop() {
        order.push(v);
        for &w in &succ[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push(w);
            }
        }
    }
    order
}
