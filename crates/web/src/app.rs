//! The router: every route of the application, and the layers every request goes through.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::features::{account, catalogue, company, console, home, irritants, pipeline};
use crate::session_store::DbSessionStore;
use crate::state::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "passerelle_session";

/// Every route, with the path and method, for documentation and for the authorization matrix test.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.storage.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)));

    Router::new()
        .route("/", get(home::index))
        .route("/langue", get(home::switch_language))
        .route("/static/style.css", get(home::stylesheet))
        // Public catalogue and fiches
        .route("/irritants", get(catalogue::list))
        .route("/irritants/{id}", get(catalogue::fiche))
        // Accounts
        .route(
            "/connexion",
            get(account::sign_in_form).post(account::sign_in),
        )
        .route("/deconnexion", post(account::sign_out))
        .route(
            "/mot-de-passe-oublie",
            get(account::forgot_form).post(account::forgot),
        )
        .route(
            "/reinitialisation/{token}",
            get(account::reset_form).post(account::reset),
        )
        .route(
            "/invitation/{token}",
            get(account::invitation_form).post(account::accept_invitation),
        )
        // Irritant editor and workflow
        .route("/mes-irritants", get(irritants::mine))
        .route(
            "/irritants/nouveau",
            get(irritants::new_form).post(irritants::create),
        )
        .route(
            "/irritants/{id}/modifier",
            get(irritants::edit_form).post(irritants::update),
        )
        .route("/irritants/{id}/soumettre", post(irritants::submit))
        .route("/irritants/{id}/publier", post(irritants::publish))
        .route("/irritants/{id}/renvoyer", post(irritants::send_back))
        .route("/irritants/{id}/archiver", post(irritants::archive))
        // Companies
        .route(
            "/entreprise/profil",
            get(company::profile_form).post(company::save_profile),
        )
        .route("/entreprise/inscription", post(company::register))
        // Organiser console
        .route("/console", get(console::index))
        .route(
            "/console/entreprises/{id}/valider",
            post(console::validate_company),
        )
        .route(
            "/console/invitations",
            get(console::invite_form).post(console::invite),
        )
        .route(
            "/console/domaines",
            get(console::domains_form).post(console::save_domain),
        )
        // Business managers
        .route("/pipeline", get(pipeline::index))
        .route(
            "/pipeline/invitations",
            get(pipeline::invite_form).post(pipeline::invite),
        )
        .with_state(state)
        .layer(middleware::from_fn(crate::csrf::protect))
        .layer(sessions)
        .layer(middleware::from_fn(crate::error::render))
        .layer(middleware::from_fn(crate::security::headers))
        .layer(DefaultBodyLimit::max(crate::csrf::MAX_FORM_BYTES))
}

/// Serves the application on `listener` until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    let app = router(state);
    axum::serve(listener, app)
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
