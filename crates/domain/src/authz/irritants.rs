//! Irritants: the public catalogue, the institution's editor and the organisers' workflow.

use super::{Action, Denied, Facts};
use crate::edition::Phase;
use crate::irritant::{IrritantStatus, IrritantTransition};
use crate::organisation::Role;

pub(super) fn decide(f: &Facts, action: Action) -> Result<(), Denied> {
    use Action as A;
    let organiser = f.organiser();
    // The comment a return needs is checked when the move is made; only the state matters here.
    let can_move =
        |t: IrritantTransition| f.ctx.irritant_status.and_then(|s| t.target(s)).is_some();
    // Institution members work on their own irritants while the call is open; organisers at any live phase.
    let irritant_author = || {
        f.who(organiser || f.owner_role(Role::InstitutionMember))?;
        f.when(if organiser {
            f.live()
        } else {
            f.phase_is(Phase::irritants_open)
        })
    };
    match action {
        A::ViewCatalogue => Ok(()),
        A::ViewIrritant => f.who(organiser || f.admin() || f.actor.is_member_of(f.ctx.owner)),
        A::CreateIrritant => irritant_author(),
        A::EditIrritant => {
            irritant_author()?;
            f.state(
                f.ctx
                    .irritant_status
                    .is_some_and(IrritantStatus::is_editable),
            )
        }
        A::SubmitIrritant => {
            irritant_author()?;
            f.state(can_move(IrritantTransition::Submit))
        }
        A::PublishIrritant | A::ReturnIrritant | A::ArchiveIrritant => {
            f.who(organiser)?;
            f.when(f.live())?;
            f.state(can_move(match action {
                A::PublishIrritant => IrritantTransition::Publish,
                A::ReturnIrritant => IrritantTransition::Return,
                _ => IrritantTransition::Archive,
            }))
        }
        _ => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{Actor, Area, Context, authorize};
    use super::*;

    /// Every role × every irritant action, during the call for irritants, on a draft of the actor's own
    /// organisation. Columns: anonymous, organiser, institution member, company member, business manager,
    /// admin, funder.
    #[test]
    fn matrix_during_the_call_for_irritants_on_own_draft() {
        use Action as A;
        let w = World::new();
        let ctx = Context {
            phase: Some(Phase::CallForIrritants),
            owner: Some(w.own),
            irritant_status: Some(IrritantStatus::Draft),
            ..Context::default()
        };
        check_matrix(
            Area::Irritants,
            &w,
            &ctx,
            &[
                (A::ViewCatalogue, [Y, Y, Y, Y, Y, Y, Y]),
                (A::ViewIrritant, [S, Y, Y, Y, Y, Y, Y]),
                (A::CreateIrritant, [S, Y, Y, F, F, F, F]),
                (A::EditIrritant, [S, Y, Y, F, F, F, F]),
                (A::SubmitIrritant, [S, Y, Y, F, F, F, F]),
                (A::PublishIrritant, [S, W, F, F, F, F, F]),
                (A::ReturnIrritant, [S, W, F, F, F, F, F]),
                (A::ArchiveIrritant, [S, Y, F, F, F, F, F]),
            ],
        );
    }

    #[test]
    fn the_call_gates_institutions_not_organisers() {
        let w = World::new();
        let member = w.actor(Role::InstitutionMember, true);
        let organiser = w.actor(Role::Organiser, false);
        let at = |phase| Context {
            phase: Some(phase),
            owner: Some(w.own),
            irritant_status: Some(IrritantStatus::Draft),
            ..Context::default()
        };
        assert_eq!(
            authorize(&member, Action::CreateIrritant, &at(Phase::Draft)),
            P
        );
        assert_eq!(
            authorize(
                &member,
                Action::EditIrritant,
                &at(Phase::CompanyRegistration)
            ),
            Y
        );
        assert_eq!(
            authorize(&member, Action::SubmitIrritant, &at(Phase::Preferences)),
            P
        );
        assert_eq!(
            authorize(&organiser, Action::EditIrritant, &at(Phase::Preferences)),
            Y
        );
    }

    #[test]
    fn unpublished_irritants_are_private_to_their_institution_and_organisers() {
        let w = World::new();
        let ctx = |s| Context {
            phase: Some(Phase::Preferences),
            owner: Some(w.own),
            irritant_status: Some(s),
            ..Context::default()
        };
        let outsider = w.actor(Role::InstitutionMember, false);
        let insider = w.actor(Role::InstitutionMember, true);
        for s in [
            IrritantStatus::Draft,
            IrritantStatus::Submitted,
            IrritantStatus::Returned,
            IrritantStatus::Archived,
        ] {
            assert_eq!(
                authorize(&Actor::Anonymous, Action::ViewIrritant, &ctx(s)),
                S
            );
            assert_eq!(authorize(&outsider, Action::ViewIrritant, &ctx(s)), F);
            assert_eq!(authorize(&insider, Action::ViewIrritant, &ctx(s)), Y);
        }
        assert_eq!(
            authorize(
                &Actor::Anonymous,
                Action::ViewIrritant,
                &ctx(IrritantStatus::Published)
            ),
            Y
        );
        // What organisers validated is not edited by the institution any more.
        let open = Context {
            phase: Some(Phase::CallForIrritants),
            ..ctx(IrritantStatus::Submitted)
        };
        assert_eq!(authorize(&insider, Action::EditIrritant, &open), W);
    }
}
