//! Funding (issue 10): the catalogue of schemes (kept by the organisers in the console), an opportunity's
//! routing with each criterion's reason in words, filing a dossier, and the funder's dossiers with their
//! decision.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::funding::{self, DecisionInput, RouteInput, SchemeInput};
use passerelle_domain::funding::{Applicants, Check, Decision, Verdict};
use passerelle_domain::{DomainEntry, DossierId, FundingSchemeId, OpportunityId, Slug};
use passerelle_storage::{Dossier, FundingScheme};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::{Lang, format};
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::FUNDING_SCHEMES, catalogue)
        .get_post(urls::FUNDING_SCHEME_NEW, new_form, create)
        .get_post("/console/financements/{id}", edit_form, update)
        .get("/suivi/{id}/financements", routing)
        .post("/suivi/{id}/financements/{scheme}", route)
        .get(urls::DOSSIERS, dossiers)
        .get("/dossiers/{id}", dossier)
        .get("/dossiers/{id}/dossier.json", dossier_json)
        .post("/dossiers/{id}/decision", decide)
}

fn parse<T>(
    raw: &str,
    f: impl Fn(&str) -> Result<T, passerelle_domain::ValidationError>,
) -> Result<T, AppError> {
    f(raw).map_err(|_| AppError::NotFound)
}

fn domain_label(lang: Lang, domains: &[DomainEntry], slug: &Slug) -> String {
    domains
        .iter()
        .find(|d| &d.slug == slug)
        .map(|d| d.label(present::locale(lang)).to_string())
        .unwrap_or_else(|| slug.as_str().to_string())
}

fn themes_list(lang: Lang, domains: &[DomainEntry], themes: &[Slug]) -> String {
    themes
        .iter()
        .map(|t| domain_label(lang, domains, t))
        .collect::<Vec<_>>()
        .join(", ")
}

fn percent(lang: Lang, rate: u8) -> String {
    match lang {
        Lang::Fr => format!("{rate}{}%", format::NNBSP),
        Lang::En => format!("{rate}%"),
    }
}

/// A scheme's terms in words, for its card.
pub struct Terms {
    pub budget: String,
    pub applicants: String,
    pub themes: String,
    pub share: String,
    pub window: String,
}

fn terms(lang: Lang, domains: &[DomainEntry], s: &FundingScheme) -> Terms {
    let t = &s.terms;
    Terms {
        budget: present::budget(lang, t.budget),
        applicants: lang.t(&format!("scheme-applicants-{}", t.applicants.as_str())),
        themes: if t.themes.is_empty() {
            lang.t("scheme-themes-any")
        } else {
            themes_list(lang, domains, &t.themes)
        },
        share: t.max_share.map_or_else(
            || lang.t("scheme-share-whole"),
            |p| {
                lang.t_args(
                    "scheme-share-at-most",
                    &[("rate", percent(lang, p.value()))],
                )
            },
        ),
        window: present::days(lang, t.opens, t.closes),
    }
}

/// A scheme's card.
pub struct SchemeCard {
    pub id: String,
    pub name: String,
    pub funder: String,
    pub description: String,
    pub link: Option<String>,
    pub terms: Terms,
}

fn card(lang: Lang, domains: &[DomainEntry], s: &FundingScheme) -> SchemeCard {
    SchemeCard {
        id: s.id.to_string(),
        name: s.name.as_str().to_string(),
        funder: s.funder_name.as_str().to_string(),
        description: s.description.as_str().to_string(),
        link: s.link.as_ref().map(|l| l.as_str().to_string()),
        terms: terms(lang, domains, s),
    }
}

#[derive(Template)]
#[template(path = "funding/schemes.html")]
struct CataloguePage {
    page: Page,
    schemes: Vec<SchemeCard>,
    may_manage: bool,
}

pub async fn catalogue(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let catalogue = funding::schemes(&state.app, &ctx.actor()).await?;
    let lang = ctx.lang;
    html(CataloguePage {
        page: ctx.page("schemes-title", "funding"),
        schemes: catalogue
            .schemes
            .iter()
            .map(|s| card(lang, &catalogue.domains, s))
            .collect(),
        may_manage: catalogue.may_manage,
    })
}

/// The scheme form's fields as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SchemeForm {
    pub funder: String,
    pub name: String,
    pub description: String,
    pub budget_min: String,
    pub budget_max: String,
    pub applicants: String,
    pub themes: Vec<String>,
    pub max_share: String,
    pub opens: String,
    pub closes: String,
    pub link: String,
    pub version: String,
}

impl SchemeForm {
    fn of(s: &FundingScheme) -> SchemeForm {
        let t = &s.terms;
        let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        SchemeForm {
            funder: s.funder_id.to_string(),
            name: s.name.as_str().to_string(),
            description: s.description.as_str().to_string(),
            budget_min: opt(t.budget.and_then(|b| b.min_eur())),
            budget_max: opt(t.budget.and_then(|b| b.max_eur())),
            applicants: t.applicants.as_str().to_string(),
            themes: t.themes.iter().map(|t| t.as_str().to_string()).collect(),
            max_share: opt(t.max_share.map(|p| u64::from(p.value()))),
            opens: passerelle_domain::edition::format_date(t.opens),
            closes: passerelle_domain::edition::format_date(t.closes),
            link: s
                .link
                .as_ref()
                .map(|l| l.as_str().to_string())
                .unwrap_or_default(),
            version: s.version.to_string(),
        }
    }

    fn input(&self) -> SchemeInput {
        SchemeInput {
            funder: self.funder.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            budget_min: self.budget_min.clone(),
            budget_max: self.budget_max.clone(),
            applicants: self.applicants.clone(),
            themes: self.themes.clone(),
            max_share: self.max_share.clone(),
            opens: self.opens.clone(),
            closes: self.closes.clone(),
            link: self.link.clone(),
            version: self.version.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "funding/scheme_form.html")]
struct SchemeFormPage {
    page: Page,
    action: String,
    form: SchemeForm,
    funders: Vec<Choice>,
    applicants: Vec<Choice>,
    themes: Vec<Choice>,
    errors: Errors,
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    id: Option<FundingSchemeId>,
    form: SchemeForm,
    errors: Errors,
) -> Result<SchemeFormPage, AppError> {
    let lang = ctx.lang;
    let choices = funding::form_choices(&state.app, &ctx.actor()).await?;
    let choice = |value: String, label: String, selected: bool| Choice {
        value,
        label,
        selected,
    };
    Ok(SchemeFormPage {
        page: ctx.page(
            if id.is_some() {
                "scheme-edit-title"
            } else {
                "scheme-new-title"
            },
            "funding",
        ),
        action: id.map_or_else(
            || urls::FUNDING_SCHEME_NEW.to_string(),
            urls::funding_scheme,
        ),
        funders: choices
            .funders
            .iter()
            .map(|o| {
                let v = o.id.to_string();
                let selected = form.funder == v;
                choice(v, o.name.as_str().to_string(), selected)
            })
            .collect(),
        applicants: Applicants::ALL
            .iter()
            .map(|a| {
                choice(
                    a.as_str().to_string(),
                    lang.t(&format!("scheme-applicants-{}", a.as_str())),
                    form.applicants == a.as_str(),
                )
            })
            .collect(),
        themes: choices
            .domains
            .iter()
            .map(|d| {
                let v = d.slug.as_str().to_string();
                let selected = form.themes.contains(&v);
                choice(v, d.label(present::locale(lang)).to_string(), selected)
            })
            .collect(),
        form,
        errors,
    })
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let form = SchemeForm {
        applicants: Applicants::Institution.as_str().to_string(),
        ..SchemeForm::default()
    };
    html(form_page(&state, &ctx, None, form, Errors::default()).await?)
}

async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<FundingSchemeId>,
    form: SchemeForm,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    match funding::save_scheme(&state.app, &ctx.actor(), id, form.input()).await {
        Ok(_) => {
            ctx.flash("scheme-saved").await?;
            Ok(Redirect::to(urls::FUNDING_SCHEMES).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = form_page(state, ctx, id, form, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(passerelle_app::Error::Conflict(c)) if c.key == "stale-scheme" => {
            ctx.flash("scheme-stale").await?;
            Ok(Redirect::to(&urls::funding_scheme(id.ok_or(AppError::NotFound)?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<SchemeForm>,
) -> Result<Response, AppError> {
    save(&state, &ctx, None, form).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = parse(&id, FundingSchemeId::parse)?;
    let scheme = funding::scheme_for_edit(&state.app, &ctx.actor(), id).await?;
    html(
        form_page(
            &state,
            &ctx,
            Some(id),
            SchemeForm::of(&scheme),
            Errors::default(),
        )
        .await?,
    )
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<SchemeForm>,
) -> Result<Response, AppError> {
    let id = parse(&id, FundingSchemeId::parse)?;
    save(&state, &ctx, Some(id), form).await
}

/// One criterion's line: a mark that is a word (not a colour alone) and the sentence.
pub struct CheckLine {
    pub class: &'static str,
    pub mark: String,
    pub text: String,
}

fn check_line(lang: Lang, domains: &[DomainEntry], check: &Check) -> CheckLine {
    let money = |v: Option<u64>| v.map(|v| format::money(lang, v)).unwrap_or_default();
    let (key, args): (String, Vec<(&str, String)>) = match check {
        Check::Stage { verdict, status } => (
            format!("routing-stage-{}", verdict_code(*verdict)),
            vec![(
                "status",
                lang.t(&format!("opportunity-status-{}", status.as_str())),
            )],
        ),
        Check::Budget {
            verdict,
            cost,
            min,
            max,
        } => (
            format!("routing-budget-{}", verdict_code(*verdict)),
            vec![
                ("cost", money(*cost)),
                (
                    "range",
                    format::money_range(lang, *min, *max).unwrap_or_default(),
                ),
            ],
        ),
        Check::Themes {
            verdict,
            shared,
            any,
        } => {
            if *any {
                ("routing-themes-any".to_string(), vec![])
            } else {
                (
                    format!("routing-themes-{}", verdict_code(*verdict)),
                    vec![("themes", themes_list(lang, domains, shared))],
                )
            }
        }
        Check::Share {
            verdict,
            rate,
            needed,
            co_funding,
        } => (
            format!("routing-share-{}", verdict_code(*verdict)),
            vec![
                ("rate", percent(lang, *rate)),
                ("needed", money(*needed)),
                ("cofunding", money(Some(co_funding.unwrap_or(0)))),
            ],
        ),
        Check::Window {
            verdict,
            opens,
            closes,
            early,
        } => {
            let key = match (verdict, early) {
                (Verdict::Pass, _) => "routing-window-pass",
                (_, true) => "routing-window-not-yet",
                (_, false) => "routing-window-closed",
            };
            (
                key.to_string(),
                vec![
                    ("opens", format::date(lang, *opens)),
                    ("closes", format::date(lang, *closes)),
                ],
            )
        }
        Check::Applicant { applicants } => (
            "routing-applicant".to_string(),
            vec![(
                "who",
                lang.t(&format!("scheme-applicants-{}", applicants.as_str())),
            )],
        ),
    };
    let verdict = check.verdict();
    CheckLine {
        class: match verdict {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Unknown => "unknown",
        },
        mark: lang.t(&format!("routing-mark-{}", verdict_code(verdict))),
        text: lang.t_args(&key, &args),
    }
}

fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::Unknown => "unknown",
    }
}

/// A scheme offered to an opportunity.
pub struct OfferLine {
    pub card: SchemeCard,
    pub eligible: bool,
    pub checks: Vec<CheckLine>,
    pub dossier: Option<String>,
    pub may_file: bool,
}

#[derive(Template)]
#[template(path = "funding/routing.html")]
struct RoutingPage {
    page: Page,
    id: String,
    institution: String,
    company: String,
    status: String,
    offers: Vec<OfferLine>,
    plan: String,
    failed_scheme: String,
    errors: Errors,
}

async fn routing_page(
    state: &AppState,
    ctx: &Ctx,
    id: OpportunityId,
    plan: String,
    failed_scheme: String,
    errors: Errors,
) -> Result<RoutingPage, AppError> {
    let view = funding::routing(&state.app, &ctx.actor(), id).await?;
    let lang = ctx.lang;
    let o = &view.opportunity;
    let offers = view
        .offers
        .iter()
        .map(|offer| OfferLine {
            card: card(lang, &view.domains, &offer.scheme),
            eligible: offer.routing.eligible(),
            checks: offer
                .routing
                .checks
                .iter()
                .map(|c| check_line(lang, &view.domains, c))
                .collect(),
            dossier: offer.dossier.as_ref().map(|d| urls::dossier(d.id)),
            may_file: view.may_route && offer.routing.eligible() && offer.dossier.is_none(),
        })
        .collect();
    Ok(RoutingPage {
        page: ctx.page_titled(
            lang.t_args(
                "routing-title",
                &[("irritant", o.irritant_title.as_str().to_string())],
            ),
            "followup",
        ),
        id: o.id.to_string(),
        institution: o.institution_name.as_str().to_string(),
        company: o.company_name.as_str().to_string(),
        status: lang.t(&format!("opportunity-status-{}", o.status.as_str())),
        offers,
        plan,
        failed_scheme,
        errors,
    })
}

pub async fn routing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = parse(&id, OpportunityId::parse)?;
    html(
        routing_page(
            &state,
            &ctx,
            id,
            String::new(),
            String::new(),
            Errors::default(),
        )
        .await?,
    )
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RouteForm {
    pub plan: String,
}

pub async fn route(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, scheme)): Path<(String, String)>,
    Form(form): Form<RouteForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = parse(&id, OpportunityId::parse)?;
    let scheme = parse(&scheme, FundingSchemeId::parse)?;
    let input = RouteInput {
        plan: form.plan.clone(),
    };
    match funding::route(&state.app, &ctx.actor(), id, scheme, input).await {
        Ok(dossier) => {
            ctx.flash("dossier-filed").await?;
            Ok(Redirect::to(&urls::dossier(dossier)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page =
                routing_page(&state, &ctx, id, form.plan, scheme.to_string(), errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(passerelle_app::Error::Conflict(c))
            if c.key == "scheme-not-eligible" || c.key == "already-routed" =>
        {
            ctx.flash(&format!("dossier-{}", c.key)).await?;
            Ok(Redirect::to(&urls::funding_routing(id)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// A line of the dossiers' list.
pub struct DossierRow {
    pub href: String,
    pub scheme: String,
    pub funder: String,
    pub routed: String,
    pub decision: String,
}

fn decision_label(lang: Lang, d: Option<Decision>) -> String {
    match d {
        Some(d) => lang.t(&format!("dossier-decision-{}", d.as_str())),
        None => lang.t("dossier-decision-pending"),
    }
}

fn dossier_row(lang: Lang, d: &Dossier) -> DossierRow {
    DossierRow {
        href: urls::dossier(d.id),
        scheme: d.scheme_name.as_str().to_string(),
        funder: d.funder_name.as_str().to_string(),
        routed: present::moment(lang, d.routed_at),
        decision: decision_label(lang, d.decision),
    }
}

#[derive(Template)]
#[template(path = "funding/dossiers.html")]
struct DossiersPage {
    page: Page,
    rows: Vec<(String, DossierRow)>,
}

pub async fn dossiers(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let list = funding::dossiers(&state.app, &ctx.actor()).await?;
    let lang = ctx.lang;
    html(DossiersPage {
        page: ctx.page("dossiers-title", "dossiers"),
        rows: list
            .iter()
            .map(|(d, title)| (title.clone(), dossier_row(lang, d)))
            .collect(),
    })
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub amount: String,
    pub comment: String,
}

#[derive(Template)]
#[template(path = "funding/dossier.html")]
struct DossierPage {
    page: Page,
    id: String,
    opportunity: String,
    irritant: String,
    institution: String,
    company: String,
    scheme: String,
    funder: String,
    routed: String,
    plan: String,
    amounts: Vec<(String, String)>,
    checks: Vec<CheckLine>,
    decision: String,
    decision_amount: Option<String>,
    decision_comment: Option<String>,
    decided: Option<String>,
    may_decide: bool,
    decisions: Vec<Choice>,
    form: DecisionForm,
    errors: Errors,
}

async fn dossier_page(
    state: &AppState,
    ctx: &Ctx,
    id: DossierId,
    form: DecisionForm,
    errors: Errors,
) -> Result<DossierPage, AppError> {
    let view = funding::dossier(&state.app, &ctx.actor(), id).await?;
    let lang = ctx.lang;
    let d = &view.dossier;
    let o = &view.opportunity;
    let money = |e: Option<passerelle_domain::Euros>| {
        e.map_or_else(
            || lang.t("opportunity-amount-unknown"),
            |e| format::money(lang, e.value()),
        )
    };
    let a = &o.amounts;
    Ok(DossierPage {
        page: ctx.page_titled(
            lang.t_args(
                "dossier-title",
                &[("scheme", d.scheme_name.as_str().to_string())],
            ),
            "dossiers",
        ),
        id: d.id.to_string(),
        opportunity: urls::opportunity(o.id),
        irritant: o.irritant_title.as_str().to_string(),
        institution: o.institution_name.as_str().to_string(),
        company: o.company_name.as_str().to_string(),
        scheme: d.scheme_name.as_str().to_string(),
        funder: d.funder_name.as_str().to_string(),
        routed: present::moment(lang, d.routed_at),
        plan: d.plan.as_str().to_string(),
        amounts: vec![
            (
                lang.t("opportunity-field-estimated-cost"),
                money(a.estimated_cost),
            ),
            (lang.t("opportunity-field-requested"), money(a.requested)),
            (lang.t("opportunity-field-granted"), money(a.granted)),
            (lang.t("opportunity-field-co-funding"), money(a.co_funding)),
        ],
        checks: view
            .routing
            .checks
            .iter()
            .map(|c| check_line(lang, &view.domains, c))
            .collect(),
        decision: decision_label(lang, d.decision),
        decision_amount: d.decision_amount.map(|e| format::money(lang, e.value())),
        decision_comment: d.decision_comment.as_ref().map(|c| c.as_str().to_string()),
        decided: d.decided_at.map(|t| present::moment(lang, t)),
        may_decide: view.may_decide,
        decisions: Decision::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_string(),
                label: lang.t(&format!("dossier-decision-{}", c.as_str())),
                selected: form.decision == c.as_str(),
            })
            .collect(),
        form,
        errors,
    })
}

pub async fn dossier(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = parse(&id, DossierId::parse)?;
    html(dossier_page(&state, &ctx, id, DecisionForm::default(), Errors::default()).await?)
}

/// The dossier as filed, as JSON (what the funder archives or imports).
pub async fn dossier_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = parse(&id, DossierId::parse)?;
    let view = funding::dossier(&state.app, &ctx.actor(), id).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"dossier-{id}.json\""),
            ),
        ],
        view.dossier.snapshot,
    )
        .into_response())
}

pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = parse(&id, DossierId::parse)?;
    let input = DecisionInput {
        decision: form.decision.clone(),
        amount: form.amount.clone(),
        comment: form.comment.clone(),
    };
    match funding::decide(&state.app, &ctx.actor(), id, input).await {
        Ok(_) => {
            ctx.flash("dossier-decided").await?;
            Ok(Redirect::to(&urls::dossier(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = dossier_page(&state, &ctx, id, form, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(passerelle_app::Error::Conflict(c)) if c.key == "dossier-decided" => {
            ctx.flash("dossier-already-decided").await?;
            Ok(Redirect::to(&urls::dossier(id)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
