//! The search overlay's state: the query being typed, the results of the
//! engine, and the trail of hits that `n` and `N` walk after a jump.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::data::Dataset;
use crate::query::{Kind, RecordRef};
use crate::search::{Index, IndexCache, Results, Scope, Searcher, open_index};

use super::{ListState, Tab, TextInput};

/// Everything the search overlay needs, kept between openings so `/`
/// reopens on the last query.
#[derive(Default)]
pub struct Search {
    /// Filled once, by a background thread or on first use.
    index: Arc<OnceLock<Arc<Index>>>,
    searcher: Option<Searcher>,
    /// The query as typed, with the text cursor.
    pub input: TextInput,
    /// Search only the relation on screen (`Tab`); every relation by default.
    pub narrow: bool,
    pub results: Option<Results>,
    /// The selected hit and the first hit shown.
    pub list: ListState,
    /// The hits of the search the user last jumped from, for `n` / `N`.
    pub trail: Vec<RecordRef>,
    pub trail_pos: usize,
    /// Counts results taken in, so a caller can tell whether a tick changed anything.
    pub generation: u64,
}

impl Search {
    /// Starts reading the index from `cache`, or building it, on a
    /// background thread, so the first `/` does not wait for it on a large
    /// dataset. A built index is then kept in the cache, after it is in use.
    pub fn start_index(&self, ds: &Arc<Dataset>, cache: Option<IndexCache>) {
        let slot = Arc::clone(&self.index);
        let ds = Arc::clone(ds);
        let _ = std::thread::Builder::new()
            .name("bilateral-index".into())
            .spawn(move || {
                open_index(cache.as_ref(), &ds, |ix| {
                    let _ = slot.set(ix);
                });
            });
    }

    /// Builds the index now, on this thread, unless it is built already.
    pub fn build_index(&self, ds: &Dataset) {
        if self.index.get().is_none() {
            let _ = self.index.set(Arc::new(Index::build(ds)));
        }
    }

    pub fn index_ready(&self) -> bool {
        self.index.get().is_some()
    }

    /// The engine session, created once the index is ready.
    fn searcher(&mut self) -> Option<&mut Searcher> {
        if self.searcher.is_none() {
            let index = self.index.get()?;
            self.searcher = Some(Searcher::new(Arc::clone(index)));
        }
        self.searcher.as_mut()
    }

    /// Sends the current query (or clears the results for an empty one),
    /// over every relation or, narrowed, over `relation`.
    pub fn submit(&mut self, relation: Option<usize>) {
        let scope = Scope {
            relations: if self.narrow {
                relation.map(|r| vec![r])
            } else {
                None
            },
            kind: None,
        };
        let query = self.input.text().to_string();
        if query.trim().is_empty() {
            self.results = None;
            self.list = ListState::default();
            return;
        }
        if let Some(s) = self.searcher() {
            s.set_scope(scope);
            s.submit(&query);
        }
    }

    /// Takes the results that arrived since the last call, if any (a tick
    /// of the interface loop calls it; [`Search::generation`] tells a
    /// redraw apart).
    pub fn poll(&mut self, relation: Option<usize>) {
        // A query typed before the index was ready goes out as soon as it is.
        if self.searcher.is_none() && self.index_ready() && !self.input.text().trim().is_empty() {
            self.submit(relation);
        }
        if let Some(r) = self.searcher.as_mut().and_then(Searcher::try_recv) {
            self.accept(r);
        }
    }

    /// Waits for the results of the current query: for tests.
    pub fn settle(&mut self, relation: Option<usize>, timeout: Duration) {
        if self.searcher.is_none() && !self.input.text().trim().is_empty() {
            self.submit(relation);
        }
        if let Some(s) = self.searcher.as_mut()
            && let Some(r) = s.wait(timeout)
        {
            self.accept(r);
        }
    }

    fn accept(&mut self, r: Results) {
        self.generation += 1;
        // Keep the selection on the same row while the count is being completed.
        let same = self
            .results
            .as_ref()
            .is_some_and(|old| old.query == r.query);
        if !same {
            self.list = ListState::default();
        }
        self.list.select(self.list.selected(), r.hits.len());
        self.results = Some(r);
    }

    /// Remembers the hits of the current results for `n` / `N`, at the
    /// selected one.
    pub fn start_trail(&mut self) {
        self.trail = self
            .results
            .as_ref()
            .map(|res| res.hits.iter().map(|h| h.record).collect())
            .unwrap_or_default();
        self.trail_pos = self.list.selected().min(self.trail.len().saturating_sub(1));
    }

    /// `n` (`by` 1) or `N` (-1): the next or previous hit of the trail, and
    /// whether the walk wrapped round; `None` with no trail.
    pub fn step_trail(&mut self, by: isize) -> Option<(RecordRef, bool)> {
        let n = self.trail.len() as isize;
        if n == 0 {
            return None;
        }
        let next = self.trail_pos as isize + by;
        self.trail_pos = next.rem_euclid(n) as usize;
        let r = self.trail.get(self.trail_pos).copied()?;
        Some((r, next < 0 || next >= n))
    }

    /// "hit 3 of 12": where the walk is.
    pub fn trail_count(&self) -> String {
        format!("hit {} of {}", self.trail_pos + 1, self.trail.len())
    }

    pub fn hits_len(&self) -> usize {
        self.results.as_ref().map_or(0, |r| r.hits.len())
    }

    pub fn selected_hit(&self) -> Option<RecordRef> {
        self.results
            .as_ref()?
            .hits
            .get(self.list.selected())
            .map(|h| h.record)
    }
}

/// The tab a record is shown in.
pub fn tab_of(kind: Kind) -> Tab {
    match kind {
        Kind::Event => Tab::Timeline,
        Kind::Visit => Tab::Visits,
        Kind::Agreement => Tab::Agreements,
        Kind::Trade | Kind::Products | Kind::Growth => Tab::Trade,
        Kind::Mission => Tab::Missions,
        Kind::Fact => Tab::Overview,
    }
}
