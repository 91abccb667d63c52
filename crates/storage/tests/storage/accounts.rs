use super::*;
use passerelle_storage::{Error, NewInvitation, hash_password, storage_test, verify_password};
use time::{Duration, OffsetDateTime};

fn conflict(e: Error) -> &'static str {
    match e {
        Error::Conflict(code) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

storage_test!(emails_are_unique_whatever_their_case, |storage| {
    storage
        .create_user(&new_user("Marie.Curie@Example.org"))
        .await
        .unwrap();
    let again = storage
        .create_user(&new_user("marie.curie@EXAMPLE.ORG"))
        .await
        .unwrap_err();
    assert_eq!(conflict(again), "email-taken");
    let users = storage.list_users().await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].email.as_str(), "marie.curie@example.org");
});

storage_test!(
    sign_in_checks_the_password_and_hides_unknown_accounts,
    |storage| {
        let agency = org(&storage, "Amue", OrganisationKind::Agency).await;
        let mut new = new_user("orga@example.org");
        new.password_hash = hash_password(&Password::parse("une bonne phrase").unwrap());
        let user = storage
            .create_user_with_membership(&new, agency.id, Role::Organiser)
            .await
            .unwrap();
        assert_eq!(
            storage
                .authenticate("ORGA@example.org ", "une bonne phrase")
                .await
                .unwrap(),
            Some(user.clone())
        );
        assert_eq!(
            storage
                .authenticate("orga@example.org", "une bonne phrasE")
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            storage
                .authenticate("nobody@example.org", "une bonne phrase")
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            storage
                .authenticate("' OR '1'='1", "' OR '1'='1")
                .await
                .unwrap(),
            None
        );
        let huge = "une bonne phrase".repeat(100_000);
        assert_eq!(
            storage
                .authenticate("orga@example.org", &huge)
                .await
                .unwrap(),
            None
        );
        assert_eq!(storage.authenticate("", "").await.unwrap(), None);
        let actor = storage.actor(user.id).await.unwrap();
        assert!(actor.has_role(Role::Organiser));
        storage.delete_user(user.id).await.unwrap();
        assert_eq!(
            storage.actor(user.id).await.unwrap(),
            Actor::Anonymous,
            "a deleted account signs nobody in"
        );
        assert_eq!(
            storage
                .authenticate("orga@example.org", "une bonne phrase")
                .await
                .unwrap(),
            None
        );
    }
);

storage_test!(roles_must_fit_the_organisation, |storage| {
    let company = org(
        &storage,
        "Chatbot & Co (fictive)",
        OrganisationKind::Company,
    )
    .await;
    let user = storage
        .create_user(&new_user("a@example.org"))
        .await
        .unwrap();
    let e = storage
        .add_membership(user.id, company.id, Role::Organiser)
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "role-not-allowed-in-organisation");
    assert!(storage.memberships(user.id).await.unwrap().is_empty());
    // A failed account creation leaves no account behind.
    let e = storage
        .create_user_with_membership(&new_user("b@example.org"), company.id, Role::Admin)
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "role-not-allowed-in-organisation");
    assert!(
        storage
            .find_user_by_email(&email("b@example.org"))
            .await
            .unwrap()
            .is_none()
    );
    storage
        .add_membership(user.id, company.id, Role::CompanyMember)
        .await
        .unwrap();
    storage
        .add_membership(user.id, company.id, Role::CompanyMember)
        .await
        .unwrap();
    let m = storage.memberships(user.id).await.unwrap();
    assert_eq!(
        m,
        vec![Membership {
            organisation: company.id,
            kind: OrganisationKind::Company,
            role: Role::CompanyMember
        }]
    );
    assert_eq!(
        storage
            .organisation_members(company.id)
            .await
            .unwrap()
            .len(),
        1
    );
});

storage_test!(
    organisation_names_are_unique_per_kind_ignoring_case,
    |storage| {
        org(
            &storage,
            "Université de Nîmes",
            OrganisationKind::Institution,
        )
        .await;
        let e = storage
            .create_organisation(
                &OrganisationName::parse("UNIVERSITÉ DE NÎMES").unwrap(),
                OrganisationKind::Institution,
            )
            .await
            .unwrap_err();
        assert_eq!(conflict(e), "organisation-name-taken");
        assert_eq!(storage.list_organisations(None).await.unwrap().len(), 1);
        let found = storage
            .find_organisation(OrganisationKind::Institution, "université de nîmes")
            .await
            .unwrap();
        assert!(found.is_some());
    }
);

fn invitation_to(org: &Organisation, address: &str, role: Role) -> NewInvitation {
    NewInvitation {
        email: email(address),
        organisation: org.id,
        role,
        edition: None,
        invited_by: None,
        valid_for: Duration::days(7),
    }
}

storage_test!(an_invitation_creates_the_account_once, |storage| {
    let univ = org(
        &storage,
        "Université de Toulon",
        OrganisationKind::Institution,
    )
    .await;
    let now = OffsetDateTime::now_utc();
    let (inv, token) = storage
        .create_invitation(
            &invitation_to(&univ, "Contact@Univ.example", Role::InstitutionMember),
            now,
        )
        .await
        .unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(inv.email.as_str(), "contact@univ.example");
    let found = storage.find_invitation(&token, now).await.unwrap().unwrap();
    assert_eq!(found.organisation.id, univ.id);
    let name = DisplayName::parse("Claude Contact").unwrap();
    let user = storage
        .accept_invitation(&token, &name, UNUSED_HASH, Locale::En, now)
        .await
        .unwrap();
    assert_eq!(user.locale, Locale::En);
    assert_eq!(
        storage.memberships(user.id).await.unwrap()[0].role,
        Role::InstitutionMember
    );
    // Single use: the second acceptance fails and creates nothing.
    let again = storage
        .accept_invitation(&token, &name, UNUSED_HASH, Locale::Fr, now)
        .await
        .unwrap_err();
    assert!(matches!(again, Error::InvalidToken), "{again:?}");
    assert!(
        storage
            .find_invitation(&token, now)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(storage.list_users().await.unwrap().len(), 1);
    let listed = storage.list_invitations(Some(univ.id)).await.unwrap();
    assert!(listed[0].used_at.is_some());
});

storage_test!(an_expired_or_forged_invitation_is_refused, |storage| {
    let univ = org(&storage, "IRD", OrganisationKind::Institution).await;
    let then = OffsetDateTime::now_utc();
    let (_, token) = storage
        .create_invitation(
            &invitation_to(&univ, "late@example.org", Role::InstitutionMember),
            then,
        )
        .await
        .unwrap();
    let later = then + Duration::days(8);
    let name = DisplayName::parse("Late").unwrap();
    assert!(
        storage
            .find_invitation(&token, later)
            .await
            .unwrap()
            .is_none()
    );
    let e = storage
        .accept_invitation(&token, &name, UNUSED_HASH, Locale::Fr, later)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidToken));
    for forged in [
        "",
        "' OR 1=1 --",
        &"f".repeat(64),
        &"x".repeat(10_000),
        &token.to_uppercase(),
    ] {
        let e = storage
            .accept_invitation(forged, &name, UNUSED_HASH, Locale::Fr, then)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::InvalidToken), "{forged}");
    }
    assert!(storage.list_users().await.unwrap().is_empty());
});

storage_test!(
    a_taken_email_at_acceptance_leaves_no_half_created_user,
    |storage| {
        let univ = org(&storage, "Abes", OrganisationKind::Institution).await;
        let now = OffsetDateTime::now_utc();
        let (_, token) = storage
            .create_invitation(
                &invitation_to(&univ, "twice@example.org", Role::InstitutionMember),
                now,
            )
            .await
            .unwrap();
        // The address got an account in the meantime (another invitation, an admin).
        let other = storage
            .create_user(&new_user("TWICE@example.org"))
            .await
            .unwrap();
        let name = DisplayName::parse("Twice").unwrap();
        let e = storage
            .accept_invitation(&token, &name, UNUSED_HASH, Locale::Fr, now)
            .await
            .unwrap_err();
        assert_eq!(conflict(e), "email-taken");
        assert_eq!(storage.list_users().await.unwrap(), vec![other.clone()]);
        assert!(
            storage.memberships(other.id).await.unwrap().is_empty(),
            "no membership given to the other account"
        );
        assert!(
            storage
                .find_invitation(&token, now)
                .await
                .unwrap()
                .is_some(),
            "the link was not used up"
        );
    }
);

storage_test!(invitations_are_checked_when_created, |storage| {
    let univ = org(
        &storage,
        "Université de Montpellier",
        OrganisationKind::Institution,
    )
    .await;
    storage
        .create_user(&new_user("exists@example.org"))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let e = storage
        .create_invitation(
            &invitation_to(&univ, "exists@example.org", Role::InstitutionMember),
            now,
        )
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "email-taken");
    let e = storage
        .create_invitation(
            &invitation_to(&univ, "new@example.org", Role::CompanyMember),
            now,
        )
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "role-not-allowed-in-organisation");
    assert!(storage.list_invitations(None).await.unwrap().is_empty());
});

storage_test!(a_reset_link_sets_the_password_once, |storage| {
    let user = storage
        .create_user(&new_user("forgot@example.org"))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    assert!(
        storage
            .create_password_reset(&email("nobody@example.org"), Duration::hours(1), now)
            .await
            .unwrap()
            .is_none()
    );
    let (for_user, first) = storage
        .create_password_reset(&email("forgot@example.org"), Duration::hours(1), now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(for_user.id, user.id);
    let (_, second) = storage
        .create_password_reset(&email("forgot@example.org"), Duration::hours(1), now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        storage.password_reset_user(&first, now).await.unwrap(),
        Some(user.id)
    );
    let new_hash = hash_password(&Password::parse("nouvelle phrase secrète").unwrap());
    assert_eq!(
        storage
            .consume_password_reset(&first, &new_hash, now)
            .await
            .unwrap(),
        user.id
    );
    let stored = storage.password_hash(user.id).await.unwrap().unwrap();
    assert!(verify_password("nouvelle phrase secrète", &stored));
    // Used once; and the other outstanding link of the account is void too.
    for token in [&first, &second] {
        let e = storage
            .consume_password_reset(token, UNUSED_HASH, now)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::InvalidToken));
    }
    assert_eq!(
        storage.password_hash(user.id).await.unwrap().unwrap(),
        stored
    );
});

storage_test!(an_expired_reset_link_changes_nothing, |storage| {
    let user = storage
        .create_user(&new_user("slow@example.org"))
        .await
        .unwrap();
    let then = OffsetDateTime::now_utc();
    let (_, token) = storage
        .create_password_reset(&email("slow@example.org"), Duration::hours(1), then)
        .await
        .unwrap()
        .unwrap();
    let later = then + Duration::hours(2);
    assert_eq!(
        storage.password_reset_user(&token, later).await.unwrap(),
        None
    );
    let e = storage
        .consume_password_reset(&token, "$argon2id$other", later)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidToken));
    assert_eq!(
        storage.password_hash(user.id).await.unwrap().unwrap(),
        UNUSED_HASH
    );
});

storage_test!(
    inviting_a_contact_of_a_new_organisation_is_all_or_nothing,
    |storage| {
        let agency = org(&storage, "Amue", OrganisationKind::Agency).await;
        let orga = user_in(&storage, "orga@amue.example", &agency, Role::Organiser)
            .await
            .id;
        let e = edition(&storage, "ed", Phase::CallForIrritants).await;
        let now = OffsetDateTime::now_utc();
        let name = OrganisationName::parse("Université de Corse").unwrap();
        let invite = |name: OrganisationName, kind, address: &'static str, role, edition| {
            let storage = storage.clone();
            async move {
                storage
                    .invite_to_new_organisation(
                        &name,
                        kind,
                        &email(address),
                        role,
                        edition,
                        Some(orga),
                        Duration::days(7),
                        now,
                    )
                    .await
            }
        };
        let (inv, token) = invite(
            name.clone(),
            OrganisationKind::Institution,
            "dsi@corse.example",
            Role::InstitutionMember,
            Some(e.id),
        )
        .await
        .unwrap();
        assert_eq!(
            (inv.organisation.name.as_str(), inv.organisation.kind),
            ("Université de Corse", OrganisationKind::Institution)
        );
        assert_eq!(
            (inv.role, inv.edition_id, inv.invited_by),
            (Role::InstitutionMember, Some(e.id), Some(orga))
        );
        let user = storage
            .accept_invitation(
                &token,
                &DisplayName::parse("DSI Corse").unwrap(),
                UNUSED_HASH,
                Locale::Fr,
                now,
            )
            .await
            .unwrap();
        assert_eq!(
            storage.memberships(user.id).await.unwrap()[0].organisation,
            inv.organisation.id
        );

        let orgs_before = storage.list_organisations(None).await.unwrap();
        // Each refusal creates neither the organisation nor the invitation.
        let refused = [
            (
                invite(
                    OrganisationName::parse("UNIVERSITÉ DE CORSE").unwrap(),
                    OrganisationKind::Institution,
                    "x@corse.example",
                    Role::InstitutionMember,
                    None,
                )
                .await,
                "organisation-name-taken",
            ),
            (
                invite(
                    OrganisationName::parse("Université Nouvelle").unwrap(),
                    OrganisationKind::Institution,
                    "DSI@corse.example",
                    Role::InstitutionMember,
                    None,
                )
                .await,
                "email-taken",
            ),
            (
                invite(
                    OrganisationName::parse("Université Nouvelle").unwrap(),
                    OrganisationKind::Institution,
                    "y@nouvelle.example",
                    Role::Organiser,
                    None,
                )
                .await,
                "role-not-allowed-in-organisation",
            ),
            (
                invite(
                    OrganisationName::parse("Université Nouvelle").unwrap(),
                    OrganisationKind::Institution,
                    "y@nouvelle.example",
                    Role::InstitutionMember,
                    Some(EditionId::new()),
                )
                .await,
                "not-found",
            ),
        ];
        for (result, code) in refused {
            assert_eq!(result.unwrap_err().code(), code);
        }
        assert_eq!(storage.list_organisations(None).await.unwrap(), orgs_before);
        assert_eq!(storage.list_invitations(None).await.unwrap().len(), 1);
        // The same name is fine for another kind of organisation.
        invite(
            name,
            OrganisationKind::Incubator,
            "bm@corse.example",
            Role::BusinessManager,
            None,
        )
        .await
        .unwrap();
    }
);

storage_test!(two_simultaneous_acceptances_create_one_account, |storage| {
    let univ = org(
        &storage,
        "Université de Perpignan Via Domitia",
        OrganisationKind::Institution,
    )
    .await;
    let now = OffsetDateTime::now_utc();
    let (_, token) = storage
        .create_invitation(
            &invitation_to(&univ, "race@example.org", Role::InstitutionMember),
            now,
        )
        .await
        .unwrap();
    let accept = |name: &'static str| {
        let (storage, token) = (storage.clone(), token.clone());
        tokio::spawn(async move {
            storage
                .accept_invitation(
                    &token,
                    &DisplayName::parse(name).unwrap(),
                    UNUSED_HASH,
                    Locale::Fr,
                    now,
                )
                .await
        })
    };
    let (a, b) = (accept("Premier"), accept("Second"));
    let results = [a.await.unwrap(), b.await.unwrap()];
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    let users = storage.list_users().await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(storage.memberships(users[0].id).await.unwrap().len(), 1);
});

storage_test!(
    accounts_are_managed_and_deletion_keeps_the_institutions_work,
    |storage| {
        let univ = org(
            &storage,
            "Université Gustave Eiffel",
            OrganisationKind::Institution,
        )
        .await;
        let agency = org(&storage, "Amue", OrganisationKind::Agency).await;
        let user = user_in(
            &storage,
            "prof@eiffel.example",
            &univ,
            Role::InstitutionMember,
        )
        .await;
        let renamed = storage
            .update_user_profile(
                user.id,
                &DisplayName::parse("Prof. Eiffel").unwrap(),
                Locale::En,
            )
            .await
            .unwrap();
        assert_eq!(
            (renamed.display_name.as_str(), renamed.locale),
            ("Prof. Eiffel", Locale::En)
        );
        storage
            .add_membership(user.id, agency.id, Role::InstitutionMember)
            .await
            .unwrap();
        let details = storage.membership_details(user.id).await.unwrap();
        let names: Vec<_> = details
            .iter()
            .map(|d| d.organisation.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Amue", "Université Gustave Eiffel"],
            "sorted by organisation"
        );
        storage
            .remove_membership(user.id, agency.id, Role::InstitutionMember)
            .await
            .unwrap();
        assert!(matches!(
            storage
                .remove_membership(user.id, agency.id, Role::InstitutionMember)
                .await
                .unwrap_err(),
            Error::NotFound
        ));
        assert!(matches!(
            storage
                .add_membership(UserId::new(), univ.id, Role::InstitutionMember)
                .await
                .unwrap_err(),
            Error::NotFound
        ));
        storage
            .set_password_hash(user.id, "$argon2id$new")
            .await
            .unwrap();
        assert_eq!(
            storage.password_hash(user.id).await.unwrap().as_deref(),
            Some("$argon2id$new")
        );
        assert!(matches!(
            storage
                .set_password_hash(UserId::new(), "x")
                .await
                .unwrap_err(),
            Error::NotFound
        ));

        let e = edition(&storage, "ed", Phase::CallForIrritants).await;
        domains(&storage, &["chatbot"]).await;
        let i = storage
            .create_irritant(
                e.id,
                univ.id,
                Some(user.id),
                &complete("Plannings des cours", &["chatbot"]),
            )
            .await
            .unwrap();
        storage.delete_user(user.id).await.unwrap();
        let kept = storage.get_irritant(i.id).await.unwrap().unwrap();
        assert_eq!(kept.author_id, None, "the fiche stays, without its author");
        assert!(
            storage
                .organisation_members(univ.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            storage.delete_user(user.id).await.unwrap_err(),
            Error::NotFound
        ));

        let renamed = storage
            .rename_organisation(
                univ.id,
                &OrganisationName::parse("Univ. Gustave Eiffel").unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(renamed.name.as_str(), "Univ. Gustave Eiffel");
        let other = org(
            &storage,
            "Université de Toulon",
            OrganisationKind::Institution,
        )
        .await;
        let e = storage
            .rename_organisation(
                other.id,
                &OrganisationName::parse("UNIV. GUSTAVE EIFFEL").unwrap(),
            )
            .await
            .unwrap_err();
        assert_eq!(conflict(e), "organisation-name-taken");
        assert_eq!(
            storage
                .get_organisation(other.id)
                .await
                .unwrap()
                .unwrap()
                .name
                .as_str(),
            "Université de Toulon"
        );
    }
);

storage_test!(concurrent_writers_all_succeed, |storage| {
    let univ = org(
        &storage,
        "Université de Montpellier",
        OrganisationKind::Institution,
    )
    .await;
    // Each write reads (uniqueness checks) before it writes: on SQLite, transactions that only later ask for the
    // write lock could not be serialised and would fail instead of waiting.
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let storage = storage.clone();
            tokio::spawn(async move {
                storage
                    .create_user_with_membership(
                        &new_user(&format!("user{i}@example.org")),
                        univ.id,
                        Role::InstitutionMember,
                    )
                    .await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(
        storage.organisation_members(univ.id).await.unwrap().len(),
        16
    );

    // Two sign-ups racing for one address: one account, and the other is told the address is taken.
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let storage = storage.clone();
            tokio::spawn(async move { storage.create_user(&new_user("same@example.org")).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for r in racers {
        outcomes.push(r.await.unwrap().map_err(|e| e.code()));
    }
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .any(|o| o.as_ref().err().map(String::as_str) == Some("email-taken")),
        "{outcomes:?}"
    );
});
