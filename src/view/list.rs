//! A bordered, virtualised table: only the rows on screen are ever built, so a
//! list of a million records draws as fast as one of ten.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Cell, Row, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Table, TableState, Widget,
};

use crate::app::Cursor;

use super::layout;
use super::theme::Theme;

/// What a list shows, besides its rows.
pub struct ListSpec<'a> {
    pub title: String,
    pub header: Vec<&'a str>,
    pub widths: Vec<Constraint>,
    pub len: usize,
    pub cursor: Cursor,
    /// Shown when there are no rows.
    pub empty: &'a str,
}

/// Draws the visible rows of a list; `row(i)` builds the cells of row `i`.
pub fn render<'a>(
    spec: ListSpec<'a>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    row: impl Fn(usize) -> Vec<Cell<'a>>,
) {
    if area.width < 3 || area.height < 2 {
        return;
    }
    let position = if spec.len == 0 {
        "0/0".to_string()
    } else {
        format!("{}/{}", spec.cursor.selected + 1, spec.len)
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border())
        .title(Line::from(Span::styled(
            format!(" {} ", spec.title),
            theme.title(),
        )))
        .title(Line::from(format!(" {position} ")).right_aligned());
    let rows_area = layout::table_rows(area);
    block.render(area, buf);
    if spec.len == 0 {
        let inner = area.inner(Margin::new(2, 1));
        Line::styled(spec.empty, theme.dim()).render(inner, buf);
        return;
    }
    let page = usize::from(rows_area.height);
    let first = spec.cursor.offset.min(spec.len.saturating_sub(1));
    let last = (first + page).min(spec.len);
    let mut widths = vec![Constraint::Length(1)];
    widths.extend(spec.widths.iter().copied());
    let rows: Vec<Row> = (first..last)
        .map(|i| {
            let mark = if i == spec.cursor.selected {
                "▶"
            } else {
                " "
            };
            let mut cells = vec![Cell::from(mark)];
            cells.extend(row(i));
            Row::new(cells)
        })
        .collect();
    let mut header = vec![Cell::from("")];
    header.extend(spec.header.iter().map(|h| Cell::from(*h)));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header_row()))
        .column_spacing(1)
        .row_highlight_style(theme.selected());
    let mut state = TableState::default();
    if (first..last).contains(&spec.cursor.selected) {
        state.select(Some(spec.cursor.selected - first));
    }
    let table_area = Rect::new(
        rows_area.x,
        rows_area.y.saturating_sub(1),
        rows_area.width,
        rows_area.height + 1,
    );
    StatefulWidget::render(table, table_area, buf, &mut state);
    if spec.len > page {
        let mut sb = ScrollbarState::new(spec.len.saturating_sub(page) + 1).position(first);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(theme.title())
            .track_style(theme.dim())
            .render(area.inner(Margin::new(0, 1)), buf, &mut sb);
    }
}
