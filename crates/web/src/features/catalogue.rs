//! The public catalogue of the current edition's published irritants, and each irritant's fiche
//! (with its workflow buttons for those allowed to use them).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use passerelle_domain::{
    Action, Context, DomainEntry, IrritantId, IrritantStatus, OrganisationId, Slug,
};
use passerelle_storage::{Irritant, IrritantFilter};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::present::date as format_date;
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Choice, Errors, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get(crate::present::urls::CATALOGUE, list)
        .get("/irritants/{id}", fiche)
}

pub struct Card {
    pub id: String,
    pub title: String,
    pub institution: String,
    pub summary: String,
    pub domains: Vec<String>,
    /// The link to its PDF fiche (with the size once rendered).
    pub pdf: String,
}

#[derive(Template)]
#[template(path = "catalogue/list.html")]
struct ListPage {
    page: Page,
    edition_name: Option<String>,
    /// The edition shown when it is not the current one (its slug, kept by the filters).
    edition_slug: Option<String>,
    /// The shown edition's public results.
    results: Option<String>,
    /// The other editions' catalogues: (slug, title, results).
    others: Vec<(String, String, String)>,
    domains: Vec<Choice>,
    institutions: Vec<Choice>,
    filtered: bool,
    count: i64,
    irritants: Vec<Card>,
}

#[derive(Deserialize)]
pub struct Filters {
    domaine: Option<String>,
    etablissement: Option<String>,
    /// An edition's slug: a past edition's catalogue stays public.
    edition: Option<String>,
}

use crate::present::locale;

/// Labels of the vocabulary's domains in the reader's language.
pub async fn domain_labels(
    state: &AppState,
    lang: Lang,
) -> Result<(Vec<DomainEntry>, HashMap<String, String>), AppError> {
    let entries = state
        .storage
        .list_domains()
        .await
        .map_err(AppError::internal)?;
    let labels = entries
        .iter()
        .map(|d| {
            (
                d.slug.as_str().to_string(),
                d.label(locale(lang)).to_string(),
            )
        })
        .collect();
    Ok((entries, labels))
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    ctx.authorize(Action::ViewCatalogue, None)?;
    let (entries, labels) = domain_labels(&state, ctx.lang).await?;
    let domain = filters
        .domaine
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(|s| Slug::parse(s).ok());
    let institution = filters
        .etablissement
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(|s| OrganisationId::parse(s).ok());
    let current = crate::features::editions::current(&state).await?;
    let wanted = match filters.edition.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => state
            .storage
            .edition_by_slug(slug)
            .await
            .map_err(AppError::internal)?
            .filter(|e| e.phase != passerelle_domain::Phase::Draft),
        None => None,
    };
    let edition = wanted.clone().or(current.clone());
    let others = state
        .storage
        .list_editions()
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .filter(|e| {
            e.phase != passerelle_domain::Phase::Draft
                && Some(e.id) != edition.as_ref().map(|x| x.id)
        })
        .map(|e| {
            (
                e.slug.as_str().to_string(),
                e.title.as_str().to_string(),
                crate::present::urls::edition_results(e.slug.as_str()),
            )
        })
        .collect();
    let sizes = match &edition {
        Some(e) => passerelle_app::documents::catalogue_sizes(&state.app, e.id, ctx.lang).await?,
        None => Default::default(),
    };
    let (irritants, institutions) = match &edition {
        Some(edition) => {
            let filter = IrritantFilter {
                domain: domain.clone(),
                institution,
                ..IrritantFilter::public(edition.id)
            };
            let irritants = state
                .storage
                .list_irritants(&filter)
                .await
                .map_err(AppError::internal)?;
            let institutions = state
                .storage
                .catalogue_institutions(edition.id)
                .await
                .map_err(AppError::internal)?;
            (irritants, institutions)
        }
        None => (Vec::new(), Vec::new()),
    };
    let cards: Vec<Card> = irritants
        .iter()
        .map(|i| Card {
            id: i.id.to_string(),
            title: i.content.title.as_str().to_string(),
            institution: i.institution.name.as_str().to_string(),
            summary: crate::present::summary(
                i.content
                    .problem
                    .as_ref()
                    .or(i.content.context.as_ref())
                    .map(|t| t.as_str())
                    .unwrap_or_default(),
            ),
            domains: i
                .content
                .domains
                .iter()
                .map(|s| {
                    labels
                        .get(s.as_str())
                        .cloned()
                        .unwrap_or_else(|| s.as_str().to_string())
                })
                .collect(),
            pdf: crate::features::documents::fiche_link(ctx.lang, sizes.get(&i.id).copied()),
        })
        .collect();
    let domains = entries
        .iter()
        .map(|d| Choice {
            value: d.slug.as_str().to_string(),
            label: d.label(locale(ctx.lang)).to_string(),
            selected: domain.as_ref() == Some(&d.slug),
        })
        .collect();
    let institutions = institutions
        .iter()
        .map(|o| Choice {
            value: o.id.to_string(),
            label: o.name.as_str().to_string(),
            selected: institution == Some(o.id),
        })
        .collect();
    html(ListPage {
        page: ctx.page("catalogue-title", "catalogue"),
        edition_name: edition.as_ref().map(|e| e.title.as_str().to_string()),
        results: edition
            .as_ref()
            .map(|e| crate::present::urls::edition_results(e.slug.as_str())),
        edition_slug: wanted
            .filter(|w| Some(w.id) != current.as_ref().map(|c| c.id))
            .map(|w| w.slug.as_str().to_string()),
        others,
        domains,
        institutions,
        filtered: domain.is_some() || institution.is_some(),
        count: cards.len() as i64,
        irritants: cards,
    })
}

/// An irritant as its fiche shows it.
pub struct FicheView {
    pub id: String,
    pub title: String,
    pub institution: String,
    pub edition: String,
    pub status: String,
    pub demo: bool,
    pub context: String,
    pub problem: String,
    pub expected_result: String,
    pub budget: String,
    pub timeline: String,
    pub domains: String,
    pub contact: String,
    pub return_comment: Option<String>,
}

#[derive(Template)]
#[template(path = "catalogue/fiche.html")]
pub struct FichePage {
    pub page: Page,
    pub f: FicheView,
    pub show_status: bool,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_publish: bool,
    pub can_return: bool,
    pub can_archive: bool,
    /// The irritant's recommended companies and its wishes (its institution, the organisers).
    pub can_recommend: bool,
    pub missing: Vec<String>,
    pub history: Vec<String>,
    pub errors: Errors,
    pub comment: String,
    /// The link to the PDF fiche (with its size once rendered).
    pub pdf: String,
    /// The attachments' links (none shown when there is none to read or add).
    pub attachments: Option<crate::features::attachments::Panel>,
}

/// Loads an irritant and the authorization context of actions on it; unknown ids are 404.
pub async fn load(state: &AppState, id: &str) -> Result<(Irritant, Context), AppError> {
    let id = IrritantId::parse(id).map_err(|_| AppError::NotFound)?;
    let irritant = state
        .storage
        .get_irritant(id)
        .await
        .map_err(AppError::internal)?
        .ok_or(AppError::NotFound)?;
    let edition = state
        .storage
        .get_edition(irritant.edition_id)
        .await
        .map_err(AppError::internal)?;
    let context = Context {
        phase: edition.map(|e| e.phase),
        owner: Some(irritant.institution.id),
        irritant_status: Some(irritant.status),
        ..Context::default()
    };
    Ok((irritant, context))
}

use crate::present::status_label;

/// Builds the fiche page of `irritant` for the viewer in `ctx`.
pub async fn fiche_page(
    state: &AppState,
    ctx: &Ctx,
    irritant: &Irritant,
    context: &Context,
) -> Result<FichePage, AppError> {
    let lang = ctx.lang;
    let (_, labels) = domain_labels(state, lang).await?;
    let none = lang.t("not-given");
    let text = |t: Option<&str>| t.map(str::to_string).unwrap_or_else(|| none.clone());
    let c = &irritant.content;
    let budget = crate::present::budget(lang, c.budget);
    let contact = match (&c.contact_name, &c.contact_email) {
        (Some(n), Some(e)) => format!("{} <{}>", n.as_str(), e.as_str()),
        (Some(n), None) => n.as_str().to_string(),
        (None, Some(e)) => e.as_str().to_string(),
        (None, None) => none.clone(),
    };
    // Insiders (the institution's members, organisers) see the workflow and its history.
    let insider_context = Context {
        irritant_status: Some(IrritantStatus::Draft),
        ..*context
    };
    let insider = ctx.user.is_some() && ctx.can(Action::ViewIrritant, &insider_context);
    let events = if insider {
        state
            .storage
            .irritant_events(irritant.id)
            .await
            .map_err(AppError::internal)?
    } else {
        Vec::new()
    };
    let return_comment = if irritant.status == IrritantStatus::Returned {
        events
            .iter()
            .rev()
            .find(|e| e.to == IrritantStatus::Returned)
            .and_then(|e| e.comment.as_ref())
            .map(|c| c.as_str().to_string())
    } else {
        None
    };
    let history = events
        .iter()
        .map(|e| {
            let at = e.at.date();
            let who = e
                .actor_name
                .as_ref()
                .map(|n| n.as_str().to_string())
                .unwrap_or_else(|| lang.t("history-system"));
            let mut what = status_label(lang, e.to);
            if let Some(comment) = &e.comment {
                what = format!("{what} — «\u{a0}{}\u{a0}»", comment.as_str());
            }
            lang.t_args(
                "history-entry",
                &[
                    ("date", format_date(lang, at)),
                    ("who", who),
                    ("what", what),
                ],
            )
        })
        .collect();
    let edition = state
        .storage
        .get_edition(irritant.edition_id)
        .await
        .map_err(AppError::internal)?;
    let can_submit = ctx.can(Action::SubmitIrritant, context);
    let missing = if can_submit {
        c.missing_for_submission()
            .iter()
            .map(|e| lang.t(&format!("field-{}", e.field().as_str())))
            .collect()
    } else {
        Vec::new()
    };
    let pdf_size =
        passerelle_app::documents::fiche_size(&state.app, &ctx.actor(), irritant.id, lang).await?;
    let attachments = crate::features::attachments::panel(
        state,
        ctx,
        passerelle_app::attachments::AttachmentOwner::Irritant(irritant.id),
        crate::features::attachments::Mode::Read,
    )
    .await?;
    Ok(FichePage {
        attachments,
        pdf: crate::features::documents::fiche_link(lang, pdf_size),
        page: ctx.page_titled(c.title.as_str().to_string(), "catalogue"),
        f: FicheView {
            id: irritant.id.to_string(),
            title: c.title.as_str().to_string(),
            institution: irritant.institution.name.as_str().to_string(),
            edition: edition
                .map(|e| e.title.as_str().to_string())
                .unwrap_or_default(),
            status: status_label(lang, irritant.status),
            demo: irritant.written_for_demo,
            context: text(c.context.as_ref().map(|t| t.as_str())),
            problem: text(c.problem.as_ref().map(|t| t.as_str())),
            expected_result: text(c.expected_result.as_ref().map(|t| t.as_str())),
            budget,
            timeline: text(c.timeline.as_ref().map(|t| t.as_str())),
            domains: if c.domains.is_empty() {
                none.clone()
            } else {
                c.domains
                    .iter()
                    .map(|s| {
                        labels
                            .get(s.as_str())
                            .cloned()
                            .unwrap_or_else(|| s.as_str().to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            contact,
            return_comment,
        },
        show_status: insider,
        can_edit: ctx.can(Action::EditIrritant, context),
        can_submit,
        can_publish: ctx.can(Action::PublishIrritant, context),
        can_return: ctx.can(Action::ReturnIrritant, context),
        can_archive: ctx.can(Action::ArchiveIrritant, context),
        can_recommend: irritant.status.is_public() && ctx.can(Action::ViewRecommendations, context),
        missing,
        history,
        errors: Errors::default(),
        comment: String::new(),
    })
}

pub async fn fiche(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (irritant, context) = load(&state, &id).await?;
    ctx.authorize(Action::ViewIrritant, Some(&context))?;
    let page = fiche_page(&state, &ctx, &irritant, &context).await?;
    html_status(StatusCode::OK, page)
}
