//! Properties of the affinity over arbitrary texts: scores stay in [0, 1],
//! rankings are sorted and agree with the explanations, nothing panics.

use passerelle_matching::{Engine, Fields, Input};
use proptest::prelude::*;

static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::builtin);

fn text() -> impl Strategy<Value = String> {
    // Real words and phrases of the field mixed with arbitrary Unicode.
    let words = prop::sample::select(vec![
        "chatbot",
        "agent conversationnel",
        "réservation de salles",
        "l'inscription",
        "d'étudiants",
        "qu'il",
        "IoT",
        "base de connaissances",
        "RGPD",
        "é",
        "’",
        "-",
        "the",
        "de",
        "and",
        "🎓",
    ]);
    (prop::collection::vec(words, 0..12), "\\PC{0,20}")
        .prop_map(|(w, noise)| format!("{} {noise}", w.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_are_bounded_sorted_and_explained(
        irritants in prop::collection::vec((text(), text()), 1..4),
        companies in prop::collection::vec((text(), text(), prop::collection::vec(text(), 0..3)), 1..6),
        title_only in any::<bool>(),
    ) {
        let json = serde_json::json!({
            "irritants": irritants.iter().enumerate().map(|(n, (t, x))| serde_json::json!({"id": format!("i{n}"), "title": format!("T {t}"), "text": x})).collect::<Vec<_>>(),
            "companies": companies.iter().enumerate().map(|(n, (name, x, tags))| serde_json::json!({"id": format!("c{n}"), "name": format!("N {name}"), "text": x, "tags": tags})).collect::<Vec<_>>(),
        });
        let input = Input::from_json(&json.to_string()).unwrap();
        let engine = &*ENGINE;
        let fields = if title_only { Fields::Title } else { Fields::All };
        let m = engine.matcher(&input, fields);
        for (i, ranking) in m.rank(companies.len()).iter().enumerate() {
            prop_assert_eq!(ranking.len(), companies.len());
            prop_assert!(ranking.windows(2).all(|w| w[0].1 >= w[1].1));
            for &(c, score) in ranking {
                prop_assert!((0.0..=1.0).contains(&score));
                let e = m.explain(i, c as usize);
                prop_assert!((e.score - score).abs() < 1e-4, "{} vs {}", e.score, score);
            }
        }
    }
}
