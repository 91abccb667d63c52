//! The printed fiche and booklet, read back as a reader's tools read them: poppler's `pdftotext` for
//! the text, `pdfinfo` for the metadata and the structure tags.

mod support;

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use passerelle_export::pdf::{
    Fiche, GRID_TABLES_PER_PAGE, agenda_pdf, booklet_pdf, door_sheets_pdf, fiche_pdf, grid_pdf,
};

/// Runs a poppler tool on `pdf`; `None` (with a loud notice) when poppler is missing outside CI.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    static N: AtomicU64 = AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "passerelle-export-{}-{}.pdf",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, pdf).unwrap();
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command.output();
    std::fs::remove_file(&path).unwrap();
    match output {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{tool} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("\n*** SKIPPED: {tool} not found ({e}); install poppler-utils ***\n");
            None
        }
        Err(e) => panic!("{tool} is needed in CI (poppler-utils): {e}"),
    }
}

fn text(pdf: &[u8]) -> Option<String> {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf)
}

/// The text above the footer of each page (A4 in points: the footer's text starts 39 pt above the bottom edge), so that
/// a text running across a page break reads on without the footer in the middle.
fn body_text(pdf: &[u8]) -> Option<String> {
    let crop = ["-x", "0", "-y", "0", "-W", "596", "-H", "795"];
    poppler("pdftotext", &[&["-enc", "UTF-8"][..], &crop].concat(), pdf)
}

/// `pdfinfo`'s `Key: value` lines plus the XMP metadata (`-meta`), as one string.
fn info(pdf: &[u8]) -> Option<String> {
    let mut s = poppler("pdfinfo", &[], pdf)?;
    s.push_str(&poppler("pdfinfo", &["-meta"], pdf)?);
    Some(s)
}

fn pages(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo gives the page count")
        .trim()
        .parse()
        .unwrap()
}

/// Text compared as a reader sees it: whatever the line breaks, hyphenation, kind of space and case
/// (small headings are set in capitals).
fn compact(s: &str) -> String {
    s.replace('\u{AD}', "")
        .replace("-\n", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\'' { '’' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn assert_shows(extracted: &str, expected: &str) {
    assert!(
        compact(extracted).contains(&compact(expected)),
        "the PDF does not show {expected:?}; it reads:\n{extracted}"
    );
}

#[test]
fn a_fiche_shows_every_field_of_the_irritant() {
    let fiche = support::fiche();
    let pdf = fiche_pdf(&fiche, &support::labels_fr()).unwrap();
    let Some(text) = text(&pdf) else { return };
    let fields = [
        &fiche.title,
        &fiche.institution,
        &fiche.edition,
        fiche.context.as_ref().unwrap(),
        fiche.problem.as_ref().unwrap(),
        fiche.expected_result.as_ref().unwrap(),
        fiche.budget.as_ref().unwrap(),
        fiche.timeline.as_ref().unwrap(),
        &fiche.short_url,
    ];
    for field in fields
        .into_iter()
        .chain(&fiche.domains)
        .chain(&fiche.contact)
    {
        assert_shows(&text, field);
    }
    for label in [
        "Contexte",
        "Problème",
        "Résultat attendu",
        "Budget",
        "Calendrier",
        "Domaines",
    ] {
        assert_shows(&text, label);
    }
    // French typography on the institution's own words (pdftotext gives every space as a plain one).
    assert!(text.contains("L’agence"), "typographic apostrophe");
}

#[test]
fn a_fiche_is_tagged_with_its_language_and_title() {
    let pdf = fiche_pdf(&support::fiche(), &support::labels_fr()).unwrap();
    let Some(info) = info(&pdf) else { return };
    assert!(info.contains("Title:           Expérimenter le Remote Process Automation"));
    assert!(info.contains("Tagged:          yes"));
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"));
    assert!(
        info.contains("<dc:language><rdf:Bag><rdf:li>fr</rdf:li>"),
        "{info}"
    );
    assert!(
        info.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "declares PDF/UA-1"
    );
    assert_eq!(pages(&info), 1, "a usual fiche fits on one page");
    let Some(tags) = poppler("pdfinfo", &["-struct-text"], &pdf) else {
        return;
    };
    for tag in ["H1", "H2", "Figure", "Link", "L", "LI", "Lbl", "LBody", "P"] {
        assert!(
            tags.contains(&format!("{tag} ")) || tags.contains(&format!("{tag}:")),
            "no {tag} tag:\n{tags}"
        );
    }
}

#[test]
fn the_english_interface_gets_english_labels_around_the_french_content() {
    let fiche = support::fiche();
    let pdf = fiche_pdf(&fiche, &support::labels_en()).unwrap();
    let (Some(text), Some(info)) = (text(&pdf), info(&pdf)) else {
        return;
    };
    for label in [
        "Context",
        "Problem",
        "Expected result",
        "Timeline",
        "Domains",
        "SHEET 04",
    ] {
        assert_shows(&text, label);
    }
    assert!(!text.contains("Résultat attendu"));
    assert_shows(&text, fiche.problem.as_ref().unwrap());
    assert!(
        info.contains("<rdf:li>en</rdf:li>"),
        "the document's language is the reader's"
    );
}

#[test]
fn long_texts_flow_onto_a_second_page_and_nothing_is_cut() {
    let sentence =
        "Les agents ressaisissent les mêmes informations dans trois applications différentes. ";
    let long = format!(
        "{}\n\n{}Dernière phrase du problème.",
        sentence.repeat(25),
        sentence.repeat(25)
    );
    let fiche = Fiche {
        problem: Some(long),
        ..support::fiche()
    };
    let pdf = fiche_pdf(&fiche, &support::labels_fr()).unwrap();
    let (Some(text), Some(info)) = (body_text(&pdf), info(&pdf)) else {
        return;
    };
    assert_eq!(pages(&info), 2);
    assert_shows(&text, "Dernière phrase du problème.");
    assert_shows(&text, fiche.expected_result.as_ref().unwrap());
    assert_eq!(compact(&text).matches(&compact(sentence)).count(), 50);
}

#[test]
fn empty_fields_say_so_and_empty_sections_are_left_out() {
    let fiche = Fiche {
        context: None,
        problem: Some("   ".into()),
        budget: None,
        timeline: Some(String::new()),
        domains: vec![],
        contact: vec![],
        number: None,
        ..support::fiche()
    };
    let pdf = fiche_pdf(&fiche, &support::labels_fr()).unwrap();
    let Some(text) = text(&pdf) else { return };
    assert_eq!(text.matches("Non précisé").count(), 4, "{text}");
    assert!(!text.contains("Contexte") && !text.contains("Problème"));
    assert_shows(&text, "Résultat attendu");
}

#[test]
fn hostile_text_is_printed_as_typed_never_run_as_markup() {
    let hostile = [
        r#"#eval("1 + 1") #set page(width: 1cm) #read("/etc/passwd")"#,
        r"$x^2$ ] [ *gras* _italique_ `code` \ \\ <label> @ref // commentaire",
        "= Titre\n- puce\n+ numéro\n/ terme: def",
        r#"#import "/look.typ": * #{ panic("boom") } "fin"#,
        "\u{202E}inversé\u{0} \u{7} contrôle 😀 中文",
    ];
    let fiche = Fiche {
        title: hostile[0].into(),
        institution: hostile[1].into(),
        context: Some(hostile.join("\n\n")),
        timeline: Some(hostile[3].into()),
        contact: vec![hostile[1].into(), hostile[2].into()],
        domains: vec![hostile[4].into()],
        ..support::fiche()
    };
    let pdf = fiche_pdf(&fiche, &support::labels_fr()).unwrap();
    let (Some(text), Some(info)) = (text(&pdf), info(&pdf)) else {
        return;
    };
    for typed in [
        "#eval(\"1+1\")",
        "#set page(width: 1cm)",
        "#read(\"/etc/passwd\")",
        "$x^2$",
        "] [",
        "*gras*",
        "_italique_",
        "`code`",
        r"\ \\",
        "<label>",
        "@ref",
        "// commentaire",
        "= Titre",
        "- puce",
        "+ numéro",
        "/ terme",
        "panic(\"boom\")",
    ] {
        assert_shows(&text, typed);
    }
    assert!(!text.contains("root:"), "no file was read");
    assert_shows(&text, "inversé contrôle □ □□");
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "no page setting was applied"
    );
}

#[test]
fn the_booklet_has_a_cover_a_table_of_contents_and_every_fiche() {
    let (booklet, labels) = support::booklet();
    let pdf = booklet_pdf(&booklet, &labels).unwrap();
    let (Some(text), Some(info)) = (text(&pdf), info(&pdf)) else {
        return;
    };
    assert!(info.contains("Title:           Rencontres Open Innovation 2021"));
    assert!(pages(&info) >= 2 + booklet.fiches.len());
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_shows(pages[0], "Livret des irritants");
    assert_shows(pages[0], "19 fiches");
    assert_shows(pages[1], "Sommaire");
    for (i, fiche) in booklet.fiches.iter().enumerate() {
        assert_shows(pages[1], &fiche.title);
        // Each fiche starts on its own page, after the cover and the contents.
        assert_shows(pages[2 + i], &fiche.title);
        assert_shows(
            pages[2 + i],
            &format!("FICHE {}", fiche.number.as_ref().unwrap()),
        );
    }
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let a = fiche_pdf(&support::fiche(), &support::labels_fr()).unwrap();
    let b = fiche_pdf(&support::fiche(), &support::labels_fr()).unwrap();
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b, "documents can be cached and compared");
}

/// The text of a page of a landscape A4 document above its footer.
fn landscape_body(pdf: &[u8], page: usize) -> Option<String> {
    let page = page.to_string();
    let crop = ["-x", "0", "-y", "0", "-W", "842", "-H", "545"];
    poppler(
        "pdftotext",
        &[&["-enc", "UTF-8", "-f", &page, "-l", &page][..], &crop].concat(),
        pdf,
    )
}

#[test]
fn an_agenda_lists_each_meeting_with_its_time_table_counterpart_irritant_and_contact() {
    let agenda = support::agenda();
    let pdf = agenda_pdf(&agenda, &support::day_labels_fr()).unwrap();
    let (Some(text), Some(info)) = (text(&pdf), info(&pdf)) else {
        return;
    };
    for shown in [
        "Claire Martin",
        "Amue",
        "Mardi 2 mars 2027",
        "9 h 00 – 9 h 20",
        "Table 4 (de plain-pied)",
        "Robotique Douce (fictive)",
        "Irritant : Expérimenter le Remote Process Automation",
        "Contact : Paul Durand, paul@robotique.example",
        "Contact : communiqué quand les deux parties auront accepté",
        "Salle Curie",
        "Annulée",
        "Accueil : présentez ce code à votre arrivée",
        "passerelle.example/journee/accueil/0191aa",
    ] {
        assert_shows(&text, shown);
    }
    // French typography on the company's own name; a cancelled meeting's contact is not printed.
    assert!(text.contains("L’Atelier des données"));
    assert!(!text.contains("lea@chatons.example"));
    assert!(
        info.contains("Title:           Agenda de Claire Martin, Rencontres Open Innovation 2027")
    );
    assert!(info.contains("Tagged:          yes"));
    assert!(info.contains("<rdf:li>fr</rdf:li>"));
    assert!(info.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert_eq!(pages(&info), 1);
    let Some(tags) = poppler("pdfinfo", &["-struct-text"], &pdf) else {
        return;
    };
    for tag in ["H1", "H2", "Table", "TH", "TD", "Figure", "Link"] {
        assert!(
            tags.contains(&format!("{tag} ")) || tags.contains(&format!("{tag}:")),
            "no {tag} tag:\n{tags}"
        );
    }
}

#[test]
fn an_agenda_without_meetings_says_so() {
    let agenda = passerelle_export::pdf::AgendaDocument {
        days: vec![],
        ..support::agenda()
    };
    let pdf = agenda_pdf(&agenda, &support::day_labels_fr()).unwrap();
    let Some(text) = text(&pdf) else { return };
    assert_shows(&text, "Aucune rencontre.");
}

#[test]
fn door_sheets_put_each_table_on_its_own_page() {
    let doors = support::doors();
    let pdf = door_sheets_pdf(&doors, &support::day_labels_fr()).unwrap();
    let (Some(text), Some(info)) = (text(&pdf), info(&pdf)) else {
        return;
    };
    assert_eq!(pages(&info), 2);
    assert!(info.contains("Title:           Feuilles de porte"));
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_shows(pages[0], "Table 1");
    assert_shows(pages[0], "Accès de plain-pied");
    assert_shows(pages[0], "Université de Lille");
    assert_shows(pages[0], "Robotique Douce (fictive)");
    assert_shows(pages[0], "Annulée");
    assert!(!pages[0].contains("Salle Curie"));
    assert_shows(pages[1], "Salle Curie");
    assert_shows(pages[1], "Chatons Numériques (fictive)");
}

#[test]
fn the_grid_of_sixty_participants_is_readable_and_larger_ones_paginate() {
    // 60 participants: 30 tables of one institution and one company each, 14 slots.
    let grid = support::grid(30, 14);
    let pdf = grid_pdf(&grid, &support::day_labels_fr()).unwrap();
    let Some(info) = info(&pdf) else { return };
    assert!(
        info.contains("Page size:       841.89 x 595.276 pts (A4)"),
        "landscape: {info}"
    );
    // Tables in groups of GRID_TABLES_PER_PAGE, each group from a new page; every cell printed.
    let groups = 30usize.div_ceil(GRID_TABLES_PER_PAGE);
    let count = pages(&info);
    assert!((groups..=2 * groups).contains(&count), "{count} pages");
    let mut all = String::new();
    for page in 1..=count {
        let Some(text) = landscape_body(&pdf, page) else {
            return;
        };
        assert_shows(&text, "Heure");
        let shown: Vec<usize> = (1..=30)
            .filter(|t| compact(&text).contains(&compact(&format!("Société T{t}S"))))
            .collect();
        assert!(!shown.is_empty(), "page {page}");
        let group = (shown[0] - 1) / GRID_TABLES_PER_PAGE;
        assert!(
            shown
                .iter()
                .all(|t| (t - 1) / GRID_TABLES_PER_PAGE == group),
            "page {page} mixes groups: {shown:?}"
        );
        all.push_str(&text);
    }
    for t in 1..=30 {
        assert_shows(&all, &format!("Table {t}"));
        for s in 0..14 {
            assert_shows(&all, &format!("Société T{t}S{s}"));
            assert_shows(&all, &format!("Université T{t}S{s}"));
        }
    }
    // Longer days run onto more pages, with the heading row repeated.
    let long = grid_pdf(&support::grid(4, 40), &support::day_labels_fr()).unwrap();
    let Some(info) = self::info(&long) else {
        return;
    };
    assert!(pages(&info) >= 2);
    let Some(second) = landscape_body(&long, 2) else {
        return;
    };
    assert_shows(&second, "Heure");
    assert_shows(&second, "Table 4");
}

#[test]
fn hostile_names_are_printed_as_typed_on_the_days_documents() {
    let hostile = r#"#eval("1 + 1") $x$ ] [ *gras* <l> @r #set page(width: 1cm)"#;
    let mut agenda = support::agenda();
    agenda.person = hostile.into();
    agenda.days[0].1[0].counterpart = hostile.into();
    agenda.days[0].1[0].contacts = vec![hostile.into()];
    let pdf = agenda_pdf(&agenda, &support::day_labels_fr()).unwrap();
    let mut grid = support::grid(2, 2);
    grid.days[0].tables[0] = hostile.into();
    grid.days[0].rows[0].cells[0] = Some(passerelle_export::pdf::GridCell {
        company: hostile.into(),
        institution: hostile.into(),
        irritant: "\u{202E}😀".into(),
    });
    let grid_pdf = grid_pdf(&grid, &support::day_labels_fr()).unwrap();
    for pdf in [pdf, grid_pdf] {
        let (Some(text), Some(info)) = (text(&pdf), info(&pdf)) else {
            return;
        };
        assert_shows(&text, "#eval(\"1+1\")$x$][*gras*<l>@r#setpage(width:1cm)");
        assert!(!info.contains("28.346"), "no page setting was applied");
    }
}

fn dossier() -> passerelle_export::pdf::DossierDocument {
    use passerelle_export::pdf::{DossierDocument, DossierSection};
    DossierDocument {
        lang: "fr".into(),
        text_lang: "fr".into(),
        kind: "Dossier de financement".into(),
        reference: "Fonds de démonstration".into(),
        title: "Suivre les demandes d'aide des étudiants".into(),
        subtitle: "Université de démonstration et Entreprise fictive".into(),
        sections: vec![
            DossierSection {
                heading: "Budget".into(),
                facts: vec![
                    ("Coût estimé".into(), "48\u{202f}000\u{a0}€".into()),
                    ("Demandé".into(), "36\u{202f}000\u{a0}€".into()),
                ],
                texts: vec![],
            },
            DossierSection {
                heading: "Plan".into(),
                facts: vec![],
                texts: vec![(
                    None,
                    "Un pilote de trois mois : deux composantes.\n\nPuis le bilan.".into(),
                )],
            },
            DossierSection {
                heading: "Fiche".into(),
                facts: vec![(
                    "Institution".into(),
                    "#set page(width: 1pt) <b>x</b>".into(),
                )],
                texts: vec![(Some("Problème".into()), "Des dossiers perdus".into())],
            },
        ],
    }
}

#[test]
fn a_dossier_shows_each_section_its_facts_and_its_texts() {
    let doc = dossier();
    let pdf = passerelle_export::pdf::dossier_pdf(&doc).unwrap();
    let Some(text) = body_text(&pdf) else { return };
    for shown in [
        "Dossier de financement",
        "Fonds de démonstration",
        "Suivre les demandes d’aide des étudiants",
        "Université de démonstration et Entreprise fictive",
        "Budget",
        "Coût estimé",
        "48 000 €",
        "36 000 €",
        "Plan",
        "Un pilote de trois mois : deux composantes.",
        "Puis le bilan.",
        "Problème",
        "Des dossiers perdus",
    ] {
        assert_shows(&text, shown);
    }
    // Typed markup is printed as typed, never run.
    assert_shows(&text, "#set page(width: 1pt) <b>x</b>");
    let Some(info) = info(&pdf) else { return };
    assert!(info.contains("Tagged:          yes"));
    assert!(info.contains("Title:           Suivre les demandes d’aide des étudiants"));
    assert_eq!(pages(&info), 1);
}
