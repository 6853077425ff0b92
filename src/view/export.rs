//! The export prompt (`e`): the file name, and what Enter will do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::app::{App, ExportPrompt};
use crate::text::truncate;

use super::layout;

pub fn render(app: &App, p: &ExportPrompt, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let o = layout::export_prompt(area);
    Clear.render(o, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Span::styled(" Export ", theme.title()))
        .title_bottom(Line::styled(" Enter write · Esc cancel ", theme.dim()).right_aligned());
    let inner = block.inner(o);
    block.render(o, buf);
    if inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    super::picker::prompt_line(&p.input, w, theme)
        .render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    if inner.height < 2 {
        return;
    }
    let (note, style) = if p.exists {
        ("exists: Enter replaces it, Esc keeps it", theme.warning())
    } else {
        (
            "the rows on screen, as `bilateral list` writes them",
            theme.dim(),
        )
    };
    buf.set_string(inner.x, inner.y + 1, truncate(note, w), style);
}
