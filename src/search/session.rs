//! Searching while the user types: a worker thread that always works on the
//! newest query, narrows from earlier results, and never blocks the caller.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Results;
use super::index::{Index, Scope};
use super::pattern::Pattern;
use super::variants::{self, Found};

/// How many hits a search keeps, unless told otherwise: several screens.
pub const DEFAULT_LIMIT: usize = 200;

/// Completed searches kept, so that a query seen again (after a backspace,
/// or a scope toggled back) is answered from memory.
const CACHE_ENTRIES: usize = 32;

/// The recent completed searches, newest first.
#[derive(Default)]
pub(crate) struct Cache {
    entries: VecDeque<(Pattern, Scope, usize, Results)>,
}

impl Cache {
    /// Runs a query, or answers it from memory. `None` if cancelled.
    pub(crate) fn search(
        &mut self,
        ix: &Index,
        query: &str,
        scope: &Scope,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Results> {
        let pattern = Pattern::parse(query);
        if let Some((.., r)) = self
            .entries
            .iter()
            .find(|(p, s, l, _)| *p == pattern && s == scope && *l == limit)
        {
            return Some(Results {
                query: query.to_string(),
                ..r.clone()
            });
        }
        let results = run(ix, &pattern, query, scope, limit, cancelled)?;
        self.entries
            .push_front((pattern, scope.clone(), limit, results.clone()));
        self.entries.truncate(CACHE_ENTRIES);
        Some(results)
    }
}

/// Which of a query's retries is taken: the first it says yes to.
type Wanted = fn(&Found) -> bool;

/// Runs one query to its results, with its variants ([`variants`]): two
/// words that are one split in two joined, and, when it is found nowhere
/// as typed, each pair of neighbouring words joined. `None` if cancelled.
pub(crate) fn run(
    ix: &Index,
    pattern: &Pattern,
    query: &str,
    scope: &Scope,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Results> {
    // One word typed as two ("Viet Nam" for "Vietnam"): searched as one.
    let split = pattern.split_word(|w| ix.vocab.has(w));
    let mut found = variants::find(
        ix,
        split.as_ref().unwrap_or(pattern),
        scope,
        limit,
        cancelled,
    )?;
    // Found nowhere as typed: the first of these that finds something.
    // Words typed apart that records write as one ("trade fair" for
    // "tradefair"), each pair of neighbours joined in turn (unless two were
    // joined already); then the query without possessive endings and with
    // countries' adjectives as their names ([`Pattern::fallbacks`]).
    // Found only with typos or letters in order: the first fallback that
    // finds every word as typed, which is what was meant ("Vietnamese
    // president" is the "president of the Vietnam Academy", not "present
    // in Vietnam").
    let retry: Option<(Vec<Pattern>, Wanted)> = if found.is_nothing() {
        let joined = if split.is_none() {
            pattern.joined_pairs()
        } else {
            Vec::new()
        };
        Some((joined, |f| !f.is_nothing()))
    } else if !found.as_typed {
        Some((Vec::new(), |f| f.as_typed))
    } else {
        None
    };
    if let Some((joined, wanted)) = retry {
        for tried in joined.into_iter().chain(pattern.fallbacks(&ix.countries)) {
            let f = variants::find(ix, &tried, scope, limit, cancelled)?;
            if wanted(&f) {
                found = f;
                break;
            }
        }
    }
    Some(Results {
        ticket: 0,
        query: query.to_string(),
        scope: scope.clone(),
        hits: found.hits(ix),
        total: found.total,
        by_relation: found.by_relation,
    })
}

struct Job {
    ticket: u64,
    query: String,
    scope: Scope,
    limit: usize,
}

/// A search session for an interactive interface: [`Searcher::submit`] each
/// edit of the query, and [`Searcher::try_recv`] on every frame.
///
/// Matching runs on a worker thread. A new query cancels the one in
/// progress; a query seen before (after a backspace) is answered from
/// memory. Each query is answered once, with its best hits and its exact count.
pub struct Searcher {
    jobs: Option<Sender<Job>>,
    results: Receiver<Results>,
    /// The ticket of the newest query submitted: the worker abandons older ones.
    newest: Arc<AtomicU64>,
    worker: Option<JoinHandle<()>>,
    scope: Scope,
    limit: usize,
}

impl Searcher {
    /// Starts a session over an index; the worker thread lives as long as the `Searcher`.
    pub fn new(index: Arc<Index>) -> Searcher {
        let (job_tx, job_rx) = mpsc::channel::<Job>();
        let (res_tx, res_rx) = mpsc::channel::<Results>();
        let newest = Arc::new(AtomicU64::new(0));
        let worker_newest = Arc::clone(&newest);
        let worker = std::thread::Builder::new()
            .name("bilateral-search".into())
            .spawn(move || worker(&index, &job_rx, &res_tx, &worker_newest))
            .ok();
        Searcher {
            jobs: Some(job_tx),
            results: res_rx,
            newest,
            worker,
            scope: Scope::all(),
            limit: DEFAULT_LIMIT,
        }
    }

    /// The records later queries cover (default: all).
    pub fn set_scope(&mut self, scope: Scope) {
        self.scope = scope;
    }

    /// Starts searching for `query`, abandoning any earlier query. Returns
    /// the ticket its [`Results`] will carry. Never blocks.
    pub fn submit(&mut self, query: &str) -> u64 {
        let ticket = self.newest.fetch_add(1, Ordering::AcqRel) + 1;
        if let Some(jobs) = &self.jobs {
            // A send fails only if the worker is gone; then no results come,
            // which the caller sees as a search that never finishes.
            let _ = jobs.send(Job {
                ticket,
                query: query.to_string(),
                scope: self.scope.clone(),
                limit: self.limit,
            });
        }
        ticket
    }

    /// The results of the newest query, if they arrived since the last
    /// call. Results of older queries are dropped. Never blocks.
    pub fn try_recv(&mut self) -> Option<Results> {
        let newest = self.newest.load(Ordering::Acquire);
        let mut found = None;
        while let Ok(r) = self.results.try_recv() {
            if r.ticket == newest {
                found = Some(r);
            }
        }
        found
    }

    /// Waits up to `timeout` for the results of the newest query. For tests,
    /// benchmarks and one-off searches; an interface uses [`Searcher::try_recv`].
    pub fn wait(&mut self, timeout: Duration) -> Option<Results> {
        let deadline = Instant::now() + timeout;
        loop {
            let newest = self.newest.load(Ordering::Acquire);
            let left = deadline.saturating_duration_since(Instant::now());
            match self.results.recv_timeout(left) {
                Ok(r) if r.ticket == newest => return Some(r),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        // Closing the queue ends the worker's loop; cancel what it is doing.
        self.jobs = None;
        self.newest.fetch_add(1, Ordering::AcqRel);
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

fn worker(ix: &Index, jobs: &Receiver<Job>, results: &Sender<Results>, newest: &AtomicU64) {
    let mut cache = Cache::default();
    while let Ok(mut job) = jobs.recv() {
        // Only the newest query matters: skip those typed over meanwhile.
        while let Ok(next) = jobs.try_recv() {
            job = next;
        }
        if job.ticket != newest.load(Ordering::Acquire) {
            continue;
        }
        let ticket = job.ticket;
        let cancelled = || newest.load(Ordering::Relaxed) != ticket;
        if let Some(mut r) = cache.search(ix, &job.query, &job.scope, job.limit, &cancelled) {
            r.ticket = ticket;
            // The receiver is gone only when the Searcher is being dropped.
            let _ = results.send(r);
        }
    }
}
