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
