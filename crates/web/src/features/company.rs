//! The company profile editor (specialties from the domains vocabulary, references, size,
//! region, minimum budget of a project, website) and the company's registration to the current edition.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_domain::{
    Action, CompanyProfile, CompanySize, Context, Field, LongText, MinimumBudget, OrganisationId,
    Region, Role, Siret, Slug, ValidationError, WebsiteUrl,
};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::features::{catalogue, editions};
use crate::i18n::Lang;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html_status, optional};

pub fn routes() -> Routes {
    Routes::new()
        .get_post(urls::COMPANY_PROFILE, profile_form, save_profile)
        .post("/entreprise/inscription", register)
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProfileForm {
    pub company: String,
    pub description: String,
    pub specialties: Vec<String>,
    pub references: String,
    pub size: String,
    pub region: String,
    pub website: String,
    pub siret: String,
    pub budget_min: String,
}

impl ProfileForm {
    fn from_profile(p: &CompanyProfile) -> Self {
        ProfileForm {
            company: String::new(),
            description: p
                .description
                .as_ref()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            specialties: p
                .specialties
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            references: p
                .references
                .as_ref()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            size: p.size.map(|s| s.as_str().to_string()).unwrap_or_default(),
            region: p.region.map(|r| r.as_str().to_string()).unwrap_or_default(),
            website: p
                .website
                .as_ref()
                .map(|w| w.as_str().to_string())
                .unwrap_or_default(),
            siret: String::new(),
            budget_min: p
                .budget_min
                .map(|b| b.eur().to_string())
                .unwrap_or_default(),
        }
    }

    fn parse(
        &self,
        lang: Lang,
        vocabulary: &[String],
    ) -> Result<(CompanyProfile, Option<Siret>), Errors> {
        let mut errors = Errors::default();
        let mut check =
            |field: &str, e: ValidationError| validation::record(&mut errors, lang, field, &e);
        let long =
            |field: Field, raw: &str| optional(raw).map(|r| LongText::parse(field, r)).transpose();
        let description = long(Field::Description, &self.description)
            .map_err(|e| check("description", e))
            .ok()
            .flatten();
        let references = long(Field::References, &self.references)
            .map_err(|e| check("references", e))
            .ok()
            .flatten();
        let size = optional(&self.size)
            .map(CompanySize::parse)
            .transpose()
            .map_err(|e| check("size", e))
            .ok()
            .flatten();
        let region = optional(&self.region)
            .map(Region::parse)
            .transpose()
            .map_err(|e| check("region", e))
            .ok()
            .flatten();
        let website = optional(&self.website)
            .map(WebsiteUrl::parse)
            .transpose()
            .map_err(|e| check("website", e))
            .ok()
            .flatten();
        let siret = optional(&self.siret)
            .map(Siret::parse)
            .transpose()
            .map_err(|e| check("siret", e))
            .ok()
            .flatten();
        let budget_min = MinimumBudget::parse(&self.budget_min)
            .map_err(|e| check("budget_min", e))
            .ok()
            .flatten();
        let mut specialties = Vec::new();
        for raw in &self.specialties {
            match Slug::parse(raw) {
                Ok(slug) if vocabulary.iter().any(|v| v == slug.as_str()) => specialties.push(slug),
                _ => check("specialties", ValidationError::Unknown(Field::Domains)),
            }
        }
        let profile =
            CompanyProfile::new(description, specialties, references, size, region, website)
                .map(|p| p.with_budget_min(budget_min))
                .map_err(|e| check("specialties", e))
                .ok();
        match profile {
            Some(p) if errors.is_empty() => Ok((p, siret)),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "company/profile.html")]
struct ProfilePage {
    page: Page,
    company_name: String,
    company_id: String,
    companies: Vec<Choice>,
    participation: Option<String>,
    can_register: bool,
    form: ProfileForm,
    errors: Errors,
    specialties: Vec<Choice>,
    sizes: Vec<Choice>,
    regions: Vec<Choice>,
    /// Requests to join the company (single sign-on), for its members and the organisers.
    join_requests: Vec<JoinRequestView>,
    /// The company's attachments (its product sheet) with their upload form.
    attachments: Option<crate::features::attachments::Panel>,
}

pub struct JoinRequestView {
    pub user: String,
    pub name: String,
    pub email: String,
    pub siret: String,
    pub on: String,
}

#[derive(Deserialize)]
pub struct CompanyQuery {
    company: Option<String>,
    /// ProConnect's claim, offered when the company has no SIRET yet (saved only with the form).
    siret: Option<String>,
}

/// The user's companies and the one the page is about (`?company=` or the first).
async fn companies(
    state: &AppState,
    ctx: &Ctx,
    wanted: Option<&str>,
) -> Result<(Vec<(OrganisationId, String)>, OrganisationId), AppError> {
    // Without a company of their own, the policy decides (organisers may, others get 403).
    if ctx
        .user
        .as_ref()
        .is_some_and(|u| !u.has_role(Role::CompanyMember))
    {
        ctx.authorize(Action::EditCompanyProfile, None)?;
    }
    let user = ctx.require_user()?;
    let mut list = Vec::new();
    for id in user.organisations_with(Role::CompanyMember) {
        if let Some(o) = state
            .storage
            .get_organisation(id)
            .await
            .map_err(AppError::internal)?
        {
            list.push((o.id, o.name.as_str().to_string()));
        }
    }
    let chosen = match wanted.filter(|w| !w.is_empty()) {
        Some(w) => OrganisationId::parse(w).map_err(|_| AppError::Forbidden)?,
        None => list.first().map(|(id, _)| *id).ok_or(AppError::NotFound)?,
    };
    Ok((list, chosen))
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: &Ctx,
    list: &[(OrganisationId, String)],
    company: OrganisationId,
    form: ProfileForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let (entries, _) = catalogue::domain_labels(state, lang).await?;
    let specialties = entries
        .iter()
        .map(|d| Choice {
            value: d.slug.as_str().to_string(),
            label: d.label(present::locale(lang)).to_string(),
            selected: form.specialties.iter().any(|s| s == d.slug.as_str()),
        })
        .collect();
    let sizes = CompanySize::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: present::size_label(lang, *s),
            selected: form.size == s.as_str(),
        })
        .collect();
    let regions = Region::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_string(),
            label: present::region_label(lang, *r),
            selected: form.region == r.as_str(),
        })
        .collect();
    let edition = editions::current(state).await?;
    let participation = match &edition {
        Some(e) => state
            .storage
            .get_participation(e.id, company)
            .await
            .map_err(AppError::internal)?,
        None => None,
    };
    let register_context = Context {
        phase: edition.as_ref().map(|e| e.phase),
        owner: Some(company),
        ..Context::default()
    };
    let can_register = edition.is_some()
        && participation
            .as_ref()
            .is_none_or(|p| p.status == passerelle_domain::ParticipationStatus::Invited)
        && ctx.can(Action::RegisterForEdition, &register_context);
    let join_requests = passerelle_app::sso::join_requests(&state.app, &ctx.actor(), company)
        .await?
        .into_iter()
        .map(|r| JoinRequestView {
            user: r.user.id.to_string(),
            name: r.user.display_name.as_str().to_string(),
            email: r.user.email.as_str().to_string(),
            siret: r.claim.shown(),
            on: present::date(lang, r.requested_at.date()),
        })
        .collect();
    let name = list
        .iter()
        .find(|(id, _)| *id == company)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    let attachments = crate::features::attachments::panel(
        state,
        ctx,
        passerelle_app::attachments::AttachmentOwner::Company(company),
        crate::features::attachments::Mode::Edit {
            back: format!("{}#pieces", urls::company_profile(company)),
        },
    )
    .await?;
    html_status(
        status,
        ProfilePage {
            attachments,
            page: ctx.page("company-title", "company"),
            company_name: name,
            company_id: company.to_string(),
            companies: list
                .iter()
                .map(|(id, n)| Choice {
                    value: id.to_string(),
                    label: n.clone(),
                    selected: *id == company,
                })
                .collect(),
            participation: participation.map(|p| present::participation_label(lang, p.status)),
            can_register,
            form,
            errors,
            specialties,
            sizes,
            regions,
            join_requests,
        },
    )
}

pub async fn profile_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CompanyQuery>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let (list, company) = companies(&state, &ctx, q.company.as_deref()).await?;
    ctx.authorize(
        Action::EditCompanyProfile,
        Some(&Context {
            owner: Some(company),
            ..Context::default()
        }),
    )?;
    let profile = state
        .storage
        .get_company_profile(company)
        .await
        .map_err(AppError::internal)?;
    let mut form = profile
        .as_ref()
        .map(ProfileForm::from_profile)
        .unwrap_or_default();
    form.siret = match state
        .storage
        .organisation_siret(company)
        .await
        .map_err(AppError::internal)?
    {
        Some(saved) => saved.grouped(),
        None => q
            .siret
            .as_deref()
            .and_then(|s| Siret::parse(s).ok())
            .map(|s| s.grouped())
            .unwrap_or_default(),
    };
    render(
        &state,
        &ctx,
        &list,
        company,
        form,
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn save_profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ProfileForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let (list, company) = companies(&state, &ctx, Some(&form.company)).await?;
    ctx.authorize(
        Action::EditCompanyProfile,
        Some(&Context {
            owner: Some(company),
            ..Context::default()
        }),
    )?;
    let (entries, _) = catalogue::domain_labels(&state, ctx.lang).await?;
    let vocabulary: Vec<String> = entries
        .iter()
        .map(|d| d.slug.as_str().to_string())
        .collect();
    match form.parse(ctx.lang, &vocabulary) {
        Ok((profile, siret)) => {
            let mut tx = state.app.begin().await?;
            tx.save_company_profile(company, &profile)
                .await
                .map_err(AppError::internal)?;
            tx.set_organisation_siret(company, siret.as_ref())
                .await
                .map_err(AppError::internal)?;
            state.app.commit(tx).await?;
            ctx.flash("company-saved").await?;
            Ok(Redirect::to(&urls::company_profile(company)).into_response())
        }
        Err(errors) => {
            render(
                &state,
                &ctx,
                &list,
                company,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    company: String,
}

pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let (_, company) = companies(&state, &ctx, Some(&form.company)).await?;
    passerelle_app::registration::register(&state.app, &ctx.actor(), company).await?;
    ctx.flash("company-registered").await?;
    Ok(Redirect::to(&urls::company_profile(company)).into_response())
}
