//! Every relation's trade on one scale: a shared year axis with one sparkline
//! row per relation, and each relation's latest figure with its qualifier.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::app::App;
use crate::data::{Qualifier, Relation};
use crate::query;
use crate::screen::chart::{AxisSpec, GAPS, Span as Slot, year_axis};
use crate::text::{fit, truncate, width};
use crate::view::axis;
use crate::view::spark::{GAP, spark_on};
use crate::view::theme::Theme;
use crate::view::trade::chart::bar_height;

/// The relations that have two-way figures, largest latest figure first.
pub fn rows(app: &App) -> Vec<&Relation> {
    app.compare()
        .order
        .iter()
        .filter_map(|&r| app.ds().relations.get(r))
        .collect()
}

/// A relation by its countries: "Mexico–Vietnam".
pub fn name(app: &App, rel: &Relation) -> String {
    let n = |i: usize| app.ds().country_name(&rel.countries[i]);
    format!("{}–{}", n(0), n(1))
}

/// Relations compared as grouped bars, at most.
const GROUPED_MAX: usize = 4;
/// The fills that tell the relations apart without colour.
const FILLS: [char; GROUPED_MAX] = ['█', '▒', '▓', '░'];

/// Each year's figure of a relation: a stated figure wins over a derived one.
fn by_year(rel: &Relation) -> Vec<(i32, f64)> {
    let mut out: Vec<(i32, f64, bool)> = Vec::new();
    for f in query::trade::two_way(rel) {
        let derived = f.amount.qualifier == Qualifier::Derived;
        match out.last_mut() {
            Some(last) if last.0 == f.year => {
                if last.2 && !derived {
                    *last = (f.year, f.amount.value, derived);
                }
            }
            _ => out.push((f.year, f.amount.value, derived)),
        }
    }
    out.into_iter().map(|(y, v, _)| (y, v)).collect()
}

/// Grouped bars per year on the shared scale, one bar per relation, when few
/// relations are compared and the years fit; whether it drew them.
fn grouped(
    app: &App,
    rels: &[&Relation],
    inner: Rect,
    log: bool,
    buf: &mut Buffer,
    theme: Theme,
) -> bool {
    let n = rels.len();
    if n > GROUPED_MAX || inner.height < 6 {
        return false;
    }
    let series: Vec<Vec<(i32, f64)>> = rels.iter().map(|r| by_year(r)).collect();
    let mut years: Vec<i32> = series.iter().flatten().map(|p| p.0).collect();
    years.sort_unstable();
    let least = |_: i32| n as u16 + 1;
    let spec = AxisSpec {
        years: &years,
        until: None,
        pers: &[1],
        least: &least,
        most: 2 * n as u16 + 2,
        gaps: GAPS,
    };
    let w = usize::from(inner.width);
    let part = |i: usize, latest: bool| {
        let rel = rels[i];
        let fig = query::trade::latest(rel)
            .filter(|_| latest)
            .map_or_else(String::new, |f| {
                format!(" {} ({})", f.amount.display(rel.currency()), f.year)
            });
        format!("{} {}{fig}", FILLS[i], name(app, rel))
    };
    let legend = [true, false]
        .into_iter()
        .map(|latest| {
            let parts: Vec<String> = (0..n).map(|i| part(i, latest)).collect();
            format!("{} · no bar: no figure", parts.join("  "))
        })
        .find(|l| width(l) <= w);
    // Bars whose legend cannot name every relation would not say whose they are.
    let Some(legend) = legend else {
        return false;
    };
    let Some(ax) = year_axis(&spec, inner.x, inner.width) else {
        return false;
    };
    let legend_y = inner.bottom() - 1;
    let axis_y = legend_y - 1;
    let rows = axis_y - inner.y;
    let (lo, hi) = app.compare().range;
    for (span, x, w) in &ax.slots {
        let Slot::Period(year, _) = *span else {
            continue;
        };
        let bw = (w - 1) / n as u16;
        for (i, s) in series.iter().enumerate() {
            let Some((_, v)) = s.iter().find(|p| p.0 == year) else {
                continue;
            };
            let h = bar_height(*v, lo, hi, rows, log);
            let style = if i % 2 == 0 {
                theme.bar()
            } else {
                theme.bar_alt()
            };
            let fill = FILLS[i].to_string().repeat(usize::from(bw));
            for r in 0..h {
                buf.set_string(x + i as u16 * bw, axis_y - 1 - r, &fill, style);
            }
        }
    }
    let right = ax.slots.last().map_or(inner.x, |(_, x, w)| x + w);
    axis::breaks(&ax, inner.y..axis_y, buf, theme);
    axis::labels(&ax, axis_y, right, None, buf, theme);
    buf.set_stringn(inner.x, legend_y, legend, w, theme.dim());
    true
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
    if grouped(app, &rels, inner, log, buf, theme) {
        return;
    }
    let w = usize::from(inner.width);
    // Names of the rows that can show, not of every relation in a large dataset.
    let id_w = rels
        .iter()
        .take(usize::from(inner.height))
        .map(|r| width(&name(app, r)))
        .max()
        .unwrap_or(8)
        .clamp(8, (w / 4).max(8));
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
            Span::styled(fit(&name(app, rel), id_w), id_style),
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
