//! Passerelle's use cases, between the web (and the CLI) and storage and the engines.
//!
//! One module per step of the cycle. Every use case takes the actor and its input, and:
//! 1. **authorizes** with the domain's policy (`passerelle_domain::authorize`);
//! 2. **loads** what it needs;
//! 3. **computes** (domain rules, engines);
//! 4. **writes in one transaction** ([`App::begin`] → `Tx` → [`App::commit`]), the mails it causes
//!    ([`App::enqueue_mail`]) and an audit record ([`App::audit`]) included;
//! 5. returns a **typed outcome**, or an [`Error`] made of codes that the edge translates.
//!
//! Time comes from the injected [`Clock`]. Long work is a job ([`jobs`]); mails are sent by the outbox
//! worker ([`mail::worker`]). [`Workers`] starts both in `serve` and stops them gracefully.

pub mod account;
pub mod agendas;
pub mod attachments;
pub mod clock;
pub mod day;
pub mod day_documents;
pub mod demo;
pub mod directory;
pub mod documents;
pub mod dossier_pdf;
pub mod editions;
pub mod error;
pub mod experience;
pub mod funding;
pub mod institutions;
pub mod invitations;
pub mod irritants;
pub mod jobs;
pub mod mail;
mod maintenance;
pub mod matching;
pub mod meetings;
pub mod opportunities;
pub mod password_reset;
pub mod personal_data;
pub mod ratings;
pub mod recommendations;
pub mod registration;
pub mod reschedule;
pub mod results;
pub mod retention;
pub mod schedule;
pub mod search;
pub mod six_months;
pub mod sso;
pub mod thesaurus;
pub mod throttle;
pub mod wishes;

use std::sync::Arc;

use passerelle_domain::{Actor, UserId};
use passerelle_storage::{AuditEntry, Storage, Tx};
use time::OffsetDateTime;
use tokio::sync::{Notify, watch};

pub use clock::{Clock, SystemClock, TestClock};
pub use error::{Code, Error, Invalid, Problem, Result};
pub use mail::MailConfig;

/// Settings of the application.
#[derive(Clone, Debug)]
pub struct Config {
    /// Public address of the site, without trailing slash; used in mailed links.
    pub base_url: String,
    pub mail: MailConfig,
    pub mail_from: String,
    /// This server's name in leases (jobs, outbox): unique among the servers sharing a database.
    pub server_id: String,
}

impl Config {
    /// A server name unique on this machine and across machines (host, process, random).
    pub fn new_server_id() -> String {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "passerelle".into());
        let random = uuid::Uuid::new_v4().simple().to_string();
        format!("{host}-{}-{}", std::process::id(), &random[..8])
    }
}

/// The application: storage, clock and settings. Cheap to clone.
#[derive(Clone)]
pub struct App(Arc<Inner>);

struct Inner {
    storage: Storage,
    clock: Arc<dyn Clock>,
    config: Config,
    mail_enqueued: Notify,
    job_enqueued: Notify,
    /// The retention policy ([`App::set_retention`]); the defaults until set.
    retention: std::sync::OnceLock<retention::Policy>,
    /// Single sign-on providers, installed once at start-up ([`App::set_sso`]); none by default.
    sso: std::sync::OnceLock<sso::Providers>,
    /// Attachments' size and count, set once at start-up ([`App::set_attachment_limits`]).
    attachment_limits: std::sync::OnceLock<attachments::Limits>,
    /// The six-month rating's delays ([`App::set_six_month_delays`]); the defaults until set.
    six_months: std::sync::OnceLock<six_months::Delays>,
    /// The search index, with the content generation it was built at.
    search: search::Cache,
}

impl App {
    pub fn new(storage: Storage, config: Config, clock: Arc<dyn Clock>) -> App {
        App(Arc::new(Inner {
            storage,
            clock,
            config,
            mail_enqueued: Notify::new(),
            job_enqueued: Notify::new(),
            retention: std::sync::OnceLock::new(),
            sso: std::sync::OnceLock::new(),
            attachment_limits: std::sync::OnceLock::new(),
            six_months: std::sync::OnceLock::new(),
            search: search::Cache::default(),
        }))
    }

    pub fn storage(&self) -> &Storage {
        &self.0.storage
    }

    fn search_cache(&self) -> &search::Cache {
        &self.0.search
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// Installs the single sign-on providers (before serving; a second call is refused).
    pub fn set_sso(&self, settings: sso::SsoSettings) -> anyhow::Result<()> {
        self.0
            .sso
            .set(sso::Providers::new(settings))
            .map_err(|_| anyhow::anyhow!("single sign-on is already configured"))
    }

    /// Sets the attachments' limits (before serving; a second call is refused).
    pub fn set_attachment_limits(&self, limits: attachments::Limits) -> anyhow::Result<()> {
        self.0
            .attachment_limits
            .set(limits)
            .map_err(|_| anyhow::anyhow!("the attachment limits are already set"))
    }

    /// The attachments' limits (the defaults unless configured).
    pub fn attachment_limits(&self) -> attachments::Limits {
        *self
            .0
            .attachment_limits
            .get_or_init(attachments::Limits::default)
    }

    pub(crate) fn sso(&self) -> &sso::Providers {
        self.0.sso.get_or_init(sso::Providers::default)
    }

    /// The current time, at the precision stored (whole seconds).
    pub fn now(&self) -> OffsetDateTime {
        let now = self.0.clock.now();
        now.replace_nanosecond(0).unwrap_or(now)
    }

    /// An absolute link to `path` on the site, for mails.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.0.config.base_url)
    }

    /// Starts a use case's transaction.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(self.0.storage.begin().await?)
    }

    /// Commits a use case's transaction and wakes this server's workers for the mails and jobs it wrote.
    pub async fn commit(&self, tx: Tx) -> Result<()> {
        tx.commit().await?;
        self.0.mail_enqueued.notify_one();
        self.0.job_enqueued.notify_one();
        Ok(())
    }

    /// Records who did what to which object, with the transaction's other writes.
    pub async fn audit(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        action: &str,
        object: (&str, String),
        details: serde_json::Value,
    ) -> Result<()> {
        tx.audit(&AuditEntry {
            actor: user_id(actor),
            action: action.to_string(),
            object_kind: object.0.to_string(),
            object_id: Some(object.1),
            details,
            occurred_at: self.now(),
        })
        .await?;
        Ok(())
    }

    pub(crate) async fn mail_enqueued(&self) {
        self.0.mail_enqueued.notified().await
    }

    pub(crate) async fn job_enqueued(&self) {
        self.0.job_enqueued.notified().await
    }
}

/// The account behind an actor, if signed in.
pub fn user_id(actor: &Actor) -> Option<UserId> {
    match actor {
        Actor::User { id, .. } => Some(*id),
        Actor::Anonymous => None,
    }
}

/// The background workers of one server: the job runner and the outbox worker.
pub struct Workers {
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Workers {
    /// Starts the workers (and schedules the recurring jobs).
    pub async fn start(app: &App) -> anyhow::Result<Workers> {
        jobs::schedule_recurring(app).await?;
        let (stop, watch) = watch::channel(false);
        let outbox = mail::worker::OutboxWorker::new(app.clone())?;
        let runner = jobs::Runner::new(app.clone(), jobs::registry());
        let tasks = vec![
            tokio::spawn(outbox.run(watch.clone())),
            tokio::spawn(runner.run(watch, std::time::Duration::from_secs(20))),
        ];
        Ok(Workers { stop, tasks })
    }

    /// Stops claiming work, lets the running job and mail finish (a job gets a grace period, then is
    /// given back to another server), and returns when both workers have stopped.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}
