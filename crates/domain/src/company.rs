//! Companies: their profile and their participation in an edition.

use crate::error::{Field, TransitionError, ValidationError};
use crate::irritant::{BudgetRange, parse_amount};
use crate::text::{LongText, Slug, WebsiteUrl};

code_enum!(
    /// Head-count bracket (the INSEE categories, split at 10 for start-ups).
    CompanySize, Field::Size, {
        Micro => "1-9",
        Small => "10-49",
        Medium => "50-249",
        Large => "250+",
    }
);

code_enum!(
    /// French regions (2016 map) and overseas regions, plus `national` for companies active everywhere.
    Region, Field::Region, {
        AuvergneRhoneAlpes => "auvergne-rhone-alpes",
        BourgogneFrancheComte => "bourgogne-franche-comte",
        Bretagne => "bretagne",
        CentreValDeLoire => "centre-val-de-loire",
        Corse => "corse",
        GrandEst => "grand-est",
        HautsDeFrance => "hauts-de-france",
        IleDeFrance => "ile-de-france",
        Normandie => "normandie",
        NouvelleAquitaine => "nouvelle-aquitaine",
        Occitanie => "occitanie",
        PaysDeLaLoire => "pays-de-la-loire",
        ProvenceAlpesCoteDAzur => "provence-alpes-cote-d-azur",
        Guadeloupe => "guadeloupe",
        Martinique => "martinique",
        Guyane => "guyane",
        LaReunion => "la-reunion",
        Mayotte => "mayotte",
        National => "national",
    }
);

/// The smallest project a company takes on, in euros: the matching lowers its affinity with irritants whose
/// budget stays below it, and says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct MinimumBudget(u64);

impl MinimumBudget {
    /// From 1 € to the irritants' ceiling (a larger figure is a typing mistake).
    pub fn new(eur: u64) -> Result<Self, ValidationError> {
        if eur == 0 || eur > BudgetRange::CEILING_EUR {
            return Err(ValidationError::OutOfRange(Field::MinBudget));
        }
        Ok(Self(eur))
    }

    /// Reads an amount as typed in a form (`15 000`); empty means no minimum.
    pub fn parse(s: &str) -> Result<Option<Self>, ValidationError> {
        parse_amount(Field::MinBudget, s)?
            .map(Self::new)
            .transpose()
    }

    pub fn eur(self) -> u64 {
        self.0
    }
}

/// A company's public profile, validated as a whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CompanyProfile {
    pub description: Option<LongText>,
    /// Slugs from the domains vocabulary, sorted and deduplicated.
    pub specialties: Vec<Slug>,
    pub references: Option<LongText>,
    pub size: Option<CompanySize>,
    pub region: Option<Region>,
    pub website: Option<WebsiteUrl>,
    pub budget_min: Option<MinimumBudget>,
}

impl CompanyProfile {
    pub const MAX_SPECIALTIES: usize = 10;

    pub fn new(
        description: Option<LongText>,
        mut specialties: Vec<Slug>,
        references: Option<LongText>,
        size: Option<CompanySize>,
        region: Option<Region>,
        website: Option<WebsiteUrl>,
    ) -> Result<Self, crate::ValidationError> {
        specialties.sort();
        specialties.dedup();
        if specialties.len() > Self::MAX_SPECIALTIES {
            return Err(crate::ValidationError::TooMany {
                field: Field::Domains,
                max: Self::MAX_SPECIALTIES,
            });
        }
        Ok(Self {
            description,
            specialties,
            references,
            size,
            region,
            website,
            budget_min: None,
        })
    }

    /// The profile with the company's minimum budget for a project.
    pub fn with_budget_min(self, budget_min: Option<MinimumBudget>) -> Self {
        Self { budget_min, ..self }
    }
}

code_enum!(
    /// A company's participation in an edition.
    ParticipationStatus, Field::Status, {
        /// Invited by a business manager or an organiser; the company has not registered yet.
        Invited => "invited",
        /// Registered by the company; awaits an organiser's validation.
        Registered => "registered",
        /// Validated by an organiser: the company takes part.
        Validated => "validated",
    }
);

impl ParticipationStatus {
    /// The company registers: from an invitation, or on its own (`None`: no participation yet).
    pub fn register(
        from: Option<ParticipationStatus>,
    ) -> Result<ParticipationStatus, TransitionError> {
        match from {
            None | Some(ParticipationStatus::Invited) => Ok(ParticipationStatus::Registered),
            Some(s) => Err(TransitionError::NotAllowed {
                from: s.as_str(),
                action: "register",
            }),
        }
    }

    /// An organiser validates a registered company.
    pub fn validate(self) -> Result<ParticipationStatus, TransitionError> {
        match self {
            ParticipationStatus::Registered => Ok(ParticipationStatus::Validated),
            s => Err(TransitionError::NotAllowed {
                from: s.as_str(),
                action: "validate",
            }),
        }
    }

    /// Inviting a company that already takes part in the edition is refused, not repeated.
    pub fn invite(
        from: Option<ParticipationStatus>,
    ) -> Result<ParticipationStatus, TransitionError> {
        match from {
            None => Ok(ParticipationStatus::Invited),
            Some(s) => Err(TransitionError::NotAllowed {
                from: s.as_str(),
                action: "invite",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParticipationStatus as P;

    #[test]
    fn participation_goes_invited_registered_validated() {
        assert_eq!(P::invite(None), Ok(P::Invited));
        assert_eq!(P::register(Some(P::Invited)), Ok(P::Registered));
        assert_eq!(P::register(None), Ok(P::Registered));
        assert_eq!(P::Registered.validate(), Ok(P::Validated));
        assert!(
            P::Invited.validate().is_err(),
            "an invited company has not registered yet"
        );
        assert!(P::Validated.validate().is_err());
        assert!(P::register(Some(P::Validated)).is_err());
        assert!(P::invite(Some(P::Invited)).is_err());
    }

    #[test]
    fn regions_and_sizes_parse_from_codes() {
        assert_eq!(Region::parse("occitanie"), Ok(Region::Occitanie));
        assert_eq!(
            Region::parse("Atlantis").unwrap_err().code(),
            "region-unknown"
        );
        assert_eq!(CompanySize::parse("250+"), Ok(CompanySize::Large));
    }

    #[test]
    fn minimum_budgets_parse_as_typed_and_are_bounded() {
        assert_eq!(MinimumBudget::parse(""), Ok(None));
        assert_eq!(
            MinimumBudget::parse("15 000")
                .unwrap()
                .map(MinimumBudget::eur),
            Some(15_000)
        );
        assert_eq!(
            MinimumBudget::parse("15\u{202f}000")
                .unwrap()
                .map(MinimumBudget::eur),
            Some(15_000)
        );
        for (typed, code) in [
            ("15 k€", "min-budget-malformed"),
            ("-5", "min-budget-malformed"),
            ("1e6", "min-budget-malformed"),
            ("0", "min-budget-out-of-range"),
            ("100000001", "min-budget-out-of-range"),
            ("99999999999999999999999", "min-budget-out-of-range"),
        ] {
            assert_eq!(
                MinimumBudget::parse(typed).unwrap_err().code(),
                code,
                "{typed}"
            );
        }
    }

    #[test]
    fn specialties_are_bounded_and_deduplicated() {
        let s = |x: &str| Slug::parse(x).unwrap();
        let p = CompanyProfile::new(
            None,
            vec![s("rpa"), s("ia"), s("rpa")],
            None,
            None,
            None,
            None,
        )
        .unwrap();
        assert_eq!(p.specialties, vec![s("ia"), s("rpa")]);
        let many = (0..11).map(|i| s(&format!("d{i}"))).collect();
        assert!(CompanyProfile::new(None, many, None, None, None, None).is_err());
    }
}
