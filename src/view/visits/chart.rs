//! The Visits chart: visits per year (or decade, when years do not fit) as
//! two bars per period, one per direction, with the count over each bar;
//! who came, by office; and the visits with no date, counted apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::query::tally::{OfficeClass, Visits};
use crate::screen::Theme;
use crate::screen::chart::{self, Axis, AxisSpec, GAPS, Span, year_axis};
use crate::text::{fit, truncate, width};
use crate::view::axis;

/// The fills of the two directions: they differ without colour.
pub const FILLS: [char; 2] = ['█', '▒'];

/// Width of the office panel beside the bars, when the chart is wide enough for it.
const OFFICE_W: u16 = 30;

/// The two directions in words: "Mexico → Vietnam", or, over all relations,
/// each relation's first country to its second.
pub fn directions(app: &App, short: bool) -> [String; 2] {
    match app.shown_relation() {
        Some(rel) => {
            let [a, b] = &rel.countries;
            if short {
                [format!("{a}→{b}"), format!("{b}→{a}")]
            } else {
                let n = |c: &str| app.ds().country_name(c).to_string();
                [
                    format!("{} → {}", n(a), n(b)),
                    format!("{} → {}", n(b), n(a)),
                ]
            }
        }
        None if short => ["1st→2nd".into(), "2nd→1st".into()],
        None => ["1st → 2nd country".into(), "2nd → 1st country".into()],
    }
}

/// The widest count any bar shows with periods of `per` years.
fn bar_w(v: &Visits, per: i32) -> u16 {
    let most = v
        .per_period(per)
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(1);
    width(&most.to_string()) as u16
}

/// The period axis of the chart over `width` cells from `x`: a year each
/// when the whole span fits without a break, else decades (or longer).
pub fn axis_of(v: &Visits, x: u16, w: u16) -> Option<Axis> {
    let years: Vec<i32> = v.per_year.iter().map(|p| p.0).collect();
    let least = |per: i32| 2 * bar_w(v, per) + 1;
    let mut spec = AxisSpec {
        years: &years,
        until: None,
        pers: &[1],
        least: &least,
        most: 2 * bar_w(v, 1) + 5,
        gaps: &[i32::MAX],
    };
    if let Some(a) = year_axis(&spec, x, w) {
        return Some(a);
    }
    spec.pers = &[10, 20, 50, 100];
    spec.gaps = GAPS;
    year_axis(&spec, x, w)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let v = &app.rows().tally.visits;
    let inner = chart::inner(area);
    let beside = inner.width >= 64 && inner.height >= 5;
    // The office panel leaves the last row to the legend when it has rows enough.
    let legend_full = beside && inner.height >= 7;
    let bars_w = if beside {
        inner.width - OFFICE_W - 1
    } else {
        inner.width
    };
    let axis = axis_of(v, inner.x, bars_w);
    let per = match axis.as_ref().map_or(1, |a| a.per) {
        1 => "year".to_string(),
        10 => "decade".to_string(),
        n => format!("{n} years"),
    };
    axis::chart_box(
        &format!("Visits per {per} · by direction · count over each bar"),
        area,
        buf,
        theme,
    );
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let w = usize::from(inner.width);
    let legend_y = inner.bottom() - 1;
    let axis_y = if beside { legend_y - 1 } else { legend_y - 2 };
    if !beside {
        let line = office_summary(v, w);
        buf.set_stringn(inner.x, legend_y - 1, line, w, theme.base());
    } else {
        let x = inner.right() - OFFICE_W;
        let h = inner.height - u16::from(legend_full);
        offices(v, Rect::new(x, inner.y, OFFICE_W, h), buf, theme);
    }
    let legend_w = if legend_full { inner.width } else { bars_w };
    let lw = usize::from(legend_w);
    buf.set_stringn(inner.x, legend_y, legend(app, v, lw), lw, theme.dim());
    match axis {
        Some(a) => bars(v, &a, inner.y, axis_y, buf, theme),
        None => {
            let text = if v.per_year.is_empty() {
                "No visit has a date."
            } else {
                "Too narrow for the periods."
            };
            buf.set_stringn(inner.x, inner.y, text, usize::from(bars_w), theme.dim());
        }
    }
}

/// The bars of each period between `top` and the axis row, and the axis.
fn bars(v: &Visits, a: &Axis, top: u16, axis_y: u16, buf: &mut Buffer, theme: Theme) {
    let counts = v.per_period(a.per);
    let most = counts
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    // One row over the tallest bar for its count.
    let rows = axis_y.saturating_sub(top).saturating_sub(1);
    let right = a.slots.last().map_or(0, |(_, x, w)| x + w);
    axis::labels(a, axis_y, right, None, buf, theme);
    if rows == 0 {
        return;
    }
    for (span, x, w) in &a.slots {
        let Span::Period(start, _) = *span else {
            continue;
        };
        let Some((_, c)) = counts.iter().find(|(s, _)| *s == start) else {
            continue;
        };
        let bw = (w - 1) / 2;
        for (dir, n) in c.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let h = ((f64::from(*n) / f64::from(most) * f64::from(rows)).round() as u16)
                .clamp(1, rows.max(1));
            let bx = x + dir as u16 * bw;
            let style = if dir == 0 {
                theme.bar()
            } else {
                theme.bar_alt()
            };
            let fill = FILLS[dir].to_string().repeat(usize::from(bw));
            for r in 0..h {
                buf.set_string(bx, axis_y - 1 - r, &fill, style);
            }
            let label_y = (axis_y - 1).saturating_sub(h).max(top);
            buf.set_stringn(bx, label_y, n.to_string(), usize::from(bw), theme.label());
        }
    }
    axis::breaks(a, top..axis_y, buf, theme);
}

/// "█ Mexico → Vietnam 0 (+3 n.d.)  ▒ Vietnam → Mexico 8", shorter when narrow.
fn legend(app: &App, v: &Visits, w: usize) -> String {
    let dated = |d: usize| v.per_year.iter().map(|(_, c)| c[d]).sum::<u32>();
    let make = |short: bool| {
        let names = directions(app, short);
        let part = |d: usize| {
            let nd = match v.undated[d] {
                0 => String::new(),
                n => format!(" (+{n} n.d.)"),
            };
            format!("{} {} {}{nd}", FILLS[d], names[d], dated(d))
        };
        format!("{}  {}", part(0), part(1))
    };
    let long = make(false);
    if width(&long) <= w {
        long
    } else {
        truncate(&make(true), w)
    }
}

/// The offices on one line, in `w` cells: "Who came, by office: head 2 · …",
/// with a shorter lead-in (or none) when narrow.
fn office_summary(v: &Visits, w: usize) -> String {
    let parts: Vec<String> = OfficeClass::ALL
        .iter()
        .filter(|c| **c != OfficeClass::NotStated || v.offices[c.index()].iter().sum::<u32>() > 0)
        .map(|c| format!("{} {}", c.short(), v.offices[c.index()].iter().sum::<u32>()))
        .collect();
    let all = parts.join(" · ");
    ["Who came, by office: ", "Offices: ", ""]
        .iter()
        .map(|lead| format!("{lead}{all}"))
        .find(|l| width(l) <= w)
        .unwrap_or_else(|| truncate(&all, w))
}

/// Who came, by office class: a labelled bar per class, split by direction.
fn offices(v: &Visits, area: Rect, buf: &mut Buffer, theme: Theme) {
    buf.set_stringn(
        area.x,
        area.y,
        "Who came · by office",
        usize::from(area.width),
        theme.header_row(),
    );
    let totals: Vec<u32> = v.offices.iter().map(|c| c[0] + c[1]).collect();
    let most = totals.iter().copied().max().unwrap_or(0).max(1);
    let label_w = 19;
    let room = area.width.saturating_sub(label_w + 4);
    let classes = OfficeClass::ALL
        .into_iter()
        .filter(|c| *c != OfficeClass::NotStated || totals[c.index()] > 0);
    for (c, y) in classes.zip(area.y + 1..area.bottom()) {
        let [f, b] = v.offices[c.index()];
        let n = f + b;
        let len = (f64::from(n) / f64::from(most) * f64::from(room)).round() as usize;
        let len = if n > 0 { len.max(1) } else { 0 };
        let flen = (len as f64 * f64::from(f) / f64::from(n.max(1))).round() as usize;
        let text = format!("{}{:>3} ", fit(c.label(), usize::from(label_w)), n);
        buf.set_string(area.x, y, &text, theme.base());
        let x = area.x + width(&text) as u16;
        buf.set_string(x, y, FILLS[0].to_string().repeat(flen), theme.bar());
        buf.set_string(
            x + flen as u16,
            y,
            FILLS[1].to_string().repeat(len - flen),
            theme.bar_alt(),
        );
    }
}
