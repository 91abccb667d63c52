//! Passerelle's two languages, below every layer that writes text for people: the web pages, and
//! the mails and exports the use-case layer renders in the recipient's language.
//!
//! - [`Lang`] and the Fluent messages of `locales/{fr,en}/<area>.ftl` (every file of the folder is
//!   loaded; one file per area, so that helpers never edit each other's);
//! - [`format`]: money, ranges, dates and times with French typography (narrow no-break spaces,
//!   "le 1er mars 2027", "14 h 30") and their English counterparts.

pub mod format;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use passerelle_domain::{Locale, ValidationError};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // No Unicode isolation marks: they end up in `<title>`, attribute values and mail subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

/// The two languages of the product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// The language of an account's stored preference.
    pub fn of(locale: Locale) -> Lang {
        match locale {
            Locale::En => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// The stored preference for this language.
    pub fn locale(self) -> Locale {
        match self {
            Lang::Fr => Locale::Fr,
            Lang::En => Locale::En,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The message `key`; a missing key shows the key itself (a test checks none is missing).
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The message `key` with named arguments; an argument made of digits is a number, so that plural
    /// forms select on it (`{ $count -> [one] … }`).
    pub fn t_args(self, key: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| {
                let value = match v.parse::<i64>() {
                    Ok(n) if !v.starts_with('+') && !v.starts_with('0') || v == "0" => {
                        FluentValue::from(n)
                    }
                    _ => FluentValue::from(v.clone()),
                };
                (Cow::Owned(k.to_string()), value)
            })
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// The message `key` with a number `$count` (plural forms).
    pub fn t_count(self, key: &str, count: i64) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// Whether `key` exists in this language (without falling back).
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }

    /// The message for a validation error: a specific one for its code if there is one
    /// (`invalid-email-malformed`), else the generic one for its kind (`invalid-too-long`), with the
    /// limit when there is one.
    pub fn validation(self, error: &ValidationError) -> String {
        let specific = format!("invalid-{}", error.code());
        let key = if self.has(&specific) {
            specific
        } else {
            format!("invalid-{}", error.kind())
        };
        match error.limit() {
            Some(limit) => self.t_count(&key, limit as i64),
            None => self.t(&key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(dir: &str) -> std::collections::BTreeMap<String, String> {
        let mut keys = std::collections::BTreeMap::new();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(dir);
        for entry in std::fs::read_dir(path).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some((k, _)) = line.split_once(" =")
                    && !k.starts_with(' ')
                    && !k.starts_with('#')
                    && !k.is_empty()
                {
                    let previous = keys.insert(k.to_string(), file.clone());
                    assert!(
                        previous.is_none(),
                        "{dir}: {k} is defined twice ({file} and {previous:?})"
                    );
                }
            }
        }
        keys
    }

    /// Every message exists in both languages, in the same area file, so no page shows a raw key.
    #[test]
    fn french_and_english_have_the_same_keys_in_the_same_files() {
        let fr = keys("fr");
        let en = keys("en");
        let differ: Vec<String> = fr
            .iter()
            .filter(|(k, f)| en.get(*k) != Some(f))
            .map(|(k, f)| format!("{k} (fr: {f}, en: {:?})", en.get(k)))
            .chain(
                en.keys()
                    .filter(|k| !fr.contains_key(*k))
                    .map(|k| format!("{k} (en only)")),
            )
            .collect();
        assert!(differ.is_empty(), "{differ:#?}");
    }

    #[test]
    fn messages_resolve_in_both_languages() {
        assert_eq!(Lang::Fr.t("nav-home"), "Accueil");
        assert_eq!(Lang::En.t("nav-home"), "Home");
        assert_eq!(Lang::parse(" EN "), Some(Lang::En));
        assert_eq!(Lang::of(Lang::En.locale()), Lang::En);
        let e = ValidationError::TooLong {
            field: passerelle_domain::Field::Title,
            max: 200,
        };
        assert!(Lang::Fr.validation(&e).contains("200"));
        // Digits select the plural form.
        let one = Lang::Fr.t_args("pending-irritants-submitted", &[("count", "1".into())]);
        let two = Lang::Fr.t_args("pending-irritants-submitted", &[("count", "2".into())]);
        assert!(one.starts_with("Un irritant"), "{one}");
        assert!(two.starts_with("2 irritants"), "{two}");
    }
}
