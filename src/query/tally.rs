//! The counts every chart draws, for one scope (a relation or all of them):
//! records per year and kind for the timeline strip, visits per year,
//! direction and office, agreements by status, area and year. Computed once
//! per scope (with the rows), never while drawing.

use rustc_hash::FxHashMap;

use crate::data::{AgreementStatus, Dataset, Relation, Text, Visit};

/// A lane of the timeline strip: a kind of record, visits split by direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Event,
    /// From the relation's first country to its second.
    VisitForward,
    VisitBackward,
    Agreement,
    /// A mission's opening, closing or reopening.
    Mission,
    Trade,
}

impl Lane {
    pub const ALL: [Lane; 6] = [
        Lane::Event,
        Lane::VisitForward,
        Lane::VisitBackward,
        Lane::Agreement,
        Lane::Mission,
        Lane::Trade,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Counts per lane, in [`Lane::ALL`] order.
pub type LaneCounts = [u32; 6];

/// Which kind of office a visitor held, read from the office's own words.
///
/// The rule, in order: a word of a legislature (parliament, senate, senator,
/// congress, assembly, legislature, speaker, deputies' chamber words) makes
/// it **parliament**; else president, premier, prime minister, king, queen,
/// emperor, monarch, chancellor, emir, sultan or "head of state/government",
/// without vice or deputy, make it **head** of state or government; else a
/// word beginning "minist" or "secretary" (a vice or deputy minister too)
/// makes it **minister**; any other office is **other**, and a visit whose
/// office is not given is counted apart as **not stated**.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeClass {
    Head,
    Minister,
    Parliament,
    Other,
    NotStated,
}

impl OfficeClass {
    pub const ALL: [OfficeClass; 5] = [
        OfficeClass::Head,
        OfficeClass::Minister,
        OfficeClass::Parliament,
        OfficeClass::Other,
        OfficeClass::NotStated,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OfficeClass::Head => "head of state/gov.",
            OfficeClass::Minister => "minister",
            OfficeClass::Parliament => "parliament",
            OfficeClass::Other => "other office",
            OfficeClass::NotStated => "office not given",
        }
    }

    /// A word or two, for a summary line.
    pub fn short(self) -> &'static str {
        match self {
            OfficeClass::Head => "head",
            OfficeClass::Minister => "minister",
            OfficeClass::Parliament => "parliament",
            OfficeClass::Other => "other",
            OfficeClass::NotStated => "not given",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The class of an office, by the rule on [`OfficeClass`].
pub fn office_class(office: Option<&str>) -> OfficeClass {
    let Some(text) = office
        .map(str::to_lowercase)
        .filter(|t| !t.trim().is_empty())
    else {
        return OfficeClass::NotStated;
    };
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|w| w.starts_with(p));
    let phrase = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    if starts("parliament")
        || starts("senat")
        || starts("congress")
        || starts("legislat")
        || has("assembly")
        || has("speaker")
    {
        return OfficeClass::Parliament;
    }
    let deputy = has("vice") || has("deputy") || starts("vicepres");
    let head = has("president")
        || has("premier")
        || phrase("prime", "minister")
        || [
            "king",
            "queen",
            "emperor",
            "monarch",
            "chancellor",
            "emir",
            "sultan",
        ]
        .iter()
        .any(|w| has(w))
        || (has("head") && (has("state") || has("government")));
    if head && !deputy {
        return OfficeClass::Head;
    }
    if starts("minist") || has("secretary") {
        return OfficeClass::Minister;
    }
    OfficeClass::Other
}

/// Visits per year and direction, by office, and undated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Visits {
    /// Dated visits per year, oldest first: [forward, backward].
    pub per_year: Vec<(i32, [u32; 2])>,
    /// Visits without a date, by direction.
    pub undated: [u32; 2],
    /// Visits by office class (in [`OfficeClass::ALL`] order) and direction.
    pub offices: [[u32; 2]; 5],
}

impl Visits {
    pub fn total(&self) -> u32 {
        self.per_year.iter().map(|(_, c)| c[0] + c[1]).sum::<u32>()
            + self.undated[0]
            + self.undated[1]
    }

    /// Dated visits per period of `per` years (a decade is 10), starting on
    /// multiples of `per`, oldest first.
    pub fn per_period(&self, per: i32) -> Vec<(i32, [u32; 2])> {
        let mut out: Vec<(i32, [u32; 2])> = Vec::new();
        for &(y, c) in &self.per_year {
            let start = y.div_euclid(per.max(1)) * per.max(1);
            match out.last_mut() {
                Some((s, acc)) if *s == start => {
                    acc[0] += c[0];
                    acc[1] += c[1];
                }
                _ => out.push((start, c)),
            }
        }
        out
    }
}

/// Agreements by status, area and year of signing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agreements {
    /// In [`STATUSES`] order.
    pub by_status: [u32; 4],
    /// Most agreements first, then by name.
    pub by_area: Vec<(Text, u32)>,
    /// Signings per year, oldest first.
    pub per_year: Vec<(i32, u32)>,
    /// Agreements with no date given.
    pub undated: u32,
}

/// Agreement statuses in the order the chart lists them.
pub const STATUSES: [AgreementStatus; 4] = [
    AgreementStatus::Signed,
    AgreementStatus::InForce,
    AgreementStatus::UnderNegotiation,
    AgreementStatus::Reported,
];

fn status_index(s: AgreementStatus) -> usize {
    STATUSES.iter().position(|x| *x == s).unwrap_or(0)
}

/// Every chart's counts for one scope.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Timeline records per year and lane, oldest first.
    pub timeline: Vec<(i32, LaneCounts)>,
    /// Timeline records without a date, per lane.
    pub timeline_undated: LaneCounts,
    pub visits: Visits,
    pub agreements: Agreements,
}

/// Pairs of a map, sorted by key.
fn sorted<V: Copy>(m: FxHashMap<i32, V>) -> Vec<(i32, V)> {
    let mut v: Vec<(i32, V)> = m.into_iter().collect();
    v.sort_by_key(|p| p.0);
    v
}

/// Whether a visit goes from the relation's first country to its second.
pub fn forward(rel: &Relation, v: &Visit) -> bool {
    v.from == rel.countries[0]
}

/// Counts the records of the given relations.
pub fn tally(ds: &Dataset, relations: &[usize]) -> Tally {
    let mut lanes: FxHashMap<i32, LaneCounts> = FxHashMap::default();
    let mut undated: LaneCounts = [0; 6];
    let mut visits: FxHashMap<i32, [u32; 2]> = FxHashMap::default();
    let mut v = Visits::default();
    let mut signed: FxHashMap<i32, u32> = FxHashMap::default();
    let mut areas: FxHashMap<&Text, u32> = FxHashMap::default();
    let mut a = Agreements::default();
    let mut mark = |year: Option<i32>, lane: Lane| match year {
        Some(y) => lanes.entry(y).or_default()[lane.index()] += 1,
        None => undated[lane.index()] += 1,
    };
    for rel in relations.iter().filter_map(|&r| ds.relations.get(r)) {
        for e in &rel.events {
            mark(e.date.map(|d| d.year()), Lane::Event);
        }
        for visit in &rel.visits {
            let dir = usize::from(!forward(rel, visit));
            let year = visit.date.map(|d| d.year());
            mark(year, [Lane::VisitForward, Lane::VisitBackward][dir]);
            match year {
                Some(y) => visits.entry(y).or_default()[dir] += 1,
                None => v.undated[dir] += 1,
            }
            v.offices[office_class(visit.office.as_deref()).index()][dir] += 1;
        }
        for ag in &rel.agreements {
            let year = ag.signed.map(|d| d.year());
            mark(year, Lane::Agreement);
            match year {
                Some(y) => *signed.entry(y).or_default() += 1,
                None => a.undated += 1,
            }
            a.by_status[status_index(ag.status)] += 1;
            *areas.entry(&ag.area).or_default() += 1;
        }
        for m in &rel.missions {
            let changes = [m.opened, m.closed, m.reopened];
            if changes.iter().all(Option::is_none) {
                mark(None, Lane::Mission);
            }
            for d in changes.into_iter().flatten() {
                mark(Some(d.year()), Lane::Mission);
            }
        }
        for f in rel.trade.iter().flat_map(|t| t.figures.iter()) {
            mark(Some(f.year), Lane::Trade);
        }
    }
    v.per_year = sorted(visits);
    a.per_year = sorted(signed);
    let mut by_area: Vec<(Text, u32)> = areas.into_iter().map(|(k, n)| (k.clone(), n)).collect();
    by_area.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    a.by_area = by_area;
    Tally {
        timeline: sorted(lanes),
        timeline_undated: undated,
        visits: v,
        agreements: a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_are_classed_by_their_words() {
        let c = |s: &str| office_class(Some(s));
        assert_eq!(c("President"), OfficeClass::Head);
        assert_eq!(c("Prime Minister"), OfficeClass::Head);
        assert_eq!(c("Standing Deputy Prime Minister"), OfficeClass::Minister);
        assert_eq!(c("Minister of Foreign Affairs"), OfficeClass::Minister);
        assert_eq!(c("Foreign Vice-Minister"), OfficeClass::Minister);
        assert_eq!(c("National Assembly Chairman"), OfficeClass::Parliament);
        assert_eq!(
            c("Deputy Chairman of the Senate of Pakistan"),
            OfficeClass::Parliament
        );
        assert_eq!(c("Foreign Undersecretary"), OfficeClass::Other);
        assert_eq!(c("Director General for Africa"), OfficeClass::Other);
        assert_eq!(c("Vice President"), OfficeClass::Other);
        assert_eq!(office_class(None), OfficeClass::NotStated);
        assert_eq!(office_class(Some("  ")), OfficeClass::NotStated);
    }

    #[test]
    fn periods_add_up_the_years_they_hold() {
        let v = Visits {
            per_year: vec![(1975, [1, 0]), (1979, [0, 2]), (1985, [1, 1])],
            ..Visits::default()
        };
        assert_eq!(v.per_period(10), vec![(1970, [1, 2]), (1980, [1, 1])]);
        assert_eq!(v.per_period(1), v.per_year);
    }

    #[test]
    fn the_embedded_dataset_counts_every_record_once() {
        let ds = crate::data::load_embedded().expect("the embedded dataset loads");
        let t = tally(&ds, &[0]);
        let rel = &ds.relations[0];
        assert_eq!(t.visits.total() as usize, rel.visits.len());
        let offices: u32 = t.visits.offices.iter().flatten().sum();
        assert_eq!(offices as usize, rel.visits.len());
        let entries = crate::query::timeline(&ds, &[0]).len() as u32;
        let counted: u32 = t.timeline.iter().flat_map(|(_, c)| c.iter()).sum::<u32>()
            + t.timeline_undated.iter().sum::<u32>();
        assert_eq!(counted, entries);
    }
}
