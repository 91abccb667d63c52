//! Random events for property tests and benchmarks. Each event is built around a hidden ("planted")
//! schedule, so it is always feasible: forbidden slots avoid the planted slots, fixed meetings are
//! fixed at their planted slot, session constraints and precedences agree with it.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use crate::model::{InstanceSpec, MeetingSpec, ParticipantSpec, SessionSpec};

#[derive(Debug, Clone)]
pub struct GeneratorConfig {
    /// Institutions (hosts); the other participants are companies.
    pub hosts: usize,
    pub visitors: usize,
    pub meetings: usize,
    /// Slots per session.
    pub sessions: Vec<usize>,
    pub tables: usize,
    /// Share of meetings between two companies (the meeting graph is then not bipartite).
    pub visitor_pairs: f64,
    /// Probability that a participant has a forbidden run of slots.
    pub forbidden: f64,
    /// Probability that a meeting is fixed at its planted slot.
    pub fixed: f64,
    /// Probability that a meeting must follow another meeting of the same participant.
    pub precedence: f64,
    /// Probability that a meeting is restricted to its planted session.
    pub session: f64,
    pub fairness: Option<u32>,
    pub hosts_keep_tables: bool,
    pub seed: u64,
}

impl GeneratorConfig {
    /// The scale target: 2,000 participants, 20,000 meetings, 24 slots (two sessions of 12).
    pub fn large_event(seed: u64) -> Self {
        GeneratorConfig {
            hosts: 1000,
            visitors: 1000,
            meetings: 20_000,
            sessions: vec![12, 12],
            tables: 1000,
            visitor_pairs: 0.0,
            forbidden: 0.05,
            fixed: 0.01,
            precedence: 0.005,
            session: 0.05,
            fairness: Some(2),
            hosts_keep_tables: true,
            seed,
        }
    }
}

/// Generates a feasible event (possibly with fewer meetings than asked when the planted schedule is
/// full).
pub fn generate(cfg: &GeneratorConfig) -> InstanceSpec {
    let mut rng = StdRng::seed_from_u64(cfg.seed);
    let n_p = cfg.hosts + cfg.visitors;
    let n_slots: usize = cfg.sessions.iter().sum();
    // Forbidden runs first; the planted schedule then avoids them.
    let mut participants: Vec<ParticipantSpec> = (0..n_p)
        .map(|p| ParticipantSpec {
            name: format!("P{}", p + 1),
            forbidden: Vec::new(),
            host: p < cfg.hosts,
        })
        .collect();
    let mut busy = vec![0u128; n_p];
    for (p, part) in participants.iter_mut().enumerate() {
        if n_slots > 2 && rng.gen_bool(cfg.forbidden) {
            let len = rng.gen_range(1..=2);
            let start = rng.gen_range(0..=n_slots - len);
            part.forbidden = (start..start + len).collect();
            for s in start..start + len {
                busy[p] |= 1u128 << s;
            }
        }
    }
    let full: u128 = if n_slots >= 128 {
        !0
    } else {
        (1u128 << n_slots) - 1
    };
    let mut load = vec![0usize; n_slots];
    let mut pairs = std::collections::HashSet::new();
    let mut meetings: Vec<MeetingSpec> = Vec::with_capacity(cfg.meetings);
    let mut planted: Vec<usize> = Vec::with_capacity(cfg.meetings);
    let mut by_participant: Vec<Vec<usize>> = vec![Vec::new(); n_p];
    let mut attempts = 0;
    while meetings.len() < cfg.meetings && attempts < cfg.meetings * 50 + 1000 {
        attempts += 1;
        let a = rng.gen_range(0..n_p);
        let b = if cfg.hosts == 0
            || cfg.visitors == 0
            || (a >= cfg.hosts && rng.gen_bool(cfg.visitor_pairs))
        {
            rng.gen_range(0..n_p)
        } else if a < cfg.hosts {
            rng.gen_range(cfg.hosts..n_p)
        } else {
            rng.gen_range(0..cfg.hosts)
        };
        if a == b || pairs.contains(&(a.min(b), a.max(b))) {
            continue;
        }
        let free: Vec<usize> = (0..n_slots)
            .filter(|&s| {
                (busy[a] | busy[b]) >> s & 1 == 0 && load[s] < cfg.tables && full >> s & 1 == 1
            })
            .collect();
        let Some(&s) = free.choose(&mut rng) else {
            continue;
        };
        busy[a] |= 1u128 << s;
        busy[b] |= 1u128 << s;
        load[s] += 1;
        pairs.insert((a.min(b), a.max(b)));
        let m = meetings.len();
        let session = session_of(&cfg.sessions, s);
        let mut after = Vec::new();
        if rng.gen_bool(cfg.precedence)
            && let Some(&o) = by_participant[a].iter().find(|&&o| planted[o] < s)
        {
            after.push(o);
        }
        meetings.push(MeetingSpec {
            a,
            b,
            session: rng.gen_bool(cfg.session).then_some(session),
            fixed: rng.gen_bool(cfg.fixed).then_some(s),
            after,
        });
        planted.push(s);
        by_participant[a].push(m);
        by_participant[b].push(m);
    }
    InstanceSpec {
        participants,
        meetings,
        sessions: cfg
            .sessions
            .iter()
            .enumerate()
            .map(|(i, &slots)| SessionSpec {
                name: format!("S{}", i + 1),
                slots,
            })
            .collect(),
        tables: InstanceSpec::numbered_tables(cfg.tables),
        fairness: cfg.fairness,
        hosts_keep_tables: cfg.hosts_keep_tables,
    }
}

fn session_of(sessions: &[usize], slot: usize) -> usize {
    let mut end = 0;
    for (i, &len) in sessions.iter().enumerate() {
        end += len;
        if slot < end {
            return i;
        }
    }
    sessions.len().saturating_sub(1)
}

/// A crafted variant of a real event, after those of Bofill et al. (JAIR 74, 2022), who derived
/// harder instances from the real ones: more forbidden slots, part of the meetings fixed, precedences,
/// and other fairness bounds. The variants need not be feasible: the engine must then say so.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Variant {
    /// Each slot of each participant is forbidden with this probability, as long as the participant
    /// keeps as many usable slots as it has meetings.
    Forbidden(f64),
    /// This share of the meetings is fixed at a random slot of its session where neither participant
    /// is forbidden, without two fixed meetings of one participant in a slot or more fixed meetings
    /// than tables in a slot.
    Fixed(f64),
    /// This share of the meetings must follow an earlier request of one of its participants.
    Precedences(f64),
}

/// Derives a crafted variant of `base` (deterministic for a given seed), with fairness bound `fairness`.
pub fn crafted(
    base: &InstanceSpec,
    variant: Variant,
    fairness: Option<u32>,
    seed: u64,
) -> InstanceSpec {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut spec = base.clone();
    spec.fairness = fairness;
    let n_slots: usize = spec.sessions.iter().map(|s| s.slots).sum();
    let mut meetings_of = vec![Vec::new(); spec.participants.len()];
    for (m, ms) in spec.meetings.iter().enumerate() {
        meetings_of[ms.a].push(m);
        meetings_of[ms.b].push(m);
    }
    match variant {
        Variant::Forbidden(p) => {
            for (i, part) in spec.participants.iter_mut().enumerate() {
                let mut usable = n_slots - part.forbidden.len();
                for s in 0..n_slots {
                    if usable > meetings_of[i].len()
                        && !part.forbidden.contains(&s)
                        && rng.gen_bool(p)
                    {
                        part.forbidden.push(s);
                        usable -= 1;
                    }
                }
                part.forbidden.sort_unstable();
            }
        }
        Variant::Fixed(share) => {
            let mut busy = vec![0u128; spec.participants.len()];
            let mut load = vec![0usize; n_slots];
            let mut order: Vec<usize> = (0..spec.meetings.len()).collect();
            order.shuffle(&mut rng);
            let want = (share * spec.meetings.len() as f64).round() as usize;
            let mut fixed = 0;
            for m in order {
                if fixed == want {
                    break;
                }
                let (a, b, session) = {
                    let ms = &spec.meetings[m];
                    (ms.a, ms.b, ms.session)
                };
                let free: Vec<usize> = (0..n_slots)
                    .filter(|&s| {
                        session.is_none_or(|x| session_of_sessions(&spec, s) == x)
                            && (busy[a] | busy[b]) >> s & 1 == 0
                            && load[s] < spec.tables.len()
                            && !spec.participants[a].forbidden.contains(&s)
                            && !spec.participants[b].forbidden.contains(&s)
                    })
                    .collect();
                if let Some(&s) = free.choose(&mut rng) {
                    spec.meetings[m].fixed = Some(s);
                    busy[a] |= 1u128 << s;
                    busy[b] |= 1u128 << s;
                    load[s] += 1;
                    fixed += 1;
                }
            }
        }
        Variant::Precedences(share) => {
            for m in 0..spec.meetings.len() {
                if !rng.gen_bool(share) {
                    continue;
                }
                let p = if rng.gen_bool(0.5) {
                    spec.meetings[m].a
                } else {
                    spec.meetings[m].b
                };
                let earlier: Vec<usize> =
                    meetings_of[p].iter().copied().filter(|&o| o < m).collect();
                if let Some(&o) = earlier.choose(&mut rng)
                    && !spec.meetings[m].after.contains(&o)
                {
                    spec.meetings[m].after.push(o);
                }
            }
        }
    }
    spec
}

fn session_of_sessions(spec: &InstanceSpec, slot: usize) -> usize {
    let lens: Vec<usize> = spec.sessions.iter().map(|s| s.slots).collect();
    session_of(&lens, slot)
}
