//! The organisers' console: what awaits validation (submitted irritants, registered companies),
//! inviting institution and company contacts, and the domains vocabulary.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_domain::{
    Action, Context, DomainEntry, Email, Field, OrganisationId, OrganisationKind, OrganisationName,
    ParticipationStatus, Role, ShortText, Slug,
};
use passerelle_storage::{Error as StorageError, NewInvitation};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::features::account::INVITATION_VALIDITY;
use crate::features::editions;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status, optional};

pub struct SubmittedRow {
    pub id: String,
    pub title: String,
    pub institution: String,
}

pub struct CompanyRow {
    pub id: String,
    pub name: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "console/index.html")]
struct ConsolePage {
    page: Page,
    submitted: Vec<SubmittedRow>,
    companies: Vec<CompanyRow>,
}

fn edition_context(edition: Option<&passerelle_storage::Edition>) -> Context {
    Context {
        phase: edition.map(|e| e.phase),
        ..Context::default()
    }
}

pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let edition = editions::current(&state).await?;
    ctx.authorize(
        Action::ViewConsole,
        Some(&edition_context(edition.as_ref())),
    )?;
    let (submitted, companies) = match &edition {
        Some(e) => {
            let submitted = state
                .storage
                .list_awaiting_validation(e.id)
                .await
                .map_err(AppError::internal)?;
            let registered = state
                .storage
                .list_participations(e.id, Some(ParticipationStatus::Registered))
                .await
                .map_err(AppError::internal)?;
            (submitted, registered)
        }
        None => (Vec::new(), Vec::new()),
    };
    html(ConsolePage {
        page: ctx.page("console-title", "console"),
        submitted: submitted
            .iter()
            .map(|i| SubmittedRow {
                id: i.id.to_string(),
                title: i.content.title.as_str().to_string(),
                institution: i.institution.name.as_str().to_string(),
            })
            .collect(),
        companies: companies
            .iter()
            .map(|p| CompanyRow {
                id: p.company.id.to_string(),
                name: p.company.name.as_str().to_string(),
                status: ctx.lang.t(&format!("participation-{}", p.status.as_str())),
            })
            .collect(),
    })
}

pub async fn validate_company(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let edition = editions::current(&state).await?;
    let company = OrganisationId::parse(&id).map_err(|_| AppError::NotFound)?;
    ctx.authorize(
        Action::ValidateCompany,
        Some(&Context {
            owner: Some(company),
            ..edition_context(edition.as_ref())
        }),
    )?;
    let edition = edition.ok_or(AppError::NotFound)?;
    let user = ctx.require_user()?;
    match state
        .storage
        .validate_participation(edition.id, company, Some(user.id))
        .await
    {
        Ok(_) => ctx.flash("company-validated").await?,
        Err(StorageError::NotFound) => return Err(AppError::NotFound),
        Err(StorageError::InvalidTransition(_)) => return Err(AppError::Conflict),
        Err(e) => return Err(AppError::internal(e)),
    }
    Ok(Redirect::to("/console").into_response())
}

/// The invitation form, shared by organisers (institution or company contacts) and business
/// managers (companies only).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub kind: String,
    pub organisation: String,
    pub organisation_name: String,
}

pub struct SentRow {
    pub email: String,
    pub organisation: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "console/invite.html")]
pub struct InvitePage {
    pub page: Page,
    pub action: String,
    pub form: InviteForm,
    pub errors: Errors,
    pub kinds: Vec<Choice>,
    pub organisations: Vec<Choice>,
    pub sent: Vec<SentRow>,
}

/// Who is inviting, which decides what they may invite.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Inviter {
    Organiser,
    /// A business manager of this incubator or cluster.
    BusinessManager(OrganisationId),
}

impl Inviter {
    fn kinds(self) -> &'static [OrganisationKind] {
        match self {
            Inviter::Organiser => &[OrganisationKind::Institution, OrganisationKind::Company],
            Inviter::BusinessManager(_) => &[OrganisationKind::Company],
        }
    }
}

fn kind_label(lang: Lang, kind: OrganisationKind) -> String {
    match kind {
        OrganisationKind::Institution => lang.t("invite-kind-institution"),
        _ => lang.t("invite-kind-company"),
    }
}

pub async fn invite_page(
    state: &AppState,
    ctx: &Ctx,
    inviter: Inviter,
    form: InviteForm,
    errors: Errors,
) -> Result<InvitePage, AppError> {
    let lang = ctx.lang;
    let mut organisations = Vec::new();
    for kind in inviter.kinds() {
        for o in state
            .storage
            .list_organisations(Some(*kind))
            .await
            .map_err(AppError::internal)?
        {
            let value = o.id.to_string();
            organisations.push(Choice {
                selected: form.organisation == value,
                label: format!("{} ({})", o.name.as_str(), kind_label(lang, *kind)),
                value,
            });
        }
    }
    let kinds = if inviter.kinds().len() > 1 {
        inviter
            .kinds()
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_string(),
                label: kind_label(lang, *k),
                selected: form.kind == k.as_str(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let invitations = match inviter {
        Inviter::Organiser => state
            .storage
            .list_invitations(None)
            .await
            .map_err(AppError::internal)?,
        Inviter::BusinessManager(_) => {
            let me = ctx.require_user()?.id;
            let all = state
                .storage
                .list_invitations(None)
                .await
                .map_err(AppError::internal)?;
            all.into_iter()
                .filter(|i| i.invited_by == Some(me))
                .collect()
        }
    };
    let now = OffsetDateTime::now_utc();
    let sent = invitations
        .iter()
        .take(50)
        .map(|i| SentRow {
            email: i.email.as_str().to_string(),
            organisation: i.organisation.name.as_str().to_string(),
            status: lang.t(if i.used_at.is_some() {
                "invitation-status-accepted"
            } else if i.expires_at <= now {
                "invitation-status-expired"
            } else {
                "invitation-status-pending"
            }),
        })
        .collect();
    let (title, action) = match inviter {
        Inviter::Organiser => ("invite-title", "/console/invitations"),
        Inviter::BusinessManager(_) => ("pipeline-invite-title", "/pipeline/invitations"),
    };
    let nav = if inviter == Inviter::Organiser {
        "console"
    } else {
        "pipeline"
    };
    Ok(InvitePage {
        page: ctx.page(title, nav),
        action: action.into(),
        form,
        errors,
        kinds,
        organisations,
        sent,
    })
}

/// Validates and sends an invitation. Everything is checked before anything is written; a new
/// company is created with its participation and invitation in one transaction.
pub async fn send_invitation(
    state: &AppState,
    ctx: &Ctx,
    inviter: Inviter,
    form: InviteForm,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let user = ctx.require_user()?.clone();
    let edition = editions::current(state).await?;
    let mut errors = Errors::default();
    let email = Email::parse(&form.email)
        .map_err(|e| validation::record(&mut errors, lang, "email", &e))
        .ok();
    let kind = match inviter {
        Inviter::BusinessManager(_) => OrganisationKind::Company,
        Inviter::Organiser => match OrganisationKind::parse(&form.kind) {
            Ok(k) if inviter.kinds().contains(&k) => k,
            _ => {
                validation::record(
                    &mut errors,
                    lang,
                    "kind",
                    &passerelle_domain::ValidationError::Unknown(Field::Kind),
                );
                OrganisationKind::Institution
            }
        },
    };
    // An existing organisation, or the name of a new one.
    enum Target {
        Existing(passerelle_storage::Organisation),
        New(OrganisationName),
    }
    let target = if let Some(id) = optional(&form.organisation) {
        match OrganisationId::parse(id.trim()) {
            Ok(id) => match state
                .storage
                .get_organisation(id)
                .await
                .map_err(AppError::internal)?
            {
                Some(o) if o.kind == kind => Some(Target::Existing(o)),
                Some(_) => {
                    errors.add("organisation", lang.t("invite-organisation-kind"));
                    None
                }
                None => {
                    validation::record(
                        &mut errors,
                        lang,
                        "organisation",
                        &passerelle_domain::ValidationError::Unknown(Field::Id),
                    );
                    None
                }
            },
            Err(e) => {
                validation::record(&mut errors, lang, "organisation", &e);
                None
            }
        }
    } else if optional(&form.organisation_name).is_some() {
        match OrganisationName::parse(&form.organisation_name) {
            Ok(name) => match state
                .storage
                .find_organisation(kind, name.as_str())
                .await
                .map_err(AppError::internal)?
            {
                Some(existing) => Some(Target::Existing(existing)),
                None => Some(Target::New(name)),
            },
            Err(e) => {
                validation::record(&mut errors, lang, "organisation_name", &e);
                None
            }
        }
    } else {
        errors.add("organisation", lang.t("invite-organisation-required"));
        None
    };
    let action = match kind {
        OrganisationKind::Institution => Action::InviteInstitutionContact,
        _ => Action::InviteCompany,
    };
    let owner = match inviter {
        Inviter::BusinessManager(org) => Some(org),
        Inviter::Organiser => None,
    };
    ctx.authorize(
        action,
        Some(&Context {
            phase: edition.as_ref().map(|e| e.phase),
            owner,
            irritant_status: None,
        }),
    )?;
    if let Some(email) = &email
        && state
            .storage
            .find_user_by_email(email)
            .await
            .map_err(AppError::internal)?
            .is_some()
    {
        errors.add("email", lang.t("invitation-email-taken"));
    }
    let (Some(email), Some(target), true) = (email, target, errors.is_empty()) else {
        let page = invite_page(state, ctx, inviter, form, errors).await?;
        return html_status(StatusCode::UNPROCESSABLE_ENTITY, page);
    };
    let role = if kind == OrganisationKind::Institution {
        Role::InstitutionMember
    } else {
        Role::CompanyMember
    };
    let now = OffsetDateTime::now_utc();
    let by_org = match inviter {
        Inviter::BusinessManager(org) => Some(org),
        Inviter::Organiser => None,
    };
    let edition_id = edition.as_ref().map(|e| e.id);
    let result = match target {
        Target::New(name) if kind == OrganisationKind::Company => {
            let edition_id = edition_id.ok_or(AppError::Conflict)?;
            state
                .storage
                .invite_new_company(
                    edition_id,
                    &name,
                    &email,
                    by_org,
                    Some(user.id),
                    INVITATION_VALIDITY,
                    now,
                )
                .await
                .map(|(_, invitation, token)| (invitation, token))
        }
        Target::New(name) => {
            state
                .storage
                .invite_to_new_organisation(
                    &name,
                    kind,
                    &email,
                    role,
                    edition_id,
                    Some(user.id),
                    INVITATION_VALIDITY,
                    now,
                )
                .await
        }
        Target::Existing(org) => {
            if kind == OrganisationKind::Company
                && let Some(edition_id) = edition_id
            {
                // Invite the company to the edition unless it already takes part.
                match state
                    .storage
                    .invite_company(edition_id, org.id, by_org, Some(user.id))
                    .await
                {
                    Ok(_) | Err(StorageError::InvalidTransition(_)) => {}
                    Err(e) => return Err(AppError::internal(e)),
                }
            }
            let new = NewInvitation {
                email: email.clone(),
                organisation: org.id,
                role,
                edition: edition_id,
                invited_by: Some(user.id),
                valid_for: INVITATION_VALIDITY,
            };
            state.storage.create_invitation(&new, now).await
        }
    };
    let (invitation, token) = match result {
        Ok(ok) => ok,
        Err(StorageError::Conflict(_)) => {
            errors.add("email", lang.t("invitation-email-taken"));
            let page = invite_page(state, ctx, inviter, form, errors).await?;
            return html_status(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
        Err(e) => return Err(AppError::internal(e)),
    };
    let link = format!("{}/invitation/{token}", state.config.base_url);
    let body = lang.t_args(
        "invitation-mail-body",
        &[
            ("inviter", user.name.clone()),
            (
                "organisation",
                invitation.organisation.name.as_str().to_string(),
            ),
            ("link", link),
        ],
    );
    if let Err(e) = state
        .mailer
        .send(email.as_str(), &lang.t("invitation-mail-subject"), body)
        .await
    {
        tracing::error!(error = %e, "invitation mail not sent");
        let mut errors = Errors::default();
        errors.add("email", lang.t("invite-mail-failed"));
        let page = invite_page(state, ctx, inviter, form, errors).await?;
        return html_status(StatusCode::BAD_GATEWAY, page);
    }
    ctx.flash("invite-sent").await?;
    let back = match inviter {
        Inviter::Organiser => "/console/invitations",
        Inviter::BusinessManager(_) => "/pipeline/invitations",
    };
    Ok(Redirect::to(back).into_response())
}

pub async fn invite_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let edition = editions::current(&state).await?;
    ctx.authorize(
        Action::InviteInstitutionContact,
        Some(&edition_context(edition.as_ref())),
    )?;
    let form = InviteForm {
        kind: OrganisationKind::Institution.as_str().into(),
        ..InviteForm::default()
    };
    html(invite_page(&state, &ctx, Inviter::Organiser, form, Errors::default()).await?)
}

pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let edition = editions::current(&state).await?;
    // Only organisers use this form; the action's own check follows once the kind is known.
    ctx.authorize(
        Action::InviteInstitutionContact,
        Some(&edition_context(edition.as_ref())),
    )?;
    send_invitation(&state, &ctx, Inviter::Organiser, form).await
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct DomainForm {
    pub slug: String,
    pub label_fr: String,
    pub label_en: String,
}

pub struct DomainRow {
    pub slug: String,
    pub label_fr: String,
    pub label_en: String,
}

#[derive(Template)]
#[template(path = "console/domains.html")]
struct DomainsPage {
    page: Page,
    domains: Vec<DomainRow>,
    form: DomainForm,
    errors: Errors,
}

async fn domains_page(
    state: &AppState,
    ctx: &Ctx,
    form: DomainForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let domains = state
        .storage
        .list_domains()
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .map(|d| DomainRow {
            slug: d.slug.as_str().to_string(),
            label_fr: d.label_fr.as_str().to_string(),
            label_en: d.label_en.as_str().to_string(),
        })
        .collect();
    html_status(
        status,
        DomainsPage {
            page: ctx.page("domains-title", "console"),
            domains,
            form,
            errors,
        },
    )
}

pub async fn domains_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.authorize(Action::EditVocabulary, None)?;
    domains_page(
        &state,
        &ctx,
        DomainForm::default(),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn save_domain(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DomainForm>,
) -> Result<Response, AppError> {
    ctx.authorize(Action::EditVocabulary, None)?;
    let lang = ctx.lang;
    let mut errors = Errors::default();
    if let Err(e) = Slug::parse(&form.slug) {
        validation::record(&mut errors, lang, "slug", &e);
    }
    if let Err(e) = ShortText::parse(Field::Label, &form.label_fr) {
        validation::record(&mut errors, lang, "label_fr", &e);
    }
    if let Err(e) = ShortText::parse(Field::Label, &form.label_en) {
        validation::record(&mut errors, lang, "label_en", &e);
    }
    let entry = if errors.is_empty() {
        DomainEntry::parse(&form.slug, &form.label_fr, &form.label_en)
            .map_err(|e| validation::record(&mut errors, lang, "slug", &e))
            .ok()
    } else {
        None
    };
    let Some(entry) = entry else {
        return domains_page(&state, &ctx, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    state
        .storage
        .upsert_domain(&entry)
        .await
        .map_err(AppError::internal)?;
    ctx.flash("domain-saved").await?;
    Ok(Redirect::to("/console/domaines").into_response())
}
