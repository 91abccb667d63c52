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
        let summary = storage.restore(&args.src).await?;
        println!(
            "restored {} ({} tables, {} rows)",
            args.src.display(),
            summary.tables,
            summary.rows
        );
        Ok(())
    })
}
