//! A query compiled against an index: for every word of every term, the
//! vocabulary words it matches and in which tier; and where a term occurs
//! in a record's words.

use super::acronyms;
use super::fields::Weight;
use super::index::{Index, Token};
use super::pattern::{Atom, AtomKind, Pattern};
use super::vocab::{Tier, Want, highlight};

/// The words of the index one word of a term matches, with their tiers:
/// as a list, for walking their postings, and as a table by word, for
/// looking at a record's words.
pub(crate) struct Slot {
    pub words: Vec<(u32, Tier)>,
    /// Per word of the index: 0, or its tier plus one.
    table: Vec<u8>,
}

impl Slot {
    fn new(words: Vec<(u32, Tier)>, vocabulary: usize) -> Slot {
        let mut table = vec![0u8; if words.is_empty() { 0 } else { vocabulary }];
        for &(w, t) in &words {
            if let Some(x) = table.get_mut(w as usize) {
                *x = t as u8 + 1;
            }
        }
        Slot { words, table }
    }

    /// The tier word `w` matched in, if it did.
    pub(crate) fn get(&self, w: u32) -> Option<Tier> {
        match self.table.get(w as usize).copied().unwrap_or(0) {
            0 => None,
            1 => Some(Tier::InWord),
            2 => Some(Tier::Typo),
            3 => Some(Tier::Form),
            4 => Some(Tier::Prefix),
            _ => Some(Tier::Exact),
        }
    }
}

/// A term ready to be matched.
pub(crate) struct Term<'p> {
    pub atom: &'p Atom,
    /// One slot per word of the term, in order.
    pub slots: Vec<Slot>,
}

/// Where a term occurs among a record's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Occurrence {
    /// Index of its first token, and how many tokens it covers.
    pub first: usize,
    pub len: usize,
    pub tier: Tier,
    pub weight: Weight,
    pub field: u16,
}

impl Occurrence {
    /// A byte that orders occurrences by tier, then weight; never 0, so a
    /// dense array of grades can use 0 for "no occurrence".
    pub(crate) fn grade(&self) -> u8 {
        grade(self.tier, self.weight)
    }
}

pub(crate) fn grade(tier: Tier, weight: Weight) -> u8 {
    1 + ((tier as u8) << 2 | weight.rank())
}

/// The tier and the weight's rank (2: headline … 0: detail) of a grade.
pub(crate) fn ungrade(g: u8) -> (u32, u32) {
    let g = u32::from(g.saturating_sub(1));
    (g >> 2, g & 3)
}

impl<'p> Term<'p> {
    pub(crate) fn new(ix: &Index, atom: &'p Atom) -> Term<'p> {
        let n = atom.words.len();
        let slots = atom
            .words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let last = i + 1 == n;
                let exact_only = match atom.kind {
                    AtomKind::Exact | AtomKind::Suffix | AtomKind::Whole => true,
                    AtomKind::Fuzzy | AtomKind::Prefix => !last,
                };
                let want = Want {
                    word,
                    case_sensitive: atom.case_sensitive,
                    exact_only,
                    // A known abbreviation ("UNSC", "FTA") is found as
                    // written or written out, not by its letters scattered
                    // in a longer word ("Undersecretary", "footwear").
                    strict: atom.negated
                        || atom.joined
                        || n > 1
                        || atom.kind != AtomKind::Fuzzy
                        || acronyms::is_abbreviation(word),
                    open: atom.open && last,
                };
                Slot::new(ix.vocab.matches(&want), ix.vocab.len())
            })
            .collect();
        Term { atom, slots }
    }

    /// Whether no word of the index can match this term.
    pub(crate) fn is_hopeless(&self) -> bool {
        self.slots.iter().any(|s| s.words.is_empty())
    }

    /// Whether records are graded straight from postings: one word, no place
    /// in the headline required.
    pub(crate) fn is_simple(&self) -> bool {
        self.slots.len() == 1 && matches!(self.atom.kind, AtomKind::Fuzzy | AtomKind::Exact)
    }

    /// The slot whose postings are shortest, and their total length: the
    /// cheapest way to the records that may hold the term.
    pub(crate) fn rarest_slot(&self, ix: &Index) -> (usize, usize) {
        self.slots
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.words.iter().map(|&(w, _)| ix.holders(w)).sum()))
            .min_by_key(|&(_, n)| n)
            .unwrap_or((0, 0))
    }

    /// Every place the term occurs in a record's tokens.
    pub(crate) fn occurrences<'t>(
        &'t self,
        tokens: &'t [Token],
    ) -> impl Iterator<Item = Occurrence> + 't {
        let n = self.slots.len();
        let kind = self.atom.kind;
        // The headline's tokens: field 0.
        let head_end = tokens
            .iter()
            .position(|t| t.field != 0)
            .unwrap_or(tokens.len());
        (0..tokens.len()).filter_map(move |i| {
            let run = tokens.get(i..i + n)?;
            let field = run[0].field;
            if !self.atom.counts_in(run[0].weight) {
                return None;
            }
            let mut tier = Tier::Exact;
            for (slot, t) in self.slots.iter().zip(run) {
                if t.field != field {
                    return None;
                }
                tier = tier.min(slot.get(t.word)?);
            }
            let at_start = i == 0 && field == 0;
            let at_end = i + n == head_end && field == 0;
            let placed = match kind {
                AtomKind::Fuzzy | AtomKind::Exact => true,
                AtomKind::Prefix => at_start,
                AtomKind::Suffix => at_end,
                AtomKind::Whole => at_start && at_end,
            };
            placed.then_some(Occurrence {
                first: i,
                len: n,
                tier,
                weight: run[0].weight,
                field,
            })
        })
    }

    /// The best grade of the term in a record, 0 if it does not occur.
    pub(crate) fn best_grade(&self, tokens: &[Token]) -> u8 {
        self.occurrences(tokens)
            .map(|o| o.grade())
            .max()
            .unwrap_or(0)
    }

    /// Character positions (in the record's haystack) of every occurrence.
    pub(crate) fn positions(&self, ix: &Index, tokens: &[Token], out: &mut Vec<u32>) {
        for o in self.occurrences(tokens) {
            for (k, t) in tokens[o.first..o.first + o.len].iter().enumerate() {
                let tier = self.slots[k].get(t.word).unwrap_or(Tier::Exact);
                let query = &self.atom.words[k];
                let word = ix.vocab.word(t.word);
                out.extend(
                    highlight(&query.to_lowercase(), word, tier)
                        .into_iter()
                        .map(|p| t.start + p),
                );
            }
        }
    }
}

/// The terms of a pattern, compiled.
pub(crate) fn compile<'p>(ix: &Index, pattern: &'p Pattern) -> Vec<Term<'p>> {
    pattern.atoms().iter().map(|a| Term::new(ix, a)).collect()
}
