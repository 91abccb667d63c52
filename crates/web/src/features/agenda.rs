//! The participant's day: the agenda page (printable, with the subscribable feed's secret address and its
//! reset), the feed itself, the mobile now/next page, held/no-show marks and the ratings of held meetings.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::agendas::{self, Agenda, Item};
use passerelle_app::ratings::RatingInput;
use passerelle_app::{day, ratings};
use passerelle_domain::day::in_paris;
use passerelle_domain::{Action, Context, Denied, FollowUp, MeetingId, Phase, Side};
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
        .get(urls::AGENDA, agenda)
        .post("/journee/agenda/flux", reset_feed)
        .get("/journee/flux/{token}", feed)
        .get(urls::NOW_NEXT, now_next)
        .post("/journee/rencontres/{id}/tenue", mark_held)
        .post("/journee/rencontres/{id}/absence", mark_no_show)
        .post("/journee/rencontres/{id}/note", rate)
}

fn meeting_id(raw: &str) -> Result<MeetingId, AppError> {
    MeetingId::parse(raw).map_err(|_| AppError::NotFound)
}

/// One meeting as the agenda and now/next show it.
pub struct Row {
    pub id: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub table: String,
    pub step_free: bool,
    pub counterpart: String,
    pub irritant: String,
    pub irritant_id: String,
    pub status: String,
    pub cancelled: bool,
    pub contacts: Vec<(String, String)>,
    pub can_mark: bool,
    pub can_rate: bool,
    pub rated: Option<String>,
    /// The rating form's values (the stored rating, or what was typed).
    pub score: String,
    pub follow_up: String,
    pub comment: String,
}

fn row(ctx: &Ctx, phase: Phase, item: &Item) -> Row {
    let lang = ctx.lang;
    let start = in_paris(item.start);
    let end = in_paris(item.end);
    let m = &item.meeting;
    let context = Context {
        phase: Some(phase),
        owner: Some(match item.side {
            Side::Institution => m.institution.id,
            Side::Company => m.company.id,
        }),
        meeting_status: Some(m.state.status),
        ..Context::default()
    };
    let rating = item.rating.as_ref().map(|r| &r.rating);
    Row {
        id: m.id.to_string(),
        date: format::date(lang, start.date()),
        start: format::time(lang, start.time()),
        end: format::time(lang, end.time()),
        table: item
            .table
            .as_ref()
            .map(|t| t.name.as_str().to_string())
            .unwrap_or_default(),
        step_free: item.table.as_ref().is_some_and(|t| t.step_free),
        counterpart: item.counterpart.clone(),
        irritant: m.irritant_title.as_str().to_string(),
        irritant_id: m.irritant_id.to_string(),
        status: if item.cancelled() {
            lang.t("day-agenda-cancelled")
        } else {
            present::meeting_label(lang, m.state.status)
        },
        cancelled: item.cancelled(),
        contacts: item.contacts.clone(),
        can_mark: !item.cancelled() && ctx.can(Action::MarkAttendance, &context),
        can_rate: ctx.can(Action::RateMeeting, &context),
        rated: rating.map(|r| {
            lang.t_args(
                "day-rating-given",
                &[
                    ("score", r.score.value().to_string()),
                    (
                        "follow_up",
                        lang.t(&format!("day-follow-up-{}", r.follow_up.as_str())),
                    ),
                ],
            )
        }),
        score: rating
            .map(|r| r.score.value().to_string())
            .unwrap_or_default(),
        follow_up: rating
            .map(|r| r.follow_up.as_str().to_string())
            .unwrap_or_default(),
        comment: rating
            .and_then(|r| r.comment.as_ref())
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
    }
}

fn follow_ups(lang: Lang) -> Vec<Choice> {
    FollowUp::ALL
        .iter()
        .map(|f| Choice {
            value: f.as_str().to_string(),
            label: lang.t(&format!("day-follow-up-{}", f.as_str())),
            selected: false,
        })
        .collect()
}

/// The agenda, or why there is none yet (no current edition, or its schedule is not published).
async fn load(state: &AppState, ctx: &Ctx) -> Result<Option<Agenda>, AppError> {
    ctx.require_user()?;
    match agendas::mine(&state.app, &ctx.actor()).await {
        Ok(a) => Ok(Some(a)),
        Err(passerelle_app::Error::NotFound)
        | Err(passerelle_app::Error::Denied(Denied::WrongPhase)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "day/agenda.html")]
struct AgendaPage {
    page: Page,
    edition: String,
    published: bool,
    rows: Vec<Row>,
    feed_url: String,
    checked_in: Option<String>,
    /// The person's check-in address and its QR code (inline SVG), for the desk on the day.
    check_in_url: String,
    check_in_qr: String,
    follow_ups: Vec<Choice>,
    errors: Errors,
    errors_for: String,
    /// Some held meeting can be rated now.
    rating: bool,
}

async fn agenda_page(
    state: &AppState,
    ctx: &Ctx,
    errors: Errors,
    errors_for: String,
    typed: Option<&RatingForm>,
) -> Result<AgendaPage, AppError> {
    let agenda = load(state, ctx).await?;
    let lang = ctx.lang;
    let mut page = AgendaPage {
        page: ctx.page("day-agenda-title", "agenda"),
        edition: String::new(),
        published: agenda.is_some(),
        rows: Vec::new(),
        feed_url: String::new(),
        checked_in: None,
        check_in_url: String::new(),
        check_in_qr: String::new(),
        follow_ups: follow_ups(lang),
        errors,
        errors_for,
        rating: false,
    };
    if let Some(a) = agenda {
        page.edition = a.edition.title.as_str().to_string();
        page.feed_url = state.app.link(&urls::feed(&a.feed_token));
        (page.check_in_url, page.check_in_qr) = day::check_in_code(&state.app, a.person.id);
        page.checked_in = a.checked_in.map(|t| {
            let t = in_paris(t);
            format::on_date_at(lang, t.date(), t.time())
        });
        page.rows = a
            .items
            .iter()
            .map(|i| {
                let mut r = row(ctx, a.edition.phase, i);
                if let Some(form) = typed.filter(|_| page.errors_for == r.id) {
                    r.score = form.score.clone();
                    r.follow_up = form.follow_up.clone();
                    r.comment = form.comment.clone();
                }
                r
            })
            .collect();
        page.rating = page.rows.iter().any(|r| r.can_rate);
    }
    Ok(page)
}

pub async fn agenda(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    html(agenda_page(&state, &ctx, Errors::default(), String::new(), None).await?)
}

pub async fn reset_feed(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    agendas::reset_feed(&state.app, &ctx.actor()).await?;
    ctx.flash("day-feed-reset-done").await?;
    Ok(Redirect::to(&format!("{}#flux", urls::AGENDA)).into_response())
}

/// The feed calendar apps fetch: no session, the secret address is the key (`….ics` accepted).
pub async fn feed(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let body = agendas::feed(&state.app, token).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-cache"),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "day/now_next.html")]
struct NowNextPage {
    page: Page,
    published: bool,
    current: Option<Row>,
    next: Option<Row>,
    later: i64,
    now: String,
}

pub async fn now_next(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let lang = ctx.lang;
    let mut page = NowNextPage {
        page: ctx.page("day-now-title", "agenda"),
        published: false,
        current: None,
        next: None,
        later: 0,
        now: String::new(),
    };
    match day::now_next(&state.app, &ctx.actor()).await {
        Ok(n) => {
            let phase = n.edition.phase;
            let t = in_paris(n.now);
            page.published = true;
            page.now = format::on_date_at(lang, t.date(), t.time());
            page.current = n.current.as_ref().map(|i| row(&ctx, phase, i));
            page.next = n.next.as_ref().map(|i| row(&ctx, phase, i));
            page.later = n.later as i64;
        }
        Err(passerelle_app::Error::NotFound)
        | Err(passerelle_app::Error::Denied(Denied::WrongPhase)) => {}
        Err(e) => return Err(e.into()),
    }
    html(page)
}

/// Where a mark returns to: the page it was sent from, among the three that show buttons (the
/// organisers' live board at the slot it showed).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MarkForm {
    pub back: String,
    /// The live board's slot (unix seconds); anything else shows the current slot.
    pub creneau: String,
}

fn back_to(form: &MarkForm, meeting: &passerelle_storage::Meeting) -> String {
    match form.back.as_str() {
        "maintenant" => urls::NOW_NEXT.to_string(),
        "tableau" => format!(
            "{}#m-{}",
            urls::day_board(meeting.edition_id, form.creneau.trim().parse().ok()),
            meeting.id
        ),
        _ => urls::AGENDA.to_string(),
    }
}

async fn mark(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    held: bool,
    form: MarkForm,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = meeting_id(id)?;
    let meeting = day::mark(&state.app, &ctx.actor(), id, held).await?;
    ctx.flash(if held {
        "day-marked-held"
    } else {
        "day-marked-no-show"
    })
    .await?;
    Ok(Redirect::to(&back_to(&form, &meeting)).into_response())
}

pub async fn mark_held(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MarkForm>,
) -> Result<Response, AppError> {
    mark(&state, &ctx, &id, true, form).await
}

pub async fn mark_no_show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MarkForm>,
) -> Result<Response, AppError> {
    mark(&state, &ctx, &id, false, form).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RatingForm {
    pub score: String,
    pub follow_up: String,
    pub comment: String,
}

pub async fn rate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RatingForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = meeting_id(&id)?;
    let input = RatingInput {
        score: form.score.clone(),
        follow_up: form.follow_up.clone(),
        comment: form.comment.clone(),
    };
    match ratings::rate(&state.app, &ctx.actor(), id, input).await {
        Ok(_) => {
            ctx.flash("day-rating-saved").await?;
            Ok(Redirect::to(&format!("{}#m-{id}", urls::AGENDA)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = agenda_page(&state, &ctx, errors, id.to_string(), Some(&form)).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}
