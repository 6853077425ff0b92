//! Rows and columns, written as a table for reading, JSON, CSV or Markdown.
//!
//! A command defines its columns once, each with its key, its header and
//! how its cell is read from a row ([`Column`]); [`write`] prints the rows
//! in any format from those definitions, so a column's name and its value
//! cannot drift apart, and every command's JSON, CSV and Markdown are
//! written by the same code.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serializer;
use serde_json::{Map, Value, json};

use crate::data::{Citation, Dataset, Relation};
use crate::query::{Record, RecordRef};

use super::escape::{csv_cell, md_text};
use super::grid::{self, Fit};
use super::{EXIT_USAGE, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading, fitted to the terminal
    Table,
    /// An array of objects, one per row, with every column
    Json,
    /// Comma-separated values with a header row and every column
    Csv,
    /// A Markdown table with every column
    Md,
}

/// What every column may read besides the row's own item: the dataset, the
/// relation the row belongs to, the record if the row is one, and the row's
/// id and citations.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub rel: &'a Relation,
    pub rec: Option<Record<'a>>,
    pub id: &'a str,
    pub sources: &'a [Citation],
}

impl<'a> Ctx<'a> {
    /// The context of a record.
    pub fn of(ds: &'a Dataset, rel: &'a Relation, rec: Record<'a>) -> Ctx<'a> {
        Ctx {
            ds,
            rel,
            rec: Some(rec),
            id: rec.id(),
            sources: rec.sources(),
        }
    }

    /// The context of a record a reference points to, if it points to one.
    pub fn resolve(ds: &'a Dataset, r: &RecordRef) -> Option<Ctx<'a>> {
        let (rel, rec) = r.resolve(ds)?;
        Some(Ctx::of(ds, rel, rec))
    }
}

/// One cell, typed so that JSON keeps numbers and lists as such.
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(u64),
    /// Character positions, space-separated in text formats.
    Positions(&'a [u32]),
    /// Only in JSON.
    Json(Value),
    /// Citations: objects in JSON, "[1] Title · § Section; …" elsewhere.
    Sources(&'a [Citation]),
}

impl<'a> Cell<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    /// An optional value: empty when absent.
    pub fn opt(s: Option<&'a str>) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s.unwrap_or_default()))
    }
}

/// Reads a cell from a row: its context and its item.
pub type CellFn<T> = for<'x> fn(&Ctx<'x>, &'x T) -> Cell<'x>;

/// Where a column appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// In every format, and in the table by default.
    Table,
    /// In JSON, CSV and Markdown; in the table when asked for with `--columns` (or `--ids`).
    Data,
    /// Only in JSON (nested values).
    Json,
    /// Only in the table: a reading form of what other columns hold.
    Reading,
}

impl Show {
    /// Whether a column shown this way exists in `format` at all.
    fn in_format(self, format: Format) -> bool {
        match self {
            Show::Json => format == Format::Json,
            Show::Reading => format == Format::Table,
            Show::Table | Show::Data => true,
        }
    }
}

/// One column of a command's output.
pub struct Column<T> {
    /// Its key in JSON and CSV, and its name for `--columns`.
    pub key: &'static str,
    /// Its header in the table and in Markdown.
    pub header: &'static str,
    pub show: Show,
    pub fit: Fit,
    pub cell: CellFn<T>,
}

impl<T> Column<T> {
    /// Running text, in the table by default, shrinking first when space is short.
    pub const fn text(key: &'static str, header: &'static str, cell: CellFn<T>) -> Column<T> {
        Column {
            key,
            header,
            show: Show::Table,
            fit: Fit::Wrap,
            cell,
        }
    }

    /// A short value (a date, a status, an amount), in the table by default, kept whole.
    pub const fn short(key: &'static str, header: &'static str, cell: CellFn<T>) -> Column<T> {
        Column {
            fit: Fit::Keep,
            ..Column::text(key, header, cell)
        }
    }
}

/// Left out of the table unless asked for. (Free functions rather than
/// methods, so that a column's row type is known inside its cell's closure.)
pub const fn data<T>(c: Column<T>) -> Column<T> {
    Column {
        show: Show::Data,
        ..c
    }
}

/// In the table by default.
pub const fn in_table<T>(c: Column<T>) -> Column<T> {
    Column {
        show: Show::Table,
        ..c
    }
}

/// Only in the table.
pub const fn reading<T>(c: Column<T>) -> Column<T> {
    Column {
        show: Show::Reading,
        ..c
    }
}

/// Only in JSON.
pub const fn json_only<T>(c: Column<T>) -> Column<T> {
    Column {
        show: Show::Json,
        ..c
    }
}

/// The relation a row belongs to.
pub const fn relation<T>() -> Column<T> {
    Column::short("relation", "Relation", |c, _| Cell::text(c.rel.id.as_str()))
}

/// The row's id: what `bilateral show` takes.
pub const fn id<T>() -> Column<T> {
    data(Column::short("id", "Id", |c, _| Cell::text(c.id)))
}

/// The row's citations.
pub const fn sources<T>() -> Column<T> {
    data(Column::text("sources", "Sources", |c, _| {
        Cell::Sources(c.sources)
    }))
}

/// Which columns to write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Pick {
    /// The table's reading columns; every column in the other formats.
    #[default]
    Default,
    /// As [`Pick::Default`], with the id column in the table too.
    WithIds,
    /// Exactly these keys, in this order, in every format.
    Keys(Vec<String>),
}

/// How a command's rows are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub format: Format,
    pub pick: Pick,
    /// Cells a table may take; `None`: no limit, nothing wraps.
    pub width: Option<usize>,
}

impl Layout {
    /// Every column of `format`, with no width limit.
    pub fn plain(format: Format) -> Layout {
        Layout {
            format,
            pick: Pick::Default,
            width: None,
        }
    }
}

/// The columns `layout` asks for, in order; an unknown key is a usage error
/// naming the keys there are.
pub fn select<'c, T>(
    columns: &'c [Column<T>],
    layout: &Layout,
) -> Result<Vec<&'c Column<T>>, Failure> {
    let in_format = |c: &Column<T>| c.show.in_format(layout.format);
    match &layout.pick {
        Pick::Keys(keys) => keys
            .iter()
            .map(|key| {
                columns
                    .iter()
                    .find(|c| c.key == key.as_str() && in_format(c))
                    .ok_or_else(|| unknown_column(columns, key, layout.format))
            })
            .collect(),
        pick => Ok(columns
            .iter()
            .filter(|c| in_format(c))
            .filter(|c| match layout.format {
                Format::Table => {
                    matches!(c.show, Show::Table | Show::Reading)
                        || (*pick == Pick::WithIds && c.key == "id")
                }
                _ => true,
            })
            .collect()),
    }
}

fn unknown_column<T>(columns: &[Column<T>], key: &str, format: Format) -> Failure {
    let known: Vec<&str> = columns
        .iter()
        .filter(|c| c.show.in_format(format))
        .map(|c| c.key)
        .collect();
    Failure {
        message: format!(
            "error: no column {:?} here; the columns are: {}",
            crate::data::sanitize::clean(key),
            known.join(",")
        ),
        code: EXIT_USAGE,
    }
}

/// Writes `rows` with the columns `layout` picks from `columns`.
pub fn write<'a, T: 'a>(
    ds: &'a Dataset,
    columns: &[Column<T>],
    rows: impl IntoIterator<Item = (Ctx<'a>, &'a T)>,
    layout: &Layout,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let picked = select(columns, layout)?;
    let mut cites = Citations::new(ds);
    let rows = rows.into_iter();
    match layout.format {
        Format::Table => write_table(&picked, rows, &mut cites, layout.width, out)?,
        Format::Json => write_json(&picked, rows, &mut cites, out)?,
        Format::Csv => write_csv(&picked, rows, &mut cites, out)?,
        Format::Md => write_md(&picked, rows, &mut cites, out)?,
    }
    Ok(())
}

fn write_table<'a, T: 'a>(
    columns: &[&Column<T>],
    rows: impl Iterator<Item = (Ctx<'a>, &'a T)>,
    cites: &mut Citations<'a>,
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let headers: Vec<&str> = columns.iter().map(|c| c.header).collect();
    let fits: Vec<Fit> = columns.iter().map(|c| c.fit).collect();
    let rows: Vec<Vec<String>> = rows
        .map(|(ctx, item)| {
            columns
                .iter()
                .map(|c| cites.text((c.cell)(&ctx, item)).into_owned())
                .collect()
        })
        .collect();
    let empty = rows.is_empty();
    grid::write(&headers, &fits, rows, width, out)?;
    if empty {
        writeln!(out, "(no records)")?;
    }
    Ok(())
}

/// One object per row, written as it is made: a million rows are never held at once.
fn write_json<'a, T: 'a>(
    columns: &[&Column<T>],
    rows: impl Iterator<Item = (Ctx<'a>, &'a T)>,
    cites: &mut Citations<'a>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let objects = rows.map(|(ctx, item)| {
        let mut obj = Map::new();
        for c in columns {
            obj.insert(c.key.to_string(), cites.json((c.cell)(&ctx, item)));
        }
        Value::Object(obj)
    });
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    ser.collect_seq(objects).map_err(io::Error::from)?;
    writeln!(out)
}

fn write_csv<'a, T: 'a>(
    columns: &[&Column<T>],
    rows: impl Iterator<Item = (Ctx<'a>, &'a T)>,
    cites: &mut Citations<'a>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(columns.iter().map(|c| c.key))
        .map_err(csv_io)?;
    for (ctx, item) in rows {
        let cells: Vec<Cow<str>> = columns
            .iter()
            .map(|c| cites.text((c.cell)(&ctx, item)))
            .collect();
        w.write_record(cells.iter().map(|s| csv_cell(s).into_owned()))
            .map_err(csv_io)?;
    }
    w.flush()
}

fn write_md<'a, T: 'a>(
    columns: &[&Column<T>],
    rows: impl Iterator<Item = (Ctx<'a>, &'a T)>,
    cites: &mut Citations<'a>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header: Vec<String> = columns.iter().map(|c| md_text(c.header)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(columns.len()))?;
    for (ctx, item) in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| md_text(&cites.text((c.cell)(&ctx, item))))
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// The I/O error inside a CSV error, so a closed pipe is still seen as one
/// (`csv`'s own conversion wraps every error as `ErrorKind::Other`).
pub(super) fn csv_io(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Citations as readers see them, each source looked up and written once:
/// a million rows cite a few hundred sources.
pub struct Citations<'a> {
    ds: &'a Dataset,
    /// Source id → its title, if the dataset has it, and its citation without a section.
    by_id: HashMap<&'a str, (Option<&'a str>, String)>,
}

impl<'a> Citations<'a> {
    pub fn new(ds: &'a Dataset) -> Citations<'a> {
        Citations {
            ds,
            by_id: HashMap::new(),
        }
    }

    fn source(&mut self, id: &'a str) -> &(Option<&'a str>, String) {
        let ds = self.ds;
        self.by_id.entry(id).or_insert_with(|| {
            let bare = Citation {
                source: id.into(),
                section: None,
            };
            let title = ds.source(id).map(|s| s.title.as_str());
            (title, crate::query::cite(ds, &bare))
        })
    }

    /// As [`crate::query::cite`]: "[1] Title — Author · § Section".
    pub fn line(&mut self, c: &'a Citation) -> String {
        let (_, bare) = self.source(&c.source);
        match &c.section {
            Some(section) => format!("{bare} · § {section}"),
            None => bare.clone(),
        }
    }

    /// Citations as one line: "[1] Title · § Section; [3] Title".
    pub fn lines(&mut self, cites: &'a [Citation]) -> String {
        let all: Vec<String> = cites.iter().map(|c| self.line(c)).collect();
        all.join("; ")
    }

    /// Citations as JSON: id, title and section of each.
    pub fn json_of(&mut self, cites: &'a [Citation]) -> Value {
        Value::Array(
            cites
                .iter()
                .map(|c| {
                    let (title, _) = self.source(&c.source);
                    json!({"source": c.source, "title": title, "section": c.section})
                })
                .collect(),
        )
    }

    /// A cell as text.
    fn text(&mut self, cell: Cell<'a>) -> Cow<'a, str> {
        match cell {
            Cell::Text(s) => s,
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Positions(p) => {
                Cow::Owned(p.iter().map(u32::to_string).collect::<Vec<_>>().join(" "))
            }
            Cell::Json(v) => Cow::Owned(v.to_string()),
            Cell::Sources(c) => Cow::Owned(self.lines(c)),
        }
    }

    /// A cell as JSON.
    fn json(&mut self, cell: Cell<'a>) -> Value {
        match cell {
            Cell::Text(s) => Value::String(s.into_owned()),
            Cell::Number(n) => Value::from(n),
            Cell::Positions(p) => Value::from(p.to_vec()),
            Cell::Json(v) => v,
            Cell::Sources(c) => self.json_of(c),
        }
    }
}
