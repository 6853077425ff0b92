//! A query searched as itself and its variants at once — an abbreviation
//! written out, a name abbreviated, a country's adjective as "from" the
//! country ([`Pattern::alternatives`]): a record
//! matching any of them is a hit, counted once, ranked by the variant it
//! matched best, its words highlighted as that variant found them.

use std::collections::HashMap;

use super::Hit;
use super::engine;
use super::index::{Index, Scope};
use super::pattern::Pattern;

/// What a query found as its variants.
pub(crate) struct Found {
    /// The query first, then its variants.
    patterns: Vec<Pattern>,
    /// The best `limit` hits as (score, ordinal, the variant that found it),
    /// best first; ties go to the earlier record.
    top: Vec<(u32, u32, usize)>,
    /// How many records of the scope matched.
    pub total: usize,
    /// How many matched in each relation, whatever the scope's relations.
    pub by_relation: Vec<usize>,
    /// Whether some record matched every term as typed or by its start.
    pub as_typed: bool,
}

impl Found {
    pub(crate) fn is_nothing(&self) -> bool {
        self.by_relation.iter().all(|&n| n == 0)
    }

    /// The hits, with the positions of the words their variant matched.
    pub(crate) fn hits(&self, ix: &Index) -> Vec<Hit> {
        let mut positions = vec![Vec::new(); self.top.len()];
        for (k, p) in self.patterns.iter().enumerate() {
            let mine: Vec<usize> = (0..self.top.len())
                .filter(|&i| self.top[i].2 == k)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let top: Vec<(u32, u32)> = mine
                .iter()
                .map(|&i| (self.top[i].0, self.top[i].1))
                .collect();
            for (i, at) in mine.into_iter().zip(engine::positions(ix, p, &top)) {
                positions[i] = at;
            }
        }
        self.top
            .iter()
            .zip(positions)
            .filter_map(|(&(score, ordinal, _), positions)| {
                Some(Hit {
                    record: ix.record(ordinal)?,
                    ordinal,
                    score,
                    positions,
                    headline_len: ix.headline_len(ordinal) as u32,
                })
            })
            .collect()
    }
}

/// Searches `pattern` and its variants. `None` if cancelled.
pub(crate) fn find(
    ix: &Index,
    pattern: &Pattern,
    scope: &Scope,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Found> {
    let mut patterns = vec![pattern.clone()];
    patterns.extend(pattern.alternatives(&ix.countries));
    if patterns.len() == 1 {
        let o = engine::run(ix, pattern, scope, limit, false, cancelled)?;
        return Some(Found {
            patterns,
            top: o.top.into_iter().map(|(s, o)| (s, o, 0)).collect(),
            total: o.total,
            by_relation: o.by_relation,
            as_typed: o.as_typed,
        });
    }
    // Each variant's best hits in the scope, and every match it has in
    // every relation, so that a record two variants find is counted once,
    // in the scope and beyond it. A record's rank is its best variant's,
    // and the best `limit` of those are among the variants' own best.
    let mut best: HashMap<u32, (u32, usize)> = HashMap::new();
    let mut matched = vec![0u64; ix.len().div_ceil(64)];
    // A variant that needs a typo adds nothing when another finds every
    // word as typed (see [`engine::Outcome::as_typed`]).
    let mut as_typed = false;
    for (k, p) in patterns.iter().enumerate() {
        let o = engine::run(ix, p, scope, limit, true, cancelled)?;
        if as_typed && !o.as_typed {
            continue;
        }
        if o.as_typed && !as_typed {
            best.clear();
            matched.fill(0);
            as_typed = true;
        }
        for (score, ordinal) in o.top {
            let b = best.entry(ordinal).or_insert((score, k));
            if score > b.0 {
                *b = (score, k);
            }
        }
        for o in o.matched {
            matched[o as usize / 64] |= 1 << (o % 64);
        }
    }
    let ordinals: Vec<u32> = matched
        .iter()
        .enumerate()
        .flat_map(|(i, &bits)| {
            (0..64u32)
                .filter(move |b| bits >> b & 1 != 0)
                .map(move |b| i as u32 * 64 + b)
        })
        .collect();
    let by_relation = engine::count_by_relation(ix, &ordinals);
    let total = by_relation
        .iter()
        .enumerate()
        .filter(|&(r, _)| scope.admits_relation(r))
        .map(|(_, n)| n)
        .sum();
    let mut top: Vec<(u32, u32, usize)> = best.into_iter().map(|(o, (s, k))| (s, o, k)).collect();
    top.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    top.truncate(limit);
    Some(Found {
        patterns,
        top,
        total,
        by_relation,
        as_typed,
    })
}
