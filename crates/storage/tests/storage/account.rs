//! The account page's storage: an account's sessions as listed (device, signed in, last seen), ending
//! all but one, and the one-use links (single use, expiring, for one purpose, the last one only).

use passerelle_storage::{Error, TokenPurpose, storage_test};
use time::{Duration, OffsetDateTime};

use super::*;

storage_test!(
    an_accounts_sessions_are_listed_and_all_but_one_ended,
    |storage| {
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        let org = org(
            &storage,
            "Université de test",
            OrganisationKind::Institution,
        )
        .await;
        let a = user_in(&storage, "a@exemple.fr", &org, Role::InstitutionMember).await;
        let b = user_in(&storage, "b@exemple.fr", &org, Role::InstitutionMember).await;
        for (id, user, expires) in [
            ("a1", Some(a.id), now + Duration::hours(1)),
            ("a2", Some(a.id), now + Duration::hours(2)),
            ("a-old", Some(a.id), now - Duration::seconds(1)),
            ("b1", Some(b.id), now + Duration::hours(1)),
            ("visitor", None, now + Duration::hours(1)),
        ] {
            assert!(
                storage
                    .session_insert(id, "{}", expires, user)
                    .await
                    .unwrap()
            );
        }
        storage
            .session_set_device("a1", "Firefox · Linux")
            .await
            .unwrap();
        let listed = storage.sessions_of_user(a.id, now).await.unwrap();
        let ids: Vec<&str> = listed.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), 2, "the expired one is not listed: {ids:?}");
        assert!(ids.contains(&"a1") && ids.contains(&"a2"));
        let a1 = listed.iter().find(|s| s.id == "a1").unwrap();
        assert_eq!(a1.device.as_deref(), Some("Firefox · Linux"));
        let created = a1.created_at.expect("signed-in time recorded");
        assert!((created - now).abs() < Duration::minutes(1));
        assert!(a1.last_seen_at.is_some());
        let mut tx = storage.begin().await.unwrap();
        assert_eq!(tx.end_sessions_except(a.id, Some("a1")).await.unwrap(), 2);
        tx.commit().await.unwrap();
        for (id, alive) in [("a1", true), ("a2", false), ("b1", true), ("visitor", true)] {
            assert_eq!(
                storage.session_load(id, now).await.unwrap().is_some(),
                alive,
                "{id}"
            );
        }
    }
);

storage_test!(account_links_are_used_once_before_they_expire, |storage| {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let org = org(
        &storage,
        "Université de test",
        OrganisationKind::Institution,
    )
    .await;
    let a = user_in(&storage, "a@exemple.fr", &org, Role::InstitutionMember).await;
    let new = email("nouvelle@exemple.fr");
    let mut tx = storage.begin().await.unwrap();
    let first = tx
        .create_account_token(
            a.id,
            TokenPurpose::EmailChange,
            Some(&new),
            Duration::hours(24),
            now,
        )
        .await
        .unwrap();
    let second = tx
        .create_account_token(
            a.id,
            TokenPurpose::EmailChange,
            Some(&new),
            Duration::hours(24),
            now,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        storage
            .account_token(&first, TokenPurpose::EmailChange, now)
            .await
            .unwrap(),
        None,
        "a newer link replaced it"
    );
    assert_eq!(
        storage
            .account_token(&second, TokenPurpose::EmailChange, now)
            .await
            .unwrap(),
        Some((a.id, Some(new.clone())))
    );
    assert_eq!(
        storage
            .account_token(&second, TokenPurpose::Deletion, now)
            .await
            .unwrap(),
        None,
        "not for another purpose"
    );
    assert_eq!(
        storage
            .account_token(
                &second,
                TokenPurpose::EmailChange,
                now + Duration::hours(25)
            )
            .await
            .unwrap(),
        None,
        "expired"
    );
    let mut tx = storage.begin().await.unwrap();
    assert_eq!(
        tx.consume_account_token(&second, TokenPurpose::EmailChange, now)
            .await
            .unwrap(),
        (a.id, Some(new.clone()))
    );
    tx.commit().await.unwrap();
    let b = user_in(&storage, "b@exemple.fr", &org, Role::InstitutionMember).await;
    let mut tx = storage.begin().await.unwrap();
    assert!(matches!(
        tx.consume_account_token(&second, TokenPurpose::EmailChange, now)
            .await,
        Err(Error::InvalidToken)
    ));
    // An address another account holds is refused, and changes nothing.
    assert!(matches!(
        tx.set_email(a.id, &b.email).await,
        Err(Error::Conflict("email-taken"))
    ));
    tx.set_email(a.id, &new).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(storage.get_user(a.id).await.unwrap().unwrap().email, new);
});
