//! Personal data: the person's export (readable page and JSON file) and the erasure of their account
//! (confirmed with the password, or by a mailed link for an account without one); the organisers'
//! answers to requests (`/console/comptes`: find the person, export, erase). Thin handlers over
//! `passerelle_app::personal_data`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::personal_data::{self, Export};
use passerelle_domain::UserId;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::personal_data::{SectionView, sections};
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Errors, Form, Page, html, html_status, plausible_token};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::MY_DATA, my_data)
        .get(urls::MY_DATA_JSON, my_data_json)
        .get_post(urls::ERASE_MINE, erase_form, erase_mine)
        .post(urls::ERASURE_LINK, send_erasure_link)
        .get_post(
            "/compte/suppression/lien/{token}",
            erasure_link_form,
            erase_by_link,
        )
        .get(urls::CONSOLE_ACCOUNTS, console_accounts)
        .get("/console/comptes/{id}", console_account)
        .get("/console/comptes/{id}/donnees.json", console_account_json)
        .post("/console/comptes/{id}/suppression", console_erase)
        .get(urls::PERSONAL_DATA_NOTICE, notice)
}

#[derive(Template)]
#[template(path = "account/notice.html")]
struct NoticePage {
    page: Page,
    contact: String,
    sent_mail: String,
    failed_mail: String,
    invitations: String,
    links: String,
}

/// The public « Données personnelles » page: what is kept, why, for how long (the configured periods),
/// whom to write to, and the rights with the pages that serve them.
pub async fn notice(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let policy = state.app.retention();
    let days = |d: time::Duration| ctx.lang.t_count("notice-days", d.whole_days());
    html(NoticePage {
        page: ctx.page("notice-title", ""),
        contact: policy.contact.clone(),
        sent_mail: days(policy.sent_mail),
        failed_mail: days(policy.failed_mail),
        invitations: days(policy.invitations),
        links: days(policy.links),
    })
}

/// The export as a file to download (never cached: it is personal and changes).
fn json_file(export: &Export) -> Result<Response, AppError> {
    let body = serde_json::to_string_pretty(&export.to_json()).map_err(AppError::internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", export.file_name()),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "account/data.html")]
struct DataPage {
    page: Page,
    generated: String,
    json_link: String,
    sections: Vec<SectionView>,
}

pub async fn my_data(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let export = personal_data::export_mine(&state.app, &ctx.actor()).await?;
    html(DataPage {
        page: ctx.page("data-title", "account"),
        generated: present::moment(ctx.lang, export.generated_at),
        json_link: urls::MY_DATA_JSON.to_owned(),
        sections: sections(ctx.lang, &export),
    })
}

pub async fn my_data_json(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let export = personal_data::export_mine(&state.app, &ctx.actor()).await?;
    json_file(&export)
}

#[derive(Template)]
#[template(path = "account/erase.html")]
struct ErasePage {
    page: Page,
    errors: Errors,
    password: bool,
    link_sent: bool,
}

async fn erase_page(
    state: &AppState,
    ctx: &mut Ctx,
    errors: Errors,
    link_sent: bool,
) -> Result<ErasePage, AppError> {
    let overview = passerelle_app::account::overview(&state.app, &ctx.actor()).await?;
    ctx.with_csrf().await?;
    Ok(ErasePage {
        page: ctx.page("erase-title", "account"),
        errors,
        password: overview.password,
        link_sent,
    })
}

pub async fn erase_form(State(state): State<AppState>, mut ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let page = erase_page(&state, &mut ctx, Errors::default(), false).await?;
    html(page)
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    password: String,
}

/// After an erasure: the session is over (the account's sessions went with it), a notice on the home page.
async fn erased(ctx: &Ctx) -> Result<Response, AppError> {
    ctx.sign_out().await?;
    ctx.flash("erase-done").await?;
    Ok(Redirect::to(urls::HOME).into_response())
}

/// The erasure's refusals: the field's message (422), or the last organiser (409, said on the page).
async fn erase_refused(
    state: &AppState,
    mut ctx: Ctx,
    e: passerelle_app::Error,
) -> Result<Response, AppError> {
    let (status, errors) = match e {
        passerelle_app::Error::Invalid(invalid) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            validation::errors(ctx.lang, &invalid),
        ),
        passerelle_app::Error::Conflict(code) => {
            let mut errors = Errors::default();
            errors.add("password", ctx.lang.t(code.key));
            (StatusCode::CONFLICT, errors)
        }
        other => return Err(other.into()),
    };
    let page = erase_page(state, &mut ctx, errors, false).await?;
    html_status(status, page)
}

pub async fn erase_mine(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Form<EraseForm>,
) -> Result<Response, AppError> {
    match personal_data::erase_mine(&state.app, &ctx.actor(), &form.0.password).await {
        Ok(()) => erased(&ctx).await,
        Err(e) => erase_refused(&state, ctx, e).await,
    }
}

pub async fn send_erasure_link(
    State(state): State<AppState>,
    mut ctx: Ctx,
) -> Result<Response, AppError> {
    personal_data::request_erasure_link(&state.app, &ctx.actor()).await?;
    let page = erase_page(&state, &mut ctx, Errors::default(), true).await?;
    html(page)
}

#[derive(Template)]
#[template(path = "account/erase_link.html")]
struct EraseLinkPage {
    page: Page,
    token: String,
    valid: bool,
    refusal: Option<String>,
}

pub async fn erasure_link_form(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.with_csrf().await?;
    let valid =
        plausible_token(&token) && personal_data::erasure_link_valid(&state.app, &token).await?;
    html_status(
        if valid {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        },
        EraseLinkPage {
            page: ctx.page("erase-title", "account"),
            token: if valid { token } else { String::new() },
            valid,
            refusal: None,
        },
    )
}

/// The erasure happens on the button's POST, so that a mail scanner opening the link erases nothing.
pub async fn erase_by_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let page = |ctx: &Ctx, refusal: Option<String>| EraseLinkPage {
        page: ctx.page("erase-title", "account"),
        token: String::new(),
        valid: false,
        refusal,
    };
    if !plausible_token(&token) {
        return html_status(StatusCode::NOT_FOUND, page(&ctx, None));
    }
    match personal_data::erase_by_link(&state.app, &token).await {
        Ok(()) => erased(&ctx).await,
        Err(passerelle_app::Error::NotFound) => {
            html_status(StatusCode::NOT_FOUND, page(&ctx, None))
        }
        Err(passerelle_app::Error::Conflict(code)) => {
            let refusal = Some(ctx.lang.t(code.key));
            html_status(StatusCode::CONFLICT, page(&ctx, refusal))
        }
        Err(e) => Err(e.into()),
    }
}

pub struct AccountRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub created: String,
}

#[derive(Template)]
#[template(path = "console/accounts.html")]
struct AccountsPage {
    page: Page,
    query: String,
    accounts: Vec<AccountRow>,
}

#[derive(Deserialize)]
pub struct AccountsQuery {
    #[serde(default)]
    q: String,
}

pub async fn console_accounts(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AccountsQuery>,
) -> Result<Response, AppError> {
    let accounts = personal_data::accounts(&state.app, &ctx.actor(), &q.q).await?;
    let lang = ctx.lang;
    html(AccountsPage {
        page: ctx.page("data-requests-title", "console"),
        query: q.q,
        accounts: accounts
            .into_iter()
            .map(|u| AccountRow {
                id: u.id.to_string(),
                name: u.display_name.as_str().to_owned(),
                email: u.email.as_str().to_owned(),
                created: present::date(lang, u.created_at.date()),
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "console/account.html")]
struct AccountPage {
    page: Page,
    errors: Errors,
    id: String,
    name: String,
    email: String,
    generated: String,
    json_link: String,
    sections: Vec<SectionView>,
}

fn user_id(raw: &str) -> Result<UserId, AppError> {
    UserId::parse(raw).map_err(|_| AppError::NotFound)
}

async fn account_page(
    state: &AppState,
    ctx: &mut Ctx,
    id: UserId,
    errors: Errors,
) -> Result<AccountPage, AppError> {
    let export = personal_data::export_of(&state.app, &ctx.actor(), id).await?;
    ctx.with_csrf().await?;
    Ok(AccountPage {
        page: ctx.page_titled(
            ctx.lang.t_args(
                "data-request-title",
                &[("name", export.user.display_name.as_str().to_owned())],
            ),
            "console",
        ),
        errors,
        id: id.to_string(),
        name: export.user.display_name.as_str().to_owned(),
        email: export.user.email.as_str().to_owned(),
        generated: present::moment(ctx.lang, export.generated_at),
        json_link: format!("{}/{id}/donnees.json", urls::CONSOLE_ACCOUNTS),
        sections: sections(ctx.lang, &export),
    })
}

pub async fn console_account(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = user_id(&id)?;
    let page = account_page(&state, &mut ctx, id, Errors::default()).await?;
    html(page)
}

pub async fn console_account_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let export = personal_data::export_of(&state.app, &ctx.actor(), user_id(&id)?).await?;
    json_file(&export)
}

#[derive(Deserialize)]
pub struct ConsoleEraseForm {
    #[serde(default)]
    confirm: String,
}

pub async fn console_erase(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
    form: Form<ConsoleEraseForm>,
) -> Result<Response, AppError> {
    let id = user_id(&id)?;
    match personal_data::erase_on_request(&state.app, &ctx.actor(), id, &form.0.confirm).await {
        Ok(()) => {
            ctx.flash("data-request-erased").await?;
            Ok(Redirect::to(urls::CONSOLE_ACCOUNTS).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = account_page(&state, &mut ctx, id, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(passerelle_app::Error::Conflict(code)) => {
            let mut errors = Errors::default();
            errors.add("confirm", ctx.lang.t(code.key));
            let page = account_page(&state, &mut ctx, id, errors).await?;
            html_status(StatusCode::CONFLICT, page)
        }
        Err(e) => Err(e.into()),
    }
}
