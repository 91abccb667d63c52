//! Meetings: each participant's page of proposals to answer and confirmed meetings (with the other
//! side's contacts once both accepted), and the organisers' list of an edition's meetings where they
//! impose one.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::meetings::{self, AnswerInput};
use passerelle_domain::{
    Answer, DeclineReason, EditionId, MeetingId, MeetingStatus, ParticipationStatus, Role, Side,
};
use passerelle_storage::{IrritantFilter, Meeting};
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
        .get(urls::MEETINGS, mine)
        .post("/rencontres/{id}/accepter", accept)
        .post("/rencontres/{id}/decliner", decline)
        .get_post(
            "/console/editions/{id}/rencontres",
            edition_meetings,
            impose_pair,
        )
        .post("/console/rencontres/{id}/imposer", impose)
}

fn meeting_id(raw: &str) -> Result<MeetingId, AppError> {
    MeetingId::parse(raw).map_err(|_| AppError::NotFound)
}

pub struct MeetingRow {
    pub id: String,
    pub version: i64,
    pub irritant_id: String,
    pub irritant: String,
    pub other: String,
    pub other_link: Option<String>,
    pub status: String,
    pub mine: String,
    pub theirs: String,
    pub can_answer: bool,
    pub reason: Option<String>,
    /// The other side's people (name, e-mail), once both sides confirmed.
    pub contacts: Vec<(String, String)>,
}

fn answer_label(lang: Lang, a: Answer) -> String {
    lang.t(&format!("answer-{}", a.as_str()))
}

fn reason_text(lang: Lang, m: &Meeting) -> Option<String> {
    m.reason.as_ref().map(|(r, side)| {
        let mut text = lang.t(&format!("decline-reason-{}", r.code.as_str()));
        if let Some(c) = &r.comment {
            text = format!("{text} — {}", c.as_str());
        }
        match side {
            Some(s) => format!("{} : {text}", lang.t(&format!("side-{}", s.as_str())))
                .replace(" :", if lang == Lang::Fr { "\u{a0}:" } else { ":" }),
            None => text,
        }
    })
}

#[derive(Template)]
#[template(path = "meetings/mine.html")]
struct MinePage {
    page: Page,
    edition: Option<String>,
    answering: bool,
    rows: Vec<MeetingRow>,
    reasons: Vec<Choice>,
    errors: Errors,
    errors_for: String,
}

fn reasons(lang: Lang) -> Vec<Choice> {
    DeclineReason::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_string(),
            label: lang.t(&format!("decline-reason-{}", r.as_str())),
            selected: false,
        })
        .collect()
}

async fn mine_page(
    state: &AppState,
    ctx: &Ctx,
    errors: Errors,
    errors_for: String,
) -> Result<MinePage, AppError> {
    let actor = ctx.actor();
    let (edition, list) = meetings::mine(&state.app, &actor).await?;
    let lang = ctx.lang;
    let mut rows = Vec::new();
    for m in &list {
        let side = meetings::side_of(&actor, m).unwrap_or(Side::Institution);
        let other = match side {
            Side::Institution => m.company.clone(),
            Side::Company => m.institution.clone(),
        };
        let role = match side {
            Side::Institution => Role::CompanyMember,
            Side::Company => Role::InstitutionMember,
        };
        let contacts = if m.state.status.is_confirmed() || m.state.status == MeetingStatus::Held {
            state
                .storage
                .organisation_members(other.id)
                .await
                .map_err(AppError::internal)?
                .into_iter()
                .filter(|(_, r)| *r == role)
                .map(|(u, _)| {
                    (
                        u.display_name.as_str().to_string(),
                        u.email.as_str().to_string(),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        rows.push(MeetingRow {
            id: m.id.to_string(),
            version: m.version,
            irritant_id: m.irritant_id.to_string(),
            irritant: m.irritant_title.as_str().to_string(),
            other: other.name.as_str().to_string(),
            // Institutions see the company's page; companies have no page of an institution to see.
            other_link: (side == Side::Institution).then(|| urls::company(other.id)),
            status: present::meeting_label(lang, m.state.status),
            mine: answer_label(lang, m.state.answer(side)),
            theirs: answer_label(lang, m.state.answer(side.other())),
            can_answer: m.state.status == MeetingStatus::Proposed
                && m.state.answer(side) == Answer::Pending,
            reason: reason_text(lang, m),
            contacts,
        });
    }
    let answering = edition
        .as_ref()
        .is_some_and(|e| e.phase == passerelle_domain::Phase::Matching);
    Ok(MinePage {
        page: ctx.page("meetings-title", "meetings"),
        edition: edition.map(|e| e.title.as_str().to_string()),
        answering,
        rows,
        reasons: reasons(lang),
        errors,
        errors_for,
    })
}

pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    html(mine_page(&state, &ctx, Errors::default(), String::new()).await?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    pub version: String,
    pub reason: String,
    pub comment: String,
}

async fn answer(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    accept: bool,
    form: AnswerForm,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let id = meeting_id(id)?;
    let input = AnswerInput {
        accept,
        reason: form.reason,
        comment: form.comment,
        version: form.version,
    };
    match meetings::answer(&state.app, &ctx.actor(), id, input).await {
        Ok(m) => {
            ctx.flash(match m.state.status {
                MeetingStatus::Accepted => "meeting-confirmed",
                MeetingStatus::Declined => "meeting-declined",
                _ => "meeting-accepted-waiting",
            })
            .await?;
            Ok(Redirect::to(urls::MEETINGS).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = mine_page(state, ctx, errors, id.to_string()).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(passerelle_app::Error::Conflict(c)) if c.key == "stale-meeting" => {
            ctx.flash("meeting-stale").await?;
            Ok(Redirect::to(urls::MEETINGS).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    answer(&state, &ctx, &id, true, form).await
}

pub async fn decline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    answer(&state, &ctx, &id, false, form).await
}

pub struct ConsoleRow {
    pub id: String,
    pub irritant: String,
    pub institution: String,
    pub company: String,
    pub company_link: String,
    pub status: String,
    pub answers: String,
    pub reason: Option<String>,
    pub can_impose: bool,
}

#[derive(Template)]
#[template(path = "meetings/console.html")]
struct ConsolePage {
    page: Page,
    edition_id: String,
    edition: String,
    rows: Vec<ConsoleRow>,
    counts: Vec<String>,
    irritants: Vec<Choice>,
    companies: Vec<Choice>,
    errors: Errors,
}

async fn console_page(
    state: &AppState,
    ctx: &Ctx,
    id: EditionId,
    errors: Errors,
) -> Result<ConsolePage, AppError> {
    let (edition, list) = meetings::of_edition(&state.app, &ctx.actor(), id).await?;
    let lang = ctx.lang;
    let mut counts = Vec::new();
    for status in MeetingStatus::ALL {
        let n = list.iter().filter(|m| m.state.status == *status).count();
        if n > 0 {
            counts.push(
                format!("{} : {n}", present::meeting_label(lang, *status))
                    .replace(" :", if lang == Lang::Fr { "\u{a0}:" } else { ":" }),
            );
        }
    }
    let rows = list
        .iter()
        .map(|m| ConsoleRow {
            id: m.id.to_string(),
            irritant: m.irritant_title.as_str().to_string(),
            institution: m.institution.name.as_str().to_string(),
            company: m.company.name.as_str().to_string(),
            company_link: urls::company(m.company.id),
            status: present::meeting_label(lang, m.state.status),
            answers: format!(
                "{} / {}",
                answer_label(lang, m.state.institution),
                answer_label(lang, m.state.company)
            ),
            reason: reason_text(lang, m),
            can_impose: matches!(
                m.state.status,
                MeetingStatus::Proposed | MeetingStatus::Declined
            ),
        })
        .collect();
    let irritants = state
        .storage
        .list_irritants(&IrritantFilter::public(id))
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .map(|i| Choice {
            value: i.id.to_string(),
            label: i.content.title.as_str().to_string(),
            selected: false,
        })
        .collect();
    let companies = state
        .storage
        .list_participations(id, Some(ParticipationStatus::Validated))
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .map(|p| Choice {
            value: p.company.id.to_string(),
            label: p.company.name.as_str().to_string(),
            selected: false,
        })
        .collect();
    Ok(ConsolePage {
        page: ctx.page("meetings-console-title", "console"),
        edition_id: id.to_string(),
        edition: edition.title.as_str().to_string(),
        rows,
        counts,
        irritants,
        companies,
        errors,
    })
}

pub async fn edition_meetings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = EditionId::parse(&id).map_err(|_| AppError::NotFound)?;
    html(console_page(&state, &ctx, id, Errors::default()).await?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PairForm {
    pub irritant: String,
    pub company: String,
}

pub async fn impose_pair(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<PairForm>,
) -> Result<Response, AppError> {
    let id = EditionId::parse(&id).map_err(|_| AppError::NotFound)?;
    match meetings::impose_pair(&state.app, &ctx.actor(), id, &form.irritant, &form.company).await {
        Ok(_) => {
            ctx.flash("meeting-imposed").await?;
            Ok(Redirect::to(&urls::console_meetings(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = console_page(&state, &ctx, id, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(passerelle_app::Error::Conflict(c)) if c.key == "meeting-exists" => {
            let mut errors = Errors::default();
            errors.add("irritant", ctx.lang.t("meeting-exists"));
            let page = console_page(&state, &ctx, id, errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn impose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let m = meetings::impose(&state.app, &ctx.actor(), meeting_id(&id)?).await?;
    ctx.flash("meeting-imposed").await?;
    Ok(Redirect::to(&urls::console_meetings(m.edition_id)).into_response())
}
