//! `bilateral search`: the search engine's hits as a table, JSON, CSV or
//! Markdown, or each in full as `bilateral show` prints it.

use std::io::Write;

use serde_json::{Value, json};

use crate::data::{Dataset, date_or_nd};
use crate::query::Kind;
use crate::search::snippet;
use crate::search::{self, Hit, Scope};

use super::Failure;
use super::show::{self, Item, Matched, ShowFormat};
use super::table::{
    self, Cell, Column, Ctx, Format, Layout, data, id, json_only, reading, relation, sources,
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

/// Cells of context a row shows around a match outside its headline.
const CONTEXT: usize = 60;

/// A row's text: the whole headline and, when the query matched elsewhere,
/// where, after " · " ("… · …sent experts in rice cultivation…"). The
/// headline is never cut; only the context is an excerpt.
fn row_text(ds: &Dataset, hit: &Hit, headline: &str) -> String {
    let shown = snippet::shown_words(headline, hit, usize::MAX);
    match snippet::context(ds, hit, &shown, CONTEXT) {
        Some(ctx) => format!("{headline} · {}", ctx.text),
        None => headline.to_string(),
    }
}

/// Searches the records of `relations` (and `kind`) and writes the best
/// `limit` hits. Returns how many records matched in all: none is a search
/// that found nothing, which the command reports with exit code 1, as grep
/// and fzf do. `emphasis`: matched words in the table are bold and underlined.
#[allow(clippy::too_many_arguments)]
pub fn run(
    ds: &Dataset,
    query: &str,
    relations: Option<Vec<usize>>,
    kind: Option<Kind>,
    limit: usize,
    print: &Print,
    emphasis: bool,
    out: &mut dyn Write,
) -> Result<usize, Failure> {
    // Only records holding a word some term can match are indexed: a one-off
    // search pays for what it reads.
    let results = search::search_once(ds, query, &Scope { relations, kind }, limit);
    let counted = match print {
        Print::Rows(layout) => {
            let rows = results
                .hits
                .iter()
                .filter_map(|hit| Some((Ctx::resolve(ds, &hit.record)?, hit)));
            if emphasis && layout.format == Format::Table {
                let mut plain = Vec::new();
                table::write(ds, HITS, rows, layout, &mut plain)?;
                let words = matched_words(ds, &results.hits);
                out.write_all(emphasised(&String::from_utf8_lossy(&plain), &words).as_bytes())?;
            } else {
                table::write(ds, HITS, rows, layout, out)?;
            }
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
    Ok(results.total)
}

/// What `bilateral search` says on stderr when nothing matched.
pub fn no_match(query: &str) -> String {
    format!(
        "no record matches {:?}",
        crate::data::sanitize::clean(query)
    )
}

/// The words the query matched in the hits, longest first.
fn matched_words(ds: &Dataset, hits: &[Hit]) -> Vec<String> {
    let mut words: Vec<String> = hits
        .iter()
        .flat_map(|hit| snippet::matched_words(ds, hit))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words
}

/// Bold and underlined, and back: visible without colour, and undone
/// without resetting anything else.
const MARK_ON: &str = "\x1b[1;4m";
const MARK_OFF: &str = "\x1b[22;24m";

/// `text` with every whole-word occurrence of `words` bold and underlined
/// (visible without colour). A row's words are what the query matched, and
/// matching goes word by word, so the same word elsewhere in the table is a
/// match too.
fn emphasised(text: &str, words: &[String]) -> String {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'scan: while i < text.len() {
        let before = text[..i].chars().next_back();
        if !is_word(before) {
            for w in words.iter().filter(|w| !w.is_empty()) {
                if text[i..].starts_with(w.as_str()) && !is_word(text[i + w.len()..].chars().next())
                {
                    out.push_str(MARK_ON);
                    out.push_str(w);
                    out.push_str(MARK_OFF);
                    i += w.len();
                    continue 'scan;
                }
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
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
    // The table reads the headline and, when the query matched elsewhere,
    // where; the other formats keep the headline, which `positions` index,
    // and list the other matches in `elsewhere`.
    reading(Column::text("row", "Text", |c, h| {
        let headline = c.rec.map(|r| r.headline(c.ds, c.rel)).unwrap_or_default();
        Cell::text(row_text(c.ds, h, &headline))
    })),
    data(Column::text("text", "Text", |c, _| {
        Cell::text(c.rec.map(|r| r.headline(c.ds, c.rel)).unwrap_or_default())
    })),
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
