//! The account page (`/compte`): name and language, e-mail address (confirmed by a link mailed to the new
//! address), password, the ways to sign in (managed on `/compte/connexions`), the sessions with "sign out
//! everywhere else". Thin handlers over `passerelle_app::account`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::account;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status, plausible_token};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::ACCOUNT, show)
        .post(urls::ACCOUNT_NAME, rename)
        .post(urls::ACCOUNT_EMAIL, request_email_change)
        .get_post("/compte/adresse/{token}", email_confirm_form, confirm_email)
        .post(urls::ACCOUNT_PASSWORD, change_password)
        .post(urls::ACCOUNT_SESSIONS_END, end_other_sessions)
}

pub struct MembershipView {
    pub organisation: String,
    pub role: String,
}

pub struct SessionView {
    pub device: String,
    pub signed_in: String,
    pub last_seen: String,
    pub current: bool,
}

pub struct IdentityView {
    pub federation: String,
    pub label: String,
}

/// What the person typed, put back in the form that was refused.
#[derive(Default)]
struct Typed {
    name: Option<String>,
    language: Option<String>,
    email: String,
}

#[derive(Template)]
#[template(path = "account/page.html")]
struct AccountPage {
    page: Page,
    errors: Errors,
    email: String,
    display_name: String,
    languages: Vec<Choice>,
    new_email: String,
    password: bool,
    memberships: Vec<MembershipView>,
    identities: Vec<IdentityView>,
    sessions: Vec<SessionView>,
}

async fn account_page(
    state: &AppState,
    ctx: &mut Ctx,
    errors: Errors,
    typed: Typed,
) -> Result<AccountPage, AppError> {
    let overview = account::overview(&state.app, &ctx.actor()).await?;
    ctx.with_csrf().await?;
    let lang = ctx.lang;
    let current = ctx.session_id();
    let never = || lang.t("account-session-unknown");
    let language = typed
        .language
        .unwrap_or_else(|| overview.user.locale.as_str().to_owned());
    Ok(AccountPage {
        page: ctx.page("account-title", "account"),
        errors,
        email: overview.user.email.as_str().to_owned(),
        display_name: typed
            .name
            .unwrap_or_else(|| overview.user.display_name.as_str().to_owned()),
        languages: Lang::ALL
            .into_iter()
            .map(|l| Choice {
                value: l.code().to_owned(),
                label: lang.t(&format!("account-language-{}", l.code())),
                selected: l.code() == language,
            })
            .collect(),
        new_email: typed.email,
        password: overview.password,
        memberships: overview
            .memberships
            .into_iter()
            .map(|m| MembershipView {
                organisation: m.organisation.name.as_str().to_owned(),
                role: present::role_label(lang, m.membership.role),
            })
            .collect(),
        identities: overview
            .identities
            .into_iter()
            .map(|i| IdentityView {
                federation: lang.t(&format!("sso-federation-{}", i.federation)),
                label: i.label,
            })
            .collect(),
        sessions: overview
            .sessions
            .into_iter()
            .map(|s| SessionView {
                device: s
                    .device
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| lang.t("account-session-device-unknown")),
                signed_in: s
                    .created_at
                    .map(|t| present::moment(lang, t))
                    .unwrap_or_else(never),
                last_seen: s
                    .last_seen_at
                    .map(|t| present::moment(lang, t))
                    .unwrap_or_else(never),
                current: current.as_deref() == Some(s.id.as_str()),
            })
            .collect(),
    })
}

pub async fn show(State(state): State<AppState>, mut ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let page = account_page(&state, &mut ctx, Errors::default(), Typed::default()).await?;
    html(page)
}

/// The page again with the refused form's messages (422), or the use case's other refusals.
async fn refused(
    state: &AppState,
    mut ctx: Ctx,
    e: passerelle_app::Error,
    typed: Typed,
) -> Result<Response, AppError> {
    match e {
        passerelle_app::Error::Invalid(invalid) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = account_page(state, &mut ctx, errors, typed).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        other => Err(other.into()),
    }
}

async fn done(ctx: &Ctx, flash: &str) -> Result<Response, AppError> {
    ctx.flash(flash).await?;
    Ok(Redirect::to(urls::ACCOUNT).into_response())
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    language: String,
}

pub async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Form<NameForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    match account::rename(&state.app, &ctx.actor(), &form.name, &form.language).await {
        Ok(_) => done(&ctx, "account-renamed").await,
        Err(e) => {
            let typed = Typed {
                name: Some(form.name),
                language: Some(form.language),
                ..Typed::default()
            };
            refused(&state, ctx, e, typed).await
        }
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    email_password: String,
}

pub async fn request_email_change(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Form<EmailForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    match account::request_email_change(&state.app, &ctx.actor(), &form.email, &form.email_password)
        .await
    {
        Ok(_) => done(&ctx, "account-email-sent").await,
        Err(e) => {
            let typed = Typed {
                email: form.email,
                ..Typed::default()
            };
            refused(&state, ctx, e, typed).await
        }
    }
}

#[derive(Template)]
#[template(path = "account/email_confirm.html")]
struct EmailConfirmPage {
    page: Page,
    token: String,
    /// The address the link confirms; `None`: the link is not (or no longer) valid.
    email: Option<String>,
    taken: bool,
}

pub async fn email_confirm_form(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.with_csrf().await?;
    let email = if plausible_token(&token) {
        account::email_change_target(&state.app, &token).await?
    } else {
        None
    };
    let status = if email.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let valid = email.is_some();
    html_status(
        status,
        EmailConfirmPage {
            page: ctx.page("account-email-confirm-title", "account"),
            token: if valid { token } else { String::new() },
            email: email.map(|e| e.as_str().to_owned()),
            taken: false,
        },
    )
}

/// Following the mailed link shows a button: the change happens on its POST, so that a mail scanner
/// opening the link changes nothing.
pub async fn confirm_email(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let invalid = |ctx: &Ctx, taken: bool, email: Option<String>| EmailConfirmPage {
        page: ctx.page("account-email-confirm-title", "account"),
        token: String::new(),
        email,
        taken,
    };
    if !plausible_token(&token) {
        return html_status(StatusCode::NOT_FOUND, invalid(&ctx, false, None));
    }
    match account::confirm_email_change(&state.app, &token).await {
        Ok(_) => {
            ctx.flash("account-email-changed").await?;
            let to = if ctx.user.is_some() {
                urls::ACCOUNT
            } else {
                urls::SIGN_IN
            };
            Ok(Redirect::to(to).into_response())
        }
        Err(passerelle_app::Error::NotFound) => {
            html_status(StatusCode::NOT_FOUND, invalid(&ctx, false, None))
        }
        Err(passerelle_app::Error::Conflict(_)) => {
            html_status(StatusCode::CONFLICT, invalid(&ctx, true, None))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Form<PasswordForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    let current = ctx.session_id();
    match account::change_password(
        &state.app,
        &ctx.actor(),
        &form.current_password,
        &form.new_password,
        &form.confirm,
        current.as_deref(),
    )
    .await
    {
        Ok(_) => done(&ctx, "account-password-changed").await,
        Err(e) => refused(&state, ctx, e, Typed::default()).await,
    }
}

pub async fn end_other_sessions(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Response, AppError> {
    let current = ctx.session_id();
    account::end_other_sessions(&state.app, &ctx.actor(), current.as_deref()).await?;
    done(&ctx, "account-sessions-ended").await
}
