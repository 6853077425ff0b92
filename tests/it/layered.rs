//! `--with FILE`: layers merged over the base dataset, where each record
//! came from, faults placed in their file, and `init`'s example layer.

use crate::common::bilateral_in as run_in;
use std::process::Output;

fn ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "failed:\n{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A layer that corrects the embedded 2004 figure and adds an event, citing
/// a source of its own: a relation given by its id alone.
const FIX: &str = r#"{"sources": [{"id": "my-notes", "title": "My notes", "kind": "reference"}],
 "relations": [{"id": "MEX-VNM",
   "events": [{"id": "my-event", "date": "2010-05", "title": "A meeting from my notes",
               "sources": [{"source": "my-notes"}]}],
   "trade": {"figures": [{"id": "mex-vnm-trade-2004", "year": 2004,
     "amount": {"value": 190000000, "qualifier": "approximate"},
     "note": "Corrected from my notes.", "sources": [{"source": "my-notes"}]}]}}]}"#;

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

#[test]
fn a_layer_adds_records_and_replaces_one_with_its_id() {
    let dir = dir_with(&[("fix.json", FIX)]);
    let trade = ok(&run_in(
        dir.path(),
        &[
            "list",
            "trade",
            "--relation",
            "MEX-VNM",
            "--format",
            "csv",
            "--with",
            "fix.json",
        ],
    ));
    let y2004: Vec<&str> = trade.lines().filter(|l| l.contains("2004")).collect();
    assert_eq!(y2004.len(), 1, "{trade}");
    assert!(y2004[0].contains("190"), "{trade}");
    assert!(
        !trade.contains("187"),
        "the replaced figure is gone: {trade}"
    );
    let events = ok(&run_in(
        dir.path(),
        &["list", "events", "--with", "fix.json"],
    ));
    assert!(events.contains("A meeting from my notes"), "{events}");
    // The embedded records are all still there.
    let base = ok(&run_in(dir.path(), &["list", "events"]));
    assert_eq!(events.lines().count(), base.lines().count() + 1);
    let valid = ok(&run_in(dir.path(), &["validate", "--with", "fix.json"]));
    assert!(
        valid.starts_with("embedded dataset with fix.json: valid — 4 sources"),
        "{valid}"
    );
}

#[test]
fn show_says_which_layer_each_record_came_from_only_when_layered() {
    let dir = dir_with(&[("fix.json", FIX)]);
    let ids = ["mex-vnm-trade-2004", "my-event", "mex-vnm-trade-2005"];
    let mut args = vec!["show", "--with", "fix.json"];
    args.extend(ids);
    let shown = ok(&run_in(dir.path(), &args));
    let layers: Vec<&str> = shown.lines().filter(|l| l.starts_with("Layer")).collect();
    assert_eq!(
        layers,
        [
            "Layer        fix.json",
            "Layer        fix.json",
            "Layer        embedded dataset"
        ],
        "{shown}"
    );
    let plain = ok(&run_in(dir.path(), &["show", "mex-vnm-trade-2005"]));
    assert!(!plain.contains("Layer"), "{plain}");
}

#[test]
fn the_detail_pane_names_the_layer_of_the_selected_record() {
    let dir = dir_with(&[("fix.json", FIX)]);
    let args = [
        "render",
        "--tab",
        "trade",
        "--relation",
        "MEX-VNM",
        "--width",
        "120",
        "--height",
        "40",
    ];
    let mut layered = args.to_vec();
    layered.extend(["--with", "fix.json"]);
    let screen = ok(&run_in(dir.path(), &layered));
    // The first row, 2004, is selected: the layer's figure.
    assert!(screen.contains("≈ US$190 million"), "{screen}");
    assert!(screen.contains("│Layer        fix.json"), "{screen}");
    let plain = ok(&run_in(dir.path(), &args));
    assert!(!plain.contains("Layer "), "{plain}");
}

#[test]
fn each_fault_is_named_in_the_file_that_holds_it() {
    let bad = r#"{"relations": [
        {"id": "MEX-VNM", "visits": [{"id": "my-visit", "visitor": "Someone",
          "from": "MEX", "to": "VNM", "sources": [{"source": "nope"}]}]},
        {"id": "MEX-USA", "events": []}]}"#;
    let clash = r#"{"relations": [{"id": "MEX-PAK", "events": [
        {"id": "my-event", "title": "Clash", "sources": [{"source": "my-notes"}]}]}]}"#;
    let dir = dir_with(&[("fix.json", FIX), ("bad.json", bad), ("clash.json", clash)]);
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "--with",
            "fix.json",
            "--with",
            "bad.json",
            "--with",
            "clash.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let expected = "\
bad.json: 4 problems found
error[structure] $.relations[1]: missing field \"countries\": no layer below has a relation \"MEX-USA\" to take it from
error[structure] $.relations[1]: missing field \"summary\": no layer below has a relation \"MEX-USA\" to take it from
error[structure] $.relations[1]: missing field \"sources\": no layer below has a relation \"MEX-USA\" to take it from
error[unknown-source] $.relations[0].visits[0].sources[0].source: cites \"nope\", which is not the id of any entry of $.sources
clash.json: 1 problem found
error[duplicate-id] $.relations[0].events[0].id: duplicate id \"my-event\" (first used at fix.json $.relations[0].events[0].id)
";
    assert_eq!(err, expected);
    // The interface and every command refuse the same way.
    let list = run_in(dir.path(), &["list", "events", "--with", "bad.json"]);
    assert_eq!(list.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&list.stderr).starts_with("bad.json: 4 problems found"));
}

#[test]
fn a_layer_that_is_not_json_is_located_in_its_own_file() {
    let dir = dir_with(&[
        ("fix.json", FIX),
        ("broken.json", "{\"relations\": [\n  {\"id\": x}]}"),
    ]);
    let out = run_in(
        dir.path(),
        &[
            "list",
            "events",
            "--with",
            "fix.json",
            "--with",
            "broken.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error[syntax] broken.json:2:10: invalid JSON"),
        "{err}"
    );
}

#[test]
fn init_writes_a_layer_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ok(&run_in(
        dir.path(),
        &["init", "mine.json", "--relation", "vnm-mex"],
    ));
    assert!(
        out.starts_with("wrote mine.json: a layer for MEX-VNM"),
        "{out}"
    );
    let written = std::fs::read_to_string(dir.path().join("mine.json")).expect("written");
    let layer: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    let rel = &layer["relations"][0];
    assert_eq!(rel["id"], "MEX-VNM");
    // Over the embedded relation: its id and records only.
    assert!(rel.get("summary").is_none() && rel.get("countries").is_none());
    for list in ["events", "visits", "agreements", "missions", "facts"] {
        assert_eq!(rel[list].as_array().map(Vec::len), Some(1), "{list}");
    }
    for list in ["figures", "products", "growth"] {
        assert_eq!(
            rel["trade"][list].as_array().map(Vec::len),
            Some(1),
            "{list}"
        );
    }
    assert_eq!(layer["sources"].as_array().map(Vec::len), Some(1));
    let valid = ok(&run_in(dir.path(), &["validate", "--with", "mine.json"]));
    assert!(
        valid.contains("valid — 4 sources, 4 countries, 2 relations"),
        "{valid}"
    );
    // Again: refused, the file untouched.
    let again = run_in(dir.path(), &["init", "mine.json", "--relation", "MEX-PAK"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("mine.json already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.json")).unwrap(),
        written
    );
}

#[test]
fn init_for_a_relation_the_dataset_lacks_writes_it_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&run_in(
        dir.path(),
        &["init", "new.json", "--relation", "FRA-MEX"],
    ));
    let valid = ok(&run_in(dir.path(), &["validate", "--with", "new.json"]));
    assert!(valid.contains("5 countries, 3 relations"), "{valid}");
    let bad = run_in(dir.path(), &["init", "x.json", "--relation", "mexico"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("x.json").exists());
}
