//! The company profile and the registration.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &["/entreprise/profil", "/entreprise/inscription"];

web_test!(company_fields_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let company_member = Browser::as_(&app, Who::Company).await;
    for payload in HOSTILE {
        let shown = escaped(payload);
        // The company profile: every field (the website, size, region, specialties and minimum budget
        // refuse it), then description and references, which accept it.
        let company = world.company.to_string();
        let fields = [
            ("company", company.as_str()),
            ("description", payload),
            ("references", payload),
            ("website", payload),
            ("size", payload),
            ("region", payload),
            ("specialties", payload),
            ("budget_min", payload),
        ];
        let refused = company_member.post("/entreprise/profil", &fields).await;
        assert_eq!(refused.status, 422);
        check(&company_member, refused, "profile, every field").await;
        let saved = company_member
            .post(
                "/entreprise/profil",
                &[
                    ("company", &company),
                    ("description", payload),
                    ("references", payload),
                ],
            )
            .await;
        saved.assert_redirect();
        let profile = check(&company_member, saved, "profile saved").await;
        assert!(profile.contains(&shown));
        check(
            &company_member,
            company_member
                .post("/entreprise/inscription", &[("company", payload)])
                .await,
            "registration",
        )
        .await;
    }
});
