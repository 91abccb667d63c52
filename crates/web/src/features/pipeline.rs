//! Business managers: the companies their incubator or cluster brought (their pipeline), and
//! inviting new ones.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_domain::{Action, Context, OrganisationId, Role};

use passerelle_app::invitations::{self, Inviter};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::features::console::{InviteForm, invite_page, send_invitation};
use crate::features::editions;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Errors, Form, Page, html};

pub fn routes() -> Routes {
    Routes::new().get(urls::PIPELINE, index).get_post(
        urls::PIPELINE_INVITATIONS,
        invite_form,
        invite,
    )
}

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
            ..Context::default()
        }),
    )?;
    // Organisers may look, but only business managers have a pipeline of their own: organisers
    // find every company in their console.
    let Some(org) = org else {
        return Ok(Redirect::to(urls::CONSOLE).into_response());
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
            status: present::participation_label(ctx.lang, e.participation.status),
        })
        .collect();
    html(PipelinePage {
        page: ctx.page("pipeline-title", "pipeline"),
        rows,
    })
}

/// The business manager's inviter hat; organisers (who may look) are sent to their own form.
fn manager(ctx: &Ctx) -> Result<Option<Inviter>, AppError> {
    ctx.require_user()?;
    Ok(Inviter::business_manager(&ctx.actor()))
}

pub async fn invite_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let Some(inviter) = manager(&ctx)? else {
        invitations::authorize_form(&state.app, &ctx.actor(), Inviter::Organiser).await?;
        return Ok(Redirect::to(urls::CONSOLE_INVITATIONS).into_response());
    };
    html(
        invite_page(
            &state,
            &ctx,
            inviter,
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
    let Some(inviter) = manager(&ctx)? else {
        invitations::authorize_form(&state.app, &ctx.actor(), Inviter::Organiser).await?;
        return Ok(Redirect::to(urls::CONSOLE_INVITATIONS).into_response());
    };
    send_invitation(&state, &ctx, inviter, form).await
}
