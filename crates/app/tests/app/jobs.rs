use passerelle_app::jobs::{Done, JobRequest, Registry, Runner, RunningJob};
use passerelle_app::{App, Error, Result, TestClock};
use passerelle_domain::Actor;
use passerelle_storage::{JobStatus, storage_test};
use time::Duration;

use super::*;

/// A job that records an audit row and its parameter doubled, in the transaction that completes it.
async fn double(app: App, job: RunningJob) -> Result<Done> {
    let n: i64 = job.params::<serde_json::Value>()?["n"]
        .as_i64()
        .ok_or_else(|| Error::internal("no n"))?;
    job.progress(1, 2).await?;
    let mut tx = app.begin().await?;
    app.audit(
        &mut tx,
        &Actor::Anonymous,
        "test-doubled",
        ("job", job.id().to_string()),
        serde_json::json!({ "n": n }),
    )
    .await?;
    let done = job
        .complete(&mut tx, &serde_json::json!({ "doubled": n * 2 }))
        .await?;
    app.commit(tx).await?;
    Ok(done)
}

async fn fail(_app: App, _job: RunningJob) -> Result<Done> {
    Err(Error::conflict("test-failure"))
}

fn registry() -> Registry {
    let mut r = Registry::default();
    r.register("test-double", double);
    r.register("test-fail", fail);
    r
}

async fn enqueue(app: &App, job: JobRequest) -> String {
    let mut tx = app.begin().await.unwrap();
    let id = app.enqueue_job(&mut tx, job).await.unwrap().unwrap();
    app.commit(tx).await.unwrap();
    id
}

async fn audit_rows(app: &App, job: &str) -> usize {
    app.storage()
        .audit_trail("job", Some(job), 10)
        .await
        .unwrap()
        .len()
}

storage_test!(a_job_runs_once_among_two_servers, |storage| {
    let clock = TestClock::at(START);
    let a = server(&storage, &clock, "server-a", broken_smtp());
    let b = server(&storage, &clock, "server-b", broken_smtp());
    let (runner_a, runner_b) = (
        Runner::new(a.clone(), registry()),
        Runner::new(b.clone(), registry()),
    );
    let id = enqueue(
        &a,
        JobRequest::new("test-double", serde_json::json!({ "n": 21 })),
    )
    .await;
    let claimed = runner_a.claim().await.unwrap().expect("A claims it");
    assert!(
        runner_b.claim().await.unwrap().is_none(),
        "B finds nothing to do"
    );
    runner_a.execute(claimed).await.unwrap();
    assert!(runner_b.run_one().await.unwrap().is_none());
    let job = storage.get_job(&id).await.unwrap().unwrap();
    assert_eq!(job.status, JobStatus::Done);
    assert_eq!(job.result, Some(serde_json::json!({ "doubled": 42 })));
    assert_eq!(job.attempts, 1);
    assert_eq!(audit_rows(&a, &id).await, 1);
});

storage_test!(
    a_crashed_job_is_taken_up_and_the_stale_server_saves_nothing,
    |storage| {
        let clock = TestClock::at(START);
        let a = server(&storage, &clock, "server-a", broken_smtp());
        let b = server(&storage, &clock, "server-b", broken_smtp());
        let (runner_a, runner_b) = (
            Runner::new(a.clone(), registry()),
            Runner::new(b.clone(), registry()),
        );
        let id = enqueue(
            &a,
            JobRequest::new("test-double", serde_json::json!({ "n": 5 })),
        )
        .await;
        // A claims it, then stops answering (its process froze or died) before saving anything.
        let stale = runner_a.claim().await.unwrap().expect("A claims it");
        assert!(runner_b.claim().await.unwrap().is_none(), "A's lease holds");
        clock.advance(runner_a.lease + Duration::seconds(1));
        let job_id = runner_b.run_one().await.unwrap().expect("B takes it up");
        assert_eq!(job_id, id);
        let job = storage.get_job(&id).await.unwrap().unwrap();
        assert_eq!(job.status, JobStatus::Done);
        assert_eq!(job.attempts, 2, "the second attempt");
        // A comes back and tries to finish: its lease is gone, so its transaction rolls back whole.
        assert!(
            stale.progress(2, 2).await.is_err(),
            "A's heartbeat is refused"
        );
        let mut tx = a.begin().await.unwrap();
        a.audit(
            &mut tx,
            &Actor::Anonymous,
            "test-doubled",
            ("job", id.clone()),
            serde_json::json!({}),
        )
        .await
        .unwrap();
        let refused = stale
            .complete(&mut tx, &serde_json::json!({ "doubled": 0 }))
            .await;
        assert!(matches!(refused, Err(Error::Conflict(c)) if c.key == "lease-lost"));
        drop(tx);
        assert_eq!(audit_rows(&a, &id).await, 1, "only B's writes are saved");
        assert_eq!(
            storage.get_job(&id).await.unwrap().unwrap().result,
            Some(serde_json::json!({ "doubled": 10 }))
        );
    }
);

storage_test!(a_failing_job_is_retried_then_given_up, |storage| {
    let clock = TestClock::at(START);
    let a = server(&storage, &clock, "a", broken_smtp());
    let runner = Runner::new(a.clone(), registry());
    let id = enqueue(
        &a,
        JobRequest {
            max_attempts: 2,
            ..JobRequest::new("test-fail", serde_json::json!({}))
        },
    )
    .await;
    runner.run_one().await.unwrap().expect("first attempt");
    let job = storage.get_job(&id).await.unwrap().unwrap();
    assert_eq!(job.status, JobStatus::Queued);
    assert!(job.error.as_deref().unwrap().contains("test-failure"));
    assert!(
        runner.run_one().await.unwrap().is_none(),
        "it waits before the retry"
    );
    clock.set(job.run_after);
    runner.run_one().await.unwrap().expect("second attempt");
    let job = storage.get_job(&id).await.unwrap().unwrap();
    assert_eq!(job.status, JobStatus::Failed);
    assert_eq!(job.attempts, 2);
});

storage_test!(
    scheduled_jobs_wait_for_their_time_and_keys_are_unique,
    |storage| {
        let clock = TestClock::at(START);
        let a = server(&storage, &clock, "a", broken_smtp());
        let runner = Runner::new(a.clone(), registry());
        let later = JobRequest {
            run_after: Some(START + Duration::days(1)),
            unique_key: Some("reminder:edition:deadline".into()),
            ..JobRequest::new("test-double", serde_json::json!({ "n": 1 }))
        };
        let id = enqueue(&a, later.clone()).await;
        let mut tx = a.begin().await.unwrap();
        assert_eq!(
            a.enqueue_job(&mut tx, later).await.unwrap(),
            None,
            "same key: no second job"
        );
        a.commit(tx).await.unwrap();
        assert!(runner.run_one().await.unwrap().is_none());
        clock.advance(Duration::days(1));
        assert_eq!(runner.run_one().await.unwrap(), Some(id));
    }
);

storage_test!(
    expired_sessions_are_purged_every_hour_by_one_server,
    |storage| {
        let clock = TestClock::at(START);
        let a = server(&storage, &clock, "a", broken_smtp());
        let runner = Runner::new(a.clone(), passerelle_app::jobs::registry());
        storage
            .session_insert("old", "{}", START - Duration::hours(1), None)
            .await
            .unwrap();
        storage
            .session_insert("live", "{}", START + Duration::hours(5), None)
            .await
            .unwrap();
        // Two servers start: one purge for the current hour, due at once.
        for name in ["a", "b"] {
            let app = server(&storage, &clock, name, broken_smtp());
            passerelle_app::jobs::schedule_recurring(&app)
                .await
                .unwrap();
        }
        let jobs = storage
            .list_jobs(Some("purge-expired-sessions"), 10)
            .await
            .unwrap();
        assert_eq!(jobs.len(), 1);
        let id = runner.run_one().await.unwrap().expect("the purge runs");
        let done = storage.get_job(&id).await.unwrap().unwrap();
        assert_eq!(
            done.result,
            Some(serde_json::json!({ "deleted": 1 })),
            "only the expired one"
        );
        assert!(
            storage
                .session_load("live", a.now())
                .await
                .unwrap()
                .is_some()
        );
        let jobs = storage
            .list_jobs(Some("purge-expired-sessions"), 10)
            .await
            .unwrap();
        assert_eq!(jobs.len(), 2, "the next one is scheduled");
        assert!(
            runner.run_one().await.unwrap().is_none(),
            "not before the next hour"
        );
        clock.advance(Duration::hours(1));
        assert!(
            runner.run_one().await.unwrap().is_some(),
            "the next hour's purge"
        );
    }
);
