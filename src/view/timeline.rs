//! Timeline tab: every dated record of the relation in order, with a year gutter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};

use crate::app::{App, Tab};
use crate::data::{Date, Precision};

use super::list::{self, Cell, ListSpec, RELATION_W};

pub mod strip;
use super::{detail, filter_state, layout};

/// The part of a date below the year, for the column beside the year gutter:
/// "19 May", "September", or nothing for a year.
pub fn within_year(d: &Date) -> String {
    match d.precision() {
        Precision::Year => String::new(),
        Precision::Month => d.to_string().split(' ').next().unwrap_or("").to_string(),
        Precision::Day => {
            let s = d.to_string();
            s.rsplit_once(' ').map_or(s.clone(), |(a, _)| a.to_string())
        }
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let body = layout::body(area, Tab::Timeline, app.relation().is_none());
    if let Some(top) = body.top {
        strip::render(app, top, buf);
    }
    let show_rel = app.relation().is_none();
    let entries = &app.rows().timeline;
    let cursor = app.list(Tab::Timeline);
    let mut header = vec!["Year", "Date", "Kind"];
    let mut widths = vec![
        Constraint::Length(4),
        Constraint::Length(12),
        Constraint::Length(9),
    ];
    if show_rel {
        header.push("Relation");
        widths.push(Constraint::Length(RELATION_W as u16));
    }
    header.push("What");
    widths.push(Constraint::Fill(1));
    let title = match filter_state(app) {
        Some(f) => format!("Timeline · {f}"),
        None => "Timeline".to_string(),
    };
    let spec = ListSpec {
        title,
        header,
        widths,
        len: entries.len(),
        state: cursor,
        empty: "No dated records here (f changes the filter).",
    };
    let year_of = |i: usize| entries.get(i).and_then(|e| e.date).map(|d| d.year());
    list::render(spec, body.list, buf, theme, |i| {
        let Some(e) = entries.get(i) else {
            return Vec::new();
        };
        let Some((rel, rec)) = e.record.resolve(app.ds()) else {
            return Vec::new();
        };
        let first_of_year = i == cursor.offset() || year_of(i) != year_of(i.wrapping_sub(1));
        let gutter = match e.date {
            Some(d) if first_of_year => d.year().to_string(),
            None if first_of_year || i == cursor.offset() => "n.d.".to_string(),
            _ => String::new(),
        };
        let within = e.date.map(|d| within_year(&d)).unwrap_or_default();
        let kind = rec.kind();
        let mut what = rec.headline(app.ds(), rel);
        if let Some(change) = e.change {
            what = format!("{}: {what}", change.label());
        }
        let mut cells = vec![
            Cell::styled(gutter, theme.label()),
            Cell::from(within),
            Cell::styled(kind.label(), theme.kind(kind)),
        ];
        if show_rel {
            cells.push(Cell::from(rel.id.clone()));
        }
        cells.push(Cell::from(what));
        cells
    });
    detail::render(app, body.detail, buf);
}
