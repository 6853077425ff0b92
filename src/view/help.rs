//! The help overlay, drawn from the key table itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::app::keymap::{BINDINGS, Section};

use super::theme::Theme;
use super::{layout, overlay_block, scrolled};

/// Every documented binding, section by section.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = Theme { color: app.color };
    let mut out = Vec::new();
    for s in Section::ALL {
        let rows: Vec<_> = BINDINGS
            .iter()
            .filter(|b| b.section == s && !b.help.is_empty())
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(s.title(), theme.header_row()));
        for b in rows {
            out.push(Line::from(vec![
                Span::styled(
                    crate::text::fit(&format!("  {}", b.keys_label()), 18),
                    theme.key(),
                ),
                Span::raw(b.help),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Mouse", theme.header_row()));
    for (k, what) in [
        ("  click", "select a tab or a row"),
        ("  wheel", "move through the list, or scroll an overlay"),
    ] {
        out.push(Line::from(vec![
            Span::styled(crate::text::fit(k, 18), theme.key()),
            Span::raw(what),
        ]));
    }
    out
}

pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = Theme { color: app.color };
    let o = layout::overlay(area, 80, 80, 56, 13);
    let inner = overlay_block(o, buf, "Keys", theme);
    Paragraph::new(scrolled(lines(app), scroll, inner.height)).render(inner, buf);
}
