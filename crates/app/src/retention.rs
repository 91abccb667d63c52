//! Retention of personal data: how long what is no longer needed stays, and the daily job that deletes it
//! (sent and given-up mails of the outbox, used or expired invitations, password-reset and account
//! links). The periods are configuration ([`Policy`], set once at start-up with [`App::set_retention`]);
//! the public « Données personnelles » page shows them. Expired sessions and the sign-in throttle's
//! failures are purged every hour by `maintenance`.

use time::{Duration, OffsetDateTime};

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Result};

const PURGE: &str = "purge-personal-data";
const EVERY: Duration = Duration::days(1);

/// How long personal data that served its purpose is kept, and whom people write to about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Address for questions and requests about personal data (the data protection contact).
    pub contact: String,
    /// A mail, once sent, stays in the outbox this long (to answer "did you send it?").
    pub sent_mail: Duration,
    /// A mail given up after its last attempt stays this long (for the organisers to see what failed).
    pub failed_mail: Duration,
    /// An invitation stays this long after it was used or expired.
    pub invitations: Duration,
    /// A password-reset or account link stays this long after it was used or expired.
    pub links: Duration,
}

impl Policy {
    /// The defaults, with `contact` (the sender address of the platform's mails, unless configured).
    pub fn new(contact: &str) -> Policy {
        Policy {
            contact: contact.to_owned(),
            sent_mail: Duration::days(30),
            failed_mail: Duration::days(90),
            invitations: Duration::days(90),
            links: Duration::days(7),
        }
    }

    /// The defaults, with the address of `mail_from` ("Passerelle <contact@…>") as contact.
    pub fn for_sender(mail_from: &str) -> Policy {
        let address = mail_from
            .rsplit_once('<')
            .map(|(_, a)| a.trim_end_matches('>'))
            .unwrap_or(mail_from);
        Policy::new(address.trim())
    }
}

/// What one purge deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Purged {
    pub sent_mails: u64,
    pub failed_mails: u64,
    pub invitations: u64,
    pub password_resets: u64,
    pub account_links: u64,
}

pub(crate) fn register(registry: &mut Registry) {
    registry.register(PURGE, purge_job);
}

/// The purge due at the start of the day after `after` (UTC; its key makes it unique among servers).
fn next_purge(after: OffsetDateTime) -> JobRequest {
    let day = after.unix_timestamp().div_euclid(86_400) + 1;
    let at = OffsetDateTime::from_unix_timestamp(day * 86_400).unwrap_or(after + EVERY);
    JobRequest {
        run_after: Some(at),
        unique_key: Some(format!("{PURGE}:{day}")),
        ..JobRequest::new(PURGE, serde_json::json!({}))
    }
}

/// Makes sure the daily purge is scheduled (at start-up; idempotent across servers): the next one is due
/// at the coming midnight (UTC).
pub async fn schedule(app: &App) -> Result<()> {
    let mut tx = app.begin().await?;
    app.enqueue_job(&mut tx, next_purge(app.now())).await?;
    app.commit(tx).await
}

/// Deletes what the policy no longer keeps at the app's current time.
pub async fn purge(app: &App) -> Result<Purged> {
    let policy = app.retention();
    let now = app.now();
    let storage = app.storage();
    let (sent_mails, failed_mails) = storage
        .purge_mails(now - policy.sent_mail, now - policy.failed_mail)
        .await?;
    let (invitations, password_resets, account_links) = storage
        .purge_links(now - policy.invitations, now - policy.links)
        .await?;
    Ok(Purged {
        sent_mails,
        failed_mails,
        invitations,
        password_resets,
        account_links,
    })
}

async fn purge_job(app: App, job: RunningJob) -> Result<Done> {
    let purged = purge(&app).await?;
    let mut tx = app.begin().await?;
    app.enqueue_job(&mut tx, next_purge(app.now())).await?;
    let done = job.complete(&mut tx, &purged).await?;
    app.commit(tx).await?;
    tracing::info!(?purged, "personal data past its retention deleted");
    Ok(done)
}

impl App {
    /// Installs the retention policy (before serving; a second call is refused).
    pub fn set_retention(&self, policy: Policy) -> anyhow::Result<()> {
        self.0
            .retention
            .set(policy)
            .map_err(|_| anyhow::anyhow!("the retention policy is already set"))
    }

    /// The retention policy: the configured one, else the defaults with the mails' sender as contact.
    pub fn retention(&self) -> &Policy {
        self.0
            .retention
            .get_or_init(|| Policy::for_sender(&self.0.config.mail_from))
    }
}
