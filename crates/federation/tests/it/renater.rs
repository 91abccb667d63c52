use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use passerelle_federation::renater::{
    FederationMetadata, KeyPair, PendingRenater, Renater, RenaterConfig,
};
use passerelle_federation::testing::{
    RenaterIdp, SamlUser, SpRegistration, TEST_INSTITUTION_FR, TestKeys,
};
use passerelle_federation::{Federation, FederationError, LogoutHint};
use time::OffsetDateTime;
use url::Url;

const ENTITY: &str = "https://passerelle.test/sso/renater";
const ACS: &str = "http://127.0.0.1:9/sso/renater/acs";

struct Sp {
    signing: TestKeys,
    encryption: TestKeys,
}

impl Sp {
    fn new() -> Self {
        Self {
            signing: TestKeys::generate("sp-signing"),
            encryption: TestKeys::generate("sp-encryption"),
        }
    }

    fn registration(&self, entity_id: &str) -> SpRegistration {
        SpRegistration {
            entity_id: entity_id.into(),
            acs_url: ACS.into(),
            signing_cert: self.signing.clone(),
            encryption_cert: self.encryption.clone(),
        }
    }

    fn renater(&self, idp: &RenaterIdp, entity_id: &str) -> Renater {
        let now = OffsetDateTime::now_utc();
        let xml = idp.federation_metadata(now + time::Duration::days(10));
        let metadata = FederationMetadata::from_signed_xml(&xml, idp.federation_cert_pem(), now)
            .expect("metadata");
        Renater::new(
            RenaterConfig {
                entity_id: entity_id.into(),
                acs_url: Url::parse(ACS).unwrap(),
                signing: KeyPair::from_pem(&self.signing.key_pem, &self.signing.cert_pem).unwrap(),
                encryption: KeyPair::from_pem(&self.encryption.key_pem, &self.encryption.cert_pem)
                    .unwrap(),
                discovery_url: None,
                display_name: "Passerelle".into(),
                information_url: Url::parse("https://passerelle.test/").unwrap(),
                privacy_url: Url::parse("https://passerelle.test/donnees-personnelles").unwrap(),
                technical_contact: "support@passerelle.test".into(),
            },
            metadata,
        )
    }
}

fn alice() -> SamlUser {
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

/// Signs in at the institution's IdP and returns the SAMLResponse it posts to the ACS.
async fn sign_in(url: Url, user: &SamlUser) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let page = browser.get(url).send().await.unwrap();
    let login_at = page.url().clone();
    let html = page.text().await.unwrap();
    let auth_state =
        super::input_value(&html, "AuthState").unwrap_or_else(|| panic!("login form: {html}"));
    let posted = browser
        .post(login_at)
        .form(&[
            ("username", user.username.as_str()),
            ("password", user.password.as_str()),
            ("AuthState", auth_state.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        super::form_action(&posted).as_deref(),
        Some(ACS),
        "{posted}"
    );
    super::input_value(&posted, "SAMLResponse").expect("SAMLResponse")
}

fn start(sp: &Sp, entities: &[&str]) -> Option<RenaterIdp> {
    let regs: Vec<SpRegistration> = entities.iter().map(|e| sp.registration(e)).collect();
    RenaterIdp::start(&regs, &[alice()])
}

#[tokio::test]
async fn signs_in_with_an_encrypted_signed_assertion_and_its_urn_oid_attributes() {
    let sp = Sp::new();
    let Some(idp) = start(&sp, &[ENTITY]) else {
        return;
    };
    let renater = sp.renater(&idp, ENTITY);
    assert_eq!(renater.metadata().len(), 4);
    let (url, pending) = renater.start(&idp.entity_id, "").unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert!(
        query.contains_key("SAMLRequest") && query.contains_key("Signature"),
        "signed redirect: {url}"
    );
    assert!(pending.request_id.len() >= 33);

    let response = sign_in(url, &alice()).await;
    let xml = String::from_utf8(STANDARD.decode(&response).unwrap()).unwrap();
    assert!(
        xml.contains("EncryptedAssertion") && !xml.contains("<saml:Assertion"),
        "{xml}"
    );
    let (identity, receipt) = renater
        .finish(&pending, &response, OffsetDateTime::now_utc())
        .expect("signed in");
    assert_eq!(identity.federation, Federation::Renater);
    assert_eq!(identity.issuer, idp.entity_id);
    assert_eq!(identity.subject, "alice.martin@univ-test.fr");
    assert_eq!(identity.email.as_deref(), Some("alice.martin@univ-test.fr"));
    assert_eq!(identity.given_name.as_deref(), Some("Alice"));
    assert_eq!(identity.family_name.as_deref(), Some("Martin"));
    assert_eq!(
        identity.organisation.institution.as_deref(),
        Some("{UAI}0341087X")
    );
    assert_eq!(
        identity.organisation.institution_name.as_deref(),
        Some(TEST_INSTITUTION_FR)
    );
    // The UAI of supannEtablissement and schacHomeOrganization, by their urn:oid names.
    assert_eq!(identity.organisation.uai.as_deref(), Some("0341087X"));
    assert_eq!(
        identity.organisation.home_domain.as_deref(),
        Some("univ-test.fr")
    );
    assert_eq!(identity.logout, LogoutHint::Local);
    assert_eq!(receipt.issuer, idp.entity_id);
    assert!(receipt.not_on_or_after > OffsetDateTime::now_utc());

    // Used once: the pending request is gone from the session, and the same response against a
    // new sign-in of the same browser does not answer it.
    let (_, second) = renater.start(&idp.entity_id, "").unwrap();
    assert_eq!(
        renater
            .finish(&second, &response, OffsetDateTime::now_utc())
            .map(|_| ()),
        Err(FederationError::StateMismatch)
    );
}

#[tokio::test]
async fn refuses_a_tampered_response_a_wrong_audience_and_an_expired_assertion() {
    let sp = Sp::new();
    let other = "https://another-service.test/shibboleth";
    let Some(idp) = start(&sp, &[ENTITY, other]) else {
        return;
    };
    let renater = sp.renater(&idp, ENTITY);
    let now = OffsetDateTime::now_utc();

    // Tampered: one character of the encrypted assertion changed after the IdP signed.
    let (url, pending) = renater.start(&idp.entity_id, "").unwrap();
    let response = sign_in(url, &alice()).await;
    let mut xml = String::from_utf8(STANDARD.decode(&response).unwrap()).unwrap();
    let at = xml.find("<xenc:CipherValue>").unwrap() + "<xenc:CipherValue>".len() + 10;
    let flipped = if &xml[at..at + 1] == "A" { "B" } else { "A" };
    xml.replace_range(at..at + 1, flipped);
    assert_eq!(
        renater
            .finish(&pending, &STANDARD.encode(&xml), now)
            .map(|_| ()),
        Err(FederationError::BadSignature)
    );

    // Expired: the same genuine response, an hour later.
    let later = now + time::Duration::hours(1);
    assert_eq!(
        renater.finish(&pending, &response, later).map(|_| ()),
        Err(FederationError::Expired)
    );

    // Wrong audience: a response the IdP issued to another service, posted to ours.
    let elsewhere = sp.renater(&idp, other);
    let (url, pending_elsewhere) = elsewhere.start(&idp.entity_id, "").unwrap();
    let theirs = sign_in(url, &alice()).await;
    assert!(
        elsewhere.finish(&pending_elsewhere, &theirs, now).is_ok(),
        "genuine for the other service"
    );
    let ours = PendingRenater {
        request_id: pending_elsewhere.request_id.clone(),
        idp: idp.entity_id.clone(),
    };
    assert_eq!(
        renater.finish(&ours, &theirs, now).map(|_| ()),
        Err(FederationError::WrongAudience)
    );
}

#[tokio::test]
async fn refuses_federation_metadata_signed_by_another_key_or_expired() {
    let sp = Sp::new();
    let Some(idp) = start(&sp, &[ENTITY]) else {
        return;
    };
    let now = OffsetDateTime::now_utc();
    let forged = idp.federation_metadata_signed_by(
        now + time::Duration::days(1),
        &TestKeys::generate("attacker"),
    );
    assert_eq!(
        FederationMetadata::from_signed_xml(&forged, idp.federation_cert_pem(), now).map(|_| ()),
        Err(FederationError::MetadataSignature)
    );
    let genuine = idp.federation_metadata(now + time::Duration::days(1));
    let altered = genuine.replace(TEST_INSTITUTION_FR, "Université pirate");
    assert_eq!(
        FederationMetadata::from_signed_xml(&altered, idp.federation_cert_pem(), now).map(|_| ()),
        Err(FederationError::MetadataSignature)
    );
    assert_eq!(
        FederationMetadata::from_signed_xml(
            &genuine,
            idp.federation_cert_pem(),
            now + time::Duration::days(2)
        )
        .map(|_| ()),
        Err(FederationError::MetadataExpired)
    );
    let metadata =
        FederationMetadata::from_signed_xml(&genuine, idp.federation_cert_pem(), now).unwrap();
    let names = |q: &str| {
        metadata
            .search(q)
            .iter()
            .map(|i| i.name_fr.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names("ecole"), ["École nationale d’Exemple"]);
    assert_eq!(names("UNIVERSITÉ exemple"), ["Université d’Exemple-Nord"]);
    assert_eq!(names("univ-test.fr"), [TEST_INSTITUTION_FR]);
    assert_eq!(names("").len(), 4);
}

#[tokio::test]
async fn publishes_sp_metadata_with_distinct_signing_and_encryption_keys() {
    let sp = Sp::new();
    let Some(idp) = start(&sp, &[ENTITY]) else {
        return;
    };
    let xml = sp.renater(&idp, ENTITY).sp_metadata_xml();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed SP metadata");
    let md = "urn:oasis:names:tc:SAML:2.0:metadata";
    assert_eq!(doc.root_element().attribute("entityID"), Some(ENTITY));
    let cert_of = |usage: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name((md, "KeyDescriptor")) && n.attribute("use") == Some(usage))
            .and_then(|n| {
                n.descendants()
                    .find(|c| c.tag_name().name() == "X509Certificate")
            })
            .and_then(|c| c.text())
            .map(str::to_owned)
    };
    assert_eq!(cert_of("signing"), Some(sp.signing.cert_base64()));
    assert_eq!(cert_of("encryption"), Some(sp.encryption.cert_base64()));
    let acs = doc
        .descendants()
        .find(|n| n.has_tag_name((md, "AssertionConsumerService")))
        .unwrap();
    assert_eq!(acs.attribute("Location"), Some(ACS));
    assert_eq!(
        acs.attribute("Binding"),
        Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST")
    );
    let requested: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((md, "RequestedAttribute")))
        .filter_map(|n| n.attribute("Name"))
        .collect();
    assert!(
        requested.contains(&"urn:oid:1.3.6.1.4.1.5923.1.1.1.6")
            && requested.contains(&"urn:oid:0.9.2342.19200300.100.1.3")
    );
}
