//! Connecting, migrating, and the SQLite settings the design relies on.

use super::*;
use passerelle_storage::{Backend, Error, storage_test, testing};

#[tokio::test]
async fn unsupported_urls_are_refused_without_leaking_passwords() {
    let e = Storage::connect("mysql://admin:s3cr3t@db.example/passerelle")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
    assert!(!e.to_string().contains("s3cr3t"), "{e}");
    assert_eq!(e.code(), "internal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_file_is_created_with_wal_and_foreign_keys_and_keeps_its_data() {
    let dir = testing::fresh_sqlite_path().with_extension("d");
    let path = dir.join("nested").join("passerelle.sqlite");
    let storage = Storage::open_sqlite_file(&path).await.unwrap();
    storage.migrate().await.unwrap();
    assert_eq!(storage.backend(), Backend::Sqlite);
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(storage.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(storage.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    org(
        &storage,
        "Université de Montpellier",
        OrganisationKind::Institution,
    )
    .await;
    storage.close().await;

    let reopened = Storage::open_sqlite_file(&path).await.unwrap();
    reopened.migrate().await.unwrap();
    assert_eq!(
        reopened.list_organisations(None).await.unwrap().len(),
        1,
        "data survives a restart"
    );
    reopened.close().await;
    std::fs::remove_dir_all(dir).unwrap();
}

/// Finding 5: the write-ahead log shrinks back after checkpoints instead of keeping its largest size.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_file_bounds_its_write_ahead_log() {
    let storage = testing::fresh_sqlite().await;
    // Every pooled connection gets the settings, not only the first.
    let mut conns = Vec::new();
    for _ in 0..3 {
        conns.push(storage.pool().acquire().await.unwrap());
    }
    for conn in &mut conns {
        let limit: i64 = sqlx::query_scalar("PRAGMA journal_size_limit")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(limit, 64 * 1024 * 1024);
        let every: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(every, 1000);
    }
    drop(conns);
    testing::dispose(storage).await;
}

/// Finding 9: the database, its journal and a backup are their owner's only, in folders made 0700.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_and_backups_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = testing::fresh_sqlite_path().with_extension("d");
    let path = dir.join("data").join("passerelle.db");
    let storage = Storage::connect(&format!("sqlite:{}?mode=rwc", path.display()))
        .await
        .unwrap();
    storage.migrate().await.unwrap();
    org(&storage, "Université privée", OrganisationKind::Institution).await;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("data")), 0o700);
    for file in ["passerelle.db", "passerelle.db-wal", "passerelle.db-shm"] {
        assert_eq!(mode(&dir.join("data").join(file)), 0o600, "{file}");
    }
    let backup = dir.join("backups").join("b.json");
    storage.backup(&backup).await.unwrap();
    assert_eq!(mode(&dir.join("backups")), 0o700);
    assert_eq!(mode(&backup), 0o600);
    storage.close().await;
    // A file left world-readable by an older version is tightened when opened.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let reopened = Storage::open_sqlite_file(&path).await.unwrap();
    assert_eq!(mode(&path), 0o600);
    reopened.close().await;
    std::fs::remove_dir_all(dir).unwrap();
}

storage_test!(migrations_are_idempotent_and_foreign_keys_hold, |storage| {
    storage.migrate().await.unwrap();
    storage.migrate().await.unwrap();
    // A membership pointing nowhere is refused by the database itself, whatever the backend.
    let orphan = sqlx::query("INSERT INTO memberships (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4)")
        .bind(UserId::new().to_string())
        .bind(OrganisationId::new().to_string())
        .bind("organiser")
        .bind(0_i64)
        .execute(storage.pool())
        .await;
    assert!(orphan.is_err());
    assert_eq!(
        storage.is_postgres(),
        storage.backend() == Backend::Postgres
    );
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_postgres_database_is_migrated_by_connect_and_migrate() {
    let Some(url) = testing::fresh_postgres_url().await else {
        return;
    };
    let storage = Storage::connect(&url).await.unwrap();
    assert!(storage.is_postgres());
    storage.migrate().await.unwrap();
    assert!(storage.list_editions().await.unwrap().is_empty());
    testing::dispose(storage).await;
}
