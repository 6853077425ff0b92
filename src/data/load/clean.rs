//! Cleaning what was read from text that needed it: every string a reader
//! sees is made safe to print. Identifiers are not: they are compared as they
//! are written, so one that cleaning would change (a control or invisible
//! character in it) is a fault, and it is left as written so that it never
//! matches another id that happens to read the same once cleaned.

use std::borrow::Cow;

use crate::data::model::{
    Agreement, Citations, Country, Event, Fact, Growth, Mission, ProductFlow, Relation, Source,
    Text, Trade, TradeFigure, Visit,
};
use crate::data::problem::{JsonPath, Problem, ProblemKind};
use crate::data::sanitize::clean;

/// Cleans the sources; identifiers that would change are reported to `bad`.
pub(super) fn sources(sources: &mut [Source], bad: &mut Vec<Problem>) {
    for (i, s) in sources.iter_mut().enumerate() {
        let at = || JsonPath::root().key("sources").index(i);
        id(&s.id, || at().key("id"), bad);
        text(&mut s.title);
        opt(&mut s.author);
        opt(&mut s.publisher);
        opt(&mut s.url);
        opt(&mut s.note);
    }
}

/// Cleans the countries. Their codes are checked as codes afterwards.
pub(super) fn countries(countries: &mut [Country]) {
    for c in countries {
        text(&mut c.code);
        text(&mut c.name);
    }
}

/// Cleans relation `index` of the dataset.
pub(super) fn relation(rel: &mut Relation, index: usize, bad: &mut Vec<Problem>) {
    let here = JsonPath::root().key("relations").index(index);
    id(&rel.id, || here.key("id"), bad);
    rel.countries.iter_mut().for_each(text);
    text(&mut rel.summary);
    cites(&mut rel.sources, &here, bad);
    let record = |list: &'static str, i: usize| JsonPath::list(index, list).index(i);
    for (i, e) in rel.events.iter_mut().enumerate() {
        event(e, &record("events", i), bad);
    }
    for (i, v) in rel.visits.iter_mut().enumerate() {
        visit(v, &record("visits", i), bad);
    }
    for (i, a) in rel.agreements.iter_mut().enumerate() {
        agreement(a, &record("agreements", i), bad);
    }
    if let Some(t) = &mut rel.trade {
        trade(t, index, bad);
    }
    for (i, m) in rel.missions.iter_mut().enumerate() {
        mission(m, &record("missions", i), bad);
    }
    for (i, f) in rel.facts.iter_mut().enumerate() {
        fact(f, &record("facts", i), bad);
    }
}

fn event(e: &mut Event, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&e.id, || at.key("id"), bad);
    text(&mut e.title);
    text(&mut e.detail);
    e.tags.iter_mut().for_each(text);
    cites(&mut e.sources, at, bad);
}

fn visit(v: &mut Visit, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&v.id, || at.key("id"), bad);
    text(&mut v.visitor);
    opt(&mut v.office);
    text(&mut v.from);
    text(&mut v.to);
    opt(&mut v.purpose);
    text(&mut v.detail);
    cites(&mut v.sources, at, bad);
}

fn agreement(a: &mut Agreement, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&a.id, || at.key("id"), bad);
    text(&mut a.title);
    text(&mut a.area);
    text(&mut a.detail);
    cites(&mut a.sources, at, bad);
}

fn trade(t: &mut Trade, relation: usize, bad: &mut Vec<Problem>) {
    text(&mut t.currency);
    let record = |list: &'static str, i: usize| JsonPath::list(relation, list).index(i);
    for (i, f) in t.figures.iter_mut().enumerate() {
        figure(f, &record("trade.figures", i), bad);
    }
    for (i, p) in t.products.iter_mut().enumerate() {
        products(p, &record("trade.products", i), bad);
    }
    for (i, g) in t.growth.iter_mut().enumerate() {
        growth(g, &record("trade.growth", i), bad);
    }
}

fn figure(f: &mut TradeFigure, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&f.id, || at.key("id"), bad);
    opt(&mut f.from);
    opt(&mut f.to);
    opt(&mut f.reporter);
    if let Some(d) = &mut f.amount.derivation {
        string(&mut d.from);
        string(&mut d.arithmetic);
    }
    text(&mut f.note);
    cites(&mut f.sources, at, bad);
}

fn products(p: &mut ProductFlow, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&p.id, || at.key("id"), bad);
    text(&mut p.from);
    text(&mut p.to);
    p.products.iter_mut().for_each(text);
    cites(&mut p.sources, at, bad);
}

fn growth(g: &mut Growth, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&g.id, || at.key("id"), bad);
    text(&mut g.text);
    cites(&mut g.sources, at, bad);
}

fn mission(m: &mut Mission, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&m.id, || at.key("id"), bad);
    text(&mut m.sending);
    text(&mut m.host);
    opt(&mut m.city);
    opt(&mut m.accredited_from);
    text(&mut m.note);
    cites(&mut m.sources, at, bad);
}

fn fact(f: &mut Fact, at: &JsonPath, bad: &mut Vec<Problem>) {
    id(&f.id, || at.key("id"), bad);
    text(&mut f.text);
    if let Some(p) = &mut f.attributed_to {
        text(&mut p.name);
        opt(&mut p.role);
    }
    cites(&mut f.sources, at, bad);
}

fn cites(cites: &mut Citations, record: &JsonPath, bad: &mut Vec<Problem>) {
    for (i, c) in cites.iter_mut().enumerate() {
        id(
            &c.source,
            || record.key("sources").index(i).key("source"),
            bad,
        );
        opt(&mut c.section);
    }
}

fn text(s: &mut Text) {
    if let Cow::Owned(c) = clean(s) {
        *s = c.into();
    }
}

fn string(s: &mut String) {
    if let Cow::Owned(c) = clean(s) {
        *s = c;
    }
}

fn opt(s: &mut Option<Text>) {
    if let Some(s) = s {
        text(s);
    }
}

/// An identifier that cleaning would change is reported, and kept as written.
fn id(s: &Text, at: impl FnOnce() -> JsonPath, bad: &mut Vec<Problem>) {
    let Some(c) = s.chars().find(|&c| {
        let mut buf = [0u8; 4];
        matches!(clean(c.encode_utf8(&mut buf)), Cow::Owned(_))
    }) else {
        return;
    };
    let what = match c {
        '\t' | '\n' | '\r' => "a tab or line break",
        c if c.is_control() => "a control character",
        _ => "an invisible formatting character",
    };
    bad.push(Problem::new(
        ProblemKind::BadId,
        at(),
        format!(
            "{:?} holds {what} (U+{:04X}); an identifier must be printable text, compared as written",
            clean(s),
            u32::from(c)
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Dataset;

    /// Adds a control character to every string of a JSON value, but for
    /// the dates and the words of a fixed list, which are read as such.
    fn dirty(v: &mut serde_json::Value) {
        use serde_json::Value;
        const READ_AS_SUCH: [&str; 11] = [
            "published",
            "established",
            "date",
            "signed",
            "opened",
            "closed",
            "reopened",
            "kind",
            "status",
            "qualifier",
            "category",
        ];
        match v {
            Value::String(s) => s.push('\u{1b}'),
            Value::Array(items) => items.iter_mut().for_each(dirty),
            Value::Object(map) => map
                .iter_mut()
                .filter(|(k, _)| !READ_AS_SUCH.contains(&k.as_str()))
                .for_each(|(_, v)| dirty(v)),
            _ => {}
        }
    }

    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        use serde_json::Value;
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
            Value::Object(map) => map.values().for_each(|i| strings(i, out)),
            _ => {}
        }
    }

    #[test]
    fn every_string_is_cleaned_and_every_id_reported() {
        // The hostile fixture fills every field the format has.
        let fixture = include_str!("../../../tests/fixtures/hostile.json");
        let mut value: serde_json::Value = serde_json::from_str(fixture).unwrap_or_default();
        dirty(&mut value);
        let mut ds: Dataset = serde_json::from_value(value).expect("still a dataset");
        let mut bad = Vec::new();
        sources(&mut ds.sources, &mut bad);
        countries(&mut ds.countries);
        for (i, rel) in ds.relations.iter_mut().enumerate() {
            relation(rel, i, &mut bad);
        }
        let mut all = Vec::new();
        strings(&serde_json::to_value(&ds).unwrap_or_default(), &mut all);
        let raw: Vec<&String> = all.iter().filter(|s| s.contains('\u{1b}')).collect();
        // What is left raw is exactly what was reported.
        assert_eq!(raw.len(), bad.len(), "{raw:?}\n{bad:?}");
        assert!(bad.iter().all(|p| p.kind == ProblemKind::BadId));
        assert!(bad.iter().any(|p| p.path == "$.sources[0].id"));
        assert!(
            bad.iter()
                .any(|p| p.path == "$.relations[0].facts[0].sources[0].source")
        );
    }

    #[test]
    fn an_id_is_reported_with_what_it_holds() {
        let mut bad = Vec::new();
        id(
            &"doc1\u{1b}".into(),
            || JsonPath::root().key("id"),
            &mut bad,
        );
        id(
            &"doc\u{202e}".into(),
            || JsonPath::root().key("id"),
            &mut bad,
        );
        id(&"plain-id".into(), || JsonPath::root().key("id"), &mut bad);
        let said: Vec<String> = bad.iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            said,
            [
                "\"doc1␛\" holds a control character (U+001B); an identifier must be printable text, compared as written",
                "\"doc⟨U+202E⟩\" holds an invisible formatting character (U+202E); an identifier must be printable text, compared as written",
            ]
        );
    }
}
