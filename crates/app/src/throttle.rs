//! The sign-in throttle: sign-in attempts are counted in the database by account and by client address
//! over a sliding window, so that the limit holds across every app server of one database. Past a limit,
//! sign-in is refused without checking the password (no hashing spent on a guesser either).

use time::Duration;

use crate::{App, Result};

/// The window failures are counted over.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failed attempts allowed per account in the window (a person mistyping stays far below).
pub const PER_ACCOUNT: i64 = 10;
/// Failed attempts allowed from one address in the window (several people behind one institution's NAT).
pub const PER_ADDRESS: i64 = 50;

/// The account key of a typed address: trimmed and lower-cased, so that case variants count together.
pub fn account_key(typed: &str) -> String {
    typed.trim().to_lowercase().chars().take(254).collect()
}

/// A sign-in attempt, counted before its password is checked.
pub enum Attempt {
    /// Check the password; call [`succeeded`] if it matches.
    Allowed(String),
    /// Over a limit: refuse without checking.
    Throttled,
}

/// Records an attempt for `account` from `address` and says whether it may be checked. Recording first
/// makes parallel guesses count: of a burst, only those within the limits are checked.
pub async fn attempt(app: &App, account: &str, address: &str) -> Result<Attempt> {
    let storage = app.storage();
    let now = app.now();
    let id = storage
        .record_sign_in_attempt(account, address, now)
        .await?;
    let (by_account, by_address) = storage
        .sign_in_failures_since(account, address, now - WINDOW)
        .await?;
    Ok(if by_account > PER_ACCOUNT || by_address > PER_ADDRESS {
        Attempt::Throttled
    } else {
        Attempt::Allowed(id)
    })
}

/// The attempt's password matched: it does not count against the account or the address.
pub async fn succeeded(app: &App, attempt: &str) -> Result<()> {
    app.storage().forget_sign_in_attempt(attempt).await?;
    Ok(())
}
