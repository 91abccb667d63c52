//! French by default, English from `Accept-Language`, and a switch (a plain link, no script)
//! remembered in a cookie that wins over the browser's preference.

use crate::support::*;

web_test!(
    french_by_default_english_on_request_and_by_the_switch,
    |app| {
        let visitor = Browser::new(&app);
        let home = visitor.get("/").await;
        assert!(home.body.contains(r#"<html lang="fr">"#));
        assert!(home.body.contains("Se connecter"));
        assert!(
            home.body.contains(r#"href="/langue?lang=en&amp;next=/""#),
            "the switch is a link"
        );

        let mut english = Browser::new(&app);
        english.accept_language = Some("en-US,en;q=0.9,fr;q=0.5");
        let home = english.get("/").await;
        assert!(home.body.contains(r#"<html lang="en">"#));
        assert!(home.body.contains("Sign in"));
        let catalogue = english.get("/irritants").await;
        assert!(
            catalogue.body.contains("19 irritants"),
            "plural forms in English"
        );

        // The switch: back to the same page, in the other language, remembered.
        let mut french_browser = Browser::new(&app);
        french_browser.accept_language = Some("fr-FR,fr;q=0.9");
        let switched = french_browser
            .get("/langue?lang=en&next=/irritants?domaine=ia")
            .await;
        assert_eq!(switched.assert_redirect(), "/irritants?domaine=ia");
        let page = french_browser.get("/irritants").await;
        assert!(
            page.body.contains(r#"<html lang="en">"#),
            "the cookie wins over Accept-Language"
        );
        let page = french_browser.get("/connexion").await;
        assert!(page.body.contains("Sign in"));
        // Error pages too.
        let missing = french_browser
            .get("/irritants/00000000-0000-4000-8000-000000000000")
            .await;
        assert_eq!(missing.status, 404);
        assert!(missing.body.contains(r#"<html lang="en">"#));
        french_browser
            .get("/langue?lang=fr&next=/")
            .await
            .assert_redirect();
        assert!(
            french_browser
                .get("/")
                .await
                .body
                .contains(r#"<html lang="fr">"#)
        );
    }
);
