//! Experience reports and the institutions interested in them. A report's content is the domain's
//! `ExperienceContent`, read back through it; a report belongs to its opportunity (one each), so what
//! pages show of its irritant, institution and company comes from there.

use passerelle_domain::experience::{ExperienceContent, RawExperience};
use passerelle_domain::{
    EditionId, ExperienceReportId, Field, IrritantId, IrritantTitle, OpportunityId, OrganisationId,
    OrganisationName, ShortText, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::{Error, Result, Storage, Tx, from_ts, parse_col, parse_id, to_ts};

/// A report with what pages show of its opportunity.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExperienceReport {
    pub id: ExperienceReportId,
    pub opportunity_id: OpportunityId,
    pub edition_id: EditionId,
    pub edition_title: ShortText,
    pub irritant_id: IrritantId,
    pub irritant_title: IrritantTitle,
    pub institution_id: OrganisationId,
    pub institution_name: OrganisationName,
    pub company_id: OrganisationId,
    pub company_name: OrganisationName,
    pub content: ExperienceContent,
    #[serde(with = "time::serde::rfc3339")]
    pub written_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// An institution that said it is interested in a report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExperienceInterest {
    pub organisation_id: OrganisationId,
    pub organisation_name: OrganisationName,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
}

const SELECT: &str = "SELECT r.id, r.opportunity_id, p.edition_id, e.title AS edition_title, \
     m.irritant_id, i.title AS irritant_title, io.id AS inst_id, io.name AS inst_name, co.id AS comp_id, \
     co.name AS comp_name, r.problem, r.solution, r.cost, r.duration, r.results, r.reuse, r.licence, \
     r.contact, r.public, r.written_at, r.updated_at \
     FROM experience_reports r JOIN opportunities p ON p.id = r.opportunity_id \
     JOIN editions e ON e.id = p.edition_id JOIN meetings m ON m.id = p.meeting_id \
     JOIN irritants i ON i.id = m.irritant_id JOIN organisations io ON io.id = i.institution_id \
     JOIN organisations co ON co.id = m.company_id";

fn report_from_row(row: &AnyRow) -> Result<ExperienceReport> {
    let text = |col: &str| row.try_get::<String, _>(col);
    let cost = row
        .try_get::<Option<i64>, _>("cost")?
        .map(|c| c.to_string())
        .unwrap_or_default();
    let (problem, solution, duration, results) = (
        text("problem")?,
        text("solution")?,
        text("duration")?,
        text("results")?,
    );
    let (reuse, licence, contact) = (text("reuse")?, text("licence")?, text("contact")?);
    let content = ExperienceContent::parse(&RawExperience {
        problem: &problem,
        solution: &solution,
        cost: &cost,
        duration: &duration,
        results: &results,
        reuse: &reuse,
        licence: &licence,
        contact: &contact,
        public: row.try_get::<i64, _>("public")? != 0,
    })
    .map_err(|e| Error::Corrupt(format!("experience report: {e:?}")))?;
    Ok(ExperienceReport {
        id: parse_id(row, "id")?,
        opportunity_id: parse_id(row, "opportunity_id")?,
        edition_id: parse_id(row, "edition_id")?,
        edition_title: parse_col(row, "edition_title", |s| ShortText::parse(Field::Title, s))?,
        irritant_id: parse_id(row, "irritant_id")?,
        irritant_title: parse_col(row, "irritant_title", IrritantTitle::parse)?,
        institution_id: parse_id(row, "inst_id")?,
        institution_name: parse_col(row, "inst_name", OrganisationName::parse)?,
        company_id: parse_id(row, "comp_id")?,
        company_name: parse_col(row, "comp_name", OrganisationName::parse)?,
        content,
        written_at: from_ts(row.try_get("written_at")?)?,
        updated_at: from_ts(row.try_get("updated_at")?)?,
    })
}

impl Tx {
    /// Writes the report of an opportunity: a new one, or the opportunity's report rewritten. Returns its
    /// id and whether it is new.
    pub async fn save_experience_report(
        &mut self,
        opportunity: OpportunityId,
        content: &ExperienceContent,
        author: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<(ExperienceReportId, bool)> {
        let existing: Option<String> =
            sqlx::query("SELECT id FROM experience_reports WHERE opportunity_id = $1")
                .bind(opportunity.to_string())
                .fetch_optional(&mut *self.conn)
                .await?
                .map(|r| r.try_get("id"))
                .transpose()?;
        let c = content;
        let (id, new, sql) = match existing {
            Some(id) => (
                id,
                false,
                "UPDATE experience_reports SET problem = $1, solution = $2, cost = $3, duration = $4, \
                 results = $5, reuse = $6, licence = $7, contact = $8, public = $9, written_by = $10, \
                 updated_at = $11 WHERE id = $12 AND opportunity_id = $13",
            ),
            None => (
                ExperienceReportId::new().to_string(),
                true,
                "INSERT INTO experience_reports (problem, solution, cost, duration, results, reuse, \
                 licence, contact, public, written_by, written_at, updated_at, id, opportunity_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)",
            ),
        };
        // Costs are at most 100 000 000: always an i64.
        sqlx::query(sql)
            .bind(c.problem.as_str().to_owned())
            .bind(c.solution.as_str().to_owned())
            .bind(c.cost.map(|e| e.value() as i64))
            .bind(c.duration.as_str().to_owned())
            .bind(c.results.as_str().to_owned())
            .bind(c.reuse.as_str().to_owned())
            .bind(c.licence.as_str().to_owned())
            .bind(c.contact.as_str().to_owned())
            .bind(i64::from(c.public))
            .bind(author.map(|a| a.to_string()))
            .bind(to_ts(now))
            .bind(id.clone())
            .bind(opportunity.to_string())
            .execute(&mut *self.conn)
            .await?;
        let id = id
            .parse()
            .map_err(|_| Error::Corrupt(format!("experience report id {id}")))?;
        Ok((id, new))
    }

    /// Records that `organisation` is interested in a report; `false` when it already said so.
    pub async fn add_experience_interest(
        &mut self,
        report: ExperienceReportId,
        organisation: OrganisationId,
        user: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let known = sqlx::query(
            "SELECT 1 AS one FROM experience_interests WHERE report_id = $1 AND organisation_id = $2",
        )
        .bind(report.to_string())
        .bind(organisation.to_string())
        .fetch_optional(&mut *self.conn)
        .await?;
        if known.is_some() {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO experience_interests (report_id, organisation_id, user_id, occurred_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(report.to_string())
        .bind(organisation.to_string())
        .bind(user.map(|u| u.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(true)
    }
}

impl Storage {
    async fn experience_reports_where(
        &self,
        filter: &str,
        binds: &[String],
    ) -> Result<Vec<ExperienceReport>> {
        let sql = format!("{SELECT} WHERE {filter} ORDER BY r.written_at DESC, i.title");
        let rows = self.rows_with(&sql, binds).await?;
        rows.iter().map(report_from_row).collect()
    }

    pub async fn experience_report(
        &self,
        id: ExperienceReportId,
    ) -> Result<Option<ExperienceReport>> {
        Ok(self
            .experience_reports_where("r.id = $1", &[id.to_string()])
            .await?
            .into_iter()
            .next())
    }

    /// The report of an opportunity, if its institution wrote one.
    pub async fn experience_report_of_opportunity(
        &self,
        opportunity: OpportunityId,
    ) -> Result<Option<ExperienceReport>> {
        Ok(self
            .experience_reports_where("r.opportunity_id = $1", &[opportunity.to_string()])
            .await?
            .into_iter()
            .next())
    }

    /// Every report, newest first (what institution members read).
    pub async fn experience_reports(&self) -> Result<Vec<ExperienceReport>> {
        self.experience_reports_where("1 = 1", &[]).await
    }

    /// The reports of an edition that their authors made public, newest first (the edition's public
    /// results list them as its delivered experiences).
    pub async fn public_experience_reports_of_edition(
        &self,
        edition: EditionId,
    ) -> Result<Vec<ExperienceReport>> {
        self.experience_reports_where("p.edition_id = $1 AND r.public = 1", &[edition.to_string()])
            .await
    }

    /// The institutions interested in a report, first to say so first.
    pub async fn experience_interests(
        &self,
        report: ExperienceReportId,
    ) -> Result<Vec<ExperienceInterest>> {
        let rows = sqlx::query(
            "SELECT x.organisation_id, o.name, x.occurred_at FROM experience_interests x \
             JOIN organisations o ON o.id = x.organisation_id WHERE x.report_id = $1 \
             ORDER BY x.occurred_at, o.name_key",
        )
        .bind(report.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ExperienceInterest {
                    organisation_id: parse_id(r, "organisation_id")?,
                    organisation_name: parse_col(r, "name", OrganisationName::parse)?,
                    occurred_at: from_ts(r.try_get("occurred_at")?)?,
                })
            })
            .collect()
    }
}
