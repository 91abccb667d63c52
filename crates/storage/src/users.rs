//! Users, their credentials and their memberships.

use crate::organisations::org_from_row;
use crate::{Error, Organisation, Result, Storage, from_ts, now, parse_col, parse_id, to_ts};
use passerelle_domain::{DisplayName, Email, Locale, Membership, OrganisationId, Role, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: DisplayName,
    pub locale: Locale,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What creating an account needs; the hash comes from `hash_password`.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub display_name: DisplayName,
    pub password_hash: String,
    pub locale: Locale,
}

/// A membership with its organisation, for display.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MembershipDetail {
    pub membership: Membership,
    pub organisation: Organisation,
}

const USER_COLUMNS: &str = "id, email, display_name, locale, created_at";

pub(crate) fn user_from_row(row: &AnyRow) -> Result<User> {
    Ok(User {
        id: parse_id(row, "id")?,
        email: parse_col(row, "email", Email::parse)?,
        display_name: parse_col(row, "display_name", DisplayName::parse)?,
        locale: parse_col(row, "locale", Locale::parse)?,
        created_at: from_ts(row.try_get("created_at")?)?,
    })
}

/// Inserts a user inside a caller's transaction; a taken e-mail is `Conflict("email-taken")`.
pub(crate) async fn insert_user(conn: &mut sqlx::AnyConnection, new: &NewUser) -> Result<User> {
    let taken = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(new.email.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Err(Error::Conflict("email-taken"));
    }
    let user = User {
        id: UserId::new(),
        email: new.email.clone(),
        display_name: new.display_name.clone(),
        locale: new.locale,
        created_at: now(),
    };
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, locale, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user.id.to_string())
    .bind(user.email.as_str())
    .bind(user.display_name.as_str())
    .bind(&new.password_hash)
    .bind(user.locale.as_str())
    .bind(to_ts(user.created_at))
    .execute(&mut *conn)
    .await
    .map_err(|e| match Error::from(e) {
        Error::Conflict(_) => Error::Conflict("email-taken"),
        other => other,
    })?;
    Ok(user)
}

/// Adds a membership inside a caller's transaction, checking the role fits the organisation's kind.
pub(crate) async fn insert_membership(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
    organisation: OrganisationId,
    role: Role,
) -> Result<Membership> {
    let row = sqlx::query(&format!(
        "SELECT {} FROM organisations WHERE id = $1",
        crate::organisations::ORG_COLUMNS
    ))
    .bind(organisation.to_string())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let org = org_from_row(&row)?;
    if !role.allowed_in(org.kind) {
        return Err(Error::Conflict("role-not-allowed-in-organisation"));
    }
    let exists = sqlx::query(
        "SELECT 1 FROM memberships WHERE user_id = $1 AND organisation_id = $2 AND role = $3",
    )
    .bind(user.to_string())
    .bind(organisation.to_string())
    .bind(role.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    if exists.is_none() {
        sqlx::query("INSERT INTO memberships (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4)")
            .bind(user.to_string())
            .bind(organisation.to_string())
            .bind(role.as_str())
            .bind(to_ts(now()))
            .execute(&mut *conn)
            .await?;
    }
    Ok(Membership {
        organisation,
        kind: org.kind,
        role,
    })
}

impl Storage {
    /// Creates an account; an e-mail already used (whatever its case) is `Conflict("email-taken")`.
    pub async fn create_user(&self, new: &NewUser) -> Result<User> {
        let mut tx = self.begin_raw().await?;
        let user = insert_user(&mut tx, new).await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Creates an account with one membership, atomically (the `user add` command, the demo).
    pub async fn create_user_with_membership(
        &self,
        new: &NewUser,
        organisation: OrganisationId,
        role: Role,
    ) -> Result<User> {
        let mut tx = self.begin_raw().await?;
        let user = insert_user(&mut tx, new).await?;
        insert_membership(&mut tx, user.id, organisation, role).await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn get_user(&self, id: UserId) -> Result<Option<User>> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn find_user_by_email(&self, email: &Email) -> Result<Option<User>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// The user and their stored password hash, for sign-in (check it with `verify_password`).
    pub async fn user_credentials(&self, email: &Email) -> Result<Option<(User, String)>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get::<String, _>("password_hash")?)))
            .transpose()
    }

    /// Signs in: the account if the e-mail and password match, `None` otherwise. An unknown or malformed
    /// address costs the same hashing time as a wrong password, so timing does not tell who has an account.
    /// The check queues for the hashing threads (one per core).
    pub async fn authenticate(&self, email: &str, password: &str) -> Result<Option<User>> {
        // No account has a longer password (the policy refuses it), and hashing megabytes would be a cheap way
        // to load the server.
        if password.chars().count() > passerelle_domain::Password::MAX {
            return Ok(None);
        }
        let found = match Email::parse(email) {
            Ok(email) => self.user_credentials(&email).await?,
            Err(_) => None,
        };
        let password = password.to_owned();
        let (user, hash) = found.unzip();
        let matches = crate::verify_password_bounded(password, hash).await?;
        Ok(user.filter(|_| matches))
    }

    /// The account with its memberships, or `None` if it no longer exists (e.g. deleted while signed in).
    pub async fn user_with_memberships(
        &self,
        id: UserId,
    ) -> Result<Option<(User, Vec<Membership>)>> {
        let Some(user) = self.get_user(id).await? else {
            return Ok(None);
        };
        let memberships = self.memberships(id).await?;
        Ok(Some((user, memberships)))
    }

    /// The actor the authorization policy takes for this user (anonymous if the account no longer exists).
    pub async fn actor(&self, id: UserId) -> Result<passerelle_domain::Actor> {
        Ok(match self.user_with_memberships(id).await? {
            Some((user, memberships)) => passerelle_domain::Actor::User {
                id: user.id,
                memberships,
            },
            None => passerelle_domain::Actor::Anonymous,
        })
    }

    /// The stored hash of a user, e.g. to re-check the current password before a change.
    pub async fn password_hash(&self, id: UserId) -> Result<Option<String>> {
        let row = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("password_hash")).transpose()?)
    }

    /// Sets a new password hash (and voids the reset links asked before).
    pub async fn set_password_hash(&self, id: UserId, hash: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.set_password_hash(id, hash).await?;
        tx.commit().await
    }

    pub async fn update_user_profile(
        &self,
        id: UserId,
        name: &DisplayName,
        locale: Locale,
    ) -> Result<User> {
        let mut tx = self.begin().await?;
        let user = tx.update_user_profile(id, name, locale).await?;
        tx.commit().await?;
        Ok(user)
    }

    /// All accounts, by e-mail.
    pub async fn list_users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY email"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Deletes an account and what belongs only to it (memberships, sessions are the web's, reset links);
    /// irritants and events they wrote stay, without their author (GDPR erasure keeps the institutions' work).
    pub async fn delete_user(&self, id: UserId) -> Result<()> {
        let done = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            Err(Error::NotFound)
        } else {
            Ok(())
        }
    }

    /// Adds a role in an organisation (idempotent); the role must fit the organisation's kind
    /// (`Conflict("role-not-allowed-in-organisation")`).
    pub async fn add_membership(
        &self,
        user: UserId,
        organisation: OrganisationId,
        role: Role,
    ) -> Result<Membership> {
        let mut tx = self.begin_raw().await?;
        let exists = sqlx::query("SELECT 1 FROM users WHERE id = $1")
            .bind(user.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(Error::NotFound);
        }
        let m = insert_membership(&mut tx, user, organisation, role).await?;
        tx.commit().await?;
        Ok(m)
    }

    pub async fn remove_membership(
        &self,
        user: UserId,
        organisation: OrganisationId,
        role: Role,
    ) -> Result<()> {
        let done = sqlx::query(
            "DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2 AND role = $3",
        )
        .bind(user.to_string())
        .bind(organisation.to_string())
        .bind(role.as_str())
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            Err(Error::NotFound)
        } else {
            Ok(())
        }
    }

    /// The user's memberships (what the authorization policy needs).
    pub async fn memberships(&self, user: UserId) -> Result<Vec<Membership>> {
        Ok(self
            .membership_details(user)
            .await?
            .into_iter()
            .map(|d| d.membership)
            .collect())
    }

    /// The user's memberships with their organisations, sorted by organisation name.
    pub async fn membership_details(&self, user: UserId) -> Result<Vec<MembershipDetail>> {
        let rows = sqlx::query(
            "SELECT o.id, o.name, o.kind, o.created_at, m.role FROM memberships m \
             JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name_key, m.role",
        )
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let organisation = org_from_row(r)?;
                let role = parse_col(r, "role", Role::parse)?;
                Ok(MembershipDetail {
                    membership: Membership {
                        organisation: organisation.id,
                        kind: organisation.kind,
                        role,
                    },
                    organisation,
                })
            })
            .collect()
    }

    /// Members of an organisation with their roles, by e-mail.
    pub async fn organisation_members(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<(User, Role)>> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, u.display_name, u.locale, u.created_at, m.role FROM memberships m \
             JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 ORDER BY u.email, m.role",
        )
        .bind(organisation.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((user_from_row(r)?, parse_col(r, "role", Role::parse)?)))
            .collect()
    }

    /// Every account holding `role` in some organisation, by e-mail (the organisers, to notify them).
    pub async fn users_with_role(&self, role: Role) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "SELECT DISTINCT u.id, u.email, u.display_name, u.locale, u.created_at FROM memberships m \
             JOIN users u ON u.id = m.user_id WHERE m.role = $1 ORDER BY u.email",
        )
        .bind(role.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_from_row).collect()
    }
}

impl crate::Tx {
    /// Creates an account in the transaction (`Conflict("email-taken")` if the address has one).
    pub async fn create_user(&mut self, new: &NewUser) -> Result<User> {
        insert_user(&mut self.conn, new).await
    }

    /// Gives `user` a role in `organisation` (the role must fit the organisation's kind).
    pub async fn add_membership(
        &mut self,
        user: UserId,
        organisation: OrganisationId,
        role: Role,
    ) -> Result<Membership> {
        insert_membership(&mut self.conn, user, organisation, role).await
    }
}
