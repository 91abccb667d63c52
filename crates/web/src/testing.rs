//! Test support shared by the integration tests and the browser tests: the real server on a fresh
//! database, listening on 127.0.0.1 on a free port, with its mail going through real SMTP (lettre)
//! to a tiny in-process SMTP sink.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use passerelle_app::matching::{RunParams, RunResult};
use passerelle_domain::edition::parse_date;
use passerelle_domain::{
    Answer, EditionDates, EditionId, Field, IrritantContent, IrritantId, IrritantTitle,
    IrritantTransition, LongText, MeetingId, MeetingOrigin, MeetingState, MeetingStatus,
    OrganisationId, Phase, RunId, ShortText, Slug, UserId,
};
use passerelle_storage::{NewEdition, NewMeeting, RunPair, Storage};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Notify;

use passerelle_app::{App, Config, MailConfig, SystemClock, Workers};

use crate::state::{AppState, WebConfig};

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A running application.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, without trailing slash.
    pub base_url: String,
    pub storage: Storage,
    /// The use-case layer the server runs on (its workers deliver mail and run jobs).
    pub app: App,
    /// Stop when the test app is dropped.
    _workers: Workers,
    pub mail: MailSink,
    pub db: Db,
    _data_dir: TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Starts a second server on the same database (its own connection pool, use cases and cache, as
    /// another app server behind the load balancer) and returns its base URL, without trailing slash.
    pub async fn second_server(&self) -> String {
        let storage = passerelle_storage::testing::same_database(&self.storage).await;
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a free port");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let app = App::new(
            storage,
            Config {
                base_url: base_url.clone(),
                mail: MailConfig::Smtp(self.mail.url()),
                mail_from: "Passerelle <passerelle@localhost>".into(),
                server_id: Config::new_server_id(),
            },
            std::sync::Arc::new(SystemClock),
        );
        let config = WebConfig {
            base_url: base_url.clone(),
            demo: true,
            data_dir: self._data_dir.0.clone(),
            limits: crate::Limits::default(),
            trusted_proxies: Vec::new(),
        };
        let state = AppState::new(app, config);
        tokio::spawn(async move {
            crate::app::serve_until(listener, state, std::future::pending())
                .await
                .expect("serving");
        });
        base_url
    }
}

/// Starts the application on a fresh, migrated database. `None` when PostgreSQL is asked for but
/// unreachable outside CI (the storage crate prints a loud notice; under `CI=true` it panics).
/// `demo` seeds the demo with its current edition at company registration (the world the web tests
/// build on; `spawn_app_at` seeds further) and shows the demo accounts.
pub async fn spawn_app(db: Db, demo: bool) -> Option<TestApp> {
    spawn_app_at(
        db,
        demo.then_some(passerelle_app::demo::Stage::Registration),
    )
    .await
}

/// [`spawn_app`], with the demo seeded up to `stage` (none: an empty database).
pub async fn spawn_app_at(db: Db, stage: Option<passerelle_app::demo::Stage>) -> Option<TestApp> {
    spawn_app_clocked(db, stage, std::sync::Arc::new(SystemClock)).await
}

/// [`spawn_app_at`] on a given clock (a [`passerelle_app::TestClock`] that the test moves to the day).
pub async fn spawn_app_clocked(
    db: Db,
    stage: Option<passerelle_app::demo::Stage>,
    clock: std::sync::Arc<dyn passerelle_app::Clock>,
) -> Option<TestApp> {
    let demo = stage.is_some();
    let storage = match db {
        Db::Sqlite => passerelle_storage::testing::fresh_sqlite().await,
        Db::Postgres => passerelle_storage::testing::fresh_postgres().await?,
    };
    let mail = MailSink::start().await;
    let data_dir = TempDir::new();
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding a free port");
    let base_url = format!("http://{}", listener.local_addr().expect("local address"));
    let app = App::new(
        storage.clone(),
        Config {
            base_url: base_url.clone(),
            mail: MailConfig::Smtp(mail.url()),
            mail_from: "Passerelle <passerelle@localhost>".into(),
            server_id: Config::new_server_id(),
        },
        clock,
    );
    if let Some(stage) = stage {
        passerelle_app::demo::seed_until(&app, stage)
            .await
            .expect("seeding the demo")
            .expect("a fresh database is empty");
    }
    let config = WebConfig {
        base_url: base_url.clone(),
        demo,
        data_dir: data_dir.0.clone(),
        limits: crate::Limits::default(),
        trusted_proxies: Vec::new(),
    };
    let state = AppState::new(app.clone(), config);
    let workers = Workers::start(&app).await.expect("starting the workers");
    // The server the binary runs, with its timeouts and connection limit.
    tokio::spawn(async move {
        crate::app::serve_until(listener, state, std::future::pending())
            .await
            .expect("serving");
    });
    Some(TestApp {
        base_url,
        storage,
        app,
        _workers: workers,
        mail,
        db,
        _data_dir: data_dir,
    })
}

/// The tests' edition in the matching phase, held in 2019 (so never the current one), where `company`
/// is validated; made once per database.
pub async fn matching_edition(s: &Storage, company: OrganisationId) -> EditionId {
    let title = "Rencontres de test (mise en relation)";
    let slug = "rencontres-test-mise-en-relation";
    validated_edition(
        s,
        slug,
        title,
        ("2019-07-01", "2019-07-02"),
        Phase::Matching,
        company,
    )
    .await
    .0
}

/// A tests' edition where `company` is validated, and whether it was made now (`false`: an earlier test
/// made it on this database). Its days lie in the past, so it is never the current edition.
async fn validated_edition(
    s: &Storage,
    slug: &str,
    title: &str,
    (first, last): (&str, &str),
    phase: Phase,
    company: OrganisationId,
) -> (EditionId, bool) {
    if let Some(e) = s.edition_by_slug(slug).await.expect("reading editions") {
        return (e.id, false);
    }
    let day = |d: &str| parse_date(d).expect("a test date");
    let new = NewEdition {
        slug: Slug::parse(slug).expect("a slug"),
        title: ShortText::parse(Field::Title, title).expect("a title"),
        venue: ShortText::parse(Field::Venue, "Montpellier").expect("a venue"),
        dates: EditionDates::new(day(first), day(last)).expect("days"),
        phase,
        phases: vec![],
    };
    let edition = s.create_edition(&new).await.expect("an edition").id;
    s.invite_company(edition, company, None, None)
        .await
        .expect("invited");
    s.register_participation(edition, company)
        .await
        .expect("registered");
    s.validate_participation(edition, company, None)
        .await
        .expect("validated");
    (edition, true)
}

/// The tests' edition in the preferences phase (wishes open), held in 2018 (so never the current one),
/// where `company` is validated; made once per database.
pub async fn preferences_edition(s: &Storage, company: OrganisationId) -> EditionId {
    let title = "Rencontres de test (souhaits)";
    let slug = "rencontres-test-souhaits";
    validated_edition(
        s,
        slug,
        title,
        ("2018-07-02", "2018-07-03"),
        Phase::Preferences,
        company,
    )
    .await
    .0
}

/// The company's wish to meet about `irritant`, with its pitch.
pub async fn company_wish(
    s: &Storage,
    edition: EditionId,
    irritant: IrritantId,
    company: OrganisationId,
) {
    let wish = passerelle_domain::Wish {
        side: passerelle_domain::Side::Company,
        level: passerelle_domain::WishLevel::Must,
        pitch: Some(
            passerelle_domain::Pitch::parse(
                "Nous avons outillé la réservation des salles de deux universités.",
            )
            .expect("a pitch"),
        ),
        conflict_of_interest: false,
    };
    let mut tx = s.begin().await.expect("a transaction");
    tx.set_wish(
        edition,
        irritant,
        company,
        &wish,
        None,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .expect("a wish");
    tx.commit().await.expect("committed");
}

/// A new published irritant of `institution` in `edition`, through the real workflow.
pub async fn published_irritant(
    s: &Storage,
    edition: EditionId,
    institution: OrganisationId,
    author: UserId,
) -> IrritantId {
    let title = format!(
        "Réserver les salles de travaux pratiques {}",
        &uuid::Uuid::new_v4().simple().to_string()[..6]
    );
    let mut content = IrritantContent::new(IrritantTitle::parse(&title).expect("a title"));
    content.context = Some(
        LongText::parse(Field::Context, "Les salles sont réservées par courriel.").expect("text"),
    );
    content.problem = Some(
        LongText::parse(Field::Problem, "Les doubles réservations sont fréquentes.").expect("text"),
    );
    content.expected_result = Some(
        LongText::parse(Field::ExpectedResult, "Un outil de réservation en ligne.").expect("text"),
    );
    let domain = s.list_domains().await.expect("domains")[0].slug.clone();
    let content = content.with_domains(vec![domain]).expect("domains");
    let id = s
        .create_irritant(edition, institution, Some(author), &content)
        .await
        .expect("an irritant")
        .id;
    for step in [IrritantTransition::Submit, IrritantTransition::Publish] {
        s.transition_irritant(id, step, None, None)
            .await
            .expect("a move");
    }
    id
}

/// A new proposal between `irritant` and `company`.
pub async fn proposal(
    s: &Storage,
    edition: EditionId,
    irritant: IrritantId,
    company: OrganisationId,
) -> MeetingId {
    let mut tx = s.begin().await.expect("a transaction");
    let id = tx
        .create_meeting(
            edition,
            &NewMeeting {
                irritant,
                company,
                origin: MeetingOrigin::Matched,
                run: None,
                state: MeetingState::proposed(),
                score: Some(0.5),
            },
            None,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("a meeting");
    tx.commit().await.expect("committed");
    id
}

/// The tests' edition on its event day (held in 2019, so never the current one), where `company` is
/// validated: for the day's marks and ratings; made once per database.
pub async fn event_day_edition(s: &Storage, company: OrganisationId) -> EditionId {
    let title = "Rencontres de test (la journée)";
    let slug = "rencontres-test-journee";
    validated_edition(
        s,
        slug,
        title,
        ("2019-06-03", "2019-06-03"),
        Phase::EventDay,
        company,
    )
    .await
    .0
}

/// The event-day edition with its day set up (one day, two tables), as the organisers' printed
/// documents need it.
pub async fn set_up_event_day_edition(s: &Storage, company: OrganisationId) -> EditionId {
    let edition = event_day_edition(s, company).await;
    if s.day_plan(edition).await.expect("the day plan").is_none() {
        let plan = passerelle_domain::DayPlan::new(
            vec![parse_date("2019-06-03").expect("a date")],
            vec![passerelle_domain::day::SessionPlan {
                kind: passerelle_domain::SessionKind::Morning,
                start: time::Time::from_hms(9, 0, 0).expect("a time"),
                end: time::Time::from_hms(10, 0, 0).expect("a time"),
            }],
            20,
            5,
            Vec::new(),
            passerelle_domain::Seating::InstitutionsSit,
            None,
        )
        .expect("a plan");
        let tables = ["Table A", "Table B"]
            .map(|t| passerelle_domain::TableSpec::parse(t, false).expect("a table"));
        let now = time::OffsetDateTime::now_utc();
        let mut tx = s.begin().await.expect("a transaction");
        tx.save_day_plan(edition, &plan, None, now)
            .await
            .expect("the plan");
        tx.save_tables(edition, &tables, now).await.expect("tables");
        tx.commit().await.expect("committed");
    }
    edition
}

/// A new meeting of the event-day edition between a fresh irritant of `institution` and `company`,
/// accepted by both sides and then, when `held`, held (else scheduled).
pub async fn day_meeting(
    s: &Storage,
    edition: EditionId,
    institution: OrganisationId,
    author: UserId,
    company: OrganisationId,
    held: bool,
) -> MeetingId {
    let status = if held {
        MeetingStatus::Held
    } else {
        MeetingStatus::Scheduled
    };
    confirmed_meeting(s, edition, (institution, author), company, status).await
}

/// A new meeting of `edition` between a fresh fiche of the institution (by `author`) and `company`,
/// accepted by both sides, in `status`.
async fn confirmed_meeting(
    s: &Storage,
    edition: EditionId,
    (institution, author): (OrganisationId, UserId),
    company: OrganisationId,
    status: MeetingStatus,
) -> MeetingId {
    let irritant = published_irritant(s, edition, institution, author).await;
    let state = MeetingState {
        status,
        institution: Answer::Accepted,
        company: Answer::Accepted,
        imposed: false,
    };
    let mut tx = s.begin().await.expect("a transaction");
    let id = tx
        .create_meeting(
            edition,
            &NewMeeting {
                irritant,
                company,
                origin: MeetingOrigin::Matched,
                run: None,
                state,
                score: Some(0.5),
            },
            None,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("a meeting");
    tx.commit().await.expect("committed");
    id
}

/// The tests' edition being scheduled (held in 2019, so never the current one; in the matching phase):
/// the day set up on 1 July 2019 with two tables and one meeting imposed between a fiche of
/// `institution` and `company`; made once per database.
pub async fn scheduling_edition(
    app: &App,
    institution: OrganisationId,
    author: UserId,
    company: OrganisationId,
    organiser: &passerelle_domain::Actor,
) -> EditionId {
    let s = app.storage();
    let title = "Rencontres de test (planification)";
    let slug = "rencontres-test-planification";
    let dates = ("2019-07-01", "2019-07-01");
    let (edition, made) = validated_edition(s, slug, title, dates, Phase::Matching, company).await;
    if !made {
        return edition;
    }
    let irritant = published_irritant(s, edition, institution, author).await;
    let mut tx = s.begin().await.expect("a transaction");
    tx.create_meeting(
        edition,
        &NewMeeting {
            irritant,
            company,
            origin: MeetingOrigin::Imposed,
            run: None,
            state: MeetingState::imposed(),
            score: Some(0.5),
        },
        None,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .expect("a meeting");
    tx.commit().await.expect("committed");
    passerelle_app::schedule::save_setup(
        app,
        organiser,
        edition,
        passerelle_app::schedule::SetupInput {
            days: vec!["2019-07-01".into()],
            morning_start: "9:00".into(),
            morning_end: "10:00".into(),
            slot_minutes: "20".into(),
            gap_minutes: "5".into(),
            seating: "institutions-sit".into(),
            tables: "Table A\nTable B".into(),
            ..Default::default()
        },
    )
    .await
    .expect("the day set up");
    edition
}

/// The tests' edition on its event day with a live schedule (held on 2 July 2019, so never the current
/// one): one day of sixteen 20-minute slots (9 h – 12 h 30 and 14 h – 17 h 30) and three tables, four
/// meetings between fresh fiches of `institution` and `company` at table A in the first four slots;
/// made once per database. For the console's live board, desk and rescheduling.
pub async fn live_day_edition(
    app: &App,
    institution: OrganisationId,
    author: UserId,
    company: OrganisationId,
    organiser: &passerelle_domain::Actor,
) -> EditionId {
    let s = app.storage();
    let title = "Rencontres de test (jour J)";
    let slug = "rencontres-test-jour-j";
    let dates = ("2019-07-02", "2019-07-02");
    let (edition, made) = validated_edition(s, slug, title, dates, Phase::Matching, company).await;
    if !made {
        return edition;
    }
    passerelle_app::schedule::save_setup(
        app,
        organiser,
        edition,
        passerelle_app::schedule::SetupInput {
            days: vec!["2019-07-02".into()],
            morning_start: "9:00".into(),
            morning_end: "12:30".into(),
            afternoon_start: "14:00".into(),
            afternoon_end: "17:30".into(),
            slot_minutes: "20".into(),
            gap_minutes: "5".into(),
            seating: "institutions-sit".into(),
            tables: "Table A\nTable B\nTable C".into(),
            ..Default::default()
        },
    )
    .await
    .expect("the day set up");
    let setup = passerelle_app::schedule::setup(app, organiser, edition)
        .await
        .expect("the set-up");
    let table = setup.tables[0].id;
    for slot in setup.slots.iter().take(4) {
        let meeting = day_meeting(s, edition, institution, author, company, false).await;
        let mut tx = s.begin().await.expect("a transaction");
        tx.place_meeting(
            edition,
            &passerelle_storage::Placement {
                meeting,
                start: slot.start,
                end: slot.end,
                table,
            },
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("placed");
        tx.commit().await.expect("committed");
    }
    s.set_phase(edition, Phase::EventDay, None)
        .await
        .expect("on the day");
    edition
}

/// A new meeting of `edition` between a fresh fiche of `institution` and `company`, accepted by both
/// and not in the schedule: a late request to fit.
pub async fn late_meeting(
    s: &Storage,
    edition: EditionId,
    institution: OrganisationId,
    author: UserId,
    company: OrganisationId,
) -> MeetingId {
    confirmed_meeting(
        s,
        edition,
        (institution, author),
        company,
        MeetingStatus::Accepted,
    )
    .await
}

/// A new finished run of `edition` that chose the one pair (`irritant`, `company`).
pub async fn finished_run(
    s: &Storage,
    edition: EditionId,
    irritant: IrritantId,
    company: OrganisationId,
) -> RunId {
    let now = time::OffsetDateTime::now_utc();
    let params = serde_json::to_value(RunParams::default()).expect("parameters");
    let result = RunResult {
        meetings: 1,
        mutual: 0,
        forced: 0,
        pinned: 0,
        total_affinity: 0.5,
        certified: true,
        proven: true,
        rounds: 1,
        shortfalls: Vec::new(),
        unmet_musts: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
        irritants: 1,
        companies: 1,
        wishes: 0,
        candidates: 1,
        seconds: 0.01,
    };
    let mut tx = s.begin().await.expect("a transaction");
    let (run, _) = tx
        .create_run(edition, &params, None, now)
        .await
        .expect("a run");
    let pair = RunPair {
        irritant,
        company,
        score: 0.5,
        mutual: false,
        pinned: false,
        forced: false,
    };
    tx.finish_run(
        run,
        &[pair],
        &serde_json::to_value(result).expect("a result"),
        now,
    )
    .await
    .expect("finished");
    tx.commit().await.expect("committed");
    run
}

/// A temporary folder removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Self {
        let path =
            std::env::temp_dir().join(format!("passerelle-web-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).expect("temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A message received by the sink.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The raw message (headers and body) as sent.
    pub data: String,
}

impl ReceivedMail {
    /// The message's body as text, decoded from its transfer encoding (base64, quoted-printable,
    /// 7bit or 8bit), so that tests read what the recipient reads.
    pub fn text(&self) -> String {
        let (headers, body) = self
            .data
            .split_once("\r\n\r\n")
            .or_else(|| self.data.split_once("\n\n"))
            .unwrap_or(("", &self.data));
        let encoding = headers
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("content-transfer-encoding")
                    .then(|| value.trim().to_ascii_lowercase())
            })
            .unwrap_or_default();
        match encoding.as_str() {
            "base64" => {
                use base64::Engine;
                let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .unwrap_or_default();
                String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
            }
            "quoted-printable" => {
                let joined = body.replace("=\r\n", "").replace("=\n", "");
                let mut bytes = Vec::with_capacity(joined.len());
                let raw = joined.as_bytes();
                let mut i = 0;
                while i < raw.len() {
                    let escaped = (raw[i] == b'=' && i + 2 < raw.len())
                        .then(|| std::str::from_utf8(&raw[i + 1..i + 3]).ok())
                        .flatten()
                        .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                    if let Some(b) = escaped {
                        bytes.push(b);
                        i += 3;
                        continue;
                    }
                    bytes.push(raw[i]);
                    i += 1;
                }
                String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
            }
            _ => body.replace("\r\n", "\n"),
        }
    }

    /// The first `http(s)://` link in the message's text.
    pub fn first_link(&self) -> Option<String> {
        let text = self.text();
        let start = text.find("http://").or_else(|| text.find("https://"))?;
        let rest = &text[start..];
        let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        Some(rest[..end].to_string())
    }
}

/// A minimal SMTP server keeping what it receives in memory (enough of RFC 5321 for lettre).
#[derive(Clone)]
pub struct MailSink {
    port: u16,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
    arrived: Arc<Notify>,
}

impl MailSink {
    pub async fn start() -> MailSink {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the SMTP sink");
        let port = listener.local_addr().expect("sink address").port();
        let sink = MailSink {
            port,
            received: Arc::default(),
            arrived: Arc::default(),
        };
        let server = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = server.clone();
                tokio::spawn(async move {
                    let _ = server.session(stream).await;
                });
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn all(&self) -> Vec<ReceivedMail> {
        self.received.lock().expect("sink lock").clone()
    }

    /// Waits (up to 10 s) for a message to `to`, and returns the latest one.
    pub async fn wait_for(&self, to: &str) -> ReceivedMail {
        self.wait_for_count(to, 1).await
    }

    /// Waits (up to 10 s) until `count` messages reached `to`, and returns the latest one.
    pub async fn wait_for_count(&self, to: &str, count: usize) -> ReceivedMail {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.arrived.notified();
            let to_them: Vec<ReceivedMail> = self
                .all()
                .into_iter()
                .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                .collect();
            if to_them.len() >= count {
                return to_them.last().cloned().expect("at least one");
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "not {count} mails to {to} within 10 s; received: {:?}",
                    self.all()
                );
            }
        }
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink ESMTP ready\r\n").await?;
        let (mut from, mut to) = (String::new(), Vec::new());
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_string();
            let upper = command.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") {
                b"250-sink\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("HELO")
                || upper.starts_with("RSET")
                || upper.starts_with("NOOP")
            {
                b"250 OK\r\n"
            } else if upper.starts_with("MAIL FROM:") {
                from = address(&command[10..]);
                to.clear();
                b"250 OK\r\n"
            } else if upper.starts_with("RCPT TO:") {
                to.push(address(&command[8..]));
                b"250 OK\r\n"
            } else if upper == "DATA" {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    // Dot-stuffing (RFC 5321 §4.5.2).
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                self.received.lock().expect("sink lock").push(ReceivedMail {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    data,
                });
                self.arrived.notify_waiters();
                b"250 OK queued\r\n"
            } else if upper.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                b"502 command not implemented\r\n"
            };
            write.write_all(reply).await?;
        }
    }
}

fn address(arg: &str) -> String {
    let arg = arg.trim();
    let arg = arg.split_whitespace().next().unwrap_or(arg);
    arg.trim_start_matches('<')
        .trim_end_matches('>')
        .to_string()
}

/// A new opportunity (at "follow-up contact") of a new held meeting of the event-day edition between a
/// fresh irritant of `institution` and `company`, opened by hand.
pub async fn opportunity(
    s: &Storage,
    institution: OrganisationId,
    author: UserId,
    company: OrganisationId,
) -> passerelle_domain::OpportunityId {
    let edition = event_day_edition(s, company).await;
    let meeting = day_meeting(s, edition, institution, author, company, true).await;
    let mut tx = s.begin().await.expect("a transaction");
    let id = tx
        .create_opportunity(
            edition,
            meeting,
            passerelle_domain::OpportunityOrigin::Manual,
            Some(passerelle_domain::Mover::Organiser),
            None,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("an opportunity")
        .expect("a new one");
    tx.commit().await.expect("committed");
    id
}

/// The organisation of the demo funder's account.
pub async fn demo_funder(s: &Storage) -> OrganisationId {
    let name = passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == passerelle_domain::Role::Funder)
        .expect("a demo funder")
        .organisation;
    s.list_organisations(Some(passerelle_domain::OrganisationKind::Funder))
        .await
        .expect("organisations")
        .into_iter()
        .find(|o| o.name.as_str() == name)
        .expect("the demo funder's organisation")
        .id
}

/// A scheme of the demo funder that takes every opportunity (no bound on cost or themes, open from a
/// year ago to a year ahead), for the matrix and the hostile input.
pub async fn open_scheme(s: &Storage) -> passerelle_domain::FundingSchemeId {
    use passerelle_domain::funding::{Applicants, SchemeTerms};
    let funder = demo_funder(s).await;
    let today = time::OffsetDateTime::now_utc().date();
    let year = time::Duration::days(365);
    let new = passerelle_storage::NewScheme {
        funder_id: funder,
        name: passerelle_domain::ShortText::parse(
            passerelle_domain::Field::Title,
            &format!("Fonds ouvert {}", uuid::Uuid::new_v4()),
        )
        .expect("a name"),
        description: passerelle_domain::LongText::parse(
            passerelle_domain::Field::Description,
            "Finance toute preuve de concept.",
        )
        .expect("a description"),
        terms: SchemeTerms::new(
            None,
            Applicants::Either,
            Vec::new(),
            None,
            today - year,
            today + year,
        )
        .expect("terms"),
        link: None,
    };
    let mut tx = s.begin().await.expect("a transaction");
    let id = tx
        .create_scheme(&new, time::OffsetDateTime::now_utc())
        .await
        .expect("a scheme");
    tx.commit().await.expect("committed");
    id
}

/// A fresh opportunity of `institution` and `company` with its dossier filed with a fresh open scheme of
/// the demo funder.
pub async fn dossier(
    s: &Storage,
    institution: OrganisationId,
    author: UserId,
    company: OrganisationId,
) -> passerelle_domain::DossierId {
    let opportunity = opportunity(s, institution, author, company).await;
    let scheme = open_scheme(s).await;
    let plan = passerelle_domain::LongText::parse(passerelle_domain::Field::Description, "Un plan")
        .expect("a plan");
    let mut tx = s.begin().await.expect("a transaction");
    let id = tx
        .create_dossier(
            opportunity,
            scheme,
            &plan,
            "{}",
            None,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("a dossier");
    tx.commit().await.expect("committed");
    id
}
