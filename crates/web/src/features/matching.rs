//! The organisers' matching runs: the runs of an edition and the form to start one, a run's page (its
//! progress, then the proposed pairs with the proof of optimality, the unmet minimums and must-meet
//! wishes with their reasons, the difference from the previous run), running again with pairs pinned,
//! removed or added, and publishing a run's proposals.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::matching::{self, RunInput, RunParams, RunResult, UnmetMust};
use passerelle_domain::{EditionId, IrritantId, OrganisationId, ParticipationStatus, RunId};
use passerelle_storage::{IrritantFilter, JobStatus, MatchingRun, RunStatus};
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
        .get_post("/console/editions/{id}/mise-en-relation", runs, start)
        .get("/console/mise-en-relation/{run}", show)
        .post("/console/mise-en-relation/{run}/publier", publish)
}

/// Names of an edition's published irritants and validated companies.
struct Names {
    irritants: Vec<(IrritantId, String)>,
    companies: Vec<(OrganisationId, String)>,
}

impl Names {
    async fn load(state: &AppState, edition: EditionId) -> Result<Names, AppError> {
        let irritants = state
            .storage
            .list_irritants(&IrritantFilter::public(edition))
            .await
            .map_err(AppError::internal)?
            .into_iter()
            .map(|i| (i.id, i.content.title.as_str().to_string()))
            .collect();
        let companies = state
            .storage
            .list_participations(edition, Some(ParticipationStatus::Validated))
            .await
            .map_err(AppError::internal)?
            .into_iter()
            .map(|p| (p.company.id, p.company.name.as_str().to_string()))
            .collect();
        Ok(Names {
            irritants,
            companies,
        })
    }

    fn irritant(&self, id: IrritantId) -> String {
        self.irritants
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }

    fn company(&self, id: OrganisationId) -> String {
        self.companies
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }

    fn irritant_choices(&self) -> Vec<Choice> {
        self.irritants
            .iter()
            .map(|(id, n)| Choice {
                value: id.to_string(),
                label: n.clone(),
                selected: false,
            })
            .collect()
    }

    fn company_choices(&self, chosen: &str) -> Vec<Choice> {
        self.companies
            .iter()
            .map(|(id, n)| Choice {
                value: id.to_string(),
                label: n.clone(),
                selected: id.to_string() == chosen,
            })
            .collect()
    }
}

/// The run form as typed (repeated fields for overrides, pins, removals and additions).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct RunForm {
    pub company_max: String,
    pub irritant_min: String,
    pub irritant_max: String,
    pub override_company: Vec<String>,
    pub override_max: Vec<String>,
    pub pin: Vec<String>,
    pub remove: Vec<String>,
    pub add_irritant: Vec<String>,
    pub add_company: Vec<String>,
    pub previous: String,
}

impl RunForm {
    fn input(&self) -> RunInput {
        let rows = |a: &[String], b: &[String]| -> Vec<(String, String)> {
            a.iter()
                .cloned()
                .zip(b.iter().cloned().chain(std::iter::repeat(String::new())))
                .collect()
        };
        RunInput {
            company_max: self.company_max.clone(),
            irritant_min: self.irritant_min.clone(),
            irritant_max: self.irritant_max.clone(),
            overrides: rows(&self.override_company, &self.override_max),
            pins: self.pin.clone(),
            removals: self.remove.clone(),
            additions: rows(&self.add_irritant, &self.add_company),
            previous: self.previous.clone(),
        }
    }

    fn from_params(p: &RunParams) -> RunForm {
        RunForm {
            company_max: p.company_max.to_string(),
            irritant_min: p.irritant_min.to_string(),
            irritant_max: p.irritant_max.to_string(),
            override_company: p
                .company_overrides
                .iter()
                .map(|(c, _)| c.to_string())
                .collect(),
            override_max: p
                .company_overrides
                .iter()
                .map(|(_, m)| m.to_string())
                .collect(),
            ..RunForm::default()
        }
    }
}

/// One override row of the form.
pub struct OverrideRow {
    pub n: usize,
    pub company_label: String,
    pub max_label: String,
    pub companies: Vec<Choice>,
    pub max: String,
}

fn override_rows(lang: Lang, names: &Names, form: &RunForm) -> Vec<OverrideRow> {
    let filled = form.override_company.len();
    (0..filled + 3)
        .map(|n| OverrideRow {
            n,
            company_label: lang.t_args("field-override-company", &[("n", (n + 1).to_string())]),
            max_label: lang.t_args("field-override-max", &[("n", (n + 1).to_string())]),
            companies: names.company_choices(
                form.override_company
                    .get(n)
                    .map(String::as_str)
                    .unwrap_or(""),
            ),
            max: form.override_max.get(n).cloned().unwrap_or_default(),
        })
        .collect()
}

pub struct RunRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub when: String,
    pub meetings: String,
}

fn run_status(lang: Lang, run: &MatchingRun, job: Option<JobStatus>) -> String {
    let key = match (run.status, job) {
        (RunStatus::Pending, Some(JobStatus::Failed)) => "run-status-failed",
        (RunStatus::Pending, Some(JobStatus::Running)) => "run-status-running",
        (RunStatus::Pending, _) => "run-status-pending",
        (RunStatus::Done, _) => "run-status-done",
        (RunStatus::Failed, _) => "run-status-failed",
        (RunStatus::Published, _) => "run-status-published",
    };
    lang.t(key)
}

#[derive(Template)]
#[template(path = "matching/runs.html")]
struct RunsPage {
    page: Page,
    edition_id: String,
    edition: String,
    phase: String,
    runs: Vec<RunRow>,
    form: RunForm,
    overrides: Vec<OverrideRow>,
    errors: Errors,
}

async fn runs_page(
    state: &AppState,
    ctx: &Ctx,
    id: EditionId,
    form: Option<RunForm>,
    errors: Errors,
) -> Result<RunsPage, AppError> {
    let (edition, runs) = matching::runs(&state.app, &ctx.actor(), id).await?;
    let lang = ctx.lang;
    let names = Names::load(state, id).await?;
    let form = form.unwrap_or_else(|| {
        let params = runs
            .first()
            .and_then(|r| serde_json::from_value::<RunParams>(r.parameters.clone()).ok())
            .unwrap_or_default();
        RunForm::from_params(&params)
    });
    let rows = runs
        .iter()
        .map(|r| RunRow {
            id: r.id.to_string(),
            title: lang.t_args("run-title", &[("seq", r.seq.to_string())]),
            status: run_status(lang, r, None),
            when: present::date(lang, r.created_at.date()),
            meetings: r
                .result
                .as_ref()
                .and_then(|v| v.get("meetings"))
                .map(|m| m.to_string())
                .unwrap_or_default(),
        })
        .collect();
    Ok(RunsPage {
        page: ctx.page("matching-title", "console"),
        edition_id: id.to_string(),
        edition: edition.title.as_str().to_string(),
        phase: present::phase_label(lang, edition.phase),
        runs: rows,
        overrides: override_rows(lang, &names, &form),
        form,
        errors,
    })
}

fn edition_id(raw: &str) -> Result<EditionId, AppError> {
    EditionId::parse(raw).map_err(|_| AppError::NotFound)
}

fn run_id(raw: &str) -> Result<RunId, AppError> {
    RunId::parse(raw).map_err(|_| AppError::NotFound)
}

pub async fn runs(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    html(runs_page(&state, &ctx, edition_id(&id)?, None, Errors::default()).await?)
}

pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RunForm>,
) -> Result<Response, AppError> {
    let id = edition_id(&id)?;
    match matching::start(&state.app, &ctx.actor(), id, form.input()).await {
        Ok(run) => {
            ctx.flash("run-started").await?;
            Ok(Redirect::to(&urls::run(run)).into_response())
        }
        Err(passerelle_app::Error::Invalid(invalid)) => {
            let errors = validation::errors(ctx.lang, &invalid);
            let page = runs_page(&state, &ctx, id, Some(form), errors).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Err(e) => Err(e.into()),
    }
}

pub struct PairRow {
    pub key: String,
    pub irritant: String,
    pub irritant_link: String,
    pub company: String,
    pub company_link: String,
    pub score: String,
    pub notes: Vec<String>,
}

#[derive(Template)]
#[template(path = "matching/run.html")]
struct RunPage {
    page: Page,
    id: String,
    edition_id: String,
    status: String,
    finished: bool,
    failed: Option<String>,
    progress: String,
    can_publish: bool,
    summary: Vec<String>,
    proof: String,
    shortfalls: Vec<String>,
    unmet: Vec<String>,
    added: Vec<String>,
    removed: Vec<String>,
    pairs: Vec<PairRow>,
    form: RunForm,
    overrides: Vec<OverrideRow>,
    /// (row, irritant label, company label) of the pairs to add.
    additions: Vec<(usize, String, String)>,
    irritants: Vec<Choice>,
    companies: Vec<Choice>,
    errors: Errors,
}

fn score(lang: Lang, s: f64) -> String {
    let v = (s * 100.0).round() as u64;
    match lang {
        Lang::Fr => format!("{v}\u{a0}%"),
        Lang::En => format!("{v}%"),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (edition, run, pairs, job) = matching::run(&state.app, &ctx.actor(), run_id(&id)?).await?;
    let lang = ctx.lang;
    let names = Names::load(&state, edition.id).await?;
    let result: Option<RunResult> = run
        .result
        .as_ref()
        .and_then(|v| serde_json::from_value(v.clone()).ok());
    let params: RunParams = serde_json::from_value(run.parameters.clone()).unwrap_or_default();
    let pair_name = |p: &matching::Pair| {
        format!(
            "{} — {}",
            names.irritant(p.irritant),
            names.company(p.company)
        )
    };
    let (summary, proof, shortfalls, unmet, added, removed) = match &result {
        Some(r) => (
            vec![
                lang.t_args("run-meetings", &[("count", r.meetings.to_string())]),
                lang.t_args("run-mutual", &[("count", r.mutual.to_string())]),
                lang.t_args(
                    "run-forced-pinned",
                    &[
                        ("forced", r.forced.to_string()),
                        ("pinned", r.pinned.to_string()),
                    ],
                ),
                lang.t_args(
                    "run-affinity",
                    &[(
                        "total",
                        format!("{:.2}", r.total_affinity)
                            .replace('.', if lang == Lang::Fr { "," } else { "." }),
                    )],
                ),
                lang.t_args(
                    "run-size",
                    &[
                        ("irritants", r.irritants.to_string()),
                        ("companies", r.companies.to_string()),
                        ("wishes", r.wishes.to_string()),
                        ("candidates", r.candidates.to_string()),
                    ],
                ),
                lang.t_args(
                    "run-seconds",
                    &[(
                        "seconds",
                        format!("{:.1}", r.seconds)
                            .replace('.', if lang == Lang::Fr { "," } else { "." }),
                    )],
                ),
            ],
            lang.t(match (r.certified, r.proven) {
                (true, true) => "run-proof-proven",
                (true, false) => "run-proof-candidates",
                _ => "run-proof-none",
            }),
            r.shortfalls
                .iter()
                .map(|s| {
                    let name = names.irritant(s.irritant);
                    let base = [
                        ("irritant", name),
                        ("got", s.got.to_string()),
                        ("min", s.min.to_string()),
                    ];
                    match s.reason.as_str() {
                        "too-few-candidates" => lang.t_args(
                            "shortfall-too-few-candidates",
                            &[
                                &base[..],
                                &[
                                    ("eligible", s.eligible.to_string()),
                                    ("excluded", s.excluded.to_string()),
                                ],
                            ]
                            .concat(),
                        ),
                        _ => lang.t_args(
                            "shortfall-companies-full",
                            &[
                                &base[..],
                                &[(
                                    "companies",
                                    s.full_companies
                                        .iter()
                                        .map(|c| names.company(*c))
                                        .collect::<Vec<_>>()
                                        .join(", "),
                                )],
                            ]
                            .concat(),
                        ),
                    }
                })
                .collect(),
            r.unmet_musts
                .iter()
                .map(|u| {
                    let key = match u.reason {
                        UnmetMust::RefusedByOtherSide => "unmet-refused",
                        UnmetMust::Removed => "unmet-removed",
                        UnmetMust::CompanyFull => "unmet-company-full",
                        UnmetMust::IrritantFull => "unmet-irritant-full",
                    };
                    lang.t_args(
                        key,
                        &[
                            ("pair", pair_name(&u.pair)),
                            ("side", lang.t(&format!("side-{}", u.side.as_str()))),
                        ],
                    )
                })
                .collect(),
            r.added.iter().map(pair_name).collect(),
            r.removed.iter().map(pair_name).collect(),
        ),
        None => Default::default(),
    };
    let rows = pairs
        .iter()
        .map(|p| {
            let mut notes = Vec::new();
            if p.mutual {
                notes.push(lang.t("pair-mutual"));
            }
            if p.forced {
                notes.push(lang.t("pair-forced"));
            }
            if p.pinned {
                notes.push(lang.t("pair-pinned"));
            }
            PairRow {
                key: format!("{}:{}", p.irritant, p.company),
                irritant: names.irritant(p.irritant),
                irritant_link: urls::irritant(p.irritant),
                company: names.company(p.company),
                company_link: urls::company(p.company),
                score: score(lang, p.score),
                notes,
            }
        })
        .collect();
    let job_status = job.as_ref().map(|j| j.status);
    let form = RunForm {
        previous: run.id.to_string(),
        ..RunForm::from_params(&params)
    };
    let can_publish = run.status == RunStatus::Done
        && ctx.can(
            passerelle_domain::Action::PublishProposals,
            &passerelle_domain::Context {
                phase: Some(edition.phase),
                ..Default::default()
            },
        );
    html(RunPage {
        page: ctx.page_titled(
            lang.t_args("run-title", &[("seq", run.seq.to_string())]),
            "console",
        ),
        id: run.id.to_string(),
        edition_id: edition.id.to_string(),
        status: run_status(lang, &run, job_status),
        finished: result.is_some(),
        failed: job
            .as_ref()
            .filter(|j| j.status == JobStatus::Failed)
            .map(|j| j.error.clone().unwrap_or_default()),
        progress: job
            .as_ref()
            .filter(|j| !j.status.is_final())
            .map(|j| {
                lang.t_args(
                    "run-progress",
                    &[
                        ("done", j.progress_done.to_string()),
                        ("total", j.progress_total.max(1).to_string()),
                    ],
                )
            })
            .unwrap_or_default(),
        can_publish,
        summary,
        proof,
        shortfalls,
        unmet,
        added,
        removed,
        pairs: rows,
        overrides: override_rows(lang, &names, &form),
        form,
        additions: (0..3)
            .map(|n| {
                let k = [("n", (n + 1).to_string())];
                (
                    n,
                    lang.t_args("field-add-irritant", &k),
                    lang.t_args("field-add-company", &k),
                )
            })
            .collect(),
        irritants: names.irritant_choices(),
        companies: names.company_choices(""),
        errors: Errors::default(),
    })
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = run_id(&id)?;
    passerelle_app::meetings::publish(&state.app, &ctx.actor(), id).await?;
    ctx.flash("run-published").await?;
    Ok(Redirect::to(&urls::run(id)).into_response())
}
