//! Errors of handlers. A handler returns a bare status marked with [`ErrorKind`]; the
//! [`render`] middleware, which knows the request's language and path, turns it into a page
//! (or, for "sign in first", into a redirection to the sign-in page that comes back here).

use askama::Template;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in required")]
    SignInRequired,
    #[error("invalid CSRF token")]
    Csrf,
    #[error("conflict")]
    Conflict,
    #[error("bad request")]
    BadRequest,
    /// Too many failed attempts: wait before trying again (429 with `Retry-After`).
    #[error("too many requests")]
    TooManyRequests { retry_after_seconds: i64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(e: impl std::fmt::Display) -> AppError {
        AppError::Internal(e.to_string())
    }
}

/// A use case's refusal as the page it gets (handlers catch `Invalid` first to re-show their form).
impl From<passerelle_app::Error> for AppError {
    fn from(e: passerelle_app::Error) -> Self {
        use passerelle_app::Error as E;
        use passerelle_domain::Denied;
        match e {
            E::Denied(Denied::SignInRequired) => AppError::SignInRequired,
            E::Denied(Denied::WrongState) => AppError::Conflict,
            E::Denied(Denied::Forbidden | Denied::WrongPhase) => AppError::Forbidden,
            E::NotFound => AppError::NotFound,
            E::Conflict(_) => AppError::Conflict,
            E::Invalid(_) => AppError::BadRequest,
            E::Internal(e) => AppError::Internal(e),
        }
    }
}

/// Marker left on an error response for [`render`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    Forbidden,
    SignInRequired,
    Csrf,
    Conflict,
    BadRequest,
    TooManyRequests,
    Internal,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, kind) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorKind::NotFound),
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorKind::Forbidden),
            AppError::SignInRequired => (StatusCode::UNAUTHORIZED, ErrorKind::SignInRequired),
            AppError::Csrf => (StatusCode::FORBIDDEN, ErrorKind::Csrf),
            AppError::Conflict => (StatusCode::CONFLICT, ErrorKind::Conflict),
            AppError::BadRequest => (StatusCode::BAD_REQUEST, ErrorKind::BadRequest),
            AppError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, ErrorKind::TooManyRequests)
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorKind::Internal)
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(kind);
        if let AppError::TooManyRequests {
            retry_after_seconds,
        } = self
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, retry_after_seconds.into());
        }
        response
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    lang: Lang,
    title: String,
    message: String,
}

pub async fn render(request: Request, next: Next) -> Response {
    let lang = crate::i18n::from_headers(request.headers());
    let here = request
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_else(|| "/".into());
    let is_get = request.method() == axum::http::Method::GET;
    let response = next.run(request).await;
    let kind = match response.extensions().get::<ErrorKind>() {
        Some(kind) => *kind,
        // Unknown routes get the same page as unknown records.
        None if response.status() == StatusCode::NOT_FOUND
            && response.headers().get("content-type").is_none() =>
        {
            ErrorKind::NotFound
        }
        None => return response,
    };
    let key = match kind {
        ErrorKind::SignInRequired => {
            let next = if is_get { here } else { "/".to_string() };
            return Redirect::to(&format!("/connexion?next={}", crate::views::encode(&next)))
                .into_response();
        }
        ErrorKind::NotFound => "error-not-found",
        ErrorKind::Forbidden => "error-forbidden",
        ErrorKind::Csrf => "error-csrf",
        ErrorKind::Conflict => "error-conflict",
        ErrorKind::BadRequest => "error-bad-request",
        ErrorKind::TooManyRequests => "error-too-many",
        ErrorKind::Internal => "error-internal",
    };
    let page = ErrorPage {
        lang,
        title: lang.t(&format!("{key}-title")),
        message: lang.t(key),
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get(axum::http::header::RETRY_AFTER)
        .cloned();
    let mut page = match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    };
    if let Some(wait) = retry_after {
        page.headers_mut()
            .insert(axum::http::header::RETRY_AFTER, wait);
    }
    page
}
