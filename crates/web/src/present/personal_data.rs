//! An export of personal data as the readable page shows it (the person's and the organiser's): each
//! section under its translated title, each row as the translated keys and their values (times in Paris
//! time, yes / no, "—" for nothing).

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

fn shown(lang: Lang, key: &str, value: &Value) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(true) => lang.t("data-yes"),
        Value::Bool(false) => lang.t("data-no"),
        Value::String(s) if key.ends_with("_at") => OffsetDateTime::parse(s, &Rfc3339)
            .map(|t| super::moment(lang, t))
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
                            (lang.t(&format!("data-key-{k}")), shown(lang, k, value))
                        })
                        .collect()
                })
                .collect(),
        })
        .collect()
}
