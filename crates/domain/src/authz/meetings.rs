//! Meetings: wishes, recommendations, the organisers' matching runs and the proposals both sides answer.

use super::{Action, Denied, Facts};
use crate::edition::Phase;
use crate::meeting::MeetingStatus;
use crate::organisation::Role;

pub(super) fn decide(f: &Facts, action: Action) -> Result<(), Denied> {
    use Action as A;
    let organiser = f.organiser();
    // A side acts for its organisation: an institution for its irritants, a company for itself.
    let side_member = || f.owner_role(Role::InstitutionMember) || f.owner_role(Role::CompanyMember);
    let meeting_is =
        |allowed: &[MeetingStatus]| f.ctx.meeting_status.is_some_and(|s| allowed.contains(&s));
    match action {
        A::StateWish => {
            f.who(organiser || side_member())?;
            f.when(if organiser {
                f.live()
            } else {
                f.phase_is(|p| p == Phase::Preferences)
            })
        }
        A::ViewRecommendations => f.who(organiser || side_member()),
        A::RunMatching => {
            f.who(organiser)?;
            f.when(f.phase_is(|p| matches!(p, Phase::Preferences | Phase::Matching)))
        }
        A::PublishProposals => {
            f.who(organiser)?;
            f.when(f.phase_is(|p| p == Phase::Matching))
        }
        A::AnswerProposal => {
            f.who(side_member())?;
            f.when(f.phase_is(|p| p == Phase::Matching))?;
            f.state(meeting_is(&[MeetingStatus::Proposed]))
        }
        A::ImposeMeeting => {
            f.who(organiser)?;
            f.when(f.live())?;
            f.state(
                f.ctx.meeting_status.is_none()
                    || meeting_is(&[MeetingStatus::Proposed, MeetingStatus::Declined]),
            )
        }
        A::ViewMeeting => f.who(
            organiser || f.actor.is_member_of(f.ctx.owner) || f.actor.is_member_of(f.ctx.partner),
        ),
        _ => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{Area, Context, authorize};
    use super::*;

    /// Every role × every meeting action while proposals are answered, on a proposal to the actor's own
    /// organisation. Columns: anonymous, organiser, institution member, company member, business manager,
    /// admin, funder.
    #[test]
    fn matrix_while_proposals_are_answered() {
        use Action as A;
        let w = World::new();
        let ctx = Context {
            phase: Some(Phase::Matching),
            owner: Some(w.own),
            meeting_status: Some(MeetingStatus::Proposed),
            ..Context::default()
        };
        check_matrix(
            Area::Meetings,
            &w,
            &ctx,
            &[
                (A::StateWish, [S, Y, P, P, F, F, F]),
                (A::ViewRecommendations, [S, Y, Y, Y, F, F, F]),
                (A::RunMatching, [S, Y, F, F, F, F, F]),
                (A::PublishProposals, [S, Y, F, F, F, F, F]),
                (A::AnswerProposal, [S, F, Y, Y, F, F, F]),
                (A::ImposeMeeting, [S, Y, F, F, F, F, F]),
                (A::ViewMeeting, [S, Y, Y, Y, Y, Y, Y]),
            ],
        );
    }

    #[test]
    fn answers_and_impositions_follow_the_meeting_state() {
        let w = World::new();
        let member = w.actor(Role::InstitutionMember, true);
        let organiser = w.actor(Role::Organiser, false);
        let at = |status| Context {
            phase: Some(Phase::Matching),
            owner: Some(w.own),
            meeting_status: status,
            ..Context::default()
        };
        assert_eq!(
            authorize(
                &member,
                Action::AnswerProposal,
                &at(Some(MeetingStatus::Accepted))
            ),
            W
        );
        assert_eq!(
            authorize(
                &organiser,
                Action::ImposeMeeting,
                &at(Some(MeetingStatus::Declined))
            ),
            Y
        );
        assert_eq!(authorize(&organiser, Action::ImposeMeeting, &at(None)), Y);
        assert_eq!(
            authorize(
                &organiser,
                Action::ImposeMeeting,
                &at(Some(MeetingStatus::Held))
            ),
            W
        );
        // The other side of a meeting sees it too.
        let company = w.actor(Role::CompanyMember, false);
        let both = Context {
            partner: Some(w.other),
            ..at(Some(MeetingStatus::Proposed))
        };
        assert_eq!(authorize(&company, Action::ViewMeeting, &both), Y);
        assert_eq!(authorize(&company, Action::ViewMeeting, &at(None)), F);
    }
}
