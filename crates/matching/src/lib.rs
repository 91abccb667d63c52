//! Passerelle's matching engine ("who meets whom"), pure: no I/O, no async.
//!
//! - [`text`]: French/English analysis of short texts (elisions, stop words,
//!   Snowball stemming, accents);
//! - [`thesaurus`]: the editable thesaurus of higher-education IT;
//! - [`synonyms`]: plain word synonyms for expanding short queries;
//! - [`engine`]: the explainable affinity score and the ranking;
//! - [`bm25`]: the plain BM25 baseline it is measured against;
//! - [`assign`]: the optimal choice of meetings under capacities;
//! - [`devset`] and [`eval`]: the labelled development set and its metrics.

pub mod assign;
pub mod bm25;
pub mod devset;
pub mod engine;
pub mod eval;
pub mod input;
pub mod synonyms;
pub mod text;
pub mod thesaurus;

pub use engine::{Engine, Explanation, Fields, Matcher, Params, Reason, ReasonKind, Weights};
pub use input::{Input, InputError};
