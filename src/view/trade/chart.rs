//! One relation's two-way trade as bars on a continuous year axis, with a
//! sparkline, stated growth, a year cursor read-out and a legend. When the
//! relation has one-direction figures, each country's exports to the other
//! are drawn beside the two-way bar of each year, on the same scale.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::app::App;
use crate::data::{ChangeKind, Qualifier, Relation, TradeFigure, money::currency_symbol};
use crate::query::trade::bar_label;
use crate::query::{self, Record};
use crate::screen::Theme;
use crate::screen::chart::{Geometry, Slot, geometry};
use crate::text::{truncate, width, wrap};
use crate::view::spark::spark;

use super::fill;

/// The height of a bar of `value` in `rows` rows, on a linear or logarithmic scale.
/// On a log scale the axis starts at half the smallest figure, so every bar shows.
pub fn bar_height(value: f64, min: f64, max: f64, rows: u16, log: bool) -> u16 {
    if rows == 0 || max <= 0.0 || value <= 0.0 {
        return 0;
    }
    let t = if log {
        let lo = (min / 2.0).max(f64::MIN_POSITIVE).ln();
        let hi = max.ln();
        if hi <= lo {
            1.0
        } else {
            (value.ln() - lo) / (hi - lo)
        }
    } else {
        value / max
    };
    ((t.clamp(0.0, 1.0) * f64::from(rows)).round() as u16).max(1)
}

/// The selected figure, when the cursor is on a figure of this relation.
fn selected_figure(app: &App) -> Option<&TradeFigure> {
    match app.selected() {
        Some((_, Record::Trade(f))) => Some(f),
        _ => None,
    }
}

/// What the cursor's year holds: every figure of that year in words, with its
/// qualifier, derivation and source.
pub fn readout(app: &App, rel: &Relation) -> String {
    let currency = rel.currency();
    let Some(sel) = selected_figure(app) else {
        return "←/→ or a click on a bar chooses a year".to_string();
    };
    // The selected figure first, then the rest of its year.
    let mut year_figures: Vec<&TradeFigure> = rel
        .trade
        .iter()
        .flat_map(|t| t.figures.iter())
        .filter(|f| f.year == sel.year)
        .collect();
    year_figures.sort_by_key(|f| !std::ptr::eq(*f, sel));
    let mut parts = Vec::new();
    for f in &year_figures {
        // The value and what kind of figure it is come first: they must survive a narrow screen.
        let mut flow = query::figure_flow(app.ds(), rel, f);
        // Where both countries report a flow, say whose figure the bar is.
        if let (Some(from), Some(to)) = (&f.from, &f.to) {
            let same_flow = year_figures
                .iter()
                .filter(|g| g.from == f.from && g.to == f.to)
                .count();
            let drawn = query::trade::one_way_in(rel, f.year, from, to)
                .is_some_and(|d| std::ptr::eq(d, *f));
            if same_flow > 1 {
                flow.push_str(if drawn { " (drawn)" } else { " (not drawn)" });
            }
        }
        let mut s = format!(
            "{} — {} — {flow}",
            f.amount.display(currency),
            f.amount.qualifier.explain()
        );
        if let Some(d) = &f.amount.derivation {
            s.push_str(&format!(" (from {}: {})", d.from, d.arithmetic));
        }
        if let Some(c) = f.sources.first() {
            s.push_str(&format!(" — {}", query::cite(app.ds(), c)));
        }
        parts.push(s);
    }
    format!("{} · {}", sel.year, parts.join(" | "))
}

pub fn render(app: &App, rel: &Relation, area: Rect, buf: &mut Buffer, theme: Theme) {
    let log = app.log_scale();
    let scale = if log { "log scale" } else { "linear scale" };
    let one_way = query::trade::has_one_way(rel);
    let what = if one_way {
        "Trade per year: two-way and exports each way"
    } else {
        "Two-way trade per year"
    };
    let title = format!(
        " {what} · {} · {scale} (L) ",
        currency_symbol(rel.currency()).trim()
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let figures = query::trade::axis(rel);
    if figures.is_empty() {
        Line::styled("No trade figures for this relation.", theme.dim()).render(inner, buf);
        return;
    }
    let series: Vec<(i32, f64)> = query::trade::two_way(rel)
        .iter()
        .map(|f| (f.year, f.amount.value))
        .collect();
    let row = |y: u16| Rect::new(inner.x, y, inner.width, 1);
    let Some(g) = geometry(&figures, inner) else {
        // Too small for bars: the sparkline and the read-out.
        spark_line(rel, &series, log, row(inner.y), buf, theme);
        if inner.height >= 2 {
            let w = usize::from(inner.width);
            let r = truncate(&readout(app, rel), w);
            buf.set_stringn(inner.x, inner.y + 1, r, w, theme.base());
        }
        return;
    };
    if let Some(y) = g.spark_y
        && !series.is_empty()
    {
        spark_line(rel, &series, log, row(y), buf, theme);
    }
    let growth = stated_growth(rel);
    let bars = Bars::new(&figures, &g, !growth.is_empty(), log);
    let sel = selected_figure(app).map(|f| f.year);
    for &(slot, x, sw) in &g.slots {
        match slot {
            Slot::Break(..) => {
                for y in g.bars_top..g.year_y {
                    buf.set_string(x + 1, y, "┆", theme.dim());
                }
                buf.set_string(x, g.year_y, " ⋯ ", theme.dim());
            }
            Slot::Year(year, _) => {
                let selected = sel == Some(year);
                let at = (x, sw);
                year_label(year, at, g.year_y, selected, buf, theme);
                let [a, b] = &rel.countries;
                let exports = one_way.then(|| {
                    [
                        query::trade::one_way_in(rel, year, a, b),
                        query::trade::one_way_in(rel, year, b, a),
                    ]
                });
                let cols = bars.columns(sw, exports.is_some());
                if let Some([ab, ba]) = exports {
                    bars.draw_exports([ab, ba], at, cols, g.year_y, buf, theme);
                }
                if let Some(f) = query::trade::two_way_in(rel, year).filter(|_| cols.0 > 0) {
                    let label_y = bars.draw(f, (x, sw, cols.0), g.year_y, selected, buf, theme);
                    // Stated growth sits above the bar of the year it ends in.
                    if let Some((_, text)) = growth.iter().find(|(y, _)| *y == year)
                        && label_y > g.bars_top
                    {
                        buf.set_stringn(x, label_y - 1, text, usize::from(sw), theme.key());
                    }
                }
            }
        }
    }
    readout_rows(app, rel, &g, buf, theme);
    let w = usize::from(inner.width);
    let exports = if one_way {
        let [a, b] = &rel.countries;
        format!("{EXPORT_A} {a}→{b}  {EXPORT_B} {b}→{a}  ")
    } else {
        String::new()
    };
    let room = w.saturating_sub(width(&exports));
    let legend = format!(
        "{exports}{}",
        legend(&figures, &g, !growth.is_empty(), room)
    );
    buf.set_stringn(inner.x, g.legend_y, truncate(&legend, w), w, theme.dim());
}

/// Growth the sources state with an end year and a change, as "+27.5%" or "×2".
fn stated_growth(rel: &Relation) -> Vec<(i32, String)> {
    rel.trade
        .iter()
        .flat_map(|t| t.growth.iter())
        .filter_map(|gr| {
            let y = gr.to_year?;
            let c = gr.change.as_ref()?;
            let text = match c.kind {
                ChangeKind::Percent => format!("{:+}%", c.value),
                ChangeKind::Factor => format!("×{}", c.value),
            };
            Some((y, text))
        })
        .collect()
}

/// The columns of the exports of the relation's first country to the second, and back.
const EXPORT_A: char = '▒';
const EXPORT_B: char = '▓';

/// The scale of the bars: the range of the figures and the rows they have.
struct Bars {
    min: f64,
    max: f64,
    rows: u16,
    top: u16,
    log: bool,
}

impl Bars {
    fn new(figures: &[&TradeFigure], g: &Geometry<'_>, growth: bool, log: bool) -> Bars {
        let values = figures.iter().map(|f| f.amount.value);
        let max = values.clone().fold(0.0, f64::max);
        let min = values.filter(|v| *v > 0.0).fold(f64::MAX, f64::min);
        // One row above the tallest bar is kept for its label, and one more for stated growth.
        let growth_row = growth && g.year_y.saturating_sub(g.bars_top) >= 5;
        let rows = g
            .year_y
            .saturating_sub(g.bars_top)
            .saturating_sub(1 + u16::from(growth_row));
        Bars {
            min,
            max,
            rows,
            top: g.bars_top,
            log,
        }
    }

    /// The columns of a slot `sw` wide: the two-way bar's, and one for each
    /// direction's exports when `exports` (none in a slot too narrow for them).
    fn columns(&self, sw: u16, exports: bool) -> (u16, u16) {
        // Wide slots leave two cells between bars, narrow ones one.
        let bar_w = if sw >= 9 {
            sw - 2
        } else {
            sw.saturating_sub(1).max(1)
        };
        match (exports, bar_w) {
            (false, _) | (true, 1) => (bar_w, 0),
            (true, 2) => (0, 1),
            (true, _) => (bar_w - 2, 1),
        }
    }

    /// Each country's exports to the other in one column each, right of the
    /// two-way bar: a derived figure dim, as the two-way bars.
    fn draw_exports(
        &self,
        figures: [Option<&TradeFigure>; 2],
        (x, _): (u16, u16),
        (two_way, w): (u16, u16),
        base_y: u16,
        buf: &mut Buffer,
        theme: Theme,
    ) {
        if w == 0 {
            return;
        }
        for (i, (f, glyph)) in figures.iter().zip([EXPORT_A, EXPORT_B]).enumerate() {
            let Some(f) = f else { continue };
            let h = bar_height(f.amount.value, self.min, self.max, self.rows, self.log);
            let style = if f.amount.qualifier == Qualifier::Derived {
                theme.dim()
            } else {
                theme.bar_alt()
            };
            let col = x + two_way + i as u16;
            for r in 0..h {
                buf.set_string(col, base_y - 1 - r, glyph.to_string(), style);
            }
        }
    }

    /// Draws the bar of `f` in the slot at `(x, width)`, `bar_w` wide, above
    /// `base_y`, with its label; returns the label's row.
    fn draw(
        &self,
        f: &TradeFigure,
        (x, sw, bar_w): (u16, u16, u16),
        base_y: u16,
        selected: bool,
        buf: &mut Buffer,
        theme: Theme,
    ) -> u16 {
        let h = bar_height(f.amount.value, self.min, self.max, self.rows, self.log);
        let style: Style = if f.amount.qualifier == Qualifier::Derived {
            theme.dim()
        } else if selected {
            theme.bar_alt()
        } else {
            theme.bar()
        };
        let symbol = fill(f.amount.qualifier)
            .to_string()
            .repeat(usize::from(bar_w));
        for r in 0..h {
            buf.set_string(x, base_y - 1 - r, &symbol, style);
        }
        let label_y = (base_y - 1).saturating_sub(h).max(self.top);
        let lstyle = if selected {
            theme.selected()
        } else {
            theme.label()
        };
        buf.set_stringn(x, label_y, bar_label(f), usize::from(sw), lstyle);
        label_y
    }
}

/// The year under a slot: "2004", or "04" when the slot is narrow.
fn year_label(
    year: i32,
    (x, sw): (u16, u16),
    y: u16,
    selected: bool,
    buf: &mut Buffer,
    theme: Theme,
) {
    let label = if sw >= 5 {
        year.to_string()
    } else {
        format!("{:02}", year.rem_euclid(100))
    };
    let style = if selected {
        theme.selected()
    } else {
        theme.dim()
    };
    let room = usize::from(sw.saturating_sub(1).max(2));
    buf.set_stringn(x, y, &label, room, style);
}

/// The read-out of the cursor's year, wrapped to its rows, "…" when cut.
fn readout_rows(app: &App, rel: &Relation, g: &Geometry<'_>, buf: &mut Buffer, theme: Theme) {
    let w = usize::from(g.inner.width);
    let rows = usize::from(g.readout_rows);
    let lines = wrap(&readout(app, rel), w);
    for (i, l) in lines.iter().take(rows).enumerate() {
        let text = if i + 1 == rows && lines.len() > rows {
            truncate(&format!("{l} …"), w)
        } else {
            l.clone()
        };
        let style = if i == 0 { theme.label() } else { theme.base() };
        buf.set_stringn(g.inner.x, g.readout_y + i as u16, text, w, style);
    }
}

/// The marks the chart uses, and only those, in `width` cells: "≈ approx.
/// > lower bound …", in shorter words and closer together when narrow.
pub fn legend(figures: &[&TradeFigure], g: &Geometry<'_>, growth: bool, width: usize) -> String {
    let has = |q: Qualifier| figures.iter().any(|f| f.amount.qualifier == q);
    // Each mark in words, and in fewer words.
    let mut parts = Vec::new();
    if has(Qualifier::Approximate) {
        parts.push(("≈ approx.", "≈ approx."));
    }
    if has(Qualifier::AtLeast) {
        parts.push(("> lower bound", "> at least"));
    }
    if has(Qualifier::Derived) {
        parts.push(("░* derived", "░* derived"));
    }
    if growth {
        parts.push(("+% growth", "+% growth"));
    }
    if g.slots.iter().any(|(s, ..)| matches!(s, Slot::Break(..))) {
        parts.push(("⋯ skipped years", "⋯ skipped"));
    }
    if parts.is_empty() {
        parts.push(("every figure as stated", "all as stated"));
    }
    let join = |short: bool, sep: &str| {
        let words: Vec<&str> = parts
            .iter()
            .map(|p| if short { p.1 } else { p.0 })
            .collect();
        words.join(sep)
    };
    [(false, "  "), (true, "  "), (true, " ")]
        .into_iter()
        .map(|(short, sep)| join(short, sep))
        .find(|l| crate::text::width(l) <= width)
        .unwrap_or_else(|| join(true, " "))
}

/// "2004 ▁▁▂···█ 2024 · latest ≈ US$15 billion (2024)".
fn spark_line(
    rel: &Relation,
    series: &[(i32, f64)],
    log: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let currency = rel.currency();
    let first = series.first().map_or(0, |p| p.0);
    let last = series.last().map_or(0, |p| p.0);
    let latest = query::trade::latest(rel).map_or_else(String::new, |f| {
        format!(" latest {} ({})", f.amount.display(currency), f.year)
    });
    let room = usize::from(area.width).saturating_sub(width(&latest) + 12);
    let s = spark(series, room.max(1), log);
    // A one-year series has no span to draw: the year and the figure say it all.
    let spans = if first == last {
        vec![
            Span::styled(format!("{first}"), theme.dim()),
            Span::styled(latest, theme.label()),
        ]
    } else {
        vec![
            Span::styled(format!("{first} "), theme.dim()),
            Span::styled(s, theme.bar()),
            Span::styled(format!(" {last}"), theme.dim()),
            Span::styled(latest, theme.label()),
        ]
    };
    Line::from(spans).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_scale_keeps_small_bars_visible() {
        assert_eq!(bar_height(15e9, 187e6, 15e9, 10, true), 10);
        assert!(bar_height(187e6, 187e6, 15e9, 10, true) >= 1);
        assert!(bar_height(1.5e9, 187e6, 15e9, 10, true) >= 5);
        assert_eq!(bar_height(1.5e9, 187e6, 15e9, 10, false), 1);
        assert_eq!(bar_height(0.0, 1.0, 2.0, 10, false), 0);
    }
}
