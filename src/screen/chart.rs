//! The trade chart's geometry: which years get a slot on the axis, and where
//! the slots, bars, read-out and legend go. The chart draws with it and a
//! click on a bar is placed with it.

use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use crate::data::{Qualifier, TradeFigure};
use crate::query::tally::{Lane, Tally};
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

/// A slot of a year axis of counts: a period of years, or a break standing
/// for a long run of empty ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// First and last year of the period.
    Period(i32, i32),
    Break(i32, i32),
}

/// A year axis laid out in cells: each slot with its x and width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    pub slots: Vec<(Span, u16, u16)>,
    /// Years per period: 1, or 2, 5, 10… when a year each does not fit.
    pub per: i32,
}

impl Axis {
    /// The slot holding `year`, if it has one of its own.
    pub fn slot_of(&self, year: i32) -> Option<(u16, u16)> {
        self.slots.iter().find_map(|(s, x, w)| match s {
            Span::Period(a, b) if (*a..=*b).contains(&year) => Some((*x, *w)),
            _ => None,
        })
    }

    /// The period under column `x`.
    pub fn period_at(&self, x: u16) -> Option<(i32, i32)> {
        self.slots.iter().find_map(|(s, sx, w)| match s {
            Span::Period(a, b) if (*sx..sx + w).contains(&x) => Some((*a, *b)),
            _ => None,
        })
    }

    /// Whether some run of empty years was broken.
    pub fn has_break(&self) -> bool {
        self.slots
            .iter()
            .any(|(s, ..)| matches!(s, Span::Break(..)))
    }

    /// Cells the axis takes.
    pub fn width(&self) -> u16 {
        self.slots.last().map_or(0, |(_, x, w)| x + w) - self.slots.first().map_or(0, |s| s.1)
    }
}

/// What a year axis is asked to hold.
pub struct AxisSpec<'a> {
    /// Years that have something, oldest first (repeats allowed).
    pub years: &'a [i32],
    /// A year the axis reaches even when empty (today, for the timeline).
    pub until: Option<i32>,
    /// Years per period to try, fewest first.
    pub pers: &'a [i32],
    /// The narrowest a period's slot may be, for `per` years.
    pub least: &'a dyn Fn(i32) -> u16,
    /// The widest a slot grows to when there is room.
    pub most: u16,
    /// The longest runs of empty periods kept as slots, tried in turn;
    /// longer runs become a break. [`GAPS`] as on the Trade chart.
    pub gaps: &'a [i32],
}

/// Runs of more than three empty periods break the axis, then of more than one, then any.
pub const GAPS: &[i32] = &[3, 1, 0];

/// Lays periods from the first year with something to the last (or `until`)
/// over `width` cells: a year each if that fits, else longer periods. Runs of
/// empty periods longer than `gaps` allows become one break, drawn as on the
/// Trade chart; empty periods otherwise keep their slot.
pub fn year_axis(spec: &AxisSpec<'_>, x0: u16, width: u16) -> Option<Axis> {
    spec.years.first()?;
    for &per in spec.pers {
        let per = per.max(1);
        let start = |y: i32| y.div_euclid(per) * per;
        let mut bins: Vec<i32> = spec.years.iter().map(|&y| start(y)).collect();
        if let Some(u) = spec.until.filter(|u| bins.last().is_some_and(|l| u > l)) {
            bins.push(start(u));
        }
        bins.dedup();
        let least = (spec.least)(per).max(1);
        for &max_gap in spec.gaps {
            let mut spans = Vec::new();
            for (i, &b) in bins.iter().enumerate() {
                if let Some(&prev) = i.checked_sub(1).and_then(|j| bins.get(j)) {
                    let gap = (b - prev) / per - 1;
                    if gap > max_gap {
                        spans.push(Span::Break(prev + per, b - 1));
                    } else {
                        spans.extend(
                            (1..=gap)
                                .map(|k| Span::Period(prev + k * per, prev + k * per + per - 1)),
                        );
                    }
                }
                spans.push(Span::Period(b, b + per - 1));
            }
            let periods = spans
                .iter()
                .filter(|s| matches!(s, Span::Period(..)))
                .count() as u32;
            let breaks = spans.len() as u32 - periods;
            let need = periods * u32::from(least) + breaks * u32::from(BREAK_W);
            if need > u32::from(width) {
                continue;
            }
            let room = u32::from(width) - breaks * u32::from(BREAK_W);
            let w = (room / periods.max(1)).clamp(u32::from(least), u32::from(spec.most.max(least)))
                as u16;
            let mut x = x0;
            let slots = spans
                .into_iter()
                .map(|s| {
                    let sw = if matches!(s, Span::Break(..)) {
                        BREAK_W
                    } else {
                        w
                    };
                    let out = (s, x, sw);
                    x += sw;
                    out
                })
                .collect();
            return Some(Axis { slots, per });
        }
    }
    None
}

/// The label of a period under its slot of `w` cells: "1975", "75",
/// "1970s", "70s", "1975–79"…, or nothing when none fits.
pub fn period_label(a: i32, b: i32, w: u16) -> String {
    let w = usize::from(w);
    let short = |y: i32| format!("{:02}", y.rem_euclid(100));
    let options = if a == b {
        vec![a.to_string(), short(a)]
    } else if b - a == 9 && a.rem_euclid(10) == 0 {
        vec![
            format!("{a}s"),
            format!("{}s", short(a)),
            a.to_string(),
            short(a),
        ]
    } else {
        vec![format!("{a}–{}", short(b)), a.to_string(), short(a)]
    };
    options
        .into_iter()
        .find(|l| width(l) <= w)
        .unwrap_or_default()
}

/// The lanes a timeline strip draws on its rows: each row one lane; when rows
/// are short the two visit lanes share a row, and when still short one row
/// counts every record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strip {
    pub inner: Rect,
    /// Each row's lanes and its y.
    pub rows: Vec<(Vec<Lane>, u16)>,
    /// Width of the lane names at the left.
    pub label_w: u16,
    /// Width of the undated counts at the right ("+3 n.d.").
    pub undated_w: u16,
    pub axis: Axis,
    pub axis_y: u16,
    /// The legend's row, when there is one to spare.
    pub legend_y: Option<u16>,
}

/// Width of the strip's lane names.
pub const STRIP_LABEL_W: u16 = 11;

/// The year of the timeline strip's axis reaches today.
pub fn strip(t: &Tally, inner: Rect, today: i32) -> Option<Strip> {
    if inner.height < 2 || t.timeline.is_empty() {
        return None;
    }
    let has = |l: Lane| {
        t.timeline.iter().any(|(_, c)| c[l.index()] > 0) || t.timeline_undated[l.index()] > 0
    };
    let present: Vec<Lane> = Lane::ALL.into_iter().filter(|l| has(*l)).collect();
    // Rows: the lanes, then the axis, then a legend when a row is spare.
    let lane_rows = usize::from(inner.height - 1);
    let mut rows: Vec<Vec<Lane>> = present.iter().map(|l| vec![*l]).collect();
    if rows.len() > lane_rows
        && let Some(i) = rows.iter().position(|r| r[0] == Lane::VisitForward)
        && rows.get(i + 1).is_some_and(|r| r[0] == Lane::VisitBackward)
    {
        rows.remove(i + 1);
        rows[i].push(Lane::VisitBackward);
    }
    // Still too many: one row of every record, counted per year.
    if rows.len() > lane_rows {
        rows = vec![present];
    }
    let legend = usize::from(inner.height) > rows.len() + 1;
    let undated_max = rows
        .iter()
        .map(|r| r.iter().map(|l| t.timeline_undated[l.index()]).sum::<u32>())
        .max()
        .unwrap_or(0);
    let undated_w = if undated_max > 0 {
        width(&format!("+{undated_max} n.d.")) as u16 + 1
    } else {
        0
    };
    let years: Vec<i32> = t.timeline.iter().map(|p| p.0).collect();
    let axis_w = inner.width.saturating_sub(STRIP_LABEL_W + undated_w);
    let lanes_of_rows = rows.clone();
    let least = move |per: i32| {
        // A slot holds its largest count.
        let most = strip_counts(t, per, &lanes_of_rows)
            .into_iter()
            .max()
            .unwrap_or(1);
        // Two counts side by side get a blank cell between them, so "3" and "2" never read as "32".
        width(&most.to_string()) as u16 + u16::from(counts_touch(t, per, &lanes_of_rows))
    };
    let spec = AxisSpec {
        years: &years,
        until: Some(today),
        pers: &[1, 2, 5, 10, 20, 50, 100],
        least: &least,
        most: 3,
        gaps: GAPS,
    };
    let axis = year_axis(&spec, inner.x + STRIP_LABEL_W, axis_w)?;
    let y0 = inner.y;
    let axis_y = y0 + rows.len() as u16;
    Some(Strip {
        inner,
        rows: rows.into_iter().zip(y0..).collect(),
        label_w: STRIP_LABEL_W,
        undated_w,
        axis,
        axis_y,
        legend_y: legend.then_some(axis_y + 1),
    })
}

/// Every count a strip with these rows could show, per period of `per` years.
fn strip_counts(t: &Tally, per: i32, rows: &[Vec<Lane>]) -> Vec<u32> {
    let mut out = Vec::new();
    for row in rows {
        let mut last: Option<(i32, u32)> = None;
        for (y, c) in &t.timeline {
            let start = y.div_euclid(per) * per;
            let n: u32 = row.iter().map(|l| c[l.index()]).sum();
            match &mut last {
                Some((s, acc)) if *s == start => *acc += n,
                _ => {
                    if let Some((_, acc)) = last {
                        out.push(acc);
                    }
                    last = Some((start, n));
                }
            }
        }
        out.extend(last.map(|(_, n)| n));
    }
    out
}

/// Whether a row has counts of two or more in neighbouring periods of `per` years.
fn counts_touch(t: &Tally, per: i32, rows: &[Vec<Lane>]) -> bool {
    rows.iter().any(|row| {
        let mut periods: Vec<(i32, u32)> = Vec::new();
        for (y, c) in &t.timeline {
            let start = y.div_euclid(per) * per;
            let n: u32 = row.iter().map(|l| c[l.index()]).sum();
            match periods.last_mut() {
                Some((s, acc)) if *s == start => *acc += n,
                _ => periods.push((start, n)),
            }
        }
        periods
            .windows(2)
            .any(|w| w[1].0 - w[0].0 == per && w[0].1 > 1 && w[1].1 > 1)
    })
}

/// How many records of a row's lanes fall in the years `a..=b`.
pub fn strip_count(t: &Tally, lanes: &[Lane], (a, b): (i32, i32)) -> u32 {
    let from = t.timeline.partition_point(|(y, _)| *y < a);
    t.timeline[from..]
        .iter()
        .take_while(|(y, _)| *y <= b)
        .map(|(_, c)| lanes.iter().map(|l| c[l.index()]).sum::<u32>())
        .sum()
}

/// The years under a click at (`x`, `y`) on a timeline strip drawn in `area`.
pub fn strip_years_at(t: &Tally, area: Rect, today: i32, x: u16, y: u16) -> Option<(i32, i32)> {
    let s = strip(t, inner(area), today)?;
    if y < s.inner.y || y > s.axis_y {
        return None;
    }
    s.axis.period_at(x)
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

    fn spec<'a>(
        years: &'a [i32],
        until: Option<i32>,
        least: &'a dyn Fn(i32) -> u16,
    ) -> AxisSpec<'a> {
        AxisSpec {
            years,
            until,
            pers: &[1, 10],
            least,
            most: 3,
            gaps: GAPS,
        }
    }

    #[test]
    fn a_year_axis_keeps_short_gaps_breaks_long_ones_and_reaches_today() {
        let one = |_: i32| 1;
        let a = year_axis(&spec(&[1975, 1977, 1990], Some(2000), &one), 0, 40).unwrap();
        assert_eq!(a.per, 1);
        assert_eq!(
            a.slot_of(1976).map(|s| s.1),
            Some(3),
            "a short gap keeps its years"
        );
        assert!(a.slot_of(1985).is_none(), "a long gap is a break");
        assert!(a.has_break());
        assert!(a.slot_of(2000).is_some(), "the axis reaches `until`");
        let (x, _) = a.slot_of(1990).unwrap();
        assert_eq!(a.period_at(x), Some((1990, 1990)));
    }

    #[test]
    fn years_that_do_not_fit_become_decades() {
        let one = |_: i32| 1;
        let years: Vec<i32> = (1900..2000).collect();
        let a = year_axis(&spec(&years, None, &one), 0, 30).unwrap();
        assert_eq!(a.per, 10);
        assert_eq!(a.slots.len(), 10);
        assert_eq!(period_label(1970, 1979, 5), "1970s");
        assert_eq!(period_label(1970, 1979, 3), "70s");
        assert_eq!(period_label(1975, 1975, 2), "75");
    }

    #[test]
    fn a_short_strip_merges_its_lanes_rather_than_hide_one() {
        let ds = crate::data::load_embedded().unwrap();
        let t = crate::query::tally(&ds, &[0]);
        let full = strip(&t, Rect::new(0, 0, 76, 8), 2026).unwrap();
        assert_eq!(full.rows.len(), 6);
        assert_eq!(full.legend_y, Some(7));
        let short = strip(&t, Rect::new(0, 0, 56, 4), 2026).unwrap();
        assert_eq!(short.rows.len(), 1);
        assert_eq!(short.rows[0].0.len(), 6, "one row counts every kind");
    }
}
