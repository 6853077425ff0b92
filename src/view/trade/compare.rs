//! Every relation's trade on one scale: a shared year axis with one sparkline
//! row per relation, and each relation's latest figure with its qualifier.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::app::App;
use crate::data::Relation;
use crate::query;
use crate::text::{fit, truncate, width};
use crate::view::spark::{GAP, spark_on};
use crate::view::theme::Theme;

/// The relations that have two-way figures, largest latest figure first.
pub fn rows(app: &App) -> Vec<&Relation> {
    app.compare()
        .order
        .iter()
        .filter_map(|&r| app.ds().relations.get(r))
        .collect()
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let log = app.log_scale();
    let rels = rows(app);
    let (first, last) = app.compare().years;
    let (lo, hi) = app.compare().range;
    let scale = if log { "log scale" } else { "linear scale" };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(Span::styled(
            if app.relation().is_some() {
                format!(" Trade compared · two-way · one scale · {scale} (L) · c back ")
            } else {
                format!(" Trade compared · two-way · one scale · {scale} (L) ")
            },
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if rels.is_empty() {
        Line::styled("No relation has trade figures.", theme.dim()).render(inner, buf);
        return;
    }
    let w = usize::from(inner.width);
    let id_w = 8;
    let spark_w = w.saturating_sub(id_w + 2 + (w / 3).clamp(12, 44));
    let years = (last - first + 1).max(1) as usize;
    let cells = years.min(spark_w);
    let latest_w = w.saturating_sub(id_w + 2 + cells);
    let current = app.shown_relation().map(|r| r.id.as_str());
    let mut y = inner.y;
    // The shared axis: first and last year over the sparkline column.
    let axis = if cells >= 10 {
        let pad = cells.saturating_sub(8);
        format!("{first}{}{last}", " ".repeat(pad))
    } else {
        String::new()
    };
    buf.set_stringn(inner.x + id_w as u16 + 1, y, &axis, spark_w, theme.dim());
    buf.set_stringn(
        inner.x + (id_w + 2 + cells) as u16,
        y,
        "latest figure",
        latest_w,
        theme.header_row(),
    );
    y += 1;
    let room = usize::from(inner.bottom().saturating_sub(y));
    let shown = rels
        .len()
        .min(room.saturating_sub(usize::from(rels.len() > room)));
    for rel in rels.iter().take(shown) {
        let series: Vec<(i32, f64)> = query::trade::two_way(rel)
            .iter()
            .map(|f| (f.year, f.amount.value))
            .collect();
        let s = spark_on(&series, (first, last), spark_w, (lo, hi), log);
        let currency = rel.currency();
        let latest = query::trade::latest(rel).map_or_else(String::new, |f| {
            format!(
                "{} ({}, {})",
                f.amount.display(currency),
                f.year,
                f.amount.qualifier.label()
            )
        });
        let id_style = if current == Some(rel.id.as_str()) {
            theme.selected()
        } else {
            theme.label()
        };
        Line::from(vec![
            Span::styled(fit(&rel.id, id_w), id_style),
            Span::raw(" "),
            Span::styled(s, theme.bar()),
            Span::raw(" "),
            Span::raw(truncate(&latest, latest_w)),
        ])
        .render(Rect::new(inner.x, y, inner.width, 1), buf);
        y += 1;
    }
    if shown < rels.len() {
        let more = format!("… and {} more relations with figures", rels.len() - shown);
        buf.set_stringn(inner.x, y, truncate(&more, w), w, theme.dim());
    }
    let legend = format!("{GAP} year without a figure · blank: outside a relation's years");
    if y + 1 < inner.bottom() && width(&legend) <= w {
        buf.set_string(inner.x, inner.bottom() - 1, legend, theme.dim());
    }
}
