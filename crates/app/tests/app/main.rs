//! The use-case layer's machinery on SQLite and PostgreSQL: the mail outbox (transactional, leased,
//! retried) and the job runner (run once, taken up after a crash, results saved atomically), with a
//! clock the tests set instead of sleeping; the demo seed, and a backup of it restored on both backends.

mod backup;
mod day;
mod demo;
mod followup;
mod jobs;
mod meetings;
mod outbox;
mod personal_data;
mod results;
mod sso;
mod wishes;

use std::sync::Arc;

use passerelle_app::{App, Config, MailConfig, TestClock};
use passerelle_domain::edition::parse_date;
use passerelle_domain::*;
use passerelle_storage::{NewUser, Storage};
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

/// A server to seed the demo with.
pub fn demo_app(storage: &Storage) -> App {
    server(storage, &TestClock::at(START), "demo", broken_smtp())
}

/// A placeholder hash for accounts whose password the test does not use (hashing is slow).
pub const UNUSED_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

pub fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

pub fn new_user(address: &str) -> NewUser {
    NewUser {
        email: email(address),
        display_name: DisplayName::parse("Test User").unwrap(),
        password_hash: UNUSED_HASH.to_owned(),
        locale: Locale::Fr,
    }
}

pub fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

pub fn long(field: Field, s: &str) -> LongText {
    LongText::parse(field, s).unwrap()
}

/// A complete fiche, ready to submit.
pub fn complete(title: &str, domain_slugs: &[&str]) -> IrritantContent {
    let mut c = IrritantContent::new(IrritantTitle::parse(title).unwrap())
        .with_domains(domain_slugs.iter().map(|s| slug(s)).collect())
        .unwrap();
    c.context = Some(long(Field::Context, "Contexte"));
    c.problem = Some(long(Field::Problem, "Problème"));
    c.expected_result = Some(long(Field::ExpectedResult, "Résultat attendu"));
    c.budget = Some(BudgetRange::new(Some(10_000), Some(50_000)).unwrap());
    c
}
