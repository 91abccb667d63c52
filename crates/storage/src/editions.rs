//! Editions of the Rencontres, their phases and dates, and which one is current.

use crate::{Error, Result, Storage, from_ts, now, parse_col, parse_id, to_ts};
use passerelle_domain::edition::{format_date, parse_date};
use passerelle_domain::{
    EditionDates, EditionId, EditionSpan, Field, Phase, PhaseWindow, ShortText, Slug, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edition {
    pub id: EditionId,
    pub slug: Slug,
    pub title: ShortText,
    pub venue: ShortText,
    pub dates: EditionDates,
    pub phase: Phase,
    /// Dates of the phases that have some, in phase order.
    pub phases: Vec<PhaseWindow>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Edition {
    pub fn window(&self, phase: Phase) -> Option<&PhaseWindow> {
        self.phases.iter().find(|w| w.phase() == phase)
    }
}

#[derive(Debug, Clone)]
pub struct NewEdition {
    pub slug: Slug,
    pub title: ShortText,
    pub venue: ShortText,
    pub dates: EditionDates,
    pub phase: Phase,
    pub phases: Vec<PhaseWindow>,
}

/// How many of each thing an edition holds, by status: what a phase change leaves pending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditionCounts {
    /// Irritants by status code (`draft`, `submitted`…).
    pub irritants: std::collections::BTreeMap<String, i64>,
    /// Company participations by status code.
    pub participations: std::collections::BTreeMap<String, i64>,
    /// Wishes stated, by side (`institution`, `company`).
    pub wishes: std::collections::BTreeMap<String, i64>,
    /// Meetings by status code.
    pub meetings: std::collections::BTreeMap<String, i64>,
    /// Matching runs by status code.
    pub runs: std::collections::BTreeMap<String, i64>,
}

impl EditionCounts {
    pub fn irritants(&self, status: &str) -> i64 {
        self.irritants.get(status).copied().unwrap_or(0)
    }
    pub fn participations(&self, status: &str) -> i64 {
        self.participations.get(status).copied().unwrap_or(0)
    }
    pub fn meetings(&self, status: &str) -> i64 {
        self.meetings.get(status).copied().unwrap_or(0)
    }
    pub fn runs(&self, status: &str) -> i64 {
        self.runs.get(status).copied().unwrap_or(0)
    }
    pub fn wishes(&self) -> i64 {
        self.wishes.values().sum()
    }
}

const EDITION_COLUMNS: &str = "id, slug, title, venue, first_day, last_day, phase, created_at";

fn edition_from_row(row: &AnyRow, phases: Vec<PhaseWindow>) -> Result<Edition> {
    let dates = EditionDates::new(
        parse_col(row, "first_day", parse_date)?,
        parse_col(row, "last_day", parse_date)?,
    )
    .map_err(|e| Error::Corrupt(format!("edition dates: {e}")))?;
    Ok(Edition {
        id: parse_id(row, "id")?,
        slug: parse_col(row, "slug", Slug::parse)?,
        title: parse_col(row, "title", |s| ShortText::parse(Field::Title, s))?,
        venue: parse_col(row, "venue", |s| ShortText::parse(Field::Venue, s))?,
        dates,
        phase: parse_col(row, "phase", Phase::parse)?,
        phases,
        created_at: from_ts(row.try_get("created_at")?)?,
    })
}

async fn write_windows(
    conn: &mut sqlx::AnyConnection,
    edition: EditionId,
    windows: &[PhaseWindow],
) -> Result<()> {
    for w in windows {
        sqlx::query(
            "INSERT INTO edition_phases (edition_id, phase, starts_on, ends_on) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (edition_id, phase) DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on",
        )
        .bind(edition.to_string())
        .bind(w.phase().as_str())
        .bind(w.starts_on().map(format_date))
        .bind(w.ends_on().map(format_date))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Inserts an edition with its phase dates inside the caller's transaction.
pub(crate) async fn insert_edition(
    conn: &mut sqlx::AnyConnection,
    new: &NewEdition,
) -> Result<EditionId> {
    let taken = sqlx::query("SELECT 1 FROM editions WHERE slug = $1")
        .bind(new.slug.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Err(Error::Conflict("slug-taken"));
    }
    let id = EditionId::new();
    sqlx::query(
        "INSERT INTO editions (id, slug, title, venue, first_day, last_day, phase, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.to_string())
    .bind(new.slug.as_str())
    .bind(new.title.as_str())
    .bind(new.venue.as_str())
    .bind(format_date(new.dates.first_day()))
    .bind(format_date(new.dates.last_day()))
    .bind(new.phase.as_str())
    .bind(to_ts(now()))
    .execute(&mut *conn)
    .await?;
    write_windows(conn, id, &new.phases).await?;
    Ok(id)
}

/// Moves an edition's phase inside the caller's transaction and records the change.
async fn move_phase(
    conn: &mut sqlx::AnyConnection,
    id: EditionId,
    target: Phase,
    actor: Option<UserId>,
    at: OffsetDateTime,
) -> Result<Phase> {
    let row = sqlx::query("SELECT phase FROM editions WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    let current = parse_col(&row, "phase", Phase::parse)?;
    let next = current.move_to(target)?;
    // The condition on the old phase makes a concurrent change lose instead of both applying.
    let done = sqlx::query("UPDATE editions SET phase = $1 WHERE id = $2 AND phase = $3")
        .bind(next.as_str())
        .bind(id.to_string())
        .bind(current.as_str())
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() != 1 {
        return Err(Error::Conflict("concurrent-change"));
    }
    sqlx::query(
        "INSERT INTO edition_phase_changes (edition_id, seq, from_phase, to_phase, actor_id, occurred_at) \
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM edition_phase_changes WHERE edition_id = $1), $2, $3, $4, $5)",
    )
    .bind(id.to_string())
    .bind(current.as_str())
    .bind(next.as_str())
    .bind(actor.map(|a| a.to_string()))
    .bind(to_ts(at))
    .execute(&mut *conn)
    .await?;
    Ok(current)
}

impl Storage {
    async fn load_edition(&self, row: Option<AnyRow>) -> Result<Option<Edition>> {
        let Some(row) = row else { return Ok(None) };
        let id: String = row.try_get("id")?;
        let rows = sqlx::query(
            "SELECT phase, starts_on, ends_on FROM edition_phases WHERE edition_id = $1",
        )
        .bind(&id)
        .fetch_all(&self.pool)
        .await?;
        let mut phases = rows
            .iter()
            .map(|r| {
                let window = PhaseWindow::new(
                    parse_col(r, "phase", Phase::parse)?,
                    crate::parse_opt_col(r, "starts_on", parse_date)?,
                    crate::parse_opt_col(r, "ends_on", parse_date)?,
                );
                window.map_err(|e| Error::Corrupt(format!("phase dates: {e}")))
            })
            .collect::<Result<Vec<_>>>()?;
        phases.sort_by_key(|w| w.phase());
        edition_from_row(&row, phases).map(Some)
    }

    /// Creates an edition; a slug already used is `Conflict("slug-taken")`.
    pub async fn create_edition(&self, new: &NewEdition) -> Result<Edition> {
        let mut tx = self.begin_raw().await?;
        let id = insert_edition(&mut tx, new).await?;
        tx.commit().await?;
        self.get_edition(id).await?.ok_or(Error::NotFound)
    }

    pub async fn get_edition(&self, id: EditionId) -> Result<Option<Edition>> {
        let row = sqlx::query(&format!(
            "SELECT {EDITION_COLUMNS} FROM editions WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        self.load_edition(row).await
    }

    pub async fn edition_by_slug(&self, slug: &str) -> Result<Option<Edition>> {
        let row = sqlx::query(&format!(
            "SELECT {EDITION_COLUMNS} FROM editions WHERE slug = $1"
        ))
        .bind(slug.trim())
        .fetch_optional(&self.pool)
        .await?;
        self.load_edition(row).await
    }

    /// All editions, the most recent event first.
    pub async fn list_editions(&self) -> Result<Vec<Edition>> {
        let rows = sqlx::query(&format!(
            "SELECT {EDITION_COLUMNS} FROM editions ORDER BY first_day DESC, slug"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut editions = Vec::with_capacity(rows.len());
        for row in rows {
            editions.extend(self.load_edition(Some(row)).await?);
        }
        Ok(editions)
    }

    /// What an edition holds, counted by status (one query per table).
    pub async fn edition_counts(&self, id: EditionId) -> Result<EditionCounts> {
        let count = |sql: &'static str| {
            let id = id.to_string();
            async move {
                let rows = sqlx::query(sql).bind(id).fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| Ok((r.try_get::<String, _>("k")?, r.try_get::<i64, _>("n")?)))
                    .collect::<Result<std::collections::BTreeMap<_, _>>>()
            }
        };
        Ok(EditionCounts {
            irritants: count("SELECT status AS k, COUNT(*) AS n FROM irritants WHERE edition_id = $1 GROUP BY status").await?,
            participations: count("SELECT status AS k, COUNT(*) AS n FROM participations WHERE edition_id = $1 GROUP BY status").await?,
            wishes: count("SELECT side AS k, COUNT(*) AS n FROM wishes WHERE edition_id = $1 GROUP BY side").await?,
            meetings: count("SELECT status AS k, COUNT(*) AS n FROM meetings WHERE edition_id = $1 GROUP BY status").await?,
            runs: count("SELECT status AS k, COUNT(*) AS n FROM matching_runs WHERE edition_id = $1 GROUP BY status").await?,
        })
    }

    /// The edition that is current on `today`, following the dates (see `passerelle_domain::edition::current`).
    pub async fn current_edition_on(&self, today: Date) -> Result<Option<Edition>> {
        let editions = self.list_editions().await?;
        let spans: Vec<EditionSpan> = editions
            .iter()
            .map(|e| EditionSpan::of(e.phase, e.dates, &e.phases))
            .collect();
        Ok(passerelle_domain::edition::current(&spans, today).map(|i| editions[i].clone()))
    }

    /// Moves the edition to another phase, as the domain allows (forward, or one step back; never out of
    /// `closed`), and records who did it.
    pub async fn set_phase(
        &self,
        id: EditionId,
        target: Phase,
        actor: Option<UserId>,
    ) -> Result<Edition> {
        let mut tx = self.begin_raw().await?;
        move_phase(&mut tx, id, target, actor, now()).await?;
        tx.commit().await?;
        self.get_edition(id).await?.ok_or(Error::NotFound)
    }

    /// Sets the dates of some phases (others keep theirs).
    pub async fn set_phase_dates(&self, id: EditionId, windows: &[PhaseWindow]) -> Result<Edition> {
        let mut tx = self.begin_raw().await?;
        let exists = sqlx::query("SELECT 1 FROM editions WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(Error::NotFound);
        }
        write_windows(&mut tx, id, windows).await?;
        tx.commit().await?;
        self.get_edition(id).await?.ok_or(Error::NotFound)
    }

    /// Changes an edition's title, venue and days.
    pub async fn update_edition(
        &self,
        id: EditionId,
        title: &ShortText,
        venue: &ShortText,
        dates: EditionDates,
    ) -> Result<Edition> {
        let mut tx = self.begin_raw().await?;
        let done = sqlx::query("UPDATE editions SET title = $1, venue = $2, first_day = $3, last_day = $4 WHERE id = $5")
            .bind(title.as_str())
            .bind(venue.as_str())
            .bind(format_date(dates.first_day()))
            .bind(format_date(dates.last_day()))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        self.get_edition(id).await?.ok_or(Error::NotFound)
    }

    /// The phase changes of an edition, oldest first: (from, to, who, when).
    pub async fn phase_history(
        &self,
        id: EditionId,
    ) -> Result<Vec<(Phase, Phase, Option<UserId>, OffsetDateTime)>> {
        let rows = sqlx::query(
            "SELECT from_phase, to_phase, actor_id, occurred_at FROM edition_phase_changes WHERE edition_id = $1 ORDER BY seq",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse_col(r, "from_phase", Phase::parse)?,
                    parse_col(r, "to_phase", Phase::parse)?,
                    crate::parse_opt_id(r, "actor_id")?,
                    from_ts(r.try_get("occurred_at")?)?,
                ))
            })
            .collect()
    }
}

impl crate::Tx {
    /// Creates an edition with its phase dates in the transaction (`Conflict("slug-taken")`).
    pub async fn create_edition(&mut self, new: &NewEdition) -> Result<EditionId> {
        insert_edition(&mut self.conn, new).await
    }

    /// Moves an edition to `target` (as [`Storage::set_phase`]); returns the phase it left.
    pub async fn set_phase(
        &mut self,
        id: EditionId,
        target: Phase,
        actor: Option<UserId>,
        at: OffsetDateTime,
    ) -> Result<Phase> {
        move_phase(&mut self.conn, id, target, actor, at).await
    }

    /// Replaces the dates of the given phases (a phase without dates is removed from the plan).
    pub async fn set_phase_dates(&mut self, id: EditionId, windows: &[PhaseWindow]) -> Result<()> {
        let exists = sqlx::query("SELECT 1 FROM editions WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut *self.conn)
            .await?;
        if exists.is_none() {
            return Err(Error::NotFound);
        }
        for w in windows
            .iter()
            .filter(|w| w.starts_on().is_none() && w.ends_on().is_none())
        {
            sqlx::query("DELETE FROM edition_phases WHERE edition_id = $1 AND phase = $2")
                .bind(id.to_string())
                .bind(w.phase().as_str())
                .execute(&mut *self.conn)
                .await?;
        }
        let dated: Vec<PhaseWindow> = windows
            .iter()
            .filter(|w| w.starts_on().is_some() || w.ends_on().is_some())
            .copied()
            .collect();
        write_windows(&mut self.conn, id, &dated).await
    }

    /// Changes an edition's title, venue and days.
    pub async fn update_edition(
        &mut self,
        id: EditionId,
        title: &ShortText,
        venue: &ShortText,
        dates: EditionDates,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE editions SET title = $1, venue = $2, first_day = $3, last_day = $4 WHERE id = $5")
            .bind(title.as_str())
            .bind(venue.as_str())
            .bind(format_date(dates.first_day()))
            .bind(format_date(dates.last_day()))
            .bind(id.to_string())
            .execute(&mut *self.conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }
}
