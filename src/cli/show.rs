//! `bilateral show ID...`: records in full, as the detail pane shows them —
//! every field, the date at its precision, amounts with qualifier and
//! derivation — with their citations in full. Relations and sources can be
//! shown by their ids too.
//!
//! Each format is one function over a [`Described`] item, so another (a
//! one-line citation, say) is one more function.

use std::io::{self, Write};

use clap::ValueEnum;
use crossterm::style::Stylize;
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::{Value, json};

use crate::data::{Citation, Dataset, Relation, Source, sanitize::clean};
use crate::query::{self, Field, Record, describe, describe_relation, describe_source};
use crate::search::FieldMatch;
use crate::text::{fit, wrap};

use super::escape::md_text;
use super::table::Citations;
use super::{EXIT_USAGE, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Labelled fields for reading, wrapped to the terminal
    Table,
    /// An array of objects: the fields as shown, the citations in full and the record as stored
    Json,
    /// A section per record with its fields and citations as lists
    Md,
    /// One line of citation-ready Markdown per record: the fact, then its sources
    Cite,
}

/// How items are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub format: ShowFormat,
    /// Cells a line may take; `None`: no limit, nothing wraps.
    pub width: Option<usize>,
    /// Whether matched words may be highlighted with terminal styling.
    pub color: bool,
}

/// What `show` prints: a record, a relation, or a source with its number
/// (as citations number it, from 1).
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Record(&'a Relation, Record<'a>),
    Relation(&'a Relation),
    Source(usize, &'a Source),
}

/// Where a search matched in an item, and how well.
#[derive(Debug, Clone)]
pub struct Matched {
    pub score: u32,
    pub fields: Vec<FieldMatch>,
}

/// Finds every id, or fails naming each unknown one with the closest ids there are.
pub fn find<'a>(ds: &'a Dataset, ids: &[String]) -> Result<Vec<Item<'a>>, Failure> {
    let mut found: Vec<Option<Item<'a>>> = ids.iter().map(|id| by_id(ds, id)).collect();
    if found.iter().any(Option::is_none) {
        // Records last: one pass over them answers every id still missing.
        for (r, rel) in ds.relations.iter().enumerate() {
            for at in query::records_of(rel, r) {
                let Some((rel, rec)) = at.resolve(ds) else {
                    continue;
                };
                for (slot, id) in found.iter_mut().zip(ids) {
                    if slot.is_none() && rec.id() == id.as_str() {
                        *slot = Some(Item::Record(rel, rec));
                    }
                }
            }
        }
    }
    let unknown: Vec<String> = ids
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(id, _)| unknown_id(ds, id))
        .collect();
    if !unknown.is_empty() {
        return Err(Failure {
            message: unknown.join("\n"),
            code: EXIT_USAGE,
        });
    }
    Ok(found.into_iter().flatten().collect())
}

/// A relation (either order, any case) or a source with this id.
fn by_id<'a>(ds: &'a Dataset, id: &str) -> Option<Item<'a>> {
    if let Some(rel) = ds.relation(id) {
        return Some(Item::Relation(rel));
    }
    let n = ds.sources.iter().position(|s| s.id == id)?;
    Some(Item::Source(n + 1, &ds.sources[n]))
}

/// "no record has the id …; did you mean …?", with up to three close ids.
fn unknown_id(ds: &Dataset, id: &str) -> String {
    let near = closest(ds, id, 3);
    let id = clean(id);
    if near.is_empty() {
        return format!(
            "error: no record, relation or source has the id {id:?}; \
             `bilateral list KIND --ids` and `bilateral search WORDS --ids` show ids"
        );
    }
    format!(
        "error: no record, relation or source has the id {id:?}; closest: {}",
        near.join(", ")
    )
}

/// The ids most like `id`: those containing it first, then by similarity.
pub fn closest(ds: &Dataset, id: &str, n: usize) -> Vec<String> {
    let wanted = id.to_lowercase();
    let mut scored: Vec<(f64, &str)> = all_ids(ds)
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let score = if lower.contains(&wanted) && wanted.len() >= 3 {
                2.0 - (lower.len() - wanted.len()) as f64 / 1000.0
            } else {
                strsim::jaro_winkler(&wanted, &lower)
            };
            (score >= 0.8).then_some((score, candidate))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(n)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// Every id `show` takes: records, relations and sources.
pub fn all_ids(ds: &Dataset) -> impl Iterator<Item = &str> {
    let records = ds.relations.iter().enumerate().flat_map(move |(r, rel)| {
        query::records_of(rel, r).filter_map(move |at| Some(at.resolve(ds)?.1.id()))
    });
    let relations = ds.relations.iter().map(|r| r.id.as_str());
    let sources = ds.sources.iter().map(|s| s.id.as_str());
    relations.chain(records).chain(sources)
}

/// An item as every format prints it.
struct Described<'a> {
    kind: &'static str,
    id: &'a str,
    relation: Option<&'a Relation>,
    headline: String,
    fields: Vec<Field>,
    citations: &'a [Citation],
    /// The item as the dataset stores it.
    stored: Value,
}

fn described<'a>(ds: &'a Dataset, item: Item<'a>) -> Described<'a> {
    match item {
        Item::Record(rel, rec) => Described {
            kind: rec.kind().label(),
            id: rec.id(),
            relation: Some(rel),
            headline: rec.headline(ds, rel),
            fields: describe(ds, rel, &rec),
            citations: rec.sources(),
            stored: stored(rec),
        },
        Item::Relation(rel) => Described {
            kind: "relation",
            id: &rel.id,
            relation: Some(rel),
            headline: ds.relation_name(rel),
            fields: describe_relation(ds, rel),
            citations: &rel.sources,
            stored: json!({"id": rel.id, "countries": rel.countries, "established": rel.established,
                "summary": rel.summary, "sources": rel.sources}),
        },
        Item::Source(n, s) => {
            let mut fields = vec![Field {
                label: "Title",
                value: s.title.to_string(),
            }];
            fields.extend(describe_source(s));
            Described {
                kind: "source",
                id: &s.id,
                relation: None,
                headline: format!("[{n}] {}", s.title),
                fields,
                citations: &[],
                stored: serde_json::to_value(s).unwrap_or(Value::Null),
            }
        }
    }
}

/// The item as one line of citation-ready Markdown.
pub fn citation(ds: &Dataset, item: Item<'_>) -> String {
    match item {
        Item::Record(rel, rec) => query::cite::citation(ds, rel, &rec),
        Item::Relation(rel) => query::cite::relation_citation(ds, rel),
        Item::Source(_, s) => query::cite::source_citation(s),
    }
}

fn stored(rec: Record<'_>) -> Value {
    let value = match rec {
        Record::Event(x) => serde_json::to_value(x),
        Record::Visit(x) => serde_json::to_value(x),
        Record::Agreement(x) => serde_json::to_value(x),
        Record::Trade(x) => serde_json::to_value(x),
        Record::Products(x) => serde_json::to_value(x),
        Record::Growth(x) => serde_json::to_value(x),
        Record::Mission(x) => serde_json::to_value(x),
        Record::Fact(x) => serde_json::to_value(x),
    };
    value.unwrap_or(Value::Null)
}

/// Writes the items, each with where a search matched it, if it did.
pub fn write(
    ds: &Dataset,
    items: &[(Item<'_>, Option<Matched>)],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut cites = Citations::new(ds);
    match style.format {
        ShowFormat::Table => {
            for (n, (item, matched)) in items.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write_text(
                    ds,
                    &described(ds, *item),
                    matched.as_ref(),
                    style,
                    &mut cites,
                    out,
                )?;
            }
            Ok(())
        }
        ShowFormat::Json => write_json(ds, items, &mut cites, out),
        ShowFormat::Cite => {
            for (item, _) in items {
                writeln!(out, "{}", citation(ds, *item))?;
            }
            Ok(())
        }
        ShowFormat::Md => {
            for (n, (item, _)) in items.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write_md(ds, &described(ds, *item), &mut cites, out)?;
            }
            Ok(())
        }
    }
}

/// The labels' column, as wide as the detail pane's.
const LABEL: usize = 13;

fn write_text<'a>(
    ds: &'a Dataset,
    d: &Described<'a>,
    matched: Option<&Matched>,
    style: Style,
    cites: &mut Citations<'a>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let head = match d.relation {
        Some(rel) if d.kind != "relation" => {
            format!("[{}] {} · {}", d.kind, ds.relation_name(rel), d.id)
        }
        _ => format!("[{}] {}", d.kind, d.id),
    };
    let head = match matched {
        Some(m) => format!("{head} · score {}", m.score),
        None => head,
    };
    writeln!(
        out,
        "{}",
        if style.color {
            head.bold().to_string()
        } else {
            head
        }
    )?;
    for f in &d.fields {
        let marks = matched
            .map(|m| marks_in(&f.value, &m.fields))
            .unwrap_or_default();
        labelled(out, f.label, &f.value, &marks, style, 0)?;
    }
    if d.citations.is_empty() {
        return Ok(());
    }
    writeln!(out, "Sources")?;
    for c in d.citations {
        labelled(out, "", &cites.line(c), &[], style, 2)?;
        let Some(source) = ds.source(&c.source) else {
            continue;
        };
        for f in describe_source(source) {
            // The citation line already names the author, the publisher and the date.
            if !matches!(f.label, "Author" | "Publisher" | "Published") {
                labelled(out, f.label, &f.value, &[], style, 6)?;
            }
        }
    }
    Ok(())
}

/// "Label        value", indented by `indent`, the value wrapped under itself
/// when there is a width, matched characters (`marks`) highlighted. Without
/// a label (a citation), lines after the first hang by four cells.
fn labelled(
    out: &mut dyn Write,
    label: &str,
    value: &str,
    marks: &[u32],
    style: Style,
    indent: usize,
) -> io::Result<()> {
    let (label_w, hang) = if label.is_empty() {
        (0, 4)
    } else {
        (LABEL, LABEL)
    };
    let lead = " ".repeat(indent);
    let lines = match style.width {
        Some(w) => wrap(value, w.saturating_sub(indent + hang).max(20)),
        None => vec![value.split_whitespace().collect::<Vec<_>>().join(" ")],
    };
    let marked = mark_lines(value, &lines, marks, style.color);
    for (i, line) in marked.iter().enumerate() {
        let head = if i == 0 {
            fit(label, label_w)
        } else {
            " ".repeat(hang)
        };
        writeln!(out, "{lead}{head}{line}")?;
    }
    if marked.is_empty() {
        writeln!(out, "{lead}{}", label.trim_end())?;
    }
    Ok(())
}

/// The wrapped `lines` of `value` with the characters at `marks` (indices
/// into `value`) in bold and underlined. Wrapping only turns runs of spaces
/// into one space or a line break, so the two are walked side by side.
fn mark_lines(value: &str, lines: &[String], marks: &[u32], color: bool) -> Vec<String> {
    if !color || marks.is_empty() {
        return lines.to_vec();
    }
    let original: Vec<char> = value.chars().collect();
    let mut at = 0usize;
    let skip_space = |at: &mut usize| {
        while original.get(*at).is_some_and(|c| c.is_whitespace()) {
            *at += 1;
        }
    };
    lines
        .iter()
        .map(|line| {
            skip_space(&mut at);
            let mut out = String::new();
            let mut run = String::new();
            for c in line.chars() {
                let marked = c != ' ' && u32::try_from(at).is_ok_and(|i| marks.contains(&i));
                if !marked && !run.is_empty() {
                    out.push_str(&std::mem::take(&mut run).bold().underlined().to_string());
                }
                if marked {
                    run.push(c);
                } else {
                    out.push(c);
                }
                if c == ' ' {
                    skip_space(&mut at);
                } else {
                    at += 1;
                }
            }
            if !run.is_empty() {
                out.push_str(&run.bold().underlined().to_string());
            }
            out
        })
        .collect()
}

/// Positions in `value` of the characters a search matched: in a field with
/// the same text, or in a field that holds the value (the headline holds a
/// visit's visitor and office).
fn marks_in(value: &str, fields: &[FieldMatch]) -> Vec<u32> {
    let len = value.chars().count() as u32;
    let mut out = Vec::new();
    for f in fields.iter().filter(|f| !f.positions.is_empty()) {
        if f.text == value {
            out.extend_from_slice(&f.positions);
        } else if value.chars().count() >= 3
            && let Some(byte) = f.text.find(value)
        {
            let start = f.text[..byte].chars().count() as u32;
            out.extend(
                f.positions
                    .iter()
                    .filter(|&&p| p >= start && p < start + len)
                    .map(|p| p - start),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The fields of an item as one JSON object, in the order they are shown;
/// keys are the labels in snake case ("Derived from" → "derived_from").
struct OrderedFields<'a>(&'a [Field]);

impl Serialize for OrderedFields<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for f in self.0 {
            map.serialize_entry(&f.label.to_lowercase().replace(' ', "_"), &f.value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<&'a str>,
    headline: &'a str,
    fields: OrderedFields<'a>,
    sources: Vec<Value>,
    stored: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matched: Option<Vec<Value>>,
}

fn write_json<'a>(
    ds: &'a Dataset,
    items: &[(Item<'a>, Option<Matched>)],
    cites: &mut Citations<'a>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut all = Vec::with_capacity(items.len());
    let described: Vec<Described<'a>> = items.iter().map(|(i, _)| described(ds, *i)).collect();
    for (d, (_, matched)) in described.iter().zip(items) {
        let sources = d
            .citations
            .iter()
            .map(|c| {
                let mut v = json!({
                    "source": c.source,
                    "section": c.section,
                    "citation": cites.line(c),
                });
                if let (Some(s), Value::Object(obj)) = (ds.source(&c.source), &mut v) {
                    obj.insert("title".into(), json!(s.title));
                    for f in describe_source(s) {
                        obj.insert(f.label.to_lowercase(), json!(f.value));
                    }
                }
                v
            })
            .collect();
        all.push(JsonItem {
            id: d.id,
            kind: d.kind,
            relation: d.relation.map(|r| r.id.as_str()),
            headline: &d.headline,
            fields: OrderedFields(&d.fields),
            sources,
            stored: &d.stored,
            score: matched.as_ref().map(|m| m.score),
            matched: matched.as_ref().map(|m| {
                m.fields
                    .iter()
                    .map(|f| json!({"text": f.text, "positions": f.positions}))
                    .collect()
            }),
        });
    }
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}

fn write_md<'a>(
    ds: &'a Dataset,
    d: &Described<'a>,
    cites: &mut Citations<'a>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "### {}", md_text(&d.headline))?;
    writeln!(out)?;
    writeln!(out, "- **Id:** {}", md_text(d.id))?;
    writeln!(out, "- **Kind:** {}", d.kind)?;
    if let Some(rel) = d.relation.filter(|_| d.kind != "relation") {
        let name = format!("{} ({})", ds.relation_name(rel), rel.id);
        writeln!(out, "- **Relation:** {}", md_text(&name))?;
    }
    for f in &d.fields {
        writeln!(out, "- **{}:** {}", f.label, md_text(&f.value))?;
    }
    if d.citations.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Sources:")?;
    writeln!(out)?;
    for c in d.citations {
        let mut line = cites.line(c);
        if let Some(s) = ds.source(&c.source) {
            for f in describe_source(s) {
                if !matches!(f.label, "Author" | "Publisher" | "Published") {
                    line.push_str(&format!(" · {}: {}", f.label, f.value));
                }
            }
        }
        writeln!(out, "- {}", md_text(&line))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Weight;

    #[test]
    fn marks_follow_the_text_across_wrapped_lines() {
        let value = "Prime  Minister Pham Van Dong";
        let lines = wrap(value, 12);
        // "Dong" is characters 25..29 of the value.
        let marked = mark_lines(value, &lines, &[25, 26, 27, 28], true);
        assert_eq!(lines, ["Prime", "Minister", "Pham Van", "Dong"]);
        assert_eq!(marked[2], "Pham Van");
        assert_eq!(marked[3], "Dong".bold().underlined().to_string());
        let plain = mark_lines(value, &lines, &[25], false);
        assert_eq!(plain, lines);
    }

    #[test]
    fn a_headline_match_marks_the_field_it_holds() {
        let headline = FieldMatch {
            text: "Prime Minister Pham Van Dong to Mexico".into(),
            weight: Weight::Headline,
            positions: vec![24, 25, 26, 27],
        };
        assert_eq!(marks_in("Pham Van Dong", &[headline]), [9, 10, 11, 12]);
    }
}
