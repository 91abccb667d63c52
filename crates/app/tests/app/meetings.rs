//! Who meets whom, through the use cases on the demo: wishes, a matching run as a job, publication,
//! answers from both sides, an imposed meeting, a refill run, and a crash in the middle of a run.

use passerelle_app::jobs::{Runner, registry};
use passerelle_app::matching::{self, RunInput, RunResult};
use passerelle_app::meetings::{self, AnswerInput};
use passerelle_app::{App, TestClock, demo, editions};
use passerelle_domain::*;
use passerelle_storage::{MailStatus, RunStatus, Storage, storage_test};
use time::Duration;

use super::*;

async fn actor(storage: &Storage, email_address: &str) -> Actor {
    let user = storage
        .find_user_by_email(&email(email_address))
        .await
        .unwrap()
        .unwrap();
    storage.actor(user.id).await.unwrap()
}

const ORGANISER: &str = "organisatrice@passerelle.example";
const INSTITUTION: &str = "etablissement@passerelle.example";
const COMPANY: &str = "entreprise@passerelle.example";

/// The demo, its edition moved to the matching phase with the answers due in a fortnight, and a few
/// wishes: the demo institution must meet Causette Robotique about its first fiche, and says no to
/// Planifix about it.
async fn matching_phase(storage: &Storage, clock: &TestClock) -> (App, EditionId, IrritantId) {
    let app = server(storage, clock, "a", broken_smtp());
    demo::seed_until(&app, demo::Stage::Registration)
        .await
        .unwrap()
        .unwrap();
    let organiser = actor(storage, ORGANISER).await;
    let edition = editions::current(&app).await.unwrap().unwrap();
    let today = app.now().date();
    editions::set_plan(
        &app,
        &organiser,
        edition.id,
        editions::PlanInput {
            phases: vec![(
                Phase::Matching,
                passerelle_domain::edition::format_date(today),
                passerelle_domain::edition::format_date(today + Duration::days(14)),
            )],
        },
    )
    .await
    .unwrap();
    for phase in [Phase::Preferences, Phase::Matching] {
        editions::move_phase(&app, &organiser, edition.id, phase)
            .await
            .unwrap();
    }
    let member = storage
        .find_user_by_email(&email(INSTITUTION))
        .await
        .unwrap()
        .unwrap();
    let institution = storage.memberships(member.id).await.unwrap()[0].organisation;
    let irritant = storage
        .list_irritants_by_organisation(institution)
        .await
        .unwrap()[0]
        .id;
    let company = |name: &'static str| async move {
        storage
            .find_organisation(OrganisationKind::Company, name)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let mut tx = app.begin().await.unwrap();
    for (c, level) in [
        (
            company("Causette Robotique (fictive)").await,
            WishLevel::Must,
        ),
        (company("Planifix (fictive)").await, WishLevel::No),
    ] {
        let wish = Wish {
            side: Side::Institution,
            level,
            pitch: None,
            conflict_of_interest: false,
        };
        tx.set_wish(edition.id, irritant, c, &wish, Some(member.id), app.now())
            .await
            .unwrap();
    }
    app.commit(tx).await.unwrap();
    (app, edition.id, irritant)
}

fn input() -> RunInput {
    RunInput {
        company_max: "3".into(),
        irritant_min: "1".into(),
        irritant_max: "2".into(),
        ..RunInput::default()
    }
}

async fn result(storage: &Storage, run: RunId) -> RunResult {
    let stored = storage.get_run(run).await.unwrap().unwrap();
    serde_json::from_value(stored.result.expect("a result")).unwrap()
}

storage_test!(
    a_run_proposes_both_sides_answer_and_a_refill_keeps_what_was_accepted,
    |storage| {
        let clock = TestClock::at(START);
        let (app, edition, irritant) = matching_phase(&storage, &clock).await;
        let organiser = actor(&storage, ORGANISER).await;
        let runner = Runner::new(app.clone(), registry());
        let run = matching::start(&app, &organiser, edition, input())
            .await
            .unwrap();
        assert_eq!(
            storage.get_run(run).await.unwrap().unwrap().status,
            RunStatus::Pending
        );
        runner.run_one().await.unwrap().expect("the run's job");
        let first = result(&storage, run).await;
        let pairs = storage.run_pairs(run).await.unwrap();
        assert_eq!(pairs.len(), first.meetings);
        assert!(
            first.certified && first.proven,
            "the optimum is proved: {first:?}"
        );
        assert!(
            first.shortfalls.is_empty(),
            "19 irritants, 12 companies × 3: every minimum met"
        );
        let causette = storage
            .find_organisation(OrganisationKind::Company, "Causette Robotique (fictive)")
            .await
            .unwrap()
            .unwrap();
        let planifix = storage
            .find_organisation(OrganisationKind::Company, "Planifix (fictive)")
            .await
            .unwrap()
            .unwrap();
        assert!(
            pairs
                .iter()
                .any(|p| p.irritant == irritant && p.company == causette.id && p.forced),
            "the must-meet wish is forced"
        );
        assert!(
            !pairs
                .iter()
                .any(|p| p.irritant == irritant && p.company == planifix.id),
            "a no is never proposed"
        );
        // Counts stay within the capacities.
        for c in pairs.iter().map(|p| p.company) {
            assert!(pairs.iter().filter(|p| p.company == c).count() <= 3);
        }

        // Published: proposals for both sides, one mail per person listing theirs.
        let created = meetings::publish(&app, &organiser, run).await.unwrap();
        assert_eq!(created, pairs.len());
        let mails = storage.mails_to(&email(INSTITUTION)).await.unwrap();
        assert!(
            mails.iter().any(|m| m.mail.kind == "proposals-published"
                && m.mail.body.contains("Causette Robotique"))
        );
        assert!(
            meetings::publish(&app, &organiser, run).await.is_err(),
            "published once"
        );

        // The institution accepts its must-meet, then the company: accepted by both, both told.
        let institution = actor(&storage, INSTITUTION).await;
        let company = actor(&storage, COMPANY).await;
        let (_, mine) = meetings::mine(&app, &institution).await.unwrap();
        let m = mine
            .iter()
            .find(|m| m.irritant_id == irritant && m.company.id == causette.id)
            .unwrap()
            .clone();
        let accept = || AnswerInput {
            accept: true,
            ..AnswerInput::default()
        };
        let after = meetings::answer(
            &app,
            &institution,
            m.id,
            AnswerInput {
                version: m.version.to_string(),
                ..accept()
            },
        )
        .await
        .unwrap();
        assert_eq!(after.state.status, MeetingStatus::Proposed);
        // A page that showed the old version is refused.
        let stale = meetings::answer(
            &app,
            &company,
            m.id,
            AnswerInput {
                version: m.version.to_string(),
                ..accept()
            },
        )
        .await;
        assert!(
            matches!(stale, Err(passerelle_app::Error::Conflict(c)) if c.key == "stale-meeting")
        );
        let both = meetings::answer(&app, &company, m.id, accept())
            .await
            .unwrap();
        assert_eq!(both.state.status, MeetingStatus::Accepted);
        assert!(
            storage
                .mails_to(&email(COMPANY))
                .await
                .unwrap()
                .iter()
                .any(|m| m.mail.kind == "meeting-accepted")
        );
        // Someone of neither side may not answer.
        let outsider = actor(&storage, "charge-affaires@passerelle.example").await;
        assert!(matches!(
            meetings::answer(&app, &outsider, m.id, accept()).await,
            Err(passerelle_app::Error::Denied(Denied::Forbidden))
        ));

        // The company declines another proposal, with a reason; "other" needs a comment.
        let (_, theirs) = meetings::mine(&app, &company).await.unwrap();
        let other = theirs
            .iter()
            .find(|x| x.id != m.id && x.state.status == MeetingStatus::Proposed)
            .unwrap()
            .clone();
        let bad = meetings::answer(
            &app,
            &company,
            other.id,
            AnswerInput {
                reason: "other".into(),
                ..AnswerInput::default()
            },
        )
        .await;
        assert!(matches!(bad, Err(passerelle_app::Error::Invalid(_))));
        let declined = meetings::answer(
            &app,
            &company,
            other.id,
            AnswerInput {
                reason: "no-budget".into(),
                ..AnswerInput::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(declined.state.status, MeetingStatus::Declined);
        assert_eq!(
            declined.reason.as_ref().unwrap().0.code,
            DeclineReason::NoBudget
        );
        let told = storage.mails_to(&email(INSTITUTION)).await.unwrap();
        if other.institution.id == m.institution.id {
            assert!(told.iter().any(
                |m| m.mail.kind == "meeting-declined" && m.mail.body.contains("Pas de budget")
            ));
        }
        // The organisers hear of it too, each in their language, with the way to the refill.
        let organisers = storage.users_with_role(Role::Organiser).await.unwrap();
        assert!(!organisers.is_empty());
        for o in &organisers {
            let theirs = storage.mails_to(&o.email).await.unwrap();
            let mail = theirs
                .iter()
                .find(|m| m.mail.kind == "meeting-declined-organisers")
                .unwrap_or_else(|| panic!("{} is told of the decline", o.email.as_str()));
            assert_eq!(mail.mail.lang, o.locale.as_str());
            let (reason, by) = match o.locale {
                Locale::Fr => ("Pas de budget", "a décliné"),
                Locale::En => ("No budget", "declined"),
            };
            assert!(mail.mail.body.contains(reason), "{}", mail.mail.body);
            assert!(mail.mail.body.contains(other.company.name.as_str()));
            assert!(mail.mail.body.contains(by));
            assert!(mail.mail.body.contains(&format!(
                "/console/editions/{}/rencontres",
                other.edition_id
            )));
        }

        // A refill: the accepted meeting stays, the declined pair is never proposed again. The first
        // run filled every company; the irritants left with room have no affinity with the company
        // that declined, so the organiser gives each irritant one more meeting for the refill.
        let refill = matching::start(
            &app,
            &organiser,
            edition,
            RunInput {
                previous: run.to_string(),
                irritant_max: "3".into(),
                ..input()
            },
        )
        .await
        .unwrap();
        runner.run_one().await.unwrap().unwrap();
        let second = storage.run_pairs(refill).await.unwrap();
        assert!(
            second
                .iter()
                .any(|p| p.irritant == m.irritant_id && p.company == m.company.id && p.pinned)
        );
        assert!(
            !second
                .iter()
                .any(|p| p.irritant == other.irritant_id && p.company == other.company.id)
        );
        let diff = result(&storage, refill).await;
        assert!(
            diff.removed
                .iter()
                .any(|p| p.irritant == other.irritant_id && p.company == other.company.id)
        );
        let before = storage.meetings_of_edition(edition).await.unwrap().len();
        meetings::publish(&app, &organiser, refill).await.unwrap();
        let after = storage.meetings_of_edition(edition).await.unwrap();
        assert!(after.len() > before, "the declined slot is refilled");
        assert!(
            after
                .iter()
                .any(|x| x.id == m.id && x.state.status == MeetingStatus::Accepted)
        );

        // The organiser imposes the declined meeting after all.
        let imposed = meetings::impose(&app, &organiser, other.id).await.unwrap();
        assert_eq!(imposed.state.status, MeetingStatus::Imposed);
        assert!(matches!(
            meetings::impose(&app, &institution, other.id).await,
            Err(passerelle_app::Error::Denied(_))
        ));
        let events = storage.meeting_events(other.id).await.unwrap();
        let steps: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(steps, ["propose", "decline-by-company", "impose"]);
        // Every mail is in the outbox, waiting for the worker.
        assert!(
            storage
                .list_mails(500)
                .await
                .unwrap()
                .iter()
                .all(|m| m.status == MailStatus::Pending)
        );
    }
);

storage_test!(
    a_crash_during_a_run_saves_nothing_and_the_run_is_taken_up_again,
    |storage| {
        let clock = TestClock::at(START);
        let (app, edition, _) = matching_phase(&storage, &clock).await;
        let organiser = actor(&storage, ORGANISER).await;
        let run = matching::start(&app, &organiser, edition, input())
            .await
            .unwrap();
        // Server A claims the run's job and dies before finishing it.
        let a = Runner::new(app.clone(), registry());
        let stale = a.claim().await.unwrap().expect("A claims the run");
        assert!(
            storage.run_pairs(run).await.unwrap().is_empty(),
            "nothing saved yet"
        );
        // Server B takes it up once A's lease expired, and saves it whole.
        clock.advance(a.lease + Duration::seconds(1));
        let b_app = server(&storage, &clock, "b", broken_smtp());
        Runner::new(b_app, registry())
            .run_one()
            .await
            .unwrap()
            .expect("B runs it");
        let stored = storage.get_run(run).await.unwrap().unwrap();
        assert_eq!(stored.status, RunStatus::Done);
        let saved = storage.run_pairs(run).await.unwrap().len();
        assert_eq!(saved, result(&storage, run).await.meetings);
        let job = storage
            .get_job(stored.job_id.as_deref().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(job.attempts, 2);
        // A wakes up and runs its stale copy to the end: its save is refused, nothing is doubled.
        assert!(a.execute(stale).await.is_ok());
        assert_eq!(storage.run_pairs(run).await.unwrap().len(), saved);
        assert_eq!(
            storage.get_job(&job.id).await.unwrap().unwrap().status,
            passerelle_storage::JobStatus::Done
        );
    }
);

storage_test!(
    the_answers_reminder_is_a_job_on_the_clock_two_days_before_the_deadline,
    |storage| {
        let clock = TestClock::at(START);
        let (app, edition, _) = matching_phase(&storage, &clock).await;
        let organiser = actor(&storage, ORGANISER).await;
        let runner = Runner::new(app.clone(), registry());
        let run = matching::start(&app, &organiser, edition, input())
            .await
            .unwrap();
        runner.run_one().await.unwrap().expect("the run's job");
        meetings::publish(&app, &organiser, run).await.unwrap();
        // The demo institution answers all its proposals; the companies leave theirs waiting.
        let institution = actor(&storage, INSTITUTION).await;
        let (_, ours) = meetings::mine(&app, &institution).await.unwrap();
        assert!(!ours.is_empty());
        for m in &ours {
            meetings::answer(
                &app,
                &institution,
                m.id,
                AnswerInput {
                    accept: true,
                    ..AnswerInput::default()
                },
            )
            .await
            .unwrap();
        }
        let reminders = || async {
            storage
                .list_mails(5_000)
                .await
                .unwrap()
                .into_iter()
                .filter(|m| m.mail.kind == "proposals-reminder")
                .collect::<Vec<_>>()
        };
        let drain = || async { while runner.run_one().await.unwrap().is_some() {} };

        // Not before its time: the deadline is in a fortnight, the reminder two days before.
        drain().await;
        clock.advance(Duration::days(11));
        drain().await;
        assert!(
            reminders().await.is_empty(),
            "no reminder eleven days early"
        );
        clock.advance(Duration::days(1) + Duration::hours(1));
        drain().await;
        let sent = reminders().await;
        assert!(!sent.is_empty(), "the reminder ran on the clock");

        // Exactly one per person with proposals still unanswered, in that person's language; none to
        // those who answered everything.
        let meetings = storage.meetings_of_edition(edition).await.unwrap();
        let mut waiting = std::collections::BTreeSet::new();
        for m in meetings
            .iter()
            .filter(|m| m.state.status == MeetingStatus::Proposed)
        {
            if m.state.answer(Side::Company) == Answer::Pending {
                for (u, r) in storage.organisation_members(m.company.id).await.unwrap() {
                    if r == Role::CompanyMember {
                        waiting.insert(u.email.as_str().to_string());
                    }
                }
            }
        }
        let to: Vec<String> = sent
            .iter()
            .map(|m| m.mail.to.as_str().to_string())
            .collect();
        let unique: std::collections::BTreeSet<String> = to.iter().cloned().collect();
        assert_eq!(to.len(), unique.len(), "one reminder each");
        assert_eq!(unique, waiting);
        assert!(!unique.contains(INSTITUTION));
        for m in &sent {
            let user = storage
                .find_user_by_email(&m.mail.to)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(m.mail.lang, user.locale.as_str());
        }
        // It ran once: later clock ticks send nothing more.
        clock.advance(Duration::days(1));
        drain().await;
        assert_eq!(reminders().await.len(), sent.len());
    }
);
