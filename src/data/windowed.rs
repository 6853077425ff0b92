//! Reading a valid dataset file a window at a time.
//!
//! Holding a whole file while its records are built costs the file's size
//! on top of the dataset: for a file of hundreds of megabytes, more than the
//! dataset itself. Here the file is read in windows, each relation is parsed
//! as soon as it is complete (the relations of a window on every core), and
//! its text is dropped. A relation with a string to clean is cleaned as the
//! general path would. Any fault (a syntax error, an unknown key, a fault
//! found by validation, a file over the size limit) gives `None`, and the
//! caller reads the file the general way, which reports every fault at
//! once: what is loaded and what is reported never differ.

use std::io::Read;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::model::{Country, Dataset, Relation, Source};
use super::sanitize::{clean_json, json_is_clean};
use super::validate::validate;

/// Bytes read at a time.
const WINDOW: usize = 8 << 20;

/// The dataset in `file`, cleaned, when it is valid; `None` for anything
/// else. At most `max + 1` bytes are read.
pub(super) fn load(file: impl Read, max: u64) -> Option<Dataset> {
    load_by(file, max, WINDOW)
}

fn load_by(file: impl Read, max: u64, window: usize) -> Option<Dataset> {
    let mut r = Reader {
        window,
        input: file.take(max.saturating_add(1)),
        buf: Vec::with_capacity(window),
        pos: 0,
        eof: false,
    };
    let ds = r.dataset()?;
    validate(&ds).is_empty().then_some(ds)
}

struct Reader<R> {
    /// The file, cut one byte past the size limit: reading that byte means
    /// the file is over it.
    input: std::io::Take<R>,
    /// Bytes read at a time.
    window: usize,
    /// The window: unread text starts at `pos`.
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
}

/// Where a JSON array or object that starts a slice ends.
#[derive(Debug, PartialEq)]
enum Scan {
    /// One past its closing bracket.
    Complete(usize),
    /// The slice stops before it closes.
    Incomplete,
}

/// Progress through one array or object, kept while more of it is read, so
/// a value spread over many windows is scanned once, not once per window.
#[derive(Debug, Default)]
struct Scanner {
    /// Bytes of the value already scanned.
    at: usize,
    depth: usize,
    in_string: bool,
}

impl Scanner {
    /// Continues over `b`, the value's text from its first byte (more of it
    /// than last time, or the same). `None` when `b` does not start with an
    /// array or object. Brackets are only counted, not paired: a mismatch is
    /// left for the parser to report.
    fn run(&mut self, b: &[u8]) -> Option<Scan> {
        if self.at == 0 {
            match b.first() {
                None => return Some(Scan::Incomplete),
                Some(b'{' | b'[') => {}
                Some(_) => return None,
            }
        }
        let mut i = self.at;
        loop {
            if self.in_string {
                let Some(k) = b
                    .get(i..)
                    .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                else {
                    i = b.len();
                    break;
                };
                i += k;
                if b[i] == b'"' {
                    self.in_string = false;
                    i += 1;
                } else if i + 1 < b.len() {
                    i += 2;
                } else {
                    // A backslash at the end: look at it again with what follows.
                    break;
                }
                continue;
            }
            let Some(&c) = b.get(i) else {
                break;
            };
            i += 1;
            match c {
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        *self = Scanner::default();
                        return Some(Scan::Complete(i));
                    }
                }
                b'"' => self.in_string = true,
                _ => {}
            }
        }
        self.at = i;
        Some(Scan::Incomplete)
    }
}

impl<R: Read> Reader<R> {
    fn dataset(&mut self) -> Option<Dataset> {
        if self.more()? && self.buf.starts_with("\u{feff}".as_bytes()) {
            self.pos = 3;
        }
        self.expect(b'{')?;
        let (mut sources, mut countries, mut relations) = (None, None, None);
        loop {
            let key = self.key()?;
            self.expect(b':')?;
            let slot_taken = match key.as_slice() {
                b"sources" => sources.replace(self.whole::<Vec<Source>>()?).is_some(),
                b"countries" => countries.replace(self.whole::<Vec<Country>>()?).is_some(),
                b"relations" => relations.replace(self.relations()?).is_some(),
                _ => return None,
            };
            if slot_taken {
                return None;
            }
            match self.next_byte()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
        // Nothing but white space may follow.
        if self.peek()?.is_some() {
            return None;
        }
        Some(Dataset {
            sources: sources?,
            countries: countries?,
            relations: relations?,
        })
    }

    /// The elements of the relations array, each parsed once complete.
    fn relations(&mut self) -> Option<Vec<Relation>> {
        self.expect(b'[')?;
        let mut out = Vec::new();
        if self.peek()? == Some(b']') {
            self.pos += 1;
            return Some(out);
        }
        // After an element, a comma or the closing bracket comes next.
        let mut after_element = false;
        let mut scanner = Scanner::default();
        loop {
            // Every relation complete in the window, parsed together.
            let mut spans = Vec::new();
            let mut closed = false;
            loop {
                if after_element {
                    match self.skip_space_then(|b| b == b',' || b == b']')? {
                        Some(b',') => after_element = false,
                        Some(_) => {
                            closed = true;
                            break;
                        }
                        None => break,
                    }
                }
                while self.buf.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
                    self.pos += 1;
                }
                let start = self.pos;
                match scanner.run(&self.buf[start..])? {
                    Scan::Complete(len) => {
                        spans.push(start..start + len);
                        self.pos = start + len;
                        after_element = true;
                    }
                    Scan::Incomplete => break,
                }
            }
            let parsed: Vec<Option<Relation>> = spans
                .into_par_iter()
                .map(|span| parse(&self.buf[span]))
                .collect();
            for rel in parsed {
                out.push(rel?);
            }
            if closed {
                out.shrink_to_fit();
                return Some(out);
            }
            self.compact();
            if !self.more()? {
                return None;
            }
        }
    }

    /// A value parsed whole (the short lists before or after the relations).
    fn whole<T: DeserializeOwned>(&mut self) -> Option<T> {
        self.peek()?;
        let mut scanner = Scanner::default();
        loop {
            match scanner.run(&self.buf[self.pos..])? {
                Scan::Complete(len) => {
                    let value = parse(&self.buf[self.pos..self.pos + len])?;
                    self.pos += len;
                    return Some(value);
                }
                Scan::Incomplete => {
                    if !self.more()? {
                        return None;
                    }
                }
            }
        }
    }

    /// An object key: a string without escapes.
    fn key(&mut self) -> Option<Vec<u8>> {
        self.expect(b'"')?;
        loop {
            let rest = &self.buf[self.pos..];
            match memchr::memchr2(b'"', b'\\', rest) {
                Some(i) if rest[i] == b'"' => {
                    let key = rest[..i].to_vec();
                    self.pos += i + 1;
                    return Some(key);
                }
                Some(_) => return None,
                None => {
                    if !self.more()? {
                        return None;
                    }
                }
            }
        }
    }

    /// Skips white space, then takes `byte` or gives up.
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next_byte()? == byte).then_some(())
    }

    /// The next byte after white space.
    fn next_byte(&mut self) -> Option<u8> {
        let b = self.peek()??;
        self.pos += 1;
        Some(b)
    }

    /// The next byte after white space, without taking it; `Some(None)` at
    /// the end of the file, `None` when reading failed.
    fn peek(&mut self) -> Option<Option<u8>> {
        loop {
            while let Some(&b) = self.buf.get(self.pos) {
                if !b.is_ascii_whitespace() {
                    return Some(Some(b));
                }
                self.pos += 1;
            }
            if !self.more()? {
                return Some(None);
            }
        }
    }

    /// Skips white space within the window; the byte after it if `wanted`
    /// accepts it (taken), `Some(None)` if the window ends first.
    fn skip_space_then(&mut self, wanted: impl Fn(u8) -> bool) -> Option<Option<u8>> {
        while let Some(&b) = self.buf.get(self.pos) {
            if !b.is_ascii_whitespace() {
                if !wanted(b) {
                    return None;
                }
                self.pos += 1;
                return Some(Some(b));
            }
            self.pos += 1;
        }
        Some(None)
    }

    /// Drops the text already parsed, keeping the rest at the window's start.
    fn compact(&mut self) {
        self.buf.drain(..self.pos);
        self.pos = 0;
    }

    /// Reads up to another window's worth; whether anything came. `None`
    /// when reading failed or the file went over the limit.
    fn more(&mut self) -> Option<bool> {
        if self.eof {
            return Some(false);
        }
        if self.pos > 0 && self.pos == self.buf.len() {
            self.compact();
        }
        let start = self.buf.len();
        // `read_to_end` retries interrupted reads and writes no zeros first.
        (&mut self.input)
            .take(self.window as u64)
            .read_to_end(&mut self.buf)
            .ok()?;
        if self.buf.len() - start < self.window {
            self.eof = true;
        }
        if self.input.limit() == 0 {
            return None;
        }
        Some(self.buf.len() > start)
    }
}

/// Parses one complete value of UTF-8 text, its strings cleaned.
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let text = std::str::from_utf8(bytes).ok()?;
    if json_is_clean(text) {
        return serde_json::from_str(text).ok();
    }
    // Rare: a string to clean, cleaned through a JSON tree as the general
    // path does, but only this relation's.
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    clean_json(&mut value);
    serde_json::from_value(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::EMBEDDED_JSON;

    fn embedded() -> Dataset {
        serde_json::from_str(EMBEDDED_JSON).expect("embedded dataset parses")
    }

    #[test]
    fn reads_the_embedded_dataset_as_the_general_path_does() {
        let ds = load(EMBEDDED_JSON.as_bytes(), u64::MAX).expect("loads");
        assert_eq!(ds, embedded());
    }

    #[test]
    fn reads_relations_cut_across_windows_anywhere() {
        let ds = embedded();
        let compact = serde_json::to_string(&ds).expect("serialises");
        // Windows smaller than a relation, and cuts at every offset.
        for window in [1, 2, 3, 5, 64, 1000, 4099] {
            assert_eq!(
                load_by(EMBEDDED_JSON.as_bytes(), u64::MAX, window).as_ref(),
                Some(&ds),
                "window {window}"
            );
            assert_eq!(
                load_by(compact.as_bytes(), u64::MAX, window).as_ref(),
                Some(&ds),
                "window {window}"
            );
        }
    }

    #[test]
    fn keys_in_any_order() {
        let ds = embedded();
        let text = format!(
            "{{\"relations\": {}, \"countries\": {}, \"sources\": {}}}",
            serde_json::to_string(&ds.relations).expect("serialises"),
            serde_json::to_string(&ds.countries).expect("serialises"),
            serde_json::to_string(&ds.sources).expect("serialises"),
        );
        assert_eq!(load(text.as_bytes(), u64::MAX), Some(ds));
    }

    #[test]
    fn gives_up_on_anything_unusual() {
        let good = serde_json::to_string(&embedded()).expect("serialises");
        let cases = [
            String::new(),
            "{".to_string(),
            "[]".to_string(),
            good.replacen("{", "{\"extra\": 1, ", 1),
            good.replacen("\"relations\":[", "\"relations\":[1,", 1),
            format!("{good} trailing"),
            good.replacen("\"sources\"", "\"sour\\u0063es\"", 1),
            // Valid JSON, invalid dataset.
            good.replacen("\"MEX-VNM\"", "\"MEX-XXX\"", 1),
            good[..good.len() - 10].to_string(),
        ];
        for text in cases {
            assert!(load(text.as_bytes(), u64::MAX).is_none(), "{text:.80}");
        }
    }

    #[test]
    fn cleans_what_the_general_path_cleans() {
        let hostile = include_str!("../../tests/fixtures/hostile.json");
        let general = super::super::parse_str(hostile, "hostile").expect("the fixture is valid");
        for window in [64, 4096, WINDOW] {
            assert_eq!(
                load_by(hostile.as_bytes(), u64::MAX, window).as_ref(),
                Some(&general)
            );
        }
        let good = serde_json::to_string(&embedded()).expect("serialises");
        let dirty = good.replacen("Mexico", "Mex\\u001bico", 1);
        let general = super::super::parse_str(&dirty, "dirty").expect("valid once cleaned");
        assert_eq!(load(dirty.as_bytes(), u64::MAX), Some(general));
        assert!(format!("{:?}", load(dirty.as_bytes(), u64::MAX)).contains("Mex␛ico"));
    }

    #[test]
    fn stops_reading_over_the_limit() {
        let good = serde_json::to_string(&embedded()).expect("serialises");
        assert!(load(good.as_bytes(), good.len() as u64 - 1).is_none());
        assert!(load(good.as_bytes(), good.len() as u64).is_some());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Whatever the edit and wherever the windows fall, a file read this
        /// way is either left to the general path or loaded exactly as the
        /// general path loads it.
        #[test]
        fn never_differs_from_the_general_path(
            edits in proptest::collection::vec(
                (
                    proptest::prelude::any::<proptest::sample::Index>(),
                    0..4usize,
                    proptest::sample::select(vec![
                        "", "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u001b", "\\u00e9",
                        "\u{1b}", "\u{202e}", " ", "null", "1", "\"id\"", "\"sources\"",
                    ]),
                ),
                0..4,
            ),
            window in 1..5000usize,
        ) {
            let mut text = serde_json::to_string(&embedded()).expect("serialises");
            for (at, cut, put) in &edits {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                let mut end = (i + cut).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(i..end, put);
            }
            let windowed = load_by(text.as_bytes(), u64::MAX, window);
            let general = super::super::parse_str(&text, "prop").ok();
            proptest::prop_assert!(windowed.is_none() || windowed == general);
            if edits.is_empty() {
                proptest::prop_assert!(windowed.is_some());
            }
        }
    }

    #[test]
    fn scan_skips_brackets_in_strings() {
        let b = br#"{"a": "}]\"{", "b": [1, {"c": "\\"}]} tail"#;
        let end = b.len() - b" tail".len();
        assert_eq!(Scanner::default().run(b), Some(Scan::Complete(end)));
        assert_eq!(
            Scanner::default().run(br#"{"a": "\"#),
            Some(Scan::Incomplete)
        );
        assert_eq!(Scanner::default().run(b"1"), None);
        // Fed a byte more at a time, it finds the same end.
        let mut scanner = Scanner::default();
        let found = (1..=b.len()).find_map(|n| match scanner.run(&b[..n]) {
            Some(Scan::Complete(end)) => Some(end),
            _ => None,
        });
        assert_eq!(found, Some(end));
    }
}
