//! The participant's day over HTTP, on both databases, on the whole demo (its current edition with
//! proposals answered in part): the demo company accepts its proposals, the organisers set the day up,
//! run the scheduling and publish it; then the company's agenda page, its feed (read back by an
//! independent iCalendar parser) and the reset of its secret, now/next; on the event day a meeting marked
//! held and rated from the agenda page.

use std::io::BufReader;

use passerelle_app::demo::Stage;
use passerelle_domain::{MeetingStatus, Phase, Role};
use passerelle_storage::RunStatus;

use crate::support::*;

fn feed_events(text: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("well formed");
    assert_eq!(cal.timezones.len(), 1, "Europe/Paris stated");
    cal.events
}

fn prop(e: &ical::parser::ical::component::IcalEvent, name: &str) -> String {
    e.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_default()
}

async fn the_participants_day(app: TestApp) {
    let s = &app.storage;
    let edition = passerelle_app::editions::current(&app.app)
        .await
        .unwrap()
        .expect("the demo's current edition");
    let company = Browser::as_(&app, Who::Company).await;
    let company_user = s
        .find_user_by_email(&demo_account(Role::CompanyMember).email)
        .await
        .unwrap()
        .unwrap();
    let company_org = s.memberships(company_user.id).await.unwrap()[0].organisation;

    // Before publication the agenda says it is coming.
    let before = company.get("/journee/agenda").await;
    before.assert_ok();
    assert!(before.body.contains("pas encore publié"), "{}", before.body);

    // The demo company accepts the proposals waiting for it.
    let waiting: Vec<_> = s
        .meetings_of_edition(edition.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.company.id == company_org && m.state.status == MeetingStatus::Proposed)
        .collect();
    assert!(
        !waiting.is_empty(),
        "the demo company has proposals waiting"
    );
    for m in &waiting {
        let page = company
            .post(
                &format!("/rencontres/{}/accepter", m.id),
                &[("version", &m.version.to_string())],
            )
            .await;
        assert!(page.status.is_redirection(), "{}", page.body);
    }

    // Those the other side had accepted are now confirmed (the demo institution's still wait for it).
    let confirmed = s
        .meetings_of_edition(edition.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.company.id == company_org && m.state.status == MeetingStatus::Accepted)
        .count();
    assert!(confirmed > 0);

    // The organisers set the day up in the console, run the scheduling twice, compare and publish.
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let setup = format!("/console/editions/{}/journee", edition.id);
    let form = organiser.get(&setup).await;
    form.assert_ok();
    assert!(form.body.contains("institutions-sit"));
    let tables: Vec<String> = (1..=20).map(|n| format!("Table {n}")).collect();
    let day = edition.dates.first_day().to_string();
    let tables = tables.join("\n");
    let setup_form = [
        ("days", day.as_str()),
        ("morning_start", "9:00"),
        ("morning_end", "12:30"),
        ("afternoon_start", "14:00"),
        ("afternoon_end", "17:30"),
        ("slot_minutes", "20"),
        ("gap_minutes", "5"),
        ("pauses", "10:40-10:55"),
        ("seating", "institutions-sit"),
        ("fairness", ""),
        ("tables", tables.as_str()),
        ("step_free", "Table 1"),
    ];
    let saved = organiser.post(&setup, &setup_form).await;
    assert_eq!(
        saved.location.as_deref(),
        Some(setup.as_str()),
        "{}",
        saved.body
    );
    let page = organiser.get(&setup).await;
    assert!(page.body.contains("Préparation de la journée enregistrée."));
    assert!(
        page.body.contains("16 créneaux"),
        "8 in the morning (a break at 10:40), 8 in the afternoon"
    );
    async fn run_to_end(app: &TestApp, organiser: &Browser, setup: &str) -> String {
        let started = organiser
            .post(&format!("{setup}/calculs"), &[("time_limit", "10")])
            .await;
        let run_page = started.location.clone().expect("to the run's page");
        let id = run_page.rsplit('/').next().unwrap().to_string();
        let run = passerelle_domain::ScheduleRunId::parse(&id).unwrap();
        // The server's workers run the job; wait for it (bounded).
        for _ in 0..600 {
            let r = app.storage.get_schedule_run(run).await.unwrap().unwrap();
            if r.status != RunStatus::Pending {
                assert_eq!(r.status, RunStatus::Done, "{:?}", r.result);
                return run_page;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the scheduling job finished within a minute");
    }
    let first_run = run_to_end(&app, &organiser, &setup).await;
    let second_run = run_to_end(&app, &organiser, &setup).await;
    let page = organiser.get(&first_run).await;
    page.assert_ok();
    for figure in [
        "Rencontres placées",
        "Temps d’attente au total",
        "Borne inférieure",
        "Écart à la borne",
        "Optimum prouvé",
        "Écart d’attente entre participants",
        "Changements de table",
        "Temps de calcul",
        "Attente par participant",
    ] {
        assert!(page.body.contains(figure), "{figure}");
    }
    let a = first_run.rsplit('/').next().unwrap();
    let b = second_run.rsplit('/').next().unwrap();
    let compared = organiser
        .get(&format!("/console/journee/comparer?a={a}&b={b}"))
        .await;
    compared.assert_ok();
    assert!(compared.body.contains("Même place"));
    let published = organiser.post(&format!("{first_run}/publier"), &[]).await;
    assert_eq!(published.location.as_deref(), Some(first_run.as_str()));
    let page = organiser.get(&first_run).await;
    assert!(page.body.contains("Planning publié"), "{}", page.body);
    assert_eq!(
        passerelle_app::editions::current(&app.app)
            .await
            .unwrap()
            .unwrap()
            .phase,
        Phase::SchedulePublished
    );

    // The company's agenda: its meetings with time, table and the other side, in order.
    let mine: Vec<_> = s
        .meetings_of_edition(edition.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.company.id == company_org && m.state.status == MeetingStatus::Scheduled)
        .collect();
    assert_eq!(mine.len(), confirmed);
    let page = company.get("/journee/agenda").await;
    page.assert_ok();
    for m in &mine {
        assert!(page.body.contains(&format!("id=\"m-{}\"", m.id)));
        assert!(page.body.contains(&escaped(m.institution.name.as_str())));
        assert!(page.body.contains(&escaped(m.irritant_title.as_str())));
    }
    assert!(page.body.contains("Table "), "tables are named");
    assert!(page.body.contains("aria-current=\"page\">Mon agenda"));
    // No marks before the day, no ratings before a meeting is held.
    assert!(!page.body.contains("/tenue"));
    assert!(!page.body.contains("/note"));

    // The feed behind the secret address: no session needed, one event per meeting, Paris time.
    let feed_url = page
        .body
        .split("id=\"f-feed\" type=\"text\" readonly value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the feed's address on the page")
        .to_string();
    let feed_path = feed_url.strip_prefix(&app.base_url).unwrap().to_string();
    assert!(feed_path.starts_with("/journee/flux/") && feed_path.ends_with(".ics"));
    let anonymous = Browser::as_(&app, Who::Anonymous).await;
    let feed = anonymous.get(&feed_path).await;
    feed.assert_ok();
    assert!(
        feed.headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let events = feed_events(&feed.body);
    assert_eq!(events.len(), mine.len());
    for m in &mine {
        let uid = format!("meeting-{}@passerelle", m.id);
        let e = events
            .iter()
            .find(|e| prop(e, "UID") == uid)
            .expect("a stable UID per meeting");
        assert!(prop(e, "LOCATION").starts_with("Table "));
        assert!(prop(e, "SUMMARY").contains(m.institution.name.as_str()));
        assert_ne!(prop(e, "STATUS"), "CANCELLED");
    }

    // Resetting the secret: the old address stops working, the new one works.
    let reset = company.post("/journee/agenda/flux", &[]).await;
    assert_eq!(reset.location.as_deref(), Some("/journee/agenda#flux"));
    let after = company.get("/journee/agenda").await;
    assert!(after.body.contains("l’ancienne ne fonctionne plus"));
    assert!(!after.body.contains(&feed_url));
    assert_eq!(anonymous.get(&feed_path).await.status, 404);

    // Now/next before the day: nothing in progress, the first meeting next.
    let now = company.get("/journee/maintenant").await;
    now.assert_ok();
    assert!(now.body.contains("Aucune rencontre en cours"));
    let first = s
        .live_placements(edition.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| mine.iter().any(|m| m.id == l.placement.meeting))
        .min_by_key(|l| l.placement.start)
        .unwrap();
    let first_meeting = mine
        .iter()
        .find(|m| m.id == first.placement.meeting)
        .unwrap();
    let next = now.body.split("id=\"now-next\"").nth(1).unwrap();
    assert!(next.contains(&escaped(first_meeting.institution.name.as_str())));

    // On the event day: the company marks its first meeting held from the agenda, then rates it.
    s.set_phase(edition.id, Phase::EventDay, None)
        .await
        .unwrap();
    let page = company.get("/journee/agenda").await;
    let held_path = format!("/journee/rencontres/{}/tenue", first_meeting.id);
    assert!(page.body.contains(&held_path));
    let held = company.post(&held_path, &[]).await;
    assert_eq!(held.location.as_deref(), Some("/journee/agenda"));
    let page = company.get("/journee/agenda").await;
    assert!(page.body.contains("Rencontre notée comme tenue."));
    let rate_path = format!("/journee/rencontres/{}/note", first_meeting.id);
    assert!(
        page.body.contains(&rate_path),
        "the held meeting can be rated"
    );
    // A rating without a score says what is missing, in French, next to the field.
    let refused = company
        .post(&rate_path, &[("follow_up", "yes"), ("comment", "")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains(&format!("id=\"e-score-{}\"", first_meeting.id))
    );
    let rated = company
        .post(
            &rate_path,
            &[
                ("score", "4"),
                ("follow_up", "yes"),
                ("comment", "Une équipe très au fait du sujet."),
            ],
        )
        .await;
    assert!(rated.status.is_redirection(), "{}", rated.body);
    let page = company.get("/journee/agenda").await;
    assert!(
        page.body
            .contains("Votre évaluation\u{a0}: 4/5, suite\u{a0}: oui.")
    );
    let stored = s.ratings_of_meeting(first_meeting.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].rating.score.value(), 4);
    // The same page in English.
    let mut english = Browser::as_(&app, Who::Company).await;
    english.accept_language = Some("en");
    let page = english.get("/journee/agenda").await;
    assert!(
        page.body.contains("Your rating: 4/5, follow-up: yes."),
        "{}",
        page.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_participants_day_sqlite() {
    let app = passerelle_web::testing::spawn_app_at(Db::Sqlite, Some(Stage::Proposals))
        .await
        .expect("SQLite");
    let storage = app.storage.clone();
    the_participants_day(app).await;
    passerelle_storage::testing::dispose(storage).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_participants_day_postgres() {
    let Some(app) =
        passerelle_web::testing::spawn_app_at(Db::Postgres, Some(Stage::Proposals)).await
    else {
        return;
    };
    let storage = app.storage.clone();
    the_participants_day(app).await;
    passerelle_storage::testing::dispose(storage).await;
}
