//! The loader on arbitrary input and on mutations of the embedded dataset:
//! never a panic; always a dataset or an error that says where the fault is;
//! nothing in either that a terminal would act on.
//!
//! `PROPTEST_CASES=10000 cargo test --release --test loader_props` runs longer.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

use crate::check_load::in_document;
use crate::forbidden::forbidden;

use bilateral::data::load::EMBEDDED_JSON;
use bilateral::data::problem::ProblemKind;
use bilateral::data::{LoadError, parse_str};

/// `default_cases` unless PROPTEST_CASES says otherwise.
fn config(default_cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default_cases;
    }
    config
}

fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k);
                strings(v, out);
            }
        }
        _ => {}
    }
}

/// What must hold for any text given to the loader.
fn check(text: &str) -> Result<(), TestCaseError> {
    match parse_str(text, "prop.json") {
        Ok(ds) => {
            let value = serde_json::to_value(&ds).unwrap();
            let mut all = Vec::new();
            strings(&value, &mut all);
            for s in all {
                prop_assert!(!s.chars().any(forbidden), "loaded uncleaned {:?}", s);
            }
        }
        Err(e) => {
            let shown = e.to_string();
            prop_assert!(!shown.chars().any(forbidden), "error shows {:?}", shown);
            match e {
                LoadError::Read { message, .. } => {
                    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
                    prop_assert!(
                        body.trim().is_empty() || message.contains("looks like UTF-16"),
                        "read error {}",
                        message
                    );
                }
                LoadError::Syntax {
                    line,
                    column,
                    message,
                    ..
                } => {
                    let snippet = &shown;
                    prop_assert!(line >= 1 && column >= 1, "at {}:{}", line, column);
                    prop_assert!(
                        line <= text.split('\n').count(),
                        "line {} of {}",
                        line,
                        text
                    );
                    prop_assert!(!message.is_empty());
                    let head = format!("error[syntax] prop.json:{line}:{column}: invalid JSON: ");
                    prop_assert!(snippet.starts_with(&head), "{}", snippet);
                    prop_assert!(snippet.contains("▲ here"), "{}", snippet);
                }
                LoadError::Layers(_) => prop_assert!(false, "one file read as layers"),
                LoadError::Invalid { problems, .. } => {
                    prop_assert!(!problems.is_empty());
                    // The loader reads the first of a repeated key, serde_json's
                    // tree the last: below a repeated key the tree cannot judge.
                    let repeated: Vec<_> = problems
                        .iter()
                        .filter(|p| p.kind == ProblemKind::DuplicateKey)
                        .map(|p| p.path.steps())
                        .collect();
                    for p in &problems {
                        let below_repeat = repeated.iter().any(|r| p.path.steps().starts_with(r));
                        prop_assert!(below_repeat || in_document(text, &p.path), "{}", p);
                        prop_assert!(!p.message.is_empty(), "{}", p);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Pieces of JSON and of the dataset format, to build text that gets past the tokenizer.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\n",
    "null",
    "true",
    "0",
    "-1",
    "1e999",
    "2.5",
    "\"\"",
    "\"sources\"",
    "\"countries\"",
    "\"relations\"",
    "\"id\"",
    "\"title\"",
    "\"kind\"",
    "\"code\"",
    "\"name\"",
    "\"source\"",
    "\"summary\"",
    "\"events\"",
    "\"visits\"",
    "\"trade\"",
    "\"date\"",
    "\"from\"",
    "\"to\"",
    "\"amount\"",
    "\"value\"",
    "\"qualifier\"",
    "\"derived\"",
    "\"MEX\"",
    "\"VNM\"",
    "\"MEX-VNM\"",
    "\"USD\"",
    "\"news\"",
    "\"1975-05-19\"",
    "\"2023-02-30\"",
    "\"\\u001b[2J\"",
    "\"\\u009b\"",
    "\"\\u202e\"",
    "\"\\ud800\"",
    "\"\\",
    "\u{1b}",
    "\u{9b}",
    "\u{202e}",
    "\u{feff}",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..300).prop_map(|t| t.concat())
}

/// A small valid dataset wrapped around arbitrary JSON in one field.
fn dataset_with(value: &str) -> String {
    format!(
        "{{\"sources\": [{{\"id\": \"s\", \"title\": \"t\", \"kind\": \"news\"}}],\
         \"countries\": [{{\"code\": \"MEX\", \"name\": {value}}}, {{\"code\": \"VNM\", \"name\": \"V\"}}],\
         \"relations\": [{{\"id\": \"MEX-VNM\", \"countries\": [\"MEX\", \"VNM\"], \"summary\": \"s\",\
         \"sources\": [{{\"source\": \"s\"}}]}}]}}"
    )
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(Index, usize),
    Insert(Index, Vec<u8>),
    Replace(Index, u8),
    Truncate(Index),
    /// Copies a run of bytes to another place: repeated keys, records, brackets.
    Duplicate(Index, usize, Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
    ];
    prop_oneof![
        (any::<Index>(), 1..64usize).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<Index>(), bytes).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
        any::<Index>().prop_map(Edit::Truncate),
        (any::<Index>(), 1..400usize, any::<Index>())
            .prop_map(|(i, n, j)| Edit::Duplicate(i, n, j)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    if bytes.is_empty() {
        return;
    }
    match edit {
        Edit::Delete(i, n) => {
            let at = i.index(bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Edit::Insert(i, new) => {
            let at = i.index(bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Edit::Replace(i, b) => {
            let at = i.index(bytes.len());
            bytes[at] = *b;
        }
        Edit::Truncate(i) => bytes.truncate(i.index(bytes.len())),
        Edit::Duplicate(i, n, j) => {
            let at = i.index(bytes.len());
            let run = bytes[at..(at + n).min(bytes.len())].to_vec();
            let to = j.index(bytes.len() + 1);
            bytes.splice(to..to, run);
        }
    }
}

fn embedded() -> &'static Value {
    static VALUE: OnceLock<Value> = OnceLock::new();
    VALUE.get_or_init(|| serde_json::from_str(EMBEDDED_JSON).unwrap())
}

/// Every place in a JSON value, as the keys and indices leading to it.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    At(usize),
}

fn places(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(Step::At(i));
                places(item, here, out);
                here.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                here.push(Step::Key(k.clone()));
                places(item, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn embedded_places() -> &'static [Vec<Step>] {
    static PLACES: OnceLock<Vec<Vec<Step>>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut out = Vec::new();
        places(embedded(), &mut Vec::new(), &mut out);
        out
    })
}

/// Values of every type, including ones the format allows only elsewhere.
fn replacement() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop::sample::select(vec![
            0.0,
            -1.0,
            0.5,
            999.0,
            1000.0,
            10000.0,
            2_147_483_648.0,
            -2_147_483_649.0,
            1e300,
            -1e300,
            f64::MIN_POSITIVE,
        ])
        .prop_map(|n| serde_json::json!(n)),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        prop::sample::select(vec![
            "",
            " ",
            "MEX",
            "VNM",
            "IRN",
            "PAK",
            "XXX",
            "mex",
            "USD",
            "MEX-VNM",
            "VNM-MEX",
            "vn-mx-overview",
            "mex-vnm-event-1975-relations",
            "1975",
            "1975-05",
            "1975-05-19",
            "2023-02-30",
            "0000",
            "99999",
            "1975-13",
            "derived",
            "exact",
            "embassy",
            "accredited_from",
            "under_negotiation",
            "membership",
            "percent",
            "\u{1b}[2J\u{1b}]0;pwned\u{7}",
            "\u{9b}31m\u{202e}\u{200b}\u{0}",
        ])
        .prop_map(|s| Value::String(s.to_string())),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Change {
    /// Puts another value, often of another type, in place of this one.
    Set(Index, Value),
    Remove(Index),
    /// Renames an object key: unknown fields, hostile keys.
    Rename(Index, String),
    /// Repeats an array element: duplicate ids, duplicate countries.
    Repeat(Index),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<Index>(), replacement()).prop_map(|(i, v)| Change::Set(i, v)),
        any::<Index>().prop_map(Change::Remove),
        (
            any::<Index>(),
            prop_oneof![Just("x\u{1b}[31m".to_string()), "[a-z_]{1,12}"]
        )
            .prop_map(|(i, k)| Change::Rename(i, k)),
        any::<Index>().prop_map(Change::Repeat),
    ]
}

fn at_mut<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut v = v;
    for step in path {
        v = match (step, v) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Step::At(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

fn change_value(root: &mut Value, change: &Change) {
    let places = embedded_places();
    let pick = |i: &Index| &places[i.index(places.len())];
    match change {
        Change::Set(i, new) => {
            if let Some(v) = at_mut(root, pick(i)) {
                *v = new.clone();
            }
        }
        Change::Remove(i) | Change::Rename(i, _) | Change::Repeat(i) => {
            let path = pick(i);
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match (at_mut(root, parent), last) {
                (Some(Value::Object(m)), Step::Key(k)) => {
                    if let Some(v) = m.remove(k)
                        && let Change::Rename(_, to) = change
                    {
                        m.insert(to.clone(), v);
                    }
                }
                (Some(Value::Array(a)), Step::At(n)) if *n < a.len() => match change {
                    Change::Repeat(_) => a.insert(*n, a[*n].clone()),
                    _ => {
                        a.remove(*n);
                    }
                },
                _ => {}
            }
        }
    }
}

/// Writes one `"key": value` line of pretty-printed JSON twice, so its object
/// has the key twice.
fn duplicate_key(text: &str, i: &Index) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let scalar: Vec<usize> = (0..lines.len())
        .filter(|&n| {
            let l = lines[n].trim();
            l.starts_with('"') && l.contains("\": ") && !l.ends_with('[') && !l.ends_with('{')
        })
        .collect();
    if scalar.is_empty() {
        return text.to_string();
    }
    let n = scalar[i.index(scalar.len())];
    let twice = format!("{},", lines[n].trim_end_matches(','));
    lines.insert(n, &twice);
    lines.join("\n")
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn json_tokens(text in token_soup()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_values_in_a_field(value in replacement()) {
        check(&dataset_with(&value.to_string()))?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn edited_embedded_bytes(edits in prop::collection::vec(edit(), 1..6)) {
        let mut bytes = EMBEDDED_JSON.as_bytes().to_vec();
        for e in &edits {
            apply(&mut bytes, e);
        }
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn changed_embedded_values(
        changes in prop::collection::vec(change(), 1..5),
        dup in prop::option::of(any::<Index>()),
    ) {
        let mut root = embedded().clone();
        for c in &changes {
            change_value(&mut root, c);
        }
        let mut text = serde_json::to_string_pretty(&root).unwrap();
        if let Some(i) = dup {
            text = duplicate_key(&text, &i);
        }
        check(&text)?;
    }
}

#[test]
fn a_byte_order_mark_alone_is_an_empty_file() {
    // Found by the fuzz target, whose check had forgotten that the loader skips the mark.
    for text in ["\u{feff}", "\u{feff} \n\t"] {
        check(text).unwrap();
        assert!(matches!(
            parse_str(text, "bom.json"),
            Err(LoadError::Read { message, .. }) if message.starts_with("is empty")
        ));
    }
}

#[test]
fn the_embedded_dataset_passes_the_checks_untouched() {
    check(EMBEDDED_JSON).unwrap();
    assert!(parse_str(EMBEDDED_JSON, "embedded").is_ok());
}

#[test]
fn one_change_is_enough_to_be_reported() {
    // The properties would hold vacuously if every mutation were a no-op.
    let mut root = embedded().clone();
    root["relations"][0]["events"][0]["date"] = Value::from("2023-02-30");
    root["relations"][0]["visits"][0]["id"] = root["relations"][0]["visits"][1]["id"].clone();
    let Err(LoadError::Invalid { problems, .. }) = parse_str(&root.to_string(), "x") else {
        panic!("not invalid");
    };
    let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
    assert_eq!(
        paths,
        [
            "$.relations[0].events[0].date",
            "$.relations[0].visits[1].id"
        ]
    );
}

#[test]
fn a_byte_order_mark_before_a_value_is_skipped() {
    // Found by json_tokens: the mark before a whole value that is not a dataset.
    for text in ["\u{feff}null", "\u{feff}[]", "\u{feff}{}"] {
        check(text).unwrap();
    }
}

#[test]
fn a_problem_below_a_repeated_key_is_placed_in_the_first_copy() {
    // Found by edited_embedded_bytes: the loader reads the first "events",
    // which serde_json's tree (the oracle's) replaces with the last.
    let text = EMBEDDED_JSON.replacen(
        "\"events\": [",
        "\"events\": [{\"id\": \"x\", \"title\": \"t\", \"section\": \"s\", \"sources\": []}], \"events\": [], \"later\": [",
        1,
    );
    check(&text).unwrap();
    assert!(matches!(
        parse_str(&text, "dup.json"),
        Err(LoadError::Invalid { problems, .. })
            if problems.iter().any(|p| p.kind == ProblemKind::DuplicateKey)
    ));
}
