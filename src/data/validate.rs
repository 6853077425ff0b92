//! Checks that hold across records: references resolve, ids are unique,
//! amounts and dates make sense. Reports every fault, not just the first.

use std::collections::{HashMap, HashSet};

use super::model::{
    AgreementStatus, Citation, Dataset, MissionKind, Relation, canonical_relation_id,
};
use super::money::{Amount, Qualifier};
use super::problem::{Problem, ProblemKind as K};

/// Every semantic fault of a structurally valid dataset, in document order.
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut v = Validator {
        problems: Vec::new(),
        ids: HashMap::new(),
        countries: HashSet::new(),
        sources: HashSet::new(),
    };
    v.countries_and_sources(ds);
    for (i, rel) in ds.relations.iter().enumerate() {
        v.relation(rel, &format!("$.relations[{i}]"));
    }
    v.problems
}

struct Validator<'a> {
    problems: Vec<Problem>,
    /// Record id → the path where it was first used.
    ids: HashMap<&'a str, String>,
    countries: HashSet<&'a str>,
    sources: HashSet<&'a str>,
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
            self.text(&c.name, &format!("{path}.name"));
        }
        let mut seen = HashSet::new();
        for (i, s) in ds.sources.iter().enumerate() {
            let path = format!("$.sources[{i}]");
            self.text(&s.id, &format!("{path}.id"));
            self.text(&s.title, &format!("{path}.title"));
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

    fn text(&mut self, s: &str, path: &str) {
        if s.trim().is_empty() {
            self.push(K::EmptyText, path, "must not be empty");
        }
    }

    fn id(&mut self, id: &'a str, path: &str) {
        let path = format!("{path}.id");
        if id.trim().is_empty() {
            self.push(K::EmptyText, path, "an id must not be empty");
            return;
        }
        if let Some(first) = self.ids.get(id) {
            let message = format!("duplicate id {id:?} (first used at {first})");
            self.push(K::DuplicateId, path, message);
        } else {
            self.ids.insert(id, path);
        }
    }

    fn citations(&mut self, cites: &[Citation], path: &str) {
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
    fn party(&mut self, code: &str, rel: &Relation, path: String) {
        if !rel.countries.iter().any(|c| c == code) {
            self.push(
                K::BadDirection,
                path,
                format!(
                    "{code:?} is not a party to {} (expected {:?} or {:?})",
                    rel.id, rel.countries[0], rel.countries[1]
                ),
            );
        }
    }

    fn direction(&mut self, from: &str, to: &str, rel: &Relation, path: &str) {
        self.direction_named(("from", from), ("to", to), rel, path);
    }

    /// Two fields naming the two different parties of a relation.
    fn direction_named(&mut self, a: (&str, &str), b: (&str, &str), rel: &Relation, path: &str) {
        self.party(a.1, rel, format!("{path}.{}", a.0));
        self.party(b.1, rel, format!("{path}.{}", b.0));
        if a.1 == b.1 {
            self.push(
                K::BadDirection,
                format!("{path}.{}", b.0),
                format!("{} and {} are both {:?}", a.0, b.0, a.1),
            );
        }
    }

    fn amount(&mut self, a: &Amount, path: &str) {
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
                self.text(&d.from, &format!("{path}.derivation.from"));
                self.text(&d.arithmetic, &format!("{path}.derivation.arithmetic"));
            }
            (q, Some(_)) => self.push(
                K::UnexpectedDerivation,
                format!("{path}.derivation"),
                format!("only a derived amount has a derivation; this one is {}", q.label()),
            ),
            _ => {}
        }
    }

    fn year(&mut self, year: i32, path: String) {
        if !(1000..=9999).contains(&year) {
            self.push(
                K::BadYear,
                path,
                format!("year {year} is not a four-digit year"),
            );
        }
    }

    fn relation(&mut self, rel: &'a Relation, path: &str) {
        self.id(&rel.id, path);
        self.text(&rel.summary, &format!("{path}.summary"));
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
        self.citations(&rel.sources, path);

        for (i, e) in rel.events.iter().enumerate() {
            let p = format!("{path}.events[{i}]");
            self.id(&e.id, &p);
            self.text(&e.title, &format!("{p}.title"));
            self.citations(&e.sources, &p);
        }
        for (i, v) in rel.visits.iter().enumerate() {
            let p = format!("{path}.visits[{i}]");
            self.id(&v.id, &p);
            self.text(&v.visitor, &format!("{p}.visitor"));
            self.direction(&v.from, &v.to, rel, &p);
            self.citations(&v.sources, &p);
        }
        for (i, a) in rel.agreements.iter().enumerate() {
            let p = format!("{path}.agreements[{i}]");
            self.id(&a.id, &p);
            self.text(&a.title, &format!("{p}.title"));
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
            self.trade(trade, rel, &format!("{path}.trade"));
        }
        for (i, m) in rel.missions.iter().enumerate() {
            self.mission(m, rel, &format!("{path}.missions[{i}]"));
        }
        for (i, f) in rel.facts.iter().enumerate() {
            let p = format!("{path}.facts[{i}]");
            self.id(&f.id, &p);
            self.text(&f.text, &format!("{p}.text"));
            self.citations(&f.sources, &p);
        }
    }

    fn trade(&mut self, trade: &'a super::model::Trade, rel: &Relation, path: &str) {
        if trade.currency.len() != 3 || !trade.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            self.push(
                K::BadCurrency,
                format!("{path}.currency"),
                format!(
                    "{:?} is not an ISO 4217 code (three capital letters, e.g. \"USD\")",
                    trade.currency
                ),
            );
        }
        for (i, f) in trade.figures.iter().enumerate() {
            let p = format!("{path}.figures[{i}]");
            self.id(&f.id, &p);
            self.year(f.year, format!("{p}.year"));
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
            self.amount(&f.amount, &format!("{p}.amount"));
            self.citations(&f.sources, &p);
        }
        for (i, pf) in trade.products.iter().enumerate() {
            let p = format!("{path}.products[{i}]");
            self.id(&pf.id, &p);
            self.direction(&pf.from, &pf.to, rel, &p);
            for (j, name) in pf.products.iter().enumerate() {
                self.text(name, &format!("{p}.products[{j}]"));
            }
            self.citations(&pf.sources, &p);
        }
        for (i, g) in trade.growth.iter().enumerate() {
            let p = format!("{path}.growth[{i}]");
            self.id(&g.id, &p);
            self.text(&g.text, &format!("{p}.text"));
            if let Some(y) = g.from_year {
                self.year(y, format!("{p}.from_year"));
            }
            if let Some(y) = g.to_year {
                self.year(y, format!("{p}.to_year"));
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

    fn mission(&mut self, m: &'a super::model::Mission, rel: &Relation, p: &str) {
        self.id(&m.id, p);
        self.direction_named(("sending", &m.sending), ("host", &m.host), rel, p);
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
        self.citations(&m.sources, p);
    }
}

fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}
