//! Editions in the console: identity, calendar and phase moves.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/console/editions/nouvelle",
    "/console/editions/{id}",
    "/console/editions/{id}/calendrier",
    "/console/editions/{id}/phase",
];

web_test!(edition_fields_render_hostile_input_inert, |app| {
    let organiser = Browser::as_(&app, Who::Organiser).await;
    for payload in HOSTILE {
        let shown = escaped(payload);
        // Every field at once: the slug and the days refuse it; the form comes back filled.
        let refused = organiser
            .post(
                "/console/editions/nouvelle",
                &[
                    ("slug", payload),
                    ("title", payload),
                    ("venue", payload),
                    ("first_day", payload),
                    ("last_day", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        let body = check(&organiser, refused, "new edition, every field").await;
        assert!(body.contains(&shown), "re-filled as typed");
        // Title and venue accept it: shown as text in the list and on the edition's page.
        let created = organiser
            .post(
                "/console/editions/nouvelle",
                &[
                    ("slug", &format!("hostile-{}", unique())),
                    ("title", payload),
                    ("venue", payload),
                    ("first_day", "2019-06-03"),
                    ("last_day", "2019-06-04"),
                ],
            )
            .await;
        let page = created.assert_redirect().to_string();
        assert!(
            check(&organiser, created, "edition created")
                .await
                .contains(&shown)
        );
        check(
            &organiser,
            organiser.get("/console/editions").await,
            "editions list",
        )
        .await;
        let refused = organiser
            .post(
                &page,
                &[
                    ("title", payload),
                    ("venue", payload),
                    ("first_day", payload),
                    ("last_day", "2019-06-04"),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&organiser, refused, "edition identity").await;
        let refused = organiser
            .post(
                &format!("{page}/calendrier"),
                &[
                    ("start-call-for-irritants", payload),
                    ("end-call-for-irritants", payload),
                    ("start-preferences", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        let body = check(&organiser, refused, "calendar").await;
        assert!(body.contains(&shown), "the calendar is re-filled as typed");
        let refused = organiser
            .post(&format!("{page}/phase"), &[("vers", payload)])
            .await;
        assert_eq!(refused.status, 400);
        check(&organiser, refused, "phase move").await;
        check(
            &organiser,
            organiser
                .get(&format!("{page}/phase?vers={}", urlencode(payload)))
                .await,
            "phase preview",
        )
        .await;
    }
});
