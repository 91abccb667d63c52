//! What the scale benches of the app share: a deterministic generator, the application over a fresh
//! database seeded with the demo's past edition, the organiser who runs the console, the machine's load,
//! and the loop over the databases (`{PREFIX}_DB=sqlite|postgres` runs one only, so that each one's peak
//! memory is its own process's; PostgreSQL at `PASSERELLE_TEST_POSTGRES`, skipped with a notice when
//! unreachable).
//!
//! Each bench includes this module (`mod support;`) and uses part of it.
#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;

use passerelle_app::{App, Config, MailConfig, SystemClock, demo};
use passerelle_domain::{Actor, Role};
use passerelle_storage::{Storage, testing};

/// A small deterministic generator (splitmix64): the same data on both databases and every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() as f64 / u64::MAX as f64) < p
    }
}

/// The application over `storage`, with the demo seeded until its past edition (accounts, thesaurus,
/// domains), mails to a file outbox.
pub async fn app(label: &str, storage: Storage) -> App {
    let app = App::new(
        storage,
        Config {
            base_url: "http://passerelle.bench".into(),
            mail: MailConfig::Outbox(std::env::temp_dir().join("passerelle-bench-mail")),
            mail_from: "Passerelle <passerelle@localhost>".into(),
            server_id: format!("bench-{label}"),
        },
        Arc::new(SystemClock),
    );
    demo::seed_until(&app, demo::Stage::Past).await.unwrap();
    app
}

/// The demo's organiser, who starts the runs from the console.
pub async fn organiser(app: &App) -> Actor {
    let account = demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == Role::Organiser)
        .unwrap();
    let storage = app.storage();
    let user = storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .unwrap();
    storage.actor(user.id).await.unwrap()
}

/// The machine's load average, as `/proc/loadavg` gives it.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `{PREFIX}_SCALE` (default 1): a fraction of the full size, for a quick check.
pub fn scale(prefix: &str) -> f64 {
    std::env::var(format!("{prefix}_SCALE"))
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0)
}

/// Runs `bench` on a fresh SQLite database, then on a fresh PostgreSQL one, or on the one
/// `{PREFIX}_DB` names; prints the load average before and after.
pub fn on_each_database<F, Fut>(name: &str, prefix: &str, bench: F)
where
    F: Fn(&'static str, Storage) -> Fut,
    Fut: Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        println!(
            "{name}, scale {}, load average {}",
            scale(prefix),
            load_average()
        );
        let only = std::env::var(format!("{prefix}_DB")).unwrap_or_default();
        if only.is_empty() || only == "sqlite" {
            bench("sqlite", testing::fresh_sqlite().await).await;
        }
        if only.is_empty() || only == "postgres" {
            match testing::fresh_postgres().await {
                Some(pg) => bench("postgres", pg).await,
                None => eprintln!("PostgreSQL unreachable: its half of the bench is skipped"),
            }
        }
        println!("load average after: {}", load_average());
    });
}
