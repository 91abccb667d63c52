//! `passerelle serve`: applies the migrations, seeds the demo edition if asked, and serves the site.

use std::process::ExitCode;

use anyhow::Context;
use passerelle_web::{AppState, MailConfig, WebConfig};

use super::config::{ServeArgs, open_storage, redact};

pub fn run(args: ServeArgs) -> ExitCode {
    super::config::block_on(async move {
        let settings = args.resolve()?;
        let storage = open_storage(&settings.data).await?;
        if settings.demo {
            match passerelle_storage::demo::seed(&storage).await? {
                Some(_) => tracing::info!("demo edition seeded"),
                None => tracing::info!("database not empty: demo edition not seeded again"),
            }
        }
        let mail = match &settings.smtp_url {
            Some(url) => MailConfig::Smtp(url.clone()),
            None => {
                let outbox = settings.data.data_dir.join("outbox");
                if settings.demo {
                    tracing::info!(outbox = %outbox.display(), "demo mode: mail is written to the outbox folder");
                } else {
                    tracing::warn!(outbox = %outbox.display(), "no SMTP URL configured (PASSERELLE_SMTP_URL): mail is written to the outbox folder");
                }
                MailConfig::Outbox(outbox)
            }
        };
        let config = WebConfig {
            base_url: settings.base_url.clone(),
            demo: settings.demo,
            mail,
            mail_from: settings.mail_from.clone(),
            data_dir: settings.data.data_dir.clone(),
        };
        spawn_session_cleanup(storage.clone());
        let state = AppState::new(storage, config)?;
        let listener = tokio::net::TcpListener::bind(&settings.bind)
            .await
            .with_context(|| format!("listening on {}", settings.bind))?;
        tracing::info!(
            address = %listener.local_addr()?,
            database = %redact(&settings.data.database_url),
            "Passerelle is serving {}",
            settings.base_url
        );
        passerelle_web::serve(listener, state).await
    })
}

/// Deletes expired sessions every hour, so that the table keeps only live ones (data minimisation).
fn spawn_session_cleanup(storage: passerelle_storage::Storage) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match storage
                .session_delete_expired(time::OffsetDateTime::now_utc())
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "expired sessions deleted"),
                Err(e) => tracing::warn!(error = %e, "could not delete expired sessions"),
            }
        }
    });
}
