//! How the interface answers keys and the mouse: tabs, lists, relations,
//! overlays, filters, clicks, wheel and resizes.

use crate::common::{
    app, assert_cursors_valid, click, ctrl, footer, key_event, keys, mouse, overlay_scroll, page,
    press, press_with, screen,
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
fn arrows_h_and_l_never_change_tabs() {
    // "6 h h h" once left the user stuck on Trade, having passed through it.
    let mut a = app(120, 40);
    keys(&mut a, "6hhh");
    assert_eq!(a.tab(), Tab::Missions);
    for code in [
        KeyCode::Char('h'),
        KeyCode::Left,
        KeyCode::Char('l'),
        KeyCode::Right,
    ] {
        for tab in Tab::ALL {
            press(&mut a, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
            press(&mut a, code);
            assert_eq!(a.tab(), tab, "{code:?} on {tab:?}");
        }
    }
}

#[test]
fn where_there_are_no_years_the_footer_says_how_to_change_tabs() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(a.tab(), Tab::Overview);
    assert_eq!(footer(&a), "h: no years here — 1–6 or Tab change tabs");
    press(&mut a, KeyCode::Right);
    assert_eq!(footer(&a), "→: no years here — 1–6 or Tab change tabs");
    press(&mut a, KeyCode::Char('j'));
    assert!(footer(&a).contains("j/k move"), "the next key clears it");
}

/// The year of the selected row of the current tab, read off the screen:
/// the year the detail pane or the chart's read-out gives it.
fn selected_year(a: &App) -> i32 {
    let tab = a.tab();
    a.rows()
        .year_at(a.ds(), tab, a.list(tab).selected())
        .unwrap_or_else(|| panic!("{tab:?}: row {} is undated", a.list(tab).selected()))
}

#[test]
fn arrows_move_by_year_in_every_dated_list() {
    for tab in [
        Tab::Timeline,
        Tab::Visits,
        Tab::Agreements,
        Tab::Missions,
        Tab::Trade,
    ] {
        // All relations: Mexico–Vietnam's agreements alone are undated.
        let mut a = app(120, 40);
        keys(&mut a, "]]");
        press(&mut a, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
        let mut years = vec![selected_year(&a)];
        for _ in 0..200 {
            press(&mut a, KeyCode::Char('l'));
            if a.message().is_some() {
                break;
            }
            years.push(selected_year(&a));
        }
        let last = *years.last().unwrap();
        assert!(years.len() >= 2, "{tab:?}: {years:?}");
        assert!(years.windows(2).all(|w| w[0] < w[1]), "{tab:?}: {years:?}");
        assert_eq!(
            footer(&a),
            format!("{last} is the last year here"),
            "{tab:?}"
        );
        // Back by year lands on each year's first row.
        press(&mut a, KeyCode::Left);
        let i = a.list(tab).selected();
        let y = selected_year(&a);
        assert_eq!(Some(&y), years.iter().rev().nth(1), "{tab:?}");
        assert!(
            i == 0 || a.rows().year_at(a.ds(), tab, i - 1) != Some(y),
            "{tab:?}: row {i} is not the first of {y}"
        );
    }
}

#[test]
fn undated_rows_say_they_have_no_years() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Char('l'));
    assert_eq!(footer(&a), "no later year: these rows have no year");
}

#[test]
fn on_trade_the_year_keys_move_the_chart_cursor() {
    let mut a = app(80, 24);
    keys(&mut a, "5l");
    assert_eq!(a.tab(), Tab::Trade);
    let text = screen(&a);
    assert!(
        text.contains("2005 · US$227 million"),
        "the read-out follows the cursor:\n{text}"
    );
    press(&mut a, KeyCode::Char('h'));
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(footer(&a), "2004 is the first year here");
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
        (KeyCode::PageDown | KeyCode::Char(' '), false) | (KeyCode::Char('f'), true) => {
            before + page as isize
        }
        (KeyCode::PageUp | KeyCode::Char('b'), false) | (KeyCode::Char('b'), true) => {
            before - page as isize
        }
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
        (KeyCode::Char(' '), none),
        (KeyCode::Char('f'), KeyModifiers::CONTROL),
        (KeyCode::Char('b'), none),
        (KeyCode::Char('b'), KeyModifiers::CONTROL),
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
fn question_mark_and_f1_open_help_and_escape_closes_it() {
    for key in [KeyCode::Char('?'), KeyCode::F(1)] {
        let mut a = app(120, 40);
        press(&mut a, key);
        assert!(matches!(a.mode(), Mode::Help { .. }), "{key:?}");
        let text = screen(&a);
        assert!(text.contains(" Keys "), "{text}");
        assert!(text.contains("show or hide this help"), "{text}");
        press(&mut a, KeyCode::Esc);
        assert_eq!(*a.mode(), Mode::Normal);
        assert!(!a.has_quit());
        assert!(!screen(&a).contains("show or hide this help"));
        press(&mut a, key);
        press(&mut a, key);
        assert_eq!(*a.mode(), Mode::Normal, "{key:?} toggles help");
    }
}

#[test]
fn f1_opens_help_over_a_text_box_and_escape_returns_to_it() {
    let mut a = app(120, 40);
    keys(&mut a, "/mexico");
    press(&mut a, KeyCode::F(1));
    assert!(matches!(a.mode(), Mode::Help { .. }));
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Search);
    assert_eq!(a.search().input.text(), "mexico");
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "rpak");
    press(&mut a, KeyCode::F(1));
    press(&mut a, KeyCode::F(1));
    let Mode::Picker(p) = a.mode() else {
        panic!("F1 twice is back in the picker: {:?}", a.mode())
    };
    assert_eq!(p.query(), "pak");
}

#[test]
fn escape_never_quits_and_the_footer_says_what_does() {
    let mut a = app(80, 24);
    for _ in 0..3 {
        press(&mut a, KeyCode::Esc);
        assert!(!a.has_quit());
        assert_eq!(*a.mode(), Mode::Normal);
    }
    assert_eq!(footer(&a), "Esc: nothing to go back to — q quits");
    // The keys the issue was found with: a record, its sources, Esc, Esc.
    keys(&mut a, "5");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('s'));
    assert!(matches!(a.mode(), Mode::Sources { .. }));
    press(&mut a, KeyCode::Esc);
    assert!(
        matches!(a.mode(), Mode::Detail { .. }),
        "Esc from the sources goes back to the record, not to the tab: {:?}",
        a.mode()
    );
    assert!(screen(&a).contains(" Record "));
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Normal);
    press(&mut a, KeyCode::Esc);
    assert!(!a.has_quit());
    assert_eq!(a.tab(), Tab::Trade);
}

#[test]
fn overlays_stack_and_their_keys_close_down_to_them() {
    let mut a = app(120, 40);
    keys(&mut a, "3j");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "s?");
    assert!(matches!(a.mode(), Mode::Help { .. }));
    assert_eq!(
        a.overlays_under().len(),
        2,
        "help over sources over the record"
    );
    // Enter shows the record again: what lay over it closes.
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Detail { .. }));
    assert!(a.overlays_under().is_empty());
    press(&mut a, KeyCode::Enter);
    assert_eq!(*a.mode(), Mode::Normal, "Enter on the record closes it");
}

/// Opens search, in every relation when `all`, types `query` and waits for
/// its results, as a user who reads them before pressing Enter.
fn search(a: &mut App, query: &str, all: bool) {
    a.search().build_index(a.ds());
    press(a, KeyCode::Char('/'));
    // Every relation by default; Tab narrows to the one on screen.
    if !all {
        press(a, KeyCode::Tab);
    }
    keys(a, query);
    a.update(Action::SettleSearch(std::time::Duration::from_secs(10)));
}

#[test]
fn after_a_jump_from_search_escape_goes_back_to_where_it_came_from() {
    let mut a = app(120, 40);
    keys(&mut a, "2jjj");
    let before = (a.relation(), a.tab(), a.list(Tab::Timeline));
    search(&mut a, "musharraf", true);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.relation(), Some(1), "the hit is a Mexico–Pakistan visit");
    assert_eq!(a.tab(), Tab::Visits);
    assert!(footer(&a).starts_with("hit 1 of "), "{}", footer(&a));
    press(&mut a, KeyCode::Char('j'));
    assert!(footer(&a).starts_with("Esc back"), "{}", footer(&a));
    press(&mut a, KeyCode::Esc);
    assert!(!a.has_quit(), "one Esc after a jump once quit");
    assert_eq!((a.relation(), a.tab(), a.list(Tab::Timeline)), before);
    press(&mut a, KeyCode::Esc);
    assert_eq!(footer(&a), "Esc: nothing to go back to — q quits");
    press(&mut a, KeyCode::Char('j'));
    assert!(!footer(&a).contains("Esc back"), "{}", footer(&a));
}

#[test]
fn escape_goes_back_out_of_a_relation_opened_from_all_relations() {
    let mut a = app(120, 40);
    keys(&mut a, "]]j");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.relation(), Some(1));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.relation(), None);
    assert_eq!(
        a.selected_relation_row(),
        Some(1),
        "on the row it was opened from"
    );
}

#[test]
fn overlays_ignore_tab_keys_and_scroll_instead() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab(), Tab::Overview);
    assert!(
        footer(&a).starts_with("Tab: not a key here"),
        "{}",
        footer(&a)
    );
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(overlay_scroll(&a), 1);
    press(&mut a, KeyCode::Char('G'));
    let end = overlay_scroll(&a);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(overlay_scroll(&a), end, "no scrolling past the end");
}

#[test]
fn q_and_ctrl_c_quit_everywhere_but_in_a_text_box() {
    // On a tab, over help, over the sources, over a record.
    for opening in [vec![], vec!['?'], vec!['s'], vec!['3', '\n']] {
        for quit in [Some('q'), None] {
            let mut a = app(120, 40);
            for c in &opening {
                match c {
                    '\n' => press(&mut a, KeyCode::Enter),
                    c => press(&mut a, KeyCode::Char(*c)),
                }
            }
            match quit {
                Some(q) => press(&mut a, KeyCode::Char(q)),
                None => ctrl(&mut a, 'c'),
            }
            assert!(a.has_quit(), "{quit:?} after {opening:?}");
        }
    }
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('r'));
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.has_quit(), "q is text in the picker");
    ctrl(&mut a, 'c');
    assert!(a.has_quit(), "Ctrl-c quits from the picker too");
}

#[test]
fn less_paging_keys_page_lists_and_overlays() {
    let mut a = app(60, 15);
    press(&mut a, KeyCode::Char('2'));
    let page = page(&a, Tab::Timeline);
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(a.list(Tab::Timeline).selected(), page);
    ctrl(&mut a, 'f');
    assert_eq!(a.list(Tab::Timeline).selected(), 2 * page);
    press(&mut a, KeyCode::Char('b'));
    assert_eq!(a.list(Tab::Timeline).selected(), page);
    ctrl(&mut a, 'b');
    assert_eq!(a.list(Tab::Timeline).selected(), 0);
    press(&mut a, KeyCode::Char('?'));
    let (lines, _) = bilateral::screen::layout::text_overlay_size(a.area());
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(
        overlay_scroll(&a),
        lines,
        "a page is what the overlay shows"
    );
    press(&mut a, KeyCode::Char('b'));
    assert_eq!(overlay_scroll(&a), 0);
}

#[test]
fn slash_in_help_filters_its_lines() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::F(1));
    let all = screen(&a);
    assert!(all.contains("next relation"), "{all}");
    keys(&mut a, "/scale");
    let text = screen(&a);
    assert!(text.contains("Keys · /scale"), "{text}");
    assert!(text.contains("logarithmic or linear scale"), "{text}");
    assert!(!text.contains("next relation"), "{text}");
    // Enter keeps the filter; keys scroll and close again.
    press(&mut a, KeyCode::Enter);
    assert!(screen(&a).contains("logarithmic or linear scale"));
    keys(&mut a, "/");
    keys(&mut a, "zzz");
    assert!(
        screen(&a).contains("No key matches \"scalezzz\""),
        "{}",
        screen(&a)
    );
    // Esc clears the filter, then closes help.
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.mode(), Mode::Help { .. }));
    assert!(screen(&a).contains("next relation"));
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Normal);
}

#[test]
fn help_filter_finds_lines_without_accents_or_case() {
    let mut a = app(120, 40);
    keys(&mut a, "?/PÁGE");
    let text = screen(&a);
    assert!(text.contains("page down"), "{text}");
    assert!(!text.contains("next tab"), "{text}");
}

#[test]
fn an_unbound_key_says_so_until_the_next_key() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(footer(&a), "x: not a key here — ? for help");
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(footer(&a), "L: a key of Trade only");
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(
        footer(&a),
        "f: a key of Timeline, Visits and Agreements only"
    );
    press(&mut a, KeyCode::F(5));
    assert_eq!(footer(&a), "F5: not a key here — ? for help");
    press(&mut a, KeyCode::Char('j'));
    assert!(!footer(&a).contains("not a key"), "{}", footer(&a));
}

#[test]
fn n_without_a_search_says_how_to_search() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(
        footer(&a),
        "n: no search to walk — / searches, Enter jumps to a hit"
    );
}

#[test]
fn n_and_shift_n_count_the_hits_and_say_when_they_wrap() {
    let mut a = app(120, 40);
    search(&mut a, "embassy", false);
    let n = a.search().hits_len();
    assert!(n >= 2, "{n} hits");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(footer(&a), format!("hit 2 of {n}"));
    press(&mut a, KeyCode::Char('N'));
    press(&mut a, KeyCode::Char('N'));
    assert_eq!(
        footer(&a),
        format!("hit {n} of {n} — before the first hit, on to the last")
    );
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(
        footer(&a),
        format!("hit 1 of {n} — past the last hit, back to the first")
    );
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
    assert_eq!(kind, Kind::Event);
    assert!(screen(&a).contains("Timeline · only events"));
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
    assert_eq!(overlay_scroll(&a), 1);
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
    // Below the strip, all 33 rows fit at 120×60.
    a.update(Action::Resize(120, 60));
    assert_eq!(
        a.list(Tab::Timeline).offset(),
        0,
        "everything fits at 120x60"
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
            // A row of the list, not the detail pane beside a chart.
            .find(|l| (l.starts_with("│▶ ") || l.starts_with("│  ")) && l.contains(row_text))
            .unwrap_or_else(|| panic!("{row_text:?} is not on screen:\n{text}"));
        assert!(row.contains(relation), "{row}");
    }
}
