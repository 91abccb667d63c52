//! The follow-up over HTTP, on both databases: a held meeting both sides rated "follow-up wanted"
//! becomes an opportunity proposed to both (mailed); each side makes its own moves, dated, with a
//! comment, keeps the amounts (incoherent ones refused with their reason, nothing written); the
//! organisers record the funding; the POC is delivered and shared; the board totals it per state.

use passerelle_app::ratings::{RatingInput, rate};
use passerelle_domain::{OpportunityOrigin, OpportunityStatus, Role};
use passerelle_i18n::{Lang, format};

use crate::support::*;

/// Makes a move on the opportunity's page as it stands (its current version).
async fn step(
    app: &TestApp,
    who: &Browser,
    id: passerelle_domain::OpportunityId,
    action: &str,
    comment: &str,
) {
    let v = version(app, id).await;
    let done = who
        .post(
            &format!("/suivi/{id}/etape"),
            &[("action", action), ("comment", comment), ("version", &v)],
        )
        .await;
    assert!(done.status.is_redirection(), "{action}: {}", done.body);
}

async fn version(app: &TestApp, id: passerelle_domain::OpportunityId) -> String {
    app.storage
        .get_opportunity(id)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string()
}

web_test!(
    a_meeting_both_sides_want_to_follow_up_becomes_a_shared_poc,
    |app| {
        let world = world(&app).await;
        let s = &app.storage;
        let edition = passerelle_web::testing::event_day_edition(s, world.company).await;
        let meeting = passerelle_web::testing::day_meeting(
            s,
            edition,
            world.own,
            world.own_member,
            world.company,
            true,
        )
        .await;
        let inst_email = demo_account(Role::InstitutionMember).email;
        let comp_email = demo_account(Role::CompanyMember).email;
        let inst_user = s.find_user_by_email(&inst_email).await.unwrap().unwrap();
        let comp_user = s.find_user_by_email(&comp_email).await.unwrap().unwrap();
        let inst_actor = s.actor(inst_user.id).await.unwrap();
        let comp_actor = s.actor(comp_user.id).await.unwrap();
        let rating = |follow_up: &str| RatingInput {
            score: "4".into(),
            follow_up: follow_up.into(),
            comment: String::new(),
        };

        // One side wanting a follow-up is not both; the second "yes" proposes it to both.
        rate(&app.app, &inst_actor, meeting, rating("yes"))
            .await
            .unwrap();
        assert!(s.opportunity_of_meeting(meeting).await.unwrap().is_none());
        rate(&app.app, &comp_actor, meeting, rating("yes"))
            .await
            .unwrap();
        let o = s
            .opportunity_of_meeting(meeting)
            .await
            .unwrap()
            .expect("proposed to both sides");
        assert_eq!(o.status, OpportunityStatus::FollowUpContact);
        assert_eq!(o.origin, OpportunityOrigin::Rated);
        for email in [&inst_email, &comp_email] {
            let mails = s.mails_to(email).await.unwrap();
            assert!(
                mails.iter().any(|m| m.mail.kind == "opportunity-proposed"
                    && m.mail.body.contains(o.irritant_title.as_str())),
                "{email} is told"
            );
        }
        // A corrected rating proposes nothing twice.
        rate(&app.app, &comp_actor, meeting, rating("yes"))
            .await
            .unwrap();
        assert_eq!(
            s.opportunities_of_edition(edition)
                .await
                .unwrap()
                .iter()
                .filter(|x| x.meeting_id == meeting)
                .count(),
            1
        );

        let institution = Browser::as_(&app, Who::OwnInstitution).await;
        let company = Browser::as_(&app, Who::Company).await;
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let page = format!("/suivi/{}", o.id);
        let list = institution.get("/suivi").await;
        list.assert_ok();
        assert!(list.body.contains(&page), "listed for the institution");
        assert!(company.get("/suivi").await.body.contains(&page));

        // Each side is offered its own moves only.
        let seen = company.get(&page).await;
        seen.assert_ok();
        assert!(seen.body.contains("value=\"propose\""));
        let seen = institution.get(&page).await;
        assert!(!seen.body.contains("value=\"propose\""));
        let refused = institution
            .post(
                &format!("{page}/etape"),
                &[
                    ("action", "propose"),
                    ("version", &version(&app, o.id).await),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        assert!(
            refused.body.contains("ne vous revient pas"),
            "{}",
            refused.body
        );

        step(
            &app,
            &company,
            o.id,
            "propose",
            "Devis envoyé : 45 000 € pour trois mois",
        )
        .await;

        // Amounts: incoherent ones are refused with their reason, nothing written.
        let v = version(&app, o.id).await;
        let refused = institution
            .post(
                &format!("{page}/montants"),
                &[
                    ("estimated_cost", "45 000"),
                    ("requested", "60000"),
                    ("version", &v),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        assert!(
            refused.body.contains("dépasse le coût estimé"),
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains("value=\"60000\""),
            "the form comes back filled"
        );
        assert_eq!(
            s.get_opportunity(o.id).await.unwrap().unwrap().amounts,
            passerelle_domain::Amounts::default()
        );
        let saved = institution
            .post(
                &format!("{page}/montants"),
                &[
                    ("estimated_cost", "45 000"),
                    ("requested", "30000"),
                    ("co_funding", "15 000"),
                    ("amounts_comment", "Budget validé par la DSI"),
                    ("version", &v),
                ],
            )
            .await;
        assert!(saved.status.is_redirection(), "{}", saved.body);

        step(
            &app,
            &institution,
            o.id,
            "request-funding",
            "Dossier déposé au fonds",
        )
        .await;
        // Giving up needs a reason.
        let refused = company
            .post(
                &format!("{page}/etape"),
                &[
                    ("action", "abandon"),
                    ("version", &version(&app, o.id).await),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("Dites pourquoi"), "{}", refused.body);
        // A page left open while the other side moved: the move is refused, the page shows the news.
        let stale = company
            .post(
                &format!("{page}/etape"),
                &[("action", "start"), ("version", &v)],
            )
            .await;
        assert!(stale.status.is_redirection());
        assert_eq!(
            s.get_opportunity(o.id).await.unwrap().unwrap().status,
            OpportunityStatus::FundingRequested
        );

        step(&app, &organiser, o.id, "fund", "Accordé par le comité").await;
        let v = version(&app, o.id).await;
        let granted = organiser
            .post(
                &format!("{page}/montants"),
                &[
                    ("estimated_cost", "45000"),
                    ("requested", "30000"),
                    ("granted", "30000"),
                    ("co_funding", "15000"),
                    ("version", &v),
                ],
            )
            .await;
        assert!(granted.status.is_redirection(), "{}", granted.body);
        step(&app, &company, o.id, "start", "").await;
        step(&app, &company, o.id, "deliver", "Livré et recetté").await;
        step(
            &app,
            &institution,
            o.id,
            "share",
            "Retour d’expérience rédigé",
        )
        .await;

        let o = s.get_opportunity(o.id).await.unwrap().unwrap();
        assert_eq!(o.status, OpportunityStatus::Shared);
        assert_eq!(o.amounts.granted.map(|e| e.value()), Some(30_000));
        // Created, six moves, two changes of amounts: each dated, by whom, with its comment.
        let events = s.opportunity_events(o.id).await.unwrap();
        assert_eq!(events.len(), 9, "{events:#?}");
        let history = company.get(&page).await;
        assert!(history.body.contains("Livré et recetté"));
        assert!(history.body.contains("Partagée comme retour d’expérience"));
        assert!(
            !history.body.contains("id=\"f-action\""),
            "nothing moves a shared POC"
        );
        // The company was told of the institution's moves, in its language.
        let told: Vec<_> = s
            .mails_to(&comp_email)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.mail.kind == "opportunity-moved")
            .collect();
        assert!(
            told.iter()
                .any(|m| m.mail.subject.contains("Financement demandé"))
        );

        // The organisers' board: every state, with its totals.
        let board = organiser
            .get(&format!("/console/editions/{edition}/suivi"))
            .await;
        board.assert_ok();
        assert!(board.body.contains(&page));
        assert!(board.body.contains(&format::money(Lang::Fr, 30_000)));
        assert!(board.body.contains(&format::money(Lang::Fr, 45_000)));
        assert_eq!(
            company
                .get(&format!("/console/editions/{edition}/suivi"))
                .await
                .status,
            403
        );
    }
);

web_test!(
    a_side_opens_the_follow_up_of_a_held_meeting_by_hand,
    |app| {
        let world = world(&app).await;
        let s = &app.storage;
        let edition = passerelle_web::testing::event_day_edition(s, world.company).await;
        let meeting = passerelle_web::testing::day_meeting(
            s,
            edition,
            world.own,
            world.own_member,
            world.company,
            true,
        )
        .await;
        let company = Browser::as_(&app, Who::Company).await;
        let list = company.get("/suivi").await;
        assert!(
            list.body.contains(&format!("value=\"{meeting}\"")),
            "the held meeting may be followed up"
        );
        let opened = company
            .post("/suivi/ouvrir", &[("meeting", &meeting.to_string())])
            .await;
        let to = opened.assert_redirect().to_string();
        let o = s.opportunity_of_meeting(meeting).await.unwrap().unwrap();
        assert_eq!(to, format!("/suivi/{}", o.id));
        assert_eq!(o.origin, OpportunityOrigin::Manual);
        // Opening it again leads to the same one.
        let again = company
            .post("/suivi/ouvrir", &[("meeting", &meeting.to_string())])
            .await;
        assert_eq!(again.assert_redirect(), to);
        assert!(
            s.mails_to(&demo_account(Role::InstitutionMember).email)
                .await
                .unwrap()
                .iter()
                .any(|m| m.mail.kind == "opportunity-opened"),
            "the other side is told"
        );
        // The page reads in English too.
        let mut en = Browser::new(&app);
        en.accept_language = Some("en");
        en.sign_in(
            demo_account(Role::CompanyMember).email.as_str(),
            passerelle_app::demo::DEMO_PASSWORD,
        )
        .await;
        let page = en.get(&to).await;
        assert!(page.body.contains("Keeping in touch"), "{}", page.body);
    }
);
