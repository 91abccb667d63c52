//! The organisers' console: what awaits validation (submitted irritants, registered companies),
//! inviting institution and company contacts, and the domains vocabulary.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::invitations::{self, InviteInput, Inviter};
use passerelle_domain::{
    Action, Context, DomainEntry, Field, OrganisationId, OrganisationKind, ParticipationStatus,
    ShortText, Slug,
};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::features::editions;
use crate::i18n::Lang;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::CONSOLE, index)
        .post("/console/entreprises/{id}/valider", validate_company)
        .get_post(urls::CONSOLE_INVITATIONS, invite_form, invite)
        .get_post(urls::CONSOLE_DOMAINS, domains_form, save_domain)
}

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
                status: present::participation_label(ctx.lang, p.status),
            })
            .collect(),
    })
}

pub async fn validate_company(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let company = OrganisationId::parse(&id).map_err(|_| AppError::NotFound)?;
    passerelle_app::registration::validate(&state.app, &ctx.actor(), company).await?;
    ctx.flash("company-validated").await?;
    Ok(Redirect::to(urls::CONSOLE).into_response())
}

/// The invitation form, shared by organisers (institution or company contacts) and business
/// managers (companies of their pipeline, or new ones).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub kind: String,
    pub organisation: String,
    pub organisation_name: String,
    /// The language of the mail (`fr`, `en`); the inviter's by default.
    pub lang: String,
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
    pub langs: Vec<Choice>,
    pub sent: Vec<SentRow>,
}

/// The invitation page for `inviter`, with what the use case lets them choose from.
pub async fn invite_page(
    state: &AppState,
    ctx: &Ctx,
    inviter: Inviter,
    form: InviteForm,
    errors: Errors,
) -> Result<InvitePage, AppError> {
    let lang = ctx.lang;
    let choices = invitations::choices(&state.app, &ctx.actor(), inviter).await?;
    let organisations = choices
        .organisations
        .iter()
        .map(|o| {
            let value = o.id.to_string();
            Choice {
                selected: form.organisation == value,
                label: format!(
                    "{} ({})",
                    o.name.as_str(),
                    present::contact_kind_label(lang, o.kind)
                ),
                value,
            }
        })
        .collect();
    let kinds = if inviter.kinds().len() > 1 {
        inviter
            .kinds()
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_string(),
                label: present::contact_kind_label(lang, *k),
                selected: form.kind == k.as_str(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let chosen = Lang::parse(&form.lang).unwrap_or(lang);
    let langs = Lang::ALL
        .iter()
        .map(|l| Choice {
            value: l.code().to_string(),
            label: lang.t(&format!("lang-{}", l.code())),
            selected: *l == chosen,
        })
        .collect();
    let now = state.app.now();
    let sent = choices
        .sent
        .iter()
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
    let (title, action, nav) = match inviter {
        Inviter::Organiser => ("invite-title", urls::CONSOLE_INVITATIONS, "console"),
        Inviter::BusinessManager(_) => (
            "pipeline-invite-title",
            urls::PIPELINE_INVITATIONS,
            "pipeline",
        ),
    };
    Ok(InvitePage {
        page: ctx.page(title, nav),
        action: action.into(),
        form,
        errors,
        kinds,
        organisations,
        langs,
        sent,
    })
}

/// Sends an invitation through the use case; a refused form comes back filled, with its errors.
pub async fn send_invitation(
    state: &AppState,
    ctx: &Ctx,
    inviter: Inviter,
    form: InviteForm,
) -> Result<Response, AppError> {
    let input = InviteInput {
        email: form.email.clone(),
        kind: form.kind.clone(),
        organisation: form.organisation.clone(),
        organisation_name: form.organisation_name.clone(),
        lang: Lang::parse(&form.lang).unwrap_or(ctx.lang),
    };
    match invitations::invite(&state.app, &ctx.actor(), inviter, input).await {
        Ok(_) => {
            ctx.flash("invite-sent").await?;
            let back = match inviter {
                Inviter::Organiser => urls::CONSOLE_INVITATIONS,
                Inviter::BusinessManager(_) => urls::PIPELINE_INVITATIONS,
            };
            Ok(Redirect::to(back).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = invite_page(state, ctx, inviter, form, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn invite_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    invitations::authorize_form(&state.app, &ctx.actor(), Inviter::Organiser).await?;
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
    // Only organisers use this form.
    invitations::authorize_form(&state.app, &ctx.actor(), Inviter::Organiser).await?;
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
    /// The thesaurus under its top level, the domains (see `features/thesaurus.rs`).
    groups: Vec<crate::features::thesaurus::ConceptGroup>,
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
    let (entries, concepts) =
        passerelle_app::thesaurus::vocabulary(&state.app, &ctx.actor()).await?;
    let groups = crate::features::thesaurus::groups(ctx.lang, &entries, &concepts);
    let domains = entries
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
            groups,
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
    Ok(Redirect::to(urls::CONSOLE_DOMAINS).into_response())
}
