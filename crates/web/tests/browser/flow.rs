//! Who meets whom, the whole flow in the browser (issue 8): an institution and a company state their
//! wishes; the organiser runs the matching and publishes it; both sides answer, one proposal is declined;
//! the organiser refills the declined slot with the accepted meeting kept. Each step is seen only by the
//! roles concerned, and every page of the flow passes axe-core with its real content, in French and in
//! English (screenshots under target/screenshots/flow-*).

use std::time::Duration;

use fantoccini::{Client, Locator};
use passerelle_app::editions::{self, PlanInput};
use passerelle_domain::edition::format_date;
use passerelle_domain::{
    Actor, MeetingStatus, OrganisationId, ParticipationStatus, Phase, Role, RunId,
};
use passerelle_storage::{IrritantFilter, RunStatus};

use crate::harness::*;

async fn actor_of(s: &Session, role: Role) -> Actor {
    let account = passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == role)
        .unwrap();
    let user = s
        .app
        .storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .unwrap();
    s.app.storage.actor(user.id).await.unwrap()
}

/// Opens `path`, keeps a screenshot and returns axe-core's violations there.
async fn look(s: &Session, path: &str, name: &str, failures: &mut Vec<String>) -> String {
    s.client
        .goto(&s.app.url(path))
        .await
        .expect("opening a page");
    screenshot(&s.client, &format!("flow-{name}")).await;
    let violations = axe_violations(&s.client, &s.axe).await;
    if !violations.is_empty() {
        failures.push(format!("{name} {path}:\n  {}", violations.join("\n  ")));
    }
    body_text(&s.client).await
}

/// Signs out from the home page (an error page has no sign-out form).
async fn leave(s: &Session) {
    s.client.goto(&s.app.url("/")).await.expect("home");
    sign_out(&s.client).await;
}

/// Chooses `value` in the select `css`.
async fn choose(client: &Client, css: &str, value: &str) {
    client
        .find(Locator::Css(&format!("{css} option[value='{value}']")))
        .await
        .unwrap_or_else(|e| panic!("option {value} of {css}: {e}"))
        .click()
        .await
        .expect("choosing an option");
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

/// Waits for the job runner (a background worker of the server) to finish `run`.
async fn finished(s: &Session, run: RunId) {
    for _ in 0..300 {
        let stored = s.app.storage.get_run(run).await.unwrap().unwrap();
        match stored.status {
            RunStatus::Done => return,
            RunStatus::Failed => panic!("the run failed: {:?}", stored.result),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("the run did not finish within 30 s");
}

fn run_of(url: &url::Url) -> RunId {
    RunId::parse(url.path().rsplit('/').next().unwrap()).expect("a run page")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_meets_whom_from_wishes_to_a_refilled_decline() {
    let Some(s) = Session::start().await else {
        return;
    };
    let storage = &s.app.storage;
    let app = &s.app.app;
    // Set-up: the current edition opens its wishes for a week, then its matching for a week.
    let organiser = actor_of(&s, Role::Organiser).await;
    let edition = editions::current(app).await.unwrap().unwrap();
    let today = app.now().date();
    editions::set_plan(
        app,
        &organiser,
        edition.id,
        PlanInput {
            phases: vec![
                (
                    Phase::Preferences,
                    format_date(today),
                    format_date(today + time::Duration::days(7)),
                ),
                (
                    Phase::Matching,
                    format_date(today + time::Duration::days(7)),
                    format_date(today + time::Duration::days(14)),
                ),
            ],
        },
    )
    .await
    .unwrap();
    editions::move_phase(app, &organiser, edition.id, Phase::Preferences)
        .await
        .unwrap();
    let member = actor_of(&s, Role::InstitutionMember).await;
    let institution = member.organisations_with(Role::InstitutionMember)[0];
    let company_member = actor_of(&s, Role::CompanyMember).await;
    let company: OrganisationId = company_member.organisations_with(Role::CompanyMember)[0];
    let irritants = storage
        .list_irritants(&IrritantFilter::public(edition.id))
        .await
        .unwrap();
    let ours = irritants
        .iter()
        .find(|i| i.institution.id == institution)
        .expect("a published irritant of the demo institution")
        .clone();
    let theirs = irritants
        .iter()
        .find(|i| i.institution.id != institution)
        .expect("an irritant of another institution")
        .clone();
    assert!(
        storage
            .participating_companies(edition.id, ParticipationStatus::Validated)
            .await
            .unwrap()
            .iter()
            .any(|(c, _)| c.id == company)
    );

    let outcome = async {
        let client = &s.client;
        let mut failures = Vec::new();
        s.language("fr").await;

        // 1. The institution: the demo company is a must-meet for its fiche.
        sign_in(client, &s.app, Role::InstitutionMember).await;
        let reco = format!("/irritants/{}/recommandations", ours.id);
        look(&s, &reco, "fr-institution-recommendations", &mut failures).await;
        let all_pages = (1..=10).map(|p| format!("{reco}?page={p}"));
        let mut found = false;
        for page in all_pages {
            client.goto(&s.app.url(&page)).await.unwrap();
            if client
                .find(Locator::Css(&format!("#r-{company}")))
                .await
                .is_ok()
            {
                found = true;
                break;
            }
        }
        assert!(found, "the demo company is recommended for the fiche");
        choose(client, &format!("#f-level-{company}"), "must").await;
        submit_in(client, &format!("#r-{company}")).await;
        let text = body_text(client).await;
        assert!(text.contains("Votre souhait est enregistré"), "{text}");
        screenshot(client, "fr-institution-wish-saved").await;
        leave(&s).await;

        // 2. The company: it wants to discuss the fiche too (mutual), and another one, with its pitch.
        sign_in(client, &s.app, Role::CompanyMember).await;
        let creco = format!("/entreprises/{company}/recommandations");
        look(&s, &creco, "fr-company-recommendations", &mut failures).await;
        for (irritant, level) in [(ours.id, "must"), (theirs.id, "would-like")] {
            let mut found = false;
            for p in 1..=10 {
                client
                    .goto(&s.app.url(&format!("{creco}?page={p}")))
                    .await
                    .unwrap();
                if client
                    .find(Locator::Css(&format!("#r-{irritant}")))
                    .await
                    .is_ok()
                {
                    found = true;
                    break;
                }
            }
            assert!(found, "irritant {irritant} is recommended to the company");
            choose(client, &format!("#f-level-{irritant}"), level).await;
            fill(
                client,
                &format!("#f-pitch-{irritant}"),
                "Notre agent conversationnel répond déjà aux étudiants de deux universités.",
            )
            .await;
            submit_in(client, &format!("#r-{irritant}")).await;
            assert!(
                body_text(client)
                    .await
                    .contains("Votre souhait est enregistré")
            );
        }
        // The institution's page of its fiche is not the company's to see.
        client.goto(&s.app.url(&reco)).await.unwrap();
        assert!(!body_text(client).await.contains("Votre souhait"));
        leave(&s).await;

        // 3. The organiser runs the matching and publishes it.
        editions::move_phase(app, &organiser, edition.id, Phase::Matching)
            .await
            .unwrap();
        sign_in(client, &s.app, Role::Organiser).await;
        let runs = format!("/console/editions/{}/mise-en-relation", edition.id);
        look(&s, &runs, "fr-organiser-runs", &mut failures).await;
        submit_form(client, &runs).await;
        let run = run_of(&client.current_url().await.unwrap());
        finished(&s, run).await;
        let page = look(
            &s,
            &format!("/console/mise-en-relation/{run}"),
            "fr-organiser-run",
            &mut failures,
        )
        .await;
        assert!(page.contains(ours.content.title.as_str()), "{page}");
        let pairs = storage.run_pairs(run).await.unwrap();
        let must = pairs
            .iter()
            .find(|p| p.irritant == ours.id && p.company == company)
            .expect("the must-meet pair is chosen");
        assert!(must.mutual, "both sides wished it");
        submit_form(client, "/publier").await;
        leave(&s).await;

        // Not everyone sees the proposals: the member of another institution has none of them.
        let meetings = storage.meetings_of_edition(edition.id).await.unwrap();
        let first = meetings
            .iter()
            .find(|m| m.irritant_id == ours.id && m.company.id == company)
            .expect("the must-meet is proposed")
            .clone();
        let other = meetings
            .iter()
            .find(|m| m.company.id == company && m.id != first.id)
            .expect("a second proposal for the demo company")
            .clone();

        // 4. The institution accepts; the company accepts the must-meet and declines the other one.
        sign_in(client, &s.app, Role::InstitutionMember).await;
        let mine = look(&s, "/rencontres", "fr-institution-meetings", &mut failures).await;
        assert!(mine.contains(ours.content.title.as_str()));
        submit_form(client, &format!("/rencontres/{}/accepter", first.id)).await;
        leave(&s).await;
        sign_in(client, &s.app, Role::CompanyMember).await;
        let mine = look(&s, "/rencontres", "fr-company-meetings", &mut failures).await;
        assert!(mine.contains(ours.content.title.as_str()));
        submit_form(client, &format!("/rencontres/{}/accepter", first.id)).await;
        choose(client, &format!("#f-reason-{}", other.id), "no-budget").await;
        fill(
            client,
            &format!("#f-comment-{}", other.id),
            "Le budget de ce projet est reporté.",
        )
        .await;
        submit_form(client, &format!("/rencontres/{}/decliner", other.id)).await;
        let after = look(&s, "/rencontres", "fr-company-answered", &mut failures).await;
        assert!(after.contains("Pas de budget"), "{after}");
        assert!(after.contains("Le budget de ce projet est reporté."));
        // The organisers' pages are not the company's.
        client.goto(&s.app.url(&runs)).await.unwrap();
        assert!(
            !body_text(client)
                .await
                .contains(ours.content.title.as_str())
        );
        leave(&s).await;
        assert_eq!(
            storage
                .get_meeting(first.id)
                .await
                .unwrap()
                .unwrap()
                .state
                .status,
            MeetingStatus::Accepted
        );
        assert_eq!(
            storage
                .get_meeting(other.id)
                .await
                .unwrap()
                .unwrap()
                .state
                .status,
            MeetingStatus::Declined
        );

        // 5. The organiser sees the decline and runs again: the declined slot is refilled, the accepted
        // meeting kept, the declined pair never proposed again.
        sign_in(client, &s.app, Role::Organiser).await;
        let console = look(
            &s,
            &format!("/console/editions/{}/rencontres", edition.id),
            "fr-organiser-meetings",
            &mut failures,
        )
        .await;
        assert!(console.contains("Pas de budget"), "{console}");
        client
            .goto(&s.app.url(&format!("/console/mise-en-relation/{run}")))
            .await
            .unwrap();
        submit_form(client, &runs).await;
        let refill = run_of(&client.current_url().await.unwrap());
        assert_ne!(refill, run);
        finished(&s, refill).await;
        let page = look(
            &s,
            &format!("/console/mise-en-relation/{refill}"),
            "fr-organiser-refill",
            &mut failures,
        )
        .await;
        let refilled = storage.run_pairs(refill).await.unwrap();
        assert!(
            refilled
                .iter()
                .any(|p| p.irritant == first.irritant_id && p.company == company && p.pinned),
            "the accepted meeting is kept"
        );
        assert!(
            !refilled
                .iter()
                .any(|p| p.irritant == other.irritant_id && p.company == other.company.id),
            "the declined pair is not proposed again"
        );
        assert!(!page.is_empty());
        let before = storage.meetings_of_edition(edition.id).await.unwrap().len();
        submit_form(client, "/publier").await;
        let now = storage.meetings_of_edition(edition.id).await.unwrap();
        assert!(now.len() > before, "the refill proposes new meetings");
        assert!(
            now.iter()
                .any(|m| m.irritant_id == other.irritant_id && m.id != other.id),
            "the irritant that lost its meeting gets another"
        );
        leave(&s).await;

        // 6. The same pages in English, with the flow's content.
        s.language("en").await;
        sign_in(client, &s.app, Role::Organiser).await;
        look(
            &s,
            &format!("/console/mise-en-relation/{refill}"),
            "en-organiser-refill",
            &mut failures,
        )
        .await;
        look(
            &s,
            &format!("/console/editions/{}/rencontres", edition.id),
            "en-organiser-meetings",
            &mut failures,
        )
        .await;
        look(&s, &runs, "en-organiser-runs", &mut failures).await;
        leave(&s).await;
        sign_in(client, &s.app, Role::InstitutionMember).await;
        look(&s, &reco, "en-institution-recommendations", &mut failures).await;
        let text = look(&s, "/rencontres", "en-institution-meetings", &mut failures).await;
        assert!(
            text.contains("Accepted") || text.contains("accepted"),
            "{text}"
        );
        leave(&s).await;
        sign_in(client, &s.app, Role::CompanyMember).await;
        look(&s, &creco, "en-company-recommendations", &mut failures).await;
        let text = look(&s, "/rencontres", "en-company-meetings", &mut failures).await;
        assert!(text.contains("No budget"), "{text}");
        leave(&s).await;
        assert!(failures.is_empty(), "axe-core:\n{}", failures.join("\n"));
    }
    .await;
    s.finish().await;
    outcome
}
