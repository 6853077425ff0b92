//! Snapshots of every screen of the interface, as plain text, reached the way
//! a user reaches them: by pressing keys.

use crate::common::{app, app_with, keys, press, screen};
use bilateral::app::{App, Mode, Tab};
use bilateral::cli::render::draw;
use crossterm::event::KeyCode;
use ratatui::style::Modifier;

/// The scopes the snapshots cover, as the `]` presses that reach them from the start.
const SCOPES: [(&str, usize); 3] = [("mex_vnm", 0), ("mex_pak", 1), ("all_relations", 2)];

fn app_in(scope: usize, width: u16, height: u16) -> App {
    let mut a = app(width, height);
    for _ in 0..scope {
        press(&mut a, KeyCode::Char(']'));
    }
    a
}

/// Every tab of one scope at one size, reached with the number keys.
fn all_tabs(scope_name: &str, scope: usize, width: u16, height: u16) {
    let mut a = app_in(scope, width, height);
    let expected_header = match scope {
        0 => "Mexico ⇄ Vietnam",
        1 => "Mexico ⇄ Pakistan",
        _ => "All relations (2)",
    };
    for (i, tab) in Tab::ALL.into_iter().enumerate() {
        press(&mut a, KeyCode::Char(char::from(b'1' + i as u8)));
        assert_eq!(a.tab(), tab);
        let text = screen(&a);
        assert!(
            text.lines().next().unwrap_or("").contains(expected_header),
            "{text}"
        );
        let name = format!(
            "{scope_name}_{width}x{height}_{}_{}",
            i + 1,
            tab.title().to_lowercase()
        );
        insta::assert_snapshot!(name, text);
    }
}

/// Every tab of every scope at one size.
fn every_scope(width: u16, height: u16) {
    for (name, scope) in SCOPES {
        all_tabs(name, scope, width, height);
    }
}

#[test]
fn every_tab_at_120x40() {
    every_scope(120, 40);
}

#[test]
fn every_tab_at_80x24() {
    every_scope(80, 24);
}

#[test]
fn every_tab_at_60x15() {
    every_scope(60, 15);
}

#[test]
fn help_overlay() {
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('?'));
        assert!(matches!(a.mode(), Mode::Help { .. }));
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&a));
    }
}

#[test]
fn help_overlay_scrolled_to_the_end() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Char('G'));
    insta::assert_snapshot!("help_120x40_end", screen(&a));
}

#[test]
fn picker_with_a_typed_filter() {
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('r'));
        insta::assert_snapshot!(format!("picker_{w}x{h}"), screen(&a));
        keys(&mut a, "pak");
        insta::assert_snapshot!(format!("picker_{w}x{h}_filter_pak"), screen(&a));
    }
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('r'));
    keys(&mut a, "nothing like this");
    insta::assert_snapshot!("picker_120x40_no_match", screen(&a));
}

#[test]
fn sources_overlay() {
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('3'));
        press(&mut a, KeyCode::Char('s'));
        assert!(matches!(a.mode(), Mode::Sources { .. }));
        insta::assert_snapshot!(format!("sources_{w}x{h}_visits"), screen(&a));
    }
}

#[test]
fn record_detail_overlay() {
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('3'));
        press(&mut a, KeyCode::Char('j'));
        press(&mut a, KeyCode::Enter);
        assert!(matches!(a.mode(), Mode::Detail { .. }));
        insta::assert_snapshot!(format!("detail_{w}x{h}_second_visit"), screen(&a));
    }
}

#[test]
fn too_small_message() {
    for (w, h) in [(59, 15), (60, 14), (20, 5)] {
        let a = app(w, h);
        let text = screen(&a);
        assert!(text.contains("too small"), "{w}x{h}: {text}");
        assert!(text.contains("need 60×15"), "{w}x{h}: {text}");
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), text);
    }
}

#[test]
fn timeline_kind_filter() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('f'));
    insta::assert_snapshot!("mex_vnm_120x40_timeline_only_events", screen(&a));
    press(&mut a, KeyCode::Char('f'));
    insta::assert_snapshot!("mex_vnm_120x40_timeline_only_visits", screen(&a));
}

#[test]
fn visits_direction_filter() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('f'));
    insta::assert_snapshot!("mex_vnm_120x40_visits_mexico_to_vietnam", screen(&a));
    press(&mut a, KeyCode::Char('f'));
    insta::assert_snapshot!("mex_vnm_120x40_visits_vietnam_to_mexico", screen(&a));
}

#[test]
fn agreements_status_filter() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('4'));
    keys(&mut a, "ff");
    insta::assert_snapshot!("mex_vnm_120x40_agreements_only_in_force", screen(&a));
}

#[test]
fn trade_year_cursor_and_log_scale() {
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('5'));
        press(&mut a, KeyCode::Right);
        insta::assert_snapshot!(format!("mex_vnm_{w}x{h}_trade_next_year"), screen(&a));
        let log = a.log_scale();
        press(&mut a, KeyCode::Char('L'));
        assert_ne!(a.log_scale(), log);
        insta::assert_snapshot!(
            format!("mex_vnm_{w}x{h}_trade_next_year_scale_toggled"),
            screen(&a)
        );
    }
}

#[test]
fn trade_compare_view() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('5'));
    press(&mut a, KeyCode::Char('c'));
    insta::assert_snapshot!("mex_vnm_120x40_trade_compare", screen(&a));
}

#[test]
fn scrolled_list_at_the_smallest_size() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('G'));
    insta::assert_snapshot!("mex_vnm_60x15_timeline_last_row", screen(&a));
}

/// The row of the screen whose list row carries the selection mark.
fn selected_row(text: &str) -> usize {
    text.lines()
        .position(|l| l.contains('▶'))
        .expect("a row is marked as selected")
}

#[test]
fn the_selected_row_is_styled_apart_from_the_others() {
    for color in [true, false] {
        let mut a = app_with(120, 40, color);
        press(&mut a, KeyCode::Char('3'));
        press(&mut a, KeyCode::Char('j'));
        let buf = draw(&a);
        let text = bilateral::cli::render::buffer_text(&buf);
        let y = selected_row(&text) as u16;
        assert!(
            text.lines()
                .nth(usize::from(y))
                .unwrap()
                .contains("Pham Van Dong")
        );
        // A cell of the visitor column, on the selected row and on its neighbours.
        let x = 20;
        let selected = buf[(x, y)].style();
        for other in [y - 1, y + 1] {
            assert_ne!(
                selected,
                buf[(x, other)].style(),
                "colour {color}: the selected row looks like row {other}"
            );
        }
        if color {
            assert_ne!(selected.bg, buf[(x, y + 1)].style().bg);
        } else {
            // Without colour the selection is still visible: reversed.
            assert!(selected.add_modifier.contains(Modifier::REVERSED));
        }
    }
}
