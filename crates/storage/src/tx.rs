//! A write transaction that the use-case layer composes: several aggregates' writes, the mails they
//! cause and the audit record, committed together or not at all.
//!
//! Each aggregate module adds its own `impl Tx { … }` block of functions taking the transaction, so
//! that a use case reads `tx.invite_company(…)`, `tx.enqueue_mail(…)`, `tx.audit(…)`, then
//! `tx.commit()`. Dropping a `Tx` without committing rolls everything back.

use crate::{Backend, Result, Storage};

/// An open write transaction (on SQLite it holds the write lock from the start: `BEGIN IMMEDIATE`).
pub struct Tx {
    pub(crate) conn: sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("backend", &self.backend)
            .finish()
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Makes every write of the transaction durable.
    pub async fn commit(self) -> Result<()> {
        self.conn.commit().await?;
        Ok(())
    }

    /// Whether the database holds no organisation, account or edition yet (the demo seeds only such a one).
    pub async fn is_empty_database(&mut self) -> Result<bool> {
        let used: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM organisations) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM editions)",
        )
        .fetch_one(&mut *self.conn)
        .await?;
        Ok(used == 0)
    }

    /// Undoes every write (also what dropping the transaction does).
    pub async fn rollback(self) -> Result<()> {
        self.conn.rollback().await?;
        Ok(())
    }
}

impl Storage {
    /// Starts a write transaction for a use case.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(Tx {
            conn: self.begin_raw().await?,
            backend: self.backend,
        })
    }
}
