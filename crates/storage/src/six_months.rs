//! The six-month rating: the requests mailed to each side of each held meeting (and their one reminder),
//! and the sides' answers (the latest counts).

use passerelle_domain::{
    EditionId, Euros, Field, LongText, MeetingId, Outcome, Score, Side, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::{Error, Result, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_col, to_ts};

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SixMonthRequest {
    pub meeting_id: MeetingId,
    pub side: Side,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub reminded_at: Option<OffsetDateTime>,
}

/// A side's answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SixMonthAnswer {
    pub outcome: Outcome,
    pub amount: Option<Euros>,
    pub satisfaction: Score,
    pub comment: Option<LongText>,
}

/// An answer as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredSixMonthAnswer {
    pub meeting_id: MeetingId,
    pub side: Side,
    pub answer: SixMonthAnswer,
    pub answered_by: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub answered_at: OffsetDateTime,
}

fn request_from_row(row: &AnyRow) -> Result<SixMonthRequest> {
    Ok(SixMonthRequest {
        meeting_id: parse_id(row, "meeting_id")?,
        side: parse_col(row, "side", Side::parse)?,
        sent_at: from_ts(row.try_get("sent_at")?)?,
        reminded_at: row
            .try_get::<Option<i64>, _>("reminded_at")?
            .map(from_ts)
            .transpose()?,
    })
}

fn answer_from_row(row: &AnyRow) -> Result<StoredSixMonthAnswer> {
    let corrupt =
        |e: passerelle_domain::ValidationError| Error::Corrupt(format!("six-month answer: {e}"));
    let amount = row
        .try_get::<Option<i64>, _>("amount")?
        .map(|v| {
            u64::try_from(v)
                .map_err(|_| Error::Corrupt(format!("six-month amount {v}")))
                .and_then(|v| Euros::new(Field::Amount, v).map_err(corrupt))
        })
        .transpose()?;
    Ok(StoredSixMonthAnswer {
        meeting_id: parse_id(row, "meeting_id")?,
        side: parse_col(row, "side", Side::parse)?,
        answer: SixMonthAnswer {
            outcome: parse_col(row, "outcome", Outcome::parse)?,
            amount,
            satisfaction: Score::new(row.try_get("satisfaction")?).map_err(corrupt)?,
            comment: parse_opt_col(row, "comment", |c| LongText::parse(Field::Comment, c))?,
        },
        answered_by: crate::parse_opt_id(row, "answered_by")?,
        answered_at: from_ts(row.try_get("answered_at")?)?,
    })
}

impl Tx {
    /// Records that `side` of `meeting` was asked; `false` when it was already (nothing changes).
    pub async fn record_six_month_request(
        &mut self,
        meeting: MeetingId,
        side: Side,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let taken =
            sqlx::query("SELECT 1 FROM six_month_requests WHERE meeting_id = $1 AND side = $2")
                .bind(meeting.to_string())
                .bind(side.as_str())
                .fetch_optional(&mut *self.conn)
                .await?;
        if taken.is_some() {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO six_month_requests (meeting_id, side, sent_at) VALUES ($1, $2, $3)",
        )
        .bind(meeting.to_string())
        .bind(side.as_str())
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(true)
    }

    /// Records the one reminder; `false` when it was sent already.
    pub async fn record_six_month_reminder(
        &mut self,
        meeting: MeetingId,
        side: Side,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE six_month_requests SET reminded_at = $1 \
             WHERE meeting_id = $2 AND side = $3 AND reminded_at IS NULL",
        )
        .bind(to_ts(now))
        .bind(meeting.to_string())
        .bind(side.as_str())
        .execute(&mut *self.conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records (or replaces) `side`'s answer.
    pub async fn set_six_month_answer(
        &mut self,
        meeting: MeetingId,
        side: Side,
        answer: &SixMonthAnswer,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO six_month_answers (meeting_id, side, outcome, amount, satisfaction, comment, \
             answered_by, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (meeting_id, side) DO UPDATE SET outcome = excluded.outcome, \
             amount = excluded.amount, satisfaction = excluded.satisfaction, comment = excluded.comment, \
             answered_by = excluded.answered_by, answered_at = excluded.answered_at",
        )
        .bind(meeting.to_string())
        .bind(side.as_str())
        .bind(answer.outcome.as_str())
        // At most 100 000 000: always an i64.
        .bind(answer.amount.map(|a| a.value() as i64))
        .bind(i64::from(answer.satisfaction.value()))
        .bind(answer.comment.as_ref().map(|c| c.as_str().to_owned()))
        .bind(by.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}

impl Storage {
    /// Every request of an edition's meetings.
    pub async fn six_month_requests(&self, edition: EditionId) -> Result<Vec<SixMonthRequest>> {
        let rows = sqlx::query(
            "SELECT r.meeting_id, r.side, r.sent_at, r.reminded_at FROM six_month_requests r \
             JOIN meetings m ON m.id = r.meeting_id WHERE m.edition_id = $1 ORDER BY r.meeting_id, r.side",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(request_from_row).collect()
    }

    /// Every answer of an edition's meetings.
    pub async fn six_month_answers(&self, edition: EditionId) -> Result<Vec<StoredSixMonthAnswer>> {
        let rows = sqlx::query(
            "SELECT a.meeting_id, a.side, a.outcome, a.amount, a.satisfaction, a.comment, a.answered_by, \
             a.answered_at FROM six_month_answers a JOIN meetings m ON m.id = a.meeting_id \
             WHERE m.edition_id = $1 ORDER BY a.meeting_id, a.side",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(answer_from_row).collect()
    }

    /// Both sides' answers about one meeting.
    pub async fn six_month_answers_of_meeting(
        &self,
        meeting: MeetingId,
    ) -> Result<Vec<StoredSixMonthAnswer>> {
        let rows = sqlx::query(
            "SELECT meeting_id, side, outcome, amount, satisfaction, comment, answered_by, answered_at \
             FROM six_month_answers WHERE meeting_id = $1 ORDER BY side",
        )
        .bind(meeting.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(answer_from_row).collect()
    }
}
