//! Prints recall@1, recall@5 and MRR of the engine and of the standard BM25
//! baseline on the committed development sets, with full texts and with
//! titles only.
//! `cargo run --release -p passerelle-matching --example evaluate [-- --set uniform]`

use passerelle_matching::{Engine, Fields, Params, bm25, devset};

fn main() {
    // `--config FILE`: engine parameters (TOML), to compare settings.
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|p| args.get(p + 1))
    };
    let engine = match value("--config") {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("readable config");
            let params = Params::from_toml(&text).expect("valid config");
            let analyzer = passerelle_matching::text::Analyzer::new();
            let thesaurus = passerelle_matching::thesaurus::Thesaurus::builtin(&analyzer);
            Engine::new(thesaurus, params)
        }
        None => Engine::builtin(),
    };
    // `--mythes FILE`: a MyThes thesaurus (Debian's mythes-fr,
    // /usr/share/mythes/th_fr_FR_v2.dat) instead of the curated synonyms.
    let engine = match value("--mythes") {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("readable MyThes file");
            let synonyms =
                passerelle_matching::synonyms::Synonyms::from_mythes(&text, engine.analyzer());
            eprintln!("{} words with synonyms", synonyms.len());
            engine.with_synonyms(synonyms)
        }
        None => engine,
    };
    // `--set NAME`: one set only (the details below are for that set).
    let sets: Vec<devset::DevSet> = devset::ALL
        .into_iter()
        .filter(|s| value("--set").is_none_or(|n| n == s.name))
        .collect();
    println!("| set | method | fields | recall@1 | recall@5 | MRR |");
    println!("|---|---|---|---|---|---|");
    for set in &sets {
        for row in devset::compare(&engine, *set) {
            let fields = match row.fields {
                Fields::All => "title+text",
                Fields::Title => "title only",
            };
            let m = row.metrics;
            println!(
                "| {} | {} | {fields} | {:.3} | {:.3} | {:.3} |",
                set.name, row.method, m.recall_at_1, m.recall_at_5, m.mrr
            );
        }
    }
    let (input, gold) = devset::load(sets[0]);
    // `--details`: rank of the right company per irritant, to study errors.
    if std::env::args().any(|a| a == "--details") {
        for fields in [Fields::All, Fields::Title] {
            let n = input.companies.len();
            let m = engine.matcher(&input, fields);
            let e = m.rank(n);
            let b = bm25::rank(engine.analyzer(), &input, fields, n);
            println!("\n{fields:?}: irritant, engine rank, bm25 rank, engine top-1");
            for (i, irr) in input.irritants.iter().enumerate() {
                let pos =
                    |r: &[(u32, f32)]| r.iter().position(|c| c.0 == gold[i]).map_or(0, |p| p + 1);
                let top = &input.companies[e[i][0].0 as usize].id;
                let (re, rb) = (pos(&e[i]), pos(&b[i]));
                if re != 1 || rb != 1 {
                    println!("{} {re} {rb} {top} {}", irr.id, irr.title);
                }
            }
        }
    }
    // `--explain ID`: explanations of the right company and of the engine's top 1.
    let args: Vec<String> = std::env::args().collect();
    if let Some(id) = args
        .iter()
        .position(|a| a == "--explain")
        .and_then(|p| args.get(p + 1))
    {
        let i = input
            .irritants
            .iter()
            .position(|x| &x.id == id)
            .expect("known irritant id");
        for fields in [Fields::All, Fields::Title] {
            let m = engine.matcher(&input, fields);
            let top = m.rank(1)[i][0].0 as usize;
            for c in [gold[i] as usize, top] {
                println!(
                    "{fields:?} {}",
                    serde_json::to_string(&m.explain(i, c)).expect("serialisable")
                );
            }
        }
    }
}
