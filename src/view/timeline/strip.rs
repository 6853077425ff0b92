//! The Timeline strip: one lane per kind of record on the year axis from the
//! first dated record to today, a mark per record (a count where several
//! share a period), undated records counted at the right, and the selected
//! row's year marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{App, Tab};
use crate::query::Kind;
use crate::query::tally::{Lane, Tally};
use crate::screen::Theme;
use crate::screen::chart::{self, Span, Strip, strip_count};
use crate::text::{fit, truncate};
use crate::view::axis;

/// A lane's name at the strip's left: the visit lanes by their direction.
fn lane_name(app: &App, lanes: &[Lane]) -> String {
    if lanes.len() > 2 {
        return "records".into();
    }
    let codes = app
        .shown_relation()
        .map(|r| (&r.countries[0], &r.countries[1]));
    match (lanes, codes) {
        ([Lane::VisitForward, Lane::VisitBackward], _) => "visits".into(),
        ([Lane::VisitForward], Some((a, b))) => format!("{a}→{b}"),
        ([Lane::VisitBackward], Some((a, b))) => format!("{b}→{a}"),
        ([Lane::VisitForward], None) => "visits →".into(),
        ([Lane::VisitBackward], None) => "visits ←".into(),
        ([Lane::Event], _) => "events".into(),
        ([Lane::Agreement], _) => "agreements".into(),
        ([Lane::Mission], _) => "missions".into(),
        _ => "trade".into(),
    }
}

fn kind_of(l: Lane) -> Kind {
    match l {
        Lane::Event => Kind::Event,
        Lane::VisitForward | Lane::VisitBackward => Kind::Visit,
        Lane::Agreement => Kind::Agreement,
        Lane::Mission => Kind::Mission,
        Lane::Trade => Kind::Trade,
    }
}

/// The mark of a single record: visits point their way, the rest are dots.
fn single_mark(t: &Tally, lanes: &[Lane], period: (i32, i32)) -> &'static str {
    let only = |l: Lane| strip_count(t, &[l], period) == 1;
    if lanes.contains(&Lane::VisitForward) && only(Lane::VisitForward) {
        "▶"
    } else if lanes.contains(&Lane::VisitBackward) && only(Lane::VisitBackward) {
        "◀"
    } else {
        "●"
    }
}

/// The year of the selected timeline row, `None` when it is undated or there is none.
fn selected_year(app: &App) -> (Option<i32>, bool) {
    let i = app.list(Tab::Timeline).selected();
    match app.rows().timeline.get(i) {
        Some(e) => (e.date.map(|d| d.year()), e.date.is_none()),
        None => (None, false),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let t = &app.rows().tally;
    let inner = chart::inner(area);
    let Some(s) = chart::strip(t, inner, app.today_year()) else {
        axis::chart_box("Records per year", area, buf, theme);
        let text = if t.timeline.is_empty() {
            "No dated records here."
        } else {
            "Too narrow for the year axis."
        };
        buf.set_stringn(
            inner.x,
            inner.y,
            text,
            usize::from(inner.width),
            theme.dim(),
        );
        return;
    };
    let per = match s.axis.per {
        1 => "year".to_string(),
        n => format!("{n} years"),
    };
    axis::chart_box(
        &format!(
            "Records per {per} · by kind · first record to {}",
            app.today_year()
        ),
        area,
        buf,
        theme,
    );
    let (sel, undated_sel) = selected_year(app);
    let sel_slot = sel.and_then(|y| s.axis.slot_of(y));
    let right = s.inner.right().saturating_sub(s.undated_w);
    for (lanes, y) in &s.rows {
        lane(app, t, &s, lanes, *y, sel_slot, undated_sel, buf, theme);
    }
    let first_y = s.rows.first().map_or(s.axis_y, |r| r.1);
    axis::breaks(&s.axis, first_y..s.axis_y, buf, theme);
    axis::labels(&s.axis, s.axis_y, right, sel, buf, theme);
    if let Some(y) = s.legend_y {
        let w = usize::from(s.inner.width);
        let cursor = match (sel, undated_sel) {
            (Some(y), _) => format!("│ {y} · "),
            (None, true) => "selected row undated · ".into(),
            _ => String::new(),
        };
        let breaks = if s.axis.has_break() {
            " · ⋯ skipped"
        } else {
            ""
        };
        let legend = format!("{cursor}● a record, ▶◀ a visit each way · 2+ a count{breaks}");
        buf.set_stringn(s.inner.x, y, truncate(&legend, w), w, theme.dim());
    }
}

/// One row of the strip: its name, a mark or count per period, the undated count.
#[allow(clippy::too_many_arguments)]
fn lane(
    app: &App,
    t: &Tally,
    s: &Strip,
    lanes: &[Lane],
    y: u16,
    sel_slot: Option<(u16, u16)>,
    undated_sel: bool,
    buf: &mut Buffer,
    theme: Theme,
) {
    let name_style = match lanes {
        [l] => theme.kind(kind_of(*l)),
        _ => theme.label(),
    };
    let name = fit(&lane_name(app, lanes), usize::from(s.label_w - 1));
    buf.set_string(s.inner.x, y, name, name_style);
    let mark_style: Style = match lanes {
        [l] => theme.kind(kind_of(*l)),
        _ => theme.base(),
    };
    for (span, x, w) in &s.axis.slots {
        let Span::Period(a, b) = *span else { continue };
        let selected = sel_slot.is_some_and(|(sx, _)| sx == *x);
        let n = strip_count(t, lanes, (a, b));
        let text = match n {
            0 if selected => "│".to_string(),
            0 => continue,
            1 => single_mark(t, lanes, (a, b)).to_string(),
            n => n.to_string(),
        };
        let style = match (n, selected) {
            (0, _) => theme.dim(),
            (_, true) => theme.selected(),
            _ => mark_style,
        };
        buf.set_stringn(*x, y, text, usize::from(*w), style);
    }
    let undated: u32 = lanes.iter().map(|l| t.timeline_undated[l.index()]).sum();
    if undated > 0 && s.undated_w > 0 {
        let x = s.inner.right() - s.undated_w + 1;
        let style = if undated_sel {
            theme.selected()
        } else {
            theme.dim()
        };
        buf.set_stringn(
            x,
            y,
            format!("+{undated} n.d."),
            usize::from(s.undated_w - 1),
            style,
        );
    }
}
