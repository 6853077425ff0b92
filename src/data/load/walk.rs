//! Reading the parts of a dataset that hold lists — the relations, their
//! trade, the lists of sources and countries — a record at a time, so that
//! one broken record neither hides the faults of the others nor costs more
//! than its own size in memory. A part that reads as its type in one go (as
//! every part of a valid file does) is taken as it is.

use std::collections::HashSet;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::json::Tree;
use super::record::{self, from_tree, tree};
use crate::data::model::{Relation, Trade};
use crate::data::problem::{JsonPath, Problem, ProblemKind, Step};

/// What reading found besides the records.
#[derive(Debug, Default)]
pub(super) struct Report {
    pub problems: Vec<Problem>,
    /// Places given a stand-in after their fault was reported: the checks
    /// that run on the parsed dataset say nothing more about them, or about
    /// anything under them.
    pub patched: HashSet<JsonPath>,
    /// Each list that lost records (by its path in the file), with the file
    /// index of every record kept.
    pub kept: Vec<(JsonPath, Vec<usize>)>,
}

impl Report {
    /// Adds a problem; its position, for [`Report::suggest`].
    pub fn problem(
        &mut self,
        kind: ProblemKind,
        path: JsonPath,
        message: impl Into<String>,
    ) -> usize {
        self.problems.push(Problem::new(kind, path, message));
        self.problems.len() - 1
    }

    pub fn patched(&mut self, path: JsonPath) {
        self.patched.insert(path);
    }

    /// Whether `path` or a place holding it was given a stand-in: a lookup
    /// per step of the path, however many places were.
    pub fn is_patched(&self, path: &JsonPath) -> bool {
        !self.patched.is_empty() && path.prefixes().any(|p| self.patched.contains(&p))
    }

    /// Adds "did you mean" to the problem at `n`.
    pub fn suggest(&mut self, n: usize, field: &str) {
        if let Some(p) = self.problems.get_mut(n) {
            p.message.push_str(&format!(" (did you mean `{field}`?)"));
        }
    }

    pub fn repeated_key(&mut self, path: JsonPath) {
        let key = match path.steps().last() {
            Some(Step::Key(k)) => k.to_string(),
            _ => String::new(),
        };
        self.problem(
            ProblemKind::DuplicateKey,
            path,
            format!("key {key:?} is given more than once in this object; only the first is read"),
        );
    }

    pub fn extend(&mut self, other: Report) {
        self.problems.extend(other.problems);
        self.patched.extend(other.patched);
        self.kept.extend(other.kept);
    }
}

/// Text that is not JSON: where, and what serde_json says. `at` is the
/// address of the offending byte, so a fault found in a part of a part is
/// placed in the whole by [`NotJson::offset_in`].
#[derive(Debug)]
pub(super) struct NotJson {
    at: usize,
    pub message: String,
}

impl NotJson {
    /// The offending byte's offset in `text`, which holds it.
    pub fn offset_in(&self, text: &[u8]) -> usize {
        self.at
            .saturating_sub(text.as_ptr() as usize)
            .min(text.len())
    }
}

pub(super) type Walk<T> = Result<T, NotJson>;

fn not_json(text: &str, e: &serde_json::Error) -> NotJson {
    let offset = super::excerpt::offending_offset(text, e.line(), e.column());
    NotJson {
        at: text.as_ptr() as usize + offset,
        message: e.to_string(),
    }
}

fn is_syntax(e: &serde_json::Error) -> bool {
    matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    )
}

/// The first character of a JSON value, naming its type in messages.
pub(super) fn kind_of(text: &str) -> &'static str {
    match text.trim_start().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// Checks that `text` is one JSON value.
fn raw(text: &str) -> Walk<&RawValue> {
    serde_json::from_str(text).map_err(|e| not_json(text, &e))
}

/// The records of a list: every one that can be read, and a report of the rest.
pub(super) fn list<T: DeserializeOwned>(
    text: &str,
    at: &JsonPath,
    report: &mut Report,
) -> Walk<Vec<T>> {
    match serde_json::from_str::<Vec<T>>(text) {
        Ok(mut items) => {
            items.shrink_to_fit();
            return Ok(items);
        }
        Err(e) if is_syntax(&e) => return Err(not_json(text, &e)),
        Err(_) => {}
    }
    match kind_of(raw(text)?.get()) {
        // An absent list and a null one are the same: empty.
        "null" => return Ok(Vec::new()),
        "an array" => {}
        found => {
            report.problem(
                ProblemKind::Structure,
                at.clone(),
                format!("expected an array, found {found}"),
            );
            return Ok(Vec::new());
        }
    }
    let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| not_json(text, &e))?;
    let (total, mut kept, mut out) = (items.len(), Vec::new(), Vec::new());
    for (i, item) in items.into_iter().enumerate() {
        if let Some(t) = record::record(item.get(), &at.index(i), report) {
            out.push(t);
            kept.push(i);
        }
    }
    if kept.len() != total {
        report.kept.push((at.clone(), kept));
    }
    Ok(out)
}

/// An object whose list fields are read a record at a time: its other
/// fields as a tree, and the text of each list field given.
struct Split<'t> {
    head: Tree,
    lists: Vec<(&'static str, &'t str)>,
}

/// Splits the object in `text`; `None` for another type of value.
fn split<'t>(
    text: &'t str,
    at: &JsonPath,
    list_keys: &[&'static str],
    report: &mut Report,
) -> Walk<Option<Split<'t>>> {
    if kind_of(raw(text)?.get()) != "an object" {
        return Ok(None);
    }
    let entries = serde::Deserializer::deserialize_map(
        &mut serde_json::Deserializer::from_str(text),
        Entries,
    )
    .map_err(|e| not_json(text, &e))?;
    let (mut head, mut lists, mut seen) = (Vec::new(), Vec::new(), HashSet::new());
    for (key, value) in entries {
        let path = at.key(key.clone());
        if !seen.insert(key.clone()) {
            report.repeated_key(path);
            continue;
        }
        match list_keys.iter().find(|k| **k == key) {
            Some(k) => lists.push((*k, value.get())),
            None => {
                if let Some(v) = tree(value.get(), &path, report) {
                    head.push((key, v));
                }
            }
        }
    }
    Ok(Some(Split {
        head: Tree::Object(head),
        lists,
    }))
}

/// Every entry of an object, in order, repeats included.
struct Entries;

impl<'de> Visitor<'de> for Entries {
    type Value = Vec<(String, &'de RawValue)>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = map.next_entry()? {
            out.push(entry);
        }
        Ok(out)
    }
}

const RELATION_LISTS: [&str; 6] = [
    "events",
    "visits",
    "agreements",
    "missions",
    "facts",
    "trade",
];
const TRADE_LISTS: [&str; 3] = ["figures", "products", "growth"];

/// One relation, written as `text` at `at`.
#[cfg(test)]
pub(super) fn relation(text: &str, at: &JsonPath, report: &mut Report) -> Walk<Option<Relation>> {
    Ok(relation_in(text, at, report, false)?.map(|(rel, _)| rel))
}

/// Which of the fields a relation must have a layer's relation left out:
/// it takes them from the same relation in the layers below.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Omitted {
    pub countries: bool,
    pub summary: bool,
    pub sources: bool,
    /// Of its trade.
    pub currency: bool,
}

impl Omitted {
    pub fn any(self) -> bool {
        self.countries || self.summary || self.sources || self.currency
    }
}

/// A field a layer may leave out, and how to note that it did.
type Optional = (&'static str, fn(&mut Omitted));

/// Stand-ins for the fields a layer's relation may leave out, noted in
/// `omitted`; a stand-in is never kept (the merge takes the layer below's).
fn stand_ins(head: &mut Tree, keys: &[Optional], omitted: &mut Omitted) {
    let Some(entries) = head.entries_mut() else {
        return;
    };
    for (key, note) in keys {
        if entries.iter().any(|(k, _)| k == key) {
            continue;
        }
        note(omitted);
        let value = match *key {
            "countries" => Tree::Array(vec![Tree::String(String::new()); 2]),
            "sources" => Tree::Array(Vec::new()),
            _ => Tree::String(String::new()),
        };
        entries.push((key.to_string(), value));
    }
}

/// One relation; with `partial` (a layer's), its required fields may be
/// left out, and which were is said.
pub(super) fn relation_in(
    text: &str,
    at: &JsonPath,
    report: &mut Report,
    partial: bool,
) -> Walk<Option<(Relation, Omitted)>> {
    match serde_json::from_str::<Relation>(text) {
        Ok(rel) => return Ok(Some((rel, Omitted::default()))),
        Err(e) if is_syntax(&e) => return Err(not_json(text, &e)),
        Err(_) => {}
    }
    let Some(Split { mut head, lists }) = split(text, at, &RELATION_LISTS, report)? else {
        return Ok(record::record(text, at, report).map(|r| (r, Omitted::default())));
    };
    let mut omitted = Omitted::default();
    if partial {
        let keys: [Optional; 3] = [
            ("countries", |o| o.countries = true),
            ("summary", |o| o.summary = true),
            ("sources", |o| o.sources = true),
        ];
        stand_ins(&mut head, &keys, &mut omitted);
    }
    let mut rel: Option<Relation> = from_tree(head, at, report);
    for (key, text) in lists {
        let path = at.key(key);
        match key {
            "events" => set(&mut rel, list(text, &path, report)?, |r, v| r.events = v),
            "visits" => set(&mut rel, list(text, &path, report)?, |r, v| r.visits = v),
            "agreements" => set(&mut rel, list(text, &path, report)?, |r, v| {
                r.agreements = v
            }),
            "missions" => set(&mut rel, list(text, &path, report)?, |r, v| r.missions = v),
            "facts" => set(&mut rel, list(text, &path, report)?, |r, v| r.facts = v),
            _ => {
                let t = trade(text, &path, report, partial.then_some(&mut omitted))?;
                set(&mut rel, t, |r, t| r.trade = t)
            }
        }
    }
    Ok(rel.map(|r| (r, omitted)))
}

/// A relation's trade; `None` when it is null or cannot be read. With
/// `omitted` (a layer's), its currency may be left out.
fn trade(
    text: &str,
    at: &JsonPath,
    report: &mut Report,
    omitted: Option<&mut Omitted>,
) -> Walk<Option<Trade>> {
    if kind_of(text) == "null" {
        return Ok(None);
    }
    let Some(Split { mut head, lists }) = split(text, at, &TRADE_LISTS, report)? else {
        return Ok(record::record(text, at, report));
    };
    if let Some(omitted) = omitted {
        let keys: [Optional; 1] = [("currency", |o| o.currency = true)];
        stand_ins(&mut head, &keys, omitted);
    }
    let mut trade: Option<Trade> = from_tree(head, at, report);
    for (key, text) in lists {
        let path = at.key(key);
        match key {
            "figures" => set(&mut trade, list(text, &path, report)?, |t, v| t.figures = v),
            "products" => set(&mut trade, list(text, &path, report)?, |t, v| {
                t.products = v
            }),
            _ => set(&mut trade, list(text, &path, report)?, |t, v| t.growth = v),
        }
    }
    Ok(trade)
}

/// Puts a list read on its own into its record, if the record could be read.
fn set<R, V>(record: &mut Option<R>, value: V, put: impl FnOnce(&mut R, V)) {
    if let Some(r) = record {
        put(r, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation_faults(text: &str) -> (bool, Vec<String>) {
        let mut report = Report::default();
        let at = JsonPath::root().key("relations").index(0);
        let rel = relation(text, &at, &mut report).expect("JSON");
        let shown = report
            .problems
            .iter()
            .map(|p| format!("{} {}", p.kind.code(), p.path))
            .collect();
        (rel.is_some(), shown)
    }

    #[test]
    fn a_relation_with_faults_in_its_head_and_lists_keeps_what_it_can() {
        let (kept, faults) = relation_faults(
            r#"{"id": "MEX-VNM", "countries": ["MEX", "VNM"], "established": "1975-13",
                "summary": "s", "sources": [],
                "visits": [{"id": "v", "visitor": "A", "from": "MEX", "to": "VNM", "sources": []},
                           {"id": "w"}, 7],
                "trade": {"currency": "USD", "figures": "none", "products": []},
                "summary": "again"}"#,
        );
        assert!(kept);
        assert_eq!(
            faults,
            [
                "duplicate-key $.relations[0].summary",
                "bad-date $.relations[0].established",
                "structure $.relations[0].visits[1]",
                "structure $.relations[0].visits[1]",
                "structure $.relations[0].visits[1]",
                "structure $.relations[0].visits[1]",
                "structure $.relations[0].visits[2]",
                "structure $.relations[0].trade.figures",
            ]
        );
    }

    #[test]
    fn a_list_notes_the_records_it_lost() {
        let mut report = Report::default();
        let at = JsonPath::root().key("list");
        let kept: Vec<crate::data::Country> = list(
            r#"[{"code": "MEX", "name": "M"}, 3, {"code": "VNM", "name": "V"}]"#,
            &at,
            &mut report,
        )
        .unwrap();
        assert_eq!(kept.len(), 2);
        assert_eq!(report.kept, vec![(at, vec![0, 2])]);
    }

    #[test]
    fn text_that_is_not_json_is_located() {
        let text = r#"{"id": x}"#;
        let mut report = Report::default();
        let err = relation(text, &JsonPath::root(), &mut report).unwrap_err();
        assert_eq!(err.offset_in(text.as_bytes()), 7);
    }
}
