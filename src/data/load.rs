//! Reading a dataset: from the copy embedded in the binary or from a file,
//! with every fault reported at once and nothing able to panic.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::model::{Dataset, Relation, Trade};
use super::problem::{Problem, ProblemKind};
use super::sanitize::{clean, clean_json, json_is_clean};
use super::validate::validate;
use super::windowed;

/// The dataset shipped inside the binary.
pub const EMBEDDED_JSON: &str = include_str!("../../assets/relations.json");

/// Files larger than this are refused before they are read, unless raised with `--max-size`.
pub const DEFAULT_MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a dataset could not be loaded. Its `Display` is the message for users.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The file could not be read as text: missing, a directory, empty, too big, not UTF-8.
    Read { path: String, message: String },
    /// The text is not JSON.
    Syntax {
        name: String,
        line: usize,
        column: usize,
        message: String,
        /// The offending line with a marker, ready to print.
        snippet: String,
    },
    /// The JSON is not a valid dataset.
    Invalid {
        name: String,
        problems: Vec<Problem>,
    },
}

impl LoadError {
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { path, message } => write!(f, "error: {path}: {message}"),
            LoadError::Syntax { snippet, .. } => f.write_str(snippet.trim_end()),
            LoadError::Invalid { name, problems } => {
                let n = problems.len();
                writeln!(
                    f,
                    "{name}: {n} problem{} found",
                    if n == 1 { "" } else { "s" }
                )?;
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// The embedded dataset.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    parse_str(EMBEDDED_JSON, "embedded dataset")
}

/// A dataset file, refused before reading if it is larger than `max_bytes`.
pub fn load_path(path: &Path, max_bytes: u64) -> Result<Dataset, LoadError> {
    let shown = clean(&path.display().to_string()).into_owned();
    let fail = |message: String| LoadError::Read {
        path: shown.clone(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a directory, not a dataset file".into()));
    }
    if meta.len() > max_bytes {
        return Err(fail(format!(
            "is {} bytes, over the {max_bytes}-byte limit (raise it with --max-size BYTES)",
            meta.len()
        )));
    }
    // A valid file is read a window at a time, never whole; anything else
    // is read again below, whole, so every fault can be reported.
    if let Some(ds) = std::fs::File::open(path)
        .ok()
        .and_then(|file| windowed::load(file, max_bytes))
    {
        crate::heap::trim();
        return Ok(ds);
    }
    let bytes = read_capped(path, max_bytes, meta.len()).map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(fail(format!(
            "grew over the {max_bytes}-byte limit while being read (raise it with --max-size BYTES)"
        )));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        fail(format!(
            "is not UTF-8 text (invalid byte at offset {}); save the dataset as UTF-8",
            e.valid_up_to()
        ))
    })?;
    // The windowed reader has tried the typed path on this text already.
    parse(text, &shown, false)
}

/// Reads at most `max + 1` bytes, so a file that grows after `metadata` cannot exhaust memory.
/// Room for `expected` bytes (the size `metadata` gave) is made at once: growing a buffer to
/// hundreds of megabytes by doubling copies it a dozen times.
fn read_capped(path: &Path, max: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let room = usize::try_from(expected.min(max).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => clean(&e.to_string()).into_owned(),
    }
}

/// Parses and validates dataset text; `name` says where it came from in messages.
pub fn parse_str(text: &str, name: &str) -> Result<Dataset, LoadError> {
    parse(text, name, true)
}

/// [`parse_str`], trying the typed fast path first only if `try_fast`.
fn parse(text: &str, name: &str, try_fast: bool) -> Result<Dataset, LoadError> {
    let name = clean(name).into_owned();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Read {
            path: name,
            message: "is empty: a dataset is a JSON object with \"sources\", \"countries\" and \"relations\"".into(),
        });
    }
    match try_fast.then(|| parse_fast(text)).flatten() {
        Some(ds) => Ok(ds),
        None => parse_general(text, name),
    }
}

/// Parses, cleans and validates through a JSON tree, collecting every fault.
fn parse_general(text: &str, name: String) -> Result<Dataset, LoadError> {
    let mut root: Value = serde_json::from_str(text).map_err(|e| syntax_error(&name, text, &e))?;
    clean_json(&mut root);

    let mut found = Found::default();
    let parsed = structure(root, &mut found);
    let Found { mut problems, kept } = found;
    let structural = problems.len();
    let mut semantic = validate(&parsed.dataset);
    // A reference to a record that failed to parse is not a second fault.
    semantic.retain(|p| {
        !(p.kind == ProblemKind::UnknownSource && parsed.lost_sources
            || p.kind == ProblemKind::UnknownCountry && parsed.lost_countries)
    });
    // Records that failed to parse are missing from `parsed`: point back into the file.
    if !kept.is_empty() {
        for p in &mut semantic {
            p.path = file_path(&p.path, &kept);
            p.message = file_paths_in(&p.message, &kept);
        }
    }
    problems.extend(semantic);
    if problems.is_empty() && structural == 0 {
        Ok(parsed.dataset)
    } else {
        Err(LoadError::Invalid { name, problems })
    }
}

/// A valid dataset whose strings need no cleaning, read straight into its
/// types: about five times faster than [`parse_general`], which first
/// builds a JSON tree so it can clean every string and report every fault
/// at once. `None` sends anything else (a fault, a string to clean) down
/// the general path, so what is loaded and what is reported never differ.
fn parse_fast(text: &str) -> Option<Dataset> {
    if !json_is_clean(text) {
        return None;
    }
    let ds: Dataset = serde_json::from_str(text).ok()?;
    validate(&ds).is_empty().then_some(ds)
}

fn syntax_error(name: &str, text: &str, e: &serde_json::Error) -> LoadError {
    let at = offending_offset(text, e.line(), e.column());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count() + 1;
    let column = text[line_start..at].chars().count() + 1;
    let message = clean(&strip_position(&e.to_string())).into_owned();
    let snippet = format!(
        "error[syntax] {name}:{line}:{column}: invalid JSON: {message}\n{}",
        excerpt(text, at, line)
    );
    LoadError::Syntax {
        name: name.to_string(),
        line,
        column,
        message,
        snippet,
    }
}

/// serde_json ends its messages with " at line L column C"; we show that as a location instead.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The byte offset of the character serde_json stopped at. It counts columns in
/// bytes from 1, and reports column 0 when the offending character is the line
/// break that ends the line before (a line break inside a string, or the end of
/// the text after a final line break).
fn offending_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = match column {
        0 => start.saturating_sub(1),
        c => start + c - 1,
    }
    .min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The offending line, numbered, with a marker under the character at `at`, and
/// a line either side. Long lines are cut to a window around the marker so a
/// huge one-line file stays readable; everything shown is cleaned.
fn excerpt(text: &str, at: usize, line: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let prev = (line_start > 0).then(|| {
        let end = line_start - 1;
        &text[text[..end].rfind('\n').map_or(0, |i| i + 1)..end]
    });
    let next = (line_end < text.len()).then(|| {
        let start = line_end + 1;
        &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)]
    });
    let gutter = (line + 1).to_string().len();
    let mut out = String::new();
    let mut row = |number: String, s: &str| {
        out.push_str(format!("{number:>gutter$} │ {s}").trim_end());
        out.push('\n');
    };
    if let Some(prev) = prev {
        row((line - 1).to_string(), &clean(&clip_end(prev)));
    }
    let before = clean(&clip_start(&text[line_start..at])).into_owned();
    let after = clean(&clip_end(&text[at..line_end])).into_owned();
    row(line.to_string(), &format!("{before}{after}"));
    row(
        String::new(),
        &format!("{}▲ here", " ".repeat(before.width())),
    );
    if let Some(next) = next.filter(|s| !s.trim().is_empty()) {
        row((line + 1).to_string(), &clean(&clip_end(next)));
    }
    out
}

/// Bytes of a line shown either side of the marker.
const WINDOW: usize = 160;

/// The last `WINDOW` bytes of `s`, after "…" if cut.
fn clip_start(s: &str) -> Cow<'_, str> {
    if s.len() <= WINDOW {
        return Cow::Borrowed(s);
    }
    let mut cut = s.len() - WINDOW;
    while !s.is_char_boundary(cut) {
        cut += 1;
    }
    Cow::Owned(format!("…{}", &s[cut..]))
}

/// The first `WINDOW` bytes of `s`, followed by "…" if cut.
fn clip_end(s: &str) -> Cow<'_, str> {
    if s.len() <= WINDOW {
        return Cow::Borrowed(s);
    }
    let mut cut = WINDOW;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    Cow::Owned(format!("{}…", &s[..cut]))
}

/// The problems found while parsing, and which records of each list were kept.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    /// For each list (by its path in the file) that lost records: the file index
    /// of each record that was kept, in order.
    kept: HashMap<String, Vec<usize>>,
}

impl Found {
    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn len(&self) -> usize {
        self.problems.len()
    }

    fn kept(&mut self, path: &str, kept: Vec<usize>, total: usize) {
        if kept.len() != total {
            self.kept.insert(path.to_string(), kept);
        }
    }
}

/// A path into the parsed dataset (`$.relations[0].visits[1].to`) as a path into
/// the file, whose lists still hold the records that failed to parse.
fn file_path(path: &str, kept: &HashMap<String, Vec<usize>>) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            rest = &rest[open..];
            break;
        };
        let index = &after[..close];
        let moved = index
            .parse::<usize>()
            .ok()
            .and_then(|i| kept.get(out.as_str())?.get(i).copied());
        match moved {
            Some(i) => out.push_str(&format!("[{i}]")),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// [`file_path`] applied to every `$…` path a message mentions.
fn file_paths_in(message: &str, kept: &HashMap<String, Vec<usize>>) -> String {
    let is_path = |c: char| c.is_ascii_alphanumeric() || "$._[]".contains(c);
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find("$.") {
        out.push_str(&rest[..start]);
        let len = rest[start..]
            .find(|c: char| !is_path(c))
            .unwrap_or(rest.len() - start);
        out.push_str(&file_path(&rest[start..start + len], kept));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

struct Parsed {
    dataset: Dataset,
    lost_sources: bool,
    lost_countries: bool,
}

const RELATION_LISTS: [&str; 5] = ["events", "visits", "agreements", "missions", "facts"];
const TRADE_LISTS: [&str; 3] = ["figures", "products", "growth"];

/// Deserialises record by record, so one broken record does not hide the faults of the others.
fn structure(root: Value, problems: &mut Found) -> Parsed {
    let mut dataset = Dataset {
        sources: Default::default(),
        countries: Vec::new(),
        relations: Vec::new(),
    };
    let Value::Object(mut obj) = root else {
        problems.push(Problem::new(
            ProblemKind::Structure,
            "$",
            format!(
                "expected a JSON object with \"sources\", \"countries\" and \"relations\", found {}",
                kind_of(&root)
            ),
        ));
        return Parsed {
            dataset,
            lost_sources: true,
            lost_countries: true,
        };
    };
    let before = problems.len();
    dataset.sources = list(
        required(&mut obj, "sources", "$", problems),
        "$.sources",
        problems,
    );
    let lost_sources = problems.len() > before;
    let before = problems.len();
    dataset.countries = list(
        required(&mut obj, "countries", "$", problems),
        "$.countries",
        problems,
    );
    let lost_countries = problems.len() > before;
    match required(&mut obj, "relations", "$", problems) {
        None => {}
        Some(Value::Array(items)) => {
            let (total, mut kept) = (items.len(), Vec::new());
            for (i, item) in items.into_iter().enumerate() {
                if let Some(rel) = relation(item, &format!("$.relations[{i}]"), problems) {
                    dataset.relations.push(rel);
                    kept.push(i);
                }
            }
            problems.kept("$.relations", kept, total);
        }
        Some(other) => problems.push(not_an_array("$.relations", &other)),
    }
    for key in obj.keys() {
        problems.push(Problem::new(
            ProblemKind::Structure,
            format!("$.{key}"),
            "unknown field: a dataset has only \"sources\", \"countries\" and \"relations\"",
        ));
    }
    Parsed {
        dataset,
        lost_sources,
        lost_countries,
    }
}

fn not_an_array(path: &str, found: &Value) -> Problem {
    Problem::new(
        ProblemKind::Structure,
        path,
        format!("expected an array, found {}", kind_of(found)),
    )
}

fn required(
    obj: &mut Map<String, Value>,
    key: &str,
    path: &str,
    problems: &mut Found,
) -> Option<Value> {
    let v = obj.remove(key);
    if v.is_none() {
        problems.push(Problem::new(
            ProblemKind::Structure,
            path,
            format!("missing field \"{key}\""),
        ));
    }
    v
}

fn list<T: DeserializeOwned>(v: Option<Value>, path: &str, problems: &mut Found) -> Vec<T> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let (total, mut kept, mut out) = (items.len(), Vec::new(), Vec::new());
            for (i, item) in items.into_iter().enumerate() {
                if let Some(t) = record(item, &format!("{path}[{i}]"), problems) {
                    out.push(t);
                    kept.push(i);
                }
            }
            problems.kept(path, kept, total);
            out
        }
        Some(other) => {
            problems.push(not_an_array(path, &other));
            Vec::new()
        }
    }
}

fn record<T: DeserializeOwned>(v: Value, path: &str, problems: &mut Found) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(v) {
        Ok(t) => Some(t),
        Err(e) => {
            let inner = e.path().to_string();
            let at = if inner == "." || inner.is_empty() {
                path.to_string()
            } else {
                format!("{path}.{inner}")
            };
            let message = e.inner().to_string();
            let kind = if message.starts_with("malformed date")
                || message.starts_with("impossible date")
            {
                ProblemKind::BadDate
            } else {
                ProblemKind::Structure
            };
            problems.push(Problem::new(kind, at, clean(&message).into_owned()));
            None
        }
    }
}

fn relation(v: Value, path: &str, problems: &mut Found) -> Option<Relation> {
    let Value::Object(mut obj) = v else {
        return record(v, path, problems);
    };
    let lists: Vec<(&str, Option<Value>)> = RELATION_LISTS
        .iter()
        .map(|k| (*k, obj.remove(*k)))
        .collect();
    let trade_value = obj.remove("trade");
    let head: Option<Relation> = record(Value::Object(obj), path, problems);

    let mut events = Vec::new();
    let mut visits = Vec::new();
    let mut agreements = Vec::new();
    let mut missions = Vec::new();
    let mut facts = Vec::new();
    for (key, value) in lists {
        let p = format!("{path}.{key}");
        match key {
            "events" => events = list(value, &p, problems),
            "visits" => visits = list(value, &p, problems),
            "agreements" => agreements = list(value, &p, problems),
            "missions" => missions = list(value, &p, problems),
            _ => facts = list(value, &p, problems),
        }
    }
    let trade = match trade_value {
        None | Some(Value::Null) => None,
        Some(v) => trade(v, &format!("{path}.trade"), problems),
    };
    let mut rel = head?;
    rel.events = events;
    rel.visits = visits;
    rel.agreements = agreements;
    rel.missions = missions;
    rel.facts = facts;
    rel.trade = trade;
    Some(rel)
}

fn trade(v: Value, path: &str, problems: &mut Found) -> Option<Trade> {
    let Value::Object(mut obj) = v else {
        return record(v, path, problems);
    };
    let lists: Vec<(&str, Option<Value>)> =
        TRADE_LISTS.iter().map(|k| (*k, obj.remove(*k))).collect();
    let head: Option<Trade> = record(Value::Object(obj), path, problems);
    let mut figures = Vec::new();
    let mut products = Vec::new();
    let mut growth = Vec::new();
    for (key, value) in lists {
        let p = format!("{path}.{key}");
        match key {
            "figures" => figures = list(value, &p, problems),
            "products" => products = list(value, &p, problems),
            _ => growth = list(value, &p, problems),
        }
    }
    let mut t = head?;
    t.figures = figures;
    t.products = products;
    t.growth = growth;
    Some(t)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_skip_records_that_failed_to_parse() {
        let kept = HashMap::from([
            ("$.relations".to_string(), vec![1, 2]),
            ("$.relations[2].visits".to_string(), vec![0, 3]),
        ]);
        assert_eq!(
            file_path("$.relations[1].visits[1].to", &kept),
            "$.relations[2].visits[3].to"
        );
        assert_eq!(file_path("$.relations[0].id", &kept), "$.relations[1].id");
        assert_eq!(
            file_path("$.countries[0].code", &kept),
            "$.countries[0].code"
        );
        assert_eq!(file_path("$.relations[9]", &kept), "$.relations[9]");
        assert_eq!(
            file_paths_in("duplicate (first used at $.relations[0].id)", &kept),
            "duplicate (first used at $.relations[1].id)"
        );
    }

    #[test]
    fn semantic_faults_after_a_broken_record_name_the_right_record() {
        let text = r#"{
          "sources": [{"id": "s", "title": "T", "kind": "news"}],
          "countries": [{"code": "MEX", "name": "Mexico"}, {"code": "PAK", "name": "Pakistan"}],
          "relations": [{
            "id": "MEX-PAK", "countries": ["MEX", "PAK"], "summary": "x",
            "sources": [{"source": "s"}],
            "visits": [
              {"id": "v0", "date": "May 1975", "visitor": "A", "from": "PAK", "to": "MEX",
               "sources": [{"source": "s"}]},
              {"id": "v1", "visitor": "B", "from": "PAK", "to": "PAK",
               "sources": [{"source": "s"}]}
            ]
          }]
        }"#;
        let err = parse_str(text, "t.json").unwrap_err();
        let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "$.relations[0].visits[0].date",
                "$.relations[0].visits[1].to"
            ]
        );
    }

    fn syntax(text: &str) -> (usize, usize, String, String) {
        match parse_str(text, "t.json") {
            Err(LoadError::Syntax {
                line,
                column,
                message,
                snippet,
                ..
            }) => (line, column, message, snippet),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    /// The display column of the marker on the line below the offending one.
    fn marker_column(snippet: &str) -> usize {
        use unicode_width::UnicodeWidthStr;
        let marker = snippet.lines().find(|l| l.ends_with("▲ here")).unwrap();
        let bar = snippet.lines().nth(1).unwrap().find('│').unwrap();
        marker[bar + '│'.len_utf8() + 1..]
            .trim_end_matches("▲ here")
            .width()
    }

    #[test]
    fn syntax_error_names_file_line_and_column_once() {
        let (line, column, message, snippet) = syntax("{\"a\": 1,\n \"b\": x}");
        assert_eq!((line, column), (2, 7));
        assert_eq!(message, "expected value");
        let mut lines = snippet.lines();
        assert_eq!(
            lines.next(),
            Some("error[syntax] t.json:2:7: invalid JSON: expected value")
        );
        assert_eq!(lines.next(), Some("1 │ {\"a\": 1,"));
        assert_eq!(lines.next(), Some("2 │  \"b\": x}"));
        assert_eq!(lines.next(), Some("  │       ▲ here"));
        assert_eq!(lines.next(), None);
        assert_eq!(marker_column(&snippet), 6);
    }

    #[test]
    fn gutter_numbers_are_the_file_lines() {
        let mut text = String::from("[\n");
        for _ in 0..998 {
            text.push_str("1,\n");
        }
        text.push_str("oops]\n");
        let (line, column, _, snippet) = syntax(&text);
        assert_eq!((line, column), (1000, 1));
        assert!(
            snippet.contains("\n 999 │ 1,\n1000 │ oops]\n     │ ▲ here"),
            "{snippet}"
        );
    }

    #[test]
    fn a_line_break_in_a_string_is_located_where_the_string_breaks() {
        // serde_json reports this as line 3, column 0.
        let (line, column, message, snippet) = syntax("{\n  \"a\": \"b\nc\"}");
        assert!(message.starts_with("control character"), "{message}");
        assert_eq!((line, column), (2, 10));
        assert_eq!(marker_column(&snippet), 9);
        assert!(snippet.contains("2 │   \"a\": \"b\n"), "{snippet}");
    }

    #[test]
    fn end_of_text_after_a_final_line_break_points_at_the_end_of_the_last_line() {
        // serde_json reports this as line 2, column 0.
        let (line, column, message, _) = syntax("{\"a\": 1,\n");
        assert!(message.starts_with("EOF while parsing"), "{message}");
        assert_eq!((line, column), (1, 9));
    }

    #[test]
    fn columns_count_characters_and_the_marker_counts_display_width() {
        let (line, column, _, snippet) = syntax("{\"名前 Đồng\": x}");
        assert_eq!((line, column), (1, 13));
        assert_eq!(
            marker_column(&snippet),
            "{\"名前 Đồng\": ".chars().count() + 2
        );
    }

    #[test]
    fn a_hostile_line_is_shown_cleaned() {
        let (_, column, _, snippet) = syntax("[\"a\", \x1b[2J\x1b]0;pwned\x07 \u{9b}31m \u{202e}]");
        assert_eq!(column, 7);
        assert!(
            snippet.contains("␛[2J␛]0;pwned␇ ⟨U+009B⟩31m ⟨U+202E⟩]"),
            "{snippet}"
        );
        assert!(!snippet.chars().any(|c| c.is_control() && c != '\n'));
        assert_eq!(marker_column(&snippet), 6);
    }

    #[test]
    fn deep_nesting_is_a_located_syntax_error() {
        for open in ["[", "{\"a\":"] {
            let text = open.repeat(100_000);
            let (line, column, message, snippet) = syntax(&text);
            assert_eq!(message, "recursion limit exceeded");
            assert_eq!(line, 1);
            assert!((100..=1000).contains(&column), "column {column}");
            assert!(snippet.len() < 1_000, "{} bytes", snippet.len());
        }
    }

    #[test]
    fn a_huge_line_is_cut_around_the_marker() {
        use unicode_width::UnicodeWidthStr;
        let text = format!("[{}x{}]", " ".repeat(1_000_000), " ".repeat(1_000_000));
        let (line, column, _, snippet) = syntax(&text);
        assert_eq!((line, column), (1, 1_000_002));
        assert!(snippet.len() < 1_000, "{} bytes", snippet.len());
        assert!(snippet.contains("…"));
        let shown = snippet.lines().nth(1).unwrap();
        let x = shown.find('x').unwrap();
        assert_eq!(marker_column(&snippet), shown[..x].width() - "1 │ ".width());
    }

    #[test]
    fn the_fast_path_loads_what_the_general_path_loads() {
        let synthetic = crate::synth::generate(crate::synth::Options {
            records: 1_000,
            seed: 5,
        });
        let synthetic = serde_json::to_string(&synthetic).unwrap_or_default();
        for text in [EMBEDDED_JSON, synthetic.as_str()] {
            let fast = parse_fast(text);
            assert!(fast.is_some());
            assert_eq!(
                fast.ok_or(()),
                parse_general(text, "t".into()).map_err(|_| ())
            );
        }
    }

    #[test]
    fn text_to_clean_or_faults_take_the_general_path() {
        let dirty = EMBEDDED_JSON.replacen(
            "Diplomatic relations established",
            "Diplomatic\\u001b relations",
            1,
        );
        assert!(parse_fast(&dirty).is_none());
        let ds = parse_str(&dirty, "t").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            ds.relations[0]
                .events
                .iter()
                .any(|e| e.title == "Diplomatic␛ relations")
        );

        let invalid = EMBEDDED_JSON.replacen("\"kind\": \"news\"", "\"kind\": \"rumour\"", 1);
        assert!(parse_fast(&invalid).is_none());
        assert!(parse_str(&invalid, "t").is_err());
    }
}
