//! Funding schemes and dossiers. A scheme's terms are the domain's `SchemeTerms`, read back through it; a
//! dossier is an opportunity routed to a scheme, filed once (its JSON as the funder reads it), then decided
//! by the scheme's funder. Edits check the version the caller saw.

use passerelle_domain::edition::{format_date, parse_date};
use passerelle_domain::funding::{Applicants, Decision, Percent, SchemeTerms};
use passerelle_domain::{
    BudgetRange, DossierId, Euros, Field, FundingSchemeId, LongText, OpportunityId, OrganisationId,
    OrganisationName, ShortText, Slug, UserId, WebsiteUrl,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::{Error, Result, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_col, to_ts};

/// A scheme of the catalogue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FundingScheme {
    pub id: FundingSchemeId,
    pub funder_id: OrganisationId,
    pub funder_name: OrganisationName,
    pub name: ShortText,
    pub description: LongText,
    pub terms: SchemeTerms,
    pub link: Option<WebsiteUrl>,
    pub version: i64,
}

/// What an organiser writes of a scheme.
#[derive(Debug, Clone)]
pub struct NewScheme {
    pub funder_id: OrganisationId,
    pub name: ShortText,
    pub description: LongText,
    pub terms: SchemeTerms,
    pub link: Option<WebsiteUrl>,
}

/// An opportunity routed to a scheme, and the funder's decision once made.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Dossier {
    pub id: DossierId,
    pub opportunity_id: OpportunityId,
    pub scheme_id: FundingSchemeId,
    pub scheme_name: ShortText,
    pub funder_id: OrganisationId,
    pub funder_name: OrganisationName,
    pub plan: LongText,
    /// The dossier as filed, in JSON (what the funder reads and downloads).
    pub snapshot: String,
    #[serde(with = "time::serde::rfc3339")]
    pub routed_at: OffsetDateTime,
    pub decision: Option<Decision>,
    pub decision_amount: Option<Euros>,
    pub decision_comment: Option<LongText>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
}

const SCHEME_SELECT: &str = "SELECT s.id, s.funder_id, o.name AS funder_name, s.name, s.description, \
     s.budget_min, s.budget_max, s.applicants, s.max_share, s.opens_on, s.closes_on, s.link, s.version \
     FROM funding_schemes s JOIN organisations o ON o.id = s.funder_id";

const DOSSIER_SELECT: &str = "SELECT d.id, d.opportunity_id, d.scheme_id, s.name AS scheme_name, \
     s.funder_id, o.name AS funder_name, d.plan, d.snapshot, d.routed_at, d.decision, d.decision_amount, \
     d.decision_comment, d.decided_at FROM dossiers d JOIN funding_schemes s ON s.id = d.scheme_id \
     JOIN organisations o ON o.id = s.funder_id";

fn corrupt(what: &str) -> impl FnOnce(String) -> Error + '_ {
    move |e| Error::Corrupt(format!("{what}: {e}"))
}

fn opt_u64(row: &AnyRow, col: &str) -> Result<Option<u64>> {
    row.try_get::<Option<i64>, _>(col)?
        .map(|v| u64::try_from(v).map_err(|_| Error::Corrupt(format!("{col}: {v}"))))
        .transpose()
}

fn scheme_from_row(row: &AnyRow, themes: Vec<Slug>) -> Result<FundingScheme> {
    let (min, max) = (opt_u64(row, "budget_min")?, opt_u64(row, "budget_max")?);
    let budget = (min.is_some() || max.is_some())
        .then(|| BudgetRange::new(min, max))
        .transpose()
        .map_err(|e| corrupt("budget")(e.to_string()))?;
    let max_share = opt_u64(row, "max_share")?
        .map(Percent::new)
        .transpose()
        .map_err(|e| corrupt("max_share")(e.to_string()))?;
    let terms = SchemeTerms::new(
        budget,
        parse_col(row, "applicants", Applicants::parse)?,
        themes,
        max_share,
        parse_col(row, "opens_on", parse_date)?,
        parse_col(row, "closes_on", parse_date)?,
    )
    .map_err(|e| corrupt("scheme terms")(format!("{e:?}")))?;
    Ok(FundingScheme {
        id: parse_id(row, "id")?,
        funder_id: parse_id(row, "funder_id")?,
        funder_name: parse_col(row, "funder_name", OrganisationName::parse)?,
        name: parse_col(row, "name", |s| ShortText::parse(Field::Title, s))?,
        description: parse_col(row, "description", |s| {
            LongText::parse(Field::Description, s)
        })?,
        terms,
        link: parse_opt_col(row, "link", WebsiteUrl::parse)?,
        version: row.try_get("version")?,
    })
}

fn dossier_from_row(row: &AnyRow) -> Result<Dossier> {
    Ok(Dossier {
        id: parse_id(row, "id")?,
        opportunity_id: parse_id(row, "opportunity_id")?,
        scheme_id: parse_id(row, "scheme_id")?,
        scheme_name: parse_col(row, "scheme_name", |s| ShortText::parse(Field::Title, s))?,
        funder_id: parse_id(row, "funder_id")?,
        funder_name: parse_col(row, "funder_name", OrganisationName::parse)?,
        plan: parse_col(row, "plan", |s| LongText::parse(Field::Description, s))?,
        snapshot: row.try_get("snapshot")?,
        routed_at: from_ts(row.try_get("routed_at")?)?,
        decision: parse_opt_col(row, "decision", Decision::parse)?,
        decision_amount: opt_u64(row, "decision_amount")?
            .map(|v| Euros::new(Field::Amount, v))
            .transpose()
            .map_err(|e| corrupt("decision_amount")(e.to_string()))?,
        decision_comment: parse_opt_col(row, "decision_comment", |s| {
            LongText::parse(Field::Comment, s)
        })?,
        decided_at: row
            .try_get::<Option<i64>, _>("decided_at")?
            .map(from_ts)
            .transpose()?,
    })
}

/// Amounts and rates here are at most 100 000 000: always an i64.
fn int(v: Option<u64>) -> Option<i64> {
    v.map(|v| v as i64)
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds a scheme's ten written columns ($1 to $10), in the order both statements name them.
fn bind_scheme<'q>(query: AnyQuery<'q>, new: &NewScheme) -> AnyQuery<'q> {
    let t = &new.terms;
    query
        .bind(new.funder_id.to_string())
        .bind(new.name.as_str().to_owned())
        .bind(new.description.as_str().to_owned())
        .bind(int(t.budget.as_ref().and_then(BudgetRange::min_eur)))
        .bind(int(t.budget.as_ref().and_then(BudgetRange::max_eur)))
        .bind(t.applicants.as_str())
        .bind(int(t.max_share.map(|s| u64::from(s.value()))))
        .bind(format_date(t.opens))
        .bind(format_date(t.closes))
        .bind(new.link.as_ref().map(|l| l.as_str().to_owned()))
}

impl Tx {
    async fn write_themes(&mut self, id: &str, themes: &[Slug]) -> Result<()> {
        sqlx::query("DELETE FROM funding_scheme_themes WHERE scheme_id = $1")
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        for t in themes {
            sqlx::query(
                "INSERT INTO funding_scheme_themes (scheme_id, domain_slug) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(t.as_str())
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// Adds a scheme to the catalogue.
    pub async fn create_scheme(
        &mut self,
        new: &NewScheme,
        now: OffsetDateTime,
    ) -> Result<FundingSchemeId> {
        let id = FundingSchemeId::new();
        let query = sqlx::query(
            "INSERT INTO funding_schemes (funder_id, name, description, budget_min, budget_max, \
             applicants, max_share, opens_on, closes_on, link, id, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
        );
        bind_scheme(query, new)
            .bind(id.to_string())
            .bind(to_ts(now))
            .execute(&mut *self.conn)
            .await?;
        self.write_themes(&id.to_string(), &new.terms.themes)
            .await?;
        Ok(id)
    }

    /// Rewrites a scheme, refusing a stale version.
    pub async fn update_scheme(
        &mut self,
        id: FundingSchemeId,
        new: &NewScheme,
        version: i64,
        now: OffsetDateTime,
    ) -> Result<()> {
        let query = sqlx::query(
            "UPDATE funding_schemes SET funder_id = $1, name = $2, description = $3, budget_min = $4, \
             budget_max = $5, applicants = $6, max_share = $7, opens_on = $8, closes_on = $9, link = $10, \
             version = version + 1, updated_at = $11 WHERE id = $12 AND version = $13",
        );
        let done = bind_scheme(query, new)
            .bind(to_ts(now))
            .bind(id.to_string())
            .bind(version)
            .execute(&mut *self.conn)
            .await?;
        if done.rows_affected() != 1 {
            let exists = sqlx::query("SELECT 1 FROM funding_schemes WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(&mut *self.conn)
                .await?;
            return Err(match exists {
                Some(_) => Error::Conflict("stale-scheme"),
                None => Error::NotFound,
            });
        }
        self.write_themes(&id.to_string(), &new.terms.themes).await
    }

    /// Files a dossier; an opportunity is routed to a scheme once.
    pub async fn create_dossier(
        &mut self,
        opportunity: OpportunityId,
        scheme: FundingSchemeId,
        plan: &LongText,
        snapshot: &str,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<DossierId> {
        let taken =
            sqlx::query("SELECT 1 FROM dossiers WHERE opportunity_id = $1 AND scheme_id = $2")
                .bind(opportunity.to_string())
                .bind(scheme.to_string())
                .fetch_optional(&mut *self.conn)
                .await?;
        if taken.is_some() {
            return Err(Error::Conflict("already-routed"));
        }
        let id = DossierId::new();
        sqlx::query(
            "INSERT INTO dossiers (id, opportunity_id, scheme_id, plan, snapshot, routed_by, routed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.to_string())
        .bind(opportunity.to_string())
        .bind(scheme.to_string())
        .bind(plan.as_str().to_owned())
        .bind(snapshot.to_owned())
        .bind(actor.map(|a| a.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(id)
    }

    /// Records the funder's decision (a later one replaces it: "more information" first, then a verdict).
    pub async fn decide_dossier(
        &mut self,
        id: DossierId,
        decision: Decision,
        amount: Option<Euros>,
        comment: Option<&LongText>,
        actor: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE dossiers SET decision = $1, decision_amount = $2, decision_comment = $3, \
             decided_by = $4, decided_at = $5 WHERE id = $6",
        )
        .bind(decision.as_str())
        .bind(int(amount.map(Euros::value)))
        .bind(comment.map(|c| c.as_str().to_owned()))
        .bind(actor.map(|a| a.to_string()))
        .bind(to_ts(now))
        .bind(id.to_string())
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::NotFound);
        }
        Ok(())
    }
}

impl Storage {
    async fn themes_of(&self, scheme: Option<&str>) -> Result<Vec<(String, Slug)>> {
        let sql = match scheme {
            Some(_) => {
                "SELECT scheme_id, domain_slug FROM funding_scheme_themes WHERE scheme_id = $1 \
                        ORDER BY domain_slug"
            }
            None => "SELECT scheme_id, domain_slug FROM funding_scheme_themes ORDER BY domain_slug",
        };
        let mut query = sqlx::query(sql);
        if let Some(id) = scheme {
            query = query.bind(id.to_owned());
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok((
                    r.try_get("scheme_id")?,
                    parse_col(r, "domain_slug", Slug::parse)?,
                ))
            })
            .collect()
    }

    /// The catalogue, the soonest closing first.
    pub async fn list_schemes(&self) -> Result<Vec<FundingScheme>> {
        let themes = self.themes_of(None).await?;
        let rows = sqlx::query(&format!("{SCHEME_SELECT} ORDER BY s.closes_on, s.name"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("id")?;
                let mine = themes
                    .iter()
                    .filter(|(s, _)| *s == id)
                    .map(|(_, t)| t.clone())
                    .collect();
                scheme_from_row(row, mine)
            })
            .collect()
    }

    pub async fn get_scheme(&self, id: FundingSchemeId) -> Result<Option<FundingScheme>> {
        let key = id.to_string();
        let Some(row) = sqlx::query(&format!("{SCHEME_SELECT} WHERE s.id = $1"))
            .bind(key.clone())
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let themes = self.themes_of(Some(&key)).await?;
        scheme_from_row(&row, themes.into_iter().map(|(_, t)| t).collect()).map(Some)
    }

    async fn dossiers_where(&self, filter: &str, bind: Option<String>) -> Result<Vec<Dossier>> {
        let sql = format!("{DOSSIER_SELECT} {filter} ORDER BY d.routed_at DESC, s.name");
        let mut query = sqlx::query(&sql);
        if let Some(b) = bind {
            query = query.bind(b);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(dossier_from_row).collect()
    }

    pub async fn get_dossier(&self, id: DossierId) -> Result<Option<Dossier>> {
        Ok(self
            .dossiers_where("WHERE d.id = $1", Some(id.to_string()))
            .await?
            .into_iter()
            .next())
    }

    pub async fn dossiers_of_opportunity(&self, id: OpportunityId) -> Result<Vec<Dossier>> {
        self.dossiers_where("WHERE d.opportunity_id = $1", Some(id.to_string()))
            .await
    }

    /// Every dossier routed to schemes of `funder`, or every dossier when `None` (the organisers).
    pub async fn dossiers_of_funder(&self, funder: Option<OrganisationId>) -> Result<Vec<Dossier>> {
        match funder {
            Some(f) => {
                self.dossiers_where("WHERE s.funder_id = $1", Some(f.to_string()))
                    .await
            }
            None => self.dossiers_where("", None).await,
        }
    }
}
