use passerelle_storage::storage_test;
use time::{Duration, OffsetDateTime};

storage_test!(sessions_load_until_they_expire, |storage| {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let expiry = now + Duration::hours(1);
    assert!(
        storage
            .session_insert("s1", "{\"user\":1}", expiry)
            .await
            .unwrap()
    );
    assert!(
        !storage.session_insert("s1", "other", expiry).await.unwrap(),
        "an id is never reused"
    );
    assert_eq!(
        storage.session_load("s1", now).await.unwrap(),
        Some(("{\"user\":1}".to_owned(), expiry))
    );
    storage
        .session_save("s1", "{\"user\":2}", expiry + Duration::hours(1))
        .await
        .unwrap();
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
        .session_save("s2", "x", now - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(storage.session_delete_expired(now).await.unwrap(), 1);
    storage.session_delete("s1").await.unwrap();
    assert_eq!(storage.session_load("s1", now).await.unwrap(), None);
    assert_eq!(
        storage
            .session_load("'; DROP TABLE sessions; --", now)
            .await
            .unwrap(),
        None
    );
});
