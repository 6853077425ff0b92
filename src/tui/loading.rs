//! The screen while a dataset loads: what is being opened, how much of it has
//! been read, and how to leave.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;
use ratatui::text::Line;
use ratatui::widgets::{LineGauge, Widget};

use crate::data::Progress;
use crate::data::sanitize::clean;
use crate::text::width;

/// The keys that leave while loading, as they quit the interface: `q`, Esc,
/// Ctrl-C; once keys are typed ahead for the interface (`typed_ahead`), only
/// Ctrl-C, so that `/quetta` stays a search.
pub(super) fn quits(k: &KeyEvent, typed_ahead: bool) -> bool {
    match k.code {
        KeyCode::Char('q') | KeyCode::Esc => !typed_ahead,
        KeyCode::Char('c') => k.modifiers.contains(KeyModifiers::CONTROL),
        _ => false,
    }
}

/// "262.1 MB", "950 KB", "12 bytes".
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.0} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}

/// What the progress line says: how much has been read, of how much, and
/// what is being done with it.
pub(super) fn status(progress: &Progress) -> String {
    let read = progress.bytes_read();
    match (progress.checking(), progress.size()) {
        (true, _) => format!("read {}; checking its records…", size(read)),
        // The last relations are still being read into records.
        (false, Some(total)) if read >= total => {
            format!("read {}; reading its records…", size(read))
        }
        (false, Some(total)) => format!("read {} of {}", size(read), size(total)),
        (false, None) => format!("read {}", size(read)),
    }
}

/// Draws the loading screen for `what` (a file name, or the embedded
/// dataset), `typed_ahead` keys having been kept for the interface.
pub(super) fn render(
    what: &str,
    progress: &Progress,
    typed_ahead: usize,
    color: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let [_, title, gauge, line, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, title, _] = margins(title);
    let [_, gauge, _] = margins(gauge);
    let [_, line, _] = margins(line);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    Line::styled(format!("bilateral · opening {}", clean(what)), bold).render(title, buf);
    let ratio = match (progress.checking(), progress.size()) {
        (true, _) => Some(1.0),
        (false, Some(total)) => Some((progress.bytes_read() as f64 / total as f64).clamp(0.0, 1.0)),
        (false, None) => None,
    };
    if let Some(ratio) = ratio {
        let filled = if color {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default()
        };
        LineGauge::default()
            .filled_symbol(symbols::line::THICK_HORIZONTAL)
            .unfilled_symbol(symbols::line::HORIZONTAL)
            .filled_style(filled)
            .ratio(ratio)
            .render(gauge, buf);
    }
    let hint = if typed_ahead == 0 {
        "q quit".to_string()
    } else {
        let keys = if typed_ahead == 1 { "key" } else { "keys" };
        format!("{typed_ahead} {keys} kept · Ctrl-C quit")
    };
    let [text, keys] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(width(&hint) as u16)])
            .areas(line);
    Line::raw(status(progress)).render(text, buf);
    Line::raw(hint).render(keys, buf);
}

/// An area with a column of margin either side, and at most 72 columns wide.
fn margins(area: Rect) -> [Rect; 3] {
    Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(72),
        Constraint::Fill(1),
    ])
    .horizontal_margin(1)
    .areas(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(what: &str, progress: &Progress, width: u16, height: u16) -> String {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        render(what, progress, 0, false, area, &mut buf);
        crate::cli::render::buffer_text(&buf)
    }

    #[test]
    fn q_and_esc_leave_until_keys_are_typed_ahead_and_ctrl_c_always() {
        let key = |code, modifiers| KeyEvent::new(code, modifiers);
        let (q, esc) = (
            key(KeyCode::Char('q'), KeyModifiers::NONE),
            key(KeyCode::Esc, KeyModifiers::NONE),
        );
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(quits(&q, false) && quits(&esc, false) && quits(&ctrl_c, false));
        assert!(!quits(&q, true) && !quits(&esc, true));
        assert!(quits(&ctrl_c, true));
        let area = Rect::new(0, 0, 80, 10);
        let mut buf = Buffer::empty(area);
        render("big.json", &Progress::default(), 6, false, area, &mut buf);
        let s = crate::cli::render::buffer_text(&buf);
        assert!(s.contains("6 keys kept · Ctrl-C quit"), "{s}");
    }

    #[test]
    fn says_how_much_has_been_read() {
        let p = Progress::default();
        p.set_size(Some(262_100_000));
        p.set_read(120_500_000);
        let s = screen("big.json", &p, 80, 10);
        assert!(s.contains("bilateral · opening big.json"), "{s}");
        assert!(s.contains("read 120.5 MB of 262.1 MB"), "{s}");
        assert!(s.contains("q quit"), "{s}");
        // Nearly half the gauge is drawn thick.
        let gauge = s.lines().find(|l| l.contains('━')).unwrap_or_default();
        let thick = gauge.matches('━').count() as f64;
        let all = thick + gauge.matches('─').count() as f64;
        assert!((thick / all - 0.46).abs() < 0.05, "{gauge}");
    }

    #[test]
    fn a_stream_without_a_size_shows_what_was_read() {
        let p = Progress::default();
        p.set_read(950_000);
        assert_eq!(status(&p), "read 950 KB");
        assert!(!screen("-", &p, 80, 10).contains('━'));
    }

    #[test]
    fn a_hostile_name_is_cleaned_and_tiny_terminals_are_fine() {
        let p = Progress::default();
        let s = screen("x\u{1b}[2J.json", &p, 80, 10);
        assert!(s.contains("x␛[2J.json"), "{s}");
        for (w, h) in [(1, 1), (5, 2), (20, 3), (0, 0)] {
            screen("big.json", &p, w, h);
        }
    }
}
