//! The irritant editor and its workflow: institution members write drafts, edit them and submit
//! them (and see the organisers' comment when one comes back); organisers publish, return with a
//! comment, or archive.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_domain::{
    Action, BudgetRange, Context, DisplayName, Email, Field, IrritantContent, IrritantId,
    IrritantStatus, IrritantTitle, IrritantTransition, LongText, OrganisationId, OrganisationKind,
    Role, ShortText, Slug,
};
use passerelle_storage::{Error as StorageError, Irritant};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::features::attachments;
use crate::features::catalogue;
use crate::features::editions;
use crate::i18n::Lang;
use crate::present::urls;
use crate::present::{locale, status_label};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status, optional};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::MY_IRRITANTS, mine)
        .get_post("/irritants/nouveau", new_form, create)
        .get_post("/irritants/{id}/modifier", edit_form, update)
        .post("/irritants/{id}/soumettre", submit)
        .post("/irritants/{id}/publier", publish)
        .post("/irritants/{id}/renvoyer", send_back)
        .post("/irritants/{id}/archiver", archive)
}

/// The editor's fields as typed (re-shown as typed when something is wrong).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct IrritantForm {
    pub institution: String,
    pub title: String,
    pub context: String,
    pub problem: String,
    pub expected_result: String,
    pub budget_min: String,
    pub budget_max: String,
    pub timeline: String,
    pub domains: Vec<String>,
    pub contact_name: String,
    pub contact_email: String,
    /// The version the editor started from (edits only): saving over someone else's change is refused.
    pub version: Option<i64>,
}

impl IrritantForm {
    fn from_content(c: &IrritantContent) -> Self {
        let s = |t: Option<&str>| t.unwrap_or_default().to_string();
        IrritantForm {
            institution: String::new(),
            title: c.title.as_str().to_string(),
            context: s(c.context.as_ref().map(|t| t.as_str())),
            problem: s(c.problem.as_ref().map(|t| t.as_str())),
            expected_result: s(c.expected_result.as_ref().map(|t| t.as_str())),
            budget_min: c
                .budget
                .and_then(|b| b.min_eur())
                .map(|v| v.to_string())
                .unwrap_or_default(),
            budget_max: c
                .budget
                .and_then(|b| b.max_eur())
                .map(|v| v.to_string())
                .unwrap_or_default(),
            timeline: s(c.timeline.as_ref().map(|t| t.as_str())),
            domains: c.domains.iter().map(|d| d.as_str().to_string()).collect(),
            contact_name: s(c.contact_name.as_ref().map(|t| t.as_str())),
            contact_email: s(c.contact_email.as_ref().map(|t| t.as_str())),
            version: None,
        }
    }

    /// Validates every field, collecting every error (not only the first).
    fn parse(&self, lang: Lang, vocabulary: &[String]) -> Result<IrritantContent, Errors> {
        let mut errors = Errors::default();
        let mut check = |field: &str, e: passerelle_domain::ValidationError| {
            validation::record(&mut errors, lang, field, &e)
        };
        let title = IrritantTitle::parse(&self.title)
            .map_err(|e| check("title", e))
            .ok();
        let long =
            |field: Field, raw: &str| optional(raw).map(|r| LongText::parse(field, r)).transpose();
        let context = long(Field::Context, &self.context)
            .map_err(|e| check("context", e))
            .ok()
            .flatten();
        let problem = long(Field::Problem, &self.problem)
            .map_err(|e| check("problem", e))
            .ok()
            .flatten();
        let expected_result = long(Field::ExpectedResult, &self.expected_result)
            .map_err(|e| check("expected_result", e))
            .ok()
            .flatten();
        let budget = if optional(&self.budget_min).is_none() && optional(&self.budget_max).is_none()
        {
            None
        } else {
            BudgetRange::parse(&self.budget_min, &self.budget_max)
                .map_err(|e| check("budget", e))
                .ok()
        };
        let timeline = optional(&self.timeline)
            .map(|t| ShortText::parse(Field::Timeline, t))
            .transpose()
            .map_err(|e| check("timeline", e))
            .ok()
            .flatten();
        let contact_name = optional(&self.contact_name)
            .map(DisplayName::parse)
            .transpose()
            .map_err(|e| check("contact_name", e))
            .ok()
            .flatten();
        let contact_email = optional(&self.contact_email)
            .map(Email::parse)
            .transpose()
            .map_err(|e| check("contact_email", e))
            .ok()
            .flatten();
        let mut domains = Vec::new();
        for raw in &self.domains {
            match Slug::parse(raw) {
                Ok(slug) if vocabulary.iter().any(|v| v == slug.as_str()) => domains.push(slug),
                _ => check(
                    "domains",
                    passerelle_domain::ValidationError::Unknown(Field::Domains),
                ),
            }
        }
        let Some(title) = title else {
            return Err(errors);
        };
        let mut content = IrritantContent::new(title);
        content.context = context;
        content.problem = problem;
        content.expected_result = expected_result;
        content.budget = budget;
        content.timeline = timeline;
        content.contact_name = contact_name;
        content.contact_email = contact_email;
        let content = content
            .with_domains(domains)
            .map_err(|e| check("domains", e))
            .ok();
        match content {
            Some(c) if errors.is_empty() => Ok(c),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "irritants/form.html")]
struct FormPage {
    page: Page,
    action: String,
    form: IrritantForm,
    errors: Errors,
    institutions: Vec<Choice>,
    domains: Vec<Choice>,
    return_comment: Option<String>,
    /// The irritant's attachments with their upload form (once it exists).
    attachments: Option<attachments::Panel>,
}

async fn domain_choices(
    state: &AppState,
    lang: Lang,
    selected: &[String],
) -> Result<(Vec<Choice>, Vec<String>), AppError> {
    let (entries, _) = catalogue::domain_labels(state, lang).await?;
    let choices = entries
        .iter()
        .map(|d| Choice {
            value: d.slug.as_str().to_string(),
            label: d.label(locale(lang)).to_string(),
            selected: selected.iter().any(|s| s == d.slug.as_str()),
        })
        .collect();
    Ok((
        choices,
        entries
            .iter()
            .map(|d| d.slug.as_str().to_string())
            .collect(),
    ))
}

/// The institutions the user may write for: their own, or (organisers) every institution and the agency.
async fn writable_institutions(
    state: &AppState,
    ctx: &Ctx,
) -> Result<Vec<(OrganisationId, String)>, AppError> {
    let user = ctx.require_user()?;
    let mut out = Vec::new();
    if user.has_role(Role::Organiser) {
        for kind in [OrganisationKind::Institution, OrganisationKind::Agency] {
            for o in state
                .storage
                .list_organisations(Some(kind))
                .await
                .map_err(AppError::internal)?
            {
                out.push((o.id, o.name.as_str().to_string()));
            }
        }
    } else {
        for id in user.organisations_with(Role::InstitutionMember) {
            if let Some(o) = state
                .storage
                .get_organisation(id)
                .await
                .map_err(AppError::internal)?
            {
                out.push((o.id, o.name.as_str().to_string()));
            }
        }
    }
    Ok(out)
}

fn institution_choices(
    list: &[(OrganisationId, String)],
    selected: Option<OrganisationId>,
) -> Vec<Choice> {
    list.iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name.clone(),
            selected: Some(*id) == selected,
        })
        .collect()
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let edition = editions::current(&state).await?;
    let institutions = writable_institutions(&state, &ctx).await?;
    let owner = institutions.first().map(|(id, _)| *id);
    ctx.authorize(
        Action::CreateIrritant,
        Some(&Context {
            phase: edition.as_ref().map(|e| e.phase),
            owner,
            ..Context::default()
        }),
    )?;
    let (domains, _) = domain_choices(&state, ctx.lang, &[]).await?;
    html(FormPage {
        page: ctx.page("editor-new-title", "mine"),
        action: "/irritants/nouveau".into(),
        form: IrritantForm::default(),
        errors: Errors::default(),
        institutions: institution_choices(&institutions, owner),
        domains,
        return_comment: None,
        attachments: None,
    })
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<IrritantForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let edition = editions::current(&state).await?;
    let institutions = writable_institutions(&state, &ctx).await?;
    // The chosen institution must be one of the user's (the policy checks it too).
    let owner = if form.institution.is_empty() {
        institutions.first().map(|(id, _)| *id)
    } else {
        OrganisationId::parse(&form.institution).ok()
    };
    ctx.authorize(
        Action::CreateIrritant,
        Some(&Context {
            phase: edition.as_ref().map(|e| e.phase),
            owner,
            ..Context::default()
        }),
    )?;
    let (Some(edition), Some(owner)) = (edition, owner) else {
        return Err(AppError::Forbidden);
    };
    if !institutions.iter().any(|(id, _)| *id == owner) {
        return Err(AppError::Forbidden);
    }
    let (domains, vocabulary) = domain_choices(&state, ctx.lang, &form.domains).await?;
    let content = match form.parse(ctx.lang, &vocabulary) {
        Ok(c) => c,
        Err(errors) => {
            return html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                FormPage {
                    page: ctx.page("editor-new-title", "mine"),
                    action: "/irritants/nouveau".into(),
                    institutions: institution_choices(&institutions, Some(owner)),
                    form,
                    errors,
                    domains,
                    return_comment: None,
                    attachments: None,
                },
            );
        }
    };
    let irritant = state
        .storage
        .create_irritant(edition.id, owner, Some(user.id), &content)
        .await
        .map_err(AppError::internal)?;
    ctx.flash("irritant-saved").await?;
    Ok(Redirect::to(&format!("/irritants/{}", irritant.id)).into_response())
}

fn last_return_comment(events: &[passerelle_storage::IrritantEvent]) -> Option<String> {
    events
        .iter()
        .rev()
        .find(|e| e.to == IrritantStatus::Returned)
        .and_then(|e| e.comment.as_ref())
        .map(|c| c.as_str().to_string())
}

async fn return_comment(state: &AppState, irritant: &Irritant) -> Result<Option<String>, AppError> {
    if irritant.status != IrritantStatus::Returned {
        return Ok(None);
    }
    let events = state
        .storage
        .irritant_events(irritant.id)
        .await
        .map_err(AppError::internal)?;
    Ok(last_return_comment(&events))
}

/// The attachments' panel of the edit page (its forms come back to the page).
async fn edit_panel(
    state: &AppState,
    ctx: &Ctx,
    id: IrritantId,
) -> Result<Option<attachments::Panel>, AppError> {
    attachments::panel(
        state,
        ctx,
        passerelle_app::attachments::AttachmentOwner::Irritant(id),
        attachments::Mode::Edit {
            back: format!("/irritants/{id}/modifier#pieces"),
        },
    )
    .await
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (irritant, context) = catalogue::load(&state, &id).await?;
    ctx.authorize(Action::EditIrritant, Some(&context))?;
    let form = IrritantForm {
        version: Some(
            state
                .storage
                .irritant_version(irritant.id)
                .await
                .map_err(AppError::internal)?,
        ),
        ..IrritantForm::from_content(&irritant.content)
    };
    let (domains, _) = domain_choices(&state, ctx.lang, &form.domains).await?;
    html(FormPage {
        page: ctx.page("editor-edit-title", "mine"),
        action: format!("/irritants/{}/modifier", irritant.id),
        form,
        errors: Errors::default(),
        institutions: Vec::new(),
        domains,
        return_comment: return_comment(&state, &irritant).await?,
        attachments: edit_panel(&state, &ctx, irritant.id).await?,
    })
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<IrritantForm>,
) -> Result<Response, AppError> {
    let (irritant, context) = catalogue::load(&state, &id).await?;
    ctx.authorize(Action::EditIrritant, Some(&context))?;
    let (domains, vocabulary) = domain_choices(&state, ctx.lang, &form.domains).await?;
    let content = match form.parse(ctx.lang, &vocabulary) {
        Ok(c) => c,
        Err(errors) => {
            return html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                FormPage {
                    page: ctx.page("editor-edit-title", "mine"),
                    action: format!("/irritants/{}/modifier", irritant.id),
                    form,
                    errors,
                    institutions: Vec::new(),
                    domains,
                    return_comment: return_comment(&state, &irritant).await?,
                    attachments: edit_panel(&state, &ctx, irritant.id).await?,
                },
            );
        }
    };
    let user = ctx.require_user()?;
    match state
        .storage
        .update_irritant_from(irritant.id, &content, Some(user.id), form.version)
        .await
    {
        Ok(_) => {}
        // Someone saved this fiche since the form was opened: their text stays, this one comes back
        // as typed with the news, and a second save (now from the current version) is deliberate.
        Err(StorageError::Conflict("edited-meanwhile")) => {
            let mut errors = Errors::default();
            errors.add("title", ctx.lang.t("irritant-edited-meanwhile"));
            let version = state
                .storage
                .irritant_version(irritant.id)
                .await
                .map_err(AppError::internal)?;
            return html_status(
                StatusCode::CONFLICT,
                FormPage {
                    page: ctx.page("editor-edit-title", "mine"),
                    action: format!("/irritants/{}/modifier", irritant.id),
                    form: IrritantForm {
                        version: Some(version),
                        ..form
                    },
                    errors,
                    institutions: Vec::new(),
                    domains,
                    return_comment: return_comment(&state, &irritant).await?,
                    attachments: edit_panel(&state, &ctx, irritant.id).await?,
                },
            );
        }
        Err(StorageError::InvalidTransition(_) | StorageError::Conflict(_)) => {
            return Err(AppError::Conflict);
        }
        Err(e) => return Err(AppError::internal(e)),
    }
    ctx.flash("irritant-saved").await?;
    Ok(Redirect::to(&format!("/irritants/{}", irritant.id)).into_response())
}

/// Applies a workflow move through the use case; an incomplete fiche goes back to the fiche page
/// with the list of what is missing.
async fn move_irritant(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    transition: IrritantTransition,
    comment: Option<&LongText>,
    done_key: &str,
) -> Result<Response, AppError> {
    let id = IrritantId::parse(id).map_err(|_| AppError::NotFound)?;
    match passerelle_app::irritants::transition(&state.app, &ctx.actor(), id, transition, comment)
        .await
    {
        Ok(_) => ctx.flash(done_key).await?,
        Err(passerelle_app::Error::Invalid(_)) => ctx.flash("irritant-incomplete").await?,
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&urls::irritant(id)).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    move_irritant(
        &state,
        &ctx,
        &id,
        IrritantTransition::Submit,
        None,
        "irritant-submitted",
    )
    .await
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    move_irritant(
        &state,
        &ctx,
        &id,
        IrritantTransition::Publish,
        None,
        "irritant-published",
    )
    .await
}

pub async fn archive(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    move_irritant(
        &state,
        &ctx,
        &id,
        IrritantTransition::Archive,
        None,
        "irritant-archived",
    )
    .await
}

#[derive(Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    comment: String,
}

pub async fn send_back(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ReturnForm>,
) -> Result<Response, AppError> {
    let (irritant, context) = catalogue::load(&state, &id).await?;
    ctx.authorize(Action::ReturnIrritant, Some(&context))?;
    match LongText::parse(Field::Comment, &form.comment) {
        Ok(comment) => {
            move_irritant(
                &state,
                &ctx,
                &id,
                IrritantTransition::Return,
                Some(&comment),
                "irritant-returned",
            )
            .await
        }
        Err(e) => {
            let mut page = catalogue::fiche_page(&state, &ctx, &irritant, &context).await?;
            validation::record(&mut page.errors, ctx.lang, "comment", &e);
            page.comment = form.comment;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
    }
}

pub struct Row {
    pub id: String,
    pub title: String,
    pub institution: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "irritants/mine.html")]
struct MinePage {
    page: Page,
    rows: Vec<Row>,
    can_create: bool,
}

pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let institutions = user.organisations_with(Role::InstitutionMember);
    let edition = editions::current(&state).await?;
    let phase = edition.as_ref().map(|e| e.phase);
    // Seeing one's institution's unpublished irritants is what this page is about.
    let first = institutions.first().copied();
    ctx.authorize(
        Action::ViewIrritant,
        Some(&Context {
            phase,
            owner: first,
            irritant_status: Some(IrritantStatus::Draft),
            ..Context::default()
        }),
    )?;
    let mut rows = Vec::new();
    for org in &institutions {
        for i in state
            .storage
            .list_irritants_by_organisation(*org)
            .await
            .map_err(AppError::internal)?
        {
            rows.push(Row {
                id: i.id.to_string(),
                title: i.content.title.as_str().to_string(),
                institution: i.institution.name.as_str().to_string(),
                status: status_label(ctx.lang, i.status),
            });
        }
    }
    let can_create = ctx.can(
        Action::CreateIrritant,
        &Context {
            phase,
            owner: first,
            ..Context::default()
        },
    );
    html(MinePage {
        page: ctx.page("mine-title", "mine"),
        rows,
        can_create,
    })
}
