//! The day as it happens, in the console: the change forms, the desk's search and check-in, the board's
//! slot, the locks, and ids in the paths of changes and check-ins.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/console/editions/{id}/journee/changements",
    "/console/journee/changements/{change}/appliquer",
    "/console/journee/changements/{change}/abandonner",
    "/console/journee/rencontres/{id}/verrou",
    "/console/editions/{id}/journee/accueil/{person}",
    "/journee/accueil/{person}",
    "/journee/disponibilites",
    "/console/editions/{id}/journee/regles",
    "/console/editions/{id}/journee/regles/ordre",
];

web_test!(the_days_console_renders_hostile_input_inert, |app| {
    let world = world(&app).await;
    let (live, _) = crate::matrix::live_day(&app, &world).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let changes = format!("/console/editions/{live}/journee/changements");
    let kept = app.storage.schedule_changes(live).await.unwrap().len();
    let placements = app.storage.live_placements(live).await.unwrap();
    for payload in HOSTILE {
        // Every kind of change with every field hostile, and a hostile kind: refused, nothing kept.
        for kind in ["cancel", "absence", "late-request", "table-lost", payload] {
            let page = organiser
                .post(
                    &changes,
                    &[
                        ("kind", kind),
                        ("meeting", payload),
                        ("participant", payload),
                        ("slots", payload),
                        ("table", payload),
                    ],
                )
                .await;
            assert_eq!(page.status, 422, "{kind}");
            let body = check(&organiser, page, &format!("change {kind}")).await;
            assert!(body.contains("notice err"), "{kind}: the error is said");
        }
        assert_eq!(
            app.storage.schedule_changes(live).await.unwrap().len(),
            kept
        );
        assert_eq!(app.storage.live_placements(live).await.unwrap(), placements);
        // The desk's search is shown back as typed, as text.
        let desk = format!("/console/editions/{live}/journee/accueil");
        let page = organiser
            .get(&format!("{desk}?q={}", urlencode(payload)))
            .await;
        page.assert_ok();
        check(&organiser, page, "desk search").await;
        // Checking someone in from a hostile search comes back to that search, inert.
        let page = organiser
            .post(&format!("{desk}/{}", world.own_member), &[("q", payload)])
            .await;
        assert!(page.status.is_redirection());
        check(&organiser, page, "desk check-in").await;
        // A hostile slot on the board is no slot; a hostile lock value unlocks.
        let page = organiser
            .get(&format!(
                "/console/editions/{live}/journee/tableau?creneau={}",
                urlencode(payload)
            ))
            .await;
        assert_eq!(page.status, 404);
        check(&organiser, page, "board slot").await;
        let meeting = placements[0].placement.meeting;
        let page = organiser
            .post(
                &format!("/console/journee/rencontres/{meeting}/verrou"),
                &[("locked", payload)],
            )
            .await;
        assert!(page.status.is_redirection());
        check(&organiser, page, "lock").await;
        // Hostile ids in paths are not found.
        let id = urlencode(payload);
        for path in [
            format!("/console/journee/changements/{id}/appliquer"),
            format!("/console/journee/changements/{id}/abandonner"),
            format!("/console/journee/rencontres/{id}/verrou"),
            format!("{desk}/{id}"),
            format!("/journee/accueil/{id}"),
        ] {
            let page = organiser.post(&path, &[]).await;
            assert_eq!(page.status, 404, "{path}");
            check(&organiser, page, &path).await;
        }
        let page = organiser
            .get(&format!("/console/journee/changements/{id}"))
            .await;
        assert_eq!(page.status, 404);
    }
    assert!(
        app.storage
            .meeting_rules(live)
            .await
            .unwrap()
            .values()
            .all(|r| !r.locked)
    );
});

web_test!(unavailability_and_rules_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let organiser_actor = crate::matrix::organiser_actor(&app).await;
    let sched = passerelle_web::testing::scheduling_edition(
        &app.app,
        world.own,
        world.own_member,
        world.company,
        &organiser_actor,
    )
    .await;
    let meeting = app.storage.meetings_of_edition(sched).await.unwrap()[0].id;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let company = Browser::as_(&app, Who::Company).await;
    let rules = format!("/console/editions/{sched}/journee/regles");
    let before = app.storage.meeting_rules(sched).await.unwrap();
    for payload in HOSTILE {
        // Every field of a rule hostile: refused field by field, nothing saved.
        let page = organiser
            .post(
                &rules,
                &[
                    ("meeting", &meeting.to_string()),
                    ("fixed_slot", payload),
                    ("fixed_table", payload),
                    ("locked", payload),
                    ("after", payload),
                ],
            )
            .await;
        assert_eq!(page.status, 422);
        let body = check(&organiser, page, "rule").await;
        for field in ["fixed_slot", "fixed_table", "after"] {
            assert!(body.contains(&format!("id=\"e-{field}\"")), "{field}");
        }
        let page = organiser
            .post(&rules, &[("meeting", payload), ("locked", "1")])
            .await;
        assert_eq!(page.status, 422);
        let body = check(&organiser, page, "rule's meeting").await;
        assert!(body.contains("id=\"e-meeting\""));
        assert_eq!(app.storage.meeting_rules(sched).await.unwrap(), before);
        let page = organiser
            .post(
                &format!("{rules}/ordre"),
                &[("before", payload), ("after", &meeting.to_string())],
            )
            .await;
        assert_eq!(page.status, 404);
        check(&organiser, page, "order").await;
        // A participant's form with a hostile participant and slots: refused, said, inert.
        let page = company
            .post(
                "/journee/disponibilites",
                &[
                    ("participant", payload),
                    ("unavailable", payload),
                    ("step_free", payload),
                ],
            )
            .await;
        assert_eq!(page.status, 422);
        let body = check(&company, page, "unavailability").await;
        assert!(body.contains("notice err"));
    }
});
