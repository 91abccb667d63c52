//! The organisers' institutions: the list with the identifiers single sign-on matches them by
//! (SIRET, UAI, home domain), and each institution's page to set them, to set its region (the
//! matching's region fit of its irritants) and to answer the requests to join it. Handlers parse, call one use case of `passerelle_app::institutions` and render.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::institutions::{self, IdentifiersInput, Institution};
use passerelle_domain::{OrganisationId, Region};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::CONSOLE_INSTITUTIONS, list)
        .get_post("/console/etablissements/{id}", page, save)
        .post("/console/etablissements/{id}/region", save_region)
}

pub struct InstitutionRowView {
    pub link: String,
    pub name: String,
    pub siret: String,
    pub uai: String,
    pub home_domain: String,
    pub requests: i64,
}

#[derive(Template)]
#[template(path = "console/institutions.html")]
struct ListPage {
    page: Page,
    institutions: Vec<InstitutionRowView>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let rows = institutions::list(&state.app, &ctx.actor()).await?;
    html(ListPage {
        page: ctx.page("institutions-title", "console"),
        institutions: rows
            .into_iter()
            .map(|r| InstitutionRowView {
                link: urls::console_institution(r.organisation.id),
                name: r.organisation.name.as_str().to_owned(),
                siret: r.identifiers.siret.map(|s| s.grouped()).unwrap_or_default(),
                uai: r
                    .identifiers
                    .uai
                    .map(|u| u.as_str().to_owned())
                    .unwrap_or_default(),
                home_domain: r
                    .identifiers
                    .home_domain
                    .map(|d| d.as_str().to_owned())
                    .unwrap_or_default(),
                requests: i64::try_from(r.requests).unwrap_or(i64::MAX),
            })
            .collect(),
    })
}

/// The identifiers form, as posted.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct IdentifiersForm {
    pub siret: String,
    pub uai: String,
    pub home_domain: String,
}

pub struct JoinRequestView {
    pub user: String,
    pub name: String,
    pub email: String,
    pub claim: String,
    pub on: String,
}

#[derive(Template)]
#[template(path = "console/institution.html")]
struct InstitutionPage {
    page: Page,
    id: String,
    name: String,
    form: IdentifiersForm,
    regions: Vec<Choice>,
    errors: Errors,
    requests: Vec<JoinRequestView>,
}

/// The region form, as posted (a region code, or empty for none).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RegionForm {
    pub region: String,
}

fn parse_id(id: &str) -> Result<OrganisationId, AppError> {
    OrganisationId::parse(id).map_err(|_| AppError::NotFound)
}

/// The identifiers as stored, for the form.
fn stored_identifiers(institution: &Institution) -> IdentifiersForm {
    let ids = &institution.identifiers;
    IdentifiersForm {
        siret: ids.siret.as_ref().map(|s| s.grouped()).unwrap_or_default(),
        uai: ids
            .uai
            .as_ref()
            .map(|u| u.as_str().to_owned())
            .unwrap_or_default(),
        home_domain: ids
            .home_domain
            .as_ref()
            .map(|d| d.as_str().to_owned())
            .unwrap_or_default(),
    }
}

/// Renders the page; `region` is the region code as typed (a refused one selects nothing).
async fn render(
    ctx: &mut Ctx,
    institution: Institution,
    (form, region): (IdentifiersForm, Option<&str>),
    errors: Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    ctx.with_csrf().await?;
    let lang = ctx.lang;
    let name = institution.organisation.name.as_str().to_owned();
    let selected = region
        .map(str::to_owned)
        .or_else(|| institution.region.map(|r| r.as_str().to_owned()))
        .unwrap_or_default();
    let regions = Region::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: present::region_label(lang, *r),
            selected: selected == r.as_str(),
        })
        .collect();
    html_status(
        status,
        InstitutionPage {
            page: ctx.page_titled(
                lang.t_args("institution-title", &[("name", name.clone())]),
                "console",
            ),
            id: institution.organisation.id.to_string(),
            name,
            form,
            regions,
            errors,
            requests: institution
                .requests
                .into_iter()
                .map(|r| JoinRequestView {
                    user: r.user.id.to_string(),
                    name: r.user.display_name.as_str().to_owned(),
                    email: r.user.email.as_str().to_owned(),
                    claim: r.claim.shown(),
                    on: present::date(lang, r.requested_at.date()),
                })
                .collect(),
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let institution = institutions::get(&state.app, &ctx.actor(), id).await?;
    let form = stored_identifiers(&institution);
    render(
        &mut ctx,
        institution,
        (form, None),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn save(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<IdentifiersForm>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let input = IdentifiersInput {
        siret: form.siret.clone(),
        uai: form.uai.clone(),
        home_domain: form.home_domain.clone(),
    };
    match institutions::set_identifiers(&state.app, &ctx.actor(), id, &input).await {
        Ok(_) => {
            ctx.flash("institution-saved").await?;
            Ok(Redirect::to(&urls::console_institution(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let institution = institutions::get(&state.app, &ctx.actor(), id).await?;
            render(
                &mut ctx,
                institution,
                (form, None),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn save_region(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RegionForm>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    match institutions::set_region(&state.app, &ctx.actor(), id, &form.region).await {
        Ok(_) => {
            ctx.flash("institution-region-saved").await?;
            Ok(Redirect::to(&urls::console_institution(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let institution = institutions::get(&state.app, &ctx.actor(), id).await?;
            let identifiers = stored_identifiers(&institution);
            render(
                &mut ctx,
                institution,
                (identifiers, Some(&form.region)),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
