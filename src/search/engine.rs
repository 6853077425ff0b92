//! Running one query over an index: the records that match every term,
//! found through the postings of the words each term matches; how many
//! there are in each relation; and the best of them, ranked.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::fields::Weight;
use super::index::{Group, Index, Scope, Token};
use super::matcher::{Term, compile, grade, ungrade};
use super::pattern::Pattern;
use super::score::{Masks, Parts, distance};
use super::vocab::Tier;

/// What a completed run found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    /// The best `limit` hits as (score, ordinal), best first; ties go to the
    /// earlier record.
    pub top: Vec<(u32, u32)>,
    /// How many records of the scope matched.
    pub total: usize,
    /// How many records matched in each relation, whatever the scope's
    /// relations (its kind still applies).
    pub by_relation: Vec<usize>,
    /// Whether the records matched every term as typed: the word, its
    /// start or another form of it, with no typo and not by letters in
    /// order. When some record does, those that need a typo are left out,
    /// as Typesense does by default (`typo_tokens_threshold`): a word found
    /// as typed is what was meant ("president" is not "present").
    pub as_typed: bool,
    /// Every matching record of the scope's kind in every relation,
    /// ascending, when asked for ([`run`]'s `list`).
    pub matched: Vec<u32>,
}

/// Ranks a record: by score, then the earlier record first.
#[inline]
fn key(score: u32, ordinal: u32) -> u64 {
    u64::from(score) << 32 | u64::from(u32::MAX - ordinal)
}

fn unkey(k: u64) -> (u32, u32) {
    ((k >> 32) as u32, u32::MAX - k as u32)
}

/// The records matching every term so far, ascending, with the grade of
/// each positive term (one byte per term per record).
struct Candidates {
    ordinals: Vec<u32>,
    grades: Vec<u8>,
    terms: usize,
}

/// Runs `pattern` over the records of `scope`, keeping the best `limit`
/// hits, and listing every match if `list`. Returns `None` as soon as
/// `cancelled` says so.
pub(crate) fn run(
    ix: &Index,
    pattern: &Pattern,
    scope: &Scope,
    limit: usize,
    list: bool,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    let terms = compile(ix, pattern);
    let (positive, negative): (Vec<&Term>, Vec<&Term>) =
        terms.iter().partition(|t| !t.atom.negated);
    if positive.iter().any(|t| t.is_hopeless()) {
        return Some(Outcome {
            by_relation: vec![0; ix.relation_count()],
            ..Outcome::default()
        });
    }
    if let ([term], []) = (positive.as_slice(), negative.as_slice()) {
        let mut dense = vec![0u8; ix.len()];
        mark(ix, term, None, &mut dense);
        if cancelled() {
            return None;
        }
        let mut o = one_term(ix, &dense, term.atom.terms, scope, limit);
        if list {
            o.matched = listed(ix, &dense, scope, o.as_typed);
        }
        return Some(o);
    }
    let mut c = if positive.is_empty() {
        everything(ix, scope)
    } else {
        matching(ix, &positive, scope, cancelled)?
    };
    let mut dense = vec![0u8; ix.len()];
    for t in negative {
        if cancelled() {
            return None;
        }
        if t.is_hopeless() {
            continue;
        }
        mark(ix, t, Some(&c.ordinals), &mut dense);
        c.retain(|o, _| dense[o as usize] == 0);
        dense.fill(0);
    }
    let as_typed = c.terms == 0
        || c.grades
            .chunks(c.terms)
            .any(|g| g.iter().all(|&g| typed(g)));
    if as_typed && c.terms > 0 {
        c.retain(|_, g| g.iter().all(|&g| typed(g)));
    }
    let by_relation = count_by_relation(ix, &c.ordinals);
    let matched = if list { c.ordinals.clone() } else { Vec::new() };
    if scope.relations.is_some() {
        let admitted = admitted_by_relation(ix, scope, &c.ordinals);
        let mut k = 0;
        c.retain(|_, _| {
            k += 1;
            admitted[k - 1]
        });
    }
    let total = c.ordinals.len();
    let top = best(ix, &c, &positive, limit, cancelled)?;
    Some(Outcome {
        top,
        total,
        by_relation,
        as_typed,
        matched,
    })
}

/// The records of the scope's kind a single term marked in `dense`, those
/// it matched as typed only if `as_typed`, ascending.
fn listed(ix: &Index, dense: &[u8], scope: &Scope, as_typed: bool) -> Vec<u32> {
    let kinds = Scope {
        relations: None,
        kind: scope.kind,
    };
    gather(ix, &kinds, |o| {
        let d = dense[o as usize];
        d != 0 && (!as_typed || typed(d))
    })
}

/// The ordinals of a scope that `keep` keeps, ascending: each stretch
/// gathered on its own core.
fn gather(ix: &Index, scope: &Scope, keep: impl Fn(u32) -> bool + Sync) -> Vec<u32> {
    let found: Vec<Vec<u32>> = stretches(ix, scope)
        .into_par_iter()
        .map(|r| r.filter(|&o| keep(o)).collect())
        .collect();
    found.concat()
}

/// Whether a grade is of a word matched as typed (see [`Outcome::as_typed`]).
fn typed(grade: u8) -> bool {
    ungrade(grade).0 >= Tier::Form as u32
}

/// The outcome of a query of one term, no exclusions, from its marks
/// (`dense[o]`: the term's grade in record `o`, 0 if absent): each stretch
/// of records is counted and ranked on its own core, and only its best
/// keys are kept, so the matching records are never listed.
fn one_term(ix: &Index, dense: &[u8], terms: u8, scope: &Scope, limit: usize) -> Outcome {
    let kinds = Scope {
        relations: None,
        kind: scope.kind,
    };
    let groups = ix.groups();
    let relations = ix.relation_count();
    // Keys kept per stretch before the worst are dropped.
    let room = limit.saturating_mul(2).max(1024);
    let as_typed = stretches(ix, &kinds)
        .into_par_iter()
        .any(|r| r.into_iter().any(|o| typed(dense[o as usize])));
    let parts: Vec<(usize, Vec<usize>, Vec<u64>)> = stretches(ix, &kinds)
        .into_par_iter()
        .map(|r| {
            let (mut total, mut by_relation, mut keys) = (0, vec![0; relations], Vec::new());
            let mut g = groups
                .partition_point(|gr| gr.first <= r.start)
                .saturating_sub(1);
            let mut admitted = None;
            for o in r {
                let d = dense[o as usize];
                if d == 0 || (as_typed && !typed(d)) {
                    continue;
                }
                while g + 1 < groups.len() && groups[g + 1].first <= o {
                    g += 1;
                    admitted = None;
                }
                let rel = groups.get(g).map_or(usize::MAX, |gr| gr.relation as usize);
                if let Some(n) = by_relation.get_mut(rel) {
                    *n += 1;
                }
                if !*admitted.get_or_insert_with(|| scope.admits_relation(rel)) {
                    continue;
                }
                total += 1;
                if limit > 0 {
                    let parts = Parts::from_grades(&[d], &[terms], ix.headline_len(o));
                    keys.push(key(parts.score(), o));
                    if keys.len() >= room {
                        keys.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
                        keys.truncate(limit);
                    }
                }
            }
            (total, by_relation, keys)
        })
        .collect();
    let mut out = Outcome {
        by_relation: vec![0; relations],
        as_typed,
        ..Outcome::default()
    };
    let mut keys = Vec::new();
    for (total, by_relation, k) in parts {
        out.total += total;
        for (a, b) in out.by_relation.iter_mut().zip(by_relation) {
            *a += b;
        }
        keys.extend(k);
    }
    if limit > 0 {
        out.top = top_of(&mut keys, limit);
    }
    out
}

/// The ordinals of a scope in stretches of 65,536 records, in order: units
/// of work for the cores.
fn stretches(ix: &Index, scope: &Scope) -> Vec<std::ops::Range<u32>> {
    ix.ranges(scope)
        .into_iter()
        .flat_map(|r| {
            (r.start..r.end)
                .step_by(1 << 16)
                .map(move |a| a..(a + (1 << 16)).min(r.end))
        })
        .collect()
}

impl Candidates {
    fn retain(&mut self, mut keep: impl FnMut(u32, &[u8]) -> bool) {
        let n = self.terms;
        let mut w = 0;
        for r in 0..self.ordinals.len() {
            let o = self.ordinals[r];
            if keep(o, &self.grades[r * n..r * n + n]) {
                self.ordinals[w] = o;
                self.grades.copy_within(r * n..r * n + n, w * n);
                w += 1;
            }
        }
        self.ordinals.truncate(w);
        self.grades.truncate(w * n);
    }
}

/// Every record of the scope's kind, for a query of exclusions only.
fn everything(ix: &Index, scope: &Scope) -> Candidates {
    let kinds = Scope {
        relations: None,
        kind: scope.kind,
    };
    Candidates {
        ordinals: ix.ranges(&kinds).into_iter().flatten().collect(),
        grades: Vec::new(),
        terms: 0,
    }
}

/// The records of the scope's kind that match every positive term, with
/// their grades. The rarest term goes first; each next one only filters.
fn matching(
    ix: &Index,
    positive: &[&Term],
    scope: &Scope,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Candidates> {
    let mut order: Vec<usize> = (0..positive.len()).collect();
    order.sort_by_cached_key(|&i| positive[i].rarest_slot(ix).1);
    let n = positive.len();
    let kinds = Scope {
        relations: None,
        kind: scope.kind,
    };
    let mut dense = vec![0u8; ix.len()];
    let mut c = Candidates {
        ordinals: Vec::new(),
        grades: Vec::new(),
        terms: n,
    };
    for (step, &i) in order.iter().enumerate() {
        if cancelled() {
            return None;
        }
        let term = positive[i];
        if step == 0 {
            mark(ix, term, None, &mut dense);
            c.ordinals = gather(ix, &kinds, |o| dense[o as usize] != 0);
            c.grades = vec![0; c.ordinals.len() * n];
            for (k, &o) in c.ordinals.iter().enumerate() {
                c.grades[k * n + i] = dense[o as usize];
            }
        } else {
            mark(ix, term, Some(&c.ordinals), &mut dense);
            c.retain(|o, _| dense[o as usize] != 0);
            for (k, &o) in c.ordinals.iter().enumerate() {
                c.grades[k * n + i] = dense[o as usize];
            }
        }
        dense.fill(0);
    }
    Some(c)
}

/// Sets `dense[o]` to the best grade of `term` in record `o`, for every
/// record holding it (among `among`, when given: ascending ordinals).
fn mark(ix: &Index, term: &Term, among: Option<&[u32]>, dense: &mut [u8]) {
    if term.is_simple() {
        // Each core marks its own stretch of records, from the part of
        // every posting list that falls in it.
        let stretch = dense
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(1 << 16);
        dense
            .par_chunks_mut(stretch)
            .enumerate()
            .for_each(|(k, part)| {
                let lo = (k * stretch) as u32;
                let hi = lo.saturating_add(part.len() as u32);
                for &(w, tier) in &term.slots[0].words {
                    let p = ix.postings(w);
                    let a = p.partition_point(|&e| e >> 2 < lo);
                    let b = a + p[a..].partition_point(|&e| e >> 2 < hi);
                    for &e in &p[a..b] {
                        let g = grade(tier, Weight::from_bits(e & 3));
                        let d = &mut part[((e >> 2) - lo) as usize];
                        *d = (*d).max(g);
                    }
                    for (r, weight) in ix.named(w).filter(|&(_, wt)| term.atom.counts_in(wt)) {
                        let g = grade(tier, weight);
                        let [a, b] = [r.start, r.end].map(|o| (o.clamp(lo, hi) - lo) as usize);
                        for d in &mut part[a..b] {
                            *d = (*d).max(g);
                        }
                    }
                }
            });
        return;
    }
    // A phrase or an anchored term: the records holding its rarest word,
    // then a look at each one's words.
    let (slot, _) = term.rarest_slot(ix);
    let named = |w: u32| {
        ix.named(w)
            .filter(|&(_, weight)| term.atom.counts_in(weight))
            .flat_map(|(r, _)| r)
    };
    let mut maybe: Vec<u32> = term.slots[slot]
        .words
        .iter()
        .flat_map(|&(w, _)| ix.postings(w).iter().map(|p| p >> 2).chain(named(w)))
        .collect();
    maybe.sort_unstable();
    maybe.dedup();
    if let Some(among) = among {
        maybe.retain(|o| among.binary_search(o).is_ok());
    }
    let mut tokens: Vec<Token> = Vec::new();
    for o in maybe {
        tokens.clear();
        tokens.extend(ix.tokens(o));
        dense[o as usize] = term.best_grade(&tokens);
    }
}

/// The relation of each of `ordinals` (ascending), walking the groups once.
fn relations_of<'a>(groups: &'a [Group], ordinals: &'a [u32]) -> impl Iterator<Item = usize> + 'a {
    let mut g = 0;
    ordinals.iter().map(move |&o| {
        while g + 1 < groups.len() && groups[g + 1].first <= o {
            g += 1;
        }
        groups.get(g).map_or(usize::MAX, |gr| gr.relation as usize)
    })
}

/// How many of `ordinals` (ascending) each relation holds.
pub(crate) fn count_by_relation(ix: &Index, ordinals: &[u32]) -> Vec<usize> {
    let mut out = vec![0; ix.relation_count()];
    for r in relations_of(ix.groups(), ordinals) {
        if let Some(n) = out.get_mut(r) {
            *n += 1;
        }
    }
    out
}

/// Whether each of `ordinals` (ascending) is in one of the scope's relations.
fn admitted_by_relation(ix: &Index, scope: &Scope, ordinals: &[u32]) -> Vec<bool> {
    relations_of(ix.groups(), ordinals)
        .map(|r| scope.admits_relation(r))
        .collect()
}

/// The best `limit` candidates, best first. Proximity needs each record's
/// words, so it is worked out only for records whose score without it
/// could still make the list.
fn best(
    ix: &Index,
    c: &Candidates,
    positive: &[&Term],
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(u32, u32)>> {
    if limit == 0 || c.ordinals.is_empty() {
        return Some(Vec::new());
    }
    let n = c.terms;
    let terms: Vec<u8> = positive.iter().map(|t| t.atom.terms).collect();
    let bound = |k: usize| {
        let o = c.ordinals[k];
        let parts = Parts::from_grades(&c.grades[k * n..k * n + n], &terms, ix.headline_len(o));
        key(parts.score(), o)
    };
    if positive.is_empty() {
        return Some(c.ordinals.iter().take(limit).map(|&o| (0, o)).collect());
    }
    if positive.len() < 2 {
        let mut keys: Vec<u64> = (0..c.ordinals.len()).into_par_iter().map(bound).collect();
        return Some(top_of(&mut keys, limit));
    }
    // Best bound first; a record's exact score never exceeds its bound.
    // Records are scored a batch at a time, on every core, until the next
    // bound cannot beat the worst of the best kept.
    let bounds: Vec<(u64, usize)> = (0..c.ordinals.len())
        .into_par_iter()
        .map(|k| (bound(k), k))
        .collect();
    let mut queue = BinaryHeap::from(bounds);
    let mut kept: BinaryHeap<Reverse<u64>> = BinaryHeap::new();
    let masks = Masks::of(positive, ix.words());
    let fillers = fillers(ix, positive);
    let counted = |t: &Token| !fillers.contains(&t.word);
    let exact = |tokens: &mut Vec<Token>, k: usize| {
        let o = c.ordinals[k];
        let mut parts = Parts::from_grades(&c.grades[k * n..k * n + n], &terms, ix.headline_len(o));
        parts.distance = match &masks {
            Some(m) => m.distance(ix.tokens(o).filter(counted)),
            None => {
                tokens.clear();
                tokens.extend(ix.tokens(o).filter(counted));
                distance(positive, tokens)
            }
        };
        key(parts.score(), o)
    };
    // Batches grow, so that many records are scored in few rounds (each
    // round waits for every core) when bounds rule few out.
    let mut size = BATCH;
    loop {
        let floor = (kept.len() >= limit).then(|| kept.peek().map_or(0, |Reverse(w)| *w));
        let mut batch = Vec::new();
        while batch.len() < size
            && let Some(&(b, k)) = queue.peek()
        {
            if floor.is_some_and(|f| b <= f) {
                break;
            }
            queue.pop();
            batch.push(k);
        }
        if batch.is_empty() {
            break;
        }
        if cancelled() {
            return None;
        }
        size = size.saturating_mul(2);
        let scored: Vec<u64> = batch.into_par_iter().map_init(Vec::new, exact).collect();
        for k in scored {
            kept.push(Reverse(k));
            if kept.len() > limit {
                kept.pop();
            }
        }
    }
    let mut keys: Vec<u64> = kept.into_iter().map(|Reverse(k)| k).collect();
    Some(top_of(&mut keys, limit))
}

/// The words of a possessive ending ("Vietnam's" is "Vietnam" and "s"),
/// not counted between the terms they separate: "Vietnam embassy" is as
/// close in "Vietnam's embassy" as in "Vietnamese embassy". Counted when
/// a term matches them.
fn fillers<'a>(ix: &'a Index, positive: &[&Term]) -> &'a [u32] {
    let ids = ix.vocab.ids("s");
    let matched = positive.iter().any(|t| {
        t.slots
            .iter()
            .any(|s| s.words.iter().any(|(w, _)| ids.contains(w)))
    });
    if matched { &[] } else { ids }
}

/// Records scored together in the first round when ranking by proximity:
/// enough to share among the cores, few enough that scoring stops soon
/// after the best are known; each later round scores twice as many.
const BATCH: usize = 512;

/// The `limit` greatest keys, greatest first, as (score, ordinal).
fn top_of(keys: &mut Vec<u64>, limit: usize) -> Vec<(u32, u32)> {
    if keys.len() > limit {
        keys.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
        keys.truncate(limit);
    }
    keys.sort_unstable_by(|a, b| b.cmp(a));
    keys.iter().map(|&k| unkey(k)).collect()
}

/// Positions of the matched characters of each of `top`'s records.
pub(crate) fn positions(ix: &Index, pattern: &Pattern, top: &[(u32, u32)]) -> Vec<Vec<u32>> {
    let terms = compile(ix, pattern);
    let mut tokens: Vec<Token> = Vec::new();
    top.iter()
        .map(|&(_, o)| {
            tokens.clear();
            tokens.extend(ix.tokens(o));
            let mut out = Vec::new();
            for t in terms.iter().filter(|t| !t.atom.negated) {
                t.positions(ix, &tokens, &mut out);
            }
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_proximity_equals_the_pairwise_one() {
        let ds = crate::synth::generate(crate::synth::Options {
            records: 2_000,
            seed: 5,
        });
        let ix = Index::build(&ds);
        let mut compared = 0;
        for q in [
            "visit 198",
            "visit 19",
            "van van",
            "pham van dong",
            "1987 visit",
            "co th",
            "trade million 19",
            "a b c d e f g h",
        ] {
            let pattern = Pattern::parse(q);
            let terms = compile(&ix, &pattern);
            let positive: Vec<&Term> = terms.iter().collect();
            let Some(masks) = Masks::of(&positive, ix.words()) else {
                panic!("{q}: one word per term, one pass");
            };
            for o in 0..ix.len() as u32 {
                let tokens: Vec<Token> = ix.tokens(o).collect();
                if positive.iter().any(|t| t.best_grade(&tokens) == 0) {
                    continue;
                }
                compared += 1;
                assert_eq!(
                    masks.distance(tokens.iter().copied()),
                    distance(&positive, &tokens),
                    "{q}, record {o}"
                );
            }
        }
        assert!(compared > 500, "{compared}");
    }

    #[test]
    fn keeps_the_best_and_the_earliest_among_equals() {
        let mut keys = vec![key(5, 1), key(7, 2), key(5, 3), key(5, 0), key(9, 4)];
        assert_eq!(top_of(&mut keys, 3), vec![(9, 4), (7, 2), (5, 0)]);
        assert!(key(5, 1) > key(5, 3), "the earlier record ranks first");
    }
}
