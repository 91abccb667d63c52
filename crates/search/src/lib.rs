//! French full-text search over what Passerelle publishes (issue 11): an in-memory tantivy index built
//! from [`Document`]s, rebuilt whole when the database's content changes (the caller decides when).
//!
//! - Words are read as the matching engine reads them ([`Analyzer::stem_word`]: French stop words,
//!   Snowball stemming, accents folded), so "salles", "Salle" and "sallé" are one term.
//! - The organisers' thesaurus is applied on both sides: every document is tagged with the concepts its
//!   text names, and a query naming a concept finds the documents tagged with it ("agent
//!   conversationnel" finds the chatbot fiches).
//! - Every word of the query may be mistyped: each one is also looked up at an edit distance that grows
//!   with its length.
//! - Facets (kind, edition, domain, institution, region, state, budget range) are counted over the
//!   documents the query finds, filters applied.
//!
//! Only what the caller may show to anyone is given to the index: it holds no permissions of its own.

use std::sync::Arc;

use passerelle_matching::text::{Analyzer, Lang};
use passerelle_matching::thesaurus::{ConceptSpec, Thesaurus};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Index as TantivyIndex, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Irritant,
    Company,
    FundingScheme,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Irritant, Kind::Company, Kind::FundingScheme];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Irritant => "irritant",
            Kind::Company => "company",
            Kind::FundingScheme => "funding-scheme",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A facet: a dimension documents are counted and filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Kind,
    Edition,
    Domain,
    Institution,
    Region,
    State,
    Budget,
}

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::Kind,
        Dimension::Edition,
        Dimension::Domain,
        Dimension::Institution,
        Dimension::Region,
        Dimension::State,
        Dimension::Budget,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::Kind => "type",
            Dimension::Edition => "edition",
            Dimension::Domain => "domaine",
            Dimension::Institution => "etablissement",
            Dimension::Region => "region",
            Dimension::State => "etat",
            Dimension::Budget => "budget",
        }
    }
}

/// One thing to find: its text and the facet values it is counted under (opaque codes: the caller
/// turns them into labels).
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    /// The caller's identifier (it builds the link).
    pub id: String,
    pub title: String,
    pub body: String,
    pub facets: Vec<(Dimension, String)>,
}

/// A search: words, facet filters (each one must hold), the kinds the reader may read (the caller's
/// policy; none: nothing is found), how many hits to return.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub text: String,
    pub filters: Vec<(Dimension, String)>,
    pub kinds: Vec<Kind>,
    pub limit: usize,
}

/// A piece of a title or snippet, highlighted when it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub matched: bool,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub title: Vec<Piece>,
    pub snippet: Vec<Piece>,
}

#[derive(Debug, Clone, Default)]
pub struct Results {
    /// How many documents match (hits holds at most the limit).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// For each dimension, its values among the matching documents with their counts, most first.
    pub facets: Vec<(Dimension, Vec<(String, u64)>)>,
}

/// The index failed (a bug or memory exhausted: the documents themselves cannot make it fail).
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "search index: {}", self.0)
    }
}

impl std::error::Error for Error {}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error(e.to_string())
    }
}

/// Characters of body text around the matches in a snippet.
const SNIPPET_CHARS: usize = 220;
/// A query longer than this is cut (each word is a fuzzy lookup).
const MAX_QUERY_WORDS: usize = 12;

/// The words of a text as the matching engine stems them, with their byte offsets (for snippets).
#[derive(Clone)]
struct FrenchTokenizer(Arc<Analyzer>);

struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for FrenchTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let mut tokens = Vec::new();
        let mut start = None;
        let push = |from: usize, to: usize, tokens: &mut Vec<Token>| {
            let word = text[from..to].to_lowercase();
            if let Some(stem) = self.0.stem_word(&word, Lang::Fr) {
                tokens.push(Token {
                    offset_from: from,
                    offset_to: to,
                    position: tokens.len(),
                    text: stem,
                    position_length: 1,
                });
            }
        };
        for (i, ch) in text.char_indices() {
            match (ch.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    push(s, i, &mut tokens);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            push(s, text.len(), &mut tokens);
        }
        Tokens { tokens, next: 0 }
    }
}

struct Fields {
    kind: Field,
    id: Field,
    title: Field,
    body: Field,
    concepts: Field,
    facets: Field,
}

/// The index of a set of documents, ready to search.
pub struct Index {
    reader: IndexReader,
    fields: Fields,
    analyzer: Arc<Analyzer>,
    thesaurus: Thesaurus,
    tokenizer: FrenchTokenizer,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("search::Index")
    }
}

const TOKENIZER: &str = "passerelle-fr";

impl Index {
    /// Indexes `documents`, tagging each with the concepts of `concepts` (the thesaurus) it names.
    pub fn build(documents: &[Document], concepts: Vec<ConceptSpec>) -> Result<Self, Error> {
        let analyzer = Arc::new(Analyzer::new());
        let thesaurus = Thesaurus::from_concepts(concepts, &analyzer)
            .unwrap_or_else(|_| Thesaurus::builtin(&analyzer));
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            kind: schema.add_text_field("kind", STRING | STORED),
            id: schema.add_text_field("id", STRING | STORED),
            title: schema.add_text_field("title", text.clone()),
            body: schema.add_text_field("body", text),
            concepts: schema.add_text_field("concepts", STRING),
            facets: schema.add_facet_field("facets", FacetOptions::default()),
        };
        let index = TantivyIndex::create_in_ram(schema.build());
        let tokenizer = FrenchTokenizer(analyzer.clone());
        index
            .tokenizers()
            .register(TOKENIZER, TextAnalyzer::from(tokenizer.clone()));
        // One thread: the index is rebuilt beside the requests being served.
        let mut writer = index.writer_with_num_threads(1, 50_000_000)?;
        for d in documents {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.kind, d.kind.code());
            doc.add_text(fields.id, &d.id);
            doc.add_text(fields.title, &d.title);
            doc.add_text(fields.body, &d.body);
            let stems = analyzer.analyze(&format!("{}\n{}", d.title, d.body));
            for concept in thesaurus.annotate(&stems).concepts {
                doc.add_text(fields.concepts, &thesaurus.concept(concept).key);
            }
            doc.add_facet(fields.facets, facet(Dimension::Kind, d.kind.code()));
            for (dimension, value) in &d.facets {
                doc.add_facet(fields.facets, facet(*dimension, value));
            }
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            reader,
            fields,
            analyzer,
            thesaurus,
            tokenizer,
        })
    }

    /// The documents matching `search`, best first, with snippets and facet counts. An empty text
    /// with no filter finds nothing (the page then only shows its form).
    pub fn search(&self, search: &Search) -> Result<Results, Error> {
        let text = self.text_query(&search.text);
        if (text.is_none() && search.filters.is_empty()) || search.kinds.is_empty() {
            return Ok(Results::default());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            text.as_ref()
                .map(|q| q.box_clone())
                .unwrap_or_else(|| Box::new(AllQuery)),
        )];
        for (dimension, value) in &search.filters {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_facet(self.fields.facets, &facet(*dimension, value)),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let readable = search
            .kinds
            .iter()
            .map(|kind| {
                let term =
                    Term::from_facet(self.fields.facets, &facet(Dimension::Kind, kind.code()));
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                )
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(readable))));
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let mut facets = FacetCollector::for_field("facets");
        for dimension in Dimension::ALL {
            facets.add_facet(tantivy::schema::Facet::from_path([dimension.code()]));
        }
        let (top, total, counts) = searcher.search(
            &query,
            &(TopDocs::with_limit(search.limit.max(1)), Count, facets),
        )?;
        let highlight = |field: Field, chars: usize| -> Result<Option<SnippetGenerator>, Error> {
            let Some(text) = &text else { return Ok(None) };
            let mut generator = SnippetGenerator::create(&searcher, text.as_ref(), field)?;
            generator.set_max_num_chars(chars);
            Ok(Some(generator))
        };
        let titles = highlight(self.fields.title, 1_000)?;
        let bodies = highlight(self.fields.body, SNIPPET_CHARS)?;
        let mut hits = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let title = get(self.fields.title);
            let body = get(self.fields.body);
            let title_pieces = match &titles {
                Some(g) => pieces(&g.snippet(&title)),
                None => vec![],
            }
            .into_iter()
            .filter(|p| !p.text.is_empty())
            .collect::<Vec<_>>();
            let snippet = bodies
                .as_ref()
                .map(|g| pieces(&g.snippet(&body)))
                .filter(|p| p.iter().any(|p| p.matched))
                .unwrap_or_else(|| lead(&body));
            hits.push(Hit {
                kind: Kind::parse(&get(self.fields.kind)).unwrap_or(Kind::Irritant),
                id: get(self.fields.id),
                title: if title_pieces.iter().any(|p| p.matched) {
                    title_pieces
                } else {
                    vec![Piece {
                        text: title,
                        matched: false,
                    }]
                },
                snippet,
            });
        }
        let facets = Dimension::ALL
            .into_iter()
            .map(|dimension| {
                let mut values: Vec<(String, u64)> = counts
                    .get(tantivy::schema::Facet::from_path([dimension.code()]))
                    .filter_map(|(f, n)| f.to_path().last().map(|v| ((*v).to_string(), n)))
                    .collect();
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (dimension, values)
            })
            .filter(|(_, values)| !values.is_empty())
            .collect();
        Ok(Results {
            total,
            hits,
            facets,
        })
    }

    /// Every word must be found, exactly or mistyped, in the title or the body; or the query names a
    /// thesaurus concept that the document names too. `None` when the text has no searchable word.
    fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let mut tokenizer = self.tokenizer.clone();
        let mut stream = tokenizer.token_stream(text);
        let mut stems = Vec::new();
        while let Some(token) = stream.next() {
            if stems.len() < MAX_QUERY_WORDS && !stems.contains(&token.text) {
                stems.push(token.text.clone());
            }
        }
        if stems.is_empty() {
            return None;
        }
        let words: Vec<(Occur, Box<dyn Query>)> = stems
            .iter()
            .map(|stem| {
                let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (field, boost) in [(self.fields.title, 2.0), (self.fields.body, 1.0)] {
                    let term = Term::from_field_text(field, stem);
                    either.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(
                            Box::new(TermQuery::new(
                                term.clone(),
                                IndexRecordOption::WithFreqsAndPositions,
                            )),
                            boost,
                        )),
                    ));
                    let distance = match stem.chars().count() {
                        0..=3 => 0,
                        4..=7 => 1,
                        _ => 2,
                    };
                    if distance > 0 {
                        either.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(
                                Box::new(FuzzyTermQuery::new(term, distance, true)),
                                boost * 0.5,
                            )),
                        ));
                    }
                }
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(either)) as Box<dyn Query>,
                )
            })
            .collect();
        let mut any: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Should, Box::new(BooleanQuery::new(words)))];
        let mut concepts: Vec<&str> = self
            .thesaurus
            .annotate(&self.analyzer.analyze(text))
            .concepts
            .iter()
            .map(|&c| self.thesaurus.concept(c).key.as_str())
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        for key in concepts {
            any.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.concepts, key),
                        IndexRecordOption::Basic,
                    )),
                    1.5,
                )),
            ));
        }
        Some(Box::new(BooleanQuery::new(any)))
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn facet(dimension: Dimension, value: &str) -> tantivy::schema::Facet {
    tantivy::schema::Facet::from_path([dimension.code(), value])
}

/// A snippet as pieces, highlighted ranges marked.
fn pieces(snippet: &Snippet) -> Vec<Piece> {
    let text = snippet.fragment();
    let mut out = Vec::new();
    let mut at = 0;
    for range in snippet.highlighted() {
        if range.start > at {
            out.push(Piece {
                text: text[at..range.start].to_string(),
                matched: false,
            });
        }
        out.push(Piece {
            text: text[range.clone()].to_string(),
            matched: true,
        });
        at = range.end;
    }
    if at < text.len() {
        out.push(Piece {
            text: text[at..].to_string(),
            matched: false,
        });
    }
    out
}

/// The start of a body, cut at a word, when no word of it matched (the match was in the title or
/// through a concept).
fn lead(body: &str) -> Vec<Piece> {
    let mut end = body.len();
    if let Some((cut, _)) = body.char_indices().nth(SNIPPET_CHARS) {
        end = body[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    }
    let mut text = body[..end].trim_end().to_string();
    if end < body.len() {
        text.push('…');
    }
    vec![Piece {
        text,
        matched: false,
    }]
}

#[cfg(test)]
mod tests;
