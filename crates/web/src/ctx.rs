//! The request context every handler takes: language, session, the signed-in user (reloaded
//! from the database on each request so that a removed membership takes effect at once),
//! and the authorization check through the domain's pure policy.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use passerelle_domain::{Action, Actor, Context, Denied, Membership, Role, UserId, authorize};
use tower_sessions::Session;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::views::{Page, UserBadge};

pub(crate) const USER_KEY: &str = "user";
/// The device a session was signed in from, as the account page lists it (see `session_store`).
pub(crate) const DEVICE_KEY: &str = "device";
/// When the session was last marked seen (unix seconds), refreshed every few minutes.
const SEEN_KEY: &str = "seen";
const SEEN_EVERY: i64 = 300;
const FLASH_KEY: &str = "flash";
/// Set when the person signed in through a provider that must hear of the sign-out (ProConnect's
/// id_token, passed back as `id_token_hint`).
pub const PROVIDER_LOGOUT_KEY: &str = "provider_logout";
/// The `state` the provider sends back to the post-logout page.
pub const PROVIDER_LOGOUT_STATE_KEY: &str = "provider_logout_state";
/// Set when the person signed in through a RENATER institution: signing out ends Passerelle's
/// session only (no SAML Single Logout), which the sign-out notice says.
pub const INSTITUTION_SESSION_KEY: &str = "institution_session";

/// The signed-in user.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub memberships: Vec<Membership>,
}

impl CurrentUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.memberships.iter().any(|m| m.role == role)
    }

    /// The organisations in which the user holds `role`.
    pub fn organisations_with(&self, role: Role) -> Vec<passerelle_domain::OrganisationId> {
        self.memberships
            .iter()
            .filter(|m| m.role == role)
            .map(|m| m.organisation)
            .collect()
    }

    fn badge(&self) -> UserBadge {
        UserBadge {
            name: self.name.clone(),
            organiser: self.has_role(Role::Organiser),
            institution_member: self.has_role(Role::InstitutionMember),
            company_member: self.has_role(Role::CompanyMember),
            business_manager: self.has_role(Role::BusinessManager),
            funder: self.has_role(Role::Funder),
        }
    }
}

pub struct Ctx {
    pub lang: Lang,
    pub session: Session,
    pub user: Option<CurrentUser>,
    pub path: String,
    csrf: Option<String>,
    flash: Option<String>,
    /// The request's cookie jar, for a visitor's CSRF cookie.
    cookies: Option<tower_cookies::Cookies>,
    secure_cookies: bool,
    user_agent: Option<String>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = crate::i18n::from_headers(&parts.headers);
        let session = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or(AppError::Internal("no session layer".into()))?;
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_else(|| "/".into());
        let user = match session
            .get::<String>(USER_KEY)
            .await
            .map_err(AppError::internal)?
        {
            Some(id) => load_user(state, &id).await?,
            None => None,
        };
        let flash = session
            .remove::<String>(FLASH_KEY)
            .await
            .map_err(AppError::internal)?
            .map(|key| lang.t(&key));
        let csrf = crate::csrf::existing_token(&session).await?;
        let user_agent = parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut ctx = Ctx {
            lang,
            session,
            user,
            path,
            csrf,
            flash,
            cookies: parts.extensions.get::<tower_cookies::Cookies>().cloned(),
            secure_cookies: state.config.secure_cookies(),
            user_agent,
        };
        if ctx.user.is_some() {
            // Signed-in pages carry forms (at least "sign out").
            ctx.with_csrf().await?;
            ctx.mark_seen().await?;
        }
        Ok(ctx)
    }
}

async fn load_user(state: &AppState, id: &str) -> Result<Option<CurrentUser>, AppError> {
    let Ok(id) = UserId::parse(id) else {
        return Ok(None);
    };
    let Some((user, memberships)) = state
        .storage
        .user_with_memberships(id)
        .await
        .map_err(AppError::internal)?
    else {
        return Ok(None);
    };
    Ok(Some(CurrentUser {
        id: user.id,
        name: user.display_name.as_str().to_string(),
        email: user.email.as_str().to_string(),
        memberships,
    }))
}

impl Ctx {
    /// Makes sure the page has a CSRF token for its forms: the session's for a signed-in person, a
    /// cookie's for a visitor (who gets no session row).
    pub async fn with_csrf(&mut self) -> Result<(), AppError> {
        if self.csrf.is_none() {
            self.csrf = Some(match (&self.user, &self.cookies) {
                (None, Some(cookies)) => crate::csrf::anonymous_token(cookies, self.secure_cookies),
                _ => crate::csrf::token(&self.session).await?,
            });
        }
        Ok(())
    }

    pub fn page(&self, title_key: &str, nav: &'static str) -> Page {
        self.page_titled(self.lang.t(title_key), nav)
    }

    pub fn page_titled(&self, title: String, nav: &'static str) -> Page {
        Page {
            lang: self.lang,
            title,
            nav,
            user: self.user.as_ref().map(CurrentUser::badge),
            csrf: self.csrf.clone().unwrap_or_default(),
            path: self.path.clone(),
            flash: self.flash.clone(),
        }
    }

    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(u) => Actor::User {
                id: u.id,
                memberships: u.memberships.clone(),
            },
            None => Actor::Anonymous,
        }
    }

    /// Checks `action` with the domain's policy: a visitor is sent to sign in, a signed-in user
    /// who may not gets 403, and an action impossible in the object's state 409.
    pub fn authorize(&self, action: Action, context: Option<&Context>) -> Result<(), AppError> {
        let default = Context::default();
        match authorize(&self.actor(), action, context.unwrap_or(&default)) {
            Ok(()) => Ok(()),
            Err(_) if self.user.is_none() => Err(AppError::SignInRequired),
            Err(Denied::WrongState) => Err(AppError::Conflict),
            Err(_) => Err(AppError::Forbidden),
        }
    }

    /// Whether `action` would be allowed (to show or hide buttons).
    pub fn can(&self, action: Action, context: &Context) -> bool {
        authorize(&self.actor(), action, context).is_ok()
    }

    pub fn require_user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }

    /// Keeps the account page's "last seen" of this session within a few minutes (the session is
    /// written back only when that changes, not on every request).
    async fn mark_seen(&self) -> Result<(), AppError> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let seen = self
            .session
            .get::<i64>(SEEN_KEY)
            .await
            .map_err(AppError::internal)?;
        if seen.is_none_or(|at| now - at >= SEEN_EVERY) {
            self.session
                .insert(SEEN_KEY, now)
                .await
                .map_err(AppError::internal)?;
        }
        Ok(())
    }

    /// This request's session id, once stored (the account page keeps it when it ends the others).
    pub fn session_id(&self) -> Option<String> {
        self.session.id().map(|id| id.to_string())
    }

    /// Signs `user` in: a new session id (no fixation) and a new CSRF token.
    pub async fn sign_in(&mut self, user: UserId) -> Result<(), AppError> {
        self.session.cycle_id().await.map_err(AppError::internal)?;
        self.session
            .insert(USER_KEY, user.to_string())
            .await
            .map_err(AppError::internal)?;
        let device = passerelle_app::account::device(self.user_agent.as_deref().unwrap_or(""));
        self.session
            .insert(DEVICE_KEY, device)
            .await
            .map_err(AppError::internal)?;
        crate::csrf::rotate(&self.session).await?;
        Ok(())
    }

    /// Ends the session; returns what the provider the person signed in with needs to end its own.
    pub async fn sign_out(&self) -> Result<Option<String>, AppError> {
        let provider = self
            .session
            .get::<String>(PROVIDER_LOGOUT_KEY)
            .await
            .map_err(AppError::internal)?;
        self.session.flush().await.map_err(AppError::internal)?;
        Ok(provider)
    }

    /// A message (Fluent key) shown once on the next page.
    pub async fn flash(&self, key: &str) -> Result<(), AppError> {
        self.session
            .insert(FLASH_KEY, key)
            .await
            .map_err(AppError::internal)
    }
}

/// The client's address: the connection's peer, or, when that peer is one of the configured trusted
/// reverse proxies, the address that proxy put in `X-Forwarded-For` ("unknown" when the server was
/// started without connection info). Anyone else's `X-Forwarded-For` is ignored: a client could write
/// any address there and escape the sign-in throttle by address.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientAddress(
            client_address(peer, &forwarded, &state.config.trusted_proxies)
                .map_or_else(|| "unknown".into(), |ip| ip.to_string()),
        ))
    }
}

/// The first address, from the right, that is not a trusted proxy: each trusted proxy appends the
/// address it received the request from, so everything left of the first untrusted hop may be forged.
fn client_address(
    peer: Option<std::net::IpAddr>,
    forwarded: &[&str],
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let mut client = peer?;
    if !trusted.contains(&client) {
        return Some(client);
    }
    let hops = forwarded.iter().flat_map(|h| h.split(',')).map(str::trim);
    for hop in hops.rev() {
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted.contains(&ip) {
                    break;
                }
            }
            // A hop we cannot read: stop at the last one we could.
            Err(_) => break,
        }
    }
    Some(client)
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy = ip("10.0.0.1");
        let client = ip("203.0.113.7");
        // No trusted proxy: the header is the client's own words.
        assert_eq!(
            client_address(Some(client), &["198.51.100.1"], &[]),
            Some(client)
        );
        assert_eq!(
            client_address(Some(client), &["198.51.100.1"], &[proxy]),
            Some(client)
        );
        // Through the proxy: the address it saw, not what the client prepended.
        assert_eq!(
            client_address(Some(proxy), &["198.51.100.1, 203.0.113.7"], &[proxy]),
            Some(client)
        );
        // Two trusted hops, the header split over two lines.
        let inner = ip("10.0.0.2");
        assert_eq!(
            client_address(
                Some(proxy),
                &["198.51.100.1, 203.0.113.7", "10.0.0.2"],
                &[proxy, inner]
            ),
            Some(client)
        );
        // A proxy that sent nothing, or garbage: the proxy itself (or the last readable hop).
        assert_eq!(client_address(Some(proxy), &[], &[proxy]), Some(proxy));
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.7, nonsense"], &[proxy]),
            Some(proxy)
        );
        assert_eq!(client_address(None, &["203.0.113.7"], &[proxy]), None);
    }
}
