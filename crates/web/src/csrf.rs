//! CSRF protection by synchronizer token: a random token lives in the session, every form carries
//! it in a hidden `csrf` field, and every state-changing request is refused (403) unless the two
//! match. Checked once here, in a middleware, so no handler can forget it.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::error::AppError;

const KEY: &str = "csrf";
/// Largest form body accepted (text forms only; well above the longest field limits).
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// The session's token, created on first use.
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(token) = session
        .get::<String>(KEY)
        .await
        .map_err(AppError::internal)?
    {
        return Ok(token);
    }
    let token = new_token();
    session
        .insert(KEY, &token)
        .await
        .map_err(AppError::internal)?;
    Ok(token)
}

/// The session's token if it has one (read-only pages must not create sessions).
pub async fn existing_token(session: &Session) -> Result<Option<String>, AppError> {
    session.get::<String>(KEY).await.map_err(AppError::internal)
}

/// A fresh token, e.g. after signing in.
pub async fn rotate(session: &Session) -> Result<(), AppError> {
    session
        .insert(KEY, new_token())
        .await
        .map_err(AppError::internal)
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The one POST that comes from another site by design: the RENATER identity provider's SAML
/// response, protected instead by its signature, audience, InResponseTo and the RelayState bound
/// to the browser's session (see `features::sso`).
const CROSS_SITE_POSTS: [&str; 1] = [crate::present::urls::RENATER_ACS];

pub async fn protect(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || CROSS_SITE_POSTS.contains(&request.uri().path())
    {
        return next.run(request).await;
    }
    let Some(session) = request.extensions().get::<Session>().cloned() else {
        return AppError::Csrf.into_response();
    };
    let expected = match existing_token(&session).await {
        Ok(Some(t)) => t,
        Ok(None) => return AppError::Csrf.into_response(),
        Err(e) => return e.into_response(),
    };
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return AppError::Csrf.into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(b) => b,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let sent = form_urlencoded_field(&bytes, KEY);
    let ok = sent.is_some_and(|s| bool::from(s.as_bytes().ct_eq(expected.as_bytes())));
    if !ok {
        return AppError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_token_among_fields() {
        let body = b"title=a%26b&csrf=abc-_1&domains=x&domains=y";
        assert_eq!(
            super::form_urlencoded_field(body, "csrf").as_deref(),
            Some("abc-_1")
        );
        assert_eq!(super::form_urlencoded_field(b"title=x", "csrf"), None);
    }
}
