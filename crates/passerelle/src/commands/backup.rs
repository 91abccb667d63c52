//! `passerelle backup FILE`: writes a consistent copy of the whole database (but sessions) as one
//! portable JSON file; `passerelle restore FILE` loads it into an empty database, SQLite or
//! PostgreSQL (see `Storage::backup` and `Storage::restore`).

use std::path::PathBuf;
use std::process::ExitCode;

use super::config::{DataArgs, open_storage};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Where to write the backup.
    pub dest: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    super::config::block_on(async move {
        let settings = args.data.resolve()?;
        let storage = open_storage(&settings).await?;
        let summary = storage.backup(&args.dest).await?;
        println!(
            "backup written to {} ({} tables, {} rows, JSON)",
            summary.path.display(),
            summary.tables,
            summary.rows
        );
        Ok(())
    })
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The backup file to load (written by `passerelle backup`).
    pub src: PathBuf,
}

pub fn restore(args: RestoreArgs) -> ExitCode {
    super::config::block_on(async move {
        let settings = args.data.resolve()?;
        let storage = open_storage(&settings).await?;
        // All or nothing, and only into an empty database (the storage crate refuses otherwise).
        let summary = match storage.restore(&args.src).await {
            Ok(summary) => summary,
            Err(passerelle_storage::Error::Restore {
                table,
                row,
                column,
                problem,
            }) => {
                use passerelle_i18n::Lang;
                anyhow::bail!(
                    "restauration refusée, rien n'a été écrit : {table}, ligne {row}, colonne {column} : {} / \
                     restore refused, nothing was written: {table}, row {row}, column {column}: {}",
                    Lang::Fr.validation(&problem),
                    Lang::En.validation(&problem)
                )
            }
            Err(passerelle_storage::Error::TooLarge { limit }) => {
                anyhow::bail!("{}", super::input::too_large(&args.src, limit))
            }
            Err(e) => return Err(e.into()),
        };
        println!(
            "restored {} ({} tables, {} rows)",
            args.src.display(),
            summary.tables,
            summary.rows
        );
        Ok(())
    })
}
