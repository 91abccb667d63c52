//! The follow-up: opportunities after the day.
//!
//! Context: `owner` is the organisation the actor acts for (a side of the meeting; for
//! `ViewPipelineOpportunity`, the incubator or cluster whose pipeline holds the company), `partner` the
//! other side; `meeting_status` the meeting's, when an opportunity is opened from it. Which side may make
//! which move is the domain's (`OpportunityMove::movers`); here, who acts on an opportunity at all, and
//! when: from the day until the edition is closed (a closed edition is read-only).

use super::{Action, Denied, Facts};
use crate::edition::Phase;
use crate::meeting::MeetingStatus;
use crate::organisation::Role;

/// Phases in which opportunities are opened and moved.
fn after_the_day(p: Phase) -> bool {
    matches!(p, Phase::EventDay | Phase::FollowUp)
}

pub(super) fn decide(f: &Facts, action: Action) -> Result<(), Denied> {
    use Action as A;
    let organiser = f.organiser();
    let side_member = || f.owner_role(Role::InstitutionMember) || f.owner_role(Role::CompanyMember);
    match action {
        A::ViewOpportunities => f.who(
            organiser
                || f.actor.has_role(Role::InstitutionMember)
                || f.actor.has_role(Role::CompanyMember)
                || f.actor.has_role(Role::BusinessManager),
        ),
        A::ViewOpportunity => f.who(
            organiser || f.actor.is_member_of(f.ctx.owner) || f.actor.is_member_of(f.ctx.partner),
        ),
        A::ViewPipelineOpportunity => f.who(organiser || f.owner_role(Role::BusinessManager)),
        A::CreateOpportunity => {
            f.who(organiser || side_member())?;
            f.when(f.phase_is(after_the_day))?;
            f.state(
                f.ctx
                    .meeting_status
                    .is_some_and(|s| matches!(s, MeetingStatus::Held | MeetingStatus::Rated)),
            )
        }
        A::MoveOpportunity | A::EditOpportunityAmounts | A::RouteOpportunity => {
            f.who(organiser || side_member())?;
            f.when(f.phase_is(after_the_day))
        }
        A::ViewOpportunityBoard | A::ManageFundingSchemes => f.who(organiser),
        A::ViewFundingSchemes => f.who(!matches!(f.actor, crate::authz::Actor::Anonymous)),
        // The organisers read every dossier; a funder those routed to its schemes.
        A::ReviewDossier => f.who(organiser || f.owner_role(Role::Funder)),
        // Only the scheme's funder decides; a closed edition's dossiers stay as they were decided.
        A::DecideDossier => {
            f.who(f.owner_role(Role::Funder))?;
            f.when(f.phase_is(after_the_day))
        }
        A::ViewExperienceReports => f.who(organiser || f.actor.has_role(Role::InstitutionMember)),
        // The institution that ran the POC writes what it learnt while the edition is open.
        A::WriteExperienceReport => {
            f.who(f.owner_role(Role::InstitutionMember))?;
            f.when(f.phase_is(after_the_day))
        }
        // Another institution, whenever: reuse outlives the edition.
        A::ExpressInterest => {
            f.who(f.owner_role(Role::InstitutionMember))?;
            f.state(f.ctx.partner != f.ctx.owner)
        }
        A::RateSixMonths => {
            f.who(side_member())?;
            f.when(f.phase_is(after_the_day))?;
            f.state(
                f.ctx
                    .meeting_status
                    .is_some_and(|s| matches!(s, MeetingStatus::Held | MeetingStatus::Rated)),
            )
        }
        _ => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{Actor, Area, Context, authorize};
    use super::*;

    /// Every role × every follow-up action in the follow-up phase, about a held meeting of the actor's
    /// own organisation. Columns: anonymous, organiser, institution member, company member, business
    /// manager, admin, funder.
    #[test]
    fn matrix_in_the_follow_up_phase() {
        use Action as A;
        let w = World::new();
        let ctx = Context {
            phase: Some(Phase::FollowUp),
            owner: Some(w.own),
            meeting_status: Some(MeetingStatus::Rated),
            ..Context::default()
        };
        check_matrix(
            Area::FollowUp,
            &w,
            &ctx,
            &[
                (A::ViewOpportunities, [S, Y, Y, Y, Y, F, F]),
                (A::ViewOpportunity, [S, Y, Y, Y, Y, Y, Y]),
                (A::ViewPipelineOpportunity, [S, Y, F, F, Y, F, F]),
                (A::CreateOpportunity, [S, Y, Y, Y, F, F, F]),
                (A::MoveOpportunity, [S, Y, Y, Y, F, F, F]),
                (A::EditOpportunityAmounts, [S, Y, Y, Y, F, F, F]),
                (A::ViewOpportunityBoard, [S, Y, F, F, F, F, F]),
                (A::RateSixMonths, [S, F, Y, Y, F, F, F]),
                (A::ViewFundingSchemes, [S, Y, Y, Y, Y, Y, Y]),
                (A::ManageFundingSchemes, [S, Y, F, F, F, F, F]),
                (A::RouteOpportunity, [S, Y, Y, Y, F, F, F]),
                (A::ReviewDossier, [S, Y, F, F, F, F, Y]),
                (A::DecideDossier, [S, F, F, F, F, F, Y]),
                (A::ViewExperienceReports, [S, Y, Y, F, F, F, F]),
                (A::WriteExperienceReport, [S, F, Y, F, F, F, F]),
                (A::ExpressInterest, [S, F, Y, F, F, F, F]),
            ],
        );
    }

    #[test]
    fn opportunities_are_opened_after_the_day_from_held_meetings_and_frozen_when_closed() {
        let w = World::new();
        let member = w.actor(Role::CompanyMember, true);
        let at = |phase, status| Context {
            phase: Some(phase),
            owner: Some(w.own),
            meeting_status: status,
            ..Context::default()
        };
        let create = |ctx: &Context| authorize(&member, Action::CreateOpportunity, ctx);
        assert_eq!(create(&at(Phase::EventDay, Some(MeetingStatus::Held))), Y);
        assert_eq!(create(&at(Phase::FollowUp, Some(MeetingStatus::NoShow))), W);
        assert_eq!(create(&at(Phase::FollowUp, None)), W);
        assert_eq!(create(&at(Phase::Matching, Some(MeetingStatus::Held))), P);
        assert_eq!(create(&at(Phase::Closed, Some(MeetingStatus::Rated))), P);
        assert_eq!(
            authorize(&member, Action::MoveOpportunity, &at(Phase::Closed, None)),
            P
        );
        // The other side reads it; a third organisation does not.
        let other_side = w.actor(Role::InstitutionMember, false);
        let both = Context {
            partner: Some(w.other),
            ..at(Phase::Closed, None)
        };
        assert_eq!(authorize(&other_side, Action::ViewOpportunity, &both), Y);
        assert_eq!(
            authorize(
                &other_side,
                Action::ViewOpportunity,
                &at(Phase::Closed, None)
            ),
            F
        );
        assert_eq!(
            authorize(&Actor::Anonymous, Action::ViewOpportunity, &both),
            S
        );
    }
}
