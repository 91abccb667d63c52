//! Fresh, migrated databases for tests (feature `testing`), on SQLite and PostgreSQL.
//!
//! PostgreSQL is the one at `PASSERELLE_TEST_POSTGRES` (default `postgres://postgres@127.0.0.1:5432/test`); each
//! call creates a new database there. When it is unreachable the PostgreSQL half of a test is skipped with a loud
//! notice, except with `CI=true`, where it fails.

use crate::Storage;
use std::path::PathBuf;

/// The server used to create test databases.
pub fn postgres_admin_url() -> String {
    std::env::var("PASSERELLE_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A new SQLite file (in the system's temporary directory), migrated.
pub async fn fresh_sqlite() -> Storage {
    let path = fresh_sqlite_path();
    let storage = Storage::open_sqlite_file(&path)
        .await
        .expect("open a fresh SQLite file");
    storage
        .migrate()
        .await
        .expect("migrate a fresh SQLite database");
    storage
}

/// A path for a new SQLite file, not created yet.
pub fn fresh_sqlite_path() -> PathBuf {
    std::env::temp_dir()
        .join("passerelle-tests")
        .join(format!("{}.sqlite", uuid::Uuid::new_v4().simple()))
}

/// A new PostgreSQL database, migrated; `None` (after a loud notice) when PostgreSQL is unreachable outside CI.
pub async fn fresh_postgres() -> Option<Storage> {
    let url = fresh_postgres_url().await?;
    let storage = Storage::connect(&url)
        .await
        .expect("connect to the fresh PostgreSQL database");
    storage
        .migrate()
        .await
        .expect("migrate a fresh PostgreSQL database");
    Some(storage)
}

/// Creates a new empty PostgreSQL database and returns its URL; `None` when PostgreSQL is unreachable outside CI.
pub async fn fresh_postgres_url() -> Option<String> {
    use sqlx::Connection;
    let admin_url = postgres_admin_url();
    let mut admin = match sqlx::PgConnection::connect(&admin_url).await {
        Ok(conn) => conn,
        Err(e) if !in_ci() => {
            eprintln!(
                "\n==================== POSTGRESQL TEST SKIPPED ====================\n\
                 PostgreSQL at {admin_url} is unreachable ({e}).\n\
                 This test ran on SQLite only. With CI=true it would fail.\n\
                 ================================================================\n"
            );
            return None;
        }
        Err(e) => panic!("CI=true and PostgreSQL at {admin_url} is unreachable: {e}"),
    };
    let name = format!("passerelle_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    let _ = admin.close().await;
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(base, _)| base);
    Some(format!("{base}/{name}"))
}

/// Another connection pool on `storage`'s database, as a second app server of the same database has.
pub async fn same_database(storage: &Storage) -> Storage {
    let url = match storage.backend() {
        crate::Backend::Postgres => {
            let name: String = sqlx::query_scalar("SELECT current_database()::text")
                .fetch_one(storage.pool())
                .await
                .expect("the database's name");
            let admin_url = postgres_admin_url();
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(base, _)| base);
            format!("{base}/{name}")
        }
        crate::Backend::Sqlite => {
            let file: String =
                sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                    .fetch_one(storage.pool())
                    .await
                    .expect("the database's file");
            format!("sqlite://{file}")
        }
    };
    Storage::connect(&url)
        .await
        .expect("a second connection to the test database")
}

/// How many session rows the database holds (expired ones included).
pub async fn session_rows(storage: &Storage) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(storage.pool())
        .await
        .expect("count sessions")
}

/// Removes a test database after a test that passed (a failed test keeps it, for inspection): drops the
/// PostgreSQL database, or deletes the SQLite file. Only databases made by this module are touched.
pub async fn dispose(storage: Storage) {
    let outcome = match storage.backend() {
        crate::Backend::Postgres => dispose_postgres(&storage).await,
        crate::Backend::Sqlite => dispose_sqlite(&storage).await,
    };
    if let Err(e) = outcome {
        eprintln!("note: could not remove a test database: {e}");
    }
}

async fn dispose_postgres(storage: &Storage) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    let name: String = sqlx::query_scalar("SELECT current_database()::text")
        .fetch_one(storage.pool())
        .await?;
    storage.close().await;
    if !name.starts_with("passerelle_test_") {
        return Ok(());
    }
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url()).await?;
    sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await?;
    admin.close().await
}

async fn dispose_sqlite(storage: &Storage) -> Result<(), sqlx::Error> {
    let file: String =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(storage.pool())
            .await?;
    storage.close().await;
    let file = PathBuf::from(file);
    if file.starts_with(std::env::temp_dir().join("passerelle-tests")) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = file.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(())
}

/// Runs the same async test body on a fresh SQLite database and on a fresh PostgreSQL database, as two tests
/// named `<name>::sqlite` and `<name>::postgres`:
///
/// ```ignore
/// storage_test!(creates_users, |storage| { storage.create_user(&new).await.unwrap(); });
/// ```
#[macro_export]
macro_rules! storage_test {
    ($name:ident, |$storage:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $storage = $crate::testing::fresh_sqlite().await;
                let disposal = $storage.clone();
                $body;
                $crate::testing::dispose(disposal).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($storage) = $crate::testing::fresh_postgres().await else {
                    return;
                };
                let disposal = $storage.clone();
                $body;
                $crate::testing::dispose(disposal).await;
            }
        }
    };
}
