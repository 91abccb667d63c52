//! Helpers: a browser-like client (cookies, no automatic redirects), CSRF tokens, demo accounts.

use passerelle_domain::Role;
pub use passerelle_web::testing::{Db, TestApp, spawn_app};
use reqwest::StatusCode;
use reqwest::redirect::Policy;

/// Runs the test body on SQLite and on PostgreSQL, as two tests.
#[macro_export]
macro_rules! both_databases {
    ($name:ident, $demo:expr, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::support::spawn_app($crate::support::Db::Sqlite, $demo).await.expect("SQLite app");
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(app) = $crate::support::spawn_app($crate::support::Db::Postgres, $demo).await else {
                    return;
                };
                ($body)(app).await;
            }
        }
    };
}

/// A visitor with their own cookies, speaking French unless told otherwise.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Client {
    pub fn new(app: &TestApp) -> Client {
        Client::with_language(app, "fr")
    }

    pub fn with_language(app: &TestApp, accept_language: &str) -> Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::ACCEPT_LANGUAGE, accept_language.parse().unwrap());
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .default_headers(headers)
            .build()
            .unwrap();
        Client { http, base: app.base_url.clone() }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") { path.to_string() } else { format!("{}{path}", self.base) }
    }

    async fn page(response: reqwest::Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers.get("location").map(|l| l.to_str().unwrap().to_string());
        let body = response.text().await.unwrap();
        Page { status, location, body, headers }
    }

    pub async fn get(&self, path: &str) -> Page {
        Client::page(self.http.get(self.url(path)).send().await.unwrap()).await
    }

    /// Posts a form as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        Client::page(self.http.post(self.url(path)).form(fields).send().await.unwrap()).await
    }

    /// Posts a form with the session's CSRF token, taken from `form_page` as a browser would.
    pub async fn post(&self, form_page: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf(form_page).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &token)];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    pub async fn csrf(&self, form_page: &str) -> String {
        let page = self.get(form_page).await;
        csrf_in(&page.body).unwrap_or_else(|| panic!("no CSRF token on {form_page} ({})", page.status))
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        let page = self.post("/connexion", "/connexion", &[("email", email), ("password", password)]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "sign-in of {email} failed: {}", page.body);
    }
}

pub fn csrf_in(body: &str) -> Option<String> {
    let start = body.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_string())
}

/// The e-mail and password of the demo account holding `role`.
pub fn demo(role: Role) -> (String, String) {
    let a = passerelle_storage::demo::accounts().accounts.into_iter().find(|a| a.role == role).expect("demo role");
    (a.email.as_str().to_string(), a.password.to_string())
}

/// A signed-in client for the demo account holding `role`.
pub async fn signed_in(app: &TestApp, role: Role) -> Client {
    let client = Client::new(app);
    let (email, password) = demo(role);
    client.sign_in(&email, &password).await;
    client
}

/// The id of a published irritant of the demo in the catalogue.
pub async fn first_fiche(app: &TestApp) -> String {
    let page = Client::new(app).get("/irritants").await;
    let start = page.body.find("href=\"/irritants/").expect("a fiche link") + "href=\"/irritants/".len();
    let end = page.body[start..].find('"').unwrap() + start;
    page.body[start..end].to_string()
}

/// The text of a received message, its body decoded (lettre picks base64 or quoted-printable when
/// a line is longer than SMTP likes, as a link often is).
pub fn mail_text(mail: &passerelle_web::testing::ReceivedMail) -> String {
    use base64::Engine;
    let data = mail.data.replace("\r\n", "\n");
    let (headers, body) = data.split_once("\n\n").unwrap_or((&data, ""));
    let encoding = headers
        .lines()
        .find_map(|l| l.strip_prefix("Content-Transfer-Encoding:"))
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let body = match encoding.as_str() {
        "base64" => {
            let compact: String = body.split_whitespace().collect();
            String::from_utf8(base64::engine::general_purpose::STANDARD.decode(compact).expect("base64 body")).expect("UTF-8 body")
        }
        "quoted-printable" => {
            let joined = body.replace("=\n", "");
            let bytes = joined.as_bytes();
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'=' && i + 2 < bytes.len() {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                    if let Ok(b) = u8::from_str_radix(hex, 16) {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                }
                out.push(bytes[i]);
                i += 1;
            }
            String::from_utf8(out).expect("UTF-8 body")
        }
        _ => body.to_string(),
    };
    format!("{headers}\n\n{body}")
}

/// The first link of a received message, as a path on the application.
pub fn mail_link(app: &TestApp, mail: &passerelle_web::testing::ReceivedMail) -> String {
    let text = mail_text(mail);
    let start = text.find(&app.base_url).unwrap_or_else(|| panic!("a link to the application in {text}"));
    let rest = &text[start + app.base_url.len()..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest[..end].to_string()
}
