//! Irritants: the needs institutions bring, and their workflow.

use crate::error::{Field, TransitionError, ValidationError};
use crate::text::{DisplayName, Email, IrritantTitle, LongText, ShortText, Slug};

code_enum!(
    /// Where an irritant is in its workflow.
    IrritantStatus, Field::Status, {
        Draft => "draft",
        Submitted => "submitted",
        Published => "published",
        /// Sent back to its institution with a comment; editable again.
        Returned => "returned",
        Matched => "matched",
        Closed => "closed",
        Archived => "archived",
    }
);

impl IrritantStatus {
    /// Only drafts and returned irritants can be edited: what organisers validated stays as validated.
    pub fn is_editable(self) -> bool {
        matches!(self, IrritantStatus::Draft | IrritantStatus::Returned)
    }

    /// Whether the public (and every user) may see it.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            IrritantStatus::Published | IrritantStatus::Matched | IrritantStatus::Closed
        )
    }
}

code_enum!(
    /// A move in the irritant workflow.
    IrritantTransition, Field::Status, {
        Submit => "submit",
        Publish => "publish",
        Return => "return",
        Archive => "archive",
        Match => "match",
        Close => "close",
    }
);

impl IrritantTransition {
    /// The state this move leads to from `from`, if the workflow allows it (whatever the comment).
    pub fn target(self, from: IrritantStatus) -> Option<IrritantStatus> {
        use IrritantStatus as S;
        match (self, from) {
            (Self::Submit, S::Draft | S::Returned) => Some(S::Submitted),
            (Self::Publish, S::Submitted) => Some(S::Published),
            (Self::Return, S::Submitted | S::Published) => Some(S::Returned),
            (Self::Match, S::Published) => Some(S::Matched),
            (Self::Close, S::Published | S::Matched) => Some(S::Closed),
            (Self::Archive, s) if s != S::Archived => Some(S::Archived),
            _ => None,
        }
    }

    /// The state this move leads to from `from`. Returning needs a comment saying what to change.
    pub fn apply(
        self,
        from: IrritantStatus,
        comment: Option<&LongText>,
    ) -> Result<IrritantStatus, TransitionError> {
        let to = self.target(from).ok_or(TransitionError::NotAllowed {
            from: from.as_str(),
            action: self.as_str(),
        })?;
        if self == Self::Return && comment.is_none() {
            return Err(TransitionError::CommentRequired {
                action: self.as_str(),
            });
        }
        Ok(to)
    }
}

/// An amount in euros as typed in a form: digits with optional spaces (`15 000`, also the narrow no-break
/// space French typography prints); empty means none.
pub(crate) fn parse_amount(field: Field, s: &str) -> Result<Option<u64>, ValidationError> {
    let digits: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationError::Malformed(field));
    }
    digits
        .parse::<u64>()
        .map(Some)
        .map_err(|_| ValidationError::OutOfRange(field))
}

/// A budget range in euros (bounds included); either bound may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BudgetRange {
    min_eur: Option<u64>,
    max_eur: Option<u64>,
}

impl BudgetRange {
    /// Larger amounts are typing mistakes, not irritants.
    pub const CEILING_EUR: u64 = 100_000_000;

    pub fn new(min_eur: Option<u64>, max_eur: Option<u64>) -> Result<Self, ValidationError> {
        let field = Field::Budget;
        if min_eur.is_none() && max_eur.is_none() {
            return Err(ValidationError::Required(field));
        }
        if min_eur
            .into_iter()
            .chain(max_eur)
            .any(|v| v > Self::CEILING_EUR)
        {
            return Err(ValidationError::OutOfRange(field));
        }
        if let (Some(lo), Some(hi)) = (min_eur, max_eur)
            && lo > hi
        {
            return Err(ValidationError::OutOfRange(field));
        }
        Ok(Self { min_eur, max_eur })
    }

    /// Reads amounts as typed in a form: digits with optional spaces (`15 000`); empty means open.
    pub fn parse(min: &str, max: &str) -> Result<Self, ValidationError> {
        Self::new(
            parse_amount(Field::Budget, min)?,
            parse_amount(Field::Budget, max)?,
        )
    }

    pub fn min_eur(&self) -> Option<u64> {
        self.min_eur
    }
    pub fn max_eur(&self) -> Option<u64> {
        self.max_eur
    }
}

/// The editable content of an irritant (its fiche), validated as a whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IrritantContent {
    pub title: IrritantTitle,
    pub context: Option<LongText>,
    pub problem: Option<LongText>,
    pub expected_result: Option<LongText>,
    pub budget: Option<BudgetRange>,
    pub timeline: Option<ShortText>,
    /// Slugs from the domains vocabulary (checked against it by storage), sorted and without duplicates.
    pub domains: Vec<Slug>,
    pub contact_name: Option<DisplayName>,
    pub contact_email: Option<Email>,
}

impl IrritantContent {
    pub const MAX_DOMAINS: usize = 8;

    /// A draft needs only a title; the rest may come later (see `missing_for_submission`).
    pub fn new(title: IrritantTitle) -> Self {
        Self {
            title,
            context: None,
            problem: None,
            expected_result: None,
            budget: None,
            timeline: None,
            domains: Vec::new(),
            contact_name: None,
            contact_email: None,
        }
    }

    /// Sets the domains, sorted and deduplicated, at most `MAX_DOMAINS`.
    pub fn with_domains(mut self, mut domains: Vec<Slug>) -> Result<Self, ValidationError> {
        domains.sort();
        domains.dedup();
        if domains.len() > Self::MAX_DOMAINS {
            return Err(ValidationError::TooMany {
                field: Field::Domains,
                max: Self::MAX_DOMAINS,
            });
        }
        self.domains = domains;
        Ok(self)
    }

    /// What a fiche lacks before it can be submitted: the problem, the expected result and one domain at least.
    pub fn missing_for_submission(&self) -> Vec<ValidationError> {
        let mut missing = Vec::new();
        if self.problem.is_none() {
            missing.push(ValidationError::Required(Field::Problem));
        }
        if self.expected_result.is_none() {
            missing.push(ValidationError::Required(Field::ExpectedResult));
        }
        if self.domains.is_empty() {
            missing.push(ValidationError::Required(Field::Domains));
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IrritantStatus as S;
    use IrritantTransition as T;
    use proptest::prelude::*;

    fn comment() -> LongText {
        LongText::parse(Field::Comment, "Préciser le budget").unwrap()
    }

    #[test]
    fn the_workflow_of_the_design() {
        assert_eq!(T::Submit.apply(S::Draft, None), Ok(S::Submitted));
        assert_eq!(T::Publish.apply(S::Submitted, None), Ok(S::Published));
        assert_eq!(
            T::Return.apply(S::Submitted, Some(&comment())),
            Ok(S::Returned)
        );
        assert_eq!(T::Submit.apply(S::Returned, None), Ok(S::Submitted));
        assert_eq!(T::Match.apply(S::Published, None), Ok(S::Matched));
        assert_eq!(T::Close.apply(S::Matched, None), Ok(S::Closed));
        assert_eq!(T::Archive.apply(S::Published, None), Ok(S::Archived));
    }

    #[test]
    fn invalid_moves_are_refused() {
        assert!(
            T::Publish.apply(S::Draft, None).is_err(),
            "publishing skips validation"
        );
        assert!(
            T::Submit.apply(S::Submitted, None).is_err(),
            "submitted twice"
        );
        assert!(T::Submit.apply(S::Published, None).is_err());
        assert!(T::Archive.apply(S::Archived, None).is_err());
        assert!(T::Return.apply(S::Draft, Some(&comment())).is_err());
        assert_eq!(
            T::Return.apply(S::Submitted, None),
            Err(TransitionError::CommentRequired { action: "return" })
        );
    }

    #[test]
    fn budgets() {
        assert!(BudgetRange::parse("15 000", "50000").is_ok());
        assert!(BudgetRange::parse("", "50000").is_ok());
        assert_eq!(
            BudgetRange::parse("", "").unwrap_err().code(),
            "budget-required"
        );
        assert_eq!(
            BudgetRange::parse("60000", "50000").unwrap_err().code(),
            "budget-out-of-range"
        );
        assert_eq!(
            BudgetRange::parse("-5", "").unwrap_err().code(),
            "budget-malformed"
        );
        assert_eq!(
            BudgetRange::parse("1e9", "").unwrap_err().code(),
            "budget-malformed"
        );
        assert_eq!(
            BudgetRange::parse("99999999999999999999999", "")
                .unwrap_err()
                .code(),
            "budget-out-of-range"
        );
        assert_eq!(
            BudgetRange::parse("", "100000001").unwrap_err().code(),
            "budget-out-of-range"
        );
    }

    #[test]
    fn content_domains_and_submission_requirements() {
        let slug = |s: &str| Slug::parse(s).unwrap();
        let c = IrritantContent::new(IrritantTitle::parse("Réserver des salles").unwrap())
            .with_domains(vec![slug("iot"), slug("chatbot"), slug("iot")])
            .unwrap();
        assert_eq!(c.domains, vec![slug("chatbot"), slug("iot")]);
        let codes: Vec<_> = c
            .missing_for_submission()
            .iter()
            .map(|e| e.code())
            .collect();
        assert_eq!(codes, ["problem-required", "expected-result-required"]);
        let many = (0..9).map(|i| slug(&format!("d{i}"))).collect();
        assert_eq!(c.with_domains(many).unwrap_err().code(), "domains-too-many");
    }

    #[test]
    fn target_and_apply_agree_on_every_move() {
        for t in T::ALL {
            for s in S::ALL {
                assert_eq!(
                    t.target(*s),
                    t.apply(*s, Some(&comment())).ok(),
                    "{t} from {s}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn only_editable_states_can_be_submitted_and_nothing_leaves_archived(
            steps in proptest::collection::vec((0usize..6, any::<bool>()), 0..50)
        ) {
            let mut status = S::Draft;
            for (t, with_comment) in steps {
                let t = T::ALL[t];
                let c = comment();
                if let Ok(next) = t.apply(status, with_comment.then_some(&c)) {
                    prop_assert!(status != S::Archived);
                    if t == T::Submit { prop_assert!(status.is_editable()); }
                    if next == S::Returned { prop_assert!(with_comment); }
                    status = next;
                }
            }
        }
    }
}
