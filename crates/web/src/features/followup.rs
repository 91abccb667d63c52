//! The follow-up (issue 10): each side's opportunities (and a business manager's pipeline's), one
//! opportunity's page with its moves, amounts and history, and the organisers' pipeline board per edition.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::opportunities::{self, AmountsInput, MoveInput, Totals};
use passerelle_app::six_months::{self, AnswerInput, Completion};
use passerelle_domain::{
    Amounts, EditionId, Euros, Mover, OpportunityId, OpportunityMove, OpportunityStatus, Outcome,
    Phase, Side,
};
use passerelle_storage::Opportunity;
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
        .get(urls::FOLLOW_UP, mine)
        .post(urls::FOLLOW_UP_OPEN, open)
        .get("/suivi/{id}", show)
        .post("/suivi/{id}/etape", make_move)
        .post("/suivi/{id}/montants", set_amounts)
        .get("/console/editions/{id}/suivi", board)
        .get_post("/suivi/six-mois/{id}", six_month_form, six_month_answer)
}

fn opportunity_id(raw: &str) -> Result<OpportunityId, AppError> {
    OpportunityId::parse(raw).map_err(|_| AppError::NotFound)
}

fn status_label(lang: Lang, status: OpportunityStatus) -> String {
    lang.t(&format!("opportunity-status-{}", status.as_str()))
}

fn money(lang: Lang, e: Option<Euros>) -> String {
    e.map_or_else(
        || lang.t("opportunity-amount-unknown"),
        |e| format::money(lang, e.value()),
    )
}

/// A line of a list of opportunities.
pub struct Row {
    pub id: String,
    pub irritant: String,
    pub institution: String,
    pub company: String,
    pub status: String,
    pub estimated_cost: String,
    pub granted: String,
    pub updated: String,
}

fn row(lang: Lang, o: &Opportunity) -> Row {
    Row {
        id: o.id.to_string(),
        irritant: o.irritant_title.as_str().to_string(),
        institution: o.institution_name.as_str().to_string(),
        company: o.company_name.as_str().to_string(),
        status: status_label(lang, o.status),
        estimated_cost: money(lang, o.amounts.estimated_cost),
        granted: money(lang, o.amounts.granted),
        updated: present::date(lang, o.updated_at.date()),
    }
}

/// A held meeting that may be followed up by hand.
pub struct Openable {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "followup/mine.html")]
struct MinePage {
    page: Page,
    rows: Vec<Row>,
    openable: Vec<Openable>,
    six_months: Vec<Openable>,
}

pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let actor = ctx.actor();
    if user.has_role(passerelle_domain::Role::Organiser) {
        // Organisers follow every opportunity on an edition's board.
        let editions = state
            .storage
            .list_editions()
            .await
            .map_err(AppError::internal)?;
        let after_day = editions
            .iter()
            .filter(|e| e.phase >= Phase::EventDay)
            .max_by_key(|e| e.dates.first_day());
        if let Some(e) = after_day {
            return Ok(Redirect::to(&urls::follow_up_board(e.id)).into_response());
        }
        return Ok(Redirect::to(urls::CONSOLE_EDITIONS).into_response());
    }
    let listing = opportunities::list(&state.app, &actor).await?;
    let lang = ctx.lang;
    let label = |m: &passerelle_storage::Meeting| Openable {
        id: m.id.to_string(),
        label: format!(
            "{} — {} / {}",
            m.irritant_title.as_str(),
            m.institution.name.as_str(),
            m.company.name.as_str()
        ),
    };
    let six_months = listing.six_months.iter().map(label).collect();
    let openable = listing.openable.iter().map(label).collect();
    html(MinePage {
        page: ctx.page("followup-title", "followup"),
        rows: listing.opportunities.iter().map(|o| row(lang, o)).collect(),
        openable,
        six_months,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OpenForm {
    pub meeting: String,
}

pub async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<OpenForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = opportunities::open(&state.app, &ctx.actor(), &form.meeting).await?;
    ctx.flash("followup-opened").await?;
    Ok(Redirect::to(&urls::opportunity(id)).into_response())
}

/// One step of the history.
pub struct Step {
    pub date: String,
    pub what: String,
    pub by: String,
    pub comment: Option<String>,
}

/// The amounts' fields as shown or typed back.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AmountsForm {
    pub estimated_cost: String,
    pub requested: String,
    pub granted: String,
    pub co_funding: String,
    /// Beside the move's comment on the same page: its own name.
    #[serde(rename = "amounts_comment")]
    pub comment: String,
    pub version: String,
}

impl AmountsForm {
    fn of(a: &Amounts) -> AmountsForm {
        let v = |e: Option<Euros>| e.map(|e| e.value().to_string()).unwrap_or_default();
        AmountsForm {
            estimated_cost: v(a.estimated_cost),
            requested: v(a.requested),
            granted: v(a.granted),
            co_funding: v(a.co_funding),
            ..AmountsForm::default()
        }
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct MoveForm {
    pub action: String,
    pub comment: String,
    pub version: String,
}

#[derive(Template)]
#[template(path = "followup/show.html")]
struct ShowPage {
    page: Page,
    id: String,
    version: i64,
    irritant_id: String,
    irritant: String,
    institution: String,
    company: String,
    edition: String,
    status: String,
    origin: String,
    acting_as: Option<String>,
    amounts: Vec<(String, String)>,
    steps: Vec<Step>,
    moves: Vec<Choice>,
    can_edit_amounts: bool,
    frozen: bool,
    move_form: MoveForm,
    amounts_form: AmountsForm,
    errors: Errors,
}

async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    id: OpportunityId,
    move_form: Option<MoveForm>,
    amounts_form: Option<AmountsForm>,
    errors: Errors,
) -> Result<ShowPage, AppError> {
    let view = opportunities::view(&state.app, &ctx.actor(), id).await?;
    let lang = ctx.lang;
    let o = &view.opportunity;
    let a = &o.amounts;
    let amounts = vec![
        (
            lang.t("opportunity-field-estimated-cost"),
            money(lang, a.estimated_cost),
        ),
        (
            lang.t("opportunity-field-requested"),
            money(lang, a.requested),
        ),
        (lang.t("opportunity-field-granted"), money(lang, a.granted)),
        (
            lang.t("opportunity-field-co-funding"),
            money(lang, a.co_funding),
        ),
    ];
    let steps = view
        .events
        .iter()
        .map(|e| {
            let what = match OpportunityMove::parse(&e.action) {
                Ok(_) => lang.t_args(
                    "opportunity-step-moved",
                    &[("status", status_label(lang, e.to))],
                ),
                Err(_) => lang.t(&format!("opportunity-step-{}", e.action)),
            };
            let what = match &e.amounts {
                Some(a) => format!(
                    "{} ({})",
                    what,
                    [
                        ("opportunity-field-estimated-cost", a.estimated_cost),
                        ("opportunity-field-requested", a.requested),
                        ("opportunity-field-granted", a.granted),
                        ("opportunity-field-co-funding", a.co_funding),
                    ]
                    .iter()
                    .map(|(k, v)| format!("{}{} {}", lang.t(k), colon(lang), money(lang, *v)))
                    .collect::<Vec<_>>()
                    .join(", ")
                ),
                None => what,
            };
            Step {
                date: present::moment(lang, e.occurred_at),
                what,
                by: e
                    .mover
                    .map(|m| mover_label(lang, m))
                    .unwrap_or_else(|| lang.t("opportunity-by-ratings")),
                comment: e.comment.as_ref().map(|c| c.as_str().to_string()),
            }
        })
        .collect();
    let move_form = move_form.unwrap_or_else(|| MoveForm {
        version: o.version.to_string(),
        ..MoveForm::default()
    });
    let moves = view
        .moves
        .iter()
        .map(|m| Choice {
            value: m.as_str().to_string(),
            label: lang.t(&format!("opportunity-move-{}", m.as_str())),
            selected: move_form.action == m.as_str(),
        })
        .collect();
    let amounts_form = amounts_form.unwrap_or_else(|| AmountsForm {
        version: o.version.to_string(),
        ..AmountsForm::of(a)
    });
    Ok(ShowPage {
        page: ctx.page_titled(
            lang.t_args(
                "opportunity-title",
                &[("irritant", o.irritant_title.as_str().to_string())],
            ),
            "followup",
        ),
        id: o.id.to_string(),
        version: o.version,
        irritant_id: o.irritant_id.to_string(),
        irritant: o.irritant_title.as_str().to_string(),
        institution: o.institution_name.as_str().to_string(),
        company: o.company_name.as_str().to_string(),
        edition: view.edition.title.as_str().to_string(),
        status: status_label(lang, o.status),
        origin: lang.t(&format!("opportunity-origin-{}", o.origin.as_str())),
        acting_as: view.mover.map(|m| mover_label(lang, m)),
        amounts,
        steps,
        moves,
        can_edit_amounts: view.can_edit_amounts,
        frozen: view.edition.phase == Phase::Closed,
        move_form,
        amounts_form,
        errors,
    })
}

fn colon(lang: Lang) -> &'static str {
    if lang == Lang::Fr { "\u{a0}:" } else { ":" }
}

fn mover_label(lang: Lang, m: Mover) -> String {
    lang.t(&format!("opportunity-mover-{}", m.as_str()))
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = opportunity_id(&id)?;
    html(show_page(&state, &ctx, id, None, None, Errors::default()).await?)
}

/// The page again with the use case's field problems, or the refusal as its page.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    id: OpportunityId,
    e: passerelle_app::Error,
    forms: (Option<MoveForm>, Option<AmountsForm>),
) -> Result<Response, AppError> {
    match e {
        passerelle_app::Error::Invalid(invalid) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = show_page(state, ctx, id, forms.0, forms.1, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        passerelle_app::Error::Conflict(c) if c.key == "stale-opportunity" => {
            ctx.flash("opportunity-stale").await?;
            Ok(Redirect::to(&urls::opportunity(id)).into_response())
        }
        e => Err(e.into()),
    }
}

pub async fn make_move(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = opportunity_id(&id)?;
    let input = MoveInput {
        action: form.action.clone(),
        comment: form.comment.clone(),
        version: form.version.clone(),
    };
    match opportunities::make_move(&state.app, &ctx.actor(), id, input).await {
        Ok(_) => {
            ctx.flash("opportunity-moved").await?;
            Ok(Redirect::to(&urls::opportunity(id)).into_response())
        }
        Err(e) => refused(&state, &ctx, id, e, (Some(form), None)).await,
    }
}

pub async fn set_amounts(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AmountsForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = opportunity_id(&id)?;
    let input = AmountsInput {
        estimated_cost: form.estimated_cost.clone(),
        requested: form.requested.clone(),
        granted: form.granted.clone(),
        co_funding: form.co_funding.clone(),
        comment: form.comment.clone(),
        version: form.version.clone(),
    };
    match opportunities::set_amounts(&state.app, &ctx.actor(), id, input).await {
        Ok(_) => {
            ctx.flash("opportunity-amounts-saved").await?;
            Ok(Redirect::to(&urls::opportunity(id)).into_response())
        }
        Err(e) => refused(&state, &ctx, id, e, (None, Some(form))).await,
    }
}

/// A column of the board.
pub struct Column {
    pub key: String,
    pub status: String,
    pub rows: Vec<Row>,
    pub totals: Vec<(String, String)>,
}

fn totals(lang: Lang, t: &Totals) -> Vec<(String, String)> {
    vec![
        (
            lang.t("opportunity-field-estimated-cost"),
            format::money(lang, t.estimated_cost),
        ),
        (
            lang.t("opportunity-field-requested"),
            format::money(lang, t.requested),
        ),
        (
            lang.t("opportunity-field-granted"),
            format::money(lang, t.granted),
        ),
        (
            lang.t("opportunity-field-co-funding"),
            format::money(lang, t.co_funding),
        ),
    ]
}

/// A line of the six-month rating's completion: who, asked, reminded, answered, rate.
pub struct CompletionRow {
    pub who: String,
    pub asked: usize,
    pub reminded: usize,
    pub answered: usize,
    pub rate: String,
}

fn completion_row(lang: Lang, who: &str, c: &Completion) -> CompletionRow {
    CompletionRow {
        who: lang.t(who),
        asked: c.asked,
        reminded: c.reminded,
        answered: c.answered,
        rate: c.rate().map_or_else(
            || "—".to_string(),
            |r| {
                if lang == Lang::Fr {
                    format!("{r}\u{202f}%")
                } else {
                    format!("{r}%")
                }
            },
        ),
    }
}

#[derive(Template)]
#[template(path = "followup/board.html")]
struct BoardPage {
    page: Page,
    columns: Vec<Column>,
    count: i64,
    overall: Vec<(String, String)>,
    six_months_due: String,
    completion: Vec<CompletionRow>,
}

pub async fn board(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = EditionId::parse(&id).map_err(|_| AppError::NotFound)?;
    let board = opportunities::board(&state.app, &ctx.actor(), id).await?;
    let completion = six_months::completion(&state.app, &ctx.actor(), id).await?;
    let lang = ctx.lang;
    let columns = board
        .columns
        .iter()
        .map(|(status, list, t)| Column {
            key: status.as_str().to_string(),
            status: status_label(lang, *status),
            rows: list.iter().map(|o| row(lang, o)).collect(),
            totals: totals(lang, t),
        })
        .collect();
    html(BoardPage {
        page: ctx.page_titled(
            lang.t_args(
                "followup-board-title",
                &[("edition", board.edition.title.as_str().to_string())],
            ),
            "console",
        ),
        columns,
        count: board.overall.count as i64,
        overall: totals(lang, &board.overall),
        six_months_due: present::date(lang, completion.due.date()),
        completion: vec![
            completion_row(lang, "six-months-institutions", &completion.institutions),
            completion_row(lang, "six-months-companies", &completion.companies),
            completion_row(lang, "followup-board-all", &completion.overall),
        ],
    })
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SixMonthForm {
    pub outcome: String,
    pub amount: String,
    pub satisfaction: String,
    pub comment: String,
}

#[derive(Template)]
#[template(path = "followup/six_months.html")]
struct SixMonthPage {
    page: Page,
    id: String,
    other: String,
    outcomes: Vec<Choice>,
    scores: Vec<Choice>,
    form: SixMonthForm,
    answered: Option<String>,
    errors: Errors,
}

async fn six_month_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    form: Option<SixMonthForm>,
    errors: Errors,
) -> Result<SixMonthPage, AppError> {
    let f = six_months::form(&state.app, &ctx.actor(), id).await?;
    let lang = ctx.lang;
    let answered = f
        .previous
        .as_ref()
        .map(|p| present::moment(lang, p.answered_at));
    let form = form.unwrap_or_else(|| match &f.previous {
        Some(p) => SixMonthForm {
            outcome: p.answer.outcome.as_str().to_string(),
            amount: p
                .answer
                .amount
                .map(|a| a.value().to_string())
                .unwrap_or_default(),
            satisfaction: p.answer.satisfaction.value().to_string(),
            comment: p
                .answer
                .comment
                .as_ref()
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
        },
        None => SixMonthForm::default(),
    });
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| Choice {
            value: o.as_str().to_string(),
            label: lang.t(&format!("six-months-outcome-{}", o.as_str())),
            selected: form.outcome == o.as_str(),
        })
        .collect();
    let scores = (1..=5)
        .map(|n: u8| Choice {
            value: n.to_string(),
            label: lang.t(&format!("six-months-score-{n}")),
            selected: form.satisfaction == n.to_string(),
        })
        .collect();
    let other = match f.side {
        Side::Institution => f.meeting.company.name.as_str(),
        Side::Company => f.meeting.institution.name.as_str(),
    };
    Ok(SixMonthPage {
        page: ctx.page_titled(
            lang.t_args(
                "six-months-title",
                &[("irritant", f.meeting.irritant_title.as_str().to_string())],
            ),
            "followup",
        ),
        id: f.meeting.id.to_string(),
        other: other.to_string(),
        outcomes,
        scores,
        form,
        answered,
        errors,
    })
}

pub async fn six_month_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    html(six_month_page(&state, &ctx, &id, None, Errors::default()).await?)
}

pub async fn six_month_answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<SixMonthForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let input = AnswerInput {
        outcome: form.outcome.clone(),
        amount: form.amount.clone(),
        satisfaction: form.satisfaction.clone(),
        comment: form.comment.clone(),
    };
    match six_months::answer(&state.app, &ctx.actor(), &id, input).await {
        Ok(_) => {
            ctx.flash("six-months-thanks").await?;
            Ok(Redirect::to(urls::FOLLOW_UP).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = six_month_page(&state, &ctx, &id, Some(form), errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}
