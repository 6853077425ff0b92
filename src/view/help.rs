//! The help overlay, drawn from the key table itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::App;
use crate::app::keymap::{BINDINGS, Section};

use super::theme::Theme;
use super::{layout, overlay};

const KEYS_W: usize = 18;

/// A key column and its description, wrapped under itself to `width`.
fn entry(keys: &str, what: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    super::detail::labelled_lines(&format!("  {keys}"), what, width, KEYS_W, theme.key())
}

/// Every documented binding, section by section, wrapped to `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
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
            out.extend(entry(&b.keys_label(), b.help, width, theme));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Mouse", theme.header_row()));
    for (k, what) in [
        ("click", "select a tab, a row, or a year on the trade chart"),
        ("wheel", "move through the list, or scroll an overlay"),
    ] {
        out.extend(entry(k, what, width, theme));
    }
    out
}

pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = Theme { color: app.color };
    let o = layout::overlay(area, 80, 80, 56, 13);
    overlay(
        o,
        buf,
        "Keys",
        lines(app, usize::from(o.width.saturating_sub(2))),
        scroll,
        theme,
    );
}
