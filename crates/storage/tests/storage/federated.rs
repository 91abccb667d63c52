use super::*;
use passerelle_storage::{Error, IdentityKey, NO_PASSWORD, SignInMethods, storage_test};
use time::{Duration, OffsetDateTime};

fn key(federation: &str, subject: &str) -> IdentityKey {
    IdentityKey {
        federation: federation.into(),
        issuer: "https://idp.univ-test.fr/idp/shibboleth".into(),
        subject: subject.into(),
    }
}

fn at(minutes: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap() + Duration::minutes(minutes)
}

fn conflict(e: Error) -> &'static str {
    match e {
        Error::Conflict(code) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

storage_test!(an_identity_links_to_one_account_only, |storage| {
    let alice = storage
        .create_user(&new_user("alice@univ-test.fr"))
        .await
        .unwrap();
    let bob = storage
        .create_user(&new_user("bob@univ-test.fr"))
        .await
        .unwrap();
    let k = key("renater", "alice@univ-test.fr");
    let linked = storage
        .link_identity(alice.id, &k, &alice.email, "Université de Test", at(0))
        .await
        .unwrap();
    assert_eq!(
        conflict(
            storage
                .link_identity(alice.id, &k, &alice.email, "x", at(1))
                .await
                .unwrap_err()
        ),
        "identity-already-linked"
    );
    assert_eq!(
        conflict(
            storage
                .link_identity(bob.id, &k, &bob.email, "x", at(1))
                .await
                .unwrap_err()
        ),
        "identity-linked-to-another-account"
    );
    let (user, found) = storage.user_by_identity(&k, at(5)).await.unwrap().unwrap();
    assert_eq!(user, alice);
    assert_eq!(found.id, linked.id);
    assert_eq!(found.last_used_at, at(5));
    assert_eq!(
        storage.linked_identities(alice.id).await.unwrap()[0].last_used_at,
        at(5)
    );
    assert!(
        storage
            .user_by_identity(&key("proconnect", "alice@univ-test.fr"), at(5))
            .await
            .unwrap()
            .is_none()
    );
    assert!(storage.linked_identities(bob.id).await.unwrap().is_empty());
});

storage_test!(an_account_keeps_at_least_one_way_to_sign_in, |storage| {
    let mut new = new_user("camille@agence.gouv.fr");
    new.password_hash = NO_PASSWORD.into();
    let pc = key("proconnect", "sub-1");
    let (user, first) = storage
        .create_user_with_identity(&new, &pc, "ProConnect", at(0))
        .await
        .unwrap();
    assert_eq!(
        storage
            .authenticate("camille@agence.gouv.fr", "")
            .await
            .unwrap(),
        None
    );
    let methods = storage.sign_in_methods(&[user.id]).await.unwrap();
    assert_eq!(
        methods,
        vec![(
            user.id,
            SignInMethods {
                password: false,
                federations: vec!["proconnect".into()]
            }
        )]
    );

    assert_eq!(
        conflict(
            storage
                .unlink_identity(user.id, first.id)
                .await
                .unwrap_err()
        ),
        "last-sign-in-method"
    );
    let second = storage
        .link_identity(
            user.id,
            &key("renater", "camille@univ-test.fr"),
            &user.email,
            "Université",
            at(1),
        )
        .await
        .unwrap();
    assert_eq!(
        storage.sign_in_methods(&[user.id]).await.unwrap()[0]
            .1
            .federations,
        ["proconnect", "renater"]
    );
    assert_eq!(
        storage.unlink_identity(user.id, first.id).await.unwrap().id,
        first.id
    );
    assert_eq!(
        conflict(
            storage
                .unlink_identity(user.id, second.id)
                .await
                .unwrap_err()
        ),
        "last-sign-in-method"
    );
    // With a password, the last identity may go.
    storage
        .set_password_hash(user.id, UNUSED_HASH)
        .await
        .unwrap();
    storage.unlink_identity(user.id, second.id).await.unwrap();
    assert!(storage.linked_identities(user.id).await.unwrap().is_empty());
    assert_eq!(
        storage.sign_in_methods(&[user.id]).await.unwrap()[0].1,
        SignInMethods {
            password: true,
            federations: vec![]
        }
    );

    // Someone else's identity is not found, and nothing changes.
    let other = storage
        .create_user(&new_user("other@example.org"))
        .await
        .unwrap();
    let theirs = storage
        .link_identity(
            other.id,
            &key("renater", "o@univ-test.fr"),
            &other.email,
            "U",
            at(2),
        )
        .await
        .unwrap();
    assert!(matches!(
        storage.unlink_identity(user.id, theirs.id).await,
        Err(Error::NotFound)
    ));
    assert_eq!(storage.linked_identities(other.id).await.unwrap().len(), 1);
});

storage_test!(
    an_sso_account_with_a_taken_address_is_not_created_half,
    |storage| {
        storage
            .create_user(&new_user("taken@univ-test.fr"))
            .await
            .unwrap();
        let k = key("renater", "taken@univ-test.fr");
        let err = storage
            .create_user_with_identity(&new_user("taken@univ-test.fr"), &k, "U", at(0))
            .await
            .unwrap_err();
        assert_eq!(conflict(err), "email-taken");
        assert!(storage.user_by_identity(&k, at(0)).await.unwrap().is_none());
    }
);

storage_test!(deleting_an_account_removes_its_identities, |storage| {
    let user = storage
        .create_user(&new_user("gone@univ-test.fr"))
        .await
        .unwrap();
    let k = key("renater", "gone@univ-test.fr");
    storage
        .link_identity(user.id, &k, &user.email, "U", at(0))
        .await
        .unwrap();
    storage.delete_user(user.id).await.unwrap();
    assert!(storage.user_by_identity(&k, at(1)).await.unwrap().is_none());
    let again = storage
        .create_user(&new_user("new@univ-test.fr"))
        .await
        .unwrap();
    storage
        .link_identity(again.id, &k, &again.email, "U", at(2))
        .await
        .unwrap();
});

storage_test!(an_assertion_is_accepted_once, |storage| {
    let idp = "https://idp.univ-test.fr/idp/shibboleth";
    storage
        .record_assertion(idp, "_a1", at(5), at(0))
        .await
        .unwrap();
    assert_eq!(
        conflict(
            storage
                .record_assertion(idp, "_a1", at(5), at(1))
                .await
                .unwrap_err()
        ),
        "assertion-replayed"
    );
    // The same ID from another identity provider is another assertion.
    storage
        .record_assertion("https://idp.other.fr/idp", "_a1", at(5), at(1))
        .await
        .unwrap();
    // Past its expiry the record is purged (the assertion itself is refused as expired by then).
    storage
        .record_assertion(idp, "_a2", at(20), at(10))
        .await
        .unwrap();
    storage
        .record_assertion(idp, "_a1", at(25), at(10))
        .await
        .unwrap();
});
