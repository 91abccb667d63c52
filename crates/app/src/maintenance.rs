//! Housekeeping as a recurring job: expired sessions (and failed sign-ins past the throttle's window) are
//! deleted every hour by exactly one server (the
//! job of each hour has a unique key), and each run schedules the next one in its own transaction.

use time::{Duration, OffsetDateTime};

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Result};

const PURGE_SESSIONS: &str = "purge-expired-sessions";
const EVERY: Duration = Duration::hours(1);

pub(crate) fn register(registry: &mut Registry) {
    registry.register(PURGE_SESSIONS, purge_sessions);
}

/// The purge due at the start of the hour after `at` (its key makes it unique among servers).
fn next_purge(after: OffsetDateTime) -> JobRequest {
    let hour = after.unix_timestamp().div_euclid(3600) + 1;
    let at = OffsetDateTime::from_unix_timestamp(hour * 3600).unwrap_or(after + EVERY);
    JobRequest {
        run_after: Some(at),
        unique_key: Some(format!("{PURGE_SESSIONS}:{hour}")),
        ..JobRequest::new(PURGE_SESSIONS, serde_json::json!({}))
    }
}

/// Makes sure the recurring jobs are scheduled (at start-up; idempotent across servers).
pub async fn schedule(app: &App) -> Result<()> {
    let mut tx = app.begin().await?;
    app.enqueue_job(&mut tx, next_purge(app.now() - EVERY))
        .await?;
    app.commit(tx).await
}

async fn purge_sessions(app: App, job: RunningJob) -> Result<Done> {
    let deleted = app.storage().session_delete_expired(app.now()).await?;
    // Failed sign-ins matter only within the throttle's window.
    app.storage()
        .purge_sign_in_failures(app.now() - crate::throttle::WINDOW)
        .await?;
    let mut tx = app.begin().await?;
    app.enqueue_job(&mut tx, next_purge(app.now())).await?;
    let done = job
        .complete(&mut tx, &serde_json::json!({ "deleted": deleted }))
        .await?;
    app.commit(tx).await?;
    if deleted > 0 {
        tracing::info!(sessions = deleted, "expired sessions deleted");
    }
    Ok(done)
}
