//! Reading a dataset file a window at a time.
//!
//! Holding a whole file while its records are built costs the file's size
//! on top of the dataset: for a file of hundreds of megabytes, more than the
//! dataset itself. Here the file is read in windows, each relation is read
//! as soon as it is complete (the relations of a window on the worker
//! threads, while this thread reads and scans the next window), and its
//! text is dropped. The same holds for a file with faults: only the
//! relation that has one is read again, record by record, to report them
//! all. Text that is not JSON (or not UTF-8) stops the reading; the caller
//! then locates the fault in the whole text.

use std::collections::BTreeMap;
use std::io::Read;
use std::ops::Range;
use std::sync::mpsc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::json::Skip;
use super::walk::{self, Report};
use crate::data::model::{Country, Relation, Source};
use crate::data::problem::{JsonPath, ProblemKind};
use crate::data::sanitize::json_is_clean;

/// Bytes read at a time.
const WINDOW: usize = 8 << 20;

/// The keys of a dataset, in the order a missing one is reported.
const KEYS: [&str; 3] = ["sources", "countries", "relations"];

/// What the file holds, before it is checked as a whole.
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub sources: Vec<Source>,
    pub countries: Vec<Country>,
    pub relations: Vec<Relation>,
    pub report: Report,
    /// A source or country could not be read: references to them are not checked.
    pub lost_sources: bool,
    pub lost_countries: bool,
    /// Which parts hold a string to clean.
    pub dirty: Dirty,
    /// For a layer: the fields each relation left out, beside `relations`.
    pub omitted: Vec<walk::Omitted>,
}

#[derive(Debug, Default)]
pub(super) struct Dirty {
    pub sources: bool,
    pub countries: bool,
    /// Indices in `Parts::relations`.
    pub relations: Vec<usize>,
}

/// Why reading stopped before the end.
#[derive(Debug)]
pub(super) enum Stop {
    /// The text is not JSON or not UTF-8 around byte `offset`.
    NotJson { offset: usize, message: String },
    /// Reading failed, or the file went over the size limit.
    Unread,
}

/// Reads the dataset in `input` (of about `size` bytes), at most `max + 1`
/// bytes of it; `progress` hears how many bytes have been read.
pub(super) fn read(
    input: impl Read,
    max: u64,
    size: u64,
    progress: &dyn Fn(u64),
) -> Result<Parts, Stop> {
    // A small text is read in one window no larger than itself.
    let window =
        usize::try_from(size.saturating_add(1)).map_or(WINDOW, |n| n.clamp(64 << 10, WINDOW));
    read_by(input, max, window, progress, false)
}

/// A layer, from its text: a dataset whose parts may each be left out and
/// whose relations may leave out the fields the layers below give.
pub(super) fn read_layer(text: &[u8]) -> Result<Parts, Stop> {
    let window = text.len().saturating_add(1).clamp(64 << 10, WINDOW);
    read_by(text, u64::MAX, window, &|_| {}, true)
}

fn read_by(
    input: impl Read,
    max: u64,
    window: usize,
    progress: &dyn Fn(u64),
    layer: bool,
) -> Result<Parts, Stop> {
    let mut r = Reader {
        layer,
        window,
        input: input.take(max.saturating_add(1)),
        buf: Vec::with_capacity(window),
        pos: 0,
        eof: false,
        dropped: 0,
        progress,
    };
    r.dataset()
}

struct Reader<'p, R> {
    /// A layer's: parts and a relation's fields may be left out.
    layer: bool,
    /// The file, cut one byte past the size limit: reading that byte means
    /// the file is over it.
    input: std::io::Take<R>,
    /// Bytes read at a time.
    window: usize,
    /// The window: unread text starts at `pos`.
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    /// Bytes of the file before the window.
    dropped: usize,
    progress: &'p dyn Fn(u64),
}

/// Where a JSON value that starts a slice ends.
#[derive(Debug, PartialEq)]
enum Scan {
    /// One past its last byte.
    Complete(usize),
    /// The slice stops before it does.
    Incomplete,
}

/// Progress through one value, kept while more of it is read, so a value
/// spread over many windows is scanned once, not once per window.
#[derive(Debug, Default)]
struct Scanner {
    /// Bytes of the value already scanned.
    at: usize,
    depth: usize,
    in_string: bool,
    /// A number, `true`, `false` or `null`.
    bare: bool,
}

/// One relation, in `span` of the window `buf`: the relation if it could be
/// read, what reading it found, and whether it holds a string to clean; or
/// where in `buf` it stops being JSON, and why.
#[allow(clippy::type_complexity)]
fn read_relation(
    buf: &[u8],
    span: Range<usize>,
    at: &JsonPath,
    layer: bool,
) -> Result<(Option<(Relation, walk::Omitted)>, Report, bool), (usize, String)> {
    let bytes = &buf[span.clone()];
    let text = std::str::from_utf8(bytes)
        .map_err(|e| (span.start + e.valid_up_to(), "invalid UTF-8".to_string()))?;
    let mut report = Report::default();
    let rel = walk::relation_in(text, at, &mut report, layer)
        .map_err(|e| (span.start + e.offset_in(bytes), e.message))?;
    Ok((rel, report, !json_is_clean(text)))
}

/// JSON's white space (not the form feed Rust's `is_ascii_whitespace` adds).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Windows of relations being read on the worker threads while the next
/// window is read from the file: reading, scanning and parsing overlap.
/// Results are taken in file order; at most [`IN_FLIGHT`] windows are out
/// at once, so memory stays a few windows above the dataset's.
struct Flight {
    at: JsonPath,
    /// A layer's: its relations may leave out fields.
    layer: bool,
    sent: usize,
    /// The next window to take in.
    next: usize,
    done: mpsc::Receiver<Landed>,
    tx: mpsc::Sender<Landed>,
    /// Windows that came back before those sent earlier.
    early: BTreeMap<usize, Landed>,
    /// Windows read, to be filled again.
    spare: Vec<Vec<u8>>,
    /// The file index of every relation kept.
    kept: Vec<usize>,
    /// The first fault found in a window taken in: none is taken in after it.
    fault: Option<Stop>,
}

/// Windows being read at once.
const IN_FLIGHT: usize = 2;

type Outcome = Result<(Option<(Relation, walk::Omitted)>, Report, bool), (usize, String)>;

/// A window's relations, read.
struct Landed {
    seq: usize,
    /// Bytes of the file before the window.
    dropped: usize,
    window: Vec<u8>,
    /// Or the panic that stopped it, to go on unwinding on the reading thread
    /// as a panic in a parallel iterator would.
    read: std::thread::Result<Vec<(usize, Outcome)>>,
}

impl Flight {
    fn new(at: JsonPath, layer: bool) -> Flight {
        let (tx, done) = mpsc::channel();
        Flight {
            at,
            layer,
            sent: 0,
            next: 0,
            done,
            tx,
            early: BTreeMap::new(),
            spare: Vec::new(),
            kept: Vec::new(),
            fault: None,
        }
    }

    /// Reads the relations at `spans` of `window` on the worker threads.
    fn send(&mut self, window: Vec<u8>, dropped: usize, spans: Vec<(usize, Range<usize>)>) {
        let (tx, at, seq, layer) = (self.tx.clone(), self.at.clone(), self.sent, self.layer);
        self.sent += 1;
        rayon::spawn(move || {
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                spans
                    .into_par_iter()
                    .map(|(index, span)| {
                        (index, read_relation(&window, span, &at.index(index), layer))
                    })
                    .collect()
            }));
            // The receiver is gone only when reading stopped at a fault.
            let _ = tx.send(Landed {
                seq,
                dropped,
                window,
                read,
            });
        });
    }

    /// Takes in windows, in file order, until at most `out` are still being
    /// read; whether no fault was found.
    fn land(&mut self, parts: &mut Parts, out: usize) -> bool {
        while self.fault.is_none() && self.sent - self.next > out {
            if let Err(stop) = self.land_next(parts) {
                self.fault = Some(stop);
            }
        }
        self.fault.is_none()
    }

    /// Takes in the next window in file order, waiting for it.
    fn land_next(&mut self, parts: &mut Parts) -> Result<(), Stop> {
        let landed = loop {
            if let Some(l) = self.early.remove(&self.next) {
                break l;
            }
            let Ok(l) = self.done.recv() else {
                return Err(Stop::Unread);
            };
            self.early.insert(l.seq, l);
        };
        self.next += 1;
        let Landed {
            dropped,
            window,
            read,
            ..
        } = landed;
        self.spare.push(window);
        let read = read.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        for (index, outcome) in read {
            let (rel, report, dirty) = outcome.map_err(|(offset, message)| Stop::NotJson {
                offset: dropped + offset,
                message,
            })?;
            if let Some((rel, omitted)) = rel {
                if dirty {
                    parts.dirty.relations.push(parts.relations.len());
                }
                if self.layer {
                    parts.omitted.push(omitted);
                }
                parts.relations.push(rel);
                self.kept.push(index);
            }
            parts.report.extend(report);
        }
        Ok(())
    }
}

/// Where the first `"` or `\\` of `b` is. Most strings of a dataset (keys,
/// ids, dates, names) end within a few words: these are read eight bytes at
/// a time, which costs less than setting up a vector search; what is left
/// of a longer string is searched with one.
fn quote_or_backslash(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `x` (and perhaps of bytes after
    // the first zero one: the lowest bit set is always right).
    let zeros = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut i = 0;
    while i < 32 {
        let rest = b.get(i..)?;
        let Some(word) = rest.first_chunk::<8>() else {
            return rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\')
                .map(|k| i + k);
        };
        let w = u64::from_le_bytes(*word);
        let found = zeros(w ^ (ONES * u64::from(b'"'))) | zeros(w ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    memchr::memchr2(b'"', b'\\', b.get(i..)?).map(|k| i + k)
}

impl Scanner {
    /// Continues over `b`, the value's text from its first byte (more of it
    /// than last time, or the same); `eof` says nothing follows `b`. `None`
    /// when `b` does not start a JSON value. Brackets are only counted, not
    /// paired: a mismatch is left for the parser to report.
    fn run(&mut self, b: &[u8], eof: bool) -> Option<Scan> {
        if self.at == 0 {
            match b.first() {
                None => return Some(Scan::Incomplete),
                Some(b'{' | b'[') => {}
                Some(b'"') => {
                    self.in_string = true;
                    self.at = 1;
                }
                Some(b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => self.bare = true,
                Some(_) => return None,
            }
        }
        if self.bare {
            let end = b[self.at..]
                .iter()
                .position(|&c| matches!(c, b',' | b']' | b'}') || is_space(c))
                .map(|k| self.at + k);
            return Some(match end {
                Some(end) => self.done(end),
                None if eof => self.done(b.len()),
                None => {
                    self.at = b.len();
                    Scan::Incomplete
                }
            });
        }
        // The state in locals while the loop runs (kept in registers), put
        // back when the value goes on past `b`.
        let (mut depth, mut in_string) = (self.depth, self.in_string);
        let mut i = self.at;
        let end = loop {
            if in_string {
                let Some(k) = b.get(i..).and_then(quote_or_backslash) else {
                    i = b.len();
                    break None;
                };
                i += k;
                if b[i] == b'"' {
                    in_string = false;
                    i += 1;
                    if depth == 0 {
                        break Some(i);
                    }
                } else if i + 1 < b.len() {
                    i += 2;
                } else {
                    // A backslash at the end: look at it again with what follows.
                    break None;
                }
                continue;
            }
            let Some(&c) = b.get(i) else {
                break None;
            };
            i += 1;
            match c {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break Some(i);
                    }
                }
                b'"' => in_string = true,
                _ => {}
            }
        };
        if let Some(end) = end {
            return Some(self.done(end));
        }
        (self.at, self.depth, self.in_string) = (i, depth, in_string);
        Some(Scan::Incomplete)
    }

    fn done(&mut self, end: usize) -> Scan {
        *self = Scanner::default();
        Scan::Complete(end)
    }
}

impl<R: Read> Reader<'_, R> {
    fn dataset(&mut self) -> Result<Parts, Stop> {
        if self.more()? && self.buf.starts_with("\u{feff}".as_bytes()) {
            self.pos = 3;
        }
        let mut parts = Parts::default();
        let root = JsonPath::root();
        if self.peek()? != Some(b'{') {
            let span = self.value()?;
            let found = walk::kind_of(self.text(span)?);
            parts.report.problem(
                ProblemKind::Structure,
                root,
                format!(
                    "expected a JSON object with \"sources\", \"countries\" and \"relations\", found {found}"
                ),
            );
            (parts.lost_sources, parts.lost_countries) = (true, true);
            self.end()?;
            return Ok(parts);
        }
        self.pos += 1;
        let mut seen = [false; 3];
        if self.peek()? == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let key = self.key()?;
                self.expect(b':', "expected `:`")?;
                let at = root.key(key.clone());
                match KEYS.iter().position(|k| *k == key) {
                    Some(i) if seen[i] => {
                        parts.report.repeated_key(at);
                        self.value()?;
                    }
                    Some(i) => {
                        seen[i] = true;
                        self.part(i, &at, &mut parts)?;
                    }
                    None => {
                        parts.report.problem(
                            ProblemKind::Structure,
                            at,
                            "unknown field: a dataset has only \"sources\", \"countries\" and \"relations\"",
                        );
                        self.value()?;
                    }
                }
                match self.next_byte()? {
                    Some(b',') => continue,
                    Some(b'}') => break,
                    _ => return Err(self.not_json("expected `,` or `}`")),
                }
            }
        }
        self.end()?;
        if self.layer {
            return Ok(parts);
        }
        for (key, _) in KEYS.iter().zip(seen).filter(|(_, seen)| !seen) {
            parts.report.problem(
                ProblemKind::Structure,
                JsonPath::root(),
                format!("missing field \"{key}\""),
            );
            match *key {
                "sources" => parts.lost_sources = true,
                "countries" => parts.lost_countries = true,
                _ => {}
            }
        }
        Ok(parts)
    }

    /// The value of one of the dataset's [`KEYS`].
    fn part(&mut self, key: usize, at: &JsonPath, parts: &mut Parts) -> Result<(), Stop> {
        match key {
            0 => {
                let (list, dirty, lost) = self.list::<Source>(at, &mut parts.report)?;
                (parts.sources, parts.dirty.sources, parts.lost_sources) = (list, dirty, lost);
            }
            1 => {
                let (list, dirty, lost) = self.list::<Country>(at, &mut parts.report)?;
                (parts.countries, parts.dirty.countries, parts.lost_countries) =
                    (list, dirty, lost);
            }
            _ => self.relations(at, parts)?,
        }
        Ok(())
    }

    /// A list read whole (the short lists beside the relations), whether it
    /// holds a string to clean, and whether any of it was lost.
    fn list<T: DeserializeOwned>(
        &mut self,
        at: &JsonPath,
        report: &mut Report,
    ) -> Result<(Vec<T>, bool, bool), Stop> {
        let span = self.value()?;
        let text = self.text(span.clone())?;
        let problems = report.problems.len();
        let kept = report.kept.len();
        let list = walk::list(text, at, report).map_err(|e| self.located(span.clone(), e))?;
        let lost =
            report.kept.len() > kept || report.problems[problems..].iter().any(|p| &p.path == at);
        Ok((list, !json_is_clean(text), lost))
    }

    /// The elements of the relations array, each read once complete.
    fn relations(&mut self, at: &JsonPath, parts: &mut Parts) -> Result<(), Stop> {
        if self.peek()? != Some(b'[') {
            let span = self.value()?;
            match walk::kind_of(self.text(span)?) {
                "null" => {}
                found => {
                    parts.report.problem(
                        ProblemKind::Structure,
                        at.clone(),
                        format!("expected an array, found {found}"),
                    );
                }
            }
            return Ok(());
        }
        self.pos += 1;
        if self.peek()? == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        let mut flight = Flight::new(at.clone(), self.layer);
        let outcome = self.relation_windows(&mut flight, parts);
        // A fault in a window sent comes before any the reading found
        // further on.
        flight.land(parts, 0);
        if let Some(stop) = flight.fault.take() {
            return Err(stop);
        }
        let total = outcome?;
        parts.relations.shrink_to_fit();
        if flight.kept.len() != total {
            parts.report.kept.push((at.clone(), flight.kept));
        }
        Ok(())
    }

    /// Scans the relations array a window at a time, handing the relations
    /// complete in each window to `flight`; how many elements it has. Stops
    /// early when a window taken in has a fault (`flight.fault`).
    fn relation_windows(&mut self, flight: &mut Flight, parts: &mut Parts) -> Result<usize, Stop> {
        let mut total = 0;
        // After an element, a comma or the closing bracket comes next.
        let mut after_element = false;
        let mut scanner = Scanner::default();
        loop {
            // Every relation complete in the window, read together.
            let mut spans = Vec::new();
            let scanned = self.complete(&mut scanner, &mut after_element, total, &mut spans);
            total += spans.len();
            // The relations before a fault the scan found are read all the
            // same: a fault of theirs comes first in the file.
            if !spans.is_empty() {
                if !flight.land(parts, IN_FLIGHT - 1) {
                    return Ok(total);
                }
                let spare = flight.spare.pop().unwrap_or_default();
                let (window, dropped) = self.hand_off(spare);
                flight.send(window, dropped, spans);
            } else if scanned.is_ok() {
                self.compact();
            }
            if scanned? {
                return Ok(total);
            }
            if !self.more()? {
                return Err(self.at_end("EOF while parsing a list"));
            }
        }
    }

    /// Adds to `spans` every relation complete in the window (numbered from
    /// `total`); whether the array closed in it.
    fn complete(
        &mut self,
        scanner: &mut Scanner,
        after_element: &mut bool,
        total: usize,
        spans: &mut Vec<(usize, Range<usize>)>,
    ) -> Result<bool, Stop> {
        loop {
            if *after_element {
                match self.skip_space_then(|b| b == b',' || b == b']')? {
                    Some(b',') => *after_element = false,
                    Some(_) => return Ok(true),
                    None => return Ok(false),
                }
            }
            while self.buf.get(self.pos).copied().is_some_and(is_space) {
                self.pos += 1;
            }
            let start = self.pos;
            let Some(scan) = scanner.run(&self.buf[start..], self.eof) else {
                return Err(self.not_json("expected value"));
            };
            match scan {
                Scan::Complete(len) => {
                    spans.push((total + spans.len(), start..start + len));
                    self.pos = start + len;
                    *after_element = true;
                }
                Scan::Incomplete => return Ok(false),
            }
        }
    }

    /// The window read so far, given away with how many bytes of the file
    /// came before it; the text not yet read moves to `spare`, which
    /// becomes the window.
    fn hand_off(&mut self, mut spare: Vec<u8>) -> (Vec<u8>, usize) {
        spare.clear();
        spare.reserve(self.window.max(self.buf.len() - self.pos));
        spare.extend_from_slice(&self.buf[self.pos..]);
        let dropped = self.dropped;
        self.dropped += self.pos;
        self.pos = 0;
        (std::mem::replace(&mut self.buf, spare), dropped)
    }

    /// `e`, found in the text of `span`, placed in the file.
    fn located(&self, span: Range<usize>, e: walk::NotJson) -> Stop {
        Stop::NotJson {
            offset: self.dropped + span.start + e.offset_in(&self.buf[span]),
            message: e.message,
        }
    }

    fn not_utf8(&self, start: usize, e: &std::str::Utf8Error) -> Stop {
        Stop::NotJson {
            offset: self.dropped + start + e.valid_up_to(),
            message: "invalid UTF-8".into(),
        }
    }

    fn not_json(&self, message: &str) -> Stop {
        Stop::NotJson {
            offset: self.dropped + self.pos,
            message: message.into(),
        }
    }

    fn at_end(&self, message: &str) -> Stop {
        Stop::NotJson {
            offset: self.dropped + self.buf.len(),
            message: message.into(),
        }
    }

    /// The text of a span of the window.
    fn text(&self, span: Range<usize>) -> Result<&str, Stop> {
        std::str::from_utf8(&self.buf[span.clone()]).map_err(|e| self.not_utf8(span.start, &e))
    }

    /// The span of the next value, read whole and checked to be JSON.
    fn value(&mut self) -> Result<Range<usize>, Stop> {
        self.peek()?;
        let mut scanner = Scanner::default();
        loop {
            let Some(scan) = scanner.run(&self.buf[self.pos..], self.eof) else {
                return Err(self.not_json("expected value"));
            };
            match scan {
                Scan::Complete(len) => {
                    let span = self.pos..self.pos + len;
                    if let Err(e) = serde_json::from_slice::<Skip>(&self.buf[span.clone()]) {
                        let text = String::from_utf8_lossy(&self.buf[span.clone()]).into_owned();
                        let offset = super::excerpt::offending_offset(&text, e.line(), e.column());
                        return Err(Stop::NotJson {
                            offset: self.dropped + span.start + offset.min(len),
                            message: e.to_string(),
                        });
                    }
                    self.pos += len;
                    return Ok(span);
                }
                Scan::Incomplete => {
                    if !self.more()? {
                        return Err(self.at_end("EOF while parsing a value"));
                    }
                }
            }
        }
    }

    /// An object key.
    fn key(&mut self) -> Result<String, Stop> {
        if self.peek()? != Some(b'"') {
            return Err(self.not_json("key must be a string"));
        }
        let span = self.value()?;
        serde_json::from_slice(&self.buf[span]).map_err(|_| self.not_json("key must be a string"))
    }

    /// Skips white space, then takes `byte` or stops.
    fn expect(&mut self, byte: u8, message: &str) -> Result<(), Stop> {
        match self.next_byte()? {
            Some(b) if b == byte => Ok(()),
            _ => Err(self.not_json(message)),
        }
    }

    /// The next byte after white space, taken.
    fn next_byte(&mut self) -> Result<Option<u8>, Stop> {
        let b = self.peek()?;
        if b.is_some() {
            self.pos += 1;
        }
        Ok(b)
    }

    /// The next byte after white space, not taken; `None` at the end of the file.
    fn peek(&mut self) -> Result<Option<u8>, Stop> {
        loop {
            while let Some(&b) = self.buf.get(self.pos) {
                if !is_space(b) {
                    return Ok(Some(b));
                }
                self.pos += 1;
            }
            if !self.more()? {
                return Ok(None);
            }
        }
    }

    /// Nothing but white space may follow the dataset.
    fn end(&mut self) -> Result<(), Stop> {
        match self.peek()? {
            None => Ok(()),
            Some(_) => Err(self.not_json("trailing characters")),
        }
    }

    /// Skips white space within the window; the byte after it if `wanted`
    /// accepts it (taken), `None` if the window ends first.
    fn skip_space_then(&mut self, wanted: impl Fn(u8) -> bool) -> Result<Option<u8>, Stop> {
        while let Some(&b) = self.buf.get(self.pos) {
            if !is_space(b) {
                if !wanted(b) {
                    return Err(self.not_json("expected `,` or `]`"));
                }
                self.pos += 1;
                return Ok(Some(b));
            }
            self.pos += 1;
        }
        Ok(None)
    }

    /// Drops the text already read, keeping the rest at the window's start.
    fn compact(&mut self) {
        self.buf.drain(..self.pos);
        self.dropped += self.pos;
        self.pos = 0;
    }

    /// Reads up to another window's worth; whether anything came.
    fn more(&mut self) -> Result<bool, Stop> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 && self.pos == self.buf.len() {
            self.compact();
        }
        let start = self.buf.len();
        // `read_to_end` retries interrupted reads and writes no zeros first.
        (&mut self.input)
            .take(self.window as u64)
            .read_to_end(&mut self.buf)
            .map_err(|_| Stop::Unread)?;
        if self.buf.len() - start < self.window {
            self.eof = true;
        }
        if self.input.limit() == 0 {
            return Err(Stop::Unread);
        }
        (self.progress)((self.dropped + self.buf.len()) as u64);
        Ok(self.buf.len() > start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::EMBEDDED_JSON;
    use crate::data::model::Dataset;

    fn embedded() -> Dataset {
        serde_json::from_str(EMBEDDED_JSON).expect("embedded dataset parses")
    }

    fn parts(text: &str, window: usize) -> Result<Parts, Stop> {
        read_by(text.as_bytes(), u64::MAX, window, &|_| {}, false)
    }

    #[test]
    fn a_fault_in_a_window_being_parsed_comes_before_one_read_later() {
        // The first relation holds a byte that is not UTF-8; the text breaks
        // off far below it, after windows the parsing is still behind.
        let filler = r#"{"id": "A-B", "countries": ["A", "B"], "summary": "s", "sources": []}"#;
        let mut text =
            br#"{"sources": [], "countries": [], "relations": [{"id": "A-B", "summary": "x"#
                .to_vec();
        let bad = text.len();
        text.extend_from_slice(b"\xff\"}");
        for _ in 0..50 {
            text.extend_from_slice(b", ");
            text.extend_from_slice(filler.as_bytes());
        }
        text.extend_from_slice(b", x]}");
        for window in [64, 256, 4096] {
            match read_by(&text[..], u64::MAX, window, &|_| {}, false) {
                Err(Stop::NotJson { offset, message }) => {
                    assert_eq!(
                        (offset, message.as_str()),
                        (bad, "invalid UTF-8"),
                        "window {window}"
                    );
                }
                other => panic!("window {window}: {other:?}"),
            }
        }
    }

    /// The dataset read, if it has no fault.
    fn valid(text: &str, window: usize) -> Option<Dataset> {
        let p = parts(text, window).ok()?;
        p.report
            .problems
            .is_empty()
            .then(|| Dataset::new(p.sources, p.countries, p.relations))
    }

    #[test]
    fn reads_relations_cut_across_windows_anywhere() {
        let ds = embedded();
        let compact = serde_json::to_string(&ds).expect("serialises");
        // Windows smaller than a relation, and cuts at every offset.
        for window in [1, 2, 3, 5, 64, 1000, 4099] {
            assert_eq!(
                valid(EMBEDDED_JSON, window).as_ref(),
                Some(&ds),
                "window {window}"
            );
            assert_eq!(
                valid(&compact, window).as_ref(),
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
        assert_eq!(valid(&text, WINDOW), Some(ds));
    }

    #[test]
    fn reports_faults_at_the_root_without_stopping() {
        let good = serde_json::to_string(&embedded()).expect("serialises");
        let faults = |text: &str| -> Vec<String> {
            parts(text, 64)
                .expect("JSON")
                .report
                .problems
                .iter()
                .map(|p| format!("{} {}", p.kind.code(), p.path))
                .collect()
        };
        assert_eq!(
            faults(&good.replacen('{', "{\"extra\": [1, {}], ", 1)),
            ["structure $.extra"]
        );
        assert_eq!(
            faults(&good.replacen("\"relations\":[", "\"relations\":[1,", 1)),
            ["structure $.relations[0]"]
        );
        assert_eq!(
            faults(&good.replacen("\"sources\"", "\"sour\\u0063es\"", 1)),
            Vec::<String>::new()
        );
        assert_eq!(
            faults(&good.replacen('{', "{\"countries\": null, ", 1)),
            ["duplicate-key $.countries"]
        );
        assert_eq!(faults("[1, 2]"), ["structure $"]);
        assert_eq!(faults("{}"), ["structure $", "structure $", "structure $"]);
    }

    #[test]
    fn stops_at_text_that_is_not_json_and_says_where() {
        let good = serde_json::to_string(&embedded()).expect("serialises");
        for (text, at) in [
            (String::new(), 0),
            ("{".to_string(), 1),
            (format!("{good} trailing"), good.len() + 1),
            (good[..good.len() - 10].to_string(), good.len() - 10),
            (
                good.replacen("\"MEX-VNM\"", "MEX-VNM", 1),
                good.find("\"MEX-VNM\"").unwrap_or(0),
            ),
        ] {
            match parts(&text, 64) {
                Err(Stop::NotJson { offset, .. }) => {
                    assert!(offset.abs_diff(at) <= 2, "{offset} vs {at}: {text:.80}")
                }
                other => panic!("{other:?} for {text:.80}"),
            }
        }
    }

    #[test]
    fn stops_reading_over_the_limit() {
        let good = serde_json::to_string(&embedded()).expect("serialises");
        let limit = |max: u64| read_by(good.as_bytes(), max, 4096, &|_| {}, false);
        assert!(matches!(limit(good.len() as u64 - 1), Err(Stop::Unread)));
        assert!(limit(good.len() as u64).is_ok());
    }

    #[test]
    fn tells_how_much_it_has_read() {
        let good = serde_json::to_string(&embedded()).expect("serialises");
        let seen = std::cell::RefCell::new(Vec::new());
        read_by(
            good.as_bytes(),
            u64::MAX,
            1000,
            &|n| seen.borrow_mut().push(n),
            false,
        )
        .expect("reads");
        let seen = seen.into_inner();
        assert!(seen.len() > 10 && seen.is_sorted(), "{seen:?}");
        assert_eq!(seen.last(), Some(&(good.len() as u64)));
    }

    #[test]
    fn scan_finds_where_each_kind_of_value_ends() {
        let b = br#"{"a": "}]\"{", "b": [1, {"c": "\\"}]} tail"#;
        let end = b.len() - b" tail".len();
        assert_eq!(Scanner::default().run(b, false), Some(Scan::Complete(end)));
        assert_eq!(
            Scanner::default().run(br#"{"a": "\"#, false),
            Some(Scan::Incomplete)
        );
        assert_eq!(
            Scanner::default().run(b"\"a\\\"b\", 1", false),
            Some(Scan::Complete(6))
        );
        assert_eq!(
            Scanner::default().run(b"-12.5e3]", false),
            Some(Scan::Complete(7))
        );
        assert_eq!(
            Scanner::default().run(b"true", false),
            Some(Scan::Incomplete)
        );
        assert_eq!(
            Scanner::default().run(b"true", true),
            Some(Scan::Complete(4))
        );
        assert_eq!(Scanner::default().run(b"}", false), None);
        // Fed a byte more at a time, it finds the same end.
        let mut scanner = Scanner::default();
        let found = (1..=b.len()).find_map(|n| match scanner.run(&b[..n], false) {
            Some(Scan::Complete(end)) => Some(end),
            _ => None,
        });
        assert_eq!(found, Some(end));
    }

    #[test]
    fn the_first_quote_or_backslash_is_found_in_any_text() {
        let naive = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\');
        let mut text = Vec::new();
        for len in 0..80 {
            for at in 0..=len {
                for c in [
                    b'"',
                    b'\\',
                    b'a',
                    0x22 | 0x80,
                    0x5C | 0x80,
                    0x00,
                    0xFF,
                    0x21,
                    0x23,
                ] {
                    text.clear();
                    text.resize(len, b'x');
                    if let Some(x) = text.get_mut(at) {
                        *x = c;
                    }
                    // A second mark further on never hides the first.
                    if len > at + 3 {
                        text[at + 3] = b'"';
                    }
                    assert_eq!(quote_or_backslash(&text), naive(&text), "{text:?}");
                }
            }
        }
    }
}
