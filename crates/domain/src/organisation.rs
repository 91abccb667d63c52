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

/// An institution's UAI (unité administrative immatriculée, formerly RNE), as the Ministry's
/// directory gives it and RENATER's `supannEtablissement` carries it (`{UAI}0341087X`): seven
/// digits (the department, then a number), then a check letter, the seven digits' remainder
/// modulo 23 in an alphabet without I, O and Q.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Uai(String);

const UAI_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

impl Uai {
    pub const LEN: usize = 8;

    /// Accepts the code as people write it (spaces around, a lower-case letter) and as
    /// `supannEtablissement` carries it, with its `{UAI}` prefix.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let trimmed = raw.trim();
        let code = trimmed
            .strip_prefix("{UAI}")
            .or_else(|| trimmed.strip_prefix("{uai}"))
            .unwrap_or(trimmed);
        if code.is_empty() {
            return Err(ValidationError::Required(Field::Uai));
        }
        let bytes = code.as_bytes();
        if bytes.len() != Self::LEN
            || !bytes[..7].iter().all(u8::is_ascii_digit)
            || !bytes[7].is_ascii_alphabetic()
        {
            return Err(ValidationError::Malformed(Field::Uai));
        }
        let number: usize = code[..7]
            .parse()
            .map_err(|_| ValidationError::Malformed(Field::Uai))?;
        let letter = bytes[7].to_ascii_uppercase();
        if UAI_LETTERS[number % 23] != letter {
            return Err(ValidationError::Malformed(Field::Uai));
        }
        Ok(Self(format!("{}{}", &code[..7], letter as char)))
    }

    /// The eight characters, letter in capitals.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Uai {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Uai {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Uai::parse(&value)
    }
}

impl From<Uai> for String {
    fn from(value: Uai) -> String {
        value.0
    }
}

/// An institution's home domain, as RENATER's `schacHomeOrganization` carries it
/// (`univ-exemple.fr`): a DNS name of at least two labels, in lower case, without a scheme, a
/// path or a trailing dot.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct HomeDomain(String);

impl HomeDomain {
    /// The longest DNS name.
    pub const MAX: usize = 253;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim().to_ascii_lowercase();
        if name.is_empty() {
            return Err(ValidationError::Required(Field::HomeDomain));
        }
        if name.chars().count() > Self::MAX {
            return Err(ValidationError::TooLong {
                field: Field::HomeDomain,
                max: Self::MAX,
            });
        }
        let labels: Vec<&str> = name.split('.').collect();
        let label_ok = |l: &&str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let top_ok = labels
            .last()
            .is_some_and(|t| t.bytes().any(|b| b.is_ascii_lowercase()));
        if labels.len() < 2 || !labels.iter().all(label_ok) || !top_ok {
            return Err(ValidationError::Malformed(Field::HomeDomain));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for HomeDomain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for HomeDomain {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        HomeDomain::parse(&value)
    }
}

impl From<HomeDomain> for String {
    fn from(value: HomeDomain) -> String {
        value.0
    }
}

/// What an identity provider asserted that ties a person to an organisation, as matched against
/// the organisation's own identifiers: ProConnect's `siret`, RENATER's `supannEtablissement` (a
/// UAI) or, without it, `schacHomeOrganization` (a home domain).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Claim {
    Siret(Siret),
    Uai(Uai),
    HomeDomain(HomeDomain),
}

impl Claim {
    /// Stable name of the kind, as stored.
    pub fn kind(&self) -> &'static str {
        match self {
            Claim::Siret(_) => "siret",
            Claim::Uai(_) => "uai",
            Claim::HomeDomain(_) => "home-domain",
        }
    }

    /// The identifier, as stored.
    pub fn value(&self) -> &str {
        match self {
            Claim::Siret(s) => s.as_str(),
            Claim::Uai(u) => u.as_str(),
            Claim::HomeDomain(d) => d.as_str(),
        }
    }

    /// The claim read back from its stored kind and value.
    pub fn parse(kind: &str, value: &str) -> Result<Self, ValidationError> {
        match kind {
            "siret" => Siret::parse(value).map(Claim::Siret),
            "uai" => Uai::parse(value).map(Claim::Uai),
            "home-domain" => HomeDomain::parse(value).map(Claim::HomeDomain),
            _ => Err(ValidationError::Unknown(Field::Kind)),
        }
    }

    /// As people read it (a SIRET grouped as the Sirene register prints it).
    pub fn shown(&self) -> String {
        match self {
            Claim::Siret(s) => s.grouped(),
            other => other.value().to_owned(),
        }
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
    fn real_uais_parse_with_or_without_the_supann_prefix() {
        // Paris 1 Panthéon-Sorbonne, Montpellier, and the test institution's.
        for (raw, code) in [
            ("0751717J", "0751717J"),
            ("0342321n", "0342321N"),
            (" {UAI}0341087X ", "0341087X"),
        ] {
            assert_eq!(
                Uai::parse(raw).map(|u| u.as_str().to_owned()),
                Ok(code.to_owned()),
                "{raw}"
            );
        }
    }

    #[test]
    fn malformed_uais_are_refused_with_the_field() {
        for raw in [
            "0751717K",  // wrong letter
            "0751234A",  // the usual example, whose letter is J
            "075171J",   // six digits
            "07517170J", // eight digits
            "075171AJ",  // a letter among the digits
            "07517171",  // no letter
            "0751717Ј",  // a Cyrillic letter
            "{SIREN}193491016",
        ] {
            assert_eq!(
                Uai::parse(raw).unwrap_err().code(),
                "uai-malformed",
                "{raw:?}"
            );
        }
        assert_eq!(Uai::parse(" ").unwrap_err().code(), "uai-required");
    }

    proptest! {
        #[test]
        fn exactly_one_letter_completes_seven_digits(digits in "[0-9]{7}") {
            let valid: Vec<char> = UAI_LETTERS
                .iter()
                .map(|&l| l as char)
                .filter(|l| Uai::parse(&format!("{digits}{l}")).is_ok())
                .collect();
            prop_assert_eq!(valid.len(), 1);
        }
    }

    #[test]
    fn claims_read_back_from_their_kind_and_value() {
        for claim in [
            Claim::Siret(Siret::parse("13002526500013").unwrap()),
            Claim::Uai(Uai::parse("0341087X").unwrap()),
            Claim::HomeDomain(HomeDomain::parse("univ-test.fr").unwrap()),
        ] {
            assert_eq!(Claim::parse(claim.kind(), claim.value()), Ok(claim.clone()));
        }
        assert!(Claim::parse("eppn", "alice@univ-test.fr").is_err());
        assert!(Claim::parse("uai", "0341087Y").is_err());
    }

    #[test]
    fn home_domains_are_dns_names_in_lower_case() {
        assert_eq!(
            HomeDomain::parse(" Univ-Exemple.FR ").map(|d| d.as_str().to_owned()),
            Ok("univ-exemple.fr".to_owned())
        );
        assert!(HomeDomain::parse("ird.fr").is_ok());
        for raw in [
            "univ-exemple",
            "https://univ-exemple.fr",
            "univ-exemple.fr/",
            "univ-exemple.fr.",
            "-univ.fr",
            "univ..fr",
            "univ exemple.fr",
            "université.fr",
            "alice@univ-exemple.fr",
            "192.168.0.1",
            "<b>x</b>.fr",
        ] {
            assert_eq!(
                HomeDomain::parse(raw).unwrap_err().code(),
                "home-domain-malformed",
                "{raw:?}"
            );
        }
        assert_eq!(
            HomeDomain::parse(&format!("{}.fr", "a.".repeat(130)))
                .unwrap_err()
                .code(),
            "home-domain-too-long"
        );
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
