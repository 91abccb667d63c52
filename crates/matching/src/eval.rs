//! Ranking quality against labelled answers: recall@k and mean reciprocal rank.

use serde::Serialize;

/// Quality of a ranking over irritants that each have one right company.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Metrics {
    pub recall_at_1: f64,
    pub recall_at_5: f64,
    pub mrr: f64,
}

/// `rankings[i]` is the ranked company list of irritant `i` and `answers[i]`
/// its right company; an answer missing from the list counts as rank ∞.
pub fn evaluate(rankings: &[Vec<u32>], answers: &[u32]) -> Metrics {
    assert_eq!(rankings.len(), answers.len(), "one answer per irritant");
    let n = answers.len().max(1) as f64;
    let ranks: Vec<Option<usize>> = rankings
        .iter()
        .zip(answers)
        .map(|(r, a)| r.iter().position(|c| c == a).map(|p| p + 1))
        .collect();
    let within = |k: usize| ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count() as f64 / n;
    Metrics {
        recall_at_1: within(1),
        recall_at_5: within(5),
        mrr: ranks
            .iter()
            .map(|r| r.map_or(0.0, |r| 1.0 / r as f64))
            .sum::<f64>()
            / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_their_definitions() {
        let m = evaluate(&[vec![1, 2], vec![3, 4, 5, 6, 7, 8], vec![9]], &[1, 8, 0]);
        assert_eq!(m.recall_at_1, 1.0 / 3.0);
        assert_eq!(m.recall_at_5, 1.0 / 3.0);
        assert!((m.mrr - (1.0 + 1.0 / 6.0) / 3.0).abs() < 1e-12);
    }
}
