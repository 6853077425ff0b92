//! The relations' fields: each one's id ("MEX-VNM") and names ("Mexico ⇄
//! Vietnam", both ways), the last fields of every record of a relation:
//! kept once per relation rather than in each record's postings and forward
//! words, where a million records would hold the same six words a million
//! times. A record's forward words end with a mark saying where these
//! fields begin; [`Tokens`](super::Tokens) then gives their words from
//! here, and the engine counts every record of a relation as holding them.

use std::ops::Range;

use crate::data::Dataset;
use crate::search::fields::{Weight, relation_fields};
use crate::search::fold::SEPARATOR_CHARS;
use crate::search::words::for_each_word;

use super::{Group, Token, chars};

#[derive(Debug, Default)]
pub(super) struct RelationFields {
    /// Per relation: the words of its fields, `start` counted in characters
    /// from where they begin, `field` 0 (the id), 1 or 2 (the names).
    tokens: Vec<Box<[Token]>>,
    /// (word, relation, best weight) for each word of each relation's
    /// fields, sorted, each word and relation once.
    holders: Vec<(u32, u32, Weight)>,
}

impl RelationFields {
    /// The fields of every relation of `ds`, their words numbered by `id`.
    pub fn build(ds: &Dataset, mut id: impl FnMut(&str) -> u32) -> RelationFields {
        let sep = SEPARATOR_CHARS;
        let mut scratch = String::new();
        let tokens = ds
            .relations
            .iter()
            .map(|rel| {
                let names = rel.countries.each_ref().map(|c| ds.country_name(c));
                let mut out = Vec::new();
                let (mut offset, mut field) = (0u32, 0u16);
                relation_fields(&rel.id, names, &mut scratch, |text, weight| {
                    for_each_word(text, |start, word| {
                        out.push(Token {
                            word: id(word),
                            start: offset + start as u32,
                            field,
                            weight,
                        });
                    });
                    offset += chars(text) as u32 + sep;
                    field += 1;
                });
                out.into_boxed_slice()
            })
            .collect();
        RelationFields::from_tokens(tokens)
    }

    /// The fields as read back: the same tokens per relation.
    pub fn from_tokens(tokens: Vec<Box<[Token]>>) -> RelationFields {
        let mut holders: Vec<(u32, u32, Weight)> = tokens
            .iter()
            .enumerate()
            .flat_map(|(r, ts)| ts.iter().map(move |t| (t.word, r as u32, t.weight)))
            .collect();
        // The best weight of each word in each relation comes first.
        holders.sort_unstable();
        holders.dedup_by_key(|&mut (w, r, _)| (w, r));
        RelationFields { tokens, holders }
    }

    /// The words of relation `r`'s fields.
    pub fn of(&self, r: u32) -> &[Token] {
        self.tokens.get(r as usize).map_or(&[], |t| t)
    }

    /// Every relation's fields' words, in order.
    pub fn all(&self) -> &[Box<[Token]>] {
        &self.tokens
    }

    /// The relations whose fields hold word `w`, ascending, with the best
    /// weight of a field holding it.
    pub fn relations(&self, w: u32) -> impl Iterator<Item = (u32, Weight)> + '_ {
        let from = self.holders.partition_point(|&(x, _, _)| x < w);
        self.holders[from..]
            .iter()
            .take_while(move |&&(x, _, _)| x == w)
            .map(|&(_, r, weight)| (r, weight))
    }

    /// The ordinals of the records whose relation's fields hold word `w`,
    /// with the weight it has there.
    pub fn ranges<'a>(
        &'a self,
        w: u32,
        groups: &'a [Group],
        records: u32,
    ) -> impl Iterator<Item = (Range<u32>, Weight)> + 'a {
        let relations: Vec<(u32, Weight)> = self.relations(w).collect();
        // Most words are in no relation's fields: no run is looked at for them.
        let groups = if relations.is_empty() { &[] } else { groups };
        groups
            .iter()
            .zip(firsts_after(groups, records))
            .filter_map(move |(g, next)| {
                let at = relations.binary_search_by_key(&g.relation, |&(r, _)| r);
                at.ok().map(|i| (g.first..next, relations[i].1))
            })
    }

    pub fn memory_bytes(&self) -> usize {
        self.tokens
            .iter()
            .map(|t| t.len() * std::mem::size_of::<Token>())
            .sum::<usize>()
            + self.holders.capacity() * std::mem::size_of::<(u32, u32, Weight)>()
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
