//! Companies: their profile and their participation in an edition.

use crate::error::{Field, TransitionError};
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
        })
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
