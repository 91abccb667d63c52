//! The authorization policy: who may do what, given the edition's phase and who owns the object.
//!
//! One pure function decides every action of the application, so the web layer asks it before each handler
//! runs and the whole policy is tested here as a matrix.

use crate::edition::Phase;
use crate::error::Field;
use crate::ids::{OrganisationId, UserId};
use crate::irritant::{IrritantStatus, IrritantTransition};
use crate::organisation::{Membership, Role};

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    User {
        id: UserId,
        memberships: Vec<Membership>,
    },
}

impl Actor {
    fn memberships(&self) -> &[Membership] {
        match self {
            Actor::Anonymous => &[],
            Actor::User { memberships, .. } => memberships,
        }
    }

    /// Holds `role` in any organisation.
    pub fn has_role(&self, role: Role) -> bool {
        self.memberships().iter().any(|m| m.role == role)
    }

    /// Holds `role` in the organisation `org`.
    pub fn has_role_in(&self, role: Role, org: Option<OrganisationId>) -> bool {
        org.is_some_and(|org| {
            self.memberships()
                .iter()
                .any(|m| m.role == role && m.organisation == org)
        })
    }

    /// Holds any role in `org`.
    pub fn is_member_of(&self, org: Option<OrganisationId>) -> bool {
        org.is_some_and(|org| self.memberships().iter().any(|m| m.organisation == org))
    }
}

code_enum!(
    /// Every action of the application that needs a decision.
    Action, Field::Kind, {
        /// See an edition's published irritants (the public catalogue).
        ViewCatalogue => "view-catalogue",
        /// See one irritant; context: its status and institution.
        ViewIrritant => "view-irritant",
        /// Write a new irritant for the institution in context.
        CreateIrritant => "create-irritant",
        /// Change an irritant's content; context: its status and institution.
        EditIrritant => "edit-irritant",
        SubmitIrritant => "submit-irritant",
        PublishIrritant => "publish-irritant",
        ReturnIrritant => "return-irritant",
        ArchiveIrritant => "archive-irritant",
        /// See a company's profile (signed-in users).
        ViewCompanyProfile => "view-company-profile",
        /// Change the profile of the company in context.
        EditCompanyProfile => "edit-company-profile",
        /// Register the company in context to the edition.
        RegisterForEdition => "register-for-edition",
        /// Invite a contact of an institution.
        InviteInstitutionContact => "invite-institution-contact",
        /// Invite a company (and its contact) to the edition.
        InviteCompany => "invite-company",
        ValidateCompany => "validate-company",
        /// See the companies an incubator or cluster brought; context: that organisation.
        ViewPipeline => "view-pipeline",
        EditVocabulary => "edit-vocabulary",
        /// The organisers' console of what awaits validation.
        ViewConsole => "view-console",
        /// Create editions, set their phase and dates.
        ManageEdition => "manage-edition",
        /// Create, change and remove accounts and memberships.
        ManageUsers => "manage-users",
        /// See the POC dossiers routed to funders.
        ViewFundingDossiers => "view-funding-dossiers",
        /// Change one's own name, password, language; export or delete one's data.
        ManageOwnAccount => "manage-own-account",
    }
);

/// What the decision depends on besides the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// The phase of the edition concerned, if the action concerns one.
    pub phase: Option<Phase>,
    /// The organisation owning the object (an irritant's institution, a company, an incubator).
    pub owner: Option<OrganisationId>,
    /// The irritant's status, for irritant actions.
    pub irritant_status: Option<IrritantStatus>,
}

/// Why an action is refused: the web layer answers `SignInRequired` with a redirect to the sign-in page and
/// the others with 403 (`WrongState` may be shown as a conflict with the object's state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("sign-in required")]
    SignInRequired,
    #[error("not allowed for this role or organisation")]
    Forbidden,
    #[error("not allowed in the edition's current phase")]
    WrongPhase,
    #[error("not allowed in the object's current state")]
    WrongState,
}

impl Denied {
    pub fn code(self) -> &'static str {
        match self {
            Denied::SignInRequired => "sign-in-required",
            Denied::Forbidden => "forbidden",
            Denied::WrongPhase => "wrong-phase",
            Denied::WrongState => "wrong-state",
        }
    }
}

/// Decides whether `actor` may perform `action` in `context`.
///
/// Checks go from who (role, organisation) to when (phase) to what (object state), so that a user learns first
/// that an action is not theirs at all, and only then that it is not possible now.
pub fn authorize(actor: &Actor, action: Action, ctx: &Context) -> Result<(), Denied> {
    use Action as A;
    let public_irritant = ctx.irritant_status.is_some_and(IrritantStatus::is_public);
    match (action, actor) {
        (A::ViewCatalogue, _) => return Ok(()),
        (A::ViewIrritant, _) if public_irritant => return Ok(()),
        (_, Actor::Anonymous) => return Err(Denied::SignInRequired),
        _ => {}
    }

    let organiser = actor.has_role(Role::Organiser);
    let admin = actor.has_role(Role::Admin);
    let owner_institution = actor.has_role_in(Role::InstitutionMember, ctx.owner);
    let live = ctx.phase.is_some_and(|p| p != Phase::Closed);
    let phase_is = |f: fn(Phase) -> bool| ctx.phase.is_some_and(f);

    let who = |allowed: bool| {
        if allowed {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    };
    let when = |allowed: bool| {
        if allowed {
            Ok(())
        } else {
            Err(Denied::WrongPhase)
        }
    };
    let state = |allowed: bool| {
        if allowed {
            Ok(())
        } else {
            Err(Denied::WrongState)
        }
    };
    // The comment a return needs is checked when the move is made; only the state matters here.
    let can_move = |t: IrritantTransition| ctx.irritant_status.and_then(|s| t.target(s)).is_some();
    // Institution members work on their own irritants while the call is open; organisers at any live phase.
    let irritant_author = || {
        who(organiser || owner_institution)?;
        when(if organiser {
            live
        } else {
            phase_is(Phase::irritants_open)
        })
    };

    match action {
        A::ViewCatalogue => Ok(()),
        A::ViewIrritant => who(organiser || admin || actor.is_member_of(ctx.owner)),
        A::CreateIrritant => irritant_author(),
        A::EditIrritant => {
            irritant_author()?;
            state(ctx.irritant_status.is_some_and(IrritantStatus::is_editable))
        }
        A::SubmitIrritant => {
            irritant_author()?;
            state(can_move(IrritantTransition::Submit))
        }
        A::PublishIrritant | A::ReturnIrritant | A::ArchiveIrritant => {
            who(organiser)?;
            when(live)?;
            state(can_move(match action {
                A::PublishIrritant => IrritantTransition::Publish,
                A::ReturnIrritant => IrritantTransition::Return,
                _ => IrritantTransition::Archive,
            }))
        }
        A::ViewCompanyProfile | A::ManageOwnAccount => Ok(()),
        A::EditCompanyProfile => {
            who(organiser || actor.has_role_in(Role::CompanyMember, ctx.owner))
        }
        A::RegisterForEdition => {
            who(organiser || actor.has_role_in(Role::CompanyMember, ctx.owner))?;
            when(if organiser {
                live
            } else {
                phase_is(Phase::registration_open)
            })
        }
        A::InviteInstitutionContact | A::ValidateCompany => {
            who(organiser)?;
            when(live)
        }
        A::InviteCompany => {
            let manager = actor.has_role(Role::BusinessManager);
            who(organiser || manager)?;
            when(if organiser {
                live
            } else {
                phase_is(Phase::recruiting)
            })
        }
        A::ViewPipeline => who(organiser || actor.has_role_in(Role::BusinessManager, ctx.owner)),
        A::EditVocabulary | A::ViewConsole => who(organiser || admin),
        A::ManageEdition => who(organiser),
        A::ManageUsers => who(admin),
        A::ViewFundingDossiers => who(organiser || actor.has_role(Role::Funder)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::OrganisationKind;
    use proptest::prelude::*;

    /// One user per role, each in their own organisation; `own` is the organisation the objects belong to.
    struct World {
        own: OrganisationId,
        other: OrganisationId,
    }

    impl World {
        fn new() -> Self {
            Self {
                own: OrganisationId::new(),
                other: OrganisationId::new(),
            }
        }

        fn actor(&self, role: Role, in_own: bool) -> Actor {
            let kind = *OrganisationKind::ALL
                .iter()
                .find(|k| role.allowed_in(**k))
                .unwrap();
            let organisation = if in_own { self.own } else { self.other };
            Actor::User {
                id: UserId::new(),
                memberships: vec![Membership {
                    organisation,
                    kind,
                    role,
                }],
            }
        }
    }

    const Y: Result<(), Denied> = Ok(());
    const S: Result<(), Denied> = Err(Denied::SignInRequired);
    const F: Result<(), Denied> = Err(Denied::Forbidden);
    const P: Result<(), Denied> = Err(Denied::WrongPhase);

    /// Every role × every action, in the phase where the most happens (call for irritants) on a draft irritant
    /// of the actor's own organisation. Columns: anonymous, organiser, institution member, company member,
    /// business manager, admin, funder.
    #[test]
    fn matrix_during_the_call_for_irritants_on_own_draft() {
        use Action as A;
        let expected: &[(Action, [Result<(), Denied>; 7])] = &[
            (A::ViewCatalogue, [Y, Y, Y, Y, Y, Y, Y]),
            (A::ViewIrritant, [S, Y, Y, Y, Y, Y, Y]),
            (A::CreateIrritant, [S, Y, Y, F, F, F, F]),
            (A::EditIrritant, [S, Y, Y, F, F, F, F]),
            (A::SubmitIrritant, [S, Y, Y, F, F, F, F]),
            (
                A::PublishIrritant,
                [S, Err(Denied::WrongState), F, F, F, F, F],
            ),
            (
                A::ReturnIrritant,
                [S, Err(Denied::WrongState), F, F, F, F, F],
            ),
            (A::ArchiveIrritant, [S, Y, F, F, F, F, F]),
            (A::ViewCompanyProfile, [S, Y, Y, Y, Y, Y, Y]),
            (A::EditCompanyProfile, [S, Y, F, Y, F, F, F]),
            (A::RegisterForEdition, [S, Y, F, Y, F, F, F]),
            (A::InviteInstitutionContact, [S, Y, F, F, F, F, F]),
            (A::InviteCompany, [S, Y, F, F, Y, F, F]),
            (A::ValidateCompany, [S, Y, F, F, F, F, F]),
            (A::ViewPipeline, [S, Y, F, F, Y, F, F]),
            (A::EditVocabulary, [S, Y, F, F, F, Y, F]),
            (A::ViewConsole, [S, Y, F, F, F, Y, F]),
            (A::ManageEdition, [S, Y, F, F, F, F, F]),
            (A::ManageUsers, [S, F, F, F, F, Y, F]),
            (A::ViewFundingDossiers, [S, Y, F, F, F, F, Y]),
            (A::ManageOwnAccount, [S, Y, Y, Y, Y, Y, Y]),
        ];
        assert_eq!(
            expected.len(),
            Action::ALL.len(),
            "every action is in the matrix"
        );
        let w = World::new();
        let roles = [
            Role::Organiser,
            Role::InstitutionMember,
            Role::CompanyMember,
            Role::BusinessManager,
            Role::Admin,
            Role::Funder,
        ];
        let ctx = Context {
            phase: Some(Phase::CallForIrritants),
            owner: Some(w.own),
            irritant_status: Some(IrritantStatus::Draft),
        };
        for (action, row) in expected {
            assert_eq!(
                authorize(&Actor::Anonymous, *action, &ctx),
                row[0],
                "anonymous × {action}"
            );
            for (role, want) in roles.iter().zip(&row[1..]) {
                assert_eq!(
                    authorize(&w.actor(*role, true), *action, &ctx),
                    *want,
                    "{role} × {action}"
                );
            }
        }
    }

    #[test]
    fn phases_gate_institutions_companies_and_business_managers() {
        let w = World::new();
        let member = w.actor(Role::InstitutionMember, true);
        let company = w.actor(Role::CompanyMember, true);
        let manager = w.actor(Role::BusinessManager, true);
        let organiser = w.actor(Role::Organiser, false);
        let at = |phase| Context {
            phase: Some(phase),
            owner: Some(w.own),
            irritant_status: Some(IrritantStatus::Draft),
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

    #[test]
    fn unpublished_irritants_are_private_to_their_institution_and_organisers() {
        let w = World::new();
        let ctx = |s| Context {
            phase: Some(Phase::Preferences),
            owner: Some(w.own),
            irritant_status: Some(s),
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
        assert_eq!(
            authorize(&insider, Action::EditIrritant, &open),
            Err(Denied::WrongState)
        );
    }

    fn any_role() -> impl Strategy<Value = Role> {
        proptest::sample::select(Role::ALL.to_vec())
    }
    fn any_action() -> impl Strategy<Value = Action> {
        proptest::sample::select(Action::ALL.to_vec())
    }
    fn any_phase() -> impl Strategy<Value = Option<Phase>> {
        proptest::option::of(proptest::sample::select(Phase::ALL.to_vec()))
    }
    fn any_status() -> impl Strategy<Value = Option<IrritantStatus>> {
        proptest::option::of(proptest::sample::select(IrritantStatus::ALL.to_vec()))
    }

    proptest! {
        #[test]
        fn anonymous_visitors_only_read_what_is_public(action in any_action(), phase in any_phase(), status in any_status()) {
            let ctx = Context { phase, owner: Some(OrganisationId::new()), irritant_status: status };
            let public = action == Action::ViewCatalogue
                || (action == Action::ViewIrritant && status.is_some_and(IrritantStatus::is_public));
            prop_assert_eq!(authorize(&Actor::Anonymous, action, &ctx).is_ok(), public);
        }

        #[test]
        fn a_closed_edition_is_read_only(role in any_role(), action in any_action(), status in any_status()) {
            let w = World::new();
            let ctx = Context { phase: Some(Phase::Closed), owner: Some(w.own), irritant_status: status };
            let writes = matches!(action,
                Action::CreateIrritant | Action::EditIrritant | Action::SubmitIrritant | Action::PublishIrritant
                | Action::ReturnIrritant | Action::ArchiveIrritant | Action::RegisterForEdition
                | Action::InviteInstitutionContact | Action::InviteCompany | Action::ValidateCompany);
            if writes {
                prop_assert!(authorize(&w.actor(role, true), action, &ctx).is_err());
            }
        }

        #[test]
        fn membership_elsewhere_never_grants_owner_scoped_actions(
            role in any_role(), action in any_action(), phase in any_phase(), status in any_status()
        ) {
            prop_assume!(role != Role::Organiser && role != Role::Admin);
            let w = World::new();
            let ctx = Context { phase, owner: Some(w.own), irritant_status: status };
            let owner_scoped = matches!(action,
                Action::CreateIrritant | Action::EditIrritant | Action::SubmitIrritant
                | Action::EditCompanyProfile | Action::RegisterForEdition | Action::ViewPipeline);
            if owner_scoped {
                prop_assert_eq!(authorize(&w.actor(role, false), action, &ctx), Err(Denied::Forbidden));
            }
        }

        #[test]
        fn adding_a_membership_never_removes_a_right(
            r1 in any_role(), r2 in any_role(), action in any_action(), phase in any_phase(), status in any_status(), own2 in any::<bool>()
        ) {
            let w = World::new();
            let ctx = Context { phase, owner: Some(w.own), irritant_status: status };
            let one = w.actor(r1, true);
            let Actor::User { id, mut memberships } = one.clone() else { unreachable!() };
            let Actor::User { memberships: more, .. } = w.actor(r2, own2) else { unreachable!() };
            memberships.extend(more);
            let two = Actor::User { id, memberships };
            if authorize(&one, action, &ctx).is_ok() {
                prop_assert!(authorize(&two, action, &ctx).is_ok());
            }
        }
    }
}
