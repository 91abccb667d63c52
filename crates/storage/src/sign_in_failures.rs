//! Sign-in attempts by account and by client address: the counts the sign-in throttle reads. An attempt
//! is recorded before its password is checked and forgotten when it succeeds, so parallel guesses count.
//! Password-reset requests are counted in the same table (`kind = 'reset'`), by the address typed and
//! by client address.

use crate::{Result, Storage, to_ts};
use sqlx::Row;
use time::OffsetDateTime;

impl Storage {
    /// Failed sign-ins since `since`: (for this account, from this address).
    pub async fn sign_in_failures_since(
        &self,
        account: &str,
        address: &str,
        since: OffsetDateTime,
    ) -> Result<(i64, i64)> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE account = $1 AND at > $3 AND kind = 'sign-in') AS by_account, \
                    (SELECT COUNT(*) FROM sign_in_failures WHERE address = $2 AND at > $3 AND kind = 'sign-in') AS by_address",
        )
        .bind(account)
        .bind(address)
        .bind(to_ts(since))
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get("by_account")?, row.try_get("by_address")?))
    }

    /// Records an attempt (before its check); returns its id, to forget it if it succeeds.
    pub async fn record_sign_in_attempt(
        &self,
        account: &str,
        address: &str,
        at: OffsetDateTime,
    ) -> Result<String> {
        let id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO sign_in_failures (id, account, address, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(account)
        .bind(address)
        .bind(to_ts(at))
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// Records a password-reset request for the typed `account` from `address`, and returns how many
    /// were recorded since `since`, this one included: (for this account, from this address).
    pub async fn record_reset_request(
        &self,
        account: &str,
        address: &str,
        at: OffsetDateTime,
        since: OffsetDateTime,
    ) -> Result<(i64, i64)> {
        sqlx::query(
            "INSERT INTO sign_in_failures (id, account, address, at, kind) VALUES ($1, $2, $3, $4, 'reset')",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(account)
        .bind(address)
        .bind(to_ts(at))
        .execute(&self.pool)
        .await?;
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE account = $1 AND at > $3 AND kind = 'reset') AS by_account, \
                    (SELECT COUNT(*) FROM sign_in_failures WHERE address = $2 AND at > $3 AND kind = 'reset') AS by_address",
        )
        .bind(account)
        .bind(address)
        .bind(to_ts(since))
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get("by_account")?, row.try_get("by_address")?))
    }

    /// Forgets an attempt that succeeded.
    pub async fn forget_sign_in_attempt(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets failures older than `before`; returns how many.
    pub async fn purge_sign_in_failures(&self, before: OffsetDateTime) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
            .bind(to_ts(before))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
