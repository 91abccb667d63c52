//! Which thesaurus concepts each dev-set title triggers, and the share of
//! titles that trigger none: the thesaurus' coverage of how needs are worded.
//! `cargo run --release -p passerelle-matching --example coverage`

use passerelle_matching::{Engine, devset};

fn main() {
    let engine = Engine::builtin();
    let th = engine.thesaurus();
    for set in devset::ALL {
        let (input, _) = devset::load(set);
        let mut none = 0;
        for irr in &input.irritants {
            let stems = engine.analyzer().analyze(&irr.title);
            let keys: Vec<String> = th
                .mentions(&stems)
                .iter()
                .flat_map(|m| {
                    let span = stems[m.start..m.start + m.len].join(" ");
                    m.concepts
                        .iter()
                        .map(move |&c| format!("{} ({span})", th.concept(c).key))
                })
                .collect();
            if keys.is_empty() {
                none += 1;
            }
            if std::env::args().any(|a| a == "--list") {
                println!("{} {} → {keys:?}", irr.id, irr.title);
            }
        }
        println!(
            "{}: {none} of {} titles trigger no concept",
            set.name,
            input.irritants.len()
        );
    }
}
