use super::*;
use passerelle_storage::{Error, storage_test};
use time::{Duration, OffsetDateTime};

fn profile(specialties: &[&str]) -> CompanyProfile {
    CompanyProfile::new(
        Some(long(
            Field::Description,
            "Nous faisons des chatbots accessibles.",
        )),
        specialties.iter().map(|s| slug(s)).collect(),
        Some(long(Field::References, "Une école d'ingénieurs (fictive)")),
        Some(CompanySize::Micro),
        Some(Region::Occitanie),
        Some(WebsiteUrl::parse("https://causette.example").unwrap()),
    )
    .unwrap()
}

storage_test!(company_profiles_are_saved_whole_or_not_at_all, |storage| {
    domains(&storage, &["chatbot", "ia"]).await;
    let company = org(
        &storage,
        "Causette Robotique (fictive)",
        OrganisationKind::Company,
    )
    .await;
    assert!(
        storage
            .get_company_profile(company.id)
            .await
            .unwrap()
            .is_none()
    );
    let p = profile(&["chatbot", "ia"]);
    storage.save_company_profile(company.id, &p).await.unwrap();
    assert_eq!(
        storage.get_company_profile(company.id).await.unwrap(),
        Some(p.clone())
    );
    let bad = profile(&["chatbot", "quantique"]);
    assert_eq!(
        storage
            .save_company_profile(company.id, &bad)
            .await
            .unwrap_err()
            .code(),
        "domains-unknown"
    );
    assert_eq!(
        storage.get_company_profile(company.id).await.unwrap(),
        Some(p.clone()),
        "unchanged"
    );
    let univ = org(&storage, "IRD", OrganisationKind::Institution).await;
    assert!(matches!(
        storage.save_company_profile(univ.id, &p).await.unwrap_err(),
        Error::Conflict("not-a-company")
    ));
    let p2 = CompanyProfile::new(None, vec![slug("ia")], None, None, None, None).unwrap();
    storage.save_company_profile(company.id, &p2).await.unwrap();
    assert_eq!(
        storage.get_company_profile(company.id).await.unwrap(),
        Some(p2),
        "fields can be cleared"
    );
    assert_eq!(
        storage.companies_with_specialty(&slug("ia")).await.unwrap()[0].id,
        company.id
    );
    assert!(
        storage
            .companies_with_specialty(&slug("chatbot"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(storage.list_companies().await.unwrap().len(), 1);
});

storage_test!(participation_goes_invited_registered_validated, |storage| {
    let bic = org(&storage, "BIC de Montpellier", OrganisationKind::Incubator).await;
    let manager = user_in(&storage, "bm@bic.example", &bic, Role::BusinessManager).await;
    let agency = org(&storage, "Amue", OrganisationKind::Agency).await;
    let orga = user_in(&storage, "orga@amue.example", &agency, Role::Organiser).await;
    let company = org(
        &storage,
        "Capteurs Malins (fictive)",
        OrganisationKind::Company,
    )
    .await;
    let solo = org(
        &storage,
        "Seule Au Monde (fictive)",
        OrganisationKind::Company,
    )
    .await;
    let e = edition(&storage, "ed", Phase::CompanyRegistration).await;

    let p = storage
        .invite_company(e.id, company.id, Some(bic.id), Some(manager.id))
        .await
        .unwrap();
    assert_eq!(p.status, ParticipationStatus::Invited);
    assert_eq!(p.invited_by, Some(bic.id));
    assert_eq!(
        storage
            .invite_company(e.id, company.id, None, None)
            .await
            .unwrap_err()
            .code(),
        "invalid-transition"
    );
    assert_eq!(
        storage
            .validate_participation(e.id, company.id, Some(orga.id))
            .await
            .unwrap_err()
            .code(),
        "invalid-transition"
    );
    assert_eq!(
        storage
            .get_participation(e.id, company.id)
            .await
            .unwrap()
            .unwrap()
            .status,
        ParticipationStatus::Invited
    );
    storage
        .register_participation(e.id, company.id)
        .await
        .unwrap();
    let p = storage
        .validate_participation(e.id, company.id, Some(orga.id))
        .await
        .unwrap();
    assert_eq!(
        (p.status, p.validated_by),
        (ParticipationStatus::Validated, Some(orga.id))
    );
    assert_eq!(
        storage
            .register_participation(e.id, company.id)
            .await
            .unwrap_err()
            .code(),
        "invalid-transition"
    );

    storage.register_participation(e.id, solo.id).await.unwrap();
    let registered = storage
        .list_participations(e.id, Some(ParticipationStatus::Registered))
        .await
        .unwrap();
    assert_eq!(
        registered.iter().map(|p| p.company.id).collect::<Vec<_>>(),
        vec![solo.id]
    );
    assert_eq!(
        storage.list_participations(e.id, None).await.unwrap().len(),
        2
    );
    let pipeline = storage.pipeline(bic.id, Some(e.id)).await.unwrap();
    assert_eq!(
        pipeline.len(),
        1,
        "only the companies the incubator brought"
    );
    assert_eq!(pipeline[0].participation.company.id, company.id);
    assert_eq!(
        storage
            .participations_of_company(company.id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        storage
            .register_participation(e.id, bic.id)
            .await
            .unwrap_err(),
        Error::Conflict("not-a-company")
    ));
});

storage_test!(bringing_a_new_company_is_atomic, |storage| {
    let bic = org(&storage, "Digital 113", OrganisationKind::Incubator).await;
    let manager = user_in(&storage, "bm@d113.example", &bic, Role::BusinessManager).await;
    let e = edition(&storage, "ed", Phase::CompanyRegistration).await;
    let now = OffsetDateTime::now_utc();
    let name = OrganisationName::parse("Robots Polis (fictive)").unwrap();
    let (p, inv, token) = storage
        .invite_new_company(
            e.id,
            &name,
            &email("ceo@robots.example"),
            Some(bic.id),
            Some(manager.id),
            Duration::days(14),
            now,
        )
        .await
        .unwrap();
    assert_eq!(p.status, ParticipationStatus::Invited);
    assert_eq!(
        (inv.role, inv.organisation.id),
        (Role::CompanyMember, p.company.id)
    );
    let user = storage
        .accept_invitation(
            &token,
            &DisplayName::parse("CEO").unwrap(),
            UNUSED_HASH,
            Locale::Fr,
            now,
        )
        .await
        .unwrap();
    assert_eq!(
        storage.memberships(user.id).await.unwrap()[0].organisation,
        p.company.id
    );

    // The contact already has an account: nothing is created, not even the company.
    let other = OrganisationName::parse("Deuxième Essai (fictive)").unwrap();
    let e2 = storage
        .invite_new_company(
            e.id,
            &other,
            &email("CEO@robots.example"),
            Some(bic.id),
            None,
            Duration::days(14),
            now,
        )
        .await
        .unwrap_err();
    assert!(matches!(e2, Error::Conflict("email-taken")));
    assert!(
        storage
            .find_organisation(OrganisationKind::Company, "Deuxième Essai (fictive)")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        storage.list_participations(e.id, None).await.unwrap().len(),
        1
    );
    // Same company name twice: refused.
    let e3 = storage
        .invite_new_company(
            e.id,
            &name,
            &email("new@robots.example"),
            None,
            None,
            Duration::days(14),
            now,
        )
        .await
        .unwrap_err();
    assert!(matches!(e3, Error::Conflict("organisation-name-taken")));
    assert_eq!(storage.list_invitations(None).await.unwrap().len(), 1);
});
