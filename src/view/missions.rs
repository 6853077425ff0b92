//! Missions tab: every embassy and consulate, its open periods as bars on one
//! shared year axis, and where it stands today.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};

use crate::app::{App, Tab};
use crate::data::{Mission, MissionStatus};
use crate::query::Record;

use super::list::{self, Cell, ListSpec, RELATION_W};
use super::{detail, layout};

/// The fewest cells the open-period bars are drawn in.
const MIN_BAR: usize = 12;

/// The years a mission was open: from opening to closing, and from reopening to `today`.
/// An unknown opening date gives no period (it is said in words instead).
pub fn open_periods(m: &Mission, today: i32) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    if let Some(o) = m.opened {
        let end = m.closed.map_or(today, |c| c.year());
        out.push((o.year(), end));
    }
    if let Some(r) = m.reopened {
        out.push((r.year(), today));
    }
    out
}

/// The shared axis: from the earliest date among the missions (or the
/// relation's establishment) to `today`.
pub fn axis(app: &App) -> (i32, i32) {
    let today = app.today_year();
    (app.rows().missions_from.unwrap_or(today).min(today), today)
}

/// One character per slice of the axis: █ open, · closed after having opened, space before.
pub fn bar(periods: &[(i32, i32)], (start, end): (i32, i32), width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let span = (end - start + 1).max(1) as f64;
    let first_open = periods.iter().map(|p| p.0).min();
    (0..width)
        .map(|c| {
            let y0 = start + (c as f64 * span / width as f64).floor() as i32;
            let y1 = (start + ((c + 1) as f64 * span / width as f64).ceil() as i32 - 1).max(y0);
            let open = periods.iter().any(|(a, b)| *a <= y1 && y0 <= *b);
            match (open, first_open) {
                (true, _) => '█',
                (false, Some(f)) if y0 > f => '·',
                _ => ' ',
            }
        })
        .collect()
}

/// The axis labels for a bar column of `width`: start year left, end year right, one between.
pub fn axis_labels((start, end): (i32, i32), width: usize) -> String {
    let mut s = vec![' '; width];
    let mut put = |at: usize, text: &str| {
        for (i, ch) in text.chars().enumerate() {
            if let Some(slot) = s.get_mut(at + i) {
                *slot = ch;
            }
        }
    };
    let (a, b) = (start.to_string(), end.to_string());
    if width > a.len() + b.len() {
        put(0, &a);
        put(width - b.len(), &b);
        let mid = (start + end) / 2;
        let m = mid.to_string();
        if width >= a.len() + b.len() + m.len() + 4 && mid != start && mid != end {
            let at = ((mid - start) as f64 / (end - start).max(1) as f64 * width as f64) as usize;
            let at = at
                .saturating_sub(m.len() / 2)
                .clamp(a.len() + 1, width - b.len() - m.len() - 1);
            put(at, &m);
        }
    } else if width >= a.len() {
        put(0, &a);
    }
    s.into_iter().collect()
}

fn status_word(m: &Mission) -> &'static str {
    match m.status() {
        MissionStatus::Open => "open",
        MissionStatus::Closed => "closed",
        MissionStatus::Honorary => "honorary",
        MissionStatus::Accredited => "accredited",
    }
}

/// A mission without its city, for the list's Mission column:
/// "Mexico's honorary consulate", "Mexico, accredited from Iran".
pub fn short_name(app: &App, m: &Mission) -> String {
    let sender = app.ds().country_name(&m.sending);
    match (m.kind, m.accredited_from.as_deref()) {
        (crate::data::MissionKind::AccreditedFrom, Some(third)) => {
            format!("{sender}, accredited from {}", app.ds().country_name(third))
        }
        (kind, _) => format!("{sender}'s {}", kind.label()),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let body = layout::body(area, Tab::Missions, app.relation().is_none());
    let content_w = usize::from(list::content_width(body.list.width));
    // In the merged view each row says its relation.
    let show_rel = app.relation().is_none();
    let rel_w = if show_rel { RELATION_W + 1 } else { 0 };
    let mut city_w = if content_w >= 80 { 12 } else { 11 };
    let mut name_w = if content_w >= 100 {
        30
    } else if content_w >= 66 {
        26
    } else {
        16
    };
    let mut status_w = 10;
    // The bars keep a dozen cells: the mission's name gives up cells first,
    // then its status ("accredited" is the one word that gets cut).
    let fixed = |c: usize, n: usize, s: usize| c + n + s + 3 + rel_w;
    let mut short =
        MIN_BAR.saturating_sub(content_w.saturating_sub(fixed(city_w, name_w, status_w)));
    for (w, least) in [(&mut name_w, 12), (&mut status_w, 8), (&mut city_w, 9)] {
        let give = short.min(w.saturating_sub(least));
        *w -= give;
        short -= give;
    }
    let bar_w = content_w.saturating_sub(fixed(city_w, name_w, status_w));
    // In the bars' column, said whole.
    let undated = if bar_w >= 16 {
        "dates not stated"
    } else {
        "no dates"
    };
    let ax = axis(app);
    let rows = &app.rows().missions;
    let labels = axis_labels(ax, bar_w);
    let mut header = vec!["City", "Mission", "Status", labels.as_str()];
    let mut widths = vec![
        Constraint::Length(city_w as u16),
        Constraint::Length(name_w as u16),
        Constraint::Length(status_w as u16),
        Constraint::Length(bar_w as u16),
    ];
    if show_rel {
        header.insert(0, "Relation");
        widths.insert(0, Constraint::Length(RELATION_W as u16));
    }
    let spec = ListSpec {
        title: format!("Missions · open periods {}–{}", ax.0, ax.1),
        header,
        widths,
        len: rows.len(),
        state: app.list(Tab::Missions),
        empty: "No missions recorded.",
    };
    list::render(spec, body.list, buf, theme, |i| {
        let Some((rel, Record::Mission(m))) = rows.get(i).and_then(|r| r.resolve(app.ds())) else {
            return Vec::new();
        };
        let periods = open_periods(m, app.today_year());
        let bar_cell = if periods.is_empty() {
            Cell::styled(undated, theme.dim())
        } else {
            Cell::styled(bar(&periods, ax, bar_w), theme.bar())
        };
        let city = match &m.city {
            Some(c) => Cell::from(c.as_str()),
            None => Cell::styled("not stated", theme.dim()),
        };
        let mut cells = vec![
            city,
            Cell::from(short_name(app, m)),
            Cell::from(status_word(m)),
            bar_cell,
        ];
        if show_rel {
            cells.insert(0, Cell::from(rel.id.clone()));
        }
        cells
    });
    detail::render(app, body.detail, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_show_open_closed_and_reopened_years() {
        // Opened 1976, closed 1980, reopened 2000, on a 1975–2024 axis of 50 columns.
        let b = bar(&[(1976, 1980), (2000, 2024)], (1975, 2024), 50);
        assert_eq!(b.chars().count(), 50);
        assert_eq!(b.chars().next(), Some(' '));
        assert_eq!(b.chars().nth(1), Some('█'));
        assert_eq!(b.chars().nth(10), Some('·'));
        assert_eq!(b.chars().nth(30), Some('█'));
    }

    #[test]
    fn labels_fit_their_width() {
        assert_eq!(axis_labels((1974, 2026), 10), "1974  2026");
        assert_eq!(axis_labels((1974, 2026), 3).chars().count(), 3);
        assert!(axis_labels((1974, 2026), 30).contains("2000"));
    }
}
