//! The account page (`/compte`) over HTTP, on both databases: name and language, the address changed
//! through a link mailed to the new address (the old one told), the password (the current one asked,
//! every other session ended), the list of sessions and "sign out everywhere else".

use passerelle_domain::{Email, Locale, Role};

use crate::support::*;

/// A browser that says it is `user_agent`, signed in as the demo company member.
async fn company_browser(app: &TestApp, user_agent: &str) -> Browser {
    let mut b = Browser::new(app);
    b.client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(user_agent)
        .build()
        .unwrap();
    let account = demo_account(Role::CompanyMember);
    b.sign_in(account.email.as_str(), account.password).await;
    b
}

/// The latest mail to `to` whose text holds `needle`, waiting for the outbox worker (10 s at most; other
/// mails of the demo may reach the same address meanwhile).
pub async fn mail_with(
    app: &TestApp,
    to: &str,
    needle: &str,
) -> passerelle_web::testing::ReceivedMail {
    for _ in 0..200 {
        let found =
            app.mail.all().into_iter().rev().find(|m| {
                m.to.iter().any(|t| t.eq_ignore_ascii_case(to)) && m.text().contains(needle)
            });
        if let Some(mail) = found {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail to {to} with {needle:?}: {:?}", app.mail.all());
}

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const PHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

web_test!(name_and_language_are_changed_and_checked, |app| {
    let browser = Browser::as_(&app, Who::Company).await;
    let page = browser.get("/compte").await;
    page.assert_ok();
    let account = demo_account(Role::CompanyMember);
    assert!(page.body.contains(account.email.as_str()));
    assert!(page.body.contains("Sessions ouvertes"));
    let to = browser
        .post(
            "/compte/nom",
            &[("name", "Dominique Nouveau-Nom"), ("language", "en")],
        )
        .await;
    assert_eq!(to.assert_redirect(), "/compte");
    let page = browser.get("/compte").await;
    assert!(page.body.contains("Dominique Nouveau-Nom"));
    assert!(
        page.body
            .contains("Votre nom et votre langue sont enregistrés.")
    );
    let user = app
        .storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.locale, Locale::En);
    // A blank name and an unknown language are refused next to their fields; nothing changes.
    let refused = browser
        .post("/compte/nom", &[("name", "   "), ("language", "de")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("href=\"#f-name\""),
        "the summary links to the field"
    );
    assert!(refused.body.contains("href=\"#f-language\""));
    let user = app.storage.get_user(user.id).await.unwrap().unwrap();
    assert_eq!(user.display_name.as_str(), "Dominique Nouveau-Nom");
    assert_eq!(user.locale, Locale::En);
});

web_test!(
    the_password_change_asks_the_current_one_and_ends_other_sessions,
    |app| {
        let account = demo_account(Role::CompanyMember);
        let here = company_browser(&app, FIREFOX).await;
        let phone = company_browser(&app, PHONE).await;
        let page = here.get("/compte").await;
        assert!(page.body.contains("Firefox · Linux"), "{}", page.body);
        assert!(page.body.contains("Safari · iOS"));
        assert!(page.body.contains("(cette session)"));
        let wrong = here
            .post(
                "/compte/mot-de-passe",
                &[
                    ("current_password", "pas le bon mot de passe"),
                    ("new_password", "une toute nouvelle phrase"),
                    ("confirm", "une toute nouvelle phrase"),
                ],
            )
            .await;
        assert_eq!(wrong.status, 422);
        assert!(
            wrong
                .body
                .contains("Ce n’est pas votre mot de passe actuel.")
        );
        let mismatch = here
            .post(
                "/compte/mot-de-passe",
                &[
                    ("current_password", account.password),
                    ("new_password", "une toute nouvelle phrase"),
                    ("confirm", "une autre phrase encore"),
                ],
            )
            .await;
        assert_eq!(mismatch.status, 422);
        assert!(
            phone.get("/compte").await.status == 200,
            "nothing changed yet"
        );
        let changed = here
            .post(
                "/compte/mot-de-passe",
                &[
                    ("current_password", account.password),
                    ("new_password", "une toute nouvelle phrase"),
                    ("confirm", "une toute nouvelle phrase"),
                ],
            )
            .await;
        assert_eq!(changed.assert_redirect(), "/compte");
        // The other session is over, this one goes on.
        assert!(phone.get("/compte").await.to_sign_in());
        here.get("/compte").await.assert_ok();
        mail_with(&app, account.email.as_str(), "vient d’être changé").await;
        let fresh = Browser::new(&app);
        let old = fresh
            .post(
                "/connexion",
                &[
                    ("email", account.email.as_str()),
                    ("password", account.password),
                ],
            )
            .await;
        assert_eq!(old.status, 401);
        fresh
            .sign_in(account.email.as_str(), "une toute nouvelle phrase")
            .await;
    }
);

web_test!(sign_out_everywhere_else_keeps_this_session, |app| {
    let here = company_browser(&app, FIREFOX).await;
    let phone = company_browser(&app, PHONE).await;
    let other = Browser::as_(&app, Who::Organiser).await;
    let to = here.post("/compte/sessions/fin", &[]).await;
    assert_eq!(to.assert_redirect(), "/compte");
    assert!(phone.get("/compte").await.to_sign_in());
    let page = here.get("/compte").await;
    page.assert_ok();
    assert!(page.body.contains("Vos autres sessions sont fermées."));
    assert!(!page.body.contains("Safari · iOS"));
    // Another account's sessions are not touched.
    other.get("/compte").await.assert_ok();
});

web_test!(a_new_address_is_confirmed_from_its_mailbox, |app| {
    let account = demo_account(Role::CompanyMember);
    let browser = Browser::as_(&app, Who::Company).await;
    let wrong = browser
        .post(
            "/compte/adresse",
            &[
                ("email", "nouvelle@exemple.fr"),
                ("email_password", "pas le bon"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.body.contains("nouvelle@exemple.fr"),
        "the address is re-filled"
    );
    let malformed = browser
        .post(
            "/compte/adresse",
            &[
                ("email", "pas-une-adresse"),
                ("email_password", account.password),
            ],
        )
        .await;
    assert_eq!(malformed.status, 422);
    let asked = browser
        .post(
            "/compte/adresse",
            &[
                ("email", "Nouvelle@Exemple.fr"),
                ("email_password", account.password),
            ],
        )
        .await;
    assert_eq!(asked.assert_redirect(), "/compte");
    // The old address is told, the new one gets the link; nothing changed yet.
    mail_with(&app, account.email.as_str(), "vers nouvelle@exemple.fr").await;
    let confirm = mail_with(&app, "nouvelle@exemple.fr", "/compte/adresse/").await;
    let link = mail_link(&app, &confirm);
    assert!(link.starts_with("/compte/adresse/"), "{link}");
    let user = app
        .storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .expect("unchanged until confirmed");
    // Opening the link shows a button; a visitor (another browser) may follow it.
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    let page = visitor.get(&link).await;
    page.assert_ok();
    assert!(page.body.contains("nouvelle@exemple.fr"));
    let done = visitor.post(&link, &[]).await;
    assert_eq!(done.assert_redirect(), "/connexion");
    let changed = app.storage.get_user(user.id).await.unwrap().unwrap();
    assert_eq!(changed.email.as_str(), "nouvelle@exemple.fr");
    mail_with(
        &app,
        account.email.as_str(),
        "utilise désormais l’adresse nouvelle@exemple.fr",
    )
    .await;
    // Once only.
    assert_eq!(visitor.get(&link).await.status, 404);
    assert_eq!(visitor.post(&link, &[]).await.status, 404);
    visitor
        .sign_in("nouvelle@exemple.fr", account.password)
        .await;
});

web_test!(an_address_taken_meanwhile_is_not_given, |app| {
    let account = demo_account(Role::CompanyMember);
    let browser = Browser::as_(&app, Who::Company).await;
    let organiser = demo_account(Role::Organiser);
    // Asking for another account's address is accepted (it does not tell who has an account)…
    let asked = browser
        .post(
            "/compte/adresse",
            &[
                ("email", organiser.email.as_str()),
                ("email_password", account.password),
            ],
        )
        .await;
    asked.assert_redirect();
    let confirm = mail_with(&app, organiser.email.as_str(), "/compte/adresse/").await;
    let link = mail_link(&app, &confirm);
    // …and its owner, following the link, is told it cannot be.
    let page = browser.post(&link, &[]).await;
    assert_eq!(page.status, 409);
    assert!(
        page.body
            .contains("Un autre compte utilise déjà cette adresse")
    );
    assert!(
        app.storage
            .find_user_by_email(&Email::parse(account.email.as_str()).unwrap())
            .await
            .unwrap()
            .is_some(),
        "unchanged"
    );
});
