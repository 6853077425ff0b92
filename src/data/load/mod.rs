//! Reading a dataset: from the copy embedded in the binary or from a file,
//! with every fault reported at once and nothing able to panic.
//!
//! One job per module: [`read`] gets a file's bytes within the size cap and
//! says when they are not UTF-8; [`stream`] reads a file a window at a time;
//! [`walk`] reads the parts that hold lists a record at a time and
//! [`record`] one record with every fault it has, over the tree and
//! deserializer of [`json`]; [`clean`] cleans what was read; [`excerpt`]
//! shows where a text stops being JSON. This module puts them together and
//! checks the result as a whole.

mod clean;
mod excerpt;
mod json;
mod layer;
mod read;
mod record;
mod stream;
mod walk;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rayon::prelude::*;

pub use excerpt::Excerpt;
pub use layer::load_layered;

use super::model::Dataset;
use super::problem::{JsonPath, Problem, ProblemKind};
use super::sanitize::clean as clean_text;
use super::validate::validate;
use stream::{Parts, Stop};

/// The dataset shipped inside the binary.
pub const EMBEDDED_JSON: &str = include_str!("../../../assets/relations.json");

/// Files larger than this are refused before they are read, unless raised with `--max-size`.
pub const DEFAULT_MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// Columns a syntax error's excerpt is cut to when nothing says otherwise.
pub const DEFAULT_WIDTH: usize = 100;

/// Why a dataset could not be loaded. Its `Display` is the message for users.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The file could not be read as text: missing, a directory, empty, too big, not UTF-8.
    Read { path: String, message: String },
    /// The text is not JSON.
    Syntax {
        name: String,
        line: usize,
        /// In characters, from 1.
        column: usize,
        message: String,
        /// The offending line and its neighbours.
        excerpt: Excerpt,
    },
    /// The JSON is not a valid dataset.
    Invalid {
        name: String,
        problems: Vec<Problem>,
    },
    /// Files layered with `--with` that cannot be merged: each one's error,
    /// the faults of the merged dataset under the file that gave them.
    Layers(Vec<LoadError>),
}

impl LoadError {
    /// The faults found; for layers, those of the first file that has any.
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            LoadError::Layers(errors) => errors
                .iter()
                .map(LoadError::problems)
                .find(|p| !p.is_empty())
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// The message for users, a syntax error's excerpt cut to `width` columns.
    pub fn render(&self, width: usize) -> String {
        match self {
            LoadError::Read { path, message } => format!("error: {path}: {message}"),
            LoadError::Syntax {
                name,
                line,
                column,
                message,
                excerpt,
            } => format!(
                "error[syntax] {name}:{line}:{column}: invalid JSON: {message}\n{}",
                excerpt.render(width).trim_end()
            ),
            LoadError::Invalid { name, problems } => {
                let n = problems.len();
                let mut out = format!("{name}: {n} problem{} found", if n == 1 { "" } else { "s" });
                for p in problems {
                    out.push('\n');
                    out.push_str(&p.to_string());
                }
                out
            }
            LoadError::Layers(errors) => errors
                .iter()
                .map(|e| e.render(width))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(DEFAULT_WIDTH))
    }
}

impl std::error::Error for LoadError {}

/// How far loading a file has got, for an interface to show while it waits.
/// Shared between the loading thread and the one drawing.
#[derive(Debug, Default)]
pub struct Progress {
    read: AtomicU64,
    /// 0 for a stream with no size.
    size: AtomicU64,
    checking: AtomicBool,
}

impl Progress {
    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The file's size, when it has one.
    pub fn size(&self) -> Option<u64> {
        Some(self.size.load(Ordering::Relaxed)).filter(|&n| n > 0)
    }

    /// Whether the file has been read and its records are being checked.
    pub fn checking(&self) -> bool {
        self.checking.load(Ordering::Relaxed)
    }

    /// The file's size, when it has one (a pipe has none).
    pub fn set_size(&self, size: Option<u64>) {
        self.size.store(size.unwrap_or(0), Ordering::Relaxed);
    }

    pub fn set_read(&self, n: u64) {
        self.read.store(n, Ordering::Relaxed);
    }

    /// The file is read; its records are being checked.
    pub fn set_checking(&self) {
        self.checking.store(true, Ordering::Relaxed);
    }
}

/// The embedded dataset.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    parse_str(EMBEDDED_JSON, "embedded dataset")
}

/// A dataset file, refused before reading if it is larger than `max_bytes`.
pub fn load_path(path: &Path, max_bytes: u64) -> Result<Dataset, LoadError> {
    load_path_with(path, max_bytes, &Progress::default())
}

/// The file's name as shown, cleaned, and its metadata, once it is known
/// to be no directory and within the size cap.
fn checked(path: &Path, max_bytes: u64) -> Result<(String, std::fs::Metadata), LoadError> {
    let shown = clean_text(&path.display().to_string()).into_owned();
    let fail = |message: String| LoadError::Read {
        path: shown.clone(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(read::io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a directory, not a dataset file".into()));
    }
    if meta.len() > max_bytes {
        return Err(fail(format!(
            "is {} bytes, over the {max_bytes}-byte limit (raise it with --max-size BYTES)",
            meta.len()
        )));
    }
    Ok((shown, meta))
}

/// The whole file, read within the cap even if it grows while being read.
fn whole(
    path: &Path,
    shown: &str,
    max_bytes: u64,
    expected: u64,
    tell: &dyn Fn(u64),
) -> Result<Vec<u8>, LoadError> {
    let fail = |message: String| LoadError::Read {
        path: shown.to_string(),
        message,
    };
    let bytes =
        read::capped(path, max_bytes, expected, tell).map_err(|e| fail(read::io_message(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(fail(format!(
            "grew over the {max_bytes}-byte limit while being read (raise it with --max-size BYTES)"
        )));
    }
    Ok(bytes)
}

/// [`load_path`], telling `progress` how far it has got.
pub fn load_path_with(
    path: &Path,
    max_bytes: u64,
    progress: &Progress,
) -> Result<Dataset, LoadError> {
    let (shown, meta) = checked(path, max_bytes)?;
    let fail = |message: String| LoadError::Read {
        path: shown.clone(),
        message,
    };
    let tell = |n: u64| progress.set_read(n);
    let whole = |tell: &dyn Fn(u64)| whole(path, &shown, max_bytes, meta.len(), tell);
    if !meta.is_file() {
        // A pipe or a device is read once: whole, then from memory.
        let bytes = whole(&tell)?;
        progress.set_checking();
        return parse_bytes(&bytes, shown);
    }
    progress.set_size(Some(meta.len()));
    let file = std::fs::File::open(path).map_err(|e| fail(read::io_message(&e)))?;
    let stop = match stream::read(file, max_bytes, meta.len(), &tell) {
        Ok(parts) => {
            progress.set_checking();
            return finish(parts, shown);
        }
        Err(stop) => stop,
    };
    // Not JSON, not UTF-8, unreadable or grown: read whole, to say which and where.
    let bytes = whole(&|_| {})?;
    Err(diagnose(&bytes, shown, stop))
}

/// Parses and validates dataset text; `name` says where it came from in messages.
pub fn parse_str(text: &str, name: &str) -> Result<Dataset, LoadError> {
    parse_bytes(text.as_bytes(), clean_text(name).into_owned())
}

fn parse_bytes(bytes: &[u8], name: String) -> Result<Dataset, LoadError> {
    match stream::read(bytes, u64::MAX, bytes.len() as u64, &|_| {}) {
        Ok(parts) => finish(parts, name),
        Err(stop) => Err(diagnose(bytes, name, stop)),
    }
}

/// Why bytes the stream could not read are not a dataset: not UTF-8, empty,
/// or not JSON at a line and column.
fn diagnose(bytes: &[u8], name: String, stop: Stop) -> LoadError {
    let text = match read::decode(bytes) {
        Ok(text) => text,
        Err(message) => {
            return LoadError::Read {
                path: name,
                message,
            };
        }
    };
    if text.trim().is_empty() {
        return LoadError::Read {
            path: name,
            message: "is empty: a dataset is a JSON object with \"sources\", \"countries\" and \"relations\"".into(),
        };
    }
    // serde_json's own account, as every JSON tool gives it.
    let (at, message) = match (serde_json::from_str::<json::Skip>(text), stop) {
        (Err(e), _) => (
            excerpt::offending_offset(text, e.line(), e.column()),
            e.to_string(),
        ),
        (Ok(_), Stop::NotJson { offset, message }) => {
            let bom = bytes.len() - text.len();
            (offset.saturating_sub(bom).min(text.len()), message)
        }
        (Ok(_), Stop::Unread) => {
            return LoadError::Read {
                path: name,
                message: "could not be read to its end".into(),
            };
        }
    };
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..line_start]).count() + 1;
    LoadError::Syntax {
        line,
        column: text[line_start..at].chars().count() + 1,
        message: clean_text(excerpt::strip_position(&message)).into_owned(),
        excerpt: Excerpt::new(text, at, line),
        name,
    }
}

/// The dataset from its parts: cleaned, checked as a whole, and every fault
/// placed in the file.
fn finish(parts: Parts, name: String) -> Result<Dataset, LoadError> {
    let Parts {
        sources,
        countries,
        relations,
        mut report,
        lost_sources,
        lost_countries,
        dirty,
        ..
    } = parts;
    let mut ds = Dataset::new(sources, countries, relations);
    let mut later = Vec::new();
    if dirty.sources {
        clean::sources(&mut ds.sources, &mut later);
    }
    if dirty.countries {
        clean::countries(&mut ds.countries);
    }
    let mut to_clean = vec![false; ds.relations.len()];
    for i in dirty.relations {
        to_clean[i] = true;
    }
    let bad_ids: Vec<Problem> = ds
        .relations
        .par_iter_mut()
        .enumerate()
        .filter(|(i, _)| to_clean[*i])
        .flat_map_iter(|(i, rel)| {
            let mut bad = Vec::new();
            clean::relation(rel, i, &mut bad);
            bad
        })
        .collect();
    later.extend(bad_ids);
    let mut semantic = validate(&ds);
    // A reference to a record that could not be read, or a check of an
    // identifier already reported, is not a second fault.
    let bad_ids: HashSet<&JsonPath> = later.iter().map(|p| &p.path).collect();
    semantic.retain(|p| {
        !(p.kind == ProblemKind::UnknownSource && lost_sources
            || p.kind == ProblemKind::UnknownCountry && lost_countries
            || bad_ids.contains(&p.path))
    });
    later.extend(semantic);
    // Records that could not be read are missing from the dataset: point back into the file.
    let kept: HashMap<JsonPath, Vec<usize>> =
        std::mem::take(&mut report.kept).into_iter().collect();
    for p in &mut later {
        p.path = in_file(&p.path, &kept);
        if let Some((_, place)) = &mut p.see {
            *place = in_file(place, &kept);
        }
    }
    later.retain(|p| !report.is_patched(&p.path));
    report.problems.extend(later);
    if report.problems.is_empty() {
        crate::heap::trim();
        Ok(ds)
    } else {
        Err(LoadError::Invalid {
            name,
            problems: report.problems,
        })
    }
}

/// A path into the dataset as a path into the file, whose lists still hold
/// the records that could not be read.
fn in_file(path: &JsonPath, kept: &HashMap<JsonPath, Vec<usize>>) -> JsonPath {
    if kept.is_empty() {
        return path.clone();
    }
    path.map_indices(|list, i| kept.get(list).and_then(|k| k.get(i)).copied().unwrap_or(i))
}

#[cfg(test)]
mod tests;
