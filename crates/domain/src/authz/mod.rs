//! The authorization policy: who may do what, given the edition's phase and who owns the object.
//!
//! One pure function, [`authorize`], decides every action of the application; the web layer and the use
//! cases ask it before acting. The rules are split per area (one file each, with its own matrix test):
//! `irritants`, `companies` (profiles, registration, invitations, pipelines), `console` (vocabulary,
//! editions, accounts), `meetings` (wishes, matching runs, proposals), `day` and `followup`
//! (opportunities). A new action goes into
//! [`Action`] and into [`area`] (the compiler asks), then into its area's rules and matrix.

mod companies;
mod console;
mod day;
mod followup;
mod irritants;
mod meetings;

use crate::edition::Phase;
use crate::error::Field;
use crate::ids::{OrganisationId, UserId};
use crate::irritant::IrritantStatus;
use crate::meeting::MeetingStatus;
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

    /// The organisations in which the actor holds `role`.
    pub fn organisations_with(&self, role: Role) -> Vec<OrganisationId> {
        self.memberships()
            .iter()
            .filter(|m| m.role == role)
            .map(|m| m.organisation)
            .collect()
    }
}

code_enum!(
    /// Every action of the application that needs a decision, grouped by area (see [`area`]).
    Action, Field::Kind, {
        // Irritants (authz/irritants.rs).
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
        // Companies, invitations and pipelines (authz/companies.rs).
        /// See a company's profile (signed-in users).
        ViewCompanyProfile => "view-company-profile",
        ViewCompanyDirectory => "view-company-directory",
        /// Change the profile of the company in context.
        EditCompanyProfile => "edit-company-profile",
        /// Register the company in context to the edition.
        RegisterForEdition => "register-for-edition",
        /// Invite a contact of an institution.
        InviteInstitutionContact => "invite-institution-contact",
        /// Invite a new company (and its contact) to the edition; context: the inviting incubator or cluster.
        InviteCompany => "invite-company",
        /// Invite a contact into an existing company; context: the incubator or cluster whose pipeline holds
        /// the company, if it is the asking business manager's.
        InviteCompanyContact => "invite-company-contact",
        ValidateCompany => "validate-company",
        /// See the companies an incubator or cluster brought; context: that organisation.
        ViewPipeline => "view-pipeline",
        // The console (authz/console.rs).
        EditVocabulary => "edit-vocabulary",
        /// The organisers' console of what awaits validation.
        ViewConsole => "view-console",
        /// Create editions, set their phase and dates.
        ManageEdition => "manage-edition",
        /// Create, change and remove accounts and memberships.
        ManageUsers => "manage-users",
        /// See the POC dossiers routed to funders.
        ViewFundingDossiers => "view-funding-dossiers",
        /// Set an institution's identifiers (SIRET, UAI, home domain) that single sign-on
        /// matches, and answer the requests to join an institution.
        ManageInstitutions => "manage-institutions",
        /// Change one's own name, password, language; export or delete one's data.
        ManageOwnAccount => "manage-own-account",
        /// Export or erase another person's data at their request (GDPR articles 15, 17, 20).
        HandleDataRequest => "handle-data-request",
        // Meetings (authz/meetings.rs).
        /// State a wish about a pair; context: the side's organisation (institution or company).
        StateWish => "state-wish",
        /// See the ranked recommendations of an irritant or a company; context: its organisation.
        ViewRecommendations => "view-recommendations",
        /// Start a matching run, pin, remove or add pairs.
        RunMatching => "run-matching",
        /// Send a run's proposals to both sides.
        PublishProposals => "publish-proposals",
        /// Accept or decline a proposal; context: the answering side's organisation, the meeting's status.
        AnswerProposal => "answer-proposal",
        /// Make a meeting happen whatever the answers; context: the meeting's status, if it exists.
        ImposeMeeting => "impose-meeting",
        /// See a meeting; context: the institution (owner) and the company (partner).
        ViewMeeting => "view-meeting",
        // The day (authz/day.rs).
        /// Days, sessions, slots, breaks, tables, seating; fixed meetings and precedences.
        ManageDaySetup => "manage-day-setup",
        /// Mark the slots the organisation in context cannot attend.
        StateAvailability => "state-availability",
        RunScheduling => "run-scheduling",
        PublishSchedule => "publish-schedule",
        /// See the agenda (page, PDF, feed) of the organisation in context.
        ViewAgenda => "view-agenda",
        /// Absorb a change on the day (cancellation, absence, late request, lost table).
        Reschedule => "reschedule",
        /// The live board, door sheets and grid, check-in by name.
        RunDay => "run-day",
        /// Check in a person of the organisation in context.
        CheckIn => "check-in",
        /// Mark a meeting held or no-show.
        MarkAttendance => "mark-attendance",
        RateMeeting => "rate-meeting",
        /// Ratings per meeting, company and irritant.
        ViewRatings => "view-ratings",
        // The follow-up (authz/followup.rs).
        /// The list of one's opportunities (an institution's, a company's, a pipeline's).
        ViewOpportunities => "view-opportunities",
        /// See an opportunity; context: the institution (owner) and the company (partner).
        ViewOpportunity => "view-opportunity",
        /// See an opportunity of a company one's incubator or cluster brought; context: that organisation.
        ViewPipelineOpportunity => "view-pipeline-opportunity",
        /// Open an opportunity from a held meeting; context: the side's organisation, the meeting's status.
        CreateOpportunity => "create-opportunity",
        /// Move an opportunity (the domain says which side makes which move); context: the side.
        MoveOpportunity => "move-opportunity",
        /// Set an opportunity's amounts; context: the side.
        EditOpportunityAmounts => "edit-opportunity-amounts",
        /// The organisers' pipeline board of every opportunity, with totals per state.
        ViewOpportunityBoard => "view-opportunity-board",
        /// Answer the six-month rating of a held meeting; context: the side, the meeting's status.
        RateSixMonths => "rate-six-months",
        /// The catalogue of funding schemes (signed-in users).
        ViewFundingSchemes => "view-funding-schemes",
        /// Add and change funding schemes.
        ManageFundingSchemes => "manage-funding-schemes",
        /// Route an opportunity to a scheme, filing its dossier; context: the side.
        RouteOpportunity => "route-opportunity",
        /// Read a dossier routed to a scheme; context: the scheme's funder.
        ReviewDossier => "review-dossier",
        /// Record a decision on a dossier; context: the scheme's funder.
        DecideDossier => "decide-dossier",
        /// Read the experience reports of delivered proofs of concept (every institution member).
        ViewExperienceReports => "view-experience-reports",
        /// Write the experience report of a delivered POC; context: the opportunity's institution.
        WriteExperienceReport => "write-experience-report",
        /// Say "we are interested" in a report; context: the actor's institution (owner), the report's
        /// (partner).
        ExpressInterest => "express-interest",
    }
);

/// The areas of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Irritants,
    Companies,
    Console,
    Meetings,
    Day,
    FollowUp,
}

/// Which area's rules decide `action`.
pub fn area(action: Action) -> Area {
    use Action as A;
    match action {
        A::ViewCatalogue
        | A::ViewIrritant
        | A::CreateIrritant
        | A::EditIrritant
        | A::SubmitIrritant
        | A::PublishIrritant
        | A::ReturnIrritant
        | A::ArchiveIrritant => Area::Irritants,
        A::ViewCompanyProfile
        | A::ViewCompanyDirectory
        | A::EditCompanyProfile
        | A::RegisterForEdition
        | A::InviteInstitutionContact
        | A::InviteCompany
        | A::InviteCompanyContact
        | A::ValidateCompany
        | A::ViewPipeline => Area::Companies,
        A::EditVocabulary
        | A::ViewConsole
        | A::ManageEdition
        | A::ManageUsers
        | A::ViewFundingDossiers
        | A::ManageInstitutions
        | A::ManageOwnAccount
        | A::HandleDataRequest => Area::Console,
        A::StateWish
        | A::ViewRecommendations
        | A::RunMatching
        | A::PublishProposals
        | A::AnswerProposal
        | A::ImposeMeeting
        | A::ViewMeeting => Area::Meetings,
        A::ManageDaySetup
        | A::StateAvailability
        | A::RunScheduling
        | A::PublishSchedule
        | A::ViewAgenda
        | A::Reschedule
        | A::RunDay
        | A::CheckIn
        | A::MarkAttendance
        | A::RateMeeting
        | A::ViewRatings => Area::Day,
        A::ViewOpportunities
        | A::ViewOpportunity
        | A::ViewPipelineOpportunity
        | A::CreateOpportunity
        | A::MoveOpportunity
        | A::EditOpportunityAmounts
        | A::ViewOpportunityBoard
        | A::RateSixMonths
        | A::ViewFundingSchemes
        | A::ManageFundingSchemes
        | A::RouteOpportunity
        | A::ReviewDossier
        | A::DecideDossier
        | A::ViewExperienceReports
        | A::WriteExperienceReport
        | A::ExpressInterest => Area::FollowUp,
    }
}

/// What the decision depends on besides the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// The phase of the edition concerned, if the action concerns one.
    pub phase: Option<Phase>,
    /// The organisation owning the object (an irritant's institution, a company, an incubator).
    pub owner: Option<OrganisationId>,
    /// The other organisation concerned, when there are two (a meeting's company).
    pub partner: Option<OrganisationId>,
    /// The irritant's status, for irritant actions.
    pub irritant_status: Option<IrritantStatus>,
    /// The meeting's status, for meeting actions.
    pub meeting_status: Option<MeetingStatus>,
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

/// What every area's rules read, with the three kinds of refusal in the order they are checked: who
/// (role, organisation), then when (phase), then what (the object's state), so that a user learns first
/// that an action is not theirs at all, and only then that it is not possible now.
pub(crate) struct Facts<'a> {
    pub actor: &'a Actor,
    pub ctx: &'a Context,
}

impl Facts<'_> {
    pub fn organiser(&self) -> bool {
        self.actor.has_role(Role::Organiser)
    }

    pub fn admin(&self) -> bool {
        self.actor.has_role(Role::Admin)
    }

    /// Holds `role` in the owning organisation.
    pub fn owner_role(&self, role: Role) -> bool {
        self.actor.has_role_in(role, self.ctx.owner)
    }

    /// The edition is open for work (not closed).
    pub fn live(&self) -> bool {
        self.ctx.phase.is_some_and(|p| p != Phase::Closed)
    }

    pub fn phase_is(&self, f: impl Fn(Phase) -> bool) -> bool {
        self.ctx.phase.is_some_and(f)
    }

    pub fn who(&self, allowed: bool) -> Result<(), Denied> {
        if allowed {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    }

    pub fn when(&self, allowed: bool) -> Result<(), Denied> {
        if allowed {
            Ok(())
        } else {
            Err(Denied::WrongPhase)
        }
    }

    pub fn state(&self, allowed: bool) -> Result<(), Denied> {
        if allowed {
            Ok(())
        } else {
            Err(Denied::WrongState)
        }
    }
}

/// Decides whether `actor` may perform `action` in `context`.
pub fn authorize(actor: &Actor, action: Action, ctx: &Context) -> Result<(), Denied> {
    let public_irritant = ctx.irritant_status.is_some_and(IrritantStatus::is_public);
    match (action, actor) {
        (Action::ViewCatalogue, _) => return Ok(()),
        (Action::ViewIrritant, _) if public_irritant => return Ok(()),
        (_, Actor::Anonymous) => return Err(Denied::SignInRequired),
        _ => {}
    }
    let facts = Facts { actor, ctx };
    match area(action) {
        Area::Irritants => irritants::decide(&facts, action),
        Area::Companies => companies::decide(&facts, action),
        Area::Console => console::decide(&facts, action),
        Area::Meetings => meetings::decide(&facts, action),
        Area::Day => day::decide(&facts, action),
        Area::FollowUp => followup::decide(&facts, action),
    }
}

/// Shared by the areas' matrix tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::organisation::OrganisationKind;

    pub const Y: Result<(), Denied> = Ok(());
    pub const S: Result<(), Denied> = Err(Denied::SignInRequired);
    pub const F: Result<(), Denied> = Err(Denied::Forbidden);
    pub const P: Result<(), Denied> = Err(Denied::WrongPhase);
    pub const W: Result<(), Denied> = Err(Denied::WrongState);

    /// The matrix's columns after "anonymous".
    pub const ROLES: [Role; 6] = [
        Role::Organiser,
        Role::InstitutionMember,
        Role::CompanyMember,
        Role::BusinessManager,
        Role::Admin,
        Role::Funder,
    ];

    /// One user per role, each in their own organisation; `own` is the organisation the objects belong to.
    pub struct World {
        pub own: OrganisationId,
        pub other: OrganisationId,
    }

    impl World {
        pub fn new() -> Self {
            Self {
                own: OrganisationId::new(),
                other: OrganisationId::new(),
            }
        }

        pub fn actor(&self, role: Role, in_own: bool) -> Actor {
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

    /// Checks an area's matrix: every action of `area` has a row (anonymous, then [`ROLES`], each member of
    /// the owning organisation), and each cell is what the policy decides in `ctx`.
    pub fn check_matrix(
        area_: Area,
        w: &World,
        ctx: &Context,
        expected: &[(Action, [Result<(), Denied>; 7])],
    ) {
        let actions: Vec<Action> = Action::ALL
            .iter()
            .copied()
            .filter(|a| area(*a) == area_)
            .collect();
        let rows: Vec<Action> = expected.iter().map(|(a, _)| *a).collect();
        assert_eq!(
            rows, actions,
            "every action of {area_:?} has one row, in order"
        );
        for (action, row) in expected {
            assert_eq!(
                authorize(&Actor::Anonymous, *action, ctx),
                row[0],
                "anonymous × {action}"
            );
            for (role, want) in ROLES.iter().zip(&row[1..]) {
                assert_eq!(
                    authorize(&w.actor(*role, true), *action, ctx),
                    *want,
                    "{role} × {action}"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use proptest::prelude::*;

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
    fn any_meeting() -> impl Strategy<Value = Option<MeetingStatus>> {
        proptest::option::of(proptest::sample::select(MeetingStatus::ALL.to_vec()))
    }

    proptest! {
        #[test]
        fn anonymous_visitors_only_read_what_is_public(action in any_action(), phase in any_phase(), status in any_status(), meeting in any_meeting()) {
            let ctx = Context { phase, owner: Some(OrganisationId::new()), irritant_status: status, meeting_status: meeting, ..Context::default() };
            let public = action == Action::ViewCatalogue
                || (action == Action::ViewIrritant && status.is_some_and(IrritantStatus::is_public));
            prop_assert_eq!(authorize(&Actor::Anonymous, action, &ctx).is_ok(), public);
        }

        #[test]
        fn a_closed_edition_is_read_only(role in any_role(), action in any_action(), status in any_status(), meeting in any_meeting()) {
            let w = World::new();
            let ctx = Context { phase: Some(Phase::Closed), owner: Some(w.own), irritant_status: status, meeting_status: meeting, ..Context::default() };
            let writes = matches!(action,
                Action::CreateIrritant | Action::EditIrritant | Action::SubmitIrritant | Action::PublishIrritant
                | Action::ReturnIrritant | Action::ArchiveIrritant | Action::RegisterForEdition
                | Action::InviteInstitutionContact | Action::InviteCompany | Action::InviteCompanyContact
                | Action::ValidateCompany | Action::StateWish | Action::RunMatching | Action::PublishProposals
                | Action::AnswerProposal | Action::ImposeMeeting | Action::ManageDaySetup
                | Action::StateAvailability | Action::RunScheduling | Action::PublishSchedule
                | Action::Reschedule | Action::RunDay | Action::CheckIn | Action::MarkAttendance
                | Action::RateMeeting | Action::CreateOpportunity | Action::MoveOpportunity
                | Action::EditOpportunityAmounts | Action::RateSixMonths | Action::WriteExperienceReport);
            if writes {
                prop_assert!(authorize(&w.actor(role, true), action, &ctx).is_err());
            }
        }

        #[test]
        fn membership_elsewhere_never_grants_owner_scoped_actions(
            role in any_role(), action in any_action(), phase in any_phase(), status in any_status(), meeting in any_meeting()
        ) {
            prop_assume!(role != Role::Organiser && role != Role::Admin);
            let w = World::new();
            let ctx = Context { phase, owner: Some(w.own), irritant_status: status, meeting_status: meeting, ..Context::default() };
            let owner_scoped = matches!(action,
                Action::CreateIrritant | Action::EditIrritant | Action::SubmitIrritant
                | Action::EditCompanyProfile | Action::RegisterForEdition | Action::ViewPipeline
                | Action::InviteCompany | Action::InviteCompanyContact | Action::StateWish
                | Action::ViewRecommendations | Action::AnswerProposal | Action::ViewMeeting
                | Action::StateAvailability | Action::ViewAgenda | Action::CheckIn
                | Action::MarkAttendance | Action::RateMeeting | Action::ViewOpportunity
                | Action::ViewPipelineOpportunity | Action::CreateOpportunity
                | Action::MoveOpportunity | Action::EditOpportunityAmounts | Action::RateSixMonths
                | Action::WriteExperienceReport | Action::ExpressInterest);
            if owner_scoped {
                prop_assert_eq!(authorize(&w.actor(role, false), action, &ctx), Err(Denied::Forbidden));
            }
        }

        #[test]
        fn adding_a_membership_never_removes_a_right(
            r1 in any_role(), r2 in any_role(), action in any_action(), phase in any_phase(), status in any_status(),
            meeting in any_meeting(), own2 in any::<bool>()
        ) {
            let w = World::new();
            let ctx = Context { phase, owner: Some(w.own), irritant_status: status, meeting_status: meeting, ..Context::default() };
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
