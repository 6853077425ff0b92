//! The charts of every tab agree with the records (`bilateral list` output),
//! the timeline strip follows the selection under keys and clicks, and each
//! chart reads without colour.

use std::collections::BTreeMap;

use crate::common::{TODAY, app, click, press, stdout_of};
use bilateral::app::{App, Tab};
use bilateral::cli::render::draw;
use bilateral::query::tally::{OfficeClass, office_class};
use bilateral::screen::{chart, layout};
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use serde_json::{Map, Value};

/// The scopes: `]` presses from the start, and the `--relation` that lists the same records.
const SCOPES: [(usize, &str); 3] = [(0, "MEX-VNM"), (1, "MEX-PAK"), (2, "all")];

fn list(kind: &str, relation: &str) -> Vec<Map<String, Value>> {
    let text = stdout_of(&["list", kind, "--relation", relation, "--format", "json"]);
    match serde_json::from_str(&text) {
        Ok(Value::Array(rows)) => rows
            .into_iter()
            .filter_map(|r| match r {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect(),
        _ => panic!("list {kind} is not a JSON array:\n{text}"),
    }
}

fn text<'a>(row: &'a Map<String, Value>, key: &str) -> &'a str {
    row.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The year of a date as `list` writes it, or `None` for "n.d.".
fn year(date: &str) -> Option<i32> {
    let digits: String = date
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)?
        .to_string();
    digits.parse().ok()
}

fn in_scope(scope: usize, width: u16, height: u16, tab: Tab) -> App {
    let mut a = app(width, height);
    for _ in 0..scope {
        press(&mut a, KeyCode::Char(']'));
    }
    press(&mut a, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
    a
}

/// Whether a visit row goes from its relation's first country to its second.
fn forward(a: &App, row: &Map<String, Value>) -> bool {
    let ds = a.ds();
    let rel = ds
        .relations
        .iter()
        .find(|r| r.id == text(row, "relation"))
        .expect("a listed visit names its relation");
    let first = ds.country_name(&rel.countries[0]);
    text(row, "direction").starts_with(&format!("{first} → "))
}

/// The number drawn right after `label` on screen (after spaces), where
/// `label` starts a word ("culture", not the end of "agriculture").
fn drawn_after(screen: &str, label: &str) -> Option<u32> {
    screen.lines().find_map(|l| {
        let at = l.match_indices(label).find_map(|(i, _)| {
            let before = l[..i].chars().next_back();
            (!before.is_some_and(char::is_alphanumeric)).then_some(i)
        })?;
        let rest = &l[at + label.len()..];
        // The rest of a word cut short ("…"), then the count.
        let digits: String = rest
            .trim_start_matches(|c: char| !c.is_whitespace())
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

#[test]
fn visit_counts_drawn_agree_with_list_output() {
    for (scope, relation) in SCOPES {
        let rows = list("visits", relation);
        let a = in_scope(scope, 120, 40, Tab::Visits);
        let mut per_year: BTreeMap<i32, [u32; 2]> = BTreeMap::new();
        let mut undated = [0u32; 2];
        let mut offices = [0u32; 5];
        for r in &rows {
            let d = usize::from(!forward(&a, r));
            match year(text(r, "date")) {
                Some(y) => per_year.entry(y).or_default()[d] += 1,
                None => undated[d] += 1,
            }
            let office = Some(text(r, "office")).filter(|o| !o.is_empty());
            offices[office_class(office).index()] += 1;
        }
        let t = &a.rows().tally.visits;
        let want: Vec<(i32, [u32; 2])> = per_year.into_iter().collect();
        assert_eq!(
            t.per_year, want,
            "{relation}: visits per year and direction"
        );
        assert_eq!(t.undated, undated, "{relation}: undated visits");
        let got: Vec<u32> = t.offices.iter().map(|c| c[0] + c[1]).collect();
        assert_eq!(got, offices, "{relation}: visits by office");
        // What is drawn: each office class's count, each direction's dated and undated count.
        let screen = crate::common::screen(&a);
        for c in OfficeClass::ALL {
            let n = offices[c.index()];
            if c == OfficeClass::NotStated && n == 0 {
                continue;
            }
            assert_eq!(
                drawn_after(&screen, c.label()),
                Some(n),
                "{relation} {c:?}\n{screen}"
            );
        }
        let legend = screen
            .lines()
            .find(|l| l.contains("│█ ") && l.contains("  ▒ "))
            .unwrap_or_else(|| panic!("{relation}: no legend\n{screen}"));
        let legend = &legend[legend.find('█').unwrap_or(0)..];
        for (d, part) in legend.split("  ▒ ").take(2).enumerate() {
            let dated: u32 = want.iter().map(|(_, c)| c[d]).sum();
            let count = part
                .split_whitespace()
                .filter_map(|w| w.parse::<u32>().ok())
                .next();
            assert_eq!(count, Some(dated), "{relation} direction {d}: {part}");
            if undated[d] > 0 {
                assert!(part.contains(&format!("(+{} n.d.)", undated[d])), "{part}");
            }
        }
    }
}

#[test]
fn agreement_counts_drawn_agree_with_list_output() {
    for (scope, relation) in SCOPES {
        let rows = list("agreements", relation);
        let a = in_scope(scope, 120, 40, Tab::Agreements);
        let mut status: BTreeMap<String, u32> = BTreeMap::new();
        let mut area: BTreeMap<String, u32> = BTreeMap::new();
        let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
        let mut undated = 0;
        for r in &rows {
            *status.entry(text(r, "status").to_string()).or_default() += 1;
            *area.entry(text(r, "area").to_string()).or_default() += 1;
            match year(text(r, "signed")) {
                Some(y) => *per_year.entry(y).or_default() += 1,
                None => undated += 1,
            }
        }
        let t = &a.rows().tally.agreements;
        assert_eq!(t.undated, undated, "{relation}");
        assert_eq!(
            t.per_year,
            per_year.into_iter().collect::<Vec<_>>(),
            "{relation}"
        );
        let got_area: BTreeMap<String, u32> =
            t.by_area.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        assert_eq!(got_area, area, "{relation}");
        let screen = crate::common::screen(&a);
        for (label, n) in &status {
            assert_eq!(
                drawn_after(&screen, label),
                Some(*n),
                "{relation} {label}\n{screen}"
            );
        }
        // Areas that find no row are counted on the last: "… 2 more areas (3)".
        let (mut hidden, mut hidden_n) = (0, 0);
        for (label, n) in &area {
            // Long names are cut to their column ("science and technolo…").
            let label: String = label.chars().take(16).collect();
            match drawn_after(&screen, &label) {
                Some(drawn) => assert_eq!(drawn, *n, "{relation} {label}\n{screen}"),
                None => {
                    hidden += 1;
                    hidden_n += n;
                }
            }
        }
        if hidden > 0 {
            let more = format!("… {hidden} more areas ({hidden_n})");
            assert!(screen.contains(&more), "{relation}: {more}\n{screen}");
        }
        let note = if undated > 0 && t.per_year.is_empty() {
            format!("any of the {undated}")
        } else if undated > 0 {
            format!("{undated} with no date given")
        } else {
            "Every agreement has a date".into()
        };
        assert!(screen.contains(&note), "{relation}: {note}\n{screen}");
    }
}

#[test]
fn timeline_strip_counts_agree_with_list_output() {
    for (scope, relation) in SCOPES {
        let rows = list("timeline", relation);
        let a = in_scope(scope, 120, 40, Tab::Timeline);
        let t = &a.rows().tally;
        let dated = rows
            .iter()
            .filter(|r| year(text(r, "date")).is_some())
            .count() as u32;
        let undated = rows.len() as u32 - dated;
        let counted: u32 = t.timeline.iter().flat_map(|(_, c)| c.iter()).sum();
        assert_eq!(counted, dated, "{relation}: dated records on the strip");
        assert_eq!(
            t.timeline_undated.iter().sum::<u32>(),
            undated,
            "{relation}"
        );
        for (y, c) in &t.timeline {
            let listed = rows
                .iter()
                .filter(|r| year(text(r, "date")) == Some(*y))
                .count() as u32;
            assert_eq!(c.iter().sum::<u32>(), listed, "{relation} {y}");
        }
    }
}

/// The strip's area and layout in the app's terminal.
fn strip_of(a: &App) -> (Rect, chart::Strip) {
    let body = layout::body(
        layout::frame(a.area()).body,
        Tab::Timeline,
        a.relation().is_none(),
    );
    let top = body.top.expect("the timeline has a strip at this size");
    let s = chart::strip(&a.rows().tally, chart::inner(top), TODAY).expect("the strip fits");
    (top, s)
}

/// The reversed text on the strip's axis row: the selected row's year.
fn marked_year(buf: &Buffer, s: &chart::Strip) -> String {
    (s.inner.x..s.inner.right())
        .filter_map(|x| buf.cell((x, s.axis_y)))
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(|c| c.symbol())
        .collect::<String>()
        .trim()
        .to_string()
}

fn selected_year(a: &App) -> Option<i32> {
    let e = a.rows().timeline.get(a.list(Tab::Timeline).selected())?;
    e.date.map(|d| d.year())
}

#[test]
fn strip_marks_the_selected_year_as_keys_move() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = in_scope(0, w, h, Tab::Timeline);
        let (_, s) = strip_of(&a);
        for key in ['j', 'j', 'l', 'l', 'l', 'h', 'G', 'g'] {
            press(&mut a, KeyCode::Char(key));
            let buf = draw(&a);
            match selected_year(&a) {
                Some(y) => assert_eq!(marked_year(&buf, &s), y.to_string(), "after {key}"),
                None => assert_eq!(marked_year(&buf, &s), "", "after {key}"),
            }
        }
    }
}

#[test]
fn a_click_on_the_strip_selects_the_first_record_of_that_year() {
    let mut a = in_scope(0, 120, 40, Tab::Timeline);
    let (_, s) = strip_of(&a);
    for year in [2002, 1975, 2024, 1985] {
        let (x, _) = s.axis.slot_of(year).expect("the year has a slot");
        click(&mut a, x, s.rows[0].1);
        assert_eq!(selected_year(&a), Some(year));
        let first = a
            .rows()
            .timeline
            .iter()
            .position(|e| e.date.is_some_and(|d| d.year() == year));
        assert_eq!(Some(a.list(Tab::Timeline).selected()), first);
        assert_eq!(marked_year(&draw(&a), &s), year.to_string());
    }
    // A year with no record: the selection stays, and the footer says why.
    let before = a.list(Tab::Timeline).selected();
    let (x, _) = s.axis.slot_of(1977).expect("1977 has a slot");
    click(&mut a, x, s.axis_y);
    assert_eq!(a.list(Tab::Timeline).selected(), before);
    assert!(crate::common::footer(&a).contains("1977"));
}

/// The rows of `area` as text, each followed by a line marking its styled
/// cells: `^` reversed (the cursor), `.` dim; what NO_COLOR leaves of the style.
fn styled(buf: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.y..area.bottom() {
        let cells: Vec<_> = (area.x..area.right())
            .filter_map(|x| buf.cell((x, y)))
            .collect();
        let line: String = cells.iter().map(|c| c.symbol()).collect();
        let marks: String = cells
            .iter()
            .map(|c| {
                if c.modifier.contains(Modifier::REVERSED) {
                    '^'
                } else if c.modifier.contains(Modifier::DIM) {
                    '.'
                } else {
                    ' '
                }
            })
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
        if !marks.trim().is_empty() {
            out.push_str(marks.trim_end());
            out.push('\n');
        }
    }
    out
}

#[test]
fn every_chart_without_colour() {
    let cases = [
        ("timeline_mex_vnm", 0, Tab::Timeline),
        ("visits_mex_vnm", 0, Tab::Visits),
        ("visits_mex_pak", 1, Tab::Visits),
        ("agreements_mex_vnm", 0, Tab::Agreements),
        ("agreements_mex_pak", 1, Tab::Agreements),
        ("overview_mex_vnm", 0, Tab::Overview),
        ("overview_all", 2, Tab::Overview),
        ("trade_compare_all", 2, Tab::Trade),
    ];
    for (name, scope, tab) in cases {
        let mut a = in_scope(scope, 80, 24, tab);
        if tab == Tab::Timeline {
            press(&mut a, KeyCode::Char('l'));
        }
        assert!(!a.theme().color(), "the test app draws as under NO_COLOR");
        let body = layout::body(layout::frame(a.area()).body, tab, a.relation().is_none());
        let top = body.top.expect("the tab has a chart or card at 80×24");
        insta::assert_snapshot!(format!("no_color_{name}"), styled(&draw(&a), top));
    }
}
