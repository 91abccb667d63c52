//! Business managers: the companies their incubator or cluster brought (their pipeline), and
//! inviting new ones.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_domain::{Action, Context, OrganisationId, Role};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::features::console::{InviteForm, Inviter, invite_page, send_invitation};
use crate::features::editions;
use crate::state::AppState;
use crate::views::{Errors, Form, Page, html};

pub struct Row {
    pub name: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "pipeline/index.html")]
struct PipelinePage {
    page: Page,
    rows: Vec<Row>,
}

/// The business manager's incubator or cluster (the policy decides what having none means).
fn manager_org(ctx: &Ctx) -> Result<Option<OrganisationId>, AppError> {
    let user = ctx.require_user()?;
    Ok(user
        .organisations_with(Role::BusinessManager)
        .first()
        .copied())
}

pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let org = manager_org(&ctx)?;
    let edition = editions::current(&state).await?;
    ctx.authorize(
        Action::ViewPipeline,
        Some(&Context {
            phase: edition.as_ref().map(|e| e.phase),
            owner: org,
            irritant_status: None,
        }),
    )?;
    // Organisers may look, but only business managers have a pipeline of their own: organisers
    // find every company in their console.
    let Some(org) = org else {
        return Ok(Redirect::to("/console").into_response());
    };
    let entries = state
        .storage
        .pipeline(org, edition.as_ref().map(|e| e.id))
        .await
        .map_err(AppError::internal)?;
    let rows = entries
        .iter()
        .map(|e| Row {
            name: e.participation.company.name.as_str().to_string(),
            status: ctx.lang.t(&format!(
                "participation-{}",
                e.participation.status.as_str()
            )),
        })
        .collect();
    html(PipelinePage {
        page: ctx.page("pipeline-title", "pipeline"),
        rows,
    })
}

fn invite_context(
    edition: Option<&passerelle_storage::Edition>,
    org: Option<OrganisationId>,
) -> Context {
    Context {
        phase: edition.map(|e| e.phase),
        owner: org,
        irritant_status: None,
    }
}

pub async fn invite_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let org = manager_org(&ctx)?;
    let edition = editions::current(&state).await?;
    ctx.authorize(
        Action::InviteCompany,
        Some(&invite_context(edition.as_ref(), org)),
    )?;
    let Some(org) = org else {
        return Ok(Redirect::to("/console/invitations").into_response());
    };
    html(
        invite_page(
            &state,
            &ctx,
            Inviter::BusinessManager(org),
            InviteForm::default(),
            Errors::default(),
        )
        .await?,
    )
}

pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let org = manager_org(&ctx)?;
    let edition = editions::current(&state).await?;
    ctx.authorize(
        Action::InviteCompany,
        Some(&invite_context(edition.as_ref(), org)),
    )?;
    let Some(org) = org else {
        return Ok(Redirect::to("/console/invitations").into_response());
    };
    send_invitation(&state, &ctx, Inviter::BusinessManager(org), form).await
}
