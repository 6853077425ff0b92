//! Searching while the user types: a worker thread that always works on the
//! newest query, narrows from earlier results, and never blocks the caller.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::engine::{self, Candidates, Chunk};
use super::index::{Index, Scope};
use super::pattern::Pattern;
use super::{Hit, Results};

/// How many hits a search keeps, unless told otherwise: several screens.
pub const DEFAULT_LIMIT: usize = 200;

/// Completed searches kept to narrow from, at most.
const CACHE_ENTRIES: usize = 32;
/// Matched ordinals and match ends kept across all cached searches, at most (128 MiB).
const CACHE_ORDINALS: usize = 32 << 20;

/// A completed search, kept so that a query that extends it (or repeats it)
/// searches only its hits.
struct Entry {
    pattern: Pattern,
    scope: Scope,
    limit: usize,
    matched: Vec<Chunk>,
    hits: Vec<Hit>,
}

impl Entry {
    fn total(&self) -> usize {
        self.matched.iter().map(|c| c.ordinals.len()).sum()
    }

    /// Ordinals and match ends held.
    fn weight(&self) -> usize {
        self.matched
            .iter()
            .map(|c| c.ordinals.len() + c.ends.len())
            .sum()
    }
}

/// The recent completed searches, newest first.
#[derive(Default)]
pub(crate) struct Cache {
    entries: VecDeque<Entry>,
}

impl Cache {
    /// Runs a query, from the smallest earlier result it narrows when there
    /// is one. `on_best` receives the results as soon as the best hits are
    /// final, before the count is (`complete` false). `None` if cancelled.
    pub(crate) fn search(
        &mut self,
        ix: &Index,
        query: &str,
        scope: &Scope,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
        on_best: &mut dyn FnMut(Results),
    ) -> Option<Results> {
        let pattern = Pattern::parse(query);
        let result = |hits: Vec<Hit>, total: usize, searched: usize, complete| Results {
            ticket: 0,
            query: query.to_string(),
            scope: scope.clone(),
            hits,
            total,
            complete,
            searched,
        };
        if let Some(e) = self
            .entries
            .iter()
            .find(|e| e.pattern == pattern && e.scope == *scope && e.limit == limit)
        {
            return Some(result(e.hits.clone(), e.total(), 0, true));
        }
        let base = self
            .entries
            .iter()
            .filter(|e| e.scope == *scope && pattern.narrows(&e.pattern))
            .min_by_key(|e| e.total());
        let ranges;
        let candidates = match base {
            Some(e) => Candidates::List {
                chunks: &e.matched,
                base: &e.pattern,
            },
            None => {
                ranges = ix.ranges(scope);
                Candidates::Ranges(&ranges)
            }
        };
        let searched = candidates.len();
        let mut best: Option<Vec<Hit>> = None;
        let outcome = engine::run(
            ix,
            &pattern,
            candidates,
            limit,
            cancelled,
            &mut |top, so_far| {
                let hits = hits(ix, &pattern, top);
                on_best(result(hits.clone(), so_far, searched, false));
                best = Some(hits);
            },
        )?;
        let hits = best.unwrap_or_else(|| self::hits(ix, &pattern, &outcome.top));
        let total = outcome.total();
        // An empty query's result is every record: cheap to recompute and
        // too big to keep.
        if !pattern.is_empty() {
            self.keep(Entry {
                pattern,
                scope: scope.clone(),
                limit,
                matched: outcome.matched,
                hits: hits.clone(),
            });
        }
        Some(result(hits, total, searched, true))
    }

    fn keep(&mut self, entry: Entry) {
        self.entries.push_front(entry);
        while self.entries.len() > CACHE_ENTRIES
            || self.entries.iter().map(Entry::weight).sum::<usize>() > CACHE_ORDINALS
        {
            if self.entries.pop_back().is_none() {
                break;
            }
        }
    }
}

/// Turns best (score, ordinal) pairs into hits with positions.
pub(crate) fn hits(ix: &Index, pattern: &Pattern, top: &[(u32, u32)]) -> Vec<Hit> {
    let positions = engine::positions(ix, pattern, top);
    top.iter()
        .zip(positions)
        .filter_map(|(&(score, ordinal), positions)| {
            Some(Hit {
                record: ix.record(ordinal)?,
                ordinal,
                score,
                positions,
                headline_len: ix.headline_len(ordinal) as u32,
            })
        })
        .collect()
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
/// Matching runs on a worker thread (which uses every core for large
/// indexes). A new query cancels the one in progress within one slice of
/// records; a query that extends an earlier one searches only its hits, and
/// a query seen before (after a backspace) is answered from memory.
///
/// Each query is answered twice: first as soon as its best hits are final
/// ([`Results::complete`] false, [`Results::total`] a lower bound), then
/// with the exact count. On a small dataset both come at once.
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

    /// The newest results of the newest query, if any arrived since the last
    /// call: its best hits, or its complete results. Results of older
    /// queries are dropped. Never blocks.
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

    /// Waits up to `timeout` for results of the newest query: the first to
    /// come, which hold its final best hits. For tests, benchmarks and
    /// one-off searches; an interface uses [`Searcher::try_recv`].
    pub fn wait(&mut self, timeout: Duration) -> Option<Results> {
        self.wait_for(timeout, false)
    }

    /// Waits up to `timeout` for the complete results of the newest query.
    pub fn wait_complete(&mut self, timeout: Duration) -> Option<Results> {
        self.wait_for(timeout, true)
    }

    fn wait_for(&mut self, timeout: Duration, complete: bool) -> Option<Results> {
        let deadline = Instant::now() + timeout;
        loop {
            let newest = self.newest.load(Ordering::Acquire);
            let left = deadline.saturating_duration_since(Instant::now());
            match self.results.recv_timeout(left) {
                Ok(r) if r.ticket == newest && (r.complete || !complete) => return Some(r),
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
        let mut send = |mut r: Results| {
            r.ticket = ticket;
            // The receiver is gone only when the Searcher is being dropped.
            let _ = results.send(r);
        };
        if let Some(r) = cache.search(ix, &job.query, &job.scope, job.limit, &cancelled, &mut send)
        {
            send(r);
        }
    }
}
