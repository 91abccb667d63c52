//! `passerelle serve`: applies the migrations, seeds the demo edition if asked, and serves the site.

use std::process::ExitCode;

use anyhow::Context;
use passerelle_app::{App, Config, MailConfig, SystemClock, Workers};
use passerelle_web::{AppState, WebConfig};

use super::config::{ServeArgs, open_storage, redact};

pub fn run(args: ServeArgs) -> ExitCode {
    super::config::block_on(async move {
        let settings = args.resolve()?;
        let storage = open_storage(&settings.data).await?;
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
        let app = App::new(
            storage,
            Config {
                base_url: settings.base_url.clone(),
                mail,
                mail_from: settings.mail_from.clone(),
                server_id: Config::new_server_id(),
            },
            std::sync::Arc::new(SystemClock),
        );
        app.set_retention(settings.personal_data.policy(&settings.mail_from))?;
        let sso = settings
            .sso
            .providers(&settings.base_url, &settings.mail_from)
            .context("single sign-on settings")?;
        for (name, on) in [
            ("ProConnect", sso.proconnect.is_some()),
            ("RENATER", sso.renater.is_some()),
        ] {
            if on {
                tracing::info!("single sign-on with {name} configured");
            }
        }
        app.set_sso(sso)?;
        app.set_attachment_limits(settings.attachment_limits()?)?;
        app.set_six_month_delays(settings.six_month_delays()?)?;
        if settings.demo {
            match passerelle_app::demo::seed(&app).await? {
                Some(_) => tracing::info!("demo edition seeded"),
                None => tracing::info!("database not empty: demo edition not seeded again"),
            }
        }
        let config = WebConfig {
            base_url: settings.base_url.clone(),
            demo: settings.demo,
            data_dir: settings.data.data_dir.clone(),
            limits: settings.limits.clone(),
            trusted_proxies: settings.trusted_proxies.clone(),
        };
        // The job runner (housekeeping included) and the outbox worker run beside the site, and stop
        // after it: the running job gets a grace period, then goes back to the queue for another server.
        let workers = Workers::start(&app).await?;
        let state = AppState::new(app, config);
        let listener = tokio::net::TcpListener::bind(&settings.bind)
            .await
            .with_context(|| format!("listening on {}", settings.bind))?;
        tracing::info!(
            address = %listener.local_addr()?,
            database = %redact(&settings.data.database_url),
            "Passerelle is serving {}",
            settings.base_url
        );
        let served = passerelle_web::serve(listener, state).await;
        workers.stop().await;
        tracing::info!("stopped");
        served
    })
}
