//! The job runner: long work as database rows (see `passerelle_storage::jobs`), run once among several
//! app servers, taken up again after a crash, with progress and a result saved atomically with the job's
//! other writes.
//!
//! A kind of job is an async function registered under a name in [`registry`]:
//!
//! ```ignore
//! async fn run(app: App, job: RunningJob) -> Result<Done> {
//!     let params: MyParams = job.params()?;
//!     job.progress(1, 3).await?;                       // heartbeat and progress
//!     let mut tx = app.begin().await?;
//!     /* … the job's writes through `tx` … */
//!     let done = job.complete(&mut tx, &serde_json::json!({"count": 3})).await?;
//!     app.commit(tx).await?;                           // result and writes, or nothing
//!     Ok(done)
//! }
//! registry.register("my-kind", run);
//! ```
//!
//! [`Done`] can only come from [`RunningJob::complete`], so a handler cannot return without saving its
//! result in a transaction that checked the lease.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use passerelle_domain::UserId;
use passerelle_storage::{Job, NewJob, Tx};
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::{Duration, OffsetDateTime};
use tokio::sync::watch;

use crate::{App, Error, Result};

/// Proof that a job saved its result (returned by [`RunningJob::complete`] only).
#[derive(Debug)]
pub struct Done(());

type BoxFuture = Pin<Box<dyn Future<Output = Result<Done>> + Send>>;
type Handler = Arc<dyn Fn(App, RunningJob) -> BoxFuture + Send + Sync>;

/// The job kinds this server runs.
#[derive(Clone, Default)]
pub struct Registry {
    handlers: BTreeMap<&'static str, Handler>,
}

impl Registry {
    /// Registers the handler of `kind` (one per kind).
    pub fn register<F, Fut>(&mut self, kind: &'static str, handler: F)
    where
        F: Fn(App, RunningJob) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Done>> + Send + 'static,
    {
        let handler: Handler = Arc::new(move |app, job| Box::pin(handler(app, job)));
        assert!(
            self.handlers.insert(kind, handler).is_none(),
            "job kind {kind} registered twice"
        );
    }

    pub fn kinds(&self) -> Vec<&'static str> {
        self.handlers.keys().copied().collect()
    }
}

/// Every kind of job of the application: one line per area.
pub fn registry() -> Registry {
    let mut r = Registry::default();
    crate::maintenance::register(&mut r);
    crate::matching::register(&mut r);
    crate::schedule::register(&mut r);
    crate::day::register(&mut r);
    crate::meetings::register(&mut r);
    crate::recommendations::register(&mut r);
    crate::documents::register(&mut r);
    crate::password_reset::register(&mut r);
    crate::retention::register(&mut r);
    crate::six_months::register(&mut r);
    r
}

/// Makes sure the recurring jobs are scheduled (at start-up; idempotent across servers).
pub async fn schedule_recurring(app: &App) -> Result<()> {
    crate::maintenance::schedule(app).await?;
    crate::retention::schedule(app).await?;
    crate::six_months::schedule(app).await
}

/// A job to enqueue: run as soon as a runner is free, or at `run_after`.
#[derive(Debug, Clone)]
pub struct JobRequest {
    pub kind: &'static str,
    pub params: serde_json::Value,
    pub run_after: Option<OffsetDateTime>,
    pub max_attempts: i64,
    /// At most one job per key (enqueueing again is a no-op).
    pub unique_key: Option<String>,
    pub created_by: Option<UserId>,
}

impl JobRequest {
    pub fn new(kind: &'static str, params: impl Serialize) -> JobRequest {
        JobRequest {
            kind,
            params: serde_json::to_value(params).unwrap_or(serde_json::Value::Null),
            run_after: None,
            max_attempts: 3,
            unique_key: None,
            created_by: None,
        }
    }
}

impl App {
    /// Enqueues a job with the transaction's other writes; `None` when its unique key exists already.
    pub async fn enqueue_job(&self, tx: &mut Tx, job: JobRequest) -> Result<Option<String>> {
        let now = self.now();
        let id = tx
            .enqueue_job(
                &NewJob {
                    kind: job.kind.to_string(),
                    params: job.params,
                    run_after: job.run_after.unwrap_or(now),
                    max_attempts: job.max_attempts,
                    unique_key: job.unique_key,
                    created_by: job.created_by,
                },
                now,
            )
            .await?;
        Ok(id)
    }
}

/// A job claimed by this server, handed to its handler.
pub struct RunningJob {
    app: App,
    job: Job,
    lease: Duration,
}

impl RunningJob {
    pub fn id(&self) -> &str {
        &self.job.id
    }

    /// 1 for the first attempt, 2 after a failure or a crash…
    pub fn attempt(&self) -> i64 {
        self.job.attempts
    }

    pub fn job(&self) -> &Job {
        &self.job
    }

    /// The job's parameters.
    pub fn params<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_value(self.job.params.clone())
            .map_err(|e| Error::Internal(format!("job {} parameters: {e}", self.job.id)))
    }

    /// Records progress and extends the lease; `Conflict("lease-lost")` when another server took the job
    /// over or it was cancelled, so that the handler stops.
    pub async fn progress(&self, done: i64, total: i64) -> Result<()> {
        let ours = self
            .app
            .storage()
            .heartbeat_job(
                &self.job.id,
                &self.app.config().server_id,
                self.app.now(),
                self.lease,
                Some((done, total)),
            )
            .await?;
        if ours {
            Ok(())
        } else {
            Err(Error::conflict("lease-lost"))
        }
    }

    /// Marks the job done with `result` inside `tx`, which holds the job's other writes; fails (and the
    /// caller's transaction rolls back) unless this server still holds the lease.
    pub async fn complete(&self, tx: &mut Tx, result: &impl Serialize) -> Result<Done> {
        let result = serde_json::to_value(result).map_err(Error::internal)?;
        tx.complete_job(
            &self.job.id,
            &self.app.config().server_id,
            &result,
            self.app.now(),
        )
        .await?;
        Ok(Done(()))
    }
}

/// Delay before retrying a failed job after `attempts` attempts.
fn retry_delay(attempts: i64) -> Duration {
    Duration::seconds(30 * (1 << attempts.clamp(1, 8)))
}

/// Runs the registered kinds of job on this server, one at a time.
#[derive(Clone)]
pub struct Runner {
    app: App,
    registry: Registry,
    /// How long a claim lasts without a heartbeat.
    pub lease: Duration,
}

impl Runner {
    pub fn new(app: App, registry: Registry) -> Runner {
        Runner {
            app,
            registry,
            lease: Duration::seconds(60),
        }
    }

    /// Claims the oldest due job, if any.
    pub async fn claim(&self) -> Result<Option<RunningJob>> {
        let kinds = self.registry.kinds();
        let job = self
            .app
            .storage()
            .claim_job(
                &kinds,
                &self.app.config().server_id,
                self.app.now(),
                self.lease,
            )
            .await?;
        Ok(job.map(|job| RunningJob {
            app: self.app.clone(),
            job,
            lease: self.lease,
        }))
    }

    /// Runs a claimed job to its end; a failure is recorded and retried later, or given up after the
    /// job's last attempt. Returns the job's id.
    pub async fn execute(&self, job: RunningJob) -> Result<String> {
        let id = job.job.id.clone();
        let attempts = job.job.attempts;
        let max_attempts = job.job.max_attempts;
        let handler = self
            .registry
            .handlers
            .get(job.job.kind.as_str())
            .cloned()
            .ok_or_else(|| Error::Internal(format!("no handler for {}", job.job.kind)))?;
        let outcome = handler(self.app.clone(), job).await;
        if let Err(e) = outcome {
            let now = self.app.now();
            let retry = (attempts < max_attempts).then(|| now + retry_delay(attempts));
            tracing::warn!(job = %id, attempts, given_up = retry.is_none(), error = %e, "job failed");
            self.app
                .storage()
                .fail_job(
                    &id,
                    &self.app.config().server_id,
                    &e.to_string(),
                    retry,
                    now,
                )
                .await?;
        }
        Ok(id)
    }

    /// Claims and runs one due job; `None` when there is none (tests drive the runner with this).
    pub async fn run_one(&self) -> Result<Option<String>> {
        match self.claim().await? {
            Some(job) => self.execute(job).await.map(Some),
            None => Ok(None),
        }
    }

    /// Runs jobs until `stop` turns true. While a job runs, its lease is extended every third of the
    /// lease; on stop, a running job gets `grace` to finish, then is given back for another server.
    pub async fn run(self, mut stop: watch::Receiver<bool>, grace: std::time::Duration) {
        const POLL: std::time::Duration = std::time::Duration::from_secs(2);
        while !*stop.borrow() {
            let job = match self.claim().await {
                Ok(Some(job)) => job,
                Ok(None) => {
                    tokio::select! {
                        _ = self.app.job_enqueued() => {}
                        _ = tokio::time::sleep(POLL) => {}
                        changed = stop.changed() => if changed.is_err() { break },
                    }
                    continue;
                }
                Err(e) => {
                    tracing::error!(error = %e, "claiming a job failed");
                    tokio::time::sleep(POLL).await;
                    continue;
                }
            };
            let id = job.job.id.clone();
            let runner = self.clone();
            let mut work = tokio::spawn(async move { runner.execute(job).await });
            let beat = std::time::Duration::try_from(self.lease / 3)
                .unwrap_or(std::time::Duration::from_secs(20));
            loop {
                tokio::select! {
                    finished = &mut work => {
                        if let Ok(Err(e)) = finished {
                            tracing::error!(job = %id, error = %e, "recording a job's outcome failed");
                        }
                        break;
                    }
                    _ = tokio::time::sleep(beat) => {
                        let ours = self.app.storage().heartbeat_job(
                            &id, &self.app.config().server_id, self.app.now(), self.lease, None,
                        ).await;
                        if matches!(ours, Ok(false)) {
                            // Cancelled, or taken over after a pause longer than the lease: stop working.
                            work.abort();
                            break;
                        }
                    }
                    _ = stop.changed() => {
                        if tokio::time::timeout(grace, &mut work).await.is_err() {
                            work.abort();
                            let _ = self.app.storage().release_job(&id, &self.app.config().server_id).await;
                            tracing::info!(job = %id, "job given back on shutdown");
                        }
                        break;
                    }
                }
            }
        }
    }
}
