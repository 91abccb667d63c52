//! The committed development sets (`devset/`, see its README) and the
//! comparison of the engine with the standard BM25 baseline on them.

use std::collections::HashMap;

use serde::Deserialize;

use crate::bm25;
use crate::engine::{Engine, Fields};
use crate::eval::{Metrics, evaluate};
use crate::input::Input;

/// A committed development set.
#[derive(Clone, Copy, Debug)]
pub struct DevSet {
    pub name: &'static str,
    pub json: &'static str,
}

/// The set built to look like the real world: varied profile lengths and
/// styles, near-competitors, needs worded as institutions word them.
pub const VARIED: DevSet = DevSet {
    name: "varied",
    json: include_str!("../devset/varied.json"),
};

/// The first, uniform set (profiles of 12 to 34 words), kept as a second set.
pub const UNIFORM: DevSet = DevSet {
    name: "uniform",
    json: include_str!("../devset/uniform.json"),
};

/// Every committed set, the main one first.
pub const ALL: [DevSet; 2] = [VARIED, UNIFORM];

/// A dev set's input and, per irritant, the index of its right company.
pub fn load(set: DevSet) -> (Input, Vec<u32>) {
    #[derive(Deserialize)]
    struct Answers {
        answers: HashMap<String, String>,
    }
    let input = Input::from_json(set.json).expect("dev set is valid");
    let answers: Answers = serde_json::from_str(set.json).expect("dev set has answers");
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

/// Engine and BM25 on one set, with full texts and with titles only.
pub fn compare(engine: &Engine, set: DevSet) -> Vec<Row> {
    let (input, gold) = load(set);
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

    fn get(rows: &[Row], method: &str, fields: Fields) -> Metrics {
        rows.iter()
            .find(|r| r.method == method && r.fields == fields)
            .unwrap()
            .metrics
    }

    #[test]
    fn engine_beats_standard_bm25_on_the_varied_set_in_both_modes() {
        let rows = compare(&Engine::builtin(), VARIED);
        for f in [Fields::All, Fields::Title] {
            let (e, b) = (get(&rows, "engine", f), get(&rows, "bm25", f));
            assert!(e.mrr > b.mrr, "{f:?}: engine {e:?} vs bm25 {b:?}");
        }
    }

    #[test]
    fn engine_beats_bm25_clearly_above_all_with_titles() {
        let rows = compare(&Engine::builtin(), UNIFORM);
        for f in [Fields::All, Fields::Title] {
            let (e, b) = (get(&rows, "engine", f), get(&rows, "bm25", f));
            assert!(e.mrr >= b.mrr, "{f:?}: engine {e:?} vs bm25 {b:?}");
        }
        let (e, b) = (
            get(&rows, "engine", Fields::Title),
            get(&rows, "bm25", Fields::Title),
        );
        assert!(e.mrr >= b.mrr + 0.08, "titles: engine {e:?} vs bm25 {b:?}");
        assert!(
            e.recall_at_5 > b.recall_at_5,
            "titles: engine {e:?} vs bm25 {b:?}"
        );
    }

    #[test]
    fn every_set_is_valid_with_one_known_answer_per_irritant() {
        for set in ALL {
            let (input, gold) = load(set);
            assert_eq!(gold.len(), input.irritants.len(), "{}", set.name);
            assert!(
                input.warnings.is_empty(),
                "{}: {:?}",
                set.name,
                input.warnings
            );
        }
    }
}
