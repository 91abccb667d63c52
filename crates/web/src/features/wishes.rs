//! Wishes both ways and explained recommendations: an irritant's page of recommended companies (its
//! institution marks each one *must meet*, *would like* or *no*, or declares a conflict of interest), a
//! company's page of recommended irritants (it marks each one with its pitch), and each member's entry
//! page. Every row says why it is recommended, in words.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::recommendations::{self, Freshness, Item, Listing, Reasons};
use passerelle_app::wishes::{self, Window, WishInput, WishOutcome};
use passerelle_domain::{
    Denied, EditionId, IrritantId, OrganisationId, Phase, Region, Role, Side, Wish, WishLevel,
};
use passerelle_storage::{Irritant, IrritantFilter, Organisation};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get(urls::WISHES, entry)
        .get("/irritants/{id}/recommandations", irritant_page)
        .post("/irritants/{id}/souhaits", state_institution_wish)
        .get("/entreprises/{id}/recommandations", company_page)
        .post("/entreprises/{id}/souhaits", state_company_wish)
}

/// French puts a non-breaking space before a colon.
fn colon(lang: Lang) -> &'static str {
    if lang == Lang::Fr { "\u{a0}: " } else { ": " }
}

fn quoted(lang: Lang, text: &str) -> String {
    if lang == Lang::Fr {
        format!("«\u{a0}{text}\u{a0}»")
    } else {
        format!("“{text}”")
    }
}

fn level_label(lang: Lang, level: WishLevel) -> String {
    lang.t(&format!("wish-level-{}", level.as_str()))
}

/// A wish in words ("À rencontrer absolument — « pitch »", "Conflit d'intérêts déclaré").
fn wish_text(lang: Lang, wish: &Wish) -> String {
    let mut text = if wish.conflict_of_interest {
        lang.t("wish-conflict-declared")
    } else {
        level_label(lang, wish.level)
    };
    if let Some(p) = &wish.pitch {
        text = format!("{text} — {}", quoted(lang, p.as_str()));
    }
    text
}

/// A score as a percentage.
fn percent(lang: Lang, value: f64) -> String {
    let n = (value * 100.0).round().clamp(0.0, 100.0) as i64;
    if lang == Lang::Fr {
        format!("{n}\u{a0}%")
    } else {
        format!("{n}%")
    }
}

/// The reasons of a recommendation, one sentence each, in the reader's language.
fn reasons_in_words(
    lang: Lang,
    reasons: &Reasons,
    domain_labels: &std::collections::HashMap<String, String>,
    wishes: &passerelle_app::wishes::PairWishes,
    viewer: Side,
) -> Vec<String> {
    let mut out = Vec::new();
    if !reasons.terms.is_empty() {
        out.push(format!(
            "{}{}{}",
            lang.t("reco-terms"),
            colon(lang),
            reasons.terms.join(", ")
        ));
    }
    if !reasons.concepts.is_empty() {
        let list: Vec<String> = reasons
            .concepts
            .iter()
            .map(|c| {
                let (label, via) = match lang {
                    Lang::Fr => (&c.label_fr, &c.via_fr),
                    Lang::En => (&c.label_en, &c.via_en),
                };
                match via {
                    Some(v) => lang.t_args(
                        "reco-concept-via",
                        &[("concept", label.clone()), ("via", v.clone())],
                    ),
                    None => label.clone(),
                }
            })
            .collect();
        out.push(format!(
            "{}{}{}",
            lang.t("reco-concepts"),
            colon(lang),
            list.join(", ")
        ));
    }
    if !reasons.domains.is_empty() {
        let list: Vec<String> = reasons
            .domains
            .iter()
            .map(|d| domain_labels.get(d).cloned().unwrap_or_else(|| d.clone()))
            .collect();
        out.push(format!(
            "{}{}{}",
            lang.t("reco-domains"),
            colon(lang),
            list.join(", ")
        ));
    }
    // Only where both sides gave the figure: unknown data is neutral in the score and says nothing.
    if let Some(b) = &reasons.budget {
        out.push(lang.t_args(
            if b.fits() {
                "reco-budget-fits"
            } else {
                "reco-budget-short"
            },
            &[
                ("max", present::money(lang, b.irritant_max)),
                ("min", present::money(lang, b.company_min)),
            ],
        ));
    }
    if let Some(r) = &reasons.region {
        let key = if r.institution == Region::National {
            "reco-region-national-institution"
        } else if r.company == Region::National {
            "reco-region-national-company"
        } else if r.fits() {
            "reco-region-fits"
        } else {
            "reco-region-other"
        };
        out.push(lang.t_args(
            key,
            &[
                ("institution", present::region_label(lang, r.institution)),
                ("company", present::region_label(lang, r.company)),
            ],
        ));
    }
    if let Some(w) = wishes.side(viewer.other()) {
        let key = match viewer.other() {
            Side::Institution => "reco-wish-institution",
            Side::Company => "reco-wish-company",
        };
        out.push(format!(
            "{}{}{}",
            lang.t(key),
            colon(lang),
            wish_text(lang, w)
        ));
    }
    if out.is_empty() {
        out.push(lang.t("reco-nothing-shared"));
    }
    out
}

/// The parts of the score, largest first ("Texte 40 %, concepts 12 %").
fn breakdown(lang: Lang, reasons: &Reasons) -> String {
    let mut parts: Vec<_> = reasons
        .factors
        .iter()
        .filter(|f| f.contribution > 0.0)
        .collect();
    parts.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    parts
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                lang.t(&format!("reco-factor-{}", f.factor)),
                percent(lang, f64::from(f.contribution))
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub struct Row {
    /// The other side's id (the company on an irritant's page, the irritant on a company's).
    pub id: String,
    pub rank: i64,
    pub name: String,
    pub link: String,
    pub detail: String,
    pub score: String,
    pub breakdown: String,
    pub reasons: Vec<String>,
    pub mine: Option<String>,
    pub levels: Vec<Choice>,
    pub pitch: String,
    pub conflict: bool,
}

fn level_choices(lang: Lang, current: Option<&Wish>) -> Vec<Choice> {
    let mut choices = vec![Choice {
        value: String::new(),
        label: lang.t("wish-level-none"),
        selected: current.is_none(),
    }];
    choices.extend(WishLevel::ALL.iter().map(|l| Choice {
        value: l.as_str().to_string(),
        label: level_label(lang, *l),
        selected: current.is_some_and(|w| w.level == *l),
    }));
    choices
}

fn row(
    lang: Lang,
    item: &Item,
    viewer: Side,
    labels: &std::collections::HashMap<String, String>,
) -> Row {
    let mine = item.wishes.side(viewer);
    let (id, name, link, detail) = match viewer {
        Side::Institution => (
            item.company.id.to_string(),
            item.company.name.as_str().to_string(),
            urls::company(item.company.id),
            String::new(),
        ),
        Side::Company => (
            item.irritant.id.to_string(),
            item.irritant.content.title.as_str().to_string(),
            urls::irritant(item.irritant.id),
            item.irritant.institution.name.as_str().to_string(),
        ),
    };
    Row {
        id,
        rank: item.rank,
        name,
        link,
        detail,
        score: percent(lang, item.score),
        breakdown: breakdown(lang, &item.reasons),
        reasons: reasons_in_words(lang, &item.reasons, labels, &item.wishes, viewer),
        mine: mine.map(|w| wish_text(lang, w)),
        levels: level_choices(lang, mine),
        pitch: mine
            .and_then(|w| w.pitch.as_ref())
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        conflict: mine.is_some_and(|w| w.conflict_of_interest),
    }
}

#[derive(Template)]
#[template(path = "wishes/recommendations.html")]
struct RecommendationsPage {
    page: Page,
    /// `institution` or `company`: whose wishes the forms state.
    side: String,
    intro: String,
    edition: String,
    status: Option<String>,
    window: String,
    can_state: bool,
    /// Where the wish forms post.
    action: String,
    /// This page's address, for the pager.
    here: String,
    rows: Vec<Row>,
    total: i64,
    current: i64,
    pages: i64,
    errors: Errors,
    errors_for: String,
}

fn window_text(
    lang: Lang,
    listing_window: Window,
    edition: &passerelle_storage::Edition,
) -> String {
    let dates = present::phase_dates(lang, edition.window(Phase::Preferences));
    match listing_window {
        Window::Open if dates.is_empty() => lang.t("wishes-open"),
        Window::Open => lang.t_args("wishes-open-until", &[("dates", dates)]),
        Window::NotYet => lang.t_args(
            "wishes-not-yet",
            &[(
                "dates",
                if dates.is_empty() {
                    "—".into()
                } else {
                    dates
                },
            )],
        ),
        Window::Over => lang.t("wishes-over"),
    }
}

fn freshness_text(lang: Lang, freshness: Freshness) -> Option<String> {
    match freshness {
        Freshness::Current(_) => None,
        Freshness::Recomputing(Some(at)) => Some(lang.t_args(
            "reco-recomputing-since",
            &[("date", present::date(lang, at.date()))],
        )),
        Freshness::Recomputing(None) => Some(lang.t("reco-recomputing")),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    pub page: Option<String>,
    pub edition: Option<String>,
}

fn page_number(q: &PageQuery) -> i64 {
    q.page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
}

fn irritant_id(raw: &str) -> Result<IrritantId, AppError> {
    IrritantId::parse(raw).map_err(|_| AppError::NotFound)
}

fn company_id(raw: &str) -> Result<OrganisationId, AppError> {
    OrganisationId::parse(raw).map_err(|_| AppError::NotFound)
}

async fn labels(
    state: &AppState,
    lang: Lang,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    Ok(crate::features::catalogue::domain_labels(state, lang)
        .await?
        .1)
}

async fn irritant_view(
    state: &AppState,
    ctx: &Ctx,
    id: IrritantId,
    page: i64,
    errors: Errors,
    errors_for: String,
) -> Result<RecommendationsPage, AppError> {
    let listing: Listing<Irritant> =
        recommendations::for_irritant(&state.app, &ctx.actor(), id, page).await?;
    let title = ctx.lang.t_args(
        "reco-irritant-title",
        &[("title", listing.subject.content.title.as_str().to_string())],
    );
    let target = (
        format!("/irritants/{id}/souhaits"),
        urls::irritant_recommendations(id),
    );
    let errors = (errors, errors_for);
    recommendations_page(
        state,
        ctx,
        &listing,
        title,
        Side::Institution,
        target,
        errors,
    )
    .await
}

async fn company_view(
    state: &AppState,
    ctx: &Ctx,
    id: OrganisationId,
    edition: Option<EditionId>,
    page: i64,
    errors: Errors,
    errors_for: String,
) -> Result<RecommendationsPage, AppError> {
    let listing: Listing<Organisation> =
        recommendations::for_company(&state.app, &ctx.actor(), id, edition, page).await?;
    let title = ctx.lang.t_args(
        "reco-company-title",
        &[("company", listing.subject.name.as_str().to_string())],
    );
    let target = (
        format!("/entreprises/{id}/souhaits"),
        urls::company_recommendations(id),
    );
    let errors = (errors, errors_for);
    recommendations_page(state, ctx, &listing, title, Side::Company, target, errors).await
}

/// One page of recommendations, for either side: `target` is the wish form's action and the page's
/// own address.
async fn recommendations_page<T>(
    state: &AppState,
    ctx: &Ctx,
    listing: &Listing<T>,
    title: String,
    side: Side,
    (action, here): (String, String),
    (errors, errors_for): (Errors, String),
) -> Result<RecommendationsPage, AppError> {
    let lang = ctx.lang;
    let labels = labels(state, lang).await?;
    Ok(RecommendationsPage {
        page: ctx.page_titled(title, "wishes"),
        side: side.as_str().to_string(),
        intro: lang.t(match side {
            Side::Institution => "reco-irritant-intro",
            Side::Company => "reco-company-intro",
        }),
        edition: listing.edition.title.as_str().to_string(),
        status: freshness_text(lang, listing.freshness),
        window: window_text(lang, listing.window, &listing.edition),
        can_state: listing.can_state,
        action,
        here,
        rows: listing
            .items
            .iter()
            .map(|i| row(lang, i, side, &labels))
            .collect(),
        total: listing.total,
        current: listing.page,
        pages: listing.pages,
        errors,
        errors_for,
    })
}

pub async fn irritant_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let id = irritant_id(&id)?;
    html(
        irritant_view(
            &state,
            &ctx,
            id,
            page_number(&q),
            Errors::default(),
            String::new(),
        )
        .await?,
    )
}

pub async fn company_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let id = company_id(&id)?;
    let edition = match q.edition.as_deref().filter(|e| !e.is_empty()) {
        Some(e) => Some(EditionId::parse(e).map_err(|_| AppError::NotFound)?),
        None => None,
    };
    html(
        company_view(
            &state,
            &ctx,
            id,
            edition,
            page_number(&q),
            Errors::default(),
            String::new(),
        )
        .await?,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WishForm {
    /// The other side of the pair (a company id on an irritant's page, an irritant id on a company's).
    pub company: String,
    pub irritant: String,
    pub level: String,
    pub pitch: String,
    pub conflict: Option<String>,
    pub page: String,
}

impl WishForm {
    fn input(&self) -> WishInput {
        WishInput {
            level: self.level.clone(),
            pitch: self.pitch.clone(),
            conflict_of_interest: self.conflict.is_some(),
        }
    }
}

/// The page to come back to, with the row in view.
fn back(here: &str, page: &str, row: &str) -> String {
    match page.parse::<i64>() {
        Ok(n) if n > 1 => format!("{here}?page={n}#r-{row}"),
        _ => format!("{here}#r-{row}"),
    }
}

async fn stated(ctx: &Ctx, outcome: &WishOutcome) -> Result<(), AppError> {
    ctx.flash(match outcome {
        WishOutcome::Stated(_) => "wish-saved",
        WishOutcome::Withdrawn => "wish-withdrawn",
    })
    .await
}

pub async fn state_institution_wish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<WishForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = irritant_id(&id)?;
    let page = form.page.parse::<i64>().unwrap_or(1);
    let mut errors = Errors::default();
    let result = match OrganisationId::parse(form.company.trim()) {
        Ok(company) => {
            wishes::state(
                &state.app,
                &ctx.actor(),
                Side::Institution,
                id,
                company,
                &form.input(),
            )
            .await
        }
        Err(_) => {
            errors.add("company", ctx.lang.t("wish-company-unknown"));
            let view = irritant_view(&state, &ctx, id, page, errors, form.company.clone()).await?;
            return html_status(StatusCode::UNPROCESSABLE_ENTITY, view);
        }
    };
    match result {
        Ok(outcome) => {
            stated(&ctx, &outcome).await?;
            Ok(Redirect::to(&back(
                &urls::irritant_recommendations(id),
                &form.page,
                form.company.trim(),
            ))
            .into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let view =
                irritant_view(&state, &ctx, id, page, errors, form.company.trim().into()).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(passerelle_app::Error::Denied(Denied::WrongPhase)) => {
            let mut errors = Errors::default();
            errors.add("level", ctx.lang.t("wishes-closed"));
            let view =
                irritant_view(&state, &ctx, id, page, errors, form.company.trim().into()).await?;
            html_status(StatusCode::FORBIDDEN, view)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn state_company_wish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<WishForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = company_id(&id)?;
    let page = form.page.parse::<i64>().unwrap_or(1);
    let result = match IrritantId::parse(form.irritant.trim()) {
        Ok(irritant) => {
            wishes::state(
                &state.app,
                &ctx.actor(),
                Side::Company,
                irritant,
                id,
                &form.input(),
            )
            .await
        }
        Err(_) => Err(passerelle_app::Error::NotFound),
    };
    match result {
        Ok(outcome) => {
            stated(&ctx, &outcome).await?;
            Ok(Redirect::to(&back(
                &urls::company_recommendations(id),
                &form.page,
                form.irritant.trim(),
            ))
            .into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let view = company_view(
                &state,
                &ctx,
                id,
                None,
                page,
                errors,
                form.irritant.trim().into(),
            )
            .await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(passerelle_app::Error::Denied(Denied::WrongPhase)) => {
            let mut errors = Errors::default();
            errors.add("level", ctx.lang.t("wishes-closed"));
            let view = company_view(
                &state,
                &ctx,
                id,
                None,
                page,
                errors,
                form.irritant.trim().into(),
            )
            .await?;
            html_status(StatusCode::FORBIDDEN, view)
        }
        Err(e) => Err(e.into()),
    }
}

pub struct EntryLink {
    pub label: String,
    pub detail: String,
    pub link: String,
}

#[derive(Template)]
#[template(path = "wishes/entry.html")]
struct EntryPage {
    page: Page,
    edition: Option<String>,
    window: Option<String>,
    irritants: Vec<EntryLink>,
    companies: Vec<EntryLink>,
    organiser: bool,
}

/// Each member's way in: their institution's published irritants and their companies, in the current
/// edition.
pub async fn entry(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let lang = ctx.lang;
    let edition = passerelle_app::editions::current(&state.app).await?;
    let mut irritants = Vec::new();
    let mut companies = Vec::new();
    if let Some(e) = &edition {
        let institutions = user.organisations_with(Role::InstitutionMember);
        if !institutions.is_empty() {
            for i in state
                .storage
                .list_irritants(&IrritantFilter::public(e.id))
                .await
                .map_err(AppError::internal)?
                .into_iter()
                .filter(|i| institutions.contains(&i.institution.id))
            {
                irritants.push(EntryLink {
                    label: i.content.title.as_str().to_string(),
                    detail: i.institution.name.as_str().to_string(),
                    link: urls::irritant_recommendations(i.id),
                });
            }
        }
        for c in user.organisations_with(Role::CompanyMember) {
            if let Some(o) = state
                .storage
                .get_organisation(c)
                .await
                .map_err(AppError::internal)?
            {
                companies.push(EntryLink {
                    label: o.name.as_str().to_string(),
                    detail: String::new(),
                    link: urls::company_recommendations(o.id),
                });
            }
        }
    }
    let window = edition
        .as_ref()
        .map(|e| window_text(lang, wishes::window(e, state.app.now().date()), e));
    html(EntryPage {
        page: ctx.page("wishes-title", "wishes"),
        edition: edition.map(|e| e.title.as_str().to_string()),
        window,
        irritants,
        companies,
        organiser: user.has_role(Role::Organiser),
    })
}
