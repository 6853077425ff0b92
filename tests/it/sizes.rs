//! Every size from 60×15 to 200×60, on every tab: nothing overlaps, every
//! chart draws one bar per figure, and with eight rows or more for the chart
//! the largest figure's bar is taller than the smallest's, in log and in
//! linear scale. Read off the drawn screen, not off the layout's arithmetic.

use bilateral::app::{Action, App, Tab};
use bilateral::cli::render::draw;
use bilateral::data::Qualifier;
use bilateral::screen::layout;
use crossterm::event::KeyCode;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::common::{app, keys, press};

const MIN: (u16, u16) = (60, 15);
const MAX: (u16, u16) = (200, 60);

/// Every width at the heights where layouts change, and every height at the
/// widths where they change; proptest samples the rest.
fn sizes() -> Vec<(u16, u16)> {
    let heights = [15, 16, 19, 20, 21, 24, 40, 60];
    let widths = [60, 79, 80, 99, 100, 101, 200];
    let mut v: Vec<(u16, u16)> = heights
        .iter()
        .flat_map(|&h| (MIN.0..=MAX.0).map(move |w| (w, h)))
        .chain(
            widths
                .iter()
                .flat_map(|&w| (MIN.1..=MAX.1).map(move |h| (w, h))),
        )
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A screen to check: the scope reached with `scope` presses of `]`, a tab,
/// and for Trade whether the scale was toggled from its default.
struct Case {
    scope: usize,
    tab: Tab,
    toggled: bool,
    app: App,
}

fn cases() -> Vec<Case> {
    let mut v = Vec::new();
    for scope in 0..3 {
        for tab in Tab::ALL {
            for toggled in [false, true] {
                if toggled && tab != Tab::Trade {
                    continue;
                }
                let mut a = app(MIN.0, MIN.1);
                keys(&mut a, &"]".repeat(scope));
                press(&mut a, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
                if toggled {
                    press(&mut a, KeyCode::Char('L'));
                }
                v.push(Case {
                    scope,
                    tab,
                    toggled,
                    app: a,
                });
            }
        }
    }
    v
}

fn cell(buf: &Buffer, x: u16, y: u16) -> &str {
    buf[(x, y)].symbol()
}

fn is_bar(s: &str) -> bool {
    s == "█" || s == "░"
}

/// A bordered box drawn whole at `r`: its corners, and its left and right
/// borders on every row (the right one may carry a scrollbar).
fn assert_box(buf: &Buffer, r: Rect, what: &str, context: &str) {
    let corners = [
        (r.x, r.y, "╭"),
        (r.right() - 1, r.y, "╮"),
        (r.x, r.bottom() - 1, "╰"),
        (r.right() - 1, r.bottom() - 1, "╯"),
    ];
    for (x, y, c) in corners {
        assert_eq!(
            cell(buf, x, y),
            c,
            "{context}: {what} {r:?} corner at {x},{y}"
        );
    }
    for y in r.y + 1..r.bottom() - 1 {
        assert_eq!(
            cell(buf, r.x, y),
            "│",
            "{context}: {what} left border at row {y}"
        );
        let right = cell(buf, r.right() - 1, y);
        assert!(
            matches!(right, "│" | "║" | "█"),
            "{context}: {what} right border at row {y} is {right:?}"
        );
    }
}

/// The bars of a bar chart drawn in `chart`: their heights, left to right.
/// Bars stand on one baseline, the lowest row where the first slot (at the
/// chart's left edge) has bar cells; every run of bar cells on it is a bar.
fn bar_heights(buf: &Buffer, chart: Rect) -> Vec<u16> {
    let inner = layout::bordered_inner(chart);
    let Some(base) = (inner.y..inner.bottom())
        .rev()
        .find(|&y| is_bar(cell(buf, inner.x, y)) && is_bar(cell(buf, inner.x + 1, y)))
    else {
        return Vec::new();
    };
    let mut heights = Vec::new();
    let mut x = inner.x;
    while x < inner.right() {
        if is_bar(cell(buf, x, base)) {
            let h = (inner.y..=base)
                .rev()
                .take_while(|&y| is_bar(cell(buf, x, y)))
                .count() as u16;
            heights.push(h);
            while x < inner.right() && is_bar(cell(buf, x, base)) {
                x += 1;
            }
        } else {
            x += 1;
        }
    }
    heights
}

/// The figure a year's bar shows, one per year (a stated figure over a
/// derived one), in year order.
fn figures_by_year(a: &App) -> Vec<f64> {
    let rel = a.shown_relation().expect("one relation");
    let mut by_year: Vec<(i32, bool, f64)> = bilateral::query::trade::two_way(rel)
        .iter()
        .map(|f| {
            (
                f.year,
                f.amount.qualifier == Qualifier::Derived,
                f.amount.value,
            )
        })
        .collect();
    by_year.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
    by_year.dedup_by_key(|f| f.0);
    by_year.into_iter().map(|f| f.2).collect()
}

/// The text of screen row `y` from `x`, `w` cells wide.
fn text_at(buf: &Buffer, x: u16, y: u16, w: u16) -> String {
    (x..x + w).map(|x| cell(buf, x, y)).collect()
}

/// Every mission row on screen whose dates are stated has its bar.
fn check_mission_bars(a: &App, buf: &Buffer, list: Rect, context: &str) {
    let rows = layout::table_rows(list);
    let state = a.list(Tab::Missions);
    let shown = a
        .rows()
        .missions
        .iter()
        .skip(state.offset())
        .take(usize::from(rows.height));
    for (n, r) in shown.enumerate() {
        let Some((_, bilateral::query::Record::Mission(m))) = r.resolve(a.ds()) else {
            continue;
        };
        // The row less the border's column, where a scrollbar may be.
        let text = text_at(buf, rows.x, rows.y + n as u16, rows.width - 1);
        if m.opened.is_some() {
            assert!(text.contains('█'), "{context}: no bar on {text:?}");
        } else {
            assert!(
                text.contains("dates not stated") || text.contains("no dates"),
                "{context}: an undated mission does not say so whole: {text:?}"
            );
        }
    }
}

/// Every relation with figures has its row on the compare chart.
fn check_compare_rows(a: &App, buf: &Buffer, chart: Rect, context: &str) {
    let inner = layout::bordered_inner(chart);
    let lines: Vec<String> = (inner.y..inner.bottom())
        .map(|y| text_at(buf, inner.x, y, inner.width))
        .collect();
    for &r in &a.compare().order {
        let rel = &a.ds().relations[r];
        let name = |i: usize| a.ds().country_name(&rel.countries[i]);
        // By its countries: at the start of its sparkline row, or in the grouped bars' legend.
        let id = format!("{}–{}", name(0), name(1));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&id) || l.contains(&format!(" {id}"))),
            "{context}: {id} has no row on the compare chart"
        );
    }
}

fn check(c: &mut Case, (w, h): (u16, u16)) {
    c.app.update(Action::Resize(w, h));
    let a = &c.app;
    let context = format!(
        "{w}x{h} scope {} {:?}{}",
        c.scope,
        c.tab,
        if c.toggled { " scale toggled" } else { "" }
    );
    let buf = draw(a);
    let frame = layout::frame(a.area());
    let all = a.relation().is_none();
    let body = layout::body(frame.body, c.tab, all);
    // The frame's own rows are intact.
    assert_eq!(cell(&buf, 1, 0), "b", "{context}: the header");
    // The parts of the body are apart, inside it, and drawn whole.
    let mut boxes = vec![("list", body.list), ("detail", body.detail)];
    if c.tab == Tab::Trade {
        boxes.extend(body.top.map(|t| ("chart", t)));
    }
    boxes.extend(body.side.map(|s| ("side panel", s)));
    let parts: Vec<Rect> = [Some(body.list), Some(body.detail), body.top, body.side]
        .into_iter()
        .flatten()
        .filter(|r| r.area() > 0)
        .collect();
    for (i, p) in parts.iter().enumerate() {
        assert_eq!(
            frame.body.union(*p),
            frame.body,
            "{context}: {p:?} outside the body"
        );
        for q in &parts[i + 1..] {
            assert_eq!(
                p.intersection(*q).area(),
                0,
                "{context}: {p:?} overlaps {q:?}"
            );
        }
    }
    for (what, r) in boxes
        .into_iter()
        .filter(|(_, r)| r.height >= 2 && r.width >= 3)
    {
        assert_box(&buf, r, what, &context);
    }
    if c.tab == Tab::Missions {
        check_mission_bars(a, &buf, body.list, &context);
    }
    if c.tab == Tab::Trade && a.comparing() {
        let chart = body.top.unwrap_or_else(|| panic!("{context}: no chart"));
        check_compare_rows(a, &buf, chart, &context);
    }
    if c.tab == Tab::Trade && !a.comparing() {
        let chart = body.top.unwrap_or_else(|| panic!("{context}: no chart"));
        let bars = bar_heights(&buf, chart);
        let values = figures_by_year(a);
        assert_eq!(
            bars.len(),
            values.len(),
            "{context}: one bar per year's figure"
        );
        if chart.height >= 8 && values.len() > 1 {
            let at = |pick: fn(f64, f64) -> bool| {
                let i = (0..values.len())
                    .reduce(|b, i| if pick(values[i], values[b]) { i } else { b })
                    .unwrap_or(0);
                bars[i]
            };
            let (largest, smallest) = (at(|x, y| x > y), at(|x, y| x < y));
            assert!(
                largest > smallest,
                "{context}: the largest figure's bar ({largest} rows) is not taller than the smallest's ({smallest})"
            );
        }
    }
}

/// Checks every tab at `size`, in one of the three scopes (taking turns
/// from one size to the next, so each scope meets every kind of size).
fn check_size(cases: &mut [Case], (w, h): (u16, u16)) {
    let scope = usize::from(w + h) % 3;
    for c in cases.iter_mut().filter(|c| c.scope == scope) {
        check(c, (w, h));
    }
}

#[test]
fn at_every_size_nothing_overlaps_and_every_figure_has_its_bar() {
    let mut cases = cases();
    for size in sizes() {
        check_size(&mut cases, size);
    }
}

thread_local! {
    static CASES: std::cell::RefCell<Vec<Case>> = std::cell::RefCell::new(cases());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn at_any_size_between_nothing_overlaps(w in MIN.0..=MAX.0, h in MIN.1..=MAX.1) {
        CASES.with_borrow_mut(|cases| check_size(cases, (w, h)));
    }
}
