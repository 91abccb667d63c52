//! Shared application state: the use-case layer's [`App`] and the web's own settings.

use std::path::PathBuf;
use std::sync::Arc;

use passerelle_app::App;
use passerelle_storage::Storage;

/// Settings of the web application (resolved by the binary's `serve`).
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Public address of the site, without trailing slash.
    pub base_url: String,
    /// Demo mode: the sign-in page lists the demo accounts.
    pub demo: bool,
    pub data_dir: PathBuf,
}

impl WebConfig {
    /// Session cookies are `Secure` when the site is served over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    /// The use cases (and, through them, storage, the clock, the outbox and the jobs).
    pub app: App,
    /// Reads for pages that have no use case of their own yet.
    pub storage: Storage,
    pub config: WebConfig,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(app: App, config: WebConfig) -> AppState {
        AppState(Arc::new(Inner {
            storage: app.storage().clone(),
            app,
            config,
        }))
    }
}
