//! A write transaction that the use-case layer composes: several aggregates' writes, the mails they
//! cause and the audit record, committed together or not at all.
//!
//! Each aggregate module adds its own `impl Tx { … }` block of functions taking the transaction, so
//! that a use case reads `tx.invite_company(…)`, `tx.enqueue_mail(…)`, `tx.audit(…)`, then
//! `tx.commit()`. Dropping a `Tx` without committing rolls everything back.

use crate::{Backend, Result, Storage};

/// An open write transaction (on SQLite it holds the write lock from the start: `BEGIN IMMEDIATE`).
pub struct Tx {
    pub(crate) conn: RawTx,
    backend: Backend,
}

/// The transaction under [`Tx`] and the storage modules' own writes: sqlx's, plus whether committing it
/// advances the content generation ([`Storage::content_generation`]). It derefs to the connection, so
/// queries run on `&mut *tx`.
pub(crate) struct RawTx {
    conn: sqlx::Transaction<'static, sqlx::Any>,
    content: bool,
}

impl RawTx {
    pub(crate) fn new(conn: sqlx::Transaction<'static, sqlx::Any>, content: bool) -> RawTx {
        RawTx { conn, content }
    }

    /// Commits; a transaction of the application's data advances the content generation first, in the
    /// same transaction, so the number moves exactly when its writes become visible. The row is locked
    /// only from this last statement to the commit, which keeps writers of several servers from
    /// queueing behind each other's whole transactions.
    pub(crate) async fn commit(mut self) -> Result<()> {
        if self.content {
            sqlx::query("UPDATE content_generation SET generation = generation + 1 WHERE id = 1")
                .execute(&mut *self.conn)
                .await?;
        }
        self.conn.commit().await?;
        Ok(())
    }

    pub(crate) async fn rollback(self) -> Result<()> {
        self.conn.rollback().await?;
        Ok(())
    }
}

impl std::ops::Deref for RawTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for RawTx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.conn
    }
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
        self.conn.commit().await
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
        self.conn.rollback().await
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
