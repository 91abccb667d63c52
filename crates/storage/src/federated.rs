//! Identities from single sign-on (ProConnect, RENATER) linked to accounts, and replay protection
//! for SAML assertions.

use crate::invitations::accept_invitation_in;
use crate::users::{insert_user, user_from_row};
use crate::{Error, Invitation, NewUser, Result, Storage, from_ts, parse_id, to_ts};
use passerelle_domain::{DisplayName, Email, Locale, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

/// The password hash of an account that signs in only through single sign-on: it never verifies
/// (`verify_password` refuses a malformed hash), and tells "no password set" apart.
pub const NO_PASSWORD: &str = "";

/// The key of a federated identity and what the person recognises it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityKey {
    /// `proconnect` or `renater`.
    pub federation: String,
    pub issuer: String,
    pub subject: String,
}

/// A federated identity linked to an account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LinkedIdentity {
    pub id: Uuid,
    pub user: UserId,
    pub federation: String,
    pub issuer: String,
    pub subject: String,
    pub email: String,
    /// The institution (RENATER) or "ProConnect" with the identity provider, for display.
    pub label: String,
    #[serde(with = "time::serde::rfc3339")]
    pub linked_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_used_at: OffsetDateTime,
}

/// How one account can sign in.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct SignInMethods {
    pub password: bool,
    /// The federations of the linked identities, sorted, without repeats.
    pub federations: Vec<String>,
}

const COLUMNS: &str =
    "id, user_id, federation, issuer, subject, email, label, linked_at, last_used_at";

fn identity_from_row(row: &AnyRow) -> Result<LinkedIdentity> {
    Ok(LinkedIdentity {
        id: parse_id(row, "id")?,
        user: parse_id(row, "user_id")?,
        federation: row.try_get("federation")?,
        issuer: row.try_get("issuer")?,
        subject: row.try_get("subject")?,
        email: row.try_get("email")?,
        label: row.try_get("label")?,
        linked_at: from_ts(row.try_get("linked_at")?)?,
        last_used_at: from_ts(row.try_get("last_used_at")?)?,
    })
}

pub(crate) async fn insert_identity(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
    key: &IdentityKey,
    email: &Email,
    label: &str,
    now: OffsetDateTime,
) -> Result<LinkedIdentity> {
    // Stored to the second: what a write returns equals what a read gives back.
    let now = now.replace_nanosecond(0).unwrap_or(now);
    let existing = sqlx::query("SELECT user_id FROM federated_identities WHERE federation = $1 AND issuer = $2 AND subject = $3")
        .bind(&key.federation)
        .bind(&key.issuer)
        .bind(&key.subject)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(row) = existing {
        let owner: String = row.try_get("user_id")?;
        return Err(Error::Conflict(if owner == user.to_string() {
            "identity-already-linked"
        } else {
            "identity-linked-to-another-account"
        }));
    }
    let identity = LinkedIdentity {
        id: Uuid::new_v4(),
        user,
        federation: key.federation.clone(),
        issuer: key.issuer.clone(),
        subject: key.subject.clone(),
        email: email.as_str().to_owned(),
        label: label.to_owned(),
        linked_at: now,
        last_used_at: now,
    };
    sqlx::query(&format!(
        "INSERT INTO federated_identities ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    ))
    .bind(identity.id.to_string())
    .bind(user.to_string())
    .bind(&identity.federation)
    .bind(&identity.issuer)
    .bind(&identity.subject)
    .bind(&identity.email)
    .bind(&identity.label)
    .bind(to_ts(now))
    .bind(to_ts(now))
    .execute(&mut *conn)
    .await
    .map_err(|e| match Error::from(e) {
        Error::Conflict(_) => Error::Conflict("identity-linked-to-another-account"),
        other => other,
    })?;
    Ok(identity)
}

async fn delete_identity(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
    identity: Uuid,
) -> Result<LinkedIdentity> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM federated_identities WHERE id = $1 AND user_id = $2"
    ))
    .bind(identity.to_string())
    .bind(user.to_string())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let found = identity_from_row(&row)?;
    let others: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM federated_identities WHERE user_id = $1 AND id <> $2",
    )
    .bind(user.to_string())
    .bind(identity.to_string())
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")?;
    let hash: String = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
        .bind(user.to_string())
        .fetch_one(&mut *conn)
        .await?
        .try_get("password_hash")?;
    if others == 0 && hash == NO_PASSWORD {
        return Err(Error::Conflict("last-sign-in-method"));
    }
    sqlx::query("DELETE FROM federated_identities WHERE id = $1")
        .bind(identity.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(found)
}

impl Storage {
    /// The account an identity is linked to (and marks the identity used now).
    pub async fn user_by_identity(
        &self,
        key: &IdentityKey,
        now: OffsetDateTime,
    ) -> Result<Option<(crate::User, LinkedIdentity)>> {
        let mut tx = self.begin_raw().await?;
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM federated_identities WHERE federation = $1 AND issuer = $2 AND subject = $3"
        ))
        .bind(&key.federation)
        .bind(&key.issuer)
        .bind(&key.subject)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut identity = identity_from_row(&row)?;
        let now = now.replace_nanosecond(0).unwrap_or(now);
        sqlx::query("UPDATE federated_identities SET last_used_at = $1 WHERE id = $2")
            .bind(to_ts(now))
            .bind(identity.id.to_string())
            .execute(&mut *tx)
            .await?;
        identity.last_used_at = now;
        let user = sqlx::query(
            "SELECT id, email, display_name, locale, created_at FROM users WHERE id = $1",
        )
        .bind(identity.user.to_string())
        .fetch_one(&mut *tx)
        .await?;
        let user = user_from_row(&user)?;
        tx.commit().await?;
        Ok(Some((user, identity)))
    }

    /// Links an identity to an existing account. Linked to another account already:
    /// `Conflict("identity-linked-to-another-account")`; to this one: `Conflict("identity-already-linked")`.
    pub async fn link_identity(
        &self,
        user: UserId,
        key: &IdentityKey,
        email: &Email,
        label: &str,
        now: OffsetDateTime,
    ) -> Result<LinkedIdentity> {
        let mut tx = self.begin_raw().await?;
        let identity = insert_identity(&mut tx, user, key, email, label, now).await?;
        tx.commit().await?;
        Ok(identity)
    }

    /// Creates an account that signs in only through the identity (no password), atomically with
    /// its link; an address already used is `Conflict("email-taken")`.
    pub async fn create_user_with_identity(
        &self,
        new: &NewUser,
        key: &IdentityKey,
        label: &str,
        now: OffsetDateTime,
    ) -> Result<(crate::User, LinkedIdentity)> {
        let mut tx = self.begin_raw().await?;
        let user = insert_user(&mut tx, new).await?;
        let identity = insert_identity(&mut tx, user.id, key, &new.email, label, now).await?;
        tx.commit().await?;
        Ok((user, identity))
    }

    /// The identities linked to an account, oldest first.
    pub async fn linked_identities(&self, user: UserId) -> Result<Vec<LinkedIdentity>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM federated_identities WHERE user_id = $1 ORDER BY linked_at, id"
        ))
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(identity_from_row).collect()
    }

    /// Unlinks one of the account's identities, unless it is the last way to sign in left
    /// (`Conflict("last-sign-in-method")`); someone else's identity is `NotFound`.
    pub async fn unlink_identity(&self, user: UserId, identity: Uuid) -> Result<LinkedIdentity> {
        let mut tx = self.begin_raw().await?;
        let found = delete_identity(&mut tx, user, identity).await?;
        tx.commit().await?;
        Ok(found)
    }

    /// How each of these accounts signs in (for organisers' member lists); unknown ids are absent.
    pub async fn sign_in_methods(&self, users: &[UserId]) -> Result<Vec<(UserId, SignInMethods)>> {
        let mut out = Vec::with_capacity(users.len());
        for &user in users {
            let Some(row) = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
                .bind(user.to_string())
                .fetch_optional(&self.pool)
                .await?
            else {
                continue;
            };
            let hash: String = row.try_get("password_hash")?;
            let rows = sqlx::query("SELECT DISTINCT federation FROM federated_identities WHERE user_id = $1 ORDER BY federation")
                .bind(user.to_string())
                .fetch_all(&self.pool)
                .await?;
            let federations = rows
                .iter()
                .map(|r| r.try_get("federation"))
                .collect::<std::result::Result<_, _>>()?;
            out.push((
                user,
                SignInMethods {
                    password: hash != NO_PASSWORD,
                    federations,
                },
            ));
        }
        Ok(out)
    }

    /// Records an accepted SAML assertion; one seen before (same issuer and ID) is
    /// `Conflict("assertion-replayed")`. Forgets those past their expiry on the way.
    pub async fn record_assertion(
        &self,
        issuer: &str,
        assertion_id: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_raw().await?;
        sqlx::query("DELETE FROM saml_assertions_seen WHERE expires_at < $1")
            .bind(to_ts(now))
            .execute(&mut *tx)
            .await?;
        let seen = sqlx::query(
            "SELECT 1 FROM saml_assertions_seen WHERE issuer = $1 AND assertion_id = $2",
        )
        .bind(issuer)
        .bind(assertion_id)
        .fetch_optional(&mut *tx)
        .await?;
        if seen.is_some() {
            return Err(Error::Conflict("assertion-replayed"));
        }
        sqlx::query("INSERT INTO saml_assertions_seen (issuer, assertion_id, expires_at) VALUES ($1, $2, $3)")
            .bind(issuer)
            .bind(assertion_id)
            .bind(to_ts(expires_at))
            .execute(&mut *tx)
            .await
            .map_err(|e| match Error::from(e) {
                Error::Conflict(_) => Error::Conflict("assertion-replayed"),
                other => other,
            })?;
        tx.commit().await?;
        Ok(())
    }
    /// Keeps a RENATER sign-in in progress (its AuthnRequest ID and identity provider) under its
    /// RelayState until `expires_at`; forgets expired ones on the way.
    pub async fn save_saml_request(
        &self,
        relay_state: &str,
        request_id: &str,
        idp: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_raw().await?;
        sqlx::query("DELETE FROM saml_pending WHERE expires_at < $1")
            .bind(to_ts(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO saml_pending (relay_state, request_id, idp, identity, created_at, expires_at) VALUES ($1, $2, $3, NULL, $4, $5)")
            .bind(relay_state)
            .bind(request_id)
            .bind(idp)
            .bind(to_ts(now))
            .bind(to_ts(expires_at))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The sign-in in progress under `relay_state`: `(request_id, idp, answered)`, where
    /// `answered` says an assertion was already accepted for it (a second one is a replay).
    pub async fn saml_request(
        &self,
        relay_state: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(String, String, bool)>> {
        let row = sqlx::query("SELECT request_id, idp, identity FROM saml_pending WHERE relay_state = $1 AND expires_at >= $2")
            .bind(relay_state)
            .bind(to_ts(now))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            let identity: Option<String> = r.try_get("identity")?;
            Ok((
                r.try_get("request_id")?,
                r.try_get("idp")?,
                identity.is_some(),
            ))
        })
        .transpose()
    }

    /// Parks the verified identity (JSON) with its request, once; a second answer to the same
    /// request is `Conflict("assertion-replayed")`.
    pub async fn park_saml_identity(&self, relay_state: &str, identity_json: &str) -> Result<()> {
        let done = sqlx::query(
            "UPDATE saml_pending SET identity = $1 WHERE relay_state = $2 AND identity IS NULL",
        )
        .bind(identity_json)
        .bind(relay_state)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict("assertion-replayed"));
        }
        Ok(())
    }

    /// Takes the verified identity parked under `relay_state`, once: the request stays, answered,
    /// until it expires, so that the same response posted again is recognised as a replay.
    pub async fn take_saml_identity(
        &self,
        relay_state: &str,
        now: OffsetDateTime,
    ) -> Result<Option<String>> {
        let mut tx = self.begin_raw().await?;
        let row = sqlx::query("SELECT identity FROM saml_pending WHERE relay_state = $1 AND identity IS NOT NULL AND identity <> '' AND expires_at >= $2")
            .bind(relay_state)
            .bind(to_ts(now))
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let identity: String = row.try_get("identity")?;
        // Conditional on what was read: of two concurrent claims, one wins.
        let claimed = sqlx::query(
            "UPDATE saml_pending SET identity = '' WHERE relay_state = $1 AND identity = $2",
        )
        .bind(relay_state)
        .bind(&identity)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(identity))
    }
}

impl crate::Tx {
    /// [`Storage::link_identity`] inside the use case's transaction.
    pub async fn link_identity(
        &mut self,
        user: UserId,
        key: &IdentityKey,
        email: &Email,
        label: &str,
        now: OffsetDateTime,
    ) -> Result<LinkedIdentity> {
        insert_identity(&mut self.conn, user, key, email, label, now).await
    }

    /// [`Storage::unlink_identity`] inside the use case's transaction.
    pub async fn unlink_identity(
        &mut self,
        user: UserId,
        identity: Uuid,
    ) -> Result<LinkedIdentity> {
        delete_identity(&mut self.conn, user, identity).await
    }

    /// Accepts an invitation with a federated identity instead of a password: the account (no
    /// password), its membership, the used-up link and the identity, all or nothing. Errors as
    /// [`Storage::accept_invitation`] and [`Storage::link_identity`]; the identity is
    /// `(key, the address it asserts, label)`.
    pub async fn accept_invitation_with_identity(
        &mut self,
        token: &str,
        display_name: &DisplayName,
        locale: Locale,
        (key, identity_email, label): (&IdentityKey, &Email, &str),
        now: OffsetDateTime,
    ) -> Result<(crate::User, Invitation, LinkedIdentity)> {
        let (user, invitation) = accept_invitation_in(
            &mut self.conn,
            token,
            display_name,
            NO_PASSWORD,
            locale,
            now,
        )
        .await?;
        let identity =
            insert_identity(&mut self.conn, user.id, key, identity_email, label, now).await?;
        Ok((user, invitation, identity))
    }
}
