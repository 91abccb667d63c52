//! Hostile input: the two classic payloads in every text field of every form. Whether the field
//! accepts them (then they are stored and shown as text) or refuses them (then the form comes back
//! re-filled), no page ever renders them as markup.

use passerelle_domain::{IrritantId, IrritantTransition};

use crate::support::*;

/// Checks a response and, if it redirects, the page it leads to; returns the last body.
async fn check(browser: &Browser, page: Page, context: &str) -> String {
    assert!(
        page.status.as_u16() < 500,
        "{context}: server error {}",
        page.status
    );
    assert_inert(&page.body, context);
    match page.location.clone() {
        Some(to) if page.status.is_redirection() => {
            let next = browser.get(&to).await;
            assert_inert(&next.body, &format!("{context} → {to}"));
            next.body
        }
        _ => page.body,
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

web_test!(every_text_field_renders_hostile_input_inert, |app| {
    let world = world(&app).await;
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let company_member = Browser::as_(&app, Who::Company).await;
    let manager = Browser::as_(&app, Who::BusinessManager).await;
    let visitor = Browser::as_(&app, Who::Anonymous).await;
    let domain = app.storage.list_domains().await.unwrap()[0]
        .slug
        .as_str()
        .to_string();
    for (n, payload) in HOSTILE.into_iter().enumerate() {
        let shown = escaped(payload);
        // The irritant editor, every field at once: the e-mail, the budget and the domains refuse
        // it, so the form comes back re-filled.
        let all = [
            ("title", payload),
            ("context", payload),
            ("problem", payload),
            ("expected_result", payload),
            ("budget_min", payload),
            ("budget_max", payload),
            ("timeline", payload),
            ("contact_name", payload),
            ("contact_email", payload),
            ("domains", payload),
        ];
        let refused = member.post("/irritants/nouveau", &all).await;
        assert_eq!(refused.status, 422);
        let body = check(&member, refused, "editor, every field").await;
        assert!(
            body.contains(&shown),
            "the refused form is re-filled with the text as typed"
        );
        // Writing for an institution that is not one's own is refused, whatever the value.
        let page = member
            .post(
                "/irritants/nouveau",
                &[("title", "Un titre correct"), ("institution", payload)],
            )
            .await;
        assert_eq!(page.status, 403);
        assert_inert(&page.body, "editor, institution");
        // The fields that accept it: saved, and shown as text everywhere.
        let title = format!("{payload} n°{n}");
        let accepted = member
            .post(
                "/irritants/nouveau",
                &[
                    ("title", &title),
                    ("context", payload),
                    ("problem", payload),
                    ("expected_result", payload),
                    ("timeline", payload),
                    ("contact_name", payload),
                    ("domains", &domain),
                ],
            )
            .await;
        let location = accepted.assert_redirect().to_string();
        let fiche = check(&member, accepted, "editor, accepted fields").await;
        assert!(
            fiche.contains(&escaped(&title)),
            "the fiche shows the title as text"
        );
        let id = location.trim_start_matches("/irritants/").to_string();
        check(
            &member,
            member.get(&format!("/irritants/{id}/modifier")).await,
            "editor reopened",
        )
        .await;
        check(&member, member.get("/mes-irritants").await, "my irritants").await;
        // Through the workflow: submitted, returned with a hostile comment, seen by the member.
        check(
            &member,
            member
                .post(&format!("/irritants/{id}/soumettre"), &[])
                .await,
            "submit",
        )
        .await;
        let console = check(&organiser, organiser.get("/console").await, "console").await;
        assert!(console.contains(&escaped(&title)), "the console lists it");
        check(
            &organiser,
            organiser
                .post(
                    &format!("/irritants/{id}/renvoyer"),
                    &[("comment", payload)],
                )
                .await,
            "return",
        )
        .await;
        let fiche = check(
            &member,
            member.get(&format!("/irritants/{id}")).await,
            "returned fiche",
        )
        .await;
        assert!(
            fiche.contains(&shown),
            "the return comment is shown as text"
        );
        check(
            &member,
            member.get(&format!("/irritants/{id}/modifier")).await,
            "editor with the comment",
        )
        .await;
        // Published: in the public catalogue, for a visitor.
        let irritant = IrritantId::parse(&id).unwrap();
        app.storage
            .transition_irritant(irritant, IrritantTransition::Submit, None, None)
            .await
            .unwrap();
        check(
            &organiser,
            organiser
                .post(&format!("/irritants/{id}/publier"), &[])
                .await,
            "publish",
        )
        .await;
        let catalogue = check(&visitor, visitor.get("/irritants").await, "catalogue").await;
        assert!(catalogue.contains(&escaped(&title)));
        check(
            &visitor,
            visitor.get(&format!("/irritants/{id}")).await,
            "public fiche",
        )
        .await;

        // The company profile: every field (the website, size, region and specialties refuse it),
        // then description and references, which accept it.
        let company = world.company.to_string();
        let fields = [
            ("company", company.as_str()),
            ("description", payload),
            ("references", payload),
            ("website", payload),
            ("size", payload),
            ("region", payload),
            ("specialties", payload),
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
