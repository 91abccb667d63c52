//! Editions run from the console: created, planned, moved from phase to phase with what is pending
//! shown first; the current edition follows the dates.

use time::{Duration, OffsetDateTime};

use crate::support::*;

fn iso(d: time::Date) -> String {
    passerelle_domain::edition::format_date(d)
}

web_test!(
    an_edition_is_created_planned_and_becomes_current_on_its_dates,
    |app| {
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let today = OffsetDateTime::now_utc().date();
        let created = organiser
            .post(
                "/console/editions/nouvelle",
                &[
                    ("slug", "rencontres-test"),
                    ("title", "Rencontres Open Innovation de test"),
                    ("venue", "Campus de test"),
                    ("first_day", &iso(today + Duration::days(60))),
                    ("last_day", &iso(today + Duration::days(61))),
                ],
            )
            .await;
        let page = created.assert_redirect().to_string();
        // The same slug again is refused next to its field.
        let again = organiser
            .post(
                "/console/editions/nouvelle",
                &[
                    ("slug", "rencontres-test"),
                    ("title", "Doublon"),
                    ("venue", "Ailleurs"),
                    ("first_day", &iso(today)),
                    ("last_day", &iso(today)),
                ],
            )
            .await;
        assert_eq!(again.status, 422);
        assert!(
            again
                .body
                .contains("id=\"e-slug\">Cet identifiant est déjà pris"),
            "{}",
            again.body
        );
        // A calendar whose phases start out of order is refused, naming the phase.
        let bad = organiser
            .post(
                &format!("{page}/calendrier"),
                &[
                    ("start-call-for-irritants", &iso(today)),
                    ("end-call-for-irritants", &iso(today + Duration::days(20))),
                    (
                        "start-company-registration",
                        &iso(today - Duration::days(3)),
                    ),
                ],
            )
            .await;
        assert_eq!(bad.status, 422);
        assert!(
            bad.body
                .contains("id=\"e-start-company-registration\">Cette étape commence avant"),
            "{}",
            bad.body
        );
        let bad = organiser
            .post(
                &format!("{page}/calendrier"),
                &[
                    ("start-call-for-irritants", &iso(today)),
                    ("end-call-for-irritants", &iso(today - Duration::days(1))),
                ],
            )
            .await;
        assert_eq!(bad.status, 422, "an end before its start");
        // A plan that starts yesterday: the edition runs today, so it is current.
        organiser
            .post(
                &format!("{page}/calendrier"),
                &[
                    ("start-call-for-irritants", &iso(today - Duration::days(1))),
                    ("end-call-for-irritants", &iso(today + Duration::days(20))),
                    ("start-preferences", &iso(today + Duration::days(25))),
                    ("end-preferences", &iso(today + Duration::days(35))),
                ],
            )
            .await
            .assert_redirect();
        let current = passerelle_app::editions::current(&app.app)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.slug.as_str(), "rencontres-test");
        let home = Browser::as_(&app, Who::Anonymous).await.get("/").await;
        assert!(home.body.contains("Rencontres Open Innovation de test"));
        let list = organiser.get("/console/editions").await;
        assert!(
            list.body.contains("Rencontres Open Innovation 2021"),
            "the demo edition is listed too"
        );
    }
);

web_test!(
    a_phase_move_shows_what_is_pending_and_a_closed_edition_is_final,
    |app| {
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let world = world(&app).await;
        let page = format!("/console/editions/{}", world.edition);
        // The demo edition is in company registration; one registered company awaits validation.
        let preview = organiser
            .get(&format!("{page}/phase?vers=preferences"))
            .await;
        preview.assert_ok();
        assert!(
            preview
                .body
                .contains("Une entreprise inscrite attend votre validation."),
            "{}",
            preview.body
        );
        organiser
            .post(&format!("{page}/phase"), &[("vers", "preferences")])
            .await
            .assert_redirect();
        let shown = organiser.get(&page).await;
        assert!(shown.body.contains("Choix des rencontres"));
        // Two steps back at once is not a move the edition allows.
        let refused = organiser
            .post(&format!("{page}/phase"), &[("vers", "call-for-irritants")])
            .await;
        assert_eq!(refused.status, 409);
        // Closing is final: nothing changes any more.
        let preview = organiser.get(&format!("{page}/phase?vers=closed")).await;
        assert!(preview.body.contains("Clore l’édition est définitif"));
        organiser
            .post(&format!("{page}/phase"), &[("vers", "closed")])
            .await
            .assert_redirect();
        let edit = organiser
            .post(
                &page,
                &[
                    ("title", "Renommée après la clôture"),
                    ("venue", "Ailleurs"),
                    ("first_day", "2021-07-05"),
                    ("last_day", "2021-07-06"),
                ],
            )
            .await;
        assert_eq!(edit.status, 409);
        let back = organiser
            .post(&format!("{page}/phase"), &[("vers", "follow-up")])
            .await;
        assert_eq!(back.status, 409);
        let history = app.storage.phase_history(world.edition).await.unwrap();
        assert_eq!(history.len(), 2, "two moves recorded");
    }
);
