//! A dataset written to attack the programs that open bilateral's output
//! (`tests/fixtures/injection.json`, made by `tests/fixtures/injection.py`):
//! no CSV cell starts like a spreadsheet formula, and Markdown rendered by a
//! CommonMark renderer holds no HTML and no link with an unsafe scheme.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pulldown_cmark::{Options, Parser, html};

use crate::common;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/injection.json")
}

fn run(args: &[&str]) -> String {
    let data = fixture();
    let out = Command::cargo_bin("bilateral")
        .expect("the binary is built")
        .arg("--data")
        .arg(&data)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("bilateral runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Every output of a format: each list, a search, and (where the format
/// has it) every record in full.
fn outputs(format: &str) -> Vec<(String, String)> {
    let mut runs: Vec<Vec<&str>> = common::list_kinds()
        .into_iter()
        .map(|k| vec!["list", k, "--format", format])
        .collect();
    runs.push(vec![
        "search", "click", "--limit", "all", "--format", format,
    ]);
    if format != "csv" {
        runs.push(vec!["search", "click", "--full", "--format", format]);
        let mut show = vec!["show", "--format", format, "MEX-PAK", "doc1"];
        show.extend(["e1", "e2", "v1", "a1", "t1", "p1", "g1", "m1", "f1"]);
        runs.push(show);
    }
    runs.into_iter()
        .map(|args| (format!("{args:?}"), run(&args)))
        .collect()
}

#[test]
fn no_csv_cell_starts_like_a_formula() {
    let mut neutralised = 0;
    for (what, text) in outputs("csv") {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{what}: {e}"));
            for cell in record.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{what}: a cell starts like a formula: {cell:?}"
                );
                if cell.starts_with("'=HYPERLINK") || cell.starts_with("'@SUM") {
                    neutralised += 1;
                }
            }
        }
    }
    // The formulas are kept as text, not dropped.
    assert!(
        neutralised >= 10,
        "only {neutralised} formulas kept as text"
    );
}

/// Markdown as a CommonMark renderer turns it into HTML.
fn rendered(md: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(md, Options::ENABLE_TABLES));
    out.to_lowercase()
}

#[test]
fn markdown_renders_no_html_and_no_unsafe_link() {
    for (what, md) in outputs("md") {
        let html = rendered(&md);
        for tag in ["<script", "<img", "<b>", "<a "] {
            assert!(!html.contains(tag), "{what}: renders {tag}…\n{md}");
        }
        let lower = md.to_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:text"] {
            assert!(!lower.contains(scheme), "{what}: keeps {scheme}\n{md}");
        }
        // What the text says is still there to read.
        assert!(html.contains("&lt;script&gt;"), "{what}:\n{html}");
    }
}
