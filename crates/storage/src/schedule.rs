//! The timetable: scheduling runs (kept with their parameters, result and placements), the live schedule
//! (where each meeting is now, with its iCalendar sequence), the changes made on the day, the secret
//! addresses of agenda feeds, and check-ins.

use passerelle_domain::{ChangeId, EditionId, MeetingId, ScheduleRunId, TableId, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::{
    Error, Result, RunStatus, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_id, to_ts,
};

/// A scheduling run: its status is a matching run's (pending, done, failed, published).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScheduleRun {
    pub id: ScheduleRunId,
    pub edition_id: EditionId,
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

/// Where a meeting is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Placement {
    pub meeting: MeetingId,
    #[serde(with = "time::serde::rfc3339")]
    pub start: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub end: OffsetDateTime,
    pub table: TableId,
}

/// A meeting's place in the live schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LivePlacement {
    pub placement: Placement,
    /// Its iCalendar SEQUENCE: 0 when published, raised on every change.
    pub sequence: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A change to the published schedule.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScheduleChange {
    pub id: ChangeId,
    pub edition_id: EditionId,
    pub seq: i64,
    /// `cancel`, `absence`, `late-request`, `table-lost`.
    pub kind: String,
    /// `previewed`, `applied`, `discarded`.
    pub status: String,
    pub input: serde_json::Value,
    pub preview: serde_json::Value,
    pub created_by: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub applied_at: Option<OffsetDateTime>,
}

const RUN_COLUMNS: &str = "id, edition_id, seq, job_id, status, parameters, result, created_by, created_at, finished_at, published_at";
const CHANGE_COLUMNS: &str =
    "id, edition_id, seq, kind, status, input, preview, created_by, created_at, applied_at";

fn opt_ts(row: &AnyRow, col: &str) -> Result<Option<OffsetDateTime>> {
    row.try_get::<Option<i64>, _>(col)?.map(from_ts).transpose()
}

fn json(row: &AnyRow, col: &str) -> Result<serde_json::Value> {
    parse_col(row, col, |s| serde_json::from_str(s))
}

fn run_from_row(row: &AnyRow) -> Result<ScheduleRun> {
    Ok(ScheduleRun {
        id: parse_id(row, "id")?,
        edition_id: parse_id(row, "edition_id")?,
        seq: row.try_get("seq")?,
        job_id: row.try_get("job_id")?,
        status: parse_col(row, "status", RunStatus::parse)?,
        parameters: json(row, "parameters")?,
        result: row
            .try_get::<Option<String>, _>("result")?
            .map(|t| serde_json::from_str(&t).map_err(|e| Error::Corrupt(format!("result: {e}"))))
            .transpose()?,
        created_by: parse_opt_id(row, "created_by")?,
        created_at: from_ts(row.try_get("created_at")?)?,
        finished_at: opt_ts(row, "finished_at")?,
        published_at: opt_ts(row, "published_at")?,
    })
}

fn placement_from_row(row: &AnyRow) -> Result<Placement> {
    Ok(Placement {
        meeting: parse_id(row, "meeting_id")?,
        start: from_ts(row.try_get("slot_start")?)?,
        end: from_ts(row.try_get("slot_end")?)?,
        table: parse_id(row, "table_id")?,
    })
}

fn change_from_row(row: &AnyRow) -> Result<ScheduleChange> {
    Ok(ScheduleChange {
        id: parse_id(row, "id")?,
        edition_id: parse_id(row, "edition_id")?,
        seq: row.try_get("seq")?,
        kind: row.try_get("kind")?,
        status: row.try_get("status")?,
        input: json(row, "input")?,
        preview: json(row, "preview")?,
        created_by: parse_opt_id(row, "created_by")?,
        created_at: from_ts(row.try_get("created_at")?)?,
        applied_at: opt_ts(row, "applied_at")?,
    })
}

impl Tx {
    /// Records a new pending scheduling run; returns its id and number in the edition.
    pub async fn create_schedule_run(
        &mut self,
        edition: EditionId,
        parameters: &serde_json::Value,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<(ScheduleRunId, i64)> {
        let seq: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM schedule_runs WHERE edition_id = $1",
        )
        .bind(edition.to_string())
        .fetch_one(&mut *self.conn)
        .await?;
        let id = ScheduleRunId::new();
        sqlx::query(
            "INSERT INTO schedule_runs (id, edition_id, seq, status, parameters, created_by, created_at) \
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

    pub async fn set_schedule_run_job(&mut self, run: ScheduleRunId, job: &str) -> Result<()> {
        sqlx::query("UPDATE schedule_runs SET job_id = $1 WHERE id = $2")
            .bind(job)
            .bind(run.to_string())
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }

    /// Saves a pending run's placements and result (`Conflict("run-not-pending")` if finished already).
    pub async fn finish_schedule_run(
        &mut self,
        run: ScheduleRunId,
        placements: &[Placement],
        result: &serde_json::Value,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE schedule_runs SET status = 'done', result = $1, finished_at = $2 WHERE id = $3 AND status = 'pending'",
        )
        .bind(result.to_string())
        .bind(to_ts(now))
        .bind(run.to_string())
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("run-not-pending"));
        }
        // Several rows per statement: a national event places tens of thousands of meetings.
        for chunk in placements.chunks(200) {
            let values: Vec<String> = (0..chunk.len())
                .map(|k| {
                    let b = k * 5;
                    format!(
                        "(${}, ${}, ${}, ${}, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO schedule_run_placements (run_id, meeting_id, slot_start, slot_end, table_id) VALUES {}",
                values.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for p in chunk {
                query = query
                    .bind(run.to_string())
                    .bind(p.meeting.to_string())
                    .bind(to_ts(p.start))
                    .bind(to_ts(p.end))
                    .bind(p.table.to_string());
            }
            query.execute(&mut *self.conn).await?;
        }
        Ok(())
    }

    /// A run that could not schedule every meeting (or whose job gave up): kept, with why.
    pub async fn fail_schedule_run(
        &mut self,
        run: ScheduleRunId,
        result: &serde_json::Value,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE schedule_runs SET status = 'failed', result = $1, finished_at = $2 WHERE id = $3 AND status = 'pending'",
        )
        .bind(result.to_string())
        .bind(to_ts(now))
        .bind(run.to_string())
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Marks a finished run as the edition's published one (the previously published run goes back to
    /// done, keeping its publication date); `Conflict("run-not-done")` unless it is done.
    pub async fn publish_schedule_run(
        &mut self,
        edition: EditionId,
        run: ScheduleRunId,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE schedule_runs SET status = 'done' WHERE edition_id = $1 AND status = 'published'",
        )
        .bind(edition.to_string())
        .execute(&mut *self.conn)
        .await?;
        let done = sqlx::query(
            "UPDATE schedule_runs SET status = 'published', published_at = $1 WHERE id = $2 AND status = 'done'",
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

    /// Puts a meeting in the live schedule; its sequence starts at 0 and rises when its place changes.
    /// Returns whether anything changed, and its sequence now.
    pub async fn place_meeting(
        &mut self,
        edition: EditionId,
        p: &Placement,
        now: OffsetDateTime,
    ) -> Result<(bool, i64)> {
        let current = sqlx::query(
            "SELECT meeting_id, slot_start, slot_end, table_id, sequence FROM meeting_placements WHERE meeting_id = $1",
        )
        .bind(p.meeting.to_string())
        .fetch_optional(&mut *self.conn)
        .await?;
        match current {
            Some(row) if placement_from_row(&row)? == *p => Ok((false, row.try_get("sequence")?)),
            Some(row) => {
                let sequence: i64 = row.try_get("sequence")?;
                sqlx::query(
                    "UPDATE meeting_placements SET slot_start = $1, slot_end = $2, table_id = $3, \
                     sequence = sequence + 1, updated_at = $4 WHERE meeting_id = $5",
                )
                .bind(to_ts(p.start))
                .bind(to_ts(p.end))
                .bind(p.table.to_string())
                .bind(to_ts(now))
                .bind(p.meeting.to_string())
                .execute(&mut *self.conn)
                .await?;
                Ok((true, sequence + 1))
            }
            None => {
                sqlx::query(
                    "INSERT INTO meeting_placements (meeting_id, edition_id, slot_start, slot_end, table_id, sequence, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 0, $6)",
                )
                .bind(p.meeting.to_string())
                .bind(edition.to_string())
                .bind(to_ts(p.start))
                .bind(to_ts(p.end))
                .bind(p.table.to_string())
                .bind(to_ts(now))
                .execute(&mut *self.conn)
                .await?;
                Ok((true, 0))
            }
        }
    }

    /// Raises a meeting's sequence without moving it (it was cancelled or taken out of the schedule: its
    /// feed entry changes); returns the new sequence.
    pub async fn touch_placement(
        &mut self,
        meeting: MeetingId,
        now: OffsetDateTime,
    ) -> Result<i64> {
        sqlx::query(
            "UPDATE meeting_placements SET sequence = sequence + 1, updated_at = $1 WHERE meeting_id = $2",
        )
        .bind(to_ts(now))
        .bind(meeting.to_string())
        .execute(&mut *self.conn)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT sequence FROM meeting_placements WHERE meeting_id = $1")
                .bind(meeting.to_string())
                .fetch_optional(&mut *self.conn)
                .await?
                .unwrap_or(0),
        )
    }

    /// Records a previewed change; returns its id and number.
    pub async fn create_change(
        &mut self,
        edition: EditionId,
        kind: &str,
        input: &serde_json::Value,
        preview: &serde_json::Value,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<(ChangeId, i64)> {
        let seq: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM schedule_changes WHERE edition_id = $1",
        )
        .bind(edition.to_string())
        .fetch_one(&mut *self.conn)
        .await?;
        let id = ChangeId::new();
        sqlx::query(
            "INSERT INTO schedule_changes (id, edition_id, seq, kind, status, input, preview, created_by, created_at) \
             VALUES ($1, $2, $3, $4, 'previewed', $5, $6, $7, $8)",
        )
        .bind(id.to_string())
        .bind(edition.to_string())
        .bind(seq)
        .bind(kind)
        .bind(input.to_string())
        .bind(preview.to_string())
        .bind(by.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok((id, seq))
    }

    /// Closes a previewed change as `applied` or `discarded` (`Conflict("change-not-previewed")` otherwise).
    pub async fn close_change(
        &mut self,
        change: ChangeId,
        applied: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE schedule_changes SET status = $1, applied_at = $2 WHERE id = $3 AND status = 'previewed'",
        )
        .bind(if applied { "applied" } else { "discarded" })
        .bind(applied.then(|| to_ts(now)))
        .bind(change.to_string())
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("change-not-previewed"));
        }
        Ok(())
    }

    /// Sets the secret of a person's feed (a new one replaces the old, which stops working).
    pub async fn set_feed_token(
        &mut self,
        user: UserId,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO agenda_feeds (user_id, token, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at",
        )
        .bind(user.to_string())
        .bind(token)
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Records a person's arrival; returns false when already checked in (the first arrival is kept).
    pub async fn check_in(
        &mut self,
        edition: EditionId,
        user: UserId,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO day_checkins (edition_id, user_id, checked_in_at, checked_in_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (edition_id, user_id) DO NOTHING",
        )
        .bind(edition.to_string())
        .bind(user.to_string())
        .bind(to_ts(now))
        .bind(by.map(|u| u.to_string()))
        .execute(&mut *self.conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

impl Storage {
    pub async fn get_schedule_run(&self, id: ScheduleRunId) -> Result<Option<ScheduleRun>> {
        let row = sqlx::query(&format!(
            "SELECT {RUN_COLUMNS} FROM schedule_runs WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(run_from_row).transpose()
    }

    /// An edition's scheduling runs, the latest first.
    pub async fn schedule_runs_of_edition(&self, edition: EditionId) -> Result<Vec<ScheduleRun>> {
        let rows = sqlx::query(&format!(
            "SELECT {RUN_COLUMNS} FROM schedule_runs WHERE edition_id = $1 ORDER BY seq DESC"
        ))
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(run_from_row).collect()
    }

    pub async fn schedule_run_placements(&self, run: ScheduleRunId) -> Result<Vec<Placement>> {
        let rows = sqlx::query(
            "SELECT meeting_id, slot_start, slot_end, table_id FROM schedule_run_placements WHERE run_id = $1 \
             ORDER BY slot_start, table_id",
        )
        .bind(run.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(placement_from_row).collect()
    }

    /// The live schedule of an edition (cancelled meetings included: see their status), by time.
    pub async fn live_placements(&self, edition: EditionId) -> Result<Vec<LivePlacement>> {
        let rows = sqlx::query(
            "SELECT meeting_id, slot_start, slot_end, table_id, sequence, updated_at FROM meeting_placements \
             WHERE edition_id = $1 ORDER BY slot_start, table_id",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LivePlacement {
                    placement: placement_from_row(r)?,
                    sequence: r.try_get("sequence")?,
                    updated_at: from_ts(r.try_get("updated_at")?)?,
                })
            })
            .collect()
    }

    /// Where the meetings of an edition in which `organisation` takes part (as the institution or the
    /// company) are held now: one person's share of [`Storage::live_placements`].
    pub async fn live_placements_of_organisation(
        &self,
        edition: EditionId,
        organisation: passerelle_domain::OrganisationId,
    ) -> Result<Vec<LivePlacement>> {
        let rows = sqlx::query(
            "SELECT p.meeting_id, p.slot_start, p.slot_end, p.table_id, p.sequence, p.updated_at \
             FROM meeting_placements p JOIN meetings m ON m.id = p.meeting_id \
             JOIN irritants i ON i.id = m.irritant_id \
             WHERE p.edition_id = $1 AND (i.institution_id = $2 OR m.company_id = $2) \
             ORDER BY p.slot_start, p.table_id",
        )
        .bind(edition.to_string())
        .bind(organisation.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LivePlacement {
                    placement: placement_from_row(r)?,
                    sequence: r.try_get("sequence")?,
                    updated_at: from_ts(r.try_get("updated_at")?)?,
                })
            })
            .collect()
    }

    /// An edition's changes, the latest first.
    pub async fn schedule_changes(&self, edition: EditionId) -> Result<Vec<ScheduleChange>> {
        let rows = sqlx::query(&format!(
            "SELECT {CHANGE_COLUMNS} FROM schedule_changes WHERE edition_id = $1 ORDER BY seq DESC"
        ))
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(change_from_row).collect()
    }

    pub async fn get_change(&self, id: ChangeId) -> Result<Option<ScheduleChange>> {
        let row = sqlx::query(&format!(
            "SELECT {CHANGE_COLUMNS} FROM schedule_changes WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(change_from_row).transpose()
    }

    /// The secret of a person's feed, if one was made.
    pub async fn feed_token(&self, user: UserId) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT token FROM agenda_feeds WHERE user_id = $1")
                .bind(user.to_string())
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Whose feed a secret opens.
    pub async fn feed_owner(&self, token: &str) -> Result<Option<UserId>> {
        let row = sqlx::query("SELECT user_id FROM agenda_feeds WHERE token = $1")
            .bind(token)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|r| parse_id(r, "user_id")).transpose()
    }

    /// Who arrived, when.
    pub async fn checkins(&self, edition: EditionId) -> Result<Vec<(UserId, OffsetDateTime)>> {
        let rows = sqlx::query(
            "SELECT user_id, checked_in_at FROM day_checkins WHERE edition_id = $1 ORDER BY checked_in_at",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse_id(r, "user_id")?,
                    from_ts(r.try_get("checked_in_at")?)?,
                ))
            })
            .collect()
    }
}
