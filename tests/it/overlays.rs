//! The help, sources and record overlays: they scroll any length, and a key
//! after a jump to the end moves from the end that is on screen.

use crate::common::{TODAY, app, overlay_scroll, press, screen};
use bilateral::app::{Action, App};
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws a frame as the event loop does, and hands back what it found.
fn frame(a: &mut App) {
    let mut buf = Buffer::empty(a.area());
    let drawn = bilateral::view::render(a, &mut buf);
    a.update(Action::Drawn(drawn));
}

fn scroll(a: &App) -> usize {
    overlay_scroll(a)
}

#[test]
fn a_key_after_the_end_moves_from_the_end_on_screen() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Char('G'));
    frame(&mut a);
    let end = scroll(&a);
    assert!(
        end > 0 && end < 1000,
        "help is a few screens long, not {end}"
    );
    assert!(!screen(&a).contains("▼ more"), "{}", screen(&a));
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(scroll(&a), end, "no scrolling past the end");
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(scroll(&a), end - 1);
    assert!(screen(&a).contains("▼ more"), "{}", screen(&a));
}

/// The minimal dataset with `n` sources, cited by nothing but listed in full.
fn with_sources(n: usize) -> App {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json");
    let text = std::fs::read_to_string(path).expect("the fixture is readable");
    let extra: String = (2..=n)
        .map(|i| format!(",\n{{\"id\": \"s{i}\", \"title\": \"Source {i}\", \"kind\": \"news\"}}"))
        .collect();
    let anchor = "\"kind\": \"reference\"}";
    let text = text.replacen(anchor, &format!("{anchor}{extra}"), 1);
    let ds = bilateral::data::parse_str(&text, "test").expect("the fixture with sources is valid");
    assert_eq!(ds.sources.len(), n);
    App::new(ds, Rect::new(0, 0, 100, 30), false, TODAY)
}

#[test]
fn the_sources_overlay_scrolls_to_its_end_past_65535_lines() {
    // Two lines per source: 80,000 lines.
    let mut a = with_sources(40_000);
    press(&mut a, KeyCode::Char('s'));
    press(&mut a, KeyCode::Char('G'));
    let text = screen(&a);
    assert!(text.contains("[40000] Source 40000"), "{text}");
    frame(&mut a);
    assert!(scroll(&a) > usize::from(u16::MAX), "{}", scroll(&a));
}
