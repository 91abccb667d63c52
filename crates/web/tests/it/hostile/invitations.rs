//! Invitations by organisers and business managers, and accepting them.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/console/invitations",
    "/pipeline/invitations",
    "/invitation/{token}",
];

web_test!(invitation_fields_render_hostile_input_inert, |app| {
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let manager = Browser::as_(&app, Who::BusinessManager).await;
    for payload in HOSTILE {
        let shown = escaped(payload);
        // Invitations, by an organiser and by a business manager (the e-mail refuses it; a new
        // organisation's name accepts it), then the invited person's display name.
        for (who, path) in [
            (&organiser, "/console/invitations"),
            (&manager, "/pipeline/invitations"),
        ] {
            let refused = who
                .post(
                    path,
                    &[
                        ("email", payload),
                        ("kind", payload),
                        ("organisation", payload),
                        ("organisation_name", payload),
                    ],
                )
                .await;
            assert_eq!(refused.status, 422, "{path}");
            check(who, refused, path).await;
            let email = format!("contact-{}@exemple.fr", unique());
            let name = format!("{payload} {}", unique());
            let sent = who
                .post(
                    path,
                    &[
                        ("email", &email),
                        ("kind", "company"),
                        ("organisation_name", &name),
                    ],
                )
                .await;
            sent.assert_redirect();
            let list = check(who, sent, "invitation sent").await;
            assert!(
                list.contains(&escaped(&name)),
                "{path}: the new organisation's name is shown as text"
            );
            let link = mail_link(&app, &app.mail.wait_for(&email).await);
            let guest = Browser::as_(&app, Who::Anonymous).await;
            check(&guest, guest.get(&link).await, "invitation page").await;
            let created = guest
                .post(
                    &link,
                    &[
                        ("name", payload),
                        ("new_password", "un mot de passe sûr"),
                        ("confirm", "un mot de passe sûr"),
                    ],
                )
                .await;
            created.assert_redirect();
            let home = check(&guest, created, "invitation accepted").await;
            assert!(
                home.contains(&shown),
                "the new user's name is shown as text"
            );
        }
        check(&manager, manager.get("/pipeline").await, "pipeline").await;
    }
});
