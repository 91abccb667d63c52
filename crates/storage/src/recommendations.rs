//! Recommendations: the matching engine's scores of an edition's pairs with their explanations, kept for
//! the best companies of each irritant and the best irritants of each company, and the revision of the
//! data they were computed from (so that a page knows when they are stale).

use crate::{Result, Storage, Tx, from_ts, parse_id, to_ts};
use passerelle_domain::{EditionId, IrritantId, OrganisationId};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// One kept pair.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Recommendation {
    pub irritant: IrritantId,
    pub company: OrganisationId,
    /// In [0, 1].
    pub score: f64,
    /// The company's rank for the irritant (1 = best), when kept for the irritant.
    pub irritant_rank: Option<i64>,
    /// The irritant's rank for the company, when kept for the company.
    pub company_rank: Option<i64>,
    /// The engine's explanation, as JSON.
    pub explanation: serde_json::Value,
}

/// When and from what an edition's recommendations were computed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecommendationSet {
    pub edition: EditionId,
    pub fingerprint: String,
    pub irritants: i64,
    pub companies: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub computed_at: OffsetDateTime,
}

const COLUMNS: &str =
    "irritant_id, company_id, score_micros, irritant_rank, company_rank, explanation";

fn from_row(row: &AnyRow) -> Result<Recommendation> {
    let text: String = row.try_get("explanation")?;
    Ok(Recommendation {
        irritant: parse_id(row, "irritant_id")?,
        company: parse_id(row, "company_id")?,
        score: row.try_get::<i64, _>("score_micros")? as f64 / 1e6,
        irritant_rank: row.try_get("irritant_rank")?,
        company_rank: row.try_get("company_rank")?,
        explanation: serde_json::from_str(&text)
            .map_err(|e| crate::Error::Corrupt(format!("recommendation explanation: {e}")))?,
    })
}

/// What a change touches, for the recommendations that depend on it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stale {
    /// An edition's participations or wishes.
    Edition(EditionId),
    /// An irritant's fiche or status (its edition).
    Irritant(IrritantId),
    /// A company's profile (every edition it takes part in).
    Company(OrganisationId),
    /// The thesaurus (every edition).
    Thesaurus,
    /// An institution's region (every edition where it has irritants).
    Institution(OrganisationId),
}

/// Marks the recommendations that depend on a change as stale, in the transaction of the change: a
/// computation that read the data before it commits keeps the older revision, so it is redone.
pub(crate) async fn mark_stale(conn: &mut sqlx::AnyConnection, what: Stale) -> Result<()> {
    const BUMP: &str =
        "ON CONFLICT (scope) DO UPDATE SET revision = recommendation_revisions.revision + 1";
    let (sql, arg) = match what {
        Stale::Edition(e) => (
            format!("INSERT INTO recommendation_revisions (scope, revision) VALUES ($1, 1) {BUMP}"),
            e.to_string(),
        ),
        Stale::Irritant(i) => (
            format!(
                "INSERT INTO recommendation_revisions (scope, revision) \
                 SELECT edition_id, 1 FROM irritants WHERE id = $1 {BUMP}"
            ),
            i.to_string(),
        ),
        Stale::Company(c) => (
            format!(
                "INSERT INTO recommendation_revisions (scope, revision) \
                 SELECT edition_id, 1 FROM participations WHERE company_id = $1 {BUMP}"
            ),
            c.to_string(),
        ),
        Stale::Institution(o) => (
            format!(
                "INSERT INTO recommendation_revisions (scope, revision) \
                 SELECT DISTINCT edition_id, 1 FROM irritants WHERE institution_id = $1 {BUMP}"
            ),
            o.to_string(),
        ),
        Stale::Thesaurus => (
            format!("INSERT INTO recommendation_revisions (scope, revision) VALUES ($1, 1) {BUMP}"),
            "*".to_string(),
        ),
    };
    sqlx::query(&sql).bind(arg).execute(&mut *conn).await?;
    Ok(())
}

impl Storage {
    /// The state of everything the recommendations of `edition` depend on: the edition's revision (its
    /// irritants, participations, their companies' profiles, its wishes) and the thesaurus's, both
    /// advanced in the transaction of each change (see [`mark_stale`]). One query, on primary keys. Also
    /// returns the number of pairs it covers at most (irritants × participations, any status).
    pub async fn recommendation_fingerprint(&self, edition: EditionId) -> Result<(String, i64)> {
        let row = sqlx::query(
            "SELECT \
               COALESCE((SELECT revision FROM recommendation_revisions WHERE scope = $1), 0) AS e_r, \
               COALESCE((SELECT revision FROM recommendation_revisions WHERE scope = '*'), 0) AS t_r, \
               (SELECT COUNT(*) FROM irritants WHERE edition_id = $1) AS i_n, \
               (SELECT COUNT(*) FROM participations WHERE edition_id = $1) AS p_n",
        )
        .bind(edition.to_string())
        .fetch_one(&self.pool)
        .await?;
        let fingerprint = format!(
            "r{}.{}",
            row.try_get::<i64, _>("e_r")?,
            row.try_get::<i64, _>("t_r")?
        );
        let pairs = row
            .try_get::<i64, _>("i_n")?
            .saturating_mul(row.try_get::<i64, _>("p_n")?);
        Ok((fingerprint, pairs))
    }

    /// The fingerprint and date of the stored recommendations of `edition`, if any were computed.
    pub async fn recommendation_set(
        &self,
        edition: EditionId,
    ) -> Result<Option<RecommendationSet>> {
        let row = sqlx::query(
            "SELECT fingerprint, irritants, companies, computed_at FROM recommendation_sets WHERE edition_id = $1",
        )
        .bind(edition.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(RecommendationSet {
                edition,
                fingerprint: r.try_get("fingerprint")?,
                irritants: r.try_get("irritants")?,
                companies: r.try_get("companies")?,
                computed_at: from_ts(r.try_get("computed_at")?)?,
            })
        })
        .transpose()
    }

    /// One page of an irritant's recommended companies, best first, and how many there are.
    pub async fn recommendations_for_irritant(
        &self,
        irritant: IrritantId,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<Recommendation>, i64)> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM recommendations WHERE irritant_id = $1 AND irritant_rank IS NOT NULL \
             ORDER BY irritant_rank LIMIT $2 OFFSET $3"
        ))
        .bind(irritant.to_string())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM recommendations WHERE irritant_id = $1 AND irritant_rank IS NOT NULL",
        )
        .bind(irritant.to_string())
        .fetch_one(&self.pool)
        .await?;
        Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
    }

    /// One page of a company's recommended irritants in an edition, best first, and how many there are.
    pub async fn recommendations_for_company(
        &self,
        edition: EditionId,
        company: OrganisationId,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<Recommendation>, i64)> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM recommendations WHERE company_id = $1 AND edition_id = $2 \
             AND company_rank IS NOT NULL ORDER BY company_rank LIMIT $3 OFFSET $4"
        ))
        .bind(company.to_string())
        .bind(edition.to_string())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM recommendations WHERE company_id = $1 AND edition_id = $2 AND company_rank IS NOT NULL",
        )
        .bind(company.to_string())
        .bind(edition.to_string())
        .fetch_one(&self.pool)
        .await?;
        Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
    }

    /// The stored recommendation of one pair, if it was kept.
    pub async fn recommendation(
        &self,
        irritant: IrritantId,
        company: OrganisationId,
    ) -> Result<Option<Recommendation>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM recommendations WHERE irritant_id = $1 AND company_id = $2"
        ))
        .bind(irritant.to_string())
        .bind(company.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }
}

impl Tx {
    /// Replaces the recommendations of `edition` with `rows`, computed from the data whose fingerprint is
    /// `fingerprint`.
    pub async fn replace_recommendations(
        &mut self,
        set: &RecommendationSet,
        rows: &[Recommendation],
    ) -> Result<()> {
        let edition = set.edition.to_string();
        sqlx::query("DELETE FROM recommendations WHERE edition_id = $1")
            .bind(&edition)
            .execute(&mut *self.conn)
            .await?;
        // Upserts: two servers recomputing the same edition at once end with one of their results.
        sqlx::query(
            "INSERT INTO recommendation_sets (edition_id, fingerprint, irritants, companies, computed_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (edition_id) DO UPDATE SET fingerprint = excluded.fingerprint, \
             irritants = excluded.irritants, companies = excluded.companies, computed_at = excluded.computed_at",
        )
        .bind(&edition)
        .bind(&set.fingerprint)
        .bind(set.irritants)
        .bind(set.companies)
        .bind(to_ts(set.computed_at))
        .execute(&mut *self.conn)
        .await?;
        // Many rows per statement: a national edition keeps tens of thousands of pairs.
        const PER: usize = 7;
        for chunk in rows.chunks(100) {
            let values: Vec<String> = (0..chunk.len())
                .map(|k| {
                    let b = k * PER;
                    let cols: Vec<String> = (1..=PER).map(|c| format!("${}", b + c)).collect();
                    format!("({})", cols.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO recommendations (edition_id, {COLUMNS}) VALUES {} ON CONFLICT (irritant_id, company_id) \
                 DO UPDATE SET score_micros = excluded.score_micros, irritant_rank = excluded.irritant_rank, \
                 company_rank = excluded.company_rank, explanation = excluded.explanation",
                values.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for r in chunk {
                query = query
                    .bind(edition.clone())
                    .bind(r.irritant.to_string())
                    .bind(r.company.to_string())
                    .bind((r.score * 1e6).round() as i64)
                    .bind(r.irritant_rank)
                    .bind(r.company_rank)
                    .bind(r.explanation.to_string());
            }
            query.execute(&mut *self.conn).await?;
        }
        Ok(())
    }
}
