//! The rows each tab lists for the current relation (or all of them) and filters.
//! Computed when the scope or a filter changes, never while drawing.

use crate::data::{AgreementStatus, Dataset, FactCategory};
use crate::query::{self, Kind, Record, RecordRef, TimelineEntry};

/// Which visits the Visits tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VisitFilter {
    #[default]
    Both,
    /// From the relation's first country to its second.
    Forward,
    /// From the second country to the first.
    Backward,
}

impl VisitFilter {
    pub fn next(self) -> VisitFilter {
        match self {
            VisitFilter::Both => VisitFilter::Forward,
            VisitFilter::Forward => VisitFilter::Backward,
            VisitFilter::Backward => VisitFilter::Both,
        }
    }
}

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

#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub overview: Vec<OverviewRow>,
    pub timeline: Vec<TimelineEntry>,
    pub visits: Vec<RecordRef>,
    pub agreements: Vec<RecordRef>,
    /// Trade figures by year, then product composition and growth statements.
    pub trade: Vec<RecordRef>,
    pub missions: Vec<RecordRef>,
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
        let mut timeline = query::timeline(ds, &scope);
        if let Some(k) = f.timeline {
            timeline.retain(|e| e.record.kind == k);
        }
        let mut visits = query::sorted(ds, &scope, Kind::Visit);
        if f.visits != VisitFilter::Both {
            visits.retain(|r| match r.resolve(ds) {
                Some((rel, Record::Visit(v))) => {
                    let forward = v.from == rel.countries[0];
                    forward == (f.visits == VisitFilter::Forward)
                }
                _ => false,
            });
        }
        let mut agreements = query::sorted(ds, &scope, Kind::Agreement);
        if let Some(status) = f.agreements {
            agreements.retain(
                |r| matches!(r.resolve(ds), Some((_, Record::Agreement(a))) if a.status == status),
            );
        }
        let mut trade = query::sorted(ds, &scope, Kind::Trade);
        trade.sort_by_key(|r| match r.resolve(ds) {
            Some((_, Record::Trade(t))) => (t.year, !t.is_two_way()),
            _ => (i32::MAX, true),
        });
        // Product composition and growth statements follow the figures, so they are browsable too.
        trade.extend(query::sorted(ds, &scope, Kind::Products));
        trade.extend(query::sorted(ds, &scope, Kind::Growth));
        let missions = query::sorted(ds, &scope, Kind::Mission);
        Rows {
            overview,
            timeline,
            visits,
            agreements,
            trade,
            missions,
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
