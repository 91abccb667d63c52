//! Funding: the scheme form, filing a dossier and the funder's decision, with hostile text in every
//! field and in the ids of the paths. A refused form comes back with its errors beside the fields,
//! nothing written; accepted text is stored and shown as text.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/console/financements/nouveau",
    "/console/financements/{id}",
    "/suivi/{id}/financements/{scheme}",
    "/dossiers/{id}/decision",
];

web_test!(funding_fields_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let institution = Browser::as_(&app, Who::OwnInstitution).await;
    let funder = Browser::as_(&app, Who::Funder).await;
    let scheme = passerelle_web::testing::open_scheme(s).await;
    for payload in HOSTILE {
        let shown = escaped(payload);
        let schemes = s.list_schemes().await.unwrap().len();
        // Hostile values in every field of the scheme form: refused on their fields, nothing written.
        let fields: Vec<(&str, &str)> = [
            "funder",
            "name",
            "description",
            "budget_min",
            "budget_max",
            "applicants",
            "themes",
            "max_share",
            "opens",
            "closes",
            "link",
            "version",
        ]
        .iter()
        .map(|f| (*f, payload))
        .collect();
        for path in [
            "/console/financements/nouveau".to_string(),
            format!("/console/financements/{scheme}"),
        ] {
            let refused = organiser.post(&path, &fields).await;
            assert_eq!(refused.status, 422, "{path}: {}", refused.body);
            let body = check(&organiser, refused, "scheme form").await;
            for field in ["funder", "applicants", "opens", "closes", "max_share"] {
                assert!(body.contains(&format!("id=\"e-{field}\"")), "{field}");
            }
        }
        assert_eq!(s.list_schemes().await.unwrap().len(), schemes);
        // Hostile ids in the paths are not found.
        for path in [
            format!("/console/financements/{}", urlencode(payload)),
            format!("/dossiers/{}", urlencode(payload)),
            format!("/suivi/{}/financements", urlencode(payload)),
        ] {
            let page = organiser.get(&path).await;
            assert!(
                page.status == 404 || page.status == 400,
                "{path}: {}",
                page.status
            );
        }

        // A hostile plan is accepted as text, filed and shown inert.
        let opportunity =
            passerelle_web::testing::opportunity(s, world.own, world.own_member, world.company)
                .await;
        let filed = institution
            .post(
                &format!("/suivi/{opportunity}/financements/{scheme}"),
                &[("plan", payload)],
            )
            .await;
        assert!(filed.status.is_redirection(), "{}", filed.body);
        let body = check(&institution, filed, "the dossier filed").await;
        assert!(body.contains(&shown), "the plan is shown as text");
        let dossier = s
            .dossiers_of_opportunity(opportunity)
            .await
            .unwrap()
            .remove(0);

        // A hostile decision is refused on its fields; a hostile comment on a valid one is text.
        let refused = funder
            .post(
                &format!("/dossiers/{}/decision", dossier.id),
                &[
                    ("decision", payload),
                    ("amount", payload),
                    ("comment", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        let body = check(&funder, refused, "decision form").await;
        assert!(body.contains("id=\"e-decision\""));
        assert!(body.contains("id=\"e-amount\""));
        assert!(
            s.get_dossier(dossier.id)
                .await
                .unwrap()
                .unwrap()
                .decision
                .is_none()
        );
        let asked = funder
            .post(
                &format!("/dossiers/{}/decision", dossier.id),
                &[("decision", "more-information"), ("comment", payload)],
            )
            .await;
        assert!(asked.status.is_redirection(), "{}", asked.body);
        let body = check(&funder, asked, "after the decision").await;
        assert!(body.contains(&shown), "the comment is shown as text");
    }
});
