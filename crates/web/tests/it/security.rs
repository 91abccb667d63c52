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
