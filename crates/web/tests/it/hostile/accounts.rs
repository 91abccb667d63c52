//! Visitors' forms and links: sign-in, password reset, invitation links, language switch, filters.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/connexion",
    "/mot-de-passe-oublie",
    "/reinitialisation/{token}",
    "/deconnexion",
];

web_test!(visitor_forms_render_hostile_input_inert, |app| {
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    for payload in HOSTILE {
        // Visitors' forms and links.
        let sign_in = visitor
            .post(
                "/connexion",
                &[("email", payload), ("password", payload), ("next", payload)],
            )
            .await;
        assert_eq!(sign_in.status, 401);
        check(&visitor, sign_in, "sign-in").await;
        check(
            &visitor,
            visitor
                .get(&format!("/connexion?next={}", urlencode(payload)))
                .await,
            "sign-in next",
        )
        .await;
        check(
            &visitor,
            visitor
                .post("/mot-de-passe-oublie", &[("email", payload)])
                .await,
            "forgotten password",
        )
        .await;
        check(
            &visitor,
            visitor
                .get(&format!("/reinitialisation/{}", urlencode(payload)))
                .await,
            "reset link",
        )
        .await;
        let reset = visitor
            .post(
                &format!("/reinitialisation/{}", urlencode(payload)),
                &[("new_password", payload), ("confirm", payload)],
            )
            .await;
        check(&visitor, reset, "reset form").await;
        check(
            &visitor,
            visitor
                .get(&format!("/invitation/{}", urlencode(payload)))
                .await,
            "invitation link",
        )
        .await;
        check(
            &visitor,
            visitor
                .get(&format!(
                    "/irritants?domaine={0}&etablissement={0}",
                    urlencode(payload)
                ))
                .await,
            "filters",
        )
        .await;
        check(
            &visitor,
            visitor
                .get(&format!("/irritants/{}", urlencode(payload)))
                .await,
            "fiche id",
        )
        .await;
        let switched = visitor
            .get(&format!("/langue?lang={0}&next={0}", urlencode(payload)))
            .await;
        assert_eq!(
            switched.assert_redirect(),
            "/",
            "the language switch only goes back to this site"
        );
        let away = visitor.get("/langue?lang=en&next=//evil.example").await;
        assert_eq!(away.assert_redirect(), "/");
    }
});
