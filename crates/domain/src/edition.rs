//! An edition of the Rencontres and its phases.

use crate::error::{Field, TransitionError, ValidationError};
use time::Date;

code_enum!(
    /// The phases of an edition, in order.
    Phase, Field::Phase, {
        Draft => "draft",
        CallForIrritants => "call-for-irritants",
        CompanyRegistration => "company-registration",
        Preferences => "preferences",
        Matching => "matching",
        SchedulePublished => "schedule-published",
        EventDay => "event-day",
        FollowUp => "follow-up",
        Closed => "closed",
    }
);

impl Phase {
    fn index(self) -> usize {
        Phase::ALL
            .iter()
            .position(|p| *p == self)
            .expect("every phase is listed")
    }

    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }

    /// Organisers move an edition forward, possibly skipping phases it does not need, or one step back to
    /// reopen a phase closed by mistake. A closed edition is final: its record is what was reported.
    pub fn move_to(self, target: Phase) -> Result<Phase, TransitionError> {
        let allowed = self != Phase::Closed && (target > self || Some(target) == self.previous());
        if allowed {
            Ok(target)
        } else {
            Err(TransitionError::NotAllowed {
                from: self.as_str(),
                action: target.as_str(),
            })
        }
    }

    /// Institutions write and submit irritants while the call is open; it stays open during company
    /// registration, so that late irritants can still attract companies, and closes when preferences open.
    pub fn irritants_open(self) -> bool {
        matches!(self, Phase::CallForIrritants | Phase::CompanyRegistration)
    }

    /// Companies register for the edition from the call for irritants until preferences open.
    pub fn registration_open(self) -> bool {
        matches!(self, Phase::CallForIrritants | Phase::CompanyRegistration)
    }

    /// Business managers recruit companies before the edition's preferences are collected.
    pub fn recruiting(self) -> bool {
        matches!(
            self,
            Phase::Draft | Phase::CallForIrritants | Phase::CompanyRegistration
        )
    }
}

/// Dates of one phase; either bound may be unknown yet, but a known start never follows a known end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PhaseWindow {
    phase: Phase,
    starts_on: Option<Date>,
    ends_on: Option<Date>,
}

impl PhaseWindow {
    pub fn new(
        phase: Phase,
        starts_on: Option<Date>,
        ends_on: Option<Date>,
    ) -> Result<Self, ValidationError> {
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && s > e
        {
            return Err(ValidationError::OutOfRange(Field::Date));
        }
        Ok(Self {
            phase,
            starts_on,
            ends_on,
        })
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }
    pub fn starts_on(&self) -> Option<Date> {
        self.starts_on
    }
    pub fn ends_on(&self) -> Option<Date> {
        self.ends_on
    }
}

/// The event's days (one or more consecutive days, at most a week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EditionDates {
    first_day: Date,
    last_day: Date,
}

impl EditionDates {
    pub const MAX_DAYS: i64 = 7;

    pub fn new(first_day: Date, last_day: Date) -> Result<Self, ValidationError> {
        let days = (last_day - first_day).whole_days();
        if !(0..Self::MAX_DAYS).contains(&days) {
            return Err(ValidationError::OutOfRange(Field::Date));
        }
        Ok(Self {
            first_day,
            last_day,
        })
    }

    pub fn first_day(&self) -> Date {
        self.first_day
    }
    pub fn last_day(&self) -> Date {
        self.last_day
    }
}

/// The span of an edition's plan: from its first phase's start (or its first day) to its last phase's end
/// (or its last day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditionSpan {
    pub phase: Phase,
    pub start: Date,
    pub end: Date,
}

impl EditionSpan {
    pub fn of(phase: Phase, dates: EditionDates, windows: &[PhaseWindow]) -> EditionSpan {
        let starts = windows.iter().filter_map(|w| w.starts_on());
        let ends = windows.iter().filter_map(|w| w.ends_on().or(w.starts_on()));
        EditionSpan {
            phase,
            start: starts
                .chain([dates.first_day()])
                .min()
                .unwrap_or(dates.first_day()),
            end: ends
                .chain([dates.last_day()])
                .max()
                .unwrap_or(dates.last_day()),
        }
    }
}

/// Which edition is current on `today`, following the dates: among those not closed, the one whose plan
/// runs today (the newest if two overlap), else the next to start, else the last to have ended; when every
/// edition is closed, the last one (so the public site still shows its catalogue and results).
pub fn current(spans: &[EditionSpan], today: Date) -> Option<usize> {
    let indexed = || spans.iter().enumerate();
    let live = || indexed().filter(|(_, s)| s.phase != Phase::Closed);
    live()
        .filter(|(_, s)| s.start <= today && today <= s.end)
        .max_by_key(|(_, s)| s.start)
        .or_else(|| {
            live()
                .filter(|(_, s)| s.start > today)
                .min_by_key(|(_, s)| s.start)
        })
        .or_else(|| live().max_by_key(|(_, s)| s.end))
        .or_else(|| indexed().max_by_key(|(_, s)| s.end))
        .map(|(i, _)| i)
}

/// Checks a plan of phase dates: the phases start in their order (a phase may overlap the next, as the call
/// for irritants stays open during company registration). The error names the first phase out of order.
pub fn check_plan(windows: &[PhaseWindow]) -> Result<(), (Phase, ValidationError)> {
    let mut sorted: Vec<&PhaseWindow> = windows.iter().collect();
    sorted.sort_by_key(|w| w.phase());
    let mut latest: Option<Date> = None;
    for w in sorted {
        if let Some(start) = w.starts_on() {
            if latest.is_some_and(|l| start < l) {
                return Err((w.phase(), ValidationError::OutOfRange(Field::Date)));
            }
            latest = Some(start);
        }
    }
    Ok(())
}

/// Parses an ISO date (`2021-07-05`), as typed in a form or stored.
pub fn parse_date(text: &str) -> Result<Date, ValidationError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), format).map_err(|_| ValidationError::Malformed(Field::Date))
}

/// Formats a date as ISO `YYYY-MM-DD` (what `parse_date` reads).
pub fn format_date(date: Date) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    date.format(format).expect("a calendar date always formats")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn phases_move_forward_or_one_step_back_and_closed_is_final() {
        assert_eq!(
            Phase::Draft.move_to(Phase::CallForIrritants),
            Ok(Phase::CallForIrritants)
        );
        assert_eq!(
            Phase::Draft.move_to(Phase::Preferences),
            Ok(Phase::Preferences)
        );
        assert_eq!(
            Phase::Preferences.move_to(Phase::CompanyRegistration),
            Ok(Phase::CompanyRegistration)
        );
        assert!(Phase::Preferences.move_to(Phase::Draft).is_err());
        assert!(Phase::Matching.move_to(Phase::Matching).is_err());
        for p in Phase::ALL {
            assert!(Phase::Closed.move_to(*p).is_err());
        }
        assert_eq!(Phase::Draft.previous(), None);
        assert_eq!(Phase::Closed.next(), None);
    }

    #[test]
    fn dates_are_checked() {
        assert!(EditionDates::new(date!(2021 - 07 - 05), date!(2021 - 07 - 06)).is_ok());
        assert!(EditionDates::new(date!(2021 - 07 - 06), date!(2021 - 07 - 05)).is_err());
        assert!(EditionDates::new(date!(2021 - 07 - 01), date!(2021 - 07 - 30)).is_err());
        assert!(
            PhaseWindow::new(
                Phase::Preferences,
                Some(date!(2021 - 06 - 02)),
                Some(date!(2021 - 06 - 01))
            )
            .is_err()
        );
        assert!(PhaseWindow::new(Phase::Preferences, None, Some(date!(2021 - 06 - 01))).is_ok());
        assert_eq!(parse_date(" 2021-07-05 "), Ok(date!(2021 - 07 - 05)));
        assert_eq!(format_date(date!(2021 - 07 - 05)), "2021-07-05");
        for bad in ["2021-02-30", "05/07/2021", "", "2021-7-5x"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_current_edition_follows_the_dates() {
        let span = |phase, start, end| EditionSpan { phase, start, end };
        let y2021 = span(Phase::Closed, date!(2021 - 03 - 01), date!(2021 - 12 - 17));
        let y2027 = span(
            Phase::Matching,
            date!(2026 - 10 - 01),
            date!(2027 - 06 - 30),
        );
        let y2028 = span(Phase::Draft, date!(2027 - 09 - 01), date!(2028 - 06 - 30));
        let all = [y2021, y2027, y2028];
        assert_eq!(
            current(&all, date!(2026 - 12 - 02)),
            Some(1),
            "the edition running today"
        );
        assert_eq!(
            current(&all, date!(2027 - 08 - 01)),
            Some(2),
            "then the next one to start"
        );
        assert_eq!(
            current(&all, date!(2029 - 01 - 01)),
            Some(2),
            "then the last one to end"
        );
        assert_eq!(
            current(&[y2021], date!(2026 - 12 - 02)),
            Some(0),
            "only past editions: the last"
        );
        assert_eq!(current(&[], date!(2026 - 12 - 02)), None);
        // Two running editions: the newer one (its call for irritants is what visitors look for).
        let overlap = span(
            Phase::CallForIrritants,
            date!(2027 - 05 - 01),
            date!(2028 - 06 - 30),
        );
        assert_eq!(current(&[y2027, overlap], date!(2027 - 06 - 01)), Some(1));
    }

    #[test]
    fn a_plan_starts_its_phases_in_order() {
        let w = |phase, from, to| PhaseWindow::new(phase, Some(from), Some(to)).unwrap();
        let ok = [
            w(
                Phase::CallForIrritants,
                date!(2027 - 01 - 04),
                date!(2027 - 03 - 05),
            ),
            w(
                Phase::CompanyRegistration,
                date!(2027 - 02 - 01),
                date!(2027 - 03 - 26),
            ),
            w(
                Phase::Preferences,
                date!(2027 - 03 - 29),
                date!(2027 - 04 - 16),
            ),
        ];
        assert_eq!(check_plan(&ok), Ok(()));
        let bad = [
            w(
                Phase::CallForIrritants,
                date!(2027 - 01 - 04),
                date!(2027 - 03 - 05),
            ),
            w(
                Phase::Preferences,
                date!(2026 - 12 - 01),
                date!(2027 - 04 - 16),
            ),
        ];
        assert_eq!(
            check_plan(&bad),
            Err((Phase::Preferences, ValidationError::OutOfRange(Field::Date)))
        );
    }

    proptest! {
        #[test]
        fn any_sequence_of_accepted_moves_never_leaves_closed(moves in proptest::collection::vec(0usize..9, 0..40)) {
            let mut phase = Phase::Draft;
            for m in moves {
                let target = Phase::ALL[m];
                match phase.move_to(target) {
                    Ok(next) => {
                        prop_assert!(phase != Phase::Closed);
                        prop_assert!(next > phase || Some(next) == phase.previous());
                        phase = next;
                    }
                    Err(e) => prop_assert_eq!(e.code(), "invalid-transition"),
                }
            }
        }
    }
}
