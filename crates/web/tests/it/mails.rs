//! The mails of the cycle, read from the SMTP sink as their recipients read them, each in the recipient's
//! language: an irritant submitted (to the organisers), returned or published (to its author), a company
//! validated (to its members), proposals published (to both sides), the answers' reminder, a meeting
//! accepted by both sides or declined (with its reason).

use passerelle_app::jobs::JobRequest;
use passerelle_domain::edition::format_date;
use passerelle_domain::{DisplayName, Email, Locale, Phase, PhaseWindow, Role};
use passerelle_storage::NewUser;

use crate::support::*;

/// Waits for a mail to `to` whose text contains `phrase`, and returns its text.
async fn mail_with(app: &TestApp, to: &str, phrase: &str) -> String {
    for n in 1.. {
        app.mail.wait_for_count(to, n).await;
        if let Some(m) =
            app.mail.all().into_iter().find(|m| {
                m.to.iter().any(|t| t.eq_ignore_ascii_case(to)) && m.text().contains(phrase)
            })
        {
            return m.text();
        }
    }
    unreachable!()
}

web_test!(each_step_mails_those_concerned_in_their_language, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let organiser_email = demo_account(Role::Organiser).email.as_str().to_string();
    let member_email = demo_account(Role::InstitutionMember)
        .email
        .as_str()
        .to_string();
    let company_email = demo_account(Role::CompanyMember).email.as_str().to_string();
    // The organiser reads English; the institution and the company French.
    let organiser_user = s
        .find_user_by_email(&demo_account(Role::Organiser).email)
        .await
        .unwrap()
        .unwrap();
    s.update_user_profile(organiser_user.id, &organiser_user.display_name, Locale::En)
        .await
        .unwrap();
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let company_member = Browser::as_(&app, Who::Company).await;

    // Submitted: the organisers hear of it, in English.
    let title = format!("Réserver les salles de langues {}", unique());
    let id = irritant(s, &world, world.own, "draft", &title).await;
    member
        .post(&format!("/irritants/{id}/soumettre"), &[])
        .await
        .assert_redirect();
    let text = mail_with(&app, &organiser_email, "submitted the irritant").await;
    assert!(text.contains(&title) && text.contains(&format!("/irritants/{id}")));

    // Returned with a comment: its author, in French, with the comment.
    organiser
        .post(
            &format!("/irritants/{id}/renvoyer"),
            &[("comment", "Précisez le budget, s’il vous plaît.")],
        )
        .await
        .assert_redirect();
    let text = mail_with(&app, &member_email, "Les organisateurs vous renvoient").await;
    assert!(text.contains(&title) && text.contains("Précisez le budget, s’il vous plaît."));

    // Submitted again, then published: its author.
    member
        .post(&format!("/irritants/{id}/soumettre"), &[])
        .await
        .assert_redirect();
    organiser
        .post(&format!("/irritants/{id}/publier"), &[])
        .await
        .assert_redirect();
    let text = mail_with(
        &app,
        &member_email,
        "Les organisateurs ont publié votre irritant",
    )
    .await;
    assert!(text.contains(&title));

    // A company validated: each of its members, in their own language.
    let name = format!("Validée {} (fictive)", unique());
    let company = company(s, &world, &name, true).await;
    let english_cto = format!("cto-{}@exemple.fr", unique());
    s.create_user_with_membership(
        &NewUser {
            email: Email::parse(&english_cto).unwrap(),
            display_name: DisplayName::parse("Robin English").unwrap(),
            password_hash: passerelle_storage::NO_PASSWORD.into(),
            locale: Locale::En,
        },
        company,
        Role::CompanyMember,
    )
    .await
    .unwrap();
    organiser
        .post(&format!("/console/entreprises/{company}/valider"), &[])
        .await
        .assert_redirect();
    let fr = mail_with(
        &app,
        &company_email,
        "Les organisateurs ont validé la participation",
    )
    .await;
    assert!(fr.contains(&name));
    let en = mail_with(
        &app,
        &english_cto,
        "The organisers validated the participation",
    )
    .await;
    assert!(en.contains(&name));

    // Proposals published: both sides, each listing theirs.
    let run = finished_run(s, &world).await;
    let pair = s.run_pairs(run).await.unwrap()[0];
    let fiche = s.get_irritant(pair.irritant).await.unwrap().unwrap();
    let fiche_title = fiche.content.title.as_str().to_string();
    organiser
        .post(&format!("/console/mise-en-relation/{run}/publier"), &[])
        .await
        .assert_redirect();
    for to in [&member_email, &company_email] {
        let text = mail_with(&app, to, "vous proposent").await;
        assert!(text.contains(&fiche_title), "{to}: {text}");
    }

    // The reminder, two days before the answers' deadline: those with proposals still unanswered.
    let today = time::OffsetDateTime::now_utc().date();
    let deadline = today + time::Duration::days(2);
    s.set_phase_dates(
        world.matching,
        &[PhaseWindow::new(Phase::Matching, Some(today), Some(deadline)).unwrap()],
    )
    .await
    .unwrap();
    let mut tx = app.app.begin().await.unwrap();
    app.app
        .enqueue_job(
            &mut tx,
            JobRequest::new(
                "proposals-reminder",
                serde_json::json!({ "edition": world.matching, "deadline": format_date(deadline) }),
            ),
        )
        .await
        .unwrap();
    app.app.commit(tx).await.unwrap();
    let text = mail_with(&app, &company_email, "attend encore votre réponse").await;
    assert!(text.contains("Répondez avant le"));

    // Accepted by both sides: both hear of it.
    let meeting = s
        .meetings_of_edition(world.matching)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.irritant_id == pair.irritant)
        .unwrap();
    company_member
        .post(
            &format!("/rencontres/{}/accepter", meeting.id),
            &[("version", &meeting.version.to_string())],
        )
        .await
        .assert_redirect();
    let meeting = s.get_meeting(meeting.id).await.unwrap().unwrap();
    member
        .post(
            &format!("/rencontres/{}/accepter", meeting.id),
            &[("version", &meeting.version.to_string())],
        )
        .await
        .assert_redirect();
    for to in [&member_email, &company_email] {
        let text = mail_with(&app, to, "ont tous deux accepté").await;
        assert!(text.contains(&fiche_title));
    }

    // Declined with a reason: the other side, the reason named in its language.
    let declined = proposal(s, &world).await;
    let version = s.get_meeting(declined).await.unwrap().unwrap().version;
    member
        .post(
            &format!("/rencontres/{declined}/decliner"),
            &[
                ("version", &version.to_string()),
                ("reason", "no-budget"),
                ("comment", "Le budget est reporté à l’an prochain."),
            ],
        )
        .await
        .assert_redirect();
    let fr = mail_with(&app, &company_email, "a été déclinée").await;
    assert!(fr.contains("Raison\u{a0}: Pas de budget") && fr.contains("reporté à l’an prochain"));
});
