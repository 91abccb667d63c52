//! Placeholder; being written.
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ExitCode {
    eprintln!("not yet available");
    ExitCode::FAILURE
}
