//! Organisations.

use crate::{Error, Result, Storage, from_ts, now, parse_col, parse_id, parse_opt_col, to_ts};
use passerelle_domain::{
    Claim, HomeDomain, OrganisationId, OrganisationKind, OrganisationName, Siret, Uai,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: OrganisationName,
    pub kind: OrganisationKind,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

pub(crate) const ORG_COLUMNS: &str = "id, name, kind, created_at";

pub(crate) fn org_from_row(row: &AnyRow) -> Result<Organisation> {
    Ok(Organisation {
        id: parse_id(row, "id")?,
        name: parse_col(row, "name", OrganisationName::parse)?,
        kind: parse_col(row, "kind", OrganisationKind::parse)?,
        created_at: from_ts(row.try_get("created_at")?)?,
    })
}

pub(crate) async fn insert_org(
    conn: &mut sqlx::AnyConnection,
    name: &OrganisationName,
    kind: OrganisationKind,
) -> Result<Organisation> {
    let key = name.as_str().to_lowercase();
    let taken = sqlx::query("SELECT id FROM organisations WHERE kind = $1 AND name_key = $2")
        .bind(kind.as_str())
        .bind(&key)
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Err(Error::Conflict("organisation-name-taken"));
    }
    let org = Organisation {
        id: OrganisationId::new(),
        name: name.clone(),
        kind,
        created_at: now(),
    };
    sqlx::query("INSERT INTO organisations (id, name, name_key, kind, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(org.id.to_string())
        .bind(org.name.as_str())
        .bind(key)
        .bind(kind.as_str())
        .bind(to_ts(org.created_at))
        .execute(&mut *conn)
        .await?;
    Ok(org)
}

impl Storage {
    /// Creates an organisation; a name already used by an organisation of the same kind (ignoring case) is a
    /// conflict (`organisation-name-taken`).
    pub async fn create_organisation(
        &self,
        name: &OrganisationName,
        kind: OrganisationKind,
    ) -> Result<Organisation> {
        let mut tx = self.begin_raw().await?;
        let org = insert_org(&mut tx, name, kind).await?;
        tx.commit().await?;
        Ok(org)
    }

    pub async fn get_organisation(&self, id: OrganisationId) -> Result<Option<Organisation>> {
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(org_from_row).transpose()
    }

    /// Finds an organisation by kind and name, ignoring case.
    pub async fn find_organisation(
        &self,
        kind: OrganisationKind,
        name: &str,
    ) -> Result<Option<Organisation>> {
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE kind = $1 AND name_key = $2"
        ))
        .bind(kind.as_str())
        .bind(name.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(org_from_row).transpose()
    }

    /// Organisations sorted by name, optionally of one kind.
    pub async fn list_organisations(
        &self,
        kind: Option<OrganisationKind>,
    ) -> Result<Vec<Organisation>> {
        let rows = match kind {
            Some(kind) => {
                sqlx::query(&format!(
                    "SELECT {ORG_COLUMNS} FROM organisations WHERE kind = $1 ORDER BY name_key"
                ))
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query(&format!(
                    "SELECT {ORG_COLUMNS} FROM organisations ORDER BY name_key"
                ))
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter().map(org_from_row).collect()
    }

    /// Renames an organisation (same uniqueness rule as creation).
    pub async fn rename_organisation(
        &self,
        id: OrganisationId,
        name: &OrganisationName,
    ) -> Result<Organisation> {
        let mut tx = self.begin_raw().await?;
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
        let mut org = org_from_row(&row)?;
        let key = name.as_str().to_lowercase();
        let taken = sqlx::query(
            "SELECT id FROM organisations WHERE kind = $1 AND name_key = $2 AND id <> $3",
        )
        .bind(org.kind.as_str())
        .bind(&key)
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_some() {
            return Err(Error::Conflict("organisation-name-taken"));
        }
        sqlx::query("UPDATE organisations SET name = $1, name_key = $2 WHERE id = $3")
            .bind(name.as_str())
            .bind(key)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        org.name = name.clone();
        Ok(org)
    }
}

impl crate::Tx {
    /// Creates an organisation in the transaction (`Conflict("organisation-name-taken")` if its kind has one
    /// of that name, whatever the case).
    pub async fn create_organisation(
        &mut self,
        name: &OrganisationName,
        kind: OrganisationKind,
    ) -> Result<Organisation> {
        insert_org(&mut self.conn, name, kind).await
    }
}

/// Organisations' SIRETs (single sign-on: ProConnect's `siret` claim is matched against them).
impl Storage {
    /// The organisation's SIRET, if its members or the organisers gave it.
    pub async fn organisation_siret(&self, id: OrganisationId) -> Result<Option<Siret>> {
        let row = sqlx::query("SELECT siret FROM organisations WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(Error::NotFound)?;
        parse_opt_col(&row, "siret", Siret::parse)
    }

    /// The organisations with this SIRET (usually one; none or several propose nothing), by name.
    pub async fn organisations_with_siret(&self, siret: &Siret) -> Result<Vec<Organisation>> {
        let rows = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE siret = $1 ORDER BY name_key"
        ))
        .bind(siret.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(org_from_row).collect()
    }
}

impl crate::Tx {
    /// Sets or clears the organisation's SIRET.
    pub async fn set_organisation_siret(
        &mut self,
        id: OrganisationId,
        siret: Option<&Siret>,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE organisations SET siret = $1 WHERE id = $2")
            .bind(siret.map(|s| s.as_str().to_owned()))
            .bind(id.to_string())
            .execute(&mut *self.conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }
}

/// The identifiers single sign-on matches an organisation by: ProConnect's `siret` claim, and
/// RENATER's `supannEtablissement` (the UAI) and `schacHomeOrganization` (the home domain).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationIdentifiers {
    pub siret: Option<Siret>,
    pub uai: Option<Uai>,
    pub home_domain: Option<HomeDomain>,
}

fn identifiers_from_row(row: &AnyRow) -> Result<OrganisationIdentifiers> {
    Ok(OrganisationIdentifiers {
        siret: parse_opt_col(row, "siret", Siret::parse)?,
        uai: parse_opt_col(row, "uai", Uai::parse)?,
        home_domain: parse_opt_col(row, "home_domain", HomeDomain::parse)?,
    })
}

impl Storage {
    /// The organisation's identifiers (`NotFound` if there is no such organisation).
    pub async fn organisation_identifiers(
        &self,
        id: OrganisationId,
    ) -> Result<OrganisationIdentifiers> {
        let row = sqlx::query("SELECT siret, uai, home_domain FROM organisations WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(Error::NotFound)?;
        identifiers_from_row(&row)
    }

    /// The organisations of `kind` with their identifiers, by name.
    pub async fn organisations_with_identifiers(
        &self,
        kind: OrganisationKind,
    ) -> Result<Vec<(Organisation, OrganisationIdentifiers)>> {
        let rows = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS}, siret, uai, home_domain FROM organisations WHERE kind = $1 \
             ORDER BY name_key"
        ))
        .bind(kind.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((org_from_row(r)?, identifiers_from_row(r)?)))
            .collect()
    }

    /// The organisation with this UAI, if one has it (they are unique).
    pub async fn organisation_with_uai(&self, uai: &Uai) -> Result<Option<Organisation>> {
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE uai = $1"
        ))
        .bind(uai.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(org_from_row).transpose()
    }

    /// The organisation with this home domain, if one has it (they are unique).
    pub async fn organisation_with_home_domain(
        &self,
        domain: &HomeDomain,
    ) -> Result<Option<Organisation>> {
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations WHERE home_domain = $1"
        ))
        .bind(domain.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(org_from_row).transpose()
    }
}

/// Whether an organisation other than `id` has `value` in `column`.
async fn taken_elsewhere(
    conn: &mut sqlx::AnyConnection,
    column: &str,
    value: Option<&str>,
    id: OrganisationId,
) -> Result<bool> {
    let Some(value) = value else {
        return Ok(false);
    };
    Ok(sqlx::query(&format!(
        "SELECT 1 FROM organisations WHERE {column} = $1 AND id <> $2"
    ))
    .bind(value)
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

impl crate::Tx {
    /// Sets the organisation's three identifiers at once; a UAI or a home domain another
    /// organisation has is a conflict (`uai-taken`, `home-domain-taken`) and changes nothing.
    pub async fn set_organisation_identifiers(
        &mut self,
        id: OrganisationId,
        ids: &OrganisationIdentifiers,
    ) -> Result<()> {
        let uai = ids.uai.as_ref().map(|u| u.as_str());
        if taken_elsewhere(&mut self.conn, "uai", uai, id).await? {
            return Err(Error::Conflict("uai-taken"));
        }
        let domain = ids.home_domain.as_ref().map(|d| d.as_str());
        if taken_elsewhere(&mut self.conn, "home_domain", domain, id).await? {
            return Err(Error::Conflict("home-domain-taken"));
        }
        let done = sqlx::query(
            "UPDATE organisations SET siret = $1, uai = $2, home_domain = $3 WHERE id = $4",
        )
        .bind(ids.siret.as_ref().map(|s| s.as_str().to_owned()))
        .bind(ids.uai.as_ref().map(|u| u.as_str().to_owned()))
        .bind(ids.home_domain.as_ref().map(|d| d.as_str().to_owned()))
        .bind(id.to_string())
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }
}

/// Someone asking to join an organisation that their identity provider's claim points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    pub organisation: OrganisationId,
    pub user: crate::User,
    /// What the identity provider asserted, shown to those who decide.
    pub claim: Claim,
    pub requested_at: OffsetDateTime,
}

fn claim_from_row(row: &AnyRow) -> Result<Claim> {
    let kind: String = row.try_get("claim_kind")?;
    parse_col(row, "claim_value", |v| Claim::parse(&kind, v))
}

impl Storage {
    /// The requests to join `organisation`, oldest first.
    pub async fn join_requests(&self, organisation: OrganisationId) -> Result<Vec<JoinRequest>> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, u.display_name, u.locale, u.created_at, r.claim_kind, \
             r.claim_value, r.requested_at \
             FROM organisation_join_requests r JOIN users u ON u.id = r.user_id \
             WHERE r.organisation_id = $1 ORDER BY r.requested_at, u.email",
        )
        .bind(organisation.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(JoinRequest {
                    organisation,
                    user: crate::users::user_from_row(r)?,
                    claim: claim_from_row(r)?,
                    requested_at: from_ts(r.try_get("requested_at")?)?,
                })
            })
            .collect()
    }

    /// How many requests await an answer, per organisation that has some.
    pub async fn join_request_counts(&self) -> Result<Vec<(OrganisationId, usize)>> {
        let rows = sqlx::query(
            "SELECT organisation_id, COUNT(*) AS n FROM organisation_join_requests \
             GROUP BY organisation_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let n: i64 = r.try_get("n")?;
                Ok((
                    parse_id(r, "organisation_id")?,
                    usize::try_from(n).unwrap_or(0),
                ))
            })
            .collect()
    }

    /// Whether `user` asked to join `organisation` and awaits the answer.
    pub async fn join_requested(
        &self,
        organisation: OrganisationId,
        user: passerelle_domain::UserId,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "SELECT 1 FROM organisation_join_requests WHERE organisation_id = $1 AND user_id = $2",
        )
        .bind(organisation.to_string())
        .bind(user.to_string())
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }
}

impl crate::Tx {
    /// Records a request to join (`Conflict("join-already-requested")` if one awaits an answer).
    pub async fn request_join(
        &mut self,
        organisation: OrganisationId,
        user: passerelle_domain::UserId,
        claim: &Claim,
        at: OffsetDateTime,
    ) -> Result<()> {
        let pending = sqlx::query(
            "SELECT 1 FROM organisation_join_requests WHERE organisation_id = $1 AND user_id = $2",
        )
        .bind(organisation.to_string())
        .bind(user.to_string())
        .fetch_optional(&mut *self.conn)
        .await?;
        if pending.is_some() {
            return Err(Error::Conflict("join-already-requested"));
        }
        sqlx::query(
            "INSERT INTO organisation_join_requests \
             (organisation_id, user_id, claim_kind, claim_value, requested_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(organisation.to_string())
        .bind(user.to_string())
        .bind(claim.kind())
        .bind(claim.value())
        .bind(to_ts(at))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Removes the request, answered (`NotFound` if there is none: answered already).
    pub async fn take_join_request(
        &mut self,
        organisation: OrganisationId,
        user: passerelle_domain::UserId,
    ) -> Result<Claim> {
        let row = sqlx::query(
            "SELECT claim_kind, claim_value FROM organisation_join_requests \
             WHERE organisation_id = $1 AND user_id = $2",
        )
        .bind(organisation.to_string())
        .bind(user.to_string())
        .fetch_optional(&mut *self.conn)
        .await?
        .ok_or(Error::NotFound)?;
        sqlx::query(
            "DELETE FROM organisation_join_requests WHERE organisation_id = $1 AND user_id = $2",
        )
        .bind(organisation.to_string())
        .bind(user.to_string())
        .execute(&mut *self.conn)
        .await?;
        claim_from_row(&row)
    }
}

/// Organisations' regions (the matching's region reason: an irritant's region is its institution's).
impl Storage {
    /// The organisation's region, if the organisers gave it.
    pub async fn organisation_region(
        &self,
        id: OrganisationId,
    ) -> Result<Option<passerelle_domain::Region>> {
        let row = sqlx::query("SELECT region FROM organisations WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(Error::NotFound)?;
        parse_opt_col(&row, "region", passerelle_domain::Region::parse)
    }

    /// The regions of the institutions with a published irritant in `edition` (one query, whatever its
    /// size).
    pub async fn institution_regions(
        &self,
        edition: passerelle_domain::EditionId,
    ) -> Result<std::collections::HashMap<OrganisationId, passerelle_domain::Region>> {
        let rows = sqlx::query(
            "SELECT DISTINCT o.id, o.region FROM organisations o JOIN irritants i ON i.institution_id = o.id \
             WHERE i.edition_id = $1 AND o.region IS NOT NULL",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse_id(r, "id")?,
                    parse_col(r, "region", passerelle_domain::Region::parse)?,
                ))
            })
            .collect()
    }
}

impl crate::Tx {
    /// Sets or clears the organisation's region; the recommendations of the editions where it has
    /// irritants are recomputed.
    pub async fn set_organisation_region(
        &mut self,
        id: OrganisationId,
        region: Option<passerelle_domain::Region>,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE organisations SET region = $1 WHERE id = $2")
            .bind(region.map(|r| r.as_str()))
            .bind(id.to_string())
            .execute(&mut *self.conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        crate::recommendations::mark_stale(
            &mut self.conn,
            crate::recommendations::Stale::Institution(id),
        )
        .await
    }
}
