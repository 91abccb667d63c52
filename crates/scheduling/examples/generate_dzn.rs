//! Writes a generated event in the `.dzn` format, for the CLI:
//! `cargo run --release -p passerelle-scheduling --example generate_dzn -- large SEED > event.dzn`
//! (`large` is the 2,000-participant / 20,000-meeting event; `medium` a forum-sized hard one).
use passerelle_scheduling::dzn;
use passerelle_scheduling::generate::{GeneratorConfig, generate};

fn main() {
    let kind = std::env::args().nth(1).unwrap_or_else(|| "large".into());
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let cfg = match kind.as_str() {
        "medium" => GeneratorConfig {
            hosts: 40,
            visitors: 50,
            meetings: 420,
            sessions: vec![6, 6],
            tables: 40,
            visitor_pairs: 0.1,
            forbidden: 0.1,
            fixed: 0.02,
            precedence: 0.02,
            session: 0.1,
            fairness: None,
            hosts_keep_tables: false,
            seed,
        },
        _ => GeneratorConfig::large_event(seed),
    };
    print!(
        "{}",
        dzn::write(&generate(&cfg)).expect("two sessions at most")
    );
}
