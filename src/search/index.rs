//! The search index: every record's text folded to ASCII once, laid out for
//! fast scanning.
//!
//! Layout, for N records:
//! - `text`: each record's fields, folded and lower-cased, separated by
//!   " \x1F ", padded with zero bytes to a multiple of 8 so a record's start
//!   fits a `u32` counted in 8-byte units (32 GiB of text);
//! - `upper`: one bit per byte of `text`, set where the original letter was
//!   upper case. Kept apart because only a query holding an upper-case letter
//!   needs it (smart case), and it costs an eighth of the text;
//! - `sketches`: per record, which characters it holds, which start a word,
//!   and which pairs of letters start a word (as bits), so a record that
//!   lacks a letter of the query is skipped without reading it, and one that
//!   cannot hold a word starting with the query is not graded when only
//!   better records can be among the best hits;
//! - `meta`: per record, the headline's length and the padding;
//! - `others`: the original text of the few records holding a character with
//!   no ASCII likeness (CJK, Cyrillic…), for queries typed in those scripts.
//!
//! Records are numbered in document order (relation by relation, list by
//! list, as [`records_of`] gives them); a record's number is its *ordinal*.

use std::ops::Range;

use rayon::prelude::*;

use crate::data::Dataset;
use crate::query::{Kind, RecordRef, records_of};

use super::fields::Fields;
use super::fold::{self, SEPARATOR};
use super::pattern::{Pattern, char_bit};

/// Which records a search covers: some relations (by index in
/// `Dataset::relations`) or all, one kind of record or all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Scope {
    pub relations: Option<Vec<usize>>,
    pub kind: Option<Kind>,
}

impl Scope {
    /// Every record of every relation.
    pub fn all() -> Scope {
        Scope::default()
    }

    fn admits(&self, relation: usize, kind: Kind) -> bool {
        self.kind.is_none_or(|k| k == kind)
            && self
                .relations
                .as_ref()
                .is_none_or(|rs| rs.contains(&relation))
    }
}

/// A run of consecutive ordinals from one list of one relation.
#[derive(Debug, Clone, Copy)]
struct Group {
    first: u32,
    relation: u32,
    kind: Kind,
    /// Position in the list of the run's first record.
    index: u32,
}

/// Records per unit of parallel work when building.
const BUILD_CHUNK: usize = 4096;

/// Units of work folded before they are appended to the index.
const BUILD_WAVE: usize = 4;

/// The folded text of every record of a dataset (or of a [`Scope`] of it).
#[derive(Debug, Default)]
pub struct Index {
    text: Vec<u8>,
    upper: Vec<u8>,
    /// Start of each record in `text`, in 8-byte units; one more entry than records.
    starts: Vec<u32>,
    /// Per record: headline length << 3 | bytes of padding.
    meta: Vec<u32>,
    sketches: Vec<Sketch>,
    groups: Vec<Group>,
    /// (ordinal, original text) of records with characters that fold to [`OTHER`].
    others: Vec<(u32, Box<str>)>,
}

/// What one unit of parallel work builds; concatenated in order afterwards.
#[derive(Default)]
struct Part {
    text: Vec<u8>,
    upper: Vec<u8>,
    /// Length of each record in 8-byte units.
    units: Vec<u32>,
    meta: Vec<u32>,
    sketches: Vec<Sketch>,
    /// (position in the part, original text).
    others: Vec<(u32, Box<str>)>,
    /// The records kept, in order.
    refs: Vec<RecordRef>,
}

impl Part {
    /// Folds one record into the part. `cased` and `scratch` are reused
    /// buffers: the record's folded text with its case, and date formatting.
    /// Records lacking a character of `required` ([`char_bit`]s) are left out.
    fn add(
        &mut self,
        ds: &Dataset,
        r: &RecordRef,
        required: u64,
        cased: &mut Vec<u8>,
        scratch: &mut String,
    ) {
        cased.clear();
        let mut other = false;
        if let Some(fields) = Fields::of(ds, r) {
            fields.for_each(scratch, |s| {
                if !cased.is_empty() {
                    cased.extend_from_slice(&[b' ', SEPARATOR, b' ']);
                }
                other |= fold::fold_into(s, cased);
            });
            if required != 0 {
                let chars = cased.iter().fold(0, |m, &b| m | char_bit(b));
                if chars & required != required {
                    return;
                }
            }
            if other {
                let position = self.units.len() as u32;
                self.others
                    .push((position, fields.haystack().into_boxed_str()));
            }
        }
        let start = self.text.len();
        // An empty record still takes a unit, so that it has a start.
        let padded = cased.len().div_ceil(8).max(1) * 8;
        fold::push_lowered(cased, &mut self.text, &mut self.upper);
        if self.text.len() == start {
            fold::push_lowered(&[0], &mut self.text, &mut self.upper);
        }
        let text = &self.text[start..start + cased.len()];
        let head = headline_len(text).min(u32::MAX as usize >> 3) as u32;
        self.sketches.push(Sketch::of(text));
        self.units.push((padded / 8) as u32);
        self.meta.push(head << 3 | (padded - cased.len()) as u32);
        self.refs.push(*r);
    }
}

impl Index {
    /// Indexes every record of every relation, using every core.
    pub fn build(ds: &Dataset) -> Index {
        Index::build_scoped(ds, &Scope::all())
    }

    /// Indexes only the records of `scope`: cheaper for a one-off search.
    pub fn build_scoped(ds: &Dataset, scope: &Scope) -> Index {
        Index::build_where(ds, scope, 0)
    }

    /// Indexes only the records of `scope` that could match `query` (they
    /// hold every letter its terms need): for a one-off search of a rare
    /// word, most records are folded but not kept. Ordinals then number the
    /// kept records only.
    pub fn build_for_query(ds: &Dataset, scope: &Scope, query: &str) -> Index {
        Index::build_where(ds, scope, Pattern::parse(query).required_chars())
    }

    fn build_where(ds: &Dataset, scope: &Scope, required: u64) -> Index {
        let mut records = ds
            .relations
            .iter()
            .enumerate()
            .flat_map(|(i, rel)| records_of(rel, i))
            .filter(|r| scope.admits(r.relation, r.kind));
        let mut ix = Index::default();
        let mut unit = 0u32;
        // A wave of records is folded in parallel, then appended: the
        // folded copies of the whole dataset never sit beside the index.
        loop {
            let wave: Vec<RecordRef> = records.by_ref().take(BUILD_CHUNK * BUILD_WAVE).collect();
            if wave.is_empty() {
                break;
            }
            let parts: Vec<Part> = wave
                .par_chunks(BUILD_CHUNK)
                .map(|chunk| {
                    let mut part = Part::default();
                    let (mut cased, mut scratch) = (Vec::new(), String::new());
                    for r in chunk {
                        part.add(ds, r, required, &mut cased, &mut scratch);
                    }
                    part
                })
                .collect();
            for part in parts {
                let base = ix.meta.len() as u32;
                extend_groups(&mut ix.groups, base, &part.refs);
                ix.text.extend_from_slice(&part.text);
                ix.upper.extend_from_slice(&part.upper);
                for u in part.units {
                    ix.starts.push(unit);
                    unit += u;
                }
                ix.meta.extend_from_slice(&part.meta);
                ix.sketches.extend_from_slice(&part.sketches);
                ix.others
                    .extend(part.others.into_iter().map(|(i, s)| (base + i, s)));
            }
            crate::heap::trim();
        }
        ix.starts.push(unit);
        ix.text.shrink_to_fit();
        ix.upper.shrink_to_fit();
        ix.starts.shrink_to_fit();
        ix.meta.shrink_to_fit();
        ix.sketches.shrink_to_fit();
        ix.groups.shrink_to_fit();
        ix.others.shrink_to_fit();
        ix
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// Bytes of heap the index holds: its text, case bits, offsets, masks,
    /// groups and the original text of records in other scripts.
    pub fn memory_bytes(&self) -> usize {
        self.text.capacity()
            + self.upper.capacity()
            + self.starts.capacity() * 4
            + self.meta.capacity() * 4
            + self.sketches.capacity() * std::mem::size_of::<Sketch>()
            + self.groups.capacity() * std::mem::size_of::<Group>()
            + self.others.capacity() * std::mem::size_of::<(u32, Box<str>)>()
            + self.others.iter().map(|(_, s)| s.len()).sum::<usize>()
    }

    /// Where record `ordinal` lives in the dataset.
    pub fn record(&self, ordinal: u32) -> Option<RecordRef> {
        if ordinal as usize >= self.len() {
            return None;
        }
        let g = self.groups[self.groups.partition_point(|g| g.first <= ordinal) - 1];
        Some(RecordRef {
            relation: g.relation as usize,
            kind: g.kind,
            index: (g.index + ordinal - g.first) as usize,
        })
    }

    /// Byte offset in `text` where record `ordinal` starts.
    #[inline]
    pub(crate) fn offset(&self, ordinal: u32) -> usize {
        self.starts[ordinal as usize] as usize * 8
    }

    /// The folded, lower-cased text of record `ordinal`, padding removed.
    #[inline]
    pub(crate) fn text(&self, ordinal: u32) -> &[u8] {
        let i = ordinal as usize;
        let (start, end) = (self.starts[i] as usize * 8, self.starts[i + 1] as usize * 8);
        let pad = (self.meta[i] & 7) as usize;
        &self.text[start..end - pad]
    }

    #[inline]
    pub(crate) fn sketch(&self, ordinal: u32) -> &Sketch {
        &self.sketches[ordinal as usize]
    }

    /// Whether the byte at `offset` of `text` was an upper-case letter.
    #[inline]
    pub(crate) fn is_upper(&self, offset: usize) -> bool {
        self.upper
            .get(offset / 8)
            .is_some_and(|b| b & (1 << (offset % 8)) != 0)
    }

    /// Record `ordinal`'s folded text with its case restored, into `out`.
    pub(crate) fn cased_text(&self, ordinal: u32, out: &mut Vec<u8>) {
        let base = self.offset(ordinal);
        out.clear();
        out.extend(self.text(ordinal).iter().enumerate().map(|(i, &b)| {
            if self.is_upper(base + i) {
                b.to_ascii_uppercase()
            } else {
                b
            }
        }));
    }

    /// The original text of a record holding characters with no ASCII likeness.
    pub(crate) fn other_text(&self, ordinal: u32) -> Option<&str> {
        self.others
            .binary_search_by_key(&ordinal, |(o, _)| *o)
            .ok()
            .map(|i| &*self.others[i].1)
    }

    /// Whether any record holds characters with no ASCII likeness.
    pub(crate) fn has_others(&self) -> bool {
        !self.others.is_empty()
    }

    /// Length in characters of record `ordinal`'s headline (its first field).
    pub(crate) fn headline_len(&self, ordinal: u32) -> usize {
        (self.meta[ordinal as usize] >> 3) as usize
    }

    /// The ordinals a scope covers, as ascending ranges.
    pub fn ranges(&self, scope: &Scope) -> Vec<Range<u32>> {
        let mut out: Vec<Range<u32>> = Vec::new();
        for (i, g) in self.groups.iter().enumerate() {
            if !scope.admits(g.relation as usize, g.kind) {
                continue;
            }
            let end = self
                .groups
                .get(i + 1)
                .map_or(self.len() as u32, |n| n.first);
            match out.last_mut() {
                Some(last) if last.end == g.first => last.end = end,
                _ => out.push(g.first..end),
            }
        }
        out
    }
}

/// Cheap facts about a record's text, checked before reading the text.
/// A *word* here starts at any byte after a non-word byte (or at the start)
/// and runs through the letters and digits that follow it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sketch {
    /// [`char_bit`] of every byte.
    pub chars: u64,
    /// [`char_bit`] of every byte that starts a word.
    pub word_starts: u64,
    /// [`char_bit`] of every letter or digit that is a word on its own
    /// ("a", "5"): exact, where the bits below may say "maybe".
    pub singles: u64,
    /// [`pair_bit`] of the first two bytes of every word.
    pub word_pairs: u64,
    /// [`head_bits`] of every word: its first two bytes and its length.
    /// Wider than the others, with two bits a word: it decides whether a
    /// record can hold a query term as a whole word, the best tier, and a
    /// false "maybe" costs a full grading. About 4% of records answer
    /// "maybe" falsely, where 64 bits and one hash would give 35%.
    pub word_heads: [u64; 4],
}

impl Sketch {
    pub(crate) fn of(text: &[u8]) -> Sketch {
        let mut s = Sketch::default();
        // Where the run of word bytes starting at `i` ends.
        let run_end = |i: usize| {
            text.get(i..).map_or(i, |rest| {
                i + rest.iter().take_while(|&&c| fold::is_word(c)).count()
            })
        };
        let mut i = 0;
        while let Some(&b) = text.get(i) {
            // Here `b` starts a word: it follows a non-word byte, or is first.
            let word = fold::is_word(b);
            let end = if word { run_end(i) } else { run_end(i + 1) };
            let len = end - i;
            let second = text.get(i + 1).copied();
            s.word_starts |= char_bit(b);
            if len == 1 && word {
                s.singles |= char_bit(b);
            }
            s.word_pairs |= pair_bit(b, second);
            for (w, bit) in head_bits(b, second, len) {
                s.word_heads[w] |= bit;
            }
            if word {
                // The rest of the word starts nothing; the byte after it
                // follows a word byte, so it starts nothing either.
                for &c in &text[i..end] {
                    s.chars |= char_bit(c);
                }
                if let Some(&c) = text.get(end) {
                    s.chars |= char_bit(c);
                }
                i = end + 1;
            } else {
                s.chars |= char_bit(b);
                i += 1;
            }
        }
        s
    }
}

/// The second byte of a word, or 0 when the word has a single byte.
fn second_letter(second: Option<u8>) -> u32 {
    u32::from(second.filter(|&b| fold::is_word(b)).unwrap_or(0))
}

/// A bit for the first two bytes of a word, hashed into 64.
#[inline]
pub(crate) fn pair_bit(first: u8, second: Option<u8>) -> u64 {
    let h = (u32::from(first) << 8 | second_letter(second)).wrapping_mul(0x9E37_79B1);
    1 << (h >> 26)
}

/// Two bits for the first two bytes and the length of a word, hashed into
/// 256: for each, which word of [`Sketch::word_heads`] and the bit in it.
#[inline]
pub(crate) fn head_bits(first: u8, second: Option<u8>, len: usize) -> [(usize, u64); 2] {
    let len = len.min(255) as u32;
    let x = len << 16 | u32::from(first) << 8 | second_letter(second);
    let bit = |h: u32| ((h >> 30) as usize, 1u64 << ((h >> 24) & 63));
    [
        bit(x.wrapping_mul(0x85EB_CA77)),
        bit(x.wrapping_mul(0xC2B2_AE3D)),
    ]
}

/// The headline is everything before the first " \x1F ".
#[inline]
pub(crate) fn headline_len(text: &[u8]) -> usize {
    memchr::memchr(SEPARATOR, text).map_or(text.len(), |p| p.saturating_sub(1))
}

/// Runs of consecutive records of the same relation and kind.
/// Appends the runs of `refs`, whose first record is ordinal `first`, to
/// `out`, continuing its last run where they follow on.
fn extend_groups(out: &mut Vec<Group>, first: u32, refs: &[RecordRef]) {
    for (i, r) in refs.iter().enumerate() {
        let i = first + i as u32;
        let continues = out.last().is_some_and(|g| {
            g.relation as usize == r.relation
                && g.kind == r.kind
                && (g.index + i - g.first) as usize == r.index
        });
        if !continues {
            out.push(Group {
                first: i,
                relation: r.relation as u32,
                kind: r.kind,
                index: r.index as u32,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn indexes_every_record_in_document_order() {
        let ds = load_embedded().unwrap();
        let ix = Index::build(&ds);
        let all: Vec<RecordRef> = ds
            .relations
            .iter()
            .enumerate()
            .flat_map(|(i, r)| records_of(r, i))
            .collect();
        assert_eq!(ix.len(), all.len());
        for (o, r) in all.iter().enumerate() {
            let o = o as u32;
            assert_eq!(ix.record(o), Some(*r));
            let hay = super::super::haystack(&ds, r);
            assert_eq!(ix.text(o).len(), hay.chars().count(), "{hay}");
            let (_, rec) = r.resolve(&ds).unwrap();
            let headline = rec.headline(&ds, &ds.relations[r.relation]);
            assert_eq!(ix.headline_len(o), headline.chars().count());
        }
        assert!(ix.record(all.len() as u32).is_none());
        assert!(ix.memory_bytes() > 0);
    }

    #[test]
    fn scope_limits_the_ranges() {
        let ds = load_embedded().unwrap();
        let ix = Index::build(&ds);
        let visits = Scope {
            relations: None,
            kind: Some(Kind::Visit),
        };
        let n: u32 = ix.ranges(&visits).iter().map(|r| r.end - r.start).sum();
        let want: usize = ds.relations.iter().map(|r| r.visits.len()).sum();
        assert_eq!(n as usize, want);
        let one = Scope {
            relations: Some(vec![1]),
            kind: None,
        };
        for r in ix.ranges(&one) {
            for o in r {
                assert_eq!(ix.record(o).map(|r| r.relation), Some(1));
            }
        }
        let scoped = Index::build_scoped(&ds, &visits);
        assert_eq!(scoped.len(), want);
    }

    #[test]
    fn case_bits_restore_the_original_case() {
        let ds = load_embedded().unwrap();
        let ix = Index::build(&ds);
        let mut buf = Vec::new();
        ix.cased_text(0, &mut buf);
        let r = ix.record(0).unwrap();
        let hay = super::super::haystack(&ds, &r);
        assert_eq!(buf, fold::fold(&hay).replace_separators());
    }

    trait ReplaceSeparators {
        fn replace_separators(self) -> Vec<u8>;
    }

    impl ReplaceSeparators for Vec<u8> {
        /// " · " in a haystack is " \x1F " in the index.
        fn replace_separators(mut self) -> Vec<u8> {
            for i in 1..self.len().saturating_sub(1) {
                if self[i - 1] == b' ' && self[i] == b'.' && self[i + 1] == b' ' {
                    self[i] = SEPARATOR;
                }
            }
            self
        }
    }
}
