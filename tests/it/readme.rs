//! README says what the command line does, and these tests hold it to that:
//! every example runs as written, and the columns it lists are those of
//! every format.
//!
//! The examples run the `bilateral` this test binary was built with, or the
//! one `BILATERAL_BIN` names: `scripts/readme-examples.sh` runs them against
//! a `cargo install --locked --path .` of the tree.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

fn readme() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    std::fs::read_to_string(path).expect("README.md is readable")
}

/// The program the examples call as `bilateral`.
fn program() -> PathBuf {
    std::env::var_os("BILATERAL_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_bilateral")),
        PathBuf::from,
    )
}

/// The lines of ```sh blocks that run `bilateral`.
fn examples(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        match line.trim() {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            l if in_sh && (l == "bilateral" || l.starts_with("bilateral ")) => {
                out.push(l.to_string())
            }
            _ => {}
        }
    }
    out
}

/// The first ```json block after `heading`.
fn json_block(text: &str, heading: &str) -> String {
    let after = &text[text.find(heading).expect("the heading is in README")..];
    let start = after.find("```json\n").expect("a JSON block") + "```json\n".len();
    let len = after[start..].find("```").expect("the block ends");
    after[start..start + len].to_string()
}

/// Whether an example is the interface: `bilateral` with no subcommand.
fn opens_the_interface(example: &str) -> bool {
    let words: Vec<&str> = example
        .split('#')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let subcommands = [
        "list",
        "show",
        "search",
        "render",
        "validate",
        "schema",
        "completions",
    ];
    !words.iter().any(|w| subcommands.contains(w))
}

fn on_path(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_example_runs_as_written() {
    let text = readme();
    let examples = examples(&text);
    assert!(
        examples.len() >= 15,
        "only {} examples found",
        examples.len()
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    // What README tells the reader to set up: the example dataset, saved.
    std::fs::write(
        dir.path().join("my-dataset.json"),
        json_block(&text, "## Dataset format"),
    )
    .expect("writing my-dataset.json");
    let bin = program();
    let bin_dir = bin.parent().expect("the program is in a directory");
    assert_eq!(bin.file_name().and_then(|n| n.to_str()), Some("bilateral"));
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("a PATH");
    for example in examples {
        let tools: Vec<&str> = example
            .split('|')
            .skip(1)
            .filter_map(|part| part.split_whitespace().next())
            .collect();
        if let Some(missing) = tools.iter().find(|t| !on_path(t)) {
            eprintln!("skipped, {missing} is not installed: {example}");
            continue;
        }
        if opens_the_interface(&example) {
            // The interface needs a terminal: run it on one, and quit.
            let mut cmd = portable_pty::CommandBuilder::new("bash");
            cmd.args(["-c", &example]);
            cmd.cwd(dir.path());
            cmd.env("PATH", &path);
            cmd.env("HOME", dir.path());
            cmd.env("TERM", "xterm-256color");
            let (code, screen) = common::terminal::run(cmd, 100, 30, b"q");
            let screen = String::from_utf8_lossy(&screen);
            assert_eq!(code, 0, "{example}\nexited {code}: {screen}");
            assert!(screen.contains("bilateral"), "{example}\nshowed: {screen}");
            continue;
        }
        let out = Command::new("bash")
            .args(["-o", "pipefail", "-c", &example])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("HOME", dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("bash runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{example}\nfailed: {stderr}");
        assert!(stderr.is_empty(), "{example}\nwrote to stderr: {stderr}");
        let redirected = example.split('#').next().unwrap_or_default().contains('>');
        assert!(
            redirected || !out.stdout.is_empty(),
            "{example}\nprinted nothing"
        );
    }
}

/// One row of README's table of columns: the command and its columns, each
/// with whether the table shows it by default and whether it is JSON only.
struct Documented {
    args: Vec<String>,
    columns: Vec<(String, bool, bool)>,
}

fn documented(text: &str) -> Vec<Documented> {
    text.lines()
        .filter(|l| l.starts_with("| `list ") || l.starts_with("| `search` |"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let command = cells[1].trim_matches('`');
            let mut args: Vec<String> = command.split(' ').map(str::to_string).collect();
            if args == ["search"] {
                args.push("nguyen".to_string());
            }
            let columns = cells[2]
                .split(", ")
                .map(|c| {
                    let json_only = c.ends_with("(JSON only)");
                    let c = c.trim_end_matches("(JSON only)").trim();
                    let in_table = !c.starts_with('*');
                    (c.trim_matches('*').to_string(), in_table, json_only)
                })
                .collect();
            Documented { args, columns }
        })
        .collect()
}

fn run(args: &[String], extra: &[&str]) -> String {
    let out = Command::new(program())
        .args(args)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .expect("bilateral runs");
    assert!(out.status.success(), "{args:?} {extra:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A table's header cells: separated by two spaces or more.
fn header_cells(line: &str) -> Vec<String> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_documented_columns_are_those_of_every_format() {
    let rows = documented(&readme());
    assert_eq!(
        rows.len(),
        common::list_kinds().len() + 1,
        "a list or search is missing"
    );
    for kind in common::list_kinds() {
        assert!(
            rows.iter().any(|r| r.args[1] == kind),
            "list {kind} is not documented"
        );
    }
    for row in rows {
        let what = row.args.join(" ");
        let all: Vec<&str> = row.columns.iter().map(|(k, _, _)| k.as_str()).collect();
        let text: Vec<&str> = row
            .columns
            .iter()
            .filter(|(_, _, json)| !json)
            .map(|(k, _, _)| k.as_str())
            .collect();
        let table: Vec<&str> = row
            .columns
            .iter()
            .filter(|(_, t, _)| *t)
            .map(|(k, _, _)| k.as_str())
            .collect();
        // CSV: every column but the JSON-only ones, in order.
        let csv = run(&row.args, &["--format", "csv"]);
        assert_eq!(csv.lines().next(), Some(text.join(",").as_str()), "{what}");
        // JSON: every column.
        let json: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_str(&run(&row.args, &["--format", "json"])).expect("JSON");
        let mut keys: Vec<&str> = json[0].keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = all.clone();
        want.sort_unstable();
        assert_eq!(keys, want, "{what} --format json");
        // Markdown: the same columns as CSV, under their names.
        let md = run(&row.args, &["--format", "md"]);
        let md_header: Vec<String> = md
            .lines()
            .next()
            .unwrap_or_default()
            .trim_matches('|')
            .split(" | ")
            .map(|h| h.trim().to_string())
            .collect();
        assert_eq!(
            md_header.len(),
            text.len(),
            "{what} --format md: {md_header:?}"
        );
        // The table: the columns not in italics, under the same names as in Markdown.
        let table_text = run(&row.args, &["--width", "0"]);
        let shown = header_cells(table_text.lines().next().unwrap_or_default());
        let names: Vec<String> = table
            .iter()
            .map(|k| md_header[text.iter().position(|t| t == k).expect("a text column")].clone())
            .collect();
        assert_eq!(shown, names, "{what}");
    }
}
