//! Two `passerelle serve` processes on one PostgreSQL database, as a national deployment runs them behind
//! a load balancer: a session opened on one server works on the other, and matching runs started on
//! either server each run exactly once (one claim, one attempt, their pairs saved once), whichever
//! server's job runner took them (both poll the same jobs table; `FOR UPDATE SKIP LOCKED` decides).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use passerelle_storage::{JobStatus, RunStatus, Storage};

const BIN: &str = env!("CARGO_BIN_EXE_passerelle");
const ORGANISER: &str = "organisatrice@passerelle.example";

/// The server process, killed on drop.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(url: &str, data_dir: &std::path::Path) -> (Server, u16) {
    let port = free_port();
    let child = Command::new(BIN)
        .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
        .args(["--database-url", url, "--data-dir"])
        .arg(data_dir)
        .env_remove("PASSERELLE_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting passerelle serve");
    let mut server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = server.0.try_wait().unwrap() {
            panic!("the server stopped early: {status}");
        }
        assert!(Instant::now() < deadline, "not listening within 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    (server, port)
}

/// An HTTP/1.1 answer: status, headers (lower-case names), body.
struct Answer {
    code: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A plain HTTP/1.1 request carrying `cookie`, with a form body for POST.
fn request(port: u16, method: &str, path: &str, cookie: &str, form: &[(&str, &str)]) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connecting to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let body: String = form
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Language: fr\r\nConnection: close\r\n\
         Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let code = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        code,
        headers,
        body: body.to_string(),
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The hidden CSRF token of a page's form.
fn csrf(html: &str) -> String {
    let at = html
        .find(r#"name="csrf" value=""#)
        .expect("a form with its CSRF token");
    let rest = &html[at + r#"name="csrf" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The session cookie a response sets (`name=value`).
fn session_cookie(answer: &Answer) -> String {
    let set = answer.header("set-cookie").expect("a session cookie");
    set.split(';').next().unwrap().to_string()
}

#[test]
fn two_servers_on_one_postgresql_share_sessions_and_run_each_job_once() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let Some(url) = runtime.block_on(passerelle_storage::testing::fresh_postgres_url()) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("passerelle-two-servers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The first server seeds the demo; the second finds the database in use and seeds nothing.
    let (a, port_a) = serve(&url, &dir.join("a"));
    let (b, port_b) = serve(&url, &dir.join("b"));
    let storage = runtime.block_on(Storage::connect(&url)).unwrap();
    assert_eq!(
        runtime.block_on(storage.list_editions()).unwrap().len(),
        2,
        "seeded once, not twice"
    );

    // Signed in on A…
    let form = request(port_a, "GET", "/connexion", "", &[]);
    let cookie = session_cookie(&form);
    let signed_in = request(
        port_a,
        "POST",
        "/connexion",
        &cookie,
        &[
            ("csrf", &csrf(&form.body)),
            ("email", ORGANISER),
            ("password", passerelle_app::demo::DEMO_PASSWORD),
        ],
    );
    assert_eq!(signed_in.code, 303, "signed in");
    // The session id changes on sign-in (no fixation).
    let cookie = signed_in
        .header("set-cookie")
        .map(|_| session_cookie(&signed_in))
        .unwrap_or(cookie);
    // …the organiser is signed in on B, with the same session and its CSRF token.
    let today = time::OffsetDateTime::now_utc().date();
    let edition = runtime
        .block_on(storage.current_edition_on(today))
        .unwrap()
        .expect("the demo's current edition");
    let runs_page = format!("/console/editions/{}/mise-en-relation", edition.id);
    let page_b = request(port_b, "GET", &runs_page, &cookie, &[]);
    assert_eq!(page_b.code, 200, "the session made on A works on B");
    assert!(page_b.body.contains("Camille Organisatrice"));
    assert_eq!(
        request(port_b, "GET", &runs_page, "", &[]).code,
        303,
        "and without it, B asks to sign in"
    );

    // The demo's edition has its schedule published; one step back to matching (as an organiser does to
    // run again) lets runs start.
    runtime
        .block_on(storage.set_phase(edition.id, passerelle_domain::Phase::Matching, None))
        .unwrap();
    // Six runs started, alternately on A and B: both servers' runners compete for them.
    let token = csrf(&page_b.body);
    let before = runtime
        .block_on(storage.runs_of_edition(edition.id))
        .unwrap()
        .len();
    for n in 0..6 {
        let port = if n % 2 == 0 { port_a } else { port_b };
        let started = request(
            port,
            "POST",
            &runs_page,
            &cookie,
            &[
                ("csrf", &token),
                ("company_max", "3"),
                ("irritant_min", "1"),
                ("irritant_max", "3"),
            ],
        );
        assert_eq!(started.code, 303, "run {n} started: {}", started.body);
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    let jobs = loop {
        let jobs = runtime
            .block_on(storage.list_jobs(Some("matching-run"), 100))
            .unwrap();
        if jobs.len() == 6 && jobs.iter().all(|j| j.status.is_final()) {
            break jobs;
        }
        assert!(
            Instant::now() < deadline,
            "the runs did not finish in 120 s"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    for job in &jobs {
        assert_eq!(job.status, JobStatus::Done, "{job:?}");
        assert_eq!(job.attempts, 1, "claimed once, by one server: {job:?}");
    }
    let runs = runtime
        .block_on(storage.runs_of_edition(edition.id))
        .unwrap();
    assert_eq!(runs.len(), before + 6);
    let done: Vec<_> = runs
        .iter()
        .filter(|r| r.status == RunStatus::Done)
        .collect();
    assert_eq!(done.len(), 6, "every new run finished");
    for run in done {
        let result: passerelle_app::matching::RunResult =
            serde_json::from_value(run.result.clone().unwrap()).unwrap();
        let pairs = runtime.block_on(storage.run_pairs(run.id)).unwrap();
        assert_eq!(pairs.len(), result.meetings, "pairs saved once");
    }

    drop(a);
    drop(b);
    let _ = std::fs::remove_dir_all(&dir);
    runtime.block_on(passerelle_storage::testing::dispose(storage));
}
