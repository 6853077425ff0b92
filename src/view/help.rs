//! The help overlay, drawn from the key table itself.

use ratatui::text::Line;

use crate::app::App;
use crate::app::keymap::{Section, help_lines};

const KEYS_W: usize = 18;

/// Every line of the key table's help, section by section, wrapped to `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let mut out = Vec::new();
    for s in Section::ALL {
        let rows = help_lines(s);
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(s.title(), theme.header_row()));
        for row in rows {
            out.extend(super::detail::labelled_lines(
                &format!("  {}", row.keys),
                row.help,
                width,
                KEYS_W,
                theme.key(),
            ));
        }
    }
    out
}
