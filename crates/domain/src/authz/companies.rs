//! Companies: profiles, registration to an edition, validation, invitations and business managers'
//! pipelines.

use super::{Action, Denied, Facts};
use crate::edition::Phase;
use crate::organisation::Role;

pub(super) fn decide(f: &Facts, action: Action) -> Result<(), Denied> {
    use Action as A;
    let organiser = f.organiser();
    match action {
        // A company's profile page: the organisers (before validating it), the institutions preparing
        // their meetings, and the company's own members; not other companies, nor the public.
        A::ViewCompanyProfile => f.who(
            organiser
                || f.actor.has_role(Role::InstitutionMember)
                || f.owner_role(Role::CompanyMember),
        ),
        // An edition's directory of validated companies, for those who choose whom to meet.
        A::ViewCompanyDirectory => f.who(organiser || f.actor.has_role(Role::InstitutionMember)),
        A::EditCompanyProfile => f.who(organiser || f.owner_role(Role::CompanyMember)),
        A::RegisterForEdition => {
            f.who(organiser || f.owner_role(Role::CompanyMember))?;
            f.when(if organiser {
                f.live()
            } else {
                f.phase_is(Phase::registration_open)
            })
        }
        A::InviteInstitutionContact | A::ValidateCompany => {
            f.who(organiser)?;
            f.when(f.live())
        }
        // A business manager brings companies for their own incubator or cluster (the owner), and adds
        // contacts only to companies of that pipeline: never to a company someone else brought.
        A::InviteCompany | A::InviteCompanyContact => {
            f.who(organiser || f.owner_role(Role::BusinessManager))?;
            f.when(if organiser {
                f.live()
            } else {
                f.phase_is(Phase::recruiting)
            })
        }
        A::ViewPipeline => f.who(organiser || f.owner_role(Role::BusinessManager)),
        _ => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{Area, Context, authorize};
    use super::*;
    use crate::irritant::IrritantStatus;

    /// Every role × every company action during the call for irritants, on objects of the actor's own
    /// organisation. Columns: anonymous, organiser, institution member, company member, business manager,
    /// admin, funder.
    #[test]
    fn matrix_during_the_call_for_irritants_on_own_objects() {
        use Action as A;
        let w = World::new();
        let ctx = Context {
            phase: Some(Phase::CallForIrritants),
            owner: Some(w.own),
            irritant_status: Some(IrritantStatus::Draft),
            ..Context::default()
        };
        check_matrix(
            Area::Companies,
            &w,
            &ctx,
            &[
                (A::ViewCompanyProfile, [S, Y, Y, Y, F, F, F]),
                (A::ViewCompanyDirectory, [S, Y, Y, F, F, F, F]),
                (A::EditCompanyProfile, [S, Y, F, Y, F, F, F]),
                (A::RegisterForEdition, [S, Y, F, Y, F, F, F]),
                (A::InviteInstitutionContact, [S, Y, F, F, F, F, F]),
                (A::InviteCompany, [S, Y, F, F, Y, F, F]),
                (A::InviteCompanyContact, [S, Y, F, F, Y, F, F]),
                (A::ValidateCompany, [S, Y, F, F, F, F, F]),
                (A::ViewPipeline, [S, Y, F, F, Y, F, F]),
            ],
        );
    }

    #[test]
    fn phases_gate_companies_and_business_managers() {
        let w = World::new();
        let company = w.actor(Role::CompanyMember, true);
        let manager = w.actor(Role::BusinessManager, true);
        let organiser = w.actor(Role::Organiser, false);
        let at = |phase| Context {
            phase: Some(phase),
            owner: Some(w.own),
            ..Context::default()
        };
        assert_eq!(
            authorize(
                &company,
                Action::RegisterForEdition,
                &at(Phase::CompanyRegistration)
            ),
            Y
        );
        assert_eq!(
            authorize(&company, Action::RegisterForEdition, &at(Phase::Matching)),
            P
        );
        assert_eq!(
            authorize(&manager, Action::InviteCompany, &at(Phase::Draft)),
            Y
        );
        assert_eq!(
            authorize(&manager, Action::InviteCompany, &at(Phase::EventDay)),
            P
        );
        assert_eq!(
            authorize(&organiser, Action::InviteCompany, &at(Phase::Closed)),
            P
        );
    }

    /// Issue 7, finding 1: a business manager adds contacts only to companies of their own pipeline.
    #[test]
    fn a_business_manager_never_invites_into_another_pipeline() {
        let w = World::new();
        let manager = w.actor(Role::BusinessManager, true);
        let phase = Some(Phase::CompanyRegistration);
        let other_pipeline = Context {
            phase,
            owner: Some(w.other),
            ..Context::default()
        };
        let no_pipeline = Context {
            phase,
            owner: None,
            ..Context::default()
        };
        assert_eq!(
            authorize(&manager, Action::InviteCompanyContact, &other_pipeline),
            F
        );
        assert_eq!(
            authorize(&manager, Action::InviteCompanyContact, &no_pipeline),
            F
        );
        assert_eq!(
            authorize(
                &manager,
                Action::InviteCompanyContact,
                &Context {
                    owner: Some(w.own),
                    ..no_pipeline
                }
            ),
            Y
        );
    }
}
