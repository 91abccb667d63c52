//! Backup and restore as one portable JSON file.
//!
//! The file holds every table of the schema (columns discovered from the database, rows as arrays of JSON
//! numbers, strings and nulls), read from one consistent snapshot. Because it is independent of the backend, a
//! SQLite deployment can be restored into PostgreSQL and back. Sessions are left out: restoring them would sign
//! people back in.
//!
//! ```json
//! {"format": "passerelle-backup", "version": 1, "schema_version": 1, "source": "sqlite",
//!  "created_at": "2026-11-23T16:00:00Z",
//!  "tables": [{"name": "organisations", "columns": ["id", "name", …], "rows": [["…", "Amue", …]]}]}
//! ```

use crate::{Backend, Error, Result, Storage};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a backup wrote, or a restore read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSummary {
    pub path: PathBuf,
    pub tables: usize,
    pub rows: usize,
}

const FORMAT: &str = "passerelle-backup";
/// Largest backup file `restore` reads (512 MiB: a national edition's backup is far smaller, and the
/// whole file is parsed in memory).
pub const MAX_BACKUP_BYTES: u64 = 512 * 1024 * 1024;
const VERSION: u32 = 1;

/// Every table of the schema, parents before children so that a restore satisfies the foreign keys.
/// `backup` refuses a database holding a table missing here: a new migration must add its tables.
const TABLES: &[&str] = &[
    "settings",
    "organisations",
    "users",
    "memberships",
    "federated_identities",
    "organisation_join_requests",
    "editions",
    "edition_phases",
    "edition_phase_changes",
    "invitations",
    "password_resets",
    "domains",
    "thesaurus_concepts",
    "thesaurus_related",
    "irritants",
    "irritant_domains",
    "irritant_events",
    "company_profiles",
    "company_specialties",
    "participations",
    "attachments",
    "audit_log",
    "mail_outbox",
    "jobs",
    "wishes",
    "matching_runs",
    "matching_run_pairs",
    "meetings",
    "meeting_events",
    "day_setups",
    "day_tables",
    "day_participants",
    "day_meeting_rules",
    "day_precedences",
    "schedule_runs",
    "schedule_run_placements",
    "meeting_placements",
    "schedule_changes",
    "agenda_feeds",
    "day_checkins",
    "meeting_ratings",
    "opportunities",
    "opportunity_events",
    "six_month_requests",
    "six_month_answers",
    "funding_schemes",
    "funding_scheme_themes",
    "dossiers",
    "experience_reports",
    "experience_interests",
];

/// Tables of the schema deliberately not backed up.
const SKIPPED: &[&str] = &[
    "sessions",
    // One-use links of the account page (a new address to confirm, a deletion), valid for a day at most.
    "account_tokens",
    // The sign-in throttle's last quarter of an hour.
    "sign_in_failures",
    "saml_assertions_seen",
    "saml_pending",
    // Derived from the rest, recomputed on the next page that shows them.
    "recommendation_sets",
    "recommendations",
    "recommendation_revisions",
    // Rendered PDFs, rendered again from the fiches on the next download.
    "rendered_documents",
    // This database's count of writes (the restore advances it as it commits).
    "content_generation",
];

#[derive(Serialize, Deserialize)]
struct BackupFile {
    format: String,
    version: u32,
    /// The last migration applied to the source; a restore needs the same.
    schema_version: i64,
    source: String,
    created_at: String,
    tables: Vec<TableDump>,
}

#[derive(Serialize, Deserialize)]
struct TableDump {
    name: String,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// The column types the schema uses (see the migrations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    /// Bytes (attachments), written to the file as base64 text.
    Blob,
}

impl Storage {
    /// Names of the application's tables in this database.
    async fn table_names(&self, conn: &mut sqlx::AnyConnection) -> Result<Vec<String>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name <> '_sqlx_migrations' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() \
                 AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations' ORDER BY table_name"
            }
        };
        let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
        rows.iter()
            .map(|r| Ok(r.try_get::<String, _>("name")?))
            .collect()
    }

    /// A table's columns in their order, with their kind.
    async fn columns(
        &self,
        conn: &mut sqlx::AnyConnection,
        table: &str,
    ) -> Result<Vec<(String, Kind)>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name, type AS data_type FROM pragma_table_info($1) ORDER BY cid"
            }
            Backend::Postgres => {
                "SELECT column_name::text AS name, data_type::text AS data_type FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
            }
        };
        let rows = sqlx::query(sql).bind(table).fetch_all(&mut *conn).await?;
        rows.iter()
            .map(|r| {
                let name: String = r.try_get("name")?;
                let data_type: String = r.try_get("data_type")?;
                let upper = data_type.to_uppercase();
                let kind = if upper.contains("INT") {
                    Kind::Int
                } else if upper == "TEXT" {
                    Kind::Text
                } else if upper == "BYTEA" {
                    Kind::Blob
                } else {
                    return Err(Error::Config(format!(
                        "backup: column {table}.{name} has unsupported type {data_type}"
                    )));
                };
                Ok((name, kind))
            })
            .collect()
    }

    async fn schema_version(&self, conn: &mut sqlx::AnyConnection) -> Result<i64> {
        let row = sqlx::query("SELECT COALESCE(MAX(version), 0) AS version FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&mut *conn)
            .await?;
        Ok(row.try_get("version")?)
    }

    /// Writes a consistent copy of the whole database (but sessions) to `dest` as portable JSON. The file
    /// appears complete or not at all (written aside, then renamed).
    pub async fn backup(&self, dest: &Path) -> Result<BackupSummary> {
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            // One snapshot for every table; SQLite's read transaction already gives one.
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let schema_version = self.schema_version(&mut tx).await?;
        let present = self.table_names(&mut tx).await?;
        if let Some(unknown) = present
            .iter()
            .find(|t| !TABLES.contains(&t.as_str()) && !SKIPPED.contains(&t.as_str()))
        {
            return Err(Error::Config(format!(
                "backup does not know table {unknown}; add it to backup::TABLES"
            )));
        }
        let mut tables = Vec::new();
        let mut total = 0;
        for &name in TABLES.iter().filter(|t| present.iter().any(|p| p == *t)) {
            let columns = self.columns(&mut tx, name).await?;
            let list = columns
                .iter()
                .map(|(c, _)| c.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let rows = sqlx::query(&format!("SELECT {list} FROM {name} ORDER BY 1"))
                .fetch_all(&mut *tx)
                .await?;
            let rows = rows
                .iter()
                .map(|r| dump_row(r, &columns))
                .collect::<Result<Vec<_>>>()?;
            total += rows.len();
            tables.push(TableDump {
                name: name.to_owned(),
                columns: columns.into_iter().map(|(c, _)| c).collect(),
                rows,
            });
        }
        tx.commit().await?;

        let file = BackupFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            schema_version,
            source: match self.backend {
                Backend::Sqlite => "sqlite".to_owned(),
                Backend::Postgres => "postgres".to_owned(),
            },
            created_at: crate::now()
                .format(&time::format_description::well_known::Rfc3339)
                .map_err(|e| Error::Config(format!("formatting the backup time: {e}")))?,
            tables,
        };
        let table_count = file.tables.len();
        let dest = dest.to_owned();
        let written = dest.clone();
        tokio::task::spawn_blocking(move || write_atomically(&dest, &file))
            .await
            .map_err(|e| Error::Config(format!("backup interrupted: {e}")))??;
        Ok(BackupSummary {
            path: written,
            tables: table_count,
            rows: total,
        })
    }

    /// Loads a backup into this database, which must be migrated to the backup's schema version and hold no
    /// data. All or nothing: a malformed file or a row the schema refuses leaves the database empty.
    pub async fn restore(&self, src: &Path) -> Result<BackupSummary> {
        // Bounded by the bytes read, not by the size the file declares (a pipe, `/dev/zero`).
        let mut bytes = Vec::new();
        tokio::io::AsyncReadExt::read_to_end(
            &mut tokio::io::AsyncReadExt::take(
                tokio::fs::File::open(src).await?,
                MAX_BACKUP_BYTES + 1,
            ),
            &mut bytes,
        )
        .await?;
        if bytes.len() as u64 > MAX_BACKUP_BYTES {
            return Err(Error::TooLarge {
                limit: MAX_BACKUP_BYTES,
            });
        }
        let file: BackupFile = serde_json::from_slice(&bytes)
            .map_err(|e| Error::Corrupt(format!("not a Passerelle backup: {e}")))?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(Error::Corrupt(format!(
                "unsupported backup format {} version {}",
                file.format, file.version
            )));
        }
        // A write of the data like any other: committing it advances the content generation, so a server
        // already serving this database shows what was restored.
        let mut tx = self.begin_raw().await?;
        let schema_version = self.schema_version(&mut tx).await?;
        if file.schema_version != schema_version {
            return Err(Error::Config(format!(
                "the backup has schema version {}, this database {schema_version}: migrate to the same version first",
                file.schema_version
            )));
        }
        let present = self.table_names(&mut tx).await?;
        // The content generation's one row is the schema's, not data.
        for table in present.iter().filter(|t| *t != "content_generation") {
            let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
                .fetch_one(&mut *tx)
                .await?;
            if row.try_get::<i64, _>("n")? > 0 {
                return Err(Error::Conflict("database-not-empty"));
            }
        }
        // Parents first, whatever the order in the file.
        let mut dumps: Vec<&TableDump> = Vec::new();
        for name in TABLES {
            dumps.extend(file.tables.iter().filter(|t| t.name == *name));
        }
        if let Some(unknown) = file
            .tables
            .iter()
            .find(|t| !TABLES.contains(&t.name.as_str()))
        {
            return Err(Error::Corrupt(format!(
                "unknown table {} in the backup",
                unknown.name
            )));
        }
        let mut total = 0;
        for dump in &dumps {
            let columns = self.columns(&mut tx, &dump.name).await?;
            let kinds = dump
                .columns
                .iter()
                .map(|c| {
                    columns
                        .iter()
                        .find(|(name, _)| name == c)
                        .map(|(_, kind)| *kind)
                        .ok_or_else(|| {
                            Error::Corrupt(format!(
                                "unknown column {}.{c} in the backup",
                                dump.name
                            ))
                        })
                })
                .collect::<Result<Vec<_>>>()?;
            let placeholders = (1..=kinds.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({placeholders})",
                dump.name,
                dump.columns.join(", ")
            );
            for (n, row) in dump.rows.iter().enumerate() {
                if row.len() != kinds.len() {
                    return Err(Error::Corrupt(format!(
                        "a row of {} has {} values for {} columns",
                        dump.name,
                        row.len(),
                        kinds.len()
                    )));
                }
                // Every value the application reads through a domain type is checked by it here:
                // a row the pages would refuse (a 5,000-character title made `/` answer 500) stops
                // the restore, and the transaction leaves the database empty.
                for (value, column) in row.iter().zip(&dump.columns) {
                    if let Value::String(text) = value
                        && let Err(problem) = check_value(&dump.name, column, text)
                    {
                        return Err(Error::Restore {
                            table: dump.name.clone(),
                            row: n + 1,
                            column: column.clone(),
                            problem,
                        });
                    }
                }
                let mut query = sqlx::query(&sql);
                for ((value, kind), column) in row.iter().zip(&kinds).zip(&dump.columns) {
                    let bad = || {
                        Error::Corrupt(format!("{}.{column}: unexpected value {value}", dump.name))
                    };
                    query = match (kind, value) {
                        (Kind::Int, Value::Null) => query.bind(None::<i64>),
                        (Kind::Int, Value::Number(n)) => query.bind(n.as_i64().ok_or_else(bad)?),
                        (Kind::Text, Value::Null) => query.bind(None::<String>),
                        (Kind::Text, Value::String(s)) => query.bind(s.clone()),
                        (Kind::Blob, Value::Null) => query.bind(None::<Vec<u8>>),
                        (Kind::Blob, Value::String(s)) => query.bind(
                            base64::engine::general_purpose::STANDARD
                                .decode(s)
                                .map_err(|_| bad())?,
                        ),
                        _ => return Err(bad()),
                    };
                }
                query.execute(&mut *tx).await?;
            }
            total += dump.rows.len();
        }
        tx.commit().await?;
        Ok(BackupSummary {
            path: src.to_owned(),
            tables: dumps.len(),
            rows: total,
        })
    }
}

/// The domain type that reads `table.column` back, applied to a restored value (columns not listed are
/// identifiers, codes checked by their readers, timestamps or JSON the application writes itself).
fn check_value(
    table: &str,
    column: &str,
    value: &str,
) -> std::result::Result<(), passerelle_domain::ValidationError> {
    use passerelle_domain::{
        DisplayName, Email, Field, IrritantTitle, Locale, LongText, OrganisationKind,
        OrganisationName, ShortText, Slug, ValidationError, WebsiteUrl,
    };
    let long = |field| LongText::parse(field, value).map(drop);
    let short = |field| ShortText::parse(field, value).map(drop);
    match (table, column) {
        ("users" | "invitations", "email") | ("irritants", "contact_email") => {
            Email::parse(value).map(drop)
        }
        ("users", "display_name") | ("irritants", "contact_name") => {
            DisplayName::parse(value).map(drop)
        }
        ("users", "locale") => Locale::parse(value).map(drop),
        // A plain-text password (or a hash no check would accept) is not a password hash.
        ("users", "password_hash") => {
            if value == crate::NO_PASSWORD || crate::password::is_usable_hash(value) {
                Ok(())
            } else {
                Err(ValidationError::Malformed(Field::Password))
            }
        }
        ("organisations", "name") => OrganisationName::parse(value).map(drop),
        ("organisations", "kind") => OrganisationKind::parse(value).map(drop),
        ("irritants", "title") => IrritantTitle::parse(value).map(drop),
        ("irritants", "context") => long(Field::Context),
        ("irritants", "problem") => long(Field::Problem),
        ("irritants", "expected_result") => long(Field::ExpectedResult),
        ("irritants", "timeline") => short(Field::Timeline),
        ("editions", "slug") | ("domains", "slug") => Slug::parse(value).map(drop),
        ("editions", "title") => short(Field::Title),
        ("editions", "venue") => short(Field::Venue),
        ("domains", "label_fr" | "label_en") => short(Field::Label),
        ("company_profiles", "description") => long(Field::Description),
        ("company_profiles", "references_text") => long(Field::References),
        ("company_profiles", "website") => WebsiteUrl::parse(value).map(drop),
        ("opportunity_events" | "six_month_answers", "comment")
        | ("dossiers", "decision_comment") => long(Field::Comment),
        ("funding_schemes", "name") => short(Field::Title),
        ("funding_schemes", "description") | ("dossiers", "plan") => long(Field::Description),
        ("funding_schemes", "link") => WebsiteUrl::parse(value).map(drop),
        ("experience_reports", "problem") => long(Field::Problem),
        ("experience_reports", "solution") => long(Field::Solution),
        ("experience_reports", "results") => long(Field::Results),
        ("experience_reports", "reuse") => long(Field::Reuse),
        ("experience_reports", "duration") => short(Field::Duration),
        ("experience_reports", "licence") => short(Field::Licence),
        ("experience_reports", "contact") => short(Field::Contact),
        _ => Ok(()),
    }
}

fn dump_row(row: &AnyRow, columns: &[(String, Kind)]) -> Result<Vec<Value>> {
    columns
        .iter()
        .map(|(name, kind)| {
            Ok(match kind {
                Kind::Int => row
                    .try_get::<Option<i64>, _>(name.as_str())?
                    .map_or(Value::Null, Value::from),
                Kind::Text => row
                    .try_get::<Option<String>, _>(name.as_str())?
                    .map_or(Value::Null, Value::from),
                Kind::Blob => row
                    .try_get::<Option<Vec<u8>>, _>(name.as_str())?
                    .map_or(Value::Null, |bytes| {
                        Value::from(base64::engine::general_purpose::STANDARD.encode(bytes))
                    }),
            })
        })
        .collect()
}

/// Writes next to `dest`, syncs, then renames over it: a crash never leaves a truncated backup under its name.
fn write_atomically(dest: &Path, file: &BackupFile) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::private_dir(dir)?;
    }
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let result = (|| -> Result<()> {
        // It holds every account's data: readable by its owner only.
        let mut out = std::io::BufWriter::new(crate::files::private_file(&partial)?);
        serde_json::to_writer(&mut out, file).map_err(|e| Error::Io(e.into()))?;
        out.flush()?;
        out.get_ref().sync_all()?;
        std::fs::rename(&partial, dest)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
