//! The six-month rating (issue 10). About six months after an edition's day (configurable), a daily job
//! mails both sides of each held meeting a short form: what came of it (nothing, contact kept, quote,
//! contract, POC), the amount, satisfaction from 1 to 5; one reminder two weeks later to those who have not
//! answered. An answer updates the meeting's opportunity (opened when a quote at least came of it, moved up
//! to what the answer says, never back; its estimated cost filled when unknown). The organisers see the
//! completion rates on the edition's board. Requests leave only while the edition is open (after its day,
//! before it is closed): a closed edition is read-only.

use passerelle_domain::{
    Action, Actor, Amounts, Context, EditionId, Euros, Field, LongText, MeetingId, MeetingStatus,
    Mover, OpportunityOrigin, Outcome, Phase, Score, Side, authorize,
};
use passerelle_i18n::Lang;
use passerelle_storage::{Edition, Meeting, SixMonthAnswer, StoredSixMonthAnswer, Tx};
use time::{Duration, OffsetDateTime};

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Error, Invalid, Result, mail, user_id};

/// When the requests leave (after the edition's last day) and when the one reminder does (after the
/// request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delays {
    pub after_day: Duration,
    pub reminder: Duration,
}

impl Default for Delays {
    fn default() -> Self {
        Delays {
            after_day: Duration::days(182),
            reminder: Duration::days(14),
        }
    }
}

impl App {
    /// Sets the six-month rating's delays (before serving; a second call is refused).
    pub fn set_six_month_delays(&self, delays: Delays) -> anyhow::Result<()> {
        anyhow::ensure!(
            delays.after_day >= Duration::days(1) && delays.reminder >= Duration::days(1),
            "the six-month rating's delays are one day at least"
        );
        self.0
            .six_months
            .set(delays)
            .map_err(|_| anyhow::anyhow!("the six-month rating's delays are already set"))
    }

    /// The six-month rating's delays (the defaults unless configured).
    pub fn six_month_delays(&self) -> Delays {
        *self.0.six_months.get_or_init(Delays::default)
    }
}

pub const JOB: &str = "six-month-ratings";

pub(crate) fn register(registry: &mut Registry) {
    registry.register(JOB, run_job);
}

/// The run due at the start of the day after `after` (UTC; its key makes it unique among servers).
fn next_run(after: OffsetDateTime) -> JobRequest {
    let day = after.unix_timestamp().div_euclid(86_400) + 1;
    let at = OffsetDateTime::from_unix_timestamp(day * 86_400).unwrap_or(after + Duration::DAY);
    JobRequest {
        run_after: Some(at),
        unique_key: Some(format!("{JOB}:{day}")),
        ..JobRequest::new(JOB, serde_json::json!({}))
    }
}

/// Makes sure the daily run is scheduled (at start-up; idempotent across servers).
pub async fn schedule(app: &App) -> Result<()> {
    let mut tx = app.begin().await?;
    app.enqueue_job(&mut tx, next_run(app.now())).await?;
    app.commit(tx).await
}

async fn run_job(app: App, job: RunningJob) -> Result<Done> {
    let sent = send_due(&app).await?;
    let mut tx = app.begin().await?;
    app.enqueue_job(&mut tx, next_run(app.now())).await?;
    let done = job.complete(&mut tx, &sent).await?;
    app.commit(tx).await?;
    tracing::info!(?sent, "six-month ratings asked");
    Ok(done)
}

/// What a run mailed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Sent {
    /// Sides asked for the first time.
    pub requests: usize,
    /// Sides reminded.
    pub reminders: usize,
}

fn held(m: &Meeting) -> bool {
    matches!(m.state.status, MeetingStatus::Held | MeetingStatus::Rated)
}

/// When an edition's requests are due: its last day's end plus the delay.
fn due(edition: &Edition, delays: Delays) -> OffsetDateTime {
    edition
        .dates
        .last_day()
        .next_day()
        .unwrap_or(edition.dates.last_day())
        .midnight()
        .assume_utc()
        + delays.after_day
}

/// Mails the requests and reminders due at the app's time, once each (a run that finds nothing due sends
/// nothing).
pub async fn send_due(app: &App) -> Result<Sent> {
    let delays = app.six_month_delays();
    let now = app.now();
    let mut sent = Sent::default();
    for edition in app.storage().list_editions().await? {
        if !matches!(edition.phase, Phase::EventDay | Phase::FollowUp)
            || now < due(&edition, delays)
        {
            continue;
        }
        let requests = app.storage().six_month_requests(edition.id).await?;
        let answers = app.storage().six_month_answers(edition.id).await?;
        let meetings: Vec<Meeting> = app
            .storage()
            .meetings_of_edition(edition.id)
            .await?
            .into_iter()
            .filter(held)
            .collect();
        let mut tx = app.begin().await?;
        for m in &meetings {
            for side in [Side::Institution, Side::Company] {
                let request = requests
                    .iter()
                    .find(|r| r.meeting_id == m.id && r.side == side);
                let answered = answers
                    .iter()
                    .any(|a| a.meeting_id == m.id && a.side == side);
                match request {
                    None => {
                        if tx.record_six_month_request(m.id, side, now).await? {
                            mail_side(app, &mut tx, m, side, "six-month-request").await?;
                            sent.requests += 1;
                        }
                    }
                    Some(r)
                        if r.reminded_at.is_none()
                            && !answered
                            && now >= r.sent_at + delays.reminder =>
                    {
                        if tx.record_six_month_reminder(m.id, side, now).await? {
                            mail_side(app, &mut tx, m, side, "six-month-reminder").await?;
                            sent.reminders += 1;
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        app.commit(tx).await?;
    }
    Ok(sent)
}

/// Mails `kind` to the people of one side of a meeting, each in their language.
async fn mail_side(app: &App, tx: &mut Tx, m: &Meeting, side: Side, kind: &str) -> Result<()> {
    let (org, role) = match side {
        Side::Institution => (m.institution.id, passerelle_domain::Role::InstitutionMember),
        Side::Company => (m.company.id, passerelle_domain::Role::CompanyMember),
    };
    for (person, r) in app.storage().organisation_members(org).await? {
        if r != role {
            continue;
        }
        let lang = Lang::of(person.locale);
        let other = match side {
            Side::Institution => m.company.name.as_str(),
            Side::Company => m.institution.name.as_str(),
        };
        let args = [
            ("name", person.display_name.as_str().to_string()),
            ("irritant", m.irritant_title.as_str().to_string()),
            ("other", other.to_string()),
            ("link", app.link(&form_path(m.id))),
        ];
        app.enqueue_mail(tx, &mail::render(kind, &person.email, lang, &args))
            .await?;
    }
    Ok(())
}

/// The form's page for a meeting.
pub fn form_path(meeting: MeetingId) -> String {
    format!("/suivi/six-mois/{meeting}")
}

/// The form as it opens: the meeting, the actor's side and its previous answer.
#[derive(Debug, Clone)]
pub struct Form {
    pub meeting: Meeting,
    pub side: Side,
    pub previous: Option<StoredSixMonthAnswer>,
}

async fn authorized(app: &App, actor: &Actor, meeting: &str) -> Result<(Meeting, Side)> {
    let id = MeetingId::parse(meeting).map_err(|_| Error::NotFound)?;
    let meeting = app
        .storage()
        .get_meeting(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = app
        .storage()
        .get_edition(meeting.edition_id)
        .await?
        .ok_or(Error::NotFound)?;
    let side = crate::meetings::side_of(actor, &meeting);
    let org = |s: Side| match s {
        Side::Institution => meeting.institution.id,
        Side::Company => meeting.company.id,
    };
    authorize(
        actor,
        Action::RateSixMonths,
        &Context {
            phase: Some(edition.phase),
            owner: side.map(org),
            partner: side.map(|s| org(s.other())),
            meeting_status: Some(meeting.state.status),
            ..Context::default()
        },
    )?;
    let side = side.ok_or(Error::NotFound)?;
    Ok((meeting, side))
}

/// Opens the form for the actor's side of a held meeting.
pub async fn form(app: &App, actor: &Actor, meeting: &str) -> Result<Form> {
    let (meeting, side) = authorized(app, actor, meeting).await?;
    let previous = app
        .storage()
        .six_month_answers_of_meeting(meeting.id)
        .await?
        .into_iter()
        .find(|a| a.side == side);
    Ok(Form {
        meeting,
        side,
        previous,
    })
}

/// An answer as typed.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    /// An `Outcome` code.
    pub outcome: String,
    pub amount: String,
    /// "1" to "5".
    pub satisfaction: String,
    pub comment: String,
}

/// Records the actor's side's answer (or corrects it) and brings the meeting's opportunity up to it.
pub async fn answer(
    app: &App,
    actor: &Actor,
    meeting: &str,
    input: AnswerInput,
) -> Result<Meeting> {
    let (meeting, side) = authorized(app, actor, meeting).await?;
    let mut invalid = Invalid::default();
    let outcome = invalid.check(
        "outcome",
        if input.outcome.trim().is_empty() {
            Err(passerelle_domain::ValidationError::Required(Field::Kind))
        } else {
            Outcome::parse(&input.outcome)
        },
    );
    let amount = invalid.check("amount", Euros::parse(Field::Amount, &input.amount));
    let satisfaction = invalid.check("satisfaction", Score::parse(&input.satisfaction));
    let comment = invalid.check(
        "comment",
        if input.comment.trim().is_empty() {
            Ok(None)
        } else {
            LongText::parse(Field::Comment, &input.comment).map(Some)
        },
    );
    invalid.finish()?;
    let (Some(outcome), Some(amount), Some(satisfaction), Some(comment)) =
        (outcome, amount, satisfaction, comment)
    else {
        return Err(Error::internal("answer checked above"));
    };
    let answer = SixMonthAnswer {
        outcome,
        amount,
        satisfaction,
        comment,
    };
    let now = app.now();
    let existing = app.storage().opportunity_of_meeting(meeting.id).await?;
    let mover = match side {
        Side::Institution => Mover::Institution,
        Side::Company => Mover::Company,
    };
    let mut tx = app.begin().await?;
    tx.set_six_month_answer(meeting.id, side, &answer, user_id(actor), now)
        .await?;
    // The opportunity, opened when something came of the meeting, then moved up to what the answer says.
    let opportunity = match &existing {
        Some(o) => Some((o.id, o.status, o.amounts, o.version)),
        None if outcome.opens() => tx
            .create_opportunity(
                meeting.edition_id,
                meeting.id,
                OpportunityOrigin::SixMonths,
                Some(mover),
                user_id(actor),
                now,
            )
            .await?
            .map(|id| {
                (
                    id,
                    passerelle_domain::OpportunityStatus::FollowUpContact,
                    Amounts::default(),
                    1,
                )
            }),
        None => None,
    };
    if let Some((id, mut status, amounts, _)) = opportunity {
        for mv in outcome.catch_up(status) {
            // A side's answer moves what the side may move; what belongs to the other side (a company's
            // proposal the institution reports) is recorded as the organisers' record of the answer.
            let by = if mv.movers().contains(&mover) {
                mover
            } else {
                Mover::Organiser
            };
            status = tx
                .move_opportunity(
                    id,
                    mv,
                    by,
                    answer.comment.as_ref(),
                    None,
                    user_id(actor),
                    now,
                )
                .await?;
        }
        if amounts.estimated_cost.is_none()
            && !status.is_final()
            && let Some(cost) = amount
            && let Ok(filled) = Amounts::new(
                Some(cost),
                amounts.requested,
                amounts.granted,
                amounts.co_funding,
            )
        {
            tx.set_opportunity_amounts(id, &filled, mover, None, None, user_id(actor), now)
                .await?;
        }
    }
    app.audit(
        &mut tx,
        actor,
        "six-month-rated",
        ("meeting", meeting.id.to_string()),
        serde_json::json!({
            "side": side.as_str(),
            "outcome": outcome.as_str(),
            "satisfaction": satisfaction.value(),
        }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(meeting)
}

/// One side's completion of an edition's six-month rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Completion {
    pub asked: usize,
    pub reminded: usize,
    pub answered: usize,
}

impl Completion {
    /// Answers per request, in percent (none when nobody was asked).
    pub fn rate(&self) -> Option<u32> {
        (self.asked > 0).then(|| ((self.answered * 100 + self.asked / 2) / self.asked) as u32)
    }
}

/// The organisers' figures: per side and overall, and when the requests are (or were) due.
#[derive(Debug, Clone)]
pub struct Completions {
    pub institutions: Completion,
    pub companies: Completion,
    pub overall: Completion,
    pub due: OffsetDateTime,
}

pub async fn completion(app: &App, actor: &Actor, edition: EditionId) -> Result<Completions> {
    let edition = app
        .storage()
        .get_edition(edition)
        .await?
        .ok_or(Error::NotFound)?;
    authorize(
        actor,
        Action::ViewOpportunityBoard,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    let requests = app.storage().six_month_requests(edition.id).await?;
    let answers = app.storage().six_month_answers(edition.id).await?;
    let mut out = Completions {
        institutions: Completion::default(),
        companies: Completion::default(),
        overall: Completion::default(),
        due: due(&edition, app.six_month_delays()),
    };
    for r in &requests {
        let answered = answers
            .iter()
            .any(|a| a.meeting_id == r.meeting_id && a.side == r.side);
        let side = match r.side {
            Side::Institution => &mut out.institutions,
            Side::Company => &mut out.companies,
        };
        for c in [side, &mut out.overall] {
            c.asked += 1;
            c.reminded += usize::from(r.reminded_at.is_some());
            c.answered += usize::from(answered);
        }
    }
    Ok(out)
}
