//! The day as it happens, over HTTP on both databases, on the demo's current edition with its schedule
//! published: the organisers' rescheduling (a meeting locked, a cancellation previewed with its moves
//! and who is affected, applied — the affected company mailed, its feed's event cancelled with a higher
//! SEQUENCE, the locked meeting in place —, a second application refused, an absence previewed and
//! discarded, a late request fitted, the history), the live board per slot, the check-in desk by name,
//! a person's own check-in page, and the rating results per meeting, company and irritant.

use std::io::BufReader;

use passerelle_app::demo::Stage;
use passerelle_domain::{Actor, EditionId, MeetingStatus, Phase, Role};
use passerelle_storage::RunStatus;

use crate::support::*;

async fn actor(app: &TestApp, role: Role) -> Actor {
    let user = app
        .storage
        .find_user_by_email(&demo_account(role).email)
        .await
        .unwrap()
        .unwrap();
    app.storage.actor(user.id).await.unwrap()
}

/// The demo's current edition with a published schedule: the demo company accepts what waits for it,
/// the organisers set the day up, run the scheduling and publish (unless the demo already did).
async fn published_day(app: &TestApp) -> EditionId {
    let edition = passerelle_app::editions::current(&app.app)
        .await
        .unwrap()
        .expect("the demo's current edition");
    if edition.phase >= Phase::SchedulePublished {
        return edition.id;
    }
    set_up_day(app).await;
    let organiser = actor(app, Role::Organiser).await;
    let run = run_to_end(app, &organiser, edition.id).await;
    passerelle_app::schedule::publish(&app.app, &organiser, run)
        .await
        .unwrap();
    edition.id
}

/// A scheduling run of the edition, finished.
async fn run_to_end(
    app: &TestApp,
    organiser: &Actor,
    edition: EditionId,
) -> passerelle_domain::ScheduleRunId {
    let run = passerelle_app::schedule::start_run(&app.app, organiser, edition, "5")
        .await
        .unwrap();
    for _ in 0..600 {
        let r = app.storage.get_schedule_run(run).await.unwrap().unwrap();
        if r.status != RunStatus::Pending {
            assert_eq!(r.status, RunStatus::Done, "{:?}", r.result);
            return run;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the scheduling run finished within a minute")
}

/// The demo company accepts the proposals waiting for it; the organisers set the current edition's day
/// up (one day, twenty tables).
async fn set_up_day(app: &TestApp) -> EditionId {
    let edition = passerelle_app::editions::current(&app.app)
        .await
        .unwrap()
        .expect("the demo's current edition");
    let company = actor(app, Role::CompanyMember).await;
    for m in app
        .storage
        .meetings_of_edition(edition.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| company.is_member_of(Some(m.company.id)))
        .filter(|m| m.state.status == MeetingStatus::Proposed)
    {
        passerelle_app::meetings::answer(
            &app.app,
            &company,
            m.id,
            passerelle_app::meetings::AnswerInput {
                accept: true,
                version: m.version.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    // A morning of 8 slots, and one table more than the confirmed meetings need: room for the day's
    // changes, and few enough tables that losing them leaves too few seats.
    let confirmed = app
        .storage
        .meetings_of_edition(edition.id)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.state.status.is_confirmed())
        .count();
    assert!(confirmed > 8, "more meetings than slots: {confirmed}");
    let tables: Vec<String> = (1..=(confirmed.div_ceil(8) + 1).max(3))
        .map(|n| format!("Table {n}"))
        .collect();
    let organiser = actor(app, Role::Organiser).await;
    passerelle_app::schedule::save_setup(
        &app.app,
        &organiser,
        edition.id,
        passerelle_app::schedule::SetupInput {
            days: vec![edition.dates.first_day().to_string()],
            morning_start: "9:00".into(),
            morning_end: "12:30".into(),
            slot_minutes: "20".into(),
            gap_minutes: "5".into(),
            seating: "institutions-sit".into(),
            tables: tables.join("\n"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    edition.id
}

fn feed_event(text: &str, uid: &str) -> Option<(String, i64)> {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser.next()?.ok()?;
    let e = cal.events.into_iter().find(|e| {
        e.properties
            .iter()
            .any(|p| p.name == "UID" && p.value.as_deref() == Some(uid))
    })?;
    let prop = |name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    Some((prop("STATUS"), prop("SEQUENCE").parse().unwrap_or(0)))
}

/// The address of the feed on an agenda page, as a path.
fn feed_path(app: &TestApp, agenda: &str) -> String {
    let url = agenda
        .split("id=\"f-feed\" type=\"text\" readonly value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the feed's address");
    url.strip_prefix(&app.base_url).unwrap().to_string()
}

async fn the_day_as_it_happens(app: TestApp) {
    let s = &app.storage;
    let edition = published_day(&app).await;
    let company_actor = actor(&app, Role::CompanyMember).await;
    let company_email = demo_account(Role::CompanyMember).email;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let company = Browser::as_(&app, Who::Company).await;
    let changes = format!("/console/editions/{edition}/journee/changements");

    // The company's scheduled meetings, in time order.
    let live = s.live_placements(edition).await.unwrap();
    let mut mine: Vec<_> = s
        .meetings_of_edition(edition)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| company_actor.is_member_of(Some(m.company.id)))
        .filter(|m| m.state.status == MeetingStatus::Scheduled)
        .filter_map(|m| {
            live.iter()
                .find(|l| l.placement.meeting == m.id)
                .map(|l| (l.placement, m))
        })
        .collect();
    mine.sort_by_key(|(p, _)| p.start);
    assert!(mine.len() >= 2, "the demo company has meetings on the day");
    let (_, cancelled) = mine[0].clone();
    let (kept_at, kept) = mine[1].clone();

    // The page lists the live schedule; the organiser locks the company's second meeting.
    let page = organiser.get(&changes).await;
    page.assert_ok();
    assert!(page.body.contains(&format!("id=\"m-{}\"", kept.id)));
    assert!(page.body.contains("Aucun changement pour l’instant."));
    let locked = organiser
        .post(
            &format!("/console/journee/rencontres/{}/verrou", kept.id),
            &[("locked", "1")],
        )
        .await;
    assert_eq!(
        locked.location.as_deref(),
        Some(format!("{changes}#m-{}", kept.id).as_str())
    );
    let page = organiser.get(&changes).await;
    assert!(page.body.contains("Rencontre verrouillée"));
    assert!(page.body.contains("Déverrouiller"));

    // The company's feed before the change.
    let agenda = company.get("/journee/agenda").await;
    let feed = feed_path(&app, &agenda.body);
    let anonymous = Browser::as_(&app, Who::Anonymous).await;
    let uid = format!("meeting-{}@passerelle", cancelled.id);
    let (status, sequence) = feed_event(&anonymous.get(&feed).await.body, &uid).unwrap();
    assert_ne!(status, "CANCELLED");

    // A cancellation previewed: what moves, who is told; nothing changed yet.
    let before_changes = s.schedule_changes(edition).await.unwrap().len();
    let previewed = organiser
        .post(
            &changes,
            &[("kind", "cancel"), ("meeting", &cancelled.id.to_string())],
        )
        .await;
    let change_page = previewed.location.clone().expect("to the change's page");
    assert!(change_page.starts_with("/console/journee/changements/"));
    let page = organiser.get(&change_page).await;
    page.assert_ok();
    assert!(page.body.contains("aperçu à appliquer"));
    assert!(page.body.contains("Rencontre annulée"));
    assert!(page.body.contains("Qui est prévenu"));
    assert!(
        page.body
            .contains(&escaped(cancelled.company.name.as_str()))
    );
    let moves: usize = page
        .body
        .split("id=\"moves-count\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        s.meetings_of_edition(edition)
            .await
            .unwrap()
            .iter()
            .find(|m| m.id == cancelled.id)
            .unwrap()
            .state
            .status,
        MeetingStatus::Scheduled,
        "a preview changes nothing"
    );
    assert_eq!(
        s.schedule_changes(edition).await.unwrap().len(),
        before_changes + 1
    );

    // Applied: the meeting is cancelled, the locked one has not moved, the company is mailed with its
    // .ics, and its feed keeps the event as cancelled with a higher SEQUENCE.
    let mails_before = app
        .mail
        .all()
        .iter()
        .filter(|m| {
            m.to.iter()
                .any(|t| t.eq_ignore_ascii_case(company_email.as_str()))
        })
        .count();
    let id = change_page.rsplit('/').next().unwrap();
    let applied = organiser
        .post(&format!("/console/journee/changements/{id}/appliquer"), &[])
        .await;
    assert_eq!(applied.location.as_deref(), Some(change_page.as_str()));
    let page = organiser.get(&change_page).await;
    assert!(page.body.contains("Changement appliqué"), "{}", page.body);
    assert!(page.body.contains(">appliqué<"));
    assert!(
        !page.body.contains("/appliquer\""),
        "no second application offered"
    );
    let after = s.meetings_of_edition(edition).await.unwrap();
    assert_eq!(
        after
            .iter()
            .find(|m| m.id == cancelled.id)
            .unwrap()
            .state
            .status,
        MeetingStatus::Cancelled
    );
    let live_after = s.live_placements(edition).await.unwrap();
    assert_eq!(
        live_after
            .iter()
            .find(|l| l.placement.meeting == kept.id)
            .unwrap()
            .placement,
        kept_at,
        "a locked meeting never moves"
    );
    let moved = live
        .iter()
        .filter(|l| {
            live_after
                .iter()
                .any(|a| a.placement.meeting == l.placement.meeting && a.placement != l.placement)
        })
        .count();
    assert_eq!(moved, moves, "the moves shown are the moves made");
    let mail = app
        .mail
        .wait_for_count(company_email.as_str(), mails_before + 1)
        .await;
    assert!(mail.data.contains("Changement dans votre agenda"));
    assert!(mail.data.contains("text/calendar"), "the .ics attached");
    let (status, new_sequence) = feed_event(&anonymous.get(&feed).await.body, &uid).unwrap();
    assert_eq!(status, "CANCELLED", "the same UID, cancelled");
    assert!(new_sequence > sequence);
    // Applying twice is refused with its reason.
    organiser
        .post(&format!("/console/journee/changements/{id}/appliquer"), &[])
        .await;
    let page = organiser.get(&change_page).await;
    assert!(page.body.contains("déjà été appliqué"));

    // An absence previewed, then discarded: nothing moves.
    let kept_slot = kept_at.start.unix_timestamp().to_string();
    organiser
        .post(
            &format!("/console/journee/rencontres/{}/verrou", kept.id),
            &[("locked", "0")],
        )
        .await;
    let previewed = organiser
        .post(
            &changes,
            &[
                ("kind", "absence"),
                ("participant", &format!("company:{}", kept.company.id)),
                ("slots", &kept_slot),
            ],
        )
        .await;
    let absence_page = previewed.location.clone().expect("a preview");
    let page = organiser.get(&absence_page).await;
    assert!(page.body.contains("Déplacements"));
    assert!(page.body.contains(&escaped(kept.irritant_title.as_str())));
    let id = absence_page.rsplit('/').next().unwrap();
    let discarded = organiser
        .post(
            &format!("/console/journee/changements/{id}/abandonner"),
            &[],
        )
        .await;
    assert!(discarded.status.is_redirection());
    let page = organiser.get(&absence_page).await;
    assert!(page.body.contains("Changement abandonné"));
    assert_eq!(
        s.live_placements(edition)
            .await
            .unwrap()
            .iter()
            .find(|l| l.placement.meeting == kept.id)
            .unwrap()
            .placement,
        kept_at
    );

    // A late request: a meeting both sides confirmed after publication is fitted.
    let own_member = s
        .find_user_by_email(&demo_account(Role::InstitutionMember).email)
        .await
        .unwrap()
        .unwrap();
    let own = s.memberships(own_member.id).await.unwrap()[0].organisation;
    let late =
        passerelle_web::testing::late_meeting(s, edition, own, own_member.id, kept.company.id)
            .await;
    let page = organiser.get(&changes).await;
    assert!(page.body.contains(&format!("<option value=\"{late}\"")));
    let previewed = organiser
        .post(
            &changes,
            &[("kind", "late-request"), ("meeting", &late.to_string())],
        )
        .await;
    let late_page = previewed.location.clone().expect("a preview");
    let page = organiser.get(&late_page).await;
    assert!(page.body.contains("Rencontre ajoutée"));
    let id = late_page.rsplit('/').next().unwrap();
    organiser
        .post(&format!("/console/journee/changements/{id}/appliquer"), &[])
        .await;
    assert!(
        s.live_placements(edition)
            .await
            .unwrap()
            .iter()
            .any(|l| l.placement.meeting == late)
    );

    // The history: three changes, the latest first, each with its state.
    let page = organiser.get(&changes).await;
    let history = page.body.split("id=\"history-title\"").nth(1).unwrap();
    assert!(history.contains("Annulation d’une rencontre"));
    assert!(history.contains("Absence d’un participant"));
    assert!(history.contains("Demande tardive"));
    assert!(history.contains("abandonné"));

    // On the event day: the live board, per slot.
    s.set_phase(edition, Phase::EventDay, None).await.unwrap();
    let board = format!("/console/editions/{edition}/journee/tableau");
    let page = organiser.get(&board).await;
    page.assert_ok();
    assert!(page.body.contains("Table 1"));
    assert!(page.body.contains("à venir"), "the day has not begun");
    assert!(page.body.contains("Actualiser"));
    let slot = kept_at.start.unix_timestamp();
    let page = organiser.get(&format!("{board}?creneau={slot}")).await;
    page.assert_ok();
    assert!(page.body.contains(&escaped(kept.company.name.as_str())));
    assert!(page.body.contains("aria-current=\"true\""));
    assert_eq!(
        organiser.get(&format!("{board}?creneau=12")).await.status,
        404,
        "not a slot of the day"
    );
    // The company's meeting marked held by the company: the board shows it held.
    company
        .post(&format!("/journee/rencontres/{}/tenue", kept.id), &[])
        .await;
    let page = organiser.get(&format!("{board}?creneau={slot}")).await;
    assert!(page.body.contains("<tr class=\"held\">"), "{}", page.body);
    // Staff correct it from the board: the other side did not come after all. The board offers the
    // one mark it is not, and comes back to the same slot.
    let no_show = format!("/journee/rencontres/{}/absence", kept.id);
    assert!(page.body.contains(&no_show), "{}", page.body);
    assert!(
        !page
            .body
            .contains(&format!("/journee/rencontres/{}/tenue", kept.id))
    );
    let marked = organiser
        .post(
            &no_show,
            &[("back", "tableau"), ("creneau", &slot.to_string())],
        )
        .await;
    assert_eq!(
        marked.location,
        Some(format!("{board}?creneau={slot}#m-{}", kept.id))
    );
    let page = organiser.get(&format!("{board}?creneau={slot}")).await;
    assert!(
        page.body.contains("<tr class=\"no-show\">"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Absence enregistrée."));
    assert_eq!(
        s.get_meeting(kept.id).await.unwrap().unwrap().state.status,
        MeetingStatus::NoShow
    );
    // And back: it was held after all (the rating below is of a held meeting).
    let held = format!("/journee/rencontres/{}/tenue", kept.id);
    assert!(page.body.contains(&held));
    organiser
        .post(
            &held,
            &[("back", "tableau"), ("creneau", &slot.to_string())],
        )
        .await;
    assert_eq!(
        s.get_meeting(kept.id).await.unwrap().unwrap().state.status,
        MeetingStatus::Held
    );
    // In English, the buttons say which table they mark.
    let mut english = Browser::as_(&app, Who::Organiser).await;
    english.accept_language = Some("en");
    let page = english.get(&format!("{board}?creneau={slot}")).await;
    assert!(
        page.body.contains("aria-label=\"No-show — Table"),
        "{}",
        page.body
    );

    // The desk: staff find the company's member by name and check them in with one click.
    let desk = format!("/console/editions/{edition}/journee/accueil");
    let member = s.find_user_by_email(&company_email).await.unwrap().unwrap();
    let name = member.display_name.as_str().to_string();
    let page = organiser
        .get(&format!("{desk}?q={}", crate::hostile::urlencode(&name)))
        .await;
    page.assert_ok();
    let expected = page.body.split("id=\"arrived-title\"").next().unwrap();
    assert!(expected.contains(&escaped(&name)));
    let checked = organiser
        .post(&format!("{desk}/{}", member.id), &[("q", &name)])
        .await;
    assert!(
        checked
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with(&format!("{desk}?q="))),
        "back to the desk's search"
    );
    let page = organiser.get(checked.location.as_deref().unwrap()).await;
    assert!(page.body.contains("Arrivée enregistrée."));
    let arrived = page.body.split("id=\"arrived-title\"").nth(1).unwrap();
    assert!(arrived.contains(&escaped(&name)));
    let agenda = company.get("/journee/agenda").await;
    assert!(agenda.body.contains("Arrivée enregistrée le"));

    // A person's own check-in page (what the QR code opens): the institution's member checks in.
    let arrival = format!("/journee/accueil/{}", own_member.id);
    let member_browser = Browser::as_(&app, Who::OwnInstitution).await;
    let page = member_browser.get(&arrival).await;
    page.assert_ok();
    assert!(page.body.contains("Enregistrer mon arrivée"));
    let done = member_browser.post(&arrival, &[]).await;
    assert_eq!(done.location.as_deref(), Some(arrival.as_str()));
    let page = member_browser.get(&arrival).await;
    assert!(page.body.contains("Arrivée enregistrée le"));
    // Someone of another organisation may not check them in; a visitor is asked to sign in.
    assert_eq!(company.post(&arrival, &[]).await.status, 403);
    assert!(anonymous.get(&arrival).await.to_sign_in());
    assert_eq!(s.checkins(edition).await.unwrap().len(), 2);

    // Ratings: the company rates its held meeting; the organisers see it per meeting, company, irritant.
    let rated = company
        .post(
            &format!("/journee/rencontres/{}/note", kept.id),
            &[
                ("score", "5"),
                ("follow_up", "maybe"),
                ("comment", "Très utile, à revoir en septembre."),
            ],
        )
        .await;
    assert!(rated.status.is_redirection());
    let results = format!("/console/editions/{edition}/journee/evaluations");
    let page = organiser.get(&results).await;
    page.assert_ok();
    assert!(
        page.body.contains("5/5, suite\u{a0}: peut-être"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Très utile, à revoir en septembre."));
    let by_company = page.body.split("id=\"by-company\"").nth(1).unwrap();
    assert!(by_company.contains(&escaped(kept.company.name.as_str())));
    assert!(by_company.contains("<td>5,0</td>"));
    let by_irritant = page.body.split("id=\"by-irritant\"").nth(1).unwrap();
    assert!(by_irritant.contains(&escaped(kept.irritant_title.as_str())));
    let mut english = Browser::as_(&app, Who::Organiser).await;
    english.accept_language = Some("en");
    let page = english.get(&results).await;
    assert!(page.body.contains("5/5, follow-up: maybe"));
    assert!(page.body.contains("<td>5.0</td>"));
    assert!(page.body.contains("By company"));

    // Tables lost one after the other: when too few seats are left, the preview proposes the meetings
    // to drop and applying takes them out (their people told, their events cancelled in the feeds).
    let mut dropped = Vec::new();
    loop {
        let tables = s.day_tables(edition).await.unwrap();
        let left: Vec<_> = tables.iter().filter(|t| !t.retired).collect();
        assert!(left.len() > 1, "drops before the last table");
        let lost = left.last().unwrap().id;
        let previewed = organiser
            .post(
                &changes,
                &[("kind", "table-lost"), ("table", &lost.to_string())],
            )
            .await;
        let page_path = previewed.location.clone().unwrap_or_else(|| {
            panic!(
                "a preview, not {}: {}",
                previewed.status,
                previewed
                    .body
                    .split("class=\"error\"")
                    .nth(1)
                    .unwrap_or_default()
                    .chars()
                    .take(300)
                    .collect::<String>()
            )
        });
        let page = organiser.get(&page_path).await;
        let id = page_path.rsplit('/').next().unwrap().to_string();
        let id = passerelle_domain::ChangeId::parse(&id).unwrap();
        let (_, _, preview) =
            passerelle_app::reschedule::get(&app.app, &actor(&app, Role::Organiser).await, id)
                .await
                .unwrap();
        if !preview.dropped.is_empty() {
            assert!(page.body.contains("Rencontres à retirer faute de places"));
            assert!(page.body.contains("plus faible affinité"));
            dropped = preview.dropped.clone();
        }
        organiser.post(&format!("{page_path}/appliquer"), &[]).await;
        assert!(
            s.day_tables(edition)
                .await
                .unwrap()
                .iter()
                .any(|t| t.id == lost && t.retired)
        );
        if !dropped.is_empty() {
            break;
        }
    }
    let after = s.meetings_of_edition(edition).await.unwrap();
    for d in &dropped {
        let m = after.iter().find(|m| m.id == *d).unwrap();
        assert!(m.state.status.is_confirmed() && m.state.status != MeetingStatus::Scheduled);
    }
}

/// Before the run: the demo company marks two slots it cannot attend (and a step-free need), the
/// organisers fix one of its meetings to a slot and a table, locked, and order another after it; the
/// run respects all of it.
async fn constraints_before_the_run(app: TestApp) {
    let s = &app.storage;
    let company = Browser::as_(&app, Who::Company).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let before = company.get("/journee/disponibilites").await;
    before.assert_ok();
    let edition = set_up_day(&app).await;
    let company_actor = actor(&app, Role::CompanyMember).await;
    let company_org = s
        .memberships(
            s.find_user_by_email(&demo_account(Role::CompanyMember).email)
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap()[0]
        .organisation;
    let organiser_actor = actor(&app, Role::Organiser).await;
    let setup = passerelle_app::schedule::setup(&app.app, &organiser_actor, edition)
        .await
        .unwrap();
    let t = |i: usize| setup.slots[i].start.unix_timestamp().to_string();

    // The company's form: every slot, none ticked; it ticks the first two and asks for step-free access.
    let page = company.get("/journee/disponibilites").await;
    page.assert_ok();
    assert!(page.body.contains(&format!("value=\"{}\">", t(0))));
    let code = format!("company:{company_org}");
    let saved = company
        .post(
            "/journee/disponibilites",
            &[
                ("participant", code.as_str()),
                ("unavailable", &t(0)),
                ("unavailable", &t(1)),
                ("step_free", "1"),
            ],
        )
        .await;
    assert_eq!(saved.location.as_deref(), Some("/journee/disponibilites"));
    let page = company.get("/journee/disponibilites").await;
    assert!(
        page.body
            .contains("Vos indisponibilités sont enregistrées.")
    );
    assert!(page.body.contains(&format!("value=\"{}\" checked", t(0))));
    assert!(page.body.contains(&format!("value=\"{}\" checked", t(1))));
    assert!(!page.body.contains(&format!("value=\"{}\" checked", t(2))));
    // A slot that is not one of the day's: refused next to the field, nothing changed.
    let refused = company
        .post(
            "/journee/disponibilites",
            &[("participant", code.as_str()), ("unavailable", "12")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"e-unavailable-"));
    let needs = s.participant_needs(edition).await.unwrap();
    let mine = needs
        .iter()
        .find(|n| passerelle_app::schedule::participant_code(n.participant) == code)
        .unwrap();
    assert_eq!(mine.unavailable.len(), 2);
    assert!(mine.step_free);
    // Someone else may not speak for the company.
    let other = Browser::as_(&app, Who::OwnInstitution).await;
    assert_eq!(
        other
            .post(
                "/journee/disponibilites",
                &[("participant", code.as_str()), ("unavailable", &t(3))]
            )
            .await
            .status,
        403
    );

    // The organisers' rules: one meeting fixed to the sixth slot at the third table and locked, another
    // ordered after it.
    let confirmed: Vec<_> = s
        .meetings_of_edition(edition)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| company_actor.is_member_of(Some(m.company.id)) && m.state.status.is_confirmed())
        .collect();
    assert!(confirmed.len() >= 2);
    let (fixed, later) = (&confirmed[0], &confirmed[1]);
    let rules = format!("/console/editions/{edition}/journee/regles");
    let page = organiser.get(&rules).await;
    page.assert_ok();
    assert!(page.body.contains("Aucune règle pour l’instant."));
    let table = setup.tables[2].id.to_string();
    let saved = organiser
        .post(
            &rules,
            &[
                ("meeting", &fixed.id.to_string()),
                ("fixed_slot", &t(5)),
                ("fixed_table", &table),
                ("locked", "1"),
            ],
        )
        .await;
    assert_eq!(saved.location.as_deref(), Some(rules.as_str()));
    let ordered = organiser
        .post(
            &rules,
            &[
                ("meeting", &later.id.to_string()),
                ("after", &fixed.id.to_string()),
            ],
        )
        .await;
    assert!(ordered.status.is_redirection());
    let page = organiser.get(&rules).await;
    assert!(page.body.contains("Règle enregistrée."));
    let listed = page.body.split("id=\"rules-list\"").nth(1).unwrap();
    assert!(listed.contains(&format!("id=\"m-{}\"", fixed.id)));
    assert!(listed.contains("Table 3"));
    assert!(listed.contains("verrouillée"));
    let orders = page.body.split("id=\"orders-list\"").nth(1).unwrap();
    assert!(orders.contains("Retirer cet ordre"));
    // A slot of no day is refused next to its field.
    let refused = organiser
        .post(
            &rules,
            &[("meeting", &fixed.id.to_string()), ("fixed_slot", "12")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"e-fixed_slot\""));
    // An order removed, and set again.
    let removed = organiser
        .post(
            &format!("{rules}/ordre"),
            &[
                ("before", &fixed.id.to_string()),
                ("after", &later.id.to_string()),
            ],
        )
        .await;
    assert!(removed.status.is_redirection());
    assert!(s.precedences(edition).await.unwrap().is_empty());
    organiser
        .post(
            &rules,
            &[
                ("meeting", &later.id.to_string()),
                ("after", &fixed.id.to_string()),
            ],
        )
        .await;

    // The run respects it all.
    let run = run_to_end(&app, &organiser_actor, edition).await;
    let (_, _, placements) = passerelle_app::schedule::run(&app.app, &organiser_actor, run)
        .await
        .unwrap();
    let at = |m: passerelle_domain::MeetingId| {
        placements
            .iter()
            .find(|p| p.meeting == m)
            .copied()
            .expect("placed")
    };
    assert_eq!(at(fixed.id).start, setup.slots[5].start);
    assert_eq!(at(fixed.id).table, setup.tables[2].id);
    assert!(at(later.id).start > at(fixed.id).start);
    for m in &confirmed {
        let p = at(m.id);
        assert!(p.start != setup.slots[0].start && p.start != setup.slots[1].start);
    }
    // In English, the page speaks English.
    let mut english = Browser::as_(&app, Who::Company).await;
    english.accept_language = Some("en");
    let page = english.get("/journee/disponibilites").await;
    assert!(page.body.contains("Slots I cannot attend"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn constraints_before_the_run_sqlite() {
    let app = passerelle_web::testing::spawn_app_at(Db::Sqlite, Some(Stage::Proposals))
        .await
        .expect("SQLite");
    let storage = app.storage.clone();
    constraints_before_the_run(app).await;
    passerelle_storage::testing::dispose(storage).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn constraints_before_the_run_postgres() {
    let Some(app) =
        passerelle_web::testing::spawn_app_at(Db::Postgres, Some(Stage::Proposals)).await
    else {
        return;
    };
    let storage = app.storage.clone();
    constraints_before_the_run(app).await;
    passerelle_storage::testing::dispose(storage).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_day_as_it_happens_sqlite() {
    let app = passerelle_web::testing::spawn_app_at(Db::Sqlite, Some(Stage::Proposals))
        .await
        .expect("SQLite");
    let storage = app.storage.clone();
    the_day_as_it_happens(app).await;
    passerelle_storage::testing::dispose(storage).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_day_as_it_happens_postgres() {
    let Some(app) =
        passerelle_web::testing::spawn_app_at(Db::Postgres, Some(Stage::Proposals)).await
    else {
        return;
    };
    let storage = app.storage.clone();
    the_day_as_it_happens(app).await;
    passerelle_storage::testing::dispose(storage).await;
}
