//! Issue 7 (hardening): each finding reproduced against the running server, on both databases.

use crate::support::*;

/// Known ways to leave the site through a "local" redirection target, as the value arrives (decoded).
/// Browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` goes to `//evil.example`.
const BYPASSES: &[&str] = &[
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/\u{7f}",
    "/\u{0}/evil.example",
    "\t//evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/\u{3000}/evil.example",
];

fn query(value: &str) -> String {
    serde_html_form::to_string([("next", value)]).unwrap()
}

web_test!(redirections_never_leave_the_site, |app| {
    let visitor = Browser::new(&app);
    let signed_in = Browser::as_(&app, Who::Company).await;
    for bypass in BYPASSES {
        let switched = visitor
            .get(&format!("/langue?lang=en&{}", query(bypass)))
            .await;
        assert_eq!(
            switched.assert_redirect(),
            "/",
            "/langue with next={bypass:?}"
        );
        let back = signed_in
            .get(&format!("/connexion?{}", query(bypass)))
            .await;
        assert_eq!(
            back.assert_redirect(),
            "/",
            "/connexion with next={bypass:?}"
        );
    }
    for bypass in ["/\t/evil.example", "/\u{7f}", "/%5Cevil.example"] {
        let person = Browser::as_(&app, Who::Anonymous).await;
        let account = demo_account(passerelle_domain::Role::CompanyMember);
        let page = person
            .post(
                "/connexion",
                &[
                    ("email", account.email.as_str()),
                    ("password", passerelle_app::demo::DEMO_PASSWORD),
                    ("next", bypass),
                ],
            )
            .await;
        assert_eq!(page.assert_redirect(), "/", "sign-in with next={bypass:?}");
    }
    // Paths of the site keep working, query included.
    let switched = visitor
        .get(&format!(
            "/langue?lang=en&{}",
            query("/irritants?domaine=ia&page=2")
        ))
        .await;
    assert_eq!(switched.assert_redirect(), "/irritants?domaine=ia&page=2");
});

/// The session id a response sets (the `passerelle_session` cookie), if any.
fn session_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("passerelle_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
        .filter(|id| !id.is_empty())
}

/// Signs in in a fresh browser; returns it with its session id.
async fn signed_in(app: &TestApp, email: &str, password: &str) -> (Browser, String) {
    let browser = Browser::as_(app, Who::Anonymous).await;
    let page = browser
        .post("/connexion", &[("email", email), ("password", password)])
        .await;
    page.assert_redirect();
    let id = session_cookie(&page).expect("a session cookie at sign-in");
    (browser, id)
}

async fn session_exists(app: &TestApp, id: &str) -> bool {
    app.storage
        .session_load(id, time::OffsetDateTime::now_utc())
        .await
        .unwrap()
        .is_some()
}

web_test!(signing_out_ends_the_session_id_for_good, |app| {
    let member = demo_account(passerelle_domain::Role::InstitutionMember);
    let (browser, id) = signed_in(
        &app,
        member.email.as_str(),
        passerelle_app::demo::DEMO_PASSWORD,
    )
    .await;
    assert!(session_exists(&app, &id).await);
    let out = browser.post("/deconnexion", &[]).await;
    assert_eq!(out.assert_redirect(), "/");
    let after = session_cookie(&out);
    assert_ne!(
        after.as_deref(),
        Some(id.as_str()),
        "sign-out issues a new session id"
    );
    assert!(
        !session_exists(&app, &id).await,
        "the signed-out id is gone from the store"
    );
    // The "signed out" notice still reaches the person, on the new session.
    assert!(browser.get("/").await.body.contains("Vous êtes déconnecté"));
});

web_test!(a_password_reset_ends_every_session_of_the_account, |app| {
    let member = demo_account(passerelle_domain::Role::CompanyMember);
    let email = member.email.as_str();
    let (laptop, laptop_id) = signed_in(&app, email, passerelle_app::demo::DEMO_PASSWORD).await;
    let (phone, _) = signed_in(&app, email, passerelle_app::demo::DEMO_PASSWORD).await;
    // Someone else stays signed in.
    let (other, _) = signed_in(
        &app,
        demo_account(passerelle_domain::Role::Organiser)
            .email
            .as_str(),
        passerelle_app::demo::DEMO_PASSWORD,
    )
    .await;
    laptop.get("/entreprise/profil").await.assert_ok();

    let visitor = Browser::as_(&app, Who::Anonymous).await;
    visitor
        .post("/mot-de-passe-oublie", &[("email", email)])
        .await
        .assert_ok();
    let path = mail_link(&app, &app.mail.wait_for(email).await);
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
    for (name, browser) in [("laptop", &laptop), ("phone", &phone)] {
        assert!(
            browser.get("/entreprise/profil").await.to_sign_in(),
            "the {name} session ended with the reset"
        );
    }
    assert!(!session_exists(&app, &laptop_id).await);
    other.get("/console").await.assert_ok();
    // A request of an ended session that was already running cannot bring it back.
    laptop.get("/").await;
    assert!(!session_exists(&app, &laptop_id).await);
    let (_, _) = signed_in(&app, email, "un tout nouveau secret").await;
});

web_test!(password_guessing_is_throttled_by_account, |app| {
    let member = demo_account(passerelle_domain::Role::InstitutionMember);
    let email = member.email.as_str();
    let guesser = Browser::as_(&app, Who::Anonymous).await;
    for n in 0..passerelle_app::throttle::PER_ACCOUNT {
        let page = guesser
            .post(
                "/connexion",
                &[
                    ("email", email),
                    ("password", &format!("devinette numéro {n}")),
                ],
            )
            .await;
        assert_eq!(page.status, 401, "guess {n} is checked");
    }
    // Past the limit even the right password waits (case variants count as the same account), with a
    // translated page that says why and for how long.
    let mut english = Browser::as_(&app, Who::Anonymous).await;
    english.accept_language = Some("en");
    for (browser, text) in [
        (&guesser, "Trop de tentatives de connexion ont échoué"),
        (&english, "Too many sign-in attempts failed"),
    ] {
        let page = browser
            .post(
                "/connexion",
                &[
                    ("email", &email.to_uppercase()),
                    ("password", passerelle_app::demo::DEMO_PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, 429);
        assert!(page.body.contains(text), "{}", page.body);
        assert_eq!(
            page.headers
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("900")
        );
    }
    // Other accounts from the same address are not locked out by one account's limit.
    Browser::as_(&app, Who::Organiser).await;
});
