//! How well a record matched a query, as one number: higher is better.
//!
//! Records are ranked by, in order (each decides only among equals of the
//! one before):
//! 1. **tiers**: for each term, how well its best word matched: the exact
//!    word, then a word it starts, another form of it, a word with typos,
//!    a word holding its letters in order (see [`vocab`](super::vocab));
//! 2. **proximity**: terms next to each other and in the query's order rank
//!    above terms far apart, reversed, or in different fields (the
//!    relation's name, in every record, is not read for this; the record's
//!    own date and kind, shown beside its headline in every list, are next
//!    to it);
//! 3. **field**: a match in the headline, the record's own date or its kind
//!    ranks
//!    above one in a person, place, title, other date or tag, which ranks
//!    above one in a detail paragraph;
//! 4. **length**: a shorter headline, where the match says more;
//! 5. then document order.

use smallvec::SmallVec;

use super::fields::Weight;
use super::index::Token;
use super::matcher::{Term, ungrade};

/// What a pair of terms in different fields costs; also the most a pair
/// costs in one field.
const APART: u32 = 8;

/// What a pair costs when the terms are in two different fields of the row
/// a list shows: the headline, the record's own date and its kind, side by
/// side ("1979-09  visit  Prime Minister Pham Van Dong to Mexico"), though
/// not in one phrase.
const ON_ROW: u32 = 1;

/// Where an occurrence is: its first token, end and field, and whether
/// that field is on the row a list shows.
type Place = (usize, usize, u16, bool);

/// Whether a token of this weight is on the row a list shows: the headline,
/// and the fields weighed as it is (the record's own date and its kind).
fn on_row(weight: Weight) -> bool {
    weight == Weight::Headline
}

/// The parts of a score, before they are packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts {
    /// Sum over terms of their tier (4 exact … 0 letters in order), each
    /// counted once for every query term it stands for.
    pub tiers: u32,
    /// Sum over neighbouring terms of how far apart they are (0: adjacent, in order).
    pub distance: u32,
    /// Sum over terms of their field's rank (2 headline, 1 name, 0 detail).
    pub fields: u32,
    /// The headline's length in characters.
    pub headline: u32,
}

impl Parts {
    /// The parts from the grades of a record's positive terms, with the
    /// distance not yet known (taken as 0, the best); `terms[i]`: how many
    /// of the query's terms term `i` stands for, each counting its tier.
    pub(crate) fn from_grades(grades: &[u8], terms: &[u8], headline: usize) -> Parts {
        let (mut tiers, mut fields) = (0, 0);
        for (&g, &n) in grades.iter().zip(terms) {
            let (t, f) = ungrade(g);
            tiers += t * u32::from(n);
            fields += f;
        }
        Parts {
            tiers,
            distance: 0,
            fields,
            headline: u32::try_from(headline).unwrap_or(u32::MAX),
        }
    }

    /// Packed: 8 bits of tiers, 8 of closeness, 6 of fields, 10 of
    /// shortness, each saturating.
    pub(crate) fn score(self) -> u32 {
        let closeness = 255 - self.distance.min(255);
        let shortness = 1023 - self.headline.min(1023);
        self.tiers.min(255) << 24 | closeness << 16 | self.fields.min(63) << 10 | shortness
    }
}

/// How far apart the query's neighbouring terms are in a record: for each
/// pair, the closest pair of their occurrences: 0 when adjacent and in
/// order, the words between them otherwise, two more when reversed (at
/// most 7), [`ON_ROW`] between two fields of the row a list shows,
/// [`APART`] in other different fields.
pub(crate) fn distance(terms: &[&Term], tokens: &[Token]) -> u32 {
    type Places = SmallVec<[Place; 8]>;
    let mut total = 0;
    let mut prev = Places::new();
    for (i, term) in terms.iter().enumerate() {
        let here: Places = term
            .occurrences(tokens)
            .filter(|o| o.weight != Weight::Relation)
            .map(|o| (o.first, o.first + o.len, o.field, on_row(o.weight)))
            .collect();
        if i > 0 {
            let best = prev
                .iter()
                .flat_map(|&a| here.iter().map(move |&b| pair_cost(a, b)))
                .min()
                .unwrap_or(APART);
            total += best;
        }
        prev = here;
    }
    total
}

/// Which terms each word of the index matches, as bits (term `t`: bit
/// `t`), when every term is one word matched anywhere and there are at most
/// eight: then a record's [`distance`] takes one pass over its words
/// instead of one per term, with no list of occurrences.
pub(crate) struct Masks {
    bits: Vec<u8>,
    terms: usize,
}

impl Masks {
    /// The masks of `terms`, or `None` when the one-pass rule does not apply.
    pub(crate) fn of(terms: &[&Term], vocabulary: usize) -> Option<Masks> {
        if terms.len() < 2 || terms.len() > 8 || !terms.iter().all(|t| t.is_simple()) {
            return None;
        }
        let mut bits = vec![0u8; vocabulary];
        for (k, t) in terms.iter().enumerate() {
            for &(w, _) in &t.slots[0].words {
                if let Some(b) = bits.get_mut(w as usize) {
                    *b |= 1 << k;
                }
            }
        }
        Some(Masks {
            bits,
            terms: terms.len(),
        })
    }

    /// [`distance`] of the terms in a record's words, in one pass: for each
    /// pair of neighbouring terms, each occurrence of one is paired with the
    /// latest occurrence of the other before it in the same field, which is
    /// the closest, so the least cost over those pairs is the least over all.
    pub(crate) fn distance(&self, tokens: impl Iterator<Item = Token>) -> u32 {
        const NONE: usize = usize::MAX;
        let pairs = self.terms - 1;
        let mut best = [APART; 7];
        let mut last = [NONE; 8];
        let mut field = None;
        // The terms met in each field of the row a list shows, in order.
        let mut rows: SmallVec<[(u16, u8); 4]> = SmallVec::new();
        for (i, t) in tokens.enumerate() {
            if field != Some(t.field) {
                field = Some(t.field);
                last = [NONE; 8];
            }
            let m = self.bits.get(t.word as usize).copied().unwrap_or(0);
            if m == 0 || t.weight == Weight::Relation {
                continue;
            }
            if on_row(t.weight) {
                match rows.last_mut() {
                    Some((f, seen)) if *f == t.field => *seen |= m,
                    _ => rows.push((t.field, m)),
                }
            }
            for (p, cost) in best.iter_mut().enumerate().take(pairs) {
                let (a, b) = (m >> p & 1 != 0, m >> (p + 1) & 1 != 0);
                let one = |at: usize| (at, at + 1, 0, false);
                if b && last[p] != NONE {
                    *cost = (*cost).min(pair_cost(one(last[p]), one(i)));
                }
                if a && last[p + 1] != NONE {
                    *cost = (*cost).min(pair_cost(one(i), one(last[p + 1])));
                }
                if a && b {
                    *cost = (*cost).min(1);
                }
            }
            for (k, l) in last.iter_mut().enumerate().take(self.terms) {
                if m >> k & 1 != 0 {
                    *l = i;
                }
            }
        }
        for (p, cost) in best.iter_mut().enumerate().take(pairs) {
            let (a, b) = (1u8 << p, 1u8 << (p + 1));
            let apart_on_row = rows.iter().enumerate().any(|(i, &(_, x))| {
                x & a != 0
                    && rows
                        .iter()
                        .enumerate()
                        .any(|(j, &(_, y))| i != j && y & b != 0)
            });
            if apart_on_row {
                *cost = (*cost).min(ON_ROW);
            }
        }
        best[..pairs].iter().sum()
    }
}

/// The cost of occurrence `b` (of the later term) after occurrence `a`,
/// each as a [`Place`].
fn pair_cost(a: Place, b: Place) -> u32 {
    if a.2 != b.2 {
        return if a.3 && b.3 { ON_ROW } else { APART };
    }
    let gap = |from: usize, to: usize| (to - from).min(7) as u32;
    if b.0 >= a.1 {
        gap(a.1, b.0)
    } else if a.0 >= b.1 {
        (gap(b.1, a.0) + 2).min(7)
    } else {
        // The same words match both terms ("van van").
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_outrank_closeness_which_outranks_fields_and_length() {
        let p = |tiers, distance, fields, headline| {
            Parts {
                tiers,
                distance,
                fields,
                headline,
            }
            .score()
        };
        assert!(p(6, 14, 0, 900) > p(5, 0, 4, 10));
        assert!(p(6, 0, 0, 900) > p(6, 1, 4, 10));
        assert!(p(6, 0, 4, 900) > p(6, 0, 3, 10));
        assert!(p(6, 0, 4, 10) > p(6, 0, 4, 11));
    }

    #[test]
    fn a_term_standing_for_several_counts_each_one() {
        use crate::search::matcher::grade;
        use crate::search::vocab::Tier;
        let g = grade(Tier::Exact, Weight::Detail);
        // "minister of foreign affairs" for "foreign minister": as the two
        // exact words of the query, not as one.
        assert_eq!(Parts::from_grades(&[g], &[2], 10).tiers, 8);
        assert_eq!(Parts::from_grades(&[g, g], &[1, 1], 10).tiers, 8);
        assert_eq!(Parts::from_grades(&[g], &[1], 10).tiers, 4);
    }

    #[test]
    fn adjacent_in_order_costs_nothing() {
        let at = |first, field| (first, first + 1, field, field == 0);
        assert_eq!(pair_cost(at(0, 0), at(1, 0)), 0);
        assert_eq!(pair_cost(at(0, 0), at(3, 0)), 2);
        assert_eq!(pair_cost(at(1, 0), at(0, 0)), 2);
        assert_eq!(pair_cost(at(0, 0), at(40, 0)), 7);
        assert_eq!(pair_cost(at(0, 0), at(1, 1)), APART);
        // The headline and the record's own date, either way round.
        let date = (9, 10, 1, true);
        assert_eq!(pair_cost(at(0, 0), date), ON_ROW);
        assert_eq!(pair_cost(date, at(0, 0)), ON_ROW);
        // Another field beside the date is no nearer than any other.
        assert_eq!(pair_cost(at(20, 2), date), APART);
    }
}
