use super::*;
use passerelle_app::demo::{self, DEMO_PASSWORD};
use passerelle_storage::{IrritantFilter, storage_test};

storage_test!(
    the_demo_holds_the_2021_edition_and_signs_every_role_in,
    |storage| {
        let accounts = demo::seed(&demo_app(&storage))
            .await
            .unwrap()
            .expect("a fresh database is seeded");
        assert_eq!(
            accounts,
            demo::accounts(),
            "the sign-in page's list is what was seeded"
        );
        let roles: Vec<Role> = accounts.accounts.iter().map(|a| a.role).collect();
        for role in Role::ALL {
            assert!(roles.contains(role), "an account for {role}");
        }

        let edition = storage
            .current_edition_on(START.date())
            .await
            .unwrap()
            .expect("the 2021 edition is current");
        assert_eq!(edition.title.as_str(), "Rencontres Open Innovation 2021");
        assert_eq!(edition.dates.first_day(), parse_date("2021-07-05").unwrap());
        assert_eq!(edition.dates.last_day(), parse_date("2021-07-06").unwrap());
        assert!(
            edition.venue.as_str().contains("BIC de Montpellier")
                && edition.venue.as_str().contains("Digital 113")
        );

        // The 19 irritants of the CSV, titles and institutions as given, published, marked as demo descriptions.
        let public = storage
            .list_irritants(&IrritantFilter::public(edition.id))
            .await
            .unwrap();
        let lines = demo::irritant_lines();
        assert_eq!(lines.len(), 19);
        assert_eq!(public.len(), 19);
        for (line, irritant) in lines.iter().zip(&public) {
            assert_eq!(irritant.reference.as_deref(), Some(line.fiche.as_str()));
            assert_eq!(irritant.content.title.as_str(), line.title_fr);
            assert_eq!(irritant.institution.name.as_str(), line.institution);
            assert_eq!(irritant.status, IrritantStatus::Published);
            assert!(irritant.written_for_demo);
            assert!(
                irritant.content.missing_for_submission().is_empty(),
                "fiche {} is complete",
                line.fiche
            );
        }
        assert!(
            public
                .iter()
                .any(|i| i.content.title.as_str().contains("chatbot"))
        );
        let vocabulary = storage.list_domains().await.unwrap();
        assert!(
            (18..=25).contains(&vocabulary.len()),
            "about twenty domains"
        );
        assert!(
            vocabulary
                .iter()
                .all(|d| !d.label_fr.as_str().is_empty() && !d.label_en.as_str().is_empty())
        );

        // Every demo account signs in with the published password, and holds its role.
        for account in &accounts.accounts {
            let user = storage
                .authenticate(account.email.as_str(), DEMO_PASSWORD)
                .await
                .unwrap()
                .expect("signs in");
            let actor = storage.actor(user.id).await.unwrap();
            assert!(actor.has_role(account.role), "{}", account.email);
            assert!(
                storage
                    .authenticate(account.email.as_str(), "mauvais mot de passe")
                    .await
                    .unwrap()
                    .is_none()
            );
        }

        // A dozen fictitious companies with profiles; most validated, some brought by a business manager.
        let companies = storage.list_companies().await.unwrap();
        assert!(companies.len() >= 12);
        assert!(
            companies
                .iter()
                .all(|(o, p)| o.name.as_str().contains("fictive") && p.is_some())
        );
        let validated = storage
            .list_participations(edition.id, Some(ParticipationStatus::Validated))
            .await
            .unwrap();
        assert!(validated.len() >= 8);
        let bic = storage
            .find_organisation(OrganisationKind::Incubator, "BIC de Montpellier")
            .await
            .unwrap()
            .unwrap();
        let pipeline = storage.pipeline(bic.id, Some(edition.id)).await.unwrap();
        assert!(pipeline.len() >= 3 && pipeline.iter().all(|e| e.profile.is_some()));
        assert!(
            !storage
                .list_participations(edition.id, Some(ParticipationStatus::Registered))
                .await
                .unwrap()
                .is_empty(),
            "the organiser has companies to validate"
        );

        // What each role can do right now: the phase was chosen so that everyone has something to do.
        let member = storage
            .authenticate("etablissement@passerelle.example", DEMO_PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let member = storage.actor(member.id).await.unwrap();
        let Actor::User { memberships, .. } = &member else {
            unreachable!()
        };
        let ctx = Context {
            phase: Some(edition.phase),
            owner: Some(memberships[0].organisation),
            ..Context::default()
        };
        assert_eq!(authorize(&member, Action::CreateIrritant, &ctx), Ok(()));
        let manager = storage
            .authenticate("charge-affaires@passerelle.example", DEMO_PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let manager = storage.actor(manager.id).await.unwrap();
        let bic = manager.organisations_with(Role::BusinessManager)[0];
        let for_the_bic = Context {
            owner: Some(bic),
            ..ctx
        };
        assert_eq!(
            authorize(&manager, Action::InviteCompany, &for_the_bic),
            Ok(())
        );
    }
);

storage_test!(seeding_twice_changes_nothing, |storage| {
    assert!(demo::seed(&demo_app(&storage)).await.unwrap().is_some());
    let users = storage.list_users().await.unwrap();
    let orgs = storage.list_organisations(None).await.unwrap();
    let irritants = storage
        .list_irritants(&IrritantFilter::default())
        .await
        .unwrap();
    assert!(
        demo::seed(&demo_app(&storage)).await.unwrap().is_none(),
        "already seeded"
    );
    assert_eq!(storage.list_users().await.unwrap(), users);
    assert_eq!(storage.list_organisations(None).await.unwrap(), orgs);
    assert_eq!(
        storage
            .list_irritants(&IrritantFilter::default())
            .await
            .unwrap(),
        irritants
    );
});

storage_test!(a_database_in_use_is_never_seeded, |storage| {
    storage
        .create_user(&new_user("someone@example.org"))
        .await
        .unwrap();
    assert!(demo::seed(&demo_app(&storage)).await.unwrap().is_none());
    assert!(
        storage
            .current_edition_on(START.date())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(storage.list_users().await.unwrap().len(), 1);
});

storage_test!(
    the_demo_catalogue_filters_and_tells_its_history,
    |storage| {
        demo::seed(&demo_app(&storage)).await.unwrap().unwrap();
        let edition = storage
            .current_edition_on(START.date())
            .await
            .unwrap()
            .unwrap();
        let public = IrritantFilter::public(edition.id);
        let catalogue = storage.list_irritants(&public).await.unwrap();
        let refs: Vec<_> = catalogue
            .iter()
            .filter_map(|i| i.reference.clone())
            .collect();
        let expected: Vec<_> = (1..=19).map(|n| format!("{n:02}")).collect();
        assert_eq!(refs, expected, "fiches in their numbered order");
        assert_eq!(
            catalogue
                .iter()
                .filter(|i| i.institution.kind == OrganisationKind::Agency)
                .count(),
            4,
            "Amue brings four fiches as the agency"
        );
        assert_eq!(
            storage
                .catalogue_institutions(edition.id)
                .await
                .unwrap()
                .len(),
            11
        );

        // The catalogue's filters: by domain (the three chatbot fiches), by institution.
        let chatbots = IrritantFilter {
            domain: Some(slug("chatbot")),
            ..public.clone()
        };
        let refs: Vec<_> = storage
            .list_irritants(&chatbots)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|i| i.reference)
            .collect();
        assert_eq!(refs, ["07", "10", "12"]);
        let nimes = storage
            .find_organisation(OrganisationKind::Institution, "Université de Nîmes")
            .await
            .unwrap()
            .unwrap();
        let by_nimes = IrritantFilter {
            institution: Some(nimes.id),
            ..public.clone()
        };
        let refs: Vec<_> = storage
            .list_irritants(&by_nimes)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|i| i.reference)
            .collect();
        assert_eq!(refs, ["12", "13"]);

        // Each fiche was submitted, then published by the demo organiser.
        let organiser = storage
            .find_user_by_email(&email("organisatrice@passerelle.example"))
            .await
            .unwrap()
            .unwrap();
        let events = storage.irritant_events(catalogue[9].id).await.unwrap();
        let steps: Vec<_> = events.iter().map(|e| (e.action.as_str(), e.to)).collect();
        assert_eq!(
            steps,
            [
                ("create", IrritantStatus::Draft),
                ("submit", IrritantStatus::Submitted),
                ("publish", IrritantStatus::Published)
            ]
        );
        assert_eq!(events[2].actor_id, Some(organiser.id));

        // A demo fiche edited by its institution is no longer "written for the demo"; it must be returned first.
        let fiche = &catalogue[5];
        let why = long(Field::Comment, "Merci de reformuler avec vos mots.");
        storage
            .transition_irritant(
                fiche.id,
                IrritantTransition::Return,
                Some(organiser.id),
                Some(&why),
            )
            .await
            .unwrap();
        let mut content = fiche.content.clone();
        content.problem = Some(long(Field::Problem, "Texte de l'établissement."));
        let edited = storage
            .update_irritant(fiche.id, &content, None)
            .await
            .unwrap();
        assert!(!edited.written_for_demo);
        assert_eq!(
            storage.list_irritants(&public).await.unwrap().len(),
            18,
            "a returned fiche leaves the catalogue"
        );
    }
);
