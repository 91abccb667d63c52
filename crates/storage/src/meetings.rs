//! Meetings and their history. Every move goes through the domain's `MeetingState::apply` inside the
//! transaction, checks the version the caller saw (a move made on a stale page is refused), and is
//! recorded as an event.

use crate::organisations::{ORG_COLUMNS, org_from_row};
use crate::{
    Error, Organisation, Result, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_col, to_ts,
};
use passerelle_domain::{
    Answer, DeclineReason, EditionId, Field, IrritantId, IrritantTitle, LongText, MeetingAction,
    MeetingId, MeetingOrigin, MeetingState, MeetingStatus, OrganisationId, Reason, RunId, Side,
    UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A meeting with what pages show of both sides.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub edition_id: EditionId,
    pub irritant_id: IrritantId,
    pub irritant_title: IrritantTitle,
    pub institution: Organisation,
    pub company: Organisation,
    pub origin: MeetingOrigin,
    pub run_id: Option<RunId>,
    pub state: MeetingState,
    /// Why it was declined or cancelled, by which side (none: the organisers).
    pub reason: Option<(Reason, Option<Side>)>,
    /// The engine's affinity when it was proposed, in [0, 1].
    pub score: Option<f64>,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A meeting to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeeting {
    pub irritant: IrritantId,
    pub company: OrganisationId,
    pub origin: MeetingOrigin,
    pub run: Option<RunId>,
    pub state: MeetingState,
    pub score: Option<f64>,
}

/// One step of a meeting's history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MeetingEvent {
    pub seq: i64,
    pub actor_id: Option<UserId>,
    pub action: String,
    pub from: Option<MeetingStatus>,
    pub to: MeetingStatus,
    pub side: Option<Side>,
    pub reason: Option<DeclineReason>,
    pub comment: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
}

fn institution_columns() -> String {
    // The institution's organisation columns, renamed so that they sit beside the company's.
    "io.id AS inst_id, io.name AS inst_name, io.kind AS inst_kind, io.created_at AS inst_created_at"
        .into()
}

fn meeting_select() -> String {
    format!(
        "SELECT m.id AS m_id, m.edition_id, m.irritant_id, i.title AS irritant_title, m.origin, m.run_id, m.status, \
         m.institution_answer, m.company_answer, m.reason, m.reason_side, m.reason_comment, m.score_micros, m.version, \
         m.created_at AS m_created_at, m.updated_at AS m_updated_at, {}, {} \
         FROM meetings m JOIN irritants i ON i.id = m.irritant_id JOIN organisations io ON io.id = i.institution_id \
         JOIN organisations o ON o.id = m.company_id",
        institution_columns(),
        ORG_COLUMNS
            .split(", ")
            .map(|c| format!("o.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// An imposed meeting keeps that fact through scheduling: the imposition is recorded in its history, and
/// its origin says so when it was added by the organiser.
fn state_from_row(row: &AnyRow, imposed: bool) -> Result<MeetingState> {
    Ok(MeetingState {
        status: parse_col(row, "status", MeetingStatus::parse)?,
        institution: parse_col(row, "institution_answer", Answer::parse)?,
        company: parse_col(row, "company_answer", Answer::parse)?,
        imposed,
    })
}

fn meeting_from_row(row: &AnyRow, imposed: bool) -> Result<Meeting> {
    let reason = match parse_opt_col(row, "reason", DeclineReason::parse)? {
        Some(code) => {
            let comment = parse_opt_col(row, "reason_comment", |s| {
                LongText::parse(Field::Comment, s)
            })?;
            let side = parse_opt_col(row, "reason_side", Side::parse)?;
            Some((Reason { code, comment }, side))
        }
        None => None,
    };
    let institution = Organisation {
        id: parse_id(row, "inst_id")?,
        name: parse_col(row, "inst_name", passerelle_domain::OrganisationName::parse)?,
        kind: parse_col(row, "inst_kind", passerelle_domain::OrganisationKind::parse)?,
        created_at: from_ts(row.try_get("inst_created_at")?)?,
    };
    Ok(Meeting {
        id: parse_id(row, "m_id")?,
        edition_id: parse_id(row, "edition_id")?,
        irritant_id: parse_id(row, "irritant_id")?,
        irritant_title: parse_col(row, "irritant_title", IrritantTitle::parse)?,
        institution,
        company: org_from_row(row)?,
        origin: parse_col(row, "origin", MeetingOrigin::parse)?,
        run_id: crate::parse_opt_id(row, "run_id")?,
        state: state_from_row(row, imposed)?,
        reason,
        score: row
            .try_get::<Option<i64>, _>("score_micros")?
            .map(|m| m as f64 / 1e6),
        version: row.try_get("version")?,
        created_at: from_ts(row.try_get("m_created_at")?)?,
        updated_at: from_ts(row.try_get("m_updated_at")?)?,
    })
}

/// Whether a meeting was ever imposed (its history says so).
async fn was_imposed(conn: &mut sqlx::AnyConnection, id: &str) -> Result<bool> {
    Ok(
        sqlx::query("SELECT 1 FROM meeting_events WHERE meeting_id = $1 AND action = 'impose'")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .is_some(),
    )
}

async fn record_event(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    event: (&str, Option<MeetingStatus>, MeetingStatus),
    side: Option<Side>,
    reason: Option<&Reason>,
    actor: Option<UserId>,
    now: OffsetDateTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO meeting_events (meeting_id, seq, actor_id, action, from_status, to_status, side, reason, comment, occurred_at) \
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM meeting_events WHERE meeting_id = $1), $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(actor.map(|a| a.to_string()))
    .bind(event.0)
    .bind(event.1.map(|s| s.as_str()))
    .bind(event.2.as_str())
    .bind(side.map(|s| s.as_str()))
    .bind(reason.map(|r| r.code.as_str()))
    .bind(reason.and_then(|r| r.comment.as_ref()).map(|c| c.as_str().to_owned()))
    .bind(to_ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Tx {
    /// Creates a meeting (proposed, or imposed) of `edition`; a pair meets at most once
    /// (`Conflict("meeting-exists")`).
    pub async fn create_meeting(
        &mut self,
        edition: EditionId,
        new: &NewMeeting,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<MeetingId> {
        let taken =
            sqlx::query("SELECT 1 FROM meetings WHERE irritant_id = $1 AND company_id = $2")
                .bind(new.irritant.to_string())
                .bind(new.company.to_string())
                .fetch_optional(&mut *self.conn)
                .await?;
        if taken.is_some() {
            return Err(Error::Conflict("meeting-exists"));
        }
        let id = MeetingId::new();
        let ts = to_ts(now);
        sqlx::query(
            "INSERT INTO meetings (id, edition_id, irritant_id, company_id, origin, run_id, status, institution_answer, \
             company_answer, score_micros, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)",
        )
        .bind(id.to_string())
        .bind(edition.to_string())
        .bind(new.irritant.to_string())
        .bind(new.company.to_string())
        .bind(new.origin.as_str())
        .bind(new.run.map(|r| r.to_string()))
        .bind(new.state.status.as_str())
        .bind(new.state.institution.as_str())
        .bind(new.state.company.as_str())
        .bind(new.score.map(|s| (s * 1e6).round() as i64))
        .bind(ts)
        .execute(&mut *self.conn)
        .await?;
        let action = if new.state.status == MeetingStatus::Imposed {
            "impose"
        } else {
            "propose"
        };
        record_event(
            &mut self.conn,
            &id.to_string(),
            (action, None, new.state.status),
            None,
            None,
            actor,
            now,
        )
        .await?;
        Ok(id)
    }

    /// Moves a meeting with the domain's state machine; `version` (when given) must be the one the caller
    /// saw (`Conflict("stale-meeting")` otherwise). A decline or a cancellation keeps its reason.
    #[allow(clippy::too_many_arguments)]
    pub async fn move_meeting(
        &mut self,
        id: MeetingId,
        action: MeetingAction,
        side: Option<Side>,
        reason: Option<&Reason>,
        version: Option<i64>,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<MeetingState> {
        let key = id.to_string();
        let row = sqlx::query("SELECT status, institution_answer, company_answer, version FROM meetings WHERE id = $1")
            .bind(&key)
            .fetch_optional(&mut *self.conn)
            .await?
            .ok_or(Error::NotFound)?;
        let current_version: i64 = row.try_get("version")?;
        if version.is_some_and(|v| v != current_version) {
            return Err(Error::Conflict("stale-meeting"));
        }
        let imposed = was_imposed(&mut self.conn, &key).await?;
        let current = state_from_row(&row, imposed)?;
        let next = current.apply(action)?;
        let keeps_reason = matches!(
            action,
            MeetingAction::DeclineByInstitution
                | MeetingAction::DeclineByCompany
                | MeetingAction::Cancel
        );
        let done = sqlx::query(
            "UPDATE meetings SET status = $1, institution_answer = $2, company_answer = $3, \
             reason = CASE WHEN $4 = 1 THEN $5 ELSE reason END, reason_side = CASE WHEN $4 = 1 THEN $6 ELSE reason_side END, \
             reason_comment = CASE WHEN $4 = 1 THEN $7 ELSE reason_comment END, version = version + 1, updated_at = $8 \
             WHERE id = $9 AND version = $10",
        )
        .bind(next.status.as_str())
        .bind(next.institution.as_str())
        .bind(next.company.as_str())
        .bind(i64::from(keeps_reason))
        .bind(reason.map(|r| r.code.as_str()))
        .bind(side.map(|s| s.as_str()))
        .bind(reason.and_then(|r| r.comment.as_ref()).map(|c| c.as_str().to_owned()))
        .bind(to_ts(now))
        .bind(&key)
        .bind(current_version)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("stale-meeting"));
        }
        record_event(
            &mut self.conn,
            &key,
            (action.as_str(), Some(current.status), next.status),
            side,
            reason,
            actor,
            now,
        )
        .await?;
        Ok(next)
    }
}

impl Storage {
    async fn meetings_where(&self, filter: &str, binds: &[String]) -> Result<Vec<Meeting>> {
        let sql = format!(
            "{} WHERE {filter} ORDER BY i.title, o.name_key",
            meeting_select()
        );
        let rows = self.rows_with(&sql, binds).await?;
        let imposed: std::collections::HashSet<String> =
            sqlx::query("SELECT DISTINCT meeting_id FROM meeting_events WHERE action = 'impose'")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>("meeting_id"))
                .collect::<std::result::Result<_, _>>()?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("m_id")?;
                meeting_from_row(r, imposed.contains(&id))
            })
            .collect()
    }

    pub async fn get_meeting(&self, id: MeetingId) -> Result<Option<Meeting>> {
        Ok(self
            .meetings_where("m.id = $1", &[id.to_string()])
            .await?
            .into_iter()
            .next())
    }

    /// Every meeting of an edition, by irritant then company.
    pub async fn meetings_of_edition(&self, edition: EditionId) -> Result<Vec<Meeting>> {
        self.meetings_where("m.edition_id = $1", &[edition.to_string()])
            .await
    }

    /// The meetings of an edition in which `organisation` takes part (as the institution or the company).
    pub async fn meetings_of_organisation(
        &self,
        edition: EditionId,
        organisation: OrganisationId,
    ) -> Result<Vec<Meeting>> {
        self.meetings_where(
            "m.edition_id = $1 AND (i.institution_id = $2 OR m.company_id = $2)",
            &[edition.to_string(), organisation.to_string()],
        )
        .await
    }

    /// A meeting's history, oldest first.
    pub async fn meeting_events(&self, id: MeetingId) -> Result<Vec<MeetingEvent>> {
        let rows = sqlx::query(
            "SELECT seq, actor_id, action, from_status, to_status, side, reason, comment, occurred_at \
             FROM meeting_events WHERE meeting_id = $1 ORDER BY seq",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MeetingEvent {
                    seq: r.try_get("seq")?,
                    actor_id: crate::parse_opt_id(r, "actor_id")?,
                    action: r.try_get("action")?,
                    from: parse_opt_col(r, "from_status", MeetingStatus::parse)?,
                    to: parse_col(r, "to_status", MeetingStatus::parse)?,
                    side: parse_opt_col(r, "side", Side::parse)?,
                    reason: parse_opt_col(r, "reason", DeclineReason::parse)?,
                    comment: r.try_get("comment")?,
                    occurred_at: from_ts(r.try_get("occurred_at")?)?,
                })
            })
            .collect()
    }
}
