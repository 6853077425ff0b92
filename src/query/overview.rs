//! The at-a-glance card of a relation.

use crate::data::{Fact, FactCategory, Mission, MissionStatus, Relation, TradeFigure};

/// What the overview shows of one relation.
#[derive(Debug, Clone)]
pub struct Overview<'a> {
    /// Missions that exist at the end of the record: open, honorary or accredited from elsewhere.
    pub missions_today: Vec<&'a Mission>,
    /// The most recent two-way figure; a stated figure wins over a derived one of the same year.
    pub latest_trade: Option<&'a TradeFigure>,
    /// Two-way figures by year, oldest first, for a sparkline.
    pub series: Vec<(i32, f64)>,
    pub memberships: Vec<&'a Fact>,
    pub mechanisms: Vec<&'a Fact>,
}

pub fn overview(rel: &Relation) -> Overview<'_> {
    let missions_today = rel
        .missions
        .iter()
        .filter(|m| m.status() != MissionStatus::Closed)
        .collect();
    let latest_trade = super::trade::latest(rel);
    let mut series: Vec<(i32, f64)> = super::trade::two_way(rel)
        .iter()
        .map(|f| (f.year, f.amount.value))
        .collect();
    series.dedup_by_key(|(y, _)| *y);
    let of = |c: FactCategory| rel.facts.iter().filter(|f| f.category == c).collect();
    Overview {
        missions_today,
        latest_trade,
        series,
        memberships: of(FactCategory::Membership),
        mechanisms: of(FactCategory::Mechanism),
    }
}
