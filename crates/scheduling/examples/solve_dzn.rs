//! Solves `.dzn` files with the library alone (same figures as `passerelle schedule-b2b`, without
//! building the whole binary): `cargo run --release -p passerelle-scheduling --example solve_dzn --
//! FAIRNESS SECONDS FILE...`.
use std::time::{Duration, Instant};

use passerelle_scheduling::{Instance, Outcome, SolveOptions, check, dzn, solve};

fn main() {
    let mut args = std::env::args().skip(1);
    let fairness: u32 = args.next().and_then(|s| s.parse().ok()).expect("FAIRNESS");
    let seconds: f64 = args.next().and_then(|s| s.parse().ok()).expect("SECONDS");
    for path in args {
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut spec = dzn::parse(&text).expect("parses").spec;
        spec.fairness = Some(fairness);
        let inst = Instance::new(spec).expect("valid");
        let start = Instant::now();
        let outcome = solve(
            &inst,
            &SolveOptions {
                time_limit: Duration::from_secs_f64(seconds),
                seed: 0,
            },
        );
        let t = start.elapsed().as_secs_f64();
        match outcome {
            Outcome::Scheduled(sol) => println!(
                "{path}: breaks={} lower_bound={} optimal={} valid={} seconds={t:.3}",
                sol.total_breaks,
                sol.lower_bound,
                sol.optimal,
                check(inst.spec(), &sol.schedule).is_ok()
            ),
            other => println!("{path}: {other:?}"),
        }
    }
}
