//! Agreements tab: what was signed, when, in which area, and where it stands.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};

use crate::app::{App, Tab};
use crate::query::Record;

use super::list::{self, Cell, ListSpec, RELATION_W};

pub mod chart;
use super::{detail, filter_state, layout};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let body = layout::body(area, Tab::Agreements, app.relation().is_none());
    if let Some(top) = body.top {
        chart::render(app, top, buf);
    }
    let inner_w = body.list.width.saturating_sub(2);
    let wide = inner_w >= 80;
    let show_rel = app.relation().is_none();
    let rows = &app.rows().agreements;
    let mut header = vec!["Date", "Title"];
    let mut widths = vec![
        Constraint::Length(if wide { 14 } else { 5 }),
        Constraint::Fill(1),
    ];
    if wide {
        header.push("Area");
        widths.push(Constraint::Length(22));
    }
    header.push("Status");
    widths.push(Constraint::Length(17));
    if show_rel {
        header.insert(0, "Relation");
        widths.insert(0, Constraint::Length(RELATION_W as u16));
    }
    let title = match filter_state(app) {
        Some(f) => format!("Agreements · {f}"),
        None => "Agreements".to_string(),
    };
    let spec = ListSpec {
        title,
        header,
        widths,
        len: rows.len(),
        state: app.list(Tab::Agreements),
        empty: "No agreements here (f changes the status filter).",
    };
    list::render(spec, body.list, buf, theme, |i| {
        let Some((rel, Record::Agreement(a))) = rows.get(i).and_then(|r| r.resolve(app.ds()))
        else {
            return Vec::new();
        };
        let date = match a.signed {
            Some(d) if wide => d.to_string(),
            Some(d) => d.year().to_string(),
            None => "n.d.".to_string(),
        };
        let mut cells = vec![Cell::from(date), Cell::from(a.title.clone())];
        if wide {
            cells.push(Cell::from(a.area.clone()));
        }
        cells.push(Cell::from(a.status.label()));
        if show_rel {
            cells.insert(0, Cell::from(rel.id.clone()));
        }
        cells
    });
    detail::render(app, body.detail, buf);
}
