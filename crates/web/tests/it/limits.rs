//! Over-long and malformed input: refused with a clear message next to the field, in the reader's
//! language, the form re-filled, nothing written.

use crate::support::*;

web_test!(over_long_fields_are_refused_with_a_clear_message, |app| {
    let world = world(&app).await;
    let member = Browser::as_(&app, Who::OwnInstitution).await;
    let before = irritant_count(&app, world.own).await;
    let long_title = "T".repeat(201);
    let long_text = "x".repeat(5001);
    let page = member
        .post(
            "/irritants/nouveau",
            &[
                ("title", &long_title),
                ("context", &long_text),
                ("timeline", &"d".repeat(201)),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    let body = &page.body;
    assert!(
        body.contains("rien n’a été enregistré"),
        "the summary says nothing was saved"
    );
    assert!(
        body.contains(
            "<span class=\"error\" id=\"e-title\">Trop long\u{a0}: 200 caractères au maximum.</span>"
        ),
        "{body}"
    );
    assert!(
        body.contains("id=\"e-context\">Trop long\u{a0}: 5000 caractères au maximum.")
            || body.contains("id=\"e-context\">Trop long\u{a0}: 5 000"),
        "{body}"
    );
    assert!(body.contains("id=\"e-timeline\">Trop long\u{a0}: 200"));
    assert!(
        body.contains(r#"aria-invalid="true" aria-describedby="e-title"#),
        "the field points to its message"
    );
    assert!(
        body.contains(&long_title),
        "the title is re-filled as typed"
    );
    assert_eq!(
        irritant_count(&app, world.own).await,
        before,
        "nothing written"
    );

    // The same in English.
    let mut english = Browser::as_(&app, Who::OwnInstitution).await;
    english.accept_language = Some("en-GB,en;q=0.9");
    let page = english
        .post("/irritants/nouveau", &[("title", &long_title)])
        .await;
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains(r#"id="e-title">Too long: at most 200 characters."#),
        "{}",
        page.body
    );
    assert!(page.body.contains("nothing has been saved"));

    // A title too short and a malformed budget and e-mail, all reported at once.
    let page = member
        .post(
            "/irritants/nouveau",
            &[
                ("title", "Abc"),
                ("budget_min", "beaucoup"),
                ("contact_email", "pas-une-adresse"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    for field in ["e-title", "e-budget", "e-contact_email"] {
        assert!(
            page.body.contains(&format!("id=\"{field}\"")),
            "an error next to {field}"
        );
    }
    assert!(page.body.contains("Adresse e-mail invalide"));
    assert_eq!(irritant_count(&app, world.own).await, before);

    // Editing: an over-long field leaves the stored draft as it was.
    let id = irritant(
        &app.storage,
        &world,
        world.own,
        "draft",
        "Un brouillon qui doit rester intact",
    )
    .await;
    let page = member
        .post(
            &format!("/irritants/{id}/modifier"),
            &[("title", &long_title)],
        )
        .await;
    assert_eq!(page.status, 422);
    let stored = app
        .storage
        .get_irritant(passerelle_domain::IrritantId::parse(&id).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.content.title.as_str(),
        "Un brouillon qui doit rester intact"
    );

    // A return without a comment, or with one too long, is refused and the irritant stays submitted.
    let organiser = Browser::as_(&app, Who::Organiser).await;
    let submitted = irritant(
        &app.storage,
        &world,
        world.own,
        "submitted",
        "Un irritant à renvoyer",
    )
    .await;
    for comment in ["", long_text.as_str()] {
        let page = organiser
            .post(
                &format!("/irritants/{submitted}/renvoyer"),
                &[("comment", comment)],
            )
            .await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains(r#"id="e-comment""#));
    }
    let stored = app
        .storage
        .get_irritant(passerelle_domain::IrritantId::parse(&submitted).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, passerelle_domain::IrritantStatus::Submitted);

    // The company profile, the vocabulary and the invitations.
    let company = Browser::as_(&app, Who::Company).await;
    let page = company
        .post(
            "/entreprise/profil",
            &[
                ("company", &world.company.to_string()),
                ("description", &long_text),
                ("website", "ftp://exemple.fr"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains(r#"id="e-description">Trop long"#));
    assert!(page.body.contains("Adresse web invalide"));
    let domains = app.storage.list_domains().await.unwrap().len();
    let page = organiser
        .post(
            "/console/domaines",
            &[
                ("slug", "nouveau"),
                ("label_fr", &"L".repeat(201)),
                ("label_en", ""),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("id=\"e-label_fr\">Trop long\u{a0}: 200"));
    assert!(
        page.body
            .contains(r#"id="e-label_en">Ce champ est obligatoire."#),
        "{}",
        page.body
    );
    assert_eq!(app.storage.list_domains().await.unwrap().len(), domains);
    let organisations = app.storage.list_organisations(None).await.unwrap().len();
    let page = organiser
        .post(
            "/console/invitations",
            &[
                ("email", "x@exemple.fr"),
                ("kind", "institution"),
                ("organisation_name", &"U".repeat(151)),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains("id=\"e-organisation_name\">Trop long\u{a0}: 150"),
        "{}",
        page.body
    );
    assert_eq!(
        app.storage.list_organisations(None).await.unwrap().len(),
        organisations
    );
    assert!(app.mail.all().is_empty(), "no invitation sent");
});
