//! The day's set-up: the time plan, the tables, each participant's unavailable slots and access needs, and
//! the organiser's rules on meetings (fixed slot or table, locked, precedences).

use std::collections::BTreeMap;

use passerelle_domain::{
    DayPlan, EditionId, Field, IrritantId, MeetingId, OrganisationId, ShortText, TableId,
    TableSpec, UserId, ValidationError,
};
use sqlx::Row;
use time::OffsetDateTime;

use crate::{Error, Result, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_id, to_ts};

/// Someone who cannot be in two meetings at once: an irritant's team, or a company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum Participant {
    Irritant(IrritantId),
    Company(OrganisationId),
}

impl Participant {
    fn kind(self) -> &'static str {
        match self {
            Participant::Irritant(_) => "irritant",
            Participant::Company(_) => "company",
        }
    }

    fn id(self) -> String {
        match self {
            Participant::Irritant(i) => i.to_string(),
            Participant::Company(c) => c.to_string(),
        }
    }

    fn from_parts(kind: &str, id: &str) -> std::result::Result<Participant, ValidationError> {
        match kind {
            "irritant" => IrritantId::parse(id).map(Participant::Irritant),
            "company" => OrganisationId::parse(id).map(Participant::Company),
            _ => Err(ValidationError::Unknown(Field::Kind)),
        }
    }
}

/// A table of the day as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DayTable {
    pub id: TableId,
    pub name: ShortText,
    pub step_free: bool,
    /// Removed from the set-up or lost on the day.
    pub retired: bool,
}

/// A participant's constraints for the day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParticipantNeeds {
    pub participant: Participant,
    /// Starts of the slots it cannot attend.
    #[serde(skip)]
    pub unavailable: Vec<OffsetDateTime>,
    pub step_free: bool,
}

/// The organiser's rules for one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MeetingRule {
    /// The start of the slot it must be held in.
    pub fixed_slot: Option<OffsetDateTime>,
    pub fixed_table: Option<TableId>,
    /// A rescheduling never moves it.
    pub locked: bool,
}

impl MeetingRule {
    pub fn is_empty(&self) -> bool {
        *self == MeetingRule::default()
    }
}

impl Tx {
    /// Saves an edition's time plan.
    pub async fn save_day_plan(
        &mut self,
        edition: EditionId,
        plan: &DayPlan,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let plan = serde_json::to_string(plan).map_err(|e| Error::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO day_setups (edition_id, plan, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (edition_id) DO UPDATE SET plan = excluded.plan, updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at",
        )
        .bind(edition.to_string())
        .bind(plan)
        .bind(by.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Makes `tables` the edition's tables, in this order: a name already listed keeps its identity (runs
    /// and history refer to it), a name no longer listed is retired, a new name is added.
    pub async fn save_tables(
        &mut self,
        edition: EditionId,
        tables: &[TableSpec],
        now: OffsetDateTime,
    ) -> Result<()> {
        let rows = sqlx::query("SELECT id, name FROM day_tables WHERE edition_id = $1")
            .bind(edition.to_string())
            .fetch_all(&mut *self.conn)
            .await?;
        let mut existing: BTreeMap<String, String> = BTreeMap::new();
        for r in &rows {
            existing.insert(r.try_get("name")?, r.try_get("id")?);
        }
        sqlx::query(
            "UPDATE day_tables SET retired_at = $1, position = position + 1000000 \
             WHERE edition_id = $2 AND retired_at IS NULL",
        )
        .bind(to_ts(now))
        .bind(edition.to_string())
        .execute(&mut *self.conn)
        .await?;
        for (position, t) in tables.iter().enumerate() {
            match existing.get(t.name.as_str()) {
                Some(id) => {
                    sqlx::query(
                        "UPDATE day_tables SET position = $1, step_free = $2, retired_at = NULL WHERE id = $3",
                    )
                    .bind(position as i64)
                    .bind(i64::from(t.step_free))
                    .bind(id)
                    .execute(&mut *self.conn)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO day_tables (id, edition_id, position, name, step_free) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(TableId::new().to_string())
                    .bind(edition.to_string())
                    .bind(position as i64)
                    .bind(t.name.as_str())
                    .bind(i64::from(t.step_free))
                    .execute(&mut *self.conn)
                    .await?;
                }
            }
        }
        Ok(())
    }

    /// A table lost on the day.
    pub async fn retire_table(&mut self, table: TableId, now: OffsetDateTime) -> Result<()> {
        sqlx::query("UPDATE day_tables SET retired_at = $1 WHERE id = $2 AND retired_at IS NULL")
            .bind(to_ts(now))
            .bind(table.to_string())
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }

    /// Replaces a participant's unavailable slots and access need.
    pub async fn set_participant_needs(
        &mut self,
        edition: EditionId,
        needs: &ParticipantNeeds,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let slots: Vec<i64> = needs.unavailable.iter().map(|t| to_ts(*t)).collect();
        sqlx::query(
            "INSERT INTO day_participants (edition_id, kind, participant_id, unavailable, step_free, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (edition_id, kind, participant_id) DO UPDATE SET \
             unavailable = excluded.unavailable, step_free = excluded.step_free, updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at",
        )
        .bind(edition.to_string())
        .bind(needs.participant.kind())
        .bind(needs.participant.id())
        .bind(serde_json::Value::from(slots).to_string())
        .bind(i64::from(needs.step_free))
        .bind(by.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Sets (or, when empty, removes) the organiser's rule for a meeting.
    pub async fn set_meeting_rule(&mut self, meeting: MeetingId, rule: &MeetingRule) -> Result<()> {
        sqlx::query("DELETE FROM day_meeting_rules WHERE meeting_id = $1")
            .bind(meeting.to_string())
            .execute(&mut *self.conn)
            .await?;
        if !rule.is_empty() {
            sqlx::query(
                "INSERT INTO day_meeting_rules (meeting_id, fixed_slot, fixed_table_id, locked) VALUES ($1, $2, $3, $4)",
            )
            .bind(meeting.to_string())
            .bind(rule.fixed_slot.map(to_ts))
            .bind(rule.fixed_table.map(|t| t.to_string()))
            .bind(i64::from(rule.locked))
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// `before` must be held before `after` (adding it twice changes nothing).
    pub async fn add_precedence(&mut self, before: MeetingId, after: MeetingId) -> Result<()> {
        sqlx::query(
            "INSERT INTO day_precedences (before_id, after_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(before.to_string())
        .bind(after.to_string())
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn remove_precedence(&mut self, before: MeetingId, after: MeetingId) -> Result<()> {
        sqlx::query("DELETE FROM day_precedences WHERE before_id = $1 AND after_id = $2")
            .bind(before.to_string())
            .bind(after.to_string())
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }
}

impl Storage {
    /// An edition's time plan and when it was last changed, if set.
    pub async fn day_plan(&self, edition: EditionId) -> Result<Option<(DayPlan, OffsetDateTime)>> {
        let row = sqlx::query("SELECT plan, updated_at FROM day_setups WHERE edition_id = $1")
            .bind(edition.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            let plan = parse_col(&r, "plan", |s| serde_json::from_str::<DayPlan>(s))?;
            Ok((plan, from_ts(r.try_get("updated_at")?)?))
        })
        .transpose()
    }

    /// Every table of an edition, retired ones included (after the others), in their order.
    pub async fn day_tables(&self, edition: EditionId) -> Result<Vec<DayTable>> {
        let rows = sqlx::query(
            "SELECT id, name, step_free, retired_at FROM day_tables WHERE edition_id = $1 \
             ORDER BY retired_at IS NOT NULL, position, name",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DayTable {
                    id: parse_id(r, "id")?,
                    name: parse_col(r, "name", |s| ShortText::parse(Field::Table, s))?,
                    step_free: r.try_get::<i64, _>("step_free")? != 0,
                    retired: r.try_get::<Option<i64>, _>("retired_at")?.is_some(),
                })
            })
            .collect()
    }

    /// Every participant's stated constraints in an edition.
    pub async fn participant_needs(&self, edition: EditionId) -> Result<Vec<ParticipantNeeds>> {
        let rows = sqlx::query(
            "SELECT kind, participant_id, unavailable, step_free FROM day_participants WHERE edition_id = $1",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                let id: String = r.try_get("participant_id")?;
                let participant = Participant::from_parts(&kind, &id)
                    .map_err(|e| Error::Corrupt(format!("participant: {e}")))?;
                let slots: Vec<i64> = parse_col(r, "unavailable", |s| serde_json::from_str(s))?;
                Ok(ParticipantNeeds {
                    participant,
                    unavailable: slots.into_iter().map(from_ts).collect::<Result<_>>()?,
                    step_free: r.try_get::<i64, _>("step_free")? != 0,
                })
            })
            .collect()
    }

    /// The organiser's rules on an edition's meetings.
    pub async fn meeting_rules(
        &self,
        edition: EditionId,
    ) -> Result<BTreeMap<MeetingId, MeetingRule>> {
        let rows = sqlx::query(
            "SELECT r.meeting_id, r.fixed_slot, r.fixed_table_id, r.locked FROM day_meeting_rules r \
             JOIN meetings m ON m.id = r.meeting_id WHERE m.edition_id = $1",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse_id(r, "meeting_id")?,
                    MeetingRule {
                        fixed_slot: r
                            .try_get::<Option<i64>, _>("fixed_slot")?
                            .map(from_ts)
                            .transpose()?,
                        fixed_table: parse_opt_id(r, "fixed_table_id")?,
                        locked: r.try_get::<i64, _>("locked")? != 0,
                    },
                ))
            })
            .collect()
    }

    /// Pairs (before, after) among an edition's meetings.
    pub async fn precedences(&self, edition: EditionId) -> Result<Vec<(MeetingId, MeetingId)>> {
        let rows = sqlx::query(
            "SELECT p.before_id, p.after_id FROM day_precedences p JOIN meetings m ON m.id = p.before_id \
             WHERE m.edition_id = $1 ORDER BY p.before_id, p.after_id",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((parse_id(r, "before_id")?, parse_id(r, "after_id")?)))
            .collect()
    }
}
