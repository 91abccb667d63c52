//! Single sign-on as a service provider: ProConnect (the State's OpenID Connect federation) and the
//! RENATER federation (SAML 2.0, Shibboleth identity providers of universities and research bodies).
//!
//! Each adapter turns a provider's answer into a [`FederatedIdentity`] only after every check the
//! protocol asks for (signatures, audience, issuer, validity window, state or request binding,
//! nonce, encryption); anything else is a [`FederationError`], a code with arguments that the web
//! layer translates. Time is always passed in, never read here, so that expiry is testable.

mod error;
pub mod proconnect;
pub mod renater;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::FederationError;
use serde::{Deserialize, Serialize};

/// Which federation vouched for an identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Federation {
    ProConnect,
    Renater,
}

impl Federation {
    /// Stable name, as stored with a linked identity.
    pub fn as_str(self) -> &'static str {
        match self {
            Federation::ProConnect => "proconnect",
            Federation::Renater => "renater",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "proconnect" => Some(Federation::ProConnect),
            "renater" => Some(Federation::Renater),
            _ => None,
        }
    }
}

/// A person as a federation vouched for them, after verification.
///
/// `(federation, issuer, subject)` is the stable key: ProConnect's `sub` is per identity provider
/// (so the issuer is ProConnect's and `idp_id` rides along), RENATER's key is the scoped
/// `eduPersonPrincipalName` asserted by the institution's identity provider `issuer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederatedIdentity {
    pub federation: Federation,
    pub issuer: String,
    pub subject: String,
    /// The address the identity provider asserts. Both federations only carry addresses checked by
    /// the home organisation (a professional directory), so it counts as verified.
    pub email: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub organisation: OrganisationHint,
    /// ProConnect's `acr`, or SAML's authentication context class.
    pub assurance: Option<String>,
    pub logout: LogoutHint,
}

/// What the claims say of the person's organisation; the application proposes or links from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationHint {
    /// ProConnect: the establishment's SIRET (14 digits).
    pub siret: Option<String>,
    /// ProConnect: which identity provider the person chose.
    pub idp_id: Option<String>,
    /// RENATER: the institution's identifier (`supannEtablissement`, else `schacHomeOrganization`).
    pub institution: Option<String>,
    /// RENATER: the identity provider's display name from the federation metadata.
    pub institution_name: Option<String>,
    /// RENATER: the UAI of `supannEtablissement`'s `{UAI}` value, as asserted (unchecked).
    #[serde(default)]
    pub uai: Option<String>,
    /// RENATER: `schacHomeOrganization`, the institution's home domain, as asserted.
    #[serde(default)]
    pub home_domain: Option<String>,
}

/// What signing out at the provider needs later (kept in the session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogoutHint {
    /// ProConnect's end-session endpoint wants the id_token back as `id_token_hint`.
    IdToken(String),
    /// RENATER identity providers rarely offer single logout: the session ends locally.
    Local,
}
