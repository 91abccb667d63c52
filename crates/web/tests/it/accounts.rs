//! Accounts: sign-in and out for every demo role, invitations (single use, expiring, by organisers
//! and business managers), password reset by e-mail through the SMTP sink.

use passerelle_domain::{Email, OrganisationKind, ParticipationStatus, Role};
use passerelle_storage::NewInvitation;
use time::{Duration, OffsetDateTime};

use crate::support::*;

web_test!(every_demo_role_signs_in_and_out, |app| {
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    let page = visitor.get("/connexion").await;
    for account in passerelle_app::demo::accounts().accounts {
        // Demo mode lists the demo accounts on the sign-in page, and each of them works.
        assert!(
            page.body.contains(account.email.as_str()),
            "the demo account {} is listed",
            account.email.as_str()
        );
        let browser = Browser::new(&app);
        browser
            .sign_in(account.email.as_str(), account.password)
            .await;
        assert!(
            browser
                .get("/")
                .await
                .body
                .contains(&escaped(account.display_name)),
            "{} is signed in",
            account.role
        );
        browser.post("/deconnexion", &[]).await.assert_redirect();
        assert!(
            !browser
                .get("/")
                .await
                .body
                .contains(&escaped(account.display_name)),
            "{} signed out",
            account.role
        );
    }
    let organiser = demo_account(Role::Organiser);
    let failed = visitor
        .post(
            "/connexion",
            &[
                ("email", organiser.email.as_str()),
                ("password", "mauvais mot de passe"),
            ],
        )
        .await;
    assert_eq!(failed.status, 401);
    assert!(
        failed
            .body
            .contains("Adresse e-mail ou mot de passe incorrect.")
    );
    assert!(
        failed.body.contains(organiser.email.as_str()),
        "the e-mail is re-filled"
    );
    let unknown = visitor
        .post(
            "/connexion",
            &[
                ("email", "personne@exemple.fr"),
                ("password", "mauvais mot de passe"),
            ],
        )
        .await;
    assert_eq!(
        unknown.status, 401,
        "an unknown address gets the same answer"
    );
    assert!(visitor.get("/console").await.to_sign_in());
    // Upper case and spaces around the address are forgiven.
    let typed = format!("  {}  ", organiser.email.as_str().to_uppercase());
    visitor.sign_in(&typed, organiser.password).await;
    visitor.get("/console").await.assert_ok();
});

web_test!(
    the_sign_in_page_lists_demo_accounts_only_in_demo_mode,
    |app| {
        let plain = match app.db {
            Db::Sqlite => spawn_app(Db::Sqlite, false).await.expect("SQLite"),
            Db::Postgres => match spawn_app(Db::Postgres, false).await {
                Some(a) => a,
                None => return,
            },
        };
        let page = Browser::new(&plain).get("/connexion").await;
        passerelle_storage::testing::dispose(plain.storage.clone()).await;
        page.assert_ok();
        assert!(!page.body.contains("Comptes de démonstration"));
        assert!(!page.body.contains(passerelle_app::demo::DEMO_PASSWORD));
        assert!(
            Browser::new(&app)
                .get("/connexion")
                .await
                .body
                .contains("Comptes de démonstration")
        );
    }
);

async fn accept(app: &TestApp, path: &str, name: &str, password: &str) -> (Browser, Page) {
    let guest = Browser::as_(app, Who::Anonymous).await;
    let page = guest
        .post(
            path,
            &[
                ("name", name),
                ("new_password", password),
                ("confirm", password),
            ],
        )
        .await;
    (guest, page)
}

web_test!(an_invitation_link_works_once_and_expires, |app| {
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let email = "dsi@universite-nouvelle.fr";
    let sent = organiser
        .post(
            "/console/invitations",
            &[
                ("email", email),
                ("kind", "institution"),
                ("organisation_name", "Université Nouvelle"),
            ],
        )
        .await;
    assert_eq!(sent.assert_redirect(), "/console/invitations");
    let mail = app.mail.wait_for(email).await;
    assert!(mail.text().contains("Université Nouvelle"));
    let path = mail_link(&app, &mail);
    assert!(path.starts_with("/invitation/"), "{path}");

    let guest = Browser::as_(&app, Who::Anonymous).await;
    let page = guest.get(&path).await;
    page.assert_ok();
    assert!(page.body.contains(email) && page.body.contains("Université Nouvelle"));
    // Mistakes first: nothing is created and the link still works.
    let wrong = guest
        .post(
            &path,
            &[
                ("name", "Dominique Nouvelle"),
                ("new_password", "un mot de passe sûr"),
                ("confirm", "un autre"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong
            .body
            .contains("Les deux mots de passe ne sont pas identiques.")
    );
    assert!(
        wrong.body.contains("value=\"Dominique Nouvelle\""),
        "the name is re-filled"
    );
    assert!(
        app.storage
            .find_user_by_email(&Email::parse(email).unwrap())
            .await
            .unwrap()
            .is_none()
    );
    let short = guest
        .post(
            &path,
            &[
                ("name", "Dominique Nouvelle"),
                ("new_password", "court"),
                ("confirm", "court"),
            ],
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(
        short
            .body
            .contains("id=\"e-new_password\">Trop court\u{a0}: 10 caractères au minimum."),
        "{}",
        short.body
    );

    let (guest, created) = accept(&app, &path, "Dominique Nouvelle", "un mot de passe sûr").await;
    created.assert_redirect();
    assert!(
        guest.get("/").await.body.contains("Dominique Nouvelle"),
        "signed in after accepting"
    );
    let user = app
        .storage
        .find_user_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .expect("the account");
    let memberships = app.storage.memberships(user.id).await.unwrap();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].role, Role::InstitutionMember);
    // The new member may write irritants for the new institution.
    guest.get("/irritants/nouveau").await.assert_ok();

    // Single use.
    let again = Browser::new(&app).get(&path).await;
    assert_eq!(again.status, 404);
    assert!(again.body.contains("Cette invitation n’est pas valable"));
    let (_, reused) = accept(&app, &path, "Un Intrus", "un autre mot de passe").await;
    assert_eq!(reused.status, 404);
    assert_eq!(app.storage.memberships(user.id).await.unwrap().len(), 1);

    // Expired: an invitation sent eight days ago (links last seven).
    let organisation = memberships[0].organisation;
    let old = NewInvitation {
        email: Email::parse("tard@universite-nouvelle.fr").unwrap(),
        organisation,
        role: Role::InstitutionMember,
        edition: None,
        invited_by: None,
        valid_for: Duration::days(7),
    };
    let (_, token) = app
        .storage
        .create_invitation(&old, OffsetDateTime::now_utc() - Duration::days(8))
        .await
        .unwrap();
    let expired = Browser::new(&app)
        .get(&format!("/invitation/{token}"))
        .await;
    assert_eq!(expired.status, 404);
    let (_, late) = accept(
        &app,
        &format!("/invitation/{token}"),
        "Trop Tard",
        "un mot de passe sûr",
    )
    .await;
    assert_eq!(late.status, 404);
    assert!(
        app.storage
            .find_user_by_email(&old.email)
            .await
            .unwrap()
            .is_none()
    );

    // Inviting an address that already has an account is accepted like any other (the inviter
    // learns nothing); the mail asks that person to sign in.
    organiser
        .post(
            "/console/invitations",
            &[
                ("email", email),
                ("kind", "institution"),
                ("organisation", &organisation.to_string()),
            ],
        )
        .await
        .assert_redirect();
    let second = app.mail.wait_for_count(email, 2).await;
    assert!(second.text().contains("Vous avez déjà un compte"));
});

web_test!(
    a_business_manager_invites_a_company_into_their_pipeline,
    |app| {
        let manager = Browser::as_(&app, Who::BusinessManager).await;
        let email = "fondatrice@jeune-pousse.example";
        let sent = manager
            .post(
                "/pipeline/invitations",
                &[
                    ("email", email),
                    ("organisation_name", "Jeune Pousse Numérique"),
                ],
            )
            .await;
        sent.assert_redirect();
        assert!(
            manager
                .get("/pipeline")
                .await
                .body
                .contains("Jeune Pousse Numérique"),
            "the invited company is in the pipeline"
        );
        let path = mail_link(&app, &app.mail.wait_for(email).await);
        let (founder, created) = accept(
            &app,
            &path,
            "Fondatrice Jeune Pousse",
            "un mot de passe sûr",
        )
        .await;
        created.assert_redirect();
        // The founder fills in the profile and registers for the edition.
        let profile = founder.get("/entreprise/profil").await;
        profile.assert_ok();
        assert!(profile.body.contains("Jeune Pousse Numérique"));
        let company = app
            .storage
            .find_organisation(OrganisationKind::Company, "Jeune Pousse Numérique")
            .await
            .unwrap()
            .unwrap();
        let id = company.id.to_string();
        let saved = founder
            .post(
                "/entreprise/profil",
                &[
                    ("company", &id),
                    ("description", "Agents conversationnels."),
                    ("specialties", "chatbot"),
                    ("size", "1-9"),
                    ("region", "occitanie"),
                    ("website", "https://jeune-pousse.example"),
                ],
            )
            .await;
        saved.assert_redirect();
        let profile = app
            .storage
            .get_company_profile(company.id)
            .await
            .unwrap()
            .expect("saved");
        assert_eq!(
            profile.description.unwrap().as_str(),
            "Agents conversationnels."
        );
        founder
            .post("/entreprise/inscription", &[("company", &id)])
            .await
            .assert_redirect();
        // The organiser validates it from the console.
        let organiser = Browser::as_(&app, Who::Organiser).await;
        assert!(
            organiser
                .get("/console")
                .await
                .body
                .contains("Jeune Pousse Numérique")
        );
        organiser
            .post(&format!("/console/entreprises/{id}/valider"), &[])
            .await
            .assert_redirect();
        let world = world(&app).await;
        let participation = app
            .storage
            .get_participation(world.edition, company.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(participation.status, ParticipationStatus::Validated);
        assert!(
            manager.get("/pipeline").await.body.contains("Validée"),
            "the business manager sees it validated"
        );
    }
);

web_test!(a_password_is_reset_through_the_mailed_link, |app| {
    let member = demo_account(Role::InstitutionMember);
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    let page = visitor
        .post("/mot-de-passe-oublie", &[("email", member.email.as_str())])
        .await;
    page.assert_ok();
    assert!(page.body.contains("Si un compte existe pour cette adresse"));
    // An unknown address gets the same page and no mail.
    let unknown = visitor
        .post("/mot-de-passe-oublie", &[("email", "inconnu@exemple.fr")])
        .await;
    assert!(
        unknown
            .body
            .contains("Si un compte existe pour cette adresse")
    );
    let mail = app.mail.wait_for(member.email.as_str()).await;
    assert!(
        app.mail
            .all()
            .iter()
            .all(|m| m.to.iter().all(|t| t != "inconnu@exemple.fr"))
    );
    assert!(
        mail.text().contains("nouveau mot de passe"),
        "{}",
        mail.text()
    );
    let path = mail_link(&app, &mail);
    assert!(path.starts_with("/reinitialisation/"), "{path}");
    visitor.get(&path).await.assert_ok();
    let short = visitor
        .post(&path, &[("new_password", "court"), ("confirm", "court")])
        .await;
    assert_eq!(short.status, 422);
    let done = visitor
        .post(
            &path,
            &[
                ("new_password", "un tout nouveau secret"),
                ("confirm", "un tout nouveau secret"),
            ],
        )
        .await;
    assert_eq!(done.assert_redirect(), "/connexion");
    // The old password no longer works, the new one does; the link is spent.
    let old = visitor
        .post(
            "/connexion",
            &[
                ("email", member.email.as_str()),
                ("password", member.password),
            ],
        )
        .await;
    assert_eq!(old.status, 401);
    visitor
        .sign_in(member.email.as_str(), "un tout nouveau secret")
        .await;
    let again = Browser::new(&app).get(&path).await;
    assert_eq!(again.status, 404);
    assert!(again.body.contains("Ce lien n’est pas valable"));
});
