//! Visits tab: who visited whom, when, in what office and why.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};

use crate::app::{App, Tab};
use crate::query::Record;

use super::list::{self, Cell, ListSpec, RELATION_W};

pub mod chart;
use super::{detail, filter_state, layout};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let body = layout::body(area, Tab::Visits, app.relation().is_none());
    if let Some(top) = body.top {
        chart::render(app, top, buf);
    }
    let content_w = list::content_width(body.list.width);
    let wide = content_w >= 87;
    let show_rel = app.relation().is_none();
    let direction_w = if wide { 19 } else { 7 };
    // Date, visitor and direction always; the office when it gets a dozen cells.
    let fixed = 14 + 22 + direction_w + 3 + if show_rel { RELATION_W as u16 + 1 } else { 0 };
    let office = content_w >= fixed + 1 + 12;
    let rows = &app.rows().visits;
    let mut header = vec!["Date", "Visitor"];
    let visitor = if office {
        Constraint::Length(22)
    } else {
        Constraint::Fill(2)
    };
    let mut widths = vec![Constraint::Length(14), visitor];
    if office {
        header.push("Office");
        widths.push(Constraint::Fill(2));
    }
    header.push(if wide { "Direction" } else { "From→To" });
    widths.push(Constraint::Length(direction_w));
    if wide {
        header.push("Purpose");
        widths.push(Constraint::Fill(2));
    }
    if show_rel {
        header.insert(0, "Relation");
        widths.insert(0, Constraint::Length(RELATION_W as u16));
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
        let mut cells = vec![Cell::from(date), Cell::from(v.visitor.clone())];
        if office {
            cells.push(Cell::from(v.office.clone().unwrap_or_default()));
        }
        cells.push(Cell::from(direction));
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
