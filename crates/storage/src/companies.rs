//! Company profiles and companies' participation in editions.

use crate::invitations::NewInvitation;
use crate::organisations::{ORG_COLUMNS, insert_org, org_from_row};
use crate::vocabulary::check_domains;
use crate::{
    Error, Invitation, Organisation, Result, Storage, from_ts, now, parse_col, parse_opt_col,
    parse_opt_id, to_ts,
};
use passerelle_domain::{
    CompanyProfile, CompanySize, EditionId, Email, Field, LongText, MinimumBudget, OrganisationId,
    OrganisationKind, OrganisationName, ParticipationStatus, Region, Role, Slug, UserId,
    WebsiteUrl,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Participation {
    pub edition_id: EditionId,
    pub company: Organisation,
    pub status: ParticipationStatus,
    /// The incubator or cluster (or the agency) that invited the company, if any.
    pub invited_by: Option<OrganisationId>,
    pub invited_by_user: Option<UserId>,
    pub validated_by: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A company of a business manager's pipeline: its participation and its profile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PipelineEntry {
    pub participation: Participation,
    pub profile: Option<CompanyProfile>,
}

const PARTICIPATION_SELECT: &str = "SELECT p.edition_id, p.status, p.invited_by_org, p.invited_by_user, p.validated_by, \
     p.created_at AS p_created_at, p.updated_at, o.id, o.name, o.kind, o.created_at \
     FROM participations p JOIN organisations o ON o.id = p.company_id";

fn participation_from_row(row: &AnyRow) -> Result<Participation> {
    Ok(Participation {
        edition_id: crate::parse_id(row, "edition_id")?,
        company: org_from_row(row)?,
        status: parse_col(row, "status", ParticipationStatus::parse)?,
        invited_by: parse_opt_id(row, "invited_by_org")?,
        invited_by_user: parse_opt_id(row, "invited_by_user")?,
        validated_by: parse_opt_id(row, "validated_by")?,
        created_at: from_ts(row.try_get("p_created_at")?)?,
        updated_at: from_ts(row.try_get("updated_at")?)?,
    })
}

async fn require_kind(
    conn: &mut sqlx::AnyConnection,
    org: OrganisationId,
    kind: OrganisationKind,
) -> Result<()> {
    let row = sqlx::query("SELECT kind FROM organisations WHERE id = $1")
        .bind(org.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    if parse_col(&row, "kind", OrganisationKind::parse)? != kind {
        return Err(Error::Conflict("not-a-company"));
    }
    Ok(())
}

async fn current_status(
    conn: &mut sqlx::AnyConnection,
    edition: EditionId,
    company: OrganisationId,
) -> Result<Option<ParticipationStatus>> {
    let row =
        sqlx::query("SELECT status FROM participations WHERE edition_id = $1 AND company_id = $2")
            .bind(edition.to_string())
            .bind(company.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    row.as_ref()
        .map(|r| parse_col(r, "status", ParticipationStatus::parse))
        .transpose()
}

pub(crate) async fn insert_invited(
    conn: &mut sqlx::AnyConnection,
    edition: EditionId,
    company: OrganisationId,
    by_org: Option<OrganisationId>,
    by_user: Option<UserId>,
) -> Result<()> {
    let edition_known = sqlx::query("SELECT 1 FROM editions WHERE id = $1")
        .bind(edition.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    if edition_known.is_none() {
        return Err(Error::NotFound);
    }
    require_kind(conn, company, OrganisationKind::Company).await?;
    let status = ParticipationStatus::invite(current_status(conn, edition, company).await?)?;
    let ts = to_ts(now());
    sqlx::query(
        "INSERT INTO participations (edition_id, company_id, status, invited_by_org, invited_by_user, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(edition.to_string())
    .bind(company.to_string())
    .bind(status.as_str())
    .bind(by_org.map(|o| o.to_string()))
    .bind(by_user.map(|u| u.to_string()))
    .bind(ts)
    .execute(&mut *conn)
    .await?;
    crate::recommendations::mark_stale(conn, crate::recommendations::Stale::Edition(edition))
        .await?;
    Ok(())
}

/// Creates or replaces a company's profile inside the caller's transaction.
pub(crate) async fn save_profile_in(
    conn: &mut sqlx::AnyConnection,
    company: OrganisationId,
    profile: &CompanyProfile,
) -> Result<()> {
    require_kind(conn, company, OrganisationKind::Company).await?;
    check_domains(conn, &profile.specialties).await?;
    sqlx::query(
        "INSERT INTO company_profiles (organisation_id, description, references_text, size, region, website, updated_at, \
         budget_min) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (organisation_id) DO UPDATE SET \
         description = excluded.description, references_text = excluded.references_text, size = excluded.size, \
         region = excluded.region, website = excluded.website, updated_at = excluded.updated_at, \
         budget_min = excluded.budget_min",
    )
    .bind(company.to_string())
    .bind(profile.description.as_ref().map(|t| t.as_str().to_owned()))
    .bind(profile.references.as_ref().map(|t| t.as_str().to_owned()))
    .bind(profile.size.map(|s| s.as_str()))
    .bind(profile.region.map(|r| r.as_str()))
    .bind(profile.website.as_ref().map(|w| w.as_str().to_owned()))
    .bind(to_ts(now()))
    .bind(profile.budget_min.map(|b| b.eur() as i64))
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM company_specialties WHERE organisation_id = $1")
        .bind(company.to_string())
        .execute(&mut *conn)
        .await?;
    for s in &profile.specialties {
        sqlx::query(
            "INSERT INTO company_specialties (organisation_id, domain_slug) VALUES ($1, $2)",
        )
        .bind(company.to_string())
        .bind(s.as_str())
        .execute(&mut *conn)
        .await?;
    }
    crate::recommendations::mark_stale(conn, crate::recommendations::Stale::Company(company))
        .await?;
    Ok(())
}

/// The company registers to the edition, inside the caller's transaction.
pub(crate) async fn register_in(
    conn: &mut sqlx::AnyConnection,
    edition: EditionId,
    company: OrganisationId,
) -> Result<()> {
    let edition_known = sqlx::query("SELECT 1 FROM editions WHERE id = $1")
        .bind(edition.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    if edition_known.is_none() {
        return Err(Error::NotFound);
    }
    require_kind(conn, company, OrganisationKind::Company).await?;
    let current = current_status(conn, edition, company).await?;
    let next = ParticipationStatus::register(current)?;
    let ts = to_ts(now());
    if current.is_some() {
        sqlx::query("UPDATE participations SET status = $1, updated_at = $2 WHERE edition_id = $3 AND company_id = $4")
            .bind(next.as_str())
            .bind(ts)
            .bind(edition.to_string())
            .bind(company.to_string())
            .execute(&mut *conn)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO participations (edition_id, company_id, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(edition.to_string())
        .bind(company.to_string())
        .bind(next.as_str())
        .bind(ts)
        .execute(&mut *conn)
        .await?;
    }
    crate::recommendations::mark_stale(conn, crate::recommendations::Stale::Edition(edition))
        .await?;
    Ok(())
}

/// An organiser validates a registered company, inside the caller's transaction.
pub(crate) async fn validate_in(
    conn: &mut sqlx::AnyConnection,
    edition: EditionId,
    company: OrganisationId,
    actor: Option<UserId>,
) -> Result<()> {
    let current = current_status(conn, edition, company)
        .await?
        .ok_or(Error::NotFound)?;
    let next = current.validate()?;
    sqlx::query(
        "UPDATE participations SET status = $1, validated_by = $2, updated_at = $3 WHERE edition_id = $4 AND company_id = $5",
    )
    .bind(next.as_str())
    .bind(actor.map(|a| a.to_string()))
    .bind(to_ts(now()))
    .bind(edition.to_string())
    .bind(company.to_string())
    .execute(&mut *conn)
    .await?;
    crate::recommendations::mark_stale(conn, crate::recommendations::Stale::Edition(edition))
        .await?;
    Ok(())
}

fn profile_from_row(row: &AnyRow, specialties: Vec<Slug>) -> Result<CompanyProfile> {
    let budget_min = row
        .try_get::<Option<i64>, _>("budget_min")?
        .map(|v| {
            u64::try_from(v)
                .map_err(|_| Error::Corrupt(format!("budget_min: {v}")))
                .and_then(|v| {
                    MinimumBudget::new(v).map_err(|e| Error::Corrupt(format!("budget_min: {e}")))
                })
        })
        .transpose()?;
    CompanyProfile::new(
        parse_opt_col(row, "description", |s| {
            LongText::parse(Field::Description, s)
        })?,
        specialties,
        parse_opt_col(row, "references_text", |s| {
            LongText::parse(Field::References, s)
        })?,
        parse_opt_col(row, "size", CompanySize::parse)?,
        parse_opt_col(row, "region", Region::parse)?,
        parse_opt_col(row, "website", WebsiteUrl::parse)?,
    )
    .map(|p| p.with_budget_min(budget_min))
    .map_err(|e| Error::Corrupt(format!("company profile: {e}")))
}

impl Storage {
    /// A company's profile, if it has written one.
    pub async fn get_company_profile(
        &self,
        company: OrganisationId,
    ) -> Result<Option<CompanyProfile>> {
        let row = sqlx::query("SELECT * FROM company_profiles WHERE organisation_id = $1")
            .bind(company.to_string())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let specialties = sqlx::query("SELECT domain_slug FROM company_specialties WHERE organisation_id = $1 ORDER BY domain_slug")
            .bind(company.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| parse_col(r, "domain_slug", Slug::parse))
            .collect::<Result<Vec<_>>>()?;
        profile_from_row(&row, specialties).map(Some)
    }

    /// Creates or replaces a company's profile; the organisation must be a company and the specialties in the
    /// vocabulary.
    pub async fn save_company_profile(
        &self,
        company: OrganisationId,
        profile: &CompanyProfile,
    ) -> Result<()> {
        let mut tx = self.begin_raw().await?;
        save_profile_in(&mut tx, company, profile).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every company with its profile (if any), by name.
    pub async fn list_companies(&self) -> Result<Vec<(Organisation, Option<CompanyProfile>)>> {
        let orgs = self
            .list_organisations(Some(OrganisationKind::Company))
            .await?;
        let mut out = Vec::with_capacity(orgs.len());
        for org in orgs {
            let profile = self.get_company_profile(org.id).await?;
            out.push((org, profile));
        }
        Ok(out)
    }

    /// Invites an existing company to an edition, on behalf of `by_org` (an incubator, a cluster, the agency).
    /// Refused if the company already takes part (`invalid-transition`).
    pub async fn invite_company(
        &self,
        edition: EditionId,
        company: OrganisationId,
        by_org: Option<OrganisationId>,
        by_user: Option<UserId>,
    ) -> Result<Participation> {
        let mut tx = self.begin_raw().await?;
        insert_invited(&mut tx, edition, company, by_org, by_user).await?;
        tx.commit().await?;
        self.get_participation(edition, company)
            .await?
            .ok_or(Error::NotFound)
    }

    /// A business manager brings a new company: creates the company, its invited participation and an
    /// invitation for its contact (company member), all or nothing. Returns the token for the e-mail.
    #[allow(clippy::too_many_arguments)]
    pub async fn invite_new_company(
        &self,
        edition: EditionId,
        name: &OrganisationName,
        contact: &Email,
        by_org: Option<OrganisationId>,
        by_user: Option<UserId>,
        valid_for: Duration,
        now: OffsetDateTime,
    ) -> Result<(Participation, Invitation, String)> {
        let mut tx = self.begin_raw().await?;
        let org = insert_org(&mut tx, name, OrganisationKind::Company).await?;
        insert_invited(&mut tx, edition, org.id, by_org, by_user).await?;
        let new = NewInvitation {
            email: contact.clone(),
            organisation: org.id,
            role: Role::CompanyMember,
            edition: Some(edition),
            invited_by: by_user,
            valid_for,
        };
        let (invitation, token) = crate::invitations::insert_invitation(&mut tx, &new, now).await?;
        tx.commit().await?;
        let participation = self
            .get_participation(edition, org.id)
            .await?
            .ok_or(Error::NotFound)?;
        Ok((participation, invitation, token))
    }

    /// The company registers to the edition (from an invitation, or on its own).
    pub async fn register_participation(
        &self,
        edition: EditionId,
        company: OrganisationId,
    ) -> Result<Participation> {
        let mut tx = self.begin_raw().await?;
        register_in(&mut tx, edition, company).await?;
        tx.commit().await?;
        self.get_participation(edition, company)
            .await?
            .ok_or(Error::NotFound)
    }

    /// An organiser validates a registered company (`invalid-transition` otherwise).
    pub async fn validate_participation(
        &self,
        edition: EditionId,
        company: OrganisationId,
        actor: Option<UserId>,
    ) -> Result<Participation> {
        let mut tx = self.begin_raw().await?;
        validate_in(&mut tx, edition, company, actor).await?;
        tx.commit().await?;
        self.get_participation(edition, company)
            .await?
            .ok_or(Error::NotFound)
    }

    pub async fn get_participation(
        &self,
        edition: EditionId,
        company: OrganisationId,
    ) -> Result<Option<Participation>> {
        let row = sqlx::query(&format!(
            "{PARTICIPATION_SELECT} WHERE p.edition_id = $1 AND p.company_id = $2"
        ))
        .bind(edition.to_string())
        .bind(company.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(participation_from_row).transpose()
    }

    /// The participations of an edition, optionally in one status, by company name.
    pub async fn list_participations(
        &self,
        edition: EditionId,
        status: Option<ParticipationStatus>,
    ) -> Result<Vec<Participation>> {
        // The optional filter goes into the SQL text, not a NULL parameter: PostgreSQL cannot type an untyped
        // NULL through the `Any` driver.
        let filter = if status.is_some() {
            " AND p.status = $2"
        } else {
            ""
        };
        let sql =
            format!("{PARTICIPATION_SELECT} WHERE p.edition_id = $1{filter} ORDER BY o.name_key");
        let mut query = sqlx::query(&sql).bind(edition.to_string());
        if let Some(s) = status {
            query = query.bind(s.as_str());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(participation_from_row).collect()
    }

    /// The editions a company takes part in (or was invited to).
    pub async fn participations_of_company(
        &self,
        company: OrganisationId,
    ) -> Result<Vec<Participation>> {
        let rows = sqlx::query(&format!(
            "{PARTICIPATION_SELECT} WHERE p.company_id = $1 ORDER BY p.created_at"
        ))
        .bind(company.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(participation_from_row).collect()
    }

    /// A business manager's pipeline: the companies their organisation invited (in one edition or all), with
    /// their profiles, by company name.
    pub async fn pipeline(
        &self,
        inviter: OrganisationId,
        edition: Option<EditionId>,
    ) -> Result<Vec<PipelineEntry>> {
        // Optional filter in the SQL text, as in `list_participations`.
        let filter = if edition.is_some() {
            " AND p.edition_id = $2"
        } else {
            ""
        };
        let sql = format!(
            "{PARTICIPATION_SELECT} WHERE p.invited_by_org = $1{filter} ORDER BY o.name_key"
        );
        let mut query = sqlx::query(&sql).bind(inviter.to_string());
        if let Some(e) = edition {
            query = query.bind(e.to_string());
        }
        let rows = query.fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let participation = participation_from_row(row)?;
            let profile = self.get_company_profile(participation.company.id).await?;
            out.push(PipelineEntry {
                participation,
                profile,
            });
        }
        Ok(out)
    }

    /// The companies of an edition in one status (validated: those that meet), with their profiles, by
    /// name; two queries whatever their number (the matching run reads ten thousand of them).
    pub async fn participating_companies(
        &self,
        edition: EditionId,
        status: ParticipationStatus,
    ) -> Result<Vec<(Organisation, Option<CompanyProfile>)>> {
        let org_columns = ORG_COLUMNS
            .split(", ")
            .map(|c| format!("o.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!(
            "SELECT {org_columns}, cp.organisation_id AS has_profile, cp.description, cp.references_text, cp.size, \
             cp.region, cp.website, cp.budget_min FROM participations p JOIN organisations o ON o.id = p.company_id \
             LEFT JOIN company_profiles cp ON cp.organisation_id = o.id \
             WHERE p.edition_id = $1 AND p.status = $2 ORDER BY o.name_key"
        ))
        .bind(edition.to_string())
        .bind(status.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut specialties: std::collections::HashMap<String, Vec<Slug>> = Default::default();
        for r in sqlx::query(
            "SELECT s.organisation_id, s.domain_slug FROM company_specialties s \
             JOIN participations p ON p.company_id = s.organisation_id \
             WHERE p.edition_id = $1 AND p.status = $2 ORDER BY s.domain_slug",
        )
        .bind(edition.to_string())
        .bind(status.as_str())
        .fetch_all(&self.pool)
        .await?
        {
            specialties
                .entry(r.try_get("organisation_id")?)
                .or_default()
                .push(parse_col(&r, "domain_slug", Slug::parse)?);
        }
        rows.iter()
            .map(|r| {
                let org = org_from_row(r)?;
                let profile = match r.try_get::<Option<String>, _>("has_profile")? {
                    Some(_) => Some(profile_from_row(
                        r,
                        specialties.remove(&org.id.to_string()).unwrap_or_default(),
                    )?),
                    None => None,
                };
                Ok((org, profile))
            })
            .collect()
    }

    /// The incubators and clusters that brought a company, in any edition (whose pipelines it is in).
    pub async fn pipelines_of(&self, company: OrganisationId) -> Result<Vec<OrganisationId>> {
        let rows = sqlx::query(
            "SELECT DISTINCT invited_by_org FROM participations WHERE company_id = $1 AND invited_by_org IS NOT NULL",
        )
        .bind(company.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| crate::parse_id(r, "invited_by_org"))
            .collect()
    }

    /// Companies whose profile lists a domain (for organisers and the matching engine).
    pub async fn companies_with_specialty(&self, domain: &Slug) -> Result<Vec<Organisation>> {
        let rows = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE id IN \
             (SELECT organisation_id FROM company_specialties WHERE domain_slug = $1) ORDER BY name_key"
        ))
        .bind(domain.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(org_from_row).collect()
    }
}

impl crate::Tx {
    /// Invites a company to an edition on behalf of `by_org` (`invalid-transition` if it takes part already).
    pub async fn invite_company(
        &mut self,
        edition: EditionId,
        company: OrganisationId,
        by_org: Option<OrganisationId>,
        by_user: Option<UserId>,
    ) -> Result<()> {
        insert_invited(&mut self.conn, edition, company, by_org, by_user).await
    }

    /// The company registers to the edition.
    pub async fn register_participation(
        &mut self,
        edition: EditionId,
        company: OrganisationId,
    ) -> Result<()> {
        register_in(&mut self.conn, edition, company).await
    }

    /// An organiser validates a registered company.
    pub async fn validate_participation(
        &mut self,
        edition: EditionId,
        company: OrganisationId,
        actor: Option<UserId>,
    ) -> Result<()> {
        validate_in(&mut self.conn, edition, company, actor).await
    }
}

impl crate::Tx {
    /// Creates or replaces a company's profile in the transaction.
    pub async fn save_company_profile(
        &mut self,
        company: OrganisationId,
        profile: &CompanyProfile,
    ) -> Result<()> {
        save_profile_in(&mut self.conn, company, profile).await
    }
}
