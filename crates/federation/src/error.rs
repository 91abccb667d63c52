use std::fmt;

/// Why a sign-in was refused. Codes are stable (they name the Fluent message shown to the person,
/// `sso-error-<code>`); the arguments fill it in. Details for the operator go to the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FederationError {
    /// The deployment's configuration is incomplete or invalid (a key, a URL).
    Configuration { detail: String },
    /// The provider (discovery, JWKS, token endpoint, metadata URL) could not be reached.
    Unreachable { detail: String },
    /// The provider answered with an error (the person cancelled, access denied…).
    Refused { reason: String },
    /// No sign-in was started in this browser, or it was already used.
    NoPendingSignIn,
    /// The answer belongs to another sign-in than the one started here (state, InResponseTo).
    StateMismatch,
    /// The id_token was issued for another authentication request (nonce).
    NonceMismatch,
    /// A signature is missing or does not verify (id_token, userinfo, assertion).
    BadSignature,
    /// The userinfo came as plain JSON although signing is required.
    UnsignedUserinfo,
    /// The answer was meant for another service (audience, destination, recipient).
    WrongAudience,
    /// The answer comes from another issuer than the one asked.
    WrongIssuer,
    /// The answer is past its validity window.
    Expired,
    /// The answer is not valid yet (clocks disagree).
    NotYetValid,
    /// This assertion was already used once.
    Replayed,
    /// The assertion was not encrypted although encryption is required.
    NotEncrypted,
    /// The assurance level is not among the allowed ones.
    AcrNotAllowed { acr: String },
    /// A claim or attribute the sign-in needs is missing.
    MissingAttribute { name: String },
    /// The identifier's scope is not one the identity provider may assert.
    ScopeNotAllowed { value: String },
    /// The identity provider is not in the federation's metadata.
    UnknownIdentityProvider,
    /// The federation metadata's signature does not verify against the configured certificate.
    MetadataSignature,
    /// The federation metadata is past its `validUntil`.
    MetadataExpired,
    /// The answer could not be read.
    Malformed { detail: String },
}

impl FederationError {
    /// Stable code, suffix of the Fluent message id.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Configuration { .. } => "configuration",
            Self::Unreachable { .. } => "unreachable",
            Self::Refused { .. } => "refused",
            Self::NoPendingSignIn => "no-pending",
            Self::StateMismatch => "state",
            Self::NonceMismatch => "nonce",
            Self::BadSignature => "signature",
            Self::UnsignedUserinfo => "userinfo-unsigned",
            Self::WrongAudience => "audience",
            Self::WrongIssuer => "issuer",
            Self::Expired => "expired",
            Self::NotYetValid => "not-yet-valid",
            Self::Replayed => "replayed",
            Self::NotEncrypted => "not-encrypted",
            Self::AcrNotAllowed { .. } => "acr",
            Self::MissingAttribute { .. } => "missing-attribute",
            Self::ScopeNotAllowed { .. } => "scope",
            Self::UnknownIdentityProvider => "unknown-idp",
            Self::MetadataSignature => "metadata-signature",
            Self::MetadataExpired => "metadata-expired",
            Self::Malformed { .. } => "malformed",
        }
    }

    /// Arguments of the message shown to the person (never internal details).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::Refused { reason } => vec![("reason", reason.clone())],
            Self::AcrNotAllowed { acr } => vec![("acr", acr.clone())],
            Self::MissingAttribute { name } => vec![("name", name.clone())],
            Self::ScopeNotAllowed { value } => vec![("value", value.clone())],
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for FederationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Configuration { detail }
            | Self::Unreachable { detail }
            | Self::Malformed { detail } => {
                write!(f, "{}: {detail}", self.code())
            }
            _ => {
                write!(f, "{}", self.code())?;
                for (name, value) in self.args() {
                    write!(f, " {name}={value}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for FederationError {}
