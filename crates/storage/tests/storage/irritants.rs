use super::*;
use passerelle_storage::{Error, IrritantFilter, storage_test};

struct World {
    edition: Edition,
    univ: Organisation,
    author: User,
    organiser: User,
}

async fn world(storage: &Storage) -> World {
    domains(storage, &["chatbot", "iot", "accessibilite"]).await;
    let agency = org(storage, "Amue", OrganisationKind::Agency).await;
    let univ = org(
        storage,
        "Université de Toulon",
        OrganisationKind::Institution,
    )
    .await;
    World {
        edition: edition(storage, "ed", Phase::CallForIrritants).await,
        author: user_in(
            storage,
            "author@univ.example",
            &univ,
            Role::InstitutionMember,
        )
        .await,
        organiser: user_in(storage, "orga@amue.example", &agency, Role::Organiser).await,
        univ,
    }
}

storage_test!(the_irritant_workflow_with_its_history, |storage| {
    let w = world(&storage).await;
    let draft = IrritantContent::new(IrritantTitle::parse("Inscription avec un chatbot").unwrap());
    let i = storage
        .create_irritant(w.edition.id, w.univ.id, Some(w.author.id), &draft)
        .await
        .unwrap();
    assert_eq!(i.status, IrritantStatus::Draft);
    assert_eq!(i.content, draft);
    assert!(!i.written_for_demo);

    // An incomplete fiche cannot be submitted, and the refusal changes nothing.
    let e = storage
        .transition_irritant(i.id, IrritantTransition::Submit, Some(w.author.id), None)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "problem-required");
    assert_eq!(
        storage.get_irritant(i.id).await.unwrap().unwrap().status,
        IrritantStatus::Draft
    );

    let full = complete("Inscription avec un chatbot", &["chatbot", "accessibilite"]);
    let i = storage
        .update_irritant(i.id, &full, Some(w.author.id))
        .await
        .unwrap();
    assert_eq!(i.content, full);
    let i = storage
        .transition_irritant(i.id, IrritantTransition::Submit, Some(w.author.id), None)
        .await
        .unwrap();
    assert_eq!(i.status, IrritantStatus::Submitted);

    // Submitted: no more edits, no second submission, no return without a comment.
    let other = complete("Autre titre", &["iot"]);
    assert_eq!(
        storage
            .update_irritant(i.id, &other, Some(w.author.id))
            .await
            .unwrap_err()
            .code(),
        "invalid-transition"
    );
    assert_eq!(
        storage.get_irritant(i.id).await.unwrap().unwrap().content,
        full
    );
    assert_eq!(
        storage
            .transition_irritant(i.id, IrritantTransition::Submit, None, None)
            .await
            .unwrap_err()
            .code(),
        "invalid-transition"
    );
    assert_eq!(
        storage
            .transition_irritant(i.id, IrritantTransition::Return, Some(w.organiser.id), None)
            .await
            .unwrap_err()
            .code(),
        "comment-required"
    );
    let why = long(Field::Comment, "Merci de préciser le budget.");
    let i = storage
        .transition_irritant(
            i.id,
            IrritantTransition::Return,
            Some(w.organiser.id),
            Some(&why),
        )
        .await
        .unwrap();
    assert_eq!(i.status, IrritantStatus::Returned);
    let i = storage
        .update_irritant(i.id, &other, Some(w.author.id))
        .await
        .unwrap();
    storage
        .transition_irritant(i.id, IrritantTransition::Submit, Some(w.author.id), None)
        .await
        .unwrap();
    let i = storage
        .transition_irritant(
            i.id,
            IrritantTransition::Publish,
            Some(w.organiser.id),
            None,
        )
        .await
        .unwrap();
    assert_eq!(i.status, IrritantStatus::Published);

    let events = storage.irritant_events(i.id).await.unwrap();
    let steps: Vec<_> = events.iter().map(|e| (e.action.as_str(), e.to)).collect();
    assert_eq!(
        steps,
        vec![
            ("create", IrritantStatus::Draft),
            ("update", IrritantStatus::Draft),
            ("submit", IrritantStatus::Submitted),
            ("return", IrritantStatus::Returned),
            ("update", IrritantStatus::Returned),
            ("submit", IrritantStatus::Submitted),
            ("publish", IrritantStatus::Published),
        ]
    );
    let returned = &events[3];
    assert_eq!(returned.comment.as_ref(), Some(&why));
    assert_eq!(returned.actor_id, Some(w.organiser.id));
    assert_eq!(
        returned.actor_name.as_ref().map(|n| n.as_str()),
        Some("Test User")
    );
    assert_eq!(returned.from, Some(IrritantStatus::Submitted));
});

storage_test!(
    listings_filter_by_edition_status_domain_and_institution,
    |storage| {
        let w = world(&storage).await;
        let nimes = org(
            &storage,
            "Université de Nîmes",
            OrganisationKind::Institution,
        )
        .await;
        let other_edition = edition(&storage, "other", Phase::CallForIrritants).await;
        let mk = |title: &'static str, d: &'static [&'static str]| complete(title, d);
        let a = storage
            .create_irritant(
                w.edition.id,
                w.univ.id,
                None,
                &mk("Chatbot inscription", &["chatbot"]),
            )
            .await
            .unwrap();
        let b = storage
            .create_irritant(
                w.edition.id,
                nimes.id,
                None,
                &mk("Chatbot information", &["chatbot", "iot"]),
            )
            .await
            .unwrap();
        let c = storage
            .create_irritant(
                w.edition.id,
                nimes.id,
                None,
                &mk("Guidage handicap", &["accessibilite"]),
            )
            .await
            .unwrap();
        storage
            .create_irritant(other_edition.id, nimes.id, None, &mk("Ailleurs", &["iot"]))
            .await
            .unwrap();
        for i in [&a, &b] {
            storage
                .transition_irritant(i.id, IrritantTransition::Submit, None, None)
                .await
                .unwrap();
            storage
                .transition_irritant(i.id, IrritantTransition::Publish, None, None)
                .await
                .unwrap();
        }
        storage
            .transition_irritant(c.id, IrritantTransition::Submit, None, None)
            .await
            .unwrap();

        let titles = |list: Vec<passerelle_storage::Irritant>| {
            list.into_iter()
                .map(|i| i.content.title.into_string())
                .collect::<Vec<_>>()
        };
        let public = storage
            .list_irritants(&IrritantFilter::public(w.edition.id))
            .await
            .unwrap();
        assert_eq!(
            public[0].content.domains,
            vec![slug("chatbot"), slug("iot")],
            "domains come with the list"
        );
        assert_eq!(
            titles(public),
            ["Chatbot information", "Chatbot inscription"]
        );
        let by_domain = IrritantFilter {
            domain: Some(slug("iot")),
            ..IrritantFilter::public(w.edition.id)
        };
        assert_eq!(
            titles(storage.list_irritants(&by_domain).await.unwrap()),
            ["Chatbot information"]
        );
        let by_institution = IrritantFilter {
            institution: Some(w.univ.id),
            ..IrritantFilter::public(w.edition.id)
        };
        assert_eq!(
            titles(storage.list_irritants(&by_institution).await.unwrap()),
            ["Chatbot inscription"]
        );
        assert_eq!(
            titles(
                storage
                    .list_awaiting_validation(w.edition.id)
                    .await
                    .unwrap()
            ),
            ["Guidage handicap"]
        );
        assert_eq!(
            storage
                .list_irritants_by_organisation(nimes.id)
                .await
                .unwrap()
                .len(),
            3,
            "all editions and statuses"
        );
        let unknown = IrritantFilter {
            domain: Some(slug("nothing")),
            ..Default::default()
        };
        assert!(storage.list_irritants(&unknown).await.unwrap().is_empty());
        let names: Vec<_> = storage
            .catalogue_institutions(w.edition.id)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.name.into_string())
            .collect();
        assert_eq!(names, ["Université de Nîmes", "Université de Toulon"]);
    }
);

storage_test!(
    hostile_text_is_stored_verbatim_and_bad_references_change_nothing,
    |storage| {
        let w = world(&storage).await;
        let hostile = "<script>alert('x')</script> \"'><img src=x onerror=alert(1)> '; DROP TABLE irritants; -- é😀";
        let mut content = complete("<b>Titre</b> \"'><img onerror=x>", &["chatbot"]);
        content.problem = Some(long(Field::Problem, hostile));
        content.contact_name = Some(DisplayName::parse("Robert'); DROP TABLE users;--").unwrap());
        let i = storage
            .create_irritant(w.edition.id, w.univ.id, None, &content)
            .await
            .unwrap();
        let back = storage.get_irritant(i.id).await.unwrap().unwrap();
        assert_eq!(back.content, content);
        assert_eq!(back.content.problem.unwrap().as_str(), hostile);

        let before = storage
            .list_irritants(&IrritantFilter::default())
            .await
            .unwrap();
        let unknown = complete("Domaine inconnu", &["blockchain"]);
        let e = storage
            .create_irritant(w.edition.id, w.univ.id, None, &unknown)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "domains-unknown");
        let e = storage
            .update_irritant(i.id, &unknown, None)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "domains-unknown");
        assert_eq!(
            storage.get_irritant(i.id).await.unwrap().unwrap().content,
            content,
            "the failed update changed nothing"
        );
        assert_eq!(
            storage.irritant_events(i.id).await.unwrap().len(),
            1,
            "and recorded nothing"
        );
        let company = org(
            &storage,
            "Robots & Cie (fictive)",
            OrganisationKind::Company,
        )
        .await;
        let e = storage
            .create_irritant(w.edition.id, company.id, None, &content)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Conflict("not-an-institution")));
        let e = storage
            .create_irritant(EditionId::new(), w.univ.id, None, &content)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::NotFound));
        assert_eq!(
            storage
                .list_irritants(&IrritantFilter::default())
                .await
                .unwrap(),
            before
        );
        assert!(
            storage
                .get_irritant(IrritantId::new())
                .await
                .unwrap()
                .is_none()
        );
    }
);

storage_test!(limits_hold_at_their_bounds, |storage| {
    let w = world(&storage).await;
    let mut content = complete(&"T".repeat(IrritantTitle::MAX), &["chatbot"]);
    content.context = Some(long(Field::Context, &"é".repeat(LongText::MAX)));
    content.budget = Some(BudgetRange::new(Some(0), Some(BudgetRange::CEILING_EUR)).unwrap());
    let i = storage
        .create_irritant(w.edition.id, w.univ.id, None, &content)
        .await
        .unwrap();
    assert_eq!(
        storage.get_irritant(i.id).await.unwrap().unwrap().content,
        content
    );
});
