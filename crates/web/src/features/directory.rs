//! Company profiles as others see them: an edition's directory of validated companies (filters by
//! specialty and region) and each company's page, for organisers (before validating it) and institution
//! members preparing their meetings.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use passerelle_app::directory::{self, Filter};
use passerelle_domain::{EditionId, OrganisationId, Region, Slug};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::features::catalogue;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Choice, Page, html};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::DIRECTORY, list)
        .get("/entreprises/{id}", show)
}

/// The directory's query: `specialite` (a domain's slug), `region` (a region's code), `edition` (an
/// edition's id; the current one by default). Values that mean nothing are ignored, not errors: the
/// page shows what it understood in its filters.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DirectoryQuery {
    specialite: String,
    region: String,
    edition: String,
}

pub struct CompanyCard {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub region: String,
    pub size: String,
    pub specialties: Vec<String>,
}

#[derive(Template)]
#[template(path = "directory/list.html")]
struct ListPage {
    page: Page,
    edition_name: String,
    edition_id: String,
    specialties: Vec<Choice>,
    regions: Vec<Choice>,
    filtered: bool,
    count: i64,
    validated: i64,
    companies: Vec<CompanyCard>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DirectoryQuery>,
) -> Result<Response, AppError> {
    let (entries, labels) = catalogue::domain_labels(&state, ctx.lang).await?;
    let filter = Filter {
        // Only a specialty of the vocabulary filters.
        specialty: Slug::parse(q.specialite.trim())
            .ok()
            .filter(|s| entries.iter().any(|d| d.slug == *s)),
        region: Region::parse(q.region.trim()).ok(),
    };
    let edition = EditionId::parse(q.edition.trim()).ok();
    let found = directory::directory(&state.app, &ctx.actor(), edition, &filter).await?;
    let label = |s: &Slug| {
        labels
            .get(s.as_str())
            .cloned()
            .unwrap_or_else(|| s.as_str().to_string())
    };
    let companies: Vec<CompanyCard> = found
        .companies
        .iter()
        .map(|(o, p)| CompanyCard {
            id: o.id.to_string(),
            name: o.name.as_str().to_string(),
            summary: p
                .as_ref()
                .and_then(|p| p.description.as_ref())
                .map(|d| present::summary(d.as_str()))
                .unwrap_or_default(),
            region: p
                .as_ref()
                .and_then(|p| p.region)
                .map(|r| present::region_label(ctx.lang, r))
                .unwrap_or_default(),
            size: p
                .as_ref()
                .and_then(|p| p.size)
                .map(|s| present::size_label(ctx.lang, s))
                .unwrap_or_default(),
            specialties: p
                .iter()
                .flat_map(|p| p.specialties.iter().map(label))
                .collect(),
        })
        .collect();
    let specialties = entries
        .iter()
        .map(|d| Choice {
            value: d.slug.as_str().to_string(),
            label: d.label(present::locale(ctx.lang)).to_string(),
            selected: filter.specialty.as_ref() == Some(&d.slug),
        })
        .collect();
    let regions = Region::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_string(),
            label: present::region_label(ctx.lang, *r),
            selected: filter.region == Some(*r),
        })
        .collect();
    html(ListPage {
        page: ctx.page("directory-title", "directory"),
        edition_name: found.edition.title.as_str().to_string(),
        edition_id: edition.map(|e| e.to_string()).unwrap_or_default(),
        specialties,
        regions,
        filtered: filter != Filter::default(),
        count: companies.len() as i64,
        validated: found.validated as i64,
        companies,
    })
}

pub struct ParticipationRow {
    pub edition: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "directory/company.html")]
struct CompanyPage {
    page: Page,
    name: String,
    description: String,
    references: String,
    specialties: Vec<String>,
    size: String,
    region: String,
    budget_min: String,
    website: String,
    siret: String,
    participations: Vec<ParticipationRow>,
    has_profile: bool,
    /// The company's attachments (its product sheet), as links.
    attachments: Option<crate::features::attachments::Panel>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = OrganisationId::parse(&id).map_err(|_| AppError::NotFound)?;
    let found = directory::company(&state.app, &ctx.actor(), id).await?;
    let (_, labels) = catalogue::domain_labels(&state, ctx.lang).await?;
    let lang = ctx.lang;
    let p = found.profile.as_ref();
    let text = |t: Option<&passerelle_domain::LongText>| {
        t.map(|t| t.as_str().to_string()).unwrap_or_default()
    };
    let attachments = crate::features::attachments::panel(
        &state,
        &ctx,
        passerelle_app::attachments::AttachmentOwner::Company(id),
        crate::features::attachments::Mode::Read,
    )
    .await?;
    html(CompanyPage {
        attachments,
        page: ctx.page_titled(found.company.name.as_str().to_string(), "directory"),
        name: found.company.name.as_str().to_string(),
        description: text(p.and_then(|p| p.description.as_ref())),
        references: text(p.and_then(|p| p.references.as_ref())),
        specialties: p
            .iter()
            .flat_map(|p| {
                p.specialties.iter().map(|s| {
                    labels
                        .get(s.as_str())
                        .cloned()
                        .unwrap_or_else(|| s.as_str().to_string())
                })
            })
            .collect(),
        size: p
            .and_then(|p| p.size)
            .map(|s| present::size_label(lang, s))
            .unwrap_or_default(),
        region: p
            .and_then(|p| p.region)
            .map(|r| present::region_label(lang, r))
            .unwrap_or_default(),
        budget_min: p
            .and_then(|p| p.budget_min)
            .map(|b| present::money(lang, b.eur()))
            .unwrap_or_default(),
        website: p
            .and_then(|p| p.website.as_ref())
            .map(|w| w.as_str().to_string())
            .unwrap_or_default(),
        siret: found
            .siret
            .as_ref()
            .map(|s| s.grouped())
            .unwrap_or_default(),
        participations: found
            .participations
            .iter()
            .map(|(part, edition)| ParticipationRow {
                edition: edition.title.as_str().to_string(),
                status: present::participation_label(lang, part.status),
            })
            .collect(),
        has_profile: p.is_some(),
    })
}
