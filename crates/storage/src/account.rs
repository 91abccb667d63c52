//! The account page's storage: the sessions of an account as it lists them, and its one-use links (a new
//! e-mail address confirmed from that address, a deletion confirmed from the mailbox).

use crate::invitations::{new_token, token_hash};
use crate::users::user_from_row;
use crate::{Error, Result, Storage, Tx, from_ts, parse_id, to_ts};
use passerelle_domain::{DisplayName, Email, Locale, UserId};
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// A session of an account, as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The session's id (compared with the current one; never shown).
    pub id: String,
    /// When the person signed in (unknown for sessions older than the column).
    pub created_at: Option<OffsetDateTime>,
    pub last_seen_at: Option<OffsetDateTime>,
    pub expires_at: OffsetDateTime,
    /// Browser and system, kept short (from the User-Agent at sign-in).
    pub device: Option<String>,
}

/// What a one-use link of the account page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    EmailChange,
    Deletion,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::EmailChange => "email-change",
            TokenPurpose::Deletion => "deletion",
        }
    }
}

impl Storage {
    /// The account's sessions not expired at `now`, the most recently seen first.
    pub async fn sessions_of_user(
        &self,
        user: UserId,
        now: OffsetDateTime,
    ) -> Result<Vec<SessionInfo>> {
        let rows = sqlx::query(
            "SELECT id, created_at, last_seen_at, expires_at, device FROM sessions \
             WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, created_at DESC, id",
        )
        .bind(user.to_string())
        .bind(to_ts(now))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let at = |col: &str| -> Result<Option<OffsetDateTime>> {
                    r.try_get::<Option<i64>, _>(col)?.map(from_ts).transpose()
                };
                Ok(SessionInfo {
                    id: r.try_get("id")?,
                    created_at: at("created_at")?,
                    last_seen_at: at("last_seen_at")?,
                    expires_at: from_ts(r.try_get("expires_at")?)?,
                    device: r.try_get("device")?,
                })
            })
            .collect()
    }

    /// The account a one-use link opens, with the address it confirms, while it is usable at `now`.
    pub async fn account_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
        now: OffsetDateTime,
    ) -> Result<Option<(UserId, Option<Email>)>> {
        let row = sqlx::query(
            "SELECT user_id, new_email FROM account_tokens WHERE token_hash = $1 AND purpose = $2 \
             AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash(token))
        .bind(purpose.as_str())
        .bind(to_ts(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            let email = crate::parse_opt_col(&r, "new_email", Email::parse)?;
            Ok((parse_id(&r, "user_id")?, email))
        })
        .transpose()
    }
}

impl Tx {
    /// Ends every session of `user` but `keep` (the one asking); returns how many ended.
    pub async fn end_sessions_except(&mut self, user: UserId, keep: Option<&str>) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
            .bind(user.to_string())
            .bind(keep.unwrap_or(""))
            .execute(&mut *self.conn)
            .await?;
        Ok(done.rows_affected())
    }

    /// The account's stored password hash ([`crate::NO_PASSWORD`] for an account that signs in only
    /// through a provider).
    pub async fn password_hash(&mut self, user: UserId) -> Result<String> {
        let row = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
            .bind(user.to_string())
            .fetch_optional(&mut *self.conn)
            .await?
            .ok_or(Error::NotFound)?;
        Ok(row.try_get("password_hash")?)
    }

    pub async fn set_password_hash(&mut self, user: UserId, hash: &str) -> Result<()> {
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user.to_string())
            .execute(&mut *self.conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        // Reset links asked before the change would undo it.
        sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
        )
        .bind(to_ts(crate::now()))
        .bind(user.to_string())
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Changes the account's name and language.
    pub async fn update_user_profile(
        &mut self,
        user: UserId,
        name: &DisplayName,
        locale: Locale,
    ) -> Result<crate::User> {
        let done = sqlx::query("UPDATE users SET display_name = $1, locale = $2 WHERE id = $3")
            .bind(name.as_str())
            .bind(locale.as_str())
            .bind(user.to_string())
            .execute(&mut *self.conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        self.user(user).await
    }

    /// The account, read in the transaction.
    pub async fn user(&mut self, user: UserId) -> Result<crate::User> {
        let row = sqlx::query(
            "SELECT id, email, display_name, locale, created_at FROM users WHERE id = $1",
        )
        .bind(user.to_string())
        .fetch_optional(&mut *self.conn)
        .await?
        .ok_or(Error::NotFound)?;
        user_from_row(&row)
    }

    /// Gives the account a new address; one held by another account is `Conflict("email-taken")`.
    pub async fn set_email(&mut self, user: UserId, email: &Email) -> Result<()> {
        let taken = sqlx::query("SELECT id FROM users WHERE email = $1 AND id <> $2")
            .bind(email.as_str())
            .bind(user.to_string())
            .fetch_optional(&mut *self.conn)
            .await?;
        if taken.is_some() {
            return Err(Error::Conflict("email-taken"));
        }
        let done = sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(email.as_str())
            .bind(user.to_string())
            .execute(&mut *self.conn)
            .await
            .map_err(|e| match Error::from(e) {
                Error::Conflict(_) => Error::Conflict("email-taken"),
                other => other,
            })?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// A new one-use link for `user`, valid for `valid_for`; earlier unused links of the same purpose are
    /// voided (only the last one mailed works). Returns the token for the link (stored hashed).
    pub async fn create_account_token(
        &mut self,
        user: UserId,
        purpose: TokenPurpose,
        new_email: Option<&Email>,
        valid_for: Duration,
        now: OffsetDateTime,
    ) -> Result<String> {
        sqlx::query(
            "UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
        )
        .bind(to_ts(now))
        .bind(user.to_string())
        .bind(purpose.as_str())
        .execute(&mut *self.conn)
        .await?;
        let token = new_token();
        sqlx::query(
            "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash(&token))
        .bind(user.to_string())
        .bind(purpose.as_str())
        .bind(new_email.map(|e| e.as_str().to_owned()))
        .bind(to_ts(now))
        .bind(to_ts(now + valid_for))
        .execute(&mut *self.conn)
        .await?;
        Ok(token)
    }

    /// Uses a one-use link: the account and the address it confirms. `InvalidToken` if unknown, used,
    /// expired or for another purpose (a second use of the same link finds it used).
    pub async fn consume_account_token(
        &mut self,
        token: &str,
        purpose: TokenPurpose,
        now: OffsetDateTime,
    ) -> Result<(UserId, Option<Email>)> {
        let hash = token_hash(token);
        let claimed = sqlx::query(
            "UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
             AND used_at IS NULL AND expires_at > $1",
        )
        .bind(to_ts(now))
        .bind(&hash)
        .bind(purpose.as_str())
        .execute(&mut *self.conn)
        .await?;
        if claimed.rows_affected() != 1 {
            return Err(Error::InvalidToken);
        }
        let row =
            sqlx::query("SELECT user_id, new_email FROM account_tokens WHERE token_hash = $1")
                .bind(&hash)
                .fetch_one(&mut *self.conn)
                .await?;
        let email = crate::parse_opt_col(&row, "new_email", Email::parse)?;
        Ok((parse_id(&row, "user_id")?, email))
    }
}
