//! Wishes: one side's wish about an (irritant, company) pair: what the matching run reads, what the demo
//! seeds, and what the wishes pages show and change.

use crate::{Error, Result, Storage, Tx, from_ts, parse_col, parse_id, parse_opt_id, to_ts};
use passerelle_domain::{
    EditionId, IrritantId, OrganisationId, Pitch, Side, UserId, Wish, WishLevel,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A stated wish and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredWish {
    pub irritant: IrritantId,
    pub company: OrganisationId,
    pub wish: Wish,
    pub author: Option<UserId>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A wish as the matching reads it: the pair, the side, the level and the conflict of interest. Its
/// `wish.pitch` is always `None`: the pitch is for people, and a national edition's half a million wishes
/// load in a fraction of the time without it and the author and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairWish {
    pub irritant: IrritantId,
    pub company: OrganisationId,
    pub wish: Wish,
}

const WISH_COLUMNS: &str =
    "irritant_id, company_id, side, level, pitch, conflict_of_interest, author_id, updated_at";

fn wish_from_row(row: &AnyRow) -> Result<StoredWish> {
    Ok(StoredWish {
        irritant: parse_id(row, "irritant_id")?,
        company: parse_id(row, "company_id")?,
        wish: Wish {
            side: parse_col(row, "side", Side::parse)?,
            level: parse_col(row, "level", WishLevel::parse)?,
            pitch: crate::parse_opt_col(row, "pitch", Pitch::parse)?,
            conflict_of_interest: row.try_get::<i64, _>("conflict_of_interest")? != 0,
        },
        author: parse_opt_id(row, "author_id")?,
        updated_at: from_ts(row.try_get("updated_at")?)?,
    })
}

impl Tx {
    /// States (or replaces) a side's wish about a pair of the edition; the irritant must belong to the
    /// edition and the company be one.
    pub async fn set_wish(
        &mut self,
        edition: EditionId,
        irritant: IrritantId,
        company: OrganisationId,
        wish: &Wish,
        author: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let known = sqlx::query(
            "SELECT 1 FROM irritants i, organisations o WHERE i.id = $1 AND i.edition_id = $2 AND o.id = $3 AND o.kind = 'company'",
        )
        .bind(irritant.to_string())
        .bind(edition.to_string())
        .bind(company.to_string())
        .fetch_optional(&mut *self.conn)
        .await?;
        if known.is_none() {
            return Err(Error::NotFound);
        }
        sqlx::query(
            "INSERT INTO wishes (edition_id, irritant_id, company_id, side, level, pitch, conflict_of_interest, author_id, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (irritant_id, company_id, side) DO UPDATE SET \
             level = excluded.level, pitch = excluded.pitch, conflict_of_interest = excluded.conflict_of_interest, \
             author_id = excluded.author_id, updated_at = excluded.updated_at",
        )
        .bind(edition.to_string())
        .bind(irritant.to_string())
        .bind(company.to_string())
        .bind(wish.side.as_str())
        .bind(wish.level.as_str())
        .bind(wish.pitch.as_ref().map(|p| p.as_str().to_owned()))
        .bind(i64::from(wish.conflict_of_interest))
        .bind(author.map(|a| a.to_string()))
        .bind(to_ts(now))
        .execute(&mut *self.conn)
        .await?;
        crate::recommendations::mark_stale(
            &mut self.conn,
            crate::recommendations::Stale::Edition(edition),
        )
        .await?;
        Ok(())
    }
}

impl Tx {
    /// Withdraws a side's wish about a pair; whether there was one.
    pub async fn delete_wish(
        &mut self,
        irritant: IrritantId,
        company: OrganisationId,
        side: Side,
    ) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM wishes WHERE irritant_id = $1 AND company_id = $2 AND side = $3",
        )
        .bind(irritant.to_string())
        .bind(company.to_string())
        .bind(side.as_str())
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() > 0 {
            crate::recommendations::mark_stale(
                &mut self.conn,
                crate::recommendations::Stale::Irritant(irritant),
            )
            .await?;
        }
        Ok(done.rows_affected() > 0)
    }
}

impl Storage {
    /// Both sides' wishes about the pairs of one irritant.
    pub async fn wishes_of_irritant(&self, irritant: IrritantId) -> Result<Vec<StoredWish>> {
        let rows = sqlx::query(&format!(
            "SELECT {WISH_COLUMNS} FROM wishes WHERE irritant_id = $1 ORDER BY company_id, side"
        ))
        .bind(irritant.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(wish_from_row).collect()
    }

    /// Both sides' wishes about the pairs of one company in an edition.
    pub async fn wishes_of_company(
        &self,
        edition: EditionId,
        company: OrganisationId,
    ) -> Result<Vec<StoredWish>> {
        let rows = sqlx::query(&format!(
            "SELECT {WISH_COLUMNS} FROM wishes WHERE company_id = $1 AND edition_id = $2 ORDER BY irritant_id, side"
        ))
        .bind(company.to_string())
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(wish_from_row).collect()
    }

    /// Every wish of an edition as the matching reads it (see [`PairWish`]), in the order of
    /// [`Storage::wishes_of_edition`].
    pub async fn pair_wishes_of_edition(&self, edition: EditionId) -> Result<Vec<PairWish>> {
        let rows = sqlx::query(
            "SELECT irritant_id, company_id, side, level, conflict_of_interest FROM wishes \
             WHERE edition_id = $1 ORDER BY irritant_id, company_id, side",
        )
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PairWish {
                    irritant: parse_id(row, "irritant_id")?,
                    company: parse_id(row, "company_id")?,
                    wish: Wish {
                        side: parse_col(row, "side", Side::parse)?,
                        level: parse_col(row, "level", WishLevel::parse)?,
                        pitch: None,
                        conflict_of_interest: row.try_get::<i64, _>("conflict_of_interest")? != 0,
                    },
                })
            })
            .collect()
    }

    /// Every wish of an edition.
    pub async fn wishes_of_edition(&self, edition: EditionId) -> Result<Vec<StoredWish>> {
        let rows = sqlx::query(&format!(
            "SELECT {WISH_COLUMNS} FROM wishes WHERE edition_id = $1 ORDER BY irritant_id, company_id, side"
        ))
        .bind(edition.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(wish_from_row).collect()
    }
}
