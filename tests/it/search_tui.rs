//! The search overlay: typing, highlighted hits, where each matched, the
//! preview, jumping to a record, `n`/`N` and what they say, the scope
//! toggle, and Esc bringing back the previous view.

use crate::common;
use std::time::Duration;

use crate::common::{app, keys, press, screen};
use bilateral::app::{Action, App, Mode, Tab};
use bilateral::query::{Kind, Record};
use crossterm::event::KeyCode;
use ratatui::style::Modifier;

fn searching(width: u16, height: u16) -> App {
    let a = app(width, height);
    a.search().build_index(a.ds());
    a
}

/// The overlay opened at this size with `query` typed and answered.
fn searched(width: u16, height: u16, query: &str) -> App {
    let mut a = searching(width, height);
    keys(&mut a, "/");
    type_query(&mut a, query);
    a
}

/// Types into the overlay and waits for the engine's complete answer.
fn type_query(a: &mut App, text: &str) {
    keys(a, text);
    a.update(Action::SettleSearch(Duration::from_secs(20)));
}

#[test]
fn overlay_snapshots() {
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = searching(w, h);
        keys(&mut a, "/");
        insta::assert_snapshot!(format!("search_empty_{w}x{h}"), screen(&a));
        type_query(&mut a, "dong");
        insta::assert_snapshot!(format!("search_dong_{w}x{h}"), screen(&a));
        common::ctrl(&mut a, 'u');
        // Matched in a detail, not in the headline: the row says where,
        // and the preview shows the whole record.
        type_query(&mut a, "rice");
        insta::assert_snapshot!(format!("search_rice_context_preview_{w}x{h}"), screen(&a));
        common::ctrl(&mut a, 'u');
        type_query(&mut a, "qqq");
        insta::assert_snapshot!(format!("search_all_relations_no_match_{w}x{h}"), screen(&a));
    }
}

#[test]
fn matched_characters_are_underlined_without_colour() {
    let a = searched(120, 40, "musharraf");
    let buf = bilateral::cli::render::draw(&a);
    let text = screen(&a);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("visit") && l.contains("Pervez Musharraf"))
        .expect("the hit is listed");
    assert!(
        !line.contains(" · "),
        "matched in its headline: no more: {line}"
    );
    let x = line[..line.find("Musharraf").unwrap()].chars().count();
    for dx in 0..9 {
        let cell = &buf[((x + dx) as u16, y as u16)];
        assert!(
            cell.modifier.contains(Modifier::UNDERLINED),
            "{dx}: {cell:?}"
        );
    }
    let before = &buf[((x - 2) as u16, y as u16)];
    assert!(!before.modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn a_hit_matched_outside_its_headline_shows_where() {
    let a = searched(120, 40, "saiffe");
    let buf = bilateral::cli::render::draw(&a);
    let text = screen(&a);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Mexico wants"))
        .expect("the hit is listed");
    assert!(
        line.contains(" · Fernando Gonzalez Saiffe"),
        "the row names the person the query matched: {line}"
    );
    let x = line[..line.find("Saiffe").unwrap()].chars().count();
    for dx in 0..6 {
        let cell = &buf[((x + dx) as u16, y as u16)];
        assert!(
            cell.modifier.contains(Modifier::UNDERLINED),
            "{dx}: {cell:?}"
        );
    }
}

#[test]
fn a_term_matched_beyond_the_headline_is_shown_beside_the_one_in_it() {
    let a = searched(80, 24, "mexico imports");
    let text = screen(&a);
    let line = text
        .lines()
        .find(|l| l.contains("Vietnam exports to"))
        .unwrap_or_else(|| panic!("the hit is listed:\n{text}"));
    // "Mexico" is in the headline, "imports" only in the other side's view.
    assert!(line.contains(" · Mexico imports fro"), "{line}");
}

#[test]
fn words_typed_apart_find_the_word_written_as_one() {
    let a = searched(80, 24, "Ha Noi");
    let text = screen(&a);
    assert!(text.contains("Mexico's embassy in Hanoi"), "{text}");
    assert!(text.contains("2 in all"), "{text}");
}

#[test]
fn a_query_wider_than_the_box_keeps_its_end_in_sight() {
    let mut a = searching(60, 15);
    keys(&mut a, "/");
    keys(
        &mut a,
        "nguyen co thach minister of foreign affairs mexico visit end",
    );
    let text = screen(&a);
    assert!(text.contains("…"), "{text}");
    assert!(text.contains("visit end"), "{text}");
}

#[test]
fn enter_jumps_to_the_record_in_its_relation_and_tab() {
    let mut a = searching(120, 40);
    // Start elsewhere: Mexico–Vietnam, Missions tab; `/` searches every relation.
    keys(&mut a, "6/");
    type_query(&mut a, "musharraf");
    press(&mut a, KeyCode::Enter);
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!(a.tab(), Tab::Visits);
    let rel = a
        .relation()
        .and_then(|r| a.ds().relations.get(r))
        .map(|r| r.id.clone());
    assert_eq!(rel.as_deref(), Some("MEX-PAK"));
    match a.selected() {
        Some((_, Record::Visit(v))) => assert_eq!(v.visitor, "Pervez Musharraf"),
        other => panic!("{other:?}"),
    }
    assert!(screen(&a).contains("▶ December 2004  Pervez Musharraf"));
}

#[test]
fn every_kind_of_hit_lands_on_its_tab() {
    for (query, tab, kind) in [
        ("cptpp", Tab::Overview, Kind::Fact),
        ("'wto accession", Tab::Timeline, Kind::Event),
        ("'scientific technical", Tab::Agreements, Kind::Agreement),
        ("'apparel", Tab::Trade, Kind::Products),
        ("'islamabad embassy", Tab::Missions, Kind::Mission),
    ] {
        let mut a = searched(120, 40, query);
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.tab(), tab, "{query}");
        let got = a.selected_record().map(|r| r.kind);
        assert_eq!(got, Some(kind), "{query}");
    }
}

#[test]
fn esc_restores_the_previous_view_and_selection() {
    let mut a = searching(120, 40);
    keys(&mut a, "]3jj");
    let before = (a.relation(), a.tab(), a.list(Tab::Visits));
    keys(&mut a, "/");
    type_query(&mut a, "thach");
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!((a.relation(), a.tab(), a.list(Tab::Visits)), before);
}

#[test]
fn n_and_shift_n_walk_the_hits_after_a_jump() {
    let mut a = searched(120, 40, "'nguyen");
    let hits: Vec<_> = a
        .search()
        .results
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|h| h.record)
        .collect();
    assert!(hits.len() >= 3);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.selected_record(), Some(hits[0]));
    keys(&mut a, "n");
    assert_eq!(a.selected_record(), Some(hits[1]));
    keys(&mut a, "n");
    assert_eq!(a.selected_record(), Some(hits[2]));
    keys(&mut a, "N");
    assert_eq!(a.selected_record(), Some(hits[1]));
    // N from the first wraps to the last.
    keys(&mut a, "NN");
    assert_eq!(a.selected_record(), hits.last().copied());
}

#[test]
fn the_query_is_edited_like_a_shell_line() {
    let mut a = searched(120, 40, "nguyen thach");
    common::ctrl(&mut a, 'w');
    assert_eq!(a.search().input.text(), "nguyen ");
    press(&mut a, KeyCode::Left);
    press(&mut a, KeyCode::Left);
    keys(&mut a, "X");
    assert_eq!(a.search().input.text(), "nguyeXn ");
    common::ctrl(&mut a, 'u');
    assert_eq!(a.search().input.text(), "");
    assert!(screen(&a).contains("type words in any order"));
}

#[test]
fn both_counts_are_shown_and_tab_narrows_to_the_relation() {
    let mut a = searched(120, 40, "rice");
    let text = screen(&a);
    assert!(
        text.contains("1 match in Mexico ⇄ Vietnam · 2 in all"),
        "{text}"
    );
    assert_eq!(a.search().hits_len(), 2, "every relation by default");
    press(&mut a, KeyCode::Tab);
    a.update(Action::SettleSearch(Duration::from_secs(20)));
    assert_eq!(a.search().hits_len(), 1, "this relation only");
    assert!(screen(&a).contains("Mexico ⇄ Vietnam only · Tab: all"));
    assert!(screen(&a).contains("1 match in Mexico ⇄ Vietnam · 2 in all"));
}

#[test]
fn n_says_where_it_is_and_when_it_wraps() {
    let mut a = searching(120, 40);
    keys(&mut a, "n");
    assert!(screen(&a).contains("n: no search to walk"));
    keys(&mut a, "/");
    type_query(&mut a, "'islamabad");
    let n = a.search().hits_len();
    assert!(n >= 3, "{n}");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&a).contains(&format!("hit 1 of {n} — n/N the others")));
    keys(&mut a, "n");
    assert!(screen(&a).contains(&format!("hit 2 of {n}")));
    keys(&mut a, "NN");
    let text = screen(&a);
    assert!(text.contains(&format!("hit {n} of {n}")), "{text}");
    assert!(
        text.contains("before the first hit, on to the last"),
        "{text}"
    );
    keys(&mut a, "n");
    assert!(screen(&a).contains("past the last hit, back to the first"));
    // Any other key clears the message.
    keys(&mut a, "j");
    assert!(!screen(&a).contains("hit 1 of"));
}

#[test]
fn the_date_never_runs_into_the_text() {
    let a = searched(120, 40, "'diplomatic relations established");
    let text = screen(&a);
    assert!(text.contains("19 January 1955 "), "{text}");
    assert!(!text.contains("1955Diplomatic"), "{text}");
}

#[test]
fn the_count_is_shown() {
    let a = searched(120, 40, "'nguyen");
    let n = a.search().results.as_ref().unwrap().total;
    assert!(n > 5);
    assert!(screen(&a).contains(&format!("{n} matches in Mexico ⇄ Vietnam · {n} in all")));
}
