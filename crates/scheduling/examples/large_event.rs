//! Schedules the generated 2,000-participant / 20,000-meeting event and prints its figures:
//! `cargo run --release -p passerelle-scheduling --example large_event [SECONDS]`.
use std::time::{Duration, Instant};

use passerelle_scheduling::generate::{GeneratorConfig, generate};
use passerelle_scheduling::{Instance, Outcome, SolveOptions, check, solve};

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0);
    let spec = generate(&GeneratorConfig::large_event(1));
    let inst = Instance::new(spec).expect("generated events are valid");
    let start = Instant::now();
    let outcome = solve(
        &inst,
        &SolveOptions {
            time_limit: Duration::from_secs_f64(seconds),
            seed: 0,
        },
    );
    let elapsed = start.elapsed().as_secs_f64();
    match outcome {
        Outcome::Scheduled(sol) => {
            let eval = check(inst.spec(), &sol.schedule);
            println!(
                "participants={} meetings={} breaks={} lower_bound={} fair={} host_table_changes={} valid={} seconds={elapsed:.2}",
                inst.n_participants(),
                inst.n_meetings(),
                sol.total_breaks,
                sol.lower_bound,
                sol.fair,
                sol.host_table_changes,
                eval.is_ok()
            );
        }
        other => println!("not scheduled after {elapsed:.2} s: {other:?}"),
    }
}
