//! The sources overlay: where the selected record comes from, then every source.

use ratatui::text::Line;

use crate::app::{App, Tab};
use crate::data::Source;

use super::detail::field_lines;
use super::theme::Theme;

fn source_lines(
    n: usize,
    s: &Source,
    section: Option<&str>,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(format!("[{n}] {}", s.title), theme.title())];
    let mut field = |label: &str, value: &str| out.extend(field_lines(label, value, width, theme));
    if let Some(sec) = section {
        field("Section", sec);
    }
    if let Some(a) = &s.author {
        field("Author", a);
    }
    if let Some(p) = &s.publisher {
        field("Publisher", p);
    }
    if let Some(d) = s.published {
        field("Published", &d.to_string());
    }
    field("Kind", s.kind.label());
    if let Some(u) = &s.url {
        field("Address", u);
    }
    if let Some(note) = &s.note {
        field("Note", note);
    }
    out
}

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let ds = app.ds();
    let number = |id: &str| ds.source_number(id).unwrap_or(0);
    let mut out = Vec::new();
    // What the sources at the top are cited by: the selected record, the
    // relation selected in the merged overview, or the relation whose card
    // the Overview shows over an empty list. Elsewhere an empty list cites nothing.
    let relation = |r: usize| ds.relations.get(r).map(|rel| rel.sources.to_vec());
    let cited = match (app.selected(), app.selected_relation_row()) {
        (Some((_, rec)), _) => Some(("Cited by the selection", rec.sources().to_vec())),
        (None, Some(r)) => relation(r).map(|c| ("Cited by the selection", c)),
        (None, None) if app.tab() == Tab::Overview => app
            .relation()
            .and_then(relation)
            .map(|c| ("Cited by the relation's card", c)),
        (None, None) => None,
    };
    match cited {
        Some((title, cites)) => {
            out.push(Line::styled(title, theme.header_row()));
            for c in &cites {
                match ds.source(&c.source) {
                    Some(s) => out.extend(source_lines(
                        number(&s.id),
                        s,
                        c.section.as_deref(),
                        width,
                        theme,
                    )),
                    None => out.push(Line::raw(format!("unknown source {:?}", c.source))),
                }
            }
        }
        None => out.push(Line::styled(
            "Nothing is selected: the list is empty.",
            theme.dim(),
        )),
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!("All sources of this dataset ({})", ds.sources.len()),
        theme.header_row(),
    ));
    for (i, s) in ds.sources.iter().enumerate() {
        out.extend(source_lines(i + 1, s, None, width, theme));
    }
    out
}

/// A piece of a source's address on screen: where it is drawn, its text,
/// and the address it is part of. The event loop makes these OSC 8
/// hyperlinks where the terminal supports them, by writing the same text
/// over the same cells: the buffer, and so every snapshot, holds the text
/// only, and widths are what was drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
}

/// The http and https addresses the sources overlay shows now, piece by
/// piece (a long address wraps); none when it is not open.
pub fn links(app: &App) -> Vec<Link> {
    let crate::app::Mode::Sources { scroll } = app.mode() else {
        return Vec::new();
    };
    let o = super::layout::text_overlay(app.area());
    let inner = super::layout::bordered_inner(o);
    let all = lines(app, usize::from(inner.width));
    let end = all.len().saturating_sub(usize::from(inner.height));
    let first = (*scroll).min(end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        if span_text(&all[i], 0).trim() != "Address" {
            i += 1;
            continue;
        }
        // The address's lines: this one, and those under it with no label.
        let mut pieces = vec![(i, span_text(&all[i], 1))];
        while let Some(next) = all.get(i + pieces.len()) {
            if next.spans.len() != 2 || !span_text(next, 0).trim().is_empty() {
                break;
            }
            pieces.push((i + pieces.len(), span_text(next, 1)));
        }
        i += pieces.len();
        let url: String = pieces.iter().map(|(_, t)| t.as_str()).collect();
        if !linkable(&url) {
            continue;
        }
        for (line, text) in pieces {
            let Some(row) = line
                .checked_sub(first)
                .filter(|r| *r < usize::from(inner.height))
            else {
                continue;
            };
            out.push(Link {
                x: inner.x + super::detail::LABEL as u16,
                y: inner.y + row as u16,
                text,
                url: url.clone(),
            });
        }
    }
    out
}

fn span_text(line: &Line<'_>, i: usize) -> String {
    line.spans
        .get(i)
        .map(|s| s.content.to_string())
        .unwrap_or_default()
}

/// Only http and https addresses, written as URLs are: printable ASCII,
/// nothing that could end or bend the sequence that carries them. (An
/// address whose control characters were cleaned into placeholders at load
/// is shown, not linked.)
fn linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && url.chars().all(|c| c.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_web_addresses_are_linked() {
        assert!(super::linkable("https://example.org/a?b=c"));
        assert!(super::linkable("HTTP://example.org"));
        assert!(!super::linkable("javascript:alert(1)"));
        assert!(!super::linkable("file:///etc/passwd"));
        assert!(!super::linkable("https://"));
        assert!(!super::linkable("https://a\u{1b}]8;;x"));
        assert!(!super::linkable("https://a/␛]8;;x"));
        assert!(!super::linkable("https://a/ b"));
    }
}
