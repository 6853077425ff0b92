//! Checks that hold across records: references resolve, ids are unique,
//! amounts and dates make sense. Reports every fault, not just the first.

use std::collections::HashSet;
use std::fmt;

use super::model::{
    AgreementStatus, Citation, Dataset, MissionKind, Relation, canonical_relation_id,
};
use super::money::{Amount, Qualifier};
use super::problem::{Problem, ProblemKind as K};

/// Every semantic fault of a structurally valid dataset, in document order.
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut v = Validator {
        problems: Vec::new(),
        // Sized up front: growing a table of a million ids rehashes it twenty times.
        ids: Fast::with_capacity_and_hasher(
            ds.relations.iter().map(|r| 1 + r.record_count()).sum(),
            Default::default(),
        ),
        countries: FastSet::default(),
        sources: FastSet::default(),
    };
    v.countries_and_sources(ds);
    for (i, rel) in ds.relations.iter().enumerate() {
        v.relation(rel, i);
    }
    v.problems
}

/// Maps keyed by the dataset's own ids: a million of them are looked up
/// while loading a large dataset, where std's DoS-resistant SipHash costs
/// half a second; a dataset file is not an adversary of its own loading.
type Fast<K, V> = rustc_hash::FxHashMap<K, V>;
type FastSet<K> = rustc_hash::FxHashSet<K>;

/// Where a record sits: formatted as a JSON path ("$.relations[0].events[3]")
/// only when a problem is reported, so checking a million valid records
/// builds no strings.
#[derive(Debug, Clone, Copy)]
enum Path {
    Relation(usize),
    Record {
        relation: usize,
        list: &'static str,
        index: usize,
    },
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Relation(r) => write!(f, "$.relations[{r}]"),
            Path::Record {
                relation,
                list,
                index,
            } => write!(f, "$.relations[{relation}].{list}[{index}]"),
        }
    }
}

impl Path {
    fn record(relation: usize, list: &'static str, index: usize) -> Path {
        Path::Record {
            relation,
            list,
            index,
        }
    }
}

struct Validator<'a> {
    problems: Vec<Problem>,
    /// Record id → where it was first used.
    ids: Fast<&'a str, Path>,
    countries: FastSet<&'a str>,
    sources: FastSet<&'a str>,
}

impl<'a> Validator<'a> {
    fn push(&mut self, kind: K, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(kind, path, message));
    }

    fn countries_and_sources(&mut self, ds: &'a Dataset) {
        for (i, c) in ds.countries.iter().enumerate() {
            let path = format!("$.countries[{i}]");
            if !is_alpha3(&c.code) {
                self.push(
                    K::BadCountryCode,
                    format!("{path}.code"),
                    format!(
                        "{:?} is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. \"MEX\")",
                        c.code
                    ),
                );
            }
            if !self.countries.insert(&c.code) {
                self.push(
                    K::DuplicateId,
                    format!("{path}.code"),
                    format!("country {:?} is listed twice", c.code),
                );
            }
            self.text(&c.name, &path, "name");
        }
        let mut seen = HashSet::new();
        for (i, s) in ds.sources.iter().enumerate() {
            let path = format!("$.sources[{i}]");
            self.text(&s.id, &path, "id");
            self.text(&s.title, &path, "title");
            if !seen.insert(s.id.as_str()) {
                self.push(
                    K::DuplicateId,
                    format!("{path}.id"),
                    format!("source id {:?} is used twice", s.id),
                );
            }
            self.sources.insert(&s.id);
        }
    }

    fn text(&mut self, s: &str, path: &dyn fmt::Display, field: &str) {
        if s.trim().is_empty() {
            self.push(K::EmptyText, format!("{path}.{field}"), "must not be empty");
        }
    }

    fn id(&mut self, id: &'a str, path: Path) {
        if id.trim().is_empty() {
            self.push(
                K::EmptyText,
                format!("{path}.id"),
                "an id must not be empty",
            );
            return;
        }
        if let Some(first) = self.ids.get(id) {
            let message = format!("duplicate id {id:?} (first used at {first}.id)");
            self.push(K::DuplicateId, format!("{path}.id"), message);
        } else {
            self.ids.insert(id, path);
        }
    }

    fn citations(&mut self, cites: &[Citation], path: &dyn fmt::Display) {
        if cites.is_empty() {
            self.push(
                K::MissingCitation,
                format!("{path}.sources"),
                "every record needs at least one citation {\"source\": ID}",
            );
        }
        for (i, c) in cites.iter().enumerate() {
            if !self.sources.contains(c.source.as_str()) {
                self.push(
                    K::UnknownSource,
                    format!("{path}.sources[{i}].source"),
                    format!(
                        "cites {:?}, which is not the id of any entry of $.sources",
                        c.source
                    ),
                );
            }
        }
    }

    fn known_country(&mut self, code: &str, path: String) {
        if !self.countries.contains(code) {
            self.push(
                K::UnknownCountry,
                path,
                format!("{code:?} is not listed in $.countries"),
            );
        }
    }

    /// A country code that must be one of the relation's two.
    fn party(&mut self, code: &str, rel: &Relation, path: &dyn fmt::Display, field: &str) {
        if !rel.countries.iter().any(|c| c == code) {
            self.push(
                K::BadDirection,
                format!("{path}.{field}"),
                format!(
                    "{code:?} is not a party to {} (expected {:?} or {:?})",
                    rel.id, rel.countries[0], rel.countries[1]
                ),
            );
        }
    }

    fn direction(&mut self, from: &str, to: &str, rel: &Relation, path: &dyn fmt::Display) {
        self.direction_named(("from", from), ("to", to), rel, path);
    }

    /// Two fields naming the two different parties of a relation.
    fn direction_named(
        &mut self,
        a: (&str, &str),
        b: (&str, &str),
        rel: &Relation,
        path: &dyn fmt::Display,
    ) {
        self.party(a.1, rel, path, a.0);
        self.party(b.1, rel, path, b.0);
        if a.1 == b.1 {
            self.push(
                K::BadDirection,
                format!("{path}.{}", b.0),
                format!("{} and {} are both {:?}", a.0, b.0, a.1),
            );
        }
    }

    fn amount(&mut self, a: &Amount, path: &dyn fmt::Display) {
        if a.value < 0.0 {
            self.push(
                K::NegativeAmount,
                format!("{path}.value"),
                format!("amount {} is negative", a.value),
            );
        }
        match (&a.qualifier, &a.derivation) {
            (Qualifier::Derived, None) => self.push(
                K::MissingDerivation,
                format!("{path}.derivation"),
                "a derived amount must say how it was derived: {\"from\": words, \"arithmetic\": …}",
            ),
            (Qualifier::Derived, Some(d)) => {
                self.text(&d.from, path, "derivation.from");
                self.text(&d.arithmetic, path, "derivation.arithmetic");
            }
            (q, Some(_)) => self.push(
                K::UnexpectedDerivation,
                format!("{path}.derivation"),
                format!("only a derived amount has a derivation; this one is {}", q.label()),
            ),
            _ => {}
        }
    }

    fn year(&mut self, year: i32, path: &dyn fmt::Display, field: &str) {
        if !(1000..=9999).contains(&year) {
            self.push(
                K::BadYear,
                format!("{path}.{field}"),
                format!("year {year} is not a four-digit year"),
            );
        }
    }

    fn relation(&mut self, rel: &'a Relation, index: usize) {
        let path = Path::Relation(index);
        self.id(&rel.id, path);
        self.text(&rel.summary, &path, "summary");
        for (i, c) in rel.countries.iter().enumerate() {
            self.known_country(c, format!("{path}.countries[{i}]"));
        }
        if rel.countries[0] == rel.countries[1] {
            self.push(
                K::SameCountry,
                format!("{path}.countries"),
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
                format!("{path}.id"),
                format!(
                    "relation id {:?} should be {want:?}: both codes, alphabetical, joined by '-'",
                    rel.id
                ),
            );
        }
        self.citations(&rel.sources, &path);

        for (i, e) in rel.events.iter().enumerate() {
            let p = Path::record(index, "events", i);
            self.id(&e.id, p);
            self.text(&e.title, &p, "title");
            self.citations(&e.sources, &p);
        }
        for (i, v) in rel.visits.iter().enumerate() {
            let p = Path::record(index, "visits", i);
            self.id(&v.id, p);
            self.text(&v.visitor, &p, "visitor");
            self.direction(&v.from, &v.to, rel, &p);
            self.citations(&v.sources, &p);
        }
        for (i, a) in rel.agreements.iter().enumerate() {
            let p = Path::record(index, "agreements", i);
            self.id(&a.id, p);
            self.text(&a.title, &p, "title");
            if a.status == AgreementStatus::UnderNegotiation && a.signed.is_some() {
                self.push(
                    K::AgreementStatus,
                    format!("{p}.signed"),
                    "an agreement under negotiation has no signing date",
                );
            }
            self.citations(&a.sources, &p);
        }
        if let Some(trade) = &rel.trade {
            self.trade(trade, rel, index);
        }
        for (i, m) in rel.missions.iter().enumerate() {
            self.mission(m, rel, Path::record(index, "missions", i));
        }
        for (i, f) in rel.facts.iter().enumerate() {
            let p = Path::record(index, "facts", i);
            self.id(&f.id, p);
            self.text(&f.text, &p, "text");
            self.citations(&f.sources, &p);
        }
    }

    fn trade(&mut self, trade: &'a super::model::Trade, rel: &Relation, index: usize) {
        if trade.currency.len() != 3 || !trade.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            self.push(
                K::BadCurrency,
                format!("{}.trade.currency", Path::Relation(index)),
                format!(
                    "{:?} is not an ISO 4217 code (three capital letters, e.g. \"USD\")",
                    trade.currency
                ),
            );
        }
        for (i, f) in trade.figures.iter().enumerate() {
            let p = Path::record(index, "trade.figures", i);
            self.id(&f.id, p);
            self.year(f.year, &p, "year");
            match (&f.from, &f.to) {
                (None, None) => {}
                (Some(from), Some(to)) => self.direction(from, to, rel, &p),
                (Some(_), None) => self.push(
                    K::BadDirection,
                    format!("{p}.to"),
                    "a figure with \"from\" needs \"to\" too",
                ),
                (None, Some(_)) => self.push(
                    K::BadDirection,
                    format!("{p}.from"),
                    "a figure with \"to\" needs \"from\" too",
                ),
            }
            self.amount(&f.amount, &Field(&p, "amount"));
            self.citations(&f.sources, &p);
        }
        for (i, pf) in trade.products.iter().enumerate() {
            let p = Path::record(index, "trade.products", i);
            self.id(&pf.id, p);
            self.direction(&pf.from, &pf.to, rel, &p);
            for (j, name) in pf.products.iter().enumerate() {
                if name.trim().is_empty() {
                    self.push(
                        K::EmptyText,
                        format!("{p}.products[{j}]"),
                        "must not be empty",
                    );
                }
            }
            self.citations(&pf.sources, &p);
        }
        for (i, g) in trade.growth.iter().enumerate() {
            let p = Path::record(index, "trade.growth", i);
            self.id(&g.id, p);
            self.text(&g.text, &p, "text");
            if let Some(y) = g.from_year {
                self.year(y, &p, "from_year");
            }
            if let Some(y) = g.to_year {
                self.year(y, &p, "to_year");
            }
            if let (Some(a), Some(b)) = (g.from_year, g.to_year)
                && a > b
            {
                self.push(
                    K::BadYear,
                    format!("{p}.to_year"),
                    format!("ends in {b}, before it starts in {a}"),
                );
            }
            self.citations(&g.sources, &p);
        }
    }

    fn mission(&mut self, m: &'a super::model::Mission, rel: &Relation, p: Path) {
        self.id(&m.id, p);
        self.direction_named(("sending", &m.sending), ("host", &m.host), rel, &p);
        match (m.kind, &m.accredited_from) {
            (MissionKind::AccreditedFrom, None) => self.push(
                K::MissionKind,
                format!("{p}.accredited_from"),
                "a mission of kind accredited_from must name the third country it sits in",
            ),
            (MissionKind::AccreditedFrom, Some(code)) => {
                self.known_country(code, format!("{p}.accredited_from"));
                if rel.countries.iter().any(|c| c == code) {
                    self.push(
                        K::MissionKind,
                        format!("{p}.accredited_from"),
                        format!("{code:?} is a party to the relation, not a third country"),
                    );
                }
            }
            (kind, Some(_)) => self.push(
                K::MissionKind,
                format!("{p}.accredited_from"),
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
                format!("{p}.closed"),
                format!("closed {} before it opened {}", c.iso(), o.iso()),
            );
        }
        match (m.closed, m.reopened) {
            (None, Some(_)) => self.push(
                K::MissionDates,
                format!("{p}.reopened"),
                "reopened but never closed: give \"closed\" too",
            ),
            (Some(c), Some(r)) if r < c => self.push(
                K::MissionDates,
                format!("{p}.reopened"),
                format!("reopened {} before it closed {}", r.iso(), c.iso()),
            ),
            _ => {}
        }
        self.citations(&m.sources, &p);
    }
}

/// A field under a path: "$.relations[0].trade.figures[2].amount".
struct Field<'a>(&'a dyn fmt::Display, &'a str);

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
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
                .map(|p| format!("{}: {}", p.path, p.message))
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
}
