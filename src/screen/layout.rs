//! Where everything goes on screen, as pure functions of the terminal size.
//! Both drawing and state updates (page sizes, mouse hit-testing) use them,
//! so a click lands on what was drawn.

use ratatui::layout::Rect;

use super::Tab;

/// The smallest terminal the full layout fits in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;
/// From this width the detail pane sits beside the list instead of below it.
pub const WIDE: u16 = 100;

/// The frame's fixed rows and the body between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub footer: Rect,
}

/// The body of a tab: an optional top panel (overview card, trade chart),
/// the selectable list, and the detail pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body {
    pub top: Option<Rect>,
    pub list: Rect,
    pub detail: Rect,
    /// A side panel beside the list (trade composition), when there is room.
    pub side: Option<Rect>,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn frame(area: Rect) -> Frame {
    let row = |y: u16, h: u16| Rect::new(area.x, area.y.saturating_add(y), area.width, h);
    let body_h = area.height.saturating_sub(3);
    Frame {
        header: row(0, 1.min(area.height)),
        tabs: row(1, 1.min(area.height.saturating_sub(1))),
        body: row(2, body_h),
        footer: row(area.height.saturating_sub(1), 1.min(area.height)),
    }
}

/// The rows a chart drawn above a list asks of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartRows {
    /// The fewest rows (borders included) in which the chart still draws its
    /// bars in proportion, with its legend and read-out. The chart gets these
    /// before the list and the detail pane get any.
    pub min: u16,
    /// The most it uses well; rows past this go to the list and the detail pane.
    pub max: u16,
}

/// The Trade chart: bars of two rows at least (so a figure 80× another is
/// taller), their labels, the year axis, the read-out and the legend, inside
/// borders; up to a height where more rows add little.
pub const TRADE_CHART: ChartRows = ChartRows { min: 8, max: 14 };
/// The Trade chart beside a detail pane, where it does not compete with it.
pub const TRADE_CHART_WIDE: ChartRows = ChartRows { min: 8, max: 20 };

/// The Timeline strip: a lane per kind of record (six), the year axis and the
/// legend; at the least one row counting every record, the axis and the legend.
pub const TIMELINE_STRIP: ChartRows = ChartRows { min: 6, max: 10 };
/// The Visits chart: counts over bars of two rows at least, the period axis,
/// the legend and a line of offices (or the offices beside it).
pub const VISITS_CHART: ChartRows = ChartRows { min: 7, max: 12 };
/// The Agreements chart: status and area bars, signings on the year axis and
/// the undated count.
pub const AGREEMENTS_CHART: ChartRows = ChartRows { min: 7, max: 12 };

/// A list below a chart keeps its borders, its header and three rows when it can…
pub const LIST_ROWS: u16 = 6;
/// …and one row when it cannot.
const LIST_ROWS_LEAST: u16 = 4;
/// A detail pane below the list is drawn only with this many rows: fewer show
/// too little of a record to be worth the list's rows (Enter opens it in full).
pub const DETAIL_ROWS: u16 = 6;

/// Splits a body into a chart, a list and a detail pane, chart first.
///
/// The chart gets `chart.min` rows before anything else, then up to
/// `chart.max` while the list keeps [`LIST_ROWS`]. From [`WIDE`] columns the
/// detail pane sits beside chart and list at full height; below that it sits
/// under the list and yields first: it is drawn only when [`DETAIL_ROWS`] are
/// left over (the chart's read-out and Enter show the record then). With no
/// room for the chart and a one-row list, there is no chart.
pub fn chart_first(area: Rect, chart: ChartRows) -> Body {
    let wide = area.width >= WIDE;
    let (left, detail) = if wide {
        let (left, detail) = split_detail_beside(area);
        (left, Some(detail))
    } else {
        (area, None)
    };
    let h = left.height;
    if h < chart.min + LIST_ROWS_LEAST {
        let (list, detail) = match detail {
            Some(d) => (left, d),
            None => split_detail_below(left),
        };
        return Body {
            top: None,
            list,
            detail,
            side: None,
        };
    }
    let chart_h = h
        .saturating_sub(LIST_ROWS)
        .clamp(chart.min, chart.max.max(chart.min));
    let (top, rest) = split_top(left, chart_h);
    let (list, detail) = match detail {
        Some(d) => (rest, d),
        None => {
            // What the list can spare beyond its own rows, up to the usual pane.
            let spare = rest.height.saturating_sub(LIST_ROWS);
            let detail_h = (rest.height / 2).min(12).min(spare);
            if detail_h >= DETAIL_ROWS {
                split_bottom(rest, detail_h)
            } else {
                (rest, Rect::new(rest.x, rest.bottom(), rest.width, 0))
            }
        }
    };
    Body {
        top,
        list,
        detail,
        side: None,
    }
}

/// The body's left part and the detail pane beside it, two fifths wide.
fn split_detail_beside(area: Rect) -> (Rect, Rect) {
    let detail_w = (area.width * 2 / 5).max(36).min(area.width);
    let left_w = area.width - detail_w;
    (
        Rect::new(area.x, area.y, left_w, area.height),
        Rect::new(area.x + left_w, area.y, detail_w, area.height),
    )
}

/// The body and the detail pane below it, two fifths high (3 to 12 rows).
fn split_detail_below(area: Rect) -> (Rect, Rect) {
    let detail_h = (area.height * 2 / 5).clamp(3.min(area.height), 12);
    split_bottom(area, detail_h)
}

/// `area` less its last `h` rows, and those rows.
fn split_bottom(area: Rect, h: u16) -> (Rect, Rect) {
    let h = h.min(area.height);
    let upper = Rect::new(area.x, area.y, area.width, area.height - h);
    (
        upper,
        Rect::new(area.x, area.y + upper.height, area.width, h),
    )
}

/// How the body of `tab` is split. `all` is the merged view of every relation.
pub fn body(area: Rect, tab: Tab, all: bool) -> Body {
    let wide = area.width >= WIDE;
    if tab == Tab::Trade {
        let mut b = chart_first(area, if wide { TRADE_CHART_WIDE } else { TRADE_CHART });
        // Beside the figures, what each country sells the other, when there is room.
        if wide && b.list.width >= 70 {
            let side_w = b.list.width * 2 / 5;
            let l = b.list;
            b.list = Rect::new(l.x, l.y, l.width - side_w, l.height);
            b.side = Some(Rect::new(l.x + l.width - side_w, l.y, side_w, l.height));
        }
        return b;
    }
    let chart = match tab {
        Tab::Timeline => Some(TIMELINE_STRIP),
        Tab::Visits => Some(VISITS_CHART),
        Tab::Agreements => Some(AGREEMENTS_CHART),
        _ => None,
    };
    if let Some(rows) = chart {
        return chart_first(area, rows);
    }
    // The Overview card: a few lines of facts above the list.
    let card_h = match tab {
        Tab::Overview if !all && wide => (area.height / 2).min(11),
        Tab::Overview if !all => (area.height * 2 / 5).min(8),
        // Over all relations: their visits and agreements in a few lines.
        Tab::Overview if wide => 4,
        Tab::Overview => (area.height * 2 / 5).min(2),
        _ => 0,
    };
    let (left, detail) = if wide {
        split_detail_beside(area)
    } else {
        split_detail_below(area)
    };
    let (top, list) = split_top(left, card_h);
    Body {
        top,
        list,
        detail,
        side: None,
    }
}

fn split_top(area: Rect, top_h: u16) -> (Option<Rect>, Rect) {
    if top_h == 0 || area.height <= top_h {
        return (None, area);
    }
    let top = Rect::new(area.x, area.y, area.width, top_h);
    let rest = Rect::new(area.x, area.y + top_h, area.width, area.height - top_h);
    (Some(top), rest)
}

/// The rows area of a bordered table with one header row.
pub fn table_rows(list: Rect) -> Rect {
    let inner = Rect::new(
        list.x.saturating_add(1),
        list.y.saturating_add(2),
        list.width.saturating_sub(2),
        list.height.saturating_sub(3),
    );
    if list.height < 3 {
        Rect::new(inner.x, inner.y, inner.width, 0)
    } else {
        inner
    }
}

/// The x-ranges of the tab titles on the tab row, for drawing and for clicks.
pub fn tab_spans(tabs: Rect) -> Vec<(Tab, u16, u16)> {
    let mut x = tabs.x.saturating_add(1);
    let mut out = Vec::new();
    for (i, t) in Tab::ALL.iter().enumerate() {
        let w = tab_label(i, *t, tabs.width).chars().count() as u16;
        out.push((*t, x, x.saturating_add(w)));
        x = x.saturating_add(w + 1);
    }
    out
}

/// " 1 Overview ", as the tab row writes it; without the number when the row is
/// too narrow for all six with numbers (the footer still says "1–6 tabs").
pub fn tab_label(i: usize, t: Tab, row_width: u16) -> String {
    if row_width >= 72 {
        format!(" {} {} ", i + 1, t.title())
    } else {
        format!(" {}", t.title())
    }
}

/// Centred overlay area: `pct` of the frame, at least `min` cells where possible.
pub fn overlay(area: Rect, pct_w: u16, pct_h: u16, min_w: u16, min_h: u16) -> Rect {
    let w = (area.width * pct_w / 100).max(min_w).min(area.width);
    let h = (area.height * pct_h / 100).max(min_h).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Rows of `tab`'s list visible at once in a terminal of `area`, at least one.
pub fn list_page(area: Rect, tab: Tab, all: bool) -> usize {
    let b = body(frame(area).body, tab, all);
    usize::from(table_rows(b.list).height).max(1)
}

/// The inside of a box drawn with a border on every side, as ratatui's
/// `Block::bordered().inner` computes it.
pub fn bordered_inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1).min(r.right()),
        r.y.saturating_add(1).min(r.bottom()),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The help, sources and record overlays' box.
pub fn text_overlay(area: Rect) -> Rect {
    overlay(area, 80, 80, 56, 13)
}

/// Lines of text a text overlay shows at once, and how wide they are.
pub fn text_overlay_size(area: Rect) -> (usize, usize) {
    let inner = bordered_inner(text_overlay(area));
    (usize::from(inner.height), usize::from(inner.width))
}

/// The relation picker's box.
pub fn picker(area: Rect) -> Rect {
    overlay(area, 60, 70, 50, 12)
}

/// The export prompt's box: a name and a line about it, in a border.
pub fn export_prompt(area: Rect) -> Rect {
    let w = (area.width * 70 / 100).clamp(40.min(area.width), 72.min(area.width));
    let h = 4.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The search overlay's box.
pub fn search(area: Rect) -> Rect {
    overlay(area, 90, 85, 56, 13)
}

/// The search overlay's hit list and the preview of the selected hit:
/// beside the list on wide boxes, below it on narrow ones, none when short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchParts {
    pub list: Rect,
    pub preview: Option<Rect>,
    /// The preview sits beside the list (else below it).
    pub beside: bool,
}

/// From this inner width the search preview sits beside the list.
const SEARCH_SIDE_BY_SIDE: u16 = 100;

/// The parts of the search overlay in a terminal of `area`.
pub fn search_parts(area: Rect) -> SearchParts {
    let body = overlay_list(search(area));
    if body.width >= SEARCH_SIDE_BY_SIDE {
        let list_w = body.width * 16 / 25;
        SearchParts {
            list: Rect::new(body.x, body.y, list_w, body.height),
            preview: Some(Rect::new(
                body.x + list_w,
                body.y,
                body.width - list_w,
                body.height,
            )),
            beside: true,
        }
    } else if body.height >= 8 {
        let list_h = body.height / 2;
        SearchParts {
            list: Rect::new(body.x, body.y, body.width, list_h),
            preview: Some(Rect::new(
                body.x,
                body.y + list_h,
                body.width,
                body.height - list_h,
            )),
            beside: false,
        }
    } else {
        SearchParts {
            list: body,
            preview: None,
            beside: false,
        }
    }
}

/// The rows of an overlay's list: inside the box, below the input line and
/// the line under it.
pub fn overlay_list(overlay_box: Rect) -> Rect {
    let inner = bordered_inner(overlay_box);
    let y = inner.y.saturating_add(2).min(inner.bottom());
    Rect::new(inner.x, y, inner.width, inner.bottom() - y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_parts_stay_inside_the_body() {
        for (w, h) in [
            (60, 12),
            (120, 37),
            (200, 57),
            (99, 20),
            (100, 20),
            (300, 97),
        ] {
            let area = Rect::new(0, 2, w, h);
            for tab in Tab::ALL {
                for all in [false, true] {
                    let b = body(area, tab, all);
                    for r in [Some(b.list), Some(b.detail), b.top, b.side]
                        .into_iter()
                        .flatten()
                    {
                        assert!(
                            area.contains(r.as_position()) || r.area() == 0,
                            "{w}x{h} {tab:?}"
                        );
                        assert!(r.right() <= area.right() && r.bottom() <= area.bottom());
                    }
                }
            }
        }
    }

    fn disjoint(a: Rect, b: Rect) -> bool {
        a.area() == 0 || b.area() == 0 || a.intersection(b).area() == 0
    }

    #[test]
    fn the_chart_gets_its_rows_before_the_list_and_the_detail_pane() {
        let need = ChartRows { min: 8, max: 14 };
        for h in 12..=60 {
            for w in [60, 80, 99, 100, 200] {
                let area = Rect::new(0, 2, w, h);
                let b = chart_first(area, need);
                let top = b.top.expect("a chart from 12 rows up");
                assert!(top.height >= need.min && top.height <= need.max, "{w}x{h}");
                let parts = [top, b.list, b.detail];
                for (i, p) in parts.iter().enumerate() {
                    assert!(area.union(*p) == area || p.area() == 0, "{w}x{h}");
                    for q in &parts[i + 1..] {
                        assert!(disjoint(*p, *q), "{w}x{h}: {p:?} {q:?}");
                    }
                }
                assert!(b.list.height >= 4, "{w}x{h}: the list keeps a row");
                if w < WIDE && b.detail.height > 0 {
                    // The detail pane below only takes what the chart and list leave.
                    assert_eq!(top.height, need.max, "{w}x{h}");
                    assert!(b.detail.height >= DETAIL_ROWS, "{w}x{h}");
                }
            }
        }
    }

    #[test]
    fn at_80x24_the_trade_chart_has_rows_and_the_detail_pane_yields() {
        let b = body(frame(Rect::new(0, 0, 80, 24)).body, Tab::Trade, false);
        assert_eq!(b.top.map(|t| t.height), Some(TRADE_CHART.max));
        assert_eq!(b.detail.height, 0);
        let b = body(frame(Rect::new(0, 0, 80, 40)).body, Tab::Trade, false);
        assert!(b.detail.height >= DETAIL_ROWS, "tall enough for both");
        let b = body(frame(Rect::new(0, 0, 60, 15)).body, Tab::Trade, false);
        assert_eq!(b.top.map(|t| t.height), Some(TRADE_CHART.min));
    }

    #[test]
    fn narrow_terminals_stack_the_detail_below() {
        let b = body(Rect::new(0, 2, 60, 12), Tab::Visits, false);
        assert!(b.detail.y > b.list.y);
        assert_eq!(b.detail.x, b.list.x);
        let b = body(Rect::new(0, 2, 120, 37), Tab::Visits, false);
        assert!(b.detail.x > b.list.x);
    }
}
