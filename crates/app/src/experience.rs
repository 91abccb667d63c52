//! Shared experience (issue 10, mutualisation): once a proof of concept is delivered, its institution
//! writes an experience report ([`write`]); writing it moves a delivered opportunity to « partagée en
//! expérience ». Every institution member reads the reports, everyone the public ones; another
//! institution says "we are interested" ([`express_interest`]), which mails both, each in their language,
//! so that they get in touch.

use passerelle_domain::experience::{self, ExperienceContent, RawExperience};
use passerelle_domain::{
    Action, Actor, Context, EditionId, ExperienceReportId, Mover, OpportunityId, OrganisationId,
    Role, authorize,
};
use passerelle_storage::{ExperienceInterest, ExperienceReport, Tx};

use crate::mail::render;
use crate::{App, Error, Invalid, Problem, Result, user_id};
use passerelle_i18n::Lang;

/// The reports of an edition that their authors made public, newest first: what an edition's public
/// results list as its delivered experiences. Public: no actor.
pub async fn public_of_edition(app: &App, edition: EditionId) -> Result<Vec<ExperienceReport>> {
    Ok(app
        .storage()
        .public_experience_reports_of_edition(edition)
        .await?)
}

/// Whether `actor` reads every report (institution members, organisers) or only the public ones.
fn reads_all(actor: &Actor) -> bool {
    authorize(actor, Action::ViewExperienceReports, &Context::default()).is_ok()
}

/// The reports `actor` may read: every one for institution members and organisers, the public ones
/// for everyone else.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<ExperienceReport>> {
    let all = app.storage().experience_reports().await?;
    let everything = reads_all(actor);
    Ok(all
        .into_iter()
        .filter(|r| everything || r.content.public)
        .collect())
}

/// A report's page.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub report: ExperienceReport,
    pub interests: Vec<ExperienceInterest>,
    /// The institution the actor would say "we are interested" for, if it may and has not yet.
    pub may_express: Option<OrganisationId>,
    /// The actor's institution already said so.
    pub interested: bool,
    /// The actor may rewrite the report (its institution, while the edition is open).
    pub may_edit: bool,
}

/// The institution `actor` speaks for about `report`: its first institution other than the report's.
fn interested_institution(actor: &Actor, report: &ExperienceReport) -> Option<OrganisationId> {
    actor
        .organisations_with(Role::InstitutionMember)
        .into_iter()
        .find(|o| *o != report.institution_id)
}

fn interest_context(report: &ExperienceReport, institution: Option<OrganisationId>) -> Context {
    Context {
        owner: institution,
        partner: Some(report.institution_id),
        ..Context::default()
    }
}

async fn write_context(app: &App, opportunity: OpportunityId) -> Result<(Context, Mover)> {
    let opportunity = app
        .storage()
        .get_opportunity(opportunity)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = app
        .storage()
        .get_edition(opportunity.edition_id)
        .await?
        .ok_or(Error::NotFound)?;
    let ctx = Context {
        phase: Some(edition.phase),
        owner: Some(opportunity.institution_id),
        partner: Some(opportunity.company_id),
        ..Context::default()
    };
    Ok((ctx, Mover::Institution))
}

/// One report: public ones for everyone, the others for institution members and organisers.
pub async fn view(app: &App, actor: &Actor, id: ExperienceReportId) -> Result<ReportView> {
    let report = app
        .storage()
        .experience_report(id)
        .await?
        .ok_or(Error::NotFound)?;
    if !report.content.public {
        authorize(actor, Action::ViewExperienceReports, &Context::default())?;
    }
    let interests = app.storage().experience_interests(id).await?;
    let mine = interested_institution(actor, &report);
    let interested = mine.is_some_and(|m| interests.iter().any(|i| i.organisation_id == m));
    let may_express = mine.filter(|_| {
        !interested
            && authorize(
                actor,
                Action::ExpressInterest,
                &interest_context(&report, mine),
            )
            .is_ok()
    });
    let (ctx, _) = write_context(app, report.opportunity_id).await?;
    let may_edit = authorize(actor, Action::WriteExperienceReport, &ctx).is_ok();
    Ok(ReportView {
        report,
        interests,
        may_express,
        interested,
        may_edit,
    })
}

/// A report as typed in its form.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    pub problem: String,
    pub solution: String,
    pub cost: String,
    pub duration: String,
    pub results: String,
    pub reuse: String,
    pub licence: String,
    pub contact: String,
    pub public: bool,
}

impl ReportInput {
    /// The form filled with a report already written, to rewrite it.
    pub fn of(content: &ExperienceContent) -> ReportInput {
        ReportInput {
            problem: content.problem.as_str().to_string(),
            solution: content.solution.as_str().to_string(),
            cost: content
                .cost
                .map(|c| c.value().to_string())
                .unwrap_or_default(),
            duration: content.duration.as_str().to_string(),
            results: content.results.as_str().to_string(),
            reuse: content.reuse.as_str().to_string(),
            licence: content.licence.as_str().to_string(),
            contact: content.contact.as_str().to_string(),
            public: content.public,
        }
    }
}

/// Whether `actor` may write the report of `opportunity` now, and the report already written.
pub async fn for_form(
    app: &App,
    actor: &Actor,
    opportunity: OpportunityId,
) -> Result<Option<ExperienceReport>> {
    let (ctx, _) = write_context(app, opportunity).await?;
    authorize(actor, Action::WriteExperienceReport, &ctx)?;
    Ok(app
        .storage()
        .experience_report_of_opportunity(opportunity)
        .await?)
}

/// Writes (or rewrites) the report of a delivered POC; a delivered opportunity becomes shared.
pub async fn write(
    app: &App,
    actor: &Actor,
    opportunity_id: OpportunityId,
    input: &ReportInput,
) -> Result<ExperienceReportId> {
    let (ctx, mover) = write_context(app, opportunity_id).await?;
    authorize(actor, Action::WriteExperienceReport, &ctx)?;
    let opportunity = app
        .storage()
        .get_opportunity(opportunity_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !experience::may_report(opportunity.status) {
        return Err(Error::invalid(
            "problem",
            Problem::Code(crate::Code::new("experience-not-delivered")),
        ));
    }
    let content = ExperienceContent::parse(&RawExperience {
        problem: &input.problem,
        solution: &input.solution,
        cost: &input.cost,
        duration: &input.duration,
        results: &input.results,
        reuse: &input.reuse,
        licence: &input.licence,
        contact: &input.contact,
        public: input.public,
    });
    let content = match content {
        Ok(c) => c,
        Err(errors) => {
            let mut invalid = Invalid::default();
            for e in errors {
                let field = e.field().as_str().replace('-', "_");
                invalid.add(&field, Problem::Validation(e));
            }
            invalid.finish()?;
            return Err(Error::internal("refusals recorded above"));
        }
    };
    let author = user_id(actor).ok_or(Error::internal("authorized writer is signed in"))?;
    let now = app.now();
    let mut tx = app.begin().await?;
    let (id, new) = tx
        .save_experience_report(opportunity_id, &content, Some(author), now)
        .await?;
    if let Some(mv) = experience::move_on_report(opportunity.status) {
        tx.move_opportunity(
            opportunity_id,
            mv,
            mover,
            None,
            Some(opportunity.version),
            Some(author),
            now,
        )
        .await?;
    }
    app.audit(
        &mut tx,
        actor,
        if new {
            "experience-written"
        } else {
            "experience-rewritten"
        },
        ("experience-report", id.to_string()),
        serde_json::json!({ "opportunity": opportunity_id.to_string(), "public": content.public }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(id)
}

/// Mails `kind` to every institution member of `organisation`, each in their language.
async fn mail_institution(
    app: &App,
    tx: &mut Tx,
    organisation: OrganisationId,
    kind: &str,
    args: &[(&str, String)],
) -> Result<()> {
    for (person, role) in app.storage().organisation_members(organisation).await? {
        if role != Role::InstitutionMember {
            continue;
        }
        let lang = Lang::of(person.locale);
        let mut all = vec![("name", person.display_name.as_str().to_string())];
        all.extend(args.iter().cloned());
        app.enqueue_mail(tx, &render(kind, &person.email, lang, &all))
            .await?;
    }
    Ok(())
}

/// Says "we are interested" for the actor's institution: both institutions are mailed, the report's
/// with who is interested and how to reach them, the interested one with the report's contact.
pub async fn express_interest(
    app: &App,
    actor: &Actor,
    id: ExperienceReportId,
) -> Result<ExperienceReportId> {
    let report = app
        .storage()
        .experience_report(id)
        .await?
        .ok_or(Error::NotFound)?;
    let mine = interested_institution(actor, &report);
    authorize(
        actor,
        Action::ExpressInterest,
        &interest_context(&report, mine),
    )?;
    let (Some(mine), Some(user)) = (mine, user_id(actor)) else {
        return Err(Error::Denied(passerelle_domain::Denied::Forbidden));
    };
    let person = app.storage().get_user(user).await?.ok_or(Error::NotFound)?;
    let institution = app
        .storage()
        .get_organisation(mine)
        .await?
        .ok_or(Error::NotFound)?;
    let now = app.now();
    let mut tx = app.begin().await?;
    if !tx
        .add_experience_interest(id, mine, Some(user), now)
        .await?
    {
        // Said already: nobody is mailed twice.
        tx.rollback().await?;
        return Ok(id);
    }
    let link = app.link(&format!("/experiences/{id}"));
    let common = [
        ("irritant", report.irritant_title.as_str().to_string()),
        ("author", report.institution_name.as_str().to_string()),
        ("interested", institution.name.as_str().to_string()),
        ("link", link),
    ];
    let mut to_author = common.to_vec();
    to_author.extend([
        ("person", person.display_name.as_str().to_string()),
        ("email", person.email.as_str().to_string()),
    ]);
    mail_institution(
        app,
        &mut tx,
        report.institution_id,
        "experience-interest",
        &to_author,
    )
    .await?;
    let mut to_interested = common.to_vec();
    to_interested.push(("contact", report.content.contact.as_str().to_string()));
    mail_institution(
        app,
        &mut tx,
        mine,
        "experience-interest-sent",
        &to_interested,
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "experience-interest",
        ("experience-report", id.to_string()),
        serde_json::json!({ "institution": mine.to_string() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(id)
}
