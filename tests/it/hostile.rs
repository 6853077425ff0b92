//! A dataset written to attack the terminal that prints it
//! (`tests/fixtures/hostile.json`, made by `tests/fixtures/hostile.py`) goes
//! through every list, search and validate, in every format, on the real
//! binary; the raw bytes it writes must hold nothing a terminal would act on.

use crate::common;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::forbidden::forbidden;
use serde_json::Value;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use bilateral::cli::lists::{self, ListKind};
use bilateral::cli::table::{Format, Layout};
use clap::ValueEnum;

const FORMATS: [&str; 4] = ["table", "json", "csv", "md"];

/// What each kind of trick in the fixture must look like once printed.
const PLACEHOLDERS: [(&str, &str); 17] = [
    ("clear screen", "␛[2J"),
    ("cursor move", "␛[10;10H"),
    ("colour", "␛[31m"),
    ("window title", "␛]0;pwned␇"),
    ("OSC 8 hyperlink", "␛]8;;https://example.invalid/pwned␛\\"),
    ("OSC 52 clipboard", "␛]52;c;ZWNobyBwd25lZA==␇"),
    ("8-bit CSI", "⟨U+009B⟩2J"),
    ("8-bit OSC", "⟨U+009D⟩0;pwned⟨U+009C⟩"),
    ("right-to-left override", "⟨U+202E⟩gnp.exe⟨U+202C⟩"),
    ("isolate", "⟨U+2066⟩isolated⟨U+2069⟩"),
    ("NUL", "nul␀"),
    ("BEL", "bel␇"),
    ("backspace", "bs␈x"),
    ("DEL", "del␡"),
    (
        "zero-width",
        "zw⟨U+200B⟩⟨U+200C⟩⟨U+200D⟩⟨U+2060⟩⟨U+FEFF⟩⟨U+00AD⟩",
    ),
    ("tag characters", "tag⟨U+E0041⟩⟨U+E007F⟩"),
    // A carriage return, like any line break, becomes a space.
    ("carriage return", "cr over"),
];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.json")
}

fn bilateral(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run bilateral")
}

fn with_fixture(args: &[&str]) -> Output {
    let data = fixture();
    let mut all = vec!["--data", data.to_str().unwrap()];
    all.extend_from_slice(args);
    bilateral(&all)
}

/// Fails with the offending place if `bytes` hold anything a terminal would act on.
fn assert_inert(bytes: &[u8], what: &str) {
    for (i, &b) in bytes.iter().enumerate() {
        let bad = match b {
            b'\n' => false,
            0x00..=0x1F | 0x7F => true,
            // C1 controls U+0080–U+009F are C2 80–C2 9F in UTF-8.
            0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
            _ => false,
        };
        assert!(
            !bad,
            "{what}: byte {b:#04x} at offset {i}, near {:?}",
            String::from_utf8_lossy(&bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())])
        );
    }
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
        panic!(
            "{what}: U+{:04X} at offset {i}, near {:?}",
            u32::from(c),
            near(text, i)
        );
    }
}

/// The text around byte `i`, for failure messages.
fn near(text: &str, i: usize) -> &str {
    let mut start = i.saturating_sub(40);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (i + 40).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// JSON output is checked as JSON too: serde_json writes a control character
/// as an escape (`\u001b`), which no byte scan sees but which any consumer
/// (`jq -r`) turns back into a raw ESC. Data is cleaned when it is loaded, so
/// no escape other than `\\` and `\"` may appear, and no decoded string may hold
/// a forbidden character.
fn assert_json_inert(text: &str, what: &str) {
    let mut bytes = text.bytes().enumerate();
    while let Some((i, b)) = bytes.next() {
        if b == b'\\' {
            let (_, escaped) = bytes.next().expect("an escape is complete");
            assert!(
                matches!(escaped, b'\\' | b'"'),
                "{what}: escape \\{} at offset {i}, near {:?}",
                escaped as char,
                near(text, i)
            );
        }
    }
    let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut strings = Vec::new();
    collect_strings(&value, &mut strings);
    for s in strings {
        assert!(!s.chars().any(forbidden), "{what}: {s:?}");
    }
}

fn collect_strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k);
                collect_strings(v, out);
            }
        }
        _ => {}
    }
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).expect("stdout is UTF-8")
}

#[test]
fn the_fixture_is_a_valid_dataset() {
    let out = bilateral(&["validate", fixture().to_str().unwrap()]);
    assert_inert(&out.stdout, "validate stdout");
    assert_inert(&out.stderr, "validate stderr");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = stdout(&out);
    assert!(
        said.contains(": valid — 2 sources, 3 countries, 1 relation, "),
        "{said}"
    );
    assert!(said.trim_end().ends_with(", 19 records"), "{said}");
}

#[test]
fn the_fixture_really_is_hostile() {
    // Guards the other tests against a fixture that lost its teeth.
    let text = std::fs::read_to_string(fixture()).unwrap();
    for needle in [
        r"\u001b[2J",
        r"\u001b[10;10H",
        r"\u001b[31m",
        r"\u001b]0;pwned\u0007",
        r"\u001b]8;;",
        r"\u001b]52;c;",
        r"\u009b",
        r"\u202e",
        r"\u2066",
        r"\u0000",
        r"\u0007",
        r"\b",
        r"\r",
        r"\u200b",
        r"\u200d",
        r"\ufeff",
        "中华人民共和国",
        "👍🏽",
        "Phạm Văn Đồng",
        "Pha\u{323}m Va\u{306}n \u{110}o\u{302}\u{300}ng",
        &"Supercalifragilistic".repeat(400),
        &"长".repeat(10_000),
    ] {
        assert!(text.contains(needle), "fixture lacks {needle:?}");
    }
}

#[test]
fn every_list_in_every_format_prints_no_escape_sequence() {
    for format in FORMATS {
        let mut all = String::new();
        for kind in common::list_kinds() {
            let what = format!("list {kind} --format {format}");
            let out = with_fixture(&["list", kind, "--format", format]);
            assert_inert(&out.stdout, &format!("{what}: stdout"));
            assert_inert(&out.stderr, &format!("{what}: stderr"));
            assert!(
                out.status.success(),
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.stderr.is_empty(), "{what}: stderr not empty");
            let text = stdout(&out);
            assert!(text.contains('␛'), "{what}: no escape shown as ␛");
            if format == "json" {
                assert_json_inert(text, &what);
            }
            all.push_str(text);
        }
        for (name, shown) in PLACEHOLDERS {
            // Markdown escapes its own syntax ("\\[") around the placeholders.
            let shown = match format {
                "md" => bilateral::cli::escape::md_text(shown),
                _ => shown.to_string(),
            };
            assert!(
                all.contains(&shown),
                "--format {format}: no {name} shown as {shown:?}"
            );
        }
    }
}

#[test]
fn search_in_every_format_prints_no_escape_sequence() {
    for format in FORMATS {
        let what = format!("search pwned --format {format}");
        let out = with_fixture(&["search", "pwned", "--format", format]);
        assert_inert(&out.stdout, &format!("{what}: stdout"));
        assert_inert(&out.stderr, &format!("{what}: stderr"));
        assert!(out.status.success(), "{what}");
        let text = stdout(&out);
        assert!(text.contains('␛'), "{what}: no escape shown as ␛");
        if format == "json" {
            assert_json_inert(text, &what);
            let hits: Vec<Value> = serde_json::from_str(text).unwrap();
            assert!(hits.len() >= 10, "{what}: {} hits", hits.len());
        }
    }
}

#[test]
fn markdown_and_csv_keep_one_record_per_row() {
    for kind in common::list_kinds() {
        let json: Vec<Value> =
            serde_json::from_slice(&with_fixture(&["list", kind, "--format", "json"]).stdout)
                .unwrap();
        let md = with_fixture(&["list", kind, "--format", "md"]);
        let lines: Vec<&str> = stdout(&md).lines().collect();
        assert_eq!(lines.len(), json.len() + 2, "list {kind} --format md");
        for line in &lines {
            assert!(line.starts_with("| ") && line.ends_with(" |") || line.starts_with("|---"));
        }
        let csv = with_fixture(&["list", kind, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
        let width = reader.headers().unwrap().len();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), json.len(), "list {kind} --format csv");
        assert!(records.iter().all(|r| r.len() == width));
    }
}

/// Splits a line at display columns: the text from each start to the next.
fn split_at_columns(line: &str, starts: &[usize]) -> Vec<String> {
    let mut cells = vec![String::new(); starts.len()];
    let mut k = 0;
    // The width of the prefix measured so far, and where it ends.
    let (mut settled, mut settled_at) = (0, 0);
    for (i, c) in line.char_indices() {
        // The width of the whole prefix, so that sequences measured together
        // (an emoji and its variation selector) are measured as the table
        // does. No such sequence goes on across an ASCII or CJK character,
        // so the prefix before one is measured once and kept.
        if c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c) {
            (settled, settled_at) = (settled + line[settled_at..i].width(), i);
        }
        let before = settled + line[settled_at..i].width();
        while k + 1 < starts.len() && before >= starts[k + 1] {
            assert_eq!(
                before,
                starts[k + 1],
                "a character straddles column {}: {line:?}",
                starts[k + 1]
            );
            k += 1;
        }
        cells[k].push(c);
    }
    cells
}

#[test]
fn tables_stay_aligned_with_wide_characters_and_combining_marks() {
    let mut wide_rows = 0;
    for (&kind, name) in ListKind::value_variants().iter().zip(common::list_kinds()) {
        // What each cell holds, from CSV: the table's columns, in its order.
        let keys = lists::keys(kind, &Layout::plain(Format::Table)).unwrap();
        let columns = keys.join(",");
        let csv = with_fixture(&["list", name, "--format", "csv", "--columns", &columns]);
        let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        // Piped, the table is not fitted to any width: one line per row.
        let out = with_fixture(&["list", name]);
        let lines: Vec<&str> = stdout(&out).lines().collect();
        assert_eq!(lines.len(), rows.len() + 2, "list {name}");
        // The rule under the header: one run of ─ per column.
        let mut starts = Vec::new();
        let mut prev = ' ';
        for (col, c) in lines[1].chars().enumerate() {
            if c == '─' && prev == ' ' {
                starts.push(col);
            }
            prev = c;
        }
        assert_eq!(starts.len(), keys.len(), "list {name}: {}", lines[1]);
        for (row, line) in rows.iter().zip(&lines[2..]) {
            let cells = split_at_columns(line, &starts);
            if line.chars().any(|c| c.width().unwrap_or(0) == 2) {
                wide_rows += 1;
            }
            for (k, (want, got)) in row.iter().zip(&cells).enumerate() {
                // CSV keeps a spreadsheet from reading a cell as a formula; the table needs not.
                let want = match want.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
                    _ => want,
                };
                // Two spaces before the next column, unless the line ends here.
                let rest_empty = cells[k + 1..].iter().all(String::is_empty);
                let got = match got.strip_suffix("  ") {
                    Some(cell) => cell,
                    None if rest_empty => got.as_str(),
                    None => panic!("list {name}: no gap after {got:?} in {line:?}"),
                };
                assert_eq!(got.trim_end(), want.trim_end(), "list {name}: in {line:?}");
            }
        }
    }
    assert!(wide_rows >= 5, "only {wide_rows} rows with wide characters");
}

/// The characters of a table, leaving out what the layout adds (spaces and the rule).
fn table_chars(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text
        .chars()
        .filter(|&c| !matches!(c, ' ' | '─' | '\n'))
        .collect();
    chars.sort_unstable();
    chars
}

#[test]
fn ten_thousand_character_words_are_kept_whole_piped_and_wrapped_to_a_width() {
    let words = [
        "Supercalifragilistic".repeat(500),
        "长".repeat(10_000),
        "a\u{301}".repeat(5_000),
    ];
    let mut seen = [false; 3];
    for kind in common::list_kinds() {
        let piped = with_fixture(&["list", kind]);
        let piped = stdout(&piped);
        assert!(!piped.contains('…'), "list {kind} cut a cell:\n{piped}");
        for (w, word) in words.iter().enumerate() {
            seen[w] |= piped.contains(word.as_str());
        }
        // Fitted to 80 columns, long text wraps inside its cell: every line
        // fits, and not one character is lost.
        let fitted = with_fixture(&["list", kind, "--width", "80"]);
        let fitted = stdout(&fitted);
        for line in fitted.lines() {
            assert!(
                line.width() <= 80,
                "list {kind}: a line {} wide",
                line.width()
            );
        }
        assert!(
            table_chars(fitted) == table_chars(piped),
            "list {kind} --width 80 lost or added characters"
        );
    }
    for (w, word) in words.iter().enumerate() {
        assert!(seen[w], "{:?}… never shown whole", &word[..20]);
    }
}

#[test]
fn raw_c1_and_bidi_characters_in_the_file_are_cleaned_too() {
    // JSON allows C1 and bidi characters unescaped; the fixture escapes them.
    let text = std::fs::read_to_string(fixture()).unwrap();
    let raw = text
        .replace(r"\u009b", "\u{9b}")
        .replace(r"\u009d", "\u{9d}")
        .replace(r"\u009c", "\u{9c}")
        .replace(r"\u0085", "\u{85}")
        .replace(r"\u202e", "\u{202e}")
        .replace(r"\u2066", "\u{2066}")
        .replace(r"\u200b", "\u{200b}");
    assert!(raw.contains('\u{9b}') && raw.contains('\u{202e}'));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.json");
    std::fs::write(&path, raw).unwrap();
    for format in FORMATS {
        let out = bilateral(&[
            "--data",
            path.to_str().unwrap(),
            "list",
            "visits",
            "--format",
            format,
        ]);
        assert!(out.status.success());
        assert_inert(&out.stdout, &format!("raw list visits --format {format}"));
        if format != "table" {
            assert!(stdout(&out).contains("⟨U+009B⟩2J"));
            assert!(stdout(&out).contains("⟨U+202E⟩gnp.exe"));
        }
    }
}

/// The fixture with faults whose text is hostile: every error message quotes it.
fn broken_fixture() -> String {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(fixture()).unwrap()).unwrap();
    let rel = &mut v["relations"][0];
    rel["events"][0]["date"] = "19\u{1b}[2J75".into();
    rel["visits"][0]["from"] = "X\u{1b}]0;pwned\u{7}".into();
    rel["visits"][1]["id"] = rel["visits"][0]["id"].clone();
    rel["agreements"][0]["sources"][0]["source"] = "\u{202e}nope\u{9b}31m".into();
    rel["missions"][0]["\u{1b}[31mevil\u{200b}"] = "x".into();
    rel["trade"]["currency"] = "U\u{0}D".into();
    v["countries"][0]["code"] = "I\u{9b}N".into();
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn validation_errors_quote_hostile_text_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, broken_fixture()).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        vec!["validate", path],
        vec!["--data", path, "list", "visits"],
    ] {
        let out = bilateral(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert_inert(&out.stderr, &format!("{args:?}: stderr"));
        let err = String::from_utf8(out.stderr).unwrap();
        for shown in [
            "19␛[2J75",
            "X␛]0;pwned␇",
            "⟨U+202E⟩nope⟨U+009B⟩31m",
            "␛[31mevil⟨U+200B⟩",
            "U␀D",
            "I⟨U+009B⟩N",
        ] {
            assert!(err.contains(shown), "{args:?}: no {shown:?} in\n{err}");
        }
        assert!(err.contains("duplicate id"), "{err}");
    }
}

#[test]
fn a_syntax_error_on_a_hostile_line_is_shown_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("syntax.json");
    let mut bytes = b"{\"sources\": [\x1b[2J\x1b]0;pwned\x07 \xc2\x9b31m \xe2\x80\xae]".to_vec();
    bytes.extend_from_slice(b"\n\x1b]52;c;ZWNobyBwd25lZA==\x07\n");
    std::fs::write(&path, bytes).unwrap();
    let out = bilateral(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert(&out.stderr, "syntax error");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error[syntax] "), "{err}");
    assert!(
        err.contains("syntax.json:1:14: invalid JSON: expected value"),
        "{err}"
    );
    assert!(
        err.contains("␛[2J␛]0;pwned␇ ⟨U+009B⟩31m ⟨U+202E⟩]"),
        "{err}"
    );
    assert!(err.contains("␛]52;c;"), "{err}");
}

#[test]
fn hostile_file_names_and_arguments_are_shown_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x\u{1b}[2J\u{202e}.json");
    std::fs::copy(fixture(), &path).unwrap();
    let path = path.to_str().unwrap();

    let out = bilateral(&["validate", path]);
    assert!(out.status.success());
    assert_inert(&out.stdout, "validate with a hostile name");
    assert!(stdout(&out).contains("x␛[2J⟨U+202E⟩.json: valid"));

    let missing = format!("{path}.missing\u{7}");
    let out = bilateral(&["--data", &missing, "list", "visits"]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert(&out.stderr, "a missing file with a hostile name");

    let out = bilateral(&[
        "--data",
        path,
        "list",
        "visits",
        "--relation",
        "\u{1b}]0;pwned\u{7}",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert(&out.stderr, "a hostile --relation");
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛]0;pwned␇"));
}

#[test]
fn errors_quoting_ten_thousand_character_values_stay_short() {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(fixture()).unwrap()).unwrap();
    v["countries"][0]["code"] = "长".repeat(10_000).into();
    v["relations"][0]["events"][0]["date"] = "9".repeat(10_000).into();
    v["relations"][0]["trade"]["figures"][0]["year"] = "\u{1b}[31m".repeat(2_000).into();
    v["relations"][0]["facts"][0]["x".repeat(10_000)] = 1.into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let out = bilateral(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert(&out.stderr, "long values");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("{}: 5 problems found\n", path.display())),
        "{err}"
    );
    for line in err.lines() {
        assert!(line.width() < 600, "a line {} wide: {line}", line.width());
    }
    assert!(err.contains("is not an ISO 3166-1 alpha-3 code"), "{err}");
    assert!(
        err.contains("expected YYYY, YYYY-MM or YYYY-MM-DD"),
        "{err}"
    );
    assert!(err.contains("expected i32"), "{err}");
}

/// Runs bilateral with both stdout and stderr on a pseudo-terminal, as a user
/// at a terminal would, and returns its exit code and every byte it wrote.
fn on_a_terminal(args: &[&str]) -> (u32, Vec<u8>) {
    common::terminal::on_a_terminal(args, 200, 50, &[])
}

#[test]
fn on_a_terminal_the_byte_stream_holds_no_escape_sequence_from_the_data() {
    let data = fixture();
    let data = data.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, broken_fixture()).unwrap();
    let broken = broken.to_str().unwrap();
    let mut runs: Vec<(Vec<&str>, u32)> = Vec::new();
    for kind in common::list_kinds() {
        runs.push((vec!["--data", data, "list", kind], 0));
    }
    runs.push((
        vec!["--data", data, "list", "timeline", "--format", "json"],
        0,
    ));
    runs.push((vec!["--data", data, "search", "pwned"], 0));
    runs.push((vec!["validate", data], 0));
    runs.push((vec!["validate", broken], 2));
    for (args, code) in runs {
        let (exit, bytes) = on_a_terminal(&args);
        assert_eq!(exit, code, "{args:?}: {}", String::from_utf8_lossy(&bytes));
        assert!(!bytes.is_empty(), "{args:?}: nothing written");
        // The terminal itself turns each line feed into CR LF; no other CR may appear.
        // Search emphasises its matches with bold and underline: the one
        // sequence the program itself writes, which no data can inject.
        let text = String::from_utf8_lossy(&bytes)
            .replace("\r\n", "\n")
            .replace("\x1b[1;4m", "")
            .replace("\x1b[22;24m", "");
        assert_inert(text.as_bytes(), &format!("{args:?} on a terminal"));
        if args != ["validate", data] {
            assert!(text.contains('␛'), "{args:?}: no escape shown as ␛");
        }
    }
}

/// 60,000 sources; a fact citing 50,000 of them, the last first; 100,000
/// products in one flow; and 2,000 events citing a source each.
fn sources_by_the_ten_thousand() -> String {
    let sources: Vec<String> = (1..=60_000)
        .map(|i| format!("{{\"id\":\"s{i}\",\"title\":\"Source {i}\",\"kind\":\"news\"}}"))
        .collect();
    let cites: Vec<String> = (10_001..=60_000)
        .rev()
        .map(|i| format!("{{\"source\":\"s{i}\"}}"))
        .collect();
    let products: Vec<String> = (0..100_000).map(|i| format!("\"product {i}\"")).collect();
    let events: Vec<String> = (0..2_000)
        .map(|i| {
            format!(
                "{{\"id\":\"e{i}\",\"title\":\"Event {i}\",\"sources\":[{{\"source\":\"s{}\"}}]}}",
                i * 30 + 1
            )
        })
        .collect();
    format!(
        "{{\"sources\":[{}],\"countries\":[{{\"code\":\"MEX\",\"name\":\"Mexico\"}},{{\"code\":\"VNM\",\"name\":\"Vietnam\"}}],\
         \"relations\":[{{\"id\":\"MEX-VNM\",\"countries\":[\"MEX\",\"VNM\"],\"summary\":\"s\",\"sources\":[{{\"source\":\"s60000\"}}],\
         \"events\":[{}],\
         \"trade\":{{\"currency\":\"USD\",\"products\":[{{\"id\":\"p\",\"from\":\"MEX\",\"to\":\"VNM\",\"products\":[{}],\"sources\":[{{\"source\":\"s1\"}}]}}]}},\
         \"facts\":[{{\"id\":\"f\",\"category\":\"plan\",\"text\":\"A fact with 50,000 sources\",\"sources\":[{}]}}]}}]}}",
        sources.join(","),
        events.join(","),
        products.join(","),
        cites.join(",")
    )
}

#[test]
fn tens_of_thousands_of_sources_citations_and_products_are_cited_by_number() {
    // Each lookup of a source by its id is one step: every command's time
    // grows with the size of the file, not its square (benches/complexity.rs).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.json");
    std::fs::write(&path, sources_by_the_ten_thousand()).unwrap();
    let data = path.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--data", data];
        all.extend_from_slice(args);
        let out = bilateral(&all);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run(&["list", "facts", "--format", "csv"]);
    assert!(
        csv.contains("[60000] Source 60000; [59999] Source 59999;"),
        "{csv:.300}"
    );
    assert!(
        csv.trim_end().ends_with("[10001] Source 10001"),
        "{:.300}",
        &csv[csv.len().saturating_sub(300)..]
    );
    let screen = run(&[
        "render", "--tab", "timeline", "--width", "120", "--height", "40",
    ]);
    assert!(screen.contains("Event 0"), "{screen}");
    let hits = run(&["search", "'product", "'99999", "--format", "json"]);
    assert!(hits.contains("product 99999"), "{hits:.300}");
    let none = bilateral(&["--data", data, "search", "'xyzzy"]);
    assert_eq!(none.status.code(), Some(1), "a search that finds nothing");
    assert!(String::from_utf8_lossy(&none.stderr).contains("no record matches"));
}
