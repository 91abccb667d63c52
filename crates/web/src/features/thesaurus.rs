//! The thesaurus in the console: a concept's form (labels, domain, synonyms, related concepts), to add,
//! change or remove concepts. The vocabulary page (`console.rs`, domains) lists them under their domains.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::thesaurus::{self, ConceptInput};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::{locale, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get_post(urls::CONSOLE_THESAURUS, new_form, create)
        .get_post("/console/thesaurus/{key}", edit_form, update)
        .post("/console/thesaurus/{key}/supprimer", delete)
}

/// A concept as the vocabulary page lists it.
pub struct ConceptRow {
    pub key: String,
    pub label: String,
    pub other_label: String,
    pub synonyms: i64,
    pub related: i64,
}

/// A domain and its concepts (the label is empty for the unclassified ones).
pub struct ConceptGroup {
    pub slug: String,
    pub label: String,
    pub concepts: Vec<ConceptRow>,
}

/// The concepts under their domains, in the vocabulary's order, the unclassified ones last.
pub fn groups(
    lang: crate::i18n::Lang,
    domains: &[passerelle_domain::DomainEntry],
    concepts: &[passerelle_storage::Concept],
) -> Vec<ConceptGroup> {
    let fr = lang == crate::i18n::Lang::Fr;
    let row = |c: &passerelle_storage::Concept| {
        let (label, other) = if fr {
            (&c.label_fr, &c.label_en)
        } else {
            (&c.label_en, &c.label_fr)
        };
        ConceptRow {
            key: c.key.as_str().to_string(),
            label: label.as_str().to_string(),
            other_label: other.as_str().to_string(),
            synonyms: c.synonyms.len() as i64,
            related: c.related.len() as i64,
        }
    };
    let mut out: Vec<ConceptGroup> = domains
        .iter()
        .map(|d| ConceptGroup {
            slug: d.slug.as_str().to_string(),
            label: d.label(locale(lang)).to_string(),
            concepts: concepts
                .iter()
                .filter(|c| c.domain.as_ref() == Some(&d.slug))
                .map(row)
                .collect(),
        })
        .collect();
    let loose: Vec<ConceptRow> = concepts
        .iter()
        .filter(|c| {
            c.domain
                .as_ref()
                .is_none_or(|d| !domains.iter().any(|e| &e.slug == d))
        })
        .map(row)
        .collect();
    if !loose.is_empty() {
        out.push(ConceptGroup {
            slug: String::new(),
            label: String::new(),
            concepts: loose,
        });
    }
    out
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ConceptForm {
    pub key: String,
    pub domain: String,
    pub label_fr: String,
    pub label_en: String,
    pub synonyms: String,
    pub related: String,
}

impl ConceptForm {
    fn input(&self) -> ConceptInput {
        ConceptInput {
            key: self.key.clone(),
            domain: self.domain.clone(),
            label_fr: self.label_fr.clone(),
            label_en: self.label_en.clone(),
            synonyms: self.synonyms.clone(),
            related: self.related.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "console/concept.html")]
struct ConceptPage {
    page: Page,
    /// The concept's key when editing, empty when adding.
    editing: String,
    form: ConceptForm,
    domains: Vec<Choice>,
    /// Every concept's key and label, to pick related ones.
    known: Vec<(String, String)>,
    errors: Errors,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    editing: Option<&str>,
    form: ConceptForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (domains, concepts) = thesaurus::vocabulary(&state.app, &ctx.actor()).await?;
    let lang = locale(ctx.lang);
    let mut choices = vec![Choice {
        value: String::new(),
        label: ctx.lang.t("concept-unclassified"),
        selected: form.domain.is_empty(),
    }];
    choices.extend(domains.iter().map(|d| Choice {
        value: d.slug.as_str().to_string(),
        label: d.label(lang).to_string(),
        selected: d.slug.as_str() == form.domain,
    }));
    let known = concepts
        .iter()
        .filter(|c| Some(c.key.as_str()) != editing)
        .map(|c| {
            let label = match lang {
                passerelle_domain::Locale::Fr => c.label_fr.as_str(),
                passerelle_domain::Locale::En => c.label_en.as_str(),
            };
            (c.key.as_str().to_string(), label.to_string())
        })
        .collect();
    let title = match editing {
        Some(_) => ctx
            .lang
            .t_args("concept-edit-title", &[("label", form.label_fr.clone())]),
        None => ctx.lang.t("concept-new-title"),
    };
    html_status(
        status,
        ConceptPage {
            page: ctx.page_titled(title, "console"),
            editing: editing.unwrap_or_default().to_string(),
            form,
            domains: choices,
            known,
            errors,
        },
    )
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    render(
        &state,
        &ctx,
        None,
        ConceptForm::default(),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

async fn save(
    state: &AppState,
    ctx: &Ctx,
    editing: Option<&str>,
    form: ConceptForm,
) -> Result<Response, AppError> {
    match thesaurus::save(&state.app, &ctx.actor(), editing, &form.input()).await {
        Ok(_) => {
            ctx.flash("concept-saved").await?;
            Ok(Redirect::to(urls::CONSOLE_DOMAINS).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            render(
                state,
                ctx,
                editing,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ConceptForm>,
) -> Result<Response, AppError> {
    save(&state, &ctx, None, form).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let c = thesaurus::concept(&state.app, &ctx.actor(), &key).await?;
    let form = ConceptForm {
        key: c.key.as_str().to_string(),
        domain: c
            .domain
            .as_ref()
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
        label_fr: c.label_fr.as_str().to_string(),
        label_en: c.label_en.as_str().to_string(),
        synonyms: c
            .synonyms
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        related: c
            .related
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    };
    render(
        &state,
        &ctx,
        Some(c.key.as_str()),
        form,
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<ConceptForm>,
) -> Result<Response, AppError> {
    save(&state, &ctx, Some(&key), form).await
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    thesaurus::delete(&state.app, &ctx.actor(), &key).await?;
    ctx.flash("concept-removed").await?;
    Ok(Redirect::to(urls::CONSOLE_DOMAINS).into_response())
}
