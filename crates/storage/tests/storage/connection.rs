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
