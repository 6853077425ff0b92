//! The relation picker: type to filter, Enter to open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::{App, Picker};
use crate::text::{fit, truncate, truncate_start};

use super::theme::Theme;
use super::{detail, layout};

pub fn render(app: &App, p: &Picker, area: Rect, buf: &mut Buffer) {
    use ratatui::widgets::{Block, BorderType, Borders};
    let theme = Theme { color: app.color };
    let o = layout::overlay(area, 60, 70, 50, 12);
    Clear.render(o, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Span::styled(" Relation ", theme.title()))
        .title(
            Line::styled(
                format!(" {}/{} ", p.matches.len(), app.ds.relations.len() + 1),
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
    let prompt = Line::from(vec![
        Span::styled("› ", theme.key()),
        Span::raw(truncate_start(&p.query, w.saturating_sub(3))),
        Span::styled("▏", theme.key()),
    ]);
    prompt.render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let list_h = usize::from(inner.height.saturating_sub(2));
    if list_h == 0 {
        return;
    }
    let offset = p.selected.saturating_sub(list_h - 1);
    for (row, entry) in p.matches.iter().enumerate().skip(offset).take(list_h) {
        let y = inner.y + 2 + (row - offset) as u16;
        let text = match entry {
            None => format!("All relations ({})", app.ds.relations.len()),
            Some(r) => match app.ds.relations.get(*r) {
                Some(rel) => {
                    let since = rel
                        .established
                        .map_or_else(String::new, |d| format!(" · since {d}"));
                    format!("{}  {}{since}", rel.id, detail::relation_name(app, rel))
                }
                None => continue,
            },
        };
        let current = *entry == app.relation;
        let mark = if row == p.selected { "▶ " } else { "  " };
        let tail = if current { " (shown)" } else { "" };
        let line = fit(&format!("{mark}{text}{tail}"), w);
        let style = if row == p.selected {
            theme.selected()
        } else {
            theme.base()
        };
        buf.set_string(inner.x, y, line, style);
    }
    if p.matches.is_empty() {
        buf.set_string(
            inner.x,
            inner.y + 2,
            truncate("No relation matches.", w),
            theme.dim(),
        );
    }
}
