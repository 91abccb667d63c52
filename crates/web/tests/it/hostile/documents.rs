//! The fiche as a document: the booklet's build form, and hostile text printed in a fiche's PDF.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &["/console/editions/{id}/livret"];

web_test!(
    booklet_form_refuses_hostile_input_and_pages_stay_inert,
    |app| {
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let edition = past_edition(&app.storage).await;
        let path = format!("/console/editions/{edition}/livret");
        for payload in HOSTILE {
            let page = organiser.post(&path, &[("langue", payload)]).await;
            assert_eq!(page.status, 400, "an unknown language is refused");
            check(&organiser, page, "booklet, language").await;
            let pdf = organiser
                .get(&format!(
                    "/console/editions/{edition}/livret.pdf?langue={}",
                    passerelle_web::views::encode(payload)
                ))
                .await;
            assert_eq!(pdf.status, 400);
            assert_inert(&pdf.body, "booklet download, language");
        }
        assert!(
            app.storage
                .document_sizes("booklet", "fr")
                .await
                .unwrap()
                .is_empty(),
            "nothing was built"
        );
        check(&organiser, organiser.get(&path).await, "booklet page").await;
    }
);
