//! Company registration: a company registers to the current edition, an organiser validates it, and the
//! company's members are told by mail.

use passerelle_domain::{Action, Actor, Context, OrganisationId, Role, authorize};
use passerelle_i18n::Lang;
use passerelle_storage::{Edition, Participation};

use crate::{App, Error, Result, mail, user_id};

fn context(edition: Option<&Edition>, company: OrganisationId) -> Context {
    Context {
        phase: edition.map(|e| e.phase),
        owner: Some(company),
        ..Context::default()
    }
}

/// The company registers to the current edition (from an invitation, or on its own).
pub async fn register(app: &App, actor: &Actor, company: OrganisationId) -> Result<Participation> {
    let edition = crate::editions::current(app).await?;
    authorize(
        actor,
        Action::RegisterForEdition,
        &context(edition.as_ref(), company),
    )?;
    let edition = edition.ok_or_else(|| Error::conflict("no-current-edition"))?;
    let mut tx = app.begin().await?;
    tx.register_participation(edition.id, company).await?;
    app.audit(
        &mut tx,
        actor,
        "company-registered",
        ("company", company.to_string()),
        serde_json::json!({ "edition": edition.id.to_string() }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage()
        .get_participation(edition.id, company)
        .await?
        .ok_or(Error::NotFound)
}

/// An organiser validates a registered company of the current edition; its members get a mail.
pub async fn validate(app: &App, actor: &Actor, company: OrganisationId) -> Result<Participation> {
    let edition = crate::editions::current(app).await?;
    authorize(
        actor,
        Action::ValidateCompany,
        &context(edition.as_ref(), company),
    )?;
    let edition = edition.ok_or(Error::NotFound)?;
    let organisation = app
        .storage()
        .get_organisation(company)
        .await?
        .ok_or(Error::NotFound)?;
    let members = app.storage().organisation_members(company).await?;
    let mut tx = app.begin().await?;
    tx.validate_participation(edition.id, company, user_id(actor))
        .await?;
    for (user, _) in members.iter().filter(|(_, r)| *r == Role::CompanyMember) {
        let args = [
            ("name", user.display_name.as_str().to_string()),
            ("company", organisation.name.as_str().to_string()),
            ("edition", edition.title.as_str().to_string()),
            ("link", app.link("/entreprise/profil")),
        ];
        app.enqueue_mail(
            &mut tx,
            &mail::render(
                "company-validated",
                &user.email,
                Lang::of(user.locale),
                &args,
            ),
        )
        .await?;
    }
    app.audit(
        &mut tx,
        actor,
        "company-validated",
        ("company", company.to_string()),
        serde_json::json!({ "edition": edition.id.to_string() }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage()
        .get_participation(edition.id, company)
        .await?
        .ok_or(Error::NotFound)
}
