//! One relation's two-way trade as bars on a continuous year axis, with a
//! sparkline, stated growth, a year cursor read-out and a legend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::app::App;
use crate::data::{ChangeKind, Qualifier, Relation, TradeFigure, money::currency_symbol};
use crate::query::{self, Record};
use crate::text::{truncate, width, wrap};
use crate::view::spark::spark;
use crate::view::theme::Theme;

use super::{bar_label, fill};

/// One slot of the year axis: a year (with or without a figure) or a break standing for skipped years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot<'a> {
    Year(i32, Option<&'a TradeFigure>),
    Break(i32, i32),
}

/// Lays the years from the first figure to the last on one axis. Runs of more
/// than `max_gap` empty years become one explicit break, never silently dropped.
pub fn slots<'a>(figures: &[&'a TradeFigure], max_gap: i32) -> Vec<Slot<'a>> {
    let mut by_year: Vec<(i32, &'a TradeFigure)> = Vec::new();
    for f in figures {
        match by_year.iter_mut().find(|(y, _)| *y == f.year) {
            // A stated figure wins over a derived one for the same year.
            Some(slot) if slot.1.amount.qualifier == Qualifier::Derived => slot.1 = f,
            Some(_) => {}
            None => by_year.push((f.year, f)),
        }
    }
    by_year.sort_by_key(|(y, _)| *y);
    let mut out = Vec::new();
    for (i, (year, f)) in by_year.iter().enumerate() {
        if let Some((prev, _)) = i.checked_sub(1).and_then(|j| by_year.get(j)) {
            let gap = year - prev - 1;
            if gap > max_gap {
                out.push(Slot::Break(prev + 1, year - 1));
            } else {
                out.extend((prev + 1..*year).map(|y| Slot::Year(y, None)));
            }
        }
        out.push(Slot::Year(*year, Some(f)));
    }
    out
}

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

/// Width of a break slot on the axis.
const BREAK_W: u16 = 3;

/// Where everything of the chart goes, computed the same way for drawing and for clicks.
pub struct Geometry<'a> {
    pub inner: Rect,
    /// Each slot with its x and width.
    pub slots: Vec<(Slot<'a>, u16, u16)>,
    /// Row of the sparkline summary.
    pub spark_y: u16,
    /// Rows of bars (labels included), from `bars_top` down to `year_y - 1`.
    pub bars_top: u16,
    pub year_y: u16,
    /// First row of the read-out, and how many rows it has.
    pub readout_y: u16,
    pub readout_rows: u16,
    pub legend_y: Option<u16>,
}

/// The chart's inner area for a panel.
pub fn inner(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// Lays out the chart, or `None` when there is no room for bars.
pub fn geometry<'a>(figures: &[&'a TradeFigure], inner: Rect) -> Option<Geometry<'a>> {
    // Rows: sparkline, ≥2 bar rows, years, read-out (1–2), legend.
    if inner.height < 5 || figures.is_empty() {
        return None;
    }
    let label_w = figures
        .iter()
        .map(|f| width(&bar_label(f)))
        .max()
        .unwrap_or(4)
        .max(4) as u16;
    // Wide slots first; then fewer empty years and narrower slots until the axis fits.
    let tries = [
        (label_w + 1, 3),
        (label_w + 1, 1),
        (label_w, 0),
        (5, 0),
        (3, 0),
    ];
    let (chosen, slot_w) = tries.iter().find_map(|&(slot_w, max_gap)| {
        let s = slots(figures, max_gap);
        let need: u32 = s
            .iter()
            .map(|x| match x {
                Slot::Year(..) => u32::from(slot_w),
                Slot::Break(..) => u32::from(BREAK_W),
            })
            .sum();
        (need <= u32::from(inner.width)).then_some((s, slot_w))
    })?;
    // Spread the slots over the room there is, up to a comfortable width.
    let years = chosen
        .iter()
        .filter(|s| matches!(s, Slot::Year(..)))
        .count() as u16;
    let breaks = chosen.len() as u16 - years;
    let slot_w = inner
        .width
        .saturating_sub(breaks * BREAK_W)
        .checked_div(years)
        .map_or(slot_w, |w| w.clamp(slot_w, 12));
    let mut x = inner.x;
    let mut placed = Vec::with_capacity(chosen.len());
    for s in chosen {
        let w = match s {
            Slot::Year(..) => slot_w,
            Slot::Break(..) => BREAK_W,
        };
        placed.push((s, x, w));
        x += w;
    }
    let legend = inner.height >= 9;
    let readout_rows = if inner.height >= 12 { 2 } else { 1 };
    let bottom = inner.bottom();
    let legend_y = legend.then_some(bottom - 1);
    let readout_y = bottom - u16::from(legend) - readout_rows;
    let year_y = readout_y - 1;
    Some(Geometry {
        inner,
        slots: placed,
        spark_y: inner.y,
        bars_top: inner.y + 1,
        year_y,
        readout_y,
        readout_rows,
        legend_y,
    })
}

/// The year of the slot under a click, if it has a figure.
pub fn year_at(app: &App, area: Rect, x: u16, y: u16) -> Option<i32> {
    let rel = app.relation.and_then(|r| app.ds.relations.get(r))?;
    let figures = query::trade::two_way(rel);
    let g = geometry(&figures, inner(area))?;
    if y < g.bars_top || y > g.year_y {
        return None;
    }
    g.slots.iter().find_map(|(s, sx, w)| match s {
        Slot::Year(year, Some(_)) if (*sx..sx + w).contains(&x) => Some(*year),
        _ => None,
    })
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
    let year_figures: Vec<&TradeFigure> = rel
        .trade
        .iter()
        .flat_map(|t| t.figures.iter())
        .filter(|f| f.year == sel.year)
        .collect();
    let mut parts = Vec::new();
    for f in year_figures {
        // The value and what kind of figure it is come first: they must survive a narrow screen.
        let flow = query::flow_label(&app.ds, rel, f.from.as_deref(), f.to.as_deref());
        let mut s = format!(
            "{} — {} — {flow}",
            f.amount.display(currency),
            f.amount.qualifier.explain()
        );
        if let Some(d) = &f.amount.derivation {
            s.push_str(&format!(" (from {}: {})", d.from, d.arithmetic));
        }
        if let Some(c) = f.sources.first() {
            s.push_str(&format!(" — {}", query::cite(&app.ds, c)));
        }
        parts.push(s);
    }
    format!("{} · {}", sel.year, parts.join(" | "))
}

pub fn render(app: &App, rel: &Relation, area: Rect, buf: &mut Buffer, theme: Theme) {
    let log = app.log_scale();
    let currency = rel.currency();
    let scale = if log { "log scale" } else { "linear scale" };
    let title = format!(
        " Two-way trade per year · {} · {scale} (L) ",
        currency_symbol(currency).trim()
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
    let figures = query::trade::two_way(rel);
    if figures.is_empty() {
        Line::styled("No trade figures for this relation.", theme.dim()).render(inner, buf);
        return;
    }
    let series: Vec<(i32, f64)> = figures.iter().map(|f| (f.year, f.amount.value)).collect();
    let w = usize::from(inner.width);
    let Some(g) = geometry(&figures, inner) else {
        // Too small for bars: the sparkline and the read-out.
        spark_line(
            app,
            rel,
            &series,
            log,
            Rect::new(inner.x, inner.y, inner.width, 1),
            buf,
            theme,
        );
        if inner.height >= 2 {
            let r = truncate(&readout(app, rel), w);
            buf.set_stringn(inner.x, inner.y + 1, r, w, theme.base());
        }
        return;
    };
    spark_line(
        app,
        rel,
        &series,
        log,
        Rect::new(inner.x, g.spark_y, inner.width, 1),
        buf,
        theme,
    );
    let values: Vec<f64> = figures.iter().map(|f| f.amount.value).collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let min = values
        .iter()
        .copied()
        .filter(|v| *v > 0.0)
        .fold(f64::MAX, f64::min);
    // One row above the tallest bar is kept for its label, and one more for stated growth.
    let has_growth = g.year_y.saturating_sub(g.bars_top) >= 5
        && rel
            .trade
            .iter()
            .flat_map(|t| t.growth.iter())
            .any(|gr| gr.to_year.is_some() && gr.change.is_some());
    let bar_rows = g
        .year_y
        .saturating_sub(g.bars_top)
        .saturating_sub(1 + u16::from(has_growth));
    let sel = selected_figure(app).map(|f| f.year);
    let growth: Vec<(i32, String)> = rel
        .trade
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
        .collect();
    for (slot, x, sw) in &g.slots {
        match slot {
            Slot::Break(a, b) => {
                for y in g.bars_top..g.year_y {
                    buf.set_string(x + 1, y, "┆", theme.dim());
                }
                let _ = (a, b);
                buf.set_string(*x, g.year_y, " ⋯ ", theme.dim());
            }
            Slot::Year(year, fig) => {
                let selected = sel == Some(*year);
                let ylabel = if *sw >= 5 {
                    year.to_string()
                } else {
                    format!("{:02}", year.rem_euclid(100))
                };
                let ystyle = if selected {
                    theme.selected()
                } else {
                    theme.dim()
                };
                buf.set_stringn(
                    *x,
                    g.year_y,
                    &ylabel,
                    usize::from(sw.saturating_sub(1).max(2)),
                    ystyle,
                );
                let Some(f) = fig else { continue };
                let h = bar_height(f.amount.value, min, max, bar_rows, log);
                // Wide slots leave two cells between bars, narrow ones one.
                let bar_w = if *sw >= 9 {
                    sw - 2
                } else {
                    sw.saturating_sub(1).max(1)
                };
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
                    buf.set_string(*x, g.year_y - 1 - r, &symbol, style);
                }
                let label_y = (g.year_y - 1).saturating_sub(h).max(g.bars_top);
                let lstyle = if selected {
                    theme.selected()
                } else {
                    theme.label()
                };
                buf.set_stringn(*x, label_y, bar_label(f), usize::from(*sw), lstyle);
                // Stated growth sits above the bar of the year it ends in.
                if let Some((_, text)) = growth.iter().find(|(y, _)| y == year)
                    && label_y > g.bars_top
                {
                    buf.set_stringn(*x, label_y - 1, text, usize::from(*sw), theme.key());
                }
            }
        }
    }
    let lines = wrap(&readout(app, rel), w);
    for (i, l) in lines.iter().take(usize::from(g.readout_rows)).enumerate() {
        let last =
            i + 1 == usize::from(g.readout_rows) && lines.len() > usize::from(g.readout_rows);
        let text = if last {
            truncate(&format!("{l} …"), w)
        } else {
            l.clone()
        };
        let style = if i == 0 { theme.label() } else { theme.base() };
        buf.set_stringn(inner.x, g.readout_y + i as u16, text, w, style);
    }
    if let Some(y) = g.legend_y {
        let legend = legend(&figures, &g, !growth.is_empty());
        buf.set_stringn(inner.x, y, truncate(&legend, w), w, theme.dim());
    }
}

/// The marks the chart uses, and only those: "≈ approximate  > lower bound …".
pub fn legend(figures: &[&TradeFigure], g: &Geometry<'_>, growth: bool) -> String {
    let has = |q: Qualifier| figures.iter().any(|f| f.amount.qualifier == q);
    let mut parts = Vec::new();
    if has(Qualifier::Approximate) {
        parts.push("≈ approx.");
    }
    if has(Qualifier::AtLeast) {
        parts.push("> lower bound");
    }
    if has(Qualifier::Derived) {
        parts.push("░* derived");
    }
    if growth {
        parts.push("+% growth");
    }
    if g.slots.iter().any(|(s, ..)| matches!(s, Slot::Break(..))) {
        parts.push("⋯ skipped years");
    }
    if parts.is_empty() {
        parts.push("every figure as stated");
    }
    parts.join("  ")
}

/// "2004 ▁▁▂···█ 2024 · latest ≈ US$15 billion (2024)".
fn spark_line(
    app: &App,
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
    let _ = app;
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
    use crate::view::trade::tests::fig;

    #[test]
    fn long_gaps_become_one_break_short_ones_stay_years() {
        let a = fig(2004, 187e6, Qualifier::Exact);
        let b = fig(2006, 300e6, Qualifier::AtLeast);
        let c = fig(2024, 15e9, Qualifier::Approximate);
        let s = slots(&[&a, &b, &c], 3);
        assert_eq!(s.len(), 5);
        assert!(matches!(s[1], Slot::Year(2005, None)));
        assert!(matches!(s[3], Slot::Break(2007, 2023)));
    }

    #[test]
    fn one_year_series_is_one_slot() {
        let a = fig(2023, 372.4e6, Qualifier::Exact);
        assert_eq!(slots(&[&a], 3).len(), 1);
        let g = geometry(&[&a], Rect::new(0, 0, 40, 10)).unwrap();
        assert_eq!(g.slots.len(), 1);
    }

    #[test]
    fn stated_figures_win_over_derived_in_the_same_year() {
        let d = fig(2023, 11.7e9, Qualifier::Derived);
        let s = fig(2023, 12e9, Qualifier::Exact);
        let slots = slots(&[&d, &s], 3);
        assert!(
            matches!(slots[0], Slot::Year(2023, Some(f)) if f.amount.qualifier == Qualifier::Exact)
        );
    }

    #[test]
    fn log_scale_keeps_small_bars_visible() {
        assert_eq!(bar_height(15e9, 187e6, 15e9, 10, true), 10);
        assert!(bar_height(187e6, 187e6, 15e9, 10, true) >= 1);
        assert!(bar_height(1.5e9, 187e6, 15e9, 10, true) >= 5);
        assert_eq!(bar_height(1.5e9, 187e6, 15e9, 10, false), 1);
        assert_eq!(bar_height(0.0, 1.0, 2.0, 10, false), 0);
    }

    #[test]
    fn axis_shrinks_to_fit_and_gives_up_when_it_cannot() {
        let figs: Vec<TradeFigure> = (1950..2025)
            .map(|y| fig(y, 1e6 * f64::from(y - 1949), Qualifier::Exact))
            .collect();
        let refs: Vec<&TradeFigure> = figs.iter().collect();
        assert!(
            geometry(&refs, Rect::new(0, 0, 100, 10)).is_none(),
            "75 years cannot fit 100 cells at 3 per year"
        );
        let g = geometry(&refs, Rect::new(0, 0, 300, 10)).unwrap();
        assert!(g.slots.iter().all(|(_, x, w)| x + w <= 300));
    }
}
