//! Storage errors, with stable codes for the web layer.

use passerelle_domain::{TransitionError, ValidationError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule would be broken; the code says which (`email-taken`, `slug-taken`…).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    InvalidTransition(#[from] TransitionError),
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// An invitation or reset link that is unknown, already used or expired (deliberately not told apart).
    #[error("invalid or expired link")]
    InvalidToken,
    #[error("configuration: {0}")]
    Config(String),
    /// A stored value no longer validates.
    #[error("corrupt data: {0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A restored value its domain type refuses (`row` counts from 1 within its table).
    #[error("restore refused: {table}, row {row}, column {column}: {problem}")]
    Restore {
        table: String,
        row: usize,
        column: String,
        problem: ValidationError,
    },
    /// More than `limit` bytes to read (a pipe, `/dev/zero`).
    #[error("input larger than {limit} bytes")]
    TooLarge { limit: u64 },
}

impl Error {
    /// A stable code for messages: `not-found`, `conflict-<what>`, `invalid-transition`, a validation code…
    pub fn code(&self) -> String {
        match self {
            Error::NotFound => "not-found".into(),
            Error::Conflict(what) => what.to_string(),
            Error::InvalidTransition(e) => e.code().into(),
            Error::Validation(e) | Error::Restore { problem: e, .. } => e.code(),
            Error::InvalidToken => "invalid-token".into(),
            Error::Config(_)
            | Error::Corrupt(_)
            | Error::Database(_)
            | Error::Migration(_)
            | Error::Io(_)
            | Error::TooLarge { .. } => "internal".into(),
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Error::NotFound,
            // Checks run inside the transaction first; this catches the race between two concurrent writers.
            sqlx::Error::Database(db) if db.is_unique_violation() => Error::Conflict("conflict"),
            _ => Error::Database(e),
        }
    }
}
