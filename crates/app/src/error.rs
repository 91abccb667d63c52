//! The one error type of the use cases: codes with arguments, translated at the edge (web pages, CLI),
//! never text. Conversions from the layers below are here (as crates.io's `util/errors.rs`).

use passerelle_domain::{Denied, TransitionError, ValidationError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A message code and its named arguments: the Fluent key and what fills it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Code {
    pub fn new(key: &'static str) -> Code {
        Code {
            key,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Code {
        self.args.push((name, value.to_string()));
        self
    }
}

/// What is wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A domain type refused the value.
    Validation(ValidationError),
    /// A rule of the use case (`invite-organisation-kind`…), as a message code.
    Code(Code),
}

/// Every problem of a submitted input, by field (the form's field names), in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invalid {
    pub fields: Vec<(String, Problem)>,
}

impl Invalid {
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.fields.push((field.to_string(), problem));
    }

    pub fn code(&mut self, field: &str, key: &'static str) {
        self.add(field, Problem::Code(Code::new(key)));
    }

    /// Keeps the value, or records why it was refused.
    pub fn check<T>(
        &mut self,
        field: &str,
        parsed: std::result::Result<T, ValidationError>,
    ) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, Problem::Validation(e));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// `Err(Error::Invalid)` when a problem was recorded.
    pub fn finish(self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The policy refused (sign in first, not yours, not in this phase, not in this state).
    #[error("denied: {}", .0.code())]
    Denied(Denied),
    #[error("not found")]
    NotFound,
    /// The action collides with the object's state or another write; the code says how.
    #[error("conflict: {}", .0.key)]
    Conflict(Code),
    /// The input was refused, field by field; nothing was written.
    #[error("invalid input")]
    Invalid(Invalid),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn conflict(key: &'static str) -> Error {
        Error::Conflict(Code::new(key))
    }

    pub fn invalid(field: &str, problem: Problem) -> Error {
        let mut invalid = Invalid::default();
        invalid.add(field, problem);
        Error::Invalid(invalid)
    }

    pub fn internal(e: impl std::fmt::Display) -> Error {
        Error::Internal(e.to_string())
    }
}

impl From<Denied> for Error {
    fn from(d: Denied) -> Self {
        Error::Denied(d)
    }
}

impl From<TransitionError> for Error {
    fn from(e: TransitionError) -> Self {
        Error::conflict(e.code())
    }
}

impl From<passerelle_storage::Error> for Error {
    fn from(e: passerelle_storage::Error) -> Self {
        use passerelle_storage::Error as S;
        match e {
            S::NotFound => Error::NotFound,
            S::Conflict(code) => Error::conflict(code),
            S::InvalidTransition(t) => t.into(),
            // A field name of the domain (`expected-result`) is the form's (`expected_result`).
            S::Validation(v) => {
                let field = v.field().as_str().replace('-', "_");
                Error::invalid(&field, Problem::Validation(v))
            }
            S::InvalidToken => Error::conflict("invalid-token"),
            other => Error::Internal(other.to_string()),
        }
    }
}
