//! Hostile and malformed input: clear errors naming the line and field, never a panic.

use passerelle_scheduling::{
    Instance, InstanceSpec, MeetingSpec, ModelError, ModelWarning, Outcome, ParticipantSpec,
    SessionSpec, SolveOptions, check, dzn, solve,
};

const HEADER: &str =
    "nBusiness = 3;\nnMeetings = 2;\nnTables = 2;\nnTotalSlots = 4;\nnMorningSlots = 2;\n";

fn parse_err(text: &str) -> dzn::DznError {
    dzn::parse(text).expect_err("must be refused")
}

/// The same event written the other ways MiniZinc data allows (and the paper's files use): block and
/// line comments, CRLF and odd spacing, `array2d`/`array1d` with index ranges, ranges inside sets and
/// as sets, no redundant fields, empty optional arrays, a boolean field the engine does not read.
#[test]
fn the_format_variants_of_the_papers_files_read_as_the_same_event() {
    let path = format!(
        "{}/tests/fixtures/forumt-14crafd.original.dzn",
        env!("CARGO_MANIFEST_DIR")
    );
    let original = std::fs::read_to_string(path).expect("fixture present");
    let spec = dzn::parse(&original).expect("fixture parses").spec;
    let n_slots: usize = spec.sessions.iter().map(|s| s.slots).sum();
    let morning = spec.sessions[0].slots;
    let flat: Vec<String> = spec
        .meetings
        .iter()
        .map(|m| format!("{},{},{}", m.a + 1, m.b + 1, m.session.map_or(3, |s| s + 1)))
        .collect();
    // Forbidden slots as ranges where they run on (a run of one stays a number).
    let forbidden: Vec<String> = spec
        .participants
        .iter()
        .map(|p| {
            let mut parts = Vec::new();
            let mut i = 0;
            while i < p.forbidden.len() {
                let mut j = i;
                while j + 1 < p.forbidden.len() && p.forbidden[j + 1] == p.forbidden[j] + 1 {
                    j += 1;
                }
                parts.push(if j > i {
                    format!("{}..{}", p.forbidden[i] + 1, p.forbidden[j] + 1)
                } else {
                    (p.forbidden[i] + 1).to_string()
                });
                i = j + 1;
            }
            format!("{{ {} }}", parts.join(" , "))
        })
        .collect();
    let fixed: Vec<String> = spec
        .meetings
        .iter()
        .map(|m| m.fixed.map_or(0, |s| s + 1).to_string())
        .collect();
    let variant = format!(
        "/* forumt-14crafd,\r\n   written differently */\r\nnBusiness=60;% participants\r\n\
         nMeetings = {n};\r\n  nTables\t= {t} ;\r\nnTotalSlots = {n_slots};\r\nnMorningSlots = {morning};\r\n\
         withBreaks = true;\r\n\
         requested = array2d(1..{n}, 1..3, [{req}]);\r\n\
         forbidden = array1d(1..60, [{forb}]);\r\n\
         fixed = array1d(1..{n}, [ {fixed} ]);\r\nprecedences = [];\r\n",
        n = spec.meetings.len(),
        t = spec.tables.len(),
        req = flat.join(",\r\n /* row */ "),
        forb = forbidden.join(",\n"),
        fixed = fixed.join(", "),
    );
    let read = dzn::parse(&variant).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.spec, spec);
    // A set written as a bare range, and one morning-less day read as one session.
    let text = "nBusiness = 3;\nnMeetings = 2;\nnTables = 1;\nnTotalSlots = 3;\n\
                requested = [|1, 2, 3|2, 3, 3|];\nforbidden = [{0}, 2..3, {}];\n";
    let read = dzn::parse(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.spec.sessions.len(), 1);
    assert_eq!(read.spec.participants[1].forbidden, vec![1, 2]);
    // The errors of those forms still name the line and field.
    let e = parse_err(&format!(
        "{HEADER}requested = array2d(1..2, 1..3, [1, 2, 3, 1, 3]);\n"
    ));
    assert_eq!((e.line, e.field.as_str()), (6, "requested"));
    let e = parse_err(&format!(
        "{HEADER}/* never closed\nrequested = [|1, 2, 3|];\n"
    ));
    assert_eq!(e.line, 6);
    let e = parse_err(&format!(
        "{HEADER}requested = [|1, 2, 3|1, 3, 3|];\nforbidden = [1..99999999, {{}}, {{}}];\n"
    ));
    assert_eq!((e.line, e.field.as_str()), (7, "forbidden"));
}

#[test]
fn a_participant_out_of_range_is_reported_at_its_line() {
    let e = parse_err(&format!("{HEADER}requested = [|1, 2, 3\n|1, 9, 3|];\n"));
    assert_eq!((e.line, e.field.as_str()), (7, "requested"));
    assert!(e.to_string().contains("participant 9"), "{e}");
}

#[test]
fn a_missing_semicolon_names_the_field() {
    let e = parse_err("nBusiness = 3\nnMeetings = 2;\n");
    assert_eq!((e.line, e.field.as_str()), (2, "nBusiness"));
}

#[test]
fn a_missing_field_is_named() {
    let e = parse_err("nBusiness = 3;\n");
    assert_eq!(e.field, "nMeetings");
}

#[test]
fn a_row_with_two_values_and_a_wrong_count_are_refused() {
    let e = parse_err(&format!("{HEADER}requested = [|1, 2\n|1, 3, 3|];\n"));
    assert_eq!((e.line, e.field.as_str()), (6, "requested"));
    let e = parse_err(&format!("{HEADER}requested = [|1, 2, 3|];\n"));
    assert!(e.message.contains("nMeetings"), "{e}");
}

#[test]
fn garbage_and_bad_sessions_are_refused() {
    assert_eq!(parse_err("nBusiness = 3;\n@@\n").line, 2);
    let e = parse_err(&format!("{HEADER}requested = [|1, 2, 7\n|1, 3, 3|];\n"));
    assert!(e.message.contains("session 7"), "{e}");
    let e = parse_err(&format!(
        "{HEADER}requested = [|1, 2, 3\n|1, 3, 3|];\nforbidden = [{{0}},{{5}},{{0}}];\n"
    ));
    assert_eq!(e.field, "forbidden");
}

#[test]
fn a_self_meeting_is_located_in_the_file() {
    let d = dzn::parse(&format!("{HEADER}requested = [|1, 2, 3\n|2, 2, 3|];\n"))
        .expect("syntax is fine");
    let e = Instance::new(d.spec.clone()).expect_err("self meeting");
    assert_eq!(
        e,
        ModelError::SelfMeeting {
            meeting: 1,
            participant: 1
        }
    );
    assert_eq!(d.locate(&e), Some((7, "requested")));
}

#[test]
fn a_repeated_pair_is_two_meetings_with_a_warning_located_in_the_file() {
    // As in the published model: each row of `requested` is its own meeting, in either order.
    let d = dzn::parse(&format!("{HEADER}requested = [|1, 2, 3\n|2, 1, 3|];\n"))
        .expect("syntax is fine");
    let inst = Instance::new(d.spec.clone()).expect("a repeated pair is data, not a mistake");
    assert_eq!(inst.n_meetings(), 2);
    let w = ModelWarning::RepeatedPair {
        first: 0,
        second: 1,
    };
    assert_eq!(inst.warnings(), std::slice::from_ref(&w));
    assert_eq!(w.code(), "repeated-pair");
    assert_eq!(d.locate_warning(&w), Some((7, "requested")));
    assert!(w.to_string().contains("meetings 1 and 2"), "{w}");
    let Outcome::Scheduled(sol) = solve(&inst, &SolveOptions::default()) else {
        panic!("schedulable")
    };
    let eval = check(inst.spec(), &sol.schedule).expect("valid");
    assert_eq!(eval.breaks, vec![0, 0, 0]);
    assert_eq!(sol.schedule.n_placed(), 2, "both meetings are held");
}

fn spec(meetings: Vec<(usize, usize)>, slots: usize) -> InstanceSpec {
    InstanceSpec {
        participants: vec![ParticipantSpec::default(); 4],
        meetings: meetings
            .into_iter()
            .map(|(a, b)| MeetingSpec {
                a,
                b,
                ..Default::default()
            })
            .collect(),
        sessions: vec![SessionSpec {
            name: "matin".into(),
            slots,
        }],
        tables: InstanceSpec::numbered_tables(2),
        fairness: Some(2),
        hosts_keep_tables: false,
    }
}

#[test]
fn empty_sets_and_unknown_ids_are_clear_errors() {
    assert_eq!(
        Instance::new(InstanceSpec::default()),
        Err(ModelError::NoParticipants)
    );
    assert_eq!(Instance::new(spec(vec![], 2)), Err(ModelError::NoMeetings));
    assert_eq!(
        Instance::new(spec(vec![(0, 1)], 0)),
        Err(ModelError::EmptySession { session: 0 })
    );
    let mut no_tables = spec(vec![(0, 1)], 2);
    no_tables.tables.clear();
    assert_eq!(Instance::new(no_tables), Err(ModelError::NoTables));
    assert_eq!(
        Instance::new(spec(vec![(0, 7)], 2)),
        Err(ModelError::UnknownParticipant {
            meeting: 0,
            participant: 7
        })
    );
}

#[test]
fn more_meetings_than_slots_names_the_participant() {
    let e = Instance::new(spec(vec![(0, 1), (0, 2), (0, 3)], 2)).expect_err("3 meetings, 2 slots");
    assert_eq!(
        e,
        ModelError::TooManyMeetings {
            participant: 0,
            meetings: 3,
            slots: 2
        }
    );
    assert!(e.is_infeasibility());
    assert!(
        e.to_string()
            .contains("participant 1: 3 meetings but only 2 usable slots"),
        "{e}"
    );
}

#[test]
fn a_precedence_cycle_is_refused() {
    let mut s = spec(vec![(0, 1), (2, 3)], 4);
    s.meetings[0].after = vec![1];
    s.meetings[1].after = vec![0];
    assert!(matches!(
        Instance::new(s),
        Err(ModelError::PrecedenceCycle { .. })
    ));
}

#[test]
fn a_chain_of_precedences_longer_than_the_day_is_infeasible() {
    let mut s = spec(vec![(0, 1), (0, 2), (0, 3)], 3);
    s.meetings[1].after = vec![0];
    s.meetings[2].after = vec![1];
    s.sessions[0].slots = 2;
    assert!(Instance::new(s).expect_err("too long").is_infeasibility());
}

mod damaged_files {
    use super::*;
    use proptest::prelude::*;

    fn fixture() -> String {
        let path = format!(
            "{}/tests/fixtures/tic-12.original.dzn",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).expect("fixture present")
    }

    /// A damaged file is either still a valid event or refused with a line inside the file; the
    /// model built from whatever parses is validated without panicking either.
    fn refused_cleanly(text: &str) -> Result<(), TestCaseError> {
        match dzn::parse(text) {
            Ok(d) => {
                let _ = Instance::new(d.spec);
            }
            Err(e) => {
                let lines = text.lines().count().max(1);
                prop_assert!(
                    (1..=lines).contains(&e.line),
                    "line {} of {lines}: {e}",
                    e.line
                );
                prop_assert!(e.to_string().contains(" / "), "French and English: {e}");
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn a_truncated_file_never_panics(cut in 0usize..3_700) {
            let text = fixture();
            let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            refused_cleanly(&text[..cut])?;
        }

        #[test]
        fn a_file_with_one_byte_replaced_never_panics(at in 0usize..3_700, byte in prop::sample::select(b"0123456789-|[]{},;=% x\n".to_vec())) {
            let mut bytes = fixture().into_bytes();
            let at = at % bytes.len();
            bytes[at] = byte;
            refused_cleanly(&String::from_utf8_lossy(&bytes))?;
        }

        #[test]
        fn arbitrary_text_never_panics(text in "[ -~\n]{0,300}") {
            refused_cleanly(&text)?;
        }
    }
}
