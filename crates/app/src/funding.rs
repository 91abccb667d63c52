//! Funding schemes and dossiers (issue 10): the organisers keep a catalogue of schemes; each opportunity is
//! checked against every scheme with the reasons (the domain's `funding::route`); routing it to an eligible
//! scheme files a dossier (the fiche, the company, the meeting and its ratings, the amounts, the plan) that
//! the scheme's funder reads and decides on; the decision is mailed to both sides and, when the funding is
//! granted, moves the opportunity to "funded".

use passerelle_domain::funding::{
    self, Applicants, Candidate, Decision, Percent, Routing, SchemeTerms,
};
use passerelle_domain::{
    Action, Actor, BudgetRange, Context, DomainEntry, DossierId, Euros, Field, FundingSchemeId,
    LongText, Mover, OpportunityId, OpportunityMove, OrganisationId, OrganisationKind, Role,
    ShortText, Side, Slug, WebsiteUrl, authorize,
};
use passerelle_storage::{Dossier, FundingScheme, NewScheme, Opportunity, Organisation, Tx};

use crate::opportunities::{for_write, may_read};

use crate::{App, Error, Invalid, Problem, Result, mail, user_id};

/// A scheme as typed in the console's form.
#[derive(Debug, Clone, Default)]
pub struct SchemeInput {
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
    /// The version the page showed (editing only).
    pub version: String,
}

/// The catalogue with the vocabulary its themes name.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// The soonest closing first.
    pub schemes: Vec<FundingScheme>,
    pub domains: Vec<DomainEntry>,
    /// The actor may add and change schemes (the organisers).
    pub may_manage: bool,
}

/// The catalogue of schemes, for every signed-in user.
pub async fn schemes(app: &App, actor: &Actor) -> Result<Catalogue> {
    authorize(actor, Action::ViewFundingSchemes, &Context::default())?;
    Ok(Catalogue {
        schemes: app.storage().list_schemes().await?,
        domains: app.storage().list_domains().await?,
        may_manage: authorize(actor, Action::ManageFundingSchemes, &Context::default()).is_ok(),
    })
}

/// One scheme, for its form.
pub async fn scheme_for_edit(
    app: &App,
    actor: &Actor,
    id: FundingSchemeId,
) -> Result<FundingScheme> {
    authorize(actor, Action::ManageFundingSchemes, &Context::default())?;
    app.storage().get_scheme(id).await?.ok_or(Error::NotFound)
}

/// What the scheme form offers: the organisations of kind funder, and the domains as themes.
#[derive(Debug, Clone)]
pub struct FormChoices {
    pub funders: Vec<Organisation>,
    pub domains: Vec<DomainEntry>,
}

pub async fn form_choices(app: &App, actor: &Actor) -> Result<FormChoices> {
    authorize(actor, Action::ManageFundingSchemes, &Context::default())?;
    Ok(FormChoices {
        funders: app
            .storage()
            .list_organisations(Some(OrganisationKind::Funder))
            .await?,
        domains: app.storage().list_domains().await?,
    })
}

/// Reads a typed scheme, every problem on its field.
async fn parse_scheme(app: &App, input: &SchemeInput) -> Result<NewScheme> {
    let mut invalid = Invalid::default();
    let funder = match OrganisationId::parse(input.funder.trim()) {
        Ok(id) => match app.storage().get_organisation(id).await? {
            Some(o) if o.kind == OrganisationKind::Funder => Some(id),
            _ => {
                invalid.code("funder", "scheme-funder-unknown");
                None
            }
        },
        Err(_) => {
            invalid.code("funder", "scheme-funder-unknown");
            None
        }
    };
    let name = invalid.check("name", ShortText::parse(Field::Title, &input.name));
    let description = invalid.check(
        "description",
        LongText::parse(Field::Description, &input.description),
    );
    let budget = if input.budget_min.trim().is_empty() && input.budget_max.trim().is_empty() {
        Some(None)
    } else {
        invalid
            .check(
                "budget_min",
                BudgetRange::parse(&input.budget_min, &input.budget_max),
            )
            .map(Some)
    };
    let applicants = invalid.check("applicants", Applicants::parse(&input.applicants));
    let known: Vec<String> = app
        .storage()
        .list_domains()
        .await?
        .into_iter()
        .map(|d| d.slug.as_str().to_owned())
        .collect();
    let mut themes = Vec::new();
    for raw in &input.themes {
        match Slug::parse(raw) {
            Ok(s) if known.iter().any(|k| k == s.as_str()) => themes.push(s),
            _ => {
                invalid.add(
                    "themes",
                    Problem::Validation(passerelle_domain::ValidationError::Unknown(
                        Field::Domains,
                    )),
                );
                break;
            }
        }
    }
    let max_share = invalid.check("max_share", Percent::parse(&input.max_share));
    let date = |invalid: &mut Invalid, name: &str, field: Field, raw: &str| {
        invalid.check(
            name,
            passerelle_domain::edition::parse_date(raw.trim()).map_err(|_| {
                if raw.trim().is_empty() {
                    passerelle_domain::ValidationError::Required(field)
                } else {
                    passerelle_domain::ValidationError::Malformed(field)
                }
            }),
        )
    };
    let opens = date(&mut invalid, "opens", Field::Opens, &input.opens);
    let closes = date(&mut invalid, "closes", Field::Closes, &input.closes);
    let link = if input.link.trim().is_empty() {
        Some(None)
    } else {
        invalid
            .check("link", WebsiteUrl::parse(&input.link))
            .map(Some)
    };
    let terms = match (budget, applicants, max_share, opens, closes) {
        (Some(budget), Some(applicants), Some(max_share), Some(opens), Some(closes)) => {
            match SchemeTerms::new(budget, applicants, themes, max_share, opens, closes) {
                Ok(t) => Some(t),
                Err(errors) => {
                    for e in errors {
                        let field = match e.field() {
                            Field::Closes => "closes",
                            _ => "themes",
                        };
                        invalid.add(field, Problem::Validation(e));
                    }
                    None
                }
            }
        }
        _ => None,
    };
    invalid.finish()?;
    match (funder, name, description, terms, link) {
        (Some(funder_id), Some(name), Some(description), Some(terms), Some(link)) => {
            Ok(NewScheme {
                funder_id,
                name,
                description,
                terms,
                link,
            })
        }
        _ => Err(Error::internal("scheme checked above")),
    }
}

/// Adds a scheme (`id` none) or changes one, refusing an edit made on a stale page.
pub async fn save_scheme(
    app: &App,
    actor: &Actor,
    id: Option<FundingSchemeId>,
    input: SchemeInput,
) -> Result<FundingSchemeId> {
    authorize(actor, Action::ManageFundingSchemes, &Context::default())?;
    let new = parse_scheme(app, &input).await?;
    let now = app.now();
    let mut tx = app.begin().await?;
    let id = match id {
        None => tx.create_scheme(&new, now).await?,
        Some(id) => {
            let version = input
                .version
                .trim()
                .parse::<i64>()
                .map_err(|_| Error::conflict("stale-scheme"))?;
            tx.update_scheme(id, &new, version, now).await?;
            id
        }
    };
    app.audit(
        &mut tx,
        actor,
        "scheme-saved",
        ("funding-scheme", id.to_string()),
        serde_json::json!({ "name": new.name.as_str(), "funder": new.funder_id.to_string() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(id)
}

/// One scheme against an opportunity.
#[derive(Debug, Clone)]
pub struct Offer {
    pub scheme: FundingScheme,
    pub routing: Routing,
    /// The dossier filed with this scheme, if any.
    pub dossier: Option<Dossier>,
}

/// The routing page: every scheme with its reasons, eligible ones first, the soonest closing first.
#[derive(Debug, Clone)]
pub struct RoutingView {
    pub opportunity: Opportunity,
    pub offers: Vec<Offer>,
    pub domains: Vec<DomainEntry>,
    /// The actor may file a dossier (a side, or the organisers, after the day).
    pub may_route: bool,
}

pub(crate) async fn candidate_domains(app: &App, opportunity: &Opportunity) -> Result<Vec<Slug>> {
    Ok(app
        .storage()
        .get_irritant(opportunity.irritant_id)
        .await?
        .map(|i| i.content.domains)
        .unwrap_or_default())
}

pub(crate) fn candidate<'a>(opportunity: &Opportunity, domains: &'a [Slug]) -> Candidate<'a> {
    Candidate {
        status: opportunity.status,
        estimated_cost: opportunity.amounts.estimated_cost,
        co_funding: opportunity.amounts.co_funding,
        domains,
    }
}

/// Every scheme checked against an opportunity, for whoever may read it.
pub async fn routing(app: &App, actor: &Actor, id: OpportunityId) -> Result<RoutingView> {
    let opportunity = app
        .storage()
        .get_opportunity(id)
        .await?
        .ok_or(Error::NotFound)?;
    if matches!(actor, Actor::Anonymous) {
        return Err(passerelle_domain::Denied::SignInRequired.into());
    }
    may_read(app, actor, &opportunity).await?;
    let may_route = for_write(app, actor, id, Action::RouteOpportunity)
        .await
        .is_ok();
    let domains = candidate_domains(app, &opportunity).await?;
    let today = app.now().date();
    let dossiers = app.storage().dossiers_of_opportunity(id).await?;
    let mut offers: Vec<Offer> = app
        .storage()
        .list_schemes()
        .await?
        .into_iter()
        .map(|scheme| Offer {
            routing: funding::route(&scheme.terms, &candidate(&opportunity, &domains), today),
            dossier: dossiers.iter().find(|d| d.scheme_id == scheme.id).cloned(),
            scheme,
        })
        .collect();
    offers.sort_by(|a, b| {
        funding::offer_order(
            (&a.routing, &a.scheme.terms, a.scheme.name.as_str()),
            (&b.routing, &b.scheme.terms, b.scheme.name.as_str()),
        )
    });
    Ok(RoutingView {
        opportunity,
        offers,
        domains: app.storage().list_domains().await?,
        may_route,
    })
}

/// Builds the dossier as the funder reads it: the fiche, the company, the meeting and its ratings, the
/// amounts, the plan and the routing's reasons.
pub(crate) async fn snapshot(
    app: &App,
    opportunity: &Opportunity,
    scheme: &FundingScheme,
    routing: &Routing,
    plan: &LongText,
    filed_at: time::OffsetDateTime,
) -> Result<String> {
    let irritant = app.storage().get_irritant(opportunity.irritant_id).await?;
    let company = app
        .storage()
        .get_company_profile(opportunity.company_id)
        .await?;
    let meeting = app.storage().get_meeting(opportunity.meeting_id).await?;
    let ratings = app
        .storage()
        .ratings_of_meeting(opportunity.meeting_id)
        .await?;
    let doc = serde_json::json!({
        "format": "passerelle-dossier",
        "version": 1,
        "filed_at": filed_at.format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| Error::internal(e.to_string()))?,
        "scheme": {
            "id": scheme.id.to_string(),
            "name": scheme.name.as_str(),
            "funder": scheme.funder_name.as_str(),
            "terms": scheme.terms,
        },
        "routing": routing,
        "opportunity": {
            "id": opportunity.id.to_string(),
            "status": opportunity.status,
            "amounts": opportunity.amounts,
        },
        "plan": plan.as_str(),
        // What the institution asks, not who wrote it: no contact nor author, so that erasing a person
        // (GDPR article 17) leaves no copy of them in a dossier.
        "irritant": irritant.map(|i| {
            let c = &i.content;
            serde_json::json!({
                "title": c.title.as_str(),
                "reference": i.reference,
                "institution": i.institution.name.as_str(),
                "context": c.context,
                "problem": c.problem,
                "expected_result": c.expected_result,
                "budget": c.budget,
                "timeline": c.timeline,
                "domains": c.domains,
            })
        }),
        "company": {
            "name": opportunity.company_name.as_str(),
            "profile": company,
        },
        "meeting": meeting.map(|m| serde_json::json!({
            "id": m.id.to_string(),
            "status": m.state.status.as_str(),
        })),
        "ratings": ratings
            .iter()
            .map(|r| serde_json::json!({ "side": r.side, "round": r.round, "rating": r.rating }))
            .collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).map_err(|e| Error::internal(e.to_string()))
}

/// Mails `kind` about a dossier to the members of the scheme's funder, each in their language.
async fn mail_funder(
    app: &App,
    tx: &mut Tx,
    funder: OrganisationId,
    kind: &str,
    args: &[(&str, String)],
    dossier: DossierId,
) -> Result<()> {
    for (person, role) in app.storage().organisation_members(funder).await? {
        if role != Role::Funder {
            continue;
        }
        let lang = passerelle_i18n::Lang::of(person.locale);
        let mut all = vec![
            ("name", person.display_name.as_str().to_string()),
            ("link", app.link(&format!("/dossiers/{dossier}"))),
        ];
        all.extend(args.iter().map(|(k, v)| (*k, v.clone())));
        app.enqueue_mail(tx, &mail::render(kind, &person.email, lang, &all))
            .await?;
    }
    Ok(())
}

fn pair<'a>(app: &App, opportunity: &'a Opportunity, path: &str) -> mail::Pair<'a> {
    mail::Pair {
        institution: (
            opportunity.institution_id,
            opportunity.institution_name.as_str(),
        ),
        company: (opportunity.company_id, opportunity.company_name.as_str()),
        irritant: opportunity.irritant_title.as_str(),
        link: app.link(path),
    }
}

/// What a side types to file a dossier.
#[derive(Debug, Clone, Default)]
pub struct RouteInput {
    pub plan: String,
}

/// Files the dossier of an opportunity with an eligible scheme. The opportunity moves to "funding
/// requested" when it stood at the proposal and the actor files for the institution or the organisers;
/// the funder's members and the other side are told.
pub async fn route(
    app: &App,
    actor: &Actor,
    id: OpportunityId,
    scheme: FundingSchemeId,
    input: RouteInput,
) -> Result<DossierId> {
    let (opportunity, mover) = for_write(app, actor, id, Action::RouteOpportunity).await?;
    let scheme = app
        .storage()
        .get_scheme(scheme)
        .await?
        .ok_or(Error::NotFound)?;
    let mut invalid = Invalid::default();
    let plan = invalid.check("plan", LongText::parse(Field::Description, &input.plan));
    invalid.finish()?;
    let plan = plan.ok_or_else(|| Error::internal("plan checked above"))?;
    let domains = candidate_domains(app, &opportunity).await?;
    let routing = funding::route(
        &scheme.terms,
        &candidate(&opportunity, &domains),
        app.now().date(),
    );
    if !routing.eligible() {
        return Err(Error::conflict("scheme-not-eligible"));
    }
    let now = app.now();
    let doc = snapshot(app, &opportunity, &scheme, &routing, &plan, now).await?;
    let mut tx = app.begin().await?;
    let dossier = tx
        .create_dossier(id, scheme.id, &plan, &doc, user_id(actor), now)
        .await?;
    let files = OpportunityMove::RequestFunding;
    if files.target(opportunity.status).is_some() && files.movers().contains(&mover) {
        let note = LongText::parse(Field::Comment, scheme.name.as_str())
            .map_err(|e| Error::internal(e.to_string()))?;
        tx.move_opportunity(id, files, mover, Some(&note), None, user_id(actor), now)
            .await?;
    }
    let args = [
        ("scheme", scheme.name.as_str().to_string()),
        ("irritant", opportunity.irritant_title.as_str().to_string()),
        (
            "institution",
            opportunity.institution_name.as_str().to_string(),
        ),
        ("company", opportunity.company_name.as_str().to_string()),
    ];
    mail_funder(
        app,
        &mut tx,
        scheme.funder_id,
        "dossier-filed",
        &args,
        dossier,
    )
    .await?;
    let others = crate::opportunities::others(mover);
    mail::mail_sides(
        app,
        &mut tx,
        &pair(app, &opportunity, &format!("/suivi/{id}/financements")),
        others,
        "opportunity-routed",
        &[("scheme", scheme.name.as_str().to_string())],
        |_, _, _| None,
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "opportunity-routed",
        ("dossier", dossier.to_string()),
        serde_json::json!({ "opportunity": id.to_string(), "scheme": scheme.id.to_string() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(dossier)
}

/// The dossiers a funder reads (those routed to its schemes), or every dossier for the organisers, each
/// with its irritant's title.
pub async fn dossiers(app: &App, actor: &Actor) -> Result<Vec<(Dossier, String)>> {
    authorize(actor, Action::ViewFundingDossiers, &Context::default())?;
    let mut all = Vec::new();
    if actor.has_role(Role::Organiser) {
        all = app.storage().dossiers_of_funder(None).await?;
    } else {
        for funder in actor.organisations_with(Role::Funder) {
            all.extend(app.storage().dossiers_of_funder(Some(funder)).await?);
        }
    }
    let mut titled = Vec::with_capacity(all.len());
    for d in all {
        let title = app
            .storage()
            .get_opportunity(d.opportunity_id)
            .await?
            .map(|o| o.irritant_title.as_str().to_string())
            .unwrap_or_default();
        titled.push((d, title));
    }
    Ok(titled)
}

/// A dossier with its opportunity, and whether the actor may decide on it.
#[derive(Debug, Clone)]
pub struct DossierView {
    pub dossier: Dossier,
    pub opportunity: Opportunity,
    /// The scheme's criteria on the day the dossier was filed, with the opportunity as it stands.
    pub routing: Routing,
    pub domains: Vec<DomainEntry>,
    pub may_decide: bool,
}

/// A dossier, for the organisers, the scheme's funder and the opportunity's sides.
pub async fn dossier(app: &App, actor: &Actor, id: DossierId) -> Result<DossierView> {
    if matches!(actor, Actor::Anonymous) {
        return Err(passerelle_domain::Denied::SignInRequired.into());
    }
    let dossier = app
        .storage()
        .get_dossier(id)
        .await?
        .ok_or(Error::NotFound)?;
    let opportunity = app
        .storage()
        .get_opportunity(dossier.opportunity_id)
        .await?
        .ok_or(Error::NotFound)?;
    let funder = Context {
        owner: Some(dossier.funder_id),
        ..Context::default()
    };
    if authorize(actor, Action::ReviewDossier, &funder).is_err() {
        may_read(app, actor, &opportunity).await?;
    }
    let edition = app
        .storage()
        .get_edition(opportunity.edition_id)
        .await?
        .ok_or(Error::NotFound)?;
    let may_decide = authorize(
        actor,
        Action::DecideDossier,
        &Context {
            phase: Some(edition.phase),
            ..funder
        },
    )
    .is_ok();
    let scheme = app
        .storage()
        .get_scheme(dossier.scheme_id)
        .await?
        .ok_or(Error::NotFound)?;
    let domains = candidate_domains(app, &opportunity).await?;
    let mut routing = funding::route(
        &scheme.terms,
        &candidate(&opportunity, &domains),
        dossier.routed_at.date(),
    );
    // The stage is the opportunity's, shown beside; the funder reads the scheme's own criteria.
    routing
        .checks
        .retain(|c| !matches!(c, funding::Check::Stage { .. }));
    Ok(DossierView {
        dossier,
        opportunity,
        routing,
        domains: app.storage().list_domains().await?,
        may_decide,
    })
}

/// A decision as typed.
#[derive(Debug, Clone, Default)]
pub struct DecisionInput {
    pub decision: String,
    pub amount: String,
    pub comment: String,
}

/// The funder's decision: recorded on the dossier and in the opportunity's history, mailed to both sides;
/// an acceptance needs the amount granted (at most what the opportunity asked, when it said) and moves the
/// opportunity to "funded".
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: DossierId,
    input: DecisionInput,
) -> Result<Dossier> {
    let view = dossier(app, actor, id).await?;
    let edition = app
        .storage()
        .get_edition(view.opportunity.edition_id)
        .await?
        .ok_or(Error::NotFound)?;
    authorize(
        actor,
        Action::DecideDossier,
        &Context {
            phase: Some(edition.phase),
            owner: Some(view.dossier.funder_id),
            ..Context::default()
        },
    )?;
    let opportunity = &view.opportunity;
    let mut invalid = Invalid::default();
    let decision = invalid.check("decision", Decision::parse(&input.decision));
    let amount = invalid.check("amount", Euros::parse(Field::Granted, &input.amount));
    let comment = invalid.check(
        "comment",
        if input.comment.trim().is_empty() {
            Ok(None)
        } else {
            LongText::parse(Field::Comment, &input.comment).map(Some)
        },
    );
    match (decision, amount.flatten()) {
        (Some(Decision::Accepted), None) => invalid.code("amount", "dossier-amount-required"),
        (Some(Decision::Accepted), Some(granted))
            if opportunity.amounts.requested.is_some_and(|r| granted > r) =>
        {
            invalid.code("amount", "dossier-amount-above-request")
        }
        (Some(Decision::Declined | Decision::MoreInformation), Some(_)) => {
            invalid.code("amount", "dossier-amount-only-when-accepted")
        }
        (Some(Decision::Declined | Decision::MoreInformation), None)
            if comment.as_ref().is_some_and(Option::is_none) =>
        {
            invalid.code("comment", "dossier-comment-required")
        }
        _ => {}
    }
    invalid.finish()?;
    let (Some(decision), Some(amount), Some(comment)) = (decision, amount, comment) else {
        return Err(Error::internal("decision checked above"));
    };
    if view.dossier.decision == Some(Decision::Accepted) {
        return Err(Error::conflict("dossier-decided"));
    }
    let now = app.now();
    let mut tx = app.begin().await?;
    tx.decide_dossier(id, decision, amount, comment.as_ref(), user_id(actor), now)
        .await?;
    if decision == Decision::Accepted {
        let amounts = passerelle_domain::Amounts {
            granted: amount,
            ..opportunity.amounts
        };
        tx.set_opportunity_amounts(
            opportunity.id,
            &amounts,
            Mover::Funder,
            comment.as_ref(),
            None,
            user_id(actor),
            now,
        )
        .await?;
        if OpportunityMove::Fund.target(opportunity.status).is_some() {
            tx.move_opportunity(
                opportunity.id,
                OpportunityMove::Fund,
                Mover::Funder,
                comment.as_ref(),
                None,
                user_id(actor),
                now,
            )
            .await?;
        }
    }
    mail::mail_sides(
        app,
        &mut tx,
        &pair(app, opportunity, &format!("/dossiers/{id}")),
        &[Side::Institution, Side::Company],
        "dossier-decided",
        &[
            ("scheme", view.dossier.scheme_name.as_str().to_string()),
            ("decision", decision.as_str().to_string()),
            (
                "amount",
                amount.map(|a| a.value().to_string()).unwrap_or_default(),
            ),
            (
                "comment",
                comment
                    .as_ref()
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_default(),
            ),
        ],
        |lang, k, v| match k {
            "decision" => Some(lang.t(&format!("dossier-decision-{v}"))),
            "amount" => v
                .parse::<u64>()
                .ok()
                .map(|v| passerelle_i18n::format::money(lang, v)),
            _ => None,
        },
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "dossier-decided",
        ("dossier", id.to_string()),
        serde_json::json!({ "decision": decision.as_str(), "amount": amount.map(Euros::value) }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage().get_dossier(id).await?.ok_or(Error::NotFound)
}
