//! What the scheduling must respect, before the run: each participant marks the slots it cannot attend
//! (and whether it needs a step-free table), and the organisers fix a meeting to a slot or a table, lock
//! it, or set an order between two meetings.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::schedule::{self, AvailabilityInput, RuleInput};
use passerelle_domain::{Action, Context, EditionId, MeetingId, Role};
use passerelle_storage::Meeting;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::validation;
use crate::views::{Choice, Errors, Form, Page, html, html_status};

pub fn routes() -> Routes {
    Routes::new()
        .get_post(urls::AVAILABILITY, availability, save_availability)
        .get_post("/console/editions/{id}/journee/regles", rules, set_rule)
        .post(
            "/console/editions/{id}/journee/regles/ordre",
            remove_precedence,
        )
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

fn rules_url(id: EditionId) -> String {
    format!("{}/{id}/journee/regles", urls::CONSOLE_EDITIONS)
}

// ---------------------------------------------------------------------------------------------------
// Participants' unavailability

pub struct ParticipantForm {
    pub code: String,
    pub label: String,
    pub slots: Vec<Choice>,
    pub step_free: bool,
}

#[derive(Template)]
#[template(path = "day/availability.html")]
struct AvailabilityPage {
    page: Page,
    edition: String,
    /// The set-up exists (slots can be chosen).
    ready: bool,
    open: bool,
    participants: Vec<ParticipantForm>,
    errors: Errors,
    errors_for: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AvailabilityForm {
    pub participant: String,
    pub unavailable: Vec<String>,
    pub step_free: String,
}

async fn availability_page(
    state: &AppState,
    ctx: &Ctx,
    typed: Option<&AvailabilityForm>,
    errors: Errors,
) -> Result<AvailabilityPage, AppError> {
    ctx.require_user()?;
    let lang = ctx.lang;
    let (setup, stated) = schedule::availability(&state.app, &ctx.actor()).await?;
    let mut page = AvailabilityPage {
        page: ctx.page("day-availability-title", "agenda"),
        edition: String::new(),
        ready: false,
        open: false,
        participants: Vec::new(),
        errors,
        errors_for: typed.map(|f| f.participant.clone()).unwrap_or_default(),
    };
    let Some(setup) = setup else {
        return Ok(page);
    };
    page.edition = setup.edition.title.as_str().to_string();
    page.ready = setup.plan.is_some();
    page.participants = stated
        .iter()
        .map(|a| {
            let code = schedule::participant_code(a.named.participant);
            let typed = typed.filter(|f| f.participant == code);
            ParticipantForm {
                slots: setup
                    .slots
                    .iter()
                    .map(|s| {
                        let value = s.start.unix_timestamp().to_string();
                        Choice {
                            label: present::slot(lang, s.start, s.end),
                            selected: match typed {
                                Some(f) => f.unavailable.contains(&value),
                                None => a.unavailable.contains(&s.start.unix_timestamp()),
                            },
                            value,
                        }
                    })
                    .collect(),
                step_free: typed.map_or(a.step_free, |f| !f.step_free.is_empty()),
                label: a.named.label.clone(),
                code,
            }
        })
        .collect();
    // Still open to the participants in this phase (the organisers may change it later for them).
    let actor = ctx.actor();
    let owner = [Role::InstitutionMember, Role::CompanyMember]
        .into_iter()
        .flat_map(|r| actor.organisations_with(r))
        .next();
    page.open = page.ready
        && ctx.can(
            Action::StateAvailability,
            &Context {
                phase: Some(setup.edition.phase),
                owner,
                ..Context::default()
            },
        );
    Ok(page)
}

pub async fn availability(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    html(availability_page(&state, &ctx, None, Errors::default()).await?)
}

pub async fn save_availability(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AvailabilityForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let input = AvailabilityInput {
        participant: form.participant.clone(),
        unavailable: form.unavailable.clone(),
        step_free: !form.step_free.is_empty(),
    };
    match schedule::save_availability(&state.app, &ctx.actor(), input).await {
        Ok(_) => {
            ctx.flash("day-availability-saved").await?;
            Ok(Redirect::to(urls::AVAILABILITY).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = availability_page(&state, &ctx, Some(&form), errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------------
// Organisers' rules

pub struct RuleRow {
    pub id: String,
    pub name: String,
    pub slot: String,
    pub table: String,
    pub locked: bool,
}

pub struct OrderRow {
    pub before_id: String,
    pub after_id: String,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "day/rules.html")]
struct RulesPage {
    page: Page,
    edition_id: String,
    can_edit: bool,
    meetings: Vec<Choice>,
    befores: Vec<Choice>,
    slots: Vec<Choice>,
    tables: Vec<Choice>,
    locked: bool,
    rules: Vec<RuleRow>,
    orders: Vec<OrderRow>,
    errors: Errors,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RuleForm {
    pub meeting: String,
    pub fixed_slot: String,
    pub fixed_table: String,
    pub locked: String,
    pub after: String,
}

/// "Company — irritant (institution)".
fn meeting_name(m: &Meeting) -> String {
    format!(
        "{} — {} ({})",
        m.company.name.as_str(),
        m.irritant_title.as_str(),
        m.institution.name.as_str()
    )
}

async fn rules_page(
    state: &AppState,
    ctx: &Ctx,
    id: EditionId,
    typed: Option<&RuleForm>,
    errors: Errors,
) -> Result<RulesPage, AppError> {
    let lang = ctx.lang;
    let r = schedule::rules(&state.app, &ctx.actor(), id).await?;
    let edition = &r.setup.edition;
    let typed_or = |f: fn(&RuleForm) -> &String| typed.map(f).cloned().unwrap_or_default();
    let (meeting, slot, table, after) = (
        typed_or(|f| &f.meeting),
        typed_or(|f| &f.fixed_slot),
        typed_or(|f| &f.fixed_table),
        typed_or(|f| &f.after),
    );
    let choices = |picked: &str| -> Vec<Choice> {
        r.meetings
            .iter()
            .map(|m| Choice {
                value: m.id.to_string(),
                label: meeting_name(m),
                selected: m.id.to_string() == picked,
            })
            .collect()
    };
    let name_of = |id: &MeetingId| {
        r.meetings
            .iter()
            .find(|m| m.id == *id)
            .map(meeting_name)
            .unwrap_or_default()
    };
    let slot_label = |t: time::OffsetDateTime| {
        r.setup
            .slots
            .iter()
            .find(|s| s.start == t)
            .map(|s| present::slot(lang, s.start, s.end))
            .unwrap_or_default()
    };
    let table_label = |t: passerelle_domain::TableId| {
        r.setup
            .tables
            .iter()
            .find(|x| x.id == t)
            .map(|x| x.name.as_str().to_string())
            .unwrap_or_default()
    };
    Ok(RulesPage {
        page: ctx.page_titled(
            lang.t_args(
                "day-rules-title",
                &[("edition", edition.title.as_str().to_string())],
            ),
            "console",
        ),
        edition_id: id.to_string(),
        can_edit: ctx.can(
            Action::ManageDaySetup,
            &Context {
                phase: Some(edition.phase),
                ..Context::default()
            },
        ),
        meetings: choices(&meeting),
        befores: choices(&after),
        slots: r
            .setup
            .slots
            .iter()
            .map(|s| {
                let value = s.start.unix_timestamp().to_string();
                Choice {
                    label: present::slot(lang, s.start, s.end),
                    selected: value == slot,
                    value,
                }
            })
            .collect(),
        tables: r
            .setup
            .tables
            .iter()
            .map(|t| Choice {
                value: t.id.to_string(),
                label: t.name.as_str().to_string(),
                selected: t.id.to_string() == table,
            })
            .collect(),
        locked: typed.is_some_and(|f| !f.locked.is_empty()),
        rules: r
            .rules
            .iter()
            .map(|(m, rule)| RuleRow {
                id: m.to_string(),
                name: name_of(m),
                slot: rule.fixed_slot.map(slot_label).unwrap_or_default(),
                table: rule.fixed_table.map(table_label).unwrap_or_default(),
                locked: rule.locked,
            })
            .collect(),
        orders: r
            .precedences
            .iter()
            .map(|(b, a)| OrderRow {
                before_id: b.to_string(),
                after_id: a.to_string(),
                before: name_of(b),
                after: name_of(a),
            })
            .collect(),
        errors,
    })
}

pub async fn rules(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    html(rules_page(&state, &ctx, id, None, Errors::default()).await?)
}

pub async fn set_rule(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RuleForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let result = match MeetingId::parse(&form.meeting) {
        Ok(meeting) => {
            let input = RuleInput {
                fixed_slot: form.fixed_slot.clone(),
                fixed_table: form.fixed_table.clone(),
                locked: !form.locked.is_empty(),
                after: form.after.clone(),
            };
            schedule::set_rule(&state.app, &ctx.actor(), meeting, input)
                .await
                .map(|_| ())
        }
        Err(e) => Err(passerelle_app::Error::invalid(
            "meeting",
            passerelle_app::Problem::Validation(e),
        )),
    };
    match result {
        Ok(()) => {
            ctx.flash("day-rule-saved").await?;
            Ok(Redirect::to(&rules_url(id)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = rules_page(&state, &ctx, id, Some(&form), errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OrderForm {
    pub before: String,
    pub after: String,
}

pub async fn remove_precedence(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<OrderForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    let parse = |raw: &str| MeetingId::parse(raw).map_err(|_| AppError::NotFound);
    let (before, after) = (parse(&form.before)?, parse(&form.after)?);
    schedule::remove_precedence(&state.app, &ctx.actor(), before, after).await?;
    ctx.flash("day-order-removed").await?;
    Ok(Redirect::to(&rules_url(id)).into_response())
}
