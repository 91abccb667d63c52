//! tower-sessions' `SessionStore` over the storage crate's sessions table, so that sessions live in
//! the same database (SQLite or PostgreSQL) and survive restarts and work behind a load balancer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use passerelle_storage::Storage;
use time::{Duration, OffsetDateTime};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

/// How far an idle session's expiry may lag behind the last request: a session is rewritten only
/// when its data changed or its stored expiry is older than this. Sessions expire on inactivity, so
/// tower-sessions saves one on every request; one write per page view made every signed-in GET a
/// write (on SQLite, one writer at a time: the now/next page, refreshed by every participant at
/// once, queued behind them).
const EXPIRY_SLACK: Duration = Duration::minutes(5);
/// Sessions remembered at most; past that the memory is emptied (it only saves writes).
const MAX_REMEMBERED: usize = 100_000;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    storage: Storage,
    /// What this server last read or wrote of each session: its data and stored expiry.
    stored: Arc<Mutex<HashMap<Id, (String, OffsetDateTime)>>>,
}

impl DbSessionStore {
    pub fn new(storage: Storage) -> Self {
        DbSessionStore {
            storage,
            stored: Arc::default(),
        }
    }

    fn remember(&self, id: Id, data: String, expiry: OffsetDateTime) {
        let mut stored = self.stored.lock().unwrap_or_else(|e| e.into_inner());
        if stored.len() >= MAX_REMEMBERED {
            stored.clear();
        }
        stored.insert(id, (data, expiry));
    }

    fn forget(&self, id: &Id) {
        self.stored
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }

    /// Whether the database already holds this data with an expiry recent enough.
    fn up_to_date(&self, id: &Id, data: &str, expiry: OffsetDateTime) -> bool {
        self.stored
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .is_some_and(|(d, e)| d == data && expiry - *e < EXPIRY_SLACK)
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
                self.remember(record.id, data, record.expiry_date);
                return Ok(());
            }
        }
    }

    /// Updates the session if it still exists: one ended meanwhile (a password reset elsewhere) stays
    /// ended, and the next request starts a visitor's session.
    /// Skipped when nothing but the expiry moved, by less than [`EXPIRY_SLACK`].
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = encode(record)?;
        if self.up_to_date(&record.id, &data, record.expiry_date) {
            return Ok(());
        }
        let saved = self
            .storage
            .session_save(
                &record.id.to_string(),
                &data,
                record.expiry_date,
                owner(record),
            )
            .await
            .map_err(backend)?;
        if saved {
            self.remember(record.id, data, record.expiry_date);
        } else {
            self.forget(&record.id);
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = OffsetDateTime::now_utc();
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
        self.remember(*id, text, expiry_date);
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.forget(id);
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
            .session_delete_expired(OffsetDateTime::now_utc())
            .await
            .map(|_| ())
            .map_err(backend)
    }
}
