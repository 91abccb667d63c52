//! The browser tests' shared harness: headless Debian Chromium driven through chromedriver
//! (fantoccini), form helpers that wait for the next page, sign-in as a demo role, and axe-core.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use passerelle_domain::Role;
use passerelle_web::testing::TestApp;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn axe_source_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js")
}

/// Whether the browser tooling is here; outside CI a missing piece skips the test loudly.
pub fn tooling_present() -> bool {
    let missing: Vec<String> = [
        Path::new(CHROMIUM),
        Path::new(CHROMEDRIVER),
        &axe_source_path(),
    ]
    .iter()
    .filter(|p| !p.exists())
    .map(|p| p.display().to_string())
    .collect();
    if missing.is_empty() {
        return true;
    }
    let notice = format!(
        "browser test needs {}: install Debian's chromium and chromium-driver, then \
         `npm ci --prefix crates/web/tests/browser`",
        missing.join(", ")
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{notice} (required when CI=true)");
    }
    eprintln!("\n!!!!!!!! SKIPPED: {notice} !!!!!!!!\n");
    false
}

/// chromedriver on a free port, killed on drop.
pub struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    pub async fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        // From here on, Drop kills and reaps the process on every path, panics included.
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return driver;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not listen on port {port} within 10 s");
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless Chromium with a fresh profile and no background network traffic.
pub async fn browser(driver: &Driver, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1024", "--lang=fr-FR",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    ClientBuilder::native()
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session")
}

pub async fn fill(client: &Client, css: &str, value: &str) {
    let field = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("field {css}: {e}"));
    field.clear().await.expect("clearing a field");
    field.send_keys(value).await.expect("typing into a field");
}

/// Clicks the submit button of the form whose action ends with `action_suffix`, then waits until the
/// browser has left that page (every form here answers with a redirect), so the next read sees the
/// new page rather than a stale one.
pub async fn submit_form(client: &Client, action_suffix: &str) {
    let css = format!("form[action$='{action_suffix}'] button[type='submit']");
    let button = client
        .find(Locator::Css(&css))
        .await
        .unwrap_or_else(|e| panic!("no form posting to …{action_suffix}: {e}"));
    let html = client
        .find(Locator::Css("html"))
        .await
        .expect("the page's root element");
    button.click().await.expect("clicking submit");
    for _ in 0..100 {
        // The old root element goes stale once the next document has replaced it.
        if html.tag_name().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("submitting the form posting to …{action_suffix} did not load a new page within 10 s");
}

pub async fn body_text(client: &Client) -> String {
    client
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("body text")
}

pub async fn sign_in(client: &Client, app: &TestApp, role: Role) {
    let account = passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == role)
        .unwrap_or_else(|| panic!("a demo account for {role}"));
    client
        .goto(&app.url("/connexion"))
        .await
        .expect("sign-in page");
    fill(client, "#f-email", account.email.as_str()).await;
    fill(client, "#f-password", account.password).await;
    submit_form(client, "/connexion").await;
    let text = body_text(client).await;
    assert!(
        !client
            .current_url()
            .await
            .expect("url")
            .path()
            .starts_with("/connexion"),
        "{role} could not sign in: {text}"
    );
}

pub async fn sign_out(client: &Client) {
    submit_form(client, "/deconnexion").await;
}

/// Runs axe-core on the current page and returns its WCAG 2.1 A/AA violations, one line each.
pub async fn axe_violations(client: &Client, axe: &str) -> Vec<String> {
    client
        .execute(axe, vec![])
        .await
        .expect("injecting axe-core");
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
           .then(r => done(r.violations.map(v =>
               v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
           .catch(e => done(['axe failed: ' + e]));
    "#;
    let result = client
        .execute_async(script, vec![])
        .await
        .expect("running axe-core");
    match result {
        Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect(),
        other => panic!("unexpected axe result: {other}"),
    }
}

/// A headless browser on a fresh demo application (SQLite), with axe-core loaded.
pub struct Session {
    pub app: TestApp,
    pub client: Client,
    pub axe: String,
    profile: PathBuf,
    _driver: Driver,
}

impl Session {
    /// `None` (after a loud notice) when the browser tooling is missing outside CI.
    pub async fn start() -> Option<Session> {
        Session::start_with(
            passerelle_app::demo::Stage::Registration,
            std::sync::Arc::new(passerelle_app::SystemClock),
        )
        .await
    }

    /// [`Session::start`] on the demo seeded up to `stage`, with the server on `clock`.
    pub async fn start_with(
        stage: passerelle_app::demo::Stage,
        clock: std::sync::Arc<dyn passerelle_app::Clock>,
    ) -> Option<Session> {
        if !tooling_present() {
            return None;
        }
        let axe = std::fs::read_to_string(axe_source_path()).expect("reading axe-core");
        let app = passerelle_web::testing::spawn_app_clocked(
            passerelle_web::testing::Db::Sqlite,
            Some(stage),
            clock,
        )
        .await
        .expect("SQLite is always available");
        let driver = Driver::start().await;
        let profile =
            std::env::temp_dir().join(format!("passerelle-chromium-{}", uuid::Uuid::new_v4()));
        let client = browser(&driver, &profile).await;
        Some(Session {
            app,
            client,
            axe,
            profile,
            _driver: driver,
        })
    }

    /// Switches the interface language (`fr`, `en`) with the site's own language switch.
    pub async fn language(&self, lang: &str) {
        self.client
            .goto(&self.app.url(&format!("/langue?lang={lang}&next=/")))
            .await
            .expect("language switch");
    }

    pub async fn finish(self) {
        self.client.close().await.expect("closing the browser");
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A screenshot of the current page, kept under `target/screenshots/<name>.png` for a person to look at.
pub async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("writing a screenshot");
}
