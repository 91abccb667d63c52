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
        .merge(features::my_account::routes())
        .merge(features::personal_data::routes())
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
        .merge(features::day_changes::routes())
        .merge(features::day_live::routes())
        .merge(features::day_constraints::routes())
        .merge(features::attachments::routes())
        .merge(features::day_documents::routes())
        .merge(features::followup::routes())
        .merge(features::funding::routes())
        .merge(features::dossier_pdf::routes())
        .merge(features::results::routes())
        .merge(features::search::routes())
}

/// Every (method, path) of the application, for the authorization matrix and the hostile-input tests.
pub fn route_table() -> Vec<(Method, &'static str)> {
    routes().table()
}

/// The application's router with the layers every request goes through.
pub fn router(state: AppState) -> Router {
    let request_timeout = state.config.limits.request_timeout;
    let hsts = crate::security::hsts(&state.config.base_url);
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.storage.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)));

    routes()
        .into_router()
        .with_state(state.clone())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::csrf::protect,
        ))
        .layer(middleware::from_fn(crate::security::private_pages))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            features::sso::form_targets,
        ))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::public_cache::serve,
        ))
        .layer(middleware::from_fn(crate::error::render))
        .layer(middleware::from_fn(crate::security::headers))
        .layer(tower::util::option_layer(hsts.map(|value| {
            tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                axum::http::header::STRICT_TRANSPORT_SECURITY,
                value,
            )
        })))
        .layer(DefaultBodyLimit::max(crate::csrf::MAX_FORM_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
}

/// Serves the application on `listener` until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    serve_until(listener, state, shutdown_signal()).await
}

/// Serves the application on `listener` until `shutdown` completes, then lets the requests in
/// flight finish (at most the request timeout).
///
/// Finding 6: a slow client must not hold the site. Each connection has the request head read
/// within `header_read_timeout` (hyper's timer; an idle keep-alive connection is closed after it
/// too), each request is answered or cut (408) within `request_timeout` (its body read included),
/// and at most `max_connections` are open at once: past that, new connections wait in the kernel's
/// backlog instead of taking the process's file descriptors, which the database and the files need.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let limits = state.config.limits.clone();
    let app = router(state);
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit?,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: wait, do not spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app.clone().map_request(
            move |mut request: axum::http::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                request.map(axum::body::Body::new)
            },
        );
        let connection = http.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(service),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.request_timeout, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still running at shutdown were cut");
    }
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
