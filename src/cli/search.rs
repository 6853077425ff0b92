//! `bilateral search`: the search engine's hits as a table, JSON, CSV or Markdown.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serializer;
use serde_json::{Value, json};

use crate::data::{Citation, Dataset};
use crate::query::{self, Kind};
use crate::search::{self, Hit, Index, Scope};

use super::table::{Format, Table, col, csv_io};

/// Hits printed when `--limit` is not given: more than a screen, far fewer
/// than a fuzzy query can match in a large dataset.
pub const DEFAULT_LIMIT: usize = 100;

/// `--limit N`, or `--limit all` for every hit.
pub fn parse_limit(s: &str) -> Result<usize, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(usize::MAX);
    }
    s.parse::<usize>()
        .map_err(|_| format!("expected a number of hits or \"all\", not {s:?}"))
}

/// The widest the table's text column grows.
const TEXT: usize = 90;

/// Searches the records of `relations` (and `kind`) and writes the best
/// `limit` hits. Returns how many records matched in all: none is a
/// search that found nothing, which the command reports with exit code 1,
/// as grep and fzf do.
pub fn run(
    ds: &Dataset,
    query: &str,
    relations: Option<Vec<usize>>,
    kind: Option<Kind>,
    limit: usize,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let index = Index::build_for_query(ds, query);
    let results = search::search(&index, query, &Scope { relations, kind }, limit);
    let sources = Sources::new(ds);
    match format {
        Format::Json => write_json(ds, &sources, &results.hits, out)?,
        Format::Csv => write_csv(ds, &sources, &results.hits, out)?,
        Format::Table | Format::Md => {
            table(ds, &results.hits).write(ds, format, out)?;
            if format == Format::Table && results.total > results.hits.len() {
                writeln!(
                    out,
                    "{} of {} hits shown; --limit N or --limit all for more",
                    results.hits.len(),
                    results.total
                )?;
            }
        }
    }
    Ok(results.total)
}

/// What `bilateral search` says on stderr when nothing matched.
pub fn no_match(query: &str) -> String {
    format!(
        "no record matches {:?}",
        crate::data::sanitize::clean(query)
    )
}

/// The dataset's sources by id, with each one's citation text ready: a
/// million hits cite a few hundred sources, so each is looked up and
/// written once, not once per hit.
struct Sources<'a> {
    by_id: HashMap<&'a str, (&'a str, String)>,
}

impl<'a> Sources<'a> {
    fn new(ds: &'a Dataset) -> Sources<'a> {
        let by_id = ds
            .sources
            .iter()
            .map(|s| {
                let bare = Citation {
                    source: s.id.clone(),
                    section: None,
                };
                (s.id.as_str(), (s.title.as_str(), query::cite(ds, &bare)))
            })
            .collect();
        Sources { by_id }
    }

    /// As [`query::cite`]: "[1] Title — Author · § Section".
    fn cite(&self, ds: &Dataset, c: &Citation) -> String {
        match (self.by_id.get(c.source.as_str()), &c.section) {
            (Some((_, bare)), Some(section)) => format!("{bare} · § {section}"),
            (Some((_, bare)), None) => bare.clone(),
            (None, _) => query::cite(ds, c),
        }
    }

    /// As the `sources` of other JSON output: id, title and section.
    fn json(&self, cites: &[Citation]) -> Value {
        Value::Array(
            cites
                .iter()
                .map(|c| {
                    json!({
                        "source": c.source,
                        "title": self.by_id.get(c.source.as_str()).map(|(title, _)| *title),
                        "section": c.section,
                    })
                })
                .collect(),
        )
    }
}

fn table(ds: &Dataset, hits: &[Hit]) -> Table {
    let mut t = Table::new(&[
        col("relation", "Relation", 8),
        col("kind", "Kind", 9),
        col("date", "Date", 18),
        col("text", "Text", TEXT),
        col("score", "Score", 0),
        col("id", "Id", 0),
    ]);
    t.emphasis = Some(3);
    for hit in hits {
        let Some((rel, rec)) = hit.record.resolve(ds) else {
            continue;
        };
        let row = search::snippet::row_text(ds, hit, &rec.headline(ds, rel), TEXT);
        t.push(
            vec![
                rel.id.to_string(),
                rec.kind().label().to_string(),
                crate::data::date_or_nd(rec.date()),
                row.text,
                hit.score.to_string(),
                rec.id().to_string(),
            ],
            rec.sources(),
        );
        if let Some(last) = t.rows.last_mut() {
            last.marks = row.positions;
        }
    }
    t
}

/// CSV, one row per hit as it is written: the columns of the table plus
/// `positions` (character indices into `text`, space-separated) and `sources`.
fn write_csv(ds: &Dataset, sources: &Sources, hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "relation",
        "kind",
        "date",
        "text",
        "score",
        "id",
        "positions",
        "sources",
    ])
    .map_err(csv_io)?;
    for hit in hits {
        let Some((rel, rec)) = hit.record.resolve(ds) else {
            continue;
        };
        let positions: Vec<String> = hit
            .headline_positions()
            .iter()
            .map(u32::to_string)
            .collect();
        let cites: Vec<String> = rec.sources().iter().map(|c| sources.cite(ds, c)).collect();
        w.write_record([
            rel.id.as_str(),
            rec.kind().label(),
            &crate::data::date_or_nd(rec.date()),
            &rec.headline(ds, rel),
            &hit.score.to_string(),
            rec.id(),
            &positions.join(" "),
            &cites.join("; "),
        ])
        .map_err(csv_io)?;
    }
    w.flush()
}

/// JSON keeps numbers as numbers and adds where the query matched outside
/// the headline, so a script can show why a record was found. Written hit
/// by hit, not built whole first.
fn write_json(
    ds: &Dataset,
    sources: &Sources,
    hits: &[Hit],
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = hits.iter().filter_map(|hit| {
        let (rel, rec) = hit.record.resolve(ds)?;
        let fields = search::matched_fields(ds, &hit.record, &hit.positions);
        let elsewhere: Vec<Value> = fields
            .iter()
            .skip(1)
            .map(|f| json!({"text": f.text, "positions": f.positions}))
            .collect();
        Some(json!({
            "id": rec.id(),
            "kind": rec.kind().label(),
            "relation": rel.id,
            "date": rec.date().map(|d| d.to_string()),
            "text": rec.headline(ds, rel),
            "score": hit.score,
            "positions": hit.headline_positions(),
            "elsewhere": elsewhere,
            "sources": sources.json(rec.sources()),
        }))
    });
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    ser.collect_seq(rows).map_err(io::Error::from)?;
    writeln!(out)
}
