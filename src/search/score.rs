//! Matching one record against a query, and how well it matched.
//!
//! Ranking, for each term of the query, best first:
//! 1. the term is a whole word of the record ("cotton" in "cotton, salt");
//! 2. it starts a word ("cot" in "cotton");
//! 3. it is inside a word ("otto" in "cotton");
//! 4. its letters are scattered ("ctn" in "cotton"), scored by nucleo's fzf
//!    scoring (consecutive letters and word starts score more, gaps less).
//!
//! A record's score is the sum of its terms' tiers (3, 2, 1, 0) times
//! [`TIER`], plus the sum of their finer scores: so a whole-word hit always
//! outranks scattered letters. Finer scores favour matches in the headline
//! (the line a list shows), after white space, and longer runs.
//!
//! This module grades; `matcher.rs` decides what to grade.

use std::cell::RefCell;

use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::fold::{OTHER, SEPARATOR, fold_char, is_word};
use super::index::Index;
use super::pattern::{Atom, AtomKind};

/// The weight of one tier: a term's finer score never reaches it.
pub const TIER: u32 = 10_000;
pub(crate) const WHOLE_WORD: u32 = 3;
pub(crate) const WORD_START: u32 = 2;
pub(crate) const IN_WORD: u32 = 1;
pub(crate) const SCATTERED: u32 = 0;

const SCORE_MATCH: u32 = 16;
const BONUS_WHITE: u32 = 10;
const BONUS_DELIMITER: u32 = 9;
const BONUS_NON_WORD: u32 = 8;
const BONUS_CONSECUTIVE: u32 = 4;
const BONUS_HEADLINE: u32 = 20;

/// The best finer score a term of `n` characters can get.
pub(crate) fn raw_max(n: usize) -> u32 {
    grade_top(n)
}

/// The best nucleo score `n` letters can get scattered (not all side by
/// side): 16 a letter, plus a bonus of at most 10 a letter (doubled for the
/// first), less at least one gap's penalty of 3. A letter or digit that
/// starts no word in the record gets at most nucleo's camel-case or digit
/// bonus, 5, unless it continues a run of matched letters; the first letter
/// never does, nor the second of two scattered ones. Bounding this tightly
/// lets a search skip scoring most scattered matches once better ones are
/// found. `mid_word[i]`: letter `i` is a letter or digit that starts no word.
pub(crate) fn scattered_max(n: usize, mid_word: [bool; 2]) -> u32 {
    let first = if mid_word[0] { 2 * 5 } else { 2 * BONUS_WHITE };
    let second = match n {
        0 | 1 => 0,
        2 if mid_word[1] => 5,
        _ => (n as u32 - 1) * BONUS_WHITE,
    };
    (SCORE_MATCH * n as u32 + first + second).saturating_sub(3)
}

/// How a record matched one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grade {
    pub tier: u32,
    pub raw: u32,
}

impl Grade {
    pub(crate) fn key(self) -> (u32, u32) {
        (self.tier, self.raw)
    }
}

/// Adds up the grades of a record's terms into its score.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Total {
    pub tiers: u32,
    pub raw: u32,
}

impl Total {
    pub(crate) fn add(&mut self, g: Grade) {
        self.tiers = self.tiers.saturating_add(g.tier);
        self.raw = self.raw.saturating_add(g.raw);
    }

    pub(crate) fn score(self) -> u32 {
        self.tiers
            .saturating_mul(TIER)
            .saturating_add(self.raw.min(TIER - 1))
    }
}

/// The bonus for a match starting after `prev` (None: at the start of the text).
fn start_bonus(prev: Option<u8>) -> u32 {
    match prev {
        None | Some(b' ' | SEPARATOR) => BONUS_WHITE,
        Some(b'/' | b',' | b':' | b';' | b'|') => BONUS_DELIMITER,
        Some(b) if !is_word(b) => BONUS_NON_WORD,
        Some(_) => 0,
    }
}

/// The finer score of a run of `n` bytes after white space in the headline:
/// no run of that length scores more.
pub(crate) fn grade_top(n: usize) -> u32 {
    let n = n as u32;
    SCORE_MATCH * n + 2 * BONUS_WHITE + n.saturating_sub(1) * BONUS_WHITE + BONUS_HEADLINE
}

/// The grade of the run `text[p..p + n]`.
pub(crate) fn grade_run(text: &[u8], p: usize, n: usize, headline: usize) -> Grade {
    let b = start_bonus(p.checked_sub(1).map(|i| text[i]));
    let ends_word = text.get(p + n).is_none_or(|&c| !is_word(c));
    let tier = match (b > 0, ends_word) {
        (true, true) => WHOLE_WORD,
        (true, false) => WORD_START,
        _ => IN_WORD,
    };
    let n32 = n as u32;
    let mut raw = SCORE_MATCH * n32 + 2 * b + n32.saturating_sub(1) * b.max(BONUS_CONSECUTIVE);
    if p + n <= headline {
        raw += BONUS_HEADLINE;
    }
    Grade { tier, raw }
}

thread_local! {
    /// nucleo matchers hold a scratch matrix: one pair per thread, reused.
    static MATCHERS: RefCell<(Matcher, Matcher)> = RefCell::new((matcher(true), matcher(false)));
}

fn matcher(ignore_case: bool) -> Matcher {
    let mut config = Config::DEFAULT;
    config.ignore_case = ignore_case;
    // The text is folded already.
    config.normalize = false;
    Matcher::new(config)
}

/// nucleo's fuzzy score (and positions when asked) of `needle` in `text`,
/// with its linear-time greedy matcher: it finds the leftmost match, then
/// tightens it from the end, so initials ("pvd" in "Pham Van Dong") and
/// close letters still win. Its optimal matcher is 2 to 9 times slower on
/// this text, and only scattered letters (the lowest tier) are scored here.
pub(crate) fn nucleo(
    text: &[u8],
    needle: &[u8],
    ignore_case: bool,
    indices: Option<&mut Vec<u32>>,
) -> u32 {
    MATCHERS.with(|m| {
        let mut m = m.borrow_mut();
        let m = if ignore_case { &mut m.0 } else { &mut m.1 };
        let (hay, needle) = (Utf32Str::Ascii(text), Utf32Str::Ascii(needle));
        let score = match indices {
            Some(out) => m.fuzzy_indices_greedy(hay, needle, out),
            None => m.fuzzy_match_greedy(hay, needle),
        };
        u32::from(score.unwrap_or(0))
    })
}

/// Where the leftmost occurrence of `needle`'s bytes in order, looked for
/// from `from` on, ends (one past its last byte); `None` if there is none.
/// The leftmost end is the earliest possible, so a longer needle that
/// starts with this one needs only to be looked for from there.
pub(crate) fn subsequence_end(needle: &[u8], text: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    for &b in needle {
        at += memchr::memchr(b, text.get(at..)?)? + 1;
    }
    Some(at)
}

#[cfg(test)]
fn is_subsequence(needle: &[u8], text: &[u8]) -> bool {
    subsequence_end(needle, text, 0).is_some()
}

/// Whether the run at `p` (of a record whose text starts at `base`) has
/// the term's case; asked only of case-sensitive terms.
pub(crate) fn case_fits(a: &Atom, ix: &Index, base: usize, p: usize) -> bool {
    a.cased.iter().enumerate().all(|(k, c)| {
        !c.is_ascii_alphabetic() || ix.is_upper(base + p + k) == c.is_ascii_uppercase()
    })
}

/// Grades an anchored term (prefix, suffix, whole headline) positively.
pub(crate) fn anchored(a: &Atom, ix: &Index, text: &[u8], base: usize, h: usize) -> Option<Grade> {
    let n = a.needle.len();
    let head = &text[..h];
    let p = match a.kind {
        AtomKind::Prefix => head.starts_with(&a.needle).then_some(0)?,
        AtomKind::Suffix => head.ends_with(&a.needle).then(|| h - n)?,
        AtomKind::Exact => (head == a.needle.as_slice()).then_some(0)?,
        AtomKind::Fuzzy | AtomKind::Substring => return None,
    };
    if a.case_sensitive && !case_fits(a, ix, base, p) {
        return None;
    }
    Some(grade_run(text, p, n, h))
}

/// A character as compared for a term in other scripts: folded when it has
/// an ASCII likeness, and lower-cased unless the term is case-sensitive.
fn key(c: char, case_sensitive: bool) -> u32 {
    let b = fold_char(c);
    match (b != OTHER, case_sensitive) {
        (true, true) => u32::from(b),
        (true, false) => u32::from(b.to_ascii_lowercase()),
        (false, true) => u32::from(c),
        (false, false) => c.to_lowercase().next().map_or(u32::from(c), u32::from),
    }
}

/// Grades a term holding characters with no ASCII likeness against a
/// record's original text, whose headline is its first `h` characters, with
/// the positions of the match. Taken as a positive term; the caller applies
/// negation.
pub(crate) fn other_grade(a: &Atom, original: &str, h: usize) -> Option<(Grade, Vec<u32>)> {
    let cs = a.case_sensitive;
    let chars: Vec<char> = original.chars().collect();
    let hay: Vec<u32> = chars.iter().map(|&c| key(c, cs)).collect();
    let needle: Vec<u32> = a.chars.iter().map(|&c| key(c, cs)).collect();
    let n = needle.len();
    let h = h.min(chars.len());
    // The same grading as folded text, on a byte view where every letter or
    // digit (of any script) is a word byte.
    let view: Vec<u8> = chars
        .iter()
        .map(|&c| if c.is_alphanumeric() { b'a' } else { b' ' })
        .collect();
    let run = |p: usize| {
        (
            grade_run(&view, p, n, h),
            (p..p + n).map(|i| i as u32).collect(),
        )
    };
    let at = |p: usize| hay.get(p..p + n) == Some(needle.as_slice());
    match a.kind {
        AtomKind::Prefix => at(0).then(|| run(0)).filter(|_| n <= h),
        AtomKind::Suffix => (n <= h && at(h - n)).then(|| run(h - n)),
        AtomKind::Exact => (n == h && at(0)).then(|| run(0)),
        AtomKind::Fuzzy | AtomKind::Substring => {
            let best = (0..=hay.len().saturating_sub(n))
                .filter(|&p| at(p))
                .map(run)
                .max_by_key(|(g, p): &(Grade, Vec<u32>)| {
                    (g.key(), std::cmp::Reverse(p.first().copied()))
                });
            if best.is_some() || a.kind == AtomKind::Substring {
                return best;
            }
            // Scattered: the leftmost letters in order.
            let mut pos = Vec::with_capacity(n);
            let mut it = hay.iter().enumerate();
            for k in &needle {
                let (i, _) = it.find(|(_, c)| *c == k)?;
                pos.push(i as u32);
            }
            Some((
                Grade {
                    tier: SCATTERED,
                    raw: SCORE_MATCH * n as u32,
                },
                pos,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_runs_by_word_boundaries() {
        let t = b"cotton \x1f scotch cot";
        assert_eq!(grade_run(t, 0, 6, 6).tier, WHOLE_WORD);
        assert_eq!(grade_run(t, 0, 3, 6).tier, WORD_START);
        assert_eq!(grade_run(t, 1, 3, 6).tier, IN_WORD);
        assert_eq!(grade_run(t, 16, 3, 6).tier, WHOLE_WORD);
        assert_eq!(grade_run(t, 10, 3, 6).tier, IN_WORD);
        // The same run scores more in the headline.
        assert_eq!(
            grade_run(t, 0, 3, 6).raw,
            grade_run(t, 16, 3, 6).raw + BONUS_HEADLINE
        );
        assert!(grade_run(t, 0, 6, 6).raw <= raw_max(6));
    }

    #[test]
    fn tiers_dominate_finer_scores() {
        let mut high = Total::default();
        high.add(Grade { tier: 1, raw: 0 });
        let mut low = Total::default();
        low.add(Grade {
            tier: 0,
            raw: 50_000,
        });
        assert!(high.score() > low.score());
    }

    #[test]
    fn subsequence() {
        assert!(is_subsequence(b"ctn", b"cotton"));
        assert!(!is_subsequence(b"ntc", b"cotton"));
        assert!(is_subsequence(b"", b"x"));
    }
}
