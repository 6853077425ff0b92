//! The filters of the interface's tabs, which `bilateral list` takes too
//! (`--kind`, `--direction`, `--status`): one predicate for both, so a
//! filtered view can be reproduced from a shell and exported as listed.

use crate::data::{AgreementStatus, Dataset};

use super::record::{Kind, Record, RecordRef};
use super::timeline::TimelineEntry;

/// Which visits to keep, by direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VisitFilter {
    #[default]
    Both,
    /// From the relation's first country to its second (MEX → VNM for MEX-VNM).
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

/// The filters of the tabs that have one, as a list of rows takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowFilter {
    /// The timeline: only records of this kind.
    pub kind: Option<Kind>,
    /// Visits: only those going this way.
    pub direction: VisitFilter,
    /// Agreements: only those with this status.
    pub status: Option<AgreementStatus>,
}

impl RowFilter {
    /// Whether a record passes the direction and status filters (the kind
    /// filter is the timeline's: see [`RowFilter::keeps_entry`]).
    pub fn keeps(&self, ds: &Dataset, r: &RecordRef) -> bool {
        match r.resolve(ds) {
            Some((rel, Record::Visit(v))) => match self.direction {
                VisitFilter::Both => true,
                way => (v.from == rel.countries[0]) == (way == VisitFilter::Forward),
            },
            Some((_, Record::Agreement(a))) => self.status.is_none_or(|s| a.status == s),
            Some(_) => true,
            None => false,
        }
    }

    /// Whether a timeline entry passes the kind filter.
    pub fn keeps_entry(&self, e: &TimelineEntry) -> bool {
        self.kind.is_none_or(|k| e.record.kind == k)
    }

    /// Keeps the records that pass.
    pub fn retain(&self, ds: &Dataset, rows: &mut Vec<RecordRef>) {
        if *self != RowFilter::default() {
            rows.retain(|r| self.keeps(ds, r));
        }
    }
}
