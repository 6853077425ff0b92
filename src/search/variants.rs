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
        let o = engine::run(ix, pattern, scope, limit, cancelled)?;
        return Some(Found {
            patterns,
            top: o.top.into_iter().map(|(s, o)| (s, o, 0)).collect(),
            total: o.total,
            by_relation: o.by_relation,
            as_typed: o.as_typed,
        });
    }
    // Every hit of every variant in every relation, so that a record two
    // variants find is counted once, in the scope and beyond it.
    let everywhere = Scope {
        relations: None,
        kind: scope.kind,
    };
    let mut best: HashMap<u32, (u32, usize)> = HashMap::new();
    // A variant that needs a typo adds nothing when another finds every
    // word as typed (see [`engine::Outcome::as_typed`]).
    let mut as_typed = false;
    for (k, p) in patterns.iter().enumerate() {
        let o = engine::run(ix, p, &everywhere, usize::MAX, cancelled)?;
        if as_typed && !o.as_typed {
            continue;
        }
        if o.as_typed && !as_typed {
            best.clear();
            as_typed = true;
        }
        for (score, ordinal) in o.top {
            let b = best.entry(ordinal).or_insert((score, k));
            if score > b.0 {
                *b = (score, k);
            }
        }
    }
    let mut by_relation = vec![0; ix.relation_count()];
    let mut top = Vec::new();
    for (&ordinal, &(score, k)) in &best {
        let Some(r) = ix.record(ordinal) else {
            continue;
        };
        if let Some(n) = by_relation.get_mut(r.relation) {
            *n += 1;
        }
        if scope.admits_relation(r.relation) {
            top.push((score, ordinal, k));
        }
    }
    let total = top.len();
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
