//! The day (DESIGN.md, "Meetings, from wish to rating"): the event's set-up (days, sessions, slot length
//! and gaps, breaks, tables), the slots it yields in Paris time, and the ratings each side gives a meeting
//! it held.
//!
//! Times of the day are the venue's wall clock (Europe/Paris). [`paris_offset`] applies the European
//! summer-time rule (the same rule the iCalendar feeds' VTIMEZONE states), so slots are stored as instants
//! and now/next compares instants.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

use crate::error::{Field, ValidationError};
use crate::meeting::Side;
use crate::text::{LongText, ShortText};

code_enum!(
    /// The half-days of an event day.
    SessionKind, Field::Kind, {
        Morning => "morning",
        Afternoon => "afternoon",
    }
);

/// One session of each event day, e.g. 9 h 00 – 12 h 30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionPlan {
    pub kind: SessionKind,
    #[serde(with = "hm")]
    pub start: Time,
    #[serde(with = "hm")]
    pub end: Time,
}

/// A break inside a session (coffee, lunch when a session spans it): no slot overlaps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pause {
    #[serde(with = "hm")]
    pub start: Time,
    #[serde(with = "hm")]
    pub end: Time,
}

code_enum!(
    /// Who keeps one table all day while the other side moves.
    Seating, Field::Side, {
        /// The institutions sit, the companies move (the usual way).
        InstitutionsSit => "institutions-sit",
        CompaniesSit => "companies-sit",
        /// Everyone moves: tables are given slot by slot.
        EveryoneMoves => "everyone-moves",
    }
);

impl Seating {
    /// The side that keeps its table, if any.
    pub fn host(self) -> Option<Side> {
        match self {
            Seating::InstitutionsSit => Some(Side::Institution),
            Seating::CompaniesSit => Some(Side::Company),
            Seating::EveryoneMoves => None,
        }
    }
}

/// The event's time plan, valid by construction ([`DayPlan::new`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DayPlan {
    days: Vec<Date>,
    sessions: Vec<SessionPlan>,
    slot_minutes: u16,
    gap_minutes: u16,
    pauses: Vec<Pause>,
    seating: Seating,
    fairness: Option<u32>,
}

/// One slot of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// 0-based, in time order across the days.
    pub index: usize,
    pub day: Date,
    /// Index of the (day, session) pair: the scheduling engine's session.
    pub session: usize,
    pub kind: SessionKind,
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
}

impl DayPlan {
    pub const MIN_SLOT: u16 = 5;
    pub const MAX_SLOT: u16 = 180;
    pub const MAX_GAP: u16 = 60;
    pub const MAX_PAUSES: usize = 10;
    /// The scheduling engine keeps a participant's slots in 128 bits.
    pub const MAX_SLOTS: usize = 128;

    /// Checks the plan: at least one day and one session, sessions in order without overlap, slots of 5 to
    /// 180 minutes, gaps up to an hour, breaks inside a session, and between 1 and 128 slots in all.
    pub fn new(
        mut days: Vec<Date>,
        mut sessions: Vec<SessionPlan>,
        slot_minutes: u16,
        gap_minutes: u16,
        mut pauses: Vec<Pause>,
        seating: Seating,
        fairness: Option<u32>,
    ) -> Result<DayPlan, ValidationError> {
        days.sort_unstable();
        days.dedup();
        if days.is_empty() {
            return Err(ValidationError::Required(Field::Date));
        }
        if sessions.is_empty() {
            return Err(ValidationError::Required(Field::Time));
        }
        sessions.sort_by_key(|s| s.start);
        for (i, s) in sessions.iter().enumerate() {
            if s.end <= s.start || sessions[..i].iter().any(|o| o.kind == s.kind) {
                return Err(ValidationError::OutOfRange(Field::Time));
            }
            if i > 0 && sessions[i - 1].end > s.start {
                return Err(ValidationError::OutOfRange(Field::Time));
            }
        }
        if !(Self::MIN_SLOT..=Self::MAX_SLOT).contains(&slot_minutes) || gap_minutes > Self::MAX_GAP
        {
            return Err(ValidationError::OutOfRange(Field::Duration));
        }
        if pauses.len() > Self::MAX_PAUSES {
            return Err(ValidationError::TooMany {
                field: Field::Slot,
                max: Self::MAX_PAUSES,
            });
        }
        pauses.sort_by_key(|p| p.start);
        for (i, p) in pauses.iter().enumerate() {
            let inside = sessions
                .iter()
                .any(|s| s.start <= p.start && p.end <= s.end);
            let overlaps = i > 0 && pauses[i - 1].end > p.start;
            if p.end <= p.start || !inside || overlaps {
                return Err(ValidationError::OutOfRange(Field::Slot));
            }
        }
        if fairness.is_some_and(|d| d as usize > Self::MAX_SLOTS) {
            return Err(ValidationError::OutOfRange(Field::Kind));
        }
        let plan = DayPlan {
            days,
            sessions,
            slot_minutes,
            gap_minutes,
            pauses,
            seating,
            fairness,
        };
        let n = plan.slots().len();
        if n == 0 {
            return Err(ValidationError::Required(Field::Slot));
        }
        if n > Self::MAX_SLOTS {
            return Err(ValidationError::TooMany {
                field: Field::Slot,
                max: Self::MAX_SLOTS,
            });
        }
        Ok(plan)
    }

    pub fn days(&self) -> &[Date] {
        &self.days
    }
    pub fn sessions(&self) -> &[SessionPlan] {
        &self.sessions
    }
    pub fn slot_minutes(&self) -> u16 {
        self.slot_minutes
    }
    pub fn gap_minutes(&self) -> u16 {
        self.gap_minutes
    }
    pub fn pauses(&self) -> &[Pause] {
        &self.pauses
    }
    pub fn seating(&self) -> Seating {
        self.seating
    }
    /// The largest difference allowed between two participants' idle breaks, if any.
    pub fn fairness(&self) -> Option<u32> {
        self.fairness
    }

    /// The slots, in time order: in each session of each day, one slot after the other separated by the
    /// gap; a slot that would overlap a break starts at the break's end instead.
    pub fn slots(&self) -> Vec<Slot> {
        let length = time::Duration::minutes(self.slot_minutes.into());
        let gap = time::Duration::minutes(self.gap_minutes.into());
        let mut slots = Vec::new();
        for (d, &day) in self.days.iter().enumerate() {
            for (s, session) in self.sessions.iter().enumerate() {
                let end = PrimitiveDateTime::new(day, session.end);
                let mut t = PrimitiveDateTime::new(day, session.start);
                while t + length <= end {
                    let clash = self.pauses.iter().find(|p| {
                        let (ps, pe) = (
                            PrimitiveDateTime::new(day, p.start),
                            PrimitiveDateTime::new(day, p.end),
                        );
                        t < pe && ps < t + length
                    });
                    if let Some(p) = clash {
                        t = PrimitiveDateTime::new(day, p.end);
                        continue;
                    }
                    slots.push(Slot {
                        index: slots.len(),
                        day,
                        session: d * self.sessions.len() + s,
                        kind: session.kind,
                        start: paris(t),
                        end: paris(t + length),
                    });
                    t += length + gap;
                }
            }
        }
        slots
    }
}

/// Paris wall-clock time as an instant.
pub fn paris(local: PrimitiveDateTime) -> OffsetDateTime {
    // The offset at the local time, taken as if it were UTC, is right except within the hour of a
    // change, which no event slot sits in (2 h to 3 h at night).
    let guess = local.assume_utc();
    local.assume_offset(paris_offset(guess))
}

/// An instant on the venue's wall clock.
pub fn in_paris(instant: OffsetDateTime) -> OffsetDateTime {
    instant.to_offset(paris_offset(instant))
}

/// Europe/Paris's offset at `instant`: +02:00 from the last Sunday of March, 1 h UTC, to the last Sunday
/// of October, 1 h UTC; +01:00 otherwise (EU rule since 1996).
pub fn paris_offset(instant: OffsetDateTime) -> UtcOffset {
    let utc = instant.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let change = |month: Month| {
        let last =
            Date::from_calendar_date(year, month, 31).expect("March and October have 31 days");
        let back = last.weekday().number_days_from_sunday();
        let sunday = last - time::Duration::days(back.into());
        debug_assert_eq!(sunday.weekday(), Weekday::Sunday);
        PrimitiveDateTime::new(sunday, Time::from_hms(1, 0, 0).expect("valid")).assume_utc()
    };
    let summer = change(Month::March) <= utc && utc < change(Month::October);
    UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).expect("valid offset")
}

/// "9:30" or "09:30" (a form's time field) as a time of day.
pub fn parse_time(raw: &str) -> Result<Time, ValidationError> {
    let bad = ValidationError::Malformed(Field::Time);
    let raw = raw.trim();
    let (h, m) = raw
        .split_once(':')
        .or_else(|| raw.split_once('h'))
        .ok_or(bad.clone())?;
    let h: u8 = h.trim().parse().map_err(|_| bad.clone())?;
    let m: u8 = if m.trim().is_empty() {
        0
    } else {
        m.trim().parse().map_err(|_| bad.clone())?
    };
    if h > 23
        || m > 59
        || !(1..=2).contains(&raw.split([':', 'h']).next().unwrap_or("").trim().len())
    {
        return Err(bad);
    }
    Time::from_hms(h, m, 0).map_err(|_| bad)
}

/// A time as a form shows it back ("09:30").
pub fn format_time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

mod hm {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Time;

    pub fn serialize<S: Serializer>(t: &Time, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_time(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_time(&text).map_err(serde::de::Error::custom)
    }
}

/// A table or room of the day, and whether it is reachable without steps.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableSpec {
    pub name: ShortText,
    pub step_free: bool,
}

impl TableSpec {
    /// At most this many tables (a large forum has hundreds).
    pub const MAX: usize = 2_000;

    pub fn parse(name: &str, step_free: bool) -> Result<TableSpec, ValidationError> {
        let name = ShortText::parse(Field::Table, name)?;
        if name.as_str().chars().count() > 60 {
            return Err(ValidationError::TooLong {
                field: Field::Table,
                max: 60,
            });
        }
        Ok(TableSpec { name, step_free })
    }
}

/// A mark from 1 (useless) to 5 (excellent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Score(u8);

impl Score {
    pub fn new(value: i64) -> Result<Score, ValidationError> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=5).contains(v))
            .map(Score)
            .ok_or(ValidationError::OutOfRange(Field::Score))
    }

    pub fn parse(raw: &str) -> Result<Score, ValidationError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ValidationError::Required(Field::Score));
        }
        raw.parse::<i64>()
            .map_err(|_| ValidationError::Malformed(Field::Score))
            .and_then(Score::new)
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

code_enum!(
    /// Whether a side wants to follow the meeting up (the follow-up issue builds opportunities from "yes").
    FollowUp, Field::FollowUp, {
        Yes => "yes",
        Maybe => "maybe",
        No => "no",
    }
);

code_enum!(
    /// When a rating is given: on the day, or about six months later (the follow-up's second rating).
    RatingRound, Field::Kind, {
        Day => "day",
        SixMonths => "six-months",
    }
);

/// One side's rating of a meeting it held.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rating {
    pub score: Score,
    pub follow_up: FollowUp,
    pub comment: Option<LongText>,
}

impl Rating {
    pub const MAX_COMMENT: usize = 2_000;

    pub fn new(
        score: Score,
        follow_up: FollowUp,
        comment: Option<LongText>,
    ) -> Result<Rating, ValidationError> {
        if comment
            .as_ref()
            .is_some_and(|c| c.as_str().chars().count() > Self::MAX_COMMENT)
        {
            return Err(ValidationError::TooLong {
                field: Field::Comment,
                max: Self::MAX_COMMENT,
            });
        }
        Ok(Rating {
            score,
            follow_up,
            comment,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime, time};

    fn session(kind: SessionKind, start: Time, end: Time) -> SessionPlan {
        SessionPlan { kind, start, end }
    }

    fn plan(pauses: Vec<Pause>) -> Result<DayPlan, ValidationError> {
        DayPlan::new(
            vec![date!(2027 - 03 - 02)],
            vec![
                session(SessionKind::Afternoon, time!(14:00), time!(17:00)),
                session(SessionKind::Morning, time!(9:00), time!(12:30)),
            ],
            20,
            5,
            pauses,
            Seating::InstitutionsSit,
            Some(1),
        )
    }

    #[test]
    fn slots_follow_sessions_gaps_and_breaks_in_paris_time() {
        let p = plan(vec![Pause {
            start: time!(10:30),
            end: time!(10:50),
        }])
        .unwrap();
        let slots = p.slots();
        let starts: Vec<String> = slots
            .iter()
            .map(|s| format_time(in_paris(s.start).time()))
            .collect();
        // 9:00 9:25 9:50 then 10:15 would end at 10:35 inside the break: 10:50 11:15 11:40 12:05;
        // afternoon 14:00 … 16:30.
        assert_eq!(
            starts,
            [
                "09:00", "09:25", "09:50", "10:50", "11:15", "11:40", "12:05", "14:00", "14:25",
                "14:50", "15:15", "15:40", "16:05", "16:30"
            ]
        );
        assert_eq!(slots[0].start, datetime!(2027-03-02 8:00 UTC));
        assert_eq!(slots[6].session, 0);
        assert_eq!(slots[7].session, 1);
        assert_eq!(slots[7].kind, SessionKind::Afternoon);
        assert!(slots.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn malformed_plans_are_refused_with_their_field() {
        let bad_pause = plan(vec![Pause {
            start: time!(12:40),
            end: time!(13:00),
        }]);
        assert_eq!(bad_pause.unwrap_err().code(), "slot-out-of-range");
        let overlap = DayPlan::new(
            vec![date!(2027 - 03 - 02)],
            vec![
                session(SessionKind::Morning, time!(9:00), time!(14:30)),
                session(SessionKind::Afternoon, time!(14:00), time!(17:00)),
            ],
            20,
            0,
            vec![],
            Seating::EveryoneMoves,
            None,
        );
        assert_eq!(overlap.unwrap_err().code(), "time-out-of-range");
        let too_many = DayPlan::new(
            (0..7)
                .map(|d| date!(2027 - 03 - 01) + time::Duration::days(d))
                .collect(),
            vec![session(SessionKind::Morning, time!(0:00), time!(23:00))],
            5,
            0,
            vec![],
            Seating::EveryoneMoves,
            None,
        );
        assert_eq!(too_many.unwrap_err().code(), "slot-too-many");
        let short_session = DayPlan::new(
            vec![date!(2027 - 03 - 02)],
            vec![session(SessionKind::Morning, time!(9:00), time!(9:10))],
            20,
            0,
            vec![],
            Seating::EveryoneMoves,
            None,
        );
        assert_eq!(short_session.unwrap_err().code(), "slot-required");
        assert!(plan(vec![]).is_ok());
    }

    #[test]
    fn paris_follows_summer_time() {
        // Winter: UTC+1; summer (after the last Sunday of March, 28 March 2027): UTC+2.
        assert_eq!(
            paris(PrimitiveDateTime::new(date!(2027 - 03 - 27), time!(9:00))),
            datetime!(2027-03-27 8:00 UTC)
        );
        assert_eq!(
            paris(PrimitiveDateTime::new(date!(2027 - 03 - 29), time!(9:00))),
            datetime!(2027-03-29 7:00 UTC)
        );
        assert_eq!(
            paris(PrimitiveDateTime::new(date!(2021 - 07 - 05), time!(9:00))),
            datetime!(2021-07-05 7:00 UTC)
        );
        assert_eq!(
            paris_offset(datetime!(2027-10-31 0:59 UTC)),
            UtcOffset::from_hms(2, 0, 0).unwrap()
        );
        assert_eq!(
            paris_offset(datetime!(2027-10-31 1:00 UTC)),
            UtcOffset::from_hms(1, 0, 0).unwrap()
        );
    }

    #[test]
    fn times_scores_and_ratings_parse_strictly() {
        assert_eq!(parse_time("9:30"), Ok(time!(9:30)));
        assert_eq!(parse_time(" 14h "), Ok(time!(14:00)));
        assert_eq!(parse_time("14 h 30"), Ok(time!(14:30)));
        for bad in ["", "25:00", "9:61", "nine", "123:00", "9", "-1:00"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
        assert_eq!(Score::parse("4").map(Score::value), Ok(4));
        assert_eq!(Score::parse("").unwrap_err().code(), "score-required");
        for bad in ["0", "6", "-3", "4.5", "99999999999999999999"] {
            assert!(Score::parse(bad).is_err(), "{bad}");
        }
        let long = LongText::parse(Field::Comment, &"x".repeat(Rating::MAX_COMMENT + 1)).unwrap();
        assert_eq!(
            Rating::new(Score(3), FollowUp::Maybe, Some(long))
                .unwrap_err()
                .code(),
            "comment-too-long"
        );
        assert!(TableSpec::parse("Salle Curie", true).is_ok());
        assert!(TableSpec::parse(&"T".repeat(61), false).is_err());
        assert!(TableSpec::parse("Table\n2", false).is_err());
    }

    proptest! {
        /// Whatever the plan, slots never overlap each other or a break, stay inside their session and
        /// last the slot length.
        #[test]
        fn slots_respect_the_plan(
            start in 6u8..12, len in 1u8..6, slot in 5u16..90, gap in 0u16..30,
            pause_at in 0u8..120, pause_len in 5u8..60,
        ) {
            let s = Time::from_hms(start, 0, 0).unwrap();
            let e = Time::from_hms(start + len, 0, 0).unwrap();
            let ps = s + time::Duration::minutes(pause_at.into());
            let pe = ps + time::Duration::minutes(pause_len.into());
            let pauses = if pe <= e && ps >= s { vec![Pause { start: ps, end: pe }] } else { vec![] };
            let Ok(p) = DayPlan::new(vec![date!(2027 - 06 - 01)], vec![session(SessionKind::Morning, s, e)],
                slot, gap, pauses.clone(), Seating::InstitutionsSit, None) else { return Ok(()); };
            let slots = p.slots();
            for w in slots.windows(2) {
                prop_assert!(w[0].end <= w[1].start);
            }
            for sl in &slots {
                let (a, b) = (in_paris(sl.start).time(), in_paris(sl.end).time());
                prop_assert!(s <= a && b <= e);
                prop_assert_eq!((sl.end - sl.start).whole_minutes(), i64::from(slot));
                for pause in &pauses {
                    prop_assert!(b <= pause.start || pause.end <= a);
                }
            }
        }
    }
}
