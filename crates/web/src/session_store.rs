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

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        self.storage
            .session_save(&record.id.to_string(), &data, record.expiry_date)
            .await
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
