//! Irritants: creation, edition while editable, workflow transitions with their history, and listings.

use crate::organisations::org_from_row;
use crate::vocabulary::check_domains;
use crate::{
    Error, Organisation, Result, Storage, from_ts, now, parse_col, parse_id, parse_opt_col,
    parse_opt_id, to_ts,
};
use passerelle_domain::{
    BudgetRange, DisplayName, EditionId, Email, Field, IrritantContent, IrritantId, IrritantStatus,
    IrritantTitle, IrritantTransition, LongText, OrganisationId, OrganisationKind, ShortText, Slug,
    TransitionError, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Irritant {
    pub id: IrritantId,
    pub edition_id: EditionId,
    pub institution: Organisation,
    pub author_id: Option<UserId>,
    /// The fiche's number in its edition ("01"…), when it has one.
    pub reference: Option<String>,
    pub status: IrritantStatus,
    pub content: IrritantContent,
    /// The description was written for the demonstration, not by the institution: pages say so.
    pub written_for_demo: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One step of an irritant's history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IrritantEvent {
    pub seq: i64,
    pub actor_id: Option<UserId>,
    pub actor_name: Option<DisplayName>,
    /// `create`, `update`, or a transition code (`submit`, `publish`, `return`…).
    pub action: String,
    pub from: Option<IrritantStatus>,
    pub to: IrritantStatus,
    pub comment: Option<LongText>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// Which irritants to list; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct IrritantFilter {
    pub edition: Option<EditionId>,
    /// Any of these statuses (all when empty).
    pub statuses: Vec<IrritantStatus>,
    pub domain: Option<Slug>,
    pub institution: Option<OrganisationId>,
}

impl IrritantFilter {
    /// What the public catalogue of an edition shows.
    pub fn public(edition: EditionId) -> Self {
        IrritantFilter {
            edition: Some(edition),
            statuses: IrritantStatus::ALL
                .iter()
                .copied()
                .filter(|s| s.is_public())
                .collect(),
            ..Default::default()
        }
    }

    /// The SQL condition over `i` and its arguments, numbered from `$1`.
    fn to_sql(&self) -> (String, Vec<String>) {
        let mut conditions = vec!["1 = 1".to_owned()];
        let mut args = Vec::new();
        let arg = |value: String, args: &mut Vec<String>| {
            args.push(value);
            format!("${}", args.len())
        };
        if let Some(e) = self.edition {
            conditions.push(format!("i.edition_id = {}", arg(e.to_string(), &mut args)));
        }
        if !self.statuses.is_empty() {
            let list: Vec<String> = self
                .statuses
                .iter()
                .map(|s| arg(s.as_str().to_owned(), &mut args))
                .collect();
            conditions.push(format!("i.status IN ({})", list.join(", ")));
        }
        if let Some(d) = &self.domain {
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM irritant_domains fd WHERE fd.irritant_id = i.id AND fd.domain_slug = {})",
                arg(d.as_str().to_owned(), &mut args)
            ));
        }
        if let Some(o) = self.institution {
            conditions.push(format!(
                "i.institution_id = {}",
                arg(o.to_string(), &mut args)
            ));
        }
        (conditions.join(" AND "), args)
    }
}

const IRRITANT_SELECT: &str = "SELECT i.id AS irritant_id, i.edition_id, i.author_id, i.reference, i.status, i.title, \
     i.context, i.problem, i.expected_result, i.budget_min, i.budget_max, i.timeline, i.contact_name, i.contact_email, \
     i.written_for_demo, i.created_at AS irritant_created_at, i.updated_at, o.id, o.name, o.kind, o.created_at \
     FROM irritants i JOIN organisations o ON o.id = i.institution_id";

/// Numbered fiches first (PostgreSQL and SQLite disagree on where NULL sorts), then by title.
const ORDER: &str =
    "ORDER BY CASE WHEN i.reference IS NULL THEN 1 ELSE 0 END, i.reference, i.title, i.id";

fn long(field: Field) -> impl Fn(&str) -> Result<LongText, passerelle_domain::ValidationError> {
    move |s| LongText::parse(field, s)
}

async fn version_of(conn: &mut sqlx::AnyConnection, id: IrritantId) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COALESCE(MAX(seq), 0) AS version FROM irritant_events WHERE irritant_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("version")?)
}

fn irritant_from_row(row: &AnyRow, domains: Vec<Slug>) -> Result<Irritant> {
    let amount = |col: &str| -> Result<Option<u64>> {
        let v: Option<i64> = row.try_get(col)?;
        v.map(|v| u64::try_from(v).map_err(|_| Error::Corrupt(format!("{col}: {v}"))))
            .transpose()
    };
    let (min, max) = (amount("budget_min")?, amount("budget_max")?);
    let budget = match (min, max) {
        (None, None) => None,
        _ => Some(BudgetRange::new(min, max).map_err(|e| Error::Corrupt(format!("budget: {e}")))?),
    };
    let content = IrritantContent {
        title: parse_col(row, "title", IrritantTitle::parse)?,
        context: parse_opt_col(row, "context", long(Field::Context))?,
        problem: parse_opt_col(row, "problem", long(Field::Problem))?,
        expected_result: parse_opt_col(row, "expected_result", long(Field::ExpectedResult))?,
        budget,
        timeline: parse_opt_col(row, "timeline", |s| ShortText::parse(Field::Timeline, s))?,
        domains,
        contact_name: parse_opt_col(row, "contact_name", DisplayName::parse)?,
        contact_email: parse_opt_col(row, "contact_email", Email::parse)?,
    };
    Ok(Irritant {
        id: parse_id(row, "irritant_id")?,
        edition_id: parse_id(row, "edition_id")?,
        institution: org_from_row(row)?,
        author_id: parse_opt_id(row, "author_id")?,
        reference: row.try_get("reference")?,
        status: parse_col(row, "status", IrritantStatus::parse)?,
        content,
        written_for_demo: row.try_get::<i64, _>("written_for_demo")? != 0,
        created_at: from_ts(row.try_get("irritant_created_at")?)?,
        updated_at: from_ts(row.try_get("updated_at")?)?,
    })
}

fn budget_bound(v: Option<u64>) -> Option<i64> {
    // Bounded by BudgetRange::CEILING_EUR, far below i64::MAX.
    v.map(|v| i64::try_from(v).expect("budget below the ceiling"))
}

async fn write_domains(
    conn: &mut sqlx::AnyConnection,
    id: IrritantId,
    domains: &[Slug],
) -> Result<()> {
    check_domains(conn, domains).await?;
    sqlx::query("DELETE FROM irritant_domains WHERE irritant_id = $1")
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    for d in domains {
        sqlx::query("INSERT INTO irritant_domains (irritant_id, domain_slug) VALUES ($1, $2)")
            .bind(id.to_string())
            .bind(d.as_str())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn record_event(
    conn: &mut sqlx::AnyConnection,
    id: IrritantId,
    actor: Option<UserId>,
    action: &str,
    from: Option<IrritantStatus>,
    to: IrritantStatus,
    comment: Option<&LongText>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO irritant_events (irritant_id, seq, actor_id, action, from_status, to_status, comment, occurred_at) \
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM irritant_events WHERE irritant_id = $1), $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.to_string())
    .bind(actor.map(|a| a.to_string()))
    .bind(action)
    .bind(from.map(|s| s.as_str()))
    .bind(to.as_str())
    .bind(comment.map(|c| c.as_str()))
    .bind(to_ts(now()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Extra facts set when an irritant is created by the demo seed (its fiche number, and that its text was
/// written for the demonstration).
#[derive(Debug, Clone, Copy, Default)]
pub struct Provenance<'a> {
    pub reference: Option<&'a str>,
    pub written_for_demo: bool,
}

pub(crate) async fn insert_irritant(
    conn: &mut sqlx::AnyConnection,
    edition: EditionId,
    institution: OrganisationId,
    author: Option<UserId>,
    content: &IrritantContent,
    provenance: Provenance<'_>,
) -> Result<IrritantId> {
    let edition_known = sqlx::query("SELECT 1 FROM editions WHERE id = $1")
        .bind(edition.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    if edition_known.is_none() {
        return Err(Error::NotFound);
    }
    let row = sqlx::query("SELECT kind FROM organisations WHERE id = $1")
        .bind(institution.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    let kind = parse_col(&row, "kind", OrganisationKind::parse)?;
    if !matches!(
        kind,
        OrganisationKind::Institution | OrganisationKind::Agency
    ) {
        return Err(Error::Conflict("not-an-institution"));
    }
    let id = IrritantId::new();
    let ts = to_ts(now());
    sqlx::query(
        "INSERT INTO irritants (id, edition_id, institution_id, author_id, reference, status, title, context, problem, \
         expected_result, budget_min, budget_max, timeline, contact_name, contact_email, written_for_demo, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)",
    )
    .bind(id.to_string())
    .bind(edition.to_string())
    .bind(institution.to_string())
    .bind(author.map(|a| a.to_string()))
    .bind(provenance.reference.map(str::to_owned))
    .bind(IrritantStatus::Draft.as_str())
    .bind(content.title.as_str())
    .bind(content.context.as_ref().map(|t| t.as_str().to_owned()))
    .bind(content.problem.as_ref().map(|t| t.as_str().to_owned()))
    .bind(content.expected_result.as_ref().map(|t| t.as_str().to_owned()))
    .bind(budget_bound(content.budget.and_then(|b| b.min_eur())))
    .bind(budget_bound(content.budget.and_then(|b| b.max_eur())))
    .bind(content.timeline.as_ref().map(|t| t.as_str().to_owned()))
    .bind(content.contact_name.as_ref().map(|t| t.as_str().to_owned()))
    .bind(content.contact_email.as_ref().map(|t| t.as_str().to_owned()))
    .bind(i64::from(provenance.written_for_demo))
    .bind(ts)
    .execute(&mut *conn)
    .await?;
    write_domains(conn, id, &content.domains).await?;
    crate::recommendations::mark_stale(conn, crate::recommendations::Stale::Edition(edition))
        .await?;
    record_event(
        conn,
        id,
        author,
        "create",
        None,
        IrritantStatus::Draft,
        None,
    )
    .await?;
    Ok(id)
}

/// Applies a transition inside the caller's transaction; returns the new status.
pub(crate) async fn apply_transition(
    conn: &mut sqlx::AnyConnection,
    id: IrritantId,
    transition: IrritantTransition,
    actor: Option<UserId>,
    comment: Option<&LongText>,
) -> Result<IrritantStatus> {
    let row = sqlx::query(&format!("{IRRITANT_SELECT} WHERE i.id = $1"))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    let domains = sqlx::query("SELECT domain_slug FROM irritant_domains WHERE irritant_id = $1")
        .bind(id.to_string())
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| parse_col(r, "domain_slug", Slug::parse))
        .collect::<Result<Vec<_>>>()?;
    let current = irritant_from_row(&row, domains)?;
    let next = transition.apply(current.status, comment)?;
    if transition == IrritantTransition::Submit
        && let Some(missing) = current.content.missing_for_submission().into_iter().next()
    {
        return Err(Error::Validation(missing));
    }
    let done = sqlx::query(
        "UPDATE irritants SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(next.as_str())
    .bind(to_ts(now()))
    .bind(id.to_string())
    .bind(current.status.as_str())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(Error::Conflict("concurrent-change"));
    }
    crate::recommendations::mark_stale(conn, crate::recommendations::Stale::Irritant(id)).await?;
    record_event(
        conn,
        id,
        actor,
        transition.as_str(),
        Some(current.status),
        next,
        comment,
    )
    .await?;
    Ok(next)
}

impl Storage {
    /// Creates a draft irritant of `institution` (an institution or the agency) in `edition`. Domains must be
    /// in the vocabulary.
    pub async fn create_irritant(
        &self,
        edition: EditionId,
        institution: OrganisationId,
        author: Option<UserId>,
        content: &IrritantContent,
    ) -> Result<Irritant> {
        let mut tx = self.begin_raw().await?;
        let provenance = Provenance {
            reference: None,
            written_for_demo: false,
        };
        let id =
            insert_irritant(&mut tx, edition, institution, author, content, provenance).await?;
        tx.commit().await?;
        self.get_irritant(id).await?.ok_or(Error::NotFound)
    }

    /// Replaces the content of an irritant that is still editable (draft or returned); otherwise
    /// `InvalidTransition` and nothing changes. Any edit clears the demo mark: the text is no longer the
    /// one written for the demonstration.
    pub async fn update_irritant(
        &self,
        id: IrritantId,
        content: &IrritantContent,
        actor: Option<UserId>,
    ) -> Result<Irritant> {
        self.update_irritant_from(id, content, actor, None).await
    }

    /// The version of an irritant an editor starts from: the number of its last history event (every
    /// edit and every move records one).
    pub async fn irritant_version(&self, id: IrritantId) -> Result<i64> {
        let mut conn = self.pool.acquire().await?;
        version_of(&mut conn, id).await
    }

    /// [`Storage::update_irritant`], refused with `Conflict("edited-meanwhile")` when `version` is given
    /// and the irritant changed since (two people editing one fiche: the second is told, nothing is
    /// overwritten).
    pub async fn update_irritant_from(
        &self,
        id: IrritantId,
        content: &IrritantContent,
        actor: Option<UserId>,
        version: Option<i64>,
    ) -> Result<Irritant> {
        let mut tx = self.begin_raw().await?;
        if let Some(expected) = version
            && version_of(&mut tx, id).await? != expected
        {
            return Err(Error::Conflict("edited-meanwhile"));
        }
        let row = sqlx::query("SELECT status FROM irritants WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound)?;
        let status = parse_col(&row, "status", IrritantStatus::parse)?;
        if !status.is_editable() {
            return Err(TransitionError::NotAllowed {
                from: status.as_str(),
                action: "edit",
            }
            .into());
        }
        let done = sqlx::query(
            "UPDATE irritants SET title = $1, context = $2, problem = $3, expected_result = $4, budget_min = $5, \
             budget_max = $6, timeline = $7, contact_name = $8, contact_email = $9, written_for_demo = 0, updated_at = $10 \
             WHERE id = $11 AND status = $12",
        )
        .bind(content.title.as_str())
        .bind(content.context.as_ref().map(|t| t.as_str().to_owned()))
        .bind(content.problem.as_ref().map(|t| t.as_str().to_owned()))
        .bind(content.expected_result.as_ref().map(|t| t.as_str().to_owned()))
        .bind(budget_bound(content.budget.and_then(|b| b.min_eur())))
        .bind(budget_bound(content.budget.and_then(|b| b.max_eur())))
        .bind(content.timeline.as_ref().map(|t| t.as_str().to_owned()))
        .bind(content.contact_name.as_ref().map(|t| t.as_str().to_owned()))
        .bind(content.contact_email.as_ref().map(|t| t.as_str().to_owned()))
        .bind(to_ts(now()))
        .bind(id.to_string())
        .bind(status.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("concurrent-change"));
        }
        write_domains(&mut tx, id, &content.domains).await?;
        crate::recommendations::mark_stale(&mut tx, crate::recommendations::Stale::Irritant(id))
            .await?;
        record_event(&mut tx, id, actor, "update", Some(status), status, None).await?;
        tx.commit().await?;
        self.get_irritant(id).await?.ok_or(Error::NotFound)
    }

    /// Moves an irritant in its workflow and records who did it, with the comment (required to return it).
    /// Submitting also requires a complete fiche (problem, expected result, a domain).
    pub async fn transition_irritant(
        &self,
        id: IrritantId,
        transition: IrritantTransition,
        actor: Option<UserId>,
        comment: Option<&LongText>,
    ) -> Result<Irritant> {
        let mut tx = self.begin_raw().await?;
        apply_transition(&mut tx, id, transition, actor, comment).await?;
        tx.commit().await?;
        self.get_irritant(id).await?.ok_or(Error::NotFound)
    }

    pub async fn get_irritant(&self, id: IrritantId) -> Result<Option<Irritant>> {
        let filter_id = id.to_string();
        let row = sqlx::query(&format!("{IRRITANT_SELECT} WHERE i.id = $1"))
            .bind(&filter_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let domains = sqlx::query(
            "SELECT domain_slug FROM irritant_domains WHERE irritant_id = $1 ORDER BY domain_slug",
        )
        .bind(&filter_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| parse_col(r, "domain_slug", Slug::parse))
        .collect::<Result<Vec<_>>>()?;
        irritant_from_row(&row, domains).map(Some)
    }

    /// The history of an irritant, oldest first.
    pub async fn irritant_events(&self, id: IrritantId) -> Result<Vec<IrritantEvent>> {
        let rows = sqlx::query(
            "SELECT e.seq, e.actor_id, u.display_name, e.action, e.from_status, e.to_status, e.comment, e.occurred_at \
             FROM irritant_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.irritant_id = $1 ORDER BY e.seq",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(IrritantEvent {
                    seq: r.try_get("seq")?,
                    actor_id: parse_opt_id(r, "actor_id")?,
                    actor_name: parse_opt_col(r, "display_name", DisplayName::parse)?,
                    action: r.try_get("action")?,
                    from: parse_opt_col(r, "from_status", IrritantStatus::parse)?,
                    to: parse_col(r, "to_status", IrritantStatus::parse)?,
                    comment: parse_opt_col(r, "comment", long(Field::Comment))?,
                    at: from_ts(r.try_get("occurred_at")?)?,
                })
            })
            .collect()
    }

    /// Irritants matching the filter, by fiche number then title, with their domains.
    pub async fn list_irritants(&self, filter: &IrritantFilter) -> Result<Vec<Irritant>> {
        let (condition, args) = filter.to_sql();
        // The same condition selects the domains of the listed irritants in one query.
        let domains_sql = format!(
            "SELECT d.irritant_id, d.domain_slug FROM irritant_domains d JOIN irritants i ON i.id = d.irritant_id \
             WHERE {condition} ORDER BY d.domain_slug"
        );
        let mut query = sqlx::query_as::<_, (String, String)>(&domains_sql);
        for a in &args {
            query = query.bind(a.clone());
        }
        let mut domains: HashMap<String, Vec<Slug>> = HashMap::new();
        for (irritant, slug) in query.fetch_all(&self.pool).await? {
            let slug =
                Slug::parse(&slug).map_err(|e| Error::Corrupt(format!("domain_slug: {e}")))?;
            domains.entry(irritant).or_default().push(slug);
        }
        let sql = format!("{IRRITANT_SELECT} WHERE {condition} {ORDER}");
        let mut rows = sqlx::query(&sql);
        for a in &args {
            rows = rows.bind(a.clone());
        }
        rows.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                let id: String = r.try_get("irritant_id")?;
                irritant_from_row(r, domains.remove(&id).unwrap_or_default())
            })
            .collect()
    }

    /// An organisation's irritants, all editions and statuses.
    pub async fn list_irritants_by_organisation(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<Irritant>> {
        self.list_irritants(&IrritantFilter {
            institution: Some(organisation),
            ..Default::default()
        })
        .await
    }

    /// Submitted irritants of an edition, waiting for an organiser to publish or return them.
    pub async fn list_awaiting_validation(&self, edition: EditionId) -> Result<Vec<Irritant>> {
        self.list_irritants(&IrritantFilter {
            edition: Some(edition),
            statuses: vec![IrritantStatus::Submitted],
            ..Default::default()
        })
        .await
    }

    /// Institutions that have public irritants in the edition (for the catalogue's filter), by name.
    pub async fn catalogue_institutions(&self, edition: EditionId) -> Result<Vec<Organisation>> {
        let public: Vec<&str> = IrritantStatus::ALL
            .iter()
            .filter(|s| s.is_public())
            .map(|s| s.as_str())
            .collect();
        let rows = sqlx::query(&format!(
            "SELECT DISTINCT o.id, o.name, o.name_key, o.kind, o.created_at FROM organisations o \
             JOIN irritants i ON i.institution_id = o.id WHERE i.edition_id = $1 AND i.status IN ('{}') ORDER BY o.name_key",
            public.join("', '")
        ))
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(org_from_row).collect()
    }
}

impl crate::Tx {
    /// Moves an irritant in its workflow (as [`Storage::transition_irritant`]) inside the transaction.
    pub async fn transition_irritant(
        &mut self,
        id: IrritantId,
        transition: IrritantTransition,
        actor: Option<UserId>,
        comment: Option<&LongText>,
    ) -> Result<IrritantStatus> {
        apply_transition(&mut self.conn, id, transition, actor, comment).await
    }
}

impl crate::Tx {
    /// Creates a draft irritant (as [`Storage::create_irritant`]) with its provenance, in the transaction.
    pub async fn create_irritant(
        &mut self,
        edition: EditionId,
        institution: OrganisationId,
        author: Option<UserId>,
        content: &IrritantContent,
        provenance: Provenance<'_>,
    ) -> Result<IrritantId> {
        insert_irritant(
            &mut self.conn,
            edition,
            institution,
            author,
            content,
            provenance,
        )
        .await
    }
}
