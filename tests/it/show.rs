//! `bilateral show` and `bilateral search --full`: a question about the
//! relations answered in one command, every record in full with its sources.

use crate::common::{bilateral, stdout_of};
use serde_json::Value;

/// One record of every kind, a relation and a source.
const IDS: [&str; 10] = [
    "mex-pak-event-1955-relations",
    "mex-vnm-visit-1979-pham-van-dong",
    "mex-pak-agreement-2008-rice",
    "mex-vnm-trade-2023",
    "mex-pak-products-pak-to-mex",
    "mex-vnm-growth-2024",
    "mex-vnm-mission-mex-embassy-hanoi",
    "mex-vnm-fact-mexico-plan",
    "MEX-PAK",
    "vn-mx-50-years",
];

#[test]
fn every_kind_of_record_in_full_as_text() {
    let mut args = vec!["show"];
    args.extend(IDS);
    insta::assert_snapshot!("every_kind", stdout_of(&args));
}

#[test]
fn text_wraps_to_a_width_and_keeps_every_word() {
    let piped = stdout_of(&["show", "mex-vnm-fact-mexico-plan"]);
    let narrow = stdout_of(&["show", "mex-vnm-fact-mexico-plan", "--width", "50"]);
    assert!(narrow.lines().all(|l| l.chars().count() <= 50), "{narrow}");
    assert!(narrow.lines().count() > piped.lines().count());
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&narrow), words(&piped));
}

#[test]
fn every_kind_of_record_in_full_as_json() {
    let mut args = vec!["show", "--format", "json"];
    args.extend(IDS);
    let items: Vec<Value> = serde_json::from_str(&stdout_of(&args)).expect("JSON");
    assert_eq!(items.len(), IDS.len());
    for (item, id) in items.iter().zip(IDS) {
        assert_eq!(item["id"], id);
        assert!(
            item["fields"].as_object().is_some_and(|f| !f.is_empty()),
            "{item}"
        );
        assert!(item["stored"].is_object(), "{item}");
    }
    let derived = &items[3];
    assert_eq!(derived["kind"], "trade");
    assert_eq!(derived["fields"]["amount"], "≈ US$11.8 billion (derived)");
    assert_eq!(
        derived["fields"]["arithmetic"],
        "15 ÷ 1.275 ≈ 11.76 (US$ billion)"
    );
    assert_eq!(derived["stored"]["amount"]["qualifier"], "derived");
    let source = &derived["sources"][0];
    assert_eq!(source["source"], "vn-mx-50-years");
    assert_eq!(source["author"], "Rosie Nguyen");
    assert_eq!(source["published"], "26 April 2025");
    assert!(
        source["citation"]
            .as_str()
            .is_some_and(|c| c.starts_with("[2] Vietnam - Mexico: Reinforcing Friendship")),
        "{source}"
    );
    let visit = &items[1];
    assert_eq!(visit["fields"]["date"], "September 1979");
    assert_eq!(visit["fields"]["direction"], "Vietnam → Mexico");
    assert_eq!(visit["stored"]["date"], "1979-09");
    let fact = &items[7];
    assert_eq!(
        fact["fields"]["said_by"],
        "Alejandro Negrin Munoz, Mexican Ambassador to Vietnam"
    );
}

#[test]
fn every_kind_of_record_in_full_as_markdown() {
    let mut args = vec!["show", "--format", "md"];
    args.extend(IDS);
    let md = stdout_of(&args);
    assert_eq!(md.matches("\n### ").count() + 1, IDS.len(), "{md}");
    for id in IDS {
        assert!(md.contains(&format!("- **Id:** {id}\n")), "{id}:\n{md}");
    }
    assert!(md.contains("- **Amount:** ≈ US$11.8 billion (derived)"));
    assert!(md.contains("- **Closed:** 1980"));
    assert!(md.contains("- \\[3\\] Mexico–Pakistan relations · § Trade relations"));
}

#[test]
fn three_questions_answered_by_one_command_each() {
    let hanoi = stdout_of(&["search", "embassy", "hanoi", "--full", "--limit", "1"]);
    assert!(
        hanoi.contains("Mission      Mexico's embassy in Hanoi"),
        "{hanoi}"
    );
    assert!(hanoi.contains("Closed       1980"), "{hanoi}");

    let khai = stdout_of(&["search", "phan", "van", "khai", "--full", "--limit", "1"]);
    assert!(khai.contains("Purpose      10th APEC Summit"), "{khai}");

    let args = [
        "search",
        "mexican",
        "ambassador",
        "--kind",
        "fact",
        "--full",
    ];
    let ambassador = stdout_of(&args);
    assert!(
        ambassador.contains("Said by      Alejandro Negrin Munoz, Mexican Ambassador to Vietnam"),
        "{ambassador}"
    );
    assert!(
        ambassador.contains("Rosie Nguyen, 26 April 2025"),
        "{ambassador}"
    );
}

#[test]
fn search_full_prints_hits_as_show_does() {
    let id = "mex-vnm-visit-1979-pham-van-dong";
    let full = stdout_of(&["search", "'pham", "'dong", "--full", "--limit", "1"]);
    let shown = stdout_of(&["show", id]);
    // The same record, the same lines; the search adds its score to the first.
    let (head, rest) = full.split_once('\n').expect("lines");
    assert!(head.starts_with(&format!("[visit] Mexico ⇄ Vietnam · {id} · score ")));
    assert_eq!(rest, shown.split_once('\n').expect("lines").1);
    // Piped, nothing is styled.
    assert!(!full.contains('\u{1b}'));

    let json: Vec<Value> = serde_json::from_str(&stdout_of(&[
        "search", "'pham", "'dong", "--full", "--format", "json",
    ]))
    .expect("JSON");
    assert_eq!(json[0]["id"], id);
    assert!(json[0]["score"].as_u64().is_some_and(|s| s > 0));
    assert_eq!(
        json[0]["matched"][0]["positions"].as_array().map(Vec::len),
        Some(8)
    );
}

#[test]
fn an_unknown_id_names_the_closest_ones() {
    let out = bilateral(&["show", "mex-vnm-visit-1979-pham"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        err.contains("closest: mex-vnm-visit-1979-pham-van-dong"),
        "{err}"
    );
    // A typo is close too.
    let out = bilateral(&["show", "mex-vnm-vist-1979-pham-van-dong"]);
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("mex-vnm-visit-1979-pham-van-dong"), "{err}");
    // Nothing close: where ids are shown.
    let out = bilateral(&["show", "zzzz"]);
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("--ids"), "{err}");
    // One unknown id among known ones: nothing is printed, every unknown one is named.
    let out = bilateral(&["show", "MEX-VNM", "nope-1", "vn-mx-overview", "nope-2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        err.contains("\"nope-1\"") && err.contains("\"nope-2\""),
        "{err}"
    );
}

#[test]
fn relation_ids_in_any_order_and_case() {
    assert_eq!(
        stdout_of(&["show", "vnm-mex"]),
        stdout_of(&["show", "MEX-VNM"])
    );
}
