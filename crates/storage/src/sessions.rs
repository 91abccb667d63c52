//! Rows for the web crate's tower-sessions store: an opaque id, the serialised record, an expiry, and
//! the account it is signed in to (so that all of an account's sessions can be ended).

use crate::{Result, Storage, from_ts, to_ts};
use passerelle_domain::UserId;
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
        user: Option<UserId>,
    ) -> Result<bool> {
        let mut tx = self.begin_private().await?;
        let exists = sqlx::query("SELECT 1 FROM sessions WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_some() {
            return Ok(false);
        }
        let now = to_ts(crate::now());
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at, user_id, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(id)
        .bind(data)
        .bind(to_ts(expires_at))
        .bind(user.map(|u| u.to_string()))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Updates an existing session; returns `false` when it is gone. A session ended meanwhile (signed
    /// out, or by a password reset) is never written back by a request that was still running.
    pub async fn session_save(
        &self,
        id: &str,
        data: &str,
        expires_at: OffsetDateTime,
        user: Option<UserId>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE sessions SET data = $2, expires_at = $3, user_id = $4, last_seen_at = $5 WHERE id = $1",
        )
        .bind(id)
        .bind(data)
        .bind(to_ts(expires_at))
        .bind(user.map(|u| u.to_string()))
        .bind(to_ts(crate::now()))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
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

    /// Records the device a session was signed in from (browser and system, kept short), for the
    /// account page's list of sessions.
    pub async fn session_set_device(&self, id: &str, device: &str) -> Result<()> {
        sqlx::query("UPDATE sessions SET device = $2 WHERE id = $1")
            .bind(id)
            .bind(device)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn session_delete(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session signed in to `user`; returns how many.
    pub async fn session_delete_of_user(&self, user: UserId) -> Result<u64> {
        let mut conn = self.pool.acquire().await?;
        delete_sessions_of(&mut conn, user).await
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

/// Ends every session of `user` on this connection (inside a caller's transaction, e.g. a password
/// reset).
pub(crate) async fn delete_sessions_of(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
