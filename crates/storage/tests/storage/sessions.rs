use passerelle_storage::storage_test;
use time::{Duration, OffsetDateTime};

storage_test!(sessions_load_until_they_expire, |storage| {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let expiry = now + Duration::hours(1);
    assert!(
        storage
            .session_insert("s1", "{\"user\":1}", expiry, None)
            .await
            .unwrap()
    );
    assert!(
        !storage
            .session_insert("s1", "other", expiry, None)
            .await
            .unwrap(),
        "an id is never reused"
    );
    assert_eq!(
        storage.session_load("s1", now).await.unwrap(),
        Some(("{\"user\":1}".to_owned(), expiry))
    );
    assert!(
        storage
            .session_save("s1", "{\"user\":2}", expiry + Duration::hours(1), None)
            .await
            .unwrap()
    );
    assert_eq!(
        storage.session_load("s1", now).await.unwrap().unwrap().0,
        "{\"user\":2}"
    );
    assert_eq!(
        storage
            .session_load("s1", expiry + Duration::hours(2))
            .await
            .unwrap(),
        None,
        "expired"
    );
    storage
        .session_insert("s2", "x", now - Duration::seconds(1), None)
        .await
        .unwrap();
    assert_eq!(storage.session_delete_expired(now).await.unwrap(), 1);
    storage.session_delete("s1").await.unwrap();
    assert_eq!(storage.session_load("s1", now).await.unwrap(), None);
    assert!(
        !storage
            .session_save("s1", "{}", expiry, None)
            .await
            .unwrap(),
        "an ended session is never written back"
    );
    assert_eq!(storage.session_load("s1", now).await.unwrap(), None);
    assert_eq!(
        storage
            .session_load("'; DROP TABLE sessions; --", now)
            .await
            .unwrap(),
        None
    );
});

storage_test!(an_accounts_sessions_end_together, |storage| {
    let now = OffsetDateTime::now_utc();
    let expiry = now + Duration::hours(1);
    let (a, b) = (
        passerelle_domain::UserId::new(),
        passerelle_domain::UserId::new(),
    );
    for (id, user) in [
        ("a1", Some(a)),
        ("a2", Some(a)),
        ("b1", Some(b)),
        ("visitor", None),
    ] {
        assert!(
            storage
                .session_insert(id, "{}", expiry, user)
                .await
                .unwrap()
        );
    }
    assert_eq!(storage.session_delete_of_user(a).await.unwrap(), 2);
    for (id, alive) in [
        ("a1", false),
        ("a2", false),
        ("b1", true),
        ("visitor", true),
    ] {
        assert_eq!(
            storage.session_load(id, now).await.unwrap().is_some(),
            alive,
            "{id}"
        );
    }
});

storage_test!(sign_in_attempts_count_within_their_window, |storage| {
    let now = OffsetDateTime::now_utc();
    for (account, address, minutes_ago) in [
        ("a@x.fr", "10.0.0.1", 1),
        ("a@x.fr", "10.0.0.2", 2),
        ("b@x.fr", "10.0.0.1", 3),
        ("a@x.fr", "10.0.0.1", 30),
    ] {
        storage
            .record_sign_in_attempt(account, address, now - Duration::minutes(minutes_ago))
            .await
            .unwrap();
    }
    let succeeded = storage
        .record_sign_in_attempt("a@x.fr", "10.0.0.1", now)
        .await
        .unwrap();
    storage.forget_sign_in_attempt(&succeeded).await.unwrap();
    let since = now - Duration::minutes(15);
    assert_eq!(
        storage
            .sign_in_failures_since("a@x.fr", "10.0.0.1", since)
            .await
            .unwrap(),
        (2, 2)
    );
    assert_eq!(
        storage
            .sign_in_failures_since("c@x.fr", "10.0.0.9", since)
            .await
            .unwrap(),
        (0, 0)
    );
    assert_eq!(storage.purge_sign_in_failures(since).await.unwrap(), 1);
});
