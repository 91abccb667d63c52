//! The router: every feature's routes, and the layers every request goes through.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::middleware;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::features;
use crate::routes::Routes;
use crate::session_store::DbSessionStore;
use crate::state::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "passerelle_session";

/// Every feature's routes: one line per feature (each lists its own in `features/<area>`).
fn routes() -> Routes {
    Routes::new()
        .merge(features::home::routes())
        .merge(features::catalogue::routes())
        .merge(features::account::routes())
        .merge(features::irritants::routes())
        .merge(features::company::routes())
        .merge(features::directory::routes())
        .merge(features::console::routes())
        .merge(features::editions_console::routes())
        .merge(features::matching::routes())
        .merge(features::meetings::routes())
        .merge(features::pipeline::routes())
        .merge(features::sso::routes())
        .merge(features::wishes::routes())
        .merge(features::thesaurus::routes())
        .merge(features::agenda::routes())
        .merge(features::documents::routes())
        .merge(features::day_console::routes())
        .merge(features::institutions::routes())
}

/// Every (method, path) of the application, for the authorization matrix and the hostile-input tests.
pub fn route_table() -> Vec<(Method, &'static str)> {
    routes().table()
}

/// The application's router with the layers every request goes through.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.storage.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)));

    routes()
        .into_router()
        .with_state(state.clone())
        .layer(middleware::from_fn(crate::csrf::protect))
        .layer(middleware::from_fn_with_state(
            state,
            features::sso::form_targets,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(crate::error::render))
        .layer(middleware::from_fn(crate::security::headers))
        .layer(DefaultBodyLimit::max(crate::csrf::MAX_FORM_BYTES))
}

/// Serves the application on `listener` until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
