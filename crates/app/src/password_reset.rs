//! Forgotten passwords (issue 7, finding 3): a request is throttled by the address typed and by the
//! client's address (the sign-in throttle's table, so several servers share the limits), then handed to
//! a job whatever the address. The request itself does the same work whether or not an account has
//! that address (one count, one job row), so neither its answer nor its time tells who has an account;
//! the job makes the link and writes the mail only for an existing account.

use passerelle_domain::Email;
use passerelle_i18n::Lang;
use serde::{Deserialize, Serialize};
use time::Duration;

use crate::jobs::{Done, JobRequest, Registry, RunningJob};
use crate::{App, Result};

/// How long a password-reset link stays valid.
pub const RESET_VALIDITY: Duration = Duration::hours(1);
/// Reset mails asked for one address in the sign-in throttle's window (a person who did not see the
/// first mail asks again once or twice).
pub const PER_ACCOUNT: i64 = 3;
/// Reset mails asked from one client address in the window (an institution's NAT).
pub const PER_ADDRESS: i64 = 20;

const SEND: &str = "password-reset-mail";

pub(crate) fn register(registry: &mut Registry) {
    registry.register(SEND, send);
}

/// What became of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// Taken: a mail follows if an account has the address.
    Accepted,
    /// Over a limit: nothing is sent (wait [`crate::throttle::WINDOW`]).
    Throttled,
}

#[derive(Serialize, Deserialize)]
struct Params {
    email: String,
}

/// Asks for a reset link for `email` from the client at `address`.
pub async fn request(app: &App, email: &Email, address: &str) -> Result<Requested> {
    let now = app.now();
    let account = crate::throttle::account_key(email.as_str());
    let (by_account, by_address) = app
        .storage()
        .record_reset_request(&account, address, now, now - crate::throttle::WINDOW)
        .await?;
    if by_account > PER_ACCOUNT || by_address > PER_ADDRESS {
        tracing::warn!(%account, %address, "password reset throttled");
        return Ok(Requested::Throttled);
    }
    let mut tx = app.begin().await?;
    app.enqueue_job(
        &mut tx,
        JobRequest::new(
            SEND,
            Params {
                email: email.as_str().to_string(),
            },
        ),
    )
    .await?;
    app.commit(tx).await?;
    Ok(Requested::Accepted)
}

/// The job: a link and its mail, in the account's language, if an account has the address. Its
/// result is the same either way (job results are shown to organisers).
async fn send(app: App, job: RunningJob) -> Result<Done> {
    let params: Params = job.params()?;
    let email = Email::parse(&params.email).map_err(crate::Error::internal)?;
    // Before the job's transaction: on SQLite that one holds the write lock.
    let reset = app
        .storage()
        .create_password_reset(&email, RESET_VALIDITY, app.now())
        .await?;
    let mut tx = app.begin().await?;
    if let Some((user, token)) = reset {
        let link = app.link(&format!("/reinitialisation/{token}"));
        let mail = crate::mail::render(
            "password-reset",
            &email,
            Lang::of(user.locale),
            &[("link", link)],
        );
        app.enqueue_mail(&mut tx, &mail).await?;
    }
    let done = job.complete(&mut tx, &serde_json::json!({})).await?;
    app.commit(tx).await?;
    Ok(done)
}
