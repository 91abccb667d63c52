//! Opportunities: what follows a meeting (DESIGN.md, "Opportunity (POC)").
//!
//! follow-up contact → proposal → funding requested → funded → POC running → delivered → shared as
//! experience; or abandoned, with a reason. A POC may also start on the sides' own budget, from a proposal
//! or after a funding request. [`OpportunityMove::apply`] is the only way an opportunity changes state: it
//! says which move leads where and which side may make it (the institution, the company, the organisers).
//! Amounts are whole euros; [`Amounts::new`] keeps them coherent (nothing granted beyond what was asked,
//! nothing asked or co-funded beyond the estimated cost).

use crate::error::{Field, TransitionError, ValidationError};
use crate::text::LongText;

code_enum!(
    /// Where an opportunity stands.
    OpportunityStatus, Field::Status, {
        /// The sides keep in touch after the meeting.
        FollowUpContact => "follow-up-contact",
        /// The company made a proposal (scope, cost, plan).
        Proposal => "proposal",
        FundingRequested => "funding-requested",
        Funded => "funded",
        PocRunning => "poc-running",
        Delivered => "delivered",
        /// Delivered and written up as shared experience for other institutions.
        Shared => "shared",
        Abandoned => "abandoned",
    }
);

impl OpportunityStatus {
    /// The states of the funnel, in order (abandoned aside).
    pub const FUNNEL: [OpportunityStatus; 7] = [
        OpportunityStatus::FollowUpContact,
        OpportunityStatus::Proposal,
        OpportunityStatus::FundingRequested,
        OpportunityStatus::Funded,
        OpportunityStatus::PocRunning,
        OpportunityStatus::Delivered,
        OpportunityStatus::Shared,
    ];

    /// Nothing leaves a shared or abandoned opportunity.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OpportunityStatus::Shared | OpportunityStatus::Abandoned
        )
    }

    /// Its place in the funnel (abandoned last).
    pub fn rank(self) -> usize {
        Self::FUNNEL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(Self::FUNNEL.len())
    }
}

code_enum!(
    /// Who makes a move: one of the two sides of the meeting, the organisers, or the funder deciding on a
    /// dossier routed to it.
    Mover, Field::Side, {
        Institution => "institution",
        Company => "company",
        Organiser => "organiser",
        Funder => "funder",
    }
);

code_enum!(
    /// A move of an opportunity.
    OpportunityMove, Field::Status, {
        /// The company puts a proposal on the table.
        Propose => "propose",
        /// A funding request is filed (with a fund of the State or a body of the agency).
        RequestFunding => "request-funding",
        /// The funding was granted.
        Fund => "fund",
        /// The POC starts (funded, or on the sides' own budget).
        Start => "start",
        /// The company delivers the POC.
        Deliver => "deliver",
        /// The institution shares the delivered POC as experience.
        Share => "share",
        /// Given up, with the reason.
        Abandon => "abandon",
    }
);

impl OpportunityMove {
    /// The state this move leads to from `from`, if the workflow allows it.
    pub fn target(self, from: OpportunityStatus) -> Option<OpportunityStatus> {
        use OpportunityStatus as S;
        match (self, from) {
            (Self::Propose, S::FollowUpContact) => Some(S::Proposal),
            (Self::RequestFunding, S::Proposal) => Some(S::FundingRequested),
            (Self::Fund, S::FundingRequested) => Some(S::Funded),
            (Self::Start, S::Proposal | S::FundingRequested | S::Funded) => Some(S::PocRunning),
            (Self::Deliver, S::PocRunning) => Some(S::Delivered),
            (Self::Share, S::Delivered) => Some(S::Shared),
            (Self::Abandon, s) if !s.is_final() => Some(S::Abandoned),
            _ => None,
        }
    }

    /// Who may make this move. Each side moves what it is responsible for: the company proposes and
    /// delivers, the institution files and receives the funding and shares the experience; both start the
    /// POC and may give up; the organisers may record any move for either side; a funder that accepts a
    /// dossier records the funding.
    pub fn movers(self) -> &'static [Mover] {
        use Mover as M;
        match self {
            Self::Propose | Self::Deliver => &[M::Company, M::Organiser],
            Self::Fund => &[M::Institution, M::Organiser, M::Funder],
            Self::RequestFunding | Self::Share => &[M::Institution, M::Organiser],
            Self::Start | Self::Abandon => &[M::Institution, M::Company, M::Organiser],
        }
    }

    /// The moves `mover` may make from `from`, in the order of the workflow.
    pub fn available(from: OpportunityStatus, mover: Mover) -> Vec<OpportunityMove> {
        Self::ALL
            .iter()
            .copied()
            .filter(|m| m.target(from).is_some() && m.movers().contains(&mover))
            .collect()
    }

    /// The state `mover`'s move leads to from `from`. Giving up needs the reason.
    pub fn apply(
        self,
        from: OpportunityStatus,
        mover: Mover,
        comment: Option<&LongText>,
    ) -> Result<OpportunityStatus, TransitionError> {
        let refused = TransitionError::NotAllowed {
            from: from.as_str(),
            action: self.as_str(),
        };
        let to = self.target(from).ok_or(refused.clone())?;
        if !self.movers().contains(&mover) {
            return Err(refused);
        }
        if self == Self::Abandon && comment.is_none() {
            return Err(TransitionError::CommentRequired {
                action: self.as_str(),
            });
        }
        Ok(to)
    }
}

/// An amount in whole euros, at most [`Euros::CEILING`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Euros(u64);

impl Euros {
    /// Larger amounts are typing mistakes, not proofs of concept.
    pub const CEILING: u64 = 100_000_000;

    pub fn new(field: Field, value: u64) -> Result<Euros, ValidationError> {
        if value > Self::CEILING {
            return Err(ValidationError::OutOfRange(field));
        }
        Ok(Euros(value))
    }

    /// Reads an amount as typed: digits with optional spaces (`15 000`, `15 000 €`); empty means none.
    pub fn parse(field: Field, raw: &str) -> Result<Option<Euros>, ValidationError> {
        let digits: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '€')
            .collect();
        if digits.is_empty() {
            return Ok(None);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(ValidationError::Malformed(field));
        }
        let value = digits
            .parse::<u64>()
            .map_err(|_| ValidationError::OutOfRange(field))?;
        Euros::new(field, value).map(Some)
    }

    pub fn value(self) -> u64 {
        self.0
    }
}

/// An opportunity's money: what the POC is estimated to cost, what was asked of a fund, what was granted,
/// and what the sides put in themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Amounts {
    pub estimated_cost: Option<Euros>,
    pub requested: Option<Euros>,
    pub granted: Option<Euros>,
    pub co_funding: Option<Euros>,
}

impl Amounts {
    /// Checks the amounts together; every incoherence is reported on the field to correct.
    pub fn new(
        estimated_cost: Option<Euros>,
        requested: Option<Euros>,
        granted: Option<Euros>,
        co_funding: Option<Euros>,
    ) -> Result<Amounts, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let above =
            |a: Option<Euros>, b: Option<Euros>| matches!((a, b), (Some(a), Some(b)) if a > b);
        if above(requested, estimated_cost) {
            errors.push(ValidationError::OutOfRange(Field::Requested));
        }
        if above(granted, requested) {
            errors.push(ValidationError::OutOfRange(Field::Granted));
        }
        if above(co_funding, estimated_cost) {
            errors.push(ValidationError::OutOfRange(Field::CoFunding));
        }
        if errors.is_empty() {
            Ok(Amounts {
                estimated_cost,
                requested,
                granted,
                co_funding,
            })
        } else {
            Err(errors)
        }
    }
}

code_enum!(
    /// How an opportunity came to be.
    OpportunityOrigin, Field::Kind, {
        /// Both sides rated the held meeting "follow-up wanted": proposed to both automatically.
        Rated => "rated",
        /// Opened by hand by a side or the organisers, from a held meeting.
        Manual => "manual",
        /// A side's six-month rating said something came of the meeting.
        SixMonths => "six-months",
    }
);

code_enum!(
    /// What came of a meeting, as a side says about six months after the day.
    Outcome, Field::Kind, {
        Nothing => "nothing",
        ContactKept => "contact-kept",
        Quote => "quote",
        Contract => "contract",
        Poc => "poc",
    }
);

impl Outcome {
    /// Whether the answer calls for an opportunity (a quote at least).
    pub fn opens(self) -> bool {
        matches!(self, Outcome::Quote | Outcome::Contract | Outcome::Poc)
    }

    /// The moves that bring an opportunity standing at `from` up to what the answer says, in order; none
    /// when it already stands there or beyond (an answer never moves an opportunity back, nor gives it up).
    pub fn catch_up(self, from: OpportunityStatus) -> Vec<OpportunityMove> {
        use OpportunityStatus as S;
        let target = match self {
            Outcome::Nothing | Outcome::ContactKept => return Vec::new(),
            Outcome::Quote => S::Proposal,
            Outcome::Contract | Outcome::Poc => S::PocRunning,
        };
        let mut moves = Vec::new();
        let mut at = from;
        while at.rank() < target.rank() && !at.is_final() {
            let next = if at == S::FollowUpContact {
                OpportunityMove::Propose
            } else {
                OpportunityMove::Start
            };
            match next.target(at) {
                Some(to) => {
                    moves.push(next);
                    at = to;
                }
                None => break,
            }
        }
        moves
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Mover as M;
    use OpportunityMove as T;
    use OpportunityStatus as S;
    use proptest::prelude::*;

    fn reason() -> LongText {
        LongText::parse(Field::Comment, "Le budget n'a pas été trouvé").unwrap()
    }

    #[test]
    fn the_workflow_of_the_design() {
        let path = [
            (T::Propose, M::Company, S::Proposal),
            (T::RequestFunding, M::Institution, S::FundingRequested),
            (T::Fund, M::Institution, S::Funded),
            (T::Start, M::Company, S::PocRunning),
            (T::Deliver, M::Company, S::Delivered),
            (T::Share, M::Institution, S::Shared),
        ];
        let mut status = S::FollowUpContact;
        for (t, who, to) in path {
            status = t.apply(status, who, None).unwrap();
            assert_eq!(status, to);
        }
        // A POC on the sides' own budget skips the funding.
        assert_eq!(
            T::Start.apply(S::Proposal, M::Institution, None),
            Ok(S::PocRunning)
        );
    }

    #[test]
    fn each_side_moves_what_it_is_responsible_for() {
        assert!(
            T::Propose
                .apply(S::FollowUpContact, M::Institution, None)
                .is_err()
        );
        assert!(
            T::Deliver
                .apply(S::PocRunning, M::Institution, None)
                .is_err()
        );
        assert!(
            T::RequestFunding
                .apply(S::Proposal, M::Company, None)
                .is_err()
        );
        assert!(T::Share.apply(S::Delivered, M::Company, None).is_err());
        for t in T::ALL {
            assert!(t.movers().contains(&M::Organiser), "{t}");
        }
        assert_eq!(
            T::available(S::Proposal, M::Company),
            vec![T::Start, T::Abandon]
        );
        assert_eq!(
            T::available(S::Proposal, M::Institution),
            vec![T::RequestFunding, T::Start, T::Abandon]
        );
        assert!(T::available(S::Shared, M::Organiser).is_empty());
    }

    #[test]
    fn giving_up_needs_a_reason_and_nothing_leaves_a_final_state() {
        assert_eq!(
            T::Abandon.apply(S::Proposal, M::Company, None),
            Err(TransitionError::CommentRequired { action: "abandon" })
        );
        assert_eq!(
            T::Abandon.apply(S::Funded, M::Company, Some(&reason())),
            Ok(S::Abandoned)
        );
        for t in T::ALL {
            assert!(t.target(S::Shared).is_none());
            assert!(t.target(S::Abandoned).is_none());
        }
    }

    #[test]
    fn amounts_are_read_as_typed_and_kept_coherent() {
        let eur = |s| Euros::parse(Field::EstimatedCost, s);
        assert_eq!(eur("45 000").unwrap().unwrap().value(), 45_000);
        assert_eq!(eur("45\u{202f}000 €").unwrap().unwrap().value(), 45_000);
        assert_eq!(eur(" ").unwrap(), None);
        assert_eq!(eur("-5").unwrap_err().code(), "estimated-cost-malformed");
        assert_eq!(eur("1e6").unwrap_err().code(), "estimated-cost-malformed");
        assert_eq!(eur("12,5").unwrap_err().code(), "estimated-cost-malformed");
        assert_eq!(
            eur("100000001").unwrap_err().code(),
            "estimated-cost-out-of-range"
        );
        assert_eq!(
            eur("99999999999999999999999").unwrap_err().code(),
            "estimated-cost-out-of-range"
        );
        let e = |v| Some(Euros(v));
        assert!(Amounts::new(e(50_000), e(40_000), e(30_000), e(10_000)).is_ok());
        assert!(Amounts::new(None, None, e(30_000), None).is_ok());
        let codes: Vec<String> = Amounts::new(e(50_000), e(60_000), e(70_000), e(51_000))
            .unwrap_err()
            .iter()
            .map(|e| e.code())
            .collect();
        assert_eq!(
            codes,
            [
                "requested-out-of-range",
                "granted-out-of-range",
                "co-funding-out-of-range"
            ]
        );
    }

    #[test]
    fn target_and_apply_agree_for_the_allowed_movers() {
        for t in T::ALL {
            for s in S::ALL {
                for m in M::ALL {
                    let allowed = t.movers().contains(m);
                    assert_eq!(
                        t.apply(*s, *m, Some(&reason())).ok(),
                        t.target(*s).filter(|_| allowed),
                        "{t} from {s} by {m}"
                    );
                }
            }
        }
    }

    #[test]
    fn six_month_answers_catch_the_opportunity_up_and_never_back() {
        use Outcome as O;
        assert_eq!(O::Quote.catch_up(S::FollowUpContact), vec![T::Propose]);
        assert_eq!(
            O::Poc.catch_up(S::FollowUpContact),
            vec![T::Propose, T::Start]
        );
        assert_eq!(O::Contract.catch_up(S::Funded), vec![T::Start]);
        assert!(O::Quote.catch_up(S::Delivered).is_empty());
        assert!(O::Poc.catch_up(S::Abandoned).is_empty());
        assert!(O::Nothing.catch_up(S::FollowUpContact).is_empty());
        for o in O::ALL {
            for s in S::ALL {
                let mut at = *s;
                for m in o.catch_up(*s) {
                    let next = m.apply(at, M::Organiser, None).unwrap();
                    assert!(next.rank() > at.rank());
                    at = next;
                }
                assert!(at.rank() >= s.rank());
            }
        }
    }

    proptest! {
        #[test]
        fn opportunities_only_move_forward_and_funding_is_always_requested_first(
            steps in proptest::collection::vec((0usize..7, 0usize..3, any::<bool>()), 0..60)
        ) {
            let mut status = S::FollowUpContact;
            let mut requested = false;
            for (t, m, with_reason) in steps {
                let (t, m) = (T::ALL[t], M::ALL[m]);
                let r = reason();
                if let Ok(next) = t.apply(status, m, with_reason.then_some(&r)) {
                    prop_assert!(!status.is_final());
                    prop_assert!(next.rank() > status.rank(), "{} → {}", status, next);
                    prop_assert!(t.movers().contains(&m));
                    if next == S::Abandoned { prop_assert!(with_reason); }
                    if next == S::FundingRequested { requested = true; }
                    if next == S::Funded { prop_assert!(requested); }
                    status = next;
                } else {
                    prop_assert!(
                        t.target(status).is_none()
                            || !t.movers().contains(&m)
                            || (t == T::Abandon && !with_reason)
                    );
                }
            }
        }

        #[test]
        fn typed_amounts_read_back(value in 0u64..=Euros::CEILING, spaced in any::<bool>()) {
            let text = if spaced {
                // As the French format writes it: groups of three with narrow no-break spaces.
                let digits = value.to_string();
                let mut out = String::new();
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 { out.push('\u{202f}'); }
                    out.push(c);
                }
                out
            } else {
                value.to_string()
            };
            prop_assert_eq!(Euros::parse(Field::Granted, &text).unwrap(), Some(Euros(value)));
        }
    }
}
