//! Questions asked of a dataset: records of any kind, timelines, sorted lists.
//! Terminal-free, shared by the command line and the interface.

pub mod cite;
pub mod describe;
pub mod escape;
pub mod filter;
pub mod overview;
pub mod record;
pub mod tally;
pub mod timeline;
pub mod trade;

pub use describe::{Field, cite, describe, describe_relation, describe_source};
pub use overview::{Overview, overview};
pub use record::{
    Kind, Record, RecordRef, figure_flow, flow_label, mission_name, mission_status, record_counts,
    records_of,
};
pub use tally::{Tally, tally};
pub use timeline::{MissionChange, TIMELINE_KINDS, TimelineEntry, timeline};

use crate::data::Dataset;

/// Indices of the relations a view covers: one, or all of them for the merged view.
pub fn scope(ds: &Dataset, relation: Option<usize>) -> Vec<usize> {
    match relation {
        Some(r) if r < ds.relations.len() => vec![r],
        Some(_) => Vec::new(),
        None => (0..ds.relations.len()).collect(),
    }
}

/// Records of one kind in the given relations, sorted by date with undated last.
pub fn sorted(ds: &Dataset, relations: &[usize], kind: Kind) -> Vec<RecordRef> {
    let mut out: Vec<RecordRef> = relations
        .iter()
        .filter_map(|&r| ds.relations.get(r).map(|rel| (r, rel)))
        .flat_map(|(r, rel)| records_of(rel, r).filter(|x| x.kind == kind))
        .collect();
    if kind != Kind::Fact && kind != Kind::Products {
        out.sort_by_cached_key(|x| {
            let date = x.resolve(ds).and_then(|(_, rec)| rec.date());
            (date.is_none(), date)
        });
    }
    out
}
