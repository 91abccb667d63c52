//! Rendered documents (fiches, booklets) kept with the fingerprint of what they print, so that a download
//! serves stored bytes until a fiche changes. See migration 0300.

use base64::Engine;
use sqlx::Row;
use time::OffsetDateTime;

use crate::{Error, Result, Storage, Tx, from_ts, to_ts};

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub fingerprint: String,
    pub data: Vec<u8>,
    pub built_at: OffsetDateTime,
}

/// What a list needs to show a document's size without loading its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSize {
    pub subject: String,
    pub fingerprint: String,
    pub size: i64,
    pub built_at: OffsetDateTime,
}

impl Storage {
    /// The stored document `kind` of `subject` in `lang`, whatever its fingerprint.
    pub async fn get_document(
        &self,
        kind: &str,
        subject: &str,
        lang: &str,
    ) -> Result<Option<StoredDocument>> {
        let row = sqlx::query(
            "SELECT fingerprint, data, built_at FROM rendered_documents \
             WHERE kind = $1 AND subject = $2 AND lang = $3",
        )
        .bind(kind)
        .bind(subject)
        .bind(lang)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            let data: String = row.try_get("data")?;
            Ok(StoredDocument {
                fingerprint: row.try_get("fingerprint")?,
                data: base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .map_err(|e| Error::Corrupt(format!("rendered document: {e}")))?,
                built_at: from_ts(row.try_get("built_at")?)?,
            })
        })
        .transpose()
    }

    /// Sizes and fingerprints of the stored documents `kind` in `lang` (no bytes loaded).
    pub async fn document_sizes(&self, kind: &str, lang: &str) -> Result<Vec<DocumentSize>> {
        let rows = sqlx::query(
            "SELECT subject, fingerprint, size, built_at FROM rendered_documents \
             WHERE kind = $1 AND lang = $2",
        )
        .bind(kind)
        .bind(lang)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(DocumentSize {
                    subject: row.try_get("subject")?,
                    fingerprint: row.try_get("fingerprint")?,
                    size: row.try_get("size")?,
                    built_at: from_ts(row.try_get("built_at")?)?,
                })
            })
            .collect()
    }
}

impl Tx {
    /// Stores (or replaces) the document `kind` of `subject` in `lang`.
    pub async fn put_document(
        &mut self,
        kind: &str,
        subject: &str,
        lang: &str,
        fingerprint: &str,
        data: &[u8],
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO rendered_documents (kind, subject, lang, fingerprint, data, size, built_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (kind, subject, lang) DO UPDATE SET fingerprint = excluded.fingerprint, \
             data = excluded.data, size = excluded.size, built_at = excluded.built_at",
        )
        .bind(kind)
        .bind(subject)
        .bind(lang)
        .bind(fingerprint)
        .bind(base64::engine::general_purpose::STANDARD.encode(data))
        .bind(data.len() as i64)
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
