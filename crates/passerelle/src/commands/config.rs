//! Configuration of the platform subcommands. Each setting comes from, in order of precedence:
//! the command-line flag, the environment variable, the TOML file given by `--config`
//! (or `PASSERELLE_CONFIG`), then the default.
//!
//! | flag | variable | TOML key | default |
//! |---|---|---|---|
//! | `--bind` | `PASSERELLE_BIND` | `bind` | `127.0.0.1:8080` |
//! | `--data-dir` | `PASSERELLE_DATA_DIR` | `data_dir` | `./data` |
//! | `--database-url` | `PASSERELLE_DATABASE_URL` | `database_url` | `sqlite:<data-dir>/passerelle.db` |
//! | `--smtp-url` | `PASSERELLE_SMTP_URL` | `smtp_url` | none: mail is written to `<data-dir>/outbox/` |
//! | `--base-url` | `PASSERELLE_BASE_URL` | `base_url` | `http://<bind>` |
//! | `--mail-from` | `PASSERELLE_MAIL_FROM` | `mail_from` | `Passerelle <passerelle@localhost>` |
//! | `--demo` | `PASSERELLE_DEMO` | `demo` | `false` |
//! | `--attachment-max-mb` | `PASSERELLE_ATTACHMENT_MAX_MB` | `attachment_max_mb` | `10` (1 to 100): largest attachment |
//! | `--attachment-max-count` | `PASSERELLE_ATTACHMENT_MAX_COUNT` | `attachment_max_count` | `10` (1 to 100): files per irritant or company |
//! | `--six-month-delay-days` | `PASSERELLE_SIX_MONTH_DELAY_DAYS` | `six_month_delay_days` | `182` (1 to 1000): days after an edition's day before its six-month rating is asked |
//!
//! The server's limits and the reverse proxies it believes, in the file's `[server]` table:
//!
//! | flag | variable | TOML key | default |
//! |---|---|---|---|
//! | `--header-read-timeout` | `PASSERELLE_HEADER_READ_TIMEOUT` | `header_read_timeout` | `10` seconds |
//! | `--request-timeout` | `PASSERELLE_REQUEST_TIMEOUT` | `request_timeout` | `60` seconds |
//! | `--max-connections` | `PASSERELLE_MAX_CONNECTIONS` | `max_connections` | `1024` |
//! | `--trusted-proxies` | `PASSERELLE_TRUSTED_PROXIES` | `trusted_proxies` | none: the socket peer is the client |
//!
//! Single sign-on (both optional; a provider's button shows only when it is configured), in the
//! file's `[sso]` table:
//!
//! | flag | variable | TOML key | meaning |
//! |---|---|---|---|
//! | `--proconnect-issuer` | `PASSERELLE_PROCONNECT_ISSUER` | `proconnect_issuer` | e.g. `https://auth.agentconnect.gouv.fr/api/v2` (discovery below it) |
//! | `--proconnect-client-id` | `PASSERELLE_PROCONNECT_CLIENT_ID` | `proconnect_client_id` | given by ProConnect |
//! | `--proconnect-client-secret` | `PASSERELLE_PROCONNECT_CLIENT_SECRET` | `proconnect_client_secret` | given by ProConnect |
//! | `--proconnect-acr` | `PASSERELLE_PROCONNECT_ACR` | `proconnect_acr` | accepted levels, comma-separated (`eidas1`); none: any |
//! | `--renater-metadata` | `PASSERELLE_RENATER_METADATA` | `renater_metadata` | URL or file of the federation's signed metadata |
//! | `--renater-metadata-cert` | `PASSERELLE_RENATER_METADATA_CERT` | `renater_metadata_cert` | PEM file: the federation's metadata-signing certificate |
//! | `--renater-signing-key`, `--renater-signing-cert` | `PASSERELLE_RENATER_SIGNING_KEY`, `…_CERT` | `renater_signing_key`, `renater_signing_cert` | PEM files: signs AuthnRequests |
//! | `--renater-encryption-key`, `--renater-encryption-cert` | `PASSERELLE_RENATER_ENCRYPTION_KEY`, `…_CERT` | `renater_encryption_key`, `renater_encryption_cert` | PEM files: decrypts assertions |
//! | `--renater-entity-id` | `PASSERELLE_RENATER_ENTITY_ID` | `renater_entity_id` | default `<base-url>/sso/renater/metadata` |
//! | `--renater-discovery-url` | `PASSERELLE_RENATER_DISCOVERY_URL` | `renater_discovery_url` | the federation's discovery service; none: the built-in list |
//! | `--renater-contact` | `PASSERELLE_RENATER_CONTACT` | `renater_contact` | technical contact in the SP metadata |
//!
//! Personal data (the public « Données personnelles » page shows them), in the file's `[personal_data]`
//! table: `--privacy-contact` (`contact`), `--retention-sent-mail-days` (`sent_mail_days`, 30),
//! `--retention-failed-mail-days` (`failed_mail_days`, 90), `--retention-invitation-days`
//! (`invitation_days`, 90), `--retention-link-days` (`link_days`, 7); variables `PASSERELLE_` + the flag
//! in capitals.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// Where the data lives; shared by every subcommand that opens the database.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DataArgs {
    /// Folder holding the SQLite file `passerelle.db`, uploads and the demo outbox.
    #[arg(long, env = "PASSERELLE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL; a `postgres://` URL switches to PostgreSQL.
    #[arg(long, env = "PASSERELLE_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// TOML configuration file.
    #[arg(long, env = "PASSERELLE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The settings `serve` adds.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Address and port to listen on.
    #[arg(long, env = "PASSERELLE_BIND", value_name = "ADDR:PORT")]
    pub bind: Option<String>,
    /// SMTP relay for outgoing mail, e.g. `smtp://127.0.0.1:25`.
    #[arg(long, env = "PASSERELLE_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// Public address of the site, used in the links sent by mail.
    #[arg(long, env = "PASSERELLE_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// Sender address of outgoing mail.
    #[arg(long, env = "PASSERELLE_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// Seed the 2021 demo edition into an empty database and show the demo accounts
    /// (`--demo`, or `--demo=false` to override the file or the environment).
    #[arg(long, env = "PASSERELLE_DEMO", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub demo: Option<bool>,
    /// Largest attachment accepted, in megabytes (1 to 100; default 10).
    #[arg(long, env = "PASSERELLE_ATTACHMENT_MAX_MB", value_name = "MB")]
    pub attachment_max_mb: Option<u64>,
    /// Attachments per irritant or company profile (1 to 100; default 10).
    #[arg(long, env = "PASSERELLE_ATTACHMENT_MAX_COUNT", value_name = "N")]
    pub attachment_max_count: Option<usize>,
    /// Days after an edition's day before both sides of each held meeting are asked what came of it
    /// (1 to 1000; default 182, about six months).
    #[arg(long, env = "PASSERELLE_SIX_MONTH_DELAY_DAYS", value_name = "DAYS")]
    pub six_month_delay_days: Option<i64>,
    /// Boxed: thirteen optional settings would make this the largest subcommand by far.
    #[command(flatten)]
    pub sso: Box<SsoArgs>,
    #[command(flatten)]
    pub server: ServerArgs,
    #[command(flatten)]
    pub personal_data: PersonalDataArgs,
}

/// The server's limits and trusted proxies (see the table above); the `[server]` table's keys.
#[derive(clap::Args, Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServerArgs {
    /// Seconds a client has to send a request's line and headers (also the longest idle keep-alive).
    #[arg(long, env = "PASSERELLE_HEADER_READ_TIMEOUT", value_name = "SECONDS")]
    pub header_read_timeout: Option<u64>,
    /// Seconds to answer a request, reading its body included (408 past it).
    #[arg(long, env = "PASSERELLE_REQUEST_TIMEOUT", value_name = "SECONDS")]
    pub request_timeout: Option<u64>,
    /// Connections open at once (more wait to be accepted).
    #[arg(long, env = "PASSERELLE_MAX_CONNECTIONS", value_name = "N")]
    pub max_connections: Option<usize>,
    /// Reverse proxies' addresses, comma-separated: only their `X-Forwarded-For` is believed.
    #[arg(
        long,
        env = "PASSERELLE_TRUSTED_PROXIES",
        value_name = "IP,IP",
        value_delimiter = ','
    )]
    pub trusted_proxies: Option<Vec<std::net::IpAddr>>,
}

impl ServerArgs {
    /// Each setting from the flag (or variable), else from the file, else its default.
    fn resolve(
        &self,
        file: &ServerArgs,
    ) -> anyhow::Result<(passerelle_web::Limits, Vec<std::net::IpAddr>)> {
        let default = passerelle_web::Limits::default();
        let seconds = |a: Option<u64>, b: Option<u64>, d: std::time::Duration| {
            a.or(b).map_or(d, std::time::Duration::from_secs)
        };
        let limits = passerelle_web::Limits {
            header_read_timeout: seconds(
                self.header_read_timeout,
                file.header_read_timeout,
                default.header_read_timeout,
            ),
            request_timeout: seconds(
                self.request_timeout,
                file.request_timeout,
                default.request_timeout,
            ),
            max_connections: self
                .max_connections
                .or(file.max_connections)
                .unwrap_or(default.max_connections),
        };
        if limits.header_read_timeout.is_zero()
            || limits.request_timeout.is_zero()
            || limits.max_connections == 0
        {
            anyhow::bail!("[server] timeouts and max_connections must be positive");
        }
        let proxies = self
            .trusted_proxies
            .clone()
            .or_else(|| file.trusted_proxies.clone())
            .unwrap_or_default();
        Ok((limits, proxies))
    }
}

/// Personal data: whom people write to, and how long what served its purpose is kept (the file's
/// `[personal_data]` table, the same names); shown on the public « Données personnelles » page.
#[derive(clap::Args, Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PersonalDataArgs {
    /// Address for questions and requests about personal data (default: the mails' sender address).
    #[arg(
        long = "privacy-contact",
        env = "PASSERELLE_PRIVACY_CONTACT",
        value_name = "ADDRESS"
    )]
    pub contact: Option<String>,
    /// Days a sent mail stays in the outbox (default 30).
    #[arg(
        long = "retention-sent-mail-days",
        env = "PASSERELLE_RETENTION_SENT_MAIL_DAYS",
        value_name = "DAYS"
    )]
    pub sent_mail_days: Option<u16>,
    /// Days a mail given up stays in the outbox (default 90).
    #[arg(
        long = "retention-failed-mail-days",
        env = "PASSERELLE_RETENTION_FAILED_MAIL_DAYS",
        value_name = "DAYS"
    )]
    pub failed_mail_days: Option<u16>,
    /// Days an invitation stays once used or expired (default 90).
    #[arg(
        long = "retention-invitation-days",
        env = "PASSERELLE_RETENTION_INVITATION_DAYS",
        value_name = "DAYS"
    )]
    pub invitation_days: Option<u16>,
    /// Days a password-reset or account link stays once used or expired (default 7).
    #[arg(
        long = "retention-link-days",
        env = "PASSERELLE_RETENTION_LINK_DAYS",
        value_name = "DAYS"
    )]
    pub link_days: Option<u16>,
}

impl PersonalDataArgs {
    /// Each setting from the flag (or variable), else from the file.
    fn or(&self, file: &PersonalDataArgs) -> PersonalDataArgs {
        PersonalDataArgs {
            contact: self.contact.clone().or_else(|| file.contact.clone()),
            sent_mail_days: self.sent_mail_days.or(file.sent_mail_days),
            failed_mail_days: self.failed_mail_days.or(file.failed_mail_days),
            invitation_days: self.invitation_days.or(file.invitation_days),
            link_days: self.link_days.or(file.link_days),
        }
    }

    /// The retention policy, the defaults where nothing is set (the contact: `mail_from`'s address).
    pub fn policy(&self, mail_from: &str) -> passerelle_app::retention::Policy {
        use passerelle_app::retention::Policy;
        let mut policy = match &self.contact {
            Some(contact) => Policy::new(contact),
            None => Policy::for_sender(mail_from),
        };
        let days = |d: u16| time::Duration::days(i64::from(d));
        if let Some(d) = self.sent_mail_days {
            policy.sent_mail = days(d);
        }
        if let Some(d) = self.failed_mail_days {
            policy.failed_mail = days(d);
        }
        if let Some(d) = self.invitation_days {
            policy.invitations = days(d);
        }
        if let Some(d) = self.link_days {
            policy.links = days(d);
        }
        policy
    }
}

/// Single sign-on settings (see the table above); the same names as the `[sso]` table's keys.
#[derive(clap::Args, Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SsoArgs {
    #[arg(long, env = "PASSERELLE_PROCONNECT_ISSUER", value_name = "URL")]
    pub proconnect_issuer: Option<String>,
    #[arg(long, env = "PASSERELLE_PROCONNECT_CLIENT_ID", value_name = "ID")]
    pub proconnect_client_id: Option<String>,
    #[arg(
        long,
        env = "PASSERELLE_PROCONNECT_CLIENT_SECRET",
        value_name = "SECRET"
    )]
    pub proconnect_client_secret: Option<String>,
    #[arg(long, env = "PASSERELLE_PROCONNECT_ACR", value_name = "LEVELS")]
    pub proconnect_acr: Option<String>,
    #[arg(long, env = "PASSERELLE_RENATER_METADATA", value_name = "URL|FILE")]
    pub renater_metadata: Option<String>,
    #[arg(long, env = "PASSERELLE_RENATER_METADATA_CERT", value_name = "FILE")]
    pub renater_metadata_cert: Option<PathBuf>,
    #[arg(long, env = "PASSERELLE_RENATER_SIGNING_KEY", value_name = "FILE")]
    pub renater_signing_key: Option<PathBuf>,
    #[arg(long, env = "PASSERELLE_RENATER_SIGNING_CERT", value_name = "FILE")]
    pub renater_signing_cert: Option<PathBuf>,
    #[arg(long, env = "PASSERELLE_RENATER_ENCRYPTION_KEY", value_name = "FILE")]
    pub renater_encryption_key: Option<PathBuf>,
    #[arg(long, env = "PASSERELLE_RENATER_ENCRYPTION_CERT", value_name = "FILE")]
    pub renater_encryption_cert: Option<PathBuf>,
    #[arg(long, env = "PASSERELLE_RENATER_ENTITY_ID", value_name = "URI")]
    pub renater_entity_id: Option<String>,
    #[arg(long, env = "PASSERELLE_RENATER_DISCOVERY_URL", value_name = "URL")]
    pub renater_discovery_url: Option<String>,
    #[arg(long, env = "PASSERELLE_RENATER_CONTACT", value_name = "ADDRESS")]
    pub renater_contact: Option<String>,
}

impl SsoArgs {
    /// Each setting from the flag (or variable), else from the file.
    fn or(&self, file: &SsoArgs) -> SsoArgs {
        fn pick<T: Clone>(a: &Option<T>, b: &Option<T>) -> Option<T> {
            a.clone().or_else(|| b.clone())
        }
        SsoArgs {
            proconnect_issuer: pick(&self.proconnect_issuer, &file.proconnect_issuer),
            proconnect_client_id: pick(&self.proconnect_client_id, &file.proconnect_client_id),
            proconnect_client_secret: pick(
                &self.proconnect_client_secret,
                &file.proconnect_client_secret,
            ),
            proconnect_acr: pick(&self.proconnect_acr, &file.proconnect_acr),
            renater_metadata: pick(&self.renater_metadata, &file.renater_metadata),
            renater_metadata_cert: pick(&self.renater_metadata_cert, &file.renater_metadata_cert),
            renater_signing_key: pick(&self.renater_signing_key, &file.renater_signing_key),
            renater_signing_cert: pick(&self.renater_signing_cert, &file.renater_signing_cert),
            renater_encryption_key: pick(
                &self.renater_encryption_key,
                &file.renater_encryption_key,
            ),
            renater_encryption_cert: pick(
                &self.renater_encryption_cert,
                &file.renater_encryption_cert,
            ),
            renater_entity_id: pick(&self.renater_entity_id, &file.renater_entity_id),
            renater_discovery_url: pick(&self.renater_discovery_url, &file.renater_discovery_url),
            renater_contact: pick(&self.renater_contact, &file.renater_contact),
        }
    }

    /// The providers these settings configure; a provider half-configured is an error that names
    /// what is missing (rather than a button that fails later).
    pub fn providers(
        &self,
        base_url: &str,
        mail_from: &str,
    ) -> anyhow::Result<passerelle_app::sso::SsoSettings> {
        use passerelle_federation::proconnect::ProConnectConfig;
        use passerelle_federation::renater::{KeyPair, RenaterConfig};
        use passerelle_web::present::urls;
        let url = |path: &str| {
            url::Url::parse(&format!("{base_url}{path}"))
                .with_context(|| format!("base URL {base_url}"))
        };
        let proconnect = match (
            &self.proconnect_issuer,
            &self.proconnect_client_id,
            &self.proconnect_client_secret,
        ) {
            (None, None, None) => None,
            (Some(issuer), Some(id), Some(secret)) => Some(ProConnectConfig {
                issuer: url::Url::parse(issuer.trim_end_matches('/'))
                    .with_context(|| format!("proconnect_issuer {issuer}"))?,
                client_id: id.clone(),
                client_secret: secret.clone(),
                redirect_uri: url(urls::PROCONNECT_CALLBACK)?,
                post_logout_redirect_uri: url(urls::PROCONNECT_SIGNED_OUT)?,
                acr_values: self
                    .proconnect_acr
                    .iter()
                    .flat_map(|a| a.split(','))
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect(),
            }),
            _ => anyhow::bail!(
                "ProConnect needs proconnect_issuer, proconnect_client_id and proconnect_client_secret together"
            ),
        };
        let renater = match &self.renater_metadata {
            None => None,
            Some(source) => {
                let read = |what: &str, path: &Option<PathBuf>| -> anyhow::Result<Vec<u8>> {
                    let path = path
                        .as_ref()
                        .with_context(|| format!("RENATER needs {what} with renater_metadata"))?;
                    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
                };
                let pair = |key: &str, cert: &str, k: &Option<PathBuf>, c: &Option<PathBuf>| {
                    KeyPair::from_pem(&read(key, k)?, &read(cert, c)?)
                        .map_err(|e| anyhow::anyhow!("{key}/{cert}: {e}"))
                };
                let contact = self.renater_contact.clone().unwrap_or_else(|| {
                    mail_from
                        .rsplit_once('<')
                        .map(|(_, a)| a.trim_end_matches('>').to_owned())
                        .unwrap_or_else(|| mail_from.to_owned())
                });
                Some(passerelle_app::sso::RenaterSettings {
                    config: RenaterConfig {
                        entity_id: self
                            .renater_entity_id
                            .clone()
                            .unwrap_or_else(|| format!("{base_url}{}", urls::RENATER_METADATA)),
                        acs_url: url(urls::RENATER_ACS)?,
                        signing: pair(
                            "renater_signing_key",
                            "renater_signing_cert",
                            &self.renater_signing_key,
                            &self.renater_signing_cert,
                        )?,
                        encryption: pair(
                            "renater_encryption_key",
                            "renater_encryption_cert",
                            &self.renater_encryption_key,
                            &self.renater_encryption_cert,
                        )?,
                        discovery_url: self
                            .renater_discovery_url
                            .as_deref()
                            .map(url::Url::parse)
                            .transpose()
                            .context("renater_discovery_url")?,
                        display_name: "Passerelle".into(),
                        information_url: url("/")?,
                        privacy_url: url("/")?,
                        technical_contact: contact,
                    },
                    metadata_source: source.clone(),
                    metadata_cert_pem: read("renater_metadata_cert", &self.renater_metadata_cert)?,
                })
            }
        };
        Ok(passerelle_app::sso::SsoSettings {
            proconnect,
            renater,
        })
    }
}

/// The TOML file's keys (all optional).
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub smtp_url: Option<String>,
    pub base_url: Option<String>,
    pub mail_from: Option<String>,
    pub demo: Option<bool>,
    pub attachment_max_mb: Option<u64>,
    pub attachment_max_count: Option<usize>,
    pub six_month_delay_days: Option<i64>,
    /// The `[sso]` table.
    #[serde(default)]
    pub sso: SsoArgs,
    /// The `[server]` table.
    #[serde(default)]
    pub server: ServerArgs,
    /// The `[personal_data]` table.
    #[serde(default)]
    pub personal_data: PersonalDataArgs,
}

impl FileConfig {
    pub fn load(path: Option<&Path>) -> anyhow::Result<FileConfig> {
        let Some(path) = path else {
            return Ok(FileConfig::default());
        };
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }
}

/// Resolved data settings.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSettings {
    pub data_dir: PathBuf,
    pub database_url: String,
}

/// Resolved `serve` settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ServeSettings {
    pub data: DataSettings,
    pub bind: String,
    pub smtp_url: Option<String>,
    pub base_url: String,
    pub mail_from: String,
    pub demo: bool,
    pub attachment_max_mb: u64,
    pub attachment_max_count: usize,
    pub six_month_delay_days: i64,
    pub sso: SsoArgs,
    pub limits: passerelle_web::Limits,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub personal_data: PersonalDataArgs,
}

impl ServeSettings {
    /// The six-month rating's delays, the configured delay within its bounds.
    pub fn six_month_delays(&self) -> anyhow::Result<passerelle_app::six_months::Delays> {
        let days = self.six_month_delay_days;
        anyhow::ensure!(
            (1..=1000).contains(&days),
            "six_month_delay_days must be between 1 and 1000, not {days}"
        );
        Ok(passerelle_app::six_months::Delays {
            after_day: time::Duration::days(days),
            ..passerelle_app::six_months::Delays::default()
        })
    }

    /// The attachments' limits, within their bounds.
    pub fn attachment_limits(&self) -> anyhow::Result<passerelle_app::attachments::Limits> {
        let mb = self.attachment_max_mb;
        let count = self.attachment_max_count;
        anyhow::ensure!(
            (1..=100).contains(&mb),
            "attachment_max_mb must be between 1 and 100 (megabytes), not {mb}"
        );
        anyhow::ensure!(
            (1..=100).contains(&count),
            "attachment_max_count must be between 1 and 100, not {count}"
        );
        Ok(passerelle_app::attachments::Limits {
            max_bytes: mb * 1024 * 1024,
            max_count: count,
            ..passerelle_app::attachments::Limits::default()
        })
    }
}

impl DataArgs {
    pub fn resolve(&self) -> anyhow::Result<DataSettings> {
        let file = FileConfig::load(self.config.as_deref())?;
        Ok(self.resolve_with(&file))
    }

    fn resolve_with(&self, file: &FileConfig) -> DataSettings {
        let data_dir = self
            .data_dir
            .clone()
            .or_else(|| file.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("./data"));
        let database_url = self
            .database_url
            .clone()
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| {
                format!(
                    "sqlite:{}?mode=rwc",
                    data_dir.join("passerelle.db").display()
                )
            });
        DataSettings {
            data_dir,
            database_url,
        }
    }
}

impl ServeArgs {
    pub fn resolve(&self) -> anyhow::Result<ServeSettings> {
        let file = FileConfig::load(self.data.config.as_deref())?;
        self.resolve_with(&file)
    }

    fn resolve_with(&self, file: &FileConfig) -> anyhow::Result<ServeSettings> {
        let bind = self
            .bind
            .clone()
            .or_else(|| file.bind.clone())
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let base_url = self
            .base_url
            .clone()
            .or_else(|| file.base_url.clone())
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let (limits, trusted_proxies) = self.server.resolve(&file.server)?;
        Ok(ServeSettings {
            data: self.data.resolve_with(file),
            smtp_url: self.smtp_url.clone().or_else(|| file.smtp_url.clone()),
            mail_from: self
                .mail_from
                .clone()
                .or_else(|| file.mail_from.clone())
                .unwrap_or_else(|| "Passerelle <passerelle@localhost>".into()),
            demo: self.demo.or(file.demo).unwrap_or(false),
            attachment_max_mb: self
                .attachment_max_mb
                .or(file.attachment_max_mb)
                .unwrap_or(10),
            attachment_max_count: self
                .attachment_max_count
                .or(file.attachment_max_count)
                .unwrap_or(10),
            six_month_delay_days: self
                .six_month_delay_days
                .or(file.six_month_delay_days)
                .unwrap_or(182),
            sso: self.sso.or(&file.sso),
            personal_data: self.personal_data.or(&file.personal_data),
            bind,
            base_url,
            limits,
            trusted_proxies,
        })
    }
}

/// Opens the database and applies the migrations (every subcommand starts here).
pub async fn open_storage(data: &DataSettings) -> anyhow::Result<passerelle_storage::Storage> {
    if !data.database_url.starts_with("postgres") {
        passerelle_storage::files::private_dir(&data.data_dir)
            .with_context(|| format!("creating the data folder {}", data.data_dir.display()))?;
    }
    let storage = passerelle_storage::Storage::connect(&data.database_url)
        .await
        .with_context(|| format!("connecting to {}", redact(&data.database_url)))?;
    storage.migrate().await.context("applying the migrations")?;
    Ok(storage)
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Runs a platform subcommand on a Tokio runtime, with logs, turning errors into exit code 1.
pub fn block_on<F>(future: F) -> std::process::ExitCode
where
    F: std::future::Future<Output = anyhow::Result<()>>,
{
    init_logs();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(future) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(
            "info,sqlx=warn,tower_sessions=error,tower_sessions_core=error",
        )
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_file_which_wins_over_defaults() {
        let file: FileConfig = toml::from_str(
            "bind = \"0.0.0.0:9000\"\ndata_dir = \"/srv/p\"\nsmtp_url = \"smtp://relay:25\"\ndemo = true",
        )
        .unwrap();
        let args = ServeArgs {
            bind: Some("127.0.0.1:1234".into()),
            ..Default::default()
        };
        let s = args.resolve_with(&file).unwrap();
        assert_eq!(s.bind, "127.0.0.1:1234");
        assert_eq!(s.data.data_dir, PathBuf::from("/srv/p"));
        assert_eq!(s.data.database_url, "sqlite:/srv/p/passerelle.db?mode=rwc");
        assert_eq!(s.smtp_url.as_deref(), Some("smtp://relay:25"));
        assert_eq!(s.base_url, "http://127.0.0.1:1234");
        assert!(s.demo);
    }

    #[test]
    fn defaults() {
        let s = ServeArgs::default()
            .resolve_with(&FileConfig::default())
            .unwrap();
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.data.data_dir, PathBuf::from("./data"));
        assert!(s.data.database_url.starts_with("sqlite:"));
        assert_eq!(s.smtp_url, None);
        assert!(!s.demo);
        // An explicit `--demo=false` wins over the file.
        let file: FileConfig = toml::from_str("demo = true").unwrap();
        let args = ServeArgs {
            demo: Some(false),
            ..Default::default()
        };
        assert!(!args.resolve_with(&file).unwrap().demo);
    }

    #[test]
    fn single_sign_on_comes_from_the_sso_table_and_refuses_half_a_provider() {
        let file: FileConfig = toml::from_str(
            "base_url = \"https://passerelle.example.fr\"\n[sso]\nproconnect_issuer = \"https://auth.agentconnect.gouv.fr/api/v2\"\nproconnect_client_id = \"id\"\nproconnect_client_secret = \"secret\"\nproconnect_acr = \"eidas1, eidas2\"",
        )
        .unwrap();
        let s = ServeArgs::default().resolve_with(&file).unwrap();
        let sso = s.sso.providers(&s.base_url, &s.mail_from).unwrap();
        let pc = sso.proconnect.expect("ProConnect configured");
        assert_eq!(
            pc.redirect_uri.as_str(),
            "https://passerelle.example.fr/connexion/proconnect/retour"
        );
        assert_eq!(pc.acr_values, ["eidas1", "eidas2"]);
        assert!(sso.renater.is_none());
        // No provider by default.
        let none = ServeArgs::default()
            .resolve_with(&FileConfig::default())
            .unwrap();
        let sso = none.sso.providers(&none.base_url, &none.mail_from).unwrap();
        assert!(sso.proconnect.is_none() && sso.renater.is_none());
        // A client id without its secret is a start-up error, not a broken button.
        let half = SsoArgs {
            proconnect_issuer: Some("https://auth.agentconnect.gouv.fr/api/v2".into()),
            proconnect_client_id: Some("id".into()),
            ..Default::default()
        };
        assert!(half.providers("https://p.fr", "p@p.fr").is_err());
        let renater = SsoArgs {
            renater_metadata: Some("https://metadata.federation.renater.fr/renater/main/main-idps-renater-metadata.xml".into()),
            ..Default::default()
        };
        let e = renater.providers("https://p.fr", "p@p.fr").unwrap_err();
        assert!(format!("{e:#}").contains("renater_signing_key"), "{e:#}");
        assert!(toml::from_str::<FileConfig>("[sso]\nproconnect_isuer = \"x\"").is_err());
    }

    #[test]
    fn server_limits_and_trusted_proxies_come_from_the_server_table() {
        let defaults = ServeArgs::default()
            .resolve_with(&FileConfig::default())
            .unwrap();
        assert_eq!(defaults.limits, passerelle_web::Limits::default());
        assert!(defaults.trusted_proxies.is_empty());
        let file: FileConfig = toml::from_str(
            "[server]\nheader_read_timeout = 5\nmax_connections = 200\ntrusted_proxies = [\"10.0.0.1\", \"::1\"]",
        )
        .unwrap();
        let args = ServeArgs {
            server: ServerArgs {
                max_connections: Some(300),
                ..Default::default()
            },
            ..Default::default()
        };
        let s = args.resolve_with(&file).unwrap();
        assert_eq!(s.limits.header_read_timeout.as_secs(), 5);
        assert_eq!(s.limits.max_connections, 300, "the flag wins");
        assert_eq!(s.limits.request_timeout.as_secs(), 60);
        assert_eq!(s.trusted_proxies.len(), 2);
        let zero: FileConfig = toml::from_str("[server]\nmax_connections = 0").unwrap();
        assert!(ServeArgs::default().resolve_with(&zero).is_err());
        assert!(toml::from_str::<FileConfig>("[server]\ntrusted_proxies = [\"proxy\"]").is_err());
    }

    #[test]
    fn retention_periods_come_from_the_personal_data_table() {
        let file: FileConfig = toml::from_str(
            "mail_from = \"Passerelle <contact@passerelle.example.fr>\"\n[personal_data]\nsent_mail_days = 10\nlink_days = 1",
        )
        .unwrap();
        let args = ServeArgs {
            personal_data: PersonalDataArgs {
                sent_mail_days: Some(5),
                ..Default::default()
            },
            ..Default::default()
        };
        let s = args.resolve_with(&file).unwrap();
        let policy = s.personal_data.policy(&s.mail_from);
        assert_eq!(policy.contact, "contact@passerelle.example.fr");
        assert_eq!(policy.sent_mail, time::Duration::days(5), "the flag wins");
        assert_eq!(policy.links, time::Duration::days(1));
        assert_eq!(policy.invitations, time::Duration::days(90), "default");
        assert!(toml::from_str::<FileConfig>("[personal_data]\nsent_mail_day = 3").is_err());
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        assert!(toml::from_str::<FileConfig>("bnid = \"x\"").is_err());
    }

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("sqlite:data/p.db"), "sqlite:data/p.db");
    }
}
