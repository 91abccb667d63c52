//! Distribution of the number of moved meetings when rescheduling the public instances (d = 2):
//! every single cancellation, and every participant blocked at each slot where it meets.
//! `cargo run --release -p passerelle-scheduling --example reschedule_moves -- DIR_WITH_DZN_FILES`
//! (defaults to the crate's fixtures).
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use passerelle_scheduling::{
    Change, Instance, Outcome, RescheduleError, SolveOptions, check, dzn, reschedule, solve,
};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR")));
    let options = SolveOptions {
        time_limit: Duration::from_secs(10),
        seed: 0,
    };
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "dzn"))
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut spec = dzn::parse(&text).expect("parses").spec;
        spec.fairness = Some(2);
        let inst = Instance::new(spec).expect("valid");
        let Outcome::Scheduled(sol) = solve(&inst, &options) else {
            panic!("not scheduled")
        };
        let mut changes = Vec::new();
        for meeting in 0..inst.n_meetings() {
            changes.push(("cancel", Change::Cancel { meeting }));
        }
        for participant in 0..inst.n_participants() {
            for &m in inst.meetings_of(participant) {
                let slot = sol.schedule.placement(m).expect("placed").slot;
                changes.push((
                    "absent",
                    Change::Absent {
                        participant,
                        slots: vec![slot],
                    },
                ));
            }
        }
        let start = Instant::now();
        // kind -> moved count -> occurrences; slot moves only (tables of unmoved meetings are kept).
        let mut dist: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
        let mut refused: BTreeMap<&str, usize> = BTreeMap::new();
        let mut dropped: BTreeMap<&str, usize> = BTreeMap::new();
        for (kind, change) in &changes {
            match reschedule(&inst, &sol.schedule, change, &options) {
                Ok(r) => {
                    assert!(
                        check(r.instance.spec(), &r.schedule).is_ok(),
                        "invalid reschedule for {change:?}"
                    );
                    *dist
                        .entry(kind)
                        .or_default()
                        .entry(r.moved.len())
                        .or_default() += 1;
                    *dropped.entry(kind).or_default() += r.dropped.len();
                }
                Err(RescheduleError::Infeasible | RescheduleError::Model(_)) => {
                    *refused.entry(kind).or_default() += 1
                }
                Err(e) => panic!("{change:?}: {e}"),
            }
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (kind, d) in &dist {
            let n: usize = d.values().sum();
            let max = d.keys().max().copied().unwrap_or(0);
            let mean = d.iter().map(|(k, v)| k * v).sum::<usize>() as f64 / n as f64;
            let hist: Vec<String> = d.iter().map(|(k, v)| format!("{k}:{v}")).collect();
            println!(
                "{name} {kind}: n={n} mean={mean:.2} max={max} moved:count {{{}}} dropped={} refused={}",
                hist.join(" "),
                dropped.get(kind).copied().unwrap_or(0),
                refused.get(kind).copied().unwrap_or(0)
            );
        }
        println!(
            "{name}: {} changes in {:.1} s",
            changes.len(),
            start.elapsed().as_secs_f64()
        );
    }
}
