//! `passerelle migrate`: applies the database migrations and exits.

use std::process::ExitCode;

use super::config::{DataArgs, open_storage, redact};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(args: Args) -> ExitCode {
    super::config::block_on(async move {
        let settings = args.data.resolve()?;
        open_storage(&settings).await?;
        println!("migrations applied to {}", redact(&settings.database_url));
        Ok(())
    })
}
