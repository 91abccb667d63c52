//! Wishes and the thesaurus: both sides' wish forms and the concept form.

use super::*;

/// The form routes this file attacks (route paths, as in `route_table()`).
pub const POSTS: &[&str] = &[
    "/irritants/{id}/souhaits",
    "/entreprises/{id}/souhaits",
    "/console/thesaurus",
    "/console/thesaurus/{key}",
    "/console/thesaurus/{key}/supprimer",
];

web_test!(wish_fields_render_hostile_input_inert, |app| {
    let world = world(&app).await;
    let s = &app.storage;
    let prefs = passerelle_web::testing::preferences_edition(s, world.company).await;
    let institution = Browser::as_(&app, Who::OwnInstitution).await;
    let company = Browser::as_(&app, Who::Company).await;
    for payload in HOSTILE {
        let shown = escaped(payload);
        let irritant =
            passerelle_web::testing::published_irritant(s, prefs, world.own, world.own_member)
                .await;
        let wishes = format!("/irritants/{irritant}/souhaits");
        // Every field refused at once: a company that is no id, a level that is none.
        let refused = institution
            .post(
                &wishes,
                &[("company", payload), ("level", payload), ("pitch", payload)],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&institution, refused, "institution wish, bad company").await;
        let refused = institution
            .post(
                &wishes,
                &[
                    ("company", &world.company.to_string()),
                    ("level", payload),
                    ("page", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        let body = check(&institution, refused, "institution wish, bad level").await;
        assert!(
            body.contains("aria-invalid=\"true\""),
            "the field says it is wrong"
        );
        assert!(
            s.wishes_of_irritant(irritant).await.unwrap().is_empty(),
            "nothing written"
        );
        // The note is text: kept, and shown as text to the company.
        let saved = institution
            .post(
                &wishes,
                &[
                    ("company", &world.company.to_string()),
                    ("level", "must"),
                    ("pitch", payload),
                ],
            )
            .await;
        saved.assert_redirect();
        check(&institution, saved, "institution wish saved").await;
        let company_page = check(
            &company,
            company
                .get(&format!(
                    "/entreprises/{}/recommandations?edition={prefs}",
                    world.company
                ))
                .await,
            "company page",
        )
        .await;
        assert!(company_page.contains(&shown), "the note is shown as text");
        // The company's side: a hostile irritant id is no irritant; a hostile level is refused; the pitch
        // is text, shown to the institution.
        let mine = format!("/entreprises/{}/souhaits", world.company);
        let page = company
            .post(&mine, &[("irritant", payload), ("level", "must")])
            .await;
        assert_eq!(page.status, 404);
        check(&company, page, "company wish, bad irritant").await;
        let irritant_id = irritant.to_string();
        let refused = company
            .post(
                &mine,
                &[
                    ("irritant", &irritant_id),
                    ("level", payload),
                    ("pitch", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&company, refused, "company wish, bad level").await;
        let saved = company
            .post(
                &mine,
                &[
                    ("irritant", &irritant_id),
                    ("level", "would-like"),
                    ("pitch", payload),
                ],
            )
            .await;
        saved.assert_redirect();
        check(&company, saved, "company wish saved").await;
        let seen = check(
            &institution,
            institution
                .get(&format!("/irritants/{irritant_id}/recommandations"))
                .await,
            "irritant page",
        )
        .await;
        assert!(seen.contains(&shown), "the pitch is shown as text");
        // Ids in paths.
        for path in [
            format!("/irritants/{}/souhaits", urlencode(payload)),
            format!("/entreprises/{}/souhaits", urlencode(payload)),
        ] {
            let page = institution.post(&path, &[("level", "must")]).await;
            assert_eq!(page.status, 404, "{path}");
            check(&institution, page, &path).await;
        }
        for path in [
            format!("/irritants/{}/recommandations", urlencode(payload)),
            format!(
                "/entreprises/{}/recommandations?edition={}",
                world.company,
                urlencode(payload)
            ),
        ] {
            let page = institution.get(&path).await;
            assert_eq!(page.status, 404, "{path}");
            check(&institution, page, &path).await;
        }
    }
});

web_test!(concept_fields_render_hostile_input_inert, |app| {
    let organiser = Browser::as_(&app, Who::Organiser).await;
    // The first look at the vocabulary seeds the thesaurus from the built-in file.
    organiser.get("/console/domaines").await.assert_ok();
    for payload in HOSTILE {
        let shown = escaped(payload);
        let before = app.storage.thesaurus().await.unwrap().len();
        assert!(before >= 80);
        // The key and the related concepts refuse it; the labels and synonyms take it as text.
        let refused = organiser
            .post(
                "/console/thesaurus",
                &[
                    ("key", payload),
                    ("domain", payload),
                    ("label_fr", payload),
                    ("label_en", payload),
                    ("synonyms", payload),
                    ("related", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        let body = check(&organiser, refused, "concept form").await;
        assert!(
            body.contains("id=\"e-key\""),
            "the error is next to its field"
        );
        assert_eq!(
            app.storage.thesaurus().await.unwrap().len(),
            before,
            "nothing written"
        );
        let key = format!("hostile-{}", unique());
        let saved = organiser
            .post(
                "/console/thesaurus",
                &[
                    ("key", &key),
                    ("domain", ""),
                    ("label_fr", payload),
                    ("label_en", payload),
                    ("synonyms", payload),
                    ("related", ""),
                ],
            )
            .await;
        saved.assert_redirect();
        let vocabulary = check(&organiser, saved, "concept saved").await;
        assert!(vocabulary.contains(&shown), "the label is shown as text");
        let form = check(
            &organiser,
            organiser.get(&format!("/console/thesaurus/{key}")).await,
            "concept form",
        )
        .await;
        assert!(form.contains(&shown));
        let refused = organiser
            .post(
                &format!("/console/thesaurus/{key}"),
                &[
                    ("label_fr", payload),
                    ("label_en", ""),
                    ("related", payload),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        check(&organiser, refused, "concept change").await;
        for path in [
            format!("/console/thesaurus/{}", urlencode(payload)),
            format!("/console/thesaurus/{}/supprimer", urlencode(payload)),
        ] {
            let page = organiser.post(&path, &[]).await;
            assert_eq!(page.status, 404, "{path}");
            check(&organiser, page, &path).await;
        }
        organiser
            .post(&format!("/console/thesaurus/{key}/supprimer"), &[])
            .await
            .assert_redirect();
    }
});
