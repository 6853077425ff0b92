//! `bilateral search`: the search engine's hits as a table, JSON, CSV or
//! Markdown, or each in full as `bilateral show` prints it.

use std::io::Write;

use serde_json::{Value, json};

use crate::data::{Dataset, date_or_nd};
use crate::query::Kind;
use crate::search::{self, Hit, Index, Scope};

use super::Failure;
use super::show::{self, Item, Matched, ShowFormat};
use super::table::{
    self, Cell, Column, Ctx, Format, Layout, data, id, json_only, relation, sources,
};

/// Hits printed when `--limit` is not given: more than a screen, far fewer
/// than a fuzzy query can match in a large dataset.
pub const HITS_PRINTED_BY_DEFAULT: usize = 100;

/// `--limit N`, or `--limit all` for every hit.
pub fn parse_limit(s: &str) -> Result<usize, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(usize::MAX);
    }
    s.parse::<usize>()
        .map_err(|_| format!("expected a number of hits or \"all\", not {s:?}"))
}

/// How hits are printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Print {
    /// One row per hit.
    Rows(Layout),
    /// Each hit in full, as `bilateral show` prints it, matched words highlighted.
    Full(show::Style),
}

/// Searches the records of `relations` (and `kind`) and writes the best `limit` hits.
pub fn run(
    ds: &Dataset,
    query: &str,
    relations: Option<Vec<usize>>,
    kind: Option<Kind>,
    limit: usize,
    print: &Print,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    // Index only what is searched, and only records that hold every letter
    // the query needs: a one-off search pays for what it reads.
    let index = Index::build_for_query(ds, &Scope { relations, kind }, query);
    let results = search::search(&index, query, &Scope::all(), limit);
    let counted = match print {
        Print::Rows(layout) => {
            let rows = results
                .hits
                .iter()
                .filter_map(|hit| Some((Ctx::resolve(ds, &hit.record)?, hit)));
            table::write(ds, HITS, rows, layout, out)?;
            layout.format == Format::Table
        }
        Print::Full(style) => {
            let items: Vec<(Item<'_>, Option<Matched>)> = results
                .hits
                .iter()
                .filter_map(|hit| {
                    let (rel, rec) = hit.record.resolve(ds)?;
                    let fields = search::matched_fields(ds, &hit.record, &hit.positions);
                    let matched = Matched {
                        score: hit.score,
                        fields,
                    };
                    Some((Item::Record(rel, rec), Some(matched)))
                })
                .collect();
            show::write(ds, &items, *style, out)?;
            style.format == ShowFormat::Table
        }
    };
    if counted && results.total > results.hits.len() {
        writeln!(
            out,
            "{} of {} hits shown; --limit N or --limit all for more",
            results.hits.len(),
            results.total
        )?;
    }
    Ok(())
}

/// Where the query matched outside the headline, so a script can show why a
/// record was found.
fn elsewhere(ds: &Dataset, hit: &Hit) -> Value {
    let fields = search::matched_fields(ds, &hit.record, &hit.positions);
    Value::Array(
        fields
            .iter()
            .skip(1)
            .map(|f| json!({"text": f.text, "positions": f.positions}))
            .collect(),
    )
}

/// A hit's columns: the table shows relation, kind, date and text; JSON,
/// CSV and Markdown add score, id, positions (character offsets of the
/// matched characters in `text`) and sources; JSON also `elsewhere`.
const HITS: &[Column<Hit>] = &[
    relation(),
    Column::short("kind", "Kind", |c, _| {
        Cell::text(c.rec.map_or("", |r| r.kind().label()))
    }),
    Column::short("date", "Date", |c, _| {
        Cell::text(date_or_nd(c.rec.and_then(|r| r.date())))
    }),
    Column::text("text", "Text", |c, _| {
        Cell::text(c.rec.map(|r| r.headline(c.ds, c.rel)).unwrap_or_default())
    }),
    data(Column::short("score", "Score", |_, h| {
        Cell::Number(h.score.into())
    })),
    id(),
    data(Column::short("positions", "Positions", |_, h| {
        Cell::Positions(h.headline_positions())
    })),
    json_only(Column::text("elsewhere", "Elsewhere", |c, h| {
        Cell::Json(elsewhere(c.ds, h))
    })),
    sources(),
];
