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
    /// Timeouts and the connection limit of the server.
    pub limits: Limits,
    /// Reverse proxies whose `X-Forwarded-For` is believed (any other peer is the client itself).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// How long a client may take and how many may be connected (finding 6; see `app::serve_until`).
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Time to send a request's line and headers (and the longest idle keep-alive).
    pub header_read_timeout: std::time::Duration,
    /// Time to answer a request, its body read included.
    pub request_timeout: std::time::Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: std::time::Duration::from_secs(10),
            request_timeout: std::time::Duration::from_secs(60),
            max_connections: 1024,
        }
    }
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
    /// The public pages kept rendered for visitors.
    pub cache: crate::public_cache::PublicCache,
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
            cache: crate::public_cache::PublicCache::new(app.storage().clone()),
            app,
            config,
        }))
    }
}
