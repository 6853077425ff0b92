//! The relations' names ("Mexico ⇄ Vietnam", both ways), the last fields of
//! every record of a relation: kept once per relation rather than in each
//! record's postings and forward words, where a million records would hold
//! the same four words a million times. A record's forward words end with a
//! mark saying where its names begin; [`Tokens`](super::Tokens) then gives
//! the names' words from here, and the engine counts every record of a
//! relation as holding the words of its names.

use std::ops::Range;

use crate::data::Dataset;
use crate::search::fields::{Weight, relation_names};
use crate::search::fold::SEPARATOR_SHOWN;
use crate::search::words::for_each_word;

use super::{Group, Token, chars};

#[derive(Debug, Default)]
pub(super) struct Names {
    /// Per relation: the words of its names, `start` counted in characters
    /// from where the names begin, `field` 0 or 1 (which name).
    tokens: Vec<Box<[Token]>>,
    /// (word, relation) for each word of each relation's names, sorted,
    /// each pair once.
    holders: Vec<(u32, u32)>,
    /// Per relation, how many records the index holds of it.
    sizes: Vec<u32>,
}

impl Names {
    /// The names of every relation of `ds`, their words numbered by `id`.
    pub fn build(ds: &Dataset, mut id: impl FnMut(&str) -> u32) -> Names {
        let sep = chars(SEPARATOR_SHOWN) as u32;
        let mut scratch = String::new();
        let tokens = ds
            .relations
            .iter()
            .map(|rel| {
                let [a, b] = &rel.countries;
                let mut out = Vec::new();
                let (mut offset, mut field) = (0u32, 0u16);
                let (a, b) = (ds.country_name(a), ds.country_name(b));
                relation_names(a, b, &mut scratch, |text| {
                    for_each_word(text, |start, word| {
                        out.push(Token {
                            word: id(word),
                            start: offset + start as u32,
                            field,
                            weight: Weight::Relation,
                        });
                    });
                    offset += chars(text) as u32 + sep;
                    field += 1;
                });
                out.into_boxed_slice()
            })
            .collect();
        Names::from_tokens(tokens)
    }

    /// The names as read back: the same tokens per relation.
    pub fn from_tokens(tokens: Vec<Box<[Token]>>) -> Names {
        let mut holders: Vec<(u32, u32)> = tokens
            .iter()
            .enumerate()
            .flat_map(|(r, ts)| ts.iter().map(move |t| (t.word, r as u32)))
            .collect();
        holders.sort_unstable();
        holders.dedup();
        Names {
            tokens,
            holders,
            sizes: Vec::new(),
        }
    }

    /// Counts each relation's records, once the index's runs are known.
    pub fn count(&mut self, groups: &[Group], records: u32) {
        self.sizes = vec![0; self.tokens.len()];
        for (g, next) in groups.iter().zip(firsts_after(groups, records)) {
            if let Some(n) = self.sizes.get_mut(g.relation as usize) {
                *n += next - g.first;
            }
        }
    }

    /// The words of relation `r`'s names.
    pub fn of(&self, r: u32) -> &[Token] {
        self.tokens.get(r as usize).map_or(&[], |t| t)
    }

    /// Every relation's names, in order.
    pub fn all(&self) -> &[Box<[Token]>] {
        &self.tokens
    }

    /// The relations whose names hold word `w`, ascending.
    pub fn relations(&self, w: u32) -> impl Iterator<Item = u32> + '_ {
        let from = self.holders.partition_point(|&(x, _)| x < w);
        self.holders[from..]
            .iter()
            .take_while(move |&&(x, _)| x == w)
            .map(|&(_, r)| r)
    }

    /// How many records hold word `w` in their relation's names.
    pub fn records_holding(&self, w: u32) -> usize {
        self.relations(w)
            .map(|r| self.sizes.get(r as usize).copied().unwrap_or(0) as usize)
            .sum()
    }

    /// The ordinals of the records whose relation's names hold word `w`.
    pub fn ranges<'a>(
        &'a self,
        w: u32,
        groups: &'a [Group],
        records: u32,
    ) -> impl Iterator<Item = Range<u32>> + 'a {
        let relations: Vec<u32> = self.relations(w).collect();
        // Most words are in no relation's names: no run is looked at for them.
        let groups = if relations.is_empty() { &[] } else { groups };
        groups
            .iter()
            .zip(firsts_after(groups, records))
            .filter(move |(g, _)| relations.binary_search(&g.relation).is_ok())
            .map(|(g, next)| g.first..next)
    }

    pub fn memory_bytes(&self) -> usize {
        self.tokens
            .iter()
            .map(|t| t.len() * std::mem::size_of::<Token>())
            .sum::<usize>()
            + self.holders.capacity() * 8
            + self.sizes.capacity() * 4
    }
}

/// Where the run after each of `groups` starts (the last: at `records`).
fn firsts_after(groups: &[Group], records: u32) -> impl Iterator<Item = u32> + '_ {
    groups
        .iter()
        .skip(1)
        .map(|g| g.first)
        .chain(std::iter::once(records))
}
