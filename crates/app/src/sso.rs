//! Single sign-on: signing in, accepting an invitation or linking an account with ProConnect
//! (OpenID Connect) or an institution of the RENATER federation (SAML 2.0), listing and unlinking
//! the identities linked to an account, signing out at the provider, and the organisers' view of
//! how each member signs in.
//!
//! Passerelle has no self-service sign-up: an identity only ever joins an account that exists
//! (matched by the address the provider vouches for), one the person is signed in to (linking),
//! or the account an invitation creates. Anything else is refused with a code the edge translates.
//!
//! A ProConnect sign-in keeps its `state`, `nonce` and PKCE verifier in the person's session (the
//! callback is a top-level GET that carries the session cookie). A RENATER sign-in also keeps its
//! request on the server: the identity provider posts the assertion across sites, where the browser
//! withholds the SameSite=Lax session cookie; the ACS checks it against the request found by its
//! RelayState and parks the verified identity, which the browser then claims with its session.

use std::sync::Arc;

use base64::Engine as _;
use passerelle_domain::{
    Action, Actor, Claim, Context, DisplayName, Email, HomeDomain, OrganisationId,
    OrganisationKind, Role, Siret, Uai, UserId, authorize,
};
use passerelle_federation::FederatedIdentity;
use passerelle_federation::proconnect::{PendingProConnect, ProConnect, ProConnectConfig};
use passerelle_federation::renater::{FederationMetadata, Renater, RenaterConfig};
use passerelle_i18n::Lang;
use passerelle_storage::{
    IdentityKey, JoinRequest, LinkedIdentity, Organisation, SignInMethods, User,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use tokio::sync::Mutex;
use url::Url;

use crate::{App, Code, Error, Result, mail, user_id};

pub use passerelle_federation::proconnect::Callback;
pub use passerelle_federation::{Federation, FederationError, LogoutHint};

/// How long a started sign-in may take at the provider.
pub const PENDING_VALIDITY: Duration = Duration::minutes(10);
/// How long ProConnect's discovery document and keys are kept before being fetched again.
const PROCONNECT_REFRESH: Duration = Duration::hours(1);
/// How long the federation's metadata is kept before being fetched (and verified) again.
const METADATA_REFRESH: Duration = Duration::hours(6);

/// A deployment's RENATER settings: the service provider's own, and where the federation's signed
/// metadata comes from.
#[derive(Debug, Clone)]
pub struct RenaterSettings {
    pub config: RenaterConfig,
    /// URL or file of the federation's aggregate metadata.
    pub metadata_source: String,
    /// The federation's metadata-signing certificate (PEM).
    pub metadata_cert_pem: Vec<u8>,
}

/// Which providers a deployment offers (both optional).
#[derive(Debug, Clone, Default)]
pub struct SsoSettings {
    pub proconnect: Option<ProConnectConfig>,
    pub renater: Option<RenaterSettings>,
}

/// A provider's client and when it was fetched.
type Cached<T> = Mutex<Option<(Arc<T>, OffsetDateTime)>>;

/// The configured providers, fetched lazily (a provider down at start-up does not stop the site)
/// and refreshed now and then (key rotation, new institutions in the federation).
#[derive(Default)]
pub struct Providers {
    proconnect: Option<(ProConnectConfig, Cached<ProConnect>)>,
    renater: Option<(RenaterSettings, Cached<Renater>)>,
}

impl Providers {
    pub fn new(settings: SsoSettings) -> Providers {
        Providers {
            proconnect: settings.proconnect.map(|c| (c, Mutex::new(None))),
            renater: settings.renater.map(|r| (r, Mutex::new(None))),
        }
    }

    async fn proconnect(&self, now: OffsetDateTime) -> Result<Arc<ProConnect>> {
        let (config, slot) = self.proconnect.as_ref().ok_or_else(not_configured)?;
        let discover = ProConnect::discover(config.clone());
        cached(
            slot,
            now,
            PROCONNECT_REFRESH,
            "ProConnect discovery",
            discover,
        )
        .await
    }

    async fn renater(&self, now: OffsetDateTime) -> Result<Arc<Renater>> {
        let (settings, slot) = self.renater.as_ref().ok_or_else(not_configured)?;
        let load = async {
            FederationMetadata::load(&settings.metadata_source, &settings.metadata_cert_pem, now)
                .await
                .map(|metadata| Renater::new(settings.config.clone(), metadata))
        };
        cached(
            slot,
            now,
            METADATA_REFRESH,
            "federation metadata refresh",
            load,
        )
        .await
    }
}

/// What `slot` holds if fetched less than `keep` ago, else what `fetch` gives; when fetching
/// fails, what was fetched before keeps serving (tried again on the next sign-in).
async fn cached<T>(
    slot: &Cached<T>,
    now: OffsetDateTime,
    keep: Duration,
    what: &str,
    fetch: impl std::future::Future<Output = std::result::Result<T, FederationError>>,
) -> Result<Arc<T>> {
    let mut slot = slot.lock().await;
    if let Some((value, at)) = &*slot
        && now - *at < keep
    {
        return Ok(value.clone());
    }
    match fetch.await {
        Ok(value) => {
            let value = Arc::new(value);
            *slot = Some((value.clone(), now));
            Ok(value)
        }
        Err(e) => match &*slot {
            Some((value, _)) => {
                tracing::warn!(error = %e, "{what} failed; keeping the previous one");
                Ok(value.clone())
            }
            None => Err(refused(e)),
        },
    }
}

/// The origins a sign-in form may hand the browser over to (the CSP's `form-action`): ProConnect's
/// issuer and, once discovered, its authorization endpoint. The federation's institutions are
/// named only by the page that lists them ([`Institution::origin`]): there are hundreds.
pub async fn form_targets(app: &App) -> Vec<String> {
    let Some((config, slot)) = app.sso().proconnect.as_ref() else {
        return Vec::new();
    };
    let mut origins = vec![config.issuer.origin().ascii_serialization()];
    if let Some((client, _)) = &*slot.lock().await {
        origins.push(client.authorization_origin());
    }
    origins.sort();
    origins.dedup();
    origins
}

/// Which buttons the sign-in and invitation pages show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Available {
    pub proconnect: bool,
    pub renater: bool,
}

pub fn available(app: &App) -> Available {
    let p = app.sso();
    Available {
        proconnect: p.proconnect.is_some(),
        renater: p.renater.is_some(),
    }
}

/// What a sign-in is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Purpose {
    /// Sign in to the account the identity is linked to (or whose address it carries).
    SignIn,
    /// Link the identity to the signed-in account.
    Link { user: String },
    /// Accept an invitation: the account it creates signs in with the identity.
    Invitation { token: String },
}

/// What a started sign-in keeps in the person's session until it comes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub federation: Federation,
    pub purpose: Purpose,
    /// The local path to go to afterwards.
    pub next: String,
    pub started_at: i64,
    pub proconnect: Option<PendingProConnect>,
    /// RENATER: the RelayState under which the request waits on the server.
    pub relay_state: Option<String>,
}

/// A completed sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub federation: Federation,
    pub outcome: Outcome,
    /// Kept in the session: signing out passes the id_token back to ProConnect.
    pub logout: LogoutHint,
    pub next: String,
    /// What the provider's claims suggest about the person's organisation.
    pub affiliation: Option<Affiliation>,
}

/// What the provider's claims suggest after a sign-in: ProConnect's `siret`, or RENATER's
/// `supannEtablissement` (its UAI) and `schacHomeOrganization` (the home domain). Nothing is
/// granted from them: a claim says which establishment the person's identity provider ties them
/// to (for a company, often on the person's own word, checked at best by the address's domain; for
/// RENATER, an institution's directory, where former staff, students and guests also have
/// accounts), and the identifiers on our side are typed by the organisation's members or the
/// organisers. So the person is offered to ask, and the organisation's members (a company's) or
/// the organisers answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Affiliation {
    /// Exactly one organisation has the claimed identifier and the person is not in it.
    Join {
        organisation: OrganisationId,
        name: String,
        claim: Claim,
        /// An institution (its members write irritants) rather than a company.
        institution: bool,
        /// The person asked already and awaits the answer.
        requested: bool,
    },
    /// No organisation has it, and the person's one company has no SIRET yet: record it there.
    Record {
        company: OrganisationId,
        name: String,
        siret: Siret,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The identity was already linked.
    Known,
    /// Linked now to the account with the address the provider vouches for.
    LinkedByAddress,
    /// Linked now to the signed-in account.
    Linked,
    /// The invitation was accepted; the new account signs in with the identity.
    InvitationAccepted,
}

fn not_configured() -> Error {
    Error::conflict("sso-error-not-configured")
}

/// A provider's refusal as the code shown to the person; the details go to the log.
pub fn refused(e: FederationError) -> Error {
    tracing::warn!(error = %e, "single sign-on refused");
    let key = match e.code() {
        "configuration" => "sso-error-configuration",
        "unreachable" => "sso-error-unreachable",
        "refused" => "sso-error-refused",
        "no-pending" => "sso-error-no-pending",
        "state" => "sso-error-state",
        "nonce" => "sso-error-nonce",
        "signature" => "sso-error-signature",
        "userinfo-unsigned" => "sso-error-userinfo-unsigned",
        "audience" => "sso-error-audience",
        "issuer" => "sso-error-issuer",
        "expired" => "sso-error-expired",
        "not-yet-valid" => "sso-error-not-yet-valid",
        "replayed" => "sso-error-replayed",
        "not-encrypted" => "sso-error-not-encrypted",
        "acr" => "sso-error-acr",
        "missing-attribute" => "sso-error-missing-attribute",
        "scope" => "sso-error-scope",
        "unknown-idp" => "sso-error-unknown-idp",
        "metadata-signature" => "sso-error-metadata-signature",
        "metadata-expired" => "sso-error-metadata-expired",
        _ => "sso-error-malformed",
    };
    let mut code = Code::new(key);
    for (name, value) in e.args() {
        code = code.arg(name, value);
    }
    Error::Conflict(code)
}

fn random_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Checks that `actor` may start a sign-in for `purpose`.
async fn check_purpose(app: &App, actor: &Actor, purpose: &Purpose) -> Result<()> {
    match purpose {
        Purpose::SignIn => Ok(()),
        Purpose::Link { user } => {
            authorize(actor, Action::ManageOwnAccount, &Default::default())?;
            match user_id(actor) {
                Some(me) if me.to_string() == *user => Ok(()),
                Some(_) => Err(Error::Denied(passerelle_domain::Denied::Forbidden)),
                None => Err(Error::Denied(passerelle_domain::Denied::SignInRequired)),
            }
        }
        Purpose::Invitation { token } => {
            match app.storage().find_invitation(token, app.now()).await? {
                Some(_) => Ok(()),
                None => Err(Error::conflict("sso-error-invitation")),
            }
        }
    }
}

/// Starts a ProConnect sign-in: the URL to send the browser to, and what to keep in its session.
pub async fn start_proconnect(
    app: &App,
    actor: &Actor,
    purpose: Purpose,
    next: String,
) -> Result<(Url, Pending)> {
    check_purpose(app, actor, &purpose).await?;
    let now = app.now();
    let client = app.sso().proconnect(now).await?;
    let (url, pending) = client.start();
    Ok((
        url,
        Pending {
            federation: Federation::ProConnect,
            purpose,
            next,
            started_at: now.unix_timestamp(),
            proconnect: Some(pending),
            relay_state: None,
        },
    ))
}

fn check_pending(app: &App, pending: &Pending, federation: Federation) -> Result<()> {
    if pending.federation != federation {
        return Err(refused(FederationError::NoPendingSignIn));
    }
    let started = OffsetDateTime::from_unix_timestamp(pending.started_at)
        .map_err(|_| refused(FederationError::NoPendingSignIn))?;
    if app.now() - started > PENDING_VALIDITY {
        return Err(refused(FederationError::Expired));
    }
    Ok(())
}

/// Completes a ProConnect sign-in from the callback's query.
pub async fn finish_proconnect(
    app: &App,
    actor: &Actor,
    pending: Option<Pending>,
    callback: &Callback,
    lang: Lang,
) -> Result<SignedIn> {
    let pending = pending.ok_or_else(|| refused(FederationError::NoPendingSignIn))?;
    check_pending(app, &pending, Federation::ProConnect)?;
    let state = pending
        .proconnect
        .as_ref()
        .ok_or_else(|| refused(FederationError::NoPendingSignIn))?;
    let client = app.sso().proconnect(app.now()).await?;
    let identity = client
        .finish(state, callback, app.now())
        .await
        .map_err(refused)?;
    complete(app, actor, &pending, identity, lang).await
}

/// Where ProConnect ends its session for a person who signed in with it, and the `state` it
/// sends back to the post-logout page.
pub async fn provider_logout(app: &App, id_token: &str) -> Result<(Url, String)> {
    let client = app.sso().proconnect(app.now()).await?;
    client.logout(id_token).map_err(refused)
}

/// One institution of the federation, for the built-in discovery list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    pub entity_id: String,
    pub name: String,
    /// Where its button hands the browser over (its single sign-on endpoint's origin).
    pub origin: Option<String>,
}

/// The institutions of the federation matching `query` (all of them for an empty query).
pub async fn institutions(app: &App, query: &str, lang: Lang) -> Result<Vec<Institution>> {
    let sp = app.sso().renater(app.now()).await?;
    Ok(sp
        .metadata()
        .search(query)
        .into_iter()
        .map(|idp| Institution {
            origin: sp.sso_origin(&idp.entity_id),
            entity_id: idp.entity_id.clone(),
            name: idp.name(lang == Lang::En).to_owned(),
        })
        .collect())
}

/// The federation's discovery service, when the deployment uses it rather than the built-in list;
/// it sends the choice back to `return_path` on this site.
pub async fn discovery_service(app: &App, return_path: &str) -> Result<Option<Url>> {
    let sp = app.sso().renater(app.now()).await?;
    let back = Url::parse(&app.link(return_path)).map_err(Error::internal)?;
    Ok(sp.discovery_redirect(&back))
}

/// The service provider's metadata, to publish and register with the federation.
pub async fn sp_metadata(app: &App) -> Result<String> {
    let sp = app.sso().renater(app.now()).await?;
    Ok(sp.sp_metadata_xml())
}

/// Starts a RENATER sign-in at the chosen institution: the signed AuthnRequest's URL, and what to
/// keep in the session; the request itself waits on the server under its RelayState.
pub async fn start_renater(
    app: &App,
    actor: &Actor,
    idp: &str,
    purpose: Purpose,
    next: String,
) -> Result<(Url, Pending)> {
    check_purpose(app, actor, &purpose).await?;
    let now = app.now();
    let sp = app.sso().renater(now).await?;
    let relay_state = random_token();
    let (url, request) = sp.start(idp, &relay_state).map_err(refused)?;
    app.storage()
        .save_saml_request(
            &relay_state,
            &request.request_id,
            &request.idp,
            now,
            now + PENDING_VALIDITY,
        )
        .await?;
    Ok((
        url,
        Pending {
            federation: Federation::Renater,
            purpose,
            next,
            started_at: now.unix_timestamp(),
            proconnect: None,
            relay_state: Some(relay_state),
        },
    ))
}

/// The assertion consumer service: verifies the SAMLResponse against the request waiting under
/// `relay_state` (signature, decryption, audience, validity, InResponseTo, replay) and parks the
/// identity for the browser to claim. Needs no session: it is a cross-site POST.
pub async fn accept_assertion(app: &App, relay_state: &str, saml_response: &str) -> Result<()> {
    let now = app.now();
    let (request_id, idp, answered) = app
        .storage()
        .saml_request(relay_state, now)
        .await?
        .ok_or_else(|| refused(FederationError::NoPendingSignIn))?;
    if answered {
        return Err(refused(FederationError::Replayed));
    }
    let sp = app.sso().renater(now).await?;
    let request = passerelle_federation::renater::PendingRenater { request_id, idp };
    let (identity, receipt) = sp.finish(&request, saml_response, now).map_err(refused)?;
    match app
        .storage()
        .record_assertion(
            &receipt.issuer,
            &receipt.assertion_id,
            receipt.not_on_or_after,
            now,
        )
        .await
    {
        Ok(()) => {}
        Err(passerelle_storage::Error::Conflict(_)) => {
            return Err(refused(FederationError::Replayed));
        }
        Err(e) => return Err(e.into()),
    }
    let json = serde_json::to_string(&identity).map_err(Error::internal)?;
    match app.storage().park_saml_identity(relay_state, &json).await {
        Ok(()) => Ok(()),
        Err(passerelle_storage::Error::Conflict(_)) => Err(refused(FederationError::Replayed)),
        Err(e) => Err(e.into()),
    }
}

/// Completes a RENATER sign-in in the browser that started it: the RelayState of the redirect
/// must be the one kept in its session.
pub async fn claim_renater(
    app: &App,
    actor: &Actor,
    pending: Option<Pending>,
    relay_state: &str,
    lang: Lang,
) -> Result<SignedIn> {
    let pending = pending.ok_or_else(|| refused(FederationError::NoPendingSignIn))?;
    check_pending(app, &pending, Federation::Renater)?;
    let mine = pending.relay_state.as_deref().unwrap_or_default();
    if mine.is_empty() || !constant_time_eq(mine, relay_state) {
        return Err(refused(FederationError::StateMismatch));
    }
    let json = app
        .storage()
        .take_saml_identity(relay_state, app.now())
        .await?
        .ok_or_else(|| refused(FederationError::NoPendingSignIn))?;
    let identity: FederatedIdentity = serde_json::from_str(&json).map_err(Error::internal)?;
    complete(app, actor, &pending, identity, lang).await
}

/// What the person recognises an identity by: the institution, or ProConnect.
fn label_of(identity: &FederatedIdentity) -> String {
    match identity.federation {
        Federation::ProConnect => match &identity.organisation.siret {
            Some(siret) => format!("ProConnect · SIRET {siret}"),
            None => "ProConnect".to_owned(),
        },
        Federation::Renater => identity
            .organisation
            .institution_name
            .clone()
            .or_else(|| identity.organisation.institution.clone())
            .unwrap_or_else(|| identity.issuer.clone()),
    }
}

fn display_name_of(identity: &FederatedIdentity, email: &Email) -> DisplayName {
    let full = [&identity.given_name, &identity.family_name]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    DisplayName::parse(&full)
        .or_else(|_| DisplayName::parse(email.as_str().split('@').next().unwrap_or_default()))
        .or_else(|_| DisplayName::parse(email.as_str()))
        .unwrap_or_else(|_| DisplayName::parse("?").expect("one character is a display name"))
}

fn linked_conflict(e: passerelle_storage::Error) -> Error {
    match e {
        passerelle_storage::Error::Conflict("identity-linked-to-another-account") => {
            Error::conflict("sso-error-linked-elsewhere")
        }
        passerelle_storage::Error::Conflict("email-taken") => {
            Error::conflict("sso-error-email-taken")
        }
        passerelle_storage::Error::InvalidToken => Error::conflict("sso-error-invitation"),
        other => other.into(),
    }
}

/// Links the identity to `user` with its audit record; `false` when it already was.
async fn link(
    app: &App,
    actor: &Actor,
    user: UserId,
    key: &IdentityKey,
    email: &Email,
    label: &str,
    details: serde_json::Value,
) -> Result<bool> {
    let mut tx = app.begin().await?;
    match tx.link_identity(user, key, email, label, app.now()).await {
        Ok(linked) => {
            app.audit(
                &mut tx,
                actor,
                "identity-linked",
                ("identity", linked.id.to_string()),
                details,
            )
            .await?;
            app.commit(tx).await?;
            Ok(true)
        }
        Err(passerelle_storage::Error::Conflict("identity-already-linked")) => Ok(false),
        Err(e) => Err(linked_conflict(e)),
    }
}

/// Links or signs in with a verified identity, as the pending sign-in's purpose says (`lang`:
/// the language of an account an invitation creates), then looks at what its claims suggest.
async fn complete(
    app: &App,
    actor: &Actor,
    pending: &Pending,
    identity: FederatedIdentity,
    lang: Lang,
) -> Result<SignedIn> {
    let mut done = link_or_sign_in(app, actor, pending, identity.clone(), lang).await?;
    done.affiliation = affiliation(app, done.user.id, &identity).await?;
    Ok(done)
}

/// The role a member of an organisation of this kind holds, for the kinds a claim may propose.
fn member_role(kind: OrganisationKind) -> Option<Role> {
    match kind {
        OrganisationKind::Company => Some(Role::CompanyMember),
        OrganisationKind::Institution => Some(Role::InstitutionMember),
        _ => None,
    }
}

/// What the claims propose: by SIRET (ProConnect), else by UAI, else by home domain (RENATER).
async fn affiliation(
    app: &App,
    user: UserId,
    identity: &FederatedIdentity,
) -> Result<Option<Affiliation>> {
    let hint = &identity.organisation;
    if let Some(siret) = hint.siret.as_deref().and_then(|s| Siret::parse(s).ok()) {
        return by_siret(app, user, siret).await;
    }
    let storage = app.storage();
    let by_uai = match hint.uai.as_deref().and_then(|u| Uai::parse(u).ok()) {
        Some(uai) => storage
            .organisation_with_uai(&uai)
            .await?
            .map(|o| (o, Claim::Uai(uai))),
        None => None,
    };
    let found = match by_uai {
        Some(found) => Some(found),
        None => match hint
            .home_domain
            .as_deref()
            .and_then(|d| HomeDomain::parse(d).ok())
        {
            Some(domain) => storage
                .organisation_with_home_domain(&domain)
                .await?
                .map(|o| (o, Claim::HomeDomain(domain))),
            None => None,
        },
    };
    let Some((org, claim)) = found.filter(|(o, _)| member_role(o.kind).is_some()) else {
        return Ok(None);
    };
    if storage
        .memberships(user)
        .await?
        .iter()
        .any(|m| m.organisation == org.id)
    {
        return Ok(None);
    }
    Ok(Some(Affiliation::Join {
        organisation: org.id,
        name: org.name.as_str().to_owned(),
        institution: org.kind == OrganisationKind::Institution,
        requested: storage.join_requested(org.id, user).await?,
        claim,
    }))
}

/// One organisation with the claimed SIRET: join it (unless a member); none: record the SIRET on
/// the person's one company if it has none; several: nothing (which one would be a guess).
async fn by_siret(app: &App, user: UserId, siret: Siret) -> Result<Option<Affiliation>> {
    let storage = app.storage();
    let mine = storage.memberships(user).await?;
    let matches: Vec<Organisation> = storage
        .organisations_with_siret(&siret)
        .await?
        .into_iter()
        .filter(|o| member_role(o.kind).is_some())
        .collect();
    match matches.as_slice() {
        [org] if mine.iter().any(|m| m.organisation == org.id) => Ok(None),
        [org] => Ok(Some(Affiliation::Join {
            organisation: org.id,
            name: org.name.as_str().to_owned(),
            institution: org.kind == OrganisationKind::Institution,
            requested: storage.join_requested(org.id, user).await?,
            claim: Claim::Siret(siret),
        })),
        [] => {
            let mut companies: Vec<OrganisationId> = mine
                .iter()
                .filter(|m| m.role == Role::CompanyMember)
                .map(|m| m.organisation)
                .collect();
            companies.dedup();
            let [company] = companies.as_slice() else {
                return Ok(None);
            };
            if storage.organisation_siret(*company).await?.is_some() {
                return Ok(None);
            }
            let org = storage
                .get_organisation(*company)
                .await?
                .ok_or(Error::NotFound)?;
            Ok(Some(Affiliation::Record {
                company: org.id,
                name: org.name.as_str().to_owned(),
                siret,
            }))
        }
        _ => Ok(None),
    }
}

/// The signed-in person asks to join the organisation their sign-in proposed (`claim`: what the
/// provider asserted, kept on the server since). Refused if the organisation's identifier changed.
pub async fn request_join(
    app: &App,
    actor: &Actor,
    organisation: OrganisationId,
    claim: &Claim,
) -> Result<Organisation> {
    let me = user_id(actor).ok_or(Error::Denied(passerelle_domain::Denied::SignInRequired))?;
    authorize(actor, Action::ManageOwnAccount, &Default::default())?;
    let storage = app.storage();
    let org = storage
        .get_organisation(organisation)
        .await?
        .filter(|o| member_role(o.kind).is_some())
        .ok_or(Error::NotFound)?;
    let ids = storage.organisation_identifiers(org.id).await?;
    let still = match claim {
        Claim::Siret(s) => ids.siret.as_ref() == Some(s),
        Claim::Uai(u) => ids.uai.as_ref() == Some(u),
        Claim::HomeDomain(d) => ids.home_domain.as_ref() == Some(d),
    };
    if !still {
        return Err(Error::conflict("sso-error-affiliation-changed"));
    }
    if storage
        .memberships(me)
        .await?
        .iter()
        .any(|m| m.organisation == org.id)
    {
        return Err(Error::conflict("sso-error-already-member"));
    }
    let mut tx = app.begin().await?;
    tx.request_join(org.id, me, claim, app.now())
        .await
        .map_err(|e| match e {
            passerelle_storage::Error::Conflict("join-already-requested") => {
                Error::conflict("sso-error-join-already-requested")
            }
            other => other.into(),
        })?;
    app.audit(
        &mut tx,
        actor,
        "join-requested",
        ("organisation", org.id.to_string()),
        serde_json::json!({ "claim": claim.kind(), "value": claim.value() }),
    )
    .await?;
    // Those who answer hear of it, each in their language.
    let person = storage.get_user(me).await?.ok_or(Error::NotFound)?;
    for to in answerers(app, &org).await? {
        let lang = Lang::of(to.locale);
        let args = [
            ("name", to.display_name.as_str().to_owned()),
            ("person", person.display_name.as_str().to_owned()),
            ("email", person.email.as_str().to_owned()),
            ("organisation", org.name.as_str().to_owned()),
            (
                "claim",
                lang.t_args(
                    &format!("sso-claim-{}", claim.kind()),
                    &[("value", claim.shown())],
                ),
            ),
            ("link", app.link(&answer_page(&org))),
        ];
        app.enqueue_mail(
            &mut tx,
            &mail::render("join-requested", &to.email, lang, &args),
        )
        .await?;
    }
    app.commit(tx).await?;
    Ok(org)
}

/// Where the requests to join `org` are answered.
fn answer_page(org: &Organisation) -> String {
    match org.kind {
        OrganisationKind::Company => format!("/entreprise/profil?company={}", org.id),
        _ => format!("/console/etablissements/{}", org.id),
    }
}

/// Who is told of a request to join: a company's members, or the organisers when it has none;
/// for an institution, the organisers (they answer, see [`authorize_answer`]).
async fn answerers(app: &App, org: &Organisation) -> Result<Vec<User>> {
    let storage = app.storage();
    if org.kind == OrganisationKind::Company {
        let members: Vec<User> = storage
            .organisation_members(org.id)
            .await?
            .into_iter()
            .filter(|(_, role)| *role == Role::CompanyMember)
            .map(|(user, _)| user)
            .collect();
        if !members.is_empty() {
            return Ok(members);
        }
    }
    Ok(storage.users_with_role(Role::Organiser).await?)
}

/// Who answers requests to join: a company's members and the organisers; for an institution,
/// the organisers (on the institution's console page).
fn authorize_answer(actor: &Actor, org: &Organisation) -> Result<()> {
    match org.kind {
        OrganisationKind::Company => authorize(
            actor,
            Action::EditCompanyProfile,
            &Context {
                owner: Some(org.id),
                ..Context::default()
            },
        )?,
        _ => authorize(actor, Action::ManageInstitutions, &Default::default())?,
    }
    Ok(())
}

/// The requests to join `organisation`, for those who answer them.
pub async fn join_requests(
    app: &App,
    actor: &Actor,
    organisation: OrganisationId,
) -> Result<Vec<JoinRequest>> {
    let org = app
        .storage()
        .get_organisation(organisation)
        .await?
        .ok_or(Error::NotFound)?;
    authorize_answer(actor, &org)?;
    Ok(app.storage().join_requests(org.id).await?)
}

/// Accepts (the person becomes a member) or refuses a request to join; returns the organisation.
pub async fn answer_join(
    app: &App,
    actor: &Actor,
    organisation: OrganisationId,
    user: &str,
    accept: bool,
) -> Result<Organisation> {
    let storage = app.storage();
    let org = storage
        .get_organisation(organisation)
        .await?
        .ok_or(Error::NotFound)?;
    authorize_answer(actor, &org)?;
    let role = member_role(org.kind).ok_or(Error::NotFound)?;
    let user = UserId::parse(user).map_err(|_| Error::NotFound)?;
    let person = storage.get_user(user).await?.ok_or(Error::NotFound)?;
    let mut tx = app.begin().await?;
    let claim = tx.take_join_request(org.id, user).await?;
    if accept {
        tx.add_membership(user, org.id, role).await?;
    }
    let lang = Lang::of(person.locale);
    let args = [
        ("name", person.display_name.as_str().to_owned()),
        ("organisation", org.name.as_str().to_owned()),
        ("link", app.link("/")),
    ];
    let kind = if accept {
        "join-accepted"
    } else {
        "join-refused"
    };
    app.enqueue_mail(&mut tx, &mail::render(kind, &person.email, lang, &args))
        .await?;
    app.audit(
        &mut tx,
        actor,
        if accept {
            "join-accepted"
        } else {
            "join-refused"
        },
        ("organisation", org.id.to_string()),
        serde_json::json!({ "user": user.to_string(), "claim": claim.kind(), "value": claim.value() }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(org)
}

async fn link_or_sign_in(
    app: &App,
    actor: &Actor,
    pending: &Pending,
    identity: FederatedIdentity,
    lang: Lang,
) -> Result<SignedIn> {
    let storage = app.storage();
    let now = app.now();
    let email = identity
        .email
        .as_deref()
        .and_then(|e| Email::parse(e).ok())
        .ok_or_else(|| {
            refused(FederationError::MissingAttribute {
                name: "email".into(),
            })
        })?;
    let key = IdentityKey {
        federation: identity.federation.as_str().to_owned(),
        issuer: identity.issuer.clone(),
        subject: identity.subject.clone(),
    };
    let label = label_of(&identity);
    let details = serde_json::json!({
        "federation": key.federation,
        "issuer": key.issuer,
        "assurance": identity.assurance,
    });
    let signed_in = |user: User, outcome| SignedIn {
        user,
        federation: identity.federation,
        outcome,
        logout: identity.logout.clone(),
        next: pending.next.clone(),
        affiliation: None,
    };
    match &pending.purpose {
        Purpose::Link { user } => {
            let me = user_id(actor)
                .filter(|me| me.to_string() == *user)
                .ok_or(Error::Denied(passerelle_domain::Denied::Forbidden))?;
            let account = storage.get_user(me).await?.ok_or(Error::NotFound)?;
            let outcome = match link(app, actor, me, &key, &email, &label, details).await? {
                true => Outcome::Linked,
                false => Outcome::Known,
            };
            Ok(signed_in(account, outcome))
        }
        Purpose::Invitation { token } => {
            let name = display_name_of(&identity, &email);
            let mut tx = app.begin().await?;
            let (user, invitation, linked) = tx
                .accept_invitation_with_identity(
                    token,
                    &name,
                    lang.locale(),
                    (&key, &email, &label),
                    now,
                )
                .await
                .map_err(linked_conflict)?;
            let mut details = details;
            details["invitation"] = serde_json::Value::String(invitation.id.clone());
            details["user"] = serde_json::Value::String(user.id.to_string());
            app.audit(
                &mut tx,
                actor,
                "invitation-accepted-with-identity",
                ("identity", linked.id.to_string()),
                details,
            )
            .await?;
            app.commit(tx).await?;
            Ok(signed_in(user, Outcome::InvitationAccepted))
        }
        Purpose::SignIn => {
            if let Some((user, _)) = storage.user_by_identity(&key, now).await? {
                return Ok(signed_in(user, Outcome::Known));
            }
            // The provider vouches for the address (both federations carry addresses from the
            // home organisation's directory): it links to the account that has it.
            let Some(user) = storage.find_user_by_email(&email).await? else {
                return Err(Error::conflict("sso-error-no-account"));
            };
            let mut details = details;
            details["user"] = serde_json::Value::String(user.id.to_string());
            details["by"] = serde_json::Value::String("verified-address".into());
            let outcome = match link(app, actor, user.id, &key, &email, &label, details).await? {
                true => Outcome::LinkedByAddress,
                // Linked by a sign-in of the same person that finished just before.
                false => Outcome::Known,
            };
            Ok(signed_in(user, outcome))
        }
    }
}

/// How the signed-in person can sign in: password or not, and the linked identities.
#[derive(Debug, Clone)]
pub struct MyIdentities {
    pub password: bool,
    pub identities: Vec<LinkedIdentity>,
}

pub async fn my_identities(app: &App, actor: &Actor) -> Result<MyIdentities> {
    let me = user_id(actor).ok_or(Error::Denied(passerelle_domain::Denied::SignInRequired))?;
    authorize(actor, Action::ManageOwnAccount, &Default::default())?;
    let storage = app.storage();
    let methods = storage
        .sign_in_methods(&[me])
        .await?
        .into_iter()
        .next()
        .map(|(_, m)| m)
        .unwrap_or_default();
    Ok(MyIdentities {
        password: methods.password,
        identities: storage.linked_identities(me).await?,
    })
}

/// Unlinks one of the signed-in person's identities, unless it is their last way to sign in.
pub async fn unlink(app: &App, actor: &Actor, identity: &str) -> Result<LinkedIdentity> {
    let me = user_id(actor).ok_or(Error::Denied(passerelle_domain::Denied::SignInRequired))?;
    authorize(actor, Action::ManageOwnAccount, &Default::default())?;
    let id = uuid::Uuid::parse_str(identity).map_err(|_| Error::NotFound)?;
    let mut tx = app.begin().await?;
    let removed = tx.unlink_identity(me, id).await.map_err(|e| match e {
        passerelle_storage::Error::Conflict("last-sign-in-method") => {
            Error::conflict("sso-error-last-method")
        }
        other => other.into(),
    })?;
    app.audit(
        &mut tx,
        actor,
        "identity-unlinked",
        ("identity", removed.id.to_string()),
        serde_json::json!({ "federation": removed.federation, "issuer": removed.issuer }),
    )
    .await?;
    app.commit(tx).await?;
    Ok(removed)
}

/// A member of an organisation and how they sign in.
#[derive(Debug, Clone)]
pub struct MemberSignIn {
    pub user: User,
    pub role: Role,
    pub methods: SignInMethods,
}

/// For organisers: every institution's and company's members and how each signs in.
pub async fn members_sign_in(
    app: &App,
    actor: &Actor,
) -> Result<Vec<(Organisation, Vec<MemberSignIn>)>> {
    authorize(actor, Action::ViewConsole, &Default::default())?;
    let storage = app.storage();
    let mut out = Vec::new();
    for org in storage.list_organisations(None).await? {
        let members = storage.organisation_members(org.id).await?;
        if members.is_empty() {
            continue;
        }
        let ids: Vec<UserId> = members.iter().map(|(u, _)| u.id).collect();
        let methods = storage.sign_in_methods(&ids).await?;
        let rows = members
            .into_iter()
            .map(|(user, role)| {
                let methods = methods
                    .iter()
                    .find(|(id, _)| *id == user.id)
                    .map(|(_, m)| m.clone())
                    .unwrap_or_default();
                MemberSignIn {
                    user,
                    role,
                    methods,
                }
            })
            .collect();
        out.push((org, rows));
    }
    Ok(out)
}
