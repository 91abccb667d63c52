//! The fiche as a document, as a reader gets it: the 2021 edition's 19 fiches downloaded from their
//! pages and read back with poppler (`pdftotext`, `pdfinfo`), in French and in English; the booklet
//! built by the organisers, served from storage until a fiche changes, built by a job on demand.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use passerelle_domain::{Actor, IrritantTitle, Role};
use passerelle_i18n::Lang;
use passerelle_storage::{Irritant, IrritantFilter};

use crate::support::*;

/// Runs a poppler tool on `pdf`; `None` (with a loud notice) when poppler is missing outside CI.
pub(crate) fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    static N: AtomicU64 = AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "passerelle-web-{}-{}.pdf",
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
                "{tool}: {}",
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

/// Text as a reader sees it: whatever the line breaks, hyphenation, kind of space and case.
pub(crate) fn compact(s: &str) -> String {
    s.replace('\u{AD}', "")
        .replace("-\n", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\'' { '’' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[track_caller]
pub(crate) fn assert_shows(text: &str, expected: &str, what: &str) {
    assert!(
        compact(text).contains(&compact(expected)),
        "{what}: the PDF does not show {expected:?}; it reads:\n{text}"
    );
}

/// A download, read as bytes.
pub(crate) struct Download {
    pub status: u16,
    pub content_type: String,
    pub disposition: String,
    pub location: Option<String>,
    pub data: Vec<u8>,
}

pub(crate) async fn download(browser: &Browser, path: &str) -> Download {
    let mut request = browser.client.get(browser.url(path));
    if let Some(lang) = browser.accept_language {
        request = request.header(reqwest::header::ACCEPT_LANGUAGE, lang);
    }
    let response = request.send().await.expect("GET");
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    Download {
        status: response.status().as_u16(),
        content_type: header(reqwest::header::CONTENT_TYPE),
        disposition: header(reqwest::header::CONTENT_DISPOSITION),
        location: response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        data: response.bytes().await.expect("a body").to_vec(),
    }
}

async fn edition_2021(app: &TestApp) -> (passerelle_storage::Edition, Vec<Irritant>) {
    let edition = app
        .storage
        .edition_by_slug("rencontres-2021")
        .await
        .unwrap()
        .expect("the demo's 2021 edition");
    let irritants = app
        .storage
        .list_irritants(&IrritantFilter::public(edition.id))
        .await
        .unwrap();
    (edition, irritants)
}

/// `(pdftotext, pdfinfo + XMP)` of a PDF.
fn read_back(pdf: &[u8]) -> Option<(String, String)> {
    let text = poppler("pdftotext", &["-enc", "UTF-8"], pdf)?;
    let mut info = poppler("pdfinfo", &[], pdf)?;
    info.push_str(&poppler("pdfinfo", &["-meta"], pdf)?);
    Some((text, info))
}

/// A published fiche changed the way the workflow allows: returned, edited, submitted, published again.
async fn revise(
    app: &TestApp,
    id: passerelle_domain::IrritantId,
    content: &passerelle_domain::IrritantContent,
) {
    use passerelle_domain::IrritantTransition as T;
    let comment = passerelle_domain::LongText::parse(
        passerelle_domain::Field::Comment,
        "Précisez le titre, s’il vous plaît.",
    )
    .unwrap();
    let s = &app.storage;
    s.transition_irritant(id, T::Return, None, Some(&comment))
        .await
        .unwrap();
    s.update_irritant(id, content, None).await.unwrap();
    for step in [T::Submit, T::Publish] {
        s.transition_irritant(id, step, None, None).await.unwrap();
    }
}

/// The text above each page's footer (its text starts 39 pt above the bottom edge of A4), so that a text running across a page
/// break reads on without the footer in the middle.
fn body_text(pdf: &[u8]) -> Option<String> {
    poppler(
        "pdftotext",
        &[
            "-enc", "UTF-8", "-x", "0", "-y", "0", "-W", "596", "-H", "795",
        ],
        pdf,
    )
}

fn pages(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo gives the page count")
        .trim()
        .parse()
        .unwrap()
}

web_test!(the_nineteen_demo_fiches_print_their_fields, |app| {
    let (_, irritants) = edition_2021(&app).await;
    assert_eq!(irritants.len(), 19, "the 2021 edition published 19 fiches");
    let visitor = Browser::new(&app);
    let host = app.base_url.trim_start_matches("http://").to_string();
    for irritant in &irritants {
        let c = &irritant.content;
        let pdf = download(&visitor, &format!("/irritants/{}/fiche.pdf", irritant.id)).await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.content_type, "application/pdf");
        let number = irritant
            .reference
            .as_deref()
            .expect("2021 fiches are numbered");
        assert!(
            pdf.disposition
                .starts_with(&format!("inline; filename=\"fiche-{number}-")),
            "{}",
            pdf.disposition
        );
        let Some((text, info)) = read_back(&pdf.data) else {
            return;
        };
        let what = c.title.as_str();
        for field in [
            c.title.as_str(),
            irritant.institution.name.as_str(),
            "Rencontres Open Innovation 2021",
            &format!("FICHE {number}"),
        ] {
            assert_shows(&text, field, what);
        }
        for long in [&c.context, &c.problem, &c.expected_result]
            .into_iter()
            .flatten()
        {
            assert_shows(&text, long.as_str(), what);
        }
        if let Some(name) = &c.contact_name {
            assert_shows(&text, name.as_str(), what);
        }
        // The link under the QR code, compared without its line breaks.
        assert_shows(&text, &format!("{host}/irritants/{}", irritant.id), what);
        for label in [
            "Contexte",
            "Problème rencontré",
            "Résultat attendu",
            "Domaines",
        ] {
            assert_shows(&text, label, what);
        }
        // The title as typeset (French apostrophes).
        let title = c.title.as_str().replace('\'', "’");
        assert!(
            info.contains(&format!("Title:           {title}")),
            "{info}"
        );
        assert!(
            info.contains("<dc:language><rdf:Bag><rdf:li>fr</rdf:li>"),
            "{info}"
        );
        assert!(info.contains("Tagged:          yes"));
        assert!(pages(&info) <= 2, "{what}: {} pages", pages(&info));
    }
    // Each fiche was rendered once and is now served from storage: the catalogue and the page show
    // the size.
    let catalogue = visitor.get("/irritants?edition=rencontres-2021").await;
    let sized = catalogue
        .body
        .matches("Télécharger la fiche (PDF, ")
        .count();
    assert_eq!(sized, 19, "{}", catalogue.body);
    let page = visitor
        .get(&format!("/irritants/{}", irritants[0].id))
        .await;
    assert!(page.body.contains(&format!(
        "href=\"/irritants/{}/fiche.pdf\"",
        irritants[0].id
    )));
    assert!(page.body.contains("\u{a0}Ko)"), "the size in French");
});

web_test!(
    the_english_interface_prints_english_labels_around_the_french_content,
    |app| {
        let (_, irritants) = edition_2021(&app).await;
        let irritant = &irritants[3];
        let mut reader = Browser::new(&app);
        reader.accept_language = Some("en");
        let path = format!("/irritants/{}/fiche.pdf", irritant.id);
        let pdf = download(&reader, &path).await;
        assert_eq!(pdf.status, 200);
        let Some((text, info)) = read_back(&pdf.data) else {
            return;
        };
        for label in ["Context", "Problem", "Expected result", "Domains", "SHEET"] {
            assert_shows(&text, label, "English labels");
        }
        assert!(!text.contains("Résultat attendu"));
        assert_shows(
            &text,
            irritant.content.problem.as_ref().unwrap().as_str(),
            "content",
        );
        assert!(
            info.contains("<rdf:li>en</rdf:li>"),
            "the document's language is the reader's"
        );
        // The French fiche is another document: both are kept.
        let french = download(&Browser::new(&app), &path).await;
        assert_ne!(french.data, pdf.data);
        assert_eq!(
            download(&reader, &path).await.data,
            pdf.data,
            "served again from storage"
        );
        let page = reader.get(&format!("/irritants/{}", irritant.id)).await;
        assert!(
            page.body.contains("Download the sheet (PDF, "),
            "{}",
            page.body
        );
    }
);

web_test!(
    a_fiche_changed_prints_again_and_long_texts_flow_onto_a_second_page,
    |app| {
        let (_, irritants) = edition_2021(&app).await;
        let irritant = &irritants[0];
        let visitor = Browser::new(&app);
        let path = format!("/irritants/{}/fiche.pdf", irritant.id);
        let before = download(&visitor, &path).await.data;
        let mut content = irritant.content.clone();
        content.title = IrritantTitle::parse("Un titre revu après publication").unwrap();
        let sentence = "Les agents ressaisissent les mêmes informations dans trois applications. ";
        content.problem = Some(
            passerelle_domain::LongText::parse(
                passerelle_domain::Field::Problem,
                &format!(
                    "{}\n\n{}Fin du problème.",
                    sentence.repeat(30),
                    sentence.repeat(30)
                ),
            )
            .unwrap(),
        );
        revise(&app, irritant.id, &content).await;
        let after = download(&visitor, &path).await;
        assert_ne!(
            after.data, before,
            "the stored fiche no longer matches: printed again"
        );
        let Some((text, info)) = read_back(&after.data) else {
            return;
        };
        assert_shows(&text, "Un titre revu après publication", "new title");
        assert_shows(&text, "Fin du problème.", "the end of a long text");
        assert_eq!(pages(&info), 2, "long texts flow onto a second page");
        let Some(body) = body_text(&after.data) else {
            return;
        };
        assert_eq!(
            compact(&body).matches(&compact(sentence)).count(),
            60,
            "nothing is cut"
        );
    }
);

web_test!(
    organisers_build_the_booklet_kept_until_a_fiche_changes,
    |app| {
        let (edition, irritants) = edition_2021(&app).await;
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let page_path = format!("/console/editions/{}/livret", edition.id);
        let pdf_path = format!("/console/editions/{}/livret.pdf?langue=fr", edition.id);
        let page = organiser.get(&page_path).await;
        page.assert_ok();
        assert!(page.body.contains("19 fiches publiées."));
        assert!(page.body.contains("Pas encore construit."), "{}", page.body);
        assert_eq!(
            download(&organiser, &pdf_path).await.location.as_deref(),
            Some(page_path.as_str()),
            "not built yet: back to the page"
        );
        // 19 fiches: built at once.
        let built = organiser.post(&page_path, &[("langue", "fr")]).await;
        assert_eq!(built.assert_redirect(), page_path);
        let page = organiser.get(&page_path).await;
        assert!(page.body.contains("Le livret est construit."));
        assert!(page.body.contains("À jour, construit le"), "{}", page.body);
        assert!(page.body.contains("Télécharger le livret (PDF, "));
        let booklet = download(&organiser, &pdf_path).await;
        assert_eq!(booklet.status, 200);
        assert_eq!(booklet.content_type, "application/pdf");
        assert!(
            booklet
                .disposition
                .starts_with("attachment; filename=\"livret-fr-")
        );
        if let Some((text, info)) = read_back(&booklet.data) {
            assert!(info.contains(&format!("Title:           {}", edition.title.as_str())));
            assert!(info.contains("<rdf:li>fr</rdf:li>"));
            assert!(pages(&info) >= 21, "a cover, the contents, 19 fiches");
            let pages: Vec<&str> = text.split('\u{c}').collect();
            assert_shows(pages[0], "Livret des irritants", "cover");
            assert_shows(pages[0], "19 fiches", "cover");
            assert_shows(pages[1], "Sommaire", "contents");
            for irritant in &irritants {
                assert_shows(&text, irritant.content.title.as_str(), "every fiche");
                assert_shows(
                    &text,
                    irritant.content.problem.as_ref().unwrap().as_str(),
                    "every fiche's problem",
                );
            }
        }
        assert_eq!(
            download(&organiser, &pdf_path).await.data,
            booklet.data,
            "kept"
        );
        // A fiche changes: the booklet is out of date until built again.
        let mut content = irritants[5].content.clone();
        content.title = IrritantTitle::parse("Un irritant retitré pour le livret").unwrap();
        revise(&app, irritants[5].id, &content).await;
        let page = organiser.get(&page_path).await;
        assert!(
            page.body
                .contains("Une fiche a changé depuis sa construction"),
            "{}",
            page.body
        );
        assert!(download(&organiser, &pdf_path).await.location.is_some());
        organiser
            .post(&page_path, &[("langue", "fr")])
            .await
            .assert_redirect();
        let rebuilt = download(&organiser, &pdf_path).await;
        assert_eq!(rebuilt.status, 200);
        if let Some((text, _)) = read_back(&rebuilt.data) {
            assert_shows(&text, "Un irritant retitré pour le livret", "rebuilt");
        }
        // The English booklet is its own document.
        let page = organiser.get(&page_path).await;
        assert!(page.body.contains("lang=\"en\""));
    }
);

web_test!(a_booklet_job_builds_it_in_the_background, |app| {
    let (edition, _) = edition_2021(&app).await;
    let organiser = app
        .storage
        .find_user_by_email(&demo_account(Role::Organiser).email)
        .await
        .unwrap()
        .unwrap();
    let actor = Actor::User {
        id: organiser.id,
        memberships: app.storage.memberships(organiser.id).await.unwrap(),
    };
    passerelle_app::documents::queue_booklet(&app.app, &actor, edition.id, Lang::En)
        .await
        .unwrap();
    // The test server's job runner takes it up.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let ready = loop {
        let status =
            passerelle_app::documents::booklet_status(&app.app, &actor, edition.id, Lang::En)
                .await
                .unwrap();
        match status.state {
            passerelle_app::documents::BookletState::Ready { size, .. } => break size,
            passerelle_app::documents::BookletState::Failed { error } => panic!("{error}"),
            _ if std::time::Instant::now() > deadline => panic!("the job did not finish"),
            _ => tokio::time::sleep(std::time::Duration::from_millis(200)).await,
        }
    };
    let pdf = passerelle_app::documents::booklet(&app.app, &actor, edition.id, Lang::En)
        .await
        .unwrap()
        .expect("up to date");
    assert_eq!(pdf.data.len() as u64, ready);
    if let Some((text, info)) = read_back(&pdf.data) {
        assert_shows(&text, "Booklet of irritants", "English cover");
        assert_shows(&text, "Contents", "English contents");
        assert!(info.contains("<rdf:li>en</rdf:li>"));
    }
    // Others may not build it.
    let member = app
        .storage
        .find_user_by_email(&demo_account(Role::InstitutionMember).email)
        .await
        .unwrap()
        .unwrap();
    let member = Actor::User {
        id: member.id,
        memberships: app.storage.memberships(member.id).await.unwrap(),
    };
    assert!(
        passerelle_app::documents::queue_booklet(&app.app, &member, edition.id, Lang::En)
            .await
            .is_err()
    );
    assert!(
        passerelle_app::documents::booklet(&app.app, &Actor::Anonymous, edition.id, Lang::En)
            .await
            .is_err()
    );
});
