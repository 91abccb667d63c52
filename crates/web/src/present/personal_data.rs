//! An export of personal data as the readable page shows it (the person's and the organiser's): each
//! section under its translated title, each row as the translated keys and their values (times in Paris
//! time, yes / no, "—" for nothing, roles, languages and statuses in words).

use passerelle_app::personal_data::Export;
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::i18n::Lang;

pub struct SectionView {
    pub key: String,
    pub title: String,
    pub rows: Vec<Vec<(String, String)>>,
}

/// The prefix of the Fluent messages naming a section's codes (`role-company-member`), for the codes
/// the product already names elsewhere; other codes are shown as stored.
fn code_messages(section: &str, key: &str) -> Option<&'static str> {
    match (section, key) {
        (_, "role") => Some("role-"),
        ("account", "language") => Some("lang-"),
        ("irritants", "status") => Some("status-"),
        ("participations", "status") => Some("participation-"),
        _ => None,
    }
}

fn shown(lang: Lang, section: &str, key: &str, value: &Value) -> String {
    if let (Some(prefix), Value::String(code)) = (code_messages(section, key), value) {
        let id = format!("{prefix}{code}");
        if lang.has(&id) {
            return lang.t(&id);
        }
    }
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(true) => lang.t("data-yes"),
        Value::Bool(false) => lang.t("data-no"),
        // After its label ("Date de création", "Created"): the bare date, not "le …" / "on …".
        Value::String(s) if key.ends_with("_at") => OffsetDateTime::parse(s, &Rfc3339)
            .map(|t| super::labelled_moment(lang, t))
            .unwrap_or_else(|_| s.clone()),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn sections(lang: Lang, export: &Export) -> Vec<SectionView> {
    export
        .sections
        .iter()
        .map(|s| SectionView {
            key: s.key.to_owned(),
            title: lang.t(&format!("data-section-{}", s.key)),
            rows: s
                .rows
                .iter()
                .map(|row| {
                    s.keys
                        .iter()
                        .map(|k| {
                            let value = row.get(k).unwrap_or(&Value::Null);
                            (
                                lang.t(&format!("data-key-{k}")),
                                shown(lang, s.key, k, value),
                            )
                        })
                        .collect()
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every section and every key of the export has its label in both languages, so the readable
    /// page never shows a JSON key (`created_at`) or a message id.
    #[test]
    fn every_section_and_key_has_a_label_in_both_languages() {
        let mut missing = Vec::new();
        for (section, keys) in passerelle_storage::section_keys() {
            for lang in Lang::ALL {
                let ids = keys.iter().map(|k| format!("data-key-{k}"));
                for id in std::iter::once(format!("data-section-{section}")).chain(ids) {
                    if !lang.has(&id) {
                        missing.push(format!("{id} ({})", lang.code()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// A time follows its label as a bare date ("Date de création : 3 décembre…"), not "le 3 décembre".
    #[test]
    fn times_read_after_their_label() {
        let at = Value::String("2026-12-03T13:30:00Z".to_owned());
        assert_eq!(
            shown(Lang::Fr, "account", "created_at", &at),
            "3\u{a0}décembre 2026 à 14\u{a0}h\u{a0}30"
        );
        assert_eq!(
            shown(Lang::En, "account", "created_at", &at),
            "3\u{a0}December 2026 at 14:30"
        );
    }

    /// Codes the product names elsewhere read as words; an unknown one stays as stored.
    #[test]
    fn codes_read_as_words() {
        let code = |c: &str| Value::String(c.to_owned());
        assert_eq!(
            shown(Lang::Fr, "memberships", "role", &code("company-member")),
            "Membre d’entreprise"
        );
        assert_eq!(
            shown(Lang::En, "account", "language", &code("fr")),
            "Français"
        );
        assert_eq!(
            shown(Lang::Fr, "irritants", "status", &code("published")),
            Lang::Fr.t("status-published")
        );
        assert_eq!(
            shown(Lang::Fr, "memberships", "role", &code("inconnu")),
            "inconnu"
        );
    }
}
