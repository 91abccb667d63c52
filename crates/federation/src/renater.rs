//! The RENATER federation (SAML 2.0 Web SSO) as a service provider: SP metadata with distinct
//! signing and encryption keys, the federation's signed metadata (signature checked against the
//! configured certificate), discovery of the institution (built-in list with search, or the
//! federation's discovery service), signed AuthnRequests over HTTP-Redirect, signed responses
//! carrying encrypted assertions over HTTP-POST, attributes by their `urn:oid` names.
//!
//! Signature verification and decryption are xmlsec's (through `samael`); this module adds what a
//! federation SP must also refuse: plain assertions, RSA PKCS#1 v1.5 key transport, a missing
//! audience restriction, an identifier outside the identity provider's declared scopes, and
//! validity windows checked against the time passed in. Replay (an assertion ID seen twice) is
//! decided by the caller, which stores [`AssertionReceipt`]s.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use openssl::pkey::{PKey, Private};
use openssl::x509::X509;
use samael::crypto::{
    AllowedSignatureAlgorithm, CertificateDer, Crypto, CryptoProvider, ReduceMode,
};
use samael::metadata::{EntityDescriptor, HTTP_REDIRECT_BINDING};
use samael::schema::Assertion;
use samael::service_provider::{Error as SamlError, ServiceProvider, ServiceProviderBuilder};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use url::Url;

use crate::{FederatedIdentity, Federation, FederationError, LogoutHint, OrganisationHint};

const NS_MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
const NS_MDUI: &str = "urn:oasis:names:tc:SAML:metadata:ui";
const NS_SHIBMD: &str = "urn:mace:shibboleth:metadata:1.0";
const NS_PROTOCOL: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
const NS_ASSERTION: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const NS_XENC: &str = "http://www.w3.org/2001/04/xmlenc#";
const RSA_1_5: &str = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
/// A SAMLResponse larger than this is refused before any XML work.
const MAX_RESPONSE_BYTES: usize = 256 * 1024;
/// How long after its IssueInstant an assertion is accepted (Shibboleth's default lifetime).
const MAX_ASSERTION_AGE: time::Duration = time::Duration::minutes(5);
/// Tolerated clock difference with the identity provider.
const CLOCK_SKEW: time::Duration = time::Duration::minutes(3);

/// The attributes the service asks for, by their `urn:oid` names (SAML2 URI name format).
pub mod oid {
    pub const EPPN: &str = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";
    pub const MAIL: &str = "urn:oid:0.9.2342.19200300.100.1.3";
    pub const GIVEN_NAME: &str = "urn:oid:2.5.4.42";
    pub const SN: &str = "urn:oid:2.5.4.4";
    pub const DISPLAY_NAME: &str = "urn:oid:2.16.840.1.113730.3.1.241";
    pub const SUPANN_ETABLISSEMENT: &str = "urn:oid:1.3.6.1.4.1.7135.1.2.1.14";
    pub const SCHAC_HOME_ORGANIZATION: &str = "urn:oid:1.3.6.1.4.1.25178.1.2.9";
}

/// `(FriendlyName, Name, required)` as listed in the SP metadata's AttributeConsumingService.
pub const REQUESTED_ATTRIBUTES: [(&str, &str, bool); 7] = [
    ("eduPersonPrincipalName", oid::EPPN, true),
    ("mail", oid::MAIL, true),
    ("givenName", oid::GIVEN_NAME, false),
    ("sn", oid::SN, false),
    ("displayName", oid::DISPLAY_NAME, false),
    ("supannEtablissement", oid::SUPANN_ETABLISSEMENT, false),
    ("schacHomeOrganization", oid::SCHAC_HOME_ORGANIZATION, false),
];

/// A key pair from configuration (PEM), as the SP metadata publishes its certificate.
#[derive(Clone)]
pub struct KeyPair {
    key: PKey<Private>,
    cert: X509,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("cert", &self.cert.subject_name())
            .finish_non_exhaustive()
    }
}

impl KeyPair {
    pub fn from_pem(key_pem: &[u8], cert_pem: &[u8]) -> Result<Self, FederationError> {
        let key =
            PKey::private_key_from_pem(key_pem).map_err(|e| FederationError::Configuration {
                detail: format!("SAML private key: {e}"),
            })?;
        let cert = X509::from_pem(cert_pem).map_err(|e| FederationError::Configuration {
            detail: format!("SAML certificate: {e}"),
        })?;
        let matches = cert
            .public_key()
            .map(|p| p.public_eq(&key))
            .unwrap_or(false);
        if !matches {
            return Err(FederationError::Configuration {
                detail: "the SAML certificate does not belong to its private key".into(),
            });
        }
        Ok(Self { key, cert })
    }

    fn cert_base64(&self) -> String {
        STANDARD.encode(self.cert.to_der().unwrap_or_default())
    }
}

/// A deployment's RENATER settings.
#[derive(Debug, Clone)]
pub struct RenaterConfig {
    /// This service's entity ID, registered with the federation.
    pub entity_id: String,
    /// The assertion consumer service (HTTP-POST), registered with the federation.
    pub acs_url: Url,
    /// Signs AuthnRequests (published `use="signing"`).
    pub signing: KeyPair,
    /// Decrypts assertions (published `use="encryption"`).
    pub encryption: KeyPair,
    /// The federation's discovery service; `None` shows the built-in list.
    pub discovery_url: Option<Url>,
    /// Shown in the SP metadata's mdui and Organization elements.
    pub display_name: String,
    pub information_url: Url,
    pub privacy_url: Url,
    pub technical_contact: String,
}

/// One identity provider of the federation, as its metadata describes it.
#[derive(Debug, Clone)]
pub struct IdentityProvider {
    pub entity_id: String,
    pub name_fr: String,
    pub name_en: String,
    /// `shibmd:Scope` values: the domains whose `eduPersonPrincipalName` it may assert.
    pub scopes: Vec<String>,
    descriptor: EntityDescriptor,
}

impl IdentityProvider {
    pub fn name(&self, english: bool) -> &str {
        if english {
            &self.name_en
        } else {
            &self.name_fr
        }
    }
}

/// The federation's identity providers, read from its signed metadata.
#[derive(Debug, Clone, Default)]
pub struct FederationMetadata {
    idps: BTreeMap<String, IdentityProvider>,
}

impl FederationMetadata {
    /// Verifies the aggregate's signature against the federation's certificate and its
    /// `validUntil` against `now`, then reads the identity providers from the signed content only.
    pub fn from_signed_xml(
        xml: &str,
        federation_cert_pem: &[u8],
        now: OffsetDateTime,
    ) -> Result<Self, FederationError> {
        let cert = X509::from_pem(federation_cert_pem)
            .and_then(|c| c.to_der())
            .map_err(|e| FederationError::Configuration {
                detail: format!("federation certificate: {e}"),
            })?;
        let signed = Crypto::reduce_xml_to_signed_with_allowed_algorithms(
            xml,
            &[CertificateDer::from(cert)],
            ReduceMode::ValidateAndMarkNoAncestors,
            Some(&ALLOWED_SIGNATURES),
        )
        .map_err(|_| FederationError::MetadataSignature)?;
        let doc = roxmltree::Document::parse(&signed).map_err(|e| FederationError::Malformed {
            detail: format!("federation metadata: {e}"),
        })?;
        let root = doc.root_element();
        // The signature must cover the whole aggregate, not one entity inside it.
        if !root.has_tag_name((NS_MD, "EntitiesDescriptor")) {
            return Err(FederationError::MetadataSignature);
        }
        match root.attribute("validUntil").map(parse_instant) {
            Some(Some(until)) if until > now => {}
            Some(Some(_)) => return Err(FederationError::MetadataExpired),
            Some(None) => return Err(malformed("validUntil")),
            // An unbounded aggregate could be replayed forever: federations always bound theirs.
            None => return Err(FederationError::MetadataExpired),
        }
        let mut idps = BTreeMap::new();
        for entity in root
            .descendants()
            .filter(|n| n.has_tag_name((NS_MD, "EntityDescriptor")))
        {
            let Some(idp_role) = entity
                .children()
                .find(|n| n.has_tag_name((NS_MD, "IDPSSODescriptor")))
            else {
                continue;
            };
            let Some(entity_id) = entity.attribute("entityID") else {
                continue;
            };
            let display = |lang: &str| {
                idp_role
                    .descendants()
                    .filter(|n| n.has_tag_name((NS_MDUI, "DisplayName")))
                    .find(|n| {
                        n.attribute(("http://www.w3.org/XML/1998/namespace", "lang")) == Some(lang)
                    })
                    .and_then(|n| n.text())
                    .map(|t| t.trim().to_owned())
            };
            let name_fr = display("fr")
                .or_else(|| display("en"))
                .unwrap_or_else(|| entity_id.to_owned());
            let name_en = display("en").unwrap_or_else(|| name_fr.clone());
            let scopes = idp_role
                .descendants()
                .filter(|n| {
                    n.has_tag_name((NS_SHIBMD, "Scope")) && n.attribute("regexp") != Some("true")
                })
                .filter_map(|n| n.text().map(|t| t.trim().to_ascii_lowercase()))
                .collect();
            let descriptor: EntityDescriptor = signed[entity.range()]
                .parse()
                .map_err(|e| malformed(&format!("entity {entity_id}: {e}")))?;
            idps.insert(
                entity_id.to_owned(),
                IdentityProvider {
                    entity_id: entity_id.to_owned(),
                    name_fr,
                    name_en,
                    scopes,
                    descriptor,
                },
            );
        }
        Ok(Self { idps })
    }

    /// Fetches the aggregate from a URL or reads it from a file, then verifies it.
    pub async fn load(
        source: &str,
        federation_cert_pem: &[u8],
        now: OffsetDateTime,
    ) -> Result<Self, FederationError> {
        let xml = if source.starts_with("https://") || source.starts_with("http://") {
            let response = reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(60))
                .build()
                .map(|c| c.get(source))
                .map_err(|e| FederationError::Configuration {
                    detail: e.to_string(),
                })?
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .map_err(|e| FederationError::Unreachable {
                    detail: format!("federation metadata: {e}"),
                })?;
            response
                .text()
                .await
                .map_err(|e| FederationError::Unreachable {
                    detail: format!("federation metadata: {e}"),
                })?
        } else {
            std::fs::read_to_string(source).map_err(|e| FederationError::Configuration {
                detail: format!("federation metadata {source}: {e}"),
            })?
        };
        Self::from_signed_xml(&xml, federation_cert_pem, now)
    }

    pub fn get(&self, entity_id: &str) -> Option<&IdentityProvider> {
        self.idps.get(entity_id)
    }

    pub fn len(&self) -> usize {
        self.idps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idps.is_empty()
    }

    /// Identity providers whose name (in either language), entity ID or scope contains every word
    /// of `query`, accents and case ignored, sorted by French name.
    pub fn search(&self, query: &str) -> Vec<&IdentityProvider> {
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        let mut found: Vec<&IdentityProvider> = self
            .idps
            .values()
            .filter(|idp| {
                let haystack = fold(&format!(
                    "{} {} {} {}",
                    idp.name_fr,
                    idp.name_en,
                    idp.entity_id,
                    idp.scopes.join(" ")
                ));
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect();
        found.sort_by_cached_key(|idp| fold(&idp.name_fr));
        found
    }
}

/// Lower case without French diacritics, for search.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            other => other,
        })
        .collect()
}

const ALLOWED_SIGNATURES: [AllowedSignatureAlgorithm; 6] = [
    AllowedSignatureAlgorithm::RsaSha256,
    AllowedSignatureAlgorithm::RsaSha384,
    AllowedSignatureAlgorithm::RsaSha512,
    AllowedSignatureAlgorithm::EcdsaSha256,
    AllowedSignatureAlgorithm::EcdsaSha384,
    AllowedSignatureAlgorithm::EcdsaSha512,
];

/// What a started sign-in keeps in the person's session until the assertion comes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRenater {
    pub request_id: String,
    pub idp: String,
}

/// What replay protection needs to remember of an accepted assertion, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssertionReceipt {
    pub issuer: String,
    pub assertion_id: String,
    pub not_on_or_after: OffsetDateTime,
}

/// A RENATER service provider over the federation's identity providers.
#[derive(Debug, Clone)]
pub struct Renater {
    config: RenaterConfig,
    metadata: FederationMetadata,
}

impl Renater {
    pub fn new(config: RenaterConfig, metadata: FederationMetadata) -> Self {
        Self { config, metadata }
    }

    pub fn config(&self) -> &RenaterConfig {
        &self.config
    }

    pub fn metadata(&self) -> &FederationMetadata {
        &self.metadata
    }

    /// The SP metadata to publish at a stable URL (and to register with the federation).
    pub fn sp_metadata_xml(&self) -> String {
        let c = &self.config;
        let e = xml_escape;
        let requested: String = REQUESTED_ATTRIBUTES
            .iter()
            .map(|(friendly, name, required)| {
                format!(
                    r#"<md:RequestedAttribute FriendlyName="{friendly}" Name="{name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="{required}"/>"#
                )
            })
            .collect();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="{NS_MD}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:mdui="{NS_MDUI}" entityID="{entity}">
<md:SPSSODescriptor protocolSupportEnumeration="{NS_PROTOCOL}" AuthnRequestsSigned="true" WantAssertionsSigned="true">
<md:Extensions><mdui:UIInfo><mdui:DisplayName xml:lang="fr">{name}</mdui:DisplayName><mdui:DisplayName xml:lang="en">{name}</mdui:DisplayName><mdui:Description xml:lang="fr">Rencontres d’innovation ouverte entre établissements de l’enseignement supérieur et entreprises</mdui:Description><mdui:Description xml:lang="en">Open-innovation meetings between higher-education institutions and companies</mdui:Description><mdui:InformationURL xml:lang="fr">{info}</mdui:InformationURL><mdui:PrivacyStatementURL xml:lang="fr">{privacy}</mdui:PrivacyStatementURL></mdui:UIInfo></md:Extensions>
<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{signing}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{encryption}</ds:X509Certificate></ds:X509Data></ds:KeyInfo><md:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes128-gcm"/><md:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><md:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/></md:KeyDescriptor>
<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{acs}" index="1" isDefault="true"/>
<md:AttributeConsumingService index="1"><md:ServiceName xml:lang="fr">{name}</md:ServiceName><md:ServiceName xml:lang="en">{name}</md:ServiceName>{requested}</md:AttributeConsumingService>
</md:SPSSODescriptor>
<md:Organization><md:OrganizationName xml:lang="fr">{name}</md:OrganizationName><md:OrganizationDisplayName xml:lang="fr">{name}</md:OrganizationDisplayName><md:OrganizationURL xml:lang="fr">{info}</md:OrganizationURL></md:Organization>
<md:ContactPerson contactType="technical"><md:EmailAddress>mailto:{contact}</md:EmailAddress></md:ContactPerson>
</md:EntityDescriptor>
"#,
            entity = e(&c.entity_id),
            name = e(&c.display_name),
            info = e(c.information_url.as_str()),
            privacy = e(c.privacy_url.as_str()),
            signing = c.signing.cert_base64(),
            encryption = c.encryption.cert_base64(),
            acs = e(c.acs_url.as_str()),
            contact = e(&c.technical_contact),
        )
    }

    /// Where to send the browser to choose an institution at the federation's discovery service
    /// (SAML IdP Discovery Protocol); `return_url` receives `entityID`.
    pub fn discovery_redirect(&self, return_url: &Url) -> Option<Url> {
        let mut url = self.config.discovery_url.clone()?;
        url.query_pairs_mut()
            .append_pair("entityID", &self.config.entity_id)
            .append_pair("return", return_url.as_str())
            .append_pair("returnIDParam", "entityID");
        Some(url)
    }

    fn service_provider(&self, idp: &IdentityProvider) -> ServiceProvider {
        ServiceProviderBuilder::default()
            .entity_id(self.config.entity_id.clone())
            .acs_url(self.config.acs_url.to_string())
            .key(self.config.encryption.key.clone())
            .idp_metadata(idp.descriptor.clone())
            .max_issue_delay(chrono::Duration::minutes(5))
            .allowed_signature_algorithms(ALLOWED_SIGNATURES.to_vec())
            .build()
            .expect("every field of ServiceProvider has a default")
    }

    /// The origin of the institution's single sign-on endpoint (HTTP-Redirect), where its button
    /// hands the browser over (the discovery page's CSP `form-action` names it).
    pub fn sso_origin(&self, idp_entity_id: &str) -> Option<String> {
        let idp = self.metadata.get(idp_entity_id)?;
        let location = self
            .service_provider(idp)
            .sso_binding_location(HTTP_REDIRECT_BINDING)?;
        Url::parse(&location)
            .ok()
            .map(|u| u.origin().ascii_serialization())
    }

    /// A signed AuthnRequest to the institution's identity provider (HTTP-Redirect binding);
    /// `relay_state` comes back with the response (covered by the redirect's signature).
    pub fn start(
        &self,
        idp_entity_id: &str,
        relay_state: &str,
    ) -> Result<(Url, PendingRenater), FederationError> {
        let idp = self
            .metadata
            .get(idp_entity_id)
            .ok_or(FederationError::UnknownIdentityProvider)?;
        let sp = self.service_provider(idp);
        let sso = sp
            .sso_binding_location(HTTP_REDIRECT_BINDING)
            .ok_or(FederationError::UnknownIdentityProvider)?;
        let mut request =
            sp.make_authentication_request(&sso)
                .map_err(|e| FederationError::Configuration {
                    detail: e.to_string(),
                })?;
        // samael's own ID carries 32 random bits; InResponseTo binds the answer to this browser.
        request.id = format!("_{}", hex(&rand::random::<[u8; 32]>()));
        let url = request
            .signed_redirect(relay_state, &self.config.signing.key)
            .map_err(|e| FederationError::Configuration {
                detail: e.to_string(),
            })?
            .ok_or_else(|| FederationError::Configuration {
                detail: "AuthnRequest without destination".into(),
            })?;
        Ok((
            url,
            PendingRenater {
                request_id: request.id,
                idp: idp.entity_id.clone(),
            },
        ))
    }

    /// Verifies a SAMLResponse posted to the ACS for the pending sign-in.
    pub fn finish(
        &self,
        pending: &PendingRenater,
        saml_response: &str,
        now: OffsetDateTime,
    ) -> Result<(FederatedIdentity, AssertionReceipt), FederationError> {
        if saml_response.len() > MAX_RESPONSE_BYTES * 4 / 3 + 4 {
            return Err(malformed("SAMLResponse too large"));
        }
        let compact: String = saml_response
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let bytes = STANDARD
            .decode(compact)
            .map_err(|_| malformed("SAMLResponse is not base64"))?;
        let xml = String::from_utf8(bytes).map_err(|_| malformed("SAMLResponse is not UTF-8"))?;
        check_shape(&xml)?;
        let idp = self
            .metadata
            .get(&pending.idp)
            .ok_or(FederationError::UnknownIdentityProvider)?;
        let assertion = self
            .service_provider(idp)
            .parse_xml_response(&xml, Some(&[pending.request_id.as_str()]))
            .map_err(saml_error)?;
        let receipt = check_assertion(&assertion, &self.config.entity_id, now)?;
        let identity = identity_of(&assertion, idp)?;
        Ok((identity, receipt))
    }
}

/// Refuses what samael would accept but a federation SP must not: a plain (unencrypted)
/// assertion, and RSA PKCS#1 v1.5 key transport (open to padding-oracle attacks).
fn check_shape(xml: &str) -> Result<(), FederationError> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| malformed(&e.to_string()))?;
    let root = doc.root_element();
    if !root.has_tag_name((NS_PROTOCOL, "Response")) {
        return Err(malformed("not a SAML Response"));
    }
    if root
        .descendants()
        .any(|n| n.has_tag_name((NS_ASSERTION, "Assertion")))
    {
        return Err(FederationError::NotEncrypted);
    }
    let status_success = root
        .descendants()
        .find(|n| n.has_tag_name((NS_PROTOCOL, "StatusCode")))
        .and_then(|n| n.attribute("Value"))
        .is_some_and(|v| v == "urn:oasis:names:tc:SAML:2.0:status:Success");
    if !status_success {
        let reason = root
            .descendants()
            .filter(|n| n.has_tag_name((NS_PROTOCOL, "StatusCode")))
            .filter_map(|n| n.attribute("Value"))
            .next_back()
            .and_then(|v| v.rsplit(':').next())
            .unwrap_or("unknown")
            .to_owned();
        return Err(FederationError::Refused { reason });
    }
    if !root
        .descendants()
        .any(|n| n.has_tag_name((NS_ASSERTION, "EncryptedAssertion")))
    {
        return Err(FederationError::NotEncrypted);
    }
    let weak = root
        .descendants()
        .filter(|n| n.has_tag_name((NS_XENC, "EncryptionMethod")))
        .any(|n| n.attribute("Algorithm") == Some(RSA_1_5));
    if weak {
        return Err(malformed("RSA PKCS#1 v1.5 key transport"));
    }
    Ok(())
}

fn saml_error(e: SamlError) -> FederationError {
    match e {
        SamlError::FailedToValidateSignature | SamlError::CryptoXmlError(_) => {
            FederationError::BadSignature
        }
        SamlError::AssertionConditionAudienceRestrictionFailed { .. }
        | SamlError::DestinationValidationError { .. }
        | SamlError::AssertionRecipientMismatch { .. } => FederationError::WrongAudience,
        SamlError::AssertionInResponseToInvalid { .. }
        | SamlError::ResponseInResponseToInvalid { .. } => FederationError::StateMismatch,
        SamlError::AssertionIssuerMismatch { .. } | SamlError::ResponseIssuerMismatch { .. } => {
            FederationError::WrongIssuer
        }
        SamlError::AssertionExpired { .. }
        | SamlError::ResponseExpired { .. }
        | SamlError::AssertionConditionExpired { .. }
        | SamlError::AssertionSubjectConfirmationExpired { .. } => FederationError::Expired,
        SamlError::AssertionConditionExpiredBefore { .. }
        | SamlError::AssertionSubjectConfirmationExpiredBefore { .. } => {
            FederationError::NotYetValid
        }
        SamlError::ResponseBadStatusCode { code } => FederationError::Refused { reason: code },
        SamlError::FailedToDecryptAssertion | SamlError::EncryptedAssertionInvalid => {
            FederationError::BadSignature
        }
        other => malformed(&other.to_string()),
    }
}

/// The checks that depend on the time passed in, and the audience restriction being present.
fn check_assertion(
    assertion: &Assertion,
    entity_id: &str,
    now: OffsetDateTime,
) -> Result<AssertionReceipt, FederationError> {
    let issued = instant_of(assertion.issue_instant);
    if issued + MAX_ASSERTION_AGE + CLOCK_SKEW < now {
        return Err(FederationError::Expired);
    }
    if issued - CLOCK_SKEW > now {
        return Err(FederationError::NotYetValid);
    }
    let conditions = assertion
        .conditions
        .as_ref()
        .ok_or(FederationError::WrongAudience)?;
    let audience_ok = conditions
        .audience_restrictions
        .iter()
        .flatten()
        .any(|r| r.audience.iter().any(|a| a == entity_id));
    if !audience_ok {
        return Err(FederationError::WrongAudience);
    }
    if let Some(not_before) = conditions.not_before
        && instant_of(not_before) - CLOCK_SKEW > now
    {
        return Err(FederationError::NotYetValid);
    }
    let confirmations_until = assertion
        .subject
        .iter()
        .flat_map(|s| s.subject_confirmations.iter().flatten())
        .filter_map(|c| c.subject_confirmation_data.as_ref()?.not_on_or_after);
    let until = conditions
        .not_on_or_after
        .into_iter()
        .chain(confirmations_until)
        .map(instant_of)
        .min()
        .ok_or(FederationError::Expired)?;
    if until + CLOCK_SKEW <= now {
        return Err(FederationError::Expired);
    }
    Ok(AssertionReceipt {
        issuer: assertion.issuer.value.clone().unwrap_or_default(),
        assertion_id: assertion.id.clone(),
        not_on_or_after: until + CLOCK_SKEW,
    })
}

fn identity_of(
    assertion: &Assertion,
    idp: &IdentityProvider,
) -> Result<FederatedIdentity, FederationError> {
    let values = |name: &str| -> Vec<String> {
        assertion
            .attribute_statements
            .iter()
            .flatten()
            .flat_map(|s| &s.attributes)
            .filter(|a| a.name.as_deref() == Some(name))
            .flat_map(|a| &a.values)
            .filter_map(|v| v.value.as_deref())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let attribute = |name: &str| values(name).into_iter().next();
    let eppn = attribute(oid::EPPN).ok_or_else(|| FederationError::MissingAttribute {
        name: "eduPersonPrincipalName".into(),
    })?;
    let scope = eppn
        .rsplit_once('@')
        .map(|(_, s)| s.to_ascii_lowercase())
        .unwrap_or_default();
    if !idp.scopes.is_empty() && !idp.scopes.contains(&scope) {
        return Err(FederationError::ScopeNotAllowed { value: eppn });
    }
    let mail = attribute(oid::MAIL).ok_or_else(|| FederationError::MissingAttribute {
        name: "mail".into(),
    })?;
    let assurance = assertion
        .authn_statements
        .iter()
        .flatten()
        .filter_map(|s| s.authn_context.as_ref()?.value.as_ref()?.value.clone())
        .next();
    Ok(FederatedIdentity {
        federation: Federation::Renater,
        issuer: idp.entity_id.clone(),
        subject: eppn,
        email: Some(mail),
        given_name: attribute(oid::GIVEN_NAME),
        family_name: attribute(oid::SN),
        organisation: OrganisationHint {
            institution: attribute(oid::SUPANN_ETABLISSEMENT)
                .or_else(|| attribute(oid::SCHAC_HOME_ORGANIZATION)),
            institution_name: Some(idp.name_fr.clone()),
            // supannEtablissement is multi-valued and prefixed by the code's kind (`{UAI}`,
            // `{SIREN}`…); the UAI is the one the institutions share with the Ministry's directory.
            uai: values(oid::SUPANN_ETABLISSEMENT)
                .into_iter()
                .find_map(|v| v.strip_prefix("{UAI}").map(str::to_owned)),
            home_domain: attribute(oid::SCHAC_HOME_ORGANIZATION),
            ..OrganisationHint::default()
        },
        assurance,
        logout: LogoutHint::Local,
    })
}

fn instant_of(at: chrono::DateTime<chrono::Utc>) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(at.timestamp()).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn parse_instant(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339).ok()
}

fn malformed(detail: &str) -> FederationError {
    FederationError::Malformed {
        detail: detail.to_owned(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
