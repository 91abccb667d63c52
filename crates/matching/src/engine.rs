//! The affinity engine: a BM25F-style text score, concept overlap through the
//! thesaurus, stated wishes, budget fit and region, combined into one score in
//! [0, 1] that explains itself.
//!
//! Scoring is query-at-a-time over an inverted index of the companies: for one
//! irritant only the postings of its own terms and concepts are read, into
//! dense accumulators reused across irritants, then the few other factors are
//! added per company and the top K kept with a linear-time selection.
//! Irritants are spread over threads; results keep the input order.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::input::{Company, Input, Irritant};
use crate::synonyms::Synonyms;
use crate::text::{Analyzer, fold_accents};
use crate::thesaurus::{ConceptId, Thesaurus};

/// Which irritant fields are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Fields {
    /// Title and text.
    #[default]
    All,
    /// Title only (the 2021 list was published as one-line titles).
    Title,
}

/// Relative weights of the factors. Factors without data in an input (no
/// wishes, no budgets, no regions) are left out and the others renormalised,
/// so a text-only input is scored on its content alone.
///
/// The content factor is one BM25F-style sum over the irritant's terms and
/// its thesaurus concepts (boosted by [`Params::concept_boost`]), normalised by
/// its best possible value. Text and concepts therefore share the content
/// weight in proportion to what they cover in the irritant: a one-line title
/// leans on its concepts, a full page on its words. Explanations report the
/// two parts separately.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub content: f32,
    pub wishes: f32,
    pub budget: f32,
    pub region: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            content: 1.0,
            wishes: 0.25,
            budget: 0.1,
            region: 0.1,
        }
    }
}

/// Engine configuration; every field has a sensible default.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub weights: Weights,
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// BM25 length normalisation.
    pub b: f32,
    /// BM25F weights of the company fields.
    pub field_name: f32,
    pub field_tags: f32,
    pub field_text: f32,
    /// Query-side weights of the irritant fields: titles say what matters.
    pub query_title: f32,
    pub query_text: f32,
    /// What a related concept is worth compared to the same concept.
    pub related_match: f32,
    /// Weight of a concept against the words that name it: a span naming a
    /// concept counts once, `boost / (1 + boost)` of it through the concept,
    /// the rest through its literal words.
    pub concept_boost: f32,
    /// Exponent of the weighting of query words by their rarity across the
    /// irritant pool (0: off).
    pub query_idf: f32,
    /// What a synonym of a query word is worth compared to the word (0: no
    /// expansion). Only words no company uses are expanded, and only with
    /// synonyms some company uses.
    pub expansion: f32,
    /// Queries of at most this many words and concepts are expanded with
    /// synonyms: titles are, full fiches say enough on their own.
    pub expand_up_to: u32,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            weights: Weights::default(),
            k1: 1.2,
            b: 0.75,
            field_name: 1.0,
            field_tags: 1.0,
            field_text: 1.0,
            query_title: 1.0,
            query_text: 1.0,
            related_match: 0.25,
            concept_boost: 2.5,
            query_idf: 1.0,
            expansion: 0.5,
            expand_up_to: 12,
        }
    }
}

impl Params {
    /// Reads a configuration file (TOML), refusing negative or absurd values.
    pub fn from_toml(content: &str) -> Result<Self, String> {
        let p: Params = toml::from_str(content).map_err(|e| e.to_string())?;
        let w = &p.weights;
        let all = [
            w.content,
            w.wishes,
            w.budget,
            w.region,
            p.concept_boost,
            p.k1,
            p.b,
            p.field_name,
            p.field_tags,
            p.field_text,
            p.query_title,
            p.query_text,
            p.related_match,
            p.query_idf,
            p.expansion,
        ];
        if all.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err("poids négatif ou invalide / negative or invalid weight".into());
        }
        if w.content <= 0.0 || p.b > 1.0 || p.related_match > 1.0 || p.expansion > 1.0 {
            return Err("content doit être > 0, b, related_match et expansion ≤ 1 / content must be > 0, b, related_match and expansion ≤ 1".into());
        }
        Ok(p)
    }
}

/// The analyser, the thesaurus and the parameters.
#[derive(Debug)]
pub struct Engine {
    analyzer: Analyzer,
    thesaurus: Thesaurus,
    synonyms: Synonyms,
    params: Params,
}

/// A factor of the affinity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Text,
    Concepts,
    Wishes,
    Budget,
    Region,
}

/// What one factor contributed: `contribution = weight × value`, and the
/// contributions add up to the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FactorPart {
    pub factor: Factor,
    pub value: f32,
    /// Normalised weight (the weights of the factors in use sum to 1).
    pub weight: f32,
    pub contribution: f32,
}

/// A word both sides used, with its share of the text factor's value; `via`
/// is the irritant's word when the company used a synonym of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedTerm {
    pub term: String,
    pub via: Option<String>,
    pub share: f32,
}

/// A concept of the irritant found in the company profile, directly or
/// through a related concept (`via`), with its share of the concept factor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedConcept {
    pub key: String,
    pub label_fr: String,
    pub label_en: String,
    pub via: Option<String>,
    pub share: f32,
}

/// Why an irritant and a company got their score, as plain data for a UI.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    pub irritant: String,
    pub company: String,
    pub score: f32,
    pub factors: Vec<FactorPart>,
    pub shared_terms: Vec<SharedTerm>,
    pub shared_concepts: Vec<SharedConcept>,
    /// What weighed most, best first: the few items that make most of the
    /// score; for a top result, what made it win.
    pub decisive: Vec<Reason>,
    /// `decisive` in one sentence, in French and in English.
    pub summary_fr: String,
    pub summary_en: String,
}

/// What kind of evidence a [`Reason`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// A word both sides used.
    Word,
    /// A synonym of the irritant's word (`via`) that the company used.
    Synonym,
    /// A thesaurus concept both sides name, in their own words.
    Concept,
    /// A concept the company names that is related to one of the irritant's.
    RelatedConcept,
    Wishes,
    Budget,
    Region,
}

/// One item of evidence and its contribution to the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    /// The word or the concept's label, in French and in English.
    pub label_fr: String,
    pub label_en: String,
    pub via: Option<String>,
    pub contribution: f32,
}

impl Reason {
    fn phrase(&self, fr: bool) -> String {
        let (label, via) = (
            if fr { &self.label_fr } else { &self.label_en },
            self.via.as_deref(),
        );
        let q = |s: &str| {
            if fr {
                format!("«\u{a0}{s}\u{a0}»")
            } else {
                format!("“{s}”")
            }
        };
        match (self.kind, fr) {
            (ReasonKind::Word, true) => format!("le mot {}", q(label)),
            (ReasonKind::Word, false) => format!("the word {}", q(label)),
            (ReasonKind::Synonym, true) => {
                format!("{} (synonyme de {})", q(label), q(via.unwrap_or_default()))
            }
            (ReasonKind::Synonym, false) => {
                format!("{} (synonym of {})", q(label), q(via.unwrap_or_default()))
            }
            (ReasonKind::Concept, true) => format!("le thème {}", q(label)),
            (ReasonKind::Concept, false) => format!("the topic {}", q(label)),
            (ReasonKind::RelatedConcept, true) => format!(
                "le thème voisin {} (pour {})",
                q(via.unwrap_or_default()),
                q(label)
            ),
            (ReasonKind::RelatedConcept, false) => format!(
                "the related topic {} (for {})",
                q(via.unwrap_or_default()),
                q(label)
            ),
            (ReasonKind::Wishes, true) => "les souhaits de rencontre".into(),
            (ReasonKind::Wishes, false) => "the wishes to meet".into(),
            (ReasonKind::Budget, true) => "le budget".into(),
            (ReasonKind::Budget, false) => "the budget".into(),
            (ReasonKind::Region, true) => "la région".into(),
            (ReasonKind::Region, false) => "the region".into(),
        }
    }
}

/// The items that make most of a score: best first, until they cover 60 %
/// of the evidence, three at most.
fn decisive(mut reasons: Vec<Reason>) -> Vec<Reason> {
    reasons.retain(|r| r.contribution > 1e-6);
    reasons.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    let total: f32 = reasons.iter().map(|r| r.contribution).sum();
    let mut kept = 0.0;
    let mut out = Vec::new();
    for r in reasons {
        if out.len() == 3 || (kept >= 0.6 * total && !out.is_empty()) {
            break;
        }
        kept += r.contribution;
        out.push(r);
    }
    out
}

fn summary(reasons: &[Reason], fr: bool) -> String {
    if reasons.is_empty() {
        return if fr {
            "Rien en commun.".into()
        } else {
            "Nothing in common.".into()
        };
    }
    let items: Vec<String> = reasons.iter().map(|r| r.phrase(fr)).collect();
    let (head, and) = if fr {
        ("Surtout\u{a0}: ", " et ")
    } else {
        ("Mainly: ", " and ")
    };
    let list = match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
        None => String::new(),
    };
    format!("{head}{list}.")
}

/// Terms and concepts of one field.
struct FieldAnalysis {
    /// (term, original word): the words, then the multi-word terms found.
    terms: Vec<(String, String)>,
    /// How many of `terms` are words (the field's length for BM25).
    words: usize,
    concepts: Vec<ConceptId>,
}

impl Engine {
    /// An engine with the given thesaurus and the built-in synonyms.
    pub fn new(thesaurus: Thesaurus, params: Params) -> Self {
        let analyzer = Analyzer::new();
        let synonyms = Synonyms::builtin(&analyzer);
        Self {
            analyzer,
            thesaurus,
            synonyms,
            params,
        }
    }

    /// The built-in thesaurus and synonyms with default parameters.
    pub fn builtin() -> Self {
        let analyzer = Analyzer::new();
        Self::new(Thesaurus::builtin(&analyzer), Params::default())
    }

    /// Replaces the synonyms used to expand short queries.
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> Self {
        self.synonyms = synonyms;
        self
    }

    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    pub fn thesaurus(&self) -> &Thesaurus {
        &self.thesaurus
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Stems plus the multi-word terms and concepts the thesaurus finds (as
    /// [`Thesaurus::annotate`]); a multi-word term is shown in the words the
    /// text used ("expérience utilisateur"), not as its stems.
    fn analyze_field(&self, text: &str) -> FieldAnalysis {
        let pairs = self.analyzer.analyze_with_words(text);
        let stems: Vec<String> = pairs.iter().map(|(s, _)| s.clone()).collect();
        let mut phrases = Vec::new();
        let mut concepts = Vec::new();
        for m in self.thesaurus.mentions(&stems) {
            if m.len > 1 {
                let span = &pairs[m.start..m.start + m.len];
                phrases.push((
                    stems[m.start..m.start + m.len].join("_"),
                    span.iter()
                        .map(|(_, w)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ));
            }
            concepts.extend_from_slice(m.concepts);
        }
        let words = pairs.len();
        let mut terms = pairs;
        terms.extend(phrases);
        FieldAnalysis {
            terms,
            words,
            concepts,
        }
    }

    /// Builds the scorer for an input: indexes the companies, analyses the
    /// irritants. Cost is linear in the size of the texts.
    pub fn matcher<'e>(&'e self, input: &Input, fields: Fields) -> Matcher<'e> {
        let index = CompanyIndex::build(self, &input.companies);
        let mut wished_by: Vec<Vec<u32>> = vec![Vec::new(); input.irritants.len()];
        for (c, company) in input.companies.iter().enumerate() {
            for &i in &company.wishes {
                wished_by[i].push(c as u32);
            }
        }
        let units: Vec<Vec<Unit>> = par_map(&input.irritants, |irr| {
            Unit::of_irritant(self, &index, irr, fields)
        });
        let pool = PoolFrequency::count(&units);
        let order: Vec<usize> = (0..input.irritants.len()).collect();
        let queries: Vec<Query> = par_map(&order, |&i| {
            Query::build(
                self,
                &index,
                &pool,
                &units[i],
                &input.irritants[i],
                wished_by[i].clone(),
            )
        });
        let wishes = queries
            .iter()
            .any(|q| !q.wishes.is_empty() || !q.wished_by.is_empty());
        let budget = queries.iter().any(|q| q.budget_max.is_some())
            && index.budget_min.iter().any(|b| !b.is_nan());
        let region = queries.iter().any(|q| q.region.is_some())
            && index.regions.iter().any(|r| !r.is_empty());
        let w = &self.params.weights;
        let raw = [
            w.content,
            if wishes { w.wishes } else { 0.0 },
            if budget { w.budget } else { 0.0 },
            if region { w.region } else { 0.0 },
        ];
        let total: f32 = raw.iter().sum();
        let weights = raw.map(|x| if total > 0.0 { x / total } else { 0.0 });
        Matcher {
            engine: self,
            ids: input.irritants.iter().map(|i| i.id.clone()).collect(),
            company_ids: input.companies.iter().map(|c| c.id.clone()).collect(),
            index,
            queries,
            weights,
        }
    }
}

/// Maps over `items` on every core, keeping their order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("analysis thread panicked"))
            .collect()
    })
}

/// Inverted index over the company profiles.
struct CompanyIndex {
    n: usize,
    term_ids: HashMap<String, u32>,
    /// One original word per term, for explanations.
    surfaces: Vec<String>,
    idf: Vec<f32>,
    /// term → (company, saturated BM25F weight `tf/(k1+tf)`), by company.
    postings: Vec<Vec<(u32, f32)>>,
    /// company → (term, saturated weight), sorted by term, for explanations.
    doc_terms: Vec<Vec<(u32, f32)>>,
    concept_idf: Vec<f32>,
    /// concept → (company, saturated weight if the company has it, else
    /// `related_match` × the weight of its strongest related concept).
    concept_postings: Vec<Vec<(u32, f32)>>,
    /// company → (concept it has, saturated weight), sorted by concept.
    doc_concepts: Vec<Vec<(ConceptId, f32)>>,
    budget_min: Vec<f32>,
    /// The companies' regions, numbered (see `region_ids`); empty when unknown.
    regions: Vec<Vec<u32>>,
    /// A company with "national" or "france" among its regions covers all.
    national: Vec<bool>,
    /// Folded region name → number.
    region_ids: HashMap<String, u32>,
}

/// An irritant's region, resolved against the companies' (compared per pair, so as numbers).
#[derive(Clone, Copy)]
enum QueryRegion {
    /// A national body's irritant suits a company of any region.
    National,
    /// A region some company works in.
    Known(u32),
    /// A region no company names: only national companies cover it.
    Elsewhere,
}

fn norm_region(r: &str) -> String {
    fold_accents(&r.trim().to_lowercase())
}

fn is_national(r: &str) -> bool {
    matches!(r, "national" | "france" | "nationale" | "toute la france")
}

impl CompanyIndex {
    fn build(engine: &Engine, companies: &[Company]) -> Self {
        let p = &engine.params;
        let n = companies.len();
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut surfaces: Vec<String> = Vec::new();
        // Per company and field: term counts; fields are name, tags, text.
        let mut counts: Vec<[HashMap<u32, f32>; 3]> = Vec::with_capacity(n);
        let mut lens: Vec<[f32; 3]> = Vec::with_capacity(n);
        let mut concept_counts: Vec<[HashMap<ConceptId, f32>; 3]> = Vec::with_capacity(n);
        // Analysis (stemming, thesaurus) is the costly part and independent
        // per company; numbering the terms is sequential, in input order.
        let analysed = par_map(companies, |c| {
            // Tags are annotated one by one: a phrase must not span two tags.
            let mut tags = FieldAnalysis {
                terms: Vec::new(),
                words: 0,
                concepts: Vec::new(),
            };
            for t in &c.tags {
                let a = engine.analyze_field(t);
                tags.words += a.words;
                tags.terms.extend(a.terms);
                tags.concepts.extend(a.concepts);
            }
            [
                engine.analyze_field(&c.name),
                tags,
                engine.analyze_field(&c.text),
            ]
        });
        for analyses in analysed {
            let mut fc: [HashMap<u32, f32>; 3] = Default::default();
            let mut fl = [0.0f32; 3];
            let mut cc: [HashMap<ConceptId, f32>; 3] = Default::default();
            for (f, a) in analyses.into_iter().enumerate() {
                fl[f] = a.words as f32;
                for (term, surface) in a.terms {
                    let next = term_ids.len() as u32;
                    let id = match term_ids.entry(term) {
                        std::collections::hash_map::Entry::Occupied(e) => {
                            let id = *e.get();
                            // A tag written as a slug ("experience-utilisateur") may come first:
                            // the word as someone wrote it, accents included, is the one to show.
                            let shown = &mut surfaces[id as usize];
                            if *shown != surface && *shown == crate::text::fold_accents(&surface) {
                                *shown = surface;
                            }
                            id
                        }
                        std::collections::hash_map::Entry::Vacant(e) => {
                            surfaces.push(surface);
                            *e.insert(next)
                        }
                    };
                    *fc[f].entry(id).or_default() += 1.0;
                }
                for c in a.concepts {
                    *cc[f].entry(c).or_default() += 1.0;
                }
            }
            counts.push(fc);
            lens.push(fl);
            concept_counts.push(cc);
        }
        let avg: [f32; 3] = std::array::from_fn(|f| {
            (lens.iter().map(|l| l[f]).sum::<f32>() / n.max(1) as f32).max(1.0)
        });
        let fw = [p.field_name, p.field_tags, p.field_text];
        let mut region_ids: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); term_ids.len()];
        let mut doc_terms: Vec<Vec<(u32, f32)>> = Vec::with_capacity(n);
        let mut doc_concepts: Vec<Vec<(ConceptId, f32)>> = Vec::with_capacity(n);
        // BM25F: field-weighted, length-normalised frequencies, then one
        // saturation. Concepts are counted like terms, so a company whose
        // whole profile is about a concept outweighs one that names it once.
        let saturate = |fc: &[HashMap<u32, f32>; 3], fl: &[f32; 3]| {
            let mut tf: HashMap<u32, f32> = HashMap::new();
            for f in 0..3 {
                let norm = 1.0 - p.b + p.b * fl[f] / avg[f];
                for (&t, &c) in &fc[f] {
                    *tf.entry(t).or_default() += fw[f] * c / norm;
                }
            }
            let mut v: Vec<(u32, f32)> = tf.into_iter().map(|(t, x)| (t, x / (p.k1 + x))).collect();
            v.sort_unstable_by_key(|&(t, _)| t);
            v
        };
        for (d, ((fc, cc), fl)) in counts.iter().zip(&concept_counts).zip(&lens).enumerate() {
            let terms = saturate(fc, fl);
            for &(t, w) in &terms {
                postings[t as usize].push((d as u32, w));
            }
            doc_terms.push(terms);
            doc_concepts.push(saturate(cc, fl));
        }
        let idf = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        let th = &engine.thesaurus;
        let mut concept_df = vec![0usize; th.len()];
        let mut concept_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); th.len()];
        for (d, cs) in doc_concepts.iter().enumerate() {
            let mut level: HashMap<ConceptId, f32> = HashMap::new();
            for &(c, _) in cs {
                concept_df[c as usize] += 1;
            }
            for &(c, w) in cs {
                level.insert(c, w);
            }
            for &(c, w) in cs {
                for &r in &th.concept(c).related {
                    if cs.binary_search_by_key(&r, |x| x.0).is_err() {
                        let e = level.entry(r).or_default();
                        *e = e.max(p.related_match * w);
                    }
                }
            }
            for (c, l) in level {
                concept_postings[c as usize].push((d as u32, l));
            }
        }
        for list in &mut concept_postings {
            list.sort_unstable_by_key(|&(d, _)| d);
        }
        let concept_idf = concept_df
            .iter()
            .map(|&df| (1.0 + n as f32 / (df as f32 + 1.0)).ln())
            .collect();
        Self {
            n,
            term_ids,
            surfaces,
            idf,
            postings,
            doc_terms,
            concept_idf,
            concept_postings,
            doc_concepts,
            budget_min: companies
                .iter()
                .map(|c| c.budget_min.map_or(f32::NAN, |b| b as f32))
                .collect(),
            national: companies
                .iter()
                .map(|c| c.regions.iter().any(|r| is_national(&norm_region(r))))
                .collect(),
            regions: companies
                .iter()
                .map(|c| {
                    c.regions
                        .iter()
                        .map(|r| {
                            let next = region_ids.len() as u32;
                            *region_ids.entry(norm_region(r)).or_insert(next)
                        })
                        .collect()
                })
                .collect(),
            region_ids,
        }
    }
}

/// An analysed irritant, ready to be scored against every company.
struct Query {
    /// (term, query weight × idf)
    terms: Vec<(u32, f32)>,
    /// Terms added as synonyms, with the irritant's word they stand for.
    via: Vec<(u32, String)>,
    text_norm: f32,
    /// (concept, query weight × idf)
    concepts: Vec<(ConceptId, f32)>,
    concept_norm: f32,
    budget_max: Option<f32>,
    region: Option<QueryRegion>,
    wishes: Vec<u32>,
    wished_by: Vec<u32>,
}

/// One thing an irritant asks for, counted once however it is worded: a
/// word, or a span naming thesaurus concepts (its concepts and its literal
/// words then share one weight instead of adding up).
struct Unit {
    /// Query-side weight of the field it comes from.
    field: f32,
    /// Term ids of the literal words, in the index only.
    words: Vec<u32>,
    /// The multi-word term of a span, if a company used it.
    phrase: Option<u32>,
    /// Concepts named, if some company has them (directly or related).
    concepts: Vec<ConceptId>,
    /// A word unit's stem and the irritant's own word, for synonyms.
    stem: String,
    surface: String,
}

impl Unit {
    fn of_irritant(
        engine: &Engine,
        index: &CompanyIndex,
        irr: &Irritant,
        fields: Fields,
    ) -> Vec<Unit> {
        let p = &engine.params;
        let mut parts = vec![(irr.title.as_str(), p.query_title)];
        if fields == Fields::All {
            parts.push((irr.text.as_str(), p.query_text));
        }
        let mut units = Vec::new();
        for (text, field) in parts {
            let pairs = engine.analyzer.analyze_with_words(text);
            let stems: Vec<String> = pairs.iter().map(|(s, _)| s.clone()).collect();
            let id = |t: &str| index.term_ids.get(t).copied();
            let mut covered = vec![false; stems.len()];
            for m in engine.thesaurus.mentions(&stems) {
                let concepts: Vec<ConceptId> = m
                    .concepts
                    .iter()
                    .copied()
                    .filter(|&c| !index.concept_postings[c as usize].is_empty())
                    .collect();
                if concepts.is_empty() {
                    // No company speaks of it: its words are ordinary words.
                    continue;
                }
                let span = &stems[m.start..m.start + m.len];
                covered[m.start..m.start + m.len].fill(true);
                units.push(Unit {
                    field,
                    words: span.iter().filter_map(|t| id(t)).collect(),
                    phrase: (m.len > 1).then(|| id(&span.join("_"))).flatten(),
                    concepts,
                    stem: String::new(),
                    surface: String::new(),
                });
            }
            for ((stem, surface), _) in pairs.iter().zip(&covered).filter(|(_, c)| !**c) {
                // A word no company uses can still reach one through a synonym.
                let words = id(stem).into_iter().collect();
                units.push(Unit {
                    field,
                    words,
                    phrase: None,
                    concepts: Vec::new(),
                    stem: stem.clone(),
                    surface: surface.clone(),
                });
            }
        }
        units
    }
}

/// A shared phrase ("expérience utilisateur") already says its words: they are
/// folded into it, shares added, rather than listed again one by one.
fn merge_words_into_phrases(terms: &mut Vec<SharedTerm>) {
    let phrases: Vec<usize> = (0..terms.len())
        .filter(|&i| terms[i].via.is_none() && terms[i].term.contains(' '))
        .collect();
    let mut absorbed = vec![false; terms.len()];
    for i in 0..terms.len() {
        if terms[i].via.is_some() || terms[i].term.contains(' ') {
            continue;
        }
        let word = terms[i].term.as_str();
        if let Some(&p) = phrases
            .iter()
            .find(|&&p| terms[p].term.split(' ').any(|w| w == word))
        {
            terms[p].share += terms[i].share;
            absorbed[i] = true;
        }
    }
    let mut i = 0;
    terms.retain(|_| {
        i += 1;
        !absorbed[i - 1]
    });
}

/// In how many irritants of the pool each word and concept occurs: a word
/// every fiche uses ("étudiants", "outil") says little about this one.
struct PoolFrequency {
    irritants: usize,
    terms: HashMap<u32, u32>,
    concepts: HashMap<ConceptId, u32>,
}

impl PoolFrequency {
    fn count(units: &[Vec<Unit>]) -> Self {
        let mut terms: HashMap<u32, u32> = HashMap::new();
        let mut concepts: HashMap<ConceptId, u32> = HashMap::new();
        for us in units {
            let mut ts: Vec<u32> = us.iter().flat_map(|u| u.words.iter().copied()).collect();
            ts.sort_unstable();
            ts.dedup();
            for t in ts {
                *terms.entry(t).or_default() += 1;
            }
            let mut cs: Vec<ConceptId> =
                us.iter().flat_map(|u| u.concepts.iter().copied()).collect();
            cs.sort_unstable();
            cs.dedup();
            for c in cs {
                *concepts.entry(c).or_default() += 1;
            }
        }
        Self {
            irritants: units.len(),
            terms,
            concepts,
        }
    }

    /// `(ln(1 + M/df) / ln(1 + M))^gamma`: 1 for a word only this irritant
    /// uses, lower for shared ones; neutral for a pool of one irritant.
    fn weight(&self, df: u32, gamma: f32) -> f32 {
        if gamma == 0.0 || self.irritants < 2 {
            return 1.0;
        }
        let m = self.irritants as f32;
        ((1.0 + m / df.max(1) as f32).ln() / (1.0 + m).ln()).powf(gamma)
    }
}

impl Query {
    fn build(
        engine: &Engine,
        index: &CompanyIndex,
        pool: &PoolFrequency,
        units: &[Unit],
        irr: &Irritant,
        wished_by: Vec<u32>,
    ) -> Self {
        let p = &engine.params;
        let gamma = p.query_idf;
        // Presence rather than counts, and a word said in the title and in the
        // text counts once, at its best weight.
        let mut tw: HashMap<u32, f32> = HashMap::new();
        let mut cw: HashMap<ConceptId, f32> = HashMap::new();
        let keep = |map: &mut HashMap<u32, f32>, k: u32, w: f32| {
            let e = map.entry(k).or_default();
            *e = e.max(w);
        };
        let share = p.concept_boost / (1.0 + p.concept_boost);
        for u in units {
            if u.concepts.is_empty() {
                if let Some(&t) = u.words.first() {
                    let q = pool.weight(pool.terms[&t], gamma);
                    keep(&mut tw, t, u.field * q * index.idf[t as usize]);
                }
                continue;
            }
            let (mut weight, mut q) = (0.0f32, 0.0f32);
            for &c in &u.concepts {
                weight = weight.max(index.concept_idf[c as usize]);
                q = q.max(pool.weight(pool.concepts[&c], gamma));
            }
            let whole = u.field * q * weight;
            // The literal part: half to the multi-word term, half to the
            // words by rarity (all to the words for a one-word span).
            let idf_sum: f32 = u.words.iter().map(|&t| index.idf[t as usize]).sum();
            let literal = if idf_sum > 0.0 {
                whole * (1.0 - share)
            } else {
                0.0
            };
            let per_concept = (whole - literal) / u.concepts.len() as f32;
            for &c in &u.concepts {
                keep(&mut cw, c, per_concept);
            }
            let words_part = match u.phrase {
                Some(ph) => {
                    keep(&mut tw, ph, literal / 2.0);
                    literal / 2.0
                }
                None => literal,
            };
            for &t in &u.words {
                keep(&mut tw, t, words_part * index.idf[t as usize] / idf_sum);
            }
        }
        // Short queries: for a word no company uses, its synonyms that some
        // do, at a reduced weight. Words companies use are not expanded: on
        // the dev sets, expanding them too let synonyms pull in neighbours
        // (devset/README.md).
        let mut via: Vec<(u32, String)> = Vec::new();
        if p.expansion > 0.0 && units.len() <= p.expand_up_to as usize {
            let mut extra: HashMap<u32, (f32, &str)> = HashMap::new();
            for u in units
                .iter()
                .filter(|u| u.concepts.is_empty() && u.words.is_empty())
            {
                for (syn, _) in engine.synonyms.of(&u.stem) {
                    let Some(&t) = index.term_ids.get(syn) else {
                        continue;
                    };
                    if tw.contains_key(&t) {
                        continue;
                    }
                    let w = p.expansion * u.field * index.idf[t as usize];
                    let e = extra.entry(t).or_insert((0.0, &u.surface));
                    if w > e.0 {
                        *e = (w, &u.surface);
                    }
                }
            }
            for (t, (w, word)) in extra {
                tw.insert(t, w);
                via.push((t, word.to_string()));
            }
            via.sort_unstable();
        }
        let mut terms: Vec<(u32, f32)> = tw.into_iter().filter(|t| t.1 > 0.0).collect();
        terms.sort_unstable_by_key(|&(t, _)| t);
        let mut concepts: Vec<(ConceptId, f32)> = cw.into_iter().filter(|c| c.1 > 0.0).collect();
        concepts.sort_unstable_by_key(|&(c, _)| c);
        let mut wishes: Vec<u32> = irr.wishes.iter().map(|&c| c as u32).collect();
        wishes.sort_unstable();
        // Both lists are searched by company for every scored pair.
        let mut wished_by = wished_by;
        wished_by.sort_unstable();
        Self {
            via,
            text_norm: terms.iter().map(|t| t.1).sum(),
            concept_norm: concepts.iter().map(|c| c.1).sum(),
            terms,
            concepts,
            budget_max: irr.budget_max.map(|b| b as f32),
            region: irr.region.as_deref().map(norm_region).map(|r| {
                if is_national(&r) {
                    QueryRegion::National
                } else {
                    index
                        .region_ids
                        .get(&r)
                        .map_or(QueryRegion::Elsewhere, |&id| QueryRegion::Known(id))
                }
            }),
            wishes,
            wished_by,
        }
    }
}

/// Reusable per-thread buffers, one slot per company.
struct Scratch {
    text: Vec<f32>,
    concepts: Vec<f32>,
    wishes: Vec<f32>,
    scored: Vec<(f32, u32)>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Self {
            text: vec![0.0; n],
            concepts: vec![0.0; n],
            wishes: vec![0.0; n],
            scored: Vec::with_capacity(n),
        }
    }
}

/// Scores irritants against companies for one input.
pub struct Matcher<'e> {
    engine: &'e Engine,
    ids: Vec<String>,
    company_ids: Vec<String>,
    index: CompanyIndex,
    queries: Vec<Query>,
    /// Normalised weights of content, wishes, budget, region.
    weights: [f32; 4],
}

/// Orders by score, best first, then by company index so that ties are stable.
fn best_first(a: &(f32, u32), b: &(f32, u32)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

impl Matcher<'_> {
    pub fn irritant_count(&self) -> usize {
        self.queries.len()
    }

    pub fn company_count(&self) -> usize {
        self.index.n
    }

    /// Budget and region values of one pair; unknown data is neutral (1).
    fn side_factors(&self, q: &Query, d: usize) -> (f32, f32) {
        let budget = match q.budget_max {
            Some(b) if !self.index.budget_min[d].is_nan() => {
                let min = self.index.budget_min[d];
                if b >= min { 1.0 } else { b / min }
            }
            _ => 1.0,
        };
        let region = match q.region {
            Some(r) if !self.index.regions[d].is_empty() => {
                // A national body's irritant (the agency's) suits a company of any region.
                let fits = match r {
                    QueryRegion::National => true,
                    QueryRegion::Known(id) => {
                        self.index.national[d] || self.index.regions[d].contains(&id)
                    }
                    QueryRegion::Elsewhere => self.index.national[d],
                };
                if fits { 1.0 } else { 0.0 }
            }
            _ => 1.0,
        };
        (budget, region)
    }

    /// How strongly `company` has the irritant's concept `c`: its own weight, else `related_match` × its
    /// strongest related concept (returned as `via`); `None` when it has neither.
    fn concept_strength(&self, c: ConceptId, company: usize) -> Option<(Option<ConceptId>, f32)> {
        let have = &self.index.doc_concepts[company];
        let strength = |c: ConceptId| {
            have.binary_search_by_key(&c, |x| x.0)
                .ok()
                .map(|p| have[p].1)
        };
        if let Some(x) = strength(c) {
            return Some((None, x));
        }
        self.engine
            .thesaurus
            .concept(c)
            .related
            .iter()
            .filter_map(|&r| strength(r).map(|x| (r, x)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(r, x)| (Some(r), self.engine.params.related_match * x))
    }

    /// The score of one pair, as [`Matcher::explain`] and [`Matcher::rank`] give it, without building the
    /// explanation: no allocation, for the many pairs a plan prices (every wished pair of an edition).
    pub fn score(&self, irritant: usize, company: usize) -> f32 {
        let q = &self.queries[irritant];
        let doc = &self.index.doc_terms[company];
        let mut content = 0.0;
        for &(t, w) in &q.terms {
            if let Ok(pos) = doc.binary_search_by_key(&t, |&(t, _)| t) {
                content += w * doc[pos].1;
            }
        }
        for &(c, w) in &q.concepts {
            if let Some((_, level)) = self.concept_strength(c, company) {
                content += w * level;
            }
        }
        let [wn, ww, wb, wr] = self.weights;
        let best = q.text_norm + q.concept_norm;
        let mut score = if best > 0.0 { wn * content / best } else { 0.0 };
        score += ww * Self::wish_value(q, company as u32);
        if (wb > 0.0 || wr > 0.0) && score > 0.0 {
            let (b, r) = self.side_factors(q, company);
            score += wb * b + wr * r;
        }
        score.clamp(0.0, 1.0)
    }

    fn wish_value(q: &Query, d: u32) -> f32 {
        0.5 * (q.wishes.binary_search(&d).is_ok() as u8 as f32)
            + 0.5 * (q.wished_by.binary_search(&d).is_ok() as u8 as f32)
    }

    fn rank_one(&self, q: &Query, top_k: usize, s: &mut Scratch) -> Vec<(u32, f32)> {
        s.text.fill(0.0);
        s.concepts.fill(0.0);
        for &(t, w) in &q.terms {
            for &(d, x) in &self.index.postings[t as usize] {
                s.text[d as usize] += w * x;
            }
        }
        for &(c, w) in &q.concepts {
            for &(d, x) in &self.index.concept_postings[c as usize] {
                s.concepts[d as usize] += w * x;
            }
        }
        for &d in q.wishes.iter().chain(&q.wished_by) {
            s.wishes[d as usize] = Self::wish_value(q, d);
        }
        let [wn, ww, wb, wr] = self.weights;
        let best = q.text_norm + q.concept_norm;
        let wn = if best > 0.0 { wn / best } else { 0.0 };
        let sides = wb > 0.0 || wr > 0.0;
        s.scored.clear();
        for d in 0..self.index.n {
            let mut score = wn * (s.text[d] + s.concepts[d]) + ww * s.wishes[d];
            if sides && score > 0.0 {
                let (b, r) = self.side_factors(q, d);
                score += wb * b + wr * r;
            }
            s.scored.push((score, d as u32));
        }
        for &d in q.wishes.iter().chain(&q.wished_by) {
            s.wishes[d as usize] = 0.0;
        }
        let k = top_k.min(s.scored.len());
        if k == 0 {
            return Vec::new();
        }
        if k < s.scored.len() {
            s.scored.select_nth_unstable_by(k - 1, best_first);
            s.scored.truncate(k);
        }
        s.scored.sort_unstable_by(best_first);
        s.scored
            .iter()
            .map(|&(score, d)| (d, score.clamp(0.0, 1.0)))
            .collect()
    }

    /// The top `top_k` companies of every irritant, best first, as
    /// (company index, score), in irritant order.
    pub fn rank(&self, top_k: usize) -> Vec<Vec<(u32, f32)>> {
        let all: Vec<usize> = (0..self.queries.len()).collect();
        self.rank_some(&all, top_k)
    }

    /// [`Matcher::rank`] for the irritants `which` only, in that order: a
    /// plan widened for a few irritants scores those again, not every pair.
    pub fn rank_some(&self, which: &[usize], top_k: usize) -> Vec<Vec<(u32, f32)>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = which.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = which
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut s = Scratch::new(self.index.n);
                        part.iter()
                            .map(|&i| self.rank_one(&self.queries[i], top_k, &mut s))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("ranking thread panicked"))
                .collect()
        })
    }

    /// The score of one pair, with its explanation.
    pub fn explain(&self, irritant: usize, company: usize) -> Explanation {
        let q = &self.queries[irritant];
        let ix = &self.index;
        let th = &self.engine.thesaurus;
        let doc = &ix.doc_terms[company];
        let mut shared_terms = Vec::new();
        let mut text = 0.0;
        for &(t, w) in &q.terms {
            if let Ok(pos) = doc.binary_search_by_key(&t, |&(t, _)| t) {
                let x = w * doc[pos].1 / q.text_norm;
                text += x;
                shared_terms.push(SharedTerm {
                    term: ix.surfaces[t as usize].clone(),
                    via: q
                        .via
                        .binary_search_by_key(&t, |v| v.0)
                        .ok()
                        .map(|p| q.via[p].1.clone()),
                    share: x,
                });
            }
        }
        let mut shared_concepts = Vec::new();
        let mut concepts = 0.0;
        for &(c, w) in &q.concepts {
            let Some((via, level)) = self.concept_strength(c, company) else {
                continue;
            };
            let via = via.map(|r| th.concept(r).key.clone());
            let x = w * level / q.concept_norm;
            concepts += x;
            let concept = th.concept(c);
            shared_concepts.push(SharedConcept {
                key: concept.key.clone(),
                label_fr: concept.label_fr.clone(),
                label_en: concept.label_en.clone(),
                via,
                share: x,
            });
        }
        merge_words_into_phrases(&mut shared_terms);
        let by_share = |a: &f32, b: &f32| b.total_cmp(a);
        shared_terms.sort_by(|a, b| by_share(&a.share, &b.share));
        shared_concepts.sort_by(|a, b| by_share(&a.share, &b.share));
        let (budget, region) = self.side_factors(q, company);
        let values = [
            text,
            concepts,
            Self::wish_value(q, company as u32),
            budget,
            region,
        ];
        let names = [
            Factor::Text,
            Factor::Concepts,
            Factor::Wishes,
            Factor::Budget,
            Factor::Region,
        ];
        let [wn, ww, wb, wr] = self.weights;
        let best = q.text_norm + q.concept_norm;
        // Budget and region adjust the pairs that have something in common (words, concepts, a wish);
        // they give none to a pair that has nothing, so that such a pair is never worth a meeting.
        let in_common = (best > 0.0 && text + concepts > 0.0) || values[2] > 0.0;
        let (wt, wc) = if best > 0.0 {
            (wn * q.text_norm / best, wn * q.concept_norm / best)
        } else {
            (0.0, 0.0)
        };
        let factors: Vec<FactorPart> = names
            .into_iter()
            .zip(values)
            .zip([wt, wc, ww, wb, wr])
            .filter(|&(_, w)| w > 0.0)
            .map(|((factor, value), weight)| FactorPart {
                factor,
                value,
                weight,
                contribution: match factor {
                    Factor::Budget | Factor::Region if !in_common => 0.0,
                    _ => weight * value,
                },
            })
            .collect();
        let mut reasons: Vec<Reason> = Vec::new();
        for t in &shared_terms {
            reasons.push(Reason {
                kind: if t.via.is_some() {
                    ReasonKind::Synonym
                } else {
                    ReasonKind::Word
                },
                label_fr: t.term.clone(),
                label_en: t.term.clone(),
                via: t.via.clone(),
                contribution: wt * t.share,
            });
        }
        for c in &shared_concepts {
            let related = c.via.as_deref().map(|k| {
                let r = th.concepts().iter().find(|x| x.key == k);
                r.map_or((k.to_string(), k.to_string()), |r| {
                    (r.label_fr.clone(), r.label_en.clone())
                })
            });
            reasons.push(Reason {
                kind: if related.is_some() {
                    ReasonKind::RelatedConcept
                } else {
                    ReasonKind::Concept
                },
                label_fr: c.label_fr.clone(),
                label_en: c.label_en.clone(),
                via: related.map(|(fr, _)| fr),
                contribution: wc * c.share,
            });
        }
        // Budget and region are neutral when unknown: only a real fit counts.
        for f in &factors {
            let kind = match f.factor {
                Factor::Wishes => ReasonKind::Wishes,
                Factor::Budget
                    if q.budget_max.is_some() && !self.index.budget_min[company].is_nan() =>
                {
                    ReasonKind::Budget
                }
                Factor::Region if q.region.is_some() && !self.index.regions[company].is_empty() => {
                    ReasonKind::Region
                }
                _ => continue,
            };
            reasons.push(Reason {
                kind,
                label_fr: String::new(),
                label_en: String::new(),
                via: None,
                contribution: f.contribution,
            });
        }
        let decisive = decisive(reasons);
        Explanation {
            irritant: self.ids[irritant].clone(),
            company: self.company_ids[company].clone(),
            score: factors
                .iter()
                .map(|f| f.contribution)
                .sum::<f32>()
                .clamp(0.0, 1.0),
            factors,
            shared_terms,
            shared_concepts,
            summary_fr: summary(&decisive, true),
            summary_en: summary(&decisive, false),
            decisive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(irritants: &[(&str, &str)], companies: &[(&str, &str, &[&str])]) -> Input {
        let json = serde_json::json!({
            "irritants": irritants.iter().enumerate().map(|(n, (t, x))| serde_json::json!({"id": format!("i{n}"), "title": t, "text": x})).collect::<Vec<_>>(),
            "companies": companies.iter().enumerate().map(|(n, (name, x, tags))| serde_json::json!({"id": format!("c{n}"), "name": name, "text": x, "tags": tags})).collect::<Vec<_>>(),
        });
        Input::from_json(&json.to_string()).unwrap()
    }

    #[test]
    fn synonyms_find_the_company_that_never_uses_the_institution_words() {
        let engine = Engine::builtin();
        let inp = input(
            &[(
                "Un assistant virtuel pour répondre aux étudiants pendant l'inscription",
                "",
            )],
            &[
                (
                    "Salles Plus",
                    "Logiciel de réservation de salles et de bureaux partagés",
                    &["flex office"],
                ),
                (
                    "Parlons",
                    "Agent conversationnel et callbot pour les services publics",
                    &["chatbot", "NLP"],
                ),
                (
                    "GreenMetric",
                    "Mesure de l'empreinte carbone du numérique",
                    &["green IT"],
                ),
            ],
        );
        let m = engine.matcher(&inp, Fields::Title);
        let ranking = &m.rank(3)[0];
        assert_eq!(ranking[0].0, 1, "{ranking:?}");
        let e = m.explain(0, 1);
        assert!(
            e.shared_concepts.iter().any(|c| c.key == "chatbot"),
            "{e:?}"
        );
        // What made it win is named first, in both languages.
        assert_eq!(e.decisive[0].kind, ReasonKind::Concept, "{e:?}");
        assert_eq!(e.decisive[0].label_fr, "agent conversationnel");
        assert!(
            e.summary_fr
                .starts_with("Surtout\u{a0}: le thème «\u{a0}agent conversationnel\u{a0}»"),
            "{}",
            e.summary_fr
        );
        assert!(
            e.summary_en.starts_with("Mainly: the topic “chatbot”"),
            "{}",
            e.summary_en
        );
        assert!(
            (e.score - ranking[0].1).abs() < 1e-5,
            "explanation and ranking agree"
        );
    }

    #[test]
    fn a_shared_multi_word_term_is_shown_in_the_company_words_not_as_stems() {
        let engine = Engine::builtin();
        let inp = input(
            &[("Améliorer l'expérience utilisateur des étudiants", "")],
            &[("A", "Design de l'expérience utilisateur", &[])],
        );
        let e = engine.matcher(&inp, Fields::Title).explain(0, 0);
        let terms: Vec<&str> = e.shared_terms.iter().map(|t| t.term.as_str()).collect();
        assert!(terms.contains(&"expérience utilisateur"), "{terms:?}");
        assert!(terms.iter().all(|t| !t.contains("utilis ")), "{terms:?}");
    }

    #[test]
    fn a_slug_tag_does_not_hide_the_accents_nor_repeat_the_words_of_a_phrase() {
        let engine = Engine::builtin();
        let inp = input(
            &[("Améliorer l'expérience utilisateur des étudiants", "")],
            &[
                ("A", "Ateliers", &["experience-utilisateur"]),
                ("B", "Design de l'expérience utilisateur", &[]),
            ],
        );
        let m = engine.matcher(&inp, Fields::Title);
        for company in 0..2 {
            let e = m.explain(0, company);
            let terms: Vec<&str> = e.shared_terms.iter().map(|t| t.term.as_str()).collect();
            assert_eq!(terms, ["expérience utilisateur"], "company {company}");
            let sum: f32 = e.shared_terms.iter().map(|t| t.share).sum();
            let text = e
                .factors
                .iter()
                .find(|f| f.factor == Factor::Text)
                .unwrap()
                .value;
            assert!(
                (sum - text).abs() < 1e-5,
                "shares still add up to the text factor"
            );
        }
    }

    #[test]
    fn a_word_of_the_title_repeated_in_the_text_counts_once() {
        let engine = Engine::builtin();
        let inp = input(
            &[("Piscine", "La piscine et le vestiaire")],
            &[
                ("A", "piscine", &[]),
                ("B", "vestiaire", &[]),
                ("C", "rien", &[]),
            ],
        );
        let m = engine.matcher(&inp, Fields::All);
        let (a, b) = (m.explain(0, 0).score, m.explain(0, 1).score);
        assert!((a - b).abs() < 1e-5, "piscine {a} vs vestiaire {b}");
    }

    #[test]
    fn a_concept_counts_once_not_as_concept_phrase_and_words() {
        // Two needs in one title: a plain word and a two-word concept name of
        // the same rarity weigh about the same.
        let engine = Engine::builtin();
        let inp = input(
            &[("Piscine et agent conversationnel", "")],
            &[
                ("A", "piscine", &[]),
                ("B", "agent conversationnel", &[]),
                ("C", "rien", &[]),
            ],
        );
        let m = engine.matcher(&inp, Fields::Title);
        let (a, b) = (m.explain(0, 0).score, m.explain(0, 1).score);
        assert!(a > 0.0 && b > 0.0);
        assert!(b / a < 1.5 && a / b < 1.5, "word {a} vs concept {b}");
    }

    #[test]
    fn words_every_irritant_uses_weigh_less() {
        let engine = Engine::builtin();
        let inp = input(
            &[
                ("Étudiants et piscine", ""),
                ("Étudiants et cantine", ""),
                ("Étudiants et parking", ""),
            ],
            &[
                ("A", "étudiants", &[]),
                ("B", "piscine", &[]),
                ("C", "rien", &[]),
            ],
        );
        let m = engine.matcher(&inp, Fields::Title);
        assert_eq!(m.rank(1)[0][0].0, 1, "the specific word wins");
    }

    #[test]
    fn a_short_query_reaches_a_company_through_a_synonym_and_says_so() {
        let engine = Engine::builtin();
        let inp = input(
            &[("Actualités sur le téléphone des agents", "")],
            &[
                ("A", "Vos actualités", &[]),
                ("B", "Les actualités sur smartphone", &[]),
                ("C", "rien", &[]),
            ],
        );
        let m = engine.matcher(&inp, Fields::Title);
        assert_eq!(m.rank(1)[0][0].0, 1);
        let e = m.explain(0, 1);
        let syn = e.shared_terms.iter().find(|t| t.term == "smartphone");
        assert_eq!(
            syn.and_then(|t| t.via.as_deref()),
            Some("téléphone"),
            "{e:?}"
        );
        assert!(
            e.decisive.iter().any(|r| r.kind == ReasonKind::Synonym),
            "{e:?}"
        );
        assert!(
            e.summary_fr
                .contains("«\u{a0}smartphone\u{a0}» (synonyme de «\u{a0}téléphone\u{a0}»)"),
            "{}",
            e.summary_fr
        );
        let off = Engine::new(
            Thesaurus::builtin(engine.analyzer()),
            Params {
                expansion: 0.0,
                ..Params::default()
            },
        );
        let m = off.matcher(&inp, Fields::Title);
        assert!(
            m.explain(0, 1).score <= m.explain(0, 0).score,
            "without expansion the shorter profile wins"
        );
    }

    #[test]
    fn contributions_add_up_to_the_score_and_stay_in_unit_interval() {
        let engine = Engine::builtin();
        let inp = input(
            &[(
                "Réservation de salles",
                "Réserver les salles de réunion et les amphithéâtres",
            )],
            &[
                (
                    "Booky",
                    "room booking, réservation de salles, salles",
                    &["room booking"],
                ),
                ("X", "", &["nothing"]),
            ],
        );
        let m = engine.matcher(&inp, Fields::All);
        for c in 0..2 {
            let e = m.explain(0, c);
            let sum: f32 = e.factors.iter().map(|f| f.contribution).sum();
            assert!((sum - e.score).abs() < 1e-5);
            assert!((0.0..=1.0).contains(&e.score));
            let weights: f32 = e.factors.iter().map(|f| f.weight).sum();
            assert!((weights - 1.0).abs() < 1e-5);
        }
        assert!(m.explain(0, 0).score > m.explain(0, 1).score);
        assert!(
            m.explain(0, 0)
                .shared_terms
                .iter()
                .any(|t| t.term.starts_with("réserv"))
        );
    }

    #[test]
    fn wishes_budget_and_region_move_the_score() {
        let engine = Engine::builtin();
        let json = r#"{"irritants":[{"id":"i","title":"chatbot","budget_max":20000,"region":"Occitanie","wishes":["b"]}],
          "companies":[{"id":"a","name":"A","text":"chatbot","budget_min":50000,"regions":["Bretagne"]},
                       {"id":"b","name":"B","text":"chatbot","budget_min":10000,"regions":["occitanie"],"wishes":["i"]}]}"#;
        let inp = Input::from_json(json).unwrap();
        let m = engine.matcher(&inp, Fields::All);
        let (a, b) = (m.explain(0, 0), m.explain(0, 1));
        assert!(b.score > a.score);
        let get =
            |e: &Explanation, f: Factor| e.factors.iter().find(|p| p.factor == f).unwrap().value;
        assert_eq!(get(&b, Factor::Wishes), 1.0);
        assert_eq!(get(&a, Factor::Region), 0.0);
        assert!((get(&a, Factor::Budget) - 0.4).abs() < 1e-6);
    }

    #[test]
    fn a_national_irritant_suits_every_region() {
        let engine = Engine::builtin();
        let json = r#"{"irritants":[{"id":"i","title":"chatbot","region":"national"},{"id":"j","title":"chatbot","region":"bretagne"}],
          "companies":[{"id":"a","name":"A","text":"chatbot","regions":["occitanie"]}]}"#;
        let inp = Input::from_json(json).unwrap();
        let m = engine.matcher(&inp, Fields::All);
        let region = |e: &Explanation| {
            e.factors
                .iter()
                .find(|p| p.factor == Factor::Region)
                .unwrap()
                .value
        };
        assert_eq!(region(&m.explain(0, 0)), 1.0);
        assert_eq!(region(&m.explain(1, 0)), 0.0);
    }

    #[test]
    fn the_score_of_a_pair_is_the_explained_and_the_ranked_one() {
        // Every factor in play: words, concepts and related concepts, wishes of both sides, budgets,
        // regions (a national company, a national irritant, a region no company names).
        let engine = Engine::builtin();
        let json = r#"{"irritants":[
            {"id":"i","title":"Un chatbot pour l'inscription","text":"Réserver les salles, répondre aux étudiants","budget_max":20000,"region":"Occitanie","wishes":["b","c"]},
            {"id":"j","title":"Mesurer l'empreinte carbone du numérique","region":"national"},
            {"id":"k","title":"Réservation de salles de réunion","budget_max":5000,"region":"Corse"}],
          "companies":[
            {"id":"a","name":"A","text":"agent conversationnel et callbot","budget_min":50000,"regions":["Bretagne"],"wishes":["i","k"]},
            {"id":"b","name":"B","text":"réservation de salles et flex office","tags":["room booking"],"budget_min":10000,"regions":["occitanie"],"wishes":["i"]},
            {"id":"c","name":"C","text":"green IT, sobriété numérique","regions":["France"]},
            {"id":"d","name":"D","text":"rien de commun"}]}"#;
        let inp = Input::from_json(json).unwrap();
        let m = engine.matcher(&inp, Fields::All);
        let ranked = m.rank(4);
        for (i, list) in ranked.iter().enumerate() {
            assert_eq!(list.len(), 4);
            for &(c, score) in list {
                let c = c as usize;
                let fast = m.score(i, c);
                assert!((fast - m.explain(i, c).score).abs() < 1e-6, "({i}, {c})");
                assert!((fast - score).abs() < 1e-6, "({i}, {c})");
            }
        }
    }

    #[test]
    fn params_file_is_validated() {
        assert!(
            Params::from_toml("concept_boost = 2.0\n[weights]\ncontent = 1.0\nwishes = 0.0\n")
                .is_ok()
        );
        assert!(Params::from_toml("[weights]\ncontent = -1.0\n").is_err());
        assert!(Params::from_toml("[weights]\ncontent = 0.0\n").is_err());
        assert!(Params::from_toml("k1 = 'x'").is_err());
        assert!(Params::from_toml("unknown = 1").is_err());
    }

    #[test]
    fn empty_pools_and_empty_texts_do_not_panic() {
        let engine = Engine::builtin();
        let inp = input(&[("le la les", "")], &[]);
        assert_eq!(engine.matcher(&inp, Fields::All).rank(10), vec![Vec::new()]);
        let inp = input(&[("de", "")], &[("Z", "", &[])]);
        let r = engine.matcher(&inp, Fields::All).rank(10);
        assert_eq!(r[0].len(), 1);
        assert!(r[0][0].1.is_finite());
    }
}
