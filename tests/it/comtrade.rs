//! `bilateral import comtrade`: the portal's CSV layout read into a layer.
//! The fixtures' numbers are synthetic (see tests/fixtures/comtrade/README.md).

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::bilateral_in as run_in;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/comtrade")
        .join(format!("synthetic-{name}.csv"))
}

/// Imports fixture `name` to `out.json` in a new directory: the directory,
/// the command's output, and the layer when one was written.
fn import(name: &str) -> (tempfile::TempDir, Output, Option<Value>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = import_in(dir.path(), name);
    let layer = std::fs::read_to_string(dir.path().join("out.json"))
        .ok()
        .map(|t| serde_json::from_str(&t).expect("the layer is JSON"));
    (dir, out, layer)
}

/// Imports fixture `name` to `out.json` in `dir`.
fn import_in(dir: &std::path::Path, name: &str) -> Output {
    let csv = fixture(name);
    run_in(
        dir,
        &[
            "import",
            "comtrade",
            csv.to_str().unwrap(),
            "--out",
            "out.json",
        ],
    )
}

fn figures(layer: &Value) -> &Vec<Value> {
    layer["relations"][0]["trade"]["figures"]
        .as_array()
        .expect("figures")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_clean_file_becomes_one_direction_figures_that_name_their_reporter() {
    let (dir, out, layer) = import("clean");
    let said = stdout(&out);
    assert!(
        said.starts_with("wrote out.json: 5 one-direction figures for MEX-VNM, 2010–2012, and 2 derived two-way totals"),
        "{said}"
    );
    let layer = layer.expect("written");
    assert_eq!(layer["relations"][0]["id"], "MEX-VNM");
    assert_eq!(layer["sources"].as_array().map(Vec::len), Some(1));
    let figs = figures(&layer);
    let one_way: Vec<&Value> = figs.iter().filter(|f| f.get("from").is_some()).collect();
    assert_eq!(one_way.len(), 5);
    for f in &one_way {
        assert_eq!(f["reporter"], "MEX");
        assert_eq!(f["amount"]["qualifier"], "exact");
        assert!(
            f["note"]
                .as_str()
                .unwrap()
                .contains("as reported by Mexico"),
            "{f}"
        );
    }
    // Exports are from the reporter, imports to it.
    let x2010 = one_way
        .iter()
        .find(|f| f["year"] == 2010 && f["from"] == "MEX")
        .unwrap();
    assert_eq!(x2010["amount"]["value"].as_f64(), Some(100e6));
    let m2010 = one_way
        .iter()
        .find(|f| f["year"] == 2010 && f["from"] == "VNM")
        .unwrap();
    assert_eq!(m2010["to"], "MEX");
    // A cents value is rounded, and the note says so.
    let x2011 = one_way
        .iter()
        .find(|f| f["year"] == 2011 && f["from"] == "MEX")
        .unwrap();
    assert_eq!(x2011["amount"]["value"].as_f64(), Some(120e6));
    assert!(x2011["note"].as_str().unwrap().contains("rounded"));
    // Two-way totals only where the reporter states both flows, derived, the sum spelled out.
    let derived: Vec<&Value> = figs.iter().filter(|f| f.get("from").is_none()).collect();
    let years: Vec<i64> = derived
        .iter()
        .map(|f| f["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2010, 2011]);
    assert_eq!(derived[0]["amount"]["qualifier"], "derived");
    assert_eq!(
        derived[0]["amount"]["derivation"]["arithmetic"],
        "100,000,000 + 400,000,000 = 500,000,000 (US$)"
    );
    let valid = stdout(&run_in(dir.path(), &["validate", "--with", "out.json"]));
    assert!(valid.contains("valid"), "{valid}");
}

#[test]
fn both_reporters_of_a_flow_are_kept() {
    let (dir, out, layer) = import("mirror");
    stdout(&out);
    let layer = layer.expect("written");
    let vnm_to_mex_2015: Vec<&Value> = figures(&layer)
        .iter()
        .filter(|f| f["year"] == 2015 && f["from"] == "VNM" && f["to"] == "MEX")
        .collect();
    let reporters: Vec<&str> = vnm_to_mex_2015
        .iter()
        .map(|f| f["reporter"].as_str().unwrap())
        .collect();
    assert_eq!(reporters, ["MEX", "VNM"]);
    // One derived total per reporter that states both flows.
    let derived: Vec<&str> = figures(&layer)
        .iter()
        .filter(|f| f.get("from").is_none())
        .map(|f| f["reporter"].as_str().unwrap())
        .collect();
    assert_eq!(derived, ["MEX", "VNM"]);
    stdout(&run_in(dir.path(), &["validate", "--with", "out.json"]));
    // `show` says who reports each figure.
    let shown = stdout(&run_in(
        dir.path(),
        &[
            "show",
            "--with",
            "out.json",
            "mex-vnm-comtrade-2015-vnm-mex-by-vnm",
        ],
    ));
    assert!(shown.contains("Reported by  Vietnam"), "{shown}");
}

#[test]
fn extra_columns_other_products_partners_and_re_exports_are_skipped_and_counted() {
    let (_dir, out, layer) = import("extra-columns");
    let said = stdout(&out);
    for line in [
        "skipped 2 rows of other commodity codes (only cmdCode TOTAL, all products, is read)",
        "skipped 1 row of re-exports or re-imports (flowCode RX, RM)",
        "skipped 2 rows for other partners or World",
    ] {
        assert!(said.contains(line), "{said}");
    }
    let layer = layer.expect("written");
    let one_way = figures(&layer)
        .iter()
        .filter(|f| f.get("from").is_some())
        .count();
    assert_eq!(one_way, 2);
}

#[test]
fn a_malformed_row_is_named_by_its_line_and_nothing_is_written() {
    let (dir, out, layer) = import("malformed");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("synthetic-malformed.csv: line 3: primaryValue \"about three billion\" is not an amount of US dollars; nothing written"),
        "{err}"
    );
    assert!(layer.is_none());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_empty_file_writes_nothing() {
    let (_dir, out, layer) = import("empty");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is empty"));
    assert!(layer.is_none());
}

#[test]
fn an_existing_layer_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("out.json"), "mine").unwrap();
    let out = import_in(dir.path(), "clean");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("out.json already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.json")).unwrap(),
        "mine"
    );
}

/// The Trade tab of MEX-VNM with the clean and mirror imports layered over
/// the embedded dataset, at `width`×`height`.
fn imported_trade(width: u16, height: u16) -> bilateral::app::App {
    use bilateral::app::{Action, App};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut layers = Vec::new();
    for name in ["clean", "mirror"] {
        let csv = fixture(name);
        let out = format!("{name}.json");
        stdout(&run_in(
            dir.path(),
            &["import", "comtrade", csv.to_str().unwrap(), "--out", &out],
        ));
        layers.push(dir.path().join(out));
    }
    let base = bilateral::data::load_embedded().expect("embedded");
    let ds = bilateral::data::load_layered(base, "embedded dataset", &layers, u64::MAX)
        .expect("the imports layer over the embedded dataset");
    let mut a = App::new(
        ds,
        ratatui::layout::Rect::new(0, 0, width, height),
        false,
        crate::common::TODAY,
    );
    a.update(Action::ShowRelation(Some(0)));
    crate::common::press(&mut a, crossterm::event::KeyCode::Char('5'));
    a
}

#[test]
fn the_trade_tab_draws_exports_each_way_and_fills_the_years_imported() {
    for (w, h) in [(120, 40), (80, 24), (60, 15)] {
        let a = imported_trade(w, h);
        insta::assert_snapshot!(format!("imported_trade_{w}x{h}"), crate::common::screen(&a));
    }
}

#[test]
fn the_read_out_says_whose_figure_is_drawn_where_both_report() {
    use bilateral::app::Action;
    use bilateral::query::Record;
    let mut a = imported_trade(200, 60);
    let readout = |a: &bilateral::app::App| -> String {
        crate::common::screen(a)
            .lines()
            .find(|l| l.contains("│2015 · "))
            .unwrap_or_default()
            .to_string()
    };
    // The row of each 2015 figure of the flow Vietnam → Mexico in turn.
    a.update(Action::Top);
    let mut seen = Vec::new();
    for _ in 0..60 {
        if let Some((_, Record::Trade(f))) = a.selected()
            && f.year == 2015
            && f.from.as_deref() == Some("VNM")
        {
            seen.push((f.reporter.clone().unwrap_or_default(), readout(&a)));
        }
        a.update(Action::Down);
    }
    assert_eq!(seen.len(), 2, "{seen:?}");
    for (reporter, line) in &seen {
        let expected = if reporter == "VNM" {
            "Vietnam → Mexico, reported by Vietnam (drawn)"
        } else {
            "Vietnam → Mexico, reported by Mexico (not drawn)"
        };
        assert!(line.contains(expected), "{line}");
    }
}
