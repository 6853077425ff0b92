//! What the screens say, reached by keys as a user reaches them: each of the
//! screen faults once found by trying the interface at real sizes.

use std::time::Duration;

use crate::common::{app, keys, press, screen};
use bilateral::app::{Action, App, Tab};
use crossterm::event::KeyCode;

/// The lines of the screen that contain `needle`.
fn lines_with(text: &str, needle: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(needle))
        .map(str::to_string)
        .collect()
}

#[test]
fn search_results_keep_a_space_between_the_date_and_the_text() {
    for (w, h) in [(120, 40), (80, 24), (60, 15)] {
        let mut a = app(w, h);
        a.search().build_index(a.ds());
        press(&mut a, KeyCode::Char(']'));
        keys(&mut a, "/'diplomatic");
        a.update(Action::SettleSearch(Duration::from_secs(10)));
        let text = screen(&a);
        // The overlay's rows, between its double borders.
        let rows: Vec<String> = lines_with(&text, "19 January 1955")
            .into_iter()
            .filter(|l| l.contains('║'))
            .collect();
        assert!(
            !rows.is_empty(),
            "{w}x{h}: no hit dated 19 January 1955\n{text}"
        );
        for row in rows {
            assert!(
                row.contains("19 January 1955 "),
                "{w}x{h}: the date runs into the text: {row}"
            );
        }
    }
}

#[test]
fn sources_of_an_empty_list_cite_nothing_as_the_selection() {
    let mut a = app(120, 40);
    // Agreements "in force": Mexico–Vietnam has none.
    keys(&mut a, "4ff");
    assert_eq!(a.rows().len(Tab::Agreements), 0);
    press(&mut a, KeyCode::Char('s'));
    let text = screen(&a);
    assert!(!text.contains("Cited by the selection"), "{text}");
    assert!(
        text.contains("Nothing is selected: the list is empty."),
        "{text}"
    );
    assert!(text.contains("All sources of this dataset"), "{text}");
}

#[test]
fn the_timeline_filter_names_trade_figures_in_words() {
    let mut a = app(120, 40);
    keys(&mut a, "2fffff");
    let text = screen(&a);
    assert!(text.contains("Timeline · only trade figures"), "{text}");
    assert!(!text.contains("trades"), "{text}");
}

/// The row of the list at the screen's left edge that contains `needle`:
/// the part of a screen line before any box beside the list.
fn row_of(a: &App, needle: &str) -> String {
    let text = screen(a);
    // A list's rows come after its header row (a chart may sit above it).
    text.lines()
        .skip_while(|l| !l.contains(" Relation "))
        .filter_map(|l| l.split("││").next())
        .find(|l| l.starts_with('│') && l.contains(needle))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("{needle:?} is not in a list:\n{text}"))
}

#[test]
fn every_list_of_all_relations_names_each_rows_relation() {
    for (w, h) in [(60, 15), (80, 24), (120, 40), (200, 60)] {
        let mut a = app(w, h);
        keys(&mut a, "]]");
        for (tab, text, relation) in [
            ('2', "1955", "MEX-PAK"),
            ('3', "Nguyen Co Thach", "MEX-VNM"),
            ('4', "2008", "MEX-PAK"),
            ('5', "2004 two-way trade", "MEX-VNM"),
            ('6', "Islamabad", "MEX-PAK"),
            ('6', "Hanoi", "MEX-VNM"),
        ] {
            press(&mut a, KeyCode::Char(tab));
            let screen_text = screen(&a);
            assert!(
                screen_text
                    .lines()
                    .any(|l| l.starts_with("│  ") && l.contains(" Relation ")),
                "{w}x{h} tab {tab}: no Relation column\n{screen_text}"
            );
            let row = row_of(&a, text);
            assert!(row.contains(relation), "{w}x{h} tab {tab}: {row}");
        }
    }
}

#[test]
fn coming_back_to_a_relation_finds_its_rows_as_they_were() {
    let mut a = app(120, 40);
    keys(&mut a, "3jj2jjjj");
    let visits = a.list(Tab::Visits);
    let timeline = a.list(Tab::Timeline);
    keys(&mut a, "][");
    assert_eq!(a.relation(), Some(0));
    assert_eq!(a.list(Tab::Visits), visits);
    assert_eq!(a.list(Tab::Timeline), timeline);
    assert!(screen(&a).contains(&format!(" 5/{} ", a.rows().timeline.len())));
    // All relations and back, with a filter changed in between: the
    // selection stays on its record.
    keys(&mut a, "3");
    let record = a.selected_record();
    keys(&mut a, "[");
    keys(&mut a, "]");
    assert_eq!(a.selected_record(), record);
}

#[test]
fn no_list_cell_touches_the_scrollbar() {
    // At 60x15 the Islamabad embassy's bar ended beside the scrollbar's
    // thumb and read as one bar with it ("██···█").
    let mut a = app(60, 15);
    keys(&mut a, "]]6");
    let text = screen(&a);
    let row = row_of(&a, "Islamabad");
    let cells: Vec<char> = row.chars().collect();
    let n = cells.len();
    assert!(
        matches!(cells[n - 1], '█' | '║'),
        "the scrollbar is on the border:\n{text}"
    );
    assert_eq!(cells[n - 2], ' ', "a gap before the scrollbar: {row}");
}
