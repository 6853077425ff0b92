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

/// How the body of `tab` is split. `all` is the merged view of every relation.
pub fn body(area: Rect, tab: Tab, all: bool) -> Body {
    let wide = area.width >= WIDE;
    let top_rows = |share_num: u16, share_den: u16, max: u16| -> u16 {
        (area.height * share_num / share_den.max(1)).min(max)
    };
    let top_h = match tab {
        Tab::Overview if !all => {
            if wide {
                top_rows(1, 2, 11)
            } else {
                top_rows(2, 5, 8)
            }
        }
        Tab::Trade => {
            if wide {
                top_rows(1, 2, 20)
            } else {
                top_rows(2, 5, 14)
            }
        }
        _ => 0,
    };
    if wide {
        let detail_w = (area.width * 2 / 5).max(36).min(area.width);
        let left_w = area.width - detail_w;
        let left = Rect::new(area.x, area.y, left_w, area.height);
        let detail = Rect::new(area.x + left_w, area.y, detail_w, area.height);
        let (top, rest) = split_top(left, top_h);
        let (list, side) = if tab == Tab::Trade && rest.width >= 70 {
            let side_w = rest.width * 2 / 5;
            (
                Rect::new(rest.x, rest.y, rest.width - side_w, rest.height),
                Some(Rect::new(
                    rest.x + rest.width - side_w,
                    rest.y,
                    side_w,
                    rest.height,
                )),
            )
        } else {
            (rest, None)
        };
        Body {
            top,
            list,
            detail,
            side,
        }
    } else if tab == Tab::Trade && area.height < 16 {
        // Short and narrow: the chart's read-out stands in for the detail pane
        // (Enter still opens the record in full), so the bars get the room.
        let list_h = 5.min(area.height);
        let top_h = area.height - list_h;
        let (top, list) = split_top(Rect::new(area.x, area.y, area.width, area.height), top_h);
        Body {
            top,
            list,
            detail: Rect::new(area.x, area.bottom(), area.width, 0),
            side: None,
        }
    } else {
        let detail_h = (area.height * 2 / 5).clamp(3.min(area.height), 12);
        let upper = Rect::new(area.x, area.y, area.width, area.height - detail_h);
        let detail = Rect::new(area.x, area.y + upper.height, area.width, detail_h);
        let (top, list) = split_top(upper, top_h);
        Body {
            top,
            list,
            detail,
            side: None,
        }
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

    #[test]
    fn narrow_terminals_stack_the_detail_below() {
        let b = body(Rect::new(0, 2, 60, 12), Tab::Visits, false);
        assert!(b.detail.y > b.list.y);
        assert_eq!(b.detail.x, b.list.x);
        let b = body(Rect::new(0, 2, 120, 37), Tab::Visits, false);
        assert!(b.detail.x > b.list.x);
    }
}
