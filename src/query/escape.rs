//! Cells made safe for the programs that open our CSV and Markdown.
//!
//! Dataset text is already free of control characters (the loader cleans
//! it); what is left are characters that mean something to the reader of
//! the file: a spreadsheet runs a cell that starts like a formula, and a
//! Markdown renderer turns `<script>` into HTML and `[x](javascript:…)` into a
//! link.

use std::borrow::Cow;

/// A CSV cell that no spreadsheet evaluates (OWASP's CSV-injection rule): a
/// cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, which spreadsheets show as text and hide.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// Link schemes that run code or read local files when a rendered link is followed.
const UNSAFE_SCHEMES: [&str; 4] = ["javascript:", "vbscript:", "data:", "file:"];

/// Text for one Markdown table cell or list item, shown as written: HTML is
/// escaped (`<script>` stays text), link brackets and the table's pipes are
/// escaped, and the colon of an unsafe link scheme (`javascript:`) becomes
/// `&#58;`, so no renderer makes a link of it.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            ':' if starts_link(s, i) => out.push_str("&#58;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the colon at `colon` ends an unsafe scheme that starts a word
/// (any case) and is followed by more than a space: what a link would be.
fn starts_link(s: &str, colon: usize) -> bool {
    let followed = s[colon + 1..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    followed && ends_with_unsafe_scheme(&s[..colon])
}

fn ends_with_unsafe_scheme(before: &str) -> bool {
    UNSAFE_SCHEMES.iter().any(|scheme| {
        let name = &scheme[..scheme.len() - 1];
        let Some(start) = before.len().checked_sub(name.len()) else {
            return false;
        };
        let Some(tail) = before.get(start..) else {
            return false;
        };
        let word_start = before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        tail.eq_ignore_ascii_case(name) && word_start
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        for formula in ["=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert_eq!(csv_cell("US$187 million"), "US$187 million");
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn html_links_and_pipes_are_shown_not_rendered() {
        assert_eq!(
            md_text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            md_text("[click](JavaScript:alert(1))"),
            "\\[click\\](JavaScript&#58;alert(1))"
        );
        assert_eq!(md_text("a | b \\ c"), "a \\| b \\\\ c");
        assert_eq!(md_text("data:text/html,x"), "data&#58;text/html,x");
        // Only a scheme as a word, followed by more than a space.
        assert_eq!(md_text("data: 2024"), "data: 2024");
        assert_eq!(md_text("metadata:x https://x"), "metadata:x https://x");
        assert_eq!(md_text("Phạm Văn Đồng · 中文"), "Phạm Văn Đồng · 中文");
    }
}
