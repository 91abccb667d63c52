//! The irritant editor and its workflow, the catalogue and the fiche.

use passerelle_domain::{IrritantId, IrritantTransition};

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/irritants/nouveau",
    "/irritants/{id}/modifier",
    "/irritants/{id}/soumettre",
    "/irritants/{id}/publier",
    "/irritants/{id}/renvoyer",
    "/irritants/{id}/archiver",
];

web_test!(irritant_fields_render_hostile_input_inert, |app| {
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
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
    }
});
