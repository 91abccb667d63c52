//! The audit log: one record per use case that changed something (who, what code, which object, when,
//! details as JSON), written in the use case's transaction so that it exists exactly when the change does.

use crate::{Result, Storage, Tx, from_ts, parse_opt_id, to_ts};
use passerelle_domain::UserId;
use sqlx::Row;
use time::OffsetDateTime;

/// What a use case records.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub actor: Option<UserId>,
    /// A stable code, e.g. `invitation-sent`.
    pub action: String,
    /// The kind of object (`irritant`, `company`, `invitation`, `edition`, `job`…).
    pub object_kind: String,
    pub object_id: Option<String>,
    pub details: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
}

impl Tx {
    /// Appends an audit record to the transaction.
    pub async fn audit(&mut self, entry: &AuditEntry) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (id, occurred_at, actor_id, action, object_kind, object_id, details) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(to_ts(entry.occurred_at))
        .bind(entry.actor.map(|a| a.to_string()))
        .bind(&entry.action)
        .bind(&entry.object_kind)
        .bind(entry.object_id.as_deref())
        .bind(entry.details.to_string())
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}

impl Storage {
    /// The audit records about one object (or, without `object_id`, of one kind), newest first.
    pub async fn audit_trail(
        &self,
        object_kind: &str,
        object_id: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let filter = if object_id.is_some() {
            " AND object_id = $3"
        } else {
            ""
        };
        let sql = format!(
            "SELECT occurred_at, actor_id, action, object_kind, object_id, details FROM audit_log \
             WHERE object_kind = $1{filter} ORDER BY occurred_at DESC, id LIMIT $2"
        );
        let mut query = sqlx::query(&sql).bind(object_kind).bind(limit);
        if let Some(id) = object_id {
            query = query.bind(id);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let details: String = r.try_get("details")?;
                Ok(AuditEntry {
                    actor: parse_opt_id(r, "actor_id")?,
                    action: r.try_get("action")?,
                    object_kind: r.try_get("object_kind")?,
                    object_id: r.try_get("object_id")?,
                    details: serde_json::from_str(&details)
                        .map_err(|e| crate::Error::Corrupt(format!("audit details: {e}")))?,
                    occurred_at: from_ts(r.try_get("occurred_at")?)?,
                })
            })
            .collect()
    }
}
