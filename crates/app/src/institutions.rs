//! The organisers' view of the institutions: the identifiers single sign-on matches them by
//! (ProConnect's `siret` claim; RENATER's `supannEtablissement`, the UAI, and
//! `schacHomeOrganization`, the home domain), and the requests to join an institution that a
//! sign-in proposed, which the organisers answer ([`crate::sso::answer_join`]).

use passerelle_domain::{
    Action, Actor, HomeDomain, OrganisationId, OrganisationKind, Region, Siret, Uai, authorize,
};
use passerelle_storage::{JoinRequest, Organisation, OrganisationIdentifiers};

use crate::{App, Error, Invalid, Result};

/// One institution of the list, and how many requests to join it await an answer.
#[derive(Debug, Clone)]
pub struct InstitutionRow {
    pub organisation: Organisation,
    pub identifiers: OrganisationIdentifiers,
    pub requests: usize,
}

/// Every institution with its identifiers, by name.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<InstitutionRow>> {
    authorize(actor, Action::ManageInstitutions, &Default::default())?;
    let storage = app.storage();
    let counts = storage.join_request_counts().await?;
    Ok(storage
        .organisations_with_identifiers(OrganisationKind::Institution)
        .await?
        .into_iter()
        .map(|(organisation, identifiers)| InstitutionRow {
            requests: counts
                .iter()
                .find(|(id, _)| *id == organisation.id)
                .map_or(0, |(_, n)| *n),
            organisation,
            identifiers,
        })
        .collect())
}

/// One institution, its identifiers, its region and the requests to join it.
#[derive(Debug, Clone)]
pub struct Institution {
    pub organisation: Organisation,
    pub identifiers: OrganisationIdentifiers,
    /// Where it works (the matching's region fit of its irritants), if the organisers said.
    pub region: Option<Region>,
    pub requests: Vec<JoinRequest>,
}

async fn institution(app: &App, id: OrganisationId) -> Result<Organisation> {
    app.storage()
        .get_organisation(id)
        .await?
        .filter(|o| o.kind == OrganisationKind::Institution)
        .ok_or(Error::NotFound)
}

pub async fn get(app: &App, actor: &Actor, id: OrganisationId) -> Result<Institution> {
    authorize(actor, Action::ManageInstitutions, &Default::default())?;
    let organisation = institution(app, id).await?;
    let storage = app.storage();
    Ok(Institution {
        identifiers: storage.organisation_identifiers(id).await?,
        region: storage.organisation_region(id).await?,
        requests: storage.join_requests(id).await?,
        organisation,
    })
}

/// Sets the institution's region from its code as the form sends it (empty clears it), in the
/// transaction that marks the recommendations of its editions stale, with an audit record.
pub async fn set_region(
    app: &App,
    actor: &Actor,
    id: OrganisationId,
    raw: &str,
) -> Result<Option<Region>> {
    authorize(actor, Action::ManageInstitutions, &Default::default())?;
    let organisation = institution(app, id).await?;
    let mut invalid = Invalid::default();
    let region = optional(&mut invalid, "region", raw, Region::parse);
    invalid.finish()?;
    let before = app.storage().organisation_region(id).await?;
    let mut tx = app.begin().await?;
    tx.set_organisation_region(id, region).await?;
    app.audit(
        &mut tx,
        actor,
        "institution-region-set",
        ("organisation", organisation.id.to_string()),
        serde_json::json!({
            "before": before.map(Region::as_str),
            "after": region.map(Region::as_str),
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(region)
}

/// The identifiers as typed in the form; an empty field clears the identifier.
#[derive(Debug, Clone, Default)]
pub struct IdentifiersInput {
    pub siret: String,
    pub uai: String,
    pub home_domain: String,
}

fn optional<T>(
    invalid: &mut Invalid,
    field: &str,
    raw: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, passerelle_domain::ValidationError>,
) -> Option<T> {
    if raw.trim().is_empty() {
        return None;
    }
    invalid.check(field, parse(raw))
}

/// Sets the institution's three identifiers; every field is checked before anything is written,
/// and a UAI or a domain another organisation has is refused on its field.
pub async fn set_identifiers(
    app: &App,
    actor: &Actor,
    id: OrganisationId,
    input: &IdentifiersInput,
) -> Result<OrganisationIdentifiers> {
    authorize(actor, Action::ManageInstitutions, &Default::default())?;
    let organisation = institution(app, id).await?;
    let mut invalid = Invalid::default();
    let ids = OrganisationIdentifiers {
        siret: optional(&mut invalid, "siret", &input.siret, Siret::parse),
        uai: optional(&mut invalid, "uai", &input.uai, Uai::parse),
        home_domain: optional(
            &mut invalid,
            "home_domain",
            &input.home_domain,
            HomeDomain::parse,
        ),
    };
    invalid.finish()?;
    let before = app.storage().organisation_identifiers(id).await?;
    let mut tx = app.begin().await?;
    match tx.set_organisation_identifiers(id, &ids).await {
        Ok(()) => {}
        Err(passerelle_storage::Error::Conflict("uai-taken")) => {
            let mut invalid = Invalid::default();
            invalid.code("uai", "institution-uai-taken");
            return Err(Error::Invalid(invalid));
        }
        Err(passerelle_storage::Error::Conflict("home-domain-taken")) => {
            let mut invalid = Invalid::default();
            invalid.code("home_domain", "institution-home-domain-taken");
            return Err(Error::Invalid(invalid));
        }
        Err(e) => return Err(e.into()),
    }
    let text = |v: Option<&str>| v.map(str::to_owned);
    app.audit(
        &mut tx,
        actor,
        "institution-identifiers-set",
        ("organisation", organisation.id.to_string()),
        serde_json::json!({
            "before": {
                "siret": text(before.siret.as_ref().map(Siret::as_str)),
                "uai": text(before.uai.as_ref().map(Uai::as_str)),
                "home_domain": text(before.home_domain.as_ref().map(HomeDomain::as_str)),
            },
            "after": {
                "siret": text(ids.siret.as_ref().map(Siret::as_str)),
                "uai": text(ids.uai.as_ref().map(Uai::as_str)),
                "home_domain": text(ids.home_domain.as_ref().map(HomeDomain::as_str)),
            },
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(ids)
}
