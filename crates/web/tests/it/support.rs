//! What every test uses: the application on a fresh database (both backends), a browser-like client
//! per role (cookies, no automatic redirects), forms sent with the session's CSRF token, the demo
//! world's objects in the states the tests need, and the mail received by the SMTP sink.

use passerelle_domain::{
    DisplayName, EditionId, Email, Field, IrritantContent, IrritantId, IrritantTitle,
    IrritantTransition, Locale, LongText, MeetingId, OrganisationId, OrganisationKind,
    OrganisationName, Role, RunId, UserId,
};
use passerelle_storage::{NewUser, Storage};
use passerelle_web::testing::ReceivedMail;
pub use passerelle_web::testing::{Db, TestApp, spawn_app};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, HeaderMap, LOCATION};

/// Runs the same test body on a fresh SQLite database and on a fresh PostgreSQL database (the 2021
/// demo edition seeded), as `<name>::sqlite` and `<name>::postgres`.
macro_rules! web_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::support::spawn_app($crate::support::Db::Sqlite, true).await.expect("SQLite");
                $body
                passerelle_storage::testing::dispose($app.storage.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($app) = $crate::support::spawn_app($crate::support::Db::Postgres, true).await else { return };
                $body
                // A passed test leaves no database behind (a failed one keeps it for inspection).
                passerelle_storage::testing::dispose($app.storage.clone()).await;
            }
        }
    };
}
pub(crate) use web_test;

/// The two payloads of the hostile-input tests.
pub const HOSTILE: [&str; 2] = [
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
];

/// Who is making the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    Organiser,
    /// Member of the institution that owns the irritants under test.
    OwnInstitution,
    /// Member of another institution.
    OtherInstitution,
    Company,
    BusinessManager,
    Admin,
    Funder,
}

impl Who {
    pub const ALL: [Who; 8] = [
        Who::Anonymous,
        Who::Organiser,
        Who::OwnInstitution,
        Who::OtherInstitution,
        Who::Company,
        Who::BusinessManager,
        Who::Admin,
        Who::Funder,
    ];
}

/// The e-mail of the account created for the "other institution" member.
pub const OTHER_MEMBER: &str = "autre-etablissement@passerelle.example";

/// The demo world, looked up once per test.
pub struct World {
    pub edition: EditionId,
    /// The demo institution member's institution.
    pub own: OrganisationId,
    /// The demo company member's company.
    pub company: OrganisationId,
    pub own_member: UserId,
    /// An edition of 2019 (never the current one) in the matching phase, where the demo company is
    /// validated: for the matching runs and meetings.
    pub matching: EditionId,
}

/// A new published irritant of `institution` in the matching edition.
pub async fn matching_irritant(
    storage: &Storage,
    world: &World,
    institution: OrganisationId,
) -> IrritantId {
    passerelle_web::testing::published_irritant(
        storage,
        world.matching,
        institution,
        world.own_member,
    )
    .await
}

/// A new proposal between a fresh irritant of the demo institution and the demo company, in the
/// matching edition.
pub async fn proposal(storage: &Storage, world: &World) -> MeetingId {
    let irritant = matching_irritant(storage, world, world.own).await;
    passerelle_web::testing::proposal(storage, world.matching, irritant, world.company).await
}

/// A new finished matching run of the matching edition, choosing one fresh pair.
pub async fn finished_run(storage: &Storage, world: &World) -> RunId {
    let irritant = matching_irritant(storage, world, world.own).await;
    passerelle_web::testing::finished_run(storage, world.matching, irritant, world.company).await
}

/// Looks the demo world up, and adds a member of a second institution (once).
pub async fn world(app: &TestApp) -> World {
    let s = &app.storage;
    let edition = passerelle_app::editions::current(&app.app)
        .await
        .unwrap()
        .expect("the demo edition is current");
    let own_member = s
        .find_user_by_email(&demo_account(Role::InstitutionMember).email)
        .await
        .unwrap()
        .unwrap();
    let own = s.memberships(own_member.id).await.unwrap()[0].organisation;
    let company_user = s
        .find_user_by_email(&demo_account(Role::CompanyMember).email)
        .await
        .unwrap()
        .unwrap();
    let company = s.memberships(company_user.id).await.unwrap()[0].organisation;
    let other = s
        .list_organisations(Some(OrganisationKind::Institution))
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id != own)
        .expect("a second institution in the demo")
        .id;
    if s.find_user_by_email(&Email::parse(OTHER_MEMBER).unwrap())
        .await
        .unwrap()
        .is_none()
    {
        let password =
            passerelle_domain::Password::parse(passerelle_app::demo::DEMO_PASSWORD).unwrap();
        let hash =
            tokio::task::spawn_blocking(move || passerelle_storage::hash_password(&password))
                .await
                .unwrap();
        let new = NewUser {
            email: Email::parse(OTHER_MEMBER).unwrap(),
            display_name: DisplayName::parse("Claude Autre Établissement").unwrap(),
            password_hash: hash,
            locale: Locale::Fr,
        };
        s.create_user_with_membership(&new, other, Role::InstitutionMember)
            .await
            .unwrap();
    }
    World {
        edition: edition.id,
        own,
        company,
        own_member: own_member.id,
        matching: passerelle_web::testing::matching_edition(s, company).await,
    }
}

pub fn demo_account(role: Role) -> passerelle_app::demo::DemoAccount {
    passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == role)
        .expect("a demo account per role")
}

/// An irritant of `institution`, complete enough to be submitted, moved to `status` through the
/// real transitions (`draft`, `submitted`, `published`).
pub async fn irritant(
    storage: &Storage,
    world: &World,
    institution: OrganisationId,
    status: &str,
    title: &str,
) -> String {
    irritant_in(
        storage,
        world.edition,
        world.own_member,
        institution,
        status,
        title,
    )
    .await
}

/// An irritant of `institution` in `edition`, moved to `status` through the real transitions.
pub async fn irritant_in(
    storage: &Storage,
    edition: EditionId,
    author: UserId,
    institution: OrganisationId,
    status: &str,
    title: &str,
) -> String {
    let mut content = IrritantContent::new(IrritantTitle::parse(title).unwrap());
    content.context = Some(LongText::parse(Field::Context, "Contexte de test.").unwrap());
    content.problem = Some(LongText::parse(Field::Problem, "Problème de test.").unwrap());
    content.expected_result =
        Some(LongText::parse(Field::ExpectedResult, "Résultat attendu de test.").unwrap());
    let domain = storage.list_domains().await.unwrap()[0].slug.clone();
    let content = content.with_domains(vec![domain]).unwrap();
    let created = storage
        .create_irritant(edition, institution, Some(author), &content)
        .await
        .unwrap();
    let steps: &[IrritantTransition] = match status {
        "draft" => &[],
        "submitted" => &[IrritantTransition::Submit],
        "published" => &[IrritantTransition::Submit, IrritantTransition::Publish],
        other => panic!("no fixture for status {other}"),
    };
    for step in steps {
        storage
            .transition_irritant(created.id, *step, None, None)
            .await
            .unwrap();
    }
    created.id.to_string()
}

/// A new company taking part in the current edition, `invited` or `registered`, with the demo
/// company member among its members (so that this member may act for it).
pub async fn company(
    storage: &Storage,
    world: &World,
    name: &str,
    registered: bool,
) -> OrganisationId {
    let org = storage
        .create_organisation(
            &OrganisationName::parse(name).unwrap(),
            OrganisationKind::Company,
        )
        .await
        .unwrap();
    storage
        .invite_company(world.edition, org.id, None, None)
        .await
        .unwrap();
    if registered {
        storage
            .register_participation(world.edition, org.id)
            .await
            .unwrap();
    }
    let member = storage
        .find_user_by_email(&demo_account(Role::CompanyMember).email)
        .await
        .unwrap()
        .unwrap();
    storage
        .add_membership(member.id, org.id, Role::CompanyMember)
        .await
        .unwrap();
    org.id
}

/// A new edition in preparation, held in 2019: before the demo's, so that it never becomes the
/// current edition of the tests that create it.
pub async fn past_edition(storage: &Storage) -> EditionId {
    let day = |d: &str| passerelle_domain::edition::parse_date(d).unwrap();
    let new = passerelle_storage::NewEdition {
        slug: passerelle_domain::Slug::parse(&format!("test-{}", unique())).unwrap(),
        title: passerelle_domain::ShortText::parse(Field::Title, "Rencontres de test").unwrap(),
        venue: passerelle_domain::ShortText::parse(Field::Venue, "Montpellier").unwrap(),
        dates: passerelle_domain::EditionDates::new(day("2019-07-01"), day("2019-07-02")).unwrap(),
        phase: passerelle_domain::Phase::Draft,
        phases: vec![],
    };
    storage.create_edition(&new).await.unwrap().id
}

/// A short unique suffix.
pub fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..10].to_string()
}

/// `text` as the templates (askama) escape it.
pub fn escaped(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// The number of irritants of `organisation`, to check that a refused write wrote nothing.
pub async fn irritant_count(app: &TestApp, organisation: OrganisationId) -> usize {
    app.storage
        .list_irritants_by_organisation(organisation)
        .await
        .unwrap()
        .len()
}

/// A response, read whole.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// Sent to the sign-in page.
    pub fn to_sign_in(&self) -> bool {
        self.status.is_redirection()
            && self
                .location
                .as_deref()
                .is_some_and(|l| l.starts_with("/connexion"))
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.status, StatusCode::OK, "body: {}", self.body);
        self
    }

    #[track_caller]
    pub fn assert_redirect(&self) -> &str {
        assert!(
            self.status.is_redirection(),
            "expected a redirection, got {}: {}",
            self.status,
            self.body
        );
        self.location.as_deref().expect("a Location header")
    }
}

/// A browser: its own cookie jar (session, language), no automatic redirects.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    pub accept_language: Option<&'static str>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Browser {
            base: app.base_url.clone(),
            client,
            accept_language: None,
        }
    }

    /// A browser signed in as `who` (anonymous: a visitor who has opened the sign-in page, so that
    /// it holds a session and a CSRF token like any visitor about to post a form).
    pub async fn as_(app: &TestApp, who: Who) -> Browser {
        let b = Browser::new(app);
        let email = match who {
            Who::Anonymous => {
                b.get("/connexion").await.assert_ok();
                return b;
            }
            Who::Organiser => demo_account(Role::Organiser).email.as_str().to_string(),
            Who::OwnInstitution => demo_account(Role::InstitutionMember)
                .email
                .as_str()
                .to_string(),
            Who::OtherInstitution => OTHER_MEMBER.to_string(),
            Who::Company => demo_account(Role::CompanyMember).email.as_str().to_string(),
            Who::BusinessManager => demo_account(Role::BusinessManager)
                .email
                .as_str()
                .to_string(),
            Who::Admin => demo_account(Role::Admin).email.as_str().to_string(),
            Who::Funder => demo_account(Role::Funder).email.as_str().to_string(),
        };
        b.sign_in(&email, passerelle_app::demo::DEMO_PASSWORD).await;
        b
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        let page = self
            .post("/connexion", &[("email", email), ("password", password)])
            .await;
        let to = page.assert_redirect();
        assert!(!to.starts_with("/connexion"), "{email} could not sign in");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn read(response: reqwest::Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = response.text().await.expect("a body");
        Page {
            status,
            location,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let mut request = self.client.get(self.url(path));
        if let Some(lang) = self.accept_language {
            request = request.header(ACCEPT_LANGUAGE, lang);
        }
        Browser::read(request.send().await.expect("GET")).await
    }

    /// The session's CSRF token, as the sign-in page (visitors) or any page (signed in) carries it.
    pub async fn csrf(&self) -> String {
        let page = self.get("/connexion").await;
        let page = if page.status.is_redirection() {
            self.get("/").await
        } else {
            page
        };
        csrf_in(&page.body).expect("a CSRF token in the page")
    }

    /// Posts a form with the session's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &token)];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_html_form::to_string(fields).expect("a form body");
        let mut request = self
            .client
            .post(self.url(path))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body);
        if let Some(lang) = self.accept_language {
            request = request.header(ACCEPT_LANGUAGE, lang);
        }
        Browser::read(request.send().await.expect("POST")).await
    }
}

/// The boundary of the multipart bodies the tests send.
const BOUNDARY: &str = "----passerelle-test-7MA4YWxkTrZu0gW";

impl Browser {
    /// Uploads `file` (name, bytes) as a browser sends a form with a file input: the session's CSRF
    /// token first, then `fields`, then the file.
    pub async fn upload(&self, path: &str, fields: &[(&str, &str)], file: (&str, &[u8])) -> Page {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &token)];
        all.extend_from_slice(fields);
        self.upload_raw(path, &multipart(&all, Some(file))).await
    }

    /// A download, its bytes as sent.
    pub async fn get_bytes(&self, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a body").to_vec();
        (status, headers, bytes)
    }

    /// Posts exactly this multipart body.
    pub async fn upload_raw(&self, path: &str, body: &[u8]) -> Page {
        let mut request = self
            .client
            .post(self.url(path))
            .header(
                reqwest::header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body.to_vec());
        if let Some(lang) = self.accept_language {
            request = request.header(ACCEPT_LANGUAGE, lang);
        }
        Browser::read(request.send().await.expect("POST")).await
    }
}

/// A multipart body of text `fields` and an optional file, as browsers write it (a quote, a carriage
/// return and a line feed in the file name percent-encoded, per the HTML standard).
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, data)) = file {
        let name = name
            .replace('"', "%22")
            .replace('\r', "%0D")
            .replace('\n', "%0A");
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// The value of the first `csrf` hidden field of a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

/// Asserts that neither hostile payload is live markup in `html` (the pages have no script and no
/// image of their own, so any `<script` or `<img` came from input).
#[track_caller]
pub fn assert_inert(html: &str, context: &str) {
    for payload in HOSTILE {
        assert!(
            !html.contains(payload),
            "{context}: the payload {payload:?} is rendered raw"
        );
    }
    assert!(
        !html.contains("<script"),
        "{context}: a <script> element in the page"
    );
    assert!(
        !html.contains("<img"),
        "{context}: an <img> element in the page"
    );
}

/// The first link of a received message, as a path on the application.
pub fn mail_link(app: &TestApp, mail: &ReceivedMail) -> String {
    let link = mail
        .first_link()
        .unwrap_or_else(|| panic!("a link in {}", mail.text()));
    link.strip_prefix(&app.base_url)
        .unwrap_or_else(|| panic!("{link} leads to the application"))
        .to_string()
}

/// A new concept of the thesaurus (unclassified, no synonym); returns its key.
pub async fn test_concept(storage: &Storage) -> String {
    let key = format!("test-{}", unique());
    let label = |s: &str| passerelle_domain::ShortText::parse(Field::Label, s).unwrap();
    let mut tx = storage.begin().await.unwrap();
    tx.save_concept(
        &passerelle_storage::Concept {
            key: passerelle_domain::Slug::parse(&key).unwrap(),
            domain: None,
            label_fr: label("Concept de test"),
            label_en: label("Test concept"),
            synonyms: Vec::new(),
            related: Vec::new(),
        },
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    key
}
