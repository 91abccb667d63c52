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
        Ok(self.resolve_with(&file))
    }

    fn resolve_with(&self, file: &FileConfig) -> ServeSettings {
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
        ServeSettings {
            data: self.data.resolve_with(file),
            smtp_url: self.smtp_url.clone().or_else(|| file.smtp_url.clone()),
            mail_from: self
                .mail_from
                .clone()
                .or_else(|| file.mail_from.clone())
                .unwrap_or_else(|| "Passerelle <passerelle@localhost>".into()),
            demo: self.demo.or(file.demo).unwrap_or(false),
            bind,
            base_url,
        }
    }
}

/// Opens the database and applies the migrations (every subcommand starts here).
pub async fn open_storage(data: &DataSettings) -> anyhow::Result<passerelle_storage::Storage> {
    if !data.database_url.starts_with("postgres") {
        std::fs::create_dir_all(&data.data_dir)
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
        let s = args.resolve_with(&file);
        assert_eq!(s.bind, "127.0.0.1:1234");
        assert_eq!(s.data.data_dir, PathBuf::from("/srv/p"));
        assert_eq!(s.data.database_url, "sqlite:/srv/p/passerelle.db?mode=rwc");
        assert_eq!(s.smtp_url.as_deref(), Some("smtp://relay:25"));
        assert_eq!(s.base_url, "http://127.0.0.1:1234");
        assert!(s.demo);
    }

    #[test]
    fn defaults() {
        let s = ServeArgs::default().resolve_with(&FileConfig::default());
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
        assert!(!args.resolve_with(&file).demo);
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
