//! The home page, the language switch, the static style sheet and the icon.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Page, html, local_path};

pub fn routes() -> Routes {
    Routes::new()
        .get(crate::present::urls::HOME, index)
        .get("/langue", switch_language)
        .get("/static/style.css", stylesheet)
        .get("/favicon.ico", favicon)
}

/// One phase of the edition in the timeline.
pub struct PhaseView {
    pub label: String,
    pub dates: String,
    /// `done`, `current` or `todo` (also the CSS class).
    pub state: &'static str,
}

pub struct EditionView {
    pub name: String,
    pub place: String,
    pub published: i64,
    pub phases: Vec<PhaseView>,
}

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    page: Page,
    edition: Option<EditionView>,
}

pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.authorize(passerelle_domain::Action::ViewCatalogue, None)?;
    let edition = crate::features::editions::current_view(&state, ctx.lang).await?;
    html(HomePage {
        page: ctx.page("home-title", "home"),
        edition,
    })
}

#[derive(Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
    next: Option<String>,
}

/// The language switch: a plain link (works without JavaScript) that remembers the choice in a
/// cookie for a year and comes back to the page it was clicked on.
pub async fn switch_language(Query(q): Query<LangQuery>) -> Response {
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    let mut response = Redirect::to(&local_path(q.next.as_deref())).into_response();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/style.css"),
    )
        .into_response()
}

/// The site's icon (a footbridge on the brand's blue, 16, 32 and 48 pixels): browsers ask for
/// `/favicon.ico` on every site, and a 404 there filled the logs.
pub async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            (header::CACHE_CONTROL, "public, max-age=604800"),
        ],
        include_bytes!("../../static/favicon.ico").as_slice(),
    )
        .into_response()
}
