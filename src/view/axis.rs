//! A year axis of counts drawn under a chart: period labels, round years
//! first, the cursor's period over them, and breaks as on the Trade chart.

use ratatui::buffer::Buffer;
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use crate::screen::Theme;
use crate::screen::chart::{Axis, Span, period_label};
use crate::text::width;

/// A chart's box: rounded border, its title saying what is counted.
pub fn chart_box(title: &str, area: ratatui::layout::Rect, buf: &mut Buffer, theme: Theme) {
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(ratatui::text::Span::styled(
            format!(" {title} "),
            theme.title(),
        ))
        .render(area, buf);
}

/// A period's label in full: "1975", "1970s", "1975–79".
fn long_label(a: i32, b: i32) -> String {
    period_label(a, b, 12)
}

/// Draws the labels of `axis` on row `y` up to column `right`; the
/// period holding `selected` is labelled over the others, reversed.
pub fn labels(
    axis: &Axis,
    y: u16,
    right: u16,
    selected: Option<i32>,
    buf: &mut Buffer,
    theme: Theme,
) {
    // Every slot labelled when each label fits its own slot; else round years, as room allows.
    let own = axis.slots.iter().all(|(s, _, w)| match s {
        Span::Period(a, b) => width(&long_label(*a, *b)) < usize::from(*w),
        Span::Break(..) => true,
    });
    let step = match axis.per {
        1 | 2 => 10,
        5 | 10 => 50,
        _ => 100,
    };
    let mut free = 0u16;
    let mut after_break = true;
    // Where each label went, so the cursor's label can clear those it covers.
    let mut placed: Vec<(u16, u16)> = Vec::new();
    for (i, (s, x, w)) in axis.slots.iter().enumerate() {
        let Span::Period(a, b) = *s else {
            buf.set_stringn(
                *x,
                y,
                " ⋯ ",
                usize::from(right.saturating_sub(*x)),
                theme.dim(),
            );
            free = free.max(x + w);
            after_break = true;
            continue;
        };
        let first = std::mem::replace(&mut after_break, false);
        if *x < free || !(own || first || a.rem_euclid(step) == 0) {
            continue;
        }
        // A label stops at the next break (its mark takes those cells) or the edge.
        let limit = axis.slots[i..]
            .iter()
            .find(|(s, ..)| matches!(s, Span::Break(..)))
            .map_or(right, |(_, bx, _)| (*bx).min(right));
        let room = limit.saturating_sub(*x);
        let l = period_label(a, b, room);
        if l.is_empty() {
            continue;
        }
        buf.set_string(*x, y, &l, theme.dim());
        placed.push((*x, x + width(&l) as u16));
        free = x + width(&l) as u16 + 1;
    }
    if let Some((x, _)) = selected.and_then(|year| axis.slot_of(year)) {
        let (a, b) = axis.period_at(x).unwrap_or((0, 0));
        let l = long_label(a, b);
        // It ends before the next break's mark (or the edge), moving left if it must.
        let limit = axis
            .slots
            .iter()
            .find(|(s, bx, _)| matches!(s, Span::Break(..)) && *bx > x)
            .map_or(right, |(_, bx, _)| (*bx).min(right));
        let start = axis.slots.first().map_or(x, |s| s.1);
        let x = x.min(limit.saturating_sub(width(&l) as u16)).max(start);
        let end = x + width(&l) as u16;
        // Labels it would run into give way, whole.
        for (a, b) in placed.iter().filter(|(a, b)| *b + 1 > x && *a < end + 1) {
            let plain = ratatui::style::Style::new().remove_modifier(ratatui::style::Modifier::DIM);
            buf.set_string(*a, y, " ".repeat(usize::from(b - a)), plain);
        }
        buf.set_stringn(
            x,
            y,
            l,
            usize::from(right.saturating_sub(x)),
            theme.selected(),
        );
    }
}

/// Draws each break of `axis` as a dotted line over `rows`.
pub fn breaks(axis: &Axis, rows: std::ops::Range<u16>, buf: &mut Buffer, theme: Theme) {
    for (s, x, _) in &axis.slots {
        if matches!(s, Span::Break(..)) {
            for y in rows.clone() {
                buf.set_string(x + 1, y, "┆", theme.dim());
            }
        }
    }
}
