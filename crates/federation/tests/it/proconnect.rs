use passerelle_federation::FederationError;
use passerelle_federation::proconnect::{Callback, ProConnect, ProConnectConfig};
use passerelle_federation::testing::{OidcClient, ProConnectIdp, ProConnectUser};
use passerelle_federation::{Federation, LogoutHint};
use reqwest::redirect::Policy;
use time::OffsetDateTime;
use url::Url;

/// Nothing listens there: the browser stand-in stops at redirects to it.
const SP: &str = "http://127.0.0.1:9/sso/proconnect";

fn client(id: &str, signed: bool) -> OidcClient {
    OidcClient {
        client_id: id.into(),
        client_secret: format!("{id}-secret-0123456789abcdef0123456789"),
        redirect_uris: vec![format!("{SP}/retour")],
        post_logout_redirect_uris: vec![format!("{SP}/deconnecte")],
        userinfo_signed_response_alg: signed.then(|| "RS256".into()),
    }
}

fn agent() -> ProConnectUser {
    ProConnectUser {
        sub: "a7c2e1f0-agent".into(),
        given_name: "Camille".into(),
        usual_name: "Rousseau".into(),
        email: "camille.rousseau@agence-exemple.gouv.fr".into(),
        uid: "4242".into(),
        siret: "13002526500013".into(),
        idp_id: "fia1v2".into(),
    }
}

async fn provider(idp: &ProConnectIdp, id: &str, acr: &[&str]) -> ProConnect {
    let c = client(id, true);
    ProConnect::discover(ProConnectConfig {
        issuer: idp.issuer.clone(),
        client_id: c.client_id,
        client_secret: c.client_secret,
        redirect_uri: Url::parse(&format!("{SP}/retour")).unwrap(),
        post_logout_redirect_uri: Url::parse(&format!("{SP}/deconnecte")).unwrap(),
        acr_values: acr.iter().map(|a| a.to_string()).collect(),
    })
    .await
    .expect("discovery")
}

/// A browser stand-in: follows the provider's redirects, keeps its cookies, stops at ours.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::custom(|a| {
            if a.url().as_str().starts_with(SP) {
                a.stop()
            } else {
                a.follow()
            }
        }))
        .build()
        .unwrap()
}

/// Signs in at the provider as its first user, at `acr`, and returns the callback's query.
async fn sign_in(browser: &reqwest::Client, url: Url, acr: &str) -> Callback {
    let page = browser.get(url.clone()).send().await.unwrap();
    let interaction = page.url().clone();
    let html = page.text().await.unwrap();
    let action = super::form_action(&html).expect("login form");
    let sub = super::input_value(&html, "sub").expect("a user to choose");
    let done = browser
        .post(interaction.join(&action).unwrap())
        .form(&[("sub", sub.as_str()), ("acr", acr)])
        .send()
        .await
        .unwrap();
    let location = done
        .headers()
        .get("location")
        .expect("redirect to the callback")
        .to_str()
        .unwrap();
    let back = Url::parse(location).unwrap();
    assert!(back.as_str().starts_with(&format!("{SP}/retour")), "{back}");
    serde_json::from_value(serde_json::Value::Object(
        back.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned().into()))
            .collect(),
    ))
    .unwrap()
}

fn start(clients: &[OidcClient]) -> Option<ProConnectIdp> {
    ProConnectIdp::start(clients, &[agent()])
}

#[tokio::test]
async fn signs_in_with_proconnect_claims_and_signs_out_at_the_end_session_endpoint() {
    let Some(idp) = start(&[client("passerelle", true)]) else {
        return;
    };
    let pc = provider(&idp, "passerelle", &["eidas1", "eidas2"]).await;
    let (url, pending) = pc.start();
    assert!(pending.state.len() >= 32 && pending.nonce.len() >= 32);
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(
        query["scope"],
        "openid given_name usual_name email uid siret idp_id"
    );
    assert_eq!(query["state"], pending.state);
    assert_eq!(query["nonce"], pending.nonce);
    let claims: serde_json::Value = serde_json::from_str(&query["claims"]).unwrap();
    assert_eq!(
        claims["id_token"]["acr"]["values"],
        serde_json::json!(["eidas1", "eidas2"])
    );
    assert!(url.as_str().starts_with(&format!("{}/auth", idp.issuer)));

    let browser = browser();
    let callback = sign_in(&browser, url, "eidas1").await;
    let identity = pc
        .finish(&pending, &callback, OffsetDateTime::now_utc())
        .await
        .expect("signed in");
    assert_eq!(identity.federation, Federation::ProConnect);
    assert_eq!(identity.issuer, idp.issuer.as_str());
    assert_eq!(identity.subject, "a7c2e1f0-agent");
    assert_eq!(
        identity.email.as_deref(),
        Some("camille.rousseau@agence-exemple.gouv.fr")
    );
    assert_eq!(identity.given_name.as_deref(), Some("Camille"));
    assert_eq!(identity.family_name.as_deref(), Some("Rousseau"));
    assert_eq!(
        identity.organisation.siret.as_deref(),
        Some("13002526500013")
    );
    assert_eq!(identity.organisation.idp_id.as_deref(), Some("fia1v2"));
    assert_eq!(identity.assurance.as_deref(), Some("eidas1"));

    let LogoutHint::IdToken(id_token) = &identity.logout else {
        panic!("ProConnect keeps the id_token")
    };
    let (logout, state) = pc.logout(id_token).unwrap();
    let query: std::collections::HashMap<_, _> = logout.query_pairs().into_owned().collect();
    assert_eq!(query["id_token_hint"], *id_token);
    assert_eq!(query["state"], state);
    assert_eq!(
        query["post_logout_redirect_uri"],
        format!("{SP}/deconnecte")
    );
    // The provider asks to confirm, then sends the browser back with our state.
    let page = browser.get(logout).send().await.unwrap();
    let confirm_at = page.url().clone();
    let html = page.text().await.unwrap();
    let xsrf = super::input_value(&html, "xsrf").expect("logout form");
    let action = super::form_action(&html).unwrap();
    let done = browser
        .post(confirm_at.join(&action).unwrap())
        .form(&[("xsrf", xsrf.as_str()), ("logout", "yes")])
        .send()
        .await
        .unwrap();
    let back = Url::parse(done.headers()["location"].to_str().unwrap()).unwrap();
    assert!(
        back.as_str().starts_with(&format!("{SP}/deconnecte")),
        "{back}"
    );
    assert_eq!(
        back.query_pairs().find(|(k, _)| k == "state").unwrap().1,
        state
    );
}

#[tokio::test]
async fn refuses_a_tampered_id_token() {
    let Some(idp) = start(&[client("passerelle", true)]) else {
        return;
    };
    let pc = provider(&idp, "passerelle", &[]).await;
    let (url, pending) = pc.start();
    let callback = sign_in(&browser(), url, "eidas1").await;
    idp.tamper_next_id_token().await;
    let refused = pc
        .finish(&pending, &callback, OffsetDateTime::now_utc())
        .await;
    assert_eq!(refused, Err(FederationError::BadSignature));
}

#[tokio::test]
async fn refuses_a_state_that_is_not_the_pending_one() {
    let Some(idp) = start(&[client("passerelle", true)]) else {
        return;
    };
    let pc = provider(&idp, "passerelle", &[]).await;
    let (url, pending) = pc.start();
    let mut callback = sign_in(&browser(), url, "eidas1").await;
    callback.state = Some(pc.start().1.state);
    assert_eq!(
        pc.finish(&pending, &callback, OffsetDateTime::now_utc())
            .await,
        Err(FederationError::StateMismatch)
    );
    callback.state = None;
    assert_eq!(
        pc.finish(&pending, &callback, OffsetDateTime::now_utc())
            .await,
        Err(FederationError::StateMismatch)
    );
}

#[tokio::test]
async fn refuses_an_id_token_minted_for_another_nonce() {
    let Some(idp) = start(&[client("passerelle", true)]) else {
        return;
    };
    let pc = provider(&idp, "passerelle", &[]).await;
    let (url, mut pending) = pc.start();
    let callback = sign_in(&browser(), url, "eidas1").await;
    pending.nonce = pc.start().1.nonce;
    assert_eq!(
        pc.finish(&pending, &callback, OffsetDateTime::now_utc())
            .await,
        Err(FederationError::NonceMismatch)
    );
}

#[tokio::test]
async fn refuses_an_expired_id_token() {
    let Some(idp) = start(&[client("passerelle", true)]) else {
        return;
    };
    let pc = provider(&idp, "passerelle", &[]).await;
    let (url, pending) = pc.start();
    let callback = sign_in(&browser(), url, "eidas1").await;
    // The test provider's id_tokens live ten minutes: an hour later it is past `exp`.
    let later = OffsetDateTime::now_utc() + time::Duration::hours(1);
    assert_eq!(
        pc.finish(&pending, &callback, later).await,
        Err(FederationError::Expired)
    );
}

#[tokio::test]
async fn refuses_an_unsigned_userinfo() {
    let Some(idp) = start(&[client("plain-userinfo", false)]) else {
        return;
    };
    let pc = provider(&idp, "plain-userinfo", &[]).await;
    let (url, pending) = pc.start();
    let callback = sign_in(&browser(), url, "eidas1").await;
    assert_eq!(
        pc.finish(&pending, &callback, OffsetDateTime::now_utc())
            .await,
        Err(FederationError::UnsignedUserinfo)
    );
}

#[tokio::test]
async fn refuses_an_assurance_level_below_the_allowed_ones_and_a_cancelled_sign_in() {
    let Some(idp) = start(&[client("passerelle", true)]) else {
        return;
    };
    // The provider honours the essential `acr` it is asked for; a provider that ignored it (here:
    // a sign-in started without asking, so the id_token carries no `acr`) is still refused.
    let lenient = provider(&idp, "passerelle", &[]).await;
    let strict = provider(&idp, "passerelle", &["eidas2", "eidas3"]).await;
    let (url, pending) = lenient.start();
    let callback = sign_in(&browser(), url, "eidas1").await;
    assert_eq!(
        strict
            .finish(&pending, &callback, OffsetDateTime::now_utc())
            .await,
        Err(FederationError::AcrNotAllowed { acr: String::new() })
    );
    let cancelled = Callback {
        error: Some("access_denied".into()),
        ..Callback::default()
    };
    assert_eq!(
        strict
            .finish(&pending, &cancelled, OffsetDateTime::now_utc())
            .await,
        Err(FederationError::Refused {
            reason: "access_denied".into()
        })
    );
}
