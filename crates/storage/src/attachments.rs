//! Attachments of irritants and company profiles: the file's bytes in the database beside what lists show
//! (name, kind, size, digest, who sent it). Lists never load the bytes. See migration 0310.

use passerelle_domain::{AttachmentId, IrritantId, OrganisationId, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::{Error, Result, Storage, Tx, from_ts, parse_id, parse_opt_id, to_ts};

/// What an attachment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttachmentOwner {
    Irritant(IrritantId),
    /// A company's profile (its product sheet).
    Company(OrganisationId),
}

impl AttachmentOwner {
    /// The owner's column and id, for queries.
    fn column(&self) -> (&'static str, String) {
        match self {
            AttachmentOwner::Irritant(id) => ("irritant_id", id.to_string()),
            AttachmentOwner::Company(id) => ("company_id", id.to_string()),
        }
    }
}

/// An attachment as lists show it (no bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: AttachmentId,
    pub owner: AttachmentOwner,
    pub file_name: String,
    /// The detected kind's code (`pdf`, `png`, …).
    pub kind: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: OffsetDateTime,
}

/// A new attachment and its bytes.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    pub owner: AttachmentOwner,
    pub file_name: &'a str,
    pub kind: &'a str,
    pub sha256: &'a str,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: OffsetDateTime,
    pub data: &'a [u8],
}

const COLUMNS: &str =
    "id, irritant_id, company_id, file_name, kind, size, sha256, uploaded_by, uploaded_at";

fn read(row: &AnyRow) -> Result<Attachment> {
    let owner = match (
        parse_opt_id::<IrritantId>(row, "irritant_id")?,
        parse_opt_id::<OrganisationId>(row, "company_id")?,
    ) {
        (Some(irritant), None) => AttachmentOwner::Irritant(irritant),
        (None, Some(company)) => AttachmentOwner::Company(company),
        _ => {
            return Err(Error::Corrupt(
                "attachment without exactly one owner".into(),
            ));
        }
    };
    Ok(Attachment {
        id: parse_id(row, "id")?,
        owner,
        file_name: row.try_get("file_name")?,
        kind: row.try_get("kind")?,
        size: row.try_get("size")?,
        sha256: row.try_get("sha256")?,
        uploaded_by: parse_opt_id(row, "uploaded_by")?,
        uploaded_at: from_ts(row.try_get("uploaded_at")?)?,
    })
}

impl Storage {
    /// The attachments of `owner`, oldest first.
    pub async fn list_attachments(&self, owner: AttachmentOwner) -> Result<Vec<Attachment>> {
        let (column, id) = owner.column();
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM attachments WHERE {column} = $1 ORDER BY uploaded_at, file_name"
        ))
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(read).collect()
    }

    pub async fn get_attachment(&self, id: AttachmentId) -> Result<Option<Attachment>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM attachments WHERE id = $1"))
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(read).transpose()
    }

    /// The bytes of an attachment.
    pub async fn attachment_data(&self, id: AttachmentId) -> Result<Option<Vec<u8>>> {
        let row = sqlx::query("SELECT data FROM attachments WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get::<Vec<u8>, _>("data")).transpose()?)
    }

    /// Every attachment `user` sent, wherever it is (for the account's GDPR export).
    pub async fn attachments_uploaded_by(&self, user: UserId) -> Result<Vec<Attachment>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM attachments WHERE uploaded_by = $1 ORDER BY uploaded_at, file_name"
        ))
        .bind(user.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(read).collect()
    }
}

impl Tx {
    /// Stores a new attachment unless `owner` already holds `max_count` (checked in the transaction:
    /// `Conflict("attachment-too-many")`).
    pub async fn add_attachment(
        &mut self,
        new: &NewAttachment<'_>,
        max_count: usize,
    ) -> Result<Attachment> {
        let (column, owner_id) = new.owner.column();
        let count: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM attachments WHERE {column} = $1"
        ))
        .bind(owner_id.clone())
        .fetch_one(&mut *self.conn)
        .await?;
        if count as usize >= max_count {
            return Err(Error::Conflict("attachment-too-many"));
        }
        let id = AttachmentId::new();
        let (irritant, company) = match new.owner {
            AttachmentOwner::Irritant(i) => (Some(i.to_string()), None),
            AttachmentOwner::Company(c) => (None, Some(c.to_string())),
        };
        sqlx::query(
            "INSERT INTO attachments (id, irritant_id, company_id, file_name, kind, size, sha256, \
             uploaded_by, uploaded_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id.to_string())
        .bind(irritant)
        .bind(company)
        .bind(new.file_name)
        .bind(new.kind)
        .bind(new.data.len() as i64)
        .bind(new.sha256)
        .bind(new.uploaded_by.map(|u| u.to_string()))
        .bind(to_ts(new.uploaded_at))
        .bind(new.data.to_vec())
        .execute(&mut *self.conn)
        .await?;
        Ok(Attachment {
            id,
            owner: new.owner,
            file_name: new.file_name.to_string(),
            kind: new.kind.to_string(),
            size: new.data.len() as i64,
            sha256: new.sha256.to_string(),
            uploaded_by: new.uploaded_by,
            uploaded_at: new.uploaded_at,
        })
    }

    /// Deletes an attachment and its bytes; `false` when there was none.
    pub async fn delete_attachment(&mut self, id: AttachmentId) -> Result<bool> {
        let done = sqlx::query("DELETE FROM attachments WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *self.conn)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
