//! `passerelle schedule-b2b INSTANCE.dzn [--fairness D] [--time-limit SECONDS] [--seed N]`
//!
//! Stable contract (the engine is measured through it): CSV `meeting,slot,table` on stdout (1-based, in
//! the order of `requested`), one summary line on stderr. Exit 0 with a complete schedule, 1 for a
//! malformed or unreadable file (line and field named), 2 for an infeasible instance (reason given,
//! largest placeable set on stdout), 3 when the time ran out before every meeting was placed or
//! before the fairness bound was met (best schedule found on stdout, `NOT-MET` in the summary).
//! Warnings (a repeated pair of participants: both requests are held) end the summary line, after
//! its `key=value` fields, as `warning: …`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use passerelle_scheduling::{Instance, Outcome, Schedule, SolveOptions, dzn, solve};

#[derive(clap::Args)]
pub struct Args {
    /// Instance in the MiniZinc `.dzn` format of the public B2B instances.
    instance: PathBuf,
    /// Fairness bound d: break counts of any two participants differ by at most d (none if absent).
    #[arg(long)]
    fairness: Option<u32>,
    /// Wall-clock limit in seconds; the best schedule found so far is printed when it is reached.
    #[arg(long, default_value_t = 10.0, value_parser = parse_seconds)]
    time_limit: f64,
    /// Seed of the local search (same seed, same result when the search ends before the limit).
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "durée invalide « {s} » (secondes, > 0) / invalid duration \"{s}\" (seconds, > 0)"
        )),
    }
}

/// Largest instance read, in bytes: a `.dzn` of the largest events is a few hundred kilobytes.
pub const MAX_INSTANCE_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(args: Args) -> ExitCode {
    let start = Instant::now();
    let path = args.instance.display();
    let text =
        match super::input::read_bounded(&args.instance, MAX_INSTANCE_BYTES).and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| format!("{path} : pas en UTF-8 / not UTF-8"))
        }) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        };
    let parsed = match dzn::parse(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut spec = parsed.spec.clone();
    spec.fairness = args.fairness;
    let inst = match Instance::new(spec) {
        Ok(i) => i,
        Err(e) => {
            let place = parsed
                .locate(&e)
                .map(|(line, field)| {
                    format!("ligne {line}, champ « {field} » / line {line}, field \"{field}\": ")
                })
                .unwrap_or_default();
            eprintln!("{path}: {place}{e}");
            return ExitCode::from(if e.is_infeasibility() { 2 } else { 1 });
        }
    };
    let warnings: Vec<String> = inst
        .warnings()
        .iter()
        .map(|w| match parsed.locate_warning(w) {
            Some((line, _)) => format!("{w} (ligne / line {line})"),
            None => w.to_string(),
        })
        .collect();
    let warnings = if warnings.is_empty() {
        String::new()
    } else {
        format!(" warning: {}", warnings.join("; "))
    };
    // Leave a margin for writing the output within the limit.
    let limit = Duration::from_secs_f64(args.time_limit);
    let budget = limit.saturating_sub(start.elapsed()).mul_f64(0.95);
    let outcome = solve(
        &inst,
        &SolveOptions {
            time_limit: budget,
            seed: args.seed,
        },
    );
    let seconds = start.elapsed().as_secs_f64();
    match outcome {
        Outcome::Scheduled(sol) => {
            if write_csv(&sol.schedule).is_err() {
                return ExitCode::from(1);
            }
            let fairness = match (args.fairness, sol.fair) {
                (None, _) => String::new(),
                (Some(d), true) => format!(" fairness={d}"),
                (Some(d), false) => format!(" fairness={d} NOT-MET"),
            };
            eprintln!(
                "breaks={} lower_bound={} optimal={} meetings={}{fairness} seconds={seconds:.3}{warnings}",
                sol.total_breaks,
                sol.lower_bound,
                if sol.optimal { "yes" } else { "no" },
                sol.schedule.n_placed(),
            );
            // Every meeting is placed, but a schedule over the fairness bound does not answer the
            // question asked: the same "time ran out" code as an incomplete schedule.
            if sol.fair {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            }
        }
        Outcome::Infeasible(inf) => {
            let _ = write_csv(&inf.largest_placeable);
            eprintln!(
                "infeasible: {} (placeable={}/{} seconds={seconds:.3}){warnings}",
                inf.reason,
                inf.largest_placeable.n_placed(),
                inst.n_meetings()
            );
            ExitCode::from(2)
        }
        Outcome::TimedOut(partial) => {
            let _ = write_csv(&partial);
            eprintln!(
                "incomplete: temps écoulé / time limit reached (placed={}/{} seconds={seconds:.3}){warnings}",
                partial.n_placed(),
                inst.n_meetings()
            );
            ExitCode::from(3)
        }
    }
}

fn write_csv(schedule: &Schedule) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(out, "meeting,slot,table")?;
    for (m, p) in schedule.placements().iter().enumerate() {
        if let Some(p) = p {
            writeln!(out, "{},{},{}", m + 1, p.slot + 1, p.table + 1)?;
        }
    }
    out.flush()
}
