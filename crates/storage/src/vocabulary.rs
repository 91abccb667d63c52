//! The controlled vocabulary of domains.

use crate::{Error, Result, Storage, parse_col};
use passerelle_domain::{DomainEntry, Field, ShortText, Slug};
use sqlx::Row;

impl Storage {
    /// The domains in their display order.
    pub async fn list_domains(&self) -> Result<Vec<DomainEntry>> {
        let rows =
            sqlx::query("SELECT slug, label_fr, label_en FROM domains ORDER BY position, slug")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                Ok(DomainEntry {
                    slug: parse_col(r, "slug", Slug::parse)?,
                    label_fr: parse_col(r, "label_fr", |s| ShortText::parse(Field::Label, s))?,
                    label_en: parse_col(r, "label_en", |s| ShortText::parse(Field::Label, s))?,
                })
            })
            .collect()
    }

    /// Adds a domain (at the end of the list) or changes the labels of an existing one. Slugs are kept stable:
    /// irritants and profiles refer to them.
    pub async fn upsert_domain(&self, entry: &DomainEntry) -> Result<()> {
        let mut tx = self.begin_raw().await?;
        upsert_domain_in(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a domain no irritant or company uses (`Conflict("domain-in-use")` otherwise).
    pub async fn delete_domain(&self, slug: &Slug) -> Result<()> {
        let mut tx = self.begin_raw().await?;
        let used = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM irritant_domains WHERE domain_slug = $1) + \
                    (SELECT COUNT(*) FROM company_specialties WHERE domain_slug = $1) AS uses",
        )
        .bind(slug.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if used.try_get::<i64, _>("uses")? > 0 {
            return Err(Error::Conflict("domain-in-use"));
        }
        let done = sqlx::query("DELETE FROM domains WHERE slug = $1")
            .bind(slug.as_str())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Checks that every slug is in the vocabulary, inside the caller's transaction (`domains-unknown`).
pub(crate) async fn check_domains(conn: &mut sqlx::AnyConnection, slugs: &[Slug]) -> Result<()> {
    for slug in slugs {
        let known = sqlx::query("SELECT 1 FROM domains WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        if known.is_none() {
            return Err(Error::Validation(
                passerelle_domain::ValidationError::Unknown(Field::Domains),
            ));
        }
    }
    Ok(())
}

/// Adds a domain at the end of the list, or changes its labels, inside the caller's transaction.
pub(crate) async fn upsert_domain_in(
    conn: &mut sqlx::AnyConnection,
    entry: &DomainEntry,
) -> Result<()> {
    let exists = sqlx::query("SELECT 1 FROM domains WHERE slug = $1")
        .bind(entry.slug.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_some() {
        sqlx::query("UPDATE domains SET label_fr = $1, label_en = $2 WHERE slug = $3")
            .bind(entry.label_fr.as_str())
            .bind(entry.label_en.as_str())
            .bind(entry.slug.as_str())
            .execute(&mut *conn)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO domains (slug, label_fr, label_en, position) \
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM domains))",
        )
        .bind(entry.slug.as_str())
        .bind(entry.label_fr.as_str())
        .bind(entry.label_en.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

impl crate::Tx {
    /// Adds or relabels a domain of the vocabulary in the transaction.
    pub async fn upsert_domain(&mut self, entry: &DomainEntry) -> Result<()> {
        upsert_domain_in(&mut self.conn, entry).await
    }
}
