//! What must hold when arbitrary bytes are loaded as a dataset: no panic, an
//! error that says where the fault is, and nothing printed (an error message,
//! or any list or search of a dataset that loads) that a terminal would act
//! on. Shared by the fuzz target and by `tests/it/fuzz_seeds.rs`, which runs it
//! on the seeds in CI; the including crate provides `forbidden`.

use bilateral::cli::lists::{self, ListKind};
use bilateral::cli::search::Print;
use bilateral::cli::show::{self, ShowFormat, Style};
use bilateral::cli::table::{Format, Layout};
use bilateral::data::{Dataset, JsonPath, LoadError, parse_str, problem::Step};
use clap::ValueEnum;

use crate::forbidden::forbidden;

/// Loads `data` and checks everything that follows from it.
pub fn check(data: &[u8]) {
    // A file that is not UTF-8 is refused before parsing; its text is still worth parsing.
    let text = String::from_utf8_lossy(data);
    match parse_str(&text, "fuzz.json") {
        Ok(ds) => printed(&ds),
        Err(e) => {
            let message = e.to_string();
            assert_inert(&message);
            match e {
                LoadError::Read { .. } => {
                    // The loader skips a byte-order mark before it looks for content.
                    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    assert!(
                        body.trim().is_empty() || message.contains("looks like UTF-16"),
                        "{message}"
                    );
                }
                LoadError::Syntax { line, column, .. } => {
                    assert!(line >= 1 && column >= 1, "{message}");
                    assert!(message.starts_with("error[syntax] fuzz.json:"), "{message}");
                }
                LoadError::Layers(_) => panic!("one file read as layers: {message}"),
                LoadError::Invalid { problems, .. } => {
                    assert!(!problems.is_empty());
                    for p in &problems {
                        assert!(in_document(&text, &p.path), "{p}");
                    }
                }
            }
        }
    }
}

/// Every list of a dataset that loaded, a search, and every record in full, in every format.
fn printed(ds: &Dataset) {
    let all: Vec<usize> = (0..ds.relations.len()).collect();
    for format in [Format::Table, Format::Json, Format::Csv, Format::Md] {
        // Tables both as piped (no width) and fitted to a narrow terminal.
        for width in [None, Some(40)] {
            let layout = Layout {
                width,
                ..Layout::plain(format)
            };
            for &kind in ListKind::value_variants() {
                let mut out = Vec::new();
                lists::write(ds, kind, &all, &layout, &mut out).expect("writing to memory");
                check_output(out, format);
            }
            let mut out = Vec::new();
            let print = Print::Rows(layout);
            bilateral::cli::search::run(ds, "a e", None, None, usize::MAX, &print, false, &mut out)
                .expect("writing to memory");
            check_output(out, format);
        }
    }
    let ids: Vec<String> = show::all_ids(ds).map(str::to_string).collect();
    let items = show::find(ds, &ids).expect("every id is found");
    let items: Vec<_> = items.into_iter().map(|i| (i, None)).collect();
    for (format, as_table) in [
        (ShowFormat::Table, Format::Table),
        (ShowFormat::Json, Format::Json),
        (ShowFormat::Md, Format::Md),
    ] {
        let style = Style {
            format,
            width: Some(40),
            color: false,
        };
        let mut out = Vec::new();
        show::write(ds, &items, style, &mut out).expect("writing to memory");
        check_output(out, as_table);
    }
}

fn check_output(out: Vec<u8>, format: Format) {
    let out = String::from_utf8(out).expect("output is UTF-8");
    assert_inert(&out);
    if format == Format::Json {
        assert_no_json_escapes(&out);
        serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
    }
}

/// serde_json escapes control characters (`\u001b`); there must be none to escape.
fn assert_no_json_escapes(json: &str) {
    let mut bytes = json.bytes();
    while let Some(b) = bytes.next() {
        if b == b'\\' {
            let next = bytes.next();
            assert!(matches!(next, Some(b'\\' | b'"')), "escape in {json}");
        }
    }
}

fn assert_inert(s: &str) {
    let bad = s.chars().find(|&c| forbidden(c));
    assert!(
        bad.is_none(),
        "U+{:04X} printed in {s:?}",
        bad.map_or(0, u32::from)
    );
}

/// Whether `path` leads to a value of the JSON `text`, or to a field of one
/// (a field that is missing, or a fault in an object written as an array).
pub fn in_document(text: &str, path: &JsonPath) -> bool {
    // The loader skips a byte-order mark; serde_json does not.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    let steps = path.steps();
    for (n, step) in steps.iter().enumerate() {
        let next = match (step, &value) {
            (Step::Key(k), serde_json::Value::Object(map)) => map.get(k.as_ref()),
            (Step::Index(i), serde_json::Value::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(v) => value = v.clone(),
            None => return n + 1 == steps.len(),
        }
    }
    true
}
