//! The `schedule-b2b` contract, through the built binary: CSV on stdout, one summary line on stderr,
//! exit 0 / 1 (malformed, line and field named) / 2 (infeasible, reason given).

use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!(
        "{}/../scheduling/tests/fixtures/{name}.original.dzn",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("schedule-b2b")
        .args(args)
        .output()
        .expect("binary runs")
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "passerelle-sched-{}-{name}.dzn",
        std::process::id()
    ));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("temp file");
    path
}

#[test]
fn forumt_14_prints_an_optimal_schedule_as_csv() {
    let out = run(&[
        &fixture("forumt-14"),
        "--fairness",
        "2",
        "--time-limit",
        "10",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("meeting,slot,table"));
    let rows: Vec<Vec<usize>> = lines
        .map(|l| l.split(',').map(|v| v.parse().expect("number")).collect())
        .collect();
    assert_eq!(rows.len(), 237);
    let meetings: HashSet<usize> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(meetings, (1..=237).collect());
    let mut seats = HashSet::new();
    for r in &rows {
        assert!(
            (1..=10).contains(&r[1]) && (1..=27).contains(&r[2]),
            "{r:?}"
        );
        assert!(
            seats.insert((r[1], r[2])),
            "table {} twice in slot {}",
            r[2],
            r[1]
        );
    }
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("breaks=5 lower_bound=5 optimal=yes"),
        "{stderr}"
    );
}

#[test]
fn a_malformed_file_exits_1_naming_line_and_field() {
    let path = temp_file(
        "bad",
        "nBusiness = 3;\nnMeetings = 1;\nnTables = 1;\nnTotalSlots = 2;\nnMorningSlots = 2;\nrequested = [|1, x, 3|];\n",
    );
    let out = run(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 6") && stderr.contains("requested"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_participant_exits_1_naming_line_and_field() {
    let path = temp_file(
        "unknown",
        "nBusiness = 2;\nnMeetings = 1;\nnTables = 1;\nnTotalSlots = 2;\nnMorningSlots = 2;\nrequested = [|1, 5, 3|];\n",
    );
    let out = run(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 6") && stderr.contains("participant 5"),
        "{stderr}"
    );
}

#[test]
fn an_infeasible_instance_exits_2_with_the_reason() {
    // Two meetings, one slot, one table.
    let path = temp_file(
        "infeasible",
        "nBusiness = 4;\nnMeetings = 2;\nnTables = 1;\nnTotalSlots = 1;\nnMorningSlots = 1;\nrequested = [|1, 2, 3\n|3, 4, 3|];\n",
    );
    let out = run(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("infeasible") && stderr.contains("2 meetings for 1 tables"),
        "{stderr}"
    );
    // The largest placeable set is still printed: header and one meeting.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn a_participant_with_too_many_meetings_exits_2_naming_it() {
    let path = temp_file(
        "crowded",
        "nBusiness = 3;\nnMeetings = 2;\nnTables = 2;\nnTotalSlots = 1;\nnMorningSlots = 1;\nrequested = [|1, 2, 3\n|1, 3, 3|];\n",
    );
    let out = run(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("participant 1: 2 meetings but only 1 usable slots"),
        "{stderr}"
    );
}

#[test]
fn a_repeated_pair_is_scheduled_twice_with_a_warning_on_the_summary_line() {
    // Participants 1 and 2 asked twice (in either order): two meetings, back to back.
    let path = temp_file(
        "repeated",
        "nBusiness = 3;\nnMeetings = 3;\nnTables = 1;\nnTotalSlots = 3;\nnMorningSlots = 3;\nrequested = [|1, 2, 3\n|2, 1, 3\n|1, 3, 3|];\n",
    );
    let out = run(&[path.to_str().expect("utf-8 path"), "--fairness", "2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("breaks=0 lower_bound=0 optimal=yes meetings=3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("meetings 1 and 2")
            && stderr.contains("line 7"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
}

#[test]
fn a_fairness_bound_that_cannot_be_met_exits_2_at_once_with_its_reason() {
    // Participant 1 meets in slots 1 and 3 only (2 is forbidden): one break; participant 4 has none.
    let path = temp_file(
        "unfair",
        "nBusiness = 5;\nnMeetings = 3;\nnTables = 2;\nnTotalSlots = 3;\nnMorningSlots = 3;\nrequested = [|1, 2, 3\n|1, 3, 3\n|4, 5, 3|];\nforbidden = [{2},{0},{0},{0},{0}];\n",
    );
    let start = std::time::Instant::now();
    let out = run(&[path.to_str().expect("utf-8 path"), "--fairness", "0"]);
    let elapsed = start.elapsed().as_secs_f64();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fairness bound d=0"), "{stderr}");
    assert!(elapsed < 1.0, "took {elapsed:.2} s");
}

#[test]
fn a_missing_file_exits_1() {
    let out = run(&["/nonexistent/instance.dzn"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_large_event_stops_at_the_time_limit_and_still_prints_its_schedule() {
    use passerelle_scheduling::generate::{GeneratorConfig, generate};
    // 600 participants, 6,000 meetings over 24 slots: far from proved optimal in one second.
    let cfg = GeneratorConfig {
        hosts: 300,
        visitors: 300,
        meetings: 6_000,
        tables: 300,
        ..GeneratorConfig::large_event(3)
    };
    let text = passerelle_scheduling::dzn::write(&generate(&cfg)).expect("two sessions");
    let path = temp_file("large", &text);
    let start = std::time::Instant::now();
    let out = run(&[
        path.to_str().expect("utf-8 path"),
        "--fairness",
        "2",
        "--time-limit",
        "1",
    ]);
    let elapsed = start.elapsed().as_secs_f64();
    // Generous slack for a loaded CI machine: the point is that it stops, not how fast it starts.
    assert!(elapsed < 3.0, "took {elapsed:.2} s for a 1 s limit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // 0 with a fair schedule of every meeting, 3 with the best found when time ran out first.
    let complete = match out.status.code() {
        Some(0) => true,
        Some(3) => false,
        other => panic!("exit {other:?}: {stderr}"),
    };
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let mut seats = HashSet::new();
    let mut meetings = HashSet::new();
    for line in stdout.lines().skip(1) {
        let r: Vec<usize> = line
            .split(',')
            .map(|v| v.parse().expect("number"))
            .collect();
        assert!(meetings.insert(r[0]), "meeting {} twice", r[0]);
        assert!(
            seats.insert((r[1], r[2])),
            "table {} twice in slot {}",
            r[2],
            r[1]
        );
    }
    if complete {
        assert_eq!(meetings.len(), 6_000);
        assert!(
            stderr.contains("lower_bound=") && stderr.contains("fairness=2 "),
            "{stderr}"
        );
    }
}

/// Issue 7, finding 8: a device or a pipe declares no size; reading stops at the documented limit.
#[test]
fn an_endless_input_stops_at_the_size_limit() {
    let out = run(&["/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("exceeds 64 MiB: reading stopped"), "{err}");
    assert!(out.stdout.is_empty());
}
