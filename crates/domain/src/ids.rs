//! Identifiers: random UUID v4, stored and shown as their hyphenated text.

use crate::error::{Field, ValidationError};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(uuid::Uuid);

        impl $name {
            /// A fresh random identifier.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4())
            }

            /// Parses the text form; anything but a UUID (e.g. from a URL) is refused.
            pub fn parse(text: &str) -> Result<Self, ValidationError> {
                uuid::Uuid::try_parse(text.trim())
                    .map(Self)
                    .map_err(|_| ValidationError::Malformed(Field::Id))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}

id_type!(
    /// An organisation (institution, company, incubator or cluster, agency, funder).
    OrganisationId
);
id_type!(
    /// A user account.
    UserId
);
id_type!(
    /// An edition of the Rencontres.
    EditionId
);
id_type!(
    /// An irritant (a need brought by an institution).
    IrritantId
);
id_type!(
    /// A meeting between an irritant's institution and a company.
    MeetingId
);
id_type!(
    /// A matching run of an edition.
    RunId
);
id_type!(
    /// A scheduling run of an edition (the day's timetable).
    ScheduleRunId
);
id_type!(
    /// A table (or room) of the day.
    TableId
);
id_type!(
    /// A change to the published schedule on the day (a rescheduling).
    ChangeId
);
id_type!(
    /// A file attached to an irritant or a company profile.
    AttachmentId
);
id_type!(
    /// A funding scheme of the catalogue.
    FundingSchemeId
);
id_type!(
    /// A dossier: an opportunity routed to a funding scheme.
    DossierId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_refuse_garbage() {
        let id = IrritantId::new();
        assert_eq!(IrritantId::parse(&id.to_string()), Ok(id));
        for bad in [
            "",
            "42",
            "../etc/passwd",
            "'; DROP TABLE users; --",
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
        ] {
            assert_eq!(
                IrritantId::parse(bad),
                Err(ValidationError::Malformed(Field::Id)),
                "{bad}"
            );
        }
    }
}
id_type!(
    /// An opportunity: what follows a held meeting (a POC in the making).
    OpportunityId
);
id_type!(
    /// An experience report: what an institution learnt from a delivered proof of concept.
    ExperienceReportId
);
