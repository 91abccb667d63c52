//! The loopback identity providers configured for a test application: ProConnect's stand-in
//! (oidc-provider) and a RENATER institution (SimpleSAMLphp), registered with the app's own URLs,
//! with people whose addresses meet the demo's accounts. Used by the web and browser tests.

use passerelle_app::sso::{RenaterSettings, SsoSettings};
use passerelle_federation::proconnect::ProConnectConfig;
use passerelle_federation::renater::{KeyPair, RenaterConfig};
use passerelle_federation::testing::{
    OidcClient, ProConnectIdp, ProConnectUser, RenaterIdp, SamlUser, SpRegistration, TestKeys,
};
use url::Url;

use crate::present::urls;
use crate::testing::TestApp;

/// The providers one test app signs in against (stopped when dropped).
pub struct Idps {
    pub proconnect: ProConnectIdp,
    pub renater: RenaterIdp,
    _dir: TempFolder,
}

pub struct TempFolder(std::path::PathBuf);
impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// ProConnect's agent: the demo organiser's address, so that the first sign-in links by address.
pub fn agent() -> ProConnectUser {
    ProConnectUser {
        sub: "a7c2e1f0-agent".into(),
        given_name: "Camille".into(),
        usual_name: "Rousseau".into(),
        email: passerelle_app::demo::accounts()
            .accounts
            .into_iter()
            .find(|a| a.role == passerelle_domain::Role::Organiser)
            .expect("a demo organiser")
            .email
            .as_str()
            .to_owned(),
        uid: "4242".into(),
        siret: "13002526500013".into(),
        idp_id: "fia1v2".into(),
    }
}

/// Someone with no account: only an invitation lets them in.
pub fn newcomer() -> ProConnectUser {
    ProConnectUser {
        sub: "b1d3-newcomer".into(),
        given_name: "Dominique".into(),
        usual_name: "Lefèvre".into(),
        email: "dominique.lefevre@start-up-exemple.fr".into(),
        uid: "77".into(),
        siret: "85234567800011".into(),
        idp_id: "moncomptepro".into(),
    }
}

/// The institution's member: the demo institution member links her institution's identity.
pub fn alice() -> SamlUser {
    SamlUser {
        username: "alice".into(),
        password: "alice-pass".into(),
        eppn: "alice.martin@univ-test.fr".into(),
        mail: "alice.martin@univ-test.fr".into(),
        given_name: "Alice".into(),
        sn: "Martin".into(),
        supann_etablissement: "{UAI}0341087X".into(),
    }
}

/// Starts both providers registered with `app`'s URLs and configures the app with them (before
/// any request). `signed_userinfo: false` registers a client whose userinfo comes unsigned.
pub fn configure(app: &TestApp, signed_userinfo: bool) -> Option<Idps> {
    let base = &app.base_url;
    let client = OidcClient {
        client_id: "passerelle".into(),
        client_secret: "passerelle-secret-0123456789abcdef0123456789".into(),
        redirect_uris: vec![format!("{base}{}", urls::PROCONNECT_CALLBACK)],
        post_logout_redirect_uris: vec![format!("{base}{}", urls::PROCONNECT_SIGNED_OUT)],
        userinfo_signed_response_alg: signed_userinfo.then(|| "RS256".into()),
    };
    let proconnect = ProConnectIdp::start(std::slice::from_ref(&client), &[agent(), newcomer()])?;
    let signing = TestKeys::generate("sp-signing");
    let encryption = TestKeys::generate("sp-encryption");
    let entity_id = format!("{base}{}", urls::RENATER_METADATA);
    let renater = RenaterIdp::start(
        &[SpRegistration {
            entity_id: entity_id.clone(),
            acs_url: format!("{base}{}", urls::RENATER_ACS),
            signing_cert: signing.clone(),
            encryption_cert: encryption.clone(),
        }],
        &[alice()],
    )?;
    let dir = std::env::temp_dir().join(format!("passerelle-sso-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let metadata = dir.join("federation.xml");
    std::fs::write(
        &metadata,
        renater.federation_metadata(time::OffsetDateTime::now_utc() + time::Duration::days(10)),
    )
    .unwrap();
    app.app
        .set_sso(SsoSettings {
            proconnect: Some(ProConnectConfig {
                issuer: proconnect.issuer.clone(),
                client_id: client.client_id.clone(),
                client_secret: client.client_secret.clone(),
                redirect_uri: Url::parse(&client.redirect_uris[0]).unwrap(),
                post_logout_redirect_uri: Url::parse(&client.post_logout_redirect_uris[0]).unwrap(),
                acr_values: vec!["eidas1".into()],
            }),
            renater: Some(RenaterSettings {
                config: RenaterConfig {
                    entity_id,
                    acs_url: Url::parse(&format!("{base}{}", urls::RENATER_ACS)).unwrap(),
                    signing: KeyPair::from_pem(&signing.key_pem, &signing.cert_pem).unwrap(),
                    encryption: KeyPair::from_pem(&encryption.key_pem, &encryption.cert_pem)
                        .unwrap(),
                    discovery_url: None,
                    display_name: "Passerelle".into(),
                    information_url: Url::parse(&format!("{base}/")).unwrap(),
                    privacy_url: Url::parse(&format!("{base}/")).unwrap(),
                    technical_contact: "support@passerelle.test".into(),
                },
                metadata_source: metadata.display().to_string(),
                metadata_cert_pem: renater.federation_cert_pem().to_vec(),
            }),
        })
        .unwrap();
    Some(Idps {
        proconnect,
        renater,
        _dir: TempFolder(dir),
    })
}
