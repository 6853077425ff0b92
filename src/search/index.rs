//! The search index: every record's words, built once per dataset.
//!
//! Layout, for N records and V distinct words:
//! - a [`Vocab`]: the distinct words as written (folded: "Đồng" is "Dong"),
//!   and their lower-case forms sorted, for exact, prefix, typo and
//!   letters-in-order look-ups that never read a record;
//! - *postings*: for each word, the records holding it in their own fields,
//!   ascending, each with the [`Weight`] of the best field it is in (two
//!   bits of a `u32`);
//! - the *forward* index: each record's words in order, with the field each
//!   belongs to and its position in characters in the record's
//!   [`haystack`](super::haystack), compactly encoded; read only for the
//!   records a query ranks or shows (proximity, anchors, phrases, highlights).
//!   It is kept in [`Chunk`]s of a few thousand records, each numbering its
//!   words in its own way (with a table to the vocabulary's numbers): every
//!   chunk is encoded while its records are read, on any core, without
//!   waiting for the words of the chunks before it;
//! - per record, the length of its headline in characters;
//! - per relation, the words of its id ("MEX-VNM") and names ("Mexico ⇄
//!   Vietnam" both ways), the last fields of each of its records: held once
//!   ([`RelationFields`]), not in every record's postings and forward words.
//!
//! Records are numbered in document order (relation by relation, list by
//! list, as [`records_of`] gives them); a record's number is its *ordinal*.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use crate::data::Dataset;
use crate::data::date::MONTHS;
use crate::query::{Kind, RecordRef, records_of};

use super::demonyms::country_words;
use super::fields::{DateWord, Fields, Leave, Piece, Weight};
use super::fold::SEPARATOR_CHARS;
use super::forms::forms;
use super::pattern::{AtomKind, Pattern};
use super::vocab::{Vocab, osa, typo_budget};
use super::words::{for_each_piece, for_each_span, for_each_word, has_digit, letters_of};

mod relations;
mod store;

use relations::RelationFields;
pub(crate) use store::Key;

type Hasher = foldhash::fast::RandomState;

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

    pub(crate) fn admits_kind(&self, kind: Kind) -> bool {
        self.kind.is_none_or(|k| k == kind)
    }

    pub(crate) fn admits_relation(&self, relation: usize) -> bool {
        self.relations
            .as_ref()
            .is_none_or(|rs| rs.contains(&relation))
    }
}

/// A run of consecutive ordinals from one list of one relation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    pub first: u32,
    pub relation: u32,
    pub kind: Kind,
    /// Position in the list of the run's first record.
    pub index: u32,
}

/// The mark in the forward index where a record's relation's fields begin.
const RELATION: u8 = Weight::Relation as u8;

/// Records per unit of parallel work when building.
const BUILD_CHUNK: usize = 4096;

/// Units of work tokenized before they are appended to the index.
const BUILD_WAVE: usize = 8;

/// One word of a record, as the forward index gives it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub word: u32,
    /// Index in characters into the record's haystack.
    pub start: u32,
    /// Which field (0: the headline) and its weight.
    pub field: u16,
    pub weight: Weight,
}

/// The forward index of consecutive records, from ordinal `first`.
#[derive(Debug)]
struct Chunk {
    first: u32,
    /// Record `first + i`'s tokens: `bytes[ends[i - 1]..ends[i]]` (from 0
    /// for the first), as `(word in the chunk + 1, start - previous start)`
    /// varints; a field starts with `0, weight`, and the relation's fields
    /// (held once, in [`RelationFields`]) with `0, RELATION, start - previous start`.
    bytes: Box<[u8]>,
    ends: Box<[u32]>,
    /// The vocabulary's number of each of the chunk's words.
    words: Box<[u32]>,
}

/// The words of every record of a dataset.
#[derive(Debug, Default)]
pub struct Index {
    pub(crate) vocab: Vocab,
    /// Postings of each word: `ordinal << 2 | weight`, ascending.
    postings: Vec<Box<[u32]>>,
    /// The forward index, in ordinal order.
    forward: Vec<Chunk>,
    /// Per record, the headline's length in characters.
    heads: Vec<u32>,
    groups: Vec<Group>,
    /// The relations' ids and names, which every record of a relation holds.
    relation_fields: RelationFields,
    /// How many relations the dataset has.
    relations: usize,
    /// The words of its country names, lower case, sorted, each once.
    pub(crate) countries: Vec<Box<str>>,
}

/// What one unit of parallel work tokenizes, with words numbered locally.
#[derive(Default)]
struct Part {
    words: Vec<Box<str>>,
    /// Local ids of words of up to 16 bytes, by their bytes packed in a
    /// number (no string to hash or compare: most words are that short)…
    short: HashMap<u128, u32, Hasher>,
    /// … and of longer words.
    long: HashMap<Box<str>, u32, Hasher>,
    /// The records' tokens with local word ids, encoded as in [`Chunk`].
    forward: Vec<u8>,
    /// Per record, where its tokens end in `forward`.
    ends: Vec<u32>,
    /// Per record and distinct word: (local id, record in the part << 2 |
    /// best weight), the part's share of the postings; once every record
    /// is read, grouped by word ([`Part::group_postings`]).
    pairs: Vec<(u32, u32)>,
    /// The part's postings of local word `w`:
    /// `entries[starts[w]..starts[w + 1]]`, ascending.
    starts: Vec<u32>,
    entries: Vec<u32>,
    /// Per local id: the record (plus one) it was last seen in, and where
    /// its pair is.
    seen: Vec<(u32, u32)>,
    heads: Vec<u32>,
    refs: Vec<RecordRef>,
    /// Texts many records share (the relation's name, a month), each split
    /// into words once.
    memo: HashMap<Box<str>, Memo, Hasher>,
    /// (local id, index in characters in the text) of each word of `memo`.
    memo_words: Vec<(u32, u32)>,
    /// For a one-off search: whether each word (of up to 16 bytes, packed
    /// as in `short`) seen so far could match the query.
    verdicts: HashMap<u128, bool, Hasher>,
    /// Local ids of the words dates are made of.
    date_ids: DateIds,
}

/// Local ids of the words of dates, by what they are made of: a date's
/// words are given by its numbers ([`DateField::for_each_word`]), and
/// finding their ids here costs less than hashing them.
struct DateIds {
    months: [Option<u32>; 12],
    /// Numbers of one and of two digits ("5", "05"), below 100.
    small: [[Option<u32>; 100]; 2],
    /// Four-digit years, by year.
    years: Vec<Option<u32>>,
}

impl Default for DateIds {
    fn default() -> DateIds {
        DateIds {
            months: [None; 12],
            small: [[None; 100]; 2],
            years: Vec::new(),
        }
    }
}

impl DateIds {
    /// Where the id of `w` is kept, for the words kept here.
    fn slot(&mut self, w: DateWord) -> Option<&mut Option<u32>> {
        match w {
            DateWord::Month(m) => self.months.get_mut(m),
            DateWord::Number { value, width } if (1..=2).contains(&width) => {
                self.small[usize::from(width - 1)].get_mut(usize::try_from(value).ok()?)
            }
            DateWord::Number { value, width: 4 } if value < 10_000 => {
                if self.years.is_empty() {
                    self.years = vec![None; 10_000];
                }
                self.years.get_mut(usize::try_from(value).ok()?)
            }
            _ => None,
        }
    }
}

/// A shared text split into words: its words are `memo_words[from..to]`.
#[derive(Clone, Copy)]
struct Memo {
    from: u32,
    to: u32,
    /// Its length in characters.
    chars: u32,
}

/// Bytes of text a one-off search tests for a term's letters at once: the
/// shorter, the more pieces lack them, but each test costs a little.
const ADMIT_PIECE: usize = 16;

/// Which records a one-off search needs indexed: for each word of each
/// positive term, its letters and digits and how many of them a matching
/// word may lack (its typo budget). A record is kept when one of its words
/// could match one of these: every word a term matches in any tier, and so
/// every word that decides whether a last-resort tier applies, lies in such
/// records, and a record without one matches no term.
#[derive(Debug, Clone, Default)]
pub(crate) struct Needs {
    words: Vec<Need>,
    /// Whether a date as shown could hold such a word: writing a million
    /// dates out is a good part of a pass that finds nothing.
    in_dates: bool,
}

/// One word of a positive term, as a one-off search looks for it.
#[derive(Debug, Clone)]
struct Need {
    bits: u64,
    budget: u32,
    /// Lower case, ASCII: a record's word could match it when it starts
    /// with it, holds its letters in order, or starts within `budget`
    /// typos of it (which covers the whole word being within them).
    word: Vec<u8>,
}

impl Needs {
    pub(crate) fn of(pattern: &Pattern, countries: &[Box<str>]) -> Needs {
        Needs::of_patterns(std::slice::from_ref(pattern), countries)
    }

    /// What the query needs as typed and with each pair of neighbouring
    /// words joined (see [`Pattern::joined_pairs`]): whether two words are
    /// one split in two, and what a query found nowhere as typed finds
    /// joined, are decided on every word the whole index would hold.
    /// So are its fallbacks ([`Pattern::fallbacks`], `countries` being the
    /// words of the dataset's country names).
    pub(crate) fn of_joined(pattern: &Pattern, countries: &[Box<str>]) -> Needs {
        let mut all = vec![pattern.clone()];
        all.extend(pattern.joined_pairs());
        all.extend(pattern.fallbacks(countries));
        Needs::of_patterns(&all, countries)
    }

    /// What `patterns` need, with their abbreviations written out, names
    /// abbreviated and countries' adjectives as "from" the country
    /// ([`Pattern::alternatives`]), which find records too.
    fn of_patterns(patterns: &[Pattern], countries: &[Box<str>]) -> Needs {
        let patterns: Vec<Pattern> = patterns
            .iter()
            .flat_map(|p| std::iter::once(p.clone()).chain(p.alternatives(countries)))
            .collect();
        let mut words: Vec<Need> = Vec::new();
        for a in patterns
            .iter()
            .flat_map(Pattern::atoms)
            .filter(|a| !a.negated)
        {
            let fuzzy = a.kind == AtomKind::Fuzzy && a.words.len() == 1 && !a.joined;
            for w in &a.words {
                let budget = if fuzzy && !has_digit(w) {
                    typo_budget(w.chars().count()) as u32
                } else {
                    0
                };
                let lowered = w.to_ascii_lowercase();
                // The word's singular or plural matches it too, exactly.
                let others = if fuzzy { forms(&lowered) } else { Vec::new() };
                for (word, budget) in
                    std::iter::once((lowered, budget)).chain(others.into_iter().map(|f| (f, 0)))
                {
                    let Some(need) = Need::of(word, budget) else {
                        // A letter of another script: no cheap test.
                        return Needs::default();
                    };
                    if !words
                        .iter()
                        .any(|n| n.word == need.word && n.budget == need.budget)
                    {
                        words.push(need);
                    }
                }
            }
        }
        let mut needs = Needs {
            words,
            in_dates: true,
        };
        // A date as shown is numbers and a month's name.
        needs.in_dates = needs
            .words
            .iter()
            .any(|n| n.word.iter().any(u8::is_ascii_digit))
            || MONTHS.iter().any(|m| needs.could_match(m));
        needs
    }

    /// Whether a word with these [`letter_bit`]s could match a word of a
    /// term: it lacks at most a typo budget of the term word's letters.
    fn admits(&self, bits: u64) -> bool {
        self.words
            .iter()
            .any(|n| lacks_at_most(n.bits & !bits, n.budget))
    }

    /// Whether a record's word (folded, cased) could match a word of a term
    /// in some tier; `true` when unsure.
    fn could_match(&self, word: &str) -> bool {
        let Some(w) = lower_ascii(word) else {
            return true;
        };
        let w = &w.0[..w.1];
        self.words.iter().any(|n| {
            let q = &n.word[..];
            w.starts_with(q)
                || (q.first() == w.first() && {
                    let mut it = w.iter();
                    q.iter().all(|c| it.any(|d| d == c))
                })
                || (n.budget > 0
                    && !w.iter().any(u8::is_ascii_digit)
                    && osa(q, w, n.budget as usize, Some(0)).is_some())
        })
    }
}

impl Need {
    /// A word (lower case) to look for with `budget` typos; `None` when it
    /// holds a letter of another script.
    fn of(word: String, budget: u32) -> Option<Need> {
        let mut bits = 0u64;
        for c in word.chars() {
            bits |= letter_bit(c)?;
        }
        Some(Need {
            bits,
            budget,
            word: word.into_bytes(),
        })
    }
}

/// Whether at most `budget` bits of `lacking` are set. Clearing the lowest
/// bit `budget` times costs less than counting them: without the popcnt
/// instruction (not in baseline x86-64) a count is a dozen instructions, and
/// this runs for every few words of every record a one-off search reads.
fn lacks_at_most(mut lacking: u64, budget: u32) -> bool {
    for _ in 0..budget {
        lacking &= lacking.wrapping_sub(1);
    }
    lacking == 0
}

/// Whether `judge` says yes to some word of `text` that holds the letters
/// a term word needs.
fn any_word(needs: &Needs, text: &str, judge: &mut impl FnMut(&str) -> bool) -> bool {
    let mut found = false;
    for_each_span(text, |span, bits| {
        if needs.admits(bits) {
            let w = &text[span];
            found = if w.is_ascii() {
                judge(w)
            } else {
                let mut any = false;
                for_each_word(w, |_, folded| any = any || judge(folded));
                any
            };
        }
        !found
    });
    found
}

/// A word lower-cased in a buffer on the stack, with its length; `None`
/// when it is not ASCII or longer than the buffer.
fn lower_ascii(word: &str) -> Option<([u8; 64], usize)> {
    let b = word.as_bytes();
    if !word.is_ascii() || b.len() > 64 {
        return None;
    }
    let mut out = [0u8; 64];
    for (o, c) in out.iter_mut().zip(b) {
        *o = c.to_ascii_lowercase();
    }
    Some((out, b.len()))
}

/// A bit for each ASCII letter (either case) and digit.
fn letter_bit(c: char) -> Option<u64> {
    let b = u8::try_from(c).ok()?.to_ascii_lowercase();
    match b {
        b'a'..=b'z' => Some(1 << (b - b'a')),
        b'0'..=b'9' => Some(1 << (26 + b - b'0')),
        _ => None,
    }
}

/// Appends the parts' postings (part `i`'s records numbered from
/// `bases[i]`) to each word's list, in order. The words are split between
/// the threads, each appending its words' runs from every part.
fn append_postings(postings: &mut [Vec<u32>], parts: &[Part], globals: &[Vec<u32>], bases: &[u32]) {
    let share = postings.len().div_ceil(rayon::current_num_threads()).max(1);
    postings
        .par_chunks_mut(share)
        .enumerate()
        .for_each(|(k, lists)| {
            let first = k * share;
            for ((part, global), &base) in parts.iter().zip(globals).zip(bases) {
                for (local, &word) in global.iter().enumerate() {
                    let Some(list) = (word as usize)
                        .checked_sub(first)
                        .and_then(|i| lists.get_mut(i))
                    else {
                        continue;
                    };
                    let run = part.starts[local] as usize..part.starts[local + 1] as usize;
                    list.extend(part.entries[run].iter().map(|e| e + (base << 2)));
                }
            }
        });
}

/// A word of up to 16 bytes as one number, to hash and compare cheaply.
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    // Words hold no zero byte, so the zero padding cannot make two equal.
    Some(match bytes.split_at_checked(8) {
        Some((low, high)) => u128::from(le_u64(low)) | u128::from(le_u64(high)) << 64,
        None => u128::from(le_u64(bytes)),
    })
}

/// Up to 8 bytes as a little-endian number, zero-padded. Read as two
/// overlapping loads rather than copied into a buffer: reading a buffer
/// just written byte by byte stalls the processor, and this runs once per
/// word of the dataset.
fn le_u64(b: &[u8]) -> u64 {
    let n = b.len();
    let word = |at: usize, len: usize| -> u64 {
        let mut v = 0u64;
        for (i, &x) in b[at..at + len].iter().enumerate() {
            v |= u64::from(x) << (8 * i);
        }
        v
    };
    match n {
        0 => 0,
        1..=3 => word(0, n),
        // The two loads overlap where n < 8; the overlapping bytes are the
        // same in both, so or-ing them changes nothing.
        4..=7 => word(0, 4) | word(n - 4, 4) << (8 * (n - 4)),
        _ => word(0, 8),
    }
}

impl Part {
    fn add(&mut self, ds: &Dataset, r: &RecordRef, needs: &Needs, scratch: &mut String) {
        let mut head = None;
        if !needs.words.is_empty()
            && let Some(all) = Fields::all_of(ds, r)
            && !self.admit(needs, &all, scratch)
        {
            return;
        }
        let fields = Fields::of(ds, r);
        if let Some(fields) = fields {
            // Where the field being read starts in the haystack, and the
            // last word's start.
            let mut offset = 0usize;
            let mut prev = 0u32;
            let sep = SEPARATOR_CHARS as usize;
            let leave = Leave {
                relation: true,
                ..Leave::default()
            };
            fields.for_each_piece(leave, |piece, weight, shared| {
                self.forward.extend_from_slice(&[0, weight as u8]);
                let len = match piece {
                    Piece::Date(date) => date.for_each_word(|start, word| {
                        let id = self.date_id(word);
                        self.word(id, offset + start, &mut prev, weight);
                    }),
                    _ if shared => {
                        let memo = self.memo(piece.text(scratch));
                        for i in memo.from..memo.to {
                            let (id, start) = self.memo_words[i as usize];
                            self.word(id, offset + start as usize, &mut prev, weight);
                        }
                        memo.chars as usize
                    }
                    _ => {
                        let text = piece.text(scratch);
                        for_each_word(text, |start, word| {
                            let id = self.id(word);
                            self.word(id, offset + start, &mut prev, weight);
                        });
                        chars(text)
                    }
                };
                head.get_or_insert(len);
                offset += len + sep;
            });
            // The relation's fields come next: the index holds them once.
            let at = u32::try_from(offset).unwrap_or(u32::MAX);
            self.forward.extend_from_slice(&[0, RELATION]);
            put_varint(&mut self.forward, at.saturating_sub(prev));
        }
        let head = head.unwrap_or(0);
        self.ends
            .push(u32::try_from(self.forward.len()).unwrap_or(u32::MAX));
        self.heads.push(u32::try_from(head).unwrap_or(u32::MAX));
        self.refs.push(*r);
    }

    /// Whether a record with these fields could match some term of a
    /// one-off search. Text is read in short pieces: a piece lacking the
    /// letters every term word needs is passed over (most are); the others
    /// are split into words, and each word holding those letters is compared
    /// with the terms' words (once per distinct word). Dates are read only
    /// when a term could match a date.
    fn admit(&mut self, needs: &Needs, fields: &Fields, scratch: &mut String) -> bool {
        let mut keep = false;
        let verdicts = &mut self.verdicts;
        let mut judge = |w: &str| match pack(w) {
            Some(key) => *verdicts.entry(key).or_insert_with(|| needs.could_match(w)),
            None => needs.could_match(w),
        };
        let leave = Leave {
            dates: !needs.in_dates,
            relation: false,
        };
        fields.for_each_but(scratch, leave, |text, _, _| {
            if !keep {
                for_each_piece(text, ADMIT_PIECE, |piece| {
                    keep = needs.admits(letters_of(piece)) && any_word(needs, piece, &mut judge);
                    !keep
                });
            }
        });
        keep
    }

    /// Encodes the record being added's next word, `id` at character `at`
    /// of its haystack (the word before at `prev`).
    fn word(&mut self, id: u32, at: usize, prev: &mut u32, weight: Weight) {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        put_varint(&mut self.forward, id + 1);
        put_varint(&mut self.forward, at.saturating_sub(*prev));
        *prev = at;
        self.post(id, weight);
    }

    /// A shared text's words and length, split into words the first time
    /// the part meets it.
    fn memo(&mut self, text: &str) -> Memo {
        if let Some(&known) = self.memo.get(text) {
            return known;
        }
        let from = self.memo_words.len() as u32;
        for_each_word(text, |start, word| {
            let id = self.id(word);
            let start = u32::try_from(start).unwrap_or(u32::MAX);
            self.memo_words.push((id, start));
        });
        let known = Memo {
            from,
            to: self.memo_words.len() as u32,
            chars: u32::try_from(chars(text)).unwrap_or(u32::MAX),
        };
        self.memo.insert(text.into(), known);
        known
    }

    /// Notes that the record being added holds word `id` in a field of `weight`.
    fn post(&mut self, id: u32, weight: Weight) {
        let record = self.ends.len() as u32;
        let entry = record << 2 | weight as u32;
        let seen = &mut self.seen[id as usize];
        if seen.0 == record + 1 {
            let pair = &mut self.pairs[seen.1 as usize].1;
            *pair = (*pair).min(entry);
        } else {
            *seen = (record + 1, self.pairs.len() as u32);
            self.pairs.push((id, entry));
        }
    }

    /// The local id of a word, numbering it if it is new.
    fn id(&mut self, word: &str) -> u32 {
        let next = self.words.len() as u32;
        let (id, new) = if let Some(key) = pack(word) {
            let id = *self.short.entry(key).or_insert(next);
            (id, id == next)
        } else {
            match self.long.get(word) {
                Some(&id) => (id, false),
                None => {
                    self.long.insert(word.into(), next);
                    (next, true)
                }
            }
        };
        if new {
            self.words.push(word.into());
            self.seen.push((0, 0));
        }
        id
    }

    /// The local id of a word of a date.
    fn date_id(&mut self, w: DateWord) -> u32 {
        if let Some(&mut Some(id)) = self.date_ids.slot(w) {
            return id;
        }
        let id = w.with_text(|text| self.id(text));
        if let Some(slot) = self.date_ids.slot(w) {
            *slot = Some(id);
        }
        id
    }

    /// Groups the pairs by word (a counting sort: each word's records stay
    /// in order), so that appending them to the index reads only the
    /// entries of the words being appended.
    fn group_postings(&mut self) {
        let mut starts = vec![0u32; self.words.len() + 1];
        for &(id, _) in &self.pairs {
            starts[id as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut entries = vec![0u32; self.pairs.len()];
        for &(id, entry) in &self.pairs {
            let at = &mut next[id as usize];
            entries[*at as usize] = entry;
            *at += 1;
        }
        self.pairs = Vec::new();
        self.starts = starts;
        self.entries = entries;
    }
}

/// Length in characters.
fn chars(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// The records of a wave, a chunk per unit of parallel work.
fn tokenize(ds: &Dataset, wave: &[RecordRef], needs: &Needs) -> Vec<Part> {
    wave.par_chunks(BUILD_CHUNK)
        .map(|chunk| {
            let mut part = Part {
                forward: Vec::with_capacity(chunk.len() * 96),
                pairs: Vec::with_capacity(chunk.len() * 32),
                ..Part::default()
            };
            let mut scratch = String::new();
            for r in chunk {
                part.add(ds, r, needs, &mut scratch);
            }
            part.group_postings();
            part
        })
        .collect()
}

/// The words met so far, numbered in order, and their postings.
#[derive(Default)]
struct Merge {
    words: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32, Hasher>,
    postings: Vec<Vec<u32>>,
}

impl Merge {
    /// Numbers the parts' new words and appends their records to `ix`.
    fn append(&mut self, ix: &mut Index, parts: Vec<Part>) {
        if parts.is_empty() {
            return;
        }
        let globals: Vec<Vec<u32>> = parts
            .iter()
            .map(|p| p.words.iter().map(|w| self.id(w)).collect())
            .collect();
        // Each part's first record number.
        let bases: Vec<u32> = parts
            .iter()
            .scan(ix.heads.len() as u32, |next, p| {
                let base = *next;
                *next += p.heads.len() as u32;
                Some(base)
            })
            .collect();
        self.postings.resize_with(self.words.len(), Vec::new);
        append_postings(&mut self.postings, &parts, &globals, &bases);
        ix.append_records(parts, globals, &bases);
    }

    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.into(), id);
        self.words.push(word.into());
        id
    }
}

impl Index {
    /// Indexes every record of every relation, using every core.
    pub fn build(ds: &Dataset) -> Index {
        Index::build_with(ds, &Needs::default(), country_words(ds))
    }

    /// Indexes only the records that could match `query`, for a one-off
    /// search: most records of a large dataset are looked at but not
    /// indexed when the query's words are rare. Searching it for `query`
    /// finds what searching the whole index would; ordinals then number the
    /// kept records only.
    pub fn build_for_query(ds: &Dataset, query: &str) -> Index {
        let countries = country_words(ds);
        Index::build_with(
            ds,
            &Needs::of(&Pattern::parse(query), &countries),
            countries,
        )
    }

    /// As [`Index::build_for_query`], for the query as typed and with
    /// neighbouring words joined, as [`search_once`](super::search_once)
    /// searches it.
    pub(crate) fn build_for_joined(ds: &Dataset, pattern: &Pattern) -> Index {
        let countries = country_words(ds);
        Index::build_with(ds, &Needs::of_joined(pattern, &countries), countries)
    }

    /// `countries`: the words of the dataset's country names.
    fn build_with(ds: &Dataset, needs: &Needs, countries: Vec<Box<str>>) -> Index {
        let mut records = ds
            .relations
            .iter()
            .enumerate()
            .flat_map(|(i, rel)| records_of(rel, i));
        let mut ix = Index {
            relations: ds.relations.len(),
            countries,
            ..Index::default()
        };
        let mut merge = Merge::default();
        let relation_fields = RelationFields::build(ds, |w| merge.id(w));
        // A wave of records is tokenized in parallel while the wave before
        // it is appended: the tokens of the whole dataset never sit beside
        // the index, and appending (partly one thread's work) overlaps
        // with tokenizing.
        let mut pending: Vec<Part> = Vec::new();
        loop {
            let wave: Vec<RecordRef> = records.by_ref().take(BUILD_CHUNK * BUILD_WAVE).collect();
            let last = wave.is_empty();
            let (parts, ()) = rayon::join(
                || tokenize(ds, &wave, needs),
                || merge.append(&mut ix, std::mem::take(&mut pending)),
            );
            if last {
                break;
            }
            pending = parts;
        }
        crate::heap::trim();
        ix.relation_fields = relation_fields;
        ix.vocab = Vocab::new(merge.words);
        ix.postings = merge
            .postings
            .into_iter()
            .map(Vec::into_boxed_slice)
            .collect();
        ix.forward.shrink_to_fit();
        ix.heads.shrink_to_fit();
        ix.groups.shrink_to_fit();
        ix
    }

    /// Appends the parts' records (part `i`'s numbered from `bases[i]`,
    /// its words numbered in the vocabulary by `globals[i]`): where each
    /// lives, its encoded words, and its headline's length.
    fn append_records(&mut self, parts: Vec<Part>, globals: Vec<Vec<u32>>, bases: &[u32]) {
        for ((part, words), &first) in parts.into_iter().zip(globals).zip(bases) {
            if part.ends.is_empty() {
                continue;
            }
            extend_groups(&mut self.groups, first, &part.refs);
            self.heads.extend_from_slice(&part.heads);
            self.forward.push(Chunk {
                first,
                bytes: part.forward.into_boxed_slice(),
                ends: part.ends.into_boxed_slice(),
                words: words.into_boxed_slice(),
            });
        }
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// How many distinct words (as written) the index holds.
    pub fn words(&self) -> usize {
        self.vocab.len()
    }

    /// Bytes of heap the index holds.
    pub fn memory_bytes(&self) -> usize {
        self.vocab.memory_bytes()
            + self.postings.iter().map(|p| p.len() * 4).sum::<usize>()
            + self.postings.capacity() * std::mem::size_of::<Box<[u32]>>()
            + self
                .forward
                .iter()
                .map(|c| c.bytes.len() + (c.ends.len() + c.words.len()) * 4)
                .sum::<usize>()
            + self.forward.capacity() * std::mem::size_of::<Chunk>()
            + self.heads.capacity() * 4
            + self.groups.capacity() * std::mem::size_of::<Group>()
            + self.relation_fields.memory_bytes()
    }

    /// Where record `ordinal` lives in the dataset.
    pub fn record(&self, ordinal: u32) -> Option<RecordRef> {
        let g = self.group(ordinal)?;
        Some(RecordRef {
            relation: g.relation as usize,
            kind: g.kind,
            index: (g.index + ordinal - g.first) as usize,
        })
    }

    /// The run record `ordinal` is in.
    fn group(&self, ordinal: u32) -> Option<&Group> {
        if ordinal as usize >= self.len() {
            return None;
        }
        let g = self.groups.partition_point(|g| g.first <= ordinal);
        self.groups.get(g.checked_sub(1)?)
    }

    /// How many relations the indexed dataset has.
    pub fn relation_count(&self) -> usize {
        self.relations
    }

    pub(crate) fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The postings of word `w`: `ordinal << 2 | weight`, ascending, for
    /// the records holding it in their own fields; those holding it in
    /// their relation's id or names are [`Index::named`].
    pub(crate) fn postings(&self, w: u32) -> &[u32] {
        self.postings.get(w as usize).map_or(&[], |p| p)
    }

    /// The ordinals of the records whose relation's id or names hold word
    /// `w`, as ascending ranges, each with the weight of the field holding it.
    pub(crate) fn named(&self, w: u32) -> impl Iterator<Item = (Range<u32>, Weight)> + '_ {
        self.relation_fields
            .ranges(w, &self.groups, self.heads.len() as u32)
    }

    /// How many records hold word `w`, in their own fields or their
    /// relation's (a record with both counts twice): the cost of reading them.
    pub(crate) fn holders(&self, w: u32) -> usize {
        let named: u32 = self.named(w).map(|(r, _)| r.end - r.start).sum();
        self.postings(w).len() + named as usize
    }

    /// Length in characters of record `ordinal`'s headline (its first field).
    pub(crate) fn headline_len(&self, ordinal: u32) -> usize {
        self.heads.get(ordinal as usize).map_or(0, |&h| h as usize)
    }

    /// Record `ordinal`'s words in order.
    pub(crate) fn tokens(&self, ordinal: u32) -> Tokens<'_> {
        let chunk = self
            .forward
            .partition_point(|c| c.first <= ordinal)
            .checked_sub(1)
            .and_then(|c| self.forward.get(c));
        let (bytes, words) = chunk
            .and_then(|c| {
                let i = (ordinal - c.first) as usize;
                let from = i
                    .checked_sub(1)
                    .map_or(Some(0), |p| c.ends.get(p).copied())?;
                let to = *c.ends.get(i)?;
                Some((c.bytes.get(from as usize..to as usize)?, &c.words[..]))
            })
            .unwrap_or((&[], &[]));
        let relation = self.group(ordinal);
        Tokens {
            bytes,
            words,
            start: 0,
            field: None,
            weight: Weight::Headline,
            relation_words: relation.map_or(&[], |g| self.relation_fields.of(g.relation)),
            relation_at: None,
        }
    }

    /// The ordinals a scope covers, as ascending ranges.
    pub fn ranges(&self, scope: &Scope) -> Vec<Range<u32>> {
        let mut out: Vec<Range<u32>> = Vec::new();
        for (i, g) in self.groups.iter().enumerate() {
            if !scope.admits_kind(g.kind) || !scope.admits_relation(g.relation as usize) {
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

/// Decodes one record of the forward index.
pub(crate) struct Tokens<'a> {
    bytes: &'a [u8],
    /// The vocabulary's number of each of the chunk's words.
    words: &'a [u32],
    start: u32,
    field: Option<u16>,
    weight: Weight,
    /// The words of the record's relation's fields, given after its own…
    relation_words: &'a [Token],
    /// … from this start and field on, once the mark is read.
    relation_at: Option<(u32, u16)>,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        if let Some((at, field)) = self.relation_at {
            let (t, rest) = self.relation_words.split_first()?;
            self.relation_words = rest;
            return Some(Token {
                start: at.saturating_add(t.start),
                field: field.saturating_add(t.field),
                ..*t
            });
        }
        loop {
            let v = get_varint(&mut self.bytes)?;
            if v == 0 {
                let (&w, rest) = self.bytes.split_first()?;
                self.bytes = rest;
                let field = self.field.map_or(0, |f| f.saturating_add(1));
                if w == RELATION {
                    let at = self.start.saturating_add(get_varint(&mut self.bytes)?);
                    self.relation_at = Some((at, field));
                    return self.next();
                }
                self.weight = Weight::from_bits(u32::from(w));
                self.field = Some(field);
                continue;
            }
            // Saturating: a forward index read from a file may hold anything.
            self.start = self.start.saturating_add(get_varint(&mut self.bytes)?);
            return Some(Token {
                word: *self.words.get(v as usize - 1)?,
                start: self.start,
                field: self.field.unwrap_or(0),
                weight: self.weight,
            });
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline]
fn get_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
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
    use crate::search::words::words;

    #[test]
    fn lacking_letters_are_counted_up_to_the_budget() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..10_000 {
            // A spread of values with few and many bits set.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for v in [x, x & x >> 3 & x >> 5, x & x >> 11 & x >> 23 & x >> 37] {
                for budget in 0..4 {
                    assert_eq!(lacks_at_most(v, budget), v.count_ones() <= budget, "{v:#x}");
                }
            }
        }
        assert!(lacks_at_most(0, 0));
        assert!(!lacks_at_most(1, 0));
        assert!(lacks_at_most(0b101, 2));
        assert!(!lacks_at_most(0b111, 2));
    }

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
            // The forward index gives back every word of the haystack, in
            // order, at its position.
            let chars: Vec<char> = hay.chars().collect();
            let got: Vec<String> = ix
                .tokens(o)
                .map(|t| {
                    let w = ix.vocab.word(t.word);
                    let n = w.chars().count();
                    let at: String = chars[t.start as usize..t.start as usize + n]
                        .iter()
                        .collect();
                    assert_eq!(words(&at), [w.to_string()], "{hay}");
                    w.to_string()
                })
                .collect();
            assert_eq!(got, words(&hay));
            let (_, rec) = r.resolve(&ds).unwrap();
            let headline = rec.headline(&ds, &ds.relations[r.relation]);
            assert_eq!(ix.headline_len(o), headline.chars().count());
        }
        assert!(ix.record(all.len() as u32).is_none());
        assert!(ix.memory_bytes() > 0);
    }

    /// Record `o`'s words: its own, and its relation's fields' (the last).
    fn own_and_shared(ix: &Index, o: u32) -> (Vec<Token>, Vec<Token>) {
        let mut own: Vec<Token> = ix.tokens(o).collect();
        let relation = ix.record(o).unwrap().relation as u32;
        let shared = own.split_off(own.len() - ix.relation_fields.of(relation).len());
        (own, shared)
    }

    #[test]
    fn postings_list_each_record_once_with_its_best_field() {
        let ds = load_embedded().unwrap();
        let ix = Index::build(&ds);
        let split: Vec<_> = (0..ix.len() as u32)
            .map(|o| own_and_shared(&ix, o))
            .collect();
        let best = |tokens: &[Token], w: u32| {
            tokens
                .iter()
                .filter(|t| t.word == w)
                .map(|t| t.weight)
                .min()
        };
        for w in 0..ix.words() as u32 {
            let p = ix.postings(w);
            assert!(p.windows(2).all(|x| x[0] >> 2 < x[1] >> 2));
            // Every record holding the word in its own fields, once, with
            // the best of them; the relation's fields are held apart.
            let listed: Vec<(u32, Weight)> = p
                .iter()
                .map(|e| (e >> 2, Weight::from_bits(e & 3)))
                .collect();
            let own: Vec<(u32, Weight)> = (0..ix.len() as u32)
                .filter_map(|o| Some((o, best(&split[o as usize].0, w)?)))
                .collect();
            assert_eq!(listed, own);
            let named: Vec<(u32, Weight)> = ix
                .named(w)
                .flat_map(|(r, weight)| r.map(move |o| (o, weight)))
                .collect();
            let shared: Vec<(u32, Weight)> = (0..ix.len() as u32)
                .filter_map(|o| Some((o, best(&split[o as usize].1, w)?)))
                .collect();
            assert_eq!(named, shared);
            assert_eq!(ix.holders(w), own.len() + shared.len());
            assert!(ix.holders(w) > 0);
        }
    }

    #[test]
    fn a_relations_fields_are_held_once_and_given_with_each_record() {
        let ds = load_embedded().unwrap();
        let ix = Index::build(&ds);
        let country = |code: &str| ds.country_name(code).to_string();
        for o in 0..ix.len() as u32 {
            let rel = &ds.relations[ix.record(o).unwrap().relation];
            let (_, shared) = own_and_shared(&ix, o);
            let words: Vec<(&str, Weight)> = shared
                .iter()
                .map(|t| (ix.vocab.word(t.word), t.weight))
                .collect();
            let [a, b] = &rel.countries;
            let (a, b) = (country(a), country(b));
            let (x, y) = rel.id.split_once('-').unwrap();
            let r = Weight::Relation;
            let want = [(x, Weight::Name), (y, Weight::Name)];
            let names = [(&a[..], r), (&b[..], r), (&b[..], r), (&a[..], r)];
            assert_eq!(words, [&want[..], &names[..]].concat());
        }
        // Every record of Mexico–Vietnam, and none of Mexico–Pakistan.
        let vietnam = (0..ix.words() as u32)
            .find(|&w| ix.vocab.word(w) == "Vietnam")
            .unwrap();
        let n: u32 = ix.named(vietnam).map(|(r, _)| r.end - r.start).sum();
        assert_eq!(n as usize, records_of(&ds.relations[0], 0).count());
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
    }

    #[test]
    fn a_packed_word_is_its_bytes_zero_padded() {
        let text = "abcdefghijklmnopq";
        for n in 0..=16 {
            let word = &text[..n];
            let mut padded = [0u8; 16];
            padded[..n].copy_from_slice(word.as_bytes());
            assert_eq!(pack(word), Some(u128::from_le_bytes(padded)), "{word:?}");
        }
        assert_eq!(pack(text), None);
        assert_ne!(pack("ab"), pack("ba"));
        assert_ne!(pack("abcde"), pack("abcdf"));
    }

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX >> 4] {
            put_varint(&mut out, v);
        }
        let mut bytes = &out[..];
        for v in [0, 1, 127, 128, 300, u32::MAX >> 4] {
            assert_eq!(get_varint(&mut bytes), Some(v));
        }
        assert_eq!(get_varint(&mut bytes), None);
    }
}
