//! Single sign-on forms and links with the providers configured: the start buttons' fields, the
//! discovery search, the ACS's fields and the unlink route, each with the two payloads.

use super::*;

/// As `check`, but a redirection to the identity provider (another site) is not followed: its
/// URL is built by the provider's library from our own values, never from the payload's markup.
async fn check_here(browser: &Browser, page: Page, context: &str) {
    match page.location.as_deref() {
        Some(to) if page.status.is_redirection() && to.starts_with("http") => {
            assert!(page.status.as_u16() < 500, "{context}: {}", page.status);
            assert_inert(&page.body, context);
        }
        _ => {
            check(browser, page, context).await;
        }
    }
}

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/connexion/proconnect",
    "/connexion/renater",
    "/sso/renater/acs",
    "/compte/connexions/{id}/delier",
    "/connexion/organisation",
    "/entreprise/adhesions",
    "/console/etablissements/{id}",
];

web_test!(single_sign_on_renders_hostile_input_inert, |app| {
    let Some(_idps) = crate::sso::configure(&app, true) else {
        return;
    };
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    for payload in HOSTILE {
        for purpose in ["signin", payload] {
            let page = visitor
                .post(
                    "/connexion/proconnect",
                    &[
                        ("purpose", purpose),
                        ("invitation", payload),
                        ("next", payload),
                    ],
                )
                .await;
            check_here(&visitor, page, "ProConnect start").await;
            let page = visitor
                .post(
                    "/connexion/renater",
                    &[("idp", payload), ("purpose", purpose), ("next", payload)],
                )
                .await;
            check_here(&visitor, page, "RENATER start").await;
        }
        let search = visitor
            .get(&format!(
                "/connexion/renater?q={}&next={}",
                urlencode(payload),
                urlencode(payload)
            ))
            .await;
        assert_eq!(search.status, 200);
        check(&visitor, search, "institution search").await;
        for (query, what) in [
            (
                format!("/connexion/renater?purpose={}", urlencode(payload)),
                "discovery purpose",
            ),
            (
                format!("/connexion/renater?invitation={}", urlencode(payload)),
                "discovery invitation",
            ),
            (
                format!("/connexion/renater/choix?entityID={}", urlencode(payload)),
                "discovery return",
            ),
            (
                format!("/connexion/renater/retour?relay={}", urlencode(payload)),
                "RENATER return",
            ),
            (
                format!(
                    "/connexion/proconnect/retour?code={0}&state={0}&error={0}&error_description={0}",
                    urlencode(payload)
                ),
                "ProConnect callback",
            ),
            (
                format!(
                    "/connexion/proconnect/deconnexion?state={}",
                    urlencode(payload)
                ),
                "post-logout",
            ),
        ] {
            check_here(&visitor, visitor.get(&query).await, what).await;
        }
        let acs = visitor
            .post_raw(
                "/sso/renater/acs",
                &[("SAMLResponse", payload), ("RelayState", payload)],
            )
            .await;
        assert_eq!(acs.status, 400);
        check(&visitor, acs, "ACS").await;
        let unlink = member
            .post(
                &format!("/compte/connexions/{}/delier", urlencode(payload)),
                &[],
            )
            .await;
        assert_eq!(unlink.status, 404);
        check(&member, unlink, "unlink").await;
    }
    // Nothing was linked by any of it.
    let id = app
        .storage
        .find_user_by_email(&demo_account(passerelle_domain::Role::InstitutionMember).email)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert!(app.storage.linked_identities(id).await.unwrap().is_empty());
});

web_test!(siret_and_join_requests_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let company = world.company.to_string();
    let member = Browser::as_(&app, Who::Company).await;
    for payload in HOSTILE {
        // The SIRET field refuses it, with the message, and saves nothing of the form.
        let refused = member
            .post(
                "/entreprise/profil",
                &[
                    ("company", company.as_str()),
                    ("siret", payload),
                    ("description", "Jamais enregistré"),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("Numéro SIRET invalide"));
        check(&member, refused, "SIRET").await;
        // No proposal in the session: asking to join is refused.
        let ask = member
            .post("/connexion/organisation", &[("organisation", payload)])
            .await;
        assert_eq!(ask.status, 400);
        check(&member, ask, "ask to join").await;
        for (company_field, user, decision) in [
            (payload, payload, payload),
            (company.as_str(), payload, "accept"),
            (company.as_str(), payload, payload),
        ] {
            let answer = member
                .post(
                    "/entreprise/adhesions",
                    &[
                        ("company", company_field),
                        ("user", user),
                        ("decision", decision),
                    ],
                )
                .await;
            assert!(
                [400, 404].contains(&answer.status.as_u16()),
                "{}",
                answer.status
            );
            check(&member, answer, "answer a request").await;
        }
    }
    assert_eq!(
        app.storage.organisation_siret(world.company).await.unwrap(),
        None
    );
    let profile = app
        .storage
        .get_company_profile(world.company)
        .await
        .unwrap();
    assert!(
        profile
            .and_then(|p| p.description)
            .is_none_or(|d| d.as_str() != "Jamais enregistré")
    );
});

web_test!(institution_identifiers_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let path = format!("/console/etablissements/{}", world.own);
    let before = app
        .storage
        .organisation_identifiers(world.own)
        .await
        .unwrap();
    for payload in HOSTILE {
        for (field, message) in [
            ("siret", "Numéro SIRET invalide"),
            ("uai", "UAI invalide"),
            ("home_domain", "Domaine invalide"),
        ] {
            let form: Vec<(&str, &str)> = ["siret", "uai", "home_domain"]
                .into_iter()
                .map(|f| (f, if f == field { payload } else { "" }))
                .collect();
            let page = organiser.post(&path, &form).await;
            assert_eq!(page.status, 422, "{field}");
            assert!(page.body.contains(message), "{field}");
            assert!(
                page.body.contains(&format!("href=\"#f-{field}\"")),
                "{field}"
            );
            check(&organiser, page, field).await;
        }
        let elsewhere = organiser
            .post(
                &format!("/console/etablissements/{}", urlencode(payload)),
                &[("uai", "0751717J")],
            )
            .await;
        assert_eq!(elsewhere.status, 404);
        check(&organiser, elsewhere, "institution id").await;
    }
    // Nothing of it was written, not even the fields left empty.
    assert_eq!(
        app.storage
            .organisation_identifiers(world.own)
            .await
            .unwrap(),
        before
    );
    check(&organiser, organiser.get(&path).await, "institution page").await;
});
