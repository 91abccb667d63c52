//! Standard BM25 baseline, the one the engine must beat: one field per company
//! (name, tags and text joined), every text analysed as French (elisions,
//! French stop words, French Snowball stemmer, accents folded), no thesaurus,
//! no phrases, no field weights, k1 = 1.2, b = 0.75, Lucene's idf, and each
//! distinct query word counted once (a word repeated in a fiche is not worth
//! more: that is how BM25 is run on queries in the literature and in Lucene's
//! `BooleanQuery` of unique terms).

use std::collections::HashMap;

use crate::engine::Fields;
use crate::input::Input;
use crate::text::{Analyzer, Lang};

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The top `top_k` companies of every irritant, as (company index, BM25 score).
pub fn rank(
    analyzer: &Analyzer,
    input: &Input,
    fields: Fields,
    top_k: usize,
) -> Vec<Vec<(u32, f32)>> {
    let docs: Vec<HashMap<String, f32>> = input
        .companies
        .iter()
        .map(|c| {
            let text = format!("{} {} {}", c.name, c.tags.join(" "), c.text);
            let mut tf = HashMap::new();
            for t in analyzer.analyze_in(&text, Lang::Fr) {
                *tf.entry(t).or_insert(0.0) += 1.0;
            }
            tf
        })
        .collect();
    let lens: Vec<f32> = docs.iter().map(|d| d.values().sum()).collect();
    let n = docs.len() as f32;
    let avg = (lens.iter().sum::<f32>() / n.max(1.0)).max(1.0);
    let mut df: HashMap<&str, f32> = HashMap::new();
    for d in &docs {
        for t in d.keys() {
            *df.entry(t).or_insert(0.0) += 1.0;
        }
    }
    input
        .irritants
        .iter()
        .map(|irr| {
            let query = match fields {
                Fields::All => format!("{} {}", irr.title, irr.text),
                Fields::Title => irr.title.clone(),
            };
            let mut terms = analyzer.analyze_in(&query, Lang::Fr);
            terms.sort_unstable();
            terms.dedup();
            let mut scored: Vec<(u32, f32)> = docs
                .iter()
                .zip(&lens)
                .enumerate()
                .map(|(d, (doc, &len))| {
                    let s = terms
                        .iter()
                        .filter_map(|t| {
                            let tf = *doc.get(t)?;
                            let df = df[t.as_str()];
                            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                            Some(idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg)))
                        })
                        .sum();
                    (d as u32, s)
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            scored.truncate(top_k);
            scored
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_finds_shared_words_but_not_synonyms() {
        let json = r#"{"irritants":[{"id":"i","title":"Réservation de salles","text":"un assistant virtuel"}],
          "companies":[{"id":"a","name":"A","text":"chatbot"},{"id":"b","name":"B","text":"réserver des salles de réunion"},
                       {"id":"c","name":"C","text":"agent conversationnel"}]}"#;
        let input = Input::from_json(json).unwrap();
        let a = Analyzer::new();
        let all = rank(&a, &input, Fields::All, 3);
        assert_eq!(all[0][0].0, 1, "{all:?}");
        assert!(
            all[0].iter().filter(|r| r.0 != 1).all(|r| r.1 == 0.0),
            "no synonyms: {all:?}"
        );
        let title = rank(&a, &input, Fields::Title, 1);
        assert_eq!(title[0].len(), 1, "top k respected");
        assert_eq!(title[0][0].0, 1);
    }

    #[test]
    fn a_repeated_query_word_counts_once() {
        // "salles" three times must not let the room company overtake the one
        // that matches both distinct words.
        let json = r#"{"irritants":[{"id":"i","title":"salles salles salles réunion"},{"id":"j","title":"salles réunion"}],
          "companies":[{"id":"a","name":"A","text":"salles de sport salles de danse salles"},
                       {"id":"b","name":"B","text":"réunion et salles"},{"id":"c","name":"C","text":"autre chose"}]}"#;
        let input = Input::from_json(json).unwrap();
        let r = rank(&Analyzer::new(), &input, Fields::Title, 3);
        assert_eq!(r[0], r[1], "repetition changes nothing");
        assert_eq!(r[0][0].0, 1);
    }

    #[test]
    fn standard_constants_give_the_textbook_score() {
        // One document, one query word occurring once: idf × (k1+1)/(1+k1).
        let json = r#"{"irritants":[{"id":"i","title":"badge"}],
          "companies":[{"id":"a","name":"A","text":"badge"},{"id":"b","name":"B","text":"rien"}]}"#;
        let input = Input::from_json(json).unwrap();
        let r = rank(&Analyzer::new(), &input, Fields::Title, 1);
        let idf = (1.0f32 + (2.0 - 1.0 + 0.5) / 1.5).ln();
        assert!((r[0][0].1 - idf).abs() < 1e-5, "{r:?}");
    }
}
