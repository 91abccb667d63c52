//! An institution's region on its console page: the payloads as the region code and as the
//! institution's id; refused, shown inert, nothing written.

use passerelle_domain::Region;

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &["/console/etablissements/{id}/region"];

web_test!(institution_region_renders_hostile_input_inert, |app| {
    let world = world(&app).await;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let path = format!("/console/etablissements/{}/region", world.own);
    let before = app.storage.organisation_region(world.own).await.unwrap();
    assert_eq!(before, Some(Region::Occitanie), "the demo's region");
    let trail = || async {
        app.storage
            .audit_trail("organisation", Some(&world.own.to_string()), 100)
            .await
            .unwrap()
            .len()
    };
    let audited = trail().await;
    for payload in HOSTILE {
        let page = organiser.post(&path, &[("region", payload)]).await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains("Valeur inconnue"), "{}", page.body);
        assert!(page.body.contains("href=\"#f-region\""));
        assert!(page.body.contains("aria-invalid=\"true\""));
        check(&organiser, page, "region").await;
        let elsewhere = organiser
            .post(
                &format!("/console/etablissements/{}/region", urlencode(payload)),
                &[("region", "bretagne")],
            )
            .await;
        assert_eq!(elsewhere.status, 404);
        check(&organiser, elsewhere, "institution id").await;
    }
    assert_eq!(
        app.storage.organisation_region(world.own).await.unwrap(),
        before,
        "nothing written"
    );
    assert_eq!(trail().await, audited, "nothing audited");
});
