//! Issue 7 (hardening), second part: each remaining finding reproduced against the running server, on
//! both databases.

use crate::support::*;
use passerelle_storage::testing::session_rows;

web_test!(visitors_who_do_not_sign_in_store_no_session, |app| {
    let before = session_rows(&app.storage).await;
    let token = "ab".repeat(32);
    let pages = [
        "/connexion".to_string(),
        "/connexion?next=/irritants".into(),
        "/mot-de-passe-oublie".into(),
        format!("/reinitialisation/{token}"),
        format!("/invitation/{token}"),
        "/".into(),
        "/irritants".into(),
    ];
    // Each visit as a new visitor (no cookies kept), as a load generator would.
    for path in &pages {
        for _ in 0..3 {
            Browser::new(&app).get(path).await;
        }
    }
    // Forms filled in and refused, or answered without signing in, store nothing either.
    let visitor = Browser::new(&app);
    let failed = visitor
        .post(
            "/connexion",
            &[("email", "personne@exemple.fr"), ("password", "pas le bon")],
        )
        .await;
    assert_eq!(failed.status, 401);
    assert!(
        csrf_in(&failed.body).is_some(),
        "the page shown again can be sent again"
    );
    visitor
        .post("/mot-de-passe-oublie", &[("email", "personne@exemple.fr")])
        .await
        .assert_ok();
    assert_eq!(
        session_rows(&app.storage).await,
        before,
        "no session row for visitors"
    );
    // The visitor's form token is a cookie, refused without it or with another visitor's.
    let other = Browser::new(&app);
    let foreign = other.csrf().await;
    let forged = visitor
        .post_raw(
            "/mot-de-passe-oublie",
            &[("csrf", &foreign), ("email", "personne@exemple.fr")],
        )
        .await;
    assert_eq!(forged.status, 403);
    // Signing in from there works and is the first row.
    let account = demo_account(passerelle_domain::Role::CompanyMember);
    visitor
        .post(
            "/connexion",
            &[
                ("email", account.email.as_str()),
                ("password", passerelle_app::demo::DEMO_PASSWORD),
            ],
        )
        .await
        .assert_redirect();
    visitor.get("/entreprise/profil").await.assert_ok();
    assert_eq!(session_rows(&app.storage).await, before + 1);
});

// Finding 6: a few hundred clients that send a byte a second neither keep a normal visitor waiting nor
// hold their connections beyond the header read timeout.
web_test!(
    slow_clients_neither_block_others_nor_stay_connected,
    |app| {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        const SLOW: usize = 300;
        let address = app.base_url.trim_start_matches("http://").to_string();
        let mut slow = Vec::with_capacity(SLOW);
        for _ in 0..SLOW {
            let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
            stream.write_all(b"G").await.unwrap();
            slow.push(stream);
        }
        let started = std::time::Instant::now();
        let limit = passerelle_web::Limits::default().header_read_timeout;
        // One more byte a second on every connection, the way a slowloris keeps them open.
        let drip = tokio::spawn(async move {
            let rest = b"ET / HTTP/1.1\r\nHost: passerelle\r\nX-Slow: ";
            let mut open = slow;
            for tick in 0.. {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                let byte = rest.get(tick).copied().unwrap_or(b'a');
                let mut still = Vec::with_capacity(open.len());
                for mut stream in open {
                    if stream.write_all(&[byte]).await.is_ok() {
                        still.push(stream);
                    }
                }
                open = still;
                if started.elapsed() > limit + std::time::Duration::from_secs(3) {
                    return open;
                }
            }
            unreachable!()
        });
        // Meanwhile a visitor is served at once, every time.
        let visitor = Browser::new(&app);
        for _ in 0..5 {
            let asked = std::time::Instant::now();
            visitor.get("/irritants").await.assert_ok();
            assert!(
                asked.elapsed() < std::time::Duration::from_secs(3),
                "served in {:?} with {SLOW} slow connections open",
                asked.elapsed()
            );
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        // Past the header read timeout the server has closed every slow connection.
        let mut open = drip.await.unwrap();
        let mut closed = 0;
        for stream in &mut open {
            let mut buf = [0u8; 512];
            match tokio::time::timeout(std::time::Duration::from_millis(100), stream.read(&mut buf))
                .await
            {
                Ok(Ok(_)) | Ok(Err(_)) => closed += 1,
                Err(_) => {}
            }
        }
        let dropped_by_writes = SLOW - open.len();
        assert_eq!(
            closed + dropped_by_writes,
            SLOW,
            "every slow connection is closed by the server after {limit:?}"
        );
    }
);

// Finding 9, the headers and pages: signed-in pages are not stored by caches, the icon exists, and a
// link to the sign-out gives its button instead of a bare 405.
web_test!(private_pages_are_not_cached_and_small_pages_exist, |app| {
    let cache = |page: &Page| {
        page.headers
            .get(reqwest::header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let company = Browser::as_(&app, Who::Company).await;
    for path in ["/entreprise/profil", "/", "/irritants"] {
        let page = company.get(path).await;
        page.assert_ok();
        assert_eq!(
            cache(&page).as_deref(),
            Some("no-store"),
            "{path} signed in"
        );
    }
    let style = company.get("/static/style.css").await;
    assert_eq!(cache(&style).as_deref(), Some("public, max-age=86400"));
    let visitor = Browser::new(&app);
    assert_eq!(cache(&visitor.get("/irritants").await), None);

    let icon = visitor.get("/favicon.ico").await;
    icon.assert_ok();
    assert_eq!(
        icon.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("image/x-icon")
    );

    assert_eq!(visitor.get("/deconnexion").await.assert_redirect(), "/");
    let page = company.get("/deconnexion").await;
    page.assert_ok();
    assert!(page.body.contains("Se déconnecter"), "{}", page.body);
    assert!(page.body.contains(r#"action="/deconnexion""#));
    // Its button signs out.
    assert_eq!(
        company.post("/deconnexion", &[]).await.assert_redirect(),
        "/"
    );
    assert!(company.get("/entreprise/profil").await.to_sign_in());
});

// Finding 3, the rest: the forgotten-password answer is the same, and the request does the same work,
// whether or not the address has an account; reset mails are throttled per address typed and per
// client address.
web_test!(forgotten_passwords_tell_nothing_and_are_throttled, |app| {
    use passerelle_app::password_reset::{PER_ACCOUNT, PER_ADDRESS};
    let known = demo_account(passerelle_domain::Role::InstitutionMember)
        .email
        .as_str()
        .to_string();
    let unknown = "personne-ici@exemple.fr";
    let jobs = || async {
        app.storage
            .list_jobs(Some("password-reset-mail"), 1000)
            .await
            .unwrap()
    };
    let mails_before = app.storage.list_mails(1000).await.unwrap().len();
    let asked_known = Browser::new(&app)
        .post("/mot-de-passe-oublie", &[("email", &known)])
        .await;
    // The request wrote no mail itself: the job does, later.
    let asked_unknown = Browser::new(&app)
        .post("/mot-de-passe-oublie", &[("email", unknown)])
        .await;
    asked_known.assert_ok();
    assert_eq!(asked_known.status, asked_unknown.status);
    assert_eq!(
        asked_known.body, asked_unknown.body,
        "the same page either way"
    );
    // The same work on the request path: one job per request, whatever the address.
    let queued: Vec<String> = jobs()
        .await
        .iter()
        .map(|j| j.params["email"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(queued.len(), 2);
    assert!(queued.contains(&known) && queued.iter().any(|e| e == unknown));
    // The mail reaches the account only.
    let mail = app.mail.wait_for(&known).await;
    assert!(mail_link(&app, &mail).starts_with("/reinitialisation/"));
    assert_eq!(
        app.storage.list_mails(1000).await.unwrap().len(),
        mails_before + 1
    );

    // Per address typed: a few more, then 429 with a translated page (case variants count together).
    let visitor = Browser::new(&app);
    for _ in 1..PER_ACCOUNT {
        visitor
            .post("/mot-de-passe-oublie", &[("email", &known)])
            .await
            .assert_ok();
    }
    let mut english = Browser::new(&app);
    english.accept_language = Some("en");
    for (browser, text) in [
        (&visitor, "Un lien a déjà été demandé plusieurs fois"),
        (&english, "A link has already been asked for several times"),
    ] {
        let refused = browser
            .post("/mot-de-passe-oublie", &[("email", &known.to_uppercase())])
            .await;
        assert_eq!(refused.status, 429);
        assert!(refused.body.contains(text), "{}", refused.body);
        assert_eq!(
            refused
                .headers
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("900")
        );
    }
    // Per client address: every request counts (the two refused ones too); other addresses are taken
    // until the address's limit, then any address gets 429.
    let mut sent = PER_ACCOUNT + 1 + 2;
    let mut accepted = PER_ACCOUNT + 1;
    loop {
        sent += 1;
        let page = visitor
            .post(
                "/mot-de-passe-oublie",
                &[("email", &format!("quelqu-un-{sent}@exemple.fr"))],
            )
            .await;
        if page.status == 429 {
            break;
        }
        page.assert_ok();
        accepted += 1;
        assert!(sent <= PER_ADDRESS, "no limit per client address");
    }
    assert_eq!(sent, PER_ADDRESS + 1);
    assert_eq!(
        jobs().await.len() as i64,
        accepted,
        "a job per accepted request only"
    );
});

// Finding 9, input: a form with invalid UTF-8 is refused with a translated page (it was stored with
// U+FFFD), and bidirectional overrides are refused in titles; nothing is written.
web_test!(malformed_text_is_refused_not_stored, |app| {
    let world = world(&app).await;
    let before = irritant_count(&app, world.own).await;
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let token = member.csrf().await;
    let raw = |body: String| {
        member
            .client
            .post(member.url("/irritants/nouveau"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let refused = raw(format!(
        "csrf={token}&title=Une+saisie+%FF%FE+mal+encod%E9e&context=x"
    ))
    .await
    .unwrap();
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("Requête invalide"));
    let spoof = member
        .post(
            "/irritants/nouveau",
            &[("title", "Facture \u{202E}fdp.exe des étudiants")],
        )
        .await;
    assert_eq!(spoof.status, 422, "{}", spoof.body);
    assert_eq!(irritant_count(&app, world.own).await, before);
});

// Finding 9: two people editing one fiche: the second one to save is told, and nothing is overwritten.
web_test!(the_second_editor_is_told_and_overwrites_nothing, |app| {
    let world = world(&app).await;
    let draft = irritant(
        &app.storage,
        &world,
        world.own,
        "draft",
        "Un brouillon à deux mains",
    )
    .await;
    let edit = format!("/irritants/{draft}/modifier");
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let version_in = |html: &str| {
        let at = html
            .find(r#"name="version" value=""#)
            .expect("a version field")
            + r#"name="version" value=""#.len();
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    let first = version_in(&member.get(&edit).await.body);
    let second = version_in(&organiser.get(&edit).await.body);
    assert_eq!(first, second);
    member
        .post(
            &edit,
            &[("title", "La version du membre"), ("version", &first)],
        )
        .await
        .assert_redirect();
    let late = organiser
        .post(
            &edit,
            &[
                ("title", "La version de l'organisatrice"),
                ("version", &second),
            ],
        )
        .await;
    assert_eq!(late.status, 409);
    assert!(
        late.body
            .contains("Quelqu’un a enregistré cette fiche pendant que vous la modifiiez"),
        "{}",
        late.body
    );
    assert!(
        late.body.contains("La version de l&#39;organisatrice")
            || late.body.contains("La version de l&#x27;organisatrice"),
        "what was typed comes back"
    );
    let id = passerelle_domain::IrritantId::parse(&draft).unwrap();
    let stored = app.storage.get_irritant(id).await.unwrap().unwrap();
    assert_eq!(stored.content.title.as_str(), "La version du membre");
    // Told, the organiser saves again on purpose, from the version now shown.
    let again = organiser
        .post(
            &edit,
            &[
                ("title", "La version de l'organisatrice"),
                ("version", &version_in(&late.body)),
            ],
        )
        .await;
    again.assert_redirect();
    let stored = app.storage.get_irritant(id).await.unwrap().unwrap();
    assert_eq!(
        stored.content.title.as_str(),
        "La version de l'organisatrice"
    );
});

// Public pages at the speed of static files: kept rendered for visitors, but never older than a write.
web_test!(public_pages_are_never_stale_after_a_write, |app| {
    let world = world(&app).await;
    let visitor = Browser::new(&app);
    let mut english = Browser::new(&app);
    english.accept_language = Some("en");
    let title = "Un irritant publié à l’instant";
    let submitted = irritant(&app.storage, &world, world.own, "submitted", title).await;
    // Seen (and kept) before the change, in both languages.
    for _ in 0..2 {
        for browser in [&visitor, &english] {
            for path in ["/", "/irritants", "/irritants?domaine=ia"] {
                let page = browser.get(path).await;
                page.assert_ok();
                assert!(!page.body.contains(title));
            }
        }
    }
    assert!(english.get("/irritants").await.body.contains("lang=\"en\""));
    let count = |html: &str| html.matches("<h2><a href=\"/irritants/").count();
    let before = count(&visitor.get("/irritants").await.body);
    // Published through the site: the next visit shows it, in both languages.
    let organiser = Browser::as_(&app, Who::Organiser).await;
    organiser
        .post(&format!("/irritants/{submitted}/publier"), &[])
        .await
        .assert_redirect();
    for browser in [&visitor, &english] {
        let page = browser.get("/irritants").await;
        assert!(page.body.contains(title), "the catalogue after publishing");
        assert_eq!(count(&page.body), before + 1);
        browser
            .get(&format!("/irritants/{submitted}"))
            .await
            .assert_ok();
    }
    // Written straight through storage (a job, another use case): not served stale either.
    let direct = "Un irritant publié par ailleurs";
    irritant(&app.storage, &world, world.own, "published", direct).await;
    assert!(visitor.get("/irritants").await.body.contains(direct));
    // A signed-in person's page is never a visitor's kept one.
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let theirs = member.get("/irritants").await;
    assert!(theirs.body.contains(r#"action="/deconnexion""#));
    assert!(
        !visitor
            .get("/irritants")
            .await
            .body
            .contains(r#"action="/deconnexion""#)
    );
});
