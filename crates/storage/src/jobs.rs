//! Jobs: long work recorded in the database, run once among several app servers.
//!
//! A runner claims a due job atomically (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: the write lock of
//! `BEGIN IMMEDIATE`) with a lease that it extends while working (heartbeat). A job whose lease expired — its
//! server crashed or stopped — is claimed again by the next runner. The result is written by
//! [`Tx::complete_job`] in the transaction that saves the job's other writes, after checking the lease is still
//! the runner's: a runner that lost its lease saves nothing.

use crate::{Backend, Error, Result, Storage, Tx, from_ts, parse_opt_id, to_ts};
use passerelle_domain::UserId;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Duration, OffsetDateTime};

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    /// Given up after its last attempt (the error says why).
    Failed,
    Cancelled,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "queued" => JobStatus::Queued,
            "running" => JobStatus::Running,
            "done" => JobStatus::Done,
            "failed" => JobStatus::Failed,
            "cancelled" => JobStatus::Cancelled,
            other => return Err(Error::Corrupt(format!("job status {other}"))),
        })
    }

    /// Finished, one way or another.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobStatus::Done | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

/// A job to enqueue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub kind: String,
    pub params: serde_json::Value,
    /// Not before (now for an immediate job).
    pub run_after: OffsetDateTime,
    pub max_attempts: i64,
    /// At most one job with this key exists (enqueueing another one is a no-op).
    pub unique_key: Option<String>,
    pub created_by: Option<UserId>,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub params: serde_json::Value,
    pub status: JobStatus,
    pub progress_done: i64,
    pub progress_total: i64,
    pub result: Option<serde_json::Value>,
    pub error: Option<String>,
    pub attempts: i64,
    pub max_attempts: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub run_after: OffsetDateTime,
    pub lease_owner: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub lease_expires_at: Option<OffsetDateTime>,
    pub unique_key: Option<String>,
    pub created_by: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub started_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub finished_at: Option<OffsetDateTime>,
}

const JOB_COLUMNS: &str = "id, kind, params, status, progress_done, progress_total, result, error, attempts, \
     max_attempts, run_after, lease_owner, lease_expires_at, unique_key, created_by, created_at, started_at, finished_at";

fn json(row: &AnyRow, col: &str) -> Result<Option<serde_json::Value>> {
    row.try_get::<Option<String>, _>(col)?
        .map(|t| serde_json::from_str(&t).map_err(|e| Error::Corrupt(format!("job {col}: {e}"))))
        .transpose()
}

fn opt_ts(row: &AnyRow, col: &str) -> Result<Option<OffsetDateTime>> {
    row.try_get::<Option<i64>, _>(col)?.map(from_ts).transpose()
}

fn job_from_row(row: &AnyRow) -> Result<Job> {
    Ok(Job {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        params: json(row, "params")?.unwrap_or(serde_json::Value::Null),
        status: JobStatus::parse(&row.try_get::<String, _>("status")?)?,
        progress_done: row.try_get("progress_done")?,
        progress_total: row.try_get("progress_total")?,
        result: json(row, "result")?,
        error: row.try_get("error")?,
        attempts: row.try_get("attempts")?,
        max_attempts: row.try_get("max_attempts")?,
        run_after: from_ts(row.try_get("run_after")?)?,
        lease_owner: row.try_get("lease_owner")?,
        lease_expires_at: opt_ts(row, "lease_expires_at")?,
        unique_key: row.try_get("unique_key")?,
        created_by: parse_opt_id(row, "created_by")?,
        created_at: from_ts(row.try_get("created_at")?)?,
        started_at: opt_ts(row, "started_at")?,
        finished_at: opt_ts(row, "finished_at")?,
    })
}

impl Tx {
    /// Enqueues a job with the transaction's other writes; returns its id, or `None` when a job with the same
    /// `unique_key` exists already.
    pub async fn enqueue_job(
        &mut self,
        job: &NewJob,
        now: OffsetDateTime,
    ) -> Result<Option<String>> {
        if let Some(key) = &job.unique_key {
            let existing = sqlx::query("SELECT 1 FROM jobs WHERE unique_key = $1")
                .bind(key)
                .fetch_optional(&mut *self.conn)
                .await?;
            if existing.is_some() {
                return Ok(None);
            }
        }
        let id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO jobs (id, kind, params, status, attempts, max_attempts, run_after, unique_key, created_by, created_at) \
             VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(&job.kind)
        .bind(job.params.to_string())
        .bind(job.max_attempts.max(1))
        .bind(to_ts(job.run_after))
        .bind(job.unique_key.as_deref())
        .bind(job.created_by.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(Some(id))
    }

    /// Marks a job done with its result, inside the transaction that saves the job's work. Refused
    /// (`Conflict("lease-lost")`, so the caller rolls everything back) unless `owner` still holds the lease at
    /// `now`.
    pub async fn complete_job(
        &mut self,
        id: &str,
        owner: &str,
        result: &serde_json::Value,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE jobs SET status = 'done', result = $1, error = NULL, finished_at = $2, lease_owner = NULL, \
             lease_expires_at = NULL, progress_done = progress_total \
             WHERE id = $3 AND status = 'running' AND lease_owner = $4 AND lease_expires_at > $2",
        )
        .bind(result.to_string())
        .bind(to_ts(now))
        .bind(id)
        .bind(owner)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("lease-lost"));
        }
        Ok(())
    }
}

impl Storage {
    /// Enqueues one job on its own.
    pub async fn enqueue_job(&self, job: &NewJob, now: OffsetDateTime) -> Result<Option<String>> {
        let mut tx = self.begin().await?;
        let id = tx.enqueue_job(job, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Claims the oldest due job of one of `kinds` for `owner` until `now + lease`: a queued job whose time
    /// has come, or a running one whose lease expired (its server stopped). Counts the attempt.
    pub async fn claim_job(
        &self,
        kinds: &[&str],
        owner: &str,
        now: OffsetDateTime,
        lease: Duration,
    ) -> Result<Option<Job>> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let placeholders: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 4)).collect();
        let sql = format!(
            "UPDATE jobs SET status = 'running', lease_owner = $1, lease_expires_at = $2, attempts = attempts + 1, \
             started_at = COALESCE(started_at, $3) \
             WHERE id = (SELECT id FROM jobs WHERE kind IN ({}) AND \
             ((status = 'queued' AND run_after <= $3) OR (status = 'running' AND lease_expires_at <= $3)) \
             ORDER BY run_after, created_at, id LIMIT 1{lock}) \
             RETURNING {JOB_COLUMNS}",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql)
            .bind(owner)
            .bind(to_ts(now + lease))
            .bind(to_ts(now));
        for kind in kinds {
            query = query.bind(*kind);
        }
        let mut tx = self.begin_private().await?;
        let row = query.fetch_optional(&mut *tx).await?;
        tx.commit().await?;
        row.as_ref().map(job_from_row).transpose()
    }

    /// Extends `owner`'s lease (heartbeat), optionally recording progress; `false` when the lease is lost.
    pub async fn heartbeat_job(
        &self,
        id: &str,
        owner: &str,
        now: OffsetDateTime,
        lease: Duration,
        progress: Option<(i64, i64)>,
    ) -> Result<bool> {
        let (done_n, total) = progress.unwrap_or((-1, -1));
        let done = sqlx::query(
            "UPDATE jobs SET lease_expires_at = $1, \
             progress_done = CASE WHEN $2 >= 0 THEN $2 ELSE progress_done END, \
             progress_total = CASE WHEN $3 >= 0 THEN $3 ELSE progress_total END \
             WHERE id = $4 AND status = 'running' AND lease_owner = $5 AND lease_expires_at > $6",
        )
        .bind(to_ts(now + lease))
        .bind(done_n)
        .bind(total)
        .bind(id)
        .bind(owner)
        .bind(to_ts(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records a failed attempt: queued again at `retry_at`, or `failed` for good without one.
    pub async fn fail_job(
        &self,
        id: &str,
        owner: &str,
        error: &str,
        retry_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let error: String = error.chars().take(4000).collect();
        let done = match retry_at {
            Some(at) => sqlx::query(
                "UPDATE jobs SET status = 'queued', run_after = $1, error = $2, lease_owner = NULL, \
                 lease_expires_at = NULL WHERE id = $3 AND status = 'running' AND lease_owner = $4",
            )
            .bind(to_ts(at))
            .bind(&error)
            .bind(id)
            .bind(owner),
            None => sqlx::query(
                "UPDATE jobs SET status = 'failed', error = $1, finished_at = $2, lease_owner = NULL, \
                 lease_expires_at = NULL WHERE id = $3 AND status = 'running' AND lease_owner = $4",
            )
            .bind(&error)
            .bind(to_ts(now))
            .bind(id)
            .bind(owner),
        }
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives a claimed job back (a server stopping gracefully): queued again at once, the attempt not counted.
    pub async fn release_job(&self, id: &str, owner: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL \
             WHERE id = $1 AND status = 'running' AND lease_owner = $2",
        )
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Cancels a job that has not finished (a running one stops at its next heartbeat).
    pub async fn cancel_job(&self, id: &str, now: OffsetDateTime) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET status = 'cancelled', finished_at = $1, lease_owner = NULL, lease_expires_at = NULL \
             WHERE id = $2 AND status IN ('queued', 'running')",
        )
        .bind(to_ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn get_job(&self, id: &str) -> Result<Option<Job>> {
        let row = sqlx::query(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    /// Jobs of one kind (or all), newest first.
    pub async fn list_jobs(&self, kind: Option<&str>, limit: i64) -> Result<Vec<Job>> {
        let rows = match kind {
            Some(k) => {
                sqlx::query(&format!(
                    "SELECT {JOB_COLUMNS} FROM jobs WHERE kind = $1 ORDER BY created_at DESC, id LIMIT $2"
                ))
                .bind(k)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query(&format!(
                    "SELECT {JOB_COLUMNS} FROM jobs ORDER BY created_at DESC, id LIMIT $1"
                ))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter().map(job_from_row).collect()
    }
}
