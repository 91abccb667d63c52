//! The account page's forms and links, and the User-Agent it lists sessions by.

use passerelle_domain::Role;

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/compte/nom",
    "/compte/adresse",
    "/compte/adresse/{token}",
    "/compte/mot-de-passe",
    "/compte/sessions/fin",
    "/compte/suppression",
    "/compte/suppression/lien",
    "/compte/suppression/lien/{token}",
    "/console/comptes/{id}/suppression",
];

web_test!(account_forms_render_hostile_input_inert, |app| {
    let account = demo_account(Role::CompanyMember);
    for payload in HOSTILE {
        // A browser whose User-Agent is the payload: its session is listed with it, as text.
        let mut browser = Browser::new(&app);
        browser.client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(payload)
            .build()
            .unwrap();
        browser
            .sign_in(account.email.as_str(), account.password)
            .await;
        let page = browser.get("/compte").await;
        page.assert_ok();
        assert_inert(&page.body, "sessions list");
        // A name is text: stored as typed, shown escaped.
        let renamed = browser
            .post("/compte/nom", &[("name", payload), ("language", payload)])
            .await;
        assert_eq!(renamed.status, 422, "an unknown language is refused");
        check(&browser, renamed, "rename, bad language").await;
        let renamed = browser
            .post("/compte/nom", &[("name", payload), ("language", "fr")])
            .await;
        let body = check(&browser, renamed, "rename").await;
        assert!(
            body.contains(&escaped(payload)),
            "the name is shown as text"
        );
        let email = browser
            .post(
                "/compte/adresse",
                &[("email", payload), ("email_password", payload)],
            )
            .await;
        assert_eq!(email.status, 422);
        check(&browser, email, "new address").await;
        let password = browser
            .post(
                "/compte/mot-de-passe",
                &[
                    ("current_password", payload),
                    ("new_password", payload),
                    ("confirm", payload),
                ],
            )
            .await;
        assert_eq!(password.status, 422);
        check(&browser, password, "password").await;
        let link = format!("/compte/adresse/{}", urlencode(payload));
        let get = browser.get(&link).await;
        assert_eq!(get.status, 404);
        check(&browser, get, "confirmation link").await;
        let post = browser.post(&link, &[]).await;
        assert_eq!(post.status, 404);
        check(&browser, post, "confirmation link, posted").await;
        let ended = browser.post("/compte/sessions/fin", &[]).await;
        check(&browser, ended, "sign out everywhere else").await;
    }
});

web_test!(personal_data_forms_render_hostile_input_inert, |app| {
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let world = world(&app).await;
    for payload in HOSTILE {
        // The payload as the person's name: their export and the organisers' pages show it as text.
        check(
            &member,
            member
                .post("/compte/nom", &[("name", payload), ("language", "fr")])
                .await,
            "rename",
        )
        .await;
        let data = member.get("/compte/donnees").await;
        data.assert_ok();
        assert_inert(&data.body, "readable export");
        assert!(data.body.contains(&escaped(payload)));
        let erase = member
            .post("/compte/suppression", &[("password", payload)])
            .await;
        assert_eq!(erase.status, 422, "a wrong password erases nothing");
        check(&member, erase, "erase").await;
        let link = format!("/compte/suppression/lien/{}", urlencode(payload));
        check(&member, member.get(&link).await, "erasure link").await;
        check(
            &member,
            member.post(&link, &[]).await,
            "erasure link, posted",
        )
        .await;
        let search = organiser
            .get(&format!("/console/comptes?q={}", urlencode(payload)))
            .await;
        search.assert_ok();
        assert_inert(&search.body, "accounts search");
        let person = organiser
            .get(&format!("/console/comptes/{}", world.own_member))
            .await;
        person.assert_ok();
        assert_inert(&person.body, "person's data");
        let refused = organiser
            .post(
                &format!("/console/comptes/{}/suppression", world.own_member),
                &[("confirm", payload)],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&organiser, refused, "erase on request").await;
        check(
            &organiser,
            organiser
                .post(
                    &format!("/console/comptes/{}/suppression", urlencode(payload)),
                    &[("confirm", payload)],
                )
                .await,
            "erase on request, bad id",
        )
        .await;
    }
    // Sending oneself an erasure link is harmless input-wise.
    check(
        &member,
        member.post("/compte/suppression/lien", &[]).await,
        "erasure link request",
    )
    .await;
});
