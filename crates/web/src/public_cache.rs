//! The public pages as visitors get them (home, catalogue with its filters, published fiches), kept
//! rendered per address and language and served from memory: built for each request they read the
//! database four to eight times and render a template for the same bytes every visitor gets, which
//! held them at 2–5 % of a static file's throughput.
//!
//! **Never stale.** A kept page carries the content generation it was built under
//! ([`Storage::content_generation`]: every write transaction of the data advances it in the database
//! as it commits, on whichever server) and the day (the current edition follows the dates). A request
//! is answered from memory only if the generation read *after it arrived* is the page's: whatever was
//! committed before the request, here or on another server of the same database, is on the page.
//! Reading that number for each request would cost a query each; instead one read is running at a
//! time and serves every request that arrived before it began ([`Generations`]), so a thousand
//! visitors a second cost a few hundred tiny queries and at most two round trips of waiting each.
//!
//! **One build per page.** When a page must be built again (after a write, at first sight), the first
//! request builds it and the others asking for it meanwhile wait for that one (a thundering herd of
//! 500 connections on an expired page would otherwise build it 500 times at once).
//!
//! Only visitors' requests are concerned: a request with a session cookie (a signed-in person, a
//! visitor with a notice to show) is built as before, and so is any answer that is not a plain 200 or
//! that sets a cookie. Memory is bounded (pages, bytes).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use passerelle_storage::Storage;
use tokio::sync::{OnceCell, watch};

use crate::i18n::Lang;
use crate::state::AppState;

/// Pages kept at most (each query string is its own page).
const MAX_PAGES: usize = 4096;
/// Bytes of pages kept at most.
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Largest page kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// How long a request waits for the generation before it is built without the cache (the database
/// is unreachable or swamped: the page's own reads will say so).
const GENERATION_WAIT: Duration = Duration::from_secs(5);

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    lang: Lang,
}

/// What a page was built from.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    generation: i64,
    day: time::Date,
}

impl Stamp {
    /// Whether a page built under `self` may answer a request that read `wanted` (a page built under a
    /// later generation holds every write the request must see).
    fn serves(&self, wanted: Stamp) -> bool {
        self.day == wanted.day && self.generation >= wanted.generation
    }
}

/// A rendered page.
struct Kept {
    headers: HeaderMap,
    body: Bytes,
}

impl Kept {
    fn response(&self) -> Response {
        let mut response = (StatusCode::OK, self.body.clone()).into_response();
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// One page under one stamp: built once, by the first request that wants it (`None`: its answer was
/// not one to keep, every request builds its own).
struct Slot {
    stamp: Stamp,
    built: Instant,
    page: OnceCell<Option<Arc<Kept>>>,
}

impl Slot {
    fn size(&self) -> usize {
        self.page
            .get()
            .and_then(|page| page.as_ref())
            .map_or(0, |kept| kept.body.len())
    }
}

/// The kept pages of this server.
pub struct PublicCache {
    generations: Arc<Generations>,
    pages: Mutex<HashMap<Key, Arc<Slot>>>,
}

impl PublicCache {
    pub fn new(storage: Storage) -> PublicCache {
        PublicCache {
            generations: Arc::new(Generations::new(storage)),
            pages: Mutex::new(HashMap::new()),
        }
    }

    /// The slot of `key` that serves `stamp`, a new one if there is none.
    fn slot(&self, key: Key, stamp: Stamp) -> Arc<Slot> {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slot) = pages.get(&key).filter(|slot| slot.stamp.serves(stamp)) {
            return slot.clone();
        }
        if !pages.contains_key(&key) {
            make_room(&mut pages, stamp);
        }
        let slot = Arc::new(Slot {
            stamp,
            built: Instant::now(),
            page: OnceCell::new(),
        });
        pages.insert(key, slot.clone());
        slot
    }
}

/// Drops what no request can be served any more (older stamps), then the oldest pages, until one more
/// page fits.
fn make_room(pages: &mut HashMap<Key, Arc<Slot>>, stamp: Stamp) {
    let bytes = |pages: &HashMap<Key, Arc<Slot>>| pages.values().map(|s| s.size()).sum::<usize>();
    if pages.len() < MAX_PAGES && bytes(pages) < MAX_BYTES {
        return;
    }
    pages.retain(|_, slot| slot.stamp.serves(stamp));
    while !pages.is_empty() && (pages.len() >= MAX_PAGES || bytes(pages) >= MAX_BYTES) {
        let oldest = pages
            .iter()
            .min_by_key(|(_, slot)| slot.built)
            .map(|(key, _)| key.clone());
        if let Some(key) = oldest {
            pages.remove(&key);
        }
    }
}

/// The content generation, read for many requests at once. A request waits for a read that began
/// after it arrived (so it sees every write committed before it); while one read runs, the requests
/// arriving wait for the next one, which starts as soon as the running one ends. One read at a time,
/// each serving everyone who came during the previous one.
struct Generations {
    storage: Storage,
    rounds: Mutex<Rounds>,
    /// The last read that ended: its round and what it read (`None`: the query failed).
    read: watch::Sender<(u64, Option<i64>)>,
}

struct Rounds {
    /// The round of the read running (or of the last one).
    started: u64,
    running: bool,
    /// A request came while a read was running: read again once it ends.
    again: bool,
}

impl Generations {
    fn new(storage: Storage) -> Generations {
        Generations {
            storage,
            rounds: Mutex::new(Rounds {
                started: 0,
                running: false,
                again: false,
            }),
            read: watch::channel((0, None)).0,
        }
    }

    /// The generation as of a read begun after this call; `None` if it could not be read in time.
    async fn current(self: &Arc<Self>) -> Option<i64> {
        let needed = {
            let mut rounds = self.rounds.lock().unwrap_or_else(|e| e.into_inner());
            if rounds.running {
                rounds.again = true;
                rounds.started + 1
            } else {
                rounds.running = true;
                rounds.started += 1;
                // Its own task: a request that goes away must not leave the others waiting.
                tokio::spawn(self.clone().read_rounds());
                rounds.started
            }
        };
        let mut read = self.read.subscribe();
        let done = tokio::time::timeout(GENERATION_WAIT, read.wait_for(|(r, _)| *r >= needed));
        match done.await {
            Ok(Ok(value)) => value.1,
            _ => None,
        }
    }

    async fn read_rounds(self: Arc<Self>) {
        loop {
            let generation = match self.storage.content_generation().await {
                Ok(generation) => Some(generation),
                Err(e) => {
                    tracing::warn!(error = %e, "reading the content generation failed");
                    None
                }
            };
            let mut rounds = self.rounds.lock().unwrap_or_else(|e| e.into_inner());
            self.read.send_replace((rounds.started, generation));
            if rounds.again {
                rounds.again = false;
                rounds.started += 1;
            } else {
                rounds.running = false;
                return;
            }
        }
    }
}

/// The key of a visitor's GET of a public page, `None` for anything else.
fn key(request: &Request) -> Option<Key> {
    if request.method() != Method::GET {
        return None;
    }
    let path = request.uri().path();
    let public = path == crate::present::urls::HOME
        || path == crate::present::urls::CATALOGUE
        || path
            .strip_prefix("/irritants/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/') && !id.contains('.'));
    if !public || crate::i18n::cookie(request.headers(), crate::app::SESSION_COOKIE).is_some() {
        return None;
    }
    Some(Key {
        path_and_query: request.uri().path_and_query()?.as_str().to_string(),
        lang: crate::i18n::from_headers(request.headers()),
    })
}

/// The page to keep from `response`, or the response itself when it is not one to keep.
async fn keepable(response: Response) -> Result<Kept, Response> {
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return Err(response);
    }
    // Pages are rendered whole (their size is known); a streamed or larger body is not kept.
    let size = axum::body::HttpBody::size_hint(response.body()).exact();
    if size.is_none_or(|n| n > MAX_PAGE_BYTES as u64) {
        return Err(response);
    }
    let (parts, body) = response.into_parts();
    match to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(body) => Ok(Kept {
            headers: parts.headers,
            body,
        }),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(key) = key(&request) else {
        return next.run(request).await;
    };
    let Some(generation) = state.cache.generations.current().await else {
        return next.run(request).await;
    };
    let stamp = Stamp {
        generation,
        day: state.app.now().date(),
    };
    let slot = state.cache.slot(key, stamp);
    let mut pending = Some((request, next));
    let mut own = None;
    let kept = {
        let (pending, own) = (&mut pending, &mut own);
        slot.page
            .get_or_init(|| async move {
                let (request, next) = pending.take()?;
                match keepable(next.run(request).await).await {
                    Ok(kept) => Some(Arc::new(kept)),
                    Err(response) => {
                        *own = Some(response);
                        None
                    }
                }
            })
            .await
            .clone()
    };
    if let Some(response) = own {
        return response;
    }
    match (kept, pending) {
        (Some(kept), _) => kept.response(),
        // Another request built it and it was not one to keep: this one is built for itself.
        (None, Some((request, next))) => next.run(request).await,
        (None, None) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
