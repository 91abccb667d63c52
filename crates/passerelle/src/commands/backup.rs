//! `passerelle backup FILE`: writes a consistent copy of the database (see the storage crate).

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
        storage.backup(&args.dest).await?;
        println!("backup written to {}", args.dest.display());
        Ok(())
    })
}
