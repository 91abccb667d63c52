//! An edition's results as the public page tells them: the funnel from published irritants to delivered
//! proofs of concept, and the amounts of its opportunities, in one query of counts and sums (both
//! databases, whatever the edition's size).

use passerelle_domain::EditionId;
use sqlx::Row;

use crate::{Result, Storage};

/// The counts and sums of one edition. Opportunities are counted by where they stand now: an abandoned
/// one is a follow-up only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct EditionResults {
    /// Irritants the public saw (published, then matched or closed).
    pub irritants: i64,
    /// Companies validated for the edition.
    pub companies: i64,
    /// Meetings held on the day (rated or not).
    pub meetings_held: i64,
    /// Opportunities opened after the day.
    pub follow_ups: i64,
    /// Opportunities past the first contact: a proof of concept proposed, funded, running or delivered.
    pub pocs: i64,
    /// Opportunities a funder granted an amount to.
    pub funded: i64,
    /// Proofs of concept delivered (and perhaps shared as experience).
    pub delivered: i64,
    /// Euros requested, granted and brought as co-funding, over the edition's opportunities.
    pub requested: i64,
    pub granted: i64,
    pub co_funding: i64,
}

// Scalar subqueries on indexed edition columns; sums cast to BIGINT since PostgreSQL sums BIGINT as
// NUMERIC, which the Any driver does not carry.
const RESULTS: &str = "SELECT \
    (SELECT COUNT(*) FROM irritants WHERE edition_id = $1 AND status IN ('published', 'matched', 'closed')) AS irritants, \
    (SELECT COUNT(*) FROM participations WHERE edition_id = $1 AND status = 'validated') AS companies, \
    (SELECT COUNT(*) FROM meetings WHERE edition_id = $1 AND status IN ('held', 'rated')) AS meetings_held, \
    (SELECT COUNT(*) FROM opportunities WHERE edition_id = $1) AS follow_ups, \
    (SELECT COUNT(*) FROM opportunities WHERE edition_id = $1 AND status IN \
        ('proposal', 'funding-requested', 'funded', 'poc-running', 'delivered', 'shared')) AS pocs, \
    (SELECT COUNT(*) FROM opportunities WHERE edition_id = $1 AND granted > 0) AS funded, \
    (SELECT COUNT(*) FROM opportunities WHERE edition_id = $1 AND status IN ('delivered', 'shared')) AS delivered, \
    (SELECT CAST(COALESCE(SUM(requested), 0) AS BIGINT) FROM opportunities WHERE edition_id = $1) AS requested, \
    (SELECT CAST(COALESCE(SUM(granted), 0) AS BIGINT) FROM opportunities WHERE edition_id = $1) AS granted, \
    (SELECT CAST(COALESCE(SUM(co_funding), 0) AS BIGINT) FROM opportunities WHERE edition_id = $1) AS co_funding";

impl Storage {
    /// An edition's results, from one snapshot of its tables.
    pub async fn edition_results(&self, edition: EditionId) -> Result<EditionResults> {
        let row = sqlx::query(RESULTS)
            .bind(edition.to_string())
            .fetch_one(&self.pool)
            .await?;
        Ok(EditionResults {
            irritants: row.try_get("irritants")?,
            companies: row.try_get("companies")?,
            meetings_held: row.try_get("meetings_held")?,
            follow_ups: row.try_get("follow_ups")?,
            pocs: row.try_get("pocs")?,
            funded: row.try_get("funded")?,
            delivered: row.try_get("delivered")?,
            requested: row.try_get("requested")?,
            granted: row.try_get("granted")?,
            co_funding: row.try_get("co_funding")?,
        })
    }
}
