//! The relation picker: type to filter, Enter to open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::{App, Picker, TextInput};
use crate::text::{fit, truncate, truncate_start};

use super::layout;
use super::theme::Theme;

pub fn render(app: &App, p: &Picker, area: Rect, buf: &mut Buffer) {
    use ratatui::widgets::{Block, BorderType, Borders};
    let theme = app.theme();
    let o = layout::picker(area);
    Clear.render(o, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Span::styled(" Relation ", theme.title()))
        .title(
            Line::styled(
                format!(" {}/{} ", p.matches().len(), app.ds().relations.len() + 1),
                theme.dim(),
            )
            .right_aligned(),
        )
        .title_bottom(
            Line::styled(" Enter open · Esc close · ↑/↓ move ", theme.dim()).right_aligned(),
        );
    let inner = block.inner(o);
    block.render(o, buf);
    if inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    prompt_line(p.input(), w, theme).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let rows = layout::overlay_list(o);
    let offset = p.list().offset();
    let selected = p.list().selected();
    let shown = p.matches().iter().enumerate().skip(offset);
    for ((row, entry), y) in shown.zip(rows.y..rows.bottom()) {
        let text = match entry {
            None => format!("All relations ({})", app.ds().relations.len()),
            Some(r) => match app.ds().relations.get(*r) {
                Some(rel) => {
                    let since = rel
                        .established
                        .map_or_else(String::new, |d| format!(" · since {d}"));
                    format!("{}  {}{since}", rel.id, app.ds().relation_name(rel))
                }
                None => continue,
            },
        };
        let current = *entry == app.relation();
        let mark = if row == selected { "▶ " } else { "  " };
        let tail = if current { " (shown)" } else { "" };
        let line = fit(&format!("{mark}{text}{tail}"), w);
        let style = if row == selected {
            theme.selected()
        } else {
            theme.base()
        };
        buf.set_string(inner.x, y, line, style);
    }
    if p.matches().is_empty() {
        buf.set_string(
            inner.x,
            inner.y + 2,
            truncate("No relation matches.", w),
            theme.dim(),
        );
    }
}

/// A line of typed text after "› ", with the text cursor as a bar between
/// characters; past `width`, what was typed last stays in sight.
pub fn prompt_line(input: &TextInput, width: usize, theme: Theme) -> Line<'static> {
    let (before, under, after) = input.split();
    Line::from(vec![
        Span::styled("› ", theme.key()),
        Span::raw(truncate_start(before, width.saturating_sub(3))),
        Span::styled("▏", theme.key()),
        Span::raw(format!(
            "{}{after}",
            under.map(String::from).unwrap_or_default()
        )),
    ])
}
