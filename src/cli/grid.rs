//! Aligned columns for reading: fitted to a width when there is one (text
//! columns shrink first, long text wraps inside its cell), every character
//! on one line per row when there is none.

use std::io::{self, Write};

use comfy_table::{
    ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle, Width,
};

use crate::text::width;

/// How a column gives way when the table is wider than its space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Short values (dates, ids, statuses, amounts): kept whole while the text columns can shrink.
    Keep,
    /// Running text: shrinks first, wrapping at spaces.
    Wrap,
}

/// Two spaces between columns (one of padding, one of junction), the header
/// underlined column by column, no other lines: a row starts where its
/// first column has text.
const STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('─').junction(' '))
    .content_lines(ContentLineStyle::none().junction(' '));

/// A text column is not squeezed below this many cells to hold the short columns whole.
const MIN_TEXT: usize = 8;
/// Words longer than this may be broken to make room.
const LONG_WORD: usize = 20;

/// Writes `rows` under `headers`. `width`: the cells the table may take, or
/// `None` for no limit (nothing wraps).
pub fn write(
    headers: &[&str],
    fits: &[Fit],
    rows: Vec<Vec<String>>,
    width_limit: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let widths = widths(headers, fits, &rows);
    // One cell of padding after each column and one junction between two.
    let gaps = 2 * widths.natural.len().saturating_sub(1) + 1;
    let total: usize = widths.natural.iter().sum::<usize>() + gaps;
    match width_limit {
        Some(w) if total > w => write_fitted(headers, fits, rows, &widths, gaps, w, out),
        _ => write_whole(headers, &rows, &widths.natural, out),
    }
}

/// A table wider than its space, laid out by comfy-table.
fn write_fitted(
    headers: &[&str],
    fits: &[Fit],
    rows: Vec<Vec<String>>,
    widths: &Widths,
    gaps: usize,
    w: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(STYLE);
    table.set_header(headers.to_vec());
    table.add_rows(rows);
    for column in table.column_iter_mut() {
        column.set_padding((0, 1));
    }
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(u16::try_from(w).unwrap_or(u16::MAX));
    arrange(&mut table, widths, fits, gaps, w);
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A table with room for every cell: each padded to its column's widest, in
/// the same style as a fitted one. Written directly rather than by
/// comfy-table, which measures columns in `u16` (a longer field would be
/// split) and would hold a long list twice more in memory.
fn write_whole(
    headers: &[&str],
    rows: &[Vec<String>],
    natural: &[usize],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut line = String::new();
    let mut write_line = |cells: &mut dyn Iterator<Item = &str>, out: &mut dyn Write| {
        line.clear();
        for (cell, w) in cells.zip(natural) {
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', w.saturating_sub(width(cell)) + 2));
        }
        writeln!(out, "{}", line.trim_end())
    };
    write_line(&mut headers.iter().copied(), out)?;
    let rule: Vec<String> = natural.iter().map(|w| "─".repeat(w + 1)).collect();
    writeln!(out, "{}", rule.join(" "))?;
    for row in rows {
        write_line(&mut row.iter().map(String::as_str), out)?;
    }
    Ok(())
}

/// Each column's widths: its widest cell, header included (`natural`); the
/// room its longest word needs, up to [`LONG_WORD`] (`least`: the header's
/// words too, and a text column at least [`MIN_TEXT`]); and that room for
/// the cells alone (`cells`).
struct Widths {
    natural: Vec<usize>,
    least: Vec<usize>,
    cells: Vec<usize>,
}

fn widths(headers: &[&str], fits: &[Fit], rows: &[Vec<String>]) -> Widths {
    let longest_word = |s: &str| s.split(' ').map(width).max().unwrap_or(0).min(LONG_WORD);
    let mut natural: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    let mut cells = vec![0; headers.len()];
    for row in rows {
        for ((n, c), cell) in natural.iter_mut().zip(&mut cells).zip(row) {
            *n = (*n).max(width(cell));
            *c = (*c).max(longest_word(cell));
        }
    }
    let mut least: Vec<usize> = headers.iter().map(|h| longest_word(h)).collect();
    for (i, fit) in fits.iter().enumerate() {
        least[i] = least[i].max(cells[i]);
        if *fit == Fit::Wrap {
            least[i] = least[i].max(MIN_TEXT).min(natural[i]);
            cells[i] = cells[i].max(MIN_TEXT).min(natural[i]);
        }
    }
    Widths {
        natural,
        least,
        cells,
    }
}

/// Gives every column room for its longest word (up to [`LONG_WORD`]
/// cells; a text column at least [`MIN_TEXT`]), then holds short columns
/// whole, narrowest first, while that leaves room; the rest share the
/// squeeze. When even those minimums do not fit, headers give way before
/// cells, and the widest first, so words are broken in as few columns as
/// can be.
fn arrange(table: &mut Table, widths: &Widths, fits: &[Fit], gaps: usize, w: usize) {
    let natural = &widths.natural;
    let mut least = widths.least.clone();
    let room = w.saturating_sub(gaps);
    while least.iter().sum::<usize>() > room {
        let header_word = (0..least.len())
            .filter(|&i| least[i] > widths.cells[i])
            .max_by_key(|&i| least[i] - widths.cells[i]);
        let widest = (0..least.len()).max_by_key(|&i| least[i]);
        match header_word.or(widest) {
            Some(i) if least[i] > 1 => least[i] -= 1,
            _ => return,
        }
    }
    let mut spare = room - least.iter().sum::<usize>();
    let mut short: Vec<usize> = (0..fits.len()).filter(|&i| fits[i] == Fit::Keep).collect();
    short.sort_by_key(|&i| natural[i]);
    let mut held = vec![false; fits.len()];
    for i in short {
        let extra = natural[i].saturating_sub(least[i]);
        if extra > spare {
            break;
        }
        spare -= extra;
        held[i] = true;
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        let constraint = if held[i] {
            ColumnConstraint::ContentWidth
        } else {
            // The boundary counts the cell of padding after the column.
            let least = u16::try_from(least[i] + 1).unwrap_or(u16::MAX);
            ColumnConstraint::LowerBoundary(Width::Fixed(least))
        };
        column.set_constraint(constraint);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]], fits: &[Fit], w: Option<usize>) -> String {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let mut out = Vec::new();
        write(&["Date", "Title", "Id"], fits, rows, w, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const FITS: [Fit; 3] = [Fit::Keep, Fit::Wrap, Fit::Keep];

    #[test]
    fn without_a_limit_every_row_is_one_line() {
        let long = "word ".repeat(60);
        let text = grid(&[&["1975", &long, "a-1"]], &FITS, None);
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.contains(long.trim_end()));
        assert!(text.starts_with("Date  Title"), "{text}");
    }

    #[test]
    fn a_limit_wraps_the_text_column_and_keeps_the_short_ones() {
        let long = "word ".repeat(60);
        let text = grid(&[&["19 May 1975", &long, "mex-vnm-1"]], &FITS, Some(40));
        assert!(text.lines().all(|l| width(l) <= 40), "{text}");
        assert!(
            text.contains("19 May 1975") && text.contains("mex-vnm-1"),
            "{text}"
        );
        let words: usize = text.matches("word").count();
        assert_eq!(words, 60, "{text}");
    }

    #[test]
    fn cjk_is_measured_in_cells() {
        let text = grid(&[&["2000", &"中文 ".repeat(30), "x"]], &FITS, Some(30));
        assert!(text.lines().all(|l| width(l) <= 30), "{text}");
        assert_eq!(text.matches('中').count(), 30);
    }

    fn chars(s: &str) -> Vec<char> {
        let mut c: Vec<char> = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '─' | '\n'))
            .collect();
        c.sort_unstable();
        c
    }

    proptest::proptest! {
        #[test]
        fn any_width_keeps_every_character(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z]{0,12}( [a-z长é🇲🇽]{1,9}){0,6}", 3),
                0..5,
            ),
            limit in proptest::option::of(1usize..120),
        ) {
            let fits = [Fit::Keep, Fit::Wrap, Fit::Keep];
            let headers = ["Date", "Text of it", "Id"];
            let mut out = Vec::new();
            write(&headers, &fits, rows.clone(), limit, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            let mut want = headers.join("");
            for row in &rows {
                want.extend(row.iter().map(String::as_str));
            }
            proptest::prop_assert_eq!(chars(&text), chars(&want));
            if let Some(w) = limit.filter(|&w| w >= 12) {
                for line in text.lines() {
                    proptest::prop_assert!(width(line) <= w, "{} > {}: {:?}", width(line), w, line);
                }
            }
        }
    }
}
