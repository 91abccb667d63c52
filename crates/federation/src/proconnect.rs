//! ProConnect, the State's OpenID Connect federation for public agents and company staff, as its
//! partner documentation asks: discovery under `/api/v2/.well-known/openid-configuration`, `state`
//! and `nonce` of 43 characters (32 random bytes), `client_secret_post`, signed id_token and signed
//! userinfo (`application/jwt`), ProConnect's scopes, the ACR asked through the `claims` parameter,
//! and logout through the end-session endpoint with `id_token_hint`, `state` and
//! `post_logout_redirect_uri`.

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AdditionalClaims, AuthType, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    ConfigurationError, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    LogoutRequest, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, RequestTokenError, Scope,
    SignatureVerificationError, TokenResponse, UserInfoClaims, UserInfoError, UserInfoResponseType,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use url::Url;

use crate::{FederatedIdentity, Federation, FederationError, LogoutHint, OrganisationHint};

/// The scopes ProConnect's documentation lists for a service provider's sign-in.
pub const SCOPES: [&str; 6] = [
    "given_name",
    "usual_name",
    "email",
    "uid",
    "siret",
    "idp_id",
];
/// Random bytes in `state` and `nonce`: 32 bytes are 43 base64url characters (at least 32 asked).
const RANDOM_BYTES: u32 = 32;

/// A deployment's ProConnect settings (what it received when registering its service).
#[derive(Debug, Clone)]
pub struct ProConnectConfig {
    /// The issuer, e.g. `https://auth.agentconnect.gouv.fr/api/v2`; discovery is below it.
    pub issuer: Url,
    pub client_id: String,
    pub client_secret: String,
    /// This service's callback, registered with ProConnect.
    pub redirect_uri: Url,
    /// Where ProConnect sends the browser back after signing out, registered with ProConnect.
    pub post_logout_redirect_uri: Url,
    /// Accepted assurance levels (`eidas1`, …), asked as essential through `claims`. Empty: any.
    pub acr_values: Vec<String>,
}

/// What a started sign-in keeps in the person's session until the callback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingProConnect {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The query of the redirect back from ProConnect.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// ProConnect's claims beyond the standard ones (in the signed userinfo).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ProConnectClaims {
    usual_name: Option<String>,
    uid: Option<String>,
    siret: Option<String>,
    idp_id: Option<String>,
}
impl AdditionalClaims for ProConnectClaims {}

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A ProConnect relying party, with the provider's discovered metadata.
#[derive(Debug, Clone)]
pub struct ProConnect {
    config: ProConnectConfig,
    metadata: ProviderMetadataWithLogout,
    http: reqwest::Client,
}

impl ProConnect {
    /// Fetches the discovery document and the provider's keys.
    pub async fn discover(config: ProConnectConfig) -> Result<Self, FederationError> {
        let http = reqwest::Client::builder()
            // OpenID Connect endpoints never redirect; following one would leak the code or token.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| FederationError::Configuration {
                detail: e.to_string(),
            })?;
        let issuer = IssuerUrl::from_url(config.issuer.clone());
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &http)
            .await
            .map_err(|e| FederationError::Unreachable {
                detail: format!("ProConnect discovery: {e}"),
            })?;
        if metadata
            .additional_metadata()
            .end_session_endpoint
            .is_none()
        {
            return Err(FederationError::Configuration {
                detail: "ProConnect's discovery document has no end_session_endpoint".into(),
            });
        }
        Ok(Self {
            config,
            metadata,
            http,
        })
    }

    pub fn config(&self) -> &ProConnectConfig {
        &self.config
    }

    /// The origin of the authorization endpoint, where a sign-in form hands the browser over
    /// (the pages' CSP `form-action` names it).
    pub fn authorization_origin(&self) -> String {
        self.metadata
            .authorization_endpoint()
            .url()
            .origin()
            .ascii_serialization()
    }

    fn client(&self) -> Client {
        CoreClient::from_provider_metadata(
            self.metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(RedirectUrl::from_url(self.config.redirect_uri.clone()))
        .set_auth_type(AuthType::RequestBody)
    }

    /// The URL to send the browser to, and what to keep for the callback.
    pub fn start(&self) -> (Url, PendingProConnect) {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let client = self.client();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                || CsrfToken::new_random_len(RANDOM_BYTES),
                || Nonce::new_random_len(RANDOM_BYTES),
            )
            .set_pkce_challenge(challenge);
        for scope in SCOPES {
            request = request.add_scope(Scope::new(scope.into()));
        }
        if !self.config.acr_values.is_empty() {
            let claims = serde_json::json!({
                "id_token": { "acr": { "essential": true, "values": self.config.acr_values } }
            });
            request = request.add_extra_param("claims", claims.to_string());
        }
        let (url, state, nonce) = request.url();
        let pending = PendingProConnect {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        };
        (url, pending)
    }

    /// Checks the callback against the pending sign-in, exchanges the code, verifies the id_token
    /// and the signed userinfo, and returns the identity.
    pub async fn finish(
        &self,
        pending: &PendingProConnect,
        callback: &Callback,
        now: OffsetDateTime,
    ) -> Result<FederatedIdentity, FederationError> {
        if let Some(error) = &callback.error {
            return Err(FederationError::Refused {
                reason: error.clone(),
            });
        }
        let state = callback
            .state
            .as_deref()
            .ok_or(FederationError::StateMismatch)?;
        if !constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
            return Err(FederationError::StateMismatch);
        }
        // RFC 9207: a provider that names itself in the redirect must be the one asked (mix-up).
        if let Some(iss) = &callback.iss
            && iss != self.metadata.issuer().as_str()
        {
            return Err(FederationError::WrongIssuer);
        }
        let code = callback
            .code
            .clone()
            .ok_or_else(|| FederationError::Malformed {
                detail: "callback without code".into(),
            })?;

        let client = self.client();
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(configuration)?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                RequestTokenError::ServerResponse(r) => FederationError::Refused {
                    reason: r.error().to_string(),
                },
                RequestTokenError::Request(e) => FederationError::Unreachable {
                    detail: e.to_string(),
                },
                other => FederationError::Malformed {
                    detail: other.to_string(),
                },
            })?;
        let id_token = token.id_token().ok_or_else(|| FederationError::Malformed {
            detail: "token response without id_token".into(),
        })?;
        let at = chrono_of(now);
        let verifier = client
            .id_token_verifier()
            .set_allowed_algs([
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            ])
            .set_time_fn(move || at);
        let claims = id_token
            .claims(&verifier, &Nonce::new(pending.nonce.clone()))
            .map_err(claims_error)?;
        let acr = claims.auth_context_ref().map(|a| a.to_string());
        if !self.config.acr_values.is_empty() {
            match &acr {
                Some(a) if self.config.acr_values.contains(a) => {}
                other => {
                    return Err(FederationError::AcrNotAllowed {
                        acr: other.clone().unwrap_or_default(),
                    });
                }
            }
        }
        let subject = claims.subject().clone();

        let userinfo: UserInfoClaims<ProConnectClaims, CoreGenderClaim> = client
            .user_info(token.access_token().clone(), Some(subject.clone()))
            .map_err(configuration)?
            .require_signed_response(true)
            .set_response_type(UserInfoResponseType::Jwt)
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                UserInfoError::ClaimsVerification(
                    ClaimsVerificationError::SignatureVerification(
                        SignatureVerificationError::NoSignature,
                    ),
                ) => FederationError::UnsignedUserinfo,
                UserInfoError::ClaimsVerification(e) => claims_error(e),
                UserInfoError::Request(e) => FederationError::Unreachable {
                    detail: e.to_string(),
                },
                other => FederationError::Malformed {
                    detail: other.to_string(),
                },
            })?;
        let extra = userinfo.additional_claims();
        let email = userinfo.email().map(|e| e.as_str().to_owned());
        if email.is_none() {
            return Err(FederationError::MissingAttribute {
                name: "email".into(),
            });
        }
        Ok(FederatedIdentity {
            federation: Federation::ProConnect,
            issuer: self.metadata.issuer().as_str().to_owned(),
            subject: subject.as_str().to_owned(),
            email,
            given_name: userinfo
                .given_name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned()),
            family_name: extra.usual_name.clone(),
            organisation: OrganisationHint {
                siret: extra
                    .siret
                    .clone()
                    .filter(|s| s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit())),
                idp_id: extra.idp_id.clone(),
                ..OrganisationHint::default()
            },
            assurance: acr,
            logout: LogoutHint::IdToken(id_token.to_string()),
        })
    }

    /// The end-session URL for a person who signed in with ProConnect, and the `state` to expect
    /// back on the post-logout redirect.
    pub fn logout(&self, id_token: &str) -> Result<(Url, String), FederationError> {
        let endpoint = self
            .metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()
            .ok_or_else(|| FederationError::Configuration {
                detail: "no end_session_endpoint".into(),
            })?;
        let state = CsrfToken::new_random_len(RANDOM_BYTES);
        let hint: openidconnect::core::CoreIdToken =
            id_token.parse().map_err(|_| FederationError::Malformed {
                detail: "stored id_token".into(),
            })?;
        let url = LogoutRequest::from(endpoint)
            .set_id_token_hint(&hint)
            .set_post_logout_redirect_uri(PostLogoutRedirectUrl::from_url(
                self.config.post_logout_redirect_uri.clone(),
            ))
            .set_state(state.clone())
            .http_get_url();
        Ok((url, state.secret().clone()))
    }
}

fn configuration(e: ConfigurationError) -> FederationError {
    FederationError::Configuration {
        detail: e.to_string(),
    }
}

fn claims_error(e: ClaimsVerificationError) -> FederationError {
    match e {
        ClaimsVerificationError::Expired(_) => FederationError::Expired,
        ClaimsVerificationError::InvalidAudience(_) => FederationError::WrongAudience,
        ClaimsVerificationError::InvalidIssuer(_) => FederationError::WrongIssuer,
        ClaimsVerificationError::InvalidNonce(_) => FederationError::NonceMismatch,
        ClaimsVerificationError::SignatureVerification(_) => FederationError::BadSignature,
        ClaimsVerificationError::InvalidSubject(_) => malformed_subject(),
        other => FederationError::Malformed {
            detail: other.to_string(),
        },
    }
}

fn chrono_of(at: OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond()).unwrap_or_default()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The userinfo speaks of another person than the id_token (token substitution).
fn malformed_subject() -> FederationError {
    FederationError::Malformed {
        detail: "userinfo subject differs from the id_token's".into(),
    }
}
