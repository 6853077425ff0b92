//! The command line on the embedded dataset: every family of facts the three
//! source documents state is there and says what they say, and every output
//! format is well formed.

use crate::common::{self, stdout_of};
use std::path::Path;

use assert_cmd::Command;
use serde_json::{Map, Value};

fn bilateral() -> Command {
    let mut cmd = Command::cargo_bin("bilateral").expect("the bilateral binary is built");
    cmd.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    cmd
}

/// `bilateral list KIND --format json [extra…]` as rows.
fn rows(kind: &str, extra: &[&str]) -> Vec<Map<String, Value>> {
    let mut args = vec!["list", kind, "--format", "json"];
    args.extend_from_slice(extra);
    let text = stdout_of(&args);
    let value: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("list {kind} --format json is not JSON: {e}\n{text}"));
    let Value::Array(items) = value else {
        panic!("list {kind} --format json is not an array");
    };
    items
        .into_iter()
        .map(|v| match v {
            Value::Object(m) => m,
            other => panic!("row is not an object: {other}"),
        })
        .collect()
}

fn cell<'a>(row: &'a Map<String, Value>, key: &str) -> &'a str {
    row.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("row has no string {key:?}: {row:?}"))
}

/// The given columns of every row, in order.
fn columns(rows: &[Map<String, Value>], keys: &[&str]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| keys.iter().map(|k| cell(r, k).to_string()).collect())
        .collect()
}

fn manifest(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

// ---------------------------------------------------------------------------
// The facts, as the source documents state them.
// ---------------------------------------------------------------------------

/// A table as a reader sees it when piped: every character of every cell,
/// pinned by a snapshot that reads like the source documents.
fn snapshot(name: &str, args: &[&str]) {
    insta::assert_snapshot!(name, stdout_of(args));
}

#[test]
fn both_relations_with_their_establishment_dates() {
    snapshot(
        "relations",
        &["list", "relations", "--columns", "id,countries,established"],
    );
}

#[test]
fn every_visit_with_its_date_visitor_office_direction_and_occasion() {
    // The Mexican delegations to Vietnam are undated: last, as "n.d.".
    snapshot(
        "visits",
        &[
            "list",
            "visits",
            "--columns",
            "relation,date,visitor,office,direction,purpose",
        ],
    );
}

#[test]
fn visits_carry_their_occasion() {
    let visits = rows("visits", &[]);
    let purpose = |id: &str| {
        let row = visits
            .iter()
            .find(|r| cell(r, "id") == id)
            .unwrap_or_else(|| panic!("no visit {id}"));
        cell(row, "purpose").to_string()
    };
    assert_eq!(
        purpose("mex-vnm-visit-2002-phan-van-khai"),
        "10th APEC Summit"
    );
    assert_eq!(
        purpose("mex-pak-visit-2004-pervez-musharraf"),
        "Official visit"
    );
    assert!(purpose("mex-pak-visit-2007-lourdes-aranda-bezaury").contains("Second meeting"));
    assert!(purpose("mex-pak-visit-2023-jose-tripp-villanueva").contains("6th meeting"));
}

#[test]
fn undated_visits_come_after_the_dated_ones_in_the_table() {
    let table = stdout_of(&["list", "visits", "--relation", "MEX-VNM"]);
    let lines: Vec<&str> = table.lines().skip(2).collect();
    assert_eq!(lines.len(), 11, "{table}");
    let first_undated = lines
        .iter()
        .position(|l| l.contains("n.d."))
        .expect("undated visits are shown as n.d.");
    assert_eq!(first_undated, 8, "{table}");
    assert!(lines[first_undated..].iter().all(|l| l.contains("n.d.")));
    assert!(lines[..first_undated].iter().all(|l| !l.contains("n.d.")));
}

#[test]
fn every_agreement_with_its_status_and_signing_date() {
    // Vietnam's agreements are signed in these areas; the source gives no dates.
    snapshot(
        "agreements",
        &[
            "list",
            "agreements",
            "--columns",
            "relation,signed,title,area,status",
        ],
    );
}

#[test]
fn every_trade_figure_with_its_qualifier_as_displayed() {
    snapshot(
        "trade",
        &[
            "list",
            "trade",
            "--columns",
            "relation,year,flow,amount,qualifier",
        ],
    );
    let trade = rows("trade", &[]);

    // Only the derived figure has a derivation, and it shows its working.
    for row in &trade {
        let derivation = cell(row, "derivation");
        if cell(row, "qualifier") == "derived" {
            assert!(derivation.contains("US$15 billion in 2024"), "{derivation}");
            assert!(derivation.contains("27.5%"), "{derivation}");
            assert!(derivation.contains("15 ÷ 1.275 ≈ 11.76"), "{derivation}");
            let value: f64 = cell(row, "value").parse().unwrap();
            assert!((value - 15e9 / 1.275).abs() < 1.0, "{value}");
        } else {
            assert_eq!(derivation, "", "{row:?}");
        }
        assert_eq!(cell(row, "currency"), "USD");
        assert!(row["sources"].as_array().is_some_and(|s| !s.is_empty()));
    }

    // The table shows the same words.
    let table = stdout_of(&["list", "trade"]);
    for shown in [
        "US$187 million",
        "US$227 million",
        "over US$300 million",
        "≈ US$15 billion",
        "≈ US$11.8 billion (derived)",
        "US$372.4 million",
    ] {
        assert!(table.contains(shown), "table lacks {shown:?}\n{table}");
    }
}

#[test]
fn trade_growth_as_the_source_states_it() {
    let got = columns(
        &rows("growth", &["--relation", "MEX-VNM"]),
        &["from_year", "to_year", "growth"],
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[0][..2], ["2023", "2024"]);
    assert!(got[0][2].contains("27.5%"));
    assert!(got[1][2].contains("doubled over the past five years"));
    assert!(rows("growth", &["--relation", "MEX-PAK"]).is_empty());
}

#[test]
fn every_embassy_and_consulate_with_its_dates() {
    snapshot(
        "missions",
        &[
            "list",
            "missions",
            "--columns",
            "relation,mission,kind,city,opened,closed,reopened,status",
        ],
    );
}

#[test]
fn the_timeline_has_every_dated_record_and_mission_change() {
    snapshot(
        "timeline",
        &["list", "timeline", "--columns", "relation,date,kind,what"],
    );
}

#[test]
fn the_timeline_is_chronological_with_undated_records_last() {
    let timeline = rows("timeline", &[]);
    let dates: Vec<&str> = timeline.iter().map(|r| cell(r, "date")).collect();
    assert_eq!(dates.first(), Some(&"August 1947"));
    let first_undated = dates.iter().position(|d| *d == "n.d.").unwrap();
    assert!(dates[first_undated..].iter().all(|d| *d == "n.d."));
    let year = |d: &str| -> u32 { d.rsplit(' ').next().unwrap().parse().unwrap() };
    let years: Vec<u32> = dates[..first_undated].iter().map(|d| year(d)).collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let what: Vec<[&str; 2]> = timeline
        .iter()
        .map(|r| [cell(r, "date"), cell(r, "what")])
        .collect();
    for event in [
        ["19 January 1955", "Diplomatic relations established"],
        ["19 May 1975", "Diplomatic relations established"],
        [
            "28 April 2006",
            "Mexico concludes bilateral talks on Vietnam's WTO accession",
        ],
        [
            "April 2007",
            "Second meeting of the consultations mechanism, Islamabad",
        ],
        [
            "2023",
            "6th meeting of the consultations mechanism, Islamabad",
        ],
    ] {
        assert!(what.contains(&event), "timeline lacks {event:?}");
    }
}

#[test]
fn what_each_country_sells_to_the_other() {
    snapshot(
        "products",
        &["list", "products", "--columns", "relation,from,to,products"],
    );
}

#[test]
fn undated_facts_name_memberships_and_mechanisms() {
    let facts = rows("facts", &[]);
    let has = |relation: &str, category: &str, words: &str| {
        facts.iter().any(|r| {
            cell(r, "relation") == relation
                && cell(r, "category") == category
                && cell(r, "fact").contains(words)
        })
    };
    assert!(has("MEX-VNM", "membership", "CPTPP"));
    assert!(has(
        "MEX-PAK",
        "membership",
        "United Nations and the World Trade Organization"
    ));
    assert!(has("MEX-VNM", "mechanism", "vice-ministerial level"));
    assert!(has("MEX-PAK", "mechanism", "consultations mechanism"));
    assert!(has("MEX-VNM", "position", "2008-2009 term"));
    assert!(has("MEX-VNM", "plan", "\"Mexico Plan\""));
    for r in &facts {
        let sources = r["sources"].as_array().unwrap();
        assert!(!sources.is_empty(), "fact without a source: {r:?}");
    }
}

#[test]
fn search_finds_the_pham_van_dong_visit() {
    let hits = {
        let text = stdout_of(&["search", "pham", "--format", "json"]);
        let v: Value = serde_json::from_str(&text).unwrap();
        v.as_array().unwrap().clone()
    };
    // Fuzzy: other records may match "pham" loosely, but the whole word ranks first.
    assert!(!hits.is_empty(), "{hits:?}");
    let hit = hits[0].as_object().unwrap();
    assert_eq!(cell(hit, "id"), "mex-vnm-visit-1979-pham-van-dong");
    assert_eq!(cell(hit, "kind"), "visit");
    assert_eq!(cell(hit, "date"), "September 1979");
    assert!(cell(hit, "text").contains("Pham Van Dong"));
    assert!(stdout_of(&["search", "pham"]).contains("Prime Minister Pham Van Dong to Mexico"));
    // Every word must match, in any order: Nguyen Co Thach's two visits rank first.
    let thach = stdout_of(&[
        "search", "thach", "nguyen", "--kind", "visit", "--format", "csv",
    ]);
    let rows: Vec<&str> = thach.lines().skip(1).collect();
    assert!(rows.len() >= 2, "{thach}");
    assert!(
        rows[..2].iter().all(|r| r.contains("Nguyen Co Thach")),
        "{thach}"
    );
}

// ---------------------------------------------------------------------------
// Output formats.
// ---------------------------------------------------------------------------

#[test]
fn json_visits_are_objects_with_their_columns_and_sources() {
    let visits = rows("visits", &[]);
    assert_eq!(visits.len(), 17);
    let keys = [
        "relation",
        "date",
        "visitor",
        "office",
        "direction",
        "purpose",
        "detail",
        "id",
        "sources",
    ];
    for row in &visits {
        let mut got: Vec<&str> = row.keys().map(String::as_str).collect();
        got.sort_unstable();
        let mut want = keys.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
        let sources = row["sources"].as_array().expect("sources is an array");
        assert!(!sources.is_empty());
        for s in sources {
            let s = s.as_object().unwrap();
            assert!(s["source"].is_string() && s["title"].is_string());
            assert!(s.contains_key("section"));
        }
    }
    let pham = visits
        .iter()
        .find(|r| cell(r, "visitor") == "Pham Van Dong")
        .unwrap();
    let src = &pham["sources"][0];
    assert_eq!(src["source"], "vn-mx-overview");
    assert_eq!(src["title"], "Vietnam–Mexico relations (overview)");
    assert_eq!(src["section"], "paragraph 3");
}

#[test]
fn every_list_is_valid_json() {
    for kind in common::list_kinds() {
        let list = rows(kind, &[]);
        if kind != "growth" {
            assert!(list.len() >= 2, "{kind}: {} rows", list.len());
        }
        assert!(list.iter().all(|r| r["sources"].is_array()), "{kind}");
    }
}

#[test]
fn every_list_is_csv_with_a_header() {
    for kind in common::list_kinds() {
        let text = stdout_of(&["list", kind, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap_or_else(|e| panic!("{kind}: no CSV header: {e}"))
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header.last().map(String::as_str), Some("sources"), "{kind}");
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{kind}: bad CSV: {e}"));
        // The same rows as the JSON output, cell for cell.
        let json = rows(kind, &[]);
        assert_eq!(records.len(), json.len(), "{kind}");
        for (rec, row) in records.iter().zip(&json) {
            assert_eq!(rec.len(), header.len(), "{kind}");
            for (key, value) in header.iter().zip(rec.iter()) {
                if key != "sources" {
                    assert_eq!(value, cell(row, key), "{kind}.{key}");
                }
            }
        }
    }
    let visits = stdout_of(&["list", "visits", "--format", "csv"]);
    assert!(
        visits.starts_with("relation,date,visitor,office,direction,purpose,detail,id,sources\n")
    );
    // A cell holding a comma is quoted.
    assert!(visits.contains("\"Minister for Planning, Development and Reforms\""));
}

/// Splits a Markdown table row on the pipes that are not escaped.
fn md_cells(line: &str) -> Vec<String> {
    assert!(
        line.starts_with("| ") && line.ends_with(" |") || line.starts_with("|---"),
        "not a table row: {line:?}"
    );
    let inner = &line[1..line.len() - 1];
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cells.last_mut().unwrap().push(c);
                if let Some(n) = chars.next() {
                    cells.last_mut().unwrap().push(n);
                }
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

fn assert_markdown_table(text: &str, context: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 2, "{context}: no table\n{text}");
    let header = md_cells(lines[0]);
    assert!(
        header.iter().all(|h| !h.is_empty()),
        "{context}: {header:?}"
    );
    let n = header.len();
    assert_eq!(lines[1], format!("|{}", "---|".repeat(n)), "{context}");
    let mut out = vec![header];
    for line in &lines[2..] {
        assert!(
            line.starts_with('|') && line.ends_with('|'),
            "{context}: {line:?}"
        );
        let cells = md_cells(line);
        assert_eq!(cells.len(), n, "{context}: wrong cell count in {line:?}");
        out.push(cells);
    }
    out
}

#[test]
fn every_list_is_a_markdown_table() {
    for kind in common::list_kinds() {
        let text = stdout_of(&["list", kind, "--format", "md"]);
        let table = assert_markdown_table(&text, kind);
        assert_eq!(table.len() - 1, rows(kind, &[]).len(), "{kind}");
    }
    let visits = stdout_of(&["list", "visits", "--format", "md"]);
    assert!(
        visits.starts_with("| Relation | Date | Visitor |"),
        "{visits}"
    );
    assert!(visits.contains("| MEX-VNM | September 1979 | Pham Van Dong | Prime Minister |"));
}

#[test]
fn markdown_escapes_pipes_in_cells() {
    let minimal = std::fs::read_to_string(manifest("tests/fixtures/minimal.json")).unwrap();
    let piped = minimal.replace("\"Pervez Musharraf\"", "\"Pervez | Musharraf \\\\ 2004\"");
    assert_ne!(piped, minimal);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pipes.json");
    std::fs::write(&file, piped).unwrap();
    let file = file.to_str().unwrap();
    let text = stdout_of(&["--data", file, "list", "visits", "--format", "md"]);
    let table = assert_markdown_table(&text, "pipes");
    assert!(text.contains("Pervez \\| Musharraf \\\\ 2004"), "{text}");
    assert!(
        table
            .iter()
            .any(|r| r[2] == "Pervez \\| Musharraf \\\\ 2004"),
        "{table:?}"
    );
}

// ---------------------------------------------------------------------------
// Relations, schema, completions, pipes.
// ---------------------------------------------------------------------------

#[test]
fn relation_ids_in_any_order_and_case() {
    let canonical = stdout_of(&["list", "visits", "--relation", "MEX-VNM"]);
    assert_eq!(
        stdout_of(&["list", "visits", "--relation", "vnm-mex"]),
        canonical
    );
    assert_eq!(
        stdout_of(&["list", "visits", "--relation", "Mex-Vnm"]),
        canonical
    );
    assert!(canonical.contains("Pham Van Dong") && !canonical.contains("Musharraf"));
    let pak = rows("visits", &["--relation", "pak-mex"]);
    assert!(pak.iter().all(|r| cell(r, "relation") == "MEX-PAK"));
    assert_eq!(pak.len(), 6);

    let all = stdout_of(&["list", "visits", "--relation", "all"]);
    assert_eq!(all, stdout_of(&["list", "visits"]));
    assert_eq!(stdout_of(&["list", "visits", "--relation", "ALL"]), all);
    assert!(all.contains("Pham Van Dong") && all.contains("Musharraf"));
}

#[test]
fn an_unknown_relation_is_a_usage_error_listing_the_known_ones() {
    for id in ["MEX-USA", "mex", "nonsense"] {
        let out = bilateral()
            .args(["list", "visits", "--relation", id])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{id}: {stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&format!("unknown relation {id:?}")),
            "{stderr}"
        );
        assert!(
            stderr.contains("MEX-VNM") && stderr.contains("MEX-PAK"),
            "{stderr}"
        );
    }
}

fn schema_validator() -> jsonschema::Validator {
    let text = stdout_of(&["schema"]);
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert!(
        schema["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("json-schema.org")),
        "{schema}"
    );
    assert_eq!(schema["type"], "object");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn json_file(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(manifest(path)).unwrap()).unwrap()
}

#[test]
fn the_embedded_dataset_follows_the_printed_schema() {
    let validator = schema_validator();
    for file in ["assets/relations.json", "tests/fixtures/minimal.json"] {
        let data = json_file(file);
        let errors: Vec<String> = validator
            .iter_errors(&data)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
    }
}

#[test]
fn a_broken_dataset_does_not_follow_the_schema() {
    let validator = schema_validator();
    for file in [
        "type-string-instead-of-array.json",
        "field-unknown-typo-titel.json",
        "field-missing-required.json",
        "enum-unknown-mission-kind.json",
        "date-malformed-month-name.json",
        "root-is-an-array.json",
    ] {
        let data = json_file(&format!("tests/fixtures/invalid/{file}"));
        assert!(!validator.is_valid(&data), "{file} passes the schema");
    }
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["list", "nonsense"][..],
        &["list", "visits", "--format", "xml"],
        &["completions", "tcsh"],
        &["search"],
    ] {
        let out = bilateral().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Runs `bilateral ARGS` through `sh`, its stdout into a pipe whose reader
/// `reader` (a shell command) may stop early; returns (exit code of bilateral, its stderr).
#[cfg(unix)]
fn through_pipe(args: &str, reader: &str) -> (i32, String) {
    // The exit code goes to stderr, which is not part of the pipe.
    let script = format!(
        "( {pause} \"$BILATERAL\" {args}; echo \"exit=$?\" >&2 ) | {reader}",
        pause = if reader == "true" { "sleep 0.3;" } else { "" }
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("BILATERAL", env!("CARGO_BIN_EXE_bilateral"))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let code = stderr
        .lines()
        .find_map(|l| l.strip_prefix("exit="))
        .unwrap_or_else(|| panic!("no exit code:\n{stderr}"))
        .parse()
        .unwrap();
    let rest: String = stderr
        .lines()
        .filter(|l| !l.starts_with("exit="))
        .collect::<Vec<_>>()
        .join("\n");
    (code, rest)
}

/// Output to a reader that has gone away is not an error: exit 0, silent.
#[cfg(unix)]
#[test]
fn a_closed_pipe_is_not_an_error() {
    // The reader is gone before bilateral writes a byte.
    for args in [
        "list timeline",
        "list visits --format json",
        "list visits --format csv",
        "list visits --format md",
        "search nguyen",
        "search a --limit all --format csv",
        "search nguyen --format json",
        "schema",
        "completions bash",
    ] {
        let (code, stderr) = through_pipe(args, "true");
        assert_eq!((code, stderr.as_str()), (0, ""), "bilateral {args}");
    }
}

/// A long list read only partly: the writer blocks on a full pipe, then its reader leaves.
#[cfg(unix)]
#[test]
fn a_list_read_only_partly_is_not_an_error() {
    let minimal: Value = json_file("tests/fixtures/minimal.json");
    let mut data = minimal.clone();
    let visit = minimal["relations"][0]["visits"][0].clone();
    let visits: Vec<Value> = (0..3000)
        .map(|i| {
            let mut v = visit.clone();
            v["id"] = Value::String(format!("visit-{i}"));
            v["visitor"] = Value::String(format!("Visitor number {i} with a rather long name"));
            v
        })
        .collect();
    data["relations"][0]["visits"] = Value::Array(visits);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.json");
    std::fs::write(&file, serde_json::to_vec(&data).unwrap()).unwrap();
    let file = file.to_str().unwrap();
    for format in ["table", "json", "csv", "md"] {
        let args = format!("--data '{file}' list timeline --format {format}");
        let (code, stderr) = through_pipe(&args, "head -n 1 >/dev/null");
        assert_eq!((code, stderr.as_str()), (0, ""), "{format}");
    }
}
