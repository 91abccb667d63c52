//! Each side's rating of a meeting it held (score, follow-up wanted, comment), per round: on the day, then
//! about six months later. A side may correct its rating: the latest one counts.

use passerelle_domain::{
    EditionId, Field, FollowUp, LongText, MeetingId, Rating, RatingRound, Score, Side, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::{Result, Storage, Tx, from_ts, parse_col, parse_id, to_ts};

/// A rating as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredRating {
    pub meeting_id: MeetingId,
    pub side: Side,
    pub round: RatingRound,
    pub rating: Rating,
    pub rated_by: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub rated_at: OffsetDateTime,
}

const COLUMNS: &str =
    "r.meeting_id, r.side, r.round, r.score, r.follow_up, r.comment, r.rated_by, r.rated_at";

fn rating_from_row(row: &AnyRow) -> Result<StoredRating> {
    let score: i64 = row.try_get("score")?;
    let comment: Option<String> = row.try_get("comment")?;
    let corrupt =
        |e: passerelle_domain::ValidationError| crate::Error::Corrupt(format!("rating: {e}"));
    let comment = comment
        .map(|c| LongText::parse(Field::Comment, &c))
        .transpose()
        .map_err(corrupt)?;
    Ok(StoredRating {
        meeting_id: parse_id(row, "meeting_id")?,
        side: parse_col(row, "side", Side::parse)?,
        round: parse_col(row, "round", RatingRound::parse)?,
        rating: Rating::new(
            Score::new(score).map_err(corrupt)?,
            parse_col(row, "follow_up", FollowUp::parse)?,
            comment,
        )
        .map_err(corrupt)?,
        rated_by: crate::parse_opt_id(row, "rated_by")?,
        rated_at: from_ts(row.try_get("rated_at")?)?,
    })
}

impl Tx {
    /// Records (or replaces) `side`'s rating of a meeting for `round`; returns the sides that have rated it
    /// in that round, this one included.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_rating(
        &mut self,
        meeting: MeetingId,
        side: Side,
        round: RatingRound,
        rating: &Rating,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<Vec<Side>> {
        sqlx::query(
            "INSERT INTO meeting_ratings (meeting_id, side, round, score, follow_up, comment, rated_by, rated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (meeting_id, side, round) DO UPDATE SET score = excluded.score, \
             follow_up = excluded.follow_up, comment = excluded.comment, rated_by = excluded.rated_by, \
             rated_at = excluded.rated_at",
        )
        .bind(meeting.to_string())
        .bind(side.as_str())
        .bind(round.as_str())
        .bind(i64::from(rating.score.value()))
        .bind(rating.follow_up.as_str())
        .bind(rating.comment.as_ref().map(|c| c.as_str().to_owned()))
        .bind(by.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        let rows = sqlx::query(
            "SELECT side FROM meeting_ratings WHERE meeting_id = $1 AND round = $2 ORDER BY side",
        )
        .bind(meeting.to_string())
        .bind(round.as_str())
        .fetch_all(&mut *self.conn)
        .await?;
        rows.iter()
            .map(|r| parse_col(r, "side", Side::parse))
            .collect()
    }
}

impl Storage {
    /// Both sides' ratings of a meeting, every round.
    pub async fn ratings_of_meeting(&self, meeting: MeetingId) -> Result<Vec<StoredRating>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM meeting_ratings r WHERE r.meeting_id = $1 ORDER BY r.round, r.side"
        ))
        .bind(meeting.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(rating_from_row).collect()
    }

    /// Every rating of an edition's meetings in `round`.
    pub async fn ratings_of_edition(
        &self,
        edition: EditionId,
        round: RatingRound,
    ) -> Result<Vec<StoredRating>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM meeting_ratings r JOIN meetings m ON m.id = r.meeting_id \
             WHERE m.edition_id = $1 AND r.round = $2 ORDER BY r.meeting_id, r.side"
        ))
        .bind(edition.to_string())
        .bind(round.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(rating_from_row).collect()
    }
}
