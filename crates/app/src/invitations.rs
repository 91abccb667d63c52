//! Invitations: organisers invite institution and company contacts; business managers bring new companies
//! to their incubator's or cluster's pipeline, and add contacts to companies of that pipeline only.
//!
//! What the invitation says never tells the inviter whether the address already has an account: the
//! invitation is recorded either way, and the mail asks a person who has an account to sign in to accept it.

use passerelle_domain::{
    Action, Actor, Context, Email, Field, OrganisationId, OrganisationKind, OrganisationName, Role,
    ValidationError, authorize,
};
use passerelle_i18n::Lang;
use passerelle_storage::{Edition, Invitation, NewInvitation, Organisation};
use time::Duration;

use crate::{App, Error, Invalid, Problem, Result, mail, user_id};

/// How long an invitation link stays usable.
pub const VALIDITY: Duration = Duration::days(7);

/// In whose name the invitation is sent (the page it comes from).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inviter {
    Organiser,
    /// A business manager of this incubator or cluster.
    BusinessManager(OrganisationId),
}

impl Inviter {
    /// The kinds of contact this inviter may invite.
    pub fn kinds(self) -> &'static [OrganisationKind] {
        match self {
            Inviter::Organiser => &[OrganisationKind::Institution, OrganisationKind::Company],
            Inviter::BusinessManager(_) => &[OrganisationKind::Company],
        }
    }

    fn owner(self) -> Option<OrganisationId> {
        match self {
            Inviter::BusinessManager(org) => Some(org),
            Inviter::Organiser => None,
        }
    }

    /// The inviter hat of a signed-in business manager (their first incubator or cluster), if any.
    pub fn business_manager(actor: &Actor) -> Option<Inviter> {
        actor
            .organisations_with(Role::BusinessManager)
            .first()
            .map(|org| Inviter::BusinessManager(*org))
    }
}

/// The invitation form as typed.
#[derive(Debug, Clone, Default)]
pub struct InviteInput {
    pub email: String,
    /// `institution` or `company` (organisers only; business managers invite companies).
    pub kind: String,
    /// An existing organisation's id, from the list.
    pub organisation: String,
    /// Or the name of a new one.
    pub organisation_name: String,
    /// The language of the mail when the address has no account yet (the inviter's, by default).
    pub lang: Lang,
}

/// What the form offers this inviter.
#[derive(Debug, Clone)]
pub struct InviteChoices {
    /// The organisations the inviter may add a contact to: every institution and company for organisers,
    /// the companies of their pipeline for a business manager.
    pub organisations: Vec<Organisation>,
    /// Invitations this inviter sent (all of them for organisers), newest first.
    pub sent: Vec<Invitation>,
}

/// The outcome of an invitation.
#[derive(Debug, Clone)]
pub struct Invited {
    pub invitation: Invitation,
    /// A new organisation was created for it.
    pub created_organisation: bool,
}

fn context(edition: Option<&Edition>, owner: Option<OrganisationId>) -> Context {
    Context {
        phase: edition.map(|e| e.phase),
        owner,
        ..Context::default()
    }
}

/// The action an inviter needs for a kind of contact.
fn action(kind: OrganisationKind) -> Action {
    match kind {
        OrganisationKind::Institution => Action::InviteInstitutionContact,
        _ => Action::InviteCompany,
    }
}

/// May `actor` open the invitation form as `inviter`?
pub async fn authorize_form(app: &App, actor: &Actor, inviter: Inviter) -> Result<()> {
    let edition = crate::editions::current(app).await?;
    let action = match inviter {
        Inviter::Organiser => Action::InviteInstitutionContact,
        Inviter::BusinessManager(_) => Action::InviteCompany,
    };
    authorize(actor, action, &context(edition.as_ref(), inviter.owner()))?;
    Ok(())
}

/// What the invitation form lists for `inviter`.
pub async fn choices(app: &App, actor: &Actor, inviter: Inviter) -> Result<InviteChoices> {
    authorize_form(app, actor, inviter).await?;
    let storage = app.storage();
    let organisations = match inviter {
        Inviter::Organiser => {
            let mut all = storage
                .list_organisations(Some(OrganisationKind::Institution))
                .await?;
            all.extend(
                storage
                    .list_organisations(Some(OrganisationKind::Company))
                    .await?,
            );
            all
        }
        Inviter::BusinessManager(org) => {
            let mut companies: Vec<Organisation> = storage
                .pipeline(org, None)
                .await?
                .into_iter()
                .map(|e| e.participation.company)
                .collect();
            companies.dedup_by_key(|c| c.id);
            companies
        }
    };
    let me = user_id(actor);
    let sent = storage
        .list_invitations(None)
        .await?
        .into_iter()
        .filter(|i| inviter == Inviter::Organiser || i.invited_by == me)
        .take(50)
        .collect();
    Ok(InviteChoices {
        organisations,
        sent,
    })
}

/// Whom the invitation is for.
enum Target {
    Existing(Organisation),
    New(OrganisationName),
}

/// Sends an invitation: validates everything first, then in one transaction creates the organisation if
/// it is new (and, for a company, its participation in the current edition), the invitation, its mail and
/// the audit record.
pub async fn invite(
    app: &App,
    actor: &Actor,
    inviter: Inviter,
    input: InviteInput,
) -> Result<Invited> {
    let storage = app.storage();
    let edition = crate::editions::current(app).await?;
    let mut invalid = Invalid::default();
    let email = invalid.check("email", Email::parse(&input.email));
    let kind = match inviter {
        Inviter::BusinessManager(_) => OrganisationKind::Company,
        Inviter::Organiser => match OrganisationKind::parse(&input.kind) {
            Ok(k) if inviter.kinds().contains(&k) => k,
            _ => {
                invalid.add(
                    "kind",
                    Problem::Validation(ValidationError::Unknown(Field::Kind)),
                );
                OrganisationKind::Institution
            }
        },
    };
    // The inviter may invite this kind of contact at all, now.
    authorize(
        actor,
        action(kind),
        &context(edition.as_ref(), inviter.owner()),
    )?;

    let target = if !input.organisation.trim().is_empty() {
        match OrganisationId::parse(&input.organisation) {
            Ok(id) => match storage.get_organisation(id).await? {
                Some(o) if o.kind == kind => Some(Target::Existing(o)),
                Some(_) => {
                    invalid.code("organisation", "invite-organisation-kind");
                    None
                }
                None => {
                    invalid.add(
                        "organisation",
                        Problem::Validation(ValidationError::Unknown(Field::Id)),
                    );
                    None
                }
            },
            Err(e) => {
                invalid.add("organisation", Problem::Validation(e));
                None
            }
        }
    } else if !input.organisation_name.trim().is_empty() {
        match OrganisationName::parse(&input.organisation_name) {
            Ok(name) => match storage.find_organisation(kind, name.as_str()).await? {
                Some(existing) => Some(Target::Existing(existing)),
                None => Some(Target::New(name)),
            },
            Err(e) => {
                invalid.add("organisation_name", Problem::Validation(e));
                None
            }
        }
    } else {
        invalid.code("organisation", "invite-organisation-required");
        None
    };

    // A contact into an existing company: organisers may; a business manager only into a company of
    // their own pipeline. Typing the name of a company outside it is a field error, not a hint about it.
    if let (Some(Target::Existing(org)), Inviter::BusinessManager(manager)) = (&target, inviter) {
        let pipelines = storage.pipelines_of(org.id).await?;
        let owner = pipelines.contains(&manager).then_some(manager);
        let ctx = context(edition.as_ref(), owner);
        if !input.organisation.trim().is_empty() {
            authorize(actor, Action::InviteCompanyContact, &ctx)?;
        } else if authorize(actor, Action::InviteCompanyContact, &ctx).is_err() {
            invalid.code("organisation_name", "invite-company-elsewhere");
        }
    }
    invalid.finish()?;
    let (Some(email), Some(target)) = (email, target) else {
        return Err(Error::internal("invitation input checked but incomplete"));
    };
    if kind == OrganisationKind::Company && edition.is_none() {
        return Err(Error::conflict("no-current-edition"));
    }

    let role = if kind == OrganisationKind::Institution {
        Role::InstitutionMember
    } else {
        Role::CompanyMember
    };
    let existing_account = storage.find_user_by_email(&email).await?;
    let inviter_name = match user_id(actor) {
        Some(id) => storage
            .get_user(id)
            .await?
            .map(|u| u.display_name.as_str().to_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    let now = app.now();
    let mut tx = app.begin().await?;
    let created = matches!(target, Target::New(_));
    let org = match target {
        Target::Existing(org) => org,
        Target::New(name) => tx
            .create_organisation(&name, kind)
            .await
            .map_err(|e| match e {
                passerelle_storage::Error::Conflict(code) => {
                    Error::invalid("organisation_name", Problem::Code(crate::Code::new(code)))
                }
                other => other.into(),
            })?,
    };
    if kind == OrganisationKind::Company
        && let Some(edition) = &edition
    {
        // The company takes part in the current edition, brought by this inviter's organisation; a company
        // already taking part keeps the participation it has.
        match tx
            .invite_company(edition.id, org.id, inviter.owner(), user_id(actor))
            .await
        {
            Ok(()) | Err(passerelle_storage::Error::InvalidTransition(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let (invitation, token) = tx
        .create_invitation(
            &NewInvitation {
                email: email.clone(),
                organisation: org.id,
                role,
                edition: edition.as_ref().map(|e| e.id),
                invited_by: user_id(actor),
                valid_for: VALIDITY,
            },
            now,
        )
        .await?;
    let (kind_of_mail, lang) = match &existing_account {
        Some(user) => ("invitation-existing-account", Lang::of(user.locale)),
        None => ("invitation", input.lang),
    };
    let args = [
        ("inviter", inviter_name),
        ("organisation", org.name.as_str().to_string()),
        ("link", app.link(&format!("/invitation/{token}"))),
    ];
    app.enqueue_mail(&mut tx, &mail::render(kind_of_mail, &email, lang, &args))
        .await?;
    app.audit(
        &mut tx,
        actor,
        "invitation-sent",
        ("invitation", invitation.id.clone()),
        serde_json::json!({
            "organisation": org.id.to_string(),
            "role": role.as_str(),
            "new_organisation": created,
            "by": inviter.owner().map(|o| o.to_string()),
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(Invited {
        invitation,
        created_organisation: created,
    })
}
