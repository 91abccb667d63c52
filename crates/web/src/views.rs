//! What every page shares: the layout's data ([`Page`]), field errors, small helpers.

use std::collections::BTreeMap;

use crate::i18n::Lang;

/// The signed-in user as the layout shows them.
#[derive(Clone, Debug, Default)]
pub struct UserBadge {
    pub name: String,
    pub organiser: bool,
    pub institution_member: bool,
    pub company_member: bool,
    pub business_manager: bool,
    pub funder: bool,
}

/// Data of the common layout (`base.html`).
#[derive(Clone, Debug)]
pub struct Page {
    pub lang: Lang,
    pub title: String,
    /// Which navigation entry is current (`aria-current`).
    pub nav: &'static str,
    pub user: Option<UserBadge>,
    /// The session's CSRF token, put in every form (empty for visitors without a session).
    pub csrf: String,
    /// The current path and query, to come back after switching language.
    pub path: String,
    pub flash: Option<String>,
}

impl Page {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.lang.t_args(key, &[(name, value.to_string())])
    }

    pub fn tn(&self, key: &str, count: &i64) -> String {
        self.lang.t_count(key, *count)
    }

    pub fn next_param(&self) -> String {
        encode(&self.path)
    }
}

/// Validation errors by field name, already translated.
#[derive(Clone, Debug, Default)]
pub struct Errors(BTreeMap<String, String>);

impl Errors {
    pub fn add(&mut self, field: &str, message: String) {
        self.0.entry(field.to_string()).or_insert(message);
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.get(field)
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter()
    }
}

/// Percent-encodes a query parameter value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A redirection target from a query parameter, kept on this site (no open redirect): a path that
/// starts with one `/` and holds only visible ASCII (a request's own URI is percent-encoded, so the
/// links this site makes always pass). Browsers drop tabs and newlines and read `\` as `/` before they
/// resolve a `Location`, so `/\t/evil.example` would go to `//evil.example`: whitespace, control
/// characters and backslashes are refused, and so are their percent-encoded forms and an encoded second
/// slash, for any proxy or browser that decodes them.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.is_ascii()
                && stays_on_site(p.as_bytes())
                && stays_on_site(&percent_decoded(p)) =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

/// One leading `/`, then no whitespace, control character or backslash (bytes above ASCII are the
/// UTF-8 of decoded `%XY` sequences, e.g. an accented filter value).
fn stays_on_site(path: &[u8]) -> bool {
    match path {
        [b'/', rest @ ..] => {
            !rest.starts_with(b"/")
                && path
                    .iter()
                    .all(|b| (b.is_ascii_graphic() || *b >= 0x80) && *b != b'\\')
        }
        _ => false,
    }
}

/// `%XY` sequences decoded once (anything else kept as it is).
fn percent_decoded(p: &str) -> Vec<u8> {
    let bytes = p.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_with_invalid_utf8_are_told_apart() {
        assert!(decodes_to_utf8(b"title=%C3%A9t%C3%A9&x=a+b&y=100%"));
        assert!(decodes_to_utf8("title=été".as_bytes()));
        assert!(!decodes_to_utf8(b"title=%FF"));
        assert!(!decodes_to_utf8(b"title=ok&name=%C3"));
        assert!(!decodes_to_utf8(b"%E9t%E9=x"));
        assert!(!decodes_to_utf8(b"title=\xff"));
    }

    #[test]
    fn redirections_stay_on_the_site() {
        assert_eq!(
            local_path(Some("/irritants?domain=ia")),
            "/irritants?domain=ia"
        );
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
        for bypass in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/\u{7f}",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%7F",
            "/\u{3000}/evil.example",
            "\\/evil.example",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_path(Some(bypass)), "/", "{bypass:?}");
        }
        assert_eq!(
            local_path(Some("/irritants?domaine=num%C3%A9rique")),
            "/irritants?domaine=num%C3%A9rique"
        );
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("/irritants?a=b&c"), "/irritants%3Fa%3Db%26c");
    }
}

/// Renders a page template into an HTML response.
pub fn html<T: askama::Template>(
    template: T,
) -> Result<axum::response::Response, crate::error::AppError> {
    use axum::response::IntoResponse;
    let body = template
        .render()
        .map_err(crate::error::AppError::internal)?;
    Ok(axum::response::Html(body).into_response())
}

/// Renders a page template with a status (e.g. 422 for a form sent back with errors).
pub fn html_status<T: askama::Template>(
    status: axum::http::StatusCode,
    template: T,
) -> Result<axum::response::Response, crate::error::AppError> {
    use axum::response::IntoResponse;
    let body = template
        .render()
        .map_err(crate::error::AppError::internal)?;
    Ok((status, axum::response::Html(body)).into_response())
}

/// A URL-encoded form body, with repeated keys (checkboxes) collected into `Vec`s.
pub struct Form<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for Form<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = crate::error::AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| crate::error::AppError::BadRequest)?;
        serde_html_form::from_bytes(&bytes)
            .map(Form)
            .map_err(|_| crate::error::AppError::BadRequest)
    }
}

/// Whether every name and value of an `application/x-www-form-urlencoded` body is valid UTF-8 once
/// its `%XX` escapes are decoded (a `%` not followed by two hex digits stays a `%`, as decoders do).
pub(crate) fn decodes_to_utf8(body: &[u8]) -> bool {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    body.split(|&b| b == b'&').all(|pair| {
        let mut bytes = Vec::with_capacity(pair.len());
        let mut i = 0;
        while i < pair.len() {
            match (
                pair[i],
                pair.get(i + 1).and_then(|&b| hex(b)),
                pair.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (b'%', Some(high), Some(low)) => {
                    bytes.push(high * 16 + low);
                    i += 3;
                }
                (b, _, _) => {
                    bytes.push(b);
                    i += 1;
                }
            }
        }
        std::str::from_utf8(&bytes).is_ok()
    })
}

/// An option of a `<select>` or a checkbox of a list.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// Whether a token in a link could be one of ours (URL-safe base64 or hex): anything else is not worth a
/// database query, and is not echoed into the page.
pub fn plausible_token(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 128
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Form text: an empty (or blank) field means "not given".
pub fn optional(raw: &str) -> Option<&str> {
    let t = raw.trim();
    if t.is_empty() { None } else { Some(raw) }
}
