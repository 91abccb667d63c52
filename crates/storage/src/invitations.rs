//! Single-use, expiring links: invitations (which create an account) and password resets.
//!
//! The token travels only in the e-mail; the database keeps its SHA-256, so a copy of the database does not
//! give usable links. Consuming a link first claims it with a conditional update, inside the transaction that
//! does the work: two concurrent uses cannot both succeed, and a failure leaves the link unused.

use crate::organisations::org_from_row;
use crate::users::{insert_membership, insert_user};
use crate::{
    Error, NewUser, Organisation, Result, Storage, User, from_ts, parse_col, parse_id,
    parse_opt_id, to_ts,
};
use passerelle_domain::{
    DisplayName, EditionId, Email, Locale, OrganisationId, OrganisationKind, OrganisationName,
    Role, UserId,
};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Invitation {
    pub id: String,
    pub email: Email,
    pub organisation: Organisation,
    pub role: Role,
    pub edition_id: Option<EditionId>,
    pub invited_by: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub used_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub email: Email,
    pub organisation: OrganisationId,
    pub role: Role,
    pub edition: Option<EditionId>,
    pub invited_by: Option<UserId>,
    /// How long the link stays valid (e.g. 7 days).
    pub valid_for: Duration,
}

/// A new random token: 256 bits, hex.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const INVITATION_SELECT: &str = "SELECT i.id AS inv_id, i.email, i.role, i.edition_id, i.invited_by, \
     i.created_at AS inv_created_at, i.expires_at, i.used_at, o.id, o.name, o.kind, o.created_at \
     FROM invitations i JOIN organisations o ON o.id = i.organisation_id";

fn invitation_from_row(row: &AnyRow) -> Result<Invitation> {
    Ok(Invitation {
        id: row.try_get("inv_id")?,
        email: parse_col(row, "email", Email::parse)?,
        organisation: org_from_row(row)?,
        role: parse_col(row, "role", Role::parse)?,
        edition_id: parse_opt_id(row, "edition_id")?,
        invited_by: parse_opt_id(row, "invited_by")?,
        created_at: from_ts(row.try_get("inv_created_at")?)?,
        expires_at: from_ts(row.try_get("expires_at")?)?,
        used_at: row
            .try_get::<Option<i64>, _>("used_at")?
            .map(from_ts)
            .transpose()?,
    })
}

/// Records an invitation inside the caller's transaction; refused (`email-taken`) when the address has an
/// account.
pub(crate) async fn insert_invitation(
    conn: &mut sqlx::AnyConnection,
    new: &NewInvitation,
    now: OffsetDateTime,
) -> Result<(Invitation, String)> {
    let taken = sqlx::query("SELECT 1 FROM users WHERE email = $1")
        .bind(new.email.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Err(Error::Conflict("email-taken"));
    }
    insert_invitation_for_anyone(conn, new, now).await
}

/// Records an invitation whether or not the address has an account (the use case decides what to tell whom).
async fn insert_invitation_for_anyone(
    conn: &mut sqlx::AnyConnection,
    new: &NewInvitation,
    now: OffsetDateTime,
) -> Result<(Invitation, String)> {
    let org_row = sqlx::query(&format!(
        "SELECT {} FROM organisations WHERE id = $1",
        crate::organisations::ORG_COLUMNS
    ))
    .bind(new.organisation.to_string())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let org = org_from_row(&org_row)?;
    if !new.role.allowed_in(org.kind) {
        return Err(Error::Conflict("role-not-allowed-in-organisation"));
    }
    if let Some(edition) = new.edition {
        let known = sqlx::query("SELECT 1 FROM editions WHERE id = $1")
            .bind(edition.to_string())
            .fetch_optional(&mut *conn)
            .await?;
        if known.is_none() {
            return Err(Error::NotFound);
        }
    }
    let token = new_token();
    let id = uuid::Uuid::new_v4().to_string();
    let (created_at, expires_at) = (to_ts(now), to_ts(now + new.valid_for));
    sqlx::query(
        "INSERT INTO invitations (id, token_hash, email, organisation_id, role, edition_id, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(token_hash(&token))
    .bind(new.email.as_str())
    .bind(new.organisation.to_string())
    .bind(new.role.as_str())
    .bind(new.edition.map(|e| e.to_string()))
    .bind(new.invited_by.map(|u| u.to_string()))
    .bind(created_at)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    let invitation = Invitation {
        id,
        email: new.email.clone(),
        organisation: org,
        role: new.role,
        edition_id: new.edition,
        invited_by: new.invited_by,
        created_at: from_ts(created_at)?,
        expires_at: from_ts(expires_at)?,
        used_at: None,
    };
    Ok((invitation, token))
}

impl Storage {
    /// Records an invitation and returns it with the token to put in the link (shown only this once).
    /// Refused when the role does not fit the organisation, or when the address already has an account
    /// (`email-taken`: add a membership to that account instead).
    pub async fn create_invitation(
        &self,
        new: &NewInvitation,
        now: OffsetDateTime,
    ) -> Result<(Invitation, String)> {
        let mut tx = self.begin_raw().await?;
        let created = insert_invitation(&mut tx, new, now).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Invites the first contact of an organisation that does not exist yet (an organiser bringing a new
    /// institution): creates the organisation and the invitation, all or nothing. Refused, creating nothing, when
    /// the name is taken for that kind (`organisation-name-taken`), the address has an account (`email-taken`)
    /// or the role does not fit the kind (`role-not-allowed-in-organisation`).
    #[allow(clippy::too_many_arguments)]
    pub async fn invite_to_new_organisation(
        &self,
        name: &OrganisationName,
        kind: OrganisationKind,
        email: &Email,
        role: Role,
        edition: Option<EditionId>,
        invited_by: Option<UserId>,
        valid_for: Duration,
        now: OffsetDateTime,
    ) -> Result<(Invitation, String)> {
        let mut tx = self.begin_raw().await?;
        let org = crate::organisations::insert_org(&mut tx, name, kind).await?;
        let new = NewInvitation {
            email: email.clone(),
            organisation: org.id,
            role,
            edition,
            invited_by,
            valid_for,
        };
        let created = insert_invitation(&mut tx, &new, now).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// The invitation behind a link, if it is still usable at `now` (unknown, used and expired links all give
    /// `None`).
    pub async fn find_invitation(
        &self,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Invitation>> {
        let row = sqlx::query(&format!(
            "{INVITATION_SELECT} WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2"
        ))
        .bind(token_hash(token))
        .bind(to_ts(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(invitation_from_row).transpose()
    }

    /// Accepts an invitation: creates the account and its membership and uses up the link, all or nothing.
    /// `InvalidToken` if the link is unknown, used or expired; `Conflict("email-taken")` if an account was
    /// created for the address meanwhile (the link then stays usable).
    pub async fn accept_invitation(
        &self,
        token: &str,
        display_name: &DisplayName,
        password_hash: &str,
        locale: Locale,
        now: OffsetDateTime,
    ) -> Result<User> {
        let mut tx = self.begin_raw().await?;
        let user = accept_invitation_in(&mut tx, token, display_name, password_hash, locale, now)
            .await?
            .0;
        tx.commit().await?;
        Ok(user)
    }

    /// Invitations of an organisation (or all), newest first, used ones included.
    pub async fn list_invitations(
        &self,
        organisation: Option<OrganisationId>,
    ) -> Result<Vec<Invitation>> {
        let rows = match organisation {
            Some(org) => {
                sqlx::query(&format!("{INVITATION_SELECT} WHERE i.organisation_id = $1 ORDER BY i.created_at DESC, i.email"))
                    .bind(org.to_string())
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                sqlx::query(&format!("{INVITATION_SELECT} ORDER BY i.created_at DESC, i.email"))
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(invitation_from_row).collect()
    }

    /// Starts a password reset: returns the account and the token for the link, or `None` when no account has
    /// this address (the web page says the same thing in both cases, to not reveal who has an account).
    pub async fn create_password_reset(
        &self,
        email: &Email,
        valid_for: Duration,
        now: OffsetDateTime,
    ) -> Result<Option<(User, String)>> {
        let Some(user) = self.find_user_by_email(email).await? else {
            return Ok(None);
        };
        let token = new_token();
        sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash(&token))
            .bind(user.id.to_string())
            .bind(to_ts(now))
            .bind(to_ts(now + valid_for))
            .execute(&self.pool)
            .await?;
        Ok(Some((user, token)))
    }

    /// Whether a reset link is usable at `now` (to show the form or an error).
    pub async fn password_reset_user(
        &self,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<Option<UserId>> {
        let row = sqlx::query("SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
            .bind(token_hash(token))
            .bind(to_ts(now))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|r| parse_id(r, "user_id")).transpose()
    }

    /// Uses a reset link: sets the new hash and voids every other outstanding link of the account, in one
    /// transaction. `InvalidToken` if unknown, used or expired.
    pub async fn consume_password_reset(
        &self,
        token: &str,
        new_hash: &str,
        now: OffsetDateTime,
    ) -> Result<UserId> {
        let hash = token_hash(token);
        let mut tx = self.begin_raw().await?;
        let claimed = sqlx::query("UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1")
            .bind(to_ts(now))
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        if claimed.rows_affected() != 1 {
            return Err(Error::InvalidToken);
        }
        let row = sqlx::query("SELECT user_id FROM password_resets WHERE token_hash = $1")
            .bind(&hash)
            .fetch_one(&mut *tx)
            .await?;
        let user: UserId = parse_id(&row, "user_id")?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(new_hash)
            .bind(user.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
        )
        .bind(to_ts(now))
        .bind(user.to_string())
        .execute(&mut *tx)
        .await?;
        // Whoever knew the old password is signed out everywhere, with the change.
        crate::sessions::delete_sessions_of(&mut tx, user).await?;
        tx.commit().await?;
        Ok(user)
    }
}

impl crate::Tx {
    /// Records an invitation and returns it with the token for the link (shown only this once). Unlike
    /// [`Storage::create_invitation`], an address that already has an account is accepted: the invitation
    /// then asks that person to sign in to accept it, and the inviter learns nothing about who has an account.
    pub async fn create_invitation(
        &mut self,
        new: &NewInvitation,
        now: OffsetDateTime,
    ) -> Result<(Invitation, String)> {
        insert_invitation_for_anyone(&mut self.conn, new, now).await
    }
}

/// Accepting an invitation inside a transaction (with a linked identity, for single sign-on): the account,
/// its membership and the used-up link; returns the account and the invitation it came from.
pub(crate) async fn accept_invitation_in(
    conn: &mut sqlx::AnyConnection,
    token: &str,
    display_name: &DisplayName,
    password_hash: &str,
    locale: Locale,
    now: OffsetDateTime,
) -> Result<(User, Invitation)> {
    let hash = token_hash(token);
    let claimed = sqlx::query("UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1")
        .bind(to_ts(now))
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    if claimed.rows_affected() != 1 {
        return Err(Error::InvalidToken);
    }
    let row = sqlx::query(&format!("{INVITATION_SELECT} WHERE i.token_hash = $1"))
        .bind(&hash)
        .fetch_one(&mut *conn)
        .await?;
    let invitation = invitation_from_row(&row)?;
    let new = NewUser {
        email: invitation.email.clone(),
        display_name: display_name.clone(),
        password_hash: password_hash.to_owned(),
        locale,
    };
    let user = insert_user(&mut *conn, &new).await?;
    insert_membership(
        &mut *conn,
        user.id,
        invitation.organisation.id,
        invitation.role,
    )
    .await?;
    sqlx::query("UPDATE invitations SET used_by = $1 WHERE token_hash = $2")
        .bind(user.id.to_string())
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok((user, invitation))
}
