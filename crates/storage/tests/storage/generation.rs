//! The content generation (migration 0260): advanced by every committed write of the application's
//! data, whatever the path (a use case's transaction, a storage function, a restore), and by nothing
//! else: neither sessions, nor job and mail leases, nor the sign-in throttle, nor a refused write.

use super::*;
use passerelle_storage::storage_test;
use time::{Duration, OffsetDateTime};

storage_test!(
    every_committed_write_of_the_data_advances_the_generation,
    |storage| {
        let now = OffsetDateTime::now_utc();
        let start = storage.content_generation().await.unwrap();
        // What people browsing and the workers polling write leaves it as it is.
        assert!(
            storage
                .session_insert("session-1", "{}", now + Duration::hours(1), None)
                .await
                .unwrap()
        );
        storage
            .session_save("session-1", r#"{"a":1}"#, now + Duration::hours(2), None)
            .await
            .unwrap();
        storage.session_delete("session-1").await.unwrap();
        assert!(
            storage
                .claim_job(&["render-fiche"], "server", now, Duration::minutes(1))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            storage
                .claim_mails("server", now, Duration::minutes(1), 10)
                .await
                .unwrap()
                .is_empty()
        );
        storage
            .record_sign_in_attempt("personne@exemple.fr", "127.0.0.1", now)
            .await
            .unwrap();
        assert_eq!(storage.content_generation().await.unwrap(), start);

        // Data written through a storage function, then through a use case's transaction.
        let amue = org(&storage, "Amue", OrganisationKind::Agency).await;
        let after_org = storage.content_generation().await.unwrap();
        assert!(after_org > start);
        let edition = edition(&storage, "rencontres-generation", Phase::CallForIrritants).await;
        let after_edition = storage.content_generation().await.unwrap();
        assert!(after_edition > after_org);
        let mut tx = storage.begin().await.unwrap();
        tx.audit(&passerelle_storage::AuditEntry {
            actor: None,
            action: "test".into(),
            object_kind: "organisation".into(),
            object_id: Some(amue.id.to_string()),
            details: serde_json::json!({}),
            occurred_at: now,
        })
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let after_tx = storage.content_generation().await.unwrap();
        assert!(after_tx > after_edition);
        // A transaction rolled back, and a write refused, change nothing.
        let tx = storage.begin().await.unwrap();
        tx.rollback().await.unwrap();
        let title = ShortText::parse(Field::Title, "Rencontres renommées").unwrap();
        let venue = ShortText::parse(Field::Venue, "Lyon").unwrap();
        let missing = EditionId::new();
        assert!(
            storage
                .update_edition(missing, &title, &venue, edition.dates)
                .await
                .is_err()
        );
        assert_eq!(storage.content_generation().await.unwrap(), after_tx);
        // The edition's title and days (written in one statement before) are data too.
        storage
            .update_edition(edition.id, &title, &venue, edition.dates)
            .await
            .unwrap();
        let renamed = storage.content_generation().await.unwrap();
        assert!(renamed > after_tx);

        // A restore is a write of the data like any other, and the generation is not in the backup.
        let dir = std::env::temp_dir()
            .join("passerelle-tests")
            .join(uuid::Uuid::new_v4().simple().to_string());
        let file = dir.join("backup.json");
        storage.backup(&file).await.unwrap();
        let copy = match storage.backend() {
            passerelle_storage::Backend::Sqlite => {
                passerelle_storage::testing::fresh_sqlite().await
            }
            passerelle_storage::Backend::Postgres => {
                passerelle_storage::testing::fresh_postgres().await.unwrap()
            }
        };
        let empty = copy.content_generation().await.unwrap();
        copy.restore(&file).await.unwrap();
        assert!(copy.content_generation().await.unwrap() > empty);
        assert_eq!(storage.content_generation().await.unwrap(), renamed);
        passerelle_storage::testing::dispose(copy).await;
        let _ = std::fs::remove_dir_all(dir);
    }
);
