//! Meetings, from wish to rating (DESIGN.md, "Meetings, from wish to rating").
//!
//! - A **wish**: one side's wish about an (irritant, company) pair, at a [`WishLevel`], with a pitch and a
//!   possible conflict of interest.
//! - A **meeting**: proposed (by a matching run, or requested) → accepted by both sides, or imposed by the
//!   organiser → scheduled (a slot and a table, held by the day's tables) → held, no-show or cancelled →
//!   rated by both sides. A declined proposal keeps its reason. [`MeetingState::apply`] is the only way a
//!   meeting changes state; storage records each move as an event.

use crate::error::{Field, TransitionError, ValidationError};
use crate::text::LongText;

code_enum!(
    /// The two sides of a meeting.
    Side, Field::Side, {
        /// The irritant's institution.
        Institution => "institution",
        Company => "company",
    }
);

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Institution => Side::Company,
            Side::Company => Side::Institution,
        }
    }
}

code_enum!(
    /// How much a side wants a meeting.
    WishLevel, Field::Level, {
        /// Forced by the matching run where capacities allow it.
        Must => "must",
        WouldLike => "would-like",
        /// Never proposed.
        No => "no",
    }
);

/// Why a company wants to discuss an irritant ("why us"), or what an institution expects from a company.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Pitch(LongText);

impl Pitch {
    pub const MAX: usize = 1000;

    pub fn parse(raw: &str) -> Result<Pitch, ValidationError> {
        let text = LongText::parse(Field::Pitch, raw)?;
        if text.as_str().chars().count() > Self::MAX {
            return Err(ValidationError::TooLong {
                field: Field::Pitch,
                max: Self::MAX,
            });
        }
        Ok(Pitch(text))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// One side's wish about a pair.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Wish {
    pub side: Side,
    pub level: WishLevel,
    pub pitch: Option<Pitch>,
    /// The side declares a conflict of interest: the pair is never proposed.
    pub conflict_of_interest: bool,
}

impl Wish {
    /// Whether the matching may propose the pair, given this wish.
    pub fn allows_meeting(&self) -> bool {
        self.level != WishLevel::No && !self.conflict_of_interest
    }
}

code_enum!(
    /// Where a meeting is.
    MeetingStatus, Field::Status, {
        /// Sent to both sides, waiting for their answers.
        Proposed => "proposed",
        /// Both sides accepted.
        Accepted => "accepted",
        /// The organiser made it happen, whatever the answers.
        Imposed => "imposed",
        /// One side declined (the reason is kept).
        Declined => "declined",
        /// Has a slot and a table.
        Scheduled => "scheduled",
        Held => "held",
        NoShow => "no-show",
        Cancelled => "cancelled",
        /// Held, and both sides rated it.
        Rated => "rated",
    }
);

impl MeetingStatus {
    /// Both sides will meet: it goes into the day's schedule.
    pub fn is_confirmed(self) -> bool {
        matches!(
            self,
            MeetingStatus::Accepted | MeetingStatus::Imposed | MeetingStatus::Scheduled
        )
    }

    /// Past any decision (nothing moves it any more).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            MeetingStatus::Declined | MeetingStatus::Cancelled | MeetingStatus::Rated
        )
    }
}

code_enum!(
    /// A side's answer to a proposal.
    Answer, Field::Status, {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
    }
);

code_enum!(
    /// How a meeting came to be proposed.
    MeetingOrigin, Field::Kind, {
        /// By an organiser's matching run.
        Matched => "matched",
        /// Asked for by one side.
        Requested => "requested",
        /// Added by the organiser directly.
        Imposed => "imposed",
    }
);

code_enum!(
    /// Why a side declines a proposal (or cancels a meeting); `Other` needs a comment.
    DeclineReason, Field::Reason, {
        NotRelevant => "not-relevant",
        AlreadySolved => "already-solved",
        NoBudget => "no-budget",
        NotAvailable => "not-available",
        ConflictOfInterest => "conflict-of-interest",
        Other => "other",
    }
);

/// A reason with its optional free text; "other" must say what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reason {
    pub code: DeclineReason,
    pub comment: Option<LongText>,
}

impl Reason {
    pub fn new(code: DeclineReason, comment: Option<LongText>) -> Result<Reason, ValidationError> {
        if code == DeclineReason::Other && comment.is_none() {
            return Err(ValidationError::Required(Field::Comment));
        }
        Ok(Reason { code, comment })
    }
}

code_enum!(
    /// A move of a meeting.
    MeetingAction, Field::Status, {
        AcceptByInstitution => "accept-by-institution",
        AcceptByCompany => "accept-by-company",
        DeclineByInstitution => "decline-by-institution",
        DeclineByCompany => "decline-by-company",
        Impose => "impose",
        Schedule => "schedule",
        /// Back to confirmed without a slot (its slot was removed by a rescheduling).
        Unschedule => "unschedule",
        MarkHeld => "mark-held",
        MarkNoShow => "mark-no-show",
        Cancel => "cancel",
        /// Both sides' ratings are in.
        Rate => "rate",
    }
);

impl MeetingAction {
    pub fn accept(side: Side) -> MeetingAction {
        match side {
            Side::Institution => MeetingAction::AcceptByInstitution,
            Side::Company => MeetingAction::AcceptByCompany,
        }
    }

    pub fn decline(side: Side) -> MeetingAction {
        match side {
            Side::Institution => MeetingAction::DeclineByInstitution,
            Side::Company => MeetingAction::DeclineByCompany,
        }
    }
}

/// A meeting's status and both sides' answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct MeetingState {
    pub status: MeetingStatus,
    pub institution: Answer,
    pub company: Answer,
    /// Whether it was confirmed by imposition (kept through scheduling, for the record and for undo).
    pub imposed: bool,
}

impl MeetingState {
    /// A new proposal.
    pub fn proposed() -> MeetingState {
        MeetingState {
            status: MeetingStatus::Proposed,
            institution: Answer::Pending,
            company: Answer::Pending,
            imposed: false,
        }
    }

    /// A meeting the organiser adds directly.
    pub fn imposed() -> MeetingState {
        MeetingState {
            status: MeetingStatus::Imposed,
            imposed: true,
            ..MeetingState::proposed()
        }
    }

    pub fn answer(&self, side: Side) -> Answer {
        match side {
            Side::Institution => self.institution,
            Side::Company => self.company,
        }
    }

    fn with_answer(mut self, side: Side, answer: Answer) -> MeetingState {
        match side {
            Side::Institution => self.institution = answer,
            Side::Company => self.company = answer,
        }
        self
    }

    /// The state after `action`, or why it is not possible now.
    pub fn apply(self, action: MeetingAction) -> Result<MeetingState, TransitionError> {
        use MeetingAction as A;
        use MeetingStatus as S;
        let refuse = || TransitionError::NotAllowed {
            from: self.status.as_str(),
            action: action.as_str(),
        };
        let confirmed = || {
            if self.imposed {
                S::Imposed
            } else {
                S::Accepted
            }
        };
        let next = match (action, self.status) {
            (A::AcceptByInstitution | A::AcceptByCompany, S::Proposed) => {
                let side = if action == A::AcceptByInstitution {
                    Side::Institution
                } else {
                    Side::Company
                };
                if self.answer(side) == Answer::Accepted {
                    return Err(refuse());
                }
                let next = self.with_answer(side, Answer::Accepted);
                if next.answer(side.other()) == Answer::Accepted {
                    MeetingState {
                        status: S::Accepted,
                        ..next
                    }
                } else {
                    next
                }
            }
            (A::DeclineByInstitution | A::DeclineByCompany, S::Proposed) => {
                let side = if action == A::DeclineByInstitution {
                    Side::Institution
                } else {
                    Side::Company
                };
                MeetingState {
                    status: S::Declined,
                    ..self.with_answer(side, Answer::Declined)
                }
            }
            (A::Impose, S::Proposed | S::Declined) => MeetingState {
                status: S::Imposed,
                imposed: true,
                ..self
            },
            (A::Schedule, S::Accepted | S::Imposed | S::Scheduled) => MeetingState {
                status: S::Scheduled,
                ..self
            },
            (A::Unschedule, S::Scheduled) => MeetingState {
                status: confirmed(),
                ..self
            },
            // Staff may correct a mark made by mistake, until the ratings are in.
            (A::MarkHeld, S::Scheduled | S::NoShow) => MeetingState {
                status: S::Held,
                ..self
            },
            (A::MarkNoShow, S::Scheduled | S::Held) => MeetingState {
                status: S::NoShow,
                ..self
            },
            (A::Cancel, S::Proposed | S::Accepted | S::Imposed | S::Scheduled) => MeetingState {
                status: S::Cancelled,
                ..self
            },
            (A::Rate, S::Held) => MeetingState {
                status: S::Rated,
                ..self
            },
            _ => return Err(refuse()),
        };
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_proposal_is_accepted_by_both_sides_in_either_order() {
        let s = MeetingState::proposed();
        let one = s.apply(MeetingAction::AcceptByCompany).unwrap();
        assert_eq!(one.status, MeetingStatus::Proposed);
        assert_eq!(one.company, Answer::Accepted);
        assert!(one.apply(MeetingAction::AcceptByCompany).is_err());
        let both = one.apply(MeetingAction::AcceptByInstitution).unwrap();
        assert_eq!(both.status, MeetingStatus::Accepted);
        let other_order = s
            .apply(MeetingAction::AcceptByInstitution)
            .and_then(|s| s.apply(MeetingAction::AcceptByCompany))
            .unwrap();
        assert_eq!(other_order, both);
    }

    #[test]
    fn a_declined_proposal_can_only_be_imposed() {
        let declined = MeetingState::proposed()
            .apply(MeetingAction::AcceptByInstitution)
            .and_then(|s| s.apply(MeetingAction::DeclineByCompany))
            .unwrap();
        assert_eq!(declined.status, MeetingStatus::Declined);
        assert_eq!(declined.company, Answer::Declined);
        for a in [
            MeetingAction::AcceptByCompany,
            MeetingAction::Schedule,
            MeetingAction::Cancel,
            MeetingAction::MarkHeld,
        ] {
            assert_eq!(declined.apply(a).unwrap_err().code(), "invalid-transition");
        }
        let imposed = declined.apply(MeetingAction::Impose).unwrap();
        assert_eq!(imposed.status, MeetingStatus::Imposed);
        let scheduled = imposed.apply(MeetingAction::Schedule).unwrap();
        assert_eq!(
            scheduled.apply(MeetingAction::Unschedule).unwrap().status,
            MeetingStatus::Imposed
        );
    }

    #[test]
    fn the_day_moves_a_scheduled_meeting_to_held_then_rated() {
        let s = MeetingState::proposed()
            .apply(MeetingAction::AcceptByInstitution)
            .and_then(|s| s.apply(MeetingAction::AcceptByCompany))
            .and_then(|s| s.apply(MeetingAction::Schedule))
            .unwrap();
        let no_show = s.apply(MeetingAction::MarkNoShow).unwrap();
        let held = no_show.apply(MeetingAction::MarkHeld).unwrap();
        let rated = held.apply(MeetingAction::Rate).unwrap();
        assert_eq!(rated.status, MeetingStatus::Rated);
        assert!(rated.status.is_final());
        assert!(no_show.apply(MeetingAction::Rate).is_err());
    }

    #[test]
    fn other_reasons_need_a_comment_and_pitches_are_bounded() {
        assert!(Reason::new(DeclineReason::Other, None).is_err());
        assert!(Reason::new(DeclineReason::NoBudget, None).is_ok());
        assert!(Pitch::parse(&"x".repeat(Pitch::MAX + 1)).is_err());
        assert!(Pitch::parse("Nous avons équipé trois universités.").is_ok());
        let no = Wish {
            side: Side::Company,
            level: WishLevel::No,
            pitch: None,
            conflict_of_interest: false,
        };
        assert!(!no.allows_meeting());
    }

    proptest! {
        /// Whatever the moves, a final meeting never moves again, except a declined one being imposed.
        #[test]
        fn final_states_stay_final(moves in proptest::collection::vec(0usize..11, 0..30)) {
            let mut s = MeetingState::proposed();
            for m in moves {
                let action = MeetingAction::ALL[m];
                if let Ok(next) = s.apply(action) {
                    if s.status.is_final() {
                        prop_assert_eq!(s.status, MeetingStatus::Declined);
                        prop_assert_eq!(action, MeetingAction::Impose);
                    }
                    prop_assert!(next.status != MeetingStatus::Accepted
                        || (next.institution == Answer::Accepted && next.company == Answer::Accepted));
                    s = next;
                }
            }
        }
    }
}
