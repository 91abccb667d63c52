//! Company profiles as others see them: a company's page (organisers before validating it, institutions
//! preparing their meetings, the company's own members) and an edition's directory of validated
//! companies, filtered by specialty and region.

use passerelle_domain::{
    Action, Actor, CompanyProfile, Context, EditionId, OrganisationId, OrganisationKind,
    ParticipationStatus, Region, Slug, authorize,
};
use passerelle_storage::{Edition, Organisation, Participation};

use crate::{App, Error, Result};

/// The directory's filters (none: every validated company).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub specialty: Option<Slug>,
    pub region: Option<Region>,
}

impl Filter {
    fn keeps(&self, profile: Option<&CompanyProfile>) -> bool {
        let specialty = self
            .specialty
            .as_ref()
            .is_none_or(|s| profile.is_some_and(|p| p.specialties.contains(s)));
        let region = self
            .region
            .is_none_or(|r| profile.is_some_and(|p| p.region == Some(r)));
        specialty && region
    }
}

/// An edition's validated companies that pass the filter, by name, out of how many validated.
#[derive(Debug, Clone)]
pub struct Directory {
    pub edition: Edition,
    pub companies: Vec<(Organisation, Option<CompanyProfile>)>,
    pub validated: usize,
}

/// The directory of `edition` (the current one by default).
pub async fn directory(
    app: &App,
    actor: &Actor,
    edition: Option<EditionId>,
    filter: &Filter,
) -> Result<Directory> {
    let edition = match edition {
        Some(id) => app.storage().get_edition(id).await?,
        None => crate::editions::current(app).await?,
    };
    authorize(
        actor,
        Action::ViewCompanyDirectory,
        &Context {
            phase: edition.as_ref().map(|e| e.phase),
            ..Context::default()
        },
    )?;
    let edition = edition.ok_or(Error::NotFound)?;
    let mut all = app
        .storage()
        .participating_companies(edition.id, ParticipationStatus::Validated)
        .await?;
    let validated = all.len();
    all.retain(|(_, p)| filter.keeps(p.as_ref()));
    all.sort_by(|a, b| {
        a.0.name
            .as_str()
            .to_lowercase()
            .cmp(&b.0.name.as_str().to_lowercase())
    });
    Ok(Directory {
        edition,
        companies: all,
        validated,
    })
}

/// A company's page: its profile and its participations, each with its edition.
#[derive(Debug, Clone)]
pub struct CompanyPage {
    pub company: Organisation,
    pub profile: Option<CompanyProfile>,
    /// The SIRET its members gave (single sign-on proposes the company to its staff by it).
    pub siret: Option<passerelle_domain::Siret>,
    pub participations: Vec<(Participation, Edition)>,
}

/// The page of `company`, for those who may see it (a company of no edition is seen by organisers too).
pub async fn company(app: &App, actor: &Actor, company: OrganisationId) -> Result<CompanyPage> {
    let org = app
        .storage()
        .get_organisation(company)
        .await?
        .filter(|o| o.kind == OrganisationKind::Company)
        .ok_or(Error::NotFound)?;
    authorize(
        actor,
        Action::ViewCompanyProfile,
        &Context {
            owner: Some(company),
            ..Context::default()
        },
    )?;
    let profile = app.storage().get_company_profile(company).await?;
    let siret = app.storage().organisation_siret(company).await?;
    let mut participations = Vec::new();
    for p in app.storage().participations_of_company(company).await? {
        if let Some(e) = app.storage().get_edition(p.edition_id).await? {
            participations.push((p, e));
        }
    }
    // The latest edition first.
    participations.sort_by_key(|p| std::cmp::Reverse(p.1.dates.first_day()));
    Ok(CompanyPage {
        company: org,
        profile,
        siret,
        participations,
    })
}
