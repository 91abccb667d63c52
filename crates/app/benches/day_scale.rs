//! The day at national scale (issue 9, item 8): 2,000 participants (1,000 irritants of 200 institutions,
//! who keep their table, and 1,000 companies, who move) and 20,000 meetings accepted by both sides, written
//! into the database through the storage layer; then the organiser's scheduling run as the console starts
//! it: the use case checks the event and queues the job, the job runner claims it, loads the event,
//! runs the engine and saves the placements. One day of 24 slots (8 h 30 – 12 h 30 and 13 h 30 –
//! 17 h 30, 15-minute meetings 5 minutes apart) and 1,000 tables; each participant has 20 meetings.
//!
//! Printed: the end-to-end time of the run (the target is 30 s), its parts (loading the event, the
//! engine, saving), the breaks, the lower bound and the gap between them, whether the optimum is proved,
//! the fairness spread and the hosts' table changes, with the machine's load average.
//!
//! Release only:
//! `cargo bench -p passerelle-app --bench day_scale`.
//! SQLite, then PostgreSQL at `PASSERELLE_TEST_POSTGRES` (skipped with a notice when unreachable);
//! `DAY_DB=sqlite` or `DAY_DB=postgres` runs one only.
//! `DAY_SCALE=0.1` builds a tenth of the event (a quick check); `DAY_TIME_LIMIT` sets the engine's limit
//! in seconds (default 20, the console's default).

mod support;

use std::time::Instant;

use passerelle_app::App;
use passerelle_app::jobs::{Runner, registry};
use passerelle_app::schedule::{self, Event, RunResult, SetupInput};
use passerelle_domain::edition::parse_date;
use passerelle_domain::{
    Answer, EditionDates, Field, IrritantContent, IrritantTitle, IrritantTransition, LongText,
    MeetingOrigin, MeetingState, MeetingStatus, OrganisationId, OrganisationKind, OrganisationName,
    Phase, ShortText, Slug,
};
use passerelle_storage::{NewEdition, NewMeeting, Provenance, RunStatus, Storage};
use support::Rng;

const IRRITANTS: usize = 1_000;
const COMPANIES: usize = 1_000;
const IRRITANTS_PER_INSTITUTION: usize = 5;
const MEETINGS_EACH: usize = 20;
const TABLES: usize = 1_000;
const DAY: &str = "2027-06-10";

/// `count` distinct offsets below `n`: irritant `i` meets companies `(i + offset) mod n`, so that every
/// irritant and every company has exactly `count` meetings and no pair meets twice.
fn offsets(rng: &mut Rng, n: usize, count: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(count);
    while out.len() < count.min(n) {
        let o = (rng.next() % n as u64) as usize;
        if !out.contains(&o) {
            out.push(o);
        }
    }
    out
}

/// Writes the event; returns the edition and the number of meetings.
async fn build(app: &App, scale: f64) -> (passerelle_domain::EditionId, usize) {
    let storage = app.storage();
    let n_irritants = ((IRRITANTS as f64 * scale) as usize).max(MEETINGS_EACH);
    let n_companies = ((COMPANIES as f64 * scale) as usize).max(MEETINGS_EACH);
    let now = time::OffsetDateTime::now_utc();
    let day = parse_date(DAY).unwrap();
    let edition = storage
        .create_edition(&NewEdition {
            slug: Slug::parse("nationale-journee-2027").unwrap(),
            title: ShortText::parse(Field::Title, "Rencontres nationales 2027 (la journée)")
                .unwrap(),
            venue: ShortText::parse(Field::Venue, "Paris, Cité des sciences").unwrap(),
            dates: EditionDates::new(day, day).unwrap(),
            phase: Phase::Matching,
            phases: vec![],
        })
        .await
        .unwrap()
        .id;
    let domain = storage.list_domains().await.unwrap()[0].slug.clone();
    let mut tx = storage.begin().await.unwrap();
    let mut institutions: Vec<OrganisationId> = Vec::new();
    for n in 0..n_irritants.div_ceil(IRRITANTS_PER_INSTITUTION) {
        let name =
            OrganisationName::parse(&format!("Université nationale {} (fictive)", n + 1)).unwrap();
        institutions.push(
            tx.create_organisation(&name, OrganisationKind::Institution)
                .await
                .unwrap()
                .id,
        );
    }
    let mut irritants = Vec::with_capacity(n_irritants);
    for n in 0..n_irritants {
        let title = IrritantTitle::parse(&format!(
            "Simplifier la réservation des salles, site {}",
            n + 1
        ))
        .unwrap();
        // Submission needs a problem and an expected result besides a domain.
        let mut content = IrritantContent::new(title)
            .with_domains(vec![domain.clone()])
            .unwrap();
        content.problem = Some(
            LongText::parse(
                Field::Problem,
                "Les agents réservent les salles par courriel et les doublons sont fréquents.",
            )
            .unwrap(),
        );
        content.expected_result = Some(
            LongText::parse(
                Field::ExpectedResult,
                "Un outil de réservation partagé, consultable par tous les sites.",
            )
            .unwrap(),
        );
        let id = tx
            .create_irritant(
                edition,
                institutions[n / IRRITANTS_PER_INSTITUTION],
                None,
                &content,
                Provenance::default(),
            )
            .await
            .unwrap();
        for step in [IrritantTransition::Submit, IrritantTransition::Publish] {
            tx.transition_irritant(id, step, None, None).await.unwrap();
        }
        irritants.push(id);
    }
    let mut companies = Vec::with_capacity(n_companies);
    for n in 0..n_companies {
        let name = OrganisationName::parse(&format!("Numérique {} SAS (fictive)", n + 1)).unwrap();
        let id = tx
            .create_organisation(&name, OrganisationKind::Company)
            .await
            .unwrap()
            .id;
        tx.invite_company(edition, id, None, None).await.unwrap();
        tx.register_participation(edition, id).await.unwrap();
        tx.validate_participation(edition, id, None).await.unwrap();
        companies.push(id);
    }
    let mut rng = Rng(2027);
    let offsets = offsets(&mut rng, n_companies, MEETINGS_EACH);
    let accepted = MeetingState {
        status: MeetingStatus::Accepted,
        institution: Answer::Accepted,
        company: Answer::Accepted,
        imposed: false,
    };
    let mut meetings = 0;
    for (i, irritant) in irritants.iter().enumerate() {
        for o in &offsets {
            tx.create_meeting(
                edition,
                &NewMeeting {
                    irritant: *irritant,
                    company: companies[(i + o) % n_companies],
                    origin: MeetingOrigin::Matched,
                    run: None,
                    state: accepted,
                    score: Some(0.5),
                },
                None,
                now,
            )
            .await
            .unwrap();
            meetings += 1;
        }
    }
    tx.commit().await.unwrap();
    (edition, meetings)
}

async fn bench(label: &str, storage: Storage, scale: f64, time_limit: u64) {
    let app = support::app(label, storage.clone()).await;
    let organiser = support::organiser(&app).await;
    let t = Instant::now();
    let (edition, meetings) = build(&app, scale).await;
    eprintln!(
        "[{label}] event written in {:.1} s ({meetings} accepted meetings)",
        t.elapsed().as_secs_f64()
    );
    let tables: Vec<String> = (1..=((TABLES as f64 * scale) as usize).max(MEETINGS_EACH))
        .map(|n| format!("Table {n}"))
        .collect();
    // The set-up as the console's form sends it.
    schedule::save_setup(
        &app,
        &organiser,
        edition,
        SetupInput {
            days: vec![DAY.into()],
            morning_start: "8:30".into(),
            morning_end: "12:30".into(),
            afternoon_start: "13:30".into(),
            afternoon_end: "17:30".into(),
            slot_minutes: "15".into(),
            gap_minutes: "5".into(),
            seating: "institutions-sit".into(),
            tables: tables.join("\n"),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // Loading the event alone (the job's first part, the same code).
    let t = Instant::now();
    let confirmed: Vec<_> = storage
        .meetings_of_edition(edition)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.state.status.is_confirmed())
        .collect();
    let event = Event::load(&app, edition, confirmed).await.unwrap();
    let load = t.elapsed();
    let (participants, slots) = (event.participants.len(), event.slots.len());
    drop(event);

    // The whole use case as the organiser runs it from the console: the run checked and queued, then
    // the job claimed and executed (load, engine, save).
    let t = Instant::now();
    let run = schedule::start_run(&app, &organiser, edition, &time_limit.to_string())
        .await
        .unwrap();
    let queued = t.elapsed();
    Runner::new(app.clone(), registry())
        .run_one()
        .await
        .unwrap()
        .expect("the run's job");
    let end_to_end = t.elapsed();
    let stored = storage.get_schedule_run(run).await.unwrap().unwrap();
    assert_eq!(stored.status, RunStatus::Done, "{:?}", stored.result);
    let result: RunResult = serde_json::from_value(stored.result.unwrap()).unwrap();
    let saved = storage.schedule_run_placements(run).await.unwrap().len();
    assert_eq!(saved, meetings, "every meeting placed and saved");
    let engine = result.elapsed_ms as f64 / 1e3;
    println!(
        "[{label}] scheduling run from the console: {participants} participants, {meetings} meetings, \
         {slots} slots, {} tables → {} placed, outcome {}",
        result.tables, result.placed, result.outcome
    );
    println!(
        "[{label}]   end to end {:.2} s (target ≤ 30 s; engine limit {time_limit} s): check and queue {:.2} s, \
         load the event {:.2} s, engine {engine:.2} s, save and the rest {:.2} s",
        end_to_end.as_secs_f64(),
        queued.as_secs_f64(),
        load.as_secs_f64(),
        (end_to_end - queued).as_secs_f64() - load.as_secs_f64() - engine,
    );
    println!(
        "[{label}]   breaks {} against a lower bound of {}: gap {} ({}), optimum proved {}, fairness spread {}, \
         hosts' table changes {}",
        result.total_breaks,
        result.lower_bound,
        result.gap(),
        if result.total_breaks == 0 {
            "0 %".to_string()
        } else {
            format!(
                "{:.1} % of the breaks",
                100.0 * result.gap() as f64 / result.total_breaks as f64
            )
        },
        result.optimal,
        result.spread,
        result.host_table_changes
    );
}

fn main() {
    let scale = support::scale("DAY");
    let time_limit: u64 = std::env::var("DAY_TIME_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    support::on_each_database("day scale bench", "DAY", |label, storage| {
        bench(label, storage, scale, time_limit)
    });
}
