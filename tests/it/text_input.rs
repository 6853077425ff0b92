//! Typing into the relation picker and the search box: one way of editing
//! for both, matching without accents, and typed or pasted control
//! characters shown, never sent to the terminal.

use crate::common::{TODAY, app, ctrl, keys, press, screen};
use bilateral::app::{App, Mode};
use bilateral::cli::render::draw;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;

/// The minimal dataset with Pakistan renamed to a country with an accent.
fn with_cote_divoire() -> App {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json");
    let text = std::fs::read_to_string(path).expect("the fixture is readable");
    let text = text.replace("\"Pakistan\"", "\"Côte d'Ivoire\"");
    let ds = bilateral::data::parse_str(&text, "test").expect("the renamed fixture is valid");
    App::new(ds, Rect::new(0, 0, 100, 30), false, TODAY)
}

fn picker_query(a: &App) -> String {
    match a.mode() {
        Mode::Picker(p) => p.query().to_string(),
        other => panic!("the picker is not open: {other:?}"),
    }
}

fn picker_matches(a: &App) -> Vec<Option<usize>> {
    match a.mode() {
        Mode::Picker(p) => p.matches().to_vec(),
        other => panic!("the picker is not open: {other:?}"),
    }
}

#[test]
fn the_picker_finds_names_without_their_accents() {
    let mut a = with_cote_divoire();
    press(&mut a, KeyCode::Char('r'));
    keys(&mut a, "cote");
    assert_eq!(picker_matches(&a), vec![Some(0)], "\"cote\" finds Côte");
    assert!(screen(&a).contains("Mexico ⇄ Côte d'Ivoire"));
    press(&mut a, KeyCode::Enter);
    assert!(
        screen(&a)
            .lines()
            .next()
            .unwrap_or("")
            .contains("Côte d'Ivoire")
    );
}

#[test]
fn the_picker_edits_at_its_text_cursor() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('r'));
    keys(&mut a, "vxnm");
    assert!(picker_matches(&a).is_empty());
    press(&mut a, KeyCode::Left);
    press(&mut a, KeyCode::Left);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(picker_query(&a), "vnm");
    assert_eq!(picker_matches(&a), vec![Some(0)]);
    assert!(screen(&a).contains("› v▏nm"), "{}", screen(&a));
    press(&mut a, KeyCode::Right);
    ctrl(&mut a, 'w');
    assert_eq!(picker_query(&a), "m");
}

/// Every cell's text, so a raw character can be looked for.
fn cells(a: &App) -> String {
    draw(a).content.iter().map(|c| c.symbol()).collect()
}

#[test]
fn typed_control_and_bidi_characters_never_reach_the_screen_raw() {
    for open in ['/', 'r'] {
        let mut a = app(120, 40);
        press(&mut a, KeyCode::Char(open));
        for c in ['a', '\u{202E}', '\u{1b}', ']', '\u{7}', 'b'] {
            press(&mut a, KeyCode::Char(c));
        }
        let all = cells(&a);
        assert!(
            !all.contains(['\u{202E}', '\u{1b}', '\u{7}']),
            "{open}: a raw control character is on screen"
        );
        assert!(
            screen(&a).contains("U+202E"),
            "{open}: shown as a placeholder"
        );
    }
}
