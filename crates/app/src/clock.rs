//! Time, injected: use cases and workers ask the app's clock, never the system directly, so that tests
//! set the time (deadlines, leases, retries) instead of sleeping.

use std::sync::{Arc, Mutex};

use time::{Duration, OffsetDateTime};

/// A source of the current time.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that tests set and advance; clones share the same time.
#[derive(Debug, Clone)]
pub struct TestClock(Arc<Mutex<OffsetDateTime>>);

impl TestClock {
    pub fn at(now: OffsetDateTime) -> TestClock {
        TestClock(Arc::new(Mutex::new(now)))
    }

    pub fn set(&self, now: OffsetDateTime) {
        *self.0.lock().expect("clock lock") = now;
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().expect("clock lock") += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().expect("clock lock")
    }
}
