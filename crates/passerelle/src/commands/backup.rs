//! `passerelle backup FILE`: writes a consistent copy of the whole database (but sessions) as one
//! portable JSON file, restorable into SQLite or PostgreSQL (see `Storage::backup`).

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
