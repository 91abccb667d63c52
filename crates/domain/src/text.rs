//! Texts that validate on construction: trimmed, bounded in characters, free of control characters.

use crate::error::{Field, ValidationError};
use std::fmt;

/// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in a title or a
/// name they reverse what follows on screen ("fdp.exe" shown as "exe.pdf") and spill over the text
/// around it in lists and mails.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Trims and checks a one-line text: no control characters at all (a line break in a title is refused),
/// no bidirectional controls.
fn one_line(field: Field, raw: &str, min: usize, max: usize) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(ValidationError::Required(field));
    }
    if text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(ValidationError::ForbiddenCharacters(field));
    }
    check_length(field, text, min, max)?;
    Ok(text.to_owned())
}

/// Trims and checks a multi-line text: line breaks normalised to `\n`, tabs allowed, other controls refused.
fn multi_line(field: Field, raw: &str, max: usize) -> Result<String, ValidationError> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(ValidationError::Required(field));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(ValidationError::ForbiddenCharacters(field));
    }
    check_length(field, text, 1, max)?;
    Ok(text.to_owned())
}

/// Trims a required text and checks its length; the caller then checks its shape.
fn trimmed_within(
    field: Field,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<&str, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(ValidationError::Required(field));
    }
    check_length(field, text, min, max)?;
    Ok(text)
}

fn check_length(field: Field, text: &str, min: usize, max: usize) -> Result<(), ValidationError> {
    let count = text.chars().count();
    if count > max {
        Err(ValidationError::TooLong { field, max })
    } else if count < min {
        Err(ValidationError::TooShort { field, min })
    } else {
        Ok(())
    }
}

macro_rules! text_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_type!(
    /// A person's name as shown to others (1–100 characters, one line).
    DisplayName
);
impl DisplayName {
    pub const MAX: usize = 100;
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        one_line(Field::DisplayName, raw, 1, Self::MAX).map(Self)
    }
}

text_type!(
    /// An organisation's name (2–150 characters, one line).
    OrganisationName
);
impl OrganisationName {
    pub const MAX: usize = 150;
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        one_line(Field::OrganisationName, raw, 2, Self::MAX).map(Self)
    }
}

text_type!(
    /// An irritant's title (5–200 characters, one line).
    IrritantTitle
);
impl IrritantTitle {
    pub const MIN: usize = 5;
    pub const MAX: usize = 200;
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        one_line(Field::Title, raw, Self::MIN, Self::MAX).map(Self)
    }
}

text_type!(
    /// A one-line text of at most 200 characters (timeline, venue, vocabulary label…).
    ShortText
);
impl ShortText {
    pub const MAX: usize = 200;
    pub fn parse(field: Field, raw: &str) -> Result<Self, ValidationError> {
        one_line(field, raw, 1, Self::MAX).map(Self)
    }
}

text_type!(
    /// A multi-line text of at most 5,000 characters (context, problem, description, comment…).
    LongText
);
impl LongText {
    pub const MAX: usize = 5000;
    pub fn parse(field: Field, raw: &str) -> Result<Self, ValidationError> {
        multi_line(field, raw, Self::MAX).map(Self)
    }
}

text_type!(
    /// An e-mail address, normalised to lower case so that uniqueness is case-insensitive.
    Email
);
impl Email {
    pub const MAX: usize = 254;
    /// Deliberately simple: one `@`, a non-empty local part of at most 64 characters, a dotted domain without
    /// empty labels, no spaces, quotes or angle brackets. Delivery is what proves an address.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let field = Field::Email;
        let text = trimmed_within(field, raw, 1, Self::MAX)?;
        if text
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "\"'<>(),;:\\[]`".contains(c))
        {
            return Err(ValidationError::Malformed(field));
        }
        let (local, domain) = text
            .split_once('@')
            .ok_or(ValidationError::Malformed(field))?;
        let domain_ok = domain.contains('.')
            && !domain.contains('@')
            && domain
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
        if local.is_empty() || local.chars().count() > 64 || !domain_ok {
            return Err(ValidationError::Malformed(field));
        }
        Ok(Self(text.to_lowercase()))
    }
}

text_type!(
    /// A URL-safe identifier: 2–60 characters of `a-z`, `0-9` and single inner hyphens.
    Slug
);
impl Slug {
    pub const MAX: usize = 60;
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let field = Field::Slug;
        let text = trimmed_within(field, raw, 2, Self::MAX)?;
        let chars_ok = text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !chars_ok || text.starts_with('-') || text.ends_with('-') || text.contains("--") {
            return Err(ValidationError::Malformed(field));
        }
        Ok(Self(text.to_owned()))
    }
}

text_type!(
    /// A web site address: `http://` or `https://`, a host, no spaces or characters that could break out of an
    /// HTML attribute, at most 300 characters.
    WebsiteUrl
);
impl WebsiteUrl {
    pub const MAX: usize = 300;
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let field = Field::Website;
        let text = trimmed_within(field, raw, 1, Self::MAX)?;
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or(ValidationError::Malformed(field))?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let bad = |c: char| c.is_control() || c.is_whitespace() || "\"'<>`\\{}|^".contains(c);
        if host.is_empty() || !host.contains('.') || text.chars().any(bad) {
            return Err(ValidationError::Malformed(field));
        }
        Ok(Self(text.to_owned()))
    }
}

/// A password as typed, checked against the policy: 10 to 128 characters, nothing else imposed (length beats
/// composition rules, as ANSSI and NIST advise). Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    /// Not trimmed: spaces are part of a passphrase.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let field = Field::Password;
        if raw.is_empty() {
            return Err(ValidationError::Required(field));
        }
        if raw.chars().any(char::is_control) {
            return Err(ValidationError::ForbiddenCharacters(field));
        }
        check_length(field, raw, Self::MIN, Self::MAX)?;
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

code_enum!(
    /// The interface language: French first, English second.
    #[derive(Default)]
    Locale, Field::Locale, { #[default] Fr => "fr", En => "en" }
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bidirectional_controls_are_refused_in_titles_and_names() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            let spoof = format!("Facture {c}fdp.exe");
            assert_eq!(
                IrritantTitle::parse(&spoof),
                Err(ValidationError::ForbiddenCharacters(Field::Title)),
                "{c:?}"
            );
            assert!(DisplayName::parse(&spoof).is_err(), "{c:?}");
            assert!(OrganisationName::parse(&spoof).is_err(), "{c:?}");
        }
        // Right-to-left text itself, and the plain marks, stay welcome.
        assert!(IrritantTitle::parse("Portail \u{200F}جامعة\u{200E} des étudiants").is_ok());
    }

    #[test]
    fn emails_are_normalised_and_malformed_ones_refused() {
        assert_eq!(
            Email::parse("  Marie.Curie@Univ-Example.FR ")
                .unwrap()
                .as_str(),
            "marie.curie@univ-example.fr"
        );
        for bad in [
            "",
            "no-at-sign",
            "@example.org",
            "a@b",
            "a@@b.org",
            "a b@example.org",
            "a@example..org",
            "\"><script>@x.org",
            "a@-x.org",
            "a@exam\nple.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(
            Email::parse(&long),
            Err(ValidationError::TooLong {
                field: Field::Email,
                max: 254
            })
        );
    }

    #[test]
    fn titles_are_trimmed_bounded_and_single_line() {
        assert_eq!(
            IrritantTitle::parse("  Réserver des salles  ")
                .unwrap()
                .as_str(),
            "Réserver des salles"
        );
        let e = IrritantTitle::parse(&"é".repeat(201)).unwrap_err();
        assert_eq!(e.code(), "title-too-long");
        assert_eq!(e.limit(), Some(200));
        assert!(
            IrritantTitle::parse(&"é".repeat(200)).is_ok(),
            "limit counts characters, not bytes"
        );
        assert_eq!(
            IrritantTitle::parse("   ").unwrap_err().code(),
            "title-required"
        );
        assert_eq!(
            IrritantTitle::parse("abc").unwrap_err().code(),
            "title-too-short"
        );
        assert_eq!(
            IrritantTitle::parse("Deux\nlignes").unwrap_err().code(),
            "title-forbidden-characters"
        );
        // Markup is not the domain's business: it is stored as typed and escaped when rendered.
        assert!(IrritantTitle::parse("<script>alert(1)</script>").is_ok());
    }

    #[test]
    fn long_texts_keep_line_breaks_and_refuse_other_controls() {
        let t = LongText::parse(Field::Problem, "Ligne 1\r\nLigne 2\tfin").unwrap();
        assert_eq!(t.as_str(), "Ligne 1\nLigne 2\tfin");
        assert_eq!(
            LongText::parse(Field::Problem, "nul\u{0}")
                .unwrap_err()
                .code(),
            "problem-forbidden-characters"
        );
        assert_eq!(
            LongText::parse(Field::Context, &"x".repeat(5001))
                .unwrap_err()
                .code(),
            "context-too-long"
        );
    }

    #[test]
    fn slugs_and_urls() {
        assert!(Slug::parse("chatbot").is_ok());
        assert!(Slug::parse("green-it").is_ok());
        for bad in ["Chatbot", "-a", "a-", "a--b", "a b", "é", "a", "../x"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert!(WebsiteUrl::parse("https://exemple-fictif.fr/produit?x=1").is_ok());
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org",
            "https://",
            "https://x",
            "https://x.org/\"onmouseover=1",
        ] {
            assert!(WebsiteUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn password_policy_and_redaction() {
        assert_eq!(
            Password::parse("court").unwrap_err().code(),
            "password-too-short"
        );
        assert_eq!(
            Password::parse(&"x".repeat(129)).unwrap_err().code(),
            "password-too-long"
        );
        let p = Password::parse(" une phrase de passe ").unwrap();
        assert_eq!(p.expose(), " une phrase de passe ");
        assert!(!format!("{p:?}").contains("phrase"));
    }

    proptest! {
        #[test]
        fn accepted_one_line_texts_respect_their_invariants(raw in "\\PC{0,260}") {
            if let Ok(t) = ShortText::parse(Field::Timeline, &raw) {
                prop_assert!(t.as_str().chars().count() <= ShortText::MAX);
                prop_assert_eq!(t.as_str().trim(), t.as_str());
                prop_assert!(!t.as_str().chars().any(char::is_control));
            }
        }

        #[test]
        fn parsing_is_idempotent(raw in "[ -~àéèçÉ\\n\\t]{0,300}") {
            if let Ok(t) = LongText::parse(Field::Context, &raw) {
                prop_assert_eq!(LongText::parse(Field::Context, t.as_str()), Ok(t.clone()));
            }
            if let Ok(e) = Email::parse(&raw) {
                prop_assert_eq!(Email::parse(e.as_str()), Ok(e.clone()));
            }
        }
    }
}
