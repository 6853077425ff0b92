//! The timeline: every record of one or more relations on one chronological axis.

use crate::data::{Dataset, Date, cmp_dated};

use super::record::{Kind, RecordRef};

/// What happened to a mission on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MissionChange {
    Opened,
    Closed,
    Reopened,
}

impl MissionChange {
    pub fn label(self) -> &'static str {
        match self {
            MissionChange::Opened => "opened",
            MissionChange::Closed => "closed",
            MissionChange::Reopened => "reopened",
        }
    }
}

/// One line of the timeline. A mission appears once per change (opened, closed, reopened).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineEntry {
    pub date: Option<Date>,
    pub record: RecordRef,
    /// For mission entries, which change this line is about.
    pub change: Option<MissionChange>,
}

/// The kinds the timeline shows, in the order its kind filter cycles through them.
pub const TIMELINE_KINDS: [Kind; 5] = [
    Kind::Event,
    Kind::Visit,
    Kind::Agreement,
    Kind::Mission,
    Kind::Trade,
];

/// Events, visits, agreements, mission changes and trade figures of the given
/// relations, oldest first, undated last; ties keep kind order, then document order.
pub fn timeline(ds: &Dataset, relations: &[usize]) -> Vec<TimelineEntry> {
    let mut out = Vec::new();
    for &r in relations {
        let Some(rel) = ds.relations.get(r) else {
            continue;
        };
        let at = |kind, index| RecordRef {
            relation: r,
            kind,
            index,
        };
        let plain = |date, record| TimelineEntry {
            date,
            record,
            change: None,
        };
        out.extend(
            rel.events
                .iter()
                .enumerate()
                .map(|(i, e)| plain(e.date, at(Kind::Event, i))),
        );
        out.extend(
            rel.visits
                .iter()
                .enumerate()
                .map(|(i, v)| plain(v.date, at(Kind::Visit, i))),
        );
        out.extend(
            rel.agreements
                .iter()
                .enumerate()
                .map(|(i, a)| plain(a.signed, at(Kind::Agreement, i))),
        );
        for (i, m) in rel.missions.iter().enumerate() {
            let changes = [
                (MissionChange::Opened, m.opened),
                (MissionChange::Closed, m.closed),
                (MissionChange::Reopened, m.reopened),
            ];
            let mut any = false;
            for (change, date) in changes {
                if date.is_some() {
                    any = true;
                    out.push(TimelineEntry {
                        date,
                        record: at(Kind::Mission, i),
                        change: Some(change),
                    });
                }
            }
            // An undated mission still belongs on the timeline, among the undated.
            if !any {
                out.push(plain(None, at(Kind::Mission, i)));
            }
        }
        if let Some(trade) = &rel.trade {
            out.extend(
                trade
                    .figures
                    .iter()
                    .enumerate()
                    .map(|(i, f)| plain(Some(Date::year_only(f.year)), at(Kind::Trade, i))),
            );
        }
    }
    let rank = |k: Kind| {
        TIMELINE_KINDS
            .iter()
            .position(|x| *x == k)
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| {
        cmp_dated(a.date.as_ref(), b.date.as_ref())
            .then_with(|| rank(a.record.kind).cmp(&rank(b.record.kind)))
    });
    out
}
