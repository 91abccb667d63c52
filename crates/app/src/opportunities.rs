//! The follow-up: opportunities after the day (issue 10).
//!
//! An opportunity follows one held meeting. It is proposed to both sides automatically when both rated the
//! meeting "follow-up wanted" ([`propose_if_both_want`], called by the rating's transaction), or opened by
//! hand by a side or the organisers from any held meeting ([`open`]). Each side then makes the moves the
//! domain gives it (`OpportunityMove::movers`), dated, with a comment (the reason, to give up), and keeps
//! the amounts; the other side is told by mail. An institution sees its opportunities, a company its own, a
//! business manager those of the companies its incubator or cluster brought, the organisers every one on a
//! board with totals per state.

use std::collections::BTreeMap;

use passerelle_domain::{
    Action, Actor, Amounts, Context, EditionId, Euros, Field, FollowUp, LongText, MeetingId,
    MeetingStatus, Mover, OpportunityId, OpportunityMove, OpportunityOrigin, OpportunityStatus,
    OrganisationId, Phase, Rating, RatingRound, Role, Side, authorize,
};
use passerelle_storage::{Edition, Meeting, Opportunity, OpportunityEvent, Tx};

use crate::mail;
use crate::{App, Error, Invalid, Problem, Result, user_id};

/// The side (or the organisers' hat) an actor acts with on an opportunity: a member of one of its sides
/// acts as that side, an organiser otherwise as the organisers.
pub fn mover_of(actor: &Actor, opportunity: &Opportunity) -> Option<Mover> {
    if actor.has_role_in(Role::InstitutionMember, Some(opportunity.institution_id)) {
        Some(Mover::Institution)
    } else if actor.has_role_in(Role::CompanyMember, Some(opportunity.company_id)) {
        Some(Mover::Company)
    } else if actor.has_role(Role::Organiser) {
        Some(Mover::Organiser)
    } else {
        None
    }
}

fn side_org(opportunity: &Opportunity, mover: Option<Mover>) -> Option<OrganisationId> {
    match mover {
        Some(Mover::Institution) => Some(opportunity.institution_id),
        Some(Mover::Company) => Some(opportunity.company_id),
        _ => None,
    }
}

fn acting_context(opportunity: &Opportunity, edition: &Edition, mover: Option<Mover>) -> Context {
    let other = match mover {
        Some(Mover::Institution) => Some(opportunity.company_id),
        Some(Mover::Company) => Some(opportunity.institution_id),
        _ => None,
    };
    Context {
        phase: Some(edition.phase),
        owner: side_org(opportunity, mover),
        partner: other,
        ..Context::default()
    }
}

async fn edition(app: &App, id: EditionId) -> Result<Edition> {
    app.storage().get_edition(id).await?.ok_or(Error::NotFound)
}

/// Whether `actor` may read `opportunity`: one of its sides, the organisers, or a business manager whose
/// incubator or cluster brought the company.
pub(crate) async fn may_read(app: &App, actor: &Actor, opportunity: &Opportunity) -> Result<()> {
    let sides = Context {
        owner: Some(opportunity.institution_id),
        partner: Some(opportunity.company_id),
        ..Context::default()
    };
    let Err(denied) = authorize(actor, Action::ViewOpportunity, &sides) else {
        return Ok(());
    };
    if actor.has_role(Role::BusinessManager) {
        let mine = actor.organisations_with(Role::BusinessManager);
        let pipeline = app
            .storage()
            .pipelines_of(opportunity.company_id)
            .await?
            .into_iter()
            .find(|p| mine.contains(p));
        if pipeline.is_some() {
            authorize(
                actor,
                Action::ViewPipelineOpportunity,
                &Context {
                    owner: pipeline,
                    ..Context::default()
                },
            )?;
            return Ok(());
        }
    }
    Err(denied.into())
}

/// What the list page shows a side or a business manager.
#[derive(Debug, Clone)]
pub struct Listing {
    pub opportunities: Vec<Opportunity>,
    /// Held meetings of the actor's sides, in editions after their day, that have no opportunity yet: they
    /// may open one by hand.
    pub openable: Vec<Meeting>,
    /// Held meetings whose six-month rating the actor's side was asked and has not answered.
    pub six_months: Vec<Meeting>,
}

/// The opportunities an actor may follow: its institutions' and companies', and its pipelines'.
pub async fn list(app: &App, actor: &Actor) -> Result<Listing> {
    authorize(actor, Action::ViewOpportunities, &Context::default())?;
    let mut found: BTreeMap<OpportunityId, Opportunity> = BTreeMap::new();
    let mut sides = actor.organisations_with(Role::InstitutionMember);
    sides.extend(actor.organisations_with(Role::CompanyMember));
    for org in &sides {
        for o in app.storage().opportunities_of_organisation(*org).await? {
            found.insert(o.id, o);
        }
    }
    for manager in actor.organisations_with(Role::BusinessManager) {
        let companies: Vec<OrganisationId> = app
            .storage()
            .pipeline(manager, None)
            .await?
            .into_iter()
            .map(|e| e.participation.company.id)
            .collect();
        for company in companies {
            for o in app.storage().opportunities_of_organisation(company).await? {
                if o.company_id == company {
                    found.insert(o.id, o);
                }
            }
        }
    }
    let mut opportunities: Vec<Opportunity> = found.into_values().collect();
    opportunities.sort_by(|a, b| {
        (b.updated_at, a.irritant_title.as_str()).cmp(&(a.updated_at, b.irritant_title.as_str()))
    });
    let mut openable: Vec<Meeting> = Vec::new();
    let mut six_months: Vec<Meeting> = Vec::new();
    for e in app.storage().list_editions().await? {
        if !matches!(e.phase, Phase::EventDay | Phase::FollowUp) {
            continue;
        }
        let requests = app.storage().six_month_requests(e.id).await?;
        let answers = app.storage().six_month_answers(e.id).await?;
        for org in &sides {
            for m in app.storage().meetings_of_organisation(e.id, *org).await? {
                let held = matches!(m.state.status, MeetingStatus::Held | MeetingStatus::Rated);
                let Some(side) = crate::meetings::side_of(actor, &m).filter(|_| held) else {
                    continue;
                };
                let asked = requests
                    .iter()
                    .any(|r| r.meeting_id == m.id && r.side == side)
                    && !answers
                        .iter()
                        .any(|a| a.meeting_id == m.id && a.side == side);
                if asked && !six_months.iter().any(|x| x.id == m.id) {
                    six_months.push(m.clone());
                }
                if !opportunities.iter().any(|o| o.meeting_id == m.id)
                    && !openable.iter().any(|x| x.id == m.id)
                {
                    openable.push(m);
                }
            }
        }
    }
    Ok(Listing {
        opportunities,
        openable,
        six_months,
    })
}

/// One opportunity as its page shows it.
#[derive(Debug, Clone)]
pub struct View {
    pub opportunity: Opportunity,
    pub edition: Edition,
    pub events: Vec<OpportunityEvent>,
    /// The hat the actor wears on it (none: a reader only, e.g. a business manager).
    pub mover: Option<Mover>,
    /// The moves the actor may make now.
    pub moves: Vec<OpportunityMove>,
    pub can_edit_amounts: bool,
}

/// An opportunity, its history and what the actor may do with it.
pub async fn view(app: &App, actor: &Actor, id: OpportunityId) -> Result<View> {
    let opportunity = app
        .storage()
        .get_opportunity(id)
        .await?
        .ok_or(Error::NotFound)?;
    if matches!(actor, Actor::Anonymous) {
        return Err(passerelle_domain::Denied::SignInRequired.into());
    }
    may_read(app, actor, &opportunity).await?;
    let edition = edition(app, opportunity.edition_id).await?;
    let mover = mover_of(actor, &opportunity);
    let ctx = acting_context(&opportunity, &edition, mover);
    let may_move = mover.is_some() && authorize(actor, Action::MoveOpportunity, &ctx).is_ok();
    let moves = match mover {
        Some(m) if may_move => OpportunityMove::available(opportunity.status, m),
        _ => Vec::new(),
    };
    let can_edit_amounts = mover.is_some()
        && !opportunity.status.is_final()
        && authorize(actor, Action::EditOpportunityAmounts, &ctx).is_ok();
    let events = app.storage().opportunity_events(id).await?;
    Ok(View {
        opportunity,
        edition,
        events,
        mover,
        moves,
        can_edit_amounts,
    })
}

/// Mails `kind` about an opportunity to the people of `sides`, each in their language; `extra` values
/// named `status` travel as a state's code and are named in each reader's language, amounts as whole euros
/// written in the reader's typography.
async fn mail_sides(
    app: &App,
    tx: &mut Tx,
    opportunity: &Opportunity,
    sides: &[Side],
    kind: &str,
    extra: &[(&str, String)],
) -> Result<()> {
    let pair = mail::Pair {
        institution: (
            opportunity.institution_id,
            opportunity.institution_name.as_str(),
        ),
        company: (opportunity.company_id, opportunity.company_name.as_str()),
        irritant: opportunity.irritant_title.as_str(),
        link: app.link(&format!("/suivi/{}", opportunity.id)),
    };
    mail::mail_sides(app, tx, &pair, sides, kind, extra, |lang, k, v| match k {
        "status" => Some(lang.t(&format!("opportunity-status-{v}"))),
        "estimated" | "requested" | "granted" | "cofunding" => Some(v.parse::<u64>().map_or_else(
            |_| lang.t("opportunity-amount-unknown"),
            |v| passerelle_i18n::format::money(lang, v),
        )),
        _ => None,
    })
    .await
}

/// The other side(s) to tell about what `mover` did: the other side, or both when the organisers acted.
pub(crate) fn others(mover: Mover) -> &'static [Side] {
    match mover {
        Mover::Institution => &[Side::Company],
        Mover::Company => &[Side::Institution],
        Mover::Organiser | Mover::Funder => &[Side::Institution, Side::Company],
    }
}

/// In the rating's transaction, once both sides have rated a held meeting: when both want a follow-up,
/// its opportunity is opened at "follow-up contact" and proposed to both sides by mail. `rating` is the one
/// being recorded (not yet committed), `other` the other side's.
pub(crate) async fn propose_if_both_want(
    app: &App,
    tx: &mut Tx,
    meeting: &Meeting,
    rating: &Rating,
    other: Option<&Rating>,
    actor: &Actor,
) -> Result<()> {
    let both =
        rating.follow_up == FollowUp::Yes && other.is_some_and(|r| r.follow_up == FollowUp::Yes);
    if !both {
        return Ok(());
    }
    let now = app.now();
    let Some(id) = tx
        .create_opportunity(
            meeting.edition_id,
            meeting.id,
            OpportunityOrigin::Rated,
            None,
            user_id(actor),
            now,
        )
        .await?
    else {
        return Ok(());
    };
    let opportunity = opportunity_in(meeting, id, OpportunityOrigin::Rated, now);
    mail_sides(
        app,
        tx,
        &opportunity,
        &[Side::Institution, Side::Company],
        "opportunity-proposed",
        &[],
    )
    .await?;
    app.audit(
        tx,
        actor,
        "opportunity-proposed",
        ("opportunity", id.to_string()),
        serde_json::json!({ "meeting": meeting.id.to_string() }),
    )
    .await
}

/// A new opportunity as it stands in the transaction that opened it (for its mails).
fn opportunity_in(
    meeting: &Meeting,
    id: OpportunityId,
    origin: OpportunityOrigin,
    now: time::OffsetDateTime,
) -> Opportunity {
    Opportunity {
        id,
        edition_id: meeting.edition_id,
        meeting_id: meeting.id,
        irritant_id: meeting.irritant_id,
        irritant_title: meeting.irritant_title.clone(),
        institution_id: meeting.institution.id,
        institution_name: meeting.institution.name.clone(),
        company_id: meeting.company.id,
        company_name: meeting.company.name.clone(),
        origin,
        status: OpportunityStatus::FollowUpContact,
        amounts: Amounts::default(),
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

/// A side (or the organisers) opens the opportunity of a held meeting by hand; the other side is told.
/// Opening one that exists already leads to it.
pub async fn open(app: &App, actor: &Actor, meeting: &str) -> Result<OpportunityId> {
    let id = MeetingId::parse(meeting).map_err(|_| Error::NotFound)?;
    let meeting = app
        .storage()
        .get_meeting(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, meeting.edition_id).await?;
    let side = crate::meetings::side_of(actor, &meeting);
    let org = |s: Side| match s {
        Side::Institution => meeting.institution.id,
        Side::Company => meeting.company.id,
    };
    authorize(
        actor,
        Action::CreateOpportunity,
        &Context {
            phase: Some(edition.phase),
            owner: side.map(org),
            partner: side.map(|s| org(s.other())),
            meeting_status: Some(meeting.state.status),
            ..Context::default()
        },
    )?;
    if let Some(existing) = app.storage().opportunity_of_meeting(id).await? {
        return Ok(existing.id);
    }
    let mover = match side {
        Some(Side::Institution) => Mover::Institution,
        Some(Side::Company) => Mover::Company,
        None => Mover::Organiser,
    };
    let now = app.now();
    let mut tx = app.begin().await?;
    let Some(created) = tx
        .create_opportunity(
            meeting.edition_id,
            id,
            OpportunityOrigin::Manual,
            Some(mover),
            user_id(actor),
            now,
        )
        .await?
    else {
        return Err(Error::conflict("opportunity-exists"));
    };
    let opportunity = opportunity_in(&meeting, created, OpportunityOrigin::Manual, now);
    mail_sides(
        app,
        &mut tx,
        &opportunity,
        others(mover),
        "opportunity-opened",
        &[],
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "opportunity-opened",
        ("opportunity", created.to_string()),
        serde_json::json!({ "meeting": id.to_string(), "by": mover.as_str() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(created)
}

/// A move as typed.
#[derive(Debug, Clone, Default)]
pub struct MoveInput {
    /// An `OpportunityMove` code.
    pub action: String,
    pub comment: String,
    /// The opportunity's version the page showed.
    pub version: String,
}

fn version(raw: &str) -> Result<Option<i64>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    raw.trim()
        .parse::<i64>()
        .map(Some)
        .map_err(|_| Error::conflict("stale-opportunity"))
}

fn comment(invalid: &mut Invalid, field: &str, raw: &str) -> Option<Option<LongText>> {
    invalid.check(
        field,
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            LongText::parse(Field::Comment, raw).map(Some)
        },
    )
}

/// Loads an opportunity for a write by `actor`, with its edition and the actor's hat, authorized for
/// `action`.
pub(crate) async fn for_write(
    app: &App,
    actor: &Actor,
    id: OpportunityId,
    action: Action,
) -> Result<(Opportunity, Mover)> {
    let opportunity = app
        .storage()
        .get_opportunity(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition(app, opportunity.edition_id).await?;
    let mover = mover_of(actor, &opportunity);
    if mover.is_none() {
        // Sign in first; then a reader (a business manager) is refused the write, anyone else the read.
        if matches!(actor, Actor::Anonymous) {
            return Err(passerelle_domain::Denied::SignInRequired.into());
        }
        may_read(app, actor, &opportunity).await?;
    }
    authorize(
        actor,
        action,
        &acting_context(&opportunity, &edition, mover),
    )?;
    let mover = mover.ok_or(Error::Denied(passerelle_domain::Denied::Forbidden))?;
    Ok((opportunity, mover))
}

/// Makes a move with its comment (the reason, to give up); the other side is told.
pub async fn make_move(
    app: &App,
    actor: &Actor,
    id: OpportunityId,
    input: MoveInput,
) -> Result<Opportunity> {
    let (opportunity, mover) = for_write(app, actor, id, Action::MoveOpportunity).await?;
    let mut invalid = Invalid::default();
    let mv = invalid.check("action", OpportunityMove::parse(&input.action));
    let comment = comment(&mut invalid, "comment", &input.comment);
    if let (Some(OpportunityMove::Abandon), Some(None)) = (mv, &comment) {
        invalid.code("comment", "opportunity-reason-required");
    }
    invalid.finish()?;
    let (Some(mv), Some(comment)) = (mv, comment) else {
        return Err(Error::internal("move checked above"));
    };
    if !mv.movers().contains(&mover) || mv.target(opportunity.status).is_none() {
        return Err(Error::invalid(
            "action",
            Problem::Code(crate::Code::new("opportunity-move-not-yours")),
        ));
    }
    let version = version(&input.version)?;
    let now = app.now();
    let mut tx = app.begin().await?;
    let to = tx
        .move_opportunity(
            id,
            mv,
            mover,
            comment.as_ref(),
            version,
            user_id(actor),
            now,
        )
        .await?;
    mail_sides(
        app,
        &mut tx,
        &opportunity,
        others(mover),
        "opportunity-moved",
        &[
            ("status", to.as_str().to_string()),
            (
                "comment",
                comment
                    .as_ref()
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_default(),
            ),
        ],
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "opportunity-moved",
        ("opportunity", id.to_string()),
        serde_json::json!({ "move": mv.as_str(), "to": to.as_str(), "by": mover.as_str() }),
    )
    .await?;
    app.commit(tx).await?;
    app.storage()
        .get_opportunity(id)
        .await?
        .ok_or(Error::NotFound)
}

/// Amounts as typed (whole euros; empty: not known).
#[derive(Debug, Clone, Default)]
pub struct AmountsInput {
    pub estimated_cost: String,
    pub requested: String,
    pub granted: String,
    pub co_funding: String,
    pub comment: String,
    pub version: String,
}

/// Reads typed amounts, every problem on its field.
pub fn parse_amounts(input: &AmountsInput, invalid: &mut Invalid) -> Option<Amounts> {
    let mut read = |field: &str, f: Field, raw: &str| invalid.check(field, Euros::parse(f, raw));
    let estimated = read(
        "estimated_cost",
        Field::EstimatedCost,
        &input.estimated_cost,
    );
    let requested = read("requested", Field::Requested, &input.requested);
    let granted = read("granted", Field::Granted, &input.granted);
    let co_funding = read("co_funding", Field::CoFunding, &input.co_funding);
    let (Some(e), Some(r), Some(g), Some(c)) = (estimated, requested, granted, co_funding) else {
        return None;
    };
    match Amounts::new(e, r, g, c) {
        Ok(a) => Some(a),
        Err(errors) => {
            for e in errors {
                let field = e.field().as_str().replace('-', "_");
                invalid.add(&field, Problem::Validation(e));
            }
            None
        }
    }
}

/// Sets an opportunity's amounts; the other side is told.
pub async fn set_amounts(
    app: &App,
    actor: &Actor,
    id: OpportunityId,
    input: AmountsInput,
) -> Result<Opportunity> {
    let (opportunity, mover) = for_write(app, actor, id, Action::EditOpportunityAmounts).await?;
    let mut invalid = Invalid::default();
    let amounts = parse_amounts(&input, &mut invalid);
    let comment = comment(&mut invalid, "amounts_comment", &input.comment);
    invalid.finish()?;
    let (Some(amounts), Some(comment)) = (amounts, comment) else {
        return Err(Error::internal("amounts checked above"));
    };
    let version = version(&input.version)?;
    let now = app.now();
    let mut tx = app.begin().await?;
    tx.set_opportunity_amounts(
        id,
        &amounts,
        mover,
        comment.as_ref(),
        version,
        user_id(actor),
        now,
    )
    .await?;
    app.audit(
        &mut tx,
        actor,
        "opportunity-amounts",
        ("opportunity", id.to_string()),
        serde_json::to_value(amounts).map_err(Error::internal)?,
    )
    .await?;
    let euros = |e: Option<Euros>| e.map(|e| e.value().to_string()).unwrap_or_default();
    mail_sides(
        app,
        &mut tx,
        &opportunity,
        others(mover),
        "opportunity-amounts",
        &[
            ("estimated", euros(amounts.estimated_cost)),
            ("requested", euros(amounts.requested)),
            ("granted", euros(amounts.granted)),
            ("cofunding", euros(amounts.co_funding)),
        ],
    )
    .await?;
    app.commit(tx).await?;
    app.storage()
        .get_opportunity(id)
        .await?
        .ok_or(Error::NotFound)
}

/// Sums of one state's column of the board.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub count: usize,
    pub estimated_cost: u64,
    pub requested: u64,
    pub granted: u64,
    pub co_funding: u64,
}

impl Totals {
    pub fn add(&mut self, a: &Amounts) {
        let v = |e: Option<Euros>| e.map_or(0, Euros::value);
        self.count += 1;
        self.estimated_cost += v(a.estimated_cost);
        self.requested += v(a.requested);
        self.granted += v(a.granted);
        self.co_funding += v(a.co_funding);
    }
}

/// The organisers' pipeline board of an edition: a column per state, in the funnel's order (abandoned
/// last), with its totals.
#[derive(Debug, Clone)]
pub struct Board {
    pub edition: Edition,
    pub columns: Vec<(OpportunityStatus, Vec<Opportunity>, Totals)>,
    pub overall: Totals,
}

pub async fn board(app: &App, actor: &Actor, edition_id: EditionId) -> Result<Board> {
    let edition = edition(app, edition_id).await?;
    authorize(
        actor,
        Action::ViewOpportunityBoard,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    let all = app.storage().opportunities_of_edition(edition.id).await?;
    let mut overall = Totals::default();
    let mut columns = Vec::new();
    let mut states: Vec<OpportunityStatus> = OpportunityStatus::FUNNEL.to_vec();
    states.push(OpportunityStatus::Abandoned);
    for status in states {
        let list: Vec<Opportunity> = all.iter().filter(|o| o.status == status).cloned().collect();
        let mut totals = Totals::default();
        for o in &list {
            totals.add(&o.amounts);
            overall.add(&o.amounts);
        }
        columns.push((status, list, totals));
    }
    Ok(Board {
        edition,
        columns,
        overall,
    })
}

/// The day's rating of `side` for a meeting, as committed (the other side's, while one side rates).
pub(crate) async fn day_rating(
    app: &App,
    meeting: MeetingId,
    side: Side,
) -> Result<Option<Rating>> {
    Ok(app
        .storage()
        .ratings_of_meeting(meeting)
        .await?
        .into_iter()
        .find(|r| r.side == side && r.round == RatingRound::Day)
        .map(|r| r.rating))
}
