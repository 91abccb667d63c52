//! The public pages as visitors get them (home, catalogue with its filters, published fiches), kept
//! rendered per language and served from memory: they read the database four to eight times and
//! render a template for the same bytes every visitor gets, which held them at 2–5 % of a static
//! file's throughput.
//!
//! A kept page is served only under the revision it was built under ([`passerelle_app::App::revision`]:
//! advanced when any write transaction of this server starts, again when a use case or a job
//! commits, and here once a state-changing request was answered), so a visitor never gets a page
//! older than a write of this server; a page during whose building the revision moved is not kept.
//! A page is also kept at most [`MAX_AGE`]: that bounds what another server of the same database (or
//! a command-line restore) changed, and a new day (the current edition follows the dates).
//!
//! Only visitors' requests are concerned: a request with a session cookie (a signed-in person, a
//! visitor with a notice to show) is built as before, and so is any answer that is not a plain 200 or
//! that sets a cookie.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::i18n::Lang;
use crate::state::AppState;

/// The longest a kept page is served.
pub const MAX_AGE: Duration = Duration::from_secs(1);
/// Pages kept at most (a query string makes a new key: the bound keeps memory bounded).
const MAX_PAGES: usize = 512;
/// Largest page kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    lang: Lang,
}

struct Kept {
    revision: u64,
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

/// The kept pages of this server.
#[derive(Default)]
pub struct PublicCache {
    pages: RwLock<HashMap<Key, Kept>>,
}

impl PublicCache {
    fn get(&self, key: &Key, revision: u64) -> Option<Response> {
        let pages = self.pages.read().ok()?;
        let kept = pages.get(key)?;
        if kept.revision != revision || kept.at.elapsed() > MAX_AGE {
            return None;
        }
        let mut response = (StatusCode::OK, kept.body.clone()).into_response();
        *response.headers_mut() = kept.headers.clone();
        Some(response)
    }

    fn put(&self, key: Key, revision: u64, headers: HeaderMap, body: Bytes) {
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        if pages.len() >= MAX_PAGES && !pages.contains_key(&key) {
            // Full: drop what can no longer be served, and if nothing, keep what is there.
            pages.retain(|_, k| k.revision == revision && k.at.elapsed() <= MAX_AGE);
            if pages.len() >= MAX_PAGES {
                return;
            }
        }
        pages.insert(
            key,
            Kept {
                revision,
                at: Instant::now(),
                headers,
                body,
            },
        );
    }
}

/// The key of a visitor's GET of a public page, `None` for anything else.
fn key(request: &Request) -> Option<Key> {
    if request.method() != Method::GET {
        return None;
    }
    let path = request.uri().path();
    let public = path == crate::present::urls::HOME
        || path == crate::present::urls::CATALOGUE
        || path
            .strip_prefix("/irritants/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/') && !id.contains('.'));
    if !public || crate::i18n::cookie(request.headers(), crate::app::SESSION_COOKIE).is_some() {
        return None;
    }
    Some(Key {
        path_and_query: request.uri().path_and_query()?.as_str().to_string(),
        lang: crate::i18n::from_headers(request.headers()),
    })
}

pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(key) = key(&request) else {
        let writes = !matches!(*request.method(), Method::GET | Method::HEAD);
        let response = next.run(request).await;
        // A form this server accepted changed data (handlers that write straight through storage
        // included); a refused one (4xx) did not.
        if writes && (response.status().is_success() || response.status().is_redirection()) {
            state.app.changed();
        }
        return response;
    };
    let revision = state.app.revision();
    if let Some(kept) = state.cache.get(&key, revision) {
        return kept;
    }
    let response = next.run(request).await;
    // A write began while the page was built: it may show either side, so it is not kept.
    if state.app.revision() != revision
        || response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return response;
    }
    // Pages are rendered whole (their size is known); a streamed or larger body is not kept.
    let size = axum::body::HttpBody::size_hint(response.body()).exact();
    if size.is_none_or(|n| n > MAX_PAGE_BYTES as u64) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    state
        .cache
        .put(key, revision, parts.headers.clone(), body.clone());
    Response::from_parts(parts, Body::from(body))
}
