//! Deleting what served its purpose, for the retention policy's daily purge (`passerelle_app::retention`).

use crate::{Result, Storage, to_ts};
use time::OffsetDateTime;

impl Storage {
    /// Deletes the mails sent before `sent_before` and those given up (created) before `failed_before`;
    /// returns how many of each. Pending mails are never deleted.
    pub async fn purge_mails(
        &self,
        sent_before: OffsetDateTime,
        failed_before: OffsetDateTime,
    ) -> Result<(u64, u64)> {
        let sent = sqlx::query("DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < $1")
            .bind(to_ts(sent_before))
            .execute(&self.pool)
            .await?;
        let failed =
            sqlx::query("DELETE FROM mail_outbox WHERE status = 'failed' AND created_at < $1")
                .bind(to_ts(failed_before))
                .execute(&self.pool)
                .await?;
        Ok((sent.rows_affected(), failed.rows_affected()))
    }

    /// Deletes the invitations used or expired before `invitations_before`, and the password-reset and
    /// account links used or expired before `links_before`; returns how many of each.
    pub async fn purge_links(
        &self,
        invitations_before: OffsetDateTime,
        links_before: OffsetDateTime,
    ) -> Result<(u64, u64, u64)> {
        let invitations = sqlx::query(
            "DELETE FROM invitations WHERE used_at < $1 OR (used_at IS NULL AND expires_at < $1)",
        )
        .bind(to_ts(invitations_before))
        .execute(&self.pool)
        .await?;
        let mut counts = [0u64; 2];
        for (i, table) in ["password_resets", "account_tokens"].iter().enumerate() {
            let done = sqlx::query(&format!(
                "DELETE FROM {table} WHERE used_at < $1 OR expires_at < $1"
            ))
            .bind(to_ts(links_before))
            .execute(&self.pool)
            .await?;
            counts[i] = done.rows_affected();
        }
        Ok((invitations.rows_affected(), counts[0], counts[1]))
    }
}
