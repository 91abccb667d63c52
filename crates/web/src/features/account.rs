//! Accounts: sign in and out, forgotten password and reset by e-mailed link, accepting an
//! invitation. These pages are for visitors by nature (the policy's `ManageOwnAccount` covers
//! signing out); the tokens in their links are the authorization.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::throttle;
use passerelle_domain::{Action, DisplayName, Email, Password};
use passerelle_storage::Error as StorageError;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::present::urls;
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Errors, Page, html, html_status, local_path, plausible_token};

pub fn routes() -> Routes {
    Routes::new()
        .get_post(urls::SIGN_IN, sign_in_form, sign_in)
        .get_post("/deconnexion", sign_out_page, sign_out)
        .get_post("/mot-de-passe-oublie", forgot_form, forgot)
        .get_post("/reinitialisation/{token}", reset_form, reset)
        .get_post("/invitation/{token}", invitation_form, accept_invitation)
}

pub struct DemoAccount {
    pub role: String,
    pub email: String,
    pub password: String,
}

#[derive(Template)]
#[template(path = "account/sign_in.html")]
struct SignInPage {
    page: Page,
    errors: Errors,
    email: String,
    next: String,
    failed: bool,
    demo_accounts: Vec<DemoAccount>,
    sso: passerelle_app::sso::Available,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn demo_accounts(state: &AppState, lang: Lang) -> Vec<DemoAccount> {
    if !state.config.demo {
        return Vec::new();
    }
    passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .map(|a| DemoAccount {
            role: lang.t(&format!("role-{}", a.role.as_str())),
            email: a.email.as_str().to_string(),
            password: a.password.to_string(),
        })
        .collect()
}

pub async fn sign_in_form(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let next = local_path(q.next.as_deref());
    if ctx.user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    ctx.with_csrf().await?;
    html(SignInPage {
        page: ctx.page("signin-title", "signin"),
        errors: Errors::default(),
        email: String::new(),
        next,
        failed: false,
        demo_accounts: demo_accounts(&state, ctx.lang),
        sso: passerelle_app::sso::available(&state.app),
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn sign_in(
    State(state): State<AppState>,
    mut ctx: Ctx,
    client: crate::ctx::ClientAddress,
    form: crate::views::Form<SignInForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    let next = local_path(form.next.as_deref());
    let account = throttle::account_key(&form.email);
    let address = client.0;
    let attempt = match throttle::attempt(&state.app, &account, &address).await? {
        throttle::Attempt::Allowed(attempt) => attempt,
        throttle::Attempt::Throttled => {
            tracing::warn!(%account, %address, "sign-in throttled");
            return Err(AppError::TooManyRequests {
                retry_after_seconds: throttle::WINDOW.whole_seconds(),
            });
        }
    };
    // Argon2 runs off the async workers in storage, which also spends the same time on unknown
    // addresses so that timing does not tell who has an account.
    let user = state
        .storage
        .authenticate(&form.email, &form.password)
        .await
        .map_err(AppError::internal)?;
    match user {
        Some(user) => {
            throttle::succeeded(&state.app, &attempt).await?;
            ctx.sign_in(user.id).await?;
            ctx.flash("signed-in").await?;
            Ok(Redirect::to(&next).into_response())
        }
        None => {
            // One line per failure, with the account and the address, for fail2ban and the like.
            tracing::warn!(%account, %address, "failed sign-in");
            html_status(
                StatusCode::UNAUTHORIZED,
                SignInPage {
                    page: ctx.page("signin-title", "signin"),
                    errors: Errors::default(),
                    email: form.email,
                    next,
                    failed: true,
                    demo_accounts: demo_accounts(&state, ctx.lang),
                    sso: passerelle_app::sso::available(&state.app),
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "account/sign_out.html")]
struct SignOutPage {
    page: Page,
}

/// A link to `/deconnexion` (typed, bookmarked, or from another tool) gets a page with the sign-out
/// button instead of a bare 405: signing out stays a POST with the form token, so that another site
/// cannot sign people out. A visitor who is not signed in goes home.
pub async fn sign_out_page(ctx: Ctx) -> Result<Response, AppError> {
    if ctx.user.is_none() {
        return Ok(Redirect::to("/").into_response());
    }
    html(SignOutPage {
        page: ctx.page("sign-out-title", ""),
    })
}

pub async fn sign_out(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.authorize(Action::ManageOwnAccount, None)?;
    let institution = ctx
        .session
        .get::<bool>(crate::ctx::INSTITUTION_SESSION_KEY)
        .await
        .unwrap_or_default()
        .unwrap_or_default();
    let provider = ctx.sign_out().await?;
    // The institution's own session outlives ours: say so, rather than let a shared computer's
    // next user sign in as this person with one click.
    ctx.flash(if institution {
        "sso-signed-out-institution-open"
    } else {
        "signed-out"
    })
    .await?;
    // Signed in with ProConnect: its session ends too (end-session with id_token_hint).
    if let Some(id_token) = provider {
        match passerelle_app::sso::provider_logout(&state.app, &id_token).await {
            Ok((url, logout_state)) => {
                ctx.session
                    .insert(crate::ctx::PROVIDER_LOGOUT_STATE_KEY, logout_state)
                    .await
                    .map_err(AppError::internal)?;
                return Ok(Redirect::to(url.as_str()).into_response());
            }
            Err(e) => tracing::warn!(error = %e, "ProConnect end-session unavailable"),
        }
    }
    Ok(Redirect::to("/").into_response())
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotPage {
    page: Page,
    errors: Errors,
    email: String,
    sent: bool,
}

pub async fn forgot_form(mut ctx: Ctx) -> Result<Response, AppError> {
    ctx.with_csrf().await?;
    html(ForgotPage {
        page: ctx.page("forgot-title", ""),
        errors: Errors::default(),
        email: String::new(),
        sent: false,
    })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

pub async fn forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    client: crate::ctx::ClientAddress,
    form: crate::views::Form<ForgotForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(e) => {
            let mut errors = Errors::default();
            validation::record(&mut errors, ctx.lang, "email", &e);
            return html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                ForgotPage {
                    page: ctx.page("forgot-title", ""),
                    errors,
                    email: form.email,
                    sent: false,
                },
            );
        }
    };
    // Throttled by the address typed and by the client's; the mail itself is written by a job, so
    // that this answer takes the same work whether or not an account has the address.
    match passerelle_app::password_reset::request(&state.app, &email, &client.0).await? {
        passerelle_app::password_reset::Requested::Accepted => {}
        passerelle_app::password_reset::Requested::Throttled => {
            let mut errors = Errors::default();
            errors.add("email", ctx.lang.t("forgot-too-many"));
            let mut page = html_status(
                StatusCode::TOO_MANY_REQUESTS,
                ForgotPage {
                    page: ctx.page("forgot-title", ""),
                    errors,
                    email: form.email,
                    sent: false,
                },
            )?;
            page.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                throttle::WINDOW.whole_seconds().into(),
            );
            return Ok(page);
        }
    }
    // The same answer whether or not the address has an account.
    html(ForgotPage {
        page: ctx.page("forgot-title", ""),
        errors: Errors::default(),
        email: String::new(),
        sent: true,
    })
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage {
    page: Page,
    errors: Errors,
    token: String,
    invalid: bool,
}

pub async fn reset_form(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.with_csrf().await?;
    let valid = plausible_token(&token)
        && state
            .storage
            .password_reset_user(&token, OffsetDateTime::now_utc())
            .await
            .map_err(AppError::internal)?
            .is_some();
    let page = ResetPage {
        page: ctx.page("reset-title", ""),
        errors: Errors::default(),
        token: if valid { token } else { String::new() },
        invalid: !valid,
    };
    if valid {
        html(page)
    } else {
        html_status(StatusCode::NOT_FOUND, page)
    }
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    name: String,
}

/// Checks a new password and its confirmation; the errors go next to the fields.
fn check_new_password(lang: Lang, form: &NewPasswordForm, errors: &mut Errors) -> Option<Password> {
    match Password::parse(&form.new_password) {
        Ok(p) if form.confirm == form.new_password => Some(p),
        Ok(_) => {
            errors.add("confirm", lang.t("password-mismatch"));
            None
        }
        Err(e) => {
            validation::record(errors, lang, "new_password", &e);
            None
        }
    }
}

async fn hash(password: Password) -> Result<String, AppError> {
    passerelle_storage::hash_password_bounded(password)
        .await
        .map_err(AppError::internal)
}

pub async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    form: crate::views::Form<NewPasswordForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    let invalid_page = |ctx: &Ctx| ResetPage {
        page: ctx.page("reset-title", ""),
        errors: Errors::default(),
        token: String::new(),
        invalid: true,
    };
    if !plausible_token(&token) {
        return html_status(StatusCode::NOT_FOUND, invalid_page(&ctx));
    }
    let mut errors = Errors::default();
    let Some(password) = check_new_password(ctx.lang, &form, &mut errors) else {
        return html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            ResetPage {
                page: ctx.page("reset-title", ""),
                errors,
                token,
                invalid: false,
            },
        );
    };
    let hash = hash(password).await?;
    match state
        .storage
        .consume_password_reset(&token, &hash, OffsetDateTime::now_utc())
        .await
    {
        Ok(user) => {
            // Every session of the account ended with the reset, this one too if it was signed in to it
            // (the notice then goes to a new visitor's session).
            if ctx.user.as_ref().is_some_and(|u| u.id == user) {
                ctx.sign_out().await?;
            }
            ctx.flash("reset-done").await?;
            Ok(Redirect::to("/connexion").into_response())
        }
        Err(StorageError::InvalidToken) => html_status(StatusCode::NOT_FOUND, invalid_page(&ctx)),
        Err(e) => Err(AppError::internal(e)),
    }
}

pub struct InvitationView {
    pub email: String,
    pub organisation: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "account/invitation.html")]
struct InvitationPage {
    page: Page,
    errors: Errors,
    token: String,
    display_name: String,
    invitation: Option<InvitationView>,
    sso: passerelle_app::sso::Available,
}

async fn find_invitation(
    state: &AppState,
    lang: Lang,
    token: &str,
) -> Result<Option<InvitationView>, AppError> {
    if !plausible_token(token) {
        return Ok(None);
    }
    let invitation = state
        .storage
        .find_invitation(token, OffsetDateTime::now_utc())
        .await
        .map_err(AppError::internal)?;
    Ok(invitation.map(|i| InvitationView {
        email: i.email.as_str().to_string(),
        organisation: i.organisation.name.as_str().to_string(),
        role: lang.t(&format!("role-{}", i.role.as_str())),
    }))
}

pub async fn invitation_form(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.with_csrf().await?;
    let invitation = find_invitation(&state, ctx.lang, &token).await?;
    let status = if invitation.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    html_status(
        status,
        InvitationPage {
            page: ctx.page("invitation-title", ""),
            errors: Errors::default(),
            token,
            display_name: String::new(),
            invitation,
            sso: passerelle_app::sso::available(&state.app),
        },
    )
}

pub async fn accept_invitation(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(token): Path<String>,
    form: crate::views::Form<NewPasswordForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    let Some(invitation) = find_invitation(&state, ctx.lang, &token).await? else {
        return html_status(
            StatusCode::NOT_FOUND,
            InvitationPage {
                page: ctx.page("invitation-title", ""),
                errors: Errors::default(),
                token: String::new(),
                display_name: String::new(),
                invitation: None,
                sso: passerelle_app::sso::available(&state.app),
            },
        );
    };
    let mut errors = Errors::default();
    let name = DisplayName::parse(&form.name)
        .map_err(|e| validation::record(&mut errors, ctx.lang, "name", &e))
        .ok();
    let password = check_new_password(ctx.lang, &form, &mut errors);
    let (Some(name), Some(password)) = (name, password) else {
        return html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            InvitationPage {
                page: ctx.page("invitation-title", ""),
                errors,
                token,
                display_name: form.name,
                invitation: Some(invitation),
                sso: passerelle_app::sso::available(&state.app),
            },
        );
    };
    let hash = hash(password).await?;
    match state
        .storage
        .accept_invitation(
            &token,
            &name,
            &hash,
            ctx.lang.locale(),
            OffsetDateTime::now_utc(),
        )
        .await
    {
        Ok(user) => {
            ctx.sign_in(user.id).await?;
            ctx.flash("invitation-accepted").await?;
            Ok(Redirect::to("/").into_response())
        }
        Err(StorageError::Conflict(_)) => {
            errors.add("name", ctx.lang.t("invitation-email-taken"));
            html_status(
                StatusCode::CONFLICT,
                InvitationPage {
                    page: ctx.page("invitation-title", ""),
                    errors,
                    token,
                    display_name: form.name,
                    invitation: Some(invitation),
                    sso: passerelle_app::sso::available(&state.app),
                },
            )
        }
        Err(StorageError::InvalidToken) => html_status(
            StatusCode::NOT_FOUND,
            InvitationPage {
                page: ctx.page("invitation-title", ""),
                errors: Errors::default(),
                token: String::new(),
                display_name: String::new(),
                invitation: None,
                sso: passerelle_app::sso::available(&state.app),
            },
        ),
        Err(e) => Err(AppError::internal(e)),
    }
}
