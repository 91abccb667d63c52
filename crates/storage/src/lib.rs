//! Passerelle's storage: one code path over SQLite (default, embedded) and PostgreSQL (national deployment),
//! through sqlx's `Any` driver and one set of migrations.
//!
//! Every write runs in a transaction and checks the domain's rules inside it, so a refused write changes
//! nothing. Values read back are parsed with the domain types: a row that no longer validates is reported as
//! corrupt rather than shown.

mod account;
mod attachments;
mod audit;
mod backup;
mod companies;
mod day;
mod documents;
mod editions;
mod error;
mod experience;
mod federated;
pub mod files;
mod funding;
mod invitations;
mod irritants;
mod jobs;
mod matching;
mod meetings;
mod opportunities;
mod organisations;
mod outbox;
pub mod password;
mod personal_data;
mod ratings;
mod recommendations;
mod results;
mod retention;
mod schedule;
mod sessions;
mod sign_in_failures;
mod six_months;
#[cfg(feature = "testing")]
pub mod testing;
mod thesaurus;
mod tx;
mod users;
mod vocabulary;
mod wishes;

pub use account::{SessionInfo, TokenPurpose};
pub use attachments::{Attachment, AttachmentOwner, NewAttachment};
pub use audit::AuditEntry;
pub use backup::{BackupSummary, MAX_BACKUP_BYTES};
pub use companies::{Participation, PipelineEntry};
pub use day::{DayTable, MeetingRule, Participant, ParticipantNeeds};
pub use documents::{DocumentSize, StoredDocument};
pub use editions::{Edition, EditionCounts, NewEdition};
pub use error::{Error, Result};
pub use experience::{ExperienceInterest, ExperienceReport};
pub use federated::{IdentityKey, LinkedIdentity, NO_PASSWORD, SignInMethods};
pub use funding::{Dossier, FundingScheme, NewScheme};
pub use invitations::{Invitation, NewInvitation};
pub use irritants::{Irritant, IrritantEvent, IrritantFilter, Provenance};
pub use jobs::{Job, JobStatus, NewJob};
pub use matching::{MatchingRun, RunPair, RunStatus};
pub use meetings::{Meeting, MeetingEvent, NewMeeting};
pub use opportunities::{Opportunity, OpportunityEvent};
pub use organisations::{JoinRequest, Organisation, OrganisationIdentifiers};
pub use outbox::{MailAttachment, MailStatus, NewMail, OutboxMail};
pub use password::{
    hash_password, hash_password_bounded, verify_password, verify_password_bounded,
};
pub use personal_data::{ERASED, Erased, Section, section_keys};
pub use ratings::StoredRating;
pub use recommendations::{Recommendation, RecommendationSet};
pub use results::EditionResults;
pub use schedule::{LivePlacement, Placement, ScheduleChange, ScheduleRun};
pub use six_months::{SixMonthAnswer, SixMonthRequest, StoredSixMonthAnswer};
pub use thesaurus::Concept;
pub(crate) use tx::RawTx;
pub use tx::Tx;
pub use users::{MembershipDetail, NewUser, User};
pub use wishes::{PairWish, StoredWish};

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};
use std::path::Path;
use std::str::FromStr;
use time::OffsetDateTime;

/// Which database a `Storage` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The application's database. Cheap to clone (a pool handle).
#[derive(Debug, Clone)]
pub struct Storage {
    pool: AnyPool,
    backend: Backend,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Storage {
    /// Connects to `sqlite:PATH` (created if missing; WAL, foreign keys on) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Storage> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(Error::Config(format!(
                "unsupported database URL scheme: {}",
                redact(url)
            )));
        };
        let mut options = AnyPoolOptions::new();
        let url = match backend {
            Backend::Sqlite => {
                if let Some(path) = files::sqlite_url_path(url) {
                    files::private_sqlite_file(path)?;
                }
                // sqlx defaults to foreign keys on; WAL lets readers proceed while one writer commits, and the
                // busy timeout makes concurrent writers wait instead of failing. The write-ahead log is
                // checkpointed every 1,000 pages and cut back to 64 MiB after each checkpoint: without the
                // limit a burst of writes left it at its largest size for good (340 MB, finding 5).
                options = options.max_connections(8).after_connect(|conn, _| {
                    Box::pin(async move {
                        use sqlx::Executor;
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 1000; PRAGMA journal_size_limit = 67108864;")
                            .await?;
                        Ok(())
                    })
                });
                if url.contains("mode=") {
                    url.to_owned()
                } else if url.contains('?') {
                    format!("{url}&mode=rwc")
                } else {
                    format!("{url}?mode=rwc")
                }
            }
            Backend::Postgres => {
                options = options.max_connections(10);
                url.to_owned()
            }
        };
        let pool = options.connect(&url).await?;
        Ok(Storage { pool, backend })
    }

    /// Opens (creating if needed) the SQLite file `path`.
    pub async fn open_sqlite_file(path: &Path) -> Result<Storage> {
        Storage::connect(&format!("sqlite://{}", path.display())).await
    }

    /// Applies the pending migrations (the same files on both backends).
    pub async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// Starts a write transaction of the application's data: it advances the content generation as it
    /// commits ([`Storage::content_generation`]). On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): our transactions read before they write, and a deferred one that asks for the lock only
    /// at its first write fails with "database is locked" instead of waiting when another writer committed
    /// meanwhile.
    pub(crate) async fn begin_raw(&self) -> Result<RawTx> {
        Ok(RawTx::new(self.begin_sqlx().await?, true))
    }

    /// Starts a write transaction that changes nothing a page built from the data shows (a session, a
    /// lease on a job or a mail): it leaves the content generation as it is, so that the public pages
    /// kept rendered stay valid while people browse and the workers poll.
    pub(crate) async fn begin_private(&self) -> Result<RawTx> {
        Ok(RawTx::new(self.begin_sqlx().await?, false))
    }

    async fn begin_sqlx(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// The content generation: a number every write transaction of the application's data advances in
    /// the database just before it commits (migration 0260), whichever server made it. Two reads that
    /// give the same number saw the same data, which is what lets a server keep pages built from it
    /// (the public pages' cache) and still show every committed write on the next request.
    pub async fn content_generation(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT generation FROM content_generation WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn is_postgres(&self) -> bool {
        self.backend == Backend::Postgres
    }

    /// The underlying pool, for health checks.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Hides the password of a database URL in messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_owned(),
    }
}

/// The current time at the precision stored (whole seconds), so that what a write returns equals what a
/// read gives back.
pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("0 is a valid nanosecond")
}

pub(crate) fn to_ts(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

impl Storage {
    /// The rows of a query whose placeholders take `binds` in order (the lists filtered by a clause).
    pub(crate) async fn rows_with(&self, sql: &str, binds: &[String]) -> Result<Vec<AnyRow>> {
        let mut query = sqlx::query(sql);
        for b in binds {
            query = query.bind(b);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }
}

pub(crate) fn from_ts(ts: i64) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(ts).map_err(|_| Error::Corrupt(format!("timestamp {ts}")))
}

/// Reads a column and parses it with a domain parser; a failure means the row is corrupt.
pub(crate) fn parse_col<T, E: std::fmt::Debug>(
    row: &AnyRow,
    col: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    let text: String = row.try_get(col)?;
    parse(&text).map_err(|e| Error::Corrupt(format!("{col}: {e:?}")))
}

pub(crate) fn parse_opt_col<T, E: std::fmt::Debug>(
    row: &AnyRow,
    col: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<Option<T>> {
    let text: Option<String> = row.try_get(col)?;
    text.map(|t| parse(&t).map_err(|e| Error::Corrupt(format!("{col}: {e:?}"))))
        .transpose()
}

pub(crate) fn parse_id<T: FromStr>(row: &AnyRow, col: &str) -> Result<T>
where
    T::Err: std::fmt::Debug,
{
    parse_col(row, col, T::from_str)
}

pub(crate) fn parse_opt_id<T: FromStr>(row: &AnyRow, col: &str) -> Result<Option<T>>
where
    T::Err: std::fmt::Debug,
{
    parse_opt_col(row, col, T::from_str)
}
