//! The domains vocabulary, and where its labels show; company validation.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &["/console/domaines", "/console/entreprises/{id}/valider"];

web_test!(vocabulary_fields_render_hostile_input_inert, |app| {
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let company_member = Browser::as_(&app, Who::Company).await;
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    // Validating a company has no field: a hostile id in its path is a 404.
    let page = organiser
        .post(
            &format!("/console/entreprises/{}/valider", urlencode(HOSTILE[0])),
            &[],
        )
        .await;
    assert_eq!(page.status, 404);
    assert_inert(&page.body, "validate a hostile id");
    for (n, payload) in HOSTILE.into_iter().enumerate() {
        let shown = escaped(payload);
        // The domains vocabulary (the slug refuses it; the labels accept it).
        let refused = organiser
            .post(
                "/console/domaines",
                &[
                    ("slug", payload),
                    ("label_fr", payload),
                    ("label_en", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&organiser, refused, "domain, every field").await;
        let slug = format!("hostile-{n}");
        let saved = organiser
            .post(
                "/console/domaines",
                &[
                    ("slug", &slug),
                    ("label_fr", payload),
                    ("label_en", payload),
                ],
            )
            .await;
        saved.assert_redirect();
        assert!(
            check(&organiser, saved, "domain saved")
                .await
                .contains(&shown)
        );
        check(
            &visitor,
            visitor.get("/irritants").await,
            "catalogue filters with a hostile label",
        )
        .await;
        check(
            &visitor,
            visitor.get(&format!("/irritants?domaine={slug}")).await,
            "catalogue filtered",
        )
        .await;
        check(
            &member,
            member.get("/irritants/nouveau").await,
            "editor with a hostile domain label",
        )
        .await;
        check(
            &company_member,
            company_member.get("/entreprise/profil").await,
            "profile with a hostile label",
        )
        .await;
    }
});
