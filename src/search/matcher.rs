//! A query compiled for matching many records: what to test, what to
//! grade, and what can be skipped.
//!
//! A record's sketch (see `index.rs`) bounds how well it can match without
//! reading its text ([`Compiled::first_look`]). A record whose bound cannot
//! beat the best hits already found is set aside and only tested later, for
//! the count ([`Compiled::test`]); the others are graded
//! ([`Compiled::grade`]). Scattered letters, the dearest to grade, are only
//! bounded there, and scored by [`Compiled::exact`] only if the bound can
//! still beat the best hits (see `engine.rs`).
//!
//! When the candidates are the hits of an earlier query this one narrows,
//! terms the earlier query had are known to match and are not tested again,
//! and the term being typed resumes where its shorter self matched: typing
//! "cotto" → "cotton" looks for one "n" after the match of "cotto".

use memchr::memmem::Finder;

use super::fold::is_word;
use super::index::{Index, Sketch, head_bits, pair_bit};
use super::pattern::{Atom, AtomKind, Pattern, char_bit};
use super::score::{
    Grade, IN_WORD, SCATTERED, Total, WHOLE_WORD, WORD_START, anchored, case_fits, grade_run,
    grade_top, nucleo, other_grade, raw_max, scattered_max, subsequence_end,
};

/// A match end not known: look from the start of the text.
pub(crate) const UNKNOWN_END: u32 = u32::MAX;

/// Per-thread scratch space.
#[derive(Default)]
pub(crate) struct Scratch {
    cased: Vec<u8>,
}

/// The range a matching record's score lies in: exact when `lo == hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub lo: u32,
    pub hi: u32,
}

/// A record after [`Compiled::first_look`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Look {
    /// The grade of the terms read directly.
    lo: Total,
    /// The best score the record can have.
    pub hi: u32,
}

/// A term ready to be matched.
struct Term<'p> {
    atom: &'p Atom,
    finder: Finder<'p>,
    /// Read directly and exactly (anchored, excluded, other scripts):
    /// cheap, so never bounded.
    direct: bool,
    /// [`char_bit`] of the first byte: a run starting a word needs it among
    /// the record's word starts.
    start_bit: u64,
    /// [`pair_bit`] of the first two bytes: a run of two or more bytes
    /// starting a word needs it among the record's word pairs.
    pair_bit: u64,
    /// [`head_bits`] of the needle taken as a word, when it is only letters
    /// and digits: a whole-word run needs it among the record's word heads.
    /// `None` when the needle holds other bytes (a whole-word run is then not
    /// bounded: "new york" spans two words).
    head_bit: Option<[(usize, u64); 2]>,
    /// A single letter or digit, case-insensitive: the record's character
    /// bits say exactly whether it occurs.
    one_char: bool,
    /// The candidates are known to match this term (an earlier query had it).
    known: bool,
    /// The candidates match this term's first `n` bytes, ending where the
    /// earlier query's match ended: look for the rest from there.
    resume: Option<usize>,
}

/// A pattern prepared for matching many records.
pub(crate) struct Compiled<'p> {
    terms: Vec<Term<'p>>,
    /// Character bits every matching record has.
    mask: u64,
    /// Some positive term holds characters with no ASCII likeness: only
    /// records holding such characters can match.
    pub(crate) needs_other: bool,
    /// The term (index in `terms`) whose match end is recorded for the next
    /// query to resume from: the last typed, when it is a plain fuzzy term.
    tracked: Option<usize>,
    /// `terms[..split]` are read directly; `terms[split..]` are runs.
    split: usize,
}

/// Whether an atom's match end can be recorded and resumed from.
fn trackable(a: &Atom) -> bool {
    a.kind == AtomKind::Fuzzy && !a.negated && !a.case_sensitive && !a.other
}

impl<'p> Compiled<'p> {
    pub(crate) fn new(pattern: &'p Pattern) -> Compiled<'p> {
        Compiled::narrowing(pattern, None)
    }

    /// Compiles `pattern` to run over the hits of `base`, which it narrows.
    pub(crate) fn narrowing(pattern: &'p Pattern, base: Option<&Pattern>) -> Compiled<'p> {
        let base_atoms = base.map_or(&[][..], |b| b.atoms());
        // The end recorded with the base's hits is that of its last atom.
        let base_tracked = base_atoms.last().filter(|a| trackable(a));
        let last = pattern.atoms().len().checked_sub(1);
        let mut terms: Vec<(bool, Term<'p>)> = pattern
            .atoms()
            .iter()
            .enumerate()
            .map(|(i, atom)| {
                let n = &atom.needle;
                let first = n.first().copied().unwrap_or(0);
                let is_last = Some(i) == last;
                let resume = base_tracked
                    .filter(|b| is_last && trackable(atom) && n.starts_with(&b.needle))
                    .map(|b| b.needle.len());
                let term = Term {
                    atom,
                    finder: Finder::new(n),
                    direct: atom.negated
                        || atom.other
                        || !matches!(atom.kind, AtomKind::Fuzzy | AtomKind::Substring),
                    start_bit: char_bit(first),
                    pair_bit: pair_bit(first, n.get(1).copied()),
                    head_bit: n
                        .iter()
                        .all(|&b| is_word(b))
                        .then(|| head_bits(first, n.get(1).copied(), n.len())),
                    one_char: n.len() == 1 && is_word(first) && !atom.case_sensitive,
                    known: base_atoms.contains(atom),
                    resume,
                };
                (is_last && trackable(atom), term)
            })
            .collect();
        // Cheapest and most selective first: anchored terms and exclusions
        // read a few bytes; then longer needles, which match fewer records.
        terms.sort_by_key(|(_, t)| (!t.direct, std::cmp::Reverse(t.atom.needle.len())));
        let tracked = terms.iter().position(|(tracked, _)| *tracked);
        let split = terms.partition_point(|(_, t)| t.direct);
        Compiled {
            split,
            mask: pattern.required_chars(),
            needs_other: pattern.atoms().iter().any(|a| !a.negated && a.other),
            terms: terms.into_iter().map(|(_, t)| t).collect(),
            tracked,
        }
    }

    /// Whether [`Compiled::eval`] reports match ends worth keeping.
    pub(crate) fn tracks_ends(&self) -> bool {
        self.tracked.is_some()
    }

    /// The best tier a run of the term can have in a record, from its sketch.
    fn tier_bound(t: &Term, sk: &Sketch) -> u32 {
        let single = t.atom.needle.len() == 1;
        let starts =
            sk.word_starts & t.start_bit != 0 && (single || sk.word_pairs & t.pair_bit != 0);
        match t.head_bit {
            _ if !starts => IN_WORD,
            // A letter or digit alone: the sketch knows exactly.
            Some(_) if single => {
                if sk.singles & t.start_bit != 0 {
                    WHOLE_WORD
                } else {
                    WORD_START
                }
            }
            Some(bits) if bits.iter().any(|&(w, bit)| sk.word_heads[w] & bit == 0) => WORD_START,
            _ => WHOLE_WORD,
        }
    }

    /// The best score the term's letters can get scattered in a record.
    fn scattered_bound(t: &Term, sk: &Sketch) -> u32 {
        let n = &t.atom.needle;
        let mid_word = |i: usize| {
            n.get(i)
                .is_some_and(|&b| is_word(b) && sk.word_starts & char_bit(b) == 0)
        };
        scattered_max(n.len(), [mid_word(0), mid_word(1)])
    }

    /// Whether [`Compiled::test`] has nothing to read: every remaining term
    /// is known to match or is a lone letter the character bits vouch for.
    pub(crate) fn test_is_free(&self) -> bool {
        self.terms[self.split..]
            .iter()
            .all(|t| t.known || t.one_char)
    }

    /// Whether the term's letters occur in order, and where they end. A
    /// resumable term looks for its new letters after `prev_end`.
    fn subsequence(
        t: &Term,
        ix: &Index,
        ordinal: u32,
        text: &[u8],
        prev_end: u32,
        s: &mut Scratch,
    ) -> Option<u32> {
        let a = t.atom;
        if a.case_sensitive {
            ix.cased_text(ordinal, &mut s.cased);
            return subsequence_end(&a.cased, &s.cased, 0).map(|e| e as u32);
        }
        let end = match t.resume {
            Some(from) if prev_end != UNKNOWN_END => {
                subsequence_end(&a.needle[from..], text, prev_end as usize)
            }
            _ => subsequence_end(&a.needle, text, 0),
        };
        end.map(|e| e as u32)
    }

    /// The first look at record `ordinal`: its character bits, then the
    /// terms read directly (anchored, excluded, other scripts), graded
    /// exactly. `None` if that already rules it out; else the grade so far
    /// and the best score its sketch allows.
    pub(crate) fn first_look(&self, ix: &Index, ordinal: u32) -> Option<Look> {
        let sk = ix.sketch(ordinal);
        if sk.chars & self.mask != self.mask {
            return None;
        }
        let mut lo = Total::default();
        let (direct, runs) = self.terms.split_at(self.split);
        if !direct.is_empty() {
            let text = ix.text(ordinal);
            let base = ix.offset(ordinal);
            let h = ix.headline_len(ordinal);
            for t in direct {
                let a = t.atom;
                if t.known && a.negated {
                    continue;
                }
                let found = if a.other {
                    // Only a record holding such characters can hold the term.
                    other(ix, a, ordinal).map(|(g, _)| g)
                } else if matches!(a.kind, AtomKind::Fuzzy | AtomKind::Substring) {
                    self.first_run(t, ix, text, base)
                        .map(|_| Grade { tier: 0, raw: 0 })
                } else {
                    anchored(a, ix, text, base, h)
                };
                match (found, a.negated) {
                    (Some(g), false) => lo.add(g),
                    (None, true) => {}
                    _ => return None,
                }
            }
        }
        let mut bound = lo;
        for t in runs {
            bound.add(Grade {
                tier: Self::tier_bound(t, sk),
                raw: raw_max(t.atom.needle.len()),
            });
        }
        Some(Look {
            lo,
            hi: bound.score(),
        })
    }

    /// Tests the remaining terms of a record [`Compiled::first_look`]
    /// passed, without grading them: `None` if one does not match, else the
    /// end of the tracked term's match (or [`UNKNOWN_END`]).
    pub(crate) fn test(
        &self,
        ix: &Index,
        ordinal: u32,
        prev_end: u32,
        s: &mut Scratch,
    ) -> Option<u32> {
        let mut end = UNKNOWN_END;
        for (i, t) in self.terms[self.split..].iter().enumerate() {
            let is_tracked = Some(self.split + i) == self.tracked;
            if t.known {
                if is_tracked {
                    end = prev_end;
                }
                continue;
            }
            if t.one_char {
                continue;
            }
            let text = ix.text(ordinal);
            if t.atom.kind == AtomKind::Fuzzy {
                let e = Self::subsequence(t, ix, ordinal, text, prev_end, s)?;
                if is_tracked {
                    end = e;
                }
            } else {
                self.first_run(t, ix, text, ix.offset(ordinal))?;
            }
        }
        Some(end)
    }

    /// Grades the remaining terms of a record [`Compiled::first_look`]
    /// passed: `None` if one does not match, else the range its score lies
    /// in (scattered letters are only bounded) and the end of the tracked
    /// term's match (or [`UNKNOWN_END`]).
    pub(crate) fn grade(
        &self,
        ix: &Index,
        ordinal: u32,
        look: Look,
        prev_end: u32,
        s: &mut Scratch,
    ) -> Option<(Bounds, u32)> {
        let sk = ix.sketch(ordinal);
        let text = ix.text(ordinal);
        let base = ix.offset(ordinal);
        let h = ix.headline_len(ordinal);
        let mut lo = look.lo;
        let mut end = UNKNOWN_END;
        let mut pending = 0u32;
        for (i, t) in self.terms[self.split..].iter().enumerate() {
            let a = t.atom;
            let is_tracked = Some(self.split + i) == self.tracked;
            if is_tracked && t.known {
                end = prev_end;
            }
            match self.best_run(t, ix, text, base, h, Self::tier_bound(t, sk)) {
                Some((g, _)) => lo.add(g),
                None if a.kind == AtomKind::Fuzzy => {
                    if !t.known {
                        let e = Self::subsequence(t, ix, ordinal, text, prev_end, s)?;
                        if is_tracked {
                            end = e;
                        }
                    }
                    pending = pending.saturating_add(Self::scattered_bound(t, sk));
                }
                None => return None,
            }
        }
        let mut hi = lo;
        hi.raw = hi.raw.saturating_add(pending);
        let bounds = Bounds {
            lo: lo.score(),
            hi: hi.score(),
        };
        Some((bounds, end))
    }

    /// The exact score of a record known to match: [`Compiled::grade`] plus
    /// nucleo's score for terms found only as scattered letters.
    pub(crate) fn exact(&self, ix: &Index, ordinal: u32, s: &mut Scratch) -> u32 {
        let text = ix.text(ordinal);
        let base = ix.offset(ordinal);
        let h = ix.headline_len(ordinal);
        let mut total = Total::default();
        for t in self.terms.iter().filter(|t| !t.atom.negated) {
            let a = t.atom;
            let grade = if a.other {
                other(ix, a, ordinal).map(|(g, _)| g)
            } else {
                match a.kind {
                    AtomKind::Fuzzy | AtomKind::Substring => self
                        .best_run(t, ix, text, base, h, WHOLE_WORD)
                        .map(|(g, _)| g)
                        .or_else(|| {
                            let raw = if a.case_sensitive {
                                ix.cased_text(ordinal, &mut s.cased);
                                nucleo(&s.cased, &a.cased, false, None)
                            } else {
                                nucleo(text, &a.needle, true, None)
                            };
                            Some(Grade {
                                tier: SCATTERED,
                                raw: raw.min(Self::scattered_bound(t, ix.sketch(ordinal))),
                            })
                        }),
                    _ => anchored(a, ix, text, base, h),
                }
            };
            if let Some(g) = grade {
                total.add(g);
            }
        }
        total.score()
    }

    fn first_run(&self, t: &Term, ix: &Index, text: &[u8], base: usize) -> Option<usize> {
        if !t.atom.case_sensitive {
            return t.finder.find(text);
        }
        t.finder
            .find_iter(text)
            .find(|&p| case_fits(t.atom, ix, base, p))
    }

    /// The best-graded run of the term in the text, and where it starts.
    /// Stops early at a run no other can beat: the best tier the record's
    /// sketch allows (`max_tier`), after white space, in the headline.
    fn best_run(
        &self,
        t: &Term,
        ix: &Index,
        text: &[u8],
        base: usize,
        headline: usize,
        max_tier: u32,
    ) -> Option<(Grade, usize)> {
        let n = t.atom.needle.len();
        let top = grade_top(n);
        let mut best: Option<(Grade, usize)> = None;
        let mut consider = |p: usize| {
            if t.atom.case_sensitive && !case_fits(t.atom, ix, base, p) {
                return false;
            }
            let g = grade_run(text, p, n, headline);
            if best.is_none_or(|(b, _)| g.key() > b.key()) {
                best = Some((g, p));
            }
            g.tier >= max_tier && g.raw >= top
        };
        // A lone byte is found faster without the substring searcher.
        if let [b] = t.atom.needle[..] {
            for p in memchr::memchr_iter(b, text) {
                if consider(p) {
                    break;
                }
            }
        } else {
            for p in t.finder.find_iter(text) {
                if consider(p) {
                    break;
                }
            }
        }
        best
    }

    /// Character positions (in the record's haystack) of every positive term's match.
    pub(crate) fn positions(&self, ix: &Index, ordinal: u32, s: &mut Scratch) -> Vec<u32> {
        let text = ix.text(ordinal);
        let base = ix.offset(ordinal);
        let h = ix.headline_len(ordinal);
        let mut out: Vec<u32> = Vec::new();
        for t in self.terms.iter().filter(|t| !t.atom.negated) {
            let a = t.atom;
            let n = a.needle.len();
            if a.other {
                if let Some((_, pos)) = other(ix, a, ordinal) {
                    out.extend(pos);
                }
                continue;
            }
            let run = match a.kind {
                AtomKind::Fuzzy | AtomKind::Substring => self
                    .best_run(t, ix, text, base, h, WHOLE_WORD)
                    .map(|(_, p)| p),
                AtomKind::Prefix | AtomKind::Exact => Some(0),
                AtomKind::Suffix => Some(h.saturating_sub(n)),
            };
            match run {
                Some(p) => out.extend((p..p + n).map(|i| i as u32)),
                None if a.kind == AtomKind::Fuzzy => {
                    let mut idx = Vec::new();
                    if a.case_sensitive {
                        ix.cased_text(ordinal, &mut s.cased);
                        nucleo(&s.cased, &a.cased, false, Some(&mut idx));
                    } else {
                        nucleo(text, &a.needle, true, Some(&mut idx));
                    }
                    out.extend(idx);
                }
                None => {}
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// [`other_grade`] on record `ordinal`, when it holds characters with no
/// ASCII likeness (only such a record can hold such a term). Its headline
/// length comes from the index, which counts one folded byte a character.
fn other(ix: &Index, a: &Atom, ordinal: u32) -> Option<(Grade, Vec<u32>)> {
    other_grade(a, ix.other_text(ordinal)?, ix.headline_len(ordinal))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The sketch never promises less than a run delivers: a record
        /// set aside for its sketch could not have scored better.
        #[test]
        fn the_sketch_bounds_every_run(
            text in "[ab1 ,.\u{1f}-]{0,40}",
            needle in "[ab,.-][ab1,.-]{0,3}",
            case in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let pattern = Pattern::parse(&needle);
            let compiled = Compiled::new(&pattern);
            let term = &compiled.terms[0];
            let text = text.into_bytes();
            let sk = Sketch::of(&text);
            prop_assert_eq!(sk.chars, text.iter().fold(0, |m, &b| m | char_bit(b)));
            let bound = Compiled::tier_bound(term, &sk);
            let n = term.atom.needle.len();
            for p in (0..text.len()).filter(|&p| text[p..].starts_with(&term.atom.needle)) {
                let g = grade_run(&text, p, n, text.len());
                prop_assert!(g.tier <= bound, "{:?} in {:?}: tier {} > bound {bound}",
                    needle, String::from_utf8_lossy(&text), g.tier);
                prop_assert!(g.raw <= raw_max(n));
            }
            // Scattered letters never score above their bound either.
            if memchr::memmem::find(&text, &term.atom.needle).is_none()
                && subsequence_end(&term.atom.needle, &text, 0).is_some()
            {
                // In mixed case too, where nucleo gives camel-case bonuses.
                let mixed: Vec<u8> = text
                    .iter()
                    .zip(&case)
                    .map(|(&b, &up)| if up { b.to_ascii_uppercase() } else { b })
                    .collect();
                for hay in [&text, &mixed] {
                    let score = nucleo(hay, &term.atom.needle, true, None);
                    prop_assert!(score <= Compiled::scattered_bound(term, &sk),
                        "{:?} scattered in {:?}: {score}", needle, String::from_utf8_lossy(hay));
                }
            }
        }
    }
}
