//! Shared application state.

use std::path::PathBuf;
use std::sync::Arc;

use passerelle_storage::Storage;

use crate::mail::{MailConfig, Mailer};

/// Settings of the web application (resolved by the binary's `serve`).
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Public address of the site, without trailing slash; used in mailed links.
    pub base_url: String,
    /// Demo mode: the sign-in page lists the demo accounts.
    pub demo: bool,
    pub mail: MailConfig,
    pub mail_from: String,
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
    pub storage: Storage,
    pub config: WebConfig,
    pub mailer: Mailer,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(storage: Storage, config: WebConfig) -> anyhow::Result<AppState> {
        let mailer = Mailer::new(&config.mail, &config.mail_from)?;
        Ok(AppState(Arc::new(Inner {
            storage,
            config,
            mailer,
        })))
    }
}
