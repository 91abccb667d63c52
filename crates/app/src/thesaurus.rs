//! The thesaurus as data: the concepts the matching engine recognises (French and English labels,
//! synonyms, related concepts), grouped under the vocabulary's domains, edited by organisers in the
//! console. It is seeded once from the built-in file (`crates/matching/data/thesaurus.toml`), each
//! concept under its domain; the matching runs and the recommendations are computed with this copy.

use std::collections::{BTreeMap, BTreeSet};

use passerelle_domain::{Action, Actor, Context, DomainEntry, Field, ShortText, Slug, authorize};
use passerelle_matching::text::{Analyzer, Lang};
use passerelle_matching::thesaurus::{ConceptSpec, builtin_concepts};
use passerelle_storage::Concept;

use crate::{App, Code, Error, Invalid, Problem, Result};

/// The domain of each built-in concept (slugs of the demo vocabulary, `crate::demo`): the thesaurus's
/// top level. A concept whose domain is not in the vocabulary is seeded unclassified.
const SEED_DOMAINS: &[(&str, &[&str])] = &[
    (
        "formation-numerique",
        &[
            "language-learning",
            "staff-training",
            "digital-skills",
            "mooc",
            "lms",
            "e-portfolio",
            "skills",
            "continuing-education",
            "apprenticeship",
            "data-literacy",
            "lecture-capture",
            "video",
            "videoconference",
            "webinar",
            "e-exam",
            "proctoring",
            "plagiarism",
            "learning-analytics",
            "dropout",
            "gamification",
            "internships",
        ],
    ),
    (
        "planification",
        &["timetabling", "scheduling-optimisation", "event-planning"],
    ),
    (
        "reservation-ressources",
        &["room-booking", "desk-booking", "occupancy"],
    ),
    (
        "automatisation",
        &[
            "rpa",
            "workflow",
            "process-mining",
            "low-code",
            "document-generation",
            "e-signature",
        ],
    ),
    (
        "decisionnel",
        &[
            "dataviz",
            "reporting",
            "graduate-outcomes",
            "bi",
            "data-warehouse",
            "finance",
            "procurement",
        ],
    ),
    (
        "recrutement",
        &[
            "recruitment",
            "hr",
            "student-recruitment",
            "admissions",
            "temporary-teachers",
        ],
    ),
    (
        "chatbot",
        &[
            "chatbot",
            "callbot",
            "faq",
            "helpdesk",
            "telephony",
            "speech-recognition",
        ],
    ),
    (
        "ia",
        &[
            "ai",
            "machine-learning",
            "nlp",
            "computer-vision",
            "ocr",
            "semantic-search",
            "recommendation",
            "translation",
        ],
    ),
    (
        "data-science",
        &[
            "data-science",
            "open-data",
            "research-data",
            "publications",
            "research-funding",
            "labs",
        ],
    ),
    (
        "accessibilite",
        &[
            "disability",
            "accessibility",
            "assistive-tech",
            "subtitling",
        ],
    ),
    (
        "experience-utilisateur",
        &["ux", "mobile-app", "survey", "cms", "newsletter"],
    ),
    (
        "gestion-connaissances",
        &["knowledge-base", "intranet", "collaboration"],
    ),
    (
        "interoperabilite",
        &[
            "master-data",
            "interoperability",
            "erp",
            "identity",
            "cybersecurity",
            "phishing-awareness",
            "gdpr",
            "hosting",
            "digital-sovereignty",
            "crm",
            "student-registration",
            "student-card",
            "payment",
            "asset-management",
        ],
    ),
    ("green-it", &["green-it", "csr", "energy"]),
    (
        "vie-etudiante",
        &[
            "sport",
            "student-jobs",
            "student-support",
            "student-health",
            "social-aid",
            "orientation",
            "catering",
            "international",
        ],
    ),
    (
        "reseaux-communautes",
        &["alumni", "social-network", "fundraising", "participation"],
    ),
    (
        "gestion-documentaire",
        &[
            "document-management",
            "archiving",
            "digitisation",
            "diploma-certification",
            "blockchain",
            "open-badges",
        ],
    ),
    ("bibliotheques", &["library-system"]),
    (
        "contenus-interactifs",
        &["virtual-reality", "virtual-visit", "interactive-brochure"],
    ),
    (
        "orientation-guidage",
        &["wayfinding", "indoor-positioning", "mobility"],
    ),
    ("objets-connectes", &["iot", "smart-building"]),
    ("travail-hybride", &["telework"]),
];

/// The most synonyms and related concepts a concept takes.
pub const MAX_SYNONYMS: usize = 60;
pub const MAX_RELATED: usize = 30;

fn seed_domain(key: &str) -> Option<&'static str> {
    SEED_DOMAINS
        .iter()
        .find(|(_, keys)| keys.contains(&key))
        .map(|(d, _)| *d)
}

/// The built-in concepts as stored rows, each under its domain when the vocabulary has it, with the
/// relation made symmetric (the file may declare it on one side only).
fn seed_rows(domains: &BTreeSet<String>) -> Result<Vec<Concept>> {
    let specs = builtin_concepts();
    let mut related: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &specs {
        for r in &c.related {
            if r != &c.id {
                related.entry(c.id.clone()).or_default().insert(r.clone());
                related.entry(r.clone()).or_default().insert(c.id.clone());
            }
        }
    }
    let label = |s: &str| ShortText::parse(Field::Label, s).map_err(Error::internal);
    specs
        .iter()
        .map(|c| {
            Ok(Concept {
                key: Slug::parse(&c.id).map_err(Error::internal)?,
                domain: seed_domain(&c.id)
                    .filter(|d| domains.contains(*d))
                    .map(|d| Slug::parse(d).map_err(Error::internal))
                    .transpose()?,
                label_fr: label(&c.fr)?,
                label_en: label(&c.en)?,
                synonyms: c.synonyms.iter().map(|s| label(s)).collect::<Result<_>>()?,
                related: related
                    .get(&c.id)
                    .into_iter()
                    .flatten()
                    .map(|r| Slug::parse(r).map_err(Error::internal))
                    .collect::<Result<_>>()?,
            })
        })
        .collect()
}

/// Seeds the thesaurus from the built-in file, once in the database's life (an organiser may empty it).
pub async fn ensure_seeded(app: &App) -> Result<()> {
    if app.storage().thesaurus_seeded().await? {
        return Ok(());
    }
    let domains: BTreeSet<String> = app
        .storage()
        .list_domains()
        .await?
        .into_iter()
        .map(|d| d.slug.as_str().to_string())
        .collect();
    let rows = seed_rows(&domains)?;
    let now = app.now();
    let mut tx = app.begin().await?;
    if !tx.claim_thesaurus_seeding().await? {
        return Ok(());
    }
    // Concepts first, then their relations (which need both ends).
    for c in &rows {
        tx.save_concept(
            &Concept {
                related: Vec::new(),
                ..c.clone()
            },
            now,
        )
        .await?;
    }
    for c in rows.iter().filter(|c| !c.related.is_empty()) {
        tx.save_concept(c, now).await?;
    }
    app.commit(tx).await?;
    Ok(())
}

/// The stored thesaurus as the engine takes it.
pub async fn specs(app: &App) -> Result<Vec<ConceptSpec>> {
    ensure_seeded(app).await?;
    Ok(app
        .storage()
        .thesaurus()
        .await?
        .into_iter()
        .map(|c| ConceptSpec {
            id: c.key.as_str().to_string(),
            fr: c.label_fr.as_str().to_string(),
            en: c.label_en.as_str().to_string(),
            synonyms: c.synonyms.iter().map(|s| s.as_str().to_string()).collect(),
            related: c.related.iter().map(|r| r.as_str().to_string()).collect(),
        })
        .collect())
}

fn edit(actor: &Actor) -> Result<()> {
    authorize(actor, Action::EditVocabulary, &Context::default())?;
    Ok(())
}

/// The vocabulary: its domains (the top level) and every concept (organisers).
pub async fn vocabulary(app: &App, actor: &Actor) -> Result<(Vec<DomainEntry>, Vec<Concept>)> {
    edit(actor)?;
    ensure_seeded(app).await?;
    Ok((
        app.storage().list_domains().await?,
        app.storage().thesaurus().await?,
    ))
}

/// One concept, for its form (organisers).
pub async fn concept(app: &App, actor: &Actor, key: &str) -> Result<Concept> {
    edit(actor)?;
    ensure_seeded(app).await?;
    app.storage()
        .thesaurus()
        .await?
        .into_iter()
        .find(|c| c.key.as_str() == key)
        .ok_or(Error::NotFound)
}

/// A concept as typed in its form: synonyms one per line, related concepts by key, one per line or
/// separated by commas.
#[derive(Debug, Clone, Default)]
pub struct ConceptInput {
    pub key: String,
    pub domain: String,
    pub label_fr: String,
    pub label_en: String,
    pub synonyms: String,
    pub related: String,
}

/// Whether a label still says something once analysed (a label of stop words only would never match).
fn meaningful(analyzer: &Analyzer, label: &str) -> bool {
    !analyzer.analyze_in(label, Lang::Fr).is_empty()
        || !analyzer.analyze_in(label, Lang::En).is_empty()
}

/// Adds a concept (`editing` is `None`) or changes one (its key stays: related concepts refer to it).
/// Every field is checked and every problem reported; nothing is written unless all are right.
pub async fn save(
    app: &App,
    actor: &Actor,
    editing: Option<&str>,
    input: &ConceptInput,
) -> Result<Slug> {
    edit(actor)?;
    ensure_seeded(app).await?;
    let existing = app.storage().thesaurus().await?;
    let known: BTreeSet<&str> = existing.iter().map(|c| c.key.as_str()).collect();
    let domains: BTreeSet<String> = app
        .storage()
        .list_domains()
        .await?
        .into_iter()
        .map(|d| d.slug.as_str().to_string())
        .collect();
    let analyzer = Analyzer::new();
    let mut invalid = Invalid::default();
    let key = match editing {
        Some(k) => {
            if !known.contains(k) {
                return Err(Error::NotFound);
            }
            Slug::parse(k).ok()
        }
        None => {
            let key = invalid.check("key", Slug::parse(input.key.trim()));
            if key.as_ref().is_some_and(|k| known.contains(k.as_str())) {
                invalid.code("key", "concept-key-taken");
            }
            key
        }
    };
    let domain = match input.domain.trim() {
        "" => None,
        d if domains.contains(d) => Slug::parse(d).ok(),
        _ => {
            invalid.add(
                "domain",
                Problem::Validation(passerelle_domain::ValidationError::Unknown(Field::Domains)),
            );
            None
        }
    };
    let mut label = |field: &str, raw: &str| {
        let parsed = invalid.check(field, ShortText::parse(Field::Label, raw));
        if parsed
            .as_ref()
            .is_some_and(|l| !meaningful(&analyzer, l.as_str()))
        {
            invalid.code(field, "concept-label-empty");
        }
        parsed
    };
    let label_fr = label("label_fr", &input.label_fr);
    let label_en = label("label_en", &input.label_en);
    let mut synonyms: Vec<ShortText> = Vec::new();
    for line in input
        .synonyms
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        match ShortText::parse(Field::Label, line) {
            Ok(s) if !meaningful(&analyzer, s.as_str()) => {
                invalid.add(
                    "synonyms",
                    Problem::Code(Code::new("concept-synonym-empty").arg("synonym", line)),
                );
                break;
            }
            Ok(s) => {
                if !synonyms.contains(&s) {
                    synonyms.push(s);
                }
            }
            Err(e) => {
                invalid.add("synonyms", Problem::Validation(e));
                break;
            }
        }
    }
    if synonyms.len() > MAX_SYNONYMS {
        invalid.add(
            "synonyms",
            Problem::Validation(passerelle_domain::ValidationError::TooMany {
                field: Field::Label,
                max: MAX_SYNONYMS,
            }),
        );
    }
    let mut related: Vec<Slug> = Vec::new();
    for part in input
        .related
        .split([',', '\n', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match Slug::parse(part) {
            Ok(r) if known.contains(r.as_str()) || key.as_ref() == Some(&r) => {
                if key.as_ref() != Some(&r) && !related.contains(&r) {
                    related.push(r);
                }
            }
            _ => {
                invalid.add(
                    "related",
                    Problem::Code(Code::new("concept-related-unknown").arg("key", part)),
                );
                break;
            }
        }
    }
    if related.len() > MAX_RELATED {
        invalid.add(
            "related",
            Problem::Validation(passerelle_domain::ValidationError::TooMany {
                field: Field::Label,
                max: MAX_RELATED,
            }),
        );
    }
    invalid.finish()?;
    let (Some(key), Some(label_fr), Some(label_en)) = (key, label_fr, label_en) else {
        return Err(Error::internal("a checked concept lost a field"));
    };
    let concept = Concept {
        key: key.clone(),
        domain,
        label_fr,
        label_en,
        synonyms,
        related,
    };
    let mut tx = app.begin().await?;
    tx.save_concept(&concept, app.now()).await?;
    app.audit(
        &mut tx,
        actor,
        if editing.is_some() {
            "concept-changed"
        } else {
            "concept-added"
        },
        ("concept", key.as_str().to_string()),
        serde_json::to_value(&concept).map_err(Error::internal)?,
    )
    .await?;
    app.commit(tx).await?;
    Ok(key)
}

/// Removes a concept and its relations (organisers).
pub async fn delete(app: &App, actor: &Actor, key: &str) -> Result<()> {
    edit(actor)?;
    let key = Slug::parse(key).map_err(|_| Error::NotFound)?;
    let mut tx = app.begin().await?;
    if !tx.delete_concept(&key, app.now()).await? {
        return Err(Error::NotFound);
    }
    app.audit(
        &mut tx,
        actor,
        "concept-removed",
        ("concept", key.as_str().to_string()),
        serde_json::Value::Null,
    )
    .await?;
    app.commit(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_concept_has_a_domain_of_the_demo_vocabulary() {
        let demo: BTreeSet<String> = crate::demo::domain_slugs()
            .into_iter()
            .map(str::to_string)
            .collect();
        let rows = seed_rows(&demo).unwrap();
        let unclassified: Vec<&str> = rows
            .iter()
            .filter(|c| c.domain.is_none())
            .map(|c| c.key.as_str())
            .collect();
        assert!(unclassified.is_empty(), "{unclassified:?}");
        for (d, _) in SEED_DOMAINS {
            assert!(demo.contains(*d), "{d} is not a demo domain");
        }
    }

    #[test]
    fn seeded_relations_are_symmetric_and_known() {
        let rows = seed_rows(&BTreeSet::new()).unwrap();
        let keys: BTreeSet<&str> = rows.iter().map(|c| c.key.as_str()).collect();
        for c in &rows {
            for r in &c.related {
                assert!(keys.contains(r.as_str()));
                let other = rows.iter().find(|o| o.key == *r).unwrap();
                assert!(other.related.contains(&c.key), "{} ↔ {}", c.key, r);
            }
        }
    }
}
