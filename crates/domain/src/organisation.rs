//! Organisations and the roles users hold in them.

use crate::error::{Field, ValidationError};
use crate::ids::OrganisationId;

code_enum!(
    /// What an organisation is, which decides the roles its members may hold.
    OrganisationKind, Field::Kind, {
        /// A university or research body bringing irritants.
        Institution => "institution",
        /// An innovative company.
        Company => "company",
        /// An incubator or business cluster whose business managers recruit companies.
        Incubator => "incubator",
        /// The mutualisation agency (Amue) that runs the editions.
        Agency => "agency",
        /// A funder or decision body receiving POC dossiers.
        Funder => "funder",
    }
);

code_enum!(
    /// A user's role within one organisation.
    Role, Field::Role, {
        /// Agency staff running editions.
        Organiser => "organiser",
        /// Writes and submits the organisation's irritants.
        InstitutionMember => "institution-member",
        /// Edits the company's profile and registers it to editions.
        CompanyMember => "company-member",
        /// Invites and vouches for companies (incubator or cluster).
        BusinessManager => "business-manager",
        /// Manages accounts and the platform.
        Admin => "admin",
        /// Reads the POC dossiers routed to a funder.
        Funder => "funder",
    }
);

impl Role {
    /// Whether a member of an organisation of this kind may hold the role. The agency brings irritants of
    /// its own (4 of the 19 in 2021), so its staff may be institution members too.
    pub fn allowed_in(self, kind: OrganisationKind) -> bool {
        use OrganisationKind as K;
        match self {
            Role::Organiser | Role::Admin => kind == K::Agency,
            Role::InstitutionMember => matches!(kind, K::Institution | K::Agency),
            Role::CompanyMember => kind == K::Company,
            Role::BusinessManager => kind == K::Incubator,
            Role::Funder => kind == K::Funder,
        }
    }
}

/// An establishment's SIRET (14 digits: the SIREN of the legal unit, then the establishment's
/// number), as the Sirene register gives it and ProConnect's `siret` claim carries it. Both the
/// SIREN and the whole SIRET end with a Luhn check digit, except La Poste's establishments (SIREN
/// 356 000 000), whose offices' SIRET digits add up to a multiple of 5 instead (INSEE's rule).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Siret(String);

const LA_POSTE_SIREN: &str = "356000000";

/// Whether the digits pass the Luhn check (every second digit from the right doubled).
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

impl Siret {
    pub const LEN: usize = 14;

    /// Accepts the digits as people write them (grouped by spaces, non-breaking spaces or dots).
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let digits: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.'))
            .collect();
        if digits.is_empty() {
            return Err(ValidationError::Required(Field::Siret));
        }
        if digits.chars().count() != Self::LEN || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValidationError::Malformed(Field::Siret));
        }
        let valid = if digits.starts_with(LA_POSTE_SIREN) {
            luhn(&digits)
                || digits
                    .bytes()
                    .map(|b| u32::from(b - b'0'))
                    .sum::<u32>()
                    .is_multiple_of(5)
        } else {
            luhn(&digits[..9]) && luhn(&digits)
        };
        if !valid {
            return Err(ValidationError::Malformed(Field::Siret));
        }
        Ok(Self(digits))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The legal unit's SIREN (the first 9 digits): the same company or public body across its
    /// establishments.
    pub fn siren(&self) -> &str {
        &self.0[..9]
    }

    /// As the Sirene register prints it, `732 829 320 00074`, with narrow no-break spaces (never
    /// broken across lines).
    pub fn grouped(&self) -> String {
        let d = &self.0;
        format!(
            "{}\u{202f}{}\u{202f}{}\u{202f}{}",
            &d[..3],
            &d[3..6],
            &d[6..9],
            &d[9..]
        )
    }
}

impl std::fmt::Display for Siret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Siret {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Siret::parse(&value)
    }
}

impl From<Siret> for String {
    fn from(value: Siret) -> String {
        value.0
    }
}

/// One role of a user in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Membership {
    pub organisation: OrganisationId,
    pub kind: OrganisationKind,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The check digit that makes `prefix` (13 digits) a valid SIRET, when its SIREN is valid.
    fn complete(prefix: &str) -> String {
        (0..10)
            .map(|d| format!("{prefix}{d}"))
            .find(|s| luhn(s))
            .expect("one digit completes a Luhn number")
    }

    #[test]
    fn real_sirets_parse_and_print_as_sirene_does() {
        // INSEE's example, the Amue, La Poste's head office (Luhn) and one of its offices (digits
        // adding up to a multiple of 5).
        for raw in [
            "732 829 320 00074",
            "13002526500013",
            "356 000 000 00048",
            "35600000000047",
        ] {
            let siret = Siret::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(siret.as_str().len(), 14);
        }
        let amue = Siret::parse("130\u{a0}025\u{a0}265\u{a0}00013").unwrap();
        assert_eq!(amue.as_str(), "13002526500013");
        assert_eq!(amue.siren(), "130025265");
        assert_eq!(amue.grouped(), "130\u{202f}025\u{202f}265\u{202f}00013");
        assert_eq!(Siret::parse(&amue.grouped()), Ok(amue));
    }

    #[test]
    fn malformed_sirets_are_refused_with_the_field() {
        for raw in [
            "13002526500014",   // check digit off by one
            "1300252650001",    // 13 digits
            "130025265000130",  // 15 digits
            "1300252650001A",   // a letter
            "١٣٠٠٢٥٢٦٥٠٠٠١٣",   // non-ASCII digits
            "13002526500013\n", // a line break
            "35600000000049",   // La Poste's: neither Luhn nor a multiple of 5
        ] {
            assert_eq!(
                Siret::parse(raw).unwrap_err().code(),
                "siret-malformed",
                "{raw:?}"
            );
        }
        assert_eq!(Siret::parse("  ").unwrap_err().code(), "siret-required");
    }

    proptest! {
        #[test]
        fn a_completed_siret_parses_and_any_one_digit_changed_does_not(
            siren_prefix in "[0-9]{8}",
            nic in "[0-9]{4}",
            at in 0usize..14,
            by in 1u8..10,
        ) {
            let siren = complete(&siren_prefix);
            prop_assume!(siren != LA_POSTE_SIREN);
            let siret = complete(&format!("{siren}{nic}"));
            prop_assert_eq!(Siret::parse(&siret).map(|s| s.siren().to_owned()), Ok(siren.clone()));
            let mut bytes = siret.into_bytes();
            bytes[at] = b'0' + (bytes[at] - b'0' + by) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assume!(!changed.starts_with(LA_POSTE_SIREN));
            prop_assert!(Siret::parse(&changed).is_err(), "{}", changed);
        }
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(*role));
        }
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Ok(*kind));
        }
        assert_eq!(Role::parse("superuser").unwrap_err().code(), "role-unknown");
    }

    #[test]
    fn every_role_fits_at_least_one_kind_and_companies_cannot_organise() {
        for role in Role::ALL {
            assert!(
                OrganisationKind::ALL.iter().any(|k| role.allowed_in(*k)),
                "{role}"
            );
        }
        assert!(!Role::Organiser.allowed_in(OrganisationKind::Company));
        assert!(!Role::BusinessManager.allowed_in(OrganisationKind::Company));
        assert!(Role::InstitutionMember.allowed_in(OrganisationKind::Agency));
    }
}
