//! The day in the console: the set-up form, the run form, publication and comparison ids.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/console/editions/{id}/journee",
    "/console/editions/{id}/journee/calculs",
    "/console/journee/calculs/{run}/publier",
];

web_test!(day_setup_fields_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let organiser_user = app
        .storage
        .find_user_by_email(&demo_account(passerelle_domain::Role::Organiser).email)
        .await
        .unwrap()
        .unwrap();
    let organiser_actor = app.storage.actor(organiser_user.id).await.unwrap();
    let sched = passerelle_web::testing::scheduling_edition(
        &app.app,
        world.own,
        world.own_member,
        world.company,
        &organiser_actor,
    )
    .await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let setup = format!("/console/editions/{sched}/journee");
    let before = app.storage.day_plan(sched).await.unwrap().map(|(p, _)| p);
    for payload in HOSTILE {
        // Every field at once: refused, the form comes back filled and nothing is saved.
        let refused = organiser
            .post(
                &setup,
                &[
                    ("days", payload),
                    ("morning_start", payload),
                    ("morning_end", payload),
                    ("afternoon_start", payload),
                    ("afternoon_end", payload),
                    ("slot_minutes", payload),
                    ("gap_minutes", payload),
                    ("pauses", payload),
                    ("seating", payload),
                    ("fairness", payload),
                    ("tables", payload),
                    ("step_free", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        let body = check(&organiser, refused, "set-up form").await;
        for field in [
            "morning_start",
            "slot_minutes",
            "seating",
            "fairness",
            "pauses",
        ] {
            assert!(body.contains(&format!("id=\"e-{field}\"")), "{field}");
        }
        assert_eq!(
            app.storage.day_plan(sched).await.unwrap().map(|(p, _)| p),
            before
        );
        // A table's name is free text: kept as typed (or refused), never markup.
        let page = organiser
            .post(
                &setup,
                &[
                    ("days", "2019-07-01"),
                    ("morning_start", "9:00"),
                    ("morning_end", "10:00"),
                    ("slot_minutes", "20"),
                    ("gap_minutes", "5"),
                    ("seating", "institutions-sit"),
                    ("tables", &format!("Table A\nTable B\n{payload}")),
                    ("step_free", payload),
                ],
            )
            .await;
        check(&organiser, page, "table names").await;
        // The run form.
        let run = organiser
            .post(
                &format!("/console/editions/{sched}/journee/calculs"),
                &[("time_limit", payload)],
            )
            .await;
        assert_eq!(run.status, 422);
        check(&organiser, run, "run form").await;
        // Ids in paths and queries.
        let encoded = urlencode(payload);
        let page = organiser
            .post(&format!("/console/journee/calculs/{encoded}/publier"), &[])
            .await;
        assert_eq!(page.status, 404);
        check(&organiser, page, "publish").await;
        let page = organiser
            .get(&format!(
                "/console/journee/comparer?a={encoded}&b={encoded}"
            ))
            .await;
        assert_eq!(page.status, 404);
        check(&organiser, page, "compare").await;
        let page = organiser
            .get(&format!("/console/editions/{encoded}/journee"))
            .await;
        assert_eq!(page.status, 404);
        check(&organiser, page, "set-up").await;
    }
    // The set-up page shows whatever was saved as text.
    let page = organiser.get(&setup).await;
    check(&organiser, page, "set-up page").await;
});
