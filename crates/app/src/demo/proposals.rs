//! An edition's matching run as the organiser would make it: computed by the matching use case over the
//! seeded edition (its scores, total affinity and proof are the engine's), published as proposals, and
//! answered by both sides as the demo wants, all in one transaction.

use std::collections::HashMap;

use passerelle_domain::{
    DeclineReason, EditionId, Field, IrritantId, LongText, MeetingAction, MeetingOrigin,
    MeetingState, OrganisationId, Reason, Role, RunId, Side,
};
use passerelle_storage::NewMeeting;
use time::OffsetDateTime;

use super::World;
use crate::matching::{self, RunParams};
use crate::{App, Error, Result};

/// A published proposal, as the demo decides its answers.
pub(super) struct Proposal {
    pub institution: OrganisationId,
    pub company: OrganisationId,
    /// Its rank among the run's proposals, by irritant title then company name.
    pub index: usize,
}

/// What one side answered.
#[derive(Clone, Copy)]
pub(super) enum Reply {
    Pending,
    Accept,
    Decline(DeclineReason, &'static str),
}

/// Both sides' answers to a proposal.
#[derive(Clone, Copy)]
pub(super) struct Answers {
    pub institution: Reply,
    pub company: Reply,
}

impl Answers {
    pub const BOTH: Answers = Answers {
        institution: Reply::Accept,
        company: Reply::Accept,
    };
}

/// Runs the matching of `edition` (at most three meetings per company and `irritant_max` per irritant),
/// publishes it and records the answers `answer` gives, all dated `now`; returns the run.
pub(super) async fn published_run(
    app: &App,
    world: &World,
    (edition, now): (EditionId, OffsetDateTime),
    irritant_max: u32,
    answer: impl Fn(&Proposal) -> Answers,
) -> Result<RunId> {
    let params = RunParams {
        company_max: 3,
        irritant_max,
        ..RunParams::default()
    };
    let data = matching::load(app, edition).await?;
    let (pairs, result) = matching::compute(&data, &params)?;
    let irritants: HashMap<IrritantId, (&str, OrganisationId)> = data
        .irritants
        .iter()
        .map(|i| (i.id, (i.content.title.as_str(), i.institution.id)))
        .collect();
    let organiser = world.users.get(&Role::Organiser).copied();
    let json = |v: serde_json::Result<serde_json::Value>| v.map_err(Error::internal);

    let mut tx = app.begin().await?;
    let (run, _) = tx
        .create_run(
            edition,
            &json(serde_json::to_value(&params))?,
            organiser,
            now,
        )
        .await?;
    tx.finish_run(run, &pairs, &json(serde_json::to_value(&result))?, now)
        .await?;
    let mut proposals = Vec::with_capacity(pairs.len());
    for p in &pairs {
        let id = tx
            .create_meeting(
                edition,
                &NewMeeting {
                    irritant: p.irritant,
                    company: p.company,
                    origin: MeetingOrigin::Matched,
                    run: Some(run),
                    state: MeetingState::proposed(),
                    score: Some(p.score),
                },
                organiser,
                now,
            )
            .await?;
        let (title, institution) = irritants[&p.irritant];
        proposals.push((title, world.name_of(p.company), institution, p.company, id));
    }
    tx.publish_run(run, now).await?;

    proposals.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (index, (_, _, institution, company, id)) in proposals.into_iter().enumerate() {
        let answers = answer(&Proposal {
            institution,
            company,
            index,
        });
        for (side, reply, org) in [
            (Side::Institution, answers.institution, institution),
            (Side::Company, answers.company, company),
        ] {
            let role = match side {
                Side::Institution => Role::InstitutionMember,
                Side::Company => Role::CompanyMember,
            };
            // The demo account answers for its own organisation; others' answers have no account behind them.
            let by = world
                .users
                .get(&role)
                .copied()
                .filter(|_| world.org_of(role) == Some(org));
            let (action, reason) = match reply {
                Reply::Pending => continue,
                Reply::Accept => (MeetingAction::accept(side), None),
                Reply::Decline(code, comment) => {
                    let comment =
                        LongText::parse(Field::Comment, comment).map_err(Error::internal)?;
                    let reason = Reason::new(code, Some(comment)).map_err(Error::internal)?;
                    (MeetingAction::decline(side), Some(reason))
                }
            };
            tx.move_meeting(id, action, Some(side), reason.as_ref(), None, by, now)
                .await?;
        }
    }
    app.commit(tx).await?;
    Ok(run)
}
