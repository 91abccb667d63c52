//! The day's PDFs: their only inputs are the edition in the path and the language asked for; hostile
//! values of either are refused (not found, bad request) with a page that shows them as text, if at all.

use super::*;

/// No form: the documents are GET routes.
pub const POSTS: &[&str] = &[];

web_test!(day_documents_refuse_hostile_paths_and_languages, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let day = passerelle_web::testing::set_up_event_day_edition(s, world.company).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let company = Browser::as_(&app, Who::Company).await;
    for payload in HOSTILE {
        let encoded: String = url::form_urlencoded::byte_serialize(payload.as_bytes()).collect();
        for doc in ["portes", "grille"] {
            let page = organiser
                .get(&format!("/console/editions/{encoded}/journee/{doc}.pdf"))
                .await;
            assert_eq!(page.status, 404, "{doc}");
            check(&organiser, page, "a hostile edition").await;
            let page = organiser
                .get(&format!(
                    "/console/editions/{day}/journee/{doc}.pdf?langue={encoded}"
                ))
                .await;
            assert_eq!(page.status, 400, "{doc}");
            check(&organiser, page, "a hostile language").await;
        }
        let page = company
            .get(&format!("/journee/agenda.pdf?langue={encoded}"))
            .await;
        assert_eq!(page.status, 400);
        check(&company, page, "a hostile language").await;
    }
});
