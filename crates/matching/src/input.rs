//! The JSON input of `rank` and `assign`, validated on construction: once an
//! [`Input`] exists, ids are unique, references resolve and texts are capped.
//!
//! Shape (unknown fields ignored, so richer exports can be fed as they are):
//! `{"irritants":[{"id","title","text","budget_max"?,"region"?,"wishes"?:[company ids]}],
//!   "companies":[{"id","name","text","tags":[…],"budget_min"?,"regions"?:[…],"wishes"?:[irritant ids]}],
//!   "exclusions"?:[{"irritant","company","reason"?}]}`

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

/// Longest text kept per field, in characters; longer texts are cut and a
/// warning says so (a fiche is one page: a few thousand characters).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest id or name, in characters.
pub const MAX_ID_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct Irritant {
    pub id: String,
    pub title: String,
    pub text: String,
    /// The budget the institution has, in euros.
    pub budget_max: Option<f64>,
    pub region: Option<String>,
    /// Indices of the companies this irritant wants to meet.
    pub wishes: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub text: String,
    pub tags: Vec<String>,
    /// The smallest project the company takes, in euros.
    pub budget_min: Option<f64>,
    /// Regions it works in; empty means unknown, "national"/"France" means all.
    pub regions: Vec<String>,
    /// Indices of the irritants this company wants to meet.
    pub wishes: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    pub irritant: usize,
    pub company: usize,
    pub reason: String,
}

/// A validated matching input.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub irritants: Vec<Irritant>,
    pub companies: Vec<Company>,
    pub exclusions: Vec<Exclusion>,
    /// Non-fatal remarks (texts cut to [`MAX_TEXT_CHARS`]), bilingual.
    pub warnings: Vec<String>,
}

/// Why an input was refused; the message is French, then English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

#[derive(Deserialize)]
struct RawInput {
    irritants: Vec<RawIrritant>,
    companies: Vec<RawCompany>,
    #[serde(default, deserialize_with = "nullable")]
    exclusions: Vec<RawExclusion>,
}

// Optional fields also accept `null`: exports from spreadsheets and other
// tools write missing values that way, and refusing them would help no one.
#[derive(Deserialize)]
struct RawIrritant {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(deserialize_with = "nullable")]
    title: String,
    #[serde(default, deserialize_with = "nullable")]
    text: String,
    #[serde(default)]
    budget_max: Option<f64>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default, deserialize_with = "ids")]
    wishes: Vec<String>,
}

#[derive(Deserialize)]
struct RawCompany {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(default, deserialize_with = "nullable")]
    name: String,
    #[serde(default, deserialize_with = "nullable")]
    text: String,
    #[serde(default, deserialize_with = "nullable")]
    tags: Vec<String>,
    #[serde(default)]
    budget_min: Option<f64>,
    #[serde(default, deserialize_with = "nullable")]
    regions: Vec<String>,
    #[serde(default, deserialize_with = "ids")]
    wishes: Vec<String>,
}

#[derive(Deserialize)]
struct RawExclusion {
    #[serde(deserialize_with = "id")]
    irritant: String,
    #[serde(deserialize_with = "id")]
    company: String,
    #[serde(default, deserialize_with = "nullable")]
    reason: String,
}

fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// Ids are strings, but whole numbers are taken as written ("id": 7 is "7"):
/// spreadsheet exports number their rows.
fn id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "identifiant attendu (texte ou entier), trouvé {other} / expected an id (string or integer), found {other}"
        ))),
    }
}

fn ids<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    struct Id(#[serde(deserialize_with = "id")] String);
    let v: Option<Vec<Id>> = Option::deserialize(d)?;
    Ok(v.unwrap_or_default().into_iter().map(|Id(s)| s).collect())
}

fn err(fr: String, en: String) -> InputError {
    InputError(format!("{fr} / {en}"))
}

/// Cuts a text to the cap on a character boundary, recording a warning.
fn cap(text: String, what: &str, warnings: &mut Vec<String>) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => {
            warnings.push(format!(
                "{what} : texte tronqué à {MAX_TEXT_CHARS} caractères / {what}: text cut to {MAX_TEXT_CHARS} characters"
            ));
            text[..cut].to_string()
        }
        None => text,
    }
}

fn check_id(id: &str, kind_fr: &str, kind_en: &str, n: usize) -> Result<(), InputError> {
    if id.trim().is_empty() {
        return Err(err(
            format!("{kind_fr} n°{n} : identifiant vide"),
            format!("{kind_en} #{n}: empty id"),
        ));
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(err(
            format!("{kind_fr} n°{n} : identifiant de plus de {MAX_ID_CHARS} caractères"),
            format!("{kind_en} #{n}: id longer than {MAX_ID_CHARS} characters"),
        ));
    }
    Ok(())
}

fn check_budget(b: Option<f64>, id: &str) -> Result<Option<f64>, InputError> {
    match b {
        Some(v) if !v.is_finite() || v < 0.0 => Err(err(
            format!("« {id} » : budget négatif ou invalide"),
            format!("\"{id}\": negative or invalid budget"),
        )),
        other => Ok(other),
    }
}

impl Input {
    /// Parses raw bytes: refuses non-UTF-8 with the byte offset of the fault.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, InputError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            err(
                format!("le fichier n'est pas en UTF-8 (octet {})", e.valid_up_to()),
                format!("the file is not UTF-8 (byte {})", e.valid_up_to()),
            )
        })?;
        Self::from_json(text)
    }

    pub fn from_json(json: &str) -> Result<Self, InputError> {
        // A byte-order mark is what Windows editors put first; it is not JSON.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let raw: RawInput = serde_json::from_str(json).map_err(|e| {
            err(
                format!(
                    "JSON invalide (ligne {}, colonne {}) : {e}",
                    e.line(),
                    e.column()
                ),
                format!(
                    "invalid JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        let mut warnings = Vec::new();
        let mut irritant_ids: HashMap<String, usize> = HashMap::new();
        for (n, i) in raw.irritants.iter().enumerate() {
            check_id(&i.id, "irritant", "irritant", n + 1)?;
            if irritant_ids.insert(i.id.clone(), n).is_some() {
                return Err(err(
                    format!("identifiant d'irritant en double : « {} »", i.id),
                    format!("duplicate irritant id: \"{}\"", i.id),
                ));
            }
            if i.title.trim().is_empty() {
                return Err(err(
                    format!("irritant « {} » : titre vide", i.id),
                    format!("irritant \"{}\": empty title", i.id),
                ));
            }
        }
        let mut company_ids: HashMap<String, usize> = HashMap::new();
        for (n, c) in raw.companies.iter().enumerate() {
            check_id(&c.id, "entreprise", "company", n + 1)?;
            if company_ids.insert(c.id.clone(), n).is_some() {
                return Err(err(
                    format!("identifiant d'entreprise en double : « {} »", c.id),
                    format!("duplicate company id: \"{}\"", c.id),
                ));
            }
            if c.name.trim().is_empty() && c.text.trim().is_empty() && c.tags.is_empty() {
                return Err(err(
                    format!("entreprise « {} » : ni nom, ni texte, ni mots-clés", c.id),
                    format!("company \"{}\": no name, text or tags", c.id),
                ));
            }
        }
        let resolve = |ids: &HashMap<String, usize>, wanted: &str, owner: &str| {
            ids.get(wanted).copied().ok_or_else(|| {
                err(
                    format!("« {owner} » cite un identifiant inconnu : « {wanted} »"),
                    format!("\"{owner}\" refers to an unknown id: \"{wanted}\""),
                )
            })
        };
        let mut irritants = Vec::with_capacity(raw.irritants.len());
        for i in raw.irritants {
            let wishes = dedup(
                i.wishes
                    .iter()
                    .map(|w| resolve(&company_ids, w, &i.id))
                    .collect::<Result<_, _>>()?,
            );
            let budget_max = check_budget(i.budget_max, &i.id)?;
            let title = cap(i.title, &i.id, &mut warnings);
            let text = cap(i.text, &i.id, &mut warnings);
            irritants.push(Irritant {
                id: i.id,
                title,
                text,
                budget_max,
                region: i.region,
                wishes,
            });
        }
        let mut companies = Vec::with_capacity(raw.companies.len());
        for c in raw.companies {
            let wishes = dedup(
                c.wishes
                    .iter()
                    .map(|w| resolve(&irritant_ids, w, &c.id))
                    .collect::<Result<_, _>>()?,
            );
            let budget_min = check_budget(c.budget_min, &c.id)?;
            let name = cap(c.name, &c.id, &mut warnings);
            let text = cap(c.text, &c.id, &mut warnings);
            let tags = c
                .tags
                .into_iter()
                .map(|t| cap(t, &c.id, &mut warnings))
                .collect();
            companies.push(Company {
                id: c.id,
                name,
                text,
                tags,
                budget_min,
                regions: c.regions,
                wishes,
            });
        }
        let mut exclusions = Vec::with_capacity(raw.exclusions.len());
        let mut seen = HashSet::new();
        for e in raw.exclusions {
            let irritant = resolve(&irritant_ids, &e.irritant, "exclusions")?;
            let company = resolve(&company_ids, &e.company, "exclusions")?;
            // A pair listed twice (two reasons) is one exclusion: the first
            // reason is kept, and shortfall explanations count it once.
            if !seen.insert((irritant, company)) {
                continue;
            }
            exclusions.push(Exclusion {
                irritant,
                company,
                reason: e.reason,
            });
        }
        Ok(Self {
            irritants,
            companies,
            exclusions,
            warnings,
        })
    }

    /// Pairs excluded by the organiser (conflicts of interest, declined wishes).
    pub fn excluded_pairs(&self) -> HashSet<(usize, usize)> {
        self.exclusions
            .iter()
            .map(|e| (e.irritant, e.company))
            .collect()
    }
}

fn dedup(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"{"irritants":[{"id":"i1","title":"Chatbot","text":"","wishes":["c1"]}],
        "companies":[{"id":"c1","name":"Bot SA","text":"agent conversationnel","tags":["NLP"],"wishes":["i1"]}],
        "exclusions":[{"irritant":"i1","company":"c1","reason":"conflit d'intérêts"},
                      {"irritant":"i1","company":"c1","reason":"souhait décliné"}], "extra": 1}"#;

    #[test]
    fn valid_input_resolves_references() {
        let input = Input::from_json(OK).unwrap();
        assert_eq!(input.irritants[0].wishes, vec![0]);
        assert_eq!(input.companies[0].wishes, vec![0]);
        assert_eq!(
            input.exclusions.len(),
            1,
            "a pair listed twice is one exclusion"
        );
        assert_eq!(input.exclusions[0].reason, "conflit d'intérêts");
        assert!(input.warnings.is_empty());
    }

    #[test]
    fn bad_inputs_are_refused_in_both_languages() {
        let cases = [
            ("{", "JSON invalide"),
            (
                r#"{"irritants":[],"companies":[{"id":"c","name":"a"},{"id":"c","name":"b"}]}"#,
                "duplicate company id",
            ),
            (
                r#"{"irritants":[{"id":"i","title":"a"},{"id":"i","title":"b"}],"companies":[]}"#,
                "en double",
            ),
            (
                r#"{"irritants":[{"id":"i","title":"  "}],"companies":[]}"#,
                "empty title",
            ),
            (
                r#"{"irritants":[{"id":"","title":"x"}],"companies":[]}"#,
                "empty id",
            ),
            (
                r#"{"irritants":[{"id":"i","title":"x","wishes":["zz"]}],"companies":[]}"#,
                "unknown id",
            ),
            (
                r#"{"irritants":[],"companies":[{"id":"c","name":"","text":""}]}"#,
                "no name",
            ),
            (
                r#"{"irritants":[{"id":"i","title":"x","budget_max":-3}],"companies":[]}"#,
                "budget",
            ),
            (
                r#"{"irritants":[{"id":"i","title":3}],"companies":[]}"#,
                "invalid JSON",
            ),
        ];
        for (json, needle) in cases {
            let e = Input::from_json(json).unwrap_err();
            assert!(e.0.contains(needle), "{json}: {e}");
            assert!(e.0.contains(" / "), "bilingual: {e}");
        }
    }

    #[test]
    fn exports_with_bom_nulls_and_numeric_ids_are_read() {
        let json = "\u{feff}{\"irritants\":[{\"id\":7,\"title\":\"Chatbot\",\"text\":null,\"wishes\":[12]}],
            \"companies\":[{\"id\":12,\"name\":null,\"text\":\"agent conversationnel\",\"tags\":null}],
            \"exclusions\":null}";
        let input = Input::from_json(json).unwrap();
        assert_eq!(input.irritants[0].id, "7");
        assert_eq!(input.irritants[0].text, "");
        assert_eq!(input.irritants[0].wishes, vec![0]);
        assert_eq!(input.companies[0].id, "12");
        assert!(input.companies[0].tags.is_empty() && input.exclusions.is_empty());
        for bad in [r#"{"id":{"a":1},"title":"x"}"#, r#"{"id":1.5,"title":"x"}"#] {
            let e = Input::from_json(&format!(r#"{{"irritants":[{bad}],"companies":[]}}"#))
                .unwrap_err();
            assert!(e.0.contains("expected an id"), "{e}");
        }
        let e = Input::from_json(r#"{"irritants":[{"id":"i","title":null}],"companies":[]}"#)
            .unwrap_err();
        assert!(e.0.contains("empty title"), "{e}");
    }

    #[test]
    fn non_utf8_is_refused_with_offset() {
        let e = Input::from_bytes(b"{\"irritants\":\xff}").unwrap_err();
        assert!(e.0.contains("UTF-8") && e.0.contains("13"), "{e}");
    }

    #[test]
    fn huge_texts_are_cut_and_reported() {
        let long = "é".repeat(MAX_TEXT_CHARS + 10);
        let json =
            format!(r#"{{"irritants":[{{"id":"i","title":"t","text":"{long}"}}],"companies":[]}}"#);
        let input = Input::from_json(&json).unwrap();
        assert_eq!(input.irritants[0].text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(input.warnings.len(), 1);
        assert!(input.warnings[0].contains("tronqué"));
    }
}
