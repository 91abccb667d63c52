//! Personal data (GDPR articles 15, 17 and 20): everything held about one account, read in one snapshot as
//! sections of rows with stable keys (the export), and the account's erasure in the caller's transaction
//! (the person removed, what belongs to organisations kept without them).
//!
//! The keys are the export's documented format (README, « Données personnelles »): each section is a list
//! of objects; times are RFC 3339 in UTC, absent values `null`.

use crate::{Result, Storage, Tx};
use passerelle_domain::{DisplayName, Email, Locale, UserId};
use serde_json::{Map, Value};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// One section of the export: its stable key and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub key: &'static str,
    /// The rows' keys in the order of the section (a row's map is sorted by key).
    pub keys: Vec<String>,
    pub rows: Vec<Map<String, Value>>,
}

/// The sections of the export, in order, each one query with `$1` the account's id and `$2` its address
/// (those naming only `$1`, the id or, see [`BY_ADDRESS`], the address). Column aliases are the export's
/// keys; a column ending in `_at` is a time, `details` a JSON document.
const SECTIONS: &[(&str, &str)] = &[
    (
        "account",
        "SELECT id, email, display_name AS name, locale AS language, created_at, \
         CAST(CASE WHEN password_hash = '' THEN 0 ELSE 1 END AS BIGINT) AS has_password \
         FROM users WHERE id = $1 AND email = $2",
    ),
    (
        "memberships",
        "SELECT o.id AS organisation_id, o.name AS organisation, o.kind AS organisation_kind, m.role, \
         m.created_at FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
         WHERE m.user_id = $1 ORDER BY o.name_key, m.role",
    ),
    (
        "sessions",
        "SELECT created_at, last_seen_at, expires_at, device FROM sessions WHERE user_id = $1 \
         ORDER BY created_at, expires_at",
    ),
    (
        "sign_in_identities",
        "SELECT federation, issuer, subject, email, label AS organisation, linked_at, last_used_at \
         FROM federated_identities WHERE user_id = $1 ORDER BY linked_at",
    ),
    (
        "failed_sign_ins",
        "SELECT address, at AS occurred_at FROM sign_in_failures WHERE account = $1 ORDER BY at",
    ),
    (
        "password_resets",
        "SELECT created_at, expires_at, used_at FROM password_resets WHERE user_id = $1 \
         ORDER BY created_at",
    ),
    (
        "account_links",
        "SELECT purpose, new_email, created_at, expires_at, used_at FROM account_tokens \
         WHERE user_id = $1 ORDER BY created_at",
    ),
    (
        "join_requests",
        "SELECT o.name AS organisation, r.claim_kind, r.claim_value, r.requested_at \
         FROM organisation_join_requests r \
         JOIN organisations o ON o.id = r.organisation_id WHERE r.user_id = $1 ORDER BY r.requested_at",
    ),
    (
        "invitations_received",
        "SELECT o.name AS organisation, i.role, i.email, i.created_at, i.expires_at, i.used_at \
         FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
         WHERE i.email = $2 OR i.used_by = $1 ORDER BY i.created_at",
    ),
    (
        "invitations_sent",
        "SELECT o.name AS organisation, i.role, i.email, i.created_at, i.expires_at, i.used_at \
         FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
         WHERE i.invited_by = $1 ORDER BY i.created_at",
    ),
    (
        "irritants",
        "SELECT i.id, e.title AS edition, o.name AS institution, i.reference, i.title, i.status, \
         i.contact_name, i.contact_email, CAST(CASE WHEN i.author_id = $1 THEN 1 ELSE 0 END AS BIGINT) \
         AS authored, i.created_at, i.updated_at FROM irritants i JOIN editions e ON e.id = i.edition_id \
         JOIN organisations o ON o.id = i.institution_id WHERE i.author_id = $1 OR i.contact_email = $2 \
         ORDER BY i.created_at, i.id",
    ),
    (
        "irritant_history",
        "SELECT v.irritant_id, i.title AS irritant, v.action, v.from_status, v.to_status, v.comment, \
         v.occurred_at FROM irritant_events v JOIN irritants i ON i.id = v.irritant_id \
         WHERE v.actor_id = $1 ORDER BY v.occurred_at, v.irritant_id, v.seq",
    ),
    (
        "participations",
        "SELECT e.title AS edition, o.name AS company, p.status, \
         CAST(CASE WHEN p.invited_by_user = $1 THEN 1 ELSE 0 END AS BIGINT) AS invited_by_you, \
         CAST(CASE WHEN p.validated_by = $1 THEN 1 ELSE 0 END AS BIGINT) AS validated_by_you, \
         p.created_at, p.updated_at FROM participations p JOIN editions e ON e.id = p.edition_id \
         JOIN organisations o ON o.id = p.company_id \
         WHERE p.invited_by_user = $1 OR p.validated_by = $1 ORDER BY p.created_at",
    ),
    (
        "wishes",
        "SELECT w.irritant_id, i.title AS irritant, o.name AS company, w.side, w.level, w.pitch, \
         w.conflict_of_interest, w.updated_at FROM wishes w JOIN irritants i ON i.id = w.irritant_id \
         JOIN organisations o ON o.id = w.company_id WHERE w.author_id = $1 ORDER BY w.updated_at",
    ),
    (
        "meetings",
        "SELECT v.meeting_id, i.title AS irritant, o.name AS company, v.action, v.side, v.reason, \
         v.comment, v.occurred_at FROM meeting_events v JOIN meetings m ON m.id = v.meeting_id \
         JOIN irritants i ON i.id = m.irritant_id JOIN organisations o ON o.id = m.company_id \
         WHERE v.actor_id = $1 ORDER BY v.occurred_at, v.meeting_id, v.seq",
    ),
    (
        "ratings",
        "SELECT r.meeting_id, i.title AS irritant, o.name AS company, r.side, r.round, r.score, \
         r.follow_up, r.comment, r.rated_at FROM meeting_ratings r JOIN meetings m ON m.id = r.meeting_id \
         JOIN irritants i ON i.id = m.irritant_id JOIN organisations o ON o.id = m.company_id \
         WHERE r.rated_by = $1 ORDER BY r.rated_at",
    ),
    (
        "attachments",
        "SELECT a.file_name, a.kind, a.size, i.title AS irritant, o.name AS company, a.uploaded_at \
         FROM attachments a LEFT JOIN irritants i ON i.id = a.irritant_id \
         LEFT JOIN organisations o ON o.id = a.company_id WHERE a.uploaded_by = $1 \
         ORDER BY a.uploaded_at, a.file_name",
    ),
    (
        "check_ins",
        "SELECT e.title AS edition, c.checked_in_at FROM day_checkins c \
         JOIN editions e ON e.id = c.edition_id WHERE c.user_id = $1 ORDER BY c.checked_in_at",
    ),
    (
        "agenda_feed",
        "SELECT created_at FROM agenda_feeds WHERE user_id = $1",
    ),
    (
        "work_started",
        "SELECT kind, status, created_at, finished_at FROM jobs WHERE created_by = $1 \
         ORDER BY created_at",
    ),
    (
        "mails",
        "SELECT kind, recipient, lang AS language, subject, body, status, created_at, sent_at \
         FROM mail_outbox WHERE recipient = $1 ORDER BY created_at, id",
    ),
    (
        "audit",
        "SELECT occurred_at, action, object_kind, object_id, \
         CAST(CASE WHEN actor_id = $1 THEN 1 ELSE 0 END AS BIGINT) AS by_you, details \
         FROM audit_log WHERE actor_id = $1 OR object_id = $1 ORDER BY occurred_at, id",
    ),
];

/// The sections whose only parameter, `$1`, is the account's address.
const BY_ADDRESS: &[&str] = &["failed_sign_ins", "mails"];

/// The keys whose 0/1 values are booleans in the export.
const FLAGS: &[&str] = &[
    "has_password",
    "authored",
    "invited_by_you",
    "validated_by_you",
    "conflict_of_interest",
    "by_you",
];

/// The keys of every section, for the documentation and the readable page: `(section, [keys])`.
pub fn section_keys() -> Vec<(&'static str, Vec<String>)> {
    SECTIONS
        .iter()
        .map(|(key, sql)| (*key, select_keys(sql)))
        .collect()
}

/// The output names of a `SELECT a, b AS c, … FROM` list (the alias, else the column).
fn select_keys(sql: &str) -> Vec<String> {
    let list = sql
        .trim_start_matches("SELECT ")
        .split(" FROM ")
        .next()
        .unwrap_or("");
    let mut keys = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                keys.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    keys.push(current);
    keys.iter()
        .map(|item| {
            let item = item.trim();
            let name = item.rsplit(" AS ").next().unwrap_or(item);
            name.rsplit('.').next().unwrap_or(name).trim().to_owned()
        })
        .collect()
}

fn value_of(row: &AnyRow, index: usize, key: &str) -> Result<Value> {
    // The `Any` driver carries integers and text: ask for a number first, then text.
    if let Ok(number) = row.try_get::<Option<i64>, _>(index) {
        return Ok(match number {
            None => Value::Null,
            Some(n) if FLAGS.contains(&key) => Value::Bool(n != 0),
            Some(n) if key.ends_with("_at") => OffsetDateTime::from_unix_timestamp(n)
                .ok()
                .and_then(|t| t.format(&Rfc3339).ok())
                .map_or(Value::Null, Value::String),
            Some(n) => Value::from(n),
        });
    }
    let text: Option<String> = row.try_get(index)?;
    Ok(match text {
        None => Value::Null,
        Some(t) if key == "details" => serde_json::from_str(&t).unwrap_or(Value::String(t)),
        Some(t) => Value::String(t),
    })
}

impl Storage {
    /// Everything held about `user`, in one consistent snapshot; `None` if the account does not exist.
    pub async fn personal_data(&self, user: UserId) -> Result<Option<Vec<Section>>> {
        let Some(account) = self.get_user(user).await? else {
            return Ok(None);
        };
        let mut tx = self.pool.begin().await?;
        if self.backend == crate::Backend::Postgres {
            // One snapshot for every section; SQLite's read transaction already gives one.
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let mut sections = Vec::with_capacity(SECTIONS.len());
        for (key, sql) in SECTIONS {
            let keys = select_keys(sql);
            // PostgreSQL refuses a parameter a statement does not use.
            let query = if BY_ADDRESS.contains(key) {
                sqlx::query(sql).bind(account.email.as_str())
            } else if sql.contains("$2") {
                sqlx::query(sql)
                    .bind(user.to_string())
                    .bind(account.email.as_str())
            } else {
                sqlx::query(sql).bind(user.to_string())
            };
            let rows = query.fetch_all(&mut *tx).await?;
            let rows = rows
                .iter()
                .map(|row| {
                    keys.iter()
                        .enumerate()
                        .map(|(i, k)| Ok((k.clone(), value_of(row, i, k)?)))
                        .collect::<Result<Map<String, Value>>>()
                })
                .collect::<Result<Vec<_>>>()?;
            sections.push(Section { key, keys, rows });
        }
        tx.commit().await?;
        Ok(Some(sections))
    }
}

/// Who an erased account was, for the last mail and the audit record (kept nowhere else).
#[derive(Debug, Clone)]
pub struct Erased {
    pub email: Email,
    pub display_name: DisplayName,
    pub locale: Locale,
}

/// The text that replaces the person in what stays (an audit record's details).
pub const ERASED: &str = "[supprimé]";

/// Replaces every string of `value` that holds one of `needles` (case-insensitively) by [`ERASED`].
fn scrub(value: &mut Value, needles: &[String]) -> bool {
    match value {
        Value::String(s) => {
            let lower = s.to_lowercase();
            if needles.iter().any(|n| lower.contains(n.as_str())) {
                *s = ERASED.to_owned();
                true
            } else {
                false
            }
        }
        Value::Array(items) => items.iter_mut().fold(false, |c, v| scrub(v, needles) | c),
        Value::Object(map) => map.values_mut().fold(false, |c, v| scrub(v, needles) | c),
        _ => false,
    }
}

impl Tx {
    /// Erases `user` (article 17): the account, its memberships, sessions, sign-in identities, links,
    /// agenda feed, check-ins, join requests, the mails to its address (and the delivered ones naming it)
    /// and the failed sign-ins typed with it are deleted; what belongs to an organisation (irritants, wishes, meetings and their history,
    /// ratings, runs, participations) stays with the organisation, without its author (the foreign keys
    /// set them to NULL), and an irritant whose contact was this person loses its contact. Audit records
    /// keep what happened but no longer say by whom, nor name the person. All in the caller's
    /// transaction: nothing is half done.
    pub async fn erase_user(&mut self, user: UserId) -> Result<Erased> {
        let account = self.user(user).await?;
        let id = user.to_string();
        let email = account.email.as_str().to_owned();
        let conn = &mut *self.conn;
        // The account's address, and the ones it asked to move to (their confirmation mails, the audit).
        let mut addresses = vec![email.clone()];
        for row in sqlx::query(
            "SELECT DISTINCT new_email FROM account_tokens WHERE user_id = $1 AND new_email IS NOT NULL",
        )
        .bind(&id)
        .fetch_all(&mut *conn)
        .await?
        {
            addresses.push(row.try_get("new_email")?);
        }
        // Fiches that printed this person as their contact are rendered again without them.
        let contact_of: Vec<(String, String)> = sqlx::query(
            "SELECT id, edition_id FROM irritants WHERE contact_email = $1 OR author_id = $2",
        )
        .bind(&email)
        .bind(&id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("edition_id")?)))
        .collect::<Result<_>>()?;
        for (irritant, edition) in &contact_of {
            sqlx::query(
                "DELETE FROM rendered_documents WHERE (kind = 'fiche' AND subject = $1) \
                 OR (kind = 'booklet' AND subject = $2)",
            )
            .bind(irritant)
            .bind(edition)
            .execute(&mut *conn)
            .await?;
        }
        // Its contact, when the fiche names this person (by address, or its author by name).
        sqlx::query(
            "UPDATE irritants SET contact_name = NULL, contact_email = NULL WHERE contact_email = $1 \
             OR (author_id = $2 AND contact_name = $3)",
        )
        .bind(&email)
        .bind(&id)
        .bind(account.display_name.as_str())
        .execute(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(&id)
            .execute(&mut *conn)
            .await?;
        for address in &addresses {
            for sql in [
                "DELETE FROM invitations WHERE email = $1",
                "DELETE FROM mail_outbox WHERE recipient = $1",
                "DELETE FROM sign_in_failures WHERE account = $1",
            ] {
                sqlx::query(sql).bind(address).execute(&mut *conn).await?;
            }
        }
        // Mails to others that named the person: once delivered, the copy is only a log. Those still to
        // be delivered are the organisations' business, written before the request, and go out.
        let name = account.display_name.as_str();
        let names_them = format!("%{name}%");
        sqlx::query(
            "DELETE FROM mail_outbox WHERE status <> 'pending' AND (body LIKE $1 OR subject LIKE $1 \
             OR body LIKE $2 OR subject LIKE $2)",
        )
        .bind(format!("%{email}%"))
        .bind(&names_them)
        .execute(&mut *conn)
        .await?;
        // A single sign-on in progress that carried the address.
        sqlx::query("DELETE FROM saml_pending WHERE identity LIKE $1")
            .bind(format!("%{email}%"))
            .execute(&mut *conn)
            .await?;
        // What the audit says about the person: the records stay (what happened to the organisations'
        // objects), their text naming the person does not. A short name (under 5 characters) is looked
        // for only in the records by or about the person: elsewhere it would match unrelated words.
        let mut everywhere: Vec<String> = addresses.iter().map(|a| a.to_lowercase()).collect();
        everywhere.push(id.clone());
        let mut theirs = everywhere.clone();
        theirs.push(name.to_lowercase());
        if name.chars().count() >= 5 {
            everywhere.push(name.to_lowercase());
        }
        let rows = sqlx::query(
            "SELECT id, object_id, actor_id, details FROM audit_log WHERE object_id = $1 \
             OR actor_id = $1 OR details LIKE $2 OR details LIKE $3 OR details LIKE $4",
        )
        .bind(&id)
        .bind(format!("%{email}%"))
        .bind(format!("%{id}%"))
        .bind(&names_them)
        .fetch_all(&mut *conn)
        .await?;
        for row in rows {
            let audit_id: String = row.try_get("id")?;
            let object: Option<String> = row.try_get("object_id")?;
            let actor: Option<String> = row.try_get("actor_id")?;
            let text: String = row.try_get("details")?;
            let about =
                object.as_deref() == Some(id.as_str()) || actor.as_deref() == Some(id.as_str());
            let mut details: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let changed = scrub(&mut details, if about { &theirs } else { &everywhere });
            sqlx::query("UPDATE audit_log SET details = $1, object_id = $2 WHERE id = $3")
                .bind(if changed { details.to_string() } else { text })
                .bind(object.filter(|o| o != &id))
                .bind(&audit_id)
                .execute(&mut *conn)
                .await?;
        }
        // The rest follows the foreign keys: memberships, identities, reset and account links, feeds,
        // check-ins, join requests deleted; authorship set to NULL.
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(&id)
            .execute(&mut *conn)
            .await?;
        Ok(Erased {
            email: account.email,
            display_name: account.display_name,
            locale: account.locale,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_select_lists_names() {
        let keys = section_keys();
        let account = &keys.iter().find(|(k, _)| *k == "account").unwrap().1;
        assert_eq!(
            account,
            &[
                "id",
                "email",
                "name",
                "language",
                "created_at",
                "has_password"
            ]
        );
        let irritants = &keys.iter().find(|(k, _)| *k == "irritants").unwrap().1;
        assert!(irritants.contains(&"authored".to_owned()));
        assert!(irritants.contains(&"edition".to_owned()));
    }

    #[test]
    fn scrubbing_replaces_the_strings_naming_the_person() {
        let mut v = serde_json::json!({"email": "Marie@Exemple.fr", "n": 3, "list": ["x", "chez marie@exemple.fr"]});
        assert!(scrub(&mut v, &["marie@exemple.fr".to_owned()]));
        assert_eq!(
            v,
            serde_json::json!({"email": ERASED, "n": 3, "list": ["x", ERASED]})
        );
    }
}
