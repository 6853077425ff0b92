//! Search over every record of a dataset.

use crate::data::Dataset;
use crate::query::{Kind, RecordRef, records_of};

/// One hit: the record and how well it matched (higher is better).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub record: RecordRef,
    pub score: u32,
}

/// The text a record is found by: its own words plus its dates and amounts as displayed.
pub fn haystack(ds: &Dataset, r: &RecordRef) -> String {
    let Some((rel, rec)) = r.resolve(ds) else {
        return String::new();
    };
    let mut parts: Vec<String> = vec![rec.kind().label().to_string(), rec.headline(ds, rel)];
    parts.extend(rec.texts().into_iter().map(str::to_string));
    if let Some(d) = rec.date() {
        parts.push(d.to_string());
        parts.push(d.iso());
    }
    parts.join(" ")
}

/// Records where every word of the query appears, case-insensitively; best first.
pub fn search_words(
    ds: &Dataset,
    query: &str,
    relations: &[usize],
    kind: Option<Kind>,
) -> Vec<Hit> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for &ri in relations {
        let Some(rel) = ds.relations.get(ri) else {
            continue;
        };
        for r in records_of(rel, ri).filter(|r| kind.is_none_or(|k| r.kind == k)) {
            let text = haystack(ds, &r).to_lowercase();
            if words.iter().all(|w| text.contains(w.as_str())) {
                let score = words
                    .iter()
                    .map(|w| text.matches(w.as_str()).count() as u32)
                    .sum();
                hits.push(Hit { record: r, score });
            }
        }
    }
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}
