//! The whole day in the browser (issue 9): on the demo's current edition with its proposals answered,
//! the company accepts what waits for it; the organiser sets the day up in the console, runs the
//! scheduling and publishes it; the company reads its agenda page, its PDF (text extracted with
//! pdftotext, its first page rendered with pdftoppm for a person to look at) and its feed (read back by
//! an independent iCalendar parser). Before the day, the organiser imposes a late meeting of the company
//! and fixes it to the slot of the company's last meeting. On the event day (the server's clock moved
//! to the first slot), the organiser fits that late request (the preview shows the meetings it moves,
//! at least the one it takes the slot of; the same moves are applied and the company's feed shows them
//! with a higher SEQUENCE), then absorbs a cancellation (the feed's SEQUENCE rose, the cancelled
//! meeting is STATUS:CANCELLED under the same UID); the company sees
//! now/next, opens its QR link (staff checked it in by name at the desk) and marks its meeting held;
//! staff mark a no-show from the live board; the company rates the held meeting and the
//! organiser sees the rating. Every page passes axe-core in French, the main ones in English too
//! (screenshots under target/screenshots/day-*).

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use fantoccini::{Client, Locator};
use passerelle_app::TestClock;
use passerelle_app::demo::Stage;
use passerelle_domain::{MeetingId, MeetingStatus, Phase, Role, ScheduleRunId};
use passerelle_storage::RunStatus;

use crate::harness::*;

fn screenshots() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots")
}

/// Opens `path`, keeps a screenshot and returns the page's text; axe-core's violations go to `failures`.
async fn look(s: &Session, path: &str, name: &str, failures: &mut Vec<String>) -> String {
    s.client
        .goto(&s.app.url(path))
        .await
        .expect("opening a page");
    screenshot(&s.client, &format!("day-{name}")).await;
    let violations = axe_violations(&s.client, &s.axe).await;
    if !violations.is_empty() {
        failures.push(format!("{name} {path}:\n  {}", violations.join("\n  ")));
    }
    body_text(&s.client).await
}

async fn leave(s: &Session) {
    s.client.goto(&s.app.url("/")).await.expect("home");
    sign_out(&s.client).await;
}

/// Clicks the submit button inside `css` and waits for the next page.
async fn submit_in(client: &Client, css: &str) {
    let html = client.find(Locator::Css("html")).await.expect("root");
    client
        .find(Locator::Css(&format!("{css} button[type='submit']")))
        .await
        .unwrap_or_else(|e| panic!("a submit button in {css}: {e}"))
        .click()
        .await
        .expect("submitting");
    for _ in 0..100 {
        if html.tag_name().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("submitting in {css} did not load a new page");
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .expect("clicking");
}

/// What the browser's session would download at `path` (its cookies sent along).
async fn download(s: &Session, path: &str) -> reqwest::Response {
    let cookies = s
        .client
        .get_all_cookies()
        .await
        .expect("the browser's cookies")
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect::<Vec<_>>()
        .join("; ");
    reqwest::Client::new()
        .get(s.app.url(path))
        .header(reqwest::header::COOKIE, cookies)
        .send()
        .await
        .expect("a download")
}

/// The feed's events by UID: (SEQUENCE, STATUS, LOCATION, DTSTART), read by the `ical` crate.
async fn feed(url: &str) -> BTreeMap<String, (u32, String, String, String)> {
    let text = reqwest::get(url)
        .await
        .expect("the feed")
        .text()
        .await
        .expect("its text");
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("a calendar")
        .expect("a well-formed calendar");
    assert!(
        cal.timezones.iter().any(|tz| tz
            .properties
            .iter()
            .any(|p| p.name == "TZID" && p.value.as_deref() == Some("Europe/Paris"))),
        "VTIMEZONE Europe/Paris: {text}"
    );
    cal.events
        .iter()
        .map(|e| {
            let prop = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (
                prop("UID"),
                (
                    prop("SEQUENCE").parse().unwrap_or(0),
                    prop("STATUS"),
                    prop("LOCATION"),
                    prop("DTSTART"),
                ),
            )
        })
        .collect()
}

fn uid(m: MeetingId) -> String {
    format!("meeting-{m}@passerelle")
}

async fn person(s: &Session, role: Role) -> passerelle_storage::User {
    let account = passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == role)
        .unwrap();
    s.app
        .storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .unwrap()
}

/// Submits the change declared in the form labelled `form` of the changes page (its fields already
/// chosen), reads the preview (the number of moves it states, which must be the rows it lists), applies
/// it, and returns the change's page, the moves shown and the meetings whose place changed between the
/// live schedules before and after.
async fn preview_and_apply(
    s: &Session,
    form: &str,
    name: &str,
    failures: &mut Vec<String>,
) -> (String, usize, Vec<MeetingId>) {
    let client = &s.client;
    let edition = passerelle_app::editions::current(&s.app.app)
        .await
        .unwrap()
        .expect("the current edition")
        .id;
    submit_in(client, &format!("form[aria-labelledby='{form}']")).await;
    let change_path = client.current_url().await.unwrap().path().to_string();
    let preview = look(s, &change_path, name, failures).await;
    let shown: usize = client
        .find(Locator::Css("#moves-count"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .trim()
        .parse()
        .expect("the number of moves");
    let move_rows = client
        .find_all(Locator::Css(
            "section[aria-labelledby='moves-title'] tbody tr",
        ))
        .await
        .unwrap()
        .len();
    assert_eq!(shown, move_rows, "{preview}");
    let live = || async {
        s.app
            .storage
            .live_placements(edition)
            .await
            .unwrap()
            .into_iter()
            .map(|l| (l.placement.meeting, l.placement))
            .collect::<BTreeMap<MeetingId, _>>()
    };
    let before = live().await;
    submit_form(client, "/appliquer").await;
    let applied = body_text(client).await;
    assert!(applied.contains("Changement appliqué"), "{applied}");
    let moved: Vec<MeetingId> = live()
        .await
        .iter()
        .filter(|(id, p)| before.get(id).is_some_and(|b| b != *p))
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(moved.len(), shown, "the moves shown are the moves applied");
    (change_path, shown, moved)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_day_from_the_console_to_the_ratings() {
    // The demo dates its current edition four weeks after the seed: seeded four weeks ago, its day is
    // today, so that moving the server's clock to a slot of the day keeps the browser's sessions (their
    // expiry is the real time's) valid.
    let clock = TestClock::at(time::OffsetDateTime::now_utc() - time::Duration::days(28));
    let Some(s) = Session::start_with(Stage::Proposals, Arc::new(clock.clone())).await else {
        return;
    };
    let outcome = async {
        let storage = &s.app.storage;
        let client = &s.client;
        let mut failures = Vec::new();
        let edition = passerelle_app::editions::current(&s.app.app)
            .await
            .unwrap()
            .expect("the demo's current edition");
        let company_user = person(&s, Role::CompanyMember).await;
        let company = storage.memberships(company_user.id).await.unwrap()[0].organisation;
        s.language("fr").await;

        // 1. The company accepts the proposals waiting for it.
        sign_in(client, &s.app, Role::CompanyMember).await;
        let waiting: Vec<MeetingId> = storage
            .meetings_of_edition(edition.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.company.id == company && m.state.status == MeetingStatus::Proposed)
            .map(|m| m.id)
            .collect();
        assert!(!waiting.is_empty(), "proposals wait for the demo company");
        for id in &waiting {
            client.goto(&s.app.url("/rencontres")).await.unwrap();
            submit_form(client, &format!("/rencontres/{id}/accepter")).await;
        }
        let agenda_before = look(
            &s,
            "/journee/agenda",
            "fr-agenda-unpublished",
            &mut failures,
        )
        .await;
        assert!(
            agenda_before.contains("pas encore publié"),
            "{agenda_before}"
        );
        leave(&s).await;

        // 2. The organiser sets the day up in the console: one day, two sessions with a coffee break,
        // twelve tables of which the first is step-free; institutions sit.
        sign_in(client, &s.app, Role::Organiser).await;
        let setup = format!("/console/editions/{}/journee", edition.id);
        look(&s, &setup, "fr-setup-empty", &mut failures).await;
        let first_day = client
            .find(Locator::Css("#f-day-1"))
            .await
            .expect("the first day's box");
        if !first_day.is_selected().await.unwrap() {
            first_day.click().await.unwrap();
        }
        if let Ok(second) = client.find(Locator::Css("#f-day-2")).await
            && second.is_selected().await.unwrap()
        {
            second.click().await.unwrap();
        }
        for (field, value) in [
            ("#f-morning_start", "9:00"),
            ("#f-morning_end", "12:30"),
            ("#f-afternoon_start", "14:00"),
            ("#f-afternoon_end", "17:30"),
            ("#f-slot_minutes", "20"),
            ("#f-gap_minutes", "5"),
            ("#f-pauses", "10:40-10:55"),
        ] {
            fill(client, field, value).await;
        }
        let tables: Vec<String> = (1..=12).map(|n| format!("Table {n}")).collect();
        fill(client, "#f-tables", &tables.join("\n")).await;
        fill(client, "#f-step_free", "Table 1").await;
        submit_form(client, &setup).await;
        let saved = body_text(client).await;
        assert!(
            saved.contains("Préparation de la journée enregistrée"),
            "{saved}"
        );
        assert!(saved.contains("16 créneaux"), "{saved}");
        screenshot(client, "day-fr-setup-saved").await;

        // 3. The run, as a job; its figures; publication.
        fill(client, "#f-time_limit", "10").await;
        submit_form(client, &format!("{setup}/calculs")).await;
        let run_path = client.current_url().await.unwrap().path().to_string();
        let run = ScheduleRunId::parse(run_path.rsplit('/').next().unwrap()).expect("a run page");
        let mut done = false;
        for _ in 0..300 {
            let r = storage.get_schedule_run(run).await.unwrap().unwrap();
            if r.status != RunStatus::Pending {
                assert_eq!(r.status, RunStatus::Done, "{:?}", r.result);
                done = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(done, "the scheduling job finished within 30 s");
        let page = look(&s, &run_path, "fr-run", &mut failures).await;
        for figure in [
            "Rencontres placées",
            "Temps d’attente au total",
            "Borne inférieure",
            "Écart à la borne",
            "Optimum prouvé",
            "Écart d’attente entre participants",
            "Changements de table",
            "Temps de calcul",
        ] {
            assert!(page.contains(figure), "{figure}: {page}");
        }
        submit_form(client, "/publier").await;
        assert!(body_text(client).await.contains("Planning publié"));
        assert_eq!(
            storage
                .get_edition(edition.id)
                .await
                .unwrap()
                .unwrap()
                .phase,
            Phase::SchedulePublished
        );
        look(&s, &setup, "fr-setup-published", &mut failures).await;
        leave(&s).await;

        // 4. The company's agenda: every meeting with its time, table and the other side.
        let mine: Vec<_> = storage
            .meetings_of_edition(edition.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.company.id == company && m.state.status == MeetingStatus::Scheduled)
            .collect();
        assert!(mine.len() >= 2, "the company has several meetings");
        let mut placed: Vec<_> = storage
            .live_placements(edition.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|l| mine.iter().any(|m| m.id == l.placement.meeting))
            .collect();
        placed.sort_by_key(|l| l.placement.start);
        sign_in(client, &s.app, Role::CompanyMember).await;
        let agenda = look(&s, "/journee/agenda", "fr-agenda", &mut failures).await;
        for m in &mine {
            assert!(agenda.contains(m.institution.name.as_str()), "{agenda}");
            assert!(agenda.contains(m.irritant_title.as_str()));
        }
        assert!(agenda.contains("Table "), "tables are named");
        assert!(agenda.contains(" h "), "French times: {agenda}");
        let rows = client
            .find_all(Locator::Css("table.agenda tbody tr"))
            .await
            .unwrap();
        assert_eq!(rows.len(), mine.len());

        // Its PDF: the same meetings, French typography, fonts embedded; the first page as an image.
        let pdf = download(&s, "/journee/agenda.pdf").await;
        assert_eq!(pdf.status(), 200);
        assert_eq!(
            pdf.headers()[reqwest::header::CONTENT_TYPE],
            "application/pdf"
        );
        let bytes = pdf.bytes().await.unwrap();
        let dir = screenshots();
        std::fs::create_dir_all(&dir).unwrap();
        let pdf_path = dir.join("day-agenda.pdf");
        std::fs::write(&pdf_path, &bytes).unwrap();
        let text = std::process::Command::new("pdftotext")
            .args(["-layout", pdf_path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils)");
        assert!(text.status.success());
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(text.contains(edition.title.as_str()), "{text}");
        for m in &mine {
            // Names may wrap in the PDF's columns: their first word is on the page.
            let first = m.institution.name.as_str().split(' ').next().unwrap();
            assert!(text.contains(first), "{first}: {text}");
        }
        assert!(text.contains("Table "), "{text}");
        assert!(text.contains(" h "), "French times in the PDF: {text}");
        let fonts = std::process::Command::new("pdffonts")
            .arg(&pdf_path)
            .output()
            .expect("pdffonts");
        let fonts = String::from_utf8(fonts.stdout).unwrap();
        assert!(
            fonts.lines().skip(2).all(|l| l.contains(" yes ")),
            "every font embedded: {fonts}"
        );
        let rendered = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf_path)
            .arg(dir.join("day-agenda-pdf-page1"))
            .status()
            .expect("pdftoppm");
        assert!(rendered.success());

        // Its feed, behind the secret address: one event per meeting, stable UIDs, tables as places.
        let feed_url = client
            .find(Locator::Css("#f-feed"))
            .await
            .unwrap()
            .attr("value")
            .await
            .unwrap()
            .expect("the feed's address");
        let before = feed(&feed_url).await;
        assert_eq!(before.len(), mine.len());
        for m in &mine {
            let (_, status, location, _) = before.get(&uid(m.id)).expect("a stable UID");
            assert_ne!(status, "CANCELLED");
            assert!(location.starts_with("Table "), "{location}");
        }
        let check_in_link = client
            .find(Locator::Css("#accueil a"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .expect("the check-in address under the QR code");
        assert!(
            client.find(Locator::Css("#accueil .qr svg")).await.is_ok(),
            "the QR code"
        );
        leave(&s).await;

        // 4b. Before the day, a late request: the organiser imposes a meeting of the company with an
        // irritant it was never proposed, and fixes it to the slot of the company's last meeting.
        let last = placed.last().unwrap().placement;
        sign_in(client, &s.app, Role::Organiser).await;
        let console_meetings = format!("/console/editions/{}/rencontres", edition.id);
        client.goto(&s.app.url(&console_meetings)).await.unwrap();
        let met: Vec<String> = storage
            .meetings_of_edition(edition.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.company.id == company)
            .map(|m| m.irritant_id.to_string())
            .collect();
        let mut irritant = None;
        for option in client
            .find_all(Locator::Css("#f-irritant option"))
            .await
            .unwrap()
        {
            let value = option.attr("value").await.unwrap().unwrap_or_default();
            if !met.contains(&value) {
                option.click().await.unwrap();
                irritant = Some(value);
                break;
            }
        }
        let irritant = irritant.expect("an irritant the company does not meet");
        click(client, &format!("#f-company option[value='{company}']")).await;
        submit_form(client, &console_meetings).await;
        assert!(
            body_text(client).await.contains("La rencontre est imposée"),
            "{}",
            body_text(client).await
        );
        let late = storage
            .meetings_of_edition(edition.id)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.company.id == company && m.irritant_id.to_string() == irritant)
            .expect("the imposed meeting")
            .id;
        let rules = format!("/console/editions/{}/journee/regles", edition.id);
        look(&s, &rules, "fr-rules", &mut failures).await;
        click(client, &format!("#f-meeting option[value='{late}']")).await;
        click(
            client,
            &format!(
                "#f-fixed_slot option[value='{}']",
                last.start.unix_timestamp()
            ),
        )
        .await;
        submit_form(client, "/journee/regles").await;
        assert!(body_text(client).await.contains("Règle enregistrée."));
        leave(&s).await;

        // 5. The event day: the clock at the first meeting of the company, five minutes in.
        let first = placed[0].placement;
        clock.set(first.start + time::Duration::minutes(5));
        sign_in(client, &s.app, Role::Organiser).await;
        client
            .goto(&s.app.url(&format!(
                "/console/editions/{}/phase?vers=event-day",
                edition.id
            )))
            .await
            .unwrap();
        let text = body_text(client).await;
        assert!(
            text.contains("Journée"),
            "the move to the event day: {text}"
        );
        submit_form(client, "/phase").await;
        assert_eq!(
            storage
                .get_edition(edition.id)
                .await
                .unwrap()
                .unwrap()
                .phase,
            Phase::EventDay
        );

        // Staff at the desk: the company's member, found by name, checked in with one click.
        let desk = format!("/console/editions/{}/journee/accueil", edition.id);
        look(&s, &desk, "fr-desk", &mut failures).await;
        fill(client, "#f-q", company_user.display_name.as_str()).await;
        submit_form(client, &desk).await;
        submit_form(client, &format!("{desk}/{}", company_user.id)).await;
        assert!(body_text(client).await.contains("Arrivée enregistrée."));
        assert!(
            storage
                .checkins(edition.id)
                .await
                .unwrap()
                .iter()
                .any(|(u, _)| *u == company_user.id),
            "checked in by name"
        );

        // The late request, fitted: the imposed meeting takes its fixed slot, so the company's meeting
        // there moves (and any other the engine has to shift); the preview lists every move, the same
        // moves are applied, and the company's feed shows each with a higher SEQUENCE and its new time.
        let changes = format!("/console/editions/{}/journee/changements", edition.id);
        look(&s, &changes, "fr-changes", &mut failures).await;
        click(client, &format!("#f-late-meeting option[value='{late}']")).await;
        let (late_path, shown, moved) =
            preview_and_apply(&s, "k-late", "fr-late-preview", &mut failures).await;
        eprintln!("the late request is fitted with {shown} moves");
        assert!(
            shown >= 1,
            "the late request takes the slot of the company's meeting there, which moves"
        );
        assert!(
            moved.contains(&last.meeting),
            "the company's meeting in the late request's slot moved"
        );
        let placed_late = storage
            .live_placements(edition.id)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.placement.meeting == late)
            .expect("the late meeting is in the schedule")
            .placement;
        assert_eq!(placed_late.start, last.start, "at its fixed slot");
        let fitted = feed(&feed_url).await;
        assert_eq!(
            fitted.len(),
            before.len() + 1,
            "the late meeting in the feed"
        );
        assert!(fitted.contains_key(&uid(late)));
        let company_moves: Vec<&MeetingId> = moved
            .iter()
            .filter(|id| before.contains_key(&uid(**id)))
            .collect();
        assert!(!company_moves.is_empty(), "the company's agenda changed");
        for id in company_moves {
            let (seq0, _, _, start0) = &before[&uid(*id)];
            let (seq1, status, _, start1) = &fitted[&uid(*id)];
            assert!(seq1 > seq0, "{id}: SEQUENCE rose: {seq0} → {seq1}");
            assert_ne!(start1, start0, "{id}: its new time in the feed");
            assert_ne!(status, "CANCELLED");
        }

        // A cancellation, absorbed: the late meeting is called off after all. Cancelling never forces
        // anyone else's meeting to move; what the preview shows is what is applied.
        client.goto(&s.app.url(&changes)).await.unwrap();
        click(client, &format!("#f-cancel-meeting option[value='{late}']")).await;
        let (change_path, shown, moved) =
            preview_and_apply(&s, "k-cancel", "fr-change-preview", &mut failures).await;
        eprintln!("the cancellation is absorbed with {shown} moves");
        assert_eq!(moved.len(), shown);
        assert_eq!(
            storage
                .get_meeting(late)
                .await
                .unwrap()
                .unwrap()
                .state
                .status,
            MeetingStatus::Cancelled
        );

        // The feed after the change: the cancelled meeting keeps its UID, is CANCELLED, its SEQUENCE
        // rose; so did every moved meeting's of the company.
        let after = feed(&feed_url).await;
        assert_eq!(after.len(), fitted.len(), "no event vanished");
        let (seq0, ..) = fitted[&uid(late)];
        let (seq1, status, ..) = &after[&uid(late)];
        assert_eq!(status, "CANCELLED");
        assert!(*seq1 > seq0, "SEQUENCE rose: {seq0} → {seq1}");
        for id in moved.iter().filter(|id| fitted.contains_key(&uid(**id))) {
            assert!(after[&uid(*id)].0 > fitted[&uid(*id)].0, "{id} moved");
            assert_ne!(after[&uid(*id)].3, fitted[&uid(*id)].3, "{id} moved");
        }
        leave(&s).await;

        // 6. The company on the day: now/next shows the meeting in progress and the next one.
        sign_in(client, &s.app, Role::CompanyMember).await;
        let held = first.meeting;
        let held_meeting = mine.iter().find(|m| m.id == held).unwrap();

        let now = look(&s, "/journee/maintenant", "fr-now-next", &mut failures).await;
        let current = client
            .find(Locator::Css("section.now"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            current.contains(held_meeting.institution.name.as_str()),
            "{now}"
        );
        assert!(!now.contains("Aucune rencontre en cours"), "{now}");

        // The QR code's link opens the person's check-in page: the arrival the desk recorded.
        let check_in_path = url::Url::parse(&check_in_link).unwrap().path().to_string();
        assert_eq!(
            check_in_path,
            format!("/journee/accueil/{}", company_user.id)
        );
        let arrival = look(&s, &check_in_path, "fr-check-in", &mut failures).await;
        assert!(arrival.contains("Arrivée enregistrée le"), "{arrival}");
        client
            .goto(&s.app.url("/journee/maintenant"))
            .await
            .unwrap();
        submit_form(client, &format!("/journee/rencontres/{held}/tenue")).await;
        assert!(
            body_text(client)
                .await
                .contains("Rencontre notée comme tenue.")
        );
        assert_eq!(
            storage
                .get_meeting(held)
                .await
                .unwrap()
                .unwrap()
                .state
                .status,
            MeetingStatus::Held
        );

        // 7. The rating, from the agenda page.
        client.goto(&s.app.url("/journee/agenda")).await.unwrap();
        let note = format!("form[action$='/journee/rencontres/{held}/note']");
        click(client, &format!("{note} input[name='score'][value='4']")).await;
        click(
            client,
            &format!("{note} input[name='follow_up'][value='yes']"),
        )
        .await;
        fill(
            client,
            &format!("#f-comment-{held}"),
            "Une équipe très au fait du sujet\u{a0}; une démonstration est prévue.",
        )
        .await;
        submit_in(client, &note).await;
        let rated = look(&s, "/journee/agenda", "fr-agenda-rated", &mut failures).await;
        // WebDriver's text turns no-break spaces into spaces.
        assert!(
            rated.contains("Votre évaluation : 4/5, suite : oui."),
            "{rated}"
        );
        let stored = storage.ratings_of_meeting(held).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].rating.score.value(), 4);
        leave(&s).await;

        // 8. Staff: a no-show marked from the live board, on another table's meeting.
        sign_in(client, &s.app, Role::Organiser).await;
        let board = format!(
            "/console/editions/{}/journee/tableau?creneau={}",
            edition.id,
            first.start.unix_timestamp()
        );
        let text = look(&s, &board, "fr-board", &mut failures).await;
        assert!(
            text.contains("en cours") || text.contains("tenue"),
            "{text}"
        );
        // The earliest meeting still planned, not the company's: its slot on the board.
        let mut others: Vec<_> = storage
            .live_placements(edition.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|l| !mine.iter().any(|m| m.id == l.placement.meeting))
            .collect();
        others.sort_by_key(|l| l.placement.start);
        let absent = others.first().expect("another meeting").placement;
        let absent_board = format!(
            "/console/editions/{}/journee/tableau?creneau={}",
            edition.id,
            absent.start.unix_timestamp()
        );
        client.goto(&s.app.url(&absent_board)).await.unwrap();
        let absent = absent.meeting;
        submit_form(client, &format!("/journee/rencontres/{absent}/absence")).await;
        let url = client.current_url().await.unwrap();
        assert_eq!(
            format!("{}?{}", url.path(), url.query().unwrap_or_default()),
            absent_board
        );
        let text = body_text(client).await;
        assert!(text.contains("Absence enregistrée."), "{text}");
        assert_eq!(
            storage
                .get_meeting(absent)
                .await
                .unwrap()
                .unwrap()
                .state
                .status,
            MeetingStatus::NoShow
        );
        let text = look(&s, &absent_board, "fr-board-marked", &mut failures).await;
        assert!(text.contains("absence"), "{text}");
        let results = format!("/console/editions/{}/journee/evaluations", edition.id);
        let text = look(&s, &results, "fr-results", &mut failures).await;
        assert!(text.contains("Une équipe très au fait du sujet"), "{text}");
        leave(&s).await;

        // 9. The main pages in English.
        s.language("en").await;
        sign_in(client, &s.app, Role::Organiser).await;
        look(&s, &setup, "en-setup", &mut failures).await;
        look(&s, &run_path, "en-run", &mut failures).await;
        look(&s, &late_path, "en-late", &mut failures).await;
        look(&s, &change_path, "en-change", &mut failures).await;
        let text = look(&s, &absent_board, "en-board", &mut failures).await;
        assert!(text.contains("no-show"), "{text}");
        look(&s, &desk, "en-desk", &mut failures).await;
        look(&s, &results, "en-results", &mut failures).await;
        leave(&s).await;
        sign_in(client, &s.app, Role::CompanyMember).await;
        let text = look(&s, "/journee/agenda", "en-agenda", &mut failures).await;
        assert!(text.contains("Your rating: 4/5, follow-up: yes."), "{text}");
        look(&s, "/journee/maintenant", "en-now-next", &mut failures).await;
        leave(&s).await;
        assert!(failures.is_empty(), "axe-core:\n{}", failures.join("\n"));
    }
    .await;
    s.finish().await;
    outcome
}
