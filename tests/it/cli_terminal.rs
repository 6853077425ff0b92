//! The command line on a pseudo-terminal: tables fitted to its width with
//! no word lost, matched words highlighted (unless NO_COLOR), and arguments
//! that hold escape sequences quoted, never obeyed.
#![cfg(unix)]

use unicode_width::UnicodeWidthStr;

use crate::common::terminal::on_a_terminal;

/// A terminal emulator that records what a program asked of the terminal
/// beyond drawing text.
#[derive(Default)]
struct Requests {
    titles: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Requests {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

fn size(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

/// The lines written, as the terminal shows them one after the other.
fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .lines()
        .map(str::to_string)
        .collect()
}

const RICE: &str = "Memorandum of Understanding between the Mexican Secretariat of \
                    Agriculture and Rural Development and the Pakistani Ministry of National \
                    Food Security & Research for the exportation of rice to Mexico";

#[test]
fn a_table_fits_an_80_column_terminal_and_hides_no_word() {
    for args in [
        &["list", "agreements", "--relation", "MEX-PAK"][..],
        &["list", "agreements"],
        &["list", "visits"],
        &["list", "timeline"],
        &["list", "trade", "--ids"],
        &["search", "agreement", "--ids"],
    ] {
        let (code, bytes) = on_a_terminal(args, 80, 24, &[("NO_COLOR", "1")]);
        assert_eq!(code, 0, "{args:?}");
        let lines = lines(&bytes);
        for line in &lines {
            assert!(
                line.width() <= 80,
                "{args:?}: {} wide: {line}",
                line.width()
            );
        }
        if args[0] == "search" {
            // A hit matched away from its headline shows an excerpt of where
            // ("… · …the words…"); its headline is never cut.
            every_headline_whole(args, &lines);
            continue;
        }
        assert!(
            !lines.iter().any(|l| l.contains('…')),
            "{args:?}: a cell was cut"
        );
        if args[1] == "agreements" {
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            let title: Vec<&str> = RICE.split_whitespace().collect();
            // Every word of the title, in order, in the title's column.
            let mut at = 0;
            for w in &words {
                if at < title.len() && *w == title[at] {
                    at += 1;
                }
            }
            assert_eq!(
                at,
                title.len(),
                "{args:?}: the title lost a word:\n{}",
                lines.join("\n")
            );
        }
    }
}

/// Every word of every hit's headline, in order, in the table's lines.
fn every_headline_whole(args: &[&str], lines: &[String]) {
    let out = assert_cmd::Command::cargo_bin("bilateral")
        .expect("the binary is built")
        .args(args.iter().filter(|a| **a != "--ids"))
        .args(["--format", "json"])
        .output()
        .expect("bilateral runs");
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
    let mut at = 0;
    for hit in hits.as_array().expect("an array") {
        let text = hit["text"].as_str().expect("a text");
        for w in text.split_whitespace() {
            while at < words.len() && words[at] != w {
                at += 1;
            }
            assert!(at < words.len(), "{args:?}: {w:?} of {text:?} is missing");
        }
    }
}

#[test]
fn piped_the_table_holds_every_character_whatever_columns_says() {
    let out = assert_cmd::Command::cargo_bin("bilateral")
        .expect("the binary is built")
        .args(["list", "agreements", "--relation", "MEX-PAK"])
        .env("COLUMNS", "40")
        .output()
        .expect("bilateral runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.lines().any(|l| l.contains(RICE)), "{text}");
}

#[test]
fn matched_words_are_highlighted_on_a_terminal_unless_no_color() {
    let args = ["search", "'dong", "--full", "--limit", "1"];
    let (code, bytes) = on_a_terminal(&args, 100, 40, &[]);
    assert_eq!(code, 0);
    let mut parser = vt100::Parser::new(size(40), size(100), 0);
    parser.process(
        &String::from_utf8_lossy(&bytes)
            .replace('\n', "\r\n")
            .into_bytes(),
    );
    let screen = parser.screen();
    let (row, col) = (0..40)
        .find_map(|r| {
            let line = screen.contents_between(r, 0, r, 100);
            line.starts_with("Visitor")
                .then(|| (r, line.find("Dong").map(|b| line[..b].width())))
        })
        .expect("a Visitor line");
    let col = u16::try_from(col.expect("Dong on the Visitor line")).unwrap_or(0);
    let cell = screen.cell(row, col).expect("a cell");
    assert!(cell.bold() && cell.underline(), "Dong is not highlighted");
    let before = screen.cell(row, col - 2).expect("a cell");
    assert!(!before.bold(), "more than the match is highlighted");

    let (_, plain) = on_a_terminal(&args, 100, 40, &[("NO_COLOR", "1")]);
    assert!(!plain.contains(&0x1b), "NO_COLOR output holds an escape");
}

/// An argument that would set the terminal's title if it were echoed raw.
const TITLE: &str = "\u{1b}]0;PWNED\u{7}";

#[test]
fn arguments_holding_escape_sequences_are_quoted_not_obeyed() {
    let runs: Vec<Vec<&str>> = vec![
        vec!["render", "--tab", TITLE],
        vec!["list", TITLE],
        vec!["--max-size", TITLE, "list", "visits"],
        vec!["list", "visits", "--format", TITLE],
        vec!["list", "visits", "--width", TITLE],
        vec!["search", "x", "--limit", TITLE],
        vec!["search", "x", "--kind", TITLE],
        vec!["completions", TITLE],
        vec!["list", "visits", "--relation", TITLE],
        vec!["list", "visits", "--columns", TITLE],
        vec!["show", TITLE],
        vec!["--data", TITLE, "list", "visits"],
        vec![TITLE],
    ];
    for args in runs {
        let (code, bytes) = on_a_terminal(&args, 120, 40, &[]);
        assert_eq!(code, 2, "{args:?}: {}", String::from_utf8_lossy(&bytes));
        let mut parser =
            vt100::Parser::new_with_callbacks(size(40), size(120), 0, Requests::default());
        parser.process(&bytes);
        let requests = parser.callbacks();
        assert!(requests.titles.is_empty(), "{args:?} set the title");
        assert!(
            requests.clipboard.is_empty(),
            "{args:?} wrote the clipboard"
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("\u{1b}]"),
            "{args:?}: an OSC reached the terminal"
        );
        assert!(
            text.contains("␛]0;PWNED␇"),
            "{args:?}: the argument is not quoted:\n{text}"
        );
    }
}
