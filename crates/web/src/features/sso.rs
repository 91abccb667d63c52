//! Single sign-on pages: ProConnect's start, callback and post-logout return; RENATER's discovery
//! (built-in searchable list, or the federation's discovery service), start, assertion consumer
//! service, return and SP metadata; the person's linked identities with unlink; the organisers'
//! view of how each member signs in. Handlers parse, call one use case of `passerelle_app::sso`
//! and render; a provider's refusal is a page with its translated reason and no session.

use askama::Template;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_app::sso::{
    self, Affiliation, Callback, FederationError, LogoutHint, Outcome, Pending, Purpose, SignedIn,
};
use passerelle_domain::Claim;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::present::{self, urls};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Page, html, html_status, local_path};

/// Session keys: the sign-in under way, the id_token for ProConnect's end-session, the `state`
/// expected back from it, and the purpose kept across the federation's discovery service.
const PENDING: &str = "sso_pending";
const DISCOVERY: &str = "sso_discovery";
/// The organisation a sign-in proposed, and where the person was going.
const AFFILIATION: &str = "sso_affiliation";
use crate::ctx::PROVIDER_LOGOUT_STATE_KEY as LOGOUT_STATE;

pub fn routes() -> Routes {
    Routes::new()
        .post(urls::PROCONNECT_START, proconnect_start)
        .get(urls::PROCONNECT_CALLBACK, proconnect_callback)
        .get(urls::PROCONNECT_SIGNED_OUT, proconnect_signed_out)
        .get_post(urls::RENATER_DISCOVERY, renater_discovery, renater_start)
        .get(urls::RENATER_CHOSEN, renater_chosen)
        .post(urls::RENATER_ACS, renater_acs)
        .get(urls::RENATER_BACK, renater_back)
        .get(urls::RENATER_METADATA, renater_metadata)
        .get(urls::MY_SIGN_IN_METHODS, my_methods)
        .post("/compte/connexions/{id}/delier", unlink)
        .get(urls::CONSOLE_SIGN_IN_METHODS, members)
        .get_post(urls::SSO_AFFILIATION, affiliation, request_join)
        .post(urls::JOIN_REQUESTS, answer_join)
}

/// Names ProConnect in the CSP's `form-action` of every page (its button is on the sign-in,
/// invitation and sign-in methods pages), unless the page set its own policy.
pub async fn form_targets(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        let origins = sso::form_targets(&state.app).await;
        if !origins.is_empty() {
            set_csp(&mut response, &origins);
        }
    }
    response
}

fn set_csp(response: &mut Response, origins: &[String]) {
    if let Ok(value) = HeaderValue::from_str(&crate::security::csp_with_form_targets(origins)) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// A refused sign-in: the reason in the person's language, a way back, no session.
#[derive(Template)]
#[template(path = "sso/refused.html")]
struct RefusedPage {
    page: Page,
    message: String,
}

fn refused(ctx: &Ctx, e: passerelle_app::Error) -> Result<Response, AppError> {
    match e {
        passerelle_app::Error::Conflict(code) if code.key.starts_with("sso-error-") => {
            let status = match code.key {
                "sso-error-not-configured" => StatusCode::NOT_FOUND,
                "sso-error-unreachable" => StatusCode::BAD_GATEWAY,
                "sso-error-no-account"
                | "sso-error-join-already-requested"
                | "sso-error-already-member"
                | "sso-error-affiliation-changed"
                | "sso-error-linked-elsewhere"
                | "sso-error-email-taken"
                | "sso-error-last-method" => StatusCode::CONFLICT,
                _ => StatusCode::BAD_REQUEST,
            };
            html_status(
                status,
                RefusedPage {
                    page: ctx.page("sso-refused-title", "signin"),
                    message: ctx.lang.t_args(code.key, &code.args),
                },
            )
        }
        other => Err(other.into()),
    }
}

/// What a start button posts: what the sign-in is for, and where to go afterwards.
#[derive(Deserialize, Default)]
pub struct StartForm {
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    invitation: String,
    next: Option<String>,
    /// RENATER: the institution's entity ID.
    #[serde(default)]
    idp: String,
}

fn purpose_of(ctx: &Ctx, purpose: &str, invitation: &str) -> Result<Purpose, AppError> {
    match purpose {
        "" | "signin" => Ok(Purpose::SignIn),
        "link" => Ok(Purpose::Link {
            user: ctx.require_user()?.id.to_string(),
        }),
        "invitation" if plausible_token(invitation) => Ok(Purpose::Invitation {
            token: invitation.to_owned(),
        }),
        _ => Err(AppError::BadRequest),
    }
}

/// Tokens are URL-safe base64 or hex; anything else is not worth a query (nor echoed).
fn plausible_token(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 128
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn keep_pending(ctx: &Ctx, pending: &Pending) -> Result<(), AppError> {
    ctx.session
        .insert(PENDING, pending)
        .await
        .map_err(AppError::internal)
}

async fn take_pending(ctx: &Ctx) -> Result<Option<Pending>, AppError> {
    // Used once, whatever comes of it.
    Ok(ctx
        .session
        .remove::<Pending>(PENDING)
        .await
        .unwrap_or_default())
}

pub async fn proconnect_start(
    State(state): State<AppState>,
    ctx: Ctx,
    form: crate::views::Form<StartForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    let purpose = purpose_of(&ctx, &form.purpose, &form.invitation)?;
    let next = local_path(form.next.as_deref());
    match sso::start_proconnect(&state.app, &ctx.actor(), purpose, next).await {
        Ok((url, pending)) => {
            keep_pending(&ctx, &pending).await?;
            Ok(Redirect::to(url.as_str()).into_response())
        }
        Err(e) => refused(&ctx, e),
    }
}

pub async fn proconnect_callback(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(callback): Query<Callback>,
) -> Result<Response, AppError> {
    let pending = take_pending(&ctx).await?;
    match sso::finish_proconnect(&state.app, &ctx.actor(), pending, &callback, ctx.lang).await {
        Ok(done) => signed_in(&mut ctx, done).await,
        Err(e) => refused(&ctx, e),
    }
}

/// Signs the person in (a new session id) or, for a link, stays signed in; keeps what signing out
/// at the provider needs.
async fn signed_in(ctx: &mut Ctx, done: SignedIn) -> Result<Response, AppError> {
    let flash = match done.outcome {
        Outcome::Known => "sso-signed-in",
        Outcome::LinkedByAddress => "sso-linked-by-address",
        Outcome::Linked => "sso-linked",
        Outcome::InvitationAccepted => "invitation-accepted",
    };
    if done.outcome != Outcome::Linked || ctx.user.as_ref().map(|u| u.id) != Some(done.user.id) {
        ctx.sign_in(done.user.id).await?;
    }
    if let LogoutHint::IdToken(token) = &done.logout {
        ctx.session
            .insert(crate::ctx::PROVIDER_LOGOUT_KEY, token)
            .await
            .map_err(AppError::internal)?;
    }
    if done.federation == sso::Federation::Renater {
        ctx.session
            .insert(crate::ctx::INSTITUTION_SESSION_KEY, true)
            .await
            .map_err(AppError::internal)?;
    }
    ctx.flash(flash).await?;
    if let Some(affiliation) = done.affiliation {
        ctx.session
            .insert(AFFILIATION, (affiliation, done.next))
            .await
            .map_err(AppError::internal)?;
        return Ok(Redirect::to(urls::SSO_AFFILIATION).into_response());
    }
    Ok(Redirect::to(&done.next).into_response())
}

#[derive(Template)]
#[template(path = "sso/affiliation.html")]
struct AffiliationPage {
    page: Page,
    heading: String,
    /// "join" or "record".
    kind: &'static str,
    text: String,
    why: String,
    requested: bool,
    name: String,
    record_link: String,
    next: String,
}

/// What the sign-in's claims proposed: ask to join the organisation with the claimed SIRET, UAI
/// or home domain, or record the SIRET on the person's company.
pub async fn affiliation(mut ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let Some((proposed, next)) = ctx
        .session
        .get::<(Affiliation, String)>(AFFILIATION)
        .await
        .unwrap_or_default()
    else {
        return Ok(Redirect::to(urls::HOME).into_response());
    };
    ctx.with_csrf().await?;
    let lang = ctx.lang;
    let page = ctx.page("sso-affiliation-title", "account");
    let view = match proposed {
        Affiliation::Join {
            name,
            claim,
            institution,
            requested,
            ..
        } => {
            let (heading, text) = match &claim {
                Claim::Siret(_) => ("sso-affiliation-heading", "sso-affiliation-join"),
                Claim::Uai(_) => (
                    "sso-affiliation-heading-renater",
                    "sso-affiliation-join-uai",
                ),
                Claim::HomeDomain(_) => (
                    "sso-affiliation-heading-renater",
                    "sso-affiliation-join-domain",
                ),
            };
            AffiliationPage {
                page,
                heading: lang.t(heading),
                kind: "join",
                text: lang.t_args(text, &[("value", claim.shown()), ("name", name.clone())]),
                why: lang.t(if institution {
                    "sso-affiliation-join-why-institution"
                } else {
                    "sso-affiliation-join-why"
                }),
                requested,
                name,
                record_link: String::new(),
                next,
            }
        }
        Affiliation::Record {
            company,
            name,
            siret,
        } => AffiliationPage {
            page,
            heading: lang.t("sso-affiliation-heading"),
            kind: "record",
            text: lang.t_args(
                "sso-affiliation-record",
                &[("siret", siret.grouped()), ("name", name.clone())],
            ),
            why: String::new(),
            requested: false,
            record_link: format!("{}&siret={}", urls::company_profile(company), siret),
            name,
            next,
        },
    };
    html(view)
}

/// The person asks to join the organisation the sign-in proposed (kept in the session).
pub async fn request_join(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let kept = ctx
        .session
        .remove::<(Affiliation, String)>(AFFILIATION)
        .await
        .unwrap_or_default();
    let Some((
        Affiliation::Join {
            organisation,
            claim,
            ..
        },
        next,
    )) = kept
    else {
        return Err(AppError::BadRequest);
    };
    match sso::request_join(&state.app, &ctx.actor(), organisation, &claim).await {
        Ok(_) => {
            ctx.flash("sso-join-requested").await?;
            Ok(Redirect::to(&next).into_response())
        }
        Err(e) => refused(&ctx, e),
    }
}

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    company: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    decision: String,
}

/// A company's member (or an organiser) accepts or refuses a request to join.
pub async fn answer_join(
    State(state): State<AppState>,
    ctx: Ctx,
    form: crate::views::Form<AnswerForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let form = form.0;
    let company =
        passerelle_domain::OrganisationId::parse(&form.company).map_err(|_| AppError::NotFound)?;
    let accept = match form.decision.as_str() {
        "accept" => true,
        "refuse" => false,
        _ => return Err(AppError::BadRequest),
    };
    let org = sso::answer_join(&state.app, &ctx.actor(), company, &form.user, accept).await?;
    ctx.flash(if accept {
        "sso-join-accepted"
    } else {
        "sso-join-refused"
    })
    .await?;
    let back = match org.kind {
        passerelle_domain::OrganisationKind::Company => urls::company_profile(org.id),
        _ => urls::console_institution(org.id),
    };
    Ok(Redirect::to(&back).into_response())
}

#[derive(Deserialize)]
pub struct SignedOutQuery {
    state: Option<String>,
}

/// ProConnect sends the browser back here after ending its session.
pub async fn proconnect_signed_out(
    ctx: Ctx,
    Query(q): Query<SignedOutQuery>,
) -> Result<Response, AppError> {
    let expected = ctx
        .session
        .remove::<String>(LOGOUT_STATE)
        .await
        .unwrap_or_default();
    if expected.is_some() && expected == q.state {
        ctx.flash("sso-signed-out-provider").await?;
    }
    Ok(Redirect::to(urls::HOME).into_response())
}

#[derive(Deserialize, Default)]
pub struct DiscoveryQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    invitation: String,
    next: Option<String>,
}

pub struct InstitutionView {
    pub entity_id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "sso/discovery.html")]
struct DiscoveryPage {
    page: Page,
    query: String,
    purpose: String,
    invitation: String,
    next: String,
    institutions: Vec<InstitutionView>,
    found: i64,
    searched: bool,
}

/// At most this many institutions listed at once (the federation has hundreds; search narrows).
const LISTED: usize = 60;

pub async fn renater_discovery(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<DiscoveryQuery>,
) -> Result<Response, AppError> {
    let purpose = match q.purpose.as_str() {
        "link" | "invitation" | "signin" | "" => q.purpose.clone(),
        _ => return Err(AppError::BadRequest),
    };
    if q.q.chars().count() > 200 || (!q.invitation.is_empty() && !plausible_token(&q.invitation)) {
        return Err(AppError::BadRequest);
    }
    // The purpose is checked now (signed in to link), not after the trip to the institution.
    purpose_of(&ctx, &purpose, &q.invitation)?;
    let next = local_path(q.next.as_deref());
    match sso::discovery_service(&state.app, urls::RENATER_CHOSEN).await {
        Ok(Some(service)) => {
            let kept = StartForm {
                purpose,
                invitation: q.invitation,
                next: Some(next),
                idp: String::new(),
            };
            ctx.session
                .insert(DISCOVERY, (kept.purpose, kept.invitation, kept.next))
                .await
                .map_err(AppError::internal)?;
            return Ok(Redirect::to(service.as_str()).into_response());
        }
        Ok(None) => {}
        Err(e) => return refused(&ctx, e),
    }
    let institutions = match sso::institutions(&state.app, &q.q, ctx.lang).await {
        Ok(found) => found,
        Err(e) => return refused(&ctx, e),
    };
    ctx.with_csrf().await?;
    let found = institutions.len() as i64;
    // Each listed institution's button hands over to its identity provider: only those origins.
    let mut origins = sso::form_targets(&state.app).await;
    origins.extend(
        institutions
            .iter()
            .take(LISTED)
            .filter_map(|i| i.origin.clone()),
    );
    origins.sort();
    origins.dedup();
    let mut response = html(DiscoveryPage {
        found,
        page: ctx.page("sso-discovery-title", "signin"),
        searched: !q.q.trim().is_empty(),
        query: q.q,
        purpose,
        invitation: q.invitation,
        next,
        institutions: institutions
            .into_iter()
            .take(LISTED)
            .map(|i| InstitutionView {
                entity_id: i.entity_id,
                name: i.name,
            })
            .collect(),
    })?;
    set_csp(&mut response, &origins);
    Ok(response)
}

async fn start_at(
    state: &AppState,
    ctx: &Ctx,
    idp: &str,
    purpose: &str,
    invitation: &str,
    next: Option<&str>,
) -> Result<Response, AppError> {
    let purpose = purpose_of(ctx, purpose, invitation)?;
    if idp.is_empty() || idp.len() > 1024 {
        return Err(AppError::BadRequest);
    }
    let next = local_path(next);
    match sso::start_renater(&state.app, &ctx.actor(), idp, purpose, next).await {
        Ok((url, pending)) => {
            keep_pending(ctx, &pending).await?;
            Ok(Redirect::to(url.as_str()).into_response())
        }
        Err(e) => refused(ctx, e),
    }
}

/// The chosen institution from the built-in list.
pub async fn renater_start(
    State(state): State<AppState>,
    ctx: Ctx,
    form: crate::views::Form<StartForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    start_at(
        &state,
        &ctx,
        &form.idp,
        &form.purpose,
        &form.invitation,
        form.next.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
pub struct ChosenQuery {
    #[serde(rename = "entityID", default)]
    entity_id: String,
}

/// Back from the federation's discovery service with the chosen institution.
pub async fn renater_chosen(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ChosenQuery>,
) -> Result<Response, AppError> {
    let kept = ctx
        .session
        .remove::<(String, String, Option<String>)>(DISCOVERY)
        .await
        .unwrap_or_default()
        .unwrap_or_default();
    start_at(
        &state,
        &ctx,
        &q.entity_id,
        &kept.0,
        &kept.1,
        kept.2.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
pub struct AcsForm {
    #[serde(rename = "SAMLResponse", default)]
    saml_response: String,
    #[serde(rename = "RelayState", default)]
    relay_state: String,
}

/// The assertion consumer service: a cross-site POST from the institution (exempt from the CSRF
/// token, protected by the SAML checks and the RelayState bound to the browser's session).
pub async fn renater_acs(
    State(state): State<AppState>,
    ctx: Ctx,
    form: crate::views::Form<AcsForm>,
) -> Result<Response, AppError> {
    let form = form.0;
    if !plausible_token(&form.relay_state) || form.saml_response.is_empty() {
        return refused(&ctx, sso::refused(FederationError::NoPendingSignIn));
    }
    match sso::accept_assertion(&state.app, &form.relay_state, &form.saml_response).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "{}?relay={}",
            urls::RENATER_BACK,
            form.relay_state
        ))
        .into_response()),
        Err(e) => refused(&ctx, e),
    }
}

#[derive(Deserialize)]
pub struct BackQuery {
    #[serde(default)]
    relay: String,
}

/// The browser, back on the site with its session, claims the identity the ACS verified.
pub async fn renater_back(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<BackQuery>,
) -> Result<Response, AppError> {
    let pending = take_pending(&ctx).await?;
    match sso::claim_renater(&state.app, &ctx.actor(), pending, &q.relay, ctx.lang).await {
        Ok(done) => signed_in(&mut ctx, done).await,
        Err(e) => refused(&ctx, e),
    }
}

/// The service provider's metadata, at a stable URL, for the federation's registry.
pub async fn renater_metadata(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Response, AppError> {
    match sso::sp_metadata(&state.app).await {
        Ok(xml) => Ok((
            [(header::CONTENT_TYPE, "application/samlmetadata+xml")],
            xml,
        )
            .into_response()),
        Err(e) => refused(&ctx, e),
    }
}

pub struct IdentityView {
    pub id: String,
    pub federation: String,
    pub label: String,
    pub email: String,
    pub linked_on: String,
    pub last_used_on: String,
}

#[derive(Template)]
#[template(path = "sso/methods.html")]
struct MethodsPage {
    page: Page,
    password: bool,
    identities: Vec<IdentityView>,
    sso: sso::Available,
    error: Option<String>,
}

async fn methods_page(
    state: &AppState,
    ctx: &mut Ctx,
    error: Option<String>,
) -> Result<MethodsPage, AppError> {
    let mine = sso::my_identities(&state.app, &ctx.actor()).await?;
    ctx.with_csrf().await?;
    let lang = ctx.lang;
    Ok(MethodsPage {
        page: ctx.page("sso-methods-title", "account"),
        password: mine.password,
        identities: mine
            .identities
            .into_iter()
            .map(|i| IdentityView {
                id: i.id.to_string(),
                federation: lang.t(&format!("sso-federation-{}", i.federation)),
                label: i.label,
                email: i.email,
                linked_on: present::date(lang, i.linked_at.date()),
                last_used_on: present::date(lang, i.last_used_at.date()),
            })
            .collect(),
        sso: sso::available(&state.app),
        error,
    })
}

pub async fn my_methods(State(state): State<AppState>, mut ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let page = methods_page(&state, &mut ctx, None).await?;
    html(page)
}

pub async fn unlink(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    match sso::unlink(&state.app, &ctx.actor(), &id).await {
        Ok(_) => {
            ctx.flash("sso-unlinked").await?;
            Ok(Redirect::to(urls::MY_SIGN_IN_METHODS).into_response())
        }
        Err(passerelle_app::Error::Conflict(code)) if code.key == "sso-error-last-method" => {
            let message = ctx.lang.t(code.key);
            let page = methods_page(&state, &mut ctx, Some(message)).await?;
            html_status(StatusCode::CONFLICT, page)
        }
        Err(e) => Err(e.into()),
    }
}

pub struct MemberView {
    pub name: String,
    pub email: String,
    pub role: String,
    pub password: bool,
    pub proconnect: bool,
    pub renater: bool,
}

pub struct OrganisationView {
    pub name: String,
    pub members: Vec<MemberView>,
}

#[derive(Template)]
#[template(path = "sso/members.html")]
struct MembersPage {
    page: Page,
    organisations: Vec<OrganisationView>,
}

pub async fn members(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let rows = sso::members_sign_in(&state.app, &ctx.actor()).await?;
    let lang = ctx.lang;
    html(MembersPage {
        page: ctx.page("sso-members-title", "console"),
        organisations: rows
            .into_iter()
            .map(|(org, members)| OrganisationView {
                name: org.name.as_str().to_owned(),
                members: members
                    .into_iter()
                    .map(|m| MemberView {
                        name: m.user.display_name.as_str().to_owned(),
                        email: m.user.email.as_str().to_owned(),
                        role: lang.t(&format!("role-{}", m.role.as_str())),
                        password: m.methods.password,
                        proconnect: m.methods.federations.iter().any(|f| f == "proconnect"),
                        renater: m.methods.federations.iter().any(|f| f == "renater"),
                    })
                    .collect(),
            })
            .collect(),
    })
}
