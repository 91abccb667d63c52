//! Rows for the web crate's tower-sessions store: an opaque id, the serialised record, an expiry.

use crate::{Result, Storage, from_ts, to_ts};
use sqlx::Row;
use time::OffsetDateTime;

impl Storage {
    /// Inserts a new session; returns `false` (and changes nothing) if the id is already taken, so that the
    /// store can draw another id.
    pub async fn session_insert(
        &self,
        id: &str,
        data: &str,
        expires_at: OffsetDateTime,
    ) -> Result<bool> {
        let mut tx = self.begin_raw().await?;
        let exists = sqlx::query("SELECT 1 FROM sessions WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_some() {
            return Ok(false);
        }
        sqlx::query("INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(data)
            .bind(to_ts(expires_at))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Creates or replaces a session.
    pub async fn session_save(
        &self,
        id: &str,
        data: &str,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(data)
        .bind(to_ts(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session's data and expiry, unless it is unknown or expired at `now`.
    pub async fn session_load(
        &self,
        id: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(String, OffsetDateTime)>> {
        let row =
            sqlx::query("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(to_ts(now))
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| Ok((r.try_get("data")?, from_ts(r.try_get("expires_at")?)?)))
            .transpose()
    }

    pub async fn session_delete(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes sessions expired at `now`; returns how many.
    pub async fn session_delete_expired(&self, now: OffsetDateTime) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(to_ts(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
