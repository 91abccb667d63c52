//! Validation and transition errors with stable codes.

/// The input field a validation error is about; its `as_str` is part of the stable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    DisplayName,
    Password,
    OrganisationName,
    Title,
    Context,
    Problem,
    ExpectedResult,
    Timeline,
    Budget,
    Domains,
    Slug,
    Label,
    Website,
    Region,
    Description,
    References,
    Comment,
    Venue,
    Date,
    Id,
    Kind,
    Role,
    Phase,
    Status,
    Size,
    Locale,
    Side,
    Level,
    Pitch,
    Reason,
    // The day (day.rs).
    Time,
    Duration,
    Table,
    Slot,
    Score,
    FollowUp,
    // Organisations (single sign-on, issue 15).
    Siret,
    Uai,
    HomeDomain,
    // Opportunities (opportunity.rs).
    EstimatedCost,
    Requested,
    Granted,
    CoFunding,
    Amount,
    /// A company's minimum budget for a project (issue 8).
    MinBudget,
    // Funding schemes (funding.rs).
    Rate,
    Opens,
    Closes,
    Funder,
    Scheme,
    // Experience reports (experience.rs).
    Solution,
    Cost,
    Results,
    Reuse,
    Licence,
    Contact,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::DisplayName => "display-name",
            Field::Password => "password",
            Field::OrganisationName => "organisation-name",
            Field::Title => "title",
            Field::Context => "context",
            Field::Problem => "problem",
            Field::ExpectedResult => "expected-result",
            Field::Timeline => "timeline",
            Field::Budget => "budget",
            Field::Domains => "domains",
            Field::Slug => "slug",
            Field::Label => "label",
            Field::Website => "website",
            Field::Region => "region",
            Field::Description => "description",
            Field::References => "references",
            Field::Comment => "comment",
            Field::Venue => "venue",
            Field::Date => "date",
            Field::Id => "id",
            Field::Kind => "kind",
            Field::Role => "role",
            Field::Phase => "phase",
            Field::Status => "status",
            Field::Size => "size",
            Field::Locale => "locale",
            Field::Side => "side",
            Field::Level => "level",
            Field::Pitch => "pitch",
            Field::Reason => "reason",
            Field::Time => "time",
            Field::Duration => "duration",
            Field::Table => "table",
            Field::Slot => "slot",
            Field::Score => "score",
            Field::FollowUp => "follow-up",
            Field::Siret => "siret",
            Field::Uai => "uai",
            Field::HomeDomain => "home-domain",
            Field::EstimatedCost => "estimated-cost",
            Field::Requested => "requested",
            Field::Granted => "granted",
            Field::CoFunding => "co-funding",
            Field::Amount => "amount",
            Field::MinBudget => "min-budget",
            Field::Rate => "rate",
            Field::Opens => "opens",
            Field::Closes => "closes",
            Field::Funder => "funder",
            Field::Scheme => "scheme",
            Field::Solution => "solution",
            Field::Cost => "cost",
            Field::Results => "results",
            Field::Reuse => "reuse",
            Field::Licence => "licence",
            Field::Contact => "contact",
        }
    }
}

/// Why an input was refused. `code()` is stable (e.g. `title-too-long`) and is what the web crate translates;
/// `limit()` gives the bound to show in the message, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("{}: required", .0.as_str())]
    Required(Field),
    #[error("{}: longer than {max} characters", field.as_str())]
    TooLong { field: Field, max: usize },
    #[error("{}: shorter than {min} characters", field.as_str())]
    TooShort { field: Field, min: usize },
    /// Control characters (or line breaks in a one-line field) are refused rather than silently dropped.
    #[error("{}: forbidden characters", .0.as_str())]
    ForbiddenCharacters(Field),
    #[error("{}: malformed", .0.as_str())]
    Malformed(Field),
    #[error("{}: unknown value", .0.as_str())]
    Unknown(Field),
    #[error("{}: out of range", .0.as_str())]
    OutOfRange(Field),
    #[error("{}: too many values (at most {max})", field.as_str())]
    TooMany { field: Field, max: usize },
}

impl ValidationError {
    pub fn field(&self) -> Field {
        match self {
            ValidationError::Required(f)
            | ValidationError::ForbiddenCharacters(f)
            | ValidationError::Malformed(f)
            | ValidationError::Unknown(f)
            | ValidationError::OutOfRange(f) => *f,
            ValidationError::TooLong { field, .. }
            | ValidationError::TooShort { field, .. }
            | ValidationError::TooMany { field, .. } => *field,
        }
    }

    /// The kind of failure, independent of the field (`too-long`, `required`…).
    pub fn kind(&self) -> &'static str {
        match self {
            ValidationError::Required(_) => "required",
            ValidationError::TooLong { .. } => "too-long",
            ValidationError::TooShort { .. } => "too-short",
            ValidationError::ForbiddenCharacters(_) => "forbidden-characters",
            ValidationError::Malformed(_) => "malformed",
            ValidationError::Unknown(_) => "unknown",
            ValidationError::OutOfRange(_) => "out-of-range",
            ValidationError::TooMany { .. } => "too-many",
        }
    }

    /// Stable code `<field>-<kind>`, e.g. `title-too-long`.
    pub fn code(&self) -> String {
        format!("{}-{}", self.field().as_str(), self.kind())
    }

    pub fn limit(&self) -> Option<usize> {
        match self {
            ValidationError::TooLong { max, .. } | ValidationError::TooMany { max, .. } => {
                Some(*max)
            }
            ValidationError::TooShort { min, .. } => Some(*min),
            _ => None,
        }
    }
}

/// A state machine refused a move.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("cannot {action} from state {from}")]
    NotAllowed {
        from: &'static str,
        action: &'static str,
    },
    #[error("a comment is required to {action}")]
    CommentRequired { action: &'static str },
}

impl TransitionError {
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::NotAllowed { .. } => "invalid-transition",
            TransitionError::CommentRequired { .. } => "comment-required",
        }
    }
}
