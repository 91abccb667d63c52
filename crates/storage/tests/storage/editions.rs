use super::*;
use passerelle_storage::{Error, storage_test};

storage_test!(
    editions_have_unique_slugs_and_the_current_one_follows_the_dates,
    |storage| {
        let e2021 = edition(&storage, "rencontres-2021", Phase::Draft).await;
        let e2022 = edition(&storage, "rencontres-2022", Phase::Draft).await;
        let dup = NewEdition {
            slug: slug("rencontres-2021"),
            title: e2021.title.clone(),
            venue: e2021.venue.clone(),
            dates: e2021.dates,
            phase: Phase::Draft,
            phases: vec![],
        };
        assert!(matches!(
            storage.create_edition(&dup).await.unwrap_err(),
            Error::Conflict("slug-taken")
        ));
        assert_eq!(storage.list_editions().await.unwrap().len(), 2);
        // The current edition follows the dates: the one running on the day, else the next one.
        let day = |s: &str| parse_date(s).unwrap();
        storage
            .update_edition(
                e2022.id,
                &e2022.title,
                &e2022.venue,
                EditionDates::new(day("2022-07-04"), day("2022-07-05")).unwrap(),
            )
            .await
            .unwrap();
        let on = |d: &str| {
            let storage = storage.clone();
            let d = day(d);
            async move { storage.current_edition_on(d).await.unwrap().map(|e| e.id) }
        };
        assert_eq!(on("2021-07-05").await, Some(e2021.id));
        assert_eq!(on("2022-01-10").await, Some(e2022.id));
        assert_eq!(on("2023-01-10").await, Some(e2022.id));
        assert_eq!(
            storage
                .edition_by_slug("rencontres-2021")
                .await
                .unwrap()
                .unwrap(),
            e2021
        );
        assert_eq!(storage.edition_by_slug("' OR 1=1 --").await.unwrap(), None);
    }
);

storage_test!(
    phases_follow_the_domain_rule_and_keep_their_history,
    |storage| {
        let agency = org(&storage, "Amue", OrganisationKind::Agency).await;
        let orga = user_in(&storage, "orga@example.org", &agency, Role::Organiser).await;
        let e = edition(&storage, "ed", Phase::Draft).await;
        let e1 = storage
            .set_phase(e.id, Phase::CallForIrritants, Some(orga.id))
            .await
            .unwrap();
        assert_eq!(e1.phase, Phase::CallForIrritants);
        storage
            .set_phase(e.id, Phase::Preferences, Some(orga.id))
            .await
            .unwrap();
        storage
            .set_phase(e.id, Phase::CompanyRegistration, Some(orga.id))
            .await
            .unwrap();
        let refused = storage
            .set_phase(e.id, Phase::Draft, Some(orga.id))
            .await
            .unwrap_err();
        assert_eq!(refused.code(), "invalid-transition");
        storage.set_phase(e.id, Phase::Closed, None).await.unwrap();
        assert!(
            storage
                .set_phase(e.id, Phase::FollowUp, None)
                .await
                .is_err(),
            "closed is final"
        );
        assert_eq!(
            storage.get_edition(e.id).await.unwrap().unwrap().phase,
            Phase::Closed
        );
        let history = storage.phase_history(e.id).await.unwrap();
        let moves: Vec<_> = history
            .iter()
            .map(|(from, to, _, _)| (*from, *to))
            .collect();
        assert_eq!(
            moves,
            vec![
                (Phase::Draft, Phase::CallForIrritants),
                (Phase::CallForIrritants, Phase::Preferences),
                (Phase::Preferences, Phase::CompanyRegistration),
                (Phase::CompanyRegistration, Phase::Closed),
            ]
        );
        assert_eq!(history[0].2, Some(orga.id));
        assert!(matches!(
            storage
                .set_phase(EditionId::new(), Phase::Closed, None)
                .await
                .unwrap_err(),
            Error::NotFound
        ));
    }
);

storage_test!(phase_dates_are_stored_and_replaced, |storage| {
    let e = edition(&storage, "dated", Phase::Draft).await;
    let d = |s| Some(parse_date(s).unwrap());
    let call = PhaseWindow::new(Phase::CallForIrritants, d("2021-03-01"), d("2021-04-30")).unwrap();
    let prefs = PhaseWindow::new(Phase::Preferences, d("2021-06-01"), None).unwrap();
    let e1 = storage.set_phase_dates(e.id, &[prefs, call]).await.unwrap();
    assert_eq!(e1.phases, vec![call, prefs], "in phase order");
    let call2 =
        PhaseWindow::new(Phase::CallForIrritants, d("2021-03-15"), d("2021-05-15")).unwrap();
    let e2 = storage.set_phase_dates(e.id, &[call2]).await.unwrap();
    assert_eq!(e2.window(Phase::CallForIrritants), Some(&call2));
    assert_eq!(e2.window(Phase::Preferences), Some(&prefs));
    let title = ShortText::parse(Field::Title, "Rencontres Open Innovation 2021").unwrap();
    let venue = ShortText::parse(Field::Venue, "BIC de Montpellier").unwrap();
    let dates = EditionDates::new(
        parse_date("2021-07-05").unwrap(),
        parse_date("2021-07-06").unwrap(),
    )
    .unwrap();
    let e3 = storage
        .update_edition(e.id, &title, &venue, dates)
        .await
        .unwrap();
    assert_eq!((e3.title, e3.venue), (title, venue));
});

storage_test!(
    the_vocabulary_keeps_its_order_and_its_used_domains,
    |storage| {
        domains(&storage, &["chatbot", "iot", "ia"]).await;
        let listed: Vec<_> = storage
            .list_domains()
            .await
            .unwrap()
            .into_iter()
            .map(|d| d.slug.into_string())
            .collect();
        assert_eq!(listed, ["chatbot", "iot", "ia"]);
        storage
            .upsert_domain(
                &DomainEntry::parse("iot", "Objets connectés", "Internet of things").unwrap(),
            )
            .await
            .unwrap();
        let iot = storage
            .list_domains()
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.slug.as_str() == "iot")
            .unwrap();
        assert_eq!(iot.label(Locale::Fr), "Objets connectés");
        assert_eq!(iot.label(Locale::En), "Internet of things");
        assert_eq!(
            storage.list_domains().await.unwrap().len(),
            3,
            "an upsert does not duplicate"
        );

        let univ = org(
            &storage,
            "Université de Nîmes",
            OrganisationKind::Institution,
        )
        .await;
        let e = edition(&storage, "ed", Phase::CallForIrritants).await;
        storage
            .create_irritant(
                e.id,
                univ.id,
                None,
                &complete("Un chatbot pour tous", &["chatbot"]),
            )
            .await
            .unwrap();
        assert!(matches!(
            storage.delete_domain(&slug("chatbot")).await.unwrap_err(),
            Error::Conflict("domain-in-use")
        ));
        storage.delete_domain(&slug("ia")).await.unwrap();
        assert!(matches!(
            storage.delete_domain(&slug("ia")).await.unwrap_err(),
            Error::NotFound
        ));
        assert_eq!(storage.list_domains().await.unwrap().len(), 2);
    }
);
