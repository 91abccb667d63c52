//! `passerelle rank` and `passerelle assign` as users run them.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn file(name: &str, content: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "passerelle-matching-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const INPUT: &str = r#"{
  "irritants": [
    {"id": "i01", "title": "Améliorer l'inscription des étudiants avec un chatbot",
     "text": "Pendant les inscriptions, la scolarité reçoit des milliers de questions identiques."},
    {"id": "i02", "title": "Développer un outil de réservation de salles", "text": ""},
    {"id": "i03", "title": "Mesurer l'impact environnemental du numérique", "text": "", "extra": true}
  ],
  "companies": [
    {"id": "c1", "name": "Parlons", "text": "Agent conversationnel et assistant virtuel pour les services aux usagers", "tags": ["NLP"]},
    {"id": "c2", "name": "Salléo", "text": "Réservation des amphithéâtres et des espaces du campus", "tags": ["room booking"]},
    {"id": "c3", "name": "Sobrio", "text": "Empreinte carbone et sobriété du système d'information", "tags": ["green IT"]},
    {"id": "c4", "name": "AgriMétéo", "text": "Prévisions météorologiques pour les exploitants agricoles", "tags": []}
  ]
}"#;

fn lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn rank_prints_one_json_line_per_irritant_best_first() {
    let input = file("in.json", INPUT.as_bytes());
    let o = run(&["rank", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = lines(&o);
    assert_eq!(lines.len(), 3);
    let expected = [("i01", "c1"), ("i02", "c2"), ("i03", "c3")];
    for (line, (irritant, best)) in lines.iter().zip(expected) {
        assert_eq!(line["irritant"], irritant);
        assert_eq!(line["ranking"][0], best, "{line}");
        let ranking = line["ranking"].as_array().unwrap();
        let scores: Vec<f64> = line["scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_f64().unwrap())
            .collect();
        assert_eq!(ranking.len(), 4, "default top 10, capped by the pool");
        assert_eq!(scores.len(), 4);
        assert!(scores.windows(2).all(|w| w[0] >= w[1]));
        assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
        assert!(
            line.get("explanations").is_none(),
            "contract: no extra key by default"
        );
    }
}

#[test]
fn rank_from_titles_only_with_top_k() {
    let input = file("in.json", INPUT.as_bytes());
    let o = run(&[
        "rank",
        input.to_str().unwrap(),
        "--top",
        "2",
        "--fields",
        "title",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = lines(&o);
    assert!(
        lines
            .iter()
            .all(|l| l["ranking"].as_array().unwrap().len() == 2)
    );
    assert_eq!(lines[0]["ranking"][0], "c1");
}

#[test]
fn rank_explains_on_request() {
    let input = file("in.json", INPUT.as_bytes());
    let o = run(&["rank", input.to_str().unwrap(), "--top", "1", "--explain"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = &lines(&o)[0]["explanations"][0];
    assert_eq!(first["company"], "c1");
    let concepts: Vec<&str> = first["shared_concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(concepts.contains(&"chatbot"), "{first}");
}

#[test]
fn bad_input_gets_a_clear_error_and_no_panic() {
    let dup = r#"{"irritants":[{"id":"a","title":"x"},{"id":"a","title":"y"}],"companies":[]}"#;
    let empty = r#"{"irritants":[{"id":"a","title":" "}],"companies":[]}"#;
    let cases: Vec<(PathBuf, &str)> = vec![
        (file("bad.json", b"{\"irritants\": [}"), "JSON invalide"),
        (file("dup.json", dup.as_bytes()), "duplicate irritant id"),
        (
            file(
                "latin1.json",
                b"{\"irritants\":[{\"id\":\"a\",\"title\":\"r\xe9servation\"}]}",
            ),
            "UTF-8",
        ),
        (file("empty.json", empty.as_bytes()), "empty title"),
        (PathBuf::from("/nonexistent/input.json"), "cannot read"),
    ];
    for (path, needle) in cases {
        for cmd in [
            vec!["rank", path.to_str().unwrap()],
            vec![
                "assign",
                path.to_str().unwrap(),
                "--company-max",
                "1",
                "--irritant-max",
                "1",
            ],
        ] {
            let o = run(&cmd);
            assert_eq!(o.status.code(), Some(1), "{cmd:?}");
            let err = stderr(&o);
            assert!(err.contains(needle), "{cmd:?}: {err}");
            assert!(!err.contains("panicked"));
            assert!(stdout(&o).is_empty(), "nothing half-written");
        }
    }
    let input = file("in.json", INPUT.as_bytes());
    let o = run(&["rank", input.to_str().unwrap(), "--top", "0"]);
    assert!(!o.status.success());
}

#[test]
fn huge_texts_are_cut_and_said_so() {
    let long = "réservation de salles ".repeat(5_000);
    let json = format!(
        r#"{{"irritants":[{{"id":"i","title":"Salles","text":"{long}"}}],"companies":[{{"id":"c","name":"Salléo","text":"salles"}}]}}"#
    );
    let o = run(&["rank", file("huge.json", json.as_bytes()).to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("text cut to 20000 characters"),
        "{}",
        stderr(&o)
    );
    assert_eq!(lines(&o).len(), 1);
}

#[test]
fn organiser_thesaurus_and_config_are_used_or_refused() {
    let input = file("in.json", INPUT.as_bytes());
    let th = file("th.toml", b"[[concept]]\nid = 'weather'\nfr = 'meteo'\nen = 'weather'\nsynonyms = ['chatbot', 'agricole']\n");
    let o = run(&[
        "rank",
        input.to_str().unwrap(),
        "--top",
        "1",
        "--fields",
        "title",
        "--thesaurus",
        th.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        lines(&o)[0]["ranking"][0],
        "c4",
        "the organiser's thesaurus replaces the built-in one"
    );
    let bad = file("bad.toml", b"[[concept]]\nid = 'x'\n");
    let o = run(&[
        "rank",
        input.to_str().unwrap(),
        "--thesaurus",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("invalid thesaurus"));
    let cfg = file("cfg.toml", b"[weights]\ncontent = -2\n");
    let o = run(&[
        "rank",
        input.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("negative"));
}

fn csv_rows(o: &Output) -> Vec<(String, String, f64)> {
    let out = stdout(o);
    let mut it = out.lines();
    assert_eq!(it.next(), Some("irritant,company,score"));
    it.map(|l| {
        let f: Vec<&str> = l.split(',').collect();
        (f[0].to_string(), f[1].to_string(), f[2].parse().unwrap())
    })
    .collect()
}

#[test]
fn assign_prints_pure_csv_and_an_optimal_summary_on_stderr() {
    let input = file("in.json", INPUT.as_bytes());
    let o = run(&[
        "assign",
        input.to_str().unwrap(),
        "--company-max",
        "1",
        "--irritant-min",
        "1",
        "--irritant-max",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = csv_rows(&o);
    let mut per_company = std::collections::HashMap::new();
    for (_, c, _) in &rows {
        *per_company.entry(c.clone()).or_insert(0) += 1;
    }
    assert!(per_company.values().all(|&n| n <= 1), "{rows:?}");
    for (i, c) in [("i01", "c1"), ("i02", "c2"), ("i03", "c3")] {
        assert!(rows.iter().any(|r| r.0 == i && r.1 == c), "{rows:?}");
    }
    let err = stderr(&o);
    assert!(
        err.contains("total affinity") && err.contains("dual certificate verified"),
        "{err}"
    );
    let total: f64 = rows.iter().map(|r| r.2).sum();
    let reported: f64 = err
        .split("total affinity: ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .and_then(|x| x.trim().parse().ok())
        .expect("summary states the total affinity");
    assert!((reported - total).abs() < 1e-3, "{reported} vs {total}");
}

#[test]
fn assign_puts_mutual_wishes_first_and_respects_exclusions() {
    let json = r#"{
      "irritants": [{"id": "i01", "title": "Un chatbot pour les inscriptions", "wishes": ["c4"]}],
      "companies": [
        {"id": "c1", "name": "Parlons", "text": "chatbot, agent conversationnel"},
        {"id": "c2", "name": "Dialogua", "text": "chatbot pour l'enseignement supérieur"},
        {"id": "c4", "name": "AgriMétéo", "text": "météo agricole", "wishes": ["i01"]}],
      "exclusions": [{"irritant": "i01", "company": "c1", "reason": "conflit d'intérêts"}]
    }"#;
    let o = run(&[
        "assign",
        file("w.json", json.as_bytes()).to_str().unwrap(),
        "--company-max",
        "1",
        "--irritant-max",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = csv_rows(&o);
    let companies: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert!(
        companies.contains(&"c4"),
        "mutual wish kept despite low affinity: {rows:?}"
    );
    assert!(
        !companies.contains(&"c1"),
        "excluded pair never chosen: {rows:?}"
    );
    assert!(stderr(&o).contains("mutual wishes: 1"));
}

#[test]
fn infeasible_minimums_are_explained_per_irritant() {
    let json = r#"{
      "irritants": [{"id": "i01", "title": "chatbot"}, {"id": "i02", "title": "chatbot"}],
      "companies": [{"id": "c1", "name": "Parlons", "text": "chatbot"}],
      "exclusions": [{"irritant": "i02", "company": "c1"}]
    }"#;
    let o = run(&[
        "assign",
        file("inf.json", json.as_bytes()).to_str().unwrap(),
        "--company-max",
        "5",
        "--irritant-min",
        "1",
        "--irritant-max",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("irritant i02: 0 meeting(s) of minimum 1"),
        "{err}"
    );
    assert!(
        err.contains("only 0 eligible") && err.contains("1 excluded"),
        "{err}"
    );
    assert!(err.contains("infeasible"), "{err}");
    assert!(
        err.contains("irritant i02 : 0 rencontre(s) pour un minimum de 1")
            && err.contains("seulement 0 entreprise(s) éligible(s), 1 exclue(s)"),
        "French first: {err}"
    );
    assert!(
        err.contains("--company-max"),
        "a hint on what to change: {err}"
    );
    assert_eq!(csv_rows(&o).len(), 1, "best assignment still printed");

    let o = run(&[
        "assign",
        file("in.json", INPUT.as_bytes()).to_str().unwrap(),
        "--company-max",
        "1",
        "--irritant-min",
        "3",
        "--irritant-max",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--irritant-min"));
}

#[test]
fn assign_widens_pruned_candidates_until_optimal_over_all_pairs() {
    // Both irritants rank the same company first; with one candidate each, one
    // of them would be left without a meeting. The dual prices show a pruned
    // pair would help, so `assign` widens and both get a meeting.
    let json = r#"{
      "irritants": [{"id": "i01", "title": "Un chatbot pour les inscriptions"},
                    {"id": "i02", "title": "Un chatbot pour la scolarité"}],
      "companies": [
        {"id": "c1", "name": "Parlons", "text": "chatbot, agent conversationnel, assistant virtuel, callbot"},
        {"id": "c2", "name": "Dialogua", "text": "chatbot"},
        {"id": "c3", "name": "AgriMétéo", "text": "météo agricole"}]
    }"#;
    let path = file("widen.json", json.as_bytes());
    let args = |candidates: &'static str| {
        let p = path.to_str().unwrap().to_string();
        run(&[
            "assign",
            &p,
            "--company-max",
            "1",
            "--irritant-min",
            "1",
            "--irritant-max",
            "1",
            "--candidates",
            candidates,
        ])
    };
    let (narrow, wide) = (args("1"), args("50"));
    assert!(narrow.status.success(), "{}", stderr(&narrow));
    let rows = csv_rows(&narrow);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_ne!(rows[0].1, rows[1].1);
    assert_eq!(rows, csv_rows(&wide), "same optimum as with every pair");
    assert!(
        stderr(&narrow).contains("optimal over all pairs"),
        "{}",
        stderr(&narrow)
    );
}

#[test]
fn odd_but_valid_exports_are_read() {
    // Byte-order mark, integer ids, nulls for optional fields: what a
    // spreadsheet export writes.
    let json = b"\xef\xbb\xbf{\"irritants\":[{\"id\":1,\"title\":\"Un chatbot\",\"text\":null}],\"companies\":[{\"id\":2,\"name\":\"Parlons\",\"text\":\"agent conversationnel\",\"tags\":null}]}";
    let o = run(&["rank", file("bom.json", json).to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = lines(&o);
    assert_eq!(lines[0]["irritant"], "1");
    assert_eq!(lines[0]["ranking"][0], "2");

    let empty = file("empty-pools.json", br#"{"irritants":[],"companies":[]}"#);
    let o = run(&["rank", empty.to_str().unwrap()]);
    assert!(o.status.success() && stdout(&o).is_empty());
    let o = run(&[
        "assign",
        empty.to_str().unwrap(),
        "--company-max",
        "1",
        "--irritant-max",
        "1",
    ]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "irritant,company,score\n");
    assert!(
        stderr(&o).contains("total affinity: 0.000000;"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn hostile_json_is_refused_without_a_crash() {
    let deep = format!(
        r#"{{"irritants":{}{},"companies":[]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let wrong_types = br#"{"irritants":[{"id":{"x":1},"title":"a"}],"companies":[]}"#;
    let unknown_wish =
        br#"{"irritants":[{"id":"i","title":"a","wishes":["nobody"]}],"companies":[]}"#;
    for (name, content, needle) in [
        ("deep.json", deep.as_bytes(), "recursion limit"),
        ("types.json", wrong_types.as_slice(), "expected an id"),
        ("wish.json", unknown_wish.as_slice(), "unknown id"),
    ] {
        let path = file(name, content);
        let o = run(&[
            "assign",
            path.to_str().unwrap(),
            "--company-max",
            "1",
            "--irritant-max",
            "1",
        ]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(stderr(&o).contains(needle), "{name}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{name}: nothing half-written");
    }
}
