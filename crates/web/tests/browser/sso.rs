//! Single sign-on in a real browser, in French then English, against the loopback providers: the
//! demo organiser signs in with ProConnect (linked by address; its SIRET claim proposes the demo
//! company, which she asks to join), links her institution account from RENATER's built-in list,
//! signs out (ProConnect's end-session included), signs in again with RENATER, unlinks it and
//! signs out (locally, told that the institution's session stays open). Every single sign-on page
//! passes axe-core; screenshots are kept under `target/screenshots/sso-*.png`.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::harness::*;

/// Waits until the browser is on a page of the application whose path starts with `path`.
async fn arrive(client: &Client, base: &str, path: &str) {
    for _ in 0..150 {
        if let Ok(url) = client.current_url().await
            && url.as_str().starts_with(base)
            && url.path().starts_with(path)
        {
            // The page may still be loading after its URL changed.
            if client.find(Locator::Css("footer.site")).await.is_ok() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let url = client.current_url().await.map(|u| u.to_string());
    panic!(
        "never reached {path} (at {url:?}): {}",
        body_text(client).await
    );
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

async fn wait_for(client: &Client, css: &str) {
    for _ in 0..150 {
        if client.find(Locator::Css(css)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no {css} on {}", body_text(client).await);
}

async fn checked(s: &Session, lang: &str, name: &str, failures: &mut Vec<String>) {
    screenshot(&s.client, &format!("sso-{lang}-{name}")).await;
    for v in axe_violations(&s.client, &s.axe).await {
        failures.push(format!("{lang} {name}: {v}"));
    }
}

/// At the institution's SimpleSAMLphp: the login form (unless its session already knows her).
async fn institution_login(client: &Client, base: &str) {
    for _ in 0..150 {
        if client.find(Locator::Css("#username")).await.is_ok() {
            fill(client, "#username", "alice").await;
            fill(client, "#password", "alice-pass").await;
            click(client, "#submit_button").await;
            return;
        }
        if let Ok(url) = client.current_url().await
            && url.as_str().starts_with(base)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no institution login page: {}", body_text(client).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_providers_sign_in_link_and_sign_out_in_french_and_english() {
    let Some(s) = Session::start().await else {
        return;
    };
    let Some(idps) = passerelle_web::testing_sso::configure(&s.app, true) else {
        s.finish().await;
        return;
    };
    // The demo company records the SIRET ProConnect asserts for the organiser: her sign-in
    // proposes it (she asks to join in French; in English she sees she already asked).
    let company_member = s
        .app
        .storage
        .find_user_by_email(
            &passerelle_app::demo::accounts()
                .accounts
                .into_iter()
                .find(|a| a.role == passerelle_domain::Role::CompanyMember)
                .expect("a demo company member")
                .email,
        )
        .await
        .unwrap()
        .unwrap();
    let company = s.app.storage.memberships(company_member.id).await.unwrap()[0].organisation;
    let mut tx = s.app.app.begin().await.unwrap();
    tx.set_organisation_siret(
        company,
        Some(&passerelle_domain::Siret::parse("13002526500013").unwrap()),
    )
    .await
    .unwrap();
    s.app.app.commit(tx).await.unwrap();
    let base = s.app.base_url.clone();
    let c = &s.client;
    let mut failures = Vec::new();
    for lang in ["fr", "en"] {
        let fr = lang == "fr";
        s.language(lang).await;

        // The sign-in page: ProConnect's button, the institution entry, then the password form.
        c.goto(&s.app.url("/connexion")).await.unwrap();
        checked(&s, lang, "sign-in", &mut failures).await;
        let text = body_text(c).await;
        assert!(
            text.contains(if fr {
                "S’identifier avec"
            } else {
                "Sign in with"
            }),
            "{text}"
        );
        assert!(text.contains(if fr {
            "Mon établissement (RENATER)"
        } else {
            "My institution (RENATER)"
        }));

        // ProConnect: the provider's page, then back, signed in (linked by address the first time).
        click(c, "button.proconnect-button").await;
        wait_for(c, "#idp-login").await;
        click(c, "#idp-login").await;
        arrive(c, &base, "/connexion/organisation").await;
        let text = body_text(c).await;
        assert!(
            text.contains(if fr {
                "Vous êtes connecté"
            } else {
                "You are signed in"
            }) && text.contains("130\u{202f}025\u{202f}265\u{202f}00013"),
            "{text}"
        );
        checked(&s, lang, "affiliation", &mut failures).await;
        if fr {
            click(c, "form[action='/connexion/organisation'] button").await;
            arrive(c, &base, "/").await;
            let text = body_text(c).await;
            assert!(text.contains("Votre demande est envoyée"), "{text}");
        } else {
            assert!(text.contains("You already asked to join"), "{text}");
            c.find(Locator::LinkText("Later, continue"))
                .await
                .expect("the way on")
                .click()
                .await
                .unwrap();
            arrive(c, &base, "/").await;
        }
        checked(&s, lang, "signed-in-proconnect", &mut failures).await;

        // Her sign-in methods; link the institution account from the built-in list.
        c.goto(&s.app.url("/compte/connexions")).await.unwrap();
        checked(&s, lang, "methods", &mut failures).await;
        click(c, "a.renater-button").await;
        arrive(c, &base, "/connexion/renater").await;
        fill(c, "#q", "test lez").await;
        submit_form(c, "/connexion/renater").await;
        wait_for(c, "ul.institutions button").await;
        checked(&s, lang, "discovery", &mut failures).await;
        click(c, "ul.institutions button").await;
        institution_login(c, &base).await;
        arrive(c, &base, "/compte/connexions").await;
        let text = body_text(c).await;
        assert!(
            text.contains(passerelle_federation::testing::TEST_INSTITUTION_FR),
            "{text}"
        );
        assert!(text.contains("ProConnect"), "{text}");
        checked(&s, lang, "methods-linked", &mut failures).await;

        // The organisers' view shows how she signs in.
        c.goto(&s.app.url("/console/connexions")).await.unwrap();
        checked(&s, lang, "members", &mut failures).await;

        // Signing out ends ProConnect's session too: its confirmation, then back home.
        c.goto(&s.app.url("/")).await.unwrap();
        sign_out(c).await;
        wait_for(c, "button[name='logout']").await;
        click(c, "button[name='logout']").await;
        arrive(c, &base, "/").await;
        let text = body_text(c).await;
        assert!(text.contains("ProConnect"), "signed out of both: {text}");
        checked(&s, lang, "signed-out", &mut failures).await;

        // Signing in with the institution (its session may skip the login form).
        c.goto(&s.app.url("/connexion")).await.unwrap();
        click(c, "a.renater-button").await;
        arrive(c, &base, "/connexion/renater").await;
        // The whole list is shown before any search: choose the test institution by its name.
        let institution = if fr {
            passerelle_federation::testing::TEST_INSTITUTION_FR
        } else {
            passerelle_federation::testing::TEST_INSTITUTION_EN
        };
        c.find(Locator::XPath(&format!(
            "//ul[@class='institutions']//button[contains(., '{institution}')]"
        )))
        .await
        .unwrap_or_else(|e| panic!("{institution} in the list: {e}"))
        .click()
        .await
        .unwrap();
        institution_login(c, &base).await;
        arrive(c, &base, "/").await;
        assert!(
            c.find(Locator::Css("header.site form[action='/deconnexion']"))
                .await
                .is_ok(),
            "signed in with RENATER: {}",
            body_text(c).await
        );
        checked(&s, lang, "signed-in-renater", &mut failures).await;

        // Unlink the institution account (a password remains), then sign out (locally).
        c.goto(&s.app.url("/compte/connexions")).await.unwrap();
        let forms = c
            .find_all(Locator::Css("form[action$='/delier'] button"))
            .await
            .unwrap();
        assert_eq!(forms.len(), 2, "two linked identities");
        let unlink_renater = c
            .find(Locator::XPath(&format!(
                "//tr[td[contains(., '{}')]]//form[contains(@action, '/delier')]//button",
                passerelle_federation::testing::TEST_INSTITUTION_FR
            )))
            .await
            .expect("the RENATER row's button");
        unlink_renater.click().await.unwrap();
        arrive(c, &base, "/compte/connexions").await;
        let text = body_text(c).await;
        assert!(
            !text.contains(passerelle_federation::testing::TEST_INSTITUTION_FR),
            "{text}"
        );
        checked(&s, lang, "methods-unlinked", &mut failures).await;
        // Signed in with RENATER: signing out is local (no Single Logout), and the notice says the
        // institution's session is still open.
        sign_out(c).await;
        arrive(c, &base, "/").await;
        let text = body_text(c).await;
        assert!(
            text.contains(if fr {
                "mais pas de votre établissement"
            } else {
                "but not of your institution"
            }),
            "{text}"
        );
        checked(&s, lang, "signed-out-renater", &mut failures).await;
    }
    drop(idps);
    s.finish().await;
    assert!(
        failures.is_empty(),
        "axe-core violations:\n{}",
        failures.join("\n")
    );
}
