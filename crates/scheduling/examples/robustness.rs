//! A robustness set beyond the four public instances: generated events of the benchmark's sizes
//! (40 to 150 participants, 100 to 400 meetings) with varied table counts (tight to loose), session
//! splits (one day, morning/afternoon, three sessions), company-to-company meetings, forbidden
//! slots, fixed meetings, precedences and fairness bounds (none, 0, 1, 2, 3), each solved within a
//! limit: `cargo run --release -p passerelle-scheduling --example robustness -- SECONDS SEEDS`.
//! One line per event; the summary counts proved optima, infeasibilities (and the slowest of those
//! answers), what was left unproved and anything refused or invalid.
use std::time::{Duration, Instant};

use passerelle_scheduling::generate::{GeneratorConfig, generate};
use passerelle_scheduling::{Instance, Outcome, SolveOptions, check, solve};

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: f64 = args.next().and_then(|s| s.parse().ok()).expect("SECONDS");
    let seeds: u64 = args.next().and_then(|s| s.parse().ok()).expect("SEEDS");
    let shapes = [
        // (hosts, visitors, meetings, sessions, tables)
        (20, 25, 120, vec![8], 18),
        (20, 27, 180, vec![10], 21),
        (30, 30, 240, vec![10], 27),
        (30, 30, 236, vec![5, 5], 25),
        (40, 60, 300, vec![6, 6], 30),
        (50, 100, 400, vec![4, 4, 4], 40),
        (25, 25, 200, vec![10], 20),
    ];
    let fairness = [None, Some(0), Some(1), Some(2), Some(3)];
    let (mut optimal, mut infeasible, mut unproved, mut bad) = (0, 0, 0, 0);
    let (mut slowest, mut slowest_infeasible) = (0.0f64, 0.0f64);
    let mut total = 0;
    for seed in 0..seeds {
        for (i, (hosts, visitors, meetings, sessions, tables)) in shapes.iter().enumerate() {
            let d = fairness[(seed as usize + i) % fairness.len()];
            let cfg = GeneratorConfig {
                hosts: *hosts,
                visitors: *visitors,
                meetings: *meetings,
                sessions: sessions.clone(),
                tables: *tables,
                visitor_pairs: if i % 3 == 2 { 0.2 } else { 0.0 },
                forbidden: [0.0, 0.1, 0.3][(seed as usize + i) % 3],
                fixed: [0.0, 0.05, 0.2][(seed as usize + 2 * i) % 3],
                precedence: [0.0, 0.05][(seed as usize + i) % 2],
                session: [0.0, 0.2][(seed as usize + i / 2) % 2],
                fairness: d,
                hosts_keep_tables: i % 2 == 1,
                seed: seed * 100 + i as u64,
            };
            total += 1;
            let spec = generate(&cfg);
            let name = format!(
                "seed={seed} p={} m={} sessions={sessions:?} tables={tables} d={d:?}",
                hosts + visitors,
                spec.meetings.len()
            );
            let start = Instant::now();
            let result = match Instance::new(spec) {
                Err(e) => {
                    bad += 1;
                    format!("REFUSED: {e}")
                }
                Ok(inst) => match solve(
                    &inst,
                    &SolveOptions {
                        time_limit: Duration::from_secs_f64(seconds),
                        seed: 0,
                    },
                ) {
                    Outcome::Scheduled(sol) => {
                        // A schedule over the fairness bound is what the time limit left (the
                        // CLI exits 3): checked for every other rule, counted as unproved.
                        let mut rules = inst.spec().clone();
                        if !sol.fair {
                            rules.fairness = None;
                        }
                        let verdict = check(&rules, &sol.schedule);
                        let valid = verdict.is_ok();
                        if let Err(violations) = &verdict {
                            println!("  first violation: {:?}", violations.first());
                        }
                        if !valid {
                            bad += 1;
                        } else if sol.optimal {
                            optimal += 1;
                        } else {
                            unproved += 1;
                        }
                        format!(
                            "breaks={} lower_bound={} optimal={} fair={} valid={valid}",
                            sol.total_breaks, sol.lower_bound, sol.optimal, sol.fair
                        )
                    }
                    Outcome::Infeasible(why) => {
                        infeasible += 1;
                        slowest_infeasible = slowest_infeasible.max(start.elapsed().as_secs_f64());
                        let reason: String = why.reason.chars().take(80).collect();
                        format!("infeasible: {reason}")
                    }
                    Outcome::TimedOut(_) => {
                        unproved += 1;
                        "timed out".to_owned()
                    }
                },
            };
            let t = start.elapsed().as_secs_f64();
            slowest = slowest.max(t);
            println!("{name}: {result} seconds={t:.3}");
        }
    }
    println!(
        "{total} events: {optimal} proved optimal, {infeasible} infeasible (slowest answer {slowest_infeasible:.2} s), {unproved} unproved, {bad} refused or invalid; slowest {slowest:.2} s"
    );
}
