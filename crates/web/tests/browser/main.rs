//! Browser tests: headless Debian Chromium driven through chromedriver (fantoccini) against the real
//! server, on a shared harness (`harness.rs`). Every page of `pages/<area>.rs` passes axe-core (WCAG 2.1
//! A/AA) in French and in English; the flows of each area run as a person would.
//!
//! Needs `chromium`, `chromedriver` and `npm ci --prefix crates/web/tests/browser`; without them the
//! tests are skipped with a notice, except under `CI=true` where they fail.

mod account;
mod day;
mod flow;
mod harness;
mod pages;
mod sso;

use fantoccini::Locator;
use passerelle_domain::{IrritantStatus, Role};
use passerelle_storage::IrritantFilter;

use harness::*;

/// Every GET route of the router is a checked page (or not a page at all).
#[test]
fn every_page_route_is_checked_by_axe() {
    let checked: Vec<&str> = pages::AREAS
        .iter()
        .flat_map(|a| a.iter().map(|p| p.path))
        .collect();
    let missing: Vec<&str> = passerelle_web::route_table()
        .into_iter()
        .filter(|(m, p)| {
            *m == axum::http::Method::GET
                && !pages::NOT_PAGES.contains(p)
                && !checked.iter().any(|c| pages::covers(p, c))
        })
        .map(|(_, p)| p)
        .collect();
    assert!(
        missing.is_empty(),
        "pages not checked by axe-core in tests/browser/pages/<area>.rs: {missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_in_french_and_english() {
    let Some(s) = Session::start().await else {
        return;
    };
    let storage = &s.app.storage;
    let edition = storage
        .current_edition_on(time::OffsetDateTime::now_utc().date())
        .await
        .unwrap()
        .unwrap();
    let published = storage
        .list_irritants(&IrritantFilter::public(edition.id))
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.status == IrritantStatus::Published)
        .expect("a published irritant")
        .id
        .to_string();
    let member = storage
        .find_user_by_email(
            &passerelle_app::demo::accounts()
                .accounts
                .iter()
                .find(|a| a.role == Role::InstitutionMember)
                .unwrap()
                .email,
        )
        .await
        .unwrap()
        .unwrap();
    let institution = storage.memberships(member.id).await.unwrap()[0].organisation;
    let draft = storage
        .create_irritant(
            edition.id,
            institution,
            Some(member.id),
            &passerelle_domain::IrritantContent::new(
                passerelle_domain::IrritantTitle::parse("Un brouillon à relire").unwrap(),
            ),
        )
        .await
        .unwrap()
        .id;
    // The draft carries two attachments, so that its pages show the list with its delete buttons.
    let actor = storage.actor(member.id).await.unwrap();
    for (name, data) in [
        (
            "Plan du campus.png",
            passerelle_app::attachments::samples::png(),
        ),
        (
            "Export de l’outil actuel.xlsx",
            passerelle_app::attachments::samples::xlsx(),
        ),
    ] {
        passerelle_app::attachments::upload(
            &s.app.app,
            &actor,
            passerelle_storage::AttachmentOwner::Irritant(draft),
            name,
            data,
        )
        .await
        .unwrap();
    }
    let draft = draft.to_string();
    let company = storage
        .memberships(
            storage
                .find_user_by_email(
                    &passerelle_app::demo::accounts()
                        .accounts
                        .iter()
                        .find(|a| a.role == Role::CompanyMember)
                        .unwrap()
                        .email,
                )
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap()[0]
        .organisation;
    let matching = passerelle_web::testing::matching_edition(storage, company).await;
    let pair_irritant =
        passerelle_web::testing::published_irritant(storage, matching, institution, member.id)
            .await;
    let run =
        passerelle_web::testing::finished_run(storage, matching, pair_irritant, company).await;
    let prefs = passerelle_web::testing::preferences_edition(storage, company).await;
    let opportunity =
        passerelle_web::testing::opportunity(storage, institution, member.id, company).await;
    let follow_up = storage.get_opportunity(opportunity).await.unwrap().unwrap();
    // Funding: a scheme of the demo funder and a dossier filed with it.
    let scheme = passerelle_web::testing::open_scheme(storage).await;
    let dossier = passerelle_web::testing::dossier(storage, institution, member.id, company).await;
    let prefs_irritant =
        passerelle_web::testing::published_irritant(storage, prefs, institution, member.id).await;
    passerelle_web::testing::company_wish(storage, prefs, prefs_irritant, company).await;
    // The day's console: an edition set up with a finished scheduling run.
    let organiser = storage
        .find_user_by_email(
            &passerelle_app::demo::accounts()
                .accounts
                .iter()
                .find(|a| a.role == Role::Organiser)
                .unwrap()
                .email,
        )
        .await
        .unwrap()
        .unwrap();
    let organiser = storage.actor(organiser.id).await.unwrap();
    let sched = passerelle_web::testing::scheduling_edition(
        &s.app.app,
        institution,
        member.id,
        company,
        &organiser,
    )
    .await;
    let srun = passerelle_app::schedule::start_run(&s.app.app, &organiser, sched, "2")
        .await
        .unwrap();
    for _ in 0..300 {
        let r = storage.get_schedule_run(srun).await.unwrap().unwrap();
        if r.status != passerelle_storage::RunStatus::Pending {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The day as it happens: a live schedule on its event day, one meeting held and rated, a change.
    let live = passerelle_web::testing::live_day_edition(
        &s.app.app,
        institution,
        member.id,
        company,
        &organiser,
    )
    .await;
    let held = storage.live_placements(live).await.unwrap()[0]
        .placement
        .meeting;
    passerelle_app::day::mark(&s.app.app, &organiser, held, true)
        .await
        .unwrap();
    let company_member = storage
        .organisation_members(company)
        .await
        .unwrap()
        .into_iter()
        .find(|(_, r)| *r == Role::CompanyMember)
        .unwrap()
        .0;
    let company_actor = storage.actor(company_member.id).await.unwrap();
    passerelle_app::ratings::rate(
        &s.app.app,
        &company_actor,
        held,
        passerelle_app::ratings::RatingInput {
            score: "4".into(),
            follow_up: "yes".into(),
            comment: "Un échange utile, une suite à prévoir.".into(),
        },
    )
    .await
    .unwrap();
    let last_slot = passerelle_app::schedule::setup(&s.app.app, &organiser, live)
        .await
        .unwrap()
        .slots
        .last()
        .unwrap()
        .start
        .unix_timestamp();
    let (change, _) = passerelle_app::reschedule::preview(
        &s.app.app,
        &organiser,
        live,
        passerelle_app::reschedule::RequestInput {
            kind: "absence".into(),
            participant: format!("company:{company}"),
            slots: vec![last_slot.to_string()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let outcome = async {
        let mut failures = Vec::new();
        for lang in ["fr", "en"] {
            for role in [
                None,
                Some(Role::InstitutionMember),
                Some(Role::CompanyMember),
                Some(Role::BusinessManager),
                Some(Role::Organiser),
                Some(Role::Funder),
            ] {
                let list: Vec<&pages::PageCheck> = pages::AREAS
                    .iter()
                    .flat_map(|a| a.iter())
                    .filter(|p| p.who == role)
                    .collect();
                if list.is_empty() {
                    continue;
                }
                if let Some(role) = role {
                    sign_in(&s.client, &s.app, role).await;
                }
                s.language(lang).await;
                for page in list {
                    let path = page
                        .path
                        .replace("{published}", &published)
                        .replace("{member}", &member.id.to_string())
                        .replace("{draft}", &draft)
                        .replace("{edition}", &edition.id.to_string())
                        .replace("{matching}", &matching.to_string())
                        .replace("{run}", &run.to_string())
                        .replace("{prefs}", &prefs.to_string())
                        .replace("{p-irritant}", &prefs_irritant.to_string())
                        .replace("{company}", &company.to_string())
                        .replace("{institution}", &institution.to_string())
                        .replace("{sched}", &sched.to_string())
                        .replace("{srun}", &srun.to_string())
                        .replace("{live}", &live.to_string())
                        .replace("{change}", &change.id.to_string())
                        .replace("{person}", &member.id.to_string())
                        .replace("{opportunity}", &opportunity.to_string())
                        .replace("{scheme}", &scheme.to_string())
                        .replace("{dossier}", &dossier.to_string())
                        .replace("{follow-up-edition}", &follow_up.edition_id.to_string())
                        .replace("{follow-up-meeting}", &follow_up.meeting_id.to_string());
                    s.client
                        .goto(&s.app.url(&path))
                        .await
                        .expect("opening a page");
                    let name: String = page
                        .path
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                        .collect();
                    screenshot(&s.client, &format!("{lang}{name}")).await;
                    let violations = axe_violations(&s.client, &s.axe).await;
                    if !violations.is_empty() {
                        failures.push(format!("[{lang}] {path}:\n  {}", violations.join("\n  ")));
                    }
                }
                if role.is_some() {
                    s.client.goto(&s.app.url("/")).await.expect("home");
                    sign_out(&s.client).await;
                }
            }
        }
        assert!(failures.is_empty(), "axe-core:\n{}", failures.join("\n"));
    }
    .await;
    s.finish().await;
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_irritant_goes_from_the_editor_to_the_public_catalogue() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (app, client) = (&s.app, &s.client);
    let outcome = async {
        client
            .goto(&app.url("/irritants"))
            .await
            .expect("catalogue");
        client
            .find(Locator::Css("main a[href^='/irritants/']"))
            .await
            .expect("a fiche link in the catalogue")
            .click()
            .await
            .expect("opening a fiche");
        screenshot(client, "fiche").await;

        // An institution member writes a draft and submits it.
        sign_in(client, app, Role::InstitutionMember).await;
        client
            .goto(&app.url("/irritants/nouveau"))
            .await
            .expect("editor");
        let title = "Simplifier la réservation des salles de TP par les enseignants";
        fill(client, "#f-title", title).await;
        fill(
            client,
            "#f-context",
            "Les salles de TP sont réservées par courriel et tableur.",
        )
        .await;
        fill(
            client,
            "#f-problem",
            "Les doubles réservations sont fréquentes et découvertes le jour même.",
        )
        .await;
        fill(
            client,
            "#f-expected_result",
            "Un outil de réservation en ligne avec les disponibilités.",
        )
        .await;
        client
            .find(Locator::Css("input[name='domains']"))
            .await
            .expect("a domain checkbox")
            .click()
            .await
            .expect("ticking a domain");
        submit_form(client, "/irritants/nouveau").await;
        let after_save = body_text(client).await;
        assert!(
            after_save.contains(title),
            "the saved draft is shown: {after_save}"
        );
        submit_form(client, "/soumettre").await;
        sign_out(client).await;

        // Not public yet.
        client
            .goto(&app.url("/irritants"))
            .await
            .expect("catalogue");
        assert!(
            !body_text(client).await.contains(title),
            "a submitted irritant is not public"
        );

        // The organiser finds it awaiting validation and publishes it.
        sign_in(client, app, Role::Organiser).await;
        client.goto(&app.url("/console")).await.expect("console");
        let console = body_text(client).await;
        assert!(
            console.contains(title),
            "the console lists the submitted irritant: {console}"
        );
        client
            .find(Locator::LinkText(title))
            .await
            .expect("a link to the submitted irritant")
            .click()
            .await
            .expect("opening it");
        submit_form(client, "/publier").await;
        sign_out(client).await;

        // A visitor sees it in the catalogue.
        client
            .goto(&app.url("/irritants"))
            .await
            .expect("catalogue");
        let catalogue = body_text(client).await;
        assert!(
            catalogue.contains(title),
            "the published irritant is in the catalogue: {catalogue}"
        );
    }
    .await;

    s.finish().await;
    outcome
}
