//! Opportunities and their history. Every move goes through the domain's `OpportunityMove::apply` inside the
//! transaction, checks the version the caller saw (a move made on a stale page is refused), and is recorded
//! as an event; so is every change of amounts. Plain list functions (by edition, by organisation, every
//! one) are here for the pages and for whoever indexes them.

use passerelle_domain::{
    Amounts, EditionId, Euros, Field, IrritantId, IrritantTitle, LongText, MeetingId, Mover,
    OpportunityId, OpportunityMove, OpportunityOrigin, OpportunityStatus, OrganisationId,
    OrganisationName, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::{Error, Result, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_col, to_ts};

/// An opportunity with what pages show of its meeting.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Opportunity {
    pub id: OpportunityId,
    pub edition_id: EditionId,
    pub meeting_id: MeetingId,
    pub irritant_id: IrritantId,
    pub irritant_title: IrritantTitle,
    pub institution_id: OrganisationId,
    pub institution_name: OrganisationName,
    pub company_id: OrganisationId,
    pub company_name: OrganisationName,
    pub origin: OpportunityOrigin,
    pub status: OpportunityStatus,
    pub amounts: Amounts,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One step of an opportunity's history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OpportunityEvent {
    pub seq: i64,
    /// The origin's code for its creation, a move's code, or `amounts`.
    pub action: String,
    pub from: Option<OpportunityStatus>,
    pub to: OpportunityStatus,
    pub mover: Option<Mover>,
    pub comment: Option<LongText>,
    /// The amounts set, for an `amounts` step.
    pub amounts: Option<Amounts>,
    pub actor_id: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
}

const SELECT: &str = "SELECT p.id, p.edition_id, p.meeting_id, m.irritant_id, i.title AS irritant_title, \
     io.id AS inst_id, io.name AS inst_name, co.id AS comp_id, co.name AS comp_name, p.origin, p.status, \
     p.estimated_cost, p.requested, p.granted, p.co_funding, p.version, p.created_at, p.updated_at \
     FROM opportunities p JOIN meetings m ON m.id = p.meeting_id JOIN irritants i ON i.id = m.irritant_id \
     JOIN organisations io ON io.id = i.institution_id JOIN organisations co ON co.id = m.company_id";

fn euros(row: &AnyRow, col: &str, field: Field) -> Result<Option<Euros>> {
    row.try_get::<Option<i64>, _>(col)?
        .map(|v| {
            u64::try_from(v)
                .map_err(|_| Error::Corrupt(format!("{col}: {v}")))
                .and_then(|v| {
                    Euros::new(field, v).map_err(|e| Error::Corrupt(format!("{col}: {e}")))
                })
        })
        .transpose()
}

fn opportunity_from_row(row: &AnyRow) -> Result<Opportunity> {
    let amounts = Amounts::new(
        euros(row, "estimated_cost", Field::EstimatedCost)?,
        euros(row, "requested", Field::Requested)?,
        euros(row, "granted", Field::Granted)?,
        euros(row, "co_funding", Field::CoFunding)?,
    )
    .map_err(|e| Error::Corrupt(format!("opportunity amounts: {e:?}")))?;
    Ok(Opportunity {
        id: parse_id(row, "id")?,
        edition_id: parse_id(row, "edition_id")?,
        meeting_id: parse_id(row, "meeting_id")?,
        irritant_id: parse_id(row, "irritant_id")?,
        irritant_title: parse_col(row, "irritant_title", IrritantTitle::parse)?,
        institution_id: parse_id(row, "inst_id")?,
        institution_name: parse_col(row, "inst_name", OrganisationName::parse)?,
        company_id: parse_id(row, "comp_id")?,
        company_name: parse_col(row, "comp_name", OrganisationName::parse)?,
        origin: parse_col(row, "origin", OpportunityOrigin::parse)?,
        status: parse_col(row, "status", OpportunityStatus::parse)?,
        amounts,
        version: row.try_get("version")?,
        created_at: from_ts(row.try_get("created_at")?)?,
        updated_at: from_ts(row.try_get("updated_at")?)?,
    })
}

fn amount(e: Option<Euros>) -> Option<i64> {
    // At most 100 000 000: always an i64.
    e.map(|e| e.value() as i64)
}

/// A step to record.
struct Step<'a> {
    action: &'a str,
    from: Option<OpportunityStatus>,
    to: OpportunityStatus,
    mover: Option<Mover>,
    comment: Option<&'a LongText>,
    amounts: Option<&'a Amounts>,
}

impl Tx {
    async fn record_opportunity_event(
        &mut self,
        id: &str,
        step: Step<'_>,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let seq: i64 = sqlx::query(
            "SELECT CAST(COALESCE(MAX(seq), 0) + 1 AS BIGINT) AS next FROM opportunity_events \
             WHERE opportunity_id = $1",
        )
        .bind(id)
        .fetch_one(&mut *self.conn)
        .await?
        .try_get("next")?;
        let details = step
            .amounts
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO opportunity_events (opportunity_id, seq, action, from_status, to_status, mover, \
             comment, details, actor_id, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(seq)
        .bind(step.action)
        .bind(step.from.map(|s| s.as_str()))
        .bind(step.to.as_str())
        .bind(step.mover.map(|m| m.as_str()))
        .bind(step.comment.map(|c| c.as_str().to_owned()))
        .bind(details)
        .bind(actor.map(|a| a.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Opens the opportunity of a held meeting, at "follow-up contact"; `None` when the meeting already
    /// has one (opened by the other side, or proposed when both rated it).
    pub async fn create_opportunity(
        &mut self,
        edition: EditionId,
        meeting: MeetingId,
        origin: OpportunityOrigin,
        mover: Option<Mover>,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<Option<OpportunityId>> {
        let taken = sqlx::query("SELECT 1 FROM opportunities WHERE meeting_id = $1")
            .bind(meeting.to_string())
            .fetch_optional(&mut *self.conn)
            .await?;
        if taken.is_some() {
            return Ok(None);
        }
        let id = OpportunityId::new();
        let status = OpportunityStatus::FollowUpContact;
        sqlx::query(
            "INSERT INTO opportunities (id, edition_id, meeting_id, origin, status, version, created_by, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7)",
        )
        .bind(id.to_string())
        .bind(edition.to_string())
        .bind(meeting.to_string())
        .bind(origin.as_str())
        .bind(status.as_str())
        .bind(actor.map(|a| a.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        self.record_opportunity_event(
            &id.to_string(),
            Step {
                action: origin.as_str(),
                from: None,
                to: status,
                mover,
                comment: None,
                amounts: None,
            },
            actor,
            now,
        )
        .await?;
        Ok(Some(id))
    }

    /// Reads the status and version inside the transaction, refusing a stale version.
    async fn opportunity_for_update(
        &mut self,
        id: OpportunityId,
        version: Option<i64>,
    ) -> Result<(OpportunityStatus, i64)> {
        let row = sqlx::query("SELECT status, version FROM opportunities WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut *self.conn)
            .await?
            .ok_or(Error::NotFound)?;
        let current: i64 = row.try_get("version")?;
        if version.is_some_and(|v| v != current) {
            return Err(Error::Conflict("stale-opportunity"));
        }
        Ok((
            parse_col(&row, "status", OpportunityStatus::parse)?,
            current,
        ))
    }

    /// Makes a move (the domain decides whether `mover` may make it from the current state).
    #[allow(clippy::too_many_arguments)]
    pub async fn move_opportunity(
        &mut self,
        id: OpportunityId,
        mv: OpportunityMove,
        mover: Mover,
        comment: Option<&LongText>,
        version: Option<i64>,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<OpportunityStatus> {
        let (from, current) = self.opportunity_for_update(id, version).await?;
        let to = mv.apply(from, mover, comment)?;
        let done = sqlx::query(
            "UPDATE opportunities SET status = $1, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND version = $4",
        )
        .bind(to.as_str())
        .bind(to_ts(now))
        .bind(id.to_string())
        .bind(current)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("stale-opportunity"));
        }
        self.record_opportunity_event(
            &id.to_string(),
            Step {
                action: mv.as_str(),
                from: Some(from),
                to,
                mover: Some(mover),
                comment,
                amounts: None,
            },
            actor,
            now,
        )
        .await?;
        Ok(to)
    }

    /// Sets the amounts (a final opportunity keeps its own: they are what the results report).
    #[allow(clippy::too_many_arguments)]
    pub async fn set_opportunity_amounts(
        &mut self,
        id: OpportunityId,
        amounts: &Amounts,
        mover: Mover,
        comment: Option<&LongText>,
        version: Option<i64>,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let (status, current) = self.opportunity_for_update(id, version).await?;
        if status.is_final() {
            return Err(Error::Conflict("opportunity-final"));
        }
        let done = sqlx::query(
            "UPDATE opportunities SET estimated_cost = $1, requested = $2, granted = $3, co_funding = $4, \
             version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7",
        )
        .bind(amount(amounts.estimated_cost))
        .bind(amount(amounts.requested))
        .bind(amount(amounts.granted))
        .bind(amount(amounts.co_funding))
        .bind(to_ts(now))
        .bind(id.to_string())
        .bind(current)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("stale-opportunity"));
        }
        self.record_opportunity_event(
            &id.to_string(),
            Step {
                action: "amounts",
                from: Some(status),
                to: status,
                mover: Some(mover),
                comment,
                amounts: Some(amounts),
            },
            actor,
            now,
        )
        .await
    }
}

impl Storage {
    async fn opportunities_where(
        &self,
        filter: &str,
        binds: &[String],
    ) -> Result<Vec<Opportunity>> {
        let sql = format!("{SELECT} WHERE {filter} ORDER BY i.title, co.name_key");
        let rows = self.rows_with(&sql, binds).await?;
        rows.iter().map(opportunity_from_row).collect()
    }

    pub async fn get_opportunity(&self, id: OpportunityId) -> Result<Option<Opportunity>> {
        Ok(self
            .opportunities_where("p.id = $1", &[id.to_string()])
            .await?
            .into_iter()
            .next())
    }

    /// The opportunity of a meeting, if it has one.
    pub async fn opportunity_of_meeting(&self, meeting: MeetingId) -> Result<Option<Opportunity>> {
        Ok(self
            .opportunities_where("p.meeting_id = $1", &[meeting.to_string()])
            .await?
            .into_iter()
            .next())
    }

    /// Every opportunity of an edition, by irritant then company.
    pub async fn opportunities_of_edition(&self, edition: EditionId) -> Result<Vec<Opportunity>> {
        self.opportunities_where("p.edition_id = $1", &[edition.to_string()])
            .await
    }

    /// Every opportunity, all editions (for indexing and exports).
    pub async fn all_opportunities(&self) -> Result<Vec<Opportunity>> {
        self.opportunities_where("1 = 1", &[]).await
    }

    /// The opportunities, all editions, in which `organisation` is the institution or the company.
    pub async fn opportunities_of_organisation(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<Opportunity>> {
        self.opportunities_where(
            "(i.institution_id = $1 OR m.company_id = $1)",
            &[organisation.to_string()],
        )
        .await
    }

    /// An opportunity's history, oldest first.
    pub async fn opportunity_events(&self, id: OpportunityId) -> Result<Vec<OpportunityEvent>> {
        let rows = sqlx::query(
            "SELECT seq, action, from_status, to_status, mover, comment, details, actor_id, occurred_at \
             FROM opportunity_events WHERE opportunity_id = $1 ORDER BY seq",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let details: Option<String> = r.try_get("details")?;
                let amounts = details.map(|d| amounts_from_json(&d)).transpose()?;
                Ok(OpportunityEvent {
                    seq: r.try_get("seq")?,
                    action: r.try_get("action")?,
                    from: parse_opt_col(r, "from_status", OpportunityStatus::parse)?,
                    to: parse_col(r, "to_status", OpportunityStatus::parse)?,
                    mover: parse_opt_col(r, "mover", Mover::parse)?,
                    comment: parse_opt_col(r, "comment", |c| LongText::parse(Field::Comment, c))?,
                    amounts,
                    actor_id: crate::parse_opt_id(r, "actor_id")?,
                    occurred_at: from_ts(r.try_get("occurred_at")?)?,
                })
            })
            .collect()
    }
}

/// The amounts of an `amounts` step, read back through the domain's checks.
fn amounts_from_json(text: &str) -> Result<Amounts> {
    #[derive(serde::Deserialize)]
    struct Raw {
        estimated_cost: Option<u64>,
        requested: Option<u64>,
        granted: Option<u64>,
        co_funding: Option<u64>,
    }
    let corrupt = |e: String| Error::Corrupt(format!("opportunity event amounts: {e}"));
    let raw: Raw = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
    let eur = |v: Option<u64>, field| {
        v.map(|v| Euros::new(field, v))
            .transpose()
            .map_err(|e| corrupt(e.to_string()))
    };
    Amounts::new(
        eur(raw.estimated_cost, Field::EstimatedCost)?,
        eur(raw.requested, Field::Requested)?,
        eur(raw.granted, Field::Granted)?,
        eur(raw.co_funding, Field::CoFunding)?,
    )
    .map_err(|e| corrupt(format!("{e:?}")))
}
