//! Showing where JSON stops being JSON: the offending line between its
//! neighbours, numbered as in the file, with a marker under the offending
//! character, cut to the width it is shown at. Everything shown is cleaned.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use crate::data::sanitize::clean;

/// Bytes of a line kept either side of the offending character: enough for
/// any terminal, and a one-line file of a gigabyte is never copied whole.
const KEPT: usize = 4096;

/// The narrowest an excerpt is drawn, whatever the width asked for.
const MIN_WIDTH: usize = 30;

/// The byte offset of the character serde_json stopped at. It counts columns in
/// bytes from 1, and reports column 0 when the offending character is the line
/// break that ends the line before (a line break inside a string, or the end of
/// the text after a final line break).
pub(super) fn offending_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = match column {
        0 => start.saturating_sub(1),
        c => start + c - 1,
    }
    .min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// serde_json ends its messages with " at line L column C"; they are shown as a location instead.
pub(super) fn strip_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

/// One line of an excerpt: its number in the file and the part of it kept,
/// each character with the columns its cleaned form takes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    number: usize,
    /// Cleaned pieces, one per character of the file, with their widths.
    cells: Vec<(String, usize)>,
    /// Whether the line goes on before or after what was kept.
    cut_before: bool,
    cut_after: bool,
}

impl Line {
    fn new(number: usize, text: &str, cut_before: bool, cut_after: bool) -> Line {
        let cells = text
            .chars()
            .map(|c| {
                let mut buf = [0u8; 4];
                let piece = clean(c.encode_utf8(&mut buf)).into_owned();
                let width = piece.chars().map(|c| c.width().unwrap_or(0)).sum();
                (piece, width)
            })
            .collect();
        Line {
            number,
            cells,
            cut_before,
            cut_after,
        }
    }

    fn width(&self) -> usize {
        self.cells.iter().map(|c| c.1).sum()
    }

    /// At most `width` columns of the kept text, starting at its column
    /// `from`, with "…" where the line goes on beyond them. A wide character
    /// cut by an edge shows as spaces, so every column stays where it was
    /// and the marker stays under its character: at `lead + marker - from`.
    fn window(&self, from: usize, width: usize) -> String {
        let lead = from > 0 || self.cut_before;
        let trail = self.cut_after || self.width() + usize::from(lead) > from + width;
        let end = (from + width).saturating_sub(usize::from(lead) + usize::from(trail));
        let mut out = String::from(if lead { "…" } else { "" });
        let mut col = 0;
        for (piece, w) in &self.cells {
            let (a, b) = (col, col + w);
            col = b;
            if b <= from || a >= end {
                continue;
            }
            if a >= from && b <= end {
                out.push_str(piece);
            } else {
                out.extend(std::iter::repeat_n(' ', b.min(end) - a.max(from)));
            }
        }
        if trail {
            out.push('…');
        }
        out
    }
}

/// Where a syntax error is, shown at any width by [`Excerpt::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    lines: Vec<Line>,
    /// Which of `lines` is the offending one.
    offending: usize,
    /// Columns before the offending character in the kept part of its line.
    marker: usize,
}

impl Excerpt {
    /// The excerpt for the character at byte `at` of `text`, on line `line`.
    pub(super) fn new(text: &str, at: usize, line: usize) -> Excerpt {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let from = floor(text, at.saturating_sub(KEPT).max(line_start));
        let to = ceil(text, (at + KEPT).min(line_end));
        let offending = Line::new(line, &text[from..to], from > line_start, to < line_end);
        let marker = offending.cells[..text[from..at].chars().count()]
            .iter()
            .map(|c| c.1)
            .sum();
        // The neighbours keep the same stretch of their own lines.
        let neighbour = |start: usize, end: usize, number: usize| {
            let a = floor(text, (start + (from - line_start)).min(end));
            let b = ceil(text, (start + (to - line_start)).min(end).max(a));
            Line::new(number, &text[a..b], a > start, b < end)
        };
        let mut lines = Vec::new();
        if line_start > 0 {
            let end = line_start - 1;
            let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
            lines.push(neighbour(start, end, line - 1));
        }
        let offending_index = lines.len();
        lines.push(offending);
        if line_end < text.len() {
            let start = line_end + 1;
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            if !text[start..end].trim().is_empty() {
                lines.push(neighbour(start, end, line + 1));
            }
        }
        Excerpt {
            lines,
            offending: offending_index,
            marker,
        }
    }

    /// The excerpt in at most `width` columns (never under [`MIN_WIDTH`]):
    /// numbered lines, and "▲ here" under the offending character.
    pub fn render(&self, width: usize) -> String {
        let gutter = self
            .lines
            .iter()
            .map(|l| l.number.to_string().len())
            .max()
            .unwrap_or(1);
        let room = width.max(MIN_WIDTH).saturating_sub(gutter + 3);
        let longest = self.lines.iter().map(Line::width).max().unwrap_or(0);
        let cut = self.lines.iter().any(|l| l.cut_before || l.cut_after);
        // Columns hidden on the left: none if everything fits, else enough
        // to show the marker with a third of the room after it.
        let from = if longest <= room && !cut {
            0
        } else {
            (self.marker + "▲ here".len() + room / 3).saturating_sub(room)
        };
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            let shown = if longest <= room && !cut {
                line.cells.iter().map(|c| c.0.as_str()).collect()
            } else {
                line.window(from, room)
            };
            let _ = writeln!(
                out,
                "{}",
                format!("{:>gutter$} │ {shown}", line.number).trim_end()
            );
            if i == self.offending {
                let lead = from > 0 || line.cut_before;
                let before = usize::from(lead) + self.marker - from;
                let _ = writeln!(out, "{:>gutter$} │ {}▲ here", "", " ".repeat(before));
            }
        }
        out
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn excerpt(text: &str, at: usize) -> Excerpt {
        let line = text[..at].matches('\n').count() + 1;
        Excerpt::new(text, at, line)
    }

    /// The display column of the marker, counted after the gutter.
    fn marker_column(shown: &str) -> usize {
        let marker = shown.lines().find(|l| l.ends_with("▲ here")).unwrap();
        let bar = marker.find('│').unwrap();
        marker[bar + '│'.len_utf8() + 1..]
            .trim_end_matches("▲ here")
            .width()
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "{\"a\": 1,\n \"b\": x}";
        let shown = excerpt(text, text.find('x').unwrap()).render(100);
        assert_eq!(shown, "1 │ {\"a\": 1,\n2 │  \"b\": x}\n  │       ▲ here\n");
    }

    #[test]
    fn a_long_line_fits_the_width_with_the_marker_under_its_character() {
        let text = format!(
            "{}\n[{}x{}]\n{}",
            "a".repeat(300),
            "中".repeat(150),
            " ".repeat(300),
            "b".repeat(300)
        );
        let at = text.find('x').unwrap();
        for width in [40, 80, 100, 200] {
            let shown = excerpt(&text, at).render(width);
            for line in shown.lines() {
                assert!(
                    line.width() <= width,
                    "{width}: {line:?} is {}",
                    line.width()
                );
            }
            let offending = shown.lines().nth(1).unwrap();
            let bar = offending.find('│').unwrap();
            let x = offending.find('x').unwrap();
            assert_eq!(
                offending[bar + '│'.len_utf8() + 1..x].width(),
                marker_column(&shown),
                "{width}:\n{shown}"
            );
            assert!(offending.contains('…') && shown.lines().next().unwrap().contains('…'));
        }
    }

    #[test]
    fn a_huge_line_is_never_copied_whole() {
        let text = format!("[{}x{}]", " ".repeat(1_000_000), " ".repeat(1_000_000));
        let e = excerpt(&text, text.find('x').unwrap());
        assert!(e.lines[0].cells.len() <= 2 * KEPT + 1);
        assert!(e.render(100).len() < 1_000);
    }

    #[test]
    fn hostile_text_is_cleaned_and_measured_cleaned() {
        let text = "[\"a\", \x1b[2J\x1b]0;pwned\x07 \u{9b}31m \u{202e}]";
        let shown = excerpt(text, 6).render(100);
        assert!(
            shown.contains("␛[2J␛]0;pwned␇ ⟨U+009B⟩31m ⟨U+202E⟩]"),
            "{shown}"
        );
        assert_eq!(marker_column(&shown), 6);
    }
}
