//! The thesaurus of higher-education IT: concepts with French and English
//! labels, synonyms and related concepts. The built-in one is
//! `data/thesaurus.toml`; the application keeps an editable copy in its
//! database and builds it with [`Thesaurus::from_concepts`].
//!
//! Every label and synonym is analysed with both the French and the English
//! pipeline and registered under both stem sequences, because a text is stemmed
//! in the language it is guessed to be in and labels mix languages
//! ("chatbot" is used in French).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::text::{Analyzer, Lang};

/// The thesaurus shipped with Passerelle.
pub const BUILTIN_TOML: &str = include_str!("../data/thesaurus.toml");

/// Index of a concept in its thesaurus.
pub type ConceptId = u32;

/// A concept as written by its editors (the TOML file, or the database's rows): keys, not indices.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptSpec {
    /// Stable key, used by `related`.
    pub id: String,
    pub fr: String,
    pub en: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Keys of neighbouring concepts (symmetric: declared on either side is enough).
    #[serde(default)]
    pub related: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThesaurus {
    concept: Vec<ConceptSpec>,
}

/// The concepts of the built-in thesaurus, as written (to seed an editable copy).
pub fn builtin_concepts() -> Vec<ConceptSpec> {
    toml::from_str::<RawThesaurus>(BUILTIN_TOML)
        .expect("built-in thesaurus is valid")
        .concept
}

/// One concept, as shown to users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub key: String,
    pub label_fr: String,
    pub label_en: String,
    /// Related concepts (symmetric: declared on either side).
    pub related: Vec<ConceptId>,
}

/// Why a thesaurus file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThesaurusError(pub String);

impl std::fmt::Display for ThesaurusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "thésaurus invalide / invalid thesaurus: {}", self.0)
    }
}

impl std::error::Error for ThesaurusError {}

/// What the thesaurus recognises in a token sequence.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Annotation {
    /// Multi-word terms found, as single terms ("bas_connaiss").
    pub phrases: Vec<String>,
    /// Concepts found, one entry per occurrence.
    pub concepts: Vec<ConceptId>,
}

#[derive(Debug)]
pub struct Thesaurus {
    concepts: Vec<Concept>,
    /// Stem sequence → concepts it names.
    phrases: HashMap<Vec<String>, Vec<ConceptId>>,
    /// First stem of a phrase → longest phrase starting with it: most tokens
    /// start no phrase and are skipped after one lookup.
    starts: HashMap<String, usize>,
}

impl Thesaurus {
    /// The built-in thesaurus; it is tested, so it always loads.
    pub fn builtin(analyzer: &Analyzer) -> Self {
        Self::from_toml(BUILTIN_TOML, analyzer).expect("built-in thesaurus is valid")
    }

    /// Loads an organiser-edited thesaurus.
    pub fn from_toml(content: &str, analyzer: &Analyzer) -> Result<Self, ThesaurusError> {
        let raw: RawThesaurus =
            toml::from_str(content).map_err(|e| ThesaurusError(e.to_string()))?;
        Self::from_concepts(raw.concept, analyzer)
    }

    /// Builds a thesaurus from its concepts (the database's copy that organisers edit), with the same
    /// checks as a file: keys unique, labels present, related keys known.
    pub fn from_concepts(
        concepts: Vec<ConceptSpec>,
        analyzer: &Analyzer,
    ) -> Result<Self, ThesaurusError> {
        let raw = RawThesaurus { concept: concepts };
        let mut index: HashMap<&str, ConceptId> = HashMap::new();
        for (i, c) in raw.concept.iter().enumerate() {
            if c.id.trim().is_empty() || c.fr.trim().is_empty() || c.en.trim().is_empty() {
                return Err(ThesaurusError(format!(
                    "concept n°{} : id, fr et en sont obligatoires / id, fr and en are required",
                    i + 1
                )));
            }
            if index.insert(c.id.as_str(), i as ConceptId).is_some() {
                return Err(ThesaurusError(format!(
                    "identifiant en double / duplicate id « {} »",
                    c.id
                )));
            }
        }
        let mut related: Vec<HashSet<ConceptId>> = vec![HashSet::new(); raw.concept.len()];
        for (i, c) in raw.concept.iter().enumerate() {
            for r in &c.related {
                let &j = index.get(r.as_str()).ok_or_else(|| {
                    ThesaurusError(format!(
                        "« {} » cite un concept inconnu / refers to unknown concept « {r} »",
                        c.id
                    ))
                })?;
                if j as usize != i {
                    related[i].insert(j);
                    related[j as usize].insert(i as ConceptId);
                }
            }
        }
        let mut phrases: HashMap<Vec<String>, Vec<ConceptId>> = HashMap::new();
        let mut starts: HashMap<String, usize> = HashMap::new();
        for (i, c) in raw.concept.iter().enumerate() {
            let labels = [&c.fr, &c.en].into_iter().chain(c.synonyms.iter());
            for label in labels {
                for lang in [Lang::Fr, Lang::En] {
                    let stems = analyzer.analyze_in(label, lang);
                    if stems.is_empty() {
                        continue;
                    }
                    let longest = starts.entry(stems[0].clone()).or_default();
                    *longest = (*longest).max(stems.len());
                    let ids = phrases.entry(stems).or_default();
                    if !ids.contains(&(i as ConceptId)) {
                        ids.push(i as ConceptId);
                    }
                }
            }
        }
        let concepts = raw
            .concept
            .into_iter()
            .zip(related)
            .map(|(c, r)| {
                let mut related: Vec<ConceptId> = r.into_iter().collect();
                related.sort_unstable();
                Concept {
                    key: c.id,
                    label_fr: c.fr,
                    label_en: c.en,
                    related,
                }
            })
            .collect();
        Ok(Self {
            concepts,
            phrases,
            starts,
        })
    }

    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    pub fn concept(&self, id: ConceptId) -> &Concept {
        &self.concepts[id as usize]
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// Finds concepts and multi-word terms, longest match first, left to right;
    /// a matched span is not matched again, so "base de connaissances" is one
    /// knowledge-base mention and not also a mention of "base".
    pub fn annotate(&self, stems: &[String]) -> Annotation {
        let mut out = Annotation::default();
        for m in self.mentions(stems) {
            if m.len > 1 {
                out.phrases.push(stems[m.start..m.start + m.len].join("_"));
            }
            out.concepts.extend_from_slice(m.concepts);
        }
        out
    }

    /// The spans of `stems` that name concepts, as [`Thesaurus::annotate`]
    /// finds them, with their positions: a scorer can then count a span once,
    /// as a concept, instead of as the concept plus its words.
    pub fn mentions<'t>(&'t self, stems: &[String]) -> Vec<Mention<'t>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < stems.len() {
            let Some(&max_len) = self.starts.get(&stems[i]) else {
                i += 1;
                continue;
            };
            let longest = (1..=max_len.min(stems.len() - i))
                .rev()
                .find_map(|len| self.phrases.get(&stems[i..i + len]).map(|ids| (len, ids)));
            match longest {
                Some((len, ids)) => {
                    out.push(Mention {
                        start: i,
                        len,
                        concepts: ids,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// A span of stems naming one or more concepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'t> {
    pub start: usize,
    pub len: usize,
    pub concepts: &'t [ConceptId],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concepts_of(t: &Thesaurus, a: &Analyzer, text: &str) -> Vec<String> {
        let mut keys: Vec<String> = t
            .annotate(&a.analyze(text))
            .concepts
            .iter()
            .map(|&c| t.concept(c).key.clone())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn builtin_has_at_least_80_bilingual_concepts() {
        let a = Analyzer::new();
        let t = Thesaurus::builtin(&a);
        assert!(t.len() >= 80, "only {} concepts", t.len());
        assert!(
            t.concepts()
                .iter()
                .all(|c| !c.label_fr.is_empty() && !c.label_en.is_empty())
        );
    }

    #[test]
    fn chatbot_synonyms_meet_in_one_concept() {
        let a = Analyzer::new();
        let t = Thesaurus::builtin(&a);
        let expected = vec!["chatbot".to_string()];
        assert_eq!(concepts_of(&t, &a, "un agent conversationnel"), expected);
        assert_eq!(concepts_of(&t, &a, "Assistant virtuel"), expected);
        assert_eq!(concepts_of(&t, &a, "Chatbots"), expected);
        assert_eq!(concepts_of(&t, &a, "a conversational agent"), expected);
    }

    #[test]
    fn multi_word_terms_are_found_with_inflections() {
        let a = Analyzer::new();
        let t = Thesaurus::builtin(&a);
        assert_eq!(
            concepts_of(&t, &a, "Les bases de connaissances"),
            vec!["knowledge-base"]
        );
        assert_eq!(
            concepts_of(&t, &a, "réservation des salles"),
            vec!["room-booking"]
        );
        let ann = t.annotate(&a.analyze("base de connaissances"));
        assert_eq!(ann.phrases.len(), 1);
    }

    #[test]
    fn the_issue_examples_are_covered() {
        let a = Analyzer::new();
        let t = Thesaurus::builtin(&a);
        for (text, key) in [
            ("callbot", "callbot"),
            ("Remote Process Automation", "rpa"),
            ("objets connectés", "iot"),
            ("intelligence artificielle", "ai"),
            ("data science", "data-science"),
            ("étudiants handicapés", "disability"),
            ("emploi du temps", "timetabling"),
            ("signature électronique", "e-signature"),
            ("certification des diplômes", "diploma-certification"),
            ("réseau des alumni", "alumni"),
            ("visite virtuelle", "virtual-visit"),
            ("empreinte environnementale du numérique", "green-it"),
            ("télésurveillance des examens", "proctoring"),
            ("recrutement", "recruitment"),
            ("système de gestion de bibliothèque", "library-system"),
            ("génération de documents", "document-generation"),
            ("guidage sur le campus", "wayfinding"),
            ("plateforme participative", "participation"),
            ("captation des cours", "lecture-capture"),
            ("santé des étudiants", "student-health"),
            ("paiement en ligne", "payment"),
        ] {
            assert!(
                concepts_of(&t, &a, text).contains(&key.to_string()),
                "{text} → {key}"
            );
        }
    }

    #[test]
    fn everyday_words_of_a_fiche_name_no_concept() {
        // Stems collide: "dons" and "données" both stem to "don", "sourcing"
        // and "sources" to "sourc"; such synonyms made every fiche that
        // mentions data a fundraising one.
        let a = Analyzer::new();
        let t = Thesaurus::builtin(&a);
        for text in [
            "les données",
            "plusieurs sources",
            "les utilisateurs utilisent",
            "repérer les étudiants",
            "les services de l'établissement",
            "un outil de gestion pour les agents",
            "traduits en 12 langues et en anglais",
            "les frais sont couverts",
        ] {
            assert_eq!(concepts_of(&t, &a, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn institutions_phrasing_is_covered() {
        let a = Analyzer::new();
        let t = Thesaurus::builtin(&a);
        for (text, key) in [
            ("Sécurité numérique", "cybersecurity"),
            ("Repérer plus tôt les étudiants qui décrochent", "dropout"),
            (
                "Un seul compte pour tous les services numériques",
                "identity",
            ),
            ("Qualité des données", "master-data"),
            ("Gestion des vacataires", "temporary-teachers"),
            ("Sport", "sport"),
            ("Emploi étudiant", "student-jobs"),
            ("Formation des personnels", "staff-training"),
            ("Suivi des diplômés", "graduate-outcomes"),
            ("Accueil des étudiants internationaux", "international"),
            ("Projet Vie de campus", "student-support"),
            ("Bibliothèques universitaires", "library-system"),
        ] {
            assert!(
                concepts_of(&t, &a, text).contains(&key.to_string()),
                "{text} → {key}: {:?}",
                concepts_of(&t, &a, text)
            );
        }
    }

    #[test]
    fn bad_thesaurus_is_refused_with_a_reason() {
        let a = Analyzer::new();
        let dup = "[[concept]]\nid='x'\nfr='a'\nen='a'\n[[concept]]\nid='x'\nfr='b'\nen='b'\n";
        assert!(
            Thesaurus::from_toml(dup, &a)
                .unwrap_err()
                .0
                .contains("duplicate")
        );
        let unknown = "[[concept]]\nid='x'\nfr='a'\nen='a'\nrelated=['nope']\n";
        assert!(
            Thesaurus::from_toml(unknown, &a)
                .unwrap_err()
                .0
                .contains("nope")
        );
        assert!(Thesaurus::from_toml("not toml [", &a).is_err());
    }

    #[test]
    fn no_builtin_label_vanishes_in_analysis() {
        // A label made only of stop words ("bien-être", "ILS") would never match.
        let a = Analyzer::new();
        for c in &builtin_concepts() {
            for label in [&c.fr, &c.en].into_iter().chain(&c.synonyms) {
                let fr = a.analyze_in(label, Lang::Fr);
                let en = a.analyze_in(label, Lang::En);
                assert!(!fr.is_empty() || !en.is_empty(), "{}: « {label} »", c.id);
            }
        }
    }

    #[test]
    fn concepts_build_the_same_thesaurus_as_the_file() {
        let a = Analyzer::new();
        let file = Thesaurus::builtin(&a);
        let data = Thesaurus::from_concepts(builtin_concepts(), &a).unwrap();
        assert_eq!(file.concepts(), data.concepts());
        let text = a.analyze("Un agent conversationnel pour la réservation des salles");
        assert_eq!(file.annotate(&text), data.annotate(&text));
        let unknown = vec![ConceptSpec {
            id: "x".into(),
            fr: "a".into(),
            en: "a".into(),
            synonyms: vec![],
            related: vec!["nope".into()],
        }];
        assert!(
            Thesaurus::from_concepts(unknown, &a)
                .unwrap_err()
                .0
                .contains("nope")
        );
    }

    #[test]
    fn related_is_symmetric() {
        let a = Analyzer::new();
        let t = Thesaurus::builtin(&a);
        for (i, c) in t.concepts().iter().enumerate() {
            for &r in &c.related {
                assert!(t.concept(r).related.contains(&(i as ConceptId)));
            }
        }
    }
}
