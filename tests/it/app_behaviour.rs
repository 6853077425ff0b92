//! How the interface answers keys and the mouse: tabs, lists, relations,
//! overlays, filters, clicks, wheel and resizes.

use crate::common::{
    app, assert_cursors_valid, click, ctrl, key_event, keys, mouse, page, press, press_with, screen,
};
use bilateral::app::{Action, App, Mode, Tab, VisitFilter};
use bilateral::query::Kind;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

const SIZES: [(u16, u16); 4] = [(120, 40), (60, 15), (80, 24), (100, 20)];

fn header(a: &App) -> String {
    screen(a).lines().next().unwrap_or_default().to_string()
}

/// The screen row and column where `needle` is drawn on `row` (text columns are cells here).
fn find_on_row(a: &App, row: usize, needle: &str) -> u16 {
    let text = screen(a);
    let line = text.lines().nth(row).unwrap_or_default();
    let byte = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on row {row}:\n{text}"));
    line[..byte].chars().count() as u16
}

fn row_with(a: &App, needle: &str) -> u16 {
    let text = screen(a);
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not on screen:\n{text}")) as u16
}

#[test]
fn number_keys_choose_tabs() {
    let mut a = app(120, 40);
    for (i, tab) in Tab::ALL.into_iter().enumerate().rev() {
        press(&mut a, KeyCode::Char(char::from(b'1' + i as u8)));
        assert_eq!(a.tab(), tab);
    }
    press(&mut a, KeyCode::Char('7'));
    assert_eq!(a.tab(), Tab::Overview, "7 is no tab");
}

#[test]
fn tab_and_shift_tab_cycle_through_the_tabs() {
    let mut a = app(120, 40);
    for expected in Tab::ALL.into_iter().cycle().skip(1).take(7) {
        press(&mut a, KeyCode::Tab);
        assert_eq!(a.tab(), expected);
    }
    assert_eq!(a.tab(), Tab::Timeline);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.tab(), Tab::Overview);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.tab(), Tab::Missions, "Shift-Tab wraps around");
}

#[test]
fn h_and_l_move_between_tabs_except_on_trade() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('l'));
    assert_eq!(a.tab(), Tab::Timeline);
    press(&mut a, KeyCode::Right);
    assert_eq!(a.tab(), Tab::Visits);
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(a.tab(), Tab::Timeline);
    press(&mut a, KeyCode::Left);
    assert_eq!(a.tab(), Tab::Overview);
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(a.tab(), Tab::Missions, "h wraps around");
    // On Trade, h and l move the year cursor instead.
    press(&mut a, KeyCode::Char('5'));
    press(&mut a, KeyCode::Char('l'));
    assert_eq!(a.tab(), Tab::Trade);
    assert_eq!(a.list(Tab::Trade).selected(), 1);
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(a.tab(), Tab::Trade);
    assert_eq!(a.list(Tab::Trade).selected(), 0);
}

/// Applies one movement key and checks the selection against what it should be.
fn movement(a: &mut App, tab: Tab, code: KeyCode, mods: KeyModifiers, context: &str) {
    let len = a.rows().len(tab);
    let page = page(a, tab);
    let before = a.list(tab).selected() as isize;
    let last = len.saturating_sub(1) as isize;
    let half = (page / 2).max(1) as isize;
    let target = match (code, mods.contains(KeyModifiers::CONTROL)) {
        (KeyCode::Char('j') | KeyCode::Down, false) => before + 1,
        (KeyCode::Char('k') | KeyCode::Up, false) => before - 1,
        (KeyCode::Char('g') | KeyCode::Home, false) => 0,
        (KeyCode::Char('G') | KeyCode::End, false) => last,
        (KeyCode::PageDown, false) => before + page as isize,
        (KeyCode::PageUp, false) => before - page as isize,
        (KeyCode::Char('d'), true) => before + half,
        (KeyCode::Char('u'), true) => before - half,
        other => panic!("not a movement key: {other:?}"),
    };
    press_with(a, code, mods);
    let c = a.list(tab);
    let context = format!("{context} after {code:?} {mods:?}");
    assert_eq!(c.selected() as isize, target.clamp(0, last), "{context}");
    assert_cursors_valid(a, &context);
    assert!(
        c.offset() <= c.selected() && c.selected() < c.offset() + page,
        "{context}: {c:?}"
    );
    // The selected row is drawn, with its position in the list's title.
    if len > 0 {
        let text = screen(a);
        assert!(
            text.contains('▶'),
            "{context}: no selected row on screen\n{text}"
        );
        let position = format!(" {}/{len} ", c.selected() + 1);
        assert!(
            text.contains(&position),
            "{context}: no {position:?}\n{text}"
        );
    }
}

#[test]
fn movement_keys_keep_the_selection_in_range_and_visible() {
    let none = KeyModifiers::NONE;
    let sequence: Vec<(KeyCode, KeyModifiers)> = vec![
        (KeyCode::Char('j'), none),
        (KeyCode::Char('j'), none),
        (KeyCode::Down, none),
        (KeyCode::Char('k'), none),
        (KeyCode::Char('G'), none),
        (KeyCode::Char('j'), none),
        (KeyCode::Char('k'), none),
        (KeyCode::PageUp, none),
        (KeyCode::PageUp, none),
        (KeyCode::Char('g'), none),
        (KeyCode::Char('k'), none),
        (KeyCode::PageDown, none),
        (KeyCode::PageDown, none),
        (KeyCode::Char('u'), KeyModifiers::CONTROL),
        (KeyCode::Char('d'), KeyModifiers::CONTROL),
        (KeyCode::Char('d'), KeyModifiers::CONTROL),
        (KeyCode::Char('d'), KeyModifiers::CONTROL),
        (KeyCode::End, none),
        (KeyCode::Char('u'), KeyModifiers::CONTROL),
        (KeyCode::Home, none),
        (KeyCode::Up, none),
    ];
    for (w, h) in SIZES {
        for scope in 0..3 {
            let mut a = app(w, h);
            keys(&mut a, &"]".repeat(scope));
            for tab in Tab::ALL {
                press(&mut a, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
                for (code, mods) in &sequence {
                    movement(
                        &mut a,
                        tab,
                        *code,
                        *mods,
                        &format!("{w}x{h} scope {scope} {tab:?}"),
                    );
                }
            }
        }
    }
}

#[test]
fn a_long_list_scrolls_to_its_last_row_and_back() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('2'));
    let len = a.rows().len(Tab::Timeline);
    assert!(
        len > page(&a, Tab::Timeline),
        "the timeline needs scrolling at 60x15"
    );
    for _ in 0..len + 3 {
        press(&mut a, KeyCode::Char('j'));
        assert_cursors_valid(&a, "j");
    }
    assert_eq!(a.list(Tab::Timeline).selected(), len - 1);
    assert!(a.list(Tab::Timeline).offset() > 0);
    assert!(screen(&a).contains(&format!(" {len}/{len} ")));
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.list(Tab::Timeline).offset(), 0);
}

#[test]
fn brackets_cycle_relations_through_all_relations() {
    let mut a = app(120, 40);
    assert_eq!(a.relation(), Some(0));
    assert!(header(&a).contains("bilateral · Mexico ⇄ Vietnam"));
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.relation(), Some(1));
    assert!(header(&a).contains("Mexico ⇄ Pakistan"));
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.relation(), None);
    assert!(header(&a).contains("All relations (2)"));
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.relation(), Some(0), "] wraps around");
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.relation(), None);
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.relation(), Some(1));
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.relation(), Some(0));
}

#[test]
fn switching_relation_keeps_the_tab_and_resets_the_selection() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('3'));
    keys(&mut a, "jjj");
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.tab(), Tab::Visits);
    assert_eq!(a.list(Tab::Visits).selected(), 0);
    assert_cursors_valid(&a, "after ]");
}

#[test]
fn the_picker_filters_by_typing_and_opens_the_choice() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('r'));
    let Mode::Picker(p) = a.mode() else {
        panic!("r opens the picker, not {:?}", a.mode())
    };
    assert_eq!(p.matches(), vec![None, Some(0), Some(1)]);
    keys(&mut a, "pak");
    let Mode::Picker(p) = a.mode() else {
        panic!("typing keeps the picker open")
    };
    assert_eq!(p.query(), "pak");
    assert_eq!(p.matches(), vec![Some(1)], "\"pak\" leaves MEX-PAK");
    let text = screen(&a);
    assert!(text.contains("MEX-PAK  Mexico ⇄ Pakistan"), "{text}");
    assert!(!text.contains("MEX-VNM"), "{text}");
    assert_eq!(a.relation(), Some(0), "typing does not switch yet");
    press(&mut a, KeyCode::Enter);
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!(a.relation(), Some(1));
    assert!(header(&a).contains("Mexico ⇄ Pakistan"));
}

#[test]
fn the_picker_types_letters_that_are_keys_elsewhere() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('r'));
    keys(&mut a, "q?j1");
    let Mode::Picker(p) = a.mode() else {
        panic!("q, ?, j and 1 are text in the picker")
    };
    assert_eq!(p.query(), "q?j1");
    assert!(!a.has_quit());
    press(&mut a, KeyCode::Backspace);
    ctrl(&mut a, 'w');
    let Mode::Picker(p) = a.mode() else { panic!() };
    assert_eq!(p.query(), "");
    keys(&mut a, "all");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.relation(), None);
}

#[test]
fn escape_closes_the_picker_without_switching() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('r'));
    keys(&mut a, "pak");
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!(a.relation(), Some(0));
    assert!(!a.has_quit(), "Esc in the picker only closes it");
    // Arrow keys choose in the picker too.
    press(&mut a, KeyCode::Char('r'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.relation(), Some(1));
}

#[test]
fn question_mark_opens_help_and_escape_closes_it() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('?'));
    assert!(matches!(a.mode(), Mode::Help { .. }));
    let text = screen(&a);
    assert!(text.contains(" Keys "), "{text}");
    assert!(text.contains("show or hide this help"), "{text}");
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Normal);
    assert!(!a.has_quit());
    assert!(!screen(&a).contains("show or hide this help"));
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Char('?'));
    assert_eq!(*a.mode(), Mode::Normal, "? toggles help");
    // With no overlay, Esc quits.
    press(&mut a, KeyCode::Esc);
    assert!(a.has_quit());
}

#[test]
fn overlays_ignore_tab_keys_and_scroll_instead() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab(), Tab::Overview);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(*a.mode(), Mode::Help { scroll: 1 });
    press(&mut a, KeyCode::Char('G'));
    let Mode::Help { scroll } = *a.mode() else {
        panic!()
    };
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(
        *a.mode(),
        Mode::Help { scroll },
        "no scrolling past the end"
    );
    press(&mut a, KeyCode::Char('q'));
    assert_eq!(*a.mode(), Mode::Normal, "q closes an overlay");
    assert!(!a.has_quit());
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.has_quit());
    let mut a = app(120, 40);
    ctrl(&mut a, 'c');
    assert!(a.has_quit());
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('r'));
    ctrl(&mut a, 'c');
    assert!(a.has_quit(), "Ctrl-c quits from the picker too");
}

#[test]
fn f_cycles_each_tabs_filter() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('2'));
    let all = a.rows().timeline.len();
    press(&mut a, KeyCode::Char('f'));
    let kind = a.filters().timeline.expect("f sets a kind");
    assert!(!a.rows().timeline.is_empty());
    assert!(a.rows().timeline.len() < all);
    assert!(a.rows().timeline.iter().all(|e| e.record.kind == kind));
    assert!(screen(&a).contains(&format!("Timeline · only {}s", kind.label())));
    for _ in 0..bilateral::query::TIMELINE_KINDS.len() {
        press(&mut a, KeyCode::Char('f'));
        assert_cursors_valid(&a, "timeline filter");
    }
    assert_eq!(a.filters().timeline, None, "the filter comes round to all");
    assert_eq!(a.rows().timeline.len(), all);

    press(&mut a, KeyCode::Char('3'));
    let visits = a.rows().visits.len();
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(a.filters().visits, VisitFilter::Forward);
    let forward = a.rows().visits.len();
    assert!(screen(&a).contains("Visits · Mexico → Vietnam"));
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(a.filters().visits, VisitFilter::Backward);
    assert!(screen(&a).contains("Visits · Vietnam → Mexico"));
    assert_eq!(forward + a.rows().visits.len(), visits);
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(a.filters().visits, VisitFilter::Both);

    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Char('f'));
    assert!(a.filters().agreements.is_some());
    assert!(screen(&a).contains("Agreements · only signed"));

    // f does nothing where there is no filter.
    press(&mut a, KeyCode::Char('1'));
    let before = *a.filters();
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(*a.filters(), before);
}

#[test]
fn a_filtered_list_selects_from_its_first_row() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('G'));
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(a.list(Tab::Timeline).selected(), 0);
    assert_eq!(a.rows().timeline[0].record.kind, Kind::Event);
    assert_cursors_valid(&a, "after f");
}

#[test]
fn enter_on_the_merged_overview_opens_the_relation() {
    let mut a = app(120, 40);
    keys(&mut a, "]]");
    assert_eq!(a.relation(), None);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.selected_relation_row(), Some(1));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.relation(), Some(1));
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!(a.tab(), Tab::Overview);
    assert!(header(&a).contains("Mexico ⇄ Pakistan"));
}

#[test]
fn enter_opens_the_selected_record_and_escape_closes_it() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Detail { .. }));
    let text = screen(&a);
    assert!(text.contains(" Record "), "{text}");
    assert!(text.contains("Pham Van Dong"), "{text}");
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Normal);
    assert!(!a.has_quit());
    press(&mut a, KeyCode::Char('s'));
    assert!(matches!(a.mode(), Mode::Sources { .. }));
    press(&mut a, KeyCode::Char('s'));
    assert_eq!(*a.mode(), Mode::Normal, "s toggles the sources");
}

#[test]
fn clicking_a_tab_selects_it() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        for tab in Tab::ALL.into_iter().rev() {
            let x = find_on_row(&a, 1, tab.title());
            click(&mut a, x + 1, 1);
            assert_eq!(a.tab(), tab, "{w}x{h}: click at {x} on the tab row");
        }
    }
}

#[test]
fn clicking_a_row_selects_it() {
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('3'));
        let y = row_with(&a, "Pham Van Dong");
        click(&mut a, 5, y);
        assert_eq!(a.list(Tab::Visits).selected(), 1, "{w}x{h}");
        // A click on the list's header or frame selects nothing new.
        let header = row_with(&a, "Visitor");
        click(&mut a, 5, header);
        assert_eq!(a.list(Tab::Visits).selected(), 1, "{w}x{h}");
        assert_eq!(*a.mode(), Mode::Normal);
    }
}

#[test]
fn clicking_below_the_last_row_selects_nothing() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('j'));
    click(&mut a, 5, 35);
    assert_eq!(a.list(Tab::Visits).selected(), 1);
}

#[test]
fn the_wheel_moves_the_selection() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('2'));
    mouse(&mut a, MouseEventKind::ScrollDown, 10, 10);
    assert_eq!(a.list(Tab::Timeline).selected(), 3);
    mouse(&mut a, MouseEventKind::ScrollDown, 10, 10);
    mouse(&mut a, MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(a.list(Tab::Timeline).selected(), 3);
    mouse(&mut a, MouseEventKind::ScrollUp, 10, 10);
    mouse(&mut a, MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(a.list(Tab::Timeline).selected(), 0);
    let len = a.rows().timeline.len();
    for _ in 0..len {
        mouse(&mut a, MouseEventKind::ScrollDown, 10, 10);
    }
    assert_eq!(a.list(Tab::Timeline).selected(), len - 1);
    // In an overlay the wheel scrolls the overlay.
    press(&mut a, KeyCode::Char('?'));
    mouse(&mut a, MouseEventKind::ScrollDown, 10, 10);
    assert_eq!(*a.mode(), Mode::Help { scroll: 1 });
    assert_eq!(a.list(Tab::Timeline).selected(), len - 1);
}

#[test]
fn key_releases_are_ignored() {
    let a = app(120, 40);
    for code in [
        KeyCode::Char('q'),
        KeyCode::Char('j'),
        KeyCode::Char('2'),
        KeyCode::Esc,
        KeyCode::Tab,
    ] {
        let release = KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Release);
        assert_eq!(a.key_action(&release), None, "{code:?} released");
        assert!(a.key_action(&key_event(code, KeyModifiers::NONE)).is_some());
    }
}

#[test]
fn other_mouse_events_are_ignored() {
    let mut a = app(120, 40);
    let before = (a.tab(), a.list(Tab::Overview));
    for kind in [
        MouseEventKind::Moved,
        MouseEventKind::Up(crossterm::event::MouseButton::Left),
        MouseEventKind::Drag(crossterm::event::MouseButton::Left),
        MouseEventKind::Down(crossterm::event::MouseButton::Right),
    ] {
        mouse(&mut a, kind, 30, 1);
    }
    assert_eq!((a.tab(), a.list(Tab::Overview)), before);
}

#[test]
fn the_selection_stays_visible_after_shrinking() {
    for tab in Tab::ALL {
        let mut a = app(120, 40);
        press(&mut a, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
        press(&mut a, KeyCode::Char('G'));
        let selected = a.list(tab).selected();
        for (w, h) in [(80, 24), (60, 15), (100, 20), (30, 8), (1, 1), (60, 15)] {
            a.update(Action::Resize(w, h));
            assert_eq!(a.area().width, w);
            assert_eq!(a.list(tab).selected(), selected, "{tab:?} {w}x{h}");
            assert_cursors_valid(&a, &format!("{tab:?} after resize to {w}x{h}"));
        }
        let len = a.rows().len(tab);
        if len > 0 {
            let text = screen(&a);
            assert!(text.contains('▶'), "{tab:?}\n{text}");
            assert!(text.contains(&format!(" {len}/{len} ")), "{tab:?}\n{text}");
        }
    }
}

#[test]
fn growing_back_shows_the_top_again() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('G'));
    assert!(a.list(Tab::Timeline).offset() > 0);
    a.update(Action::Resize(120, 40));
    assert_eq!(
        a.list(Tab::Timeline).offset(),
        0,
        "everything fits at 120x40"
    );
    assert_cursors_valid(&a, "after growing");
}

#[test]
fn merged_lists_name_each_rows_relation() {
    let mut a = app(120, 40);
    keys(&mut a, "]]");
    for (tab, row_text, relation) in [
        ('2', "Pakistan becomes independent", "MEX-PAK"),
        ('4', "Cooperation agreements: culture", "MEX-VNM"),
        ('3', "Pervez Musharraf", "PAK→MEX"),
    ] {
        press(&mut a, KeyCode::Char(tab));
        let text = screen(&a);
        let row = text
            .lines()
            .find(|l| l.contains(row_text))
            .unwrap_or_else(|| panic!("{row_text:?} is not on screen:\n{text}"));
        assert!(row.contains(relation), "{row}");
    }
}
