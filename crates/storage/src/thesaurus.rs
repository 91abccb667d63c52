//! The thesaurus as data: concepts (French and English labels, synonyms, related concepts) grouped under
//! the domains of the vocabulary, its top level. The matching engine is built from these rows.

use crate::{Error, Result, Storage, Tx, parse_col, parse_opt_col, to_ts};
use passerelle_domain::{Field, ShortText, Slug};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A concept of the thesaurus.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Concept {
    pub key: Slug,
    /// The domain it belongs to; `None` when unclassified (its domain was removed).
    pub domain: Option<Slug>,
    pub label_fr: ShortText,
    pub label_en: ShortText,
    pub synonyms: Vec<ShortText>,
    /// Keys of the related concepts, sorted (the relation is symmetric).
    pub related: Vec<Slug>,
}

/// The setting that says the thesaurus was seeded once (an emptied thesaurus stays empty).
const SEEDED: &str = "thesaurus-seeded";

fn from_row(row: &AnyRow) -> Result<Concept> {
    let synonyms: String = row.try_get("synonyms")?;
    Ok(Concept {
        key: parse_col(row, "concept_key", Slug::parse)?,
        domain: parse_opt_col(row, "domain_slug", Slug::parse)?,
        label_fr: parse_col(row, "label_fr", |s| ShortText::parse(Field::Label, s))?,
        label_en: parse_col(row, "label_en", |s| ShortText::parse(Field::Label, s))?,
        synonyms: synonyms
            .lines()
            .map(|s| {
                ShortText::parse(Field::Label, s)
                    .map_err(|e| Error::Corrupt(format!("synonym: {e:?}")))
            })
            .collect::<Result<_>>()?,
        related: Vec::new(),
    })
}

async fn load_all(conn: &mut sqlx::AnyConnection) -> Result<Vec<Concept>> {
    let rows = sqlx::query(
        "SELECT c.concept_key, c.domain_slug, c.label_fr, c.label_en, c.synonyms FROM thesaurus_concepts c \
         LEFT JOIN domains d ON d.slug = c.domain_slug ORDER BY COALESCE(d.position, 1000000000), c.position, c.concept_key",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut concepts: Vec<Concept> = rows.iter().map(from_row).collect::<Result<_>>()?;
    let pairs = sqlx::query("SELECT concept_a, concept_b FROM thesaurus_related")
        .fetch_all(&mut *conn)
        .await?;
    let index: std::collections::HashMap<String, usize> = concepts
        .iter()
        .enumerate()
        .map(|(n, c)| (c.key.as_str().to_string(), n))
        .collect();
    for p in &pairs {
        let a: String = p.try_get("concept_a")?;
        let b: String = p.try_get("concept_b")?;
        if let (Some(&x), Some(&y)) = (index.get(&a), index.get(&b)) {
            let (ka, kb) = (concepts[x].key.clone(), concepts[y].key.clone());
            concepts[x].related.push(kb);
            concepts[y].related.push(ka);
        }
    }
    for c in &mut concepts {
        c.related.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        c.related.dedup();
    }
    Ok(concepts)
}

impl Storage {
    /// Every concept, domain by domain in the vocabulary's order (unclassified ones last), with its
    /// related concepts.
    pub async fn thesaurus(&self) -> Result<Vec<Concept>> {
        let mut conn = self.pool.acquire().await?;
        load_all(&mut conn).await
    }

    /// Whether the thesaurus was seeded once.
    pub async fn thesaurus_seeded(&self) -> Result<bool> {
        let row = sqlx::query("SELECT 1 FROM settings WHERE key = $1")
            .bind(SEEDED)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }
}

impl Tx {
    /// The thesaurus, read inside the transaction.
    pub async fn thesaurus(&mut self) -> Result<Vec<Concept>> {
        load_all(&mut self.conn).await
    }

    /// Claims the one-time seeding of the thesaurus: `true` for the first caller only (the setting is
    /// written in this transaction, so two servers starting together seed once).
    pub async fn claim_thesaurus_seeding(&mut self) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, 'yes') ON CONFLICT (key) DO NOTHING",
        )
        .bind(SEEDED)
        .execute(&mut *self.conn)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds a concept (at the end of its domain) or replaces an existing one, with its related concepts
    /// (which must exist: `NotFound` otherwise, and nothing is written).
    pub async fn save_concept(&mut self, concept: &Concept, now: OffsetDateTime) -> Result<()> {
        let key = concept.key.as_str();
        let synonyms: Vec<&str> = concept.synonyms.iter().map(|s| s.as_str()).collect();
        let exists = sqlx::query("SELECT 1 FROM thesaurus_concepts WHERE concept_key = $1")
            .bind(key)
            .fetch_optional(&mut *self.conn)
            .await?;
        if exists.is_some() {
            sqlx::query(
                "UPDATE thesaurus_concepts SET domain_slug = $1, label_fr = $2, label_en = $3, synonyms = $4, \
                 updated_at = $5 WHERE concept_key = $6",
            )
            .bind(concept.domain.as_ref().map(|d| d.as_str().to_string()))
            .bind(concept.label_fr.as_str())
            .bind(concept.label_en.as_str())
            .bind(synonyms.join("\n"))
            .bind(to_ts(now))
            .bind(key)
            .execute(&mut *self.conn)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO thesaurus_concepts (concept_key, domain_slug, label_fr, label_en, synonyms, position, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM thesaurus_concepts), $6)",
            )
            .bind(key)
            .bind(concept.domain.as_ref().map(|d| d.as_str().to_string()))
            .bind(concept.label_fr.as_str())
            .bind(concept.label_en.as_str())
            .bind(synonyms.join("\n"))
            .bind(to_ts(now))
            .execute(&mut *self.conn)
            .await?;
        }
        // The concept's relations are replaced; the other ends are touched, since their list changed too.
        let before = sqlx::query(
            "SELECT concept_a AS other FROM thesaurus_related WHERE concept_b = $1 \
             UNION SELECT concept_b AS other FROM thesaurus_related WHERE concept_a = $1",
        )
        .bind(key)
        .fetch_all(&mut *self.conn)
        .await?;
        let mut touched: Vec<String> = before
            .iter()
            .map(|r| r.try_get::<String, _>("other"))
            .collect::<std::result::Result<_, _>>()?;
        sqlx::query("DELETE FROM thesaurus_related WHERE concept_a = $1 OR concept_b = $1")
            .bind(key)
            .execute(&mut *self.conn)
            .await?;
        for other in &concept.related {
            let other = other.as_str();
            if other == key {
                continue;
            }
            let known = sqlx::query("SELECT 1 FROM thesaurus_concepts WHERE concept_key = $1")
                .bind(other)
                .fetch_optional(&mut *self.conn)
                .await?;
            if known.is_none() {
                return Err(Error::NotFound);
            }
            let (a, b) = if key < other {
                (key, other)
            } else {
                (other, key)
            };
            sqlx::query(
                "INSERT INTO thesaurus_related (concept_a, concept_b) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(a)
            .bind(b)
            .execute(&mut *self.conn)
            .await?;
            touched.push(other.to_string());
        }
        for other in touched {
            sqlx::query("UPDATE thesaurus_concepts SET updated_at = $1 WHERE concept_key = $2")
                .bind(to_ts(now))
                .bind(other)
                .execute(&mut *self.conn)
                .await?;
        }
        crate::recommendations::mark_stale(
            &mut self.conn,
            crate::recommendations::Stale::Thesaurus,
        )
        .await?;
        Ok(())
    }

    /// Removes a concept and its relations; whether it existed.
    pub async fn delete_concept(&mut self, key: &Slug, now: OffsetDateTime) -> Result<bool> {
        sqlx::query(
            "UPDATE thesaurus_concepts SET updated_at = $1 WHERE concept_key IN \
             (SELECT concept_a FROM thesaurus_related WHERE concept_b = $2 \
              UNION SELECT concept_b FROM thesaurus_related WHERE concept_a = $2)",
        )
        .bind(to_ts(now))
        .bind(key.as_str())
        .execute(&mut *self.conn)
        .await?;
        sqlx::query("DELETE FROM thesaurus_related WHERE concept_a = $1 OR concept_b = $1")
            .bind(key.as_str())
            .execute(&mut *self.conn)
            .await?;
        let done = sqlx::query("DELETE FROM thesaurus_concepts WHERE concept_key = $1")
            .bind(key.as_str())
            .execute(&mut *self.conn)
            .await?;
        crate::recommendations::mark_stale(
            &mut self.conn,
            crate::recommendations::Stale::Thesaurus,
        )
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
