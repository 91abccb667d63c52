//! The crafted variants of the public instances (forbidden slots at two densities, 20 % and 40 % of
//! the meetings fixed, precedences; fairness 0, 1 and 3), each solved within a limit:
//! `cargo run --release -p passerelle-scheduling --example crafted_variants -- SECONDS SEED FILE...`.
//! One line per variant: proved optimum, "infeasible" (with its reason) or what was left unproved.
use std::time::{Duration, Instant};

use passerelle_scheduling::generate::{Variant, crafted};
use passerelle_scheduling::{Instance, Outcome, SolveOptions, check, dzn, solve};

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: f64 = args.next().and_then(|s| s.parse().ok()).expect("SECONDS");
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).expect("SEED");
    let variants = [
        ("forbidden-10%", Variant::Forbidden(0.1)),
        ("forbidden-20%", Variant::Forbidden(0.2)),
        ("fixed-20%", Variant::Fixed(0.2)),
        ("fixed-40%", Variant::Fixed(0.4)),
        ("precedences-10%", Variant::Precedences(0.1)),
    ];
    let (mut answered, mut total, mut slowest) = (0, 0, 0.0f64);
    for path in args {
        let text = std::fs::read_to_string(&path).expect("readable");
        let base = dzn::parse(&text).expect("parses").spec;
        let name = path.rsplit('/').next().unwrap_or(&path);
        for (label, variant) in variants {
            for d in [0, 1, 3] {
                total += 1;
                let spec = crafted(&base, variant, Some(d), seed);
                let start = Instant::now();
                let result = match Instance::new(spec) {
                    Err(e) if e.is_infeasibility() => {
                        answered += 1;
                        format!("infeasible (model): {e}")
                    }
                    Err(e) => format!("refused: {e}"),
                    Ok(inst) => match solve(
                        &inst,
                        &SolveOptions {
                            time_limit: Duration::from_secs_f64(seconds),
                            seed: 0,
                        },
                    ) {
                        Outcome::Scheduled(sol) => {
                            let valid = check(inst.spec(), &sol.schedule).is_ok();
                            if sol.optimal && valid {
                                answered += 1;
                            }
                            format!(
                                "breaks={} lower_bound={} optimal={} valid={valid}",
                                sol.total_breaks, sol.lower_bound, sol.optimal
                            )
                        }
                        Outcome::Infeasible(i) => {
                            answered += 1;
                            let reason: String = i.reason.chars().take(90).collect();
                            format!("infeasible: {reason}")
                        }
                        Outcome::TimedOut(_) => "timed out".to_owned(),
                    },
                };
                let t = start.elapsed().as_secs_f64();
                slowest = slowest.max(t);
                println!("{name} {label} d={d}: {result} seconds={t:.3}");
            }
        }
    }
    println!("answered (proved optimum or infeasible): {answered}/{total}, slowest {slowest:.2} s");
}
