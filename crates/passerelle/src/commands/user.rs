//! `passerelle user add`: creates an account with one role in an organisation (created if it does
//! not exist). The password is typed at a prompt (not echoed), or read from the first line of
//! standard input when it is not a terminal (`echo "$PASSWORD" | passerelle user add …`).

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, bail};
use passerelle_domain::{
    DisplayName, Email, Locale, OrganisationKind, OrganisationName, Password, Role,
};
use passerelle_storage::NewUser;

use super::config::{DataArgs, open_storage};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add(AddArgs),
}

#[derive(clap::Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// E-mail address (the sign-in name).
    #[arg(long)]
    pub email: String,
    /// Full name.
    #[arg(long)]
    pub name: String,
    /// Organisation name; created if no organisation of that kind has this name.
    #[arg(long)]
    pub organisation: String,
    /// Role: organiser, institution-member, company-member, business-manager, admin, funder.
    #[arg(long)]
    pub role: String,
    /// Kind of a new organisation (institution, company, incubator, agency, funder); by default the
    /// one the role belongs to.
    #[arg(long)]
    pub kind: Option<String>,
    /// Interface language of the account (fr or en).
    #[arg(long, default_value = "fr")]
    pub locale: String,
}

pub fn run(args: Args) -> ExitCode {
    match args.command {
        UserCommand::Add(add) => super::config::block_on(add_user(add)),
    }
}

/// The organisation kind a role belongs to by default.
fn default_kind(role: Role) -> OrganisationKind {
    match role {
        Role::Organiser | Role::Admin => OrganisationKind::Agency,
        Role::InstitutionMember => OrganisationKind::Institution,
        Role::CompanyMember => OrganisationKind::Company,
        Role::BusinessManager => OrganisationKind::Incubator,
        Role::Funder => OrganisationKind::Funder,
    }
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (10 characters at least): ")?;
        let second = rpassword::prompt_password("Same password again: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

async fn add_user(args: AddArgs) -> anyhow::Result<()> {
    // Everything is validated before anything is written.
    let email = Email::parse(&args.email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let name = DisplayName::parse(&args.name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
    let org_name = OrganisationName::parse(&args.organisation)
        .map_err(|e| anyhow::anyhow!("--organisation: {e}"))?;
    let role = Role::parse(&args.role).map_err(|_| {
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        anyhow::anyhow!(
            "--role: unknown role {:?} (one of: {})",
            args.role,
            roles.join(", ")
        )
    })?;
    let kind = match &args.kind {
        Some(k) => {
            OrganisationKind::parse(k).map_err(|_| anyhow::anyhow!("--kind: unknown kind {k:?}"))?
        }
        None => default_kind(role),
    };
    if !role.allowed_in(kind) {
        bail!(
            "the role {} cannot be held in an organisation of kind {}",
            role.as_str(),
            kind.as_str()
        );
    }
    let locale = Locale::parse(&args.locale).map_err(|_| anyhow::anyhow!("--locale: fr or en"))?;
    let password =
        Password::parse(&read_password()?).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    let hash =
        tokio::task::spawn_blocking(move || passerelle_storage::hash_password(&password)).await?;

    let settings = args.data.resolve()?;
    let storage = open_storage(&settings).await?;
    if storage.find_user_by_email(&email).await?.is_some() {
        bail!("an account already exists for {}", email.as_str());
    }
    let organisation = match storage.find_organisation(kind, org_name.as_str()).await? {
        Some(o) => o,
        None => storage.create_organisation(&org_name, kind).await?,
    };
    let new = NewUser {
        email,
        display_name: name,
        password_hash: hash,
        locale,
    };
    let user = storage
        .create_user_with_membership(&new, organisation.id, role)
        .await?;
    println!(
        "created {} ({}) as {} of {}",
        user.email.as_str(),
        user.id,
        role.as_str(),
        organisation.name.as_str()
    );
    Ok(())
}
