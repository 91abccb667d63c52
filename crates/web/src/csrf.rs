//! CSRF protection: every form carries a token in a hidden `csrf` field, and every state-changing
//! request is refused (403) unless it matches the expected one. Checked once here, in a middleware,
//! so no handler can forget it.
//!
//! A signed-in person's token lives in their session (synchronizer token). A visitor who has not
//! signed in gets no session at all (finding 5: every anonymous GET of the sign-in page used to store
//! a 12-hour row): their forms use a double-submit cookie instead, a random token in an HttpOnly,
//! SameSite=Lax cookie that the form repeats. Another site can neither read that cookie nor set it
//! (over HTTPS the `__Host-` prefix also keeps sibling subdomains from planting one).
//!
//! An upload (`multipart/form-data`) carries the token as its first field too: its body is read here
//! within the attachments' bound, the token checked, and the bytes handed on; a body past the bound is
//! drained (up to a few times the bound, so that the browser reads the answer) and handed on empty,
//! marked [`BodyTooLarge`](crate::features::attachments::BodyTooLarge).

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use subtle::ConstantTimeEq;
use tower_cookies::{Cookie, Cookies};
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

/// Name of the visitors' CSRF cookie (with the `__Host-` prefix when the site is served over HTTPS).
pub fn anonymous_cookie(secure: bool) -> &'static str {
    if secure {
        "__Host-passerelle_csrf"
    } else {
        "passerelle_csrf"
    }
}

/// A token as we make them (32 random bytes in base64url): anything else in a cookie is ignored.
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The visitor's token: the one their cookie carries, or a new one set on the response.
pub fn anonymous_token(cookies: &Cookies, secure: bool) -> String {
    let name = anonymous_cookie(secure);
    if let Some(token) = cookies
        .get(name)
        .map(|c| c.value().to_string())
        .filter(|t| well_formed(t))
    {
        return token;
    }
    let token = new_token();
    let mut cookie = Cookie::new(name, token.clone());
    cookie.set_path("/");
    cookie.set_http_only(true);
    cookie.set_secure(secure);
    cookie.set_same_site(tower_cookies::cookie::SameSite::Lax);
    cookies.add(cookie);
    token
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The one POST that comes from another site by design: the RENATER identity provider's SAML
/// response, protected instead by its signature, audience, InResponseTo and the RelayState bound
/// to the browser's session (see `features::sso`).
const CROSS_SITE_POSTS: [&str; 1] = [crate::present::urls::RENATER_ACS];

pub async fn protect(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    request: Request,
    next: Next,
) -> Response {
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
    // The session's token when there is one (signed in), else the visitor's cookie.
    let expected = match existing_token(&session).await {
        Ok(Some(t)) => t,
        Ok(None) => {
            let name = anonymous_cookie(state.config.secure_cookies());
            match request
                .extensions()
                .get::<Cookies>()
                .and_then(|c| c.get(name))
                .map(|c| c.value().to_string())
                .filter(|t| well_formed(t))
            {
                Some(t) => t,
                None => return AppError::Csrf.into_response(),
            }
        }
        Err(e) => return e.into_response(),
    };
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if content_type.starts_with("multipart/form-data")
        && crate::features::attachments::is_upload(request.uri().path())
    {
        let limit = state.app.attachment_limits().body_bytes();
        return protect_upload(request, next, &content_type, &expected, limit).await;
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return AppError::Csrf.into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(b) => b,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    // Decoders turn invalid UTF-8 into U+FFFD, which would then be stored (finding 9): every form
    // passes here, so it is refused here, before any handler.
    if !crate::views::decodes_to_utf8(&bytes) {
        return AppError::BadRequest.into_response();
    }
    let sent = form_urlencoded_field(&bytes, KEY);
    let ok = sent.is_some_and(|s| bool::from(s.as_bytes().ct_eq(expected.as_bytes())));
    if !ok {
        return AppError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// How much of a body past the bound is still read (and dropped) before answering.
const DRAIN_FACTOR: usize = 4;

async fn protect_upload(
    request: Request,
    next: Next,
    content_type: &str,
    expected: &str,
    limit: usize,
) -> Response {
    use http_body_util::BodyExt;
    let (mut parts, mut body) = request.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut kept = Vec::new();
    let mut seen = 0usize;
    // A body announced far past the bound is not read at all.
    if declared.is_none_or(|d| d <= limit * DRAIN_FACTOR) {
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else {
                return AppError::BadRequest.into_response();
            };
            if let Ok(data) = frame.into_data() {
                seen += data.len();
                if seen <= limit {
                    kept.extend_from_slice(&data);
                } else if seen > limit * DRAIN_FACTOR {
                    break;
                }
            }
        }
    } else {
        seen = usize::MAX;
    }
    if seen > limit {
        // Nothing is kept nor written: the handler answers with the form and the size limit.
        parts
            .extensions
            .insert(crate::features::attachments::BodyTooLarge);
        return next.run(Request::from_parts(parts, Body::empty())).await;
    }
    let bytes = axum::body::Bytes::from(kept);
    let sent = multipart_token(&bytes, content_type).await;
    if !sent.is_some_and(|s| bool::from(s.as_bytes().ct_eq(expected.as_bytes()))) {
        return AppError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The `csrf` field of a multipart body, if it comes before any file (the forms put it first).
async fn multipart_token(body: &axum::body::Bytes, content_type: &str) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = Body::from(body.clone()).into_data_stream();
    let constraints =
        multer::Constraints::new().size_limit(multer::SizeLimit::new().for_field(KEY, 1024));
    let mut form = multer::Multipart::with_constraints(stream, boundary, constraints);
    while let Some(field) = form.next_field().await.ok()? {
        if field.name() == Some(KEY) {
            return field.text().await.ok();
        }
        if field.file_name().is_some() {
            return None;
        }
    }
    None
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_our_tokens_are_taken_from_cookies() {
        assert!(super::well_formed(&super::new_token()));
        assert!(!super::well_formed(""));
        assert!(!super::well_formed(&"a".repeat(44)));
        assert!(!super::well_formed(&format!("{}\"", "a".repeat(42))));
    }

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
