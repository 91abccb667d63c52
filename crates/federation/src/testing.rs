//! Real identity providers on loopback for the single sign-on tests, started by the tests:
//! - ProConnect's stand-in: the certified `oidc-provider` (npm, pinned by `tests/idp`'s lockfile)
//!   configured with ProConnect's claims, signed userinfo, ACR levels and end-session;
//! - a RENATER institution: Debian's SimpleSAMLphp under `php -S`, its configuration, metadata and
//!   attribute map generated into a temporary directory, signing responses and assertions and
//!   encrypting assertions; plus the federation's aggregate metadata, signed like RENATER's.
//!
//! Without Node's packages or SimpleSAMLphp, `start` returns `None` after a loud notice, except
//! under `CI=true` where it panics (CI must run these tests).

use std::io::{BufRead, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use openssl::asn1::Asn1Time;
use openssl::bn::{BigNum, MsbOption};
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::rsa::Rsa;
use openssl::x509::{X509, X509NameBuilder};
use samael::crypto::{Crypto, CryptoProvider};
use serde::Serialize;
use time::OffsetDateTime;
use url::Url;

const SIMPLESAMLPHP_WWW: &str = "/usr/share/simplesamlphp/www";

/// Skips (loudly) outside CI, fails under `CI=true`.
fn unavailable(what: &str) -> Option<std::convert::Infallible> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is required under CI=true (.ci/run installs it)");
    }
    eprintln!(
        "\n*** SKIPPED: {what} is not installed; run .ci/run's install steps to run this test ***\n"
    );
    None
}

fn idp_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idp")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// A PEM key and self-signed certificate, as a deployment's SAML keys or an IdP's.
#[derive(Debug, Clone)]
pub struct TestKeys {
    pub key_pem: Vec<u8>,
    pub cert_pem: Vec<u8>,
}

impl TestKeys {
    pub fn generate(common_name: &str) -> Self {
        let rsa = Rsa::generate(2048).expect("RSA key");
        let key = PKey::from_rsa(rsa).expect("key");
        let mut name = X509NameBuilder::new().expect("name");
        name.append_entry_by_text("CN", common_name).expect("CN");
        let name = name.build();
        let mut serial = BigNum::new().expect("bn");
        serial
            .rand(64, MsbOption::MAYBE_ZERO, false)
            .expect("serial");
        let mut cert = X509::builder().expect("builder");
        cert.set_version(2).expect("version");
        cert.set_serial_number(&serial.to_asn1_integer().expect("serial"))
            .expect("serial");
        cert.set_subject_name(&name).expect("subject");
        cert.set_issuer_name(&name).expect("issuer");
        cert.set_pubkey(&key).expect("pubkey");
        cert.set_not_before(&Asn1Time::days_from_now(0).expect("time"))
            .expect("not before");
        cert.set_not_after(&Asn1Time::days_from_now(3650).expect("time"))
            .expect("not after");
        cert.sign(&key, MessageDigest::sha256()).expect("sign");
        Self {
            key_pem: key.private_key_to_pem_pkcs8().expect("pem"),
            cert_pem: cert.build().to_pem().expect("pem"),
        }
    }

    /// The certificate as metadata and SimpleSAMLphp carry it (base64 DER, no armour).
    pub fn cert_base64(&self) -> String {
        let cert = X509::from_pem(&self.cert_pem).expect("cert");
        STANDARD.encode(cert.to_der().expect("der"))
    }
}

/// A relying party registered with the test ProConnect.
#[derive(Debug, Clone, Serialize)]
pub struct OidcClient {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    /// `Some("RS256")` as ProConnect does; `None` answers userinfo as plain JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub userinfo_signed_response_alg: Option<String>,
}

/// A person known to the test ProConnect, with ProConnect's claims.
#[derive(Debug, Clone, Serialize)]
pub struct ProConnectUser {
    #[serde(skip)]
    pub sub: String,
    pub given_name: String,
    pub usual_name: String,
    pub email: String,
    pub uid: String,
    pub siret: String,
    pub idp_id: String,
}

/// The test ProConnect (oidc-provider under Node); stopped when dropped.
pub struct ProConnectIdp {
    child: Child,
    stdin: Option<ChildStdin>,
    pub issuer: Url,
}

impl ProConnectIdp {
    pub fn start(clients: &[OidcClient], users: &[ProConnectUser]) -> Option<Self> {
        if !on_path("node") || !idp_dir().join("node_modules/oidc-provider").is_dir() {
            unavailable(
                "Node.js with `npm ci --prefix crates/federation/tests/idp` (oidc-provider 9)",
            )?;
        }
        let users: serde_json::Map<String, serde_json::Value> = users
            .iter()
            .map(|u| (u.sub.clone(), serde_json::to_value(u).expect("user")))
            .collect();
        let mut child = Command::new("node")
            .arg("proconnect.mjs")
            .current_dir(idp_dir())
            .env(
                "IDP_CLIENTS",
                serde_json::to_string(clients).expect("clients"),
            )
            .env("IDP_USERS", serde_json::Value::Object(users).to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start node");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read the issuer");
        let issuer: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("the test ProConnect did not start ({e}): {line:?}"));
        let issuer = Url::parse(issuer["issuer"].as_str().expect("issuer")).expect("issuer URL");
        let stdin = child.stdin.take();
        Some(Self {
            child,
            stdin,
            issuer,
        })
    }

    /// The next token response carries an id_token whose payload was altered after signing.
    pub async fn tamper_next_id_token(&self) {
        let url = self
            .issuer
            .join("/__test/tamper?what=id_token")
            .expect("url");
        let status = reqwest::Client::new()
            .post(url)
            .send()
            .await
            .expect("tamper")
            .status();
        assert_eq!(status.as_u16(), 204);
    }
}

impl Drop for ProConnectIdp {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A service provider as the test institution's IdP knows it (its saml20-sp-remote entry).
#[derive(Debug, Clone)]
pub struct SpRegistration {
    pub entity_id: String,
    pub acs_url: String,
    pub signing_cert: TestKeys,
    pub encryption_cert: TestKeys,
}

/// A person of the test institution, with the attributes RENATER IdPs release.
#[derive(Debug, Clone)]
pub struct SamlUser {
    pub username: String,
    pub password: String,
    pub eppn: String,
    pub mail: String,
    pub given_name: String,
    pub sn: String,
    pub supann_etablissement: String,
}

/// The test institution's identity provider (SimpleSAMLphp under `php -S`), and the federation
/// metadata that lists it; stopped and removed when dropped.
pub struct RenaterIdp {
    child: Child,
    _dir: tempfile::TempDir,
    pub base: Url,
    pub entity_id: String,
    pub scope: String,
    idp_keys: TestKeys,
    federation_keys: TestKeys,
}

/// The institution's display names and scope in the federation metadata.
pub const TEST_INSTITUTION_FR: &str = "Université de Test-sur-Lez";
pub const TEST_INSTITUTION_EN: &str = "University of Test-sur-Lez";
pub const TEST_SCOPE: &str = "univ-test.fr";

impl RenaterIdp {
    pub fn start(sps: &[SpRegistration], users: &[SamlUser]) -> Option<Self> {
        if !on_path("php") || !Path::new(SIMPLESAMLPHP_WWW).is_dir() {
            unavailable("Debian's simplesamlphp and php-cli")?;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let base = Url::parse(&format!("http://127.0.0.1:{port}/")).expect("base");
        let entity_id = format!("{base}saml2/idp/metadata.php");
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for sub in [
            "config",
            "metadata",
            "cert",
            "attributemap",
            "log",
            "data",
            "tmp",
            "sessions",
        ] {
            std::fs::create_dir_all(d.join(sub)).expect("mkdir");
        }
        let idp_keys = TestKeys::generate("idp.univ-test.fr");
        std::fs::write(d.join("cert/idp.key"), &idp_keys.key_pem).expect("key");
        std::fs::write(d.join("cert/idp.crt"), &idp_keys.cert_pem).expect("cert");
        let p = |s: &str| php_string(&d.join(s).to_string_lossy());
        let salt = hex_random();
        write(
            d,
            "config/config.php",
            &format!(
                r#"<?php
$config = [
    'baseurlpath' => {base},
    'certdir' => {cert}, 'loggingdir' => {log}, 'datadir' => {data}, 'tempdir' => {tmp},
    'metadatadir' => {metadata}, 'attributenamemapdir' => {attributemap},
    'secretsalt' => '{salt}', 'auth.adminpassword' => '{salt}', 'admin.protectindexpage' => true,
    'technicalcontact_name' => 'Test', 'technicalcontact_email' => 'support@univ-test.fr',
    'timezone' => 'Europe/Paris',
    'logging.level' => SimpleSAML\Logger::WARNING, 'logging.handler' => 'errorlog',
    'enable.saml20-idp' => true,
    'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true, 'admin' => true],
    'store.type' => 'phpsession', 'session.phpsession.savepath' => {sessions},
    'session.cookie.secure' => false, 'session.cookie.samesite' => null,
    'language.default' => 'fr', 'language.available' => ['fr', 'en'],
    'metadata.sources' => [['type' => 'flatfile']],
];
"#,
                base = php_string(base.as_str()),
                cert = p("cert/"),
                log = p("log/"),
                data = p("data/"),
                tmp = p("tmp"),
                metadata = p("metadata"),
                attributemap = p("attributemap/"),
                sessions = p("sessions"),
            ),
        );
        let accounts: String = users
            .iter()
            .map(|u| {
                format!(
                    "    {} => ['eduPersonPrincipalName' => [{}], 'mail' => [{}], 'givenName' => [{}], 'sn' => [{}], 'displayName' => [{}], 'supannEtablissement' => [{}], 'schacHomeOrganization' => ['{TEST_SCOPE}']],\n",
                    php_string(&format!("{}:{}", u.username, u.password)),
                    php_string(&u.eppn), php_string(&u.mail), php_string(&u.given_name), php_string(&u.sn),
                    php_string(&format!("{} {}", u.given_name, u.sn)), php_string(&u.supann_etablissement),
                )
            })
            .collect();
        write(
            d,
            "config/authsources.php",
            &format!(
                "<?php\n$config = [\n  'admin' => ['core:AdminPassword'],\n  'institution' => ['exampleauth:UserPass',\n{accounts}  ],\n];\n"
            ),
        );
        // The attribute names RENATER's identity providers release (SAML2 URI name format).
        let map: String = crate::renater::REQUESTED_ATTRIBUTES
            .iter()
            .map(|(friendly, oid, _)| format!("    '{friendly}' => '{oid}',\n"))
            .collect();
        write(
            d,
            "attributemap/name2oid-renater.php",
            &format!("<?php\n$attributemap = [\n{map}];\n"),
        );
        write(
            d,
            "metadata/saml20-idp-hosted.php",
            &format!(
                r#"<?php
$metadata[{entity}] = [
    'host' => '__DEFAULT__',
    'privatekey' => {key}, 'certificate' => {crt},
    'auth' => 'institution',
    'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
    'authproc' => [100 => ['class' => 'core:AttributeMap', 'name2oid-renater']],
    'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
    'saml20.sign.response' => true, 'saml20.sign.assertion' => true,
    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'assertion.encryption' => true,
    'sharedkey_algorithm' => 'http://www.w3.org/2009/xmlenc11#aes128-gcm',
    'assertion.lifetime' => 300,
];
"#,
                entity = php_string(&entity_id),
                key = p("cert/idp.key"),
                crt = p("cert/idp.crt"),
            ),
        );
        let remotes: String = sps
            .iter()
            .map(|sp| {
                format!(
                    r#"$metadata[{entity}] = [
    'AssertionConsumerService' => [['Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'Location' => {acs}, 'index' => 1]],
    'keys' => [
        ['encryption' => false, 'signing' => true, 'type' => 'X509Certificate', 'X509Certificate' => '{signing}'],
        ['encryption' => true, 'signing' => false, 'type' => 'X509Certificate', 'X509Certificate' => '{encryption}'],
    ],
    'validate.authnrequest' => true,
    'assertion.encryption' => true,
];
"#,
                    entity = php_string(&sp.entity_id), acs = php_string(&sp.acs_url),
                    signing = sp.signing_cert.cert_base64(), encryption = sp.encryption_cert.cert_base64(),
                )
            })
            .collect();
        write(
            d,
            "metadata/saml20-sp-remote.php",
            &format!("<?php\n{remotes}"),
        );

        let child = Command::new("php")
            .args(["-S", &format!("127.0.0.1:{port}"), "-t", SIMPLESAMLPHP_WWW])
            .env("SIMPLESAMLPHP_CONFIG_DIR", d.join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start php -S");
        let ready = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < ready,
                "php -S did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(Self {
            child,
            _dir: dir,
            base,
            entity_id,
            scope: TEST_SCOPE.into(),
            idp_keys,
            federation_keys: TestKeys::generate("metadata-signer.federation.test"),
        })
    }

    /// The federation signer's certificate (a deployment configures RENATER's).
    pub fn federation_cert_pem(&self) -> &[u8] {
        &self.federation_keys.cert_pem
    }

    /// The federation's aggregate: the test institution and a few others (for discovery), valid
    /// until `valid_until`, signed by the federation's key (enveloped XML-DSig, RSA-SHA256).
    pub fn federation_metadata(&self, valid_until: OffsetDateTime) -> String {
        self.federation_metadata_signed_by(valid_until, &self.federation_keys)
    }

    /// The same aggregate signed by another key (an attacker's), to test that it is refused.
    pub fn federation_metadata_signed_by(
        &self,
        valid_until: OffsetDateTime,
        signer: &TestKeys,
    ) -> String {
        let until = valid_until
            .format(&time::format_description::well_known::Rfc3339)
            .expect("rfc3339");
        let sso = format!("{}saml2/idp/SSOService.php", self.base);
        let mut entities = idp_entity(
            &self.entity_id,
            &sso,
            &self.idp_keys,
            TEST_SCOPE,
            TEST_INSTITUTION_FR,
            TEST_INSTITUTION_EN,
        );
        for (id, scope, fr, en) in [
            (
                "https://idp.univ-exemple-nord.fr/idp/shibboleth",
                "univ-exemple-nord.fr",
                "Université d’Exemple-Nord",
                "University of Exemple-Nord",
            ),
            (
                "https://idp.ecole-exemple.fr/idp/shibboleth",
                "ecole-exemple.fr",
                "École nationale d’Exemple",
                "Exemple National School",
            ),
            (
                "https://idp.institut-exemple.fr/idp/shibboleth",
                "institut-exemple.fr",
                "Institut d’Exemple (recherche)",
                "Exemple Research Institute",
            ),
        ] {
            entities.push_str(&idp_entity(
                id,
                "https://127.0.0.1:9/sso",
                &self.idp_keys,
                scope,
                fr,
                en,
            ));
        }
        let id = format!("_fed{}", hex_random());
        let template = format!(
            r##"<?xml version="1.0" encoding="UTF-8"?>
<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" xmlns:shibmd="urn:mace:shibboleth:metadata:1.0" ID="{id}" Name="https://federation.test/renater" validUntil="{until}"><ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#{id}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue></ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue></ds:SignatureValue></ds:Signature>
{entities}</md:EntitiesDescriptor>
"##
        );
        let key = PKey::private_key_from_pem(&signer.key_pem).expect("key");
        Crypto::sign_xml(template, &key.private_key_to_der().expect("der"))
            .expect("sign the federation metadata")
    }
}

impl Drop for RenaterIdp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn idp_entity(
    entity_id: &str,
    sso: &str,
    keys: &TestKeys,
    scope: &str,
    fr: &str,
    en: &str,
) -> String {
    format!(
        r#"<md:EntityDescriptor entityID="{entity_id}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:Extensions><shibmd:Scope regexp="false">{scope}</shibmd:Scope><mdui:UIInfo><mdui:DisplayName xml:lang="fr">{fr}</mdui:DisplayName><mdui:DisplayName xml:lang="en">{en}</mdui:DisplayName></mdui:UIInfo></md:Extensions><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{sso}"/></md:IDPSSODescriptor></md:EntityDescriptor>
"#,
        cert = keys.cert_base64(),
    )
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::File::create(dir.join(file))
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .unwrap_or_else(|e| panic!("write {file}: {e}"));
}

fn php_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn hex_random() -> String {
    rand::random::<[u8; 16]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A browser stand-in for the identity providers' pages: keeps cookies, follows the provider's
/// redirects, and stops at any URL starting with `ours` (the service provider).
pub fn browser_until(ours: &str) -> reqwest::Client {
    let ours = ours.to_owned();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::custom(move |a| {
            if a.url().as_str().starts_with(&ours) {
                a.stop()
            } else {
                a.follow()
            }
        }))
        .build()
        .expect("browser")
}

/// The value of the `<input name="{name}" value="…">` in an HTML page (HTML escapes undone).
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    let value = tag.split("value=\"").nth(1)?.split('"').next()?;
    Some(
        value
            .replace("&#x2B;", "+")
            .replace("&#x3D;", "=")
            .replace("&#x2F;", "/")
            .replace("&#43;", "+")
            .replace("&#61;", "=")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    )
}

/// The `action` of the first form in an HTML page.
pub fn form_action(html: &str) -> Option<String> {
    let at = html.find("<form")?;
    let tag = &html[at..at + html[at..].find('>')?];
    Some(
        tag.split("action=\"")
            .nth(1)?
            .split('"')
            .next()?
            .replace("&amp;", "&"),
    )
}

/// Signs in at the test ProConnect from the authorization URL, as `sub` (or the first user) at
/// `acr`, and returns where it sends the browser back (the service's callback, with its query).
pub async fn proconnect_sign_in(
    browser: &reqwest::Client,
    authorize: Url,
    sub: Option<&str>,
    acr: &str,
) -> Url {
    let page = browser.get(authorize).send().await.expect("authorize");
    // The provider's session already knows the person: straight back to the service.
    if let Some(location) = page.headers().get("location") {
        return Url::parse(location.to_str().expect("location")).expect("callback URL");
    }
    let interaction = page.url().clone();
    let html = page.text().await.expect("login page");
    let action = form_action(&html).unwrap_or_else(|| panic!("login form: {html}"));
    let sub = match sub {
        Some(s) => s.to_owned(),
        None => input_value(&html, "sub").expect("a user to choose"),
    };
    let done = browser
        .post(interaction.join(&action).expect("form action"))
        .form(&[("sub", sub.as_str()), ("acr", acr)])
        .send()
        .await
        .expect("login");
    let location = done
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no redirect back: {}", done.status()))
        .to_str()
        .expect("location");
    Url::parse(location).expect("callback URL")
}

/// What the institution's IdP posts to the service's ACS.
#[derive(Debug, Clone)]
pub struct PostedResponse {
    pub acs: String,
    pub saml_response: String,
    pub relay_state: Option<String>,
}

/// Signs in at the test institution from the AuthnRequest's URL and returns the auto-posting form
/// the IdP answers with.
pub async fn renater_sign_in(
    browser: &reqwest::Client,
    authn_request: Url,
    user: &SamlUser,
) -> PostedResponse {
    let page = browser
        .get(authn_request)
        .send()
        .await
        .expect("AuthnRequest");
    let login_at = page.url().clone();
    let html = page.text().await.expect("login page");
    // The institution's session already knows the person: the response comes at once.
    let posted = if html.contains("name=\"SAMLResponse\"") {
        html
    } else {
        let auth_state =
            input_value(&html, "AuthState").unwrap_or_else(|| panic!("login form: {html}"));
        browser
            .post(login_at)
            .form(&[
                ("username", user.username.as_str()),
                ("password", user.password.as_str()),
                ("AuthState", auth_state.as_str()),
            ])
            .send()
            .await
            .expect("login")
            .text()
            .await
            .expect("response page")
    };
    PostedResponse {
        acs: form_action(&posted).unwrap_or_else(|| panic!("no form to the ACS: {posted}")),
        saml_response: input_value(&posted, "SAMLResponse").expect("SAMLResponse"),
        relay_state: input_value(&posted, "RelayState"),
    }
}

/// Follows the end-session URL at the test ProConnect, confirms signing out, and returns where it
/// sends the browser back (the service's post-logout page, with `state`).
pub async fn proconnect_sign_out(browser: &reqwest::Client, end_session: Url) -> Url {
    let page = browser.get(end_session).send().await.expect("end session");
    let confirm_at = page.url().clone();
    let html = page.text().await.expect("logout page");
    let xsrf = input_value(&html, "xsrf").unwrap_or_else(|| panic!("logout form: {html}"));
    let action = form_action(&html).expect("logout form action");
    let done = browser
        .post(confirm_at.join(&action).expect("form action"))
        .form(&[("xsrf", xsrf.as_str()), ("logout", "yes")])
        .send()
        .await
        .expect("confirm logout");
    let location = done
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no redirect back: {}", done.status()))
        .to_str()
        .expect("location");
    Url::parse(location).expect("post-logout URL")
}
