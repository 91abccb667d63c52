//! The mail outbox: mails are rows written in the transaction of the change that causes them, so a
//! rolled-back change sends nothing and a crash loses no mail. A worker claims due rows with a lease
//! (another server takes a row over only once the lease expired), sends them and marks them sent, or
//! schedules a retry.

use crate::{Backend, Error, Result, Storage, Tx, from_ts, to_ts};
use base64::Engine;
use passerelle_domain::Email;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Duration, OffsetDateTime};

/// A file sent with a mail (an `.ics` invitation, a PDF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    pub filename: String,
    /// MIME type, e.g. `text/calendar; method=REQUEST`.
    pub content_type: String,
    pub data: Vec<u8>,
}

/// A rendered mail to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    /// What it is about (`invitation`, `irritant-published`…).
    pub kind: String,
    pub to: Email,
    /// The language it was rendered in (`fr`, `en`).
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<MailAttachment>,
}

/// Where a mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MailStatus {
    Pending,
    Sent,
    /// Given up after the last attempt.
    Failed,
}

impl MailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "pending" => Ok(MailStatus::Pending),
            "sent" => Ok(MailStatus::Sent),
            "failed" => Ok(MailStatus::Failed),
            other => Err(Error::Corrupt(format!("mail status {other}"))),
        }
    }
}

/// A mail of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMail {
    pub id: String,
    pub mail: NewMail,
    pub status: MailStatus,
    /// Attempts made so far (a claimed mail counts the attempt being made).
    pub attempts: i64,
    pub next_attempt_at: OffsetDateTime,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
}

const MAIL_COLUMNS: &str = "id, kind, recipient, lang, subject, body, attachment_name, attachment_type, \
     attachment_data, status, attempts, next_attempt_at, last_error, created_at, sent_at";

fn mail_from_row(row: &AnyRow) -> Result<OutboxMail> {
    let attachment = match row.try_get::<Option<String>, _>("attachment_name")? {
        Some(filename) => {
            let data: String = row.try_get("attachment_data")?;
            Some(MailAttachment {
                filename,
                content_type: row.try_get("attachment_type")?,
                data: base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .map_err(|e| Error::Corrupt(format!("mail attachment: {e}")))?,
            })
        }
        None => None,
    };
    Ok(OutboxMail {
        id: row.try_get("id")?,
        mail: NewMail {
            kind: row.try_get("kind")?,
            to: crate::parse_col(row, "recipient", Email::parse)?,
            lang: row.try_get("lang")?,
            subject: row.try_get("subject")?,
            body: row.try_get("body")?,
            attachment,
        },
        status: MailStatus::parse(&row.try_get::<String, _>("status")?)?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: from_ts(row.try_get("next_attempt_at")?)?,
        last_error: row.try_get("last_error")?,
        created_at: from_ts(row.try_get("created_at")?)?,
        sent_at: row
            .try_get::<Option<i64>, _>("sent_at")?
            .map(from_ts)
            .transpose()?,
    })
}

impl Tx {
    /// Puts a mail in the outbox, to be sent once the transaction commits.
    pub async fn enqueue_mail(&mut self, mail: &NewMail, now: OffsetDateTime) -> Result<String> {
        let id = uuid::Uuid::new_v4().to_string();
        let (name, kind, data) = match &mail.attachment {
            Some(a) => (
                Some(a.filename.as_str()),
                Some(a.content_type.as_str()),
                Some(base64::engine::general_purpose::STANDARD.encode(&a.data)),
            ),
            None => (None, None, None),
        };
        sqlx::query(
            "INSERT INTO mail_outbox (id, kind, recipient, lang, subject, body, attachment_name, attachment_type, \
             attachment_data, status, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $10)",
        )
        .bind(&id)
        .bind(&mail.kind)
        .bind(mail.to.as_str())
        .bind(&mail.lang)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(name)
        .bind(kind)
        .bind(data)
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(id)
    }
}

impl Storage {
    /// Claims up to `limit` due mails for `owner` until `now + lease`, counting the attempt. A mail claimed
    /// by a server that stopped is claimed again once its lease expired.
    pub async fn claim_mails(
        &self,
        owner: &str,
        now: OffsetDateTime,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxMail>> {
        // PostgreSQL: concurrent claimers skip each other's rows; SQLite: the write lock serialises them.
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE mail_outbox SET lease_owner = $1, lease_expires_at = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $3 \
             AND (lease_expires_at IS NULL OR lease_expires_at <= $3) ORDER BY created_at, id LIMIT $4{lock}) \
             RETURNING {MAIL_COLUMNS}"
        );
        let mut tx = self.begin_private().await?;
        let rows = sqlx::query(&sql)
            .bind(owner)
            .bind(to_ts(now + lease))
            .bind(to_ts(now))
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut mails = rows.iter().map(mail_from_row).collect::<Result<Vec<_>>>()?;
        mails.sort_by_key(|m| m.created_at);
        Ok(mails)
    }

    /// Marks a claimed mail sent; `false` when the lease was lost meanwhile (another server has it).
    pub async fn mark_mail_sent(&self, id: &str, owner: &str, now: OffsetDateTime) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET status = 'sent', sent_at = $1, lease_owner = NULL, lease_expires_at = NULL, \
             last_error = NULL WHERE id = $2 AND lease_owner = $3 AND status = 'pending'",
        )
        .bind(to_ts(now))
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records a failed attempt: retried at `retry_at`, or given up (`failed`) without one.
    pub async fn mark_mail_failed(
        &self,
        id: &str,
        owner: &str,
        error: &str,
        retry_at: Option<OffsetDateTime>,
    ) -> Result<bool> {
        let error: String = error.chars().take(2000).collect();
        let done = match retry_at {
            Some(at) => sqlx::query(
                "UPDATE mail_outbox SET next_attempt_at = $1, last_error = $2, lease_owner = NULL, \
                 lease_expires_at = NULL WHERE id = $3 AND lease_owner = $4 AND status = 'pending'",
            )
            .bind(to_ts(at))
            .bind(&error)
            .bind(id)
            .bind(owner),
            None => sqlx::query(
                "UPDATE mail_outbox SET status = 'failed', last_error = $1, lease_owner = NULL, \
                 lease_expires_at = NULL WHERE id = $2 AND lease_owner = $3 AND status = 'pending'",
            )
            .bind(&error)
            .bind(id)
            .bind(owner),
        }
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The outbox, newest first (for the console and tests).
    pub async fn list_mails(&self, limit: i64) -> Result<Vec<OutboxMail>> {
        let rows = sqlx::query(&format!(
            "SELECT {MAIL_COLUMNS} FROM mail_outbox ORDER BY created_at DESC, id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(mail_from_row).collect()
    }

    /// The mails to one address, oldest first.
    pub async fn mails_to(&self, to: &Email) -> Result<Vec<OutboxMail>> {
        let rows = sqlx::query(&format!(
            "SELECT {MAIL_COLUMNS} FROM mail_outbox WHERE recipient = $1 ORDER BY created_at, id"
        ))
        .bind(to.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(mail_from_row).collect()
    }
}
