//! The `passerelle` binary: a thin command-line layer over the workspace crates.
//! Each subcommand lives in its own module under `commands/`.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "passerelle",
    version,
    about = "Passerelle — Rencontres Open Innovation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (applies the migrations first).
    Serve(commands::config::ServeArgs),
    /// Apply the database migrations and exit.
    Migrate(commands::migrate::Args),
    /// Manage accounts.
    User(commands::user::Args),
    /// Write a backup of the database.
    Backup(commands::backup::Args),
    /// Load a backup into an empty database (SQLite or PostgreSQL).
    Restore(commands::backup::RestoreArgs),
    /// Schedule B2B meetings from a MiniZinc `.dzn` instance; CSV on stdout.
    #[command(name = "schedule-b2b")]
    ScheduleB2b(commands::schedule_b2b::Args),
    /// Rank companies for each irritant (JSON lines on stdout).
    Rank(commands::rank::Args),
    /// Choose meetings optimally under capacities (CSV on stdout).
    Assign(commands::assign::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => commands::serve::run(args),
        Command::Migrate(args) => commands::migrate::run(args),
        Command::User(args) => commands::user::run(args),
        Command::Backup(args) => commands::backup::run(args),
        Command::Restore(args) => commands::backup::restore(args),
        Command::ScheduleB2b(args) => commands::schedule_b2b::run(args),
        Command::Rank(args) => commands::rank::run(args),
        Command::Assign(args) => commands::assign::run(args),
    }
}
