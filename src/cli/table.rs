//! Rows and columns, printed as an aligned table, JSON, CSV or Markdown.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

use crate::text::truncate;

use crate::data::{Citation, Dataset};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading in a terminal
    Table,
    /// An array of objects, one per row
    Json,
    /// Comma-separated values with a header row
    Csv,
    /// A Markdown table
    Md,
}

/// A column: its key in JSON and CSV, its header in tables, and how wide a table cell may grow.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    /// Widest a cell may be in `table` format before it is cut with "…"; 0 hides the column there.
    pub max: usize,
}

pub const fn col(key: &'static str, header: &'static str, max: usize) -> Column {
    Column { key, header, max }
}

/// One row: its cells in column order and the citations behind it.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<String>,
    pub citations: Vec<Citation>,
    /// Characters of the [`Table::emphasis`] cell to emphasise (search matches).
    pub marks: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The column whose rows' `marks` are drawn bold and underlined in
    /// `table` format, when the output is a terminal.
    pub emphasis: Option<usize>,
}

impl Table {
    pub fn new(columns: &[Column]) -> Table {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
            emphasis: None,
        }
    }

    pub fn push(&mut self, cells: Vec<String>, citations: &[Citation]) {
        self.rows.push(Row {
            cells,
            citations: citations.to_vec(),
            marks: Vec::new(),
        });
    }

    pub fn write(&self, ds: &Dataset, format: Format, out: &mut dyn Write) -> io::Result<()> {
        match format {
            Format::Table => self.write_table(out),
            Format::Json => self.write_json(ds, out),
            Format::Csv => self.write_csv(ds, out),
            Format::Md => self.write_md(out),
        }
    }

    fn shown(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i].max > 0)
            .collect()
    }

    fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let shown = self.shown();
        let cell = |row: &Row, i: usize| {
            truncate(
                row.cells.get(i).map_or("", String::as_str),
                self.columns[i].max,
            )
        };
        let mut widths: Vec<usize> = shown
            .iter()
            .map(|&i| self.columns[i].header.width())
            .collect();
        for row in &self.rows {
            for (w, &i) in widths.iter_mut().zip(&shown) {
                *w = (*w).max(cell(row, i).width());
            }
        }
        let styled = self.emphasis.is_some() && io::stdout().is_terminal();
        let line = |cells: Vec<String>, row: Option<&Row>| -> String {
            let last = cells.len().saturating_sub(1);
            let mut s = String::new();
            for (j, (c, w)) in cells.iter().zip(&widths).enumerate() {
                match row {
                    Some(r) if styled && self.emphasis == shown.get(j).copied() => {
                        s.push_str(&emphasised(c, &r.marks));
                    }
                    _ => s.push_str(c),
                }
                if j < last {
                    s.push_str(&" ".repeat(w.saturating_sub(c.width()) + 2));
                }
            }
            s.trim_end().to_string()
        };
        let header: Vec<String> = shown
            .iter()
            .map(|&i| self.columns[i].header.to_string())
            .collect();
        writeln!(out, "{}", line(header, None))?;
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        writeln!(out, "{}", line(rule, None))?;
        for row in &self.rows {
            writeln!(
                out,
                "{}",
                line(shown.iter().map(|&i| cell(row, i)).collect(), Some(row))
            )?;
        }
        if self.rows.is_empty() {
            writeln!(out, "(no records)")?;
        }
        Ok(())
    }

    pub(crate) fn citations_json(ds: &Dataset, cites: &[Citation]) -> Value {
        Value::Array(
            cites
                .iter()
                .map(|c| {
                    json!({
                        "source": c.source,
                        "title": ds.source(&c.source).map(|s| s.title.as_str()),
                        "section": c.section,
                    })
                })
                .collect(),
        )
    }

    fn write_json(&self, ds: &Dataset, out: &mut dyn Write) -> io::Result<()> {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let mut obj = Map::new();
                for (c, v) in self.columns.iter().zip(&row.cells) {
                    obj.insert(c.key.to_string(), Value::String(v.clone()));
                }
                obj.insert("sources".into(), Self::citations_json(ds, &row.citations));
                Value::Object(obj)
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)
    }

    fn write_csv(&self, ds: &Dataset, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let mut header: Vec<&str> = self.columns.iter().map(|c| c.key).collect();
        header.push("sources");
        w.write_record(&header).map_err(csv_io)?;
        for row in &self.rows {
            let mut rec = row.cells.clone();
            rec.resize(self.columns.len(), String::new());
            rec.push(cite_line(ds, &row.citations));
            w.write_record(&rec).map_err(csv_io)?;
        }
        w.flush()
    }

    fn write_md(&self, out: &mut dyn Write) -> io::Result<()> {
        let shown = self.shown();
        let esc = |s: &str| s.replace('\\', "\\\\").replace('|', "\\|");
        let header: Vec<String> = shown.iter().map(|&i| esc(self.columns[i].header)).collect();
        writeln!(out, "| {} |", header.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(shown.len()))?;
        for row in &self.rows {
            let cells: Vec<String> = shown
                .iter()
                .map(|&i| esc(row.cells.get(i).map_or("", String::as_str)))
                .collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        Ok(())
    }
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

/// Citations as one line: "[1] Title · § Section; [3] Title".
pub fn cite_line(ds: &Dataset, cites: &[Citation]) -> String {
    cites
        .iter()
        .map(|c| crate::query::cite(ds, c))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `text` with the characters at `marks` bold and underlined (SGR 1 and 4,
/// visible without colour); a closing "…" is never marked.
fn emphasised(text: &str, marks: &[u32]) -> String {
    let mut out = String::new();
    let mut on = false;
    for (i, c) in text.chars().enumerate() {
        let want = c != '…' && marks.binary_search(&(i as u32)).is_ok();
        if want != on {
            out.push_str(if want { "\x1b[1;4m" } else { "\x1b[22;24m" });
            on = want;
        }
        out.push(c);
    }
    if on {
        out.push_str("\x1b[22;24m");
    }
    out
}
