//! Coming back: where a jump came from (Esc goes back there), and the rows
//! each relation had selected when the user left it (`]` then `[` returns to
//! them). Selections are kept with the record they were on, so a list that
//! changed in between (a filter, another relation) still finds it.

use rustc_hash::FxHashMap;

use crate::query::RecordRef;

use super::{App, Filters, ListState, Tab, VisitFilter};

/// How many jumps Esc can go back through.
const HISTORY: usize = 100;

/// A list's selection and the record on it, when it is a record.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Spot {
    list: ListState,
    record: Option<RecordRef>,
}

/// Every tab's selection in one scope.
type Spots = [Spot; 6];

/// The selections of the scopes the user has left, by relation (`None`: all).
pub(super) type Seen = FxHashMap<Option<usize>, Spots>;

/// Where the user was: relation, tab, filters and selections.
#[derive(Debug, Clone)]
pub(super) struct Place {
    relation: Option<usize>,
    tab: Tab,
    filters: Filters,
    spots: Spots,
}

impl App {
    fn spots(&self) -> Spots {
        Tab::ALL.map(|t| Spot {
            list: self.lists[t.index()],
            record: self.rows.record_at(t, self.lists[t.index()].selected()),
        })
    }

    /// Puts each selection back on its record: where it was, or where the
    /// record is now, or (when it is gone) on the same row number.
    fn restore(&mut self, spots: Spots) {
        for t in Tab::ALL {
            let s = spots[t.index()];
            let list = &mut self.lists[t.index()];
            *list = s.list;
            if let Some(r) = s.record
                && self.rows.record_at(t, s.list.selected()) != Some(r)
                && let Some(i) = self.rows.position(t, r)
            {
                *list = ListState::default();
                list.select(i, self.rows.len(t));
            }
        }
    }

    pub(super) fn here(&self) -> Place {
        Place {
            relation: self.relation,
            tab: self.tab,
            filters: self.filters,
            spots: self.spots(),
        }
    }

    /// Notes where the user is before a jump takes them elsewhere.
    pub(super) fn remember_place(&mut self) {
        if self.history.len() == HISTORY {
            self.history.remove(0);
        }
        let here = self.here();
        self.history.push(here);
    }

    /// Esc at the top level: back to where the last jump came from. Whether
    /// there was such a place.
    pub(super) fn go_back(&mut self) -> bool {
        let Some(p) = self.history.pop() else {
            return false;
        };
        if p.relation != self.relation {
            let spots = self.spots();
            self.seen.insert(self.relation, spots);
        }
        self.relation = p.relation;
        self.filters = p.filters;
        self.recompute();
        self.tab = p.tab;
        self.restore(p.spots);
        true
    }

    /// Switches to a relation (or all), keeping the tab, with the rows it had
    /// selected when last shown.
    pub(super) fn set_relation(&mut self, relation: Option<usize>) {
        let relation = relation.filter(|r| *r < self.ds.relations.len());
        if relation == self.relation {
            return;
        }
        let spots = self.spots();
        self.seen.insert(self.relation, spots);
        self.relation = relation;
        // A direction is one relation's: another relation starts with both.
        self.filters.visits = VisitFilter::Both;
        self.recompute();
        match self.seen.get(&relation).copied() {
            Some(spots) => self.restore(spots),
            None => self.lists = Default::default(),
        }
    }
}
