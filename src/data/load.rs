//! Reading a dataset: from the copy embedded in the binary or from a file,
//! with every fault reported at once and nothing able to panic.

use std::fmt;
use std::path::Path;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::model::{Dataset, Relation, Trade};
use super::problem::{Problem, ProblemKind};
use super::sanitize::{clean, clean_json, clean_with_offset, json_is_clean};
use super::validate::validate;

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
    parse_str(text, &shown)
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
    let name = clean(name).into_owned();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Read {
            path: name,
            message: "is empty: a dataset is a JSON object with \"sources\", \"countries\" and \"relations\"".into(),
        });
    }
    match parse_fast(text) {
        Some(ds) => Ok(ds),
        None => parse_general(text, name),
    }
}

/// Parses, cleans and validates through a JSON tree, collecting every fault.
fn parse_general(text: &str, name: String) -> Result<Dataset, LoadError> {
    let mut root: Value = serde_json::from_str(text).map_err(|e| syntax_error(&name, text, &e))?;
    clean_json(&mut root);

    let mut problems = Vec::new();
    let parsed = structure(root, &mut problems);
    let structural = problems.len();
    let mut semantic = validate(&parsed.dataset);
    // A reference to a record that failed to parse is not a second fault.
    semantic.retain(|p| {
        !(p.kind == ProblemKind::UnknownSource && parsed.lost_sources
            || p.kind == ProblemKind::UnknownCountry && parsed.lost_countries)
    });
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
    let (line, column) = (e.line(), e.column());
    let offset = byte_offset(text, line, column);
    // Show only the offending line (and its neighbours) so a huge one-line file stays readable.
    let (excerpt, excerpt_offset) = excerpt(text, offset);
    let (source, at) = clean_with_offset(&excerpt, excerpt_offset);
    let message = clean(&strip_position(&e.to_string())).into_owned();
    let diagnostic = MietteDiagnostic::new(format!("invalid JSON: {message}"))
        .with_code("syntax")
        .with_label(LabeledSpan::at(at..at, "here"));
    let source = NamedSource::new(format!("{name}:{line}:{column}"), source);
    let report = miette::Report::new(diagnostic).with_source_code(source);
    let mut snippet = String::new();
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_context_lines(1)
        .with_width(100);
    if handler
        .render_report(&mut snippet, report.as_ref())
        .is_err()
        || snippet.is_empty()
    {
        snippet = format!("error[syntax] {name}:{line}:{column}: invalid JSON: {message}");
    }
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

fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// At most a line either side of `offset`, each cut to a window around the marker.
fn excerpt(text: &str, offset: usize) -> (String, usize) {
    const WINDOW: usize = 160;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prev_start = if line_start == 0 {
        0
    } else {
        text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1)
    };
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let next_end = if line_end >= text.len() {
        text.len()
    } else {
        text[line_end + 1..]
            .find('\n')
            .map_or(text.len(), |i| line_end + 1 + i)
    };
    let clip = |s: &str, keep_end: bool| -> String {
        if s.len() <= WINDOW {
            return s.to_string();
        }
        let mut cut = if keep_end { s.len() - WINDOW } else { WINDOW };
        while !s.is_char_boundary(cut) {
            cut += 1;
        }
        if keep_end {
            format!("…{}", &s[cut..])
        } else {
            format!("{}…", &s[..cut])
        }
    };
    let mut out = String::new();
    if prev_start < line_start {
        out.push_str(&clip(&text[prev_start..line_start - 1], false));
        out.push('\n');
    }
    out.push_str(&clip(&text[line_start..offset], true));
    let at = out.len();
    out.push_str(&clip(&text[offset..line_end], false));
    if line_end < next_end {
        out.push('\n');
        out.push_str(&clip(&text[line_end + 1..next_end], false));
    }
    (out, at)
}

struct Parsed {
    dataset: Dataset,
    lost_sources: bool,
    lost_countries: bool,
}

const RELATION_LISTS: [&str; 5] = ["events", "visits", "agreements", "missions", "facts"];
const TRADE_LISTS: [&str; 3] = ["figures", "products", "growth"];

/// Deserialises record by record, so one broken record does not hide the faults of the others.
fn structure(root: Value, problems: &mut Vec<Problem>) -> Parsed {
    let mut dataset = Dataset {
        sources: Vec::new(),
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
            for (i, item) in items.into_iter().enumerate() {
                if let Some(rel) = relation(item, &format!("$.relations[{i}]"), problems) {
                    dataset.relations.push(rel);
                }
            }
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
    problems: &mut Vec<Problem>,
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

fn list<T: DeserializeOwned>(v: Option<Value>, path: &str, problems: &mut Vec<Problem>) -> Vec<T> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .filter_map(|(i, item)| record(item, &format!("{path}[{i}]"), problems))
            .collect(),
        Some(other) => {
            problems.push(not_an_array(path, &other));
            Vec::new()
        }
    }
}

fn record<T: DeserializeOwned>(v: Value, path: &str, problems: &mut Vec<Problem>) -> Option<T> {
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

fn relation(v: Value, path: &str, problems: &mut Vec<Problem>) -> Option<Relation> {
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

fn trade(v: Value, path: &str, problems: &mut Vec<Problem>) -> Option<Trade> {
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
