//! The use-case layer's machinery on SQLite and PostgreSQL: the mail outbox (transactional, leased,
//! retried) and the job runner (run once, taken up after a crash, results saved atomically), with a
//! clock the tests set instead of sleeping.

mod jobs;
mod outbox;

use std::sync::Arc;

use passerelle_app::{App, Config, MailConfig, TestClock};
use passerelle_storage::Storage;
use time::OffsetDateTime;
use time::macros::datetime;

/// 1 March 2027, 9 h: when the tests happen.
pub const START: OffsetDateTime = datetime!(2027-03-01 09:00 UTC);

/// An app server named `server` on `storage`, on the shared test clock, delivering mail with `mail`.
pub fn server(storage: &Storage, clock: &TestClock, server: &str, mail: MailConfig) -> App {
    App::new(
        storage.clone(),
        Config {
            base_url: "http://passerelle.test".into(),
            mail,
            mail_from: "Passerelle <passerelle@localhost>".into(),
            server_id: server.into(),
        },
        Arc::new(clock.clone()),
    )
}

/// A folder for `.eml` files, removed by the caller's test end.
pub fn mail_folder() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("passerelle-app-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An SMTP address where nothing listens: every delivery fails.
pub fn broken_smtp() -> MailConfig {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    MailConfig::Smtp(format!("smtp://127.0.0.1:{port}"))
}
