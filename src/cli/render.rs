//! `bilateral render`: one screen of the interface as plain text.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;

use crate::app::{Action, App, Tab};
use crate::data::Dataset;

/// The screen as text, one line per row, trailing spaces trimmed.
/// Cells covered by a wide character are skipped, so CJK text reads naturally.
pub fn buffer_text(buf: &Buffer) -> String {
    let w = usize::from(buf.area.width);
    let mut out = String::with_capacity(buf.content.len() + usize::from(buf.area.height));
    if w == 0 {
        return out;
    }
    for row in buf.content.chunks(w) {
        let mut line = String::new();
        let mut skip = 0usize;
        for cell in row {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = cell.symbol();
            line.push_str(sym);
            skip = usize::from(cell.cell_width()).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Draws the app into a fresh buffer of its size.
pub fn draw(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.area());
    crate::view::render(app, &mut buf);
    buf
}

/// The TUI's start state for `tab` and `relation` (`None` = all relations) at `width`×`height`.
pub fn screen(
    ds: Dataset,
    tab: Tab,
    relation: Option<Option<usize>>,
    width: u16,
    height: u16,
    today_year: i32,
) -> String {
    let mut app = App::new(ds, Rect::new(0, 0, width, height), false, today_year);
    if let Some(r) = relation {
        app.update(Action::ShowRelation(r));
    }
    app.update(Action::GoTab(tab));
    buffer_text(&draw(&app))
}
