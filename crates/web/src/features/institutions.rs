//! The organisers' institutions: the list with the identifiers single sign-on matches them by
//! (SIRET, UAI, home domain), and each institution's page to set them and to answer the requests
//! to join it. Handlers parse, call one use case of `passerelle_app::institutions` and render.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::institutions::{self, IdentifiersInput, Institution};
use passerelle_domain::OrganisationId;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::CONSOLE_INSTITUTIONS, list)
        .get_post("/console/etablissements/{id}", page, save)
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
    errors: Errors,
    requests: Vec<JoinRequestView>,
}

fn parse_id(id: &str) -> Result<OrganisationId, AppError> {
    OrganisationId::parse(id).map_err(|_| AppError::NotFound)
}

async fn render(
    ctx: &mut Ctx,
    institution: Institution,
    form: IdentifiersForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    ctx.with_csrf().await?;
    let lang = ctx.lang;
    let name = institution.organisation.name.as_str().to_owned();
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
    let ids = &institution.identifiers;
    let form = IdentifiersForm {
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
    };
    render(
        &mut ctx,
        institution,
        form,
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
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
