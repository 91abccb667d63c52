//! Shared experience (issue 10, mutualisation): once a proof of concept is delivered, its institution
//! writes what it learnt so that other institutions can reuse it. The report's content is checked here as
//! a whole (every refused field at once); when it may be written, and what writing it does to the
//! opportunity, too.

use crate::error::{Field, ValidationError};
use crate::opportunity::{Euros, OpportunityMove, OpportunityStatus};
use crate::text::{LongText, ShortText};

/// What the author writes of a report, as typed.
#[derive(Debug, Clone, Default)]
pub struct RawExperience<'a> {
    pub problem: &'a str,
    pub solution: &'a str,
    pub cost: &'a str,
    pub duration: &'a str,
    pub results: &'a str,
    pub reuse: &'a str,
    pub licence: &'a str,
    pub contact: &'a str,
    pub public: bool,
}

/// A report's content, every field checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExperienceContent {
    pub problem: LongText,
    pub solution: LongText,
    /// What the proof of concept cost in the end (unknown: not given).
    pub cost: Option<Euros>,
    pub duration: ShortText,
    pub results: LongText,
    /// The conditions on which another institution may reuse the deliverables.
    pub reuse: LongText,
    pub licence: ShortText,
    /// How to reach the team that ran it: what the author chooses to give, not an account.
    pub contact: ShortText,
    /// Whether the report is on the public pages as well as shown to every institution member.
    pub public: bool,
}

impl ExperienceContent {
    /// Checks every field; all the refusals at once, so that a form shows each on its field.
    pub fn parse(raw: &RawExperience<'_>) -> Result<Self, Vec<ValidationError>> {
        let mut errors = Vec::new();
        fn kept<T>(errors: &mut Vec<ValidationError>, r: Result<T, ValidationError>) -> Option<T> {
            r.map_err(|e| errors.push(e)).ok()
        }
        let problem = kept(&mut errors, LongText::parse(Field::Problem, raw.problem));
        let solution = kept(&mut errors, LongText::parse(Field::Solution, raw.solution));
        let cost = kept(&mut errors, Euros::parse(Field::Cost, raw.cost));
        let duration = kept(&mut errors, ShortText::parse(Field::Duration, raw.duration));
        let results = kept(&mut errors, LongText::parse(Field::Results, raw.results));
        let reuse = kept(&mut errors, LongText::parse(Field::Reuse, raw.reuse));
        let licence = kept(&mut errors, ShortText::parse(Field::Licence, raw.licence));
        let contact = kept(&mut errors, ShortText::parse(Field::Contact, raw.contact));
        match (
            problem, solution, cost, duration, results, reuse, licence, contact,
        ) {
            (
                Some(problem),
                Some(solution),
                Some(cost),
                Some(duration),
                Some(results),
                Some(reuse),
                Some(licence),
                Some(contact),
            ) if errors.is_empty() => Ok(Self {
                problem,
                solution,
                cost,
                duration,
                results,
                reuse,
                licence,
                contact,
                public: raw.public,
            }),
            _ => Err(errors),
        }
    }
}

/// A report is written once the proof of concept is delivered (or already shared, to mend it).
pub fn may_report(status: OpportunityStatus) -> bool {
    matches!(
        status,
        OpportunityStatus::Delivered | OpportunityStatus::Shared
    )
}

/// The move writing a report makes: a delivered POC becomes « partagée en expérience »; a shared one
/// stays as it is.
pub fn move_on_report(status: OpportunityStatus) -> Option<OpportunityMove> {
    (OpportunityMove::Share.target(status) == Some(OpportunityStatus::Shared))
        .then_some(OpportunityMove::Share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn filled() -> RawExperience<'static> {
        RawExperience {
            problem: "Les dossiers arrivent incomplets.",
            solution: "Un formulaire guidé.",
            cost: "18 000 €",
            duration: "4 mois",
            results: "Deux fois moins de relances.",
            reuse: "Code et documentation sur demande.",
            licence: "EUPL 1.2",
            contact: "Service numérique, pôle usages",
            public: true,
        }
    }

    #[test]
    fn a_filled_report_is_accepted_with_its_cost() {
        let c = ExperienceContent::parse(&filled()).unwrap();
        assert_eq!(c.cost.map(Euros::value), Some(18_000));
        assert!(c.public);
    }

    #[test]
    fn every_refused_field_is_named_at_once() {
        let raw = RawExperience {
            solution: "",
            cost: "beaucoup",
            licence: "EUPL\n1.2",
            ..filled()
        };
        let fields: Vec<Field> = ExperienceContent::parse(&raw)
            .unwrap_err()
            .iter()
            .map(ValidationError::field)
            .collect();
        assert_eq!(fields, vec![Field::Solution, Field::Cost, Field::Licence]);
    }

    #[test]
    fn only_a_delivered_poc_becomes_shared() {
        use OpportunityStatus as S;
        assert_eq!(move_on_report(S::Delivered), Some(OpportunityMove::Share));
        for s in [S::Shared, S::PocRunning, S::Abandoned, S::Funded] {
            assert_eq!(move_on_report(s), None);
        }
        assert!(may_report(S::Delivered) && may_report(S::Shared));
        assert!(!may_report(S::PocRunning) && !may_report(S::Abandoned));
    }

    proptest! {
        /// Whatever is typed, either the whole report is accepted or at least one field is refused.
        #[test]
        fn parse_is_all_or_refusals(problem in ".{0,40}", cost in "[0-9a-z €]{0,12}", public: bool) {
            let raw = RawExperience { problem: &problem, cost: &cost, public, ..filled() };
            match ExperienceContent::parse(&raw) {
                Ok(c) => prop_assert_eq!(c.public, public),
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }
    }
}
