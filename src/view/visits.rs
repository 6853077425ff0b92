//! Visits tab: who visited whom, when, in what office and why.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};

use crate::app::{App, Tab};
use crate::query::Record;

use super::list::{self, Cell, ListSpec};
use super::{detail, filter_state, layout};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let body = layout::body(area, Tab::Visits, app.relation().is_none());
    let inner_w = body.list.width.saturating_sub(2);
    let wide = inner_w >= 90;
    let show_rel = app.relation().is_none() && inner_w >= 110;
    let rows = &app.rows().visits;
    let mut header = vec![
        "Date",
        "Visitor",
        "Office",
        if wide { "Direction" } else { "From→To" },
    ];
    let mut widths = vec![
        Constraint::Length(14),
        Constraint::Length(22),
        Constraint::Fill(2),
        Constraint::Length(if wide { 19 } else { 7 }),
    ];
    if wide {
        header.push("Purpose");
        widths.push(Constraint::Fill(2));
    }
    if show_rel {
        header.insert(0, "Relation");
        widths.insert(0, Constraint::Length(8));
    }
    let title = match filter_state(app) {
        Some(f) => format!("Visits · {f}"),
        None => "Visits".to_string(),
    };
    let spec = ListSpec {
        title,
        header,
        widths,
        len: rows.len(),
        state: app.list(Tab::Visits),
        empty: "No visits here (f changes the direction).",
    };
    list::render(spec, body.list, buf, theme, |i| {
        let Some((rel, Record::Visit(v))) = rows.get(i).and_then(|r| r.resolve(app.ds())) else {
            return Vec::new();
        };
        let date = crate::data::date_or_nd(v.date);
        let direction = if wide {
            format!(
                "{} → {}",
                app.ds().country_name(&v.from),
                app.ds().country_name(&v.to)
            )
        } else {
            format!("{}→{}", v.from, v.to)
        };
        let mut cells = vec![
            Cell::from(date),
            Cell::from(v.visitor.clone()),
            Cell::from(v.office.clone().unwrap_or_default()),
            Cell::from(direction),
        ];
        if wide {
            cells.push(Cell::from(v.purpose.clone().unwrap_or_default()));
        }
        if show_rel {
            cells.insert(0, Cell::from(rel.id.clone()));
        }
        cells
    });
    detail::render(app, body.detail, buf);
}
