//! Passerelle's domain: the values and rules of the open-innovation cycle, free of I/O.
//!
//! Every type validates on construction ("parse, don't validate"): once a value of these types exists it is
//! known to be well-formed, so storage and web code never re-check it. Errors carry stable codes that the web
//! crate maps to French and English messages; the domain holds no UI text.

#[macro_use]
mod macros;

pub mod authz;
pub mod company;
pub mod day;
pub mod edition;
pub mod error;
pub mod experience;
pub mod funding;
pub mod ids;
pub mod irritant;
pub mod meeting;
pub mod opportunity;
pub mod organisation;
pub mod text;
pub mod vocabulary;

pub use authz::{Action, Actor, Area, Context, Denied, area, authorize};
pub use company::{CompanyProfile, CompanySize, MinimumBudget, ParticipationStatus, Region};
pub use day::{
    DayPlan, FollowUp, Rating, RatingRound, Score, Seating, SessionKind, Slot, TableSpec,
};
pub use edition::{EditionDates, EditionSpan, Phase, PhaseWindow};
pub use error::{Field, TransitionError, ValidationError};
pub use ids::AttachmentId;
pub use ids::OpportunityId;
pub use ids::{
    ChangeId, EditionId, IrritantId, MeetingId, OrganisationId, RunId, ScheduleRunId, TableId,
    UserId,
};
pub use ids::{DossierId, ExperienceReportId, FundingSchemeId};
pub use irritant::{BudgetRange, IrritantContent, IrritantStatus, IrritantTransition};
pub use meeting::{
    Answer, DeclineReason, MeetingAction, MeetingOrigin, MeetingState, MeetingStatus, Pitch,
    Reason, Side, Wish, WishLevel,
};
pub use opportunity::{
    Amounts, Euros, Mover, OpportunityMove, OpportunityOrigin, OpportunityStatus, Outcome,
};
pub use organisation::{Claim, HomeDomain, Membership, OrganisationKind, Role, Siret, Uai};
pub use text::{
    DisplayName, Email, IrritantTitle, Locale, LongText, OrganisationName, Password, ShortText,
    Slug, WebsiteUrl,
};
pub use vocabulary::DomainEntry;
