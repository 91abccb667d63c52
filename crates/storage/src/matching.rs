//! Matching runs: every run of an edition is kept with its parameters and its result (JSON), and the pairs
//! it chose. The pairs and the result are written by [`Tx::finish_run`] in the transaction that completes
//! the run's job, so a run that crashed half-way has saved nothing.

use crate::{Error, Result, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_id, to_ts};
use passerelle_domain::{
    EditionId, Field, IrritantId, OrganisationId, RunId, UserId, ValidationError,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunStatus {
    /// Waiting for, or being computed by, its job.
    Pending,
    Done,
    Failed,
    /// Its proposals were sent to both sides.
    Published,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Pending => "pending",
            RunStatus::Done => "done",
            RunStatus::Failed => "failed",
            RunStatus::Published => "published",
        }
    }

    pub(crate) fn parse(s: &str) -> std::result::Result<Self, ValidationError> {
        Ok(match s {
            "pending" => RunStatus::Pending,
            "done" => RunStatus::Done,
            "failed" => RunStatus::Failed,
            "published" => RunStatus::Published,
            _ => return Err(ValidationError::Unknown(Field::Status)),
        })
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MatchingRun {
    pub id: RunId,
    pub edition_id: EditionId,
    /// Its number in the edition (1, 2, …).
    pub seq: i64,
    pub job_id: Option<String>,
    pub status: RunStatus,
    pub parameters: serde_json::Value,
    pub result: Option<serde_json::Value>,
    pub created_by: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub finished_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
}

/// A pair a run chose.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RunPair {
    pub irritant: IrritantId,
    pub company: OrganisationId,
    /// In [0, 1].
    pub score: f64,
    /// Both sides wished it.
    pub mutual: bool,
    /// Kept by the organiser (or an existing meeting).
    pub pinned: bool,
    /// A "must meet" wish forced in.
    pub forced: bool,
}

const RUN_COLUMNS: &str = "id, edition_id, seq, job_id, status, parameters, result, created_by, created_at, finished_at, published_at";

fn opt_ts(row: &AnyRow, col: &str) -> Result<Option<OffsetDateTime>> {
    row.try_get::<Option<i64>, _>(col)?.map(from_ts).transpose()
}

fn json(text: &str, what: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("run {what}: {e}")))
}

fn run_from_row(row: &AnyRow) -> Result<MatchingRun> {
    Ok(MatchingRun {
        id: parse_id(row, "id")?,
        edition_id: parse_id(row, "edition_id")?,
        seq: row.try_get("seq")?,
        job_id: row.try_get("job_id")?,
        status: parse_col(row, "status", RunStatus::parse)?,
        parameters: json(&row.try_get::<String, _>("parameters")?, "parameters")?,
        result: row
            .try_get::<Option<String>, _>("result")?
            .map(|t| json(&t, "result"))
            .transpose()?,
        created_by: parse_opt_id(row, "created_by")?,
        created_at: from_ts(row.try_get("created_at")?)?,
        finished_at: opt_ts(row, "finished_at")?,
        published_at: opt_ts(row, "published_at")?,
    })
}

impl Tx {
    /// Records a new pending run of `edition`; returns its id and number.
    pub async fn create_run(
        &mut self,
        edition: EditionId,
        parameters: &serde_json::Value,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<(RunId, i64)> {
        let seq: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM matching_runs WHERE edition_id = $1",
        )
        .bind(edition.to_string())
        .fetch_one(&mut *self.conn)
        .await?;
        let id = RunId::new();
        sqlx::query(
            "INSERT INTO matching_runs (id, edition_id, seq, status, parameters, created_by, created_at) \
             VALUES ($1, $2, $3, 'pending', $4, $5, $6)",
        )
        .bind(id.to_string())
        .bind(edition.to_string())
        .bind(seq)
        .bind(parameters.to_string())
        .bind(by.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok((id, seq))
    }

    /// Links a run to the job computing it.
    pub async fn set_run_job(&mut self, run: RunId, job: &str) -> Result<()> {
        sqlx::query("UPDATE matching_runs SET job_id = $1 WHERE id = $2")
            .bind(job)
            .bind(run.to_string())
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }

    /// Saves a pending run's pairs and result (`Conflict("run-not-pending")` if it was finished already).
    pub async fn finish_run(
        &mut self,
        run: RunId,
        pairs: &[RunPair],
        result: &serde_json::Value,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE matching_runs SET status = 'done', result = $1, finished_at = $2 WHERE id = $3 AND status = 'pending'",
        )
        .bind(result.to_string())
        .bind(to_ts(now))
        .bind(run.to_string())
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("run-not-pending"));
        }
        // Several rows per statement: a national run saves thousands of pairs.
        for chunk in pairs.chunks(200) {
            let values: Vec<String> = (0..chunk.len())
                .map(|k| {
                    let b = k * 7;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6,
                        b + 7
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO matching_run_pairs (run_id, irritant_id, company_id, score_micros, mutual, pinned, forced) VALUES {}",
                values.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for p in chunk {
                query = query
                    .bind(run.to_string())
                    .bind(p.irritant.to_string())
                    .bind(p.company.to_string())
                    .bind((p.score * 1e6).round() as i64)
                    .bind(i64::from(p.mutual))
                    .bind(i64::from(p.pinned))
                    .bind(i64::from(p.forced));
            }
            query.execute(&mut *self.conn).await?;
        }
        Ok(())
    }

    /// A run whose job gave up: kept, with why.
    pub async fn fail_run(
        &mut self,
        run: RunId,
        result: &serde_json::Value,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE matching_runs SET status = 'failed', result = $1, finished_at = $2 WHERE id = $3 AND status = 'pending'",
        )
        .bind(result.to_string())
        .bind(to_ts(now))
        .bind(run.to_string())
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Marks a finished run published (`Conflict("run-not-done")` unless it is done).
    pub async fn publish_run(&mut self, run: RunId, now: OffsetDateTime) -> Result<()> {
        let done = sqlx::query(
            "UPDATE matching_runs SET status = 'published', published_at = $1 WHERE id = $2 AND status = 'done'",
        )
        .bind(to_ts(now))
        .bind(run.to_string())
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("run-not-done"));
        }
        Ok(())
    }
}

impl Storage {
    pub async fn get_run(&self, id: RunId) -> Result<Option<MatchingRun>> {
        let row = sqlx::query(&format!(
            "SELECT {RUN_COLUMNS} FROM matching_runs WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(run_from_row).transpose()
    }

    /// An edition's runs, the latest first.
    pub async fn runs_of_edition(&self, edition: EditionId) -> Result<Vec<MatchingRun>> {
        let rows = sqlx::query(&format!(
            "SELECT {RUN_COLUMNS} FROM matching_runs WHERE edition_id = $1 ORDER BY seq DESC"
        ))
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(run_from_row).collect()
    }

    /// The pairs a run chose, by irritant then company.
    pub async fn run_pairs(&self, run: RunId) -> Result<Vec<RunPair>> {
        let rows = sqlx::query(
            "SELECT irritant_id, company_id, score_micros, mutual, pinned, forced FROM matching_run_pairs \
             WHERE run_id = $1 ORDER BY irritant_id, company_id",
        )
        .bind(run.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RunPair {
                    irritant: parse_id(r, "irritant_id")?,
                    company: parse_id(r, "company_id")?,
                    score: r.try_get::<i64, _>("score_micros")? as f64 / 1e6,
                    mutual: r.try_get::<i64, _>("mutual")? != 0,
                    pinned: r.try_get::<i64, _>("pinned")? != 0,
                    forced: r.try_get::<i64, _>("forced")? != 0,
                })
            })
            .collect()
    }
}
