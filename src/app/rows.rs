//! The rows each tab lists for the current relation (or all of them) and filters.
//! Computed when the scope or a filter changes, never while drawing.

use crate::data::{AgreementStatus, Dataset, FactCategory};
use crate::query::{self, Kind, Record, RecordRef, TimelineEntry};

use crate::query::filter::RowFilter;
/// Which visits the Visits tab shows: the same filter as `list visits --direction`.
pub use crate::query::filter::VisitFilter;

/// A row of the Overview tab: a relation in the merged view, a fact in a single one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewRow {
    Relation(usize),
    Record(RecordRef),
}

/// The filters that decide which rows the tabs show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters {
    pub timeline: Option<Kind>,
    pub visits: VisitFilter,
    pub agreements: Option<AgreementStatus>,
}

impl Filters {
    /// The filters as `bilateral list` takes them, for the rows and for export.
    pub fn row_filter(&self) -> RowFilter {
        RowFilter {
            kind: self.timeline,
            direction: self.visits,
            status: self.agreements,
        }
    }

    /// Clears the filter of `tab` if it could hide a record of `kind`;
    /// whether anything changed.
    pub fn reveal(&mut self, tab: super::Tab, kind: Kind) -> bool {
        use super::Tab;
        let before = *self;
        match tab {
            Tab::Timeline if self.timeline.is_some_and(|k| k != kind) => self.timeline = None,
            Tab::Visits => self.visits = VisitFilter::Both,
            Tab::Agreements => self.agreements = None,
            _ => {}
        }
        *self != before
    }
}

#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub overview: Vec<OverviewRow>,
    pub timeline: Vec<TimelineEntry>,
    pub visits: Vec<RecordRef>,
    pub agreements: Vec<RecordRef>,
    /// Trade figures by year, then product composition and growth statements.
    pub trade: Vec<RecordRef>,
    pub missions: Vec<RecordRef>,
    /// The earliest year among the missions and establishment dates in scope:
    /// where the missions' shared axis starts.
    pub missions_from: Option<i32>,
    /// Whether the two-way figures in scope span more than 20× (log scale by default).
    pub trade_spans_widely: bool,
    /// What the charts count in scope, whatever the filters hide from the lists.
    pub tally: query::Tally,
    /// The relation (or all, `None`) these rows are of.
    pub relation: Option<usize>,
}

const FACT_ORDER: [FactCategory; 8] = [
    FactCategory::Membership,
    FactCategory::Mechanism,
    FactCategory::Cooperation,
    FactCategory::Trade,
    FactCategory::Position,
    FactCategory::Proposal,
    FactCategory::Plan,
    FactCategory::Background,
];

impl Rows {
    pub fn compute(ds: &Dataset, relation: Option<usize>, f: &Filters) -> Rows {
        Rows::compute_with(ds, relation, f, None)
    }

    /// [`Rows::compute`], keeping `tally` when it was counted for the same
    /// scope: a filter changes the lists, not what the charts count.
    pub fn compute_with(
        ds: &Dataset,
        relation: Option<usize>,
        f: &Filters,
        tally: Option<query::Tally>,
    ) -> Rows {
        let scope = query::scope(ds, relation);
        let overview = match relation {
            None => scope.iter().map(|&r| OverviewRow::Relation(r)).collect(),
            Some(_) => {
                let mut facts = query::sorted(ds, &scope, Kind::Fact);
                let rank = |r: &RecordRef| match r.resolve(ds) {
                    Some((_, Record::Fact(f))) => FACT_ORDER
                        .iter()
                        .position(|c| *c == f.category)
                        .unwrap_or(FACT_ORDER.len()),
                    _ => FACT_ORDER.len(),
                };
                facts.sort_by_key(rank);
                facts.into_iter().map(OverviewRow::Record).collect()
            }
        };
        let filter = f.row_filter();
        let mut timeline = query::timeline(ds, &scope);
        timeline.retain(|e| filter.keeps_entry(e));
        let mut visits = query::sorted(ds, &scope, Kind::Visit);
        filter.retain(ds, &mut visits);
        let mut agreements = query::sorted(ds, &scope, Kind::Agreement);
        filter.retain(ds, &mut agreements);
        let mut trade = query::sorted(ds, &scope, Kind::Trade);
        trade.sort_by_key(|r| match r.resolve(ds) {
            Some((_, Record::Trade(t))) => (t.year, !t.is_two_way()),
            _ => (i32::MAX, true),
        });
        // Product composition and growth statements follow the figures, so they are browsable too.
        trade.extend(query::sorted(ds, &scope, Kind::Products));
        trade.extend(query::sorted(ds, &scope, Kind::Growth));
        let missions = query::sorted(ds, &scope, Kind::Mission);
        let missions_from = missions
            .iter()
            .filter_map(|r| match r.resolve(ds) {
                Some((_, Record::Mission(m))) => [m.opened, m.closed, m.reopened]
                    .into_iter()
                    .flatten()
                    .map(|d| d.year())
                    .min(),
                _ => None,
            })
            .chain(
                scope
                    .iter()
                    .filter_map(|&r| ds.relations.get(r)?.established.map(|d| d.year())),
            )
            .min();
        let trade_spans_widely = query::trade::spans_more_than(
            scope
                .iter()
                .filter_map(|&r| ds.relations.get(r))
                .flat_map(query::trade::two_way)
                .map(|f| f.amount.value),
            20.0,
        );
        let tally = tally.unwrap_or_else(|| query::tally(ds, &scope));
        Rows {
            tally,
            relation,
            overview,
            timeline,
            visits,
            agreements,
            trade,
            missions,
            missions_from,
            trade_spans_widely,
        }
    }

    /// Where a record is in the list of `tab`, if it is listed there.
    pub fn position(&self, tab: super::Tab, r: RecordRef) -> Option<usize> {
        use super::Tab;
        match tab {
            Tab::Overview => self
                .overview
                .iter()
                .position(|o| *o == OverviewRow::Record(r)),
            Tab::Timeline => self.timeline.iter().position(|e| e.record == r),
            Tab::Visits => self.visits.iter().position(|x| *x == r),
            Tab::Agreements => self.agreements.iter().position(|x| *x == r),
            Tab::Trade => self.trade.iter().position(|x| *x == r),
            Tab::Missions => self.missions.iter().position(|x| *x == r),
        }
    }

    /// The record on row `i` of `tab`'s list, if that row is a record.
    pub fn record_at(&self, tab: super::Tab, i: usize) -> Option<RecordRef> {
        use super::Tab;
        match tab {
            Tab::Overview => match self.overview.get(i)? {
                OverviewRow::Record(r) => Some(*r),
                OverviewRow::Relation(_) => None,
            },
            Tab::Timeline => self.timeline.get(i).map(|e| e.record),
            Tab::Visits => self.visits.get(i).copied(),
            Tab::Agreements => self.agreements.get(i).copied(),
            Tab::Trade => self.trade.get(i).copied(),
            Tab::Missions => self.missions.get(i).copied(),
        }
    }

    /// The year of row `i` of `tab`'s list, which ←/→ move by: a timeline
    /// entry's date, a trade figure's year (not the composition and growth
    /// rows after the figures), any other record's date.
    pub fn year_at(&self, ds: &Dataset, tab: super::Tab, i: usize) -> Option<i32> {
        use super::Tab;
        match tab {
            Tab::Overview => None,
            Tab::Timeline => self.timeline.get(i)?.date.map(|d| d.year()),
            Tab::Trade => match self.trade.get(i)?.resolve(ds)? {
                (_, Record::Trade(f)) => Some(f.year),
                _ => None,
            },
            _ => self
                .record_at(tab, i)?
                .resolve(ds)?
                .1
                .date()
                .map(|d| d.year()),
        }
    }

    /// How many rows the list of `tab` has.
    pub fn len(&self, tab: super::Tab) -> usize {
        use super::Tab;
        match tab {
            Tab::Overview => self.overview.len(),
            Tab::Timeline => self.timeline.len(),
            Tab::Visits => self.visits.len(),
            Tab::Agreements => self.agreements.len(),
            Tab::Trade => self.trade.len(),
            Tab::Missions => self.missions.len(),
        }
    }
}

/// Every relation's trade on one scale: who has figures, and the shared axis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Compare {
    /// Relations with two-way figures, largest latest figure first.
    pub order: Vec<usize>,
    /// First and last year with a figure, over all relations.
    pub years: (i32, i32),
    /// Smallest and largest figure, over all relations.
    pub range: (f64, f64),
    /// Whether those figures span more than 20× (log scale by default).
    pub spans_widely: bool,
}

/// Computes the compare view over every relation.
pub fn compare_order(ds: &Dataset) -> Compare {
    let mut v: Vec<(usize, f64)> = Vec::new();
    let (mut first, mut last) = (i32::MAX, i32::MIN);
    let (mut lo, mut hi) = (f64::MAX, 0.0f64);
    let mut values = Vec::new();
    for (i, rel) in ds.relations.iter().enumerate() {
        let figures = query::trade::two_way(rel);
        values.extend(figures.iter().map(|f| f.amount.value));
        for f in &figures {
            first = first.min(f.year);
            last = last.max(f.year);
            lo = lo.min(f.amount.value);
            hi = hi.max(f.amount.value);
        }
        if let Some(f) = query::trade::latest(rel) {
            v.push((i, f.amount.value));
        }
    }
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    Compare {
        order: v.into_iter().map(|(i, _)| i).collect(),
        years: if first <= last { (first, last) } else { (0, 0) },
        range: (lo, hi),
        spans_widely: query::trade::spans_more_than(values, 20.0),
    }
}

/// The next agreement status filter: all → signed → in force → under negotiation → reported → all.
pub fn next_status(s: Option<AgreementStatus>) -> Option<AgreementStatus> {
    use AgreementStatus::*;
    match s {
        None => Some(Signed),
        Some(Signed) => Some(InForce),
        Some(InForce) => Some(UnderNegotiation),
        Some(UnderNegotiation) => Some(Reported),
        Some(Reported) => None,
    }
}

/// The next timeline kind filter: all → events → visits → agreements → missions → trade → all.
pub fn next_kind(k: Option<Kind>) -> Option<Kind> {
    let kinds = query::TIMELINE_KINDS;
    match k {
        None => kinds.first().copied(),
        Some(k) => {
            let i = kinds.iter().position(|x| *x == k).unwrap_or(kinds.len());
            kinds.get(i + 1).copied()
        }
    }
}
