//! The committed development set (`devset/devset.json`) and the comparison of
//! the engine with the BM25 baseline on it.

use std::collections::HashMap;

use serde::Deserialize;

use crate::bm25;
use crate::engine::{Engine, Fields};
use crate::eval::{Metrics, evaluate};
use crate::input::Input;

/// The development set as committed.
pub const DEVSET_JSON: &str = include_str!("../devset/devset.json");

/// The dev set's input and, per irritant, the index of its right company.
pub fn load() -> (Input, Vec<u32>) {
    #[derive(Deserialize)]
    struct Answers {
        answers: HashMap<String, String>,
    }
    let input = Input::from_json(DEVSET_JSON).expect("dev set is valid");
    let answers: Answers = serde_json::from_str(DEVSET_JSON).expect("dev set has answers");
    let index: HashMap<&str, u32> = input
        .companies
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id.as_str(), n as u32))
        .collect();
    let gold = input
        .irritants
        .iter()
        .map(|i| index[answers.answers[&i.id].as_str()])
        .collect();
    (input, gold)
}

/// One line of the comparison table.
#[derive(Clone, Debug)]
pub struct Row {
    pub method: &'static str,
    pub fields: Fields,
    pub metrics: Metrics,
}

/// Engine and BM25, with full texts and with titles only.
pub fn compare(engine: &Engine) -> Vec<Row> {
    let (input, gold) = load();
    let ids = |r: Vec<Vec<(u32, f32)>>| -> Vec<Vec<u32>> {
        r.into_iter()
            .map(|l| l.into_iter().map(|(c, _)| c).collect())
            .collect()
    };
    let mut rows = Vec::new();
    for fields in [Fields::All, Fields::Title] {
        let n = input.companies.len();
        let engine_rank = ids(engine.matcher(&input, fields).rank(n));
        let bm25_rank = ids(bm25::rank(engine.analyzer(), &input, fields, n));
        rows.push(Row {
            method: "engine",
            fields,
            metrics: evaluate(&engine_rank, &gold),
        });
        rows.push(Row {
            method: "bm25",
            fields,
            metrics: evaluate(&bm25_rank, &gold),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_beats_bm25_clearly_above_all_with_titles() {
        let rows = compare(&Engine::builtin());
        let get = |m: &str, f: Fields| {
            rows.iter()
                .find(|r| r.method == m && r.fields == f)
                .unwrap()
                .metrics
        };
        for f in [Fields::All, Fields::Title] {
            let (e, b) = (get("engine", f), get("bm25", f));
            assert!(e.mrr >= b.mrr, "{f:?}: engine {e:?} vs bm25 {b:?}");
        }
        let (e, b) = (get("engine", Fields::Title), get("bm25", Fields::Title));
        assert!(e.mrr >= b.mrr + 0.08, "titles: engine {e:?} vs bm25 {b:?}");
        assert!(
            e.recall_at_5 > b.recall_at_5,
            "titles: engine {e:?} vs bm25 {b:?}"
        );
    }
}
