//! The Trade tab tells the truth: every figure that is not exact carries its
//! mark on the chart and its kind in the read-out, at every size and in
//! monochrome; plus snapshots of the chart's states.

use crate::common;
use crate::common::{app, app_with, keys, screen};
use bilateral::app::{Action, App, Tab};
use bilateral::data::Qualifier;
use bilateral::query::Record;
use bilateral::query::trade::bar_label;
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// Opens the Trade tab of a relation ("]" steps from the first relation).
fn trade(width: u16, height: u16, relation: usize, color: bool) -> App {
    let mut a = app_with(width, height, color);
    a.update(Action::ShowRelation(Some(relation)));
    common::press(&mut a, KeyCode::Char('5'));
    a
}

/// Moves the year cursor until it rests on a figure of `year`.
fn cursor_to(a: &mut App, year: i32) {
    a.update(Action::Top);
    for _ in 0..50 {
        if let Some((_, Record::Trade(f))) = a.selected()
            && f.year == year
        {
            return;
        }
        a.update(Action::NextYear);
    }
    panic!("no figure for {year}");
}

#[test]
fn every_inexact_figure_shows_its_mark_and_says_what_it_is() {
    let ds = bilateral::data::load_embedded().unwrap();
    let mut checked = 0;
    for (r, rel) in ds.relations.iter().enumerate() {
        for f in rel.trade.iter().flat_map(|t| t.figures.iter()) {
            if f.amount.qualifier == Qualifier::Exact {
                continue;
            }
            for (w, h) in [(120, 40), (60, 15), (200, 60)] {
                let mut a = trade(w, h, r, false);
                cursor_to(&mut a, f.year);
                let text = screen(&a);
                let label = bar_label(f);
                assert!(
                    text.contains(&label),
                    "{} {} at {w}x{h}: the chart lacks {label:?}\n{text}",
                    rel.id,
                    f.year
                );
                let explain = f.amount.qualifier.explain();
                let first_words: String = explain
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    text.contains(&first_words),
                    "{} {} at {w}x{h}: the read-out does not say {explain:?}\n{text}",
                    rel.id,
                    f.year
                );
                checked += 1;
            }
        }
    }
    // ≈ 2024, > 2006 and the derived 2023 of Mexico–Vietnam, at three sizes each.
    assert_eq!(checked, 9);
}

#[test]
fn derived_figure_read_out_spells_out_the_derivation() {
    let mut a = trade(200, 60, 0, false);
    cursor_to(&mut a, 2023);
    let text = screen(&a);
    assert!(text.contains("15 ÷ 1.275"), "{text}");
    assert!(text.contains("░"), "derived bars are hatched:\n{text}");
}

#[test]
fn log_scale_is_automatic_and_toggles() {
    let mut a = trade(120, 40, 0, false);
    assert!(
        screen(&a).contains("log scale"),
        "figures span 80×: log by default"
    );
    keys(&mut a, "L");
    assert!(screen(&a).contains("linear scale"));
    let mut b = trade(120, 40, 1, false);
    assert!(screen(&b).contains("linear scale"), "one figure: linear");
    // Compared, every relation's figures decide: US$372 million beside
    // US$15 billion is log, from either relation.
    keys(&mut b, "c");
    assert!(
        screen(&b).contains("one scale · log scale"),
        "{}",
        screen(&b)
    );
    keys(&mut b, "L");
    assert!(screen(&b).contains("one scale · linear scale"));
}

#[test]
fn the_compare_view_survives_a_search_closed_with_esc() {
    let mut a = trade(120, 40, 0, false);
    keys(&mut a, "c");
    let before = screen(&a);
    assert!(before.contains("Mexico–Pakistan"), "{before}");
    keys(&mut a, "/");
    common::press(&mut a, KeyCode::Esc);
    assert_eq!(screen(&a), before);
}

#[test]
fn missing_years_are_never_squeezed_out() {
    let a = trade(120, 40, 0, false);
    let text = screen(&a);
    // 2005 sits between 2004 and 2006; 2007–2022 are one explicit break.
    assert!(text.contains("2004") && text.contains("2005") && text.contains("2006"));
    assert!(text.contains("⋯"), "{text}");
    assert!(text.contains("skipped years"), "{text}");
}

#[test]
fn clicking_a_bar_moves_the_cursor_to_its_year() {
    let mut a = trade(120, 40, 0, false);
    let text = screen(&a);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("2005") && l.contains("2006") && !l.contains("·"))
        .expect("the year row");
    let col = line.chars().position(|_| true).and_then(|_| {
        let byte = line.find("2006")?;
        Some(line[..byte].chars().count())
    });
    common::click(&mut a, col.unwrap() as u16, row as u16);
    match a.selected() {
        Some((_, Record::Trade(f))) => assert_eq!(f.year, 2006),
        other => panic!("{other:?}"),
    }
}

/// The foreground colour of the first cell showing `text` on the screen.
fn color_of(buf: &Buffer, text: &str) -> Option<Color> {
    let screen = bilateral::cli::render::buffer_text(buf);
    let (y, line) = screen.lines().enumerate().find(|(_, l)| l.contains(text))?;
    let x = line[..line.find(text)?].chars().count();
    Some(buf[(x as u16, y as u16)].fg)
}

#[test]
fn colour_and_monochrome_keep_the_same_marks() {
    for color in [false, true] {
        let mut a = trade(120, 40, 0, color);
        cursor_to(&mut a, 2023);
        let text = screen(&a);
        for mark in ["≈15.0B", ">300M", "11.8B*", "░"] {
            assert!(text.contains(mark), "{mark} missing with color={color}");
        }
        let buf = bilateral::cli::render::draw(&a);
        let fg = color_of(&buf, "187M");
        if color {
            assert_ne!(fg, Some(Color::Reset), "labels are coloured");
        } else {
            assert_eq!(fg, Some(Color::Reset), "NO_COLOR: no colour at all");
        }
    }
}

#[test]
fn at_common_sizes_the_bars_show_in_proportion_with_their_legend() {
    // Sizes where the chart once lost its bars, or drew them all one row high.
    for (w, h) in [
        (80, 20),
        (90, 19),
        (100, 16),
        (100, 15),
        (80, 21),
        (80, 24),
        (60, 15),
    ] {
        for scale in ["default", "toggled"] {
            let mut a = trade(w, h, 0, false);
            if scale == "toggled" {
                keys(&mut a, "L");
            }
            let text = screen(&a);
            let chart: Vec<&str> = text
                .lines()
                .skip_while(|l| !l.contains("Two-way trade per year"))
                .take_while(|l| !l.starts_with('╰'))
                .collect();
            // The column under the first bar's label (US$187 million) and
            // under the last (≈ US$15 billion): how many rows of bar each has.
            let column_height = |label: &str| {
                let (row, line) = chart
                    .iter()
                    .enumerate()
                    .find(|(_, l)| l.contains(label))
                    .unwrap_or_else(|| panic!("{w}x{h} {scale}: no {label:?}\n{text}"));
                let col = line[..line.find(label).unwrap()].chars().count();
                chart[row + 1..]
                    .iter()
                    .take_while(|l| l.chars().nth(col).is_some_and(|c| c == '█'))
                    .count()
            };
            let (small, large) = (column_height("187M"), column_height("≈15.0B"));
            assert!(
                small >= 1 && large > small,
                "{w}x{h} {scale}: {small} vs {large}\n{text}"
            );
            let legend = chart.last().unwrap();
            for mark in ["≈ approx.", "> ", "░* derived", "⋯ skipped"] {
                assert!(
                    legend.contains(mark),
                    "{w}x{h} {scale}: legend lacks {mark:?}\n{text}"
                );
            }
        }
    }
}

#[test]
fn snapshots() {
    for (w, h) in [(120, 40), (80, 24), (60, 15)] {
        for (r, name) in [(0, "mex_vnm"), (1, "mex_pak")] {
            let mut a = trade(w, h, r, false);
            insta::assert_snapshot!(format!("trade_{name}_{w}x{h}"), screen(&a));
            keys(&mut a, "L");
            let scale = if a.log_scale() { "log" } else { "linear" };
            insta::assert_snapshot!(format!("trade_{name}_{w}x{h}_{scale}"), screen(&a));
        }
        for (year, what) in [
            (2024, "approximate"),
            (2006, "lower_bound"),
            (2023, "derived"),
        ] {
            let mut a = trade(w, h, 0, false);
            cursor_to(&mut a, year);
            insta::assert_snapshot!(format!("trade_cursor_{what}_{w}x{h}"), screen(&a));
            keys(&mut a, "L");
            insta::assert_snapshot!(format!("trade_cursor_{what}_linear_{w}x{h}"), screen(&a));
        }
        let mut a = trade(w, h, 0, false);
        keys(&mut a, "c");
        insta::assert_snapshot!(format!("trade_compare_{w}x{h}"), screen(&a));
        let mut a = app(w, h);
        a.update(Action::ShowRelation(None));
        a.update(Action::GoTab(Tab::Trade));
        insta::assert_snapshot!(format!("trade_all_relations_{w}x{h}"), screen(&a));
    }
}

#[test]
fn colour_snapshot_of_the_chart() {
    // The styled buffer, so a change of colour or emphasis shows in review.
    for (w, h) in [(120, 40), (60, 15)] {
        let mut a = trade(w, h, 0, true);
        cursor_to(&mut a, 2023);
        let buf = bilateral::cli::render::draw(&a);
        insta::assert_debug_snapshot!(format!("trade_colour_{w}x{h}"), buf);
    }
}
