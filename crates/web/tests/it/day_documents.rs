//! The day's PDFs over HTTP, on both databases, on the whole demo (its current edition's schedule
//! published): the demo company's agenda read back with poppler in French and in English (each
//! meeting's time, table, counterpart and irritant, the contacts, the QR code's check-in link), the
//! organisers' door sheets (one table a page) and grid (landscape); a first page of each kept as a PNG
//! (`target/screenshots/pdf-*.png`) to look at; stored once rendered, rendered again after a change.

use std::process::Command;

use passerelle_app::agendas;
use passerelle_app::demo::Stage;
use passerelle_domain::day::in_paris;
use passerelle_domain::{Phase, Role};
use passerelle_i18n::{Lang, format};

use crate::documents::{assert_shows, download, poppler};
use crate::support::*;

/// Page `page` of `pdf` as a PNG under `target/screenshots/<name>.png`, for a person to look at.
fn keep_png(pdf: &[u8], name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    // Both databases' tests run in one process: each keeps its own file.
    let input = std::env::temp_dir().join(format!(
        "passerelle-{name}-{}-{}.pdf",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    std::fs::write(&input, pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&input)
        .arg(dir.join(name))
        .output();
    std::fs::remove_file(&input).unwrap();
    match out {
        Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)),
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("\n*** SKIPPED: pdftoppm not found ({e}) ***\n")
        }
        Err(e) => panic!("pdftoppm is needed in CI (poppler-utils): {e}"),
    }
}

fn pages(pdf: &[u8]) -> Option<usize> {
    let info = poppler("pdfinfo", &[], pdf)?;
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
}

async fn the_days_documents(app: TestApp) {
    let s = &app.storage;
    let edition = passerelle_app::editions::current(&app.app)
        .await
        .unwrap()
        .expect("the demo's current edition");
    assert_eq!(edition.phase, Phase::SchedulePublished);

    // The company finds the link on its agenda page and gets its agenda as a PDF.
    let company = Browser::as_(&app, Who::Company).await;
    let page = company.get("/journee/agenda").await;
    page.assert_ok();
    assert!(page.body.contains("href=\"/journee/agenda.pdf\""));
    let pdf = download(&company, "/journee/agenda.pdf").await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(
        pdf.disposition.starts_with("inline; filename=\"agenda-"),
        "{}",
        pdf.disposition
    );
    let user = s
        .find_user_by_email(&demo_account(Role::CompanyMember).email)
        .await
        .unwrap()
        .unwrap();
    let agenda = agendas::agenda_of(&app.app, edition.clone(), user.clone())
        .await
        .unwrap();
    assert!(
        agenda.items.len() >= 2,
        "the demo company meets several fiches"
    );
    keep_png(&pdf.data, "pdf-agenda-fr");
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &pdf.data) {
        assert_shows(&text, user.display_name.as_str(), "the person");
        assert_shows(&text, edition.title.as_str(), "the edition");
        for item in &agenda.items {
            let start = format::time(Lang::Fr, in_paris(item.start).time());
            assert_shows(&text, &start, "the time");
            assert_shows(
                &text,
                item.table.as_ref().unwrap().name.as_str(),
                "the table",
            );
            assert_shows(&text, &item.counterpart, "the institution");
            assert_shows(&text, item.meeting.irritant_title.as_str(), "the irritant");
            for (name, email) in &item.contacts {
                assert_shows(&text, &format!("{name}, {email}"), "a contact");
            }
        }
        assert_shows(
            &text,
            &format!("/journee/accueil/{}", user.id),
            "the check-in link",
        );
        assert_shows(
            &text,
            "Accueil : présentez ce code à votre arrivée.",
            "the QR code's caption",
        );
    }
    if let Some(info) = poppler("pdfinfo", &[], &pdf.data) {
        assert!(info.contains("Tagged:          yes"));
        assert!(info.contains(&format!(
            "Title:           Agenda de {}",
            user.display_name.as_str()
        )));
    }
    // Stored once rendered: the same bytes again.
    assert_eq!(
        download(&company, "/journee/agenda.pdf").await.data,
        pdf.data
    );

    // In English, from the language of the interface or asked for.
    let mut english = Browser::as_(&app, Who::Company).await;
    english.accept_language = Some("en");
    let en = download(&english, "/journee/agenda.pdf").await;
    assert_eq!(
        download(&company, "/journee/agenda.pdf?langue=en")
            .await
            .data,
        en.data
    );
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &en.data) {
        assert_shows(
            &text,
            "Check-in: show this code when you arrive.",
            "English labels",
        );
        let start = format::time(Lang::En, in_paris(agenda.items[0].start).time());
        assert_shows(&text, &start, "English times");
    }
    assert_eq!(
        download(&company, "/journee/agenda.pdf?langue=xx")
            .await
            .status,
        400
    );

    // The organisers print the door sheets and the grid from the day's console page.
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let console = organiser
        .get(&format!("/console/editions/{}/journee", edition.id))
        .await;
    console.assert_ok();
    let doors_path = format!("/console/editions/{}/journee/portes.pdf", edition.id);
    let grid_path = format!("/console/editions/{}/journee/grille.pdf", edition.id);
    assert!(console.body.contains(&doors_path) && console.body.contains(&grid_path));
    let tables = s.day_tables(edition.id).await.unwrap();
    let live = s.live_placements(edition.id).await.unwrap();
    let meetings = s.meetings_of_edition(edition.id).await.unwrap();
    let doors = download(&organiser, &doors_path).await;
    assert_eq!(doors.status, 200);
    keep_png(&doors.data, "pdf-doors-fr");
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &doors.data) {
        assert_eq!(pages(&doors.data), Some(tables.len()), "one table a page");
        let by_page: Vec<&str> = text.split('\u{c}').collect();
        for (t, page) in tables.iter().zip(&by_page) {
            assert_shows(page, t.name.as_str(), "the table's name");
            for l in live.iter().filter(|l| l.placement.table == t.id) {
                let m = meetings
                    .iter()
                    .find(|m| m.id == l.placement.meeting)
                    .unwrap();
                assert_shows(page, m.company.name.as_str(), "the company at its table");
            }
        }
        assert_shows(by_page[0], "Accès de plain-pied", "the step-free room");
    }
    let grid = download(&organiser, &grid_path).await;
    assert_eq!(grid.status, 200);
    keep_png(&grid.data, "pdf-grid-fr");
    if let Some(info) = poppler("pdfinfo", &[], &grid.data) {
        assert!(
            info.contains("841.89 x 595.276 pts (A4)"),
            "landscape: {info}"
        );
    }
    if let Some(text) = poppler("pdftotext", &["-enc", "UTF-8"], &grid.data) {
        for m in &meetings {
            assert_shows(&text, m.company.name.as_str(), "each meeting's company");
        }
    }
    // Participants do not print the organisers' documents.
    assert_eq!(download(&company, &doors_path).await.status, 403);
    assert_eq!(download(&company, &grid_path).await.status, 403);

    // A change to what is printed renders the documents again: the company's first meeting moves to
    // another table.
    let first = &agenda.items[0];
    let other = tables
        .iter()
        .find(|t| Some(t.id) != first.table.as_ref().map(|x| x.id))
        .unwrap();
    let mut moved = live
        .iter()
        .find(|l| l.placement.meeting == first.meeting.id)
        .unwrap()
        .placement;
    moved.table = other.id;
    let mut tx = s.begin().await.unwrap();
    tx.place_meeting(edition.id, &moved, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let again = download(&company, "/journee/agenda.pdf").await;
    assert_ne!(again.data, pdf.data, "rendered again after the move");
    assert_ne!(download(&organiser, &doors_path).await.data, doors.data);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_days_documents_sqlite() {
    let app = passerelle_web::testing::spawn_app_at(Db::Sqlite, Some(Stage::Latest))
        .await
        .expect("SQLite");
    let storage = app.storage.clone();
    the_days_documents(app).await;
    passerelle_storage::testing::dispose(storage).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_days_documents_postgres() {
    let Some(app) = passerelle_web::testing::spawn_app_at(Db::Postgres, Some(Stage::Latest)).await
    else {
        return;
    };
    let storage = app.storage.clone();
    the_days_documents(app).await;
    passerelle_storage::testing::dispose(storage).await;
}
