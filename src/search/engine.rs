//! Running one query over many records: in parallel slices that share the
//! best hits found so far, with a cancellation check between slices.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::index::Index;
use super::matcher::{Compiled, Scratch, UNKNOWN_END};
use super::pattern::Pattern;

/// Records per slice: small enough that a cancelled search stops within a
/// fraction of a millisecond and both cores stay busy to the end, large
/// enough that the bookkeeping per slice is noise.
const SLICE: usize = 8192;

/// The hits of one slice, kept as they are: a query's hits are a list of
/// chunks rather than one long array, so a keystroke never copies (or
/// faults in fresh memory for) millions of ordinals.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chunk {
    /// Matching ordinals, ascending.
    pub ordinals: Vec<u32>,
    /// Where the query's last term matched in each (see `matcher.rs`);
    /// empty when that term's matches cannot be resumed from.
    pub ends: Vec<u32>,
}

/// The records a query runs over.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Candidates<'a> {
    /// Ascending ranges of ordinals (a scope).
    Ranges(&'a [Range<u32>]),
    /// The hits of `base`, a query this one narrows.
    List {
        chunks: &'a [Chunk],
        base: &'a Pattern,
    },
}

impl Candidates<'_> {
    pub(crate) fn len(&self) -> usize {
        match self {
            Candidates::Ranges(rs) => rs.iter().map(|r| r.len()).sum(),
            Candidates::List { chunks, .. } => chunks.iter().map(|c| c.ordinals.len()).sum(),
        }
    }
}

/// What a completed run found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    /// Every matching record, in ascending order chunk after chunk.
    pub matched: Vec<Chunk>,
    /// The best `limit` hits as (score, ordinal), best first; ties go to the
    /// earlier record.
    pub top: Vec<(u32, u32)>,
}

impl Outcome {
    pub(crate) fn total(&self) -> usize {
        self.matched.iter().map(|c| c.ordinals.len()).sum()
    }
}

/// Ranks a record: by score, then the earlier record first. Packed so the
/// floor can be one atomic word that every slice reads.
#[inline]
fn key(score: u32, ordinal: u32) -> u64 {
    u64::from(score) << 32 | u64::from(u32::MAX - ordinal)
}

fn unkey(k: u64) -> (u32, u32) {
    ((k >> 32) as u32, u32::MAX - k as u32)
}

/// The best hits found so far by all slices. Once full, the worst of them
/// is the floor: a record that cannot rank above it is not graded.
struct Best {
    limit: usize,
    heap: Mutex<BinaryHeap<Reverse<u64>>>,
    /// The key of the worst of `heap` once it holds `limit` entries; 0 before.
    floor: AtomicU64,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            limit,
            heap: Mutex::new(BinaryHeap::new()),
            // With no hits wanted, every record only needs counting.
            floor: AtomicU64::new(if limit == 0 { u64::MAX } else { 0 }),
        }
    }

    fn floor(&self) -> u64 {
        self.floor.load(Ordering::Relaxed)
    }

    fn offer(&self, score: u32, ordinal: u32) {
        let k = key(score, ordinal);
        if self.limit == 0 || k <= self.floor() {
            return;
        }
        // A poisoned lock only means another slice panicked; the heap is
        // still a valid heap.
        let mut heap = self.heap.lock().unwrap_or_else(|e| e.into_inner());
        if heap.len() < self.limit {
            heap.push(Reverse(k));
        } else if heap.peek().is_some_and(|Reverse(worst)| k > *worst) {
            heap.pop();
            heap.push(Reverse(k));
        }
        if heap.len() >= self.limit
            && let Some(Reverse(worst)) = heap.peek()
        {
            self.floor.store(*worst, Ordering::Relaxed);
        }
    }

    fn into_entries(self) -> Vec<u64> {
        let heap = self.heap.into_inner().unwrap_or_else(|e| e.into_inner());
        heap.into_iter().map(|Reverse(k)| k).collect()
    }
}

/// What one slice found in the first pass.
struct Part {
    /// Records graded and found to match.
    hits: Chunk,
    /// Records set aside: they cannot be among the best hits, and are only
    /// tested in the second phase, for the count. With the earlier query's
    /// match ends when known.
    aside: Chunk,
}

/// One unit of parallel work: ordinals, and the base's match ends for them.
enum Slice<'a> {
    Range(Range<u32>),
    List(&'a [u32], Option<&'a [u32]>),
}

fn slices(c: Candidates<'_>) -> Vec<Slice<'_>> {
    match c {
        Candidates::List { chunks, .. } => chunks
            .iter()
            .filter(|c| !c.ordinals.is_empty())
            .map(|c| {
                let ends = (c.ends.len() == c.ordinals.len()).then_some(&c.ends[..]);
                Slice::List(&c.ordinals, ends)
            })
            .collect(),
        Candidates::Ranges(rs) => rs
            .iter()
            .flat_map(|r| {
                (r.start..r.end)
                    .step_by(SLICE)
                    .map(move |s| Slice::Range(s..(s + SLICE as u32).min(r.end)))
            })
            .collect(),
    }
}

/// Told the best hits, (score, ordinal) best first, as soon as they are
/// final, with how many records matched so far.
pub(crate) type OnBest<'a> = &'a mut dyn FnMut(&[(u32, u32)], usize);

/// Runs `pattern` over `candidates`, keeping the best `limit` hits. Returns
/// `None` as soon as `cancelled` says so (checked between slices).
///
/// Phase one finds the best hits. A record's sketch bounds its score; a
/// record whose bound cannot beat the `limit` best found so far is set
/// aside untested. The others are graded; terms found only as scattered
/// letters are bounded first and scored by nucleo only if the bound still
/// beats the best found so far. Then `on_best` receives the best hits,
/// final, and how many records matched so far.
///
/// Phase two tests the records set aside, for the exact count and for the
/// next query to narrow from.
pub(crate) fn run(
    ix: &Index,
    pattern: &Pattern,
    candidates: Candidates,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
    on_best: OnBest,
) -> Option<Outcome> {
    let slices = slices(candidates);
    if pattern.is_empty() {
        let all = everything(&slices, limit);
        on_best(&all.top, all.total());
        return Some(all);
    }
    let base = match candidates {
        Candidates::List { base, .. } => Some(base),
        Candidates::Ranges(_) => None,
    };
    let compiled = Compiled::narrowing(pattern, base);
    if compiled.needs_other && !ix.has_others() {
        on_best(&[], 0);
        return Some(Outcome::default());
    }
    let track = compiled.tracks_ends();
    // When testing costs nothing, a record set aside is a hit at once.
    let free = compiled.test_is_free();
    let best = Best::new(limit);
    let parts: Vec<Part> = slices
        .par_iter()
        .map_init(Scratch::default, |scratch, slice| {
            if cancelled() {
                return None;
            }
            let mut part = Part {
                hits: Chunk::default(),
                aside: Chunk::default(),
            };
            let mut visit = |o: u32, prev_end: Option<u32>| {
                let Some(look) = compiled.first_look(ix, o) else {
                    return;
                };
                let floor = best.floor();
                if key(look.hi, o) < floor {
                    if free {
                        // Reads nothing: every remaining term is vouched for.
                        let prev = prev_end.unwrap_or(UNKNOWN_END);
                        if let Some(end) = compiled.test(ix, o, prev, scratch) {
                            part.hits.ordinals.push(o);
                            if track {
                                part.hits.ends.push(end);
                            }
                        }
                    } else {
                        part.aside.ordinals.push(o);
                        part.aside.ends.extend(prev_end);
                    }
                    return;
                }
                let prev = prev_end.unwrap_or(UNKNOWN_END);
                let Some((b, end)) = compiled.grade(ix, o, look, prev, scratch) else {
                    return;
                };
                part.hits.ordinals.push(o);
                if track {
                    part.hits.ends.push(end);
                }
                if b.lo == b.hi {
                    best.offer(b.lo, o);
                } else if key(b.hi, o) >= best.floor() {
                    // Scattered letters that could still rank: score them now,
                    // so the floor rises and later ones can be skipped.
                    best.offer(compiled.exact(ix, o, scratch), o);
                }
            };
            match slice {
                Slice::Range(r) => r.clone().for_each(|o| visit(o, None)),
                Slice::List(l, Some(ends)) => {
                    l.iter().zip(*ends).for_each(|(&o, &e)| visit(o, Some(e)));
                }
                Slice::List(l, None) => l.iter().for_each(|&o| visit(o, None)),
            }
            Some(part)
        })
        .collect::<Option<Vec<_>>>()?;

    let mut top: Vec<(u32, u32)> = best.into_entries().into_iter().map(unkey).collect();
    sort_top(&mut top, limit);
    on_best(&top, parts.iter().map(|p| p.hits.ordinals.len()).sum());

    let matched: Vec<Chunk> = parts
        .into_par_iter()
        .map_init(Scratch::default, |scratch, part| {
            if cancelled() {
                return None;
            }
            Some(complete(&compiled, ix, part, track, scratch))
        })
        .collect::<Option<Vec<_>>>()?;
    let matched = matched
        .into_iter()
        .filter(|c| !c.ordinals.is_empty())
        .collect();
    Some(Outcome { matched, top })
}

/// Phase two for one slice: tests the records set aside and merges them
/// with those graded, in ascending order.
fn complete(compiled: &Compiled, ix: &Index, part: Part, track: bool, s: &mut Scratch) -> Chunk {
    let Part { hits, aside, .. } = part;
    if aside.ordinals.is_empty() {
        return hits;
    }
    let mut tested = Chunk::default();
    for (i, &o) in aside.ordinals.iter().enumerate() {
        let prev = aside.ends.get(i).copied().unwrap_or(UNKNOWN_END);
        if let Some(end) = compiled.test(ix, o, prev, s) {
            tested.ordinals.push(o);
            if track {
                tested.ends.push(end);
            }
        }
    }
    if hits.ordinals.is_empty() {
        return tested;
    }
    merge(hits, tested, track)
}

/// Merges two ascending chunks.
fn merge(a: Chunk, b: Chunk, track: bool) -> Chunk {
    let n = a.ordinals.len() + b.ordinals.len();
    let mut out = Chunk {
        ordinals: Vec::with_capacity(n),
        ends: Vec::with_capacity(if track { n } else { 0 }),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.ordinals.len() || j < b.ordinals.len() {
        let take_a =
            j >= b.ordinals.len() || (i < a.ordinals.len() && a.ordinals[i] < b.ordinals[j]);
        let (src, k) = if take_a { (&a, &mut i) } else { (&b, &mut j) };
        out.ordinals.push(src.ordinals[*k]);
        if track {
            out.ends
                .push(src.ends.get(*k).copied().unwrap_or(UNKNOWN_END));
        }
        *k += 1;
    }
    out
}

/// The empty query: every candidate matches equally, in document order.
fn everything(slices: &[Slice], limit: usize) -> Outcome {
    let matched: Vec<Chunk> = slices
        .iter()
        .map(|s| Chunk {
            ordinals: match s {
                Slice::Range(r) => r.clone().collect(),
                Slice::List(l, _) => l.to_vec(),
            },
            ends: Vec::new(),
        })
        .collect();
    let top = matched
        .iter()
        .flat_map(|c| &c.ordinals)
        .take(limit)
        .map(|&o| (0, o))
        .collect();
    Outcome { matched, top }
}

/// Best first; the earlier record first among equals.
fn sort_top(top: &mut Vec<(u32, u32)>, limit: usize) {
    top.sort_unstable_by_key(|&(s, o)| (Reverse(s), o));
    top.truncate(limit);
}

/// Positions of the matched characters of each of `top`'s records, in parallel.
pub(crate) fn positions(ix: &Index, pattern: &Pattern, top: &[(u32, u32)]) -> Vec<Vec<u32>> {
    if pattern.is_empty() {
        return vec![Vec::new(); top.len()];
    }
    let compiled = Compiled::new(pattern);
    top.par_iter()
        .map_init(Scratch::default, |s, &(_, o)| compiled.positions(ix, o, s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_best_and_the_earliest_among_equals() {
        let b = Best::new(2);
        b.offer(5, 1);
        b.offer(7, 2);
        assert_eq!(unkey(b.floor()), (5, 1));
        b.offer(5, 3);
        b.offer(5, 0);
        assert_eq!(unkey(b.floor()), (5, 0));
        b.offer(9, 4);
        let mut top: Vec<(u32, u32)> = b.into_entries().into_iter().map(unkey).collect();
        sort_top(&mut top, 2);
        assert_eq!(top, vec![(9, 4), (7, 2)]);
        assert!(key(5, 1) > key(5, 3), "the earlier record ranks first");
    }

    #[test]
    fn merges_in_order_with_ends() {
        let a = Chunk {
            ordinals: vec![1, 5, 9],
            ends: vec![10, 50, 90],
        };
        let b = Chunk {
            ordinals: vec![2, 6],
            ends: vec![20, 60],
        };
        let m = merge(a, b, true);
        assert_eq!(m.ordinals, vec![1, 2, 5, 6, 9]);
        assert_eq!(m.ends, vec![10, 20, 50, 60, 90]);
    }

    #[test]
    fn slices_cover_every_candidate_once() {
        let rs = [0..10_000u32, 20_000..20_005];
        let n: usize = slices(Candidates::Ranges(&rs))
            .iter()
            .map(|s| match s {
                Slice::Range(r) => r.len(),
                Slice::List(l, _) => l.len(),
            })
            .sum();
        assert_eq!(n, 10_005);
    }
}
