//! Helpers shared by the interface tests: an app over the embedded dataset,
//! keys and mouse events as a terminal delivers them, and the screen as text.
#![allow(dead_code)]

pub mod pty;
pub mod terminal;

use bilateral::app::{App, Mode, Tab};
use bilateral::cli::render::{buffer_text, draw};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

/// The year the missions axis ends at in every test, so screens do not change with the date.
pub const TODAY: i32 = 2026;

pub fn app(width: u16, height: u16) -> App {
    app_with(width, height, false)
}

pub fn app_with(width: u16, height: u16, color: bool) -> App {
    let ds = bilateral::data::load_embedded().expect("the embedded dataset loads");
    App::new(ds, Rect::new(0, 0, width, height), color, TODAY)
}

/// A key press as crossterm reports it: shifted letters carry SHIFT.
pub fn key_event(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => mods | KeyModifiers::SHIFT,
        KeyCode::BackTab => mods | KeyModifiers::SHIFT,
        _ => mods,
    };
    KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
}

/// Presses a key: the app maps it to an action and applies it, as the event loop does.
pub fn press_with(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(a) = app.key_action(&key_event(code, mods)) {
        app.update(a);
    }
}

pub fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

pub fn ctrl(app: &mut App, c: char) {
    press_with(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Types each character as a key press.
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    let ev = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    if let Some(a) = app.mouse_action(&ev) {
        app.update(a);
    }
}

pub fn click(app: &mut App, column: u16, row: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), column, row);
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    buffer_text(&draw(app))
}

/// The footer: the screen's last line, without its edges' blanks.
pub fn footer(app: &App) -> String {
    screen(app)
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// How far the open help, sources or record overlay is scrolled.
pub fn overlay_scroll(app: &App) -> usize {
    match app.mode() {
        Mode::Help { scroll, .. } | Mode::Sources { scroll } | Mode::Detail { scroll } => *scroll,
        other => panic!("no text overlay is open: {other:?}"),
    }
}

/// Rows of the current tab's list visible at once, read off the screen: the
/// rows between the list's header row and its bottom border. The list is the
/// box at the left edge whose top border says where the selection is (" 3/20 ").
pub fn page(app: &App, tab: Tab) -> usize {
    assert_eq!(app.tab(), tab, "a list's page is read off its own screen");
    let text = screen(app);
    let lines: Vec<&str> = text.lines().collect();
    let len = app.rows().len(tab);
    let shown = if len == 0 {
        0
    } else {
        app.list(tab).selected() + 1
    };
    let position = format!(" {shown}/{len} ");
    let top = lines
        .iter()
        .position(|l| l.starts_with('╭') && l.contains(&position))
        .unwrap_or_else(|| panic!("no list titled {position:?} on screen\n{text}"));
    let bottom = lines[top..]
        .iter()
        .position(|l| l.starts_with('╰'))
        .unwrap_or_else(|| panic!("the list has no bottom border\n{text}"));
    // The top border, the header row and the bottom border are not rows.
    bottom.saturating_sub(2).max(1)
}

/// The list invariants: the selection is a row (or 0 when there are none),
/// the first row shown is not below it, and in the current tab it is on
/// screen, with its position in the list's title.
pub fn assert_cursors_valid(app: &App, context: &str) {
    for tab in Tab::ALL {
        let c = app.list(tab);
        let len = app.rows().len(tab);
        if len == 0 {
            assert_eq!(
                c.selected(),
                0,
                "{context}: {tab:?} is empty but selects {c:?}"
            );
        } else {
            assert!(
                c.selected() < len,
                "{context}: {tab:?} selects {} of {len} rows",
                c.selected()
            );
        }
        assert!(c.offset() <= c.selected(), "{context}: {tab:?} {c:?}");
    }
    let tab = app.tab();
    let c = app.list(tab);
    // Overlays cover the list; the page shows once they close.
    if *app.mode() == Mode::Normal && layout_fits(app) && app.rows().len(tab) > 0 {
        let page = page(app, tab);
        assert!(
            c.selected() < c.offset() + page,
            "{context}: {tab:?} {c:?} is off a page of {page}"
        );
    }
}

/// Whether the terminal is large enough for the tabs to be drawn at all.
fn layout_fits(app: &App) -> bool {
    !bilateral::screen::layout::too_small(app.area())
}

/// Every kind `bilateral list` takes, by its name on the command line, as
/// the command line itself lists them.
pub fn list_kinds() -> Vec<&'static str> {
    use clap::ValueEnum;
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            bilateral::cli::lists::ListKind::value_variants()
                .iter()
                .filter_map(|k| k.to_possible_value())
                .map(|v| v.get_name().to_string())
                .collect()
        })
        .iter()
        .map(String::as_str)
        .collect()
}

/// The real binary as a script runs it: no colour, no backtrace, no width
/// from the environment.
pub fn bilateral(args: &[&str]) -> std::process::Output {
    bilateral_in(std::path::Path::new("."), args)
}

/// [`bilateral`] run in `dir`, so files are named as a user there names them.
pub fn bilateral_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS")
        .output()
        .expect("bilateral runs")
}

/// What `bilateral ARGS` prints, failing unless it succeeds with nothing on stderr.
pub fn stdout_of(args: &[&str]) -> String {
    let out = bilateral(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bilateral {args:?} failed:\n{stderr}");
    assert!(
        stderr.is_empty(),
        "bilateral {args:?} wrote to stderr:\n{stderr}"
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}
