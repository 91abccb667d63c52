//! tower-sessions' `SessionStore` over the storage crate's sessions table, so that sessions live in
//! the same database (SQLite or PostgreSQL) and survive restarts and work behind a load balancer.

use async_trait::async_trait;
use passerelle_storage::Storage;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    storage: Storage,
}

impl DbSessionStore {
    pub fn new(storage: Storage) -> Self {
        DbSessionStore { storage }
    }
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The account a session is signed in to, as the sign-in wrote it in the record.
fn owner(record: &Record) -> Option<passerelle_domain::UserId> {
    record
        .data
        .get(crate::ctx::USER_KEY)
        .and_then(|v| v.as_str())
        .and_then(|id| passerelle_domain::UserId::parse(id).ok())
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    /// A new session always gets an id drawn here, never the one its record carried: after a sign-out
    /// (`flush`), tower-sessions would otherwise store the next data (the "signed out" notice) under
    /// the id that was just ended.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encode(record)?;
        loop {
            record.id = Id::default();
            if self
                .storage
                .session_insert(
                    &record.id.to_string(),
                    &data,
                    record.expiry_date,
                    owner(record),
                )
                .await
                .map_err(backend)?
            {
                if let Some(device) = record
                    .data
                    .get(crate::ctx::DEVICE_KEY)
                    .and_then(|v| v.as_str())
                {
                    self.storage
                        .session_set_device(&record.id.to_string(), device)
                        .await
                        .map_err(backend)?;
                }
                return Ok(());
            }
        }
    }

    /// Updates the session if it still exists: one ended meanwhile (a password reset elsewhere) stays
    /// ended, and the next request starts a visitor's session.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.storage
            .session_save(
                &record.id.to_string(),
                &encode(record)?,
                record.expiry_date,
                owner(record),
            )
            .await
            .map(|_| ())
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc();
        let Some((text, expiry_date)) = self
            .storage
            .session_load(&id.to_string(), now)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&text).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.storage
            .session_delete(&id.to_string())
            .await
            .map_err(backend)
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        self.storage
            .session_delete_expired(time::OffsetDateTime::now_utc())
            .await
            .map(|_| ())
            .map_err(backend)
    }
}
