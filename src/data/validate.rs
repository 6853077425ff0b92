//! Checks that hold across records: references resolve, ids are unique,
//! amounts and dates make sense. Reports every fault, not just the first.
//!
//! Relations are checked on every core, each on its own; the one check
//! that spans relations, ids used twice, is settled first: the ids are
//! hashed in parallel and only those whose hash repeats are looked at again.

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::hash::BuildHasher;

use super::date::YEARS;
use super::model::{
    AgreementStatus, ChangeKind, Citation, Dataset, Growth, Mission, MissionKind, Relation, Trade,
    TradeFigure, canonical_relation_id,
};
use super::money::{Amount, MAX_AMOUNT, Qualifier};
use super::problem::{JsonPath, Problem, ProblemKind as K};

/// Every semantic fault of a structurally valid dataset, in document order.
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut known = Known::default();
    let mut problems = known.countries_and_sources(ds);
    known.repeated = repeated_ids(ds);
    let per_relation: Vec<Vec<Problem>> = ds
        .relations
        .par_iter()
        .enumerate()
        .map(|(i, rel)| {
            let mut v = Validator {
                problems: Vec::new(),
                known: &known,
            };
            v.relation(rel, i);
            v.problems
        })
        .collect();
    problems.extend(per_relation.into_iter().flatten());
    problems
}

/// What every relation's checks look up: the countries and sources listed,
/// and each id used more than once with the place it was first used.
#[derive(Default)]
struct Known<'a> {
    countries: FxHashSet<&'a str>,
    sources: FxHashSet<&'a str>,
    repeated: FxHashMap<&'a str, Place>,
}

/// Each id of the dataset used more than once, with where it was first
/// used. Ids are hashed in parallel and the hashes sorted: a million ids
/// cost no table of a million strings, and only ids whose hash repeats (in
/// a valid dataset, none) are compared as text, in document order.
fn repeated_ids(ds: &Dataset) -> FxHashMap<&str, Place> {
    let hash = |id: &str| FxBuildHasher.hash_one(id);
    let mut hashes: Vec<u64> = ds
        .relations
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, rel)| ids_of(rel, i).map(|(id, _)| hash(id)))
        .collect();
    hashes.par_sort_unstable();
    let twice: FxHashSet<u64> = hashes
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    drop(hashes);
    let mut repeated = FxHashMap::default();
    if twice.is_empty() {
        return repeated;
    }
    let suspects: Vec<(&str, Place)> = ds
        .relations
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, rel)| ids_of(rel, i).filter(|(id, _)| twice.contains(&hash(id))))
        .collect();
    let mut first: FxHashMap<&str, Place> = FxHashMap::default();
    for (id, place) in suspects {
        match first.get(id) {
            Some(&at) => {
                repeated.entry(id).or_insert(at);
            }
            None => {
                first.insert(id, place);
            }
        }
    }
    repeated
}

/// The ids of a relation and its records, in the order they are checked;
/// a blank id is left out, as it is reported as blank, not as repeated.
fn ids_of(rel: &Relation, r: usize) -> impl Iterator<Item = (&str, Place)> {
    let records = rel
        .record_ids()
        .map(move |(list, i, id)| (id.as_str(), Place::record(r, list, i)));
    std::iter::once((rel.id.as_str(), Place::Relation(r)))
        .chain(records)
        .filter(|(id, _)| !id.trim().is_empty())
}

/// Where a record sits: made a [`JsonPath`] only when a problem is reported,
/// so checking a million valid records builds none. Ids are looked up in
/// tables keyed by the dataset's own ids with the Fx hash: a dataset file is
/// not an adversary of its own loading, and SipHash costs half a second there.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Relation(usize),
    Record {
        relation: usize,
        list: &'static str,
        index: usize,
    },
}

impl Place {
    fn record(relation: usize, list: &'static str, index: usize) -> Place {
        Place::Record {
            relation,
            list,
            index,
        }
    }

    fn path(self) -> JsonPath {
        match self {
            Place::Relation(r) => JsonPath::root().key("relations").index(r),
            Place::Record {
                relation,
                list,
                index,
            } => JsonPath::list(relation, list).index(index),
        }
    }

    /// The path of one of its fields, which may be nested: "amount.value".
    fn field(self, field: &'static str) -> JsonPath {
        let mut p = self.path();
        for part in field.split('.') {
            p = p.key(part);
        }
        p
    }
}

/// What a trade figure is a figure of: its year, flow and reporter. Two
/// figures with the same key disagree about one number. Figures of the same
/// flow stated by different reporters (mirror statistics) are different keys.
fn figure_key(f: &TradeFigure) -> (i32, Option<&str>, Option<&str>, Option<&str>) {
    (
        f.year,
        f.from.as_deref(),
        f.to.as_deref(),
        f.reporter.as_deref(),
    )
}

struct Validator<'k, 'a> {
    problems: Vec<Problem>,
    known: &'k Known<'a>,
}

impl<'a> Known<'a> {
    /// Lists the countries and sources, and returns the faults of their entries.
    fn countries_and_sources(&mut self, ds: &'a Dataset) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut push =
            |kind, path, message: String| problems.push(Problem::new(kind, path, message));
        let blank = |s: &str| s.trim().is_empty();
        for (i, c) in ds.countries.iter().enumerate() {
            let path = JsonPath::root().key("countries").index(i);
            if !is_alpha3(&c.code) {
                push(
                    K::BadCountryCode,
                    path.key("code"),
                    format!(
                        "{:?} is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. \"MEX\")",
                        c.code
                    ),
                );
            }
            if !self.countries.insert(&c.code) {
                push(
                    K::DuplicateId,
                    path.key("code"),
                    format!("country {:?} is listed twice", c.code),
                );
            }
            if blank(&c.name) {
                push(K::EmptyText, path.key("name"), "must not be empty".into());
            }
        }
        for (i, s) in ds.sources.iter().enumerate() {
            let path = JsonPath::root().key("sources").index(i);
            for (field, text) in [("id", &s.id), ("title", &s.title)] {
                if blank(text) {
                    push(K::EmptyText, path.key(field), "must not be empty".into());
                }
            }
            if !self.sources.insert(&s.id) {
                push(
                    K::DuplicateId,
                    path.key("id"),
                    format!("source id {:?} is used twice", s.id),
                );
            }
        }
        problems
    }
}

impl Validator<'_, '_> {
    fn push(&mut self, kind: K, path: JsonPath, message: impl Into<String>) {
        self.problems.push(Problem::new(kind, path, message));
    }

    fn text(&mut self, s: &str, path: impl FnOnce() -> JsonPath) {
        if s.trim().is_empty() {
            self.push(K::EmptyText, path(), "must not be empty");
        }
    }

    fn id(&mut self, id: &str, place: Place) {
        if id.trim().is_empty() {
            self.push(K::EmptyText, place.field("id"), "an id must not be empty");
            return;
        }
        if let Some(&first) = self.known.repeated.get(id)
            && first != place
        {
            let problem = Problem::new(
                K::DuplicateId,
                place.field("id"),
                format!("duplicate id {id:?}"),
            )
            .see("first used at", first.field("id"));
            self.problems.push(problem);
        }
    }

    fn citations(&mut self, cites: &[Citation], place: Place) {
        if cites.is_empty() {
            self.push(
                K::MissingCitation,
                place.field("sources"),
                "every record needs at least one citation {\"source\": ID}",
            );
        }
        for (i, c) in cites.iter().enumerate() {
            if !self.known.sources.contains(c.source.as_str()) {
                self.push(
                    K::UnknownSource,
                    place.field("sources").index(i).key("source"),
                    format!(
                        "cites {:?}, which is not the id of any entry of $.sources",
                        c.source
                    ),
                );
            }
        }
    }

    fn known_country(&mut self, code: &str, path: JsonPath) {
        if !self.known.countries.contains(code) {
            self.push(
                K::UnknownCountry,
                path,
                format!("{code:?} is not listed in $.countries"),
            );
        }
    }

    /// A country code that must be one of the relation's two.
    fn party(&mut self, code: &str, rel: &Relation, place: Place, field: &'static str) {
        if !rel.countries.iter().any(|c| c == code) {
            self.push(
                K::BadDirection,
                place.field(field),
                format!(
                    "{code:?} is not a party to {} (expected {:?} or {:?})",
                    rel.id, rel.countries[0], rel.countries[1]
                ),
            );
        }
    }

    /// Two fields naming the two different parties of a relation.
    fn direction(
        &mut self,
        a: (&'static str, &str),
        b: (&'static str, &str),
        rel: &Relation,
        place: Place,
    ) {
        self.party(a.1, rel, place, a.0);
        self.party(b.1, rel, place, b.0);
        if a.1 == b.1 {
            self.push(
                K::BadDirection,
                place.field(b.0),
                format!("{} and {} are both {:?}", a.0, b.0, a.1),
            );
        }
    }

    fn amount(&mut self, a: &Amount, place: Place) {
        // Written only for a fault: every trade figure has an amount.
        let value = || place.field("amount.value");
        if a.value < 0.0 {
            self.push(
                K::NegativeAmount,
                value(),
                format!("amount {} is negative", a.value),
            );
        } else if a.value > MAX_AMOUNT {
            self.push(
                K::BadAmount,
                value(),
                format!(
                    "amount {:e} is over 10^18, more than any trade between two countries in any currency",
                    a.value
                ),
            );
        } else if a.value.fract() != 0.0 {
            self.push(
                K::BadAmount,
                value(),
                format!(
                    "amount {} is not a whole number: amounts are in whole units of the currency, not millions",
                    a.value
                ),
            );
        }
        match (&a.qualifier, &a.derivation) {
            (Qualifier::Derived, None) => self.push(
                K::MissingDerivation,
                place.field("amount.derivation"),
                "a derived amount must say how it was derived: {\"from\": words, \"arithmetic\": …}",
            ),
            (Qualifier::Derived, Some(d)) => {
                self.text(&d.from, || place.field("amount.derivation.from"));
                self.text(&d.arithmetic, || place.field("amount.derivation.arithmetic"));
            }
            (q, Some(_)) => self.push(
                K::UnexpectedDerivation,
                place.field("amount.derivation"),
                format!("only a derived amount has a derivation; this one is {}", q.label()),
            ),
            _ => {}
        }
    }

    fn year(&mut self, year: i32, place: Place, field: &'static str) {
        if !YEARS.contains(&year) {
            self.push(
                K::BadYear,
                place.field(field),
                format!("year {year} is not a four-digit year"),
            );
        }
    }

    fn relation(&mut self, rel: &Relation, index: usize) {
        let here = Place::Relation(index);
        self.id(&rel.id, here);
        self.text(&rel.summary, || here.field("summary"));
        for (i, c) in rel.countries.iter().enumerate() {
            self.known_country(c, here.field("countries").index(i));
        }
        if rel.countries[0] == rel.countries[1] {
            self.push(
                K::SameCountry,
                here.field("countries"),
                format!(
                    "a relation needs two different countries, not {:?} twice",
                    rel.countries[0]
                ),
            );
        } else if let Some(want) = canonical_relation_id(&rel.countries.join("-"))
            && rel.id != want
        {
            self.push(
                K::BadRelationId,
                here.field("id"),
                format!(
                    "relation id {:?} should be {want:?}: both codes, alphabetical, joined by '-'",
                    rel.id
                ),
            );
        }
        self.citations(&rel.sources, here);

        for (i, e) in rel.events.iter().enumerate() {
            let p = Place::record(index, "events", i);
            self.id(&e.id, p);
            self.text(&e.title, || p.field("title"));
            self.citations(&e.sources, p);
        }
        for (i, v) in rel.visits.iter().enumerate() {
            let p = Place::record(index, "visits", i);
            self.id(&v.id, p);
            self.text(&v.visitor, || p.field("visitor"));
            self.direction(("from", &v.from), ("to", &v.to), rel, p);
            self.citations(&v.sources, p);
        }
        for (i, a) in rel.agreements.iter().enumerate() {
            let p = Place::record(index, "agreements", i);
            self.id(&a.id, p);
            self.text(&a.title, || p.field("title"));
            if a.status == AgreementStatus::UnderNegotiation && a.signed.is_some() {
                self.push(
                    K::AgreementStatus,
                    p.field("signed"),
                    "an agreement under negotiation has no signing date",
                );
            }
            self.citations(&a.sources, p);
        }
        if let Some(trade) = &rel.trade {
            self.trade(trade, rel, index);
        }
        for (i, m) in rel.missions.iter().enumerate() {
            self.mission(m, rel, Place::record(index, "missions", i));
        }
        for (i, f) in rel.facts.iter().enumerate() {
            let p = Place::record(index, "facts", i);
            self.id(&f.id, p);
            self.text(&f.text, || p.field("text"));
            self.citations(&f.sources, p);
        }
    }

    fn trade(&mut self, trade: &Trade, rel: &Relation, index: usize) {
        if !is_alpha3(&trade.currency) {
            self.push(
                K::BadCurrency,
                Place::Relation(index).field("trade.currency"),
                format!(
                    "{:?} is not an ISO 4217 code (three capital letters, e.g. \"USD\")",
                    trade.currency
                ),
            );
        }
        let mut figures: FxHashMap<_, usize> = FxHashMap::default();
        for (i, f) in trade.figures.iter().enumerate() {
            let p = Place::record(index, "trade.figures", i);
            self.id(&f.id, p);
            self.year(f.year, p, "year");
            match (&f.from, &f.to) {
                (None, None) => {}
                (Some(from), Some(to)) => self.direction(("from", from), ("to", to), rel, p),
                (Some(_), None) => self.push(
                    K::BadDirection,
                    p.field("to"),
                    "a figure with \"from\" needs \"to\" too",
                ),
                (None, Some(_)) => self.push(
                    K::BadDirection,
                    p.field("from"),
                    "a figure with \"to\" needs \"from\" too",
                ),
            }
            if let Some(by) = &f.reporter {
                self.party(by, rel, p, "reporter");
            }
            if let Some(&first) = figures.get(&figure_key(f)) {
                let flow = match (&f.from, &f.to) {
                    (Some(from), Some(to)) => format!("{from} → {to}"),
                    _ => "two-way".to_string(),
                };
                let problem = Problem::new(
                    K::DuplicateFigure,
                    p.field("year"),
                    format!(
                        "a second {flow} figure for {}: give one figure per year and flow",
                        f.year
                    ),
                )
                .see(
                    "the first is",
                    Place::record(index, "trade.figures", first).path(),
                );
                self.problems.push(problem);
            } else {
                figures.insert(figure_key(f), i);
            }
            self.amount(&f.amount, p);
            self.citations(&f.sources, p);
        }
        for (i, pf) in trade.products.iter().enumerate() {
            let p = Place::record(index, "trade.products", i);
            self.id(&pf.id, p);
            self.direction(("from", &pf.from), ("to", &pf.to), rel, p);
            for (j, name) in pf.products.iter().enumerate() {
                if name.trim().is_empty() {
                    self.push(
                        K::EmptyText,
                        p.field("products").index(j),
                        "must not be empty",
                    );
                }
            }
            self.citations(&pf.sources, p);
        }
        for (i, g) in trade.growth.iter().enumerate() {
            self.growth(g, Place::record(index, "trade.growth", i));
        }
    }

    fn growth(&mut self, g: &Growth, p: Place) {
        self.id(&g.id, p);
        self.text(&g.text, || p.field("text"));
        if let Some(y) = g.from_year {
            self.year(y, p, "from_year");
        }
        if let Some(y) = g.to_year {
            self.year(y, p, "to_year");
        }
        if let (Some(a), Some(b)) = (g.from_year, g.to_year)
            && a > b
        {
            self.push(
                K::BadYear,
                p.field("to_year"),
                format!("ends in {b}, before it starts in {a}"),
            );
        }
        match &g.change {
            Some(c) if c.kind == ChangeKind::Percent && c.value < -100.0 => self.push(
                K::BadGrowth,
                p.field("change.value"),
                format!(
                    "a change of {}% is impossible: a figure can fall by 100% at most",
                    c.value
                ),
            ),
            Some(c) if c.kind == ChangeKind::Factor && c.value <= 0.0 => self.push(
                K::BadGrowth,
                p.field("change.value"),
                format!(
                    "a factor of {} is impossible: a figure can only be multiplied by a number above 0",
                    c.value
                ),
            ),
            _ => {}
        }
        self.citations(&g.sources, p);
    }

    fn mission(&mut self, m: &Mission, rel: &Relation, p: Place) {
        self.id(&m.id, p);
        self.direction(("sending", &m.sending), ("host", &m.host), rel, p);
        match (m.kind, &m.accredited_from) {
            (MissionKind::AccreditedFrom, None) => self.push(
                K::MissionKind,
                p.field("accredited_from"),
                "a mission of kind accredited_from must name the third country it sits in",
            ),
            (MissionKind::AccreditedFrom, Some(code)) => {
                self.known_country(code, p.field("accredited_from"));
                if rel.countries.iter().any(|c| c == code) {
                    self.push(
                        K::MissionKind,
                        p.field("accredited_from"),
                        format!("{code:?} is a party to the relation, not a third country"),
                    );
                }
            }
            (kind, Some(_)) => self.push(
                K::MissionKind,
                p.field("accredited_from"),
                format!(
                    "only an accredited_from mission sits in a third country; this is a {}",
                    kind.label()
                ),
            ),
            _ => {}
        }
        if let (Some(o), Some(c)) = (m.opened, m.closed)
            && c < o
        {
            self.push(
                K::MissionDates,
                p.field("closed"),
                format!("closed {} before it opened {}", c.iso(), o.iso()),
            );
        }
        match (m.closed, m.reopened) {
            (None, Some(_)) => self.push(
                K::MissionDates,
                p.field("reopened"),
                "reopened but never closed: give \"closed\" too",
            ),
            (Some(c), Some(r)) if r < c => self.push(
                K::MissionDates,
                p.field("reopened"),
                format!("reopened {} before it closed {}", r.iso(), c.iso()),
            ),
            _ => {}
        }
        self.citations(&m.sources, p);
    }
}

fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use crate::data::parse_str;

    /// Every fault of a dataset as "path: message" lines.
    fn faults(json: &str) -> Vec<String> {
        match parse_str(json, "t") {
            Ok(_) => Vec::new(),
            Err(e) => e
                .problems()
                .iter()
                .map(|p| {
                    let shown = p.to_string();
                    shown[shown.find("] ").map_or(0, |i| i + 2)..].to_string()
                })
                .collect(),
        }
    }

    #[test]
    fn reports_record_faults_at_their_json_paths() {
        let json = r#"{
          "sources": [{"id": "s", "title": "S", "kind": "news"}],
          "countries": [{"code": "MEX", "name": "Mexico"}, {"code": "VNM", "name": "Vietnam"},
                        {"code": "IRN", "name": "Iran"}],
          "relations": [{
            "id": "MEX-VNM", "countries": ["MEX", "VNM"], "summary": "x", "sources": [{"source": "s"}],
            "events": [{"id": "a", "title": "t", "sources": [{"source": "s"}]},
                       {"id": "a", "title": " ", "sources": []}],
            "visits": [{"id": "v", "visitor": "p", "from": "MEX", "to": "IRN", "sources": [{"source": "q"}]}],
            "trade": {"currency": "usd",
              "figures": [{"id": "f", "year": 99, "amount": {"value": -1, "qualifier": "derived"},
                           "sources": [{"source": "s"}]}],
              "products": [{"id": "p", "from": "MEX", "to": "VNM", "products": ["salt", ""],
                            "sources": [{"source": "s"}]}],
              "growth": [{"id": "g", "text": "up", "from_year": 2020, "to_year": 2019,
                          "sources": [{"source": "s"}]}]},
            "missions": [{"id": "m", "sending": "MEX", "host": "VNM", "kind": "embassy",
                          "reopened": "2000", "sources": [{"source": "s"}]}],
            "facts": [{"id": "v", "category": "plan", "text": "t", "sources": [{"source": "s"}]}]
          }]
        }"#;
        assert_eq!(
            faults(json),
            vec![
                "$.relations[0].events[1].id: duplicate id \"a\" (first used at $.relations[0].events[0].id)",
                "$.relations[0].events[1].title: must not be empty",
                "$.relations[0].events[1].sources: every record needs at least one citation {\"source\": ID}",
                "$.relations[0].visits[0].to: \"IRN\" is not a party to MEX-VNM (expected \"MEX\" or \"VNM\")",
                "$.relations[0].visits[0].sources[0].source: cites \"q\", which is not the id of any entry of $.sources",
                "$.relations[0].trade.currency: \"usd\" is not an ISO 4217 code (three capital letters, e.g. \"USD\")",
                "$.relations[0].trade.figures[0].year: year 99 is not a four-digit year",
                "$.relations[0].trade.figures[0].amount.value: amount -1 is negative",
                "$.relations[0].trade.figures[0].amount.derivation: a derived amount must say how it was derived: {\"from\": words, \"arithmetic\": …}",
                "$.relations[0].trade.products[0].products[1]: must not be empty",
                "$.relations[0].trade.growth[0].to_year: ends in 2019, before it starts in 2020",
                "$.relations[0].missions[0].reopened: reopened but never closed: give \"closed\" too",
                "$.relations[0].facts[0].id: duplicate id \"v\" (first used at $.relations[0].visits[0].id)",
            ]
        );
    }

    #[test]
    fn an_id_used_in_several_relations_points_to_its_first_use() {
        let rel = |id: &str, pair: &str, event: &str| {
            format!(
                r#"{{"id": "{id}", "countries": [{pair}], "summary": "x", "sources": [{{"source": "s"}}],
                   "events": [{{"id": "{event}", "title": "t", "sources": [{{"source": "s"}}]}}]}}"#
            )
        };
        let json = format!(
            r#"{{"sources": [{{"id": "s", "title": "S", "kind": "news"}}],
              "countries": [{{"code": "MEX", "name": "Mexico"}}, {{"code": "VNM", "name": "Vietnam"}},
                            {{"code": "PAK", "name": "Pakistan"}}],
              "relations": [{}, {}, {}]}}"#,
            rel("MEX-VNM", r#""MEX", "VNM""#, "e"),
            rel("MEX-PAK", r#""MEX", "PAK""#, "e"),
            rel("PAK-VNM", r#""PAK", "VNM""#, "MEX-VNM"),
        );
        assert_eq!(
            faults(&json),
            [
                "$.relations[1].events[0].id: duplicate id \"e\" (first used at $.relations[0].events[0].id)",
                "$.relations[2].events[0].id: duplicate id \"MEX-VNM\" (first used at $.relations[0].id)",
            ]
        );
    }

    /// A valid dataset of one relation with these trade figures and growth statements.
    fn trade(figures: &str, growth: &str) -> String {
        format!(
            r#"{{"sources": [{{"id": "s", "title": "S", "kind": "news"}}],
              "countries": [{{"code": "MEX", "name": "Mexico"}}, {{"code": "VNM", "name": "Vietnam"}}],
              "relations": [{{"id": "MEX-VNM", "countries": ["MEX", "VNM"], "summary": "x",
                "sources": [{{"source": "s"}}],
                "trade": {{"currency": "USD", "figures": [{figures}], "growth": [{growth}]}}}}]}}"#
        )
    }

    fn figure(id: &str, year: i32, flow: &str, value: &str) -> String {
        format!(
            r#"{{"id": "{id}", "year": {year}, {flow} "amount": {{"value": {value}, "qualifier": "exact"}},
                "sources": [{{"source": "s"}}]}}"#
        )
    }

    fn change(id: &str, kind: &str, value: f64) -> String {
        format!(
            r#"{{"id": "{id}", "text": "t", "change": {{"kind": "{kind}", "value": {value}}},
                "sources": [{{"source": "s"}}]}}"#
        )
    }

    #[test]
    fn amounts_are_whole_and_plausible() {
        let figures = [
            figure("a", 2020, "", "0.004"),
            figure("b", 2021, "", "999.5"),
            figure("c", 2022, "", "1e308"),
            figure("d", 2023, "", "1e18"),
            figure("e", 2024, "", "372400000"),
        ]
        .join(",");
        assert_eq!(
            faults(&trade(&figures, "")),
            [
                "$.relations[0].trade.figures[0].amount.value: amount 0.004 is not a whole number: amounts are in whole units of the currency, not millions",
                "$.relations[0].trade.figures[1].amount.value: amount 999.5 is not a whole number: amounts are in whole units of the currency, not millions",
                "$.relations[0].trade.figures[2].amount.value: amount 1e308 is over 10^18, more than any trade between two countries in any currency",
            ]
        );
    }

    #[test]
    fn growth_cannot_fall_below_nothing() {
        let growth = [
            change("a", "percent", -250.0),
            change("b", "percent", -100.0),
            change("c", "factor", 0.0),
            change("d", "factor", -3.0),
            change("e", "factor", 0.5),
        ]
        .join(",");
        assert_eq!(
            faults(&trade("", &growth)),
            [
                "$.relations[0].trade.growth[0].change.value: a change of -250% is impossible: a figure can fall by 100% at most",
                "$.relations[0].trade.growth[2].change.value: a factor of 0 is impossible: a figure can only be multiplied by a number above 0",
                "$.relations[0].trade.growth[3].change.value: a factor of -3 is impossible: a figure can only be multiplied by a number above 0",
            ]
        );
    }

    #[test]
    fn one_figure_per_year_and_flow() {
        let one_way = r#""from": "MEX", "to": "VNM","#;
        let back = r#""from": "VNM", "to": "MEX","#;
        let figures = [
            figure("a", 2023, "", "372000000"),
            figure("b", 2023, "", "300000000"),
            figure("c", 2023, one_way, "100000000"),
            figure("d", 2023, back, "200000000"),
            figure("e", 2023, one_way, "110000000"),
            figure("f", 2024, "", "372000000"),
        ]
        .join(",");
        assert_eq!(
            faults(&trade(&figures, "")),
            [
                "$.relations[0].trade.figures[1].year: a second two-way figure for 2023: give one figure per year and flow (the first is $.relations[0].trade.figures[0])",
                "$.relations[0].trade.figures[4].year: a second MEX → VNM figure for 2023: give one figure per year and flow (the first is $.relations[0].trade.figures[2])",
            ]
        );
    }
}
