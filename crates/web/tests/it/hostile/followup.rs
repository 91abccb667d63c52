//! The follow-up: opening an opportunity, its moves and its amounts, with hostile text in every field
//! and in the ids of the paths. A refused form comes back with its errors beside the fields, nothing
//! written; an accepted comment is stored and shown as text.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/suivi/ouvrir",
    "/suivi/{id}/etape",
    "/suivi/{id}/montants",
    "/suivi/six-mois/{id}",
];

web_test!(follow_up_fields_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let company = Browser::as_(&app, Who::Company).await;
    let institution = Browser::as_(&app, Who::OwnInstitution).await;
    let mut id =
        passerelle_web::testing::opportunity(s, world.own, world.own_member, world.company).await;
    for payload in HOSTILE {
        let page = format!("/suivi/{id}");
        let shown = escaped(payload);
        let before = s.opportunity_events(id).await.unwrap().len();
        // A hostile move and amounts: refused field by field, the form comes back, nothing written.
        let refused = company
            .post(
                &format!("{page}/etape"),
                &[
                    ("action", payload),
                    ("comment", payload),
                    ("version", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        let body = check(&company, refused, "move form").await;
        assert!(
            body.contains("id=\"e-action\""),
            "the error is next to its field"
        );
        assert!(body.contains(&shown), "the comment comes back as text");
        let refused = institution
            .post(
                &format!("{page}/montants"),
                &[
                    ("estimated_cost", payload),
                    ("requested", payload),
                    ("granted", payload),
                    ("co_funding", payload),
                    ("amounts_comment", payload),
                    ("version", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        let body = check(&institution, refused, "amounts form").await;
        for field in ["estimated_cost", "requested", "granted", "co_funding"] {
            assert!(body.contains(&format!("id=\"e-{field}\"")), "{field}");
        }
        assert_eq!(s.opportunity_events(id).await.unwrap().len(), before);
        let o = s.get_opportunity(id).await.unwrap().unwrap();
        assert_eq!(o.amounts, passerelle_domain::Amounts::default());
        // A hostile comment on a valid move is kept as text.
        let version = o.version.to_string();
        let moved = company
            .post(
                &format!("{page}/etape"),
                &[
                    ("action", "propose"),
                    ("comment", payload),
                    ("version", &version),
                ],
            )
            .await;
        assert!(moved.status.is_redirection(), "{}", moved.body);
        let body = check(&company, moved, "after the move").await;
        assert!(body.contains(&shown), "the comment is in the history");
        // Reset for the next payload: a fresh opportunity.
        let next =
            passerelle_web::testing::opportunity(s, world.own, world.own_member, world.company)
                .await;
        assert_ne!(next, id);
        id = next;
        // Hostile ids, in the paths and in the opening form.
        for path in [
            format!("/suivi/{}", urlencode(payload)),
            format!("/suivi/{}/etape", urlencode(payload)),
            format!("/suivi/{}/montants", urlencode(payload)),
        ] {
            let page = if path.ends_with("etape") || path.ends_with("montants") {
                company.post(&path, &[("action", "propose")]).await
            } else {
                company.get(&path).await
            };
            assert_eq!(page.status, 404, "{path}");
            check(&company, page, &path).await;
        }
        let opened = company.post("/suivi/ouvrir", &[("meeting", payload)]).await;
        assert_eq!(opened.status, 404);
        check(&company, opened, "opening form").await;
        // The six-month form: every field refuses the payload but the comment, which comes back as text.
        let six = format!("/suivi/six-mois/{}", o.meeting_id);
        let refused = company
            .post(
                &six,
                &[
                    ("outcome", payload),
                    ("amount", payload),
                    ("satisfaction", payload),
                    ("comment", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        let body = check(&company, refused, "six-month form").await;
        for field in ["outcome", "amount", "satisfaction"] {
            assert!(body.contains(&format!("id=\"e-{field}\"")), "{field}");
        }
        assert!(body.contains(&shown));
        assert!(
            s.six_month_answers_of_meeting(o.meeting_id)
                .await
                .unwrap()
                .is_empty()
        );
        let page = company
            .get(&format!("/suivi/six-mois/{}", urlencode(payload)))
            .await;
        assert_eq!(page.status, 404);
        check(&company, page, "six-month id").await;
    }
});
