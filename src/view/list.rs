//! A bordered, virtualised table: only the rows on screen are ever built, so a
//! list of a million records draws as fast as one of ten. Cells that do not
//! fit their column end in "…", so a cut is never mistaken for the whole text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

use crate::app::ListState;
use crate::text::truncate;

use super::layout;
use super::theme::Theme;

/// The width of the Relation column the merged view's lists begin with:
/// its header's, and a relation id's such as "MEX-VNM".
pub const RELATION_W: usize = 8;

/// What a list shows, besides its rows.
pub struct ListSpec<'a> {
    pub title: String,
    pub header: Vec<&'a str>,
    pub widths: Vec<Constraint>,
    pub len: usize,
    pub state: ListState,
    /// Shown when there are no rows.
    pub empty: &'a str,
}

/// The text of one cell and its style.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell {
            text,
            style: Style::new(),
        }
    }
}

impl From<crate::data::Text> for Cell {
    fn from(text: crate::data::Text) -> Cell {
        Cell::from(text.as_str())
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// Cells the columns of a list `list_width` wide share: inside the borders,
/// after the selection marker, and short of the right border by one cell, so
/// no cell touches the scrollbar drawn on it (a bar of █ beside the
/// scrollbar's █ would read as one longer bar).
pub fn content_width(list_width: u16) -> u16 {
    list_width.saturating_sub(2 + 2 + 1)
}

/// The x-range of each column inside the rows area, after the selection marker.
fn columns(rows: Rect, widths: &[Constraint]) -> Vec<Rect> {
    let content = Rect::new(
        rows.x.saturating_add(2),
        rows.y,
        content_width(rows.width.saturating_add(2)),
        1,
    );
    Layout::horizontal(widths.iter().copied())
        .spacing(1)
        .flex(Flex::Start)
        .split(content)
        .to_vec()
}

/// Draws the visible rows of a list; `row(i)` builds the cells of row `i`.
pub fn render(
    spec: ListSpec<'_>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    row: impl Fn(usize) -> Vec<Cell>,
) {
    if area.width < 3 || area.height < 2 {
        return;
    }
    let position = if spec.len == 0 {
        "0/0".to_string()
    } else {
        format!("{}/{}", spec.state.selected() + 1, spec.len)
    };
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border())
        .title(Line::from(Span::styled(
            format!(" {} ", spec.title),
            theme.title(),
        )))
        .title(Line::from(format!(" {position} ")).right_aligned())
        .render(area, buf);
    let rows_area = layout::table_rows(area);
    let header_y = rows_area.y.saturating_sub(1);
    if spec.len == 0 {
        let inner = area.inner(Margin::new(2, 1));
        Line::styled(spec.empty, theme.dim()).render(inner, buf);
        return;
    }
    let cols = columns(rows_area, &spec.widths);
    if header_y > area.y && header_y < area.bottom() {
        for (c, h) in cols.iter().zip(&spec.header) {
            buf.set_stringn(
                c.x,
                header_y,
                truncate(h, usize::from(c.width)),
                usize::from(c.width),
                theme.header_row(),
            );
        }
    }
    let page = usize::from(rows_area.height);
    let first = spec.state.offset().min(spec.len.saturating_sub(1));
    let last = (first + page).min(spec.len);
    for (n, i) in (first..last).enumerate() {
        let y = rows_area.y + n as u16;
        let selected = i == spec.state.selected();
        if selected {
            buf.set_style(
                Rect::new(rows_area.x, y, rows_area.width, 1),
                theme.selected(),
            );
            buf.set_string(rows_area.x, y, "▶", theme.selected());
        }
        for (c, cell) in cols.iter().zip(row(i)) {
            let w = usize::from(c.width);
            let style = if selected {
                cell.style.patch(theme.selected())
            } else {
                cell.style
            };
            buf.set_stringn(c.x, y, truncate(&cell.text, w), w, style);
        }
    }
    if spec.len > page && rows_area.height > 0 {
        let mut sb = ScrollbarState::new(spec.len.saturating_sub(page) + 1).position(first);
        let track = Rect::new(
            area.right().saturating_sub(1),
            rows_area.y,
            1,
            rows_area.height,
        );
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(theme.title())
            .track_style(theme.dim())
            .render(track, buf, &mut sb);
    }
}
