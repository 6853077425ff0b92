//! Trade tab: two-way trade per year as a bar chart on a continuous year axis,
//! the figures with their qualifiers, and what each country sells the other.

pub mod chart;
pub mod compare;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

use crate::app::{App, Tab};
use crate::data::{Qualifier, Relation, TradeFigure};
use crate::query::{self, Record};
use crate::text::truncate;

use super::list::{self, Cell, ListSpec, RELATION_W};
use super::theme::Theme;
use super::{detail, layout};

/// The bar's fill: solid for stated figures, hatched for derived ones.
pub fn fill(q: Qualifier) -> char {
    match q {
        Qualifier::Derived => '░',
        _ => '█',
    }
}

/// Product composition each way and growth statements, for the side panel.
fn composition(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(Span::styled(" Sold each way ", theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    // Only as many lines as the panel holds (plus one, to know there is more):
    // the merged view of a large dataset has far more.
    for r in query::scope(app.ds(), app.relation()) {
        if lines.len() > h {
            break;
        }
        let Some(rel) = app.ds().relations.get(r) else {
            continue;
        };
        let Some(trade) = &rel.trade else { continue };
        for p in &trade.products {
            lines.push(Line::styled(
                truncate(
                    &format!(
                        "{} → {}",
                        app.ds().country_name(&p.from),
                        app.ds().country_name(&p.to)
                    ),
                    w,
                ),
                theme.label(),
            ));
            for (i, name) in p.products.iter().enumerate() {
                lines.push(Line::raw(truncate(&format!(" {}. {name}", i + 1), w)));
            }
        }
        for g in &trade.growth {
            lines.push(Line::styled("Growth", theme.label()));
            for l in crate::text::wrap(&g.text, w.saturating_sub(1)) {
                lines.push(Line::raw(format!(" {l}")));
            }
        }
    }
    // Say when the panel cannot hold it all: the rows of the list below have it too.
    if lines.len() > h && h > 0 {
        lines.truncate(h - 1);
        lines.push(Line::styled(
            truncate("… more in the rows below", w),
            theme.dim(),
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let body = layout::body(area, Tab::Trade, app.relation().is_none());
    if let Some(top) = body.top {
        match app.shown_relation() {
            Some(rel) if !app.comparing() => chart::render(app, rel, top, buf, theme),
            _ => compare::render(app, top, buf, theme),
        }
    }
    if let Some(side) = body.side {
        composition(app, side, buf, theme);
    }
    let rows = &app.rows().trade;
    let show_rel = app.relation().is_none();
    let mut header = vec!["Year", "What", "Value"];
    let mut widths = vec![
        Constraint::Length(4),
        Constraint::Length(14),
        Constraint::Fill(1),
    ];
    if show_rel {
        header.insert(0, "Relation");
        widths.insert(0, Constraint::Length(RELATION_W as u16));
    }
    let spec = ListSpec {
        title: "Figures".into(),
        header,
        widths,
        len: rows.len(),
        state: app.list(Tab::Trade),
        empty: "No trade figures.",
    };
    list::render(spec, body.list, buf, theme, |i| {
        let Some((rel, rec)) = rows.get(i).and_then(|r| r.resolve(app.ds())) else {
            return Vec::new();
        };
        let currency = rel.currency();
        let mut cells = match rec {
            Record::Trade(f) => vec![
                Cell::from(f.year.to_string()),
                Cell::from(list_flow(app, rel, f)),
                Cell::from(f.amount.display(currency)),
            ],
            Record::Products(p) => vec![
                Cell::from(""),
                Cell::from(format!(
                    "{} → {}",
                    app.ds().country_name(&p.from),
                    app.ds().country_name(&p.to)
                )),
                Cell::from(p.products.join(", ")),
            ],
            Record::Growth(g) => vec![
                Cell::from(g.to_year.map(|y| y.to_string()).unwrap_or_default()),
                Cell::from("growth"),
                Cell::from(g.text.clone()),
            ],
            _ => Vec::new(),
        };
        if show_rel {
            cells.insert(0, Cell::from(rel.id.clone()));
        }
        cells
    });
    detail::render(app, body.detail, buf);
}

/// The flow in the list's narrow column. A figure that names its reporter
/// says it in codes ("VNM→MEX by MEX", "two-way by VNM"), so mirror
/// figures of one flow differ within the column's 14 cells.
fn list_flow(app: &App, rel: &Relation, f: &TradeFigure) -> String {
    match (&f.reporter, &f.from, &f.to) {
        (None, ..) => query::flow_label(app.ds(), rel, f.from.as_deref(), f.to.as_deref()),
        (Some(r), Some(from), Some(to)) => format!("{from}→{to} by {r}"),
        (Some(r), ..) => format!("two-way by {r}"),
    }
}
