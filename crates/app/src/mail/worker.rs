//! The outbox worker: claims due mails with a lease (so several servers never send one at the same time),
//! delivers them, and on failure retries with a growing delay before giving up.

use time::Duration;
use tokio::sync::watch;

use super::Mailer;
use crate::{App, Result};

/// How long a server keeps a claimed mail before another may take it over.
const LEASE: Duration = Duration::minutes(2);
/// Mails claimed per pass.
const BATCH: i64 = 20;
/// Delay before attempt n + 1 after n failed ones; the mail is given up after the last.
const BACKOFF: [Duration; 7] = [
    Duration::minutes(1),
    Duration::minutes(5),
    Duration::minutes(15),
    Duration::hours(1),
    Duration::hours(4),
    Duration::hours(12),
    Duration::hours(24),
];

/// When to try again after `attempts` failed attempts, or `None` to give up.
pub fn retry_delay(attempts: i64) -> Option<Duration> {
    usize::try_from(attempts - 1)
        .ok()
        .and_then(|i| BACKOFF.get(i).copied())
}

/// Delivers the outbox of one app server.
pub struct OutboxWorker {
    app: App,
    mailer: Mailer,
}

impl OutboxWorker {
    pub fn new(app: App) -> anyhow::Result<OutboxWorker> {
        let mailer = Mailer::new(&app.config().mail, &app.config().mail_from)?;
        Ok(OutboxWorker { app, mailer })
    }

    /// One pass: sends every mail due now; returns how many were delivered.
    pub async fn send_due(&self) -> Result<usize> {
        let owner = &self.app.config().server_id;
        let mut sent = 0;
        loop {
            let storage = self.app.storage();
            let mails = storage
                .claim_mails(owner, self.app.now(), LEASE, BATCH)
                .await?;
            if mails.is_empty() {
                return Ok(sent);
            }
            for m in mails {
                match self.mailer.send(&m.mail).await {
                    Ok(()) => {
                        if storage.mark_mail_sent(&m.id, owner, self.app.now()).await? {
                            sent += 1;
                        }
                    }
                    Err(e) => {
                        let retry = retry_delay(m.attempts).map(|d| self.app.now() + d);
                        tracing::warn!(mail = %m.id, kind = %m.mail.kind, attempts = m.attempts,
                            given_up = retry.is_none(), error = %e, "mail not delivered");
                        storage
                            .mark_mail_failed(&m.id, owner, &e.to_string(), retry)
                            .await?;
                    }
                }
            }
        }
    }

    /// Delivers until `stop` turns true: at once when this server enqueued a mail, and every few seconds
    /// for mails enqueued by other servers or due for a retry.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        const POLL: std::time::Duration = std::time::Duration::from_secs(5);
        while !*stop.borrow() {
            if let Err(e) = self.send_due().await {
                tracing::error!(error = %e, "outbox pass failed");
            }
            tokio::select! {
                _ = self.app.mail_enqueued() => {}
                _ = tokio::time::sleep(POLL) => {}
                // A dropped sender means the server is gone: stop too.
                changed = stop.changed() => if changed.is_err() { break },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_then_give_up() {
        assert_eq!(retry_delay(1), Some(Duration::minutes(1)));
        assert_eq!(retry_delay(2), Some(Duration::minutes(5)));
        assert!(retry_delay(7) > retry_delay(6));
        assert_eq!(retry_delay(8), None);
        assert_eq!(retry_delay(0), None);
    }
}
