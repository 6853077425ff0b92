//! `bilateral search` on the embedded dataset finds every person, place,
//! agreement, product and year in it, best hit first.

use assert_cmd::Command;
use serde_json::Value;

/// Runs `bilateral search` with these arguments and returns the JSON hits.
fn search(args: &[&str]) -> Vec<Value> {
    let out = Command::cargo_bin("bilateral")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("search")
        .args(args)
        .args(["--format", "json", "--limit", "all"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{args:?}: {out:?}");
    match serde_json::from_slice(&out.stdout) {
        Ok(Value::Array(hits)) => hits,
        other => panic!("{args:?}: not a JSON array: {other:?}"),
    }
}

/// Lower case without diacritics, for comparing what was asked with what was found.
fn plain(s: &str) -> String {
    String::from_utf8(bilateral::search::fold::fold(s))
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Every text of a hit: its headline, its date, and the fields it matched in.
fn texts(hit: &Value) -> String {
    let mut out = vec![hit["text"].as_str().unwrap_or("").to_string()];
    out.extend(hit["date"].as_str().map(str::to_string));
    if let Some(fields) = hit["elsewhere"].as_array() {
        out.extend(
            fields
                .iter()
                .filter_map(|f| f["text"].as_str().map(str::to_string)),
        );
    }
    out.join(" | ")
}

/// The best hit for `term` holds it, and is of kind `kind` when given.
fn finds(term: &str, kind: Option<&str>) {
    let words: Vec<&str> = term.split_whitespace().collect();
    let hits = search(&words);
    let best = hits.first().unwrap_or_else(|| panic!("{term:?}: no hits"));
    assert!(
        plain(&texts(best)).contains(&plain(term)),
        "{term:?}: best hit is {}",
        texts(best)
    );
    if let Some(kind) = kind {
        assert_eq!(best["kind"], kind, "{term:?}: best hit is {}", texts(best));
    }
}

const PEOPLE: &[&str] = &[
    "Nguyen Co Thach",
    "Pham Van Dong",
    "Nguyen Huu Tho",
    "Nguyen Manh Cam",
    "Nguyen Tan Dung",
    "Nguyen Dy Nien",
    "Phan Van Khai",
    "Pervez Musharraf",
    "Lourdes Aranda Bezaury",
    "Burhanul Islam",
    "Ahsan Iqbal",
    "Saleem Mandviwalla",
    "Jose Tripp Villanueva",
    "Phan Chi Hieu",
    "Nguyen Van Hai",
    "Fernando Gonzalez Saiffe",
    "Cu Chi Loi",
    "Alejandro Negrin Munoz",
    "Nguyen Chien Thang",
    "Nguyen Tuong Lan",
    "Claudia Sheinbaum",
    "Vicente Fox",
];

const PLACES: &[&str] = &[
    "Hanoi",
    "Mexico City",
    "Islamabad",
    "Karachi",
    "Lahore",
    "Tehran",
    "Zacatecas",
    "Latin America",
    "Southeast Asia",
];

const AGREEMENTS: &[&str] = &[
    "Cooperation agreements: agriculture",
    "Cooperation agreements: healthcare",
    "Cooperation agreements: culture",
    "Cooperation agreements: education",
    "Cooperation agreements: science and technology",
    "At least eight bilateral agreements under negotiation",
    "Agreement on the elimination of visas for diplomatic and official passport holders",
    "Memorandum of Understanding between the Mexican Secretariat of Agriculture",
    "Agreement on Scientific and Technical Cooperation",
];

const PRODUCTS: &[&str] = &[
    "apparel",
    "footwear",
    "handicraft",
    "cotton",
    "plastic materials",
    "furniture",
    "chemical based products",
    "rolled products of stainless steel",
    "refrigerators",
    "data processing machines",
    "textiles and clothing articles",
    "medical instruments",
    "tools",
    "cement",
    "minerals",
    "salt",
    "pepper",
];

const YEARS: &[&str] = &[
    "1947", "1955", "1974", "1975", "1976", "1979", "1980", "1985", "1988", "1996", "2000", "2001",
    "2002", "2004", "2005", "2006", "2007", "2008", "2009", "2015", "2018", "2019", "2023", "2024",
    "2025",
];

#[test]
fn finds_every_person() {
    for p in PEOPLE {
        finds(p, None);
    }
}

#[test]
fn finds_every_place() {
    for p in PLACES {
        finds(p, None);
    }
}

#[test]
fn finds_every_agreement() {
    for a in AGREEMENTS {
        finds(a, Some("agreement"));
    }
}

#[test]
fn finds_every_product() {
    for p in PRODUCTS {
        finds(p, Some("products"));
    }
}

#[test]
fn finds_every_year() {
    for y in YEARS {
        finds(y, None);
    }
}

#[test]
fn finds_dates_and_amounts_as_displayed() {
    finds("September 1979", Some("visit"));
    finds("187 million", Some("trade"));
    finds("15 billion", Some("trade"));
}

/// Runs `bilateral search` with these arguments and returns its table.
fn table(args: &[&str]) -> String {
    let out = Command::cargo_bin("bilateral")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("search")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_table_shows_where_a_hit_matched_beyond_its_headline() {
    let saiffe = table(&["saiffe"]);
    // The speaker is named in the fact's attribution, not in its text: the
    // whole text, then where the query matched.
    let row = saiffe
        .lines()
        .find(|l| l.contains("Mexico wants more Mexican businesses"))
        .unwrap_or_else(|| panic!("{saiffe}"));
    assert!(
        row.contains("social equity. · Fernando Gonzalez Saiffe"),
        "{row}"
    );
    // Piped: no escape sequence for the emphasis.
    assert!(!saiffe.contains('\x1b'));
    // One term in the headline, the other only in another field: that
    // field is shown too, so the row says why it is there.
    let imports = table(&["mexico imports", "--width", "200"]);
    assert!(
        imports.contains(
            "Vietnam exports to Mexico: apparel, footwear, handicraft · Mexico imports from Vietnam"
        ),
        "{imports}"
    );
    // Every term in the headline: the headline alone.
    let exports = table(&["pakistan exports", "--width", "200"]);
    assert!(
        exports.contains("Pakistan exports to Mexico: textiles"),
        "{exports}"
    );
    assert!(!exports.contains("imports from"), "{exports}");
    // The relation, on every row already, is never shown as where a query
    // matched, in either order.
    for query in ["Mexico-Vietnam trade 2004", "vietnam mexico trade 2004"] {
        let words: Vec<&str> = query.split(' ').collect();
        let figure = table(&words);
        assert!(
            figure.contains("two-way trade 2004: US$187 million\n"),
            "{figure}"
        );
        assert!(!figure.contains('⇄'), "{figure}");
    }
}

#[test]
fn json_has_id_kind_relation_score_and_positions() {
    let hits = search(&["dong"]);
    let best = &hits[0];
    assert_eq!(best["id"], "mex-vnm-visit-1979-pham-van-dong");
    assert_eq!(best["kind"], "visit");
    assert_eq!(best["relation"], "MEX-VNM");
    assert!(best["score"].as_u64().is_some_and(|s| s > 0));
    let text: Vec<char> = best["text"].as_str().unwrap_or("").chars().collect();
    let marked: String = best["positions"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(Value::as_u64)
                .filter_map(|p| text.get(p as usize))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(marked, "Dong");
}

#[test]
fn options_and_formats() {
    let one = search(&["'cotton", "--kind", "products", "--relation", "pak-mex"]);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["relation"], "MEX-PAK");

    let out = Command::cargo_bin("bilateral")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["search", "e", "--limit", "2"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let table = String::from_utf8_lossy(&out.stdout);
    assert_eq!(table.lines().count(), 5, "{table}");
    assert!(table.contains("2 of "), "{table}");

    for format in ["csv", "md", "table"] {
        Command::cargo_bin("bilateral")
            .unwrap_or_else(|e| panic!("{e}"))
            .args(["search", "nguyen", "--format", format])
            .assert()
            .success();
    }
    Command::cargo_bin("bilateral")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["search", "xylophone"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no record matches \"xylophone\""));
    Command::cargo_bin("bilateral")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["search", "xylophone", "--format", "json"])
        .assert()
        .code(1)
        .stdout("[]\n");
    // A command line's words are typed in full: a word found nowhere is
    // not the start of another with a typo ("gener-al", "forme-r").
    for absent in ["gender", "force", "agreements in force"] {
        Command::cargo_bin("bilateral")
            .unwrap_or_else(|e| panic!("{e}"))
            .args(["search", absent])
            .assert()
            .code(1)
            .stderr(predicates::str::contains("no record matches"));
    }
    Command::cargo_bin("bilateral")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["search", "x", "--limit", "lots"])
        .assert()
        .code(2);
    Command::cargo_bin("bilateral")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["search", "x", "--kind", "planet"])
        .assert()
        .code(2);
}
