//! `bilateral search`: the search engine's hits as a table, JSON, CSV or Markdown.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::data::Dataset;
use crate::query::Kind;
use crate::search::{self, Hit, Index, Scope};

use super::table::{Format, Table, col};

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

/// Searches the records of `relations` (and `kind`) and writes the best `limit` hits.
pub fn run(
    ds: &Dataset,
    query: &str,
    relations: Option<Vec<usize>>,
    kind: Option<Kind>,
    limit: usize,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Index only what is searched: a one-off search pays for what it reads.
    let index = Index::build_scoped(ds, &Scope { relations, kind });
    let results = search::search(&index, query, &Scope::all(), limit);
    // As with the dataset (see `cli::run`): the process ends next.
    std::mem::forget(index);
    match format {
        Format::Json => write_json(ds, &results.hits, out),
        _ => {
            table(ds, &results.hits).write(ds, format, out)?;
            if format == Format::Table && results.total > results.hits.len() {
                writeln!(
                    out,
                    "{} of {} hits shown; --limit N or --limit all for more",
                    results.hits.len(),
                    results.total
                )?;
            }
            Ok(())
        }
    }
}

fn table(ds: &Dataset, hits: &[Hit]) -> Table {
    let mut t = Table::new(&[
        col("relation", "Relation", 8),
        col("kind", "Kind", 9),
        col("date", "Date", 18),
        col("text", "Text", 90),
        col("score", "Score", 0),
        col("id", "Id", 0),
        col("positions", "Positions", 0),
    ]);
    for hit in hits {
        let Some((rel, rec)) = hit.record.resolve(ds) else {
            continue;
        };
        let positions: Vec<String> = hit
            .headline_positions()
            .iter()
            .map(u32::to_string)
            .collect();
        t.push(
            vec![
                rel.id.clone(),
                rec.kind().label().to_string(),
                rec.date().map_or_else(|| "n.d.".into(), |d| d.to_string()),
                rec.headline(ds, rel),
                hit.score.to_string(),
                rec.id().to_string(),
                positions.join(" "),
            ],
            rec.sources(),
        );
    }
    t
}

/// JSON keeps numbers as numbers and adds where the query matched outside
/// the headline, so a script can show why a record was found.
fn write_json(ds: &Dataset, hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Value> = hits
        .iter()
        .filter_map(|hit| {
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
                "sources": Table::citations_json(ds, rec.sources()),
            }))
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}
