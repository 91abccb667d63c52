//! Proposals and meetings: publishing a run sends each side its proposed meetings; each side accepts or
//! declines with a reason before the deadline; the organiser can impose a meeting. The meeting states are
//! the domain's (`MeetingState::apply`); every move is recorded, audited and mailed to those concerned in
//! their language.

use std::collections::{BTreeMap, HashSet};

use passerelle_domain::{
    Action, Actor, Context, DeclineReason, EditionId, Field, IrritantId, LongText, MeetingAction,
    MeetingId, MeetingOrigin, MeetingState, MeetingStatus, OrganisationId, Phase, Reason, Role,
    RunId, Side, authorize,
};
use passerelle_i18n::Lang;
use passerelle_storage::{Edition, Meeting, NewMeeting, Organisation, RunStatus, Tx, User};

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Error, Invalid, Result, mail, user_id};

const REMINDER: &str = "proposals-reminder";

pub(crate) fn register(registry: &mut Registry) {
    registry.register(REMINDER, remind);
}

fn context(edition: &Edition, meeting: Option<&Meeting>, owner: Option<OrganisationId>) -> Context {
    Context {
        phase: Some(edition.phase),
        owner,
        partner: meeting.map(|m| m.company.id),
        meeting_status: meeting.map(|m| m.state.status),
        ..Context::default()
    }
}

async fn edition(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// Who a meeting is between, as mails name them.
pub struct Parties {
    pub irritant_title: String,
    pub institution: Organisation,
    pub company: Organisation,
}

impl Parties {
    fn of(m: &Meeting) -> Parties {
        Parties {
            irritant_title: m.irritant_title.as_str().to_string(),
            institution: m.institution.clone(),
            company: m.company.clone(),
        }
    }
}

impl Parties {
    fn pair(&self, app: &App) -> mail::Pair<'_> {
        mail::Pair {
            institution: (self.institution.id, self.institution.name.as_str()),
            company: (self.company.id, self.company.name.as_str()),
            irritant: &self.irritant_title,
            link: app.link("/rencontres"),
        }
    }
}

/// The accounts of one side of a meeting.
async fn side_people(app: &App, parties: &Parties, side: Side) -> Result<Vec<User>> {
    mail::side_members(app, parties.institution.id, parties.company.id, side).await
}

/// Mails `kind` about a meeting to the people of `sides`, each in their language.
async fn mail_sides(
    app: &App,
    tx: &mut Tx,
    meeting: &Parties,
    sides: &[Side],
    kind: &str,
    extra: &[(&str, String)],
) -> Result<()> {
    // A decline reason travels as its code and is named in each reader's language.
    mail::mail_sides(
        app,
        tx,
        &meeting.pair(app),
        sides,
        kind,
        extra,
        |lang, k, v| (k == "reason").then(|| lang.t(&format!("decline-reason-{v}"))),
    )
    .await
}

/// Publishes a finished run: every chosen pair without a meeting becomes a proposal, proposals of earlier
/// runs the organiser removed are cancelled, and each side's people get one mail listing theirs. A
/// reminder is scheduled two days before the answers' deadline (the end of the matching phase).
pub async fn publish(app: &App, actor: &Actor, run_id: RunId) -> Result<usize> {
    let run = app
        .storage()
        .get_run(run_id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, run.edition_id).await?;
    authorize(
        actor,
        Action::PublishProposals,
        &context(&edition, None, None),
    )?;
    if run.status != RunStatus::Done {
        return Err(Error::conflict("run-not-done"));
    }
    let pairs = app.storage().run_pairs(run_id).await?;
    let existing = app.storage().meetings_of_edition(edition.id).await?;
    let chosen: HashSet<(IrritantId, OrganisationId)> =
        pairs.iter().map(|p| (p.irritant, p.company)).collect();
    let have: HashSet<(IrritantId, OrganisationId)> = existing
        .iter()
        .map(|m| (m.irritant_id, m.company.id))
        .collect();
    let irritants: BTreeMap<IrritantId, passerelle_storage::Irritant> = app
        .storage()
        .list_irritants(&passerelle_storage::IrritantFilter::public(edition.id))
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let companies: BTreeMap<OrganisationId, Organisation> = app
        .storage()
        .list_participations(
            edition.id,
            Some(passerelle_domain::ParticipationStatus::Validated),
        )
        .await?
        .into_iter()
        .map(|p| (p.company.id, p.company))
        .collect();
    let now = app.now();
    let mut tx = app.begin().await?;
    let mut created = 0;
    let mut new_proposals: Vec<Parties> = Vec::new();
    for p in pairs
        .iter()
        .filter(|p| !have.contains(&(p.irritant, p.company)))
    {
        let (Some(irritant), Some(company)) =
            (irritants.get(&p.irritant), companies.get(&p.company))
        else {
            // A pair whose irritant or company left the edition since the run: not proposed.
            continue;
        };
        new_proposals.push(Parties {
            irritant_title: irritant.content.title.as_str().to_string(),
            institution: irritant.institution.clone(),
            company: company.clone(),
        });
        tx.create_meeting(
            edition.id,
            &NewMeeting {
                irritant: p.irritant,
                company: p.company,
                origin: MeetingOrigin::Matched,
                run: Some(run_id),
                state: MeetingState::proposed(),
                score: Some(p.score),
            },
            user_id(actor),
            now,
        )
        .await?;
        created += 1;
    }
    for m in existing.iter().filter(|m| {
        m.state.status == MeetingStatus::Proposed
            && !chosen.contains(&(m.irritant_id, m.company.id))
    }) {
        // The organiser removed it from the plan: cancelled, as its history says.
        tx.move_meeting(
            m.id,
            MeetingAction::Cancel,
            None,
            None,
            None,
            user_id(actor),
            now,
        )
        .await?;
    }
    tx.publish_run(run_id, now).await?;
    notify_proposals(app, &mut tx, &new_proposals).await?;
    app.audit(
        &mut tx,
        actor,
        "proposals-published",
        ("matching-run", run_id.to_string()),
        serde_json::json!({ "created": created, "pairs": pairs.len() }),
    )
    .await?;
    if let Some(deadline) = edition.window(Phase::Matching).and_then(|w| w.ends_on()) {
        let at = deadline.midnight().assume_utc() - time::Duration::days(2);
        if at > now {
            app.enqueue_job(
                &mut tx,
                JobRequest {
                    run_after: Some(at),
                    unique_key: Some(format!("{REMINDER}:{}:{deadline}", edition.id)),
                    ..JobRequest::new(REMINDER, serde_json::json!({ "edition": edition.id, "deadline": passerelle_domain::edition::format_date(deadline) }))
                },
            )
            .await?;
        }
    }
    app.commit(tx).await?;
    Ok(created)
}

/// The "proposals published" mails: one per person of each side, listing their new proposals.
async fn notify_proposals(app: &App, tx: &mut Tx, proposals: &[Parties]) -> Result<()> {
    let mut by_person: BTreeMap<String, (User, Vec<String>)> = BTreeMap::new();
    for m in proposals {
        for side in [Side::Institution, Side::Company] {
            for person in side_people(app, m, side).await? {
                let other = match side {
                    Side::Institution => m.company.name.as_str(),
                    Side::Company => m.institution.name.as_str(),
                };
                by_person
                    .entry(person.id.to_string())
                    .or_insert_with(|| (person.clone(), Vec::new()))
                    .1
                    .push(format!("{} — {other}", m.irritant_title));
            }
        }
    }
    for (person, lines) in by_person.into_values() {
        let args = [
            ("name", person.display_name.as_str().to_string()),
            ("count", lines.len().to_string()),
            (
                "list",
                lines
                    .iter()
                    .map(|l| format!("- {l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ("link", app.link("/rencontres")),
        ];
        app.enqueue_mail(
            tx,
            &mail::render(
                "proposals-published",
                &person.email,
                Lang::of(person.locale),
                &args,
            ),
        )
        .await?;
    }
    Ok(())
}

/// The side `actor` answers for in `meeting`, if they belong to one.
pub fn side_of(actor: &Actor, meeting: &Meeting) -> Option<Side> {
    if actor.has_role_in(Role::InstitutionMember, Some(meeting.institution.id)) {
        Some(Side::Institution)
    } else if actor.has_role_in(Role::CompanyMember, Some(meeting.company.id)) {
        Some(Side::Company)
    } else {
        None
    }
}

/// An answer to a proposal as typed.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    pub accept: bool,
    /// A `DeclineReason` code (declining only).
    pub reason: String,
    pub comment: String,
    /// The meeting's version the page showed.
    pub version: String,
}

/// One side accepts or declines a proposal. When both accepted, both sides get a mail with each other's
/// contact; a decline tells the other side and the organisers, with its reason.
pub async fn answer(
    app: &App,
    actor: &Actor,
    id: MeetingId,
    input: AnswerInput,
) -> Result<Meeting> {
    let meeting = app
        .storage()
        .get_meeting(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, meeting.edition_id).await?;
    let side = side_of(actor, &meeting);
    let owner = match side {
        Some(Side::Institution) => Some(meeting.institution.id),
        Some(Side::Company) => Some(meeting.company.id),
        None => None,
    };
    authorize(
        actor,
        Action::AnswerProposal,
        &context(&edition, Some(&meeting), owner),
    )?;
    let side = side.ok_or(Error::Denied(passerelle_domain::Denied::Forbidden))?;
    let mut invalid = Invalid::default();
    let version = input.version.trim().parse::<i64>().ok();
    let reason = if input.accept {
        None
    } else {
        let code = invalid.check("reason", DeclineReason::parse(&input.reason));
        let comment = if input.comment.trim().is_empty() {
            None
        } else {
            invalid.check("comment", LongText::parse(Field::Comment, &input.comment))
        };
        match code {
            Some(code) => invalid.check("comment", Reason::new(code, comment)),
            None => None,
        }
    };
    invalid.finish()?;
    let action = if input.accept {
        MeetingAction::accept(side)
    } else {
        MeetingAction::decline(side)
    };
    let mut tx = app.begin().await?;
    let next = tx
        .move_meeting(
            id,
            action,
            Some(side),
            reason.as_ref(),
            version,
            user_id(actor),
            app.now(),
        )
        .await?;
    match next.status {
        MeetingStatus::Accepted => {
            mail_sides(
                app,
                &mut tx,
                &Parties::of(&meeting),
                &[Side::Institution, Side::Company],
                "meeting-accepted",
                &[],
            )
            .await?
        }
        MeetingStatus::Declined => {
            let why = reason
                .as_ref()
                .map(|r| r.code.as_str().to_string())
                .unwrap_or_default();
            let comment = reason
                .as_ref()
                .and_then(|r| r.comment.as_ref())
                .map(|c| c.as_str().to_string())
                .unwrap_or_default();
            mail_sides(
                app,
                &mut tx,
                &Parties::of(&meeting),
                &[side.other()],
                "meeting-declined",
                &[("reason", why.clone()), ("comment", comment.clone())],
            )
            .await?;
            // The organisers too: a declined slot is theirs to refill or to impose.
            let by = match side {
                Side::Institution => &meeting.institution,
                Side::Company => &meeting.company,
            };
            for person in app.storage().users_with_role(Role::Organiser).await? {
                let lang = Lang::of(person.locale);
                let args = [
                    ("name", person.display_name.as_str().to_string()),
                    ("irritant", meeting.irritant_title.as_str().to_string()),
                    ("institution", meeting.institution.name.as_str().to_string()),
                    ("company", meeting.company.name.as_str().to_string()),
                    ("by", by.name.as_str().to_string()),
                    ("reason", lang.t(&format!("decline-reason-{why}"))),
                    ("comment", comment.clone()),
                    (
                        "link",
                        app.link(&format!(
                            "/console/editions/{}/rencontres",
                            meeting.edition_id
                        )),
                    ),
                ];
                app.enqueue_mail(
                    &mut tx,
                    &mail::render("meeting-declined-organisers", &person.email, lang, &args),
                )
                .await?;
            }
        }
        _ => {}
    }
    app.audit(
        &mut tx,
        actor,
        &format!("meeting-{}", action.as_str()),
        ("meeting", id.to_string()),
        serde_json::json!({ "side": side.as_str(), "reason": reason.as_ref().map(|r| r.code.as_str()) }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_meeting(id).await?.ok_or(Error::NotFound)
}

/// The organiser makes a proposed or declined meeting happen; both sides are told.
pub async fn impose(app: &App, actor: &Actor, id: MeetingId) -> Result<Meeting> {
    let meeting = app
        .storage()
        .get_meeting(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, meeting.edition_id).await?;
    authorize(
        actor,
        Action::ImposeMeeting,
        &context(&edition, Some(&meeting), None),
    )?;
    let mut tx = app.begin().await?;
    tx.move_meeting(
        id,
        MeetingAction::Impose,
        None,
        None,
        None,
        user_id(actor),
        app.now(),
    )
    .await?;
    mail_sides(
        app,
        &mut tx,
        &Parties::of(&meeting),
        &[Side::Institution, Side::Company],
        "meeting-imposed",
        &[],
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "meeting-impose",
        ("meeting", id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_meeting(id).await?.ok_or(Error::NotFound)
}

/// The organiser adds a meeting between an irritant and a company of the edition directly.
pub async fn impose_pair(
    app: &App,
    actor: &Actor,
    edition_id: EditionId,
    irritant: &str,
    company: &str,
) -> Result<Meeting> {
    let edition = edition(app, edition_id).await?;
    authorize(actor, Action::ImposeMeeting, &context(&edition, None, None))?;
    let mut invalid = Invalid::default();
    let irritant = invalid.check("irritant", IrritantId::parse(irritant));
    let company = invalid.check("company", OrganisationId::parse(company));
    invalid.finish()?;
    let (Some(irritant), Some(company)) = (irritant, company) else {
        return Err(Error::internal("pair checked but incomplete"));
    };
    let found_irritant = app
        .storage()
        .get_irritant(irritant)
        .await?
        .filter(|i| i.edition_id == edition.id && i.status.is_public());
    let found_company = app
        .storage()
        .get_participation(edition.id, company)
        .await?
        .filter(|p| p.status == passerelle_domain::ParticipationStatus::Validated);
    let (known_irritant, known_company) = (found_irritant.is_some(), found_company.is_some());
    let mut invalid = Invalid::default();
    if !known_irritant {
        invalid.code("irritant", "run-unknown-pair");
    }
    if !known_company {
        invalid.code("company", "run-unknown-company");
    }
    invalid.finish()?;
    let mut tx = app.begin().await?;
    let id = tx
        .create_meeting(
            edition.id,
            &NewMeeting {
                irritant,
                company,
                origin: MeetingOrigin::Imposed,
                run: None,
                state: MeetingState::imposed(),
                score: None,
            },
            user_id(actor),
            app.now(),
        )
        .await?;
    let (Some(i), Some(p)) = (found_irritant, found_company) else {
        return Err(Error::internal("pair checked but not found"));
    };
    let parties = Parties {
        irritant_title: i.content.title.as_str().to_string(),
        institution: i.institution,
        company: p.company,
    };
    mail_sides(
        app,
        &mut tx,
        &parties,
        &[Side::Institution, Side::Company],
        "meeting-imposed",
        &[],
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "meeting-impose",
        ("meeting", id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_meeting(id).await?.ok_or(Error::NotFound)
}

/// The meetings of the organisations `actor` belongs to, in the current edition.
pub async fn mine(app: &App, actor: &Actor) -> Result<(Option<Edition>, Vec<Meeting>)> {
    let Some(edition) = crate::editions::current(app).await? else {
        return Ok((None, Vec::new()));
    };
    let mut orgs = actor.organisations_with(Role::InstitutionMember);
    orgs.extend(actor.organisations_with(Role::CompanyMember));
    if orgs.is_empty() {
        authorize(actor, Action::ViewMeeting, &context(&edition, None, None))?;
    }
    let mut out: Vec<Meeting> = Vec::new();
    for org in orgs {
        for m in app
            .storage()
            .meetings_of_organisation(edition.id, org)
            .await?
        {
            if !out.iter().any(|o| o.id == m.id) {
                out.push(m);
            }
        }
    }
    Ok((Some(edition), out))
}

/// Every meeting of an edition (organisers).
pub async fn of_edition(
    app: &App,
    actor: &Actor,
    id: EditionId,
) -> Result<(Edition, Vec<Meeting>)> {
    let edition = edition(app, id).await?;
    authorize(actor, Action::ViewConsole, &context(&edition, None, None))?;
    Ok((
        edition.clone(),
        app.storage().meetings_of_edition(id).await?,
    ))
}

#[derive(serde::Deserialize)]
struct ReminderParams {
    edition: EditionId,
    deadline: String,
}

/// Two days before the answers' deadline: a mail to each person whose organisation still has unanswered
/// proposals. Nothing when the edition left the matching phase or its deadline moved (a new reminder was
/// scheduled for the new date).
async fn remind(app: App, job: RunningJob) -> Result<Done> {
    let p: ReminderParams = job.params()?;
    let edition = edition(&app, p.edition).await?;
    let deadline = edition
        .window(Phase::Matching)
        .and_then(|w| w.ends_on())
        .map(passerelle_domain::edition::format_date);
    let mut tx = app.begin().await?;
    let mut sent = 0;
    if edition.phase == Phase::Matching && deadline.as_deref() == Some(p.deadline.as_str()) {
        let meetings = app.storage().meetings_of_edition(edition.id).await?;
        let mut waiting: BTreeMap<String, (User, usize)> = BTreeMap::new();
        for m in meetings
            .iter()
            .filter(|m| m.state.status == MeetingStatus::Proposed)
        {
            for side in [Side::Institution, Side::Company] {
                if m.state.answer(side) != passerelle_domain::Answer::Pending {
                    continue;
                }
                for person in side_people(&app, &Parties::of(m), side).await? {
                    waiting
                        .entry(person.id.to_string())
                        .or_insert_with(|| (person.clone(), 0))
                        .1 += 1;
                }
            }
        }
        for (person, count) in waiting.into_values() {
            let date =
                passerelle_domain::edition::parse_date(&p.deadline).map_err(Error::internal)?;
            let lang = Lang::of(person.locale);
            let args = [
                ("name", person.display_name.as_str().to_string()),
                ("count", count.to_string()),
                ("deadline", passerelle_i18n::format::date(lang, date)),
                ("link", app.link("/rencontres")),
            ];
            app.enqueue_mail(
                &mut tx,
                &mail::render("proposals-reminder", &person.email, lang, &args),
            )
            .await?;
            sent += 1;
        }
    }
    let done = job
        .complete(&mut tx, &serde_json::json!({ "sent": sent }))
        .await?;
    app.commit(tx).await?;
    Ok(done)
}
