//! The trade chart's geometry: which years get a slot on the axis, and where
//! the slots, bars, read-out and legend go. The chart draws with it and a
//! click on a bar is placed with it.

use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use crate::data::{Qualifier, TradeFigure};
use crate::query::trade::bar_label;
use crate::text::width;

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

/// Width of a break slot on the axis.
const BREAK_W: u16 = 3;

/// Where everything of the chart goes, computed the same way for drawing and for clicks.
pub struct Geometry<'a> {
    pub inner: Rect,
    /// Each slot with its x and width.
    pub slots: Vec<(Slot<'a>, u16, u16)>,
    /// Row of the sparkline summary, when there is a row to spare for it.
    pub spark_y: Option<u16>,
    /// Rows of bars (labels included), from `bars_top` down to `year_y - 1`.
    pub bars_top: u16,
    pub year_y: u16,
    /// First row of the read-out, and how many rows it has.
    pub readout_y: u16,
    pub readout_rows: u16,
    /// The legend's row: always drawn, since the marks it explains may be.
    pub legend_y: u16,
}

/// Bar rows the chart never goes below: with fewer, a figure 80× another
/// would draw as tall.
pub const MIN_BAR_ROWS: u16 = 2;

/// Which optional rows a chart of `height` inner rows has.
struct Rows {
    spark: bool,
    readout: u16,
}

/// The bars and their labels come first, then the year axis, the legend and
/// a read-out line (they say what the bars mean); a second read-out line and
/// the sparkline (a summary of the bars) only with rows to spare.
fn rows(height: u16) -> Option<Rows> {
    // Label row and bars, years, read-out, legend.
    let least = 1 + MIN_BAR_ROWS + 3;
    let spare = height.checked_sub(least)?;
    Some(Rows {
        spark: spare >= 1,
        readout: if spare >= 6 { 2 } else { 1 },
    })
}

/// The chart's inner area for a panel.
pub fn inner(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// Lays out the chart, or `None` when there is no room for bars.
pub fn geometry<'a>(figures: &[&'a TradeFigure], inner: Rect) -> Option<Geometry<'a>> {
    if rows(inner.height).is_none() || figures.is_empty() {
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
    let rows = rows(inner.height)?;
    let bottom = inner.bottom();
    let legend_y = bottom - 1;
    let readout_y = legend_y - rows.readout;
    let year_y = readout_y - 1;
    Some(Geometry {
        inner,
        slots: placed,
        spark_y: rows.spark.then_some(inner.y),
        bars_top: inner.y + u16::from(rows.spark),
        year_y,
        readout_y,
        readout_rows: rows.readout,
        legend_y,
    })
}

/// The year of the slot under a click at (`x`, `y`) on a chart drawn in
/// `area`, if that year has a figure.
pub fn year_at(figures: &[&TradeFigure], area: Rect, x: u16, y: u16) -> Option<i32> {
    let g = geometry(figures, inner(area))?;
    if y < g.bars_top || y > g.year_y {
        return None;
    }
    g.slots.iter().find_map(|(s, sx, w)| match s {
        Slot::Year(year, Some(_)) if (*sx..sx + w).contains(&x) => Some(*year),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::trade::tests::fig;

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
