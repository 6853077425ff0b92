//! The Agreements chart: counts by status and by area as labelled bars,
//! signings on the year axis, and the agreements with no date, counted apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::query::tally::{Agreements, STATUSES};
use crate::screen::Theme;
use crate::screen::chart::{self, Axis, AxisSpec, GAPS, Span, year_axis};
use crate::text::{fit, truncate, width};
use crate::view::axis;

/// Width of the signings lane's name.
const LANE_W: u16 = 9;

/// The signings axis over `w` cells from `x`.
pub fn axis_of(a: &Agreements, x: u16, w: u16) -> Option<Axis> {
    let years: Vec<i32> = a.per_year.iter().map(|p| p.0).collect();
    let least = |per: i32| {
        let periods = per_period(a, per);
        let most = periods.iter().map(|p| p.1).max().unwrap_or(1);
        // Two counts side by side get a blank cell between them, so "3" and "2" never read as "32".
        let touch = periods
            .windows(2)
            .any(|w| w[1].0 - w[0].0 == per && w[0].1 > 1 && w[1].1 > 1);
        width(&most.to_string()) as u16 + u16::from(touch)
    };
    let spec = AxisSpec {
        years: &years,
        until: None,
        pers: &[1, 2, 5, 10, 20, 50, 100],
        least: &least,
        most: 5,
        gaps: GAPS,
    };
    year_axis(&spec, x, w)
}

/// Signings per period of `per` years.
fn per_period(a: &Agreements, per: i32) -> Vec<(i32, u32)> {
    let mut out: Vec<(i32, u32)> = Vec::new();
    for &(y, n) in &a.per_year {
        let s = y.div_euclid(per) * per;
        match out.last_mut() {
            Some((p, acc)) if *p == s => *acc += n,
            _ => out.push((s, n)),
        }
    }
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let a = &app.rows().tally.agreements;
    axis::chart_box(
        "Agreements · count by status and by area · signings per year",
        area,
        buf,
        theme,
    );
    let inner = chart::inner(area);
    if inner.height < 2 || inner.width < 20 {
        return;
    }
    let total: u32 = a.by_status.iter().sum();
    let w = usize::from(inner.width);
    if total == 0 {
        buf.set_stringn(inner.x, inner.y, "No agreements here.", w, theme.dim());
        return;
    }
    // The undated count always shows; the signings take two rows more when there are any and room.
    let note_y = inner.bottom() - 1;
    let note = match (a.undated, a.per_year.is_empty()) {
        (n, true) => format!("No signing date given for any of the {n}"),
        (0, false) => "Every agreement has a date · ● one signing, 2+ a count".into(),
        (n, false) => format!("{n} with no date given · ● one signing, 2+ a count"),
    };
    buf.set_stringn(inner.x, note_y, truncate(&note, w), w, theme.dim());
    let signings = !a.per_year.is_empty() && inner.height >= 5;
    let bars_bottom = if signings {
        let lane_y = note_y - 2;
        signings_lane(a, Rect::new(inner.x, lane_y, inner.width, 2), buf, theme);
        lane_y
    } else {
        note_y
    };
    let rows = Rect::new(inner.x, inner.y, inner.width, bars_bottom - inner.y);
    let col_w = inner.width / 2;
    let statuses: Vec<(String, u32)> = STATUSES
        .iter()
        .zip(a.by_status)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (s.label().to_string(), n))
        .collect();
    let areas: Vec<(String, u32)> = a.by_area.iter().map(|(s, n)| (s.to_string(), *n)).collect();
    let left = Rect::new(rows.x, rows.y, col_w - 1, rows.height);
    let right = Rect::new(rows.x + col_w, rows.y, rows.width - col_w, rows.height);
    labelled_bars("By status", &statuses, "statuses", left, buf, theme);
    labelled_bars("By area", &areas, "areas", right, buf, theme);
}

/// A heading, then a bar per item with its label and count; the items that
/// do not fit are counted on the last row.
fn labelled_bars(
    heading: &str,
    items: &[(String, u32)],
    what: &str,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    if area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    let mut y = area.y;
    if area.height >= 3 {
        buf.set_stringn(area.x, y, heading, w, theme.header_row());
        y += 1;
    }
    let rows = usize::from(area.bottom() - y);
    let shown = if items.len() > rows {
        rows.saturating_sub(1)
    } else {
        items.len()
    };
    let most = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    let label_w = items
        .iter()
        .map(|i| width(&i.0))
        .max()
        .unwrap_or(4)
        .min(w * 3 / 5)
        .min(w.saturating_sub(6));
    let room = w.saturating_sub(label_w + 5);
    for (label, n) in items.iter().take(shown) {
        let text = format!("{} {:>3} ", fit(label, label_w), n);
        buf.set_stringn(area.x, y, &text, w, theme.base());
        let len = ((f64::from(*n) / f64::from(most)) * room as f64)
            .round()
            .max(1.0) as usize;
        let x = area.x + width(&text) as u16;
        buf.set_stringn(x, y, "█".repeat(len), room, theme.bar());
        y += 1;
    }
    if shown < items.len() && y < area.bottom() {
        let rest: u32 = items.iter().skip(shown).map(|i| i.1).sum();
        let more = format!("… {} more {what} ({rest})", items.len() - shown);
        buf.set_stringn(area.x, y, truncate(&more, w), w, theme.dim());
    }
}

/// "signings" and a mark or count per period, the axis under it.
fn signings_lane(a: &Agreements, area: Rect, buf: &mut Buffer, theme: Theme) {
    buf.set_string(area.x, area.y, "signings", theme.label());
    let Some(ax) = axis_of(a, area.x + LANE_W, area.width.saturating_sub(LANE_W)) else {
        return;
    };
    let counts = per_period(a, ax.per);
    for (span, x, w) in &ax.slots {
        let Span::Period(s, _) = *span else { continue };
        if let Some((_, n)) = counts.iter().find(|p| p.0 == s) {
            let mark = if *n == 1 {
                "●".to_string()
            } else {
                n.to_string()
            };
            buf.set_stringn(
                *x,
                area.y,
                mark,
                usize::from(*w),
                theme.kind(crate::query::Kind::Agreement),
            );
        }
    }
    let right = ax
        .slots
        .last()
        .map_or(0, |(_, x, w)| x + w)
        .max(area.right());
    axis::breaks(&ax, area.y..area.y + 1, buf, theme);
    axis::labels(&ax, area.y + 1, right.min(area.right()), None, buf, theme);
}
