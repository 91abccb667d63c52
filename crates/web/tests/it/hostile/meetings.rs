//! Matching runs and meetings: the run form, publication, impositions, and answers to proposals.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/console/editions/{id}/mise-en-relation",
    "/console/mise-en-relation/{run}/publier",
    "/console/editions/{id}/rencontres",
    "/console/rencontres/{id}/imposer",
    "/rencontres/{id}/accepter",
    "/rencontres/{id}/decliner",
];

web_test!(meeting_fields_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let company = Browser::as_(&app, Who::Company).await;
    let runs = format!("/console/editions/{}/mise-en-relation", world.matching);
    for payload in HOSTILE {
        let shown = escaped(payload);
        // Every field of the run form at once: each refuses it, nothing starts.
        let before = app
            .storage
            .runs_of_edition(world.matching)
            .await
            .unwrap()
            .len();
        let refused = organiser
            .post(
                &runs,
                &[
                    ("company_max", payload),
                    ("irritant_min", payload),
                    ("irritant_max", payload),
                    ("override_company", payload),
                    ("override_max", payload),
                    ("pin", payload),
                    ("remove", payload),
                    ("add_irritant", payload),
                    ("add_company", payload),
                    ("previous", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        let body = check(&organiser, refused, "run form").await;
        assert!(
            body.contains("id=\"e-company_max\""),
            "the error is next to its field"
        );
        assert_eq!(
            app.storage
                .runs_of_edition(world.matching)
                .await
                .unwrap()
                .len(),
            before
        );
        // Ids in paths.
        for path in [
            format!("/console/mise-en-relation/{}/publier", urlencode(payload)),
            format!("/console/rencontres/{}/imposer", urlencode(payload)),
            format!("/rencontres/{}/accepter", urlencode(payload)),
        ] {
            let page = organiser.post(&path, &[]).await;
            assert_eq!(page.status, 404, "{path}");
            check(&organiser, page, &path).await;
        }
        check(
            &organiser,
            organiser
                .get(&format!("/console/mise-en-relation/{}", urlencode(payload)))
                .await,
            "run page id",
        )
        .await;
        // Imposing a pair of hostile ids.
        let refused = organiser
            .post(
                &format!("/console/editions/{}/rencontres", world.matching),
                &[("irritant", payload), ("company", payload)],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&organiser, refused, "impose a pair").await;
        // Declining: the reason refuses it; the comment accepts it and shows it as text to both sides.
        let meeting = proposal(&app.storage, &world).await;
        let refused = company
            .post(
                &format!("/rencontres/{meeting}/decliner"),
                &[
                    ("reason", payload),
                    ("comment", payload),
                    ("version", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&company, refused, "decline, every field").await;
        let declined = company
            .post(
                &format!("/rencontres/{meeting}/decliner"),
                &[("reason", "other"), ("comment", payload)],
            )
            .await;
        declined.assert_redirect();
        check(&company, declined, "declined").await;
        let meetings = check(
            &organiser,
            organiser
                .get(&format!("/console/editions/{}/rencontres", world.matching))
                .await,
            "the organisers' list",
        )
        .await;
        assert!(meetings.contains(&shown), "the comment is shown as text");
    }
});
