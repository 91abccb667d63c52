//! Passerelle's web application: server-rendered pages (askama, one module per page, grouped by
//! feature), French first with English through Fluent, sessions in the database, CSRF protection on
//! every form, and every route authorized by the domain's pure `authorize` policy.

pub mod app;
pub mod csrf;
pub mod ctx;
pub mod error;
pub mod features;
pub mod i18n;
pub mod present;
pub mod public_cache;
pub mod routes;
pub mod security;
pub mod session_store;
pub mod state;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "testing")]
pub mod testing_sso;
pub mod validation;
pub mod views;

pub use app::{route_table, router, serve, serve_until};
pub use passerelle_app::MailConfig;
pub use state::{AppState, Limits, WebConfig};
