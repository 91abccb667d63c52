//! The participant's day: held/no-show marks and ratings, and the feed's secret in its path.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/journee/agenda/flux",
    "/journee/rencontres/{id}/tenue",
    "/journee/rencontres/{id}/absence",
    "/journee/rencontres/{id}/note",
];

web_test!(day_fields_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let day = passerelle_web::testing::event_day_edition(s, world.company).await;
    let company = Browser::as_(&app, Who::Company).await;
    for payload in HOSTILE {
        let held = passerelle_web::testing::day_meeting(
            s,
            day,
            world.own,
            world.own_member,
            world.company,
            true,
        )
        .await;
        // Every field of the rating refuses it at once, and nothing is stored.
        let refused = company
            .post(
                &format!("/journee/rencontres/{held}/note"),
                &[
                    ("score", payload),
                    ("follow_up", payload),
                    ("comment", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        check(&company, refused, "rating form").await;
        assert!(s.ratings_of_meeting(held).await.unwrap().is_empty());
        // A comment is free text: stored as typed, and shown as text.
        let kept = company
            .post(
                &format!("/journee/rencontres/{held}/note"),
                &[("score", "4"), ("follow_up", "maybe"), ("comment", payload)],
            )
            .await;
        check(&company, kept, "rating saved").await;
        let stored = s.ratings_of_meeting(held).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(
            stored[0].rating.comment.as_ref().map(|c| c.as_str()),
            Some(payload)
        );
        // Where a mark returns to is a choice of two pages, never the payload.
        let scheduled = passerelle_web::testing::day_meeting(
            s,
            day,
            world.own,
            world.own_member,
            world.company,
            false,
        )
        .await;
        for action in ["tenue", "absence"] {
            let page = company
                .post(
                    &format!("/journee/rencontres/{scheduled}/{action}"),
                    &[("back", payload)],
                )
                .await;
            assert_eq!(page.location.as_deref(), Some("/journee/agenda"));
            check(&company, page, "mark").await;
        }
        // From the organisers' live board, the slot to return to is a number or nothing.
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let page = organiser
            .post(
                &format!("/journee/rencontres/{scheduled}/absence"),
                &[("back", "tableau"), ("creneau", payload)],
            )
            .await;
        assert_eq!(
            page.location,
            Some(format!(
                "/console/editions/{day}/journee/tableau#m-{scheduled}"
            ))
        );
        check(&organiser, page, "mark from the board").await;
        // Ids and secrets in paths.
        let encoded = urlencode(payload);
        for path in [
            format!("/journee/rencontres/{encoded}/note"),
            format!("/journee/rencontres/{encoded}/tenue"),
        ] {
            let page = company.post(&path, &[("score", "3")]).await;
            assert_eq!(page.status, 404, "{path}");
            check(&company, page, &path).await;
        }
        let feed = company.get(&format!("/journee/flux/{encoded}")).await;
        assert_eq!(feed.status, 404);
        check(&company, feed, "feed").await;
        let reset = company
            .post("/journee/agenda/flux", &[("csrf2", payload)])
            .await;
        check(&company, reset, "feed reset").await;
    }
});
