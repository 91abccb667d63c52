//! Ratings of the day: each side rates each meeting it held (1 to 5, follow-up wanted yes / maybe / no, a
//! comment), from the agenda page or the mailed link; once both sides have rated, the meeting is "rated".
//! A side may correct its rating. The organisers see the results per meeting, company and irritant.
//!
//! When both sides want a follow-up, the rating's transaction proposes the meeting's opportunity to both
//! (`opportunities::propose_if_both_want`).

use std::collections::BTreeMap;

use passerelle_domain::{
    Action, Actor, Context, EditionId, Field, FollowUp, IrritantId, LongText, MeetingAction,
    MeetingId, MeetingStatus, OrganisationId, Rating, RatingRound, Score, Side, authorize,
};
use passerelle_storage::{Edition, Meeting, StoredRating};

use crate::meetings::side_of;
use crate::{App, Error, Invalid, Result, user_id};

/// A rating as typed.
#[derive(Debug, Clone, Default)]
pub struct RatingInput {
    /// "1" to "5".
    pub score: String,
    /// A `FollowUp` code.
    pub follow_up: String,
    pub comment: String,
}

/// What rating did.
#[derive(Debug, Clone)]
pub struct Rated {
    pub meeting: Meeting,
    pub side: Side,
    /// Both sides have now rated it.
    pub complete: bool,
}

async fn edition_of(app: &App, meeting: &Meeting) -> Result<Edition> {
    app.storage()
        .get_edition(meeting.edition_id)
        .await?
        .ok_or(Error::NotFound)
}

fn organisation(meeting: &Meeting, side: Side) -> OrganisationId {
    match side {
        Side::Institution => meeting.institution.id,
        Side::Company => meeting.company.id,
    }
}

/// The actor's side rates a meeting it held (or corrects its rating).
pub async fn rate(app: &App, actor: &Actor, id: MeetingId, input: RatingInput) -> Result<Rated> {
    let meeting = app
        .storage()
        .get_meeting(id)
        .await?
        .ok_or(Error::NotFound)?;
    let edition = edition_of(app, &meeting).await?;
    let side = side_of(actor, &meeting);
    authorize(
        actor,
        Action::RateMeeting,
        &Context {
            phase: Some(edition.phase),
            owner: side.map(|s| organisation(&meeting, s)),
            partner: side.map(|s| organisation(&meeting, s.other())),
            meeting_status: Some(meeting.state.status),
            ..Context::default()
        },
    )?;
    let side = side.ok_or(Error::NotFound)?;
    let mut invalid = Invalid::default();
    let score = invalid.check("score", Score::parse(&input.score));
    let follow_up = invalid.check(
        "follow_up",
        if input.follow_up.trim().is_empty() {
            Err(passerelle_domain::ValidationError::Required(
                Field::FollowUp,
            ))
        } else {
            FollowUp::parse(&input.follow_up)
        },
    );
    let comment = invalid.check(
        "comment",
        if input.comment.trim().is_empty() {
            Ok(None)
        } else {
            LongText::parse(Field::Comment, &input.comment).map(Some)
        },
    );
    let rating = match (score, follow_up, comment) {
        (Some(s), Some(f), Some(c)) => invalid.check("comment", Rating::new(s, f, c)),
        _ => None,
    };
    invalid.finish()?;
    let rating = rating.ok_or_else(|| Error::internal("rating checked above"))?;
    let other = crate::opportunities::day_rating(app, id, side.other()).await?;
    let now = app.now();
    let mut tx = app.begin().await?;
    let sides = tx
        .set_rating(id, side, RatingRound::Day, &rating, user_id(actor), now)
        .await?;
    let complete = sides.len() == 2;
    if complete {
        // Both want a follow-up: its opportunity is proposed to both (issue 10).
        crate::opportunities::propose_if_both_want(
            app,
            &mut tx,
            &meeting,
            &rating,
            other.as_ref(),
            actor,
        )
        .await?;
    }
    if complete && meeting.state.status == MeetingStatus::Held {
        tx.move_meeting(
            id,
            MeetingAction::Rate,
            Some(side),
            None,
            None,
            user_id(actor),
            now,
        )
        .await?;
    }
    app.audit(
        &mut tx,
        actor,
        "meeting-rated",
        ("meeting", id.to_string()),
        serde_json::json!({
            "side": side.as_str(),
            "score": rating.score.value(),
            "follow_up": rating.follow_up.as_str(),
        }),
    )
    .await?;
    app.commit(tx).await?;
    let meeting = app
        .storage()
        .get_meeting(id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Rated {
        meeting,
        side,
        complete,
    })
}

/// The ratings of the meetings an actor's side took part in, keyed by meeting: what the agenda page shows
/// (and pre-fills when correcting).
pub async fn own(
    app: &App,
    actor: &Actor,
    meetings: &[Meeting],
) -> Result<BTreeMap<MeetingId, StoredRating>> {
    let mut out = BTreeMap::new();
    for m in meetings {
        let Some(side) = side_of(actor, m) else {
            continue;
        };
        if !matches!(m.state.status, MeetingStatus::Held | MeetingStatus::Rated) {
            continue;
        }
        if let Some(r) = app
            .storage()
            .ratings_of_meeting(m.id)
            .await?
            .into_iter()
            .find(|r| r.side == side && r.round == RatingRound::Day)
        {
            out.insert(m.id, r);
        }
    }
    Ok(out)
}

/// A group's ratings in figures.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub ratings: usize,
    /// Mean score, if any rating.
    pub mean: Option<f64>,
    pub follow_up_yes: usize,
    pub follow_up_maybe: usize,
    pub follow_up_no: usize,
}

impl Summary {
    fn add(&mut self, r: &Rating) {
        let total = self.mean.unwrap_or(0.0) * self.ratings as f64 + f64::from(r.score.value());
        self.ratings += 1;
        self.mean = Some(total / self.ratings as f64);
        match r.follow_up {
            FollowUp::Yes => self.follow_up_yes += 1,
            FollowUp::Maybe => self.follow_up_maybe += 1,
            FollowUp::No => self.follow_up_no += 1,
        }
    }
}

/// One held meeting with both sides' ratings.
#[derive(Debug, Clone)]
pub struct MeetingRatings {
    pub meeting: Meeting,
    pub institution: Option<StoredRating>,
    pub company: Option<StoredRating>,
}

/// The organisers' view of an edition's ratings.
#[derive(Debug, Clone)]
pub struct Results {
    pub edition: Edition,
    /// Meetings held (rated or not), by irritant then company.
    pub meetings: Vec<MeetingRatings>,
    /// Per company: its name and the ratings both sides gave its meetings.
    pub companies: Vec<(String, Summary)>,
    /// Per irritant: its title and the ratings both sides gave its meetings.
    pub irritants: Vec<(String, Summary)>,
    pub overall: Summary,
    /// Meetings held that a side has not rated yet.
    pub missing: usize,
}

/// Ratings per meeting, company and irritant (organisers).
pub async fn results(app: &App, actor: &Actor, edition: EditionId) -> Result<Results> {
    let edition = app
        .storage()
        .get_edition(edition)
        .await?
        .ok_or(Error::NotFound)?;
    authorize(
        actor,
        Action::ViewRatings,
        &Context {
            phase: Some(edition.phase),
            ..Context::default()
        },
    )?;
    let mut by_meeting: BTreeMap<MeetingId, Vec<StoredRating>> = BTreeMap::new();
    for r in app
        .storage()
        .ratings_of_edition(edition.id, RatingRound::Day)
        .await?
    {
        by_meeting.entry(r.meeting_id).or_default().push(r);
    }
    let mut meetings = Vec::new();
    let mut companies: BTreeMap<(String, OrganisationId), Summary> = BTreeMap::new();
    let mut irritants: BTreeMap<(String, IrritantId), Summary> = BTreeMap::new();
    let mut overall = Summary::default();
    let mut missing = 0;
    for m in app.storage().meetings_of_edition(edition.id).await? {
        if !matches!(m.state.status, MeetingStatus::Held | MeetingStatus::Rated) {
            continue;
        }
        let ratings = by_meeting.remove(&m.id).unwrap_or_default();
        let pick = |side| ratings.iter().find(|r| r.side == side).cloned();
        let (institution, company) = (pick(Side::Institution), pick(Side::Company));
        missing += usize::from(institution.is_none() || company.is_none());
        for r in institution.iter().chain(company.iter()) {
            overall.add(&r.rating);
            companies
                .entry((m.company.name.as_str().to_string(), m.company.id))
                .or_default()
                .add(&r.rating);
            irritants
                .entry((m.irritant_title.as_str().to_string(), m.irritant_id))
                .or_default()
                .add(&r.rating);
        }
        meetings.push(MeetingRatings {
            meeting: m,
            institution,
            company,
        });
    }
    Ok(Results {
        edition,
        meetings,
        companies: companies.into_iter().map(|((n, _), s)| (n, s)).collect(),
        irritants: irritants.into_iter().map(|((n, _), s)| (n, s)).collect(),
        overall,
        missing,
    })
}
