//! One vocabulary and no silent no-ops: kinds in singular and plural in
//! every command, listed alike in every help; an option that means nothing
//! for its command is a usage error saying why; `validate` checks each file.

use std::path::Path;

use crate::common::{bilateral, stdout_of};

const KINDS: [(&str, &str); 8] = [
    ("event", "events"),
    ("visit", "visits"),
    ("agreement", "agreements"),
    ("trade", "trade"),
    ("product", "products"),
    ("growth", "growth"),
    ("mission", "missions"),
    ("fact", "facts"),
];

#[test]
fn kinds_in_singular_and_plural_everywhere() {
    for (one, many) in KINDS {
        assert_eq!(
            stdout_of(&["list", one, "--format", "json"]),
            stdout_of(&["list", many, "--format", "json"]),
            "list {one}"
        );
        let search = |kind: &str| stdout_of(&["search", "mex", "--kind", kind, "--format", "csv"]);
        assert_eq!(search(one), search(many), "search --kind {one}");
        assert_eq!(
            search(&one.to_uppercase()),
            search(many),
            "--kind {}",
            one.to_uppercase()
        );
    }
    assert_eq!(
        stdout_of(&["list", "relation"]),
        stdout_of(&["list", "relations"])
    );
}

#[test]
fn every_help_lists_the_kinds_the_same_way() {
    let names: Vec<&str> = KINDS.iter().map(|(_, many)| *many).collect();
    let list = stdout_of(&["list", "--help"]);
    let search = stdout_of(&["search", "--help"]);
    // In the order given, each once, plural.
    for help in [&list, &search] {
        let mut at = 0;
        for name in &names {
            let found = help[at..].find(&format!("{name}:"));
            let found = found.or_else(|| help[at..].find(&format!("{name},")));
            let found = found.or_else(|| help[at..].find(&format!("{name}]")));
            let found = found.unwrap_or_else(|| panic!("{name} missing or out of order:\n{help}"));
            at += found + name.len();
        }
        assert!(
            !help.contains("visit,") && !help.contains("mission,"),
            "{help}"
        );
    }
}

/// Runs `args`, expects exit 2, nothing on stdout and one message naming `words`.
fn rejected(args: &[&str], words: &[&str]) {
    let out = bilateral(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?} was accepted: {err}");
    assert!(out.stdout.is_empty(), "{args:?} printed something");
    for w in words {
        assert!(err.contains(w), "{args:?}: {w:?} not in {err}");
    }
}

#[test]
fn options_that_mean_nothing_are_rejected_with_the_reason() {
    rejected(&["schema", "--data", "/nonexistent"], &["--data", "schema"]);
    rejected(&["--max-size", "10", "schema"], &["--max-size", "schema"]);
    rejected(
        &["completions", "bash", "--data", "x.json"],
        &["--data", "completions"],
    );
    rejected(
        &["validate", "--data", "a.json", "b.json"],
        &["--data", "bilateral validate a.json b.json"],
    );
    rejected(
        &["list", "visits", "--max-size", "100"],
        &["--max-size", "--data"],
    );
    rejected(
        &["list", "visits", "--format", "json", "--width", "80"],
        &["--width", "json"],
    );
    rejected(
        &["list", "visits", "--format", "csv", "--ids"],
        &["--ids", "csv"],
    );
    rejected(
        &["list", "visits", "--ids", "--columns", "id"],
        &["--ids", "--columns"],
    );
    rejected(
        &["search", "dong", "--full", "--format", "csv"],
        &["--full", "csv"],
    );
    rejected(&["search", "dong", "--full", "--ids"], &["--ids", "--full"]);
    rejected(
        &["search", "dong", "--full", "--columns", "id"],
        &["--columns", "--full"],
    );
    rejected(
        &["show", "MEX-VNM", "--format", "json", "--width", "80"],
        &["--width"],
    );
    rejected(&["show", "MEX-VNM", "--format", "csv"], &["csv"]);
    rejected(
        &["list", "visits", "--columns", "date,nope"],
        &["\"nope\"", "date,visitor,office"],
    );
    rejected(
        &[
            "search",
            "dong",
            "--format",
            "csv",
            "--columns",
            "elsewhere",
        ],
        &["elsewhere"],
    );
}

#[test]
fn columns_picks_the_columns_of_every_format() {
    let csv = stdout_of(&["list", "visits", "--columns", "id,date", "--format", "csv"]);
    assert!(csv.starts_with("id,date\n"), "{csv}");
    let md = stdout_of(&["list", "visits", "--columns", "id,date", "--format", "md"]);
    assert!(md.starts_with("| Id | Date |\n|---|---|\n"), "{md}");
    let table = stdout_of(&["list", "visits", "--columns", "visitor,id"]);
    assert!(table.starts_with("Visitor"), "{table}");
    assert!(table.contains("mex-vnm-visit-1979-pham-van-dong"));
    let json = stdout_of(&[
        "search",
        "dong",
        "--columns",
        "id,score",
        "--format",
        "json",
    ]);
    let hits: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&json).expect("JSON");
    assert!(
        hits.iter().all(|h| h.len() == 2 && h["score"].is_u64()),
        "{json}"
    );
}

#[test]
fn ids_shows_the_id_column_show_takes() {
    let table = stdout_of(&["list", "visits", "--ids"]);
    let header = table.lines().next().unwrap_or_default();
    assert!(header.contains("Id"), "{header}");
    let id = "mex-vnm-visit-1979-pham-van-dong";
    assert!(table.contains(id));
    assert!(stdout_of(&["search", "dong", "--ids"]).contains(id));
    assert!(stdout_of(&["show", id]).contains("Pham Van Dong"));
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn validate_checks_every_file_it_is_given() {
    let minimal = fixture("minimal.json");
    let hostile = fixture("hostile.json");
    let out = stdout_of(&["validate", &minimal, &hostile]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains(": valid — ")), "{out}");

    let broken = fixture("invalid/citation-missing.json");
    let out = bilateral(&["validate", &broken, &minimal, "/nonexistent.json"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The valid file between the two faulty ones is still checked and reported.
    assert!(stdout.starts_with(&format!("{minimal}: valid")), "{stdout}");
    assert!(stderr.contains("citation-missing.json"), "{stderr}");
    assert!(stderr.contains("/nonexistent.json"), "{stderr}");
}
