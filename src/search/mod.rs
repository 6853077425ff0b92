//! Search over every record of a dataset, with the rules of document search
//! engines (Meilisearch, Algolia, Typesense) and fzf's query syntax; fast at
//! a million records.
//!
//! One engine serves the command line and the interface:
//!
//! - [`Index::build`] splits every record's text into words once, folded to
//!   ASCII ("Đồng" → "Dong"), using every core: the headline, the dates and
//!   amounts as displayed ("September 1979", "1979-09", "≈ US$15 billion"),
//!   the kind, the relation, details, people, offices, places, products and
//!   facts (see [`Fields`]). It keeps the distinct words, and for each word
//!   the records that hold it.
//! - A query is terms in any order, all of which must match (see
//!   [`pattern`]): `'exact`, `^start`, `end$`, `!not`; smart case;
//!   diacritics-insensitive.
//! - Each word of a term matches a word of a record exactly, as its start,
//!   with a typo, or by its letters in order inside that one word, never
//!   letters scattered across words (see [`vocab`]).
//! - Ranking (see [`score`]): how well each term matched, then how close
//!   the terms are, then in which field, then the headline's length, then
//!   document order.
//! - [`search`] answers one query on the calling thread.
//! - [`Searcher`] answers queries as they are typed, on a worker thread:
//!   newest query wins, earlier ones are cancelled.
//!
//! Every [`Hit`] carries the [`RecordRef`], the score and the positions of
//! the matched characters: character indices into the record's
//! [`haystack`], whose first field is [`Record::headline`](crate::query::Record::headline),
//! so [`Hit::headline_positions`] are character indices into the line a
//! list shows. [`matched_fields`] splits the positions by field for a detail
//! view.
//!
//! # In an interface
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Duration;
//! use bilateral::data::Dataset;
//! use bilateral::search::{Index, Results, Scope, Searcher};
//!
//! let ds = bilateral::data::load_embedded().unwrap();
//! // Once per dataset; about two seconds for a million records, so an
//! // interface builds it on a thread of its own.
//! let index = Arc::new(Index::build(&ds));
//! let mut searcher = Searcher::new(Arc::clone(&index));
//! searcher.set_scope(Scope::all()); // or one relation, one kind
//!
//! // On every edit of the search box; never blocks:
//! searcher.submit("ng");
//! searcher.submit("nguyne thach"); // a typo: still found
//!
//! // On every frame; never blocks. Only the newest query's results come.
//! if let Some(results) = searcher.try_recv() {
//!     draw(&ds, &results);
//! }
//! # let results = searcher.wait(Duration::from_secs(10)).unwrap();
//! # assert_eq!(draw(&ds, &results)[0], "Minister of Foreign Affairs [Nguyen] Co [Thach] to Mexico");
//!
//! /// Each hit's headline, matched characters in brackets.
//! fn draw(ds: &Dataset, results: &Results) -> Vec<String> {
//!     // `results.total` records matched in all, `results.hits` the best.
//!     let mut lines = Vec::new();
//!     for hit in &results.hits {
//!         let Some((rel, rec)) = hit.record.resolve(ds) else { continue };
//!         let mut line = String::new();
//!         for (i, c) in rec.headline(ds, rel).chars().enumerate() {
//!             if hit.headline_positions().contains(&(i as u32)) {
//!                 line.push('[');
//!                 line.push(c);
//!                 line.push(']');
//!             } else {
//!                 line.push(c);
//!             }
//!         }
//!         lines.push(line.replace("][", ""));
//!     }
//!     lines
//! }
//! ```

mod acronyms;
pub mod cache;
mod demonyms;
mod engine;
mod fields;
pub mod fold;
pub(crate) mod forms;
mod index;
mod matcher;
pub mod pattern;
pub mod score;
mod session;
pub mod snippet;
mod variants;
pub mod vocab;
mod words;

use crate::data::Dataset;
use crate::query::RecordRef;

pub use cache::{IndexCache, Opened, open_index};
pub use fields::{FieldMatch, Fields, Weight, haystack, matched_fields};
pub use index::{Index, Scope};
pub use pattern::{Atom, AtomKind, Pattern};
pub use session::{DEFAULT_LIMIT, Searcher};
pub use snippet::Snippet;

/// One record that matched a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub record: RecordRef,
    /// The record's number in the index (document order).
    pub ordinal: u32,
    /// Higher is better; comparable between hits of the same query only.
    pub score: u32,
    /// Character indices into the record's [`haystack`], ascending, of the
    /// characters the query matched.
    pub positions: Vec<u32>,
    /// Length in characters of the headline, the haystack's first field.
    pub headline_len: u32,
}

impl Hit {
    /// The positions that fall in [`Record::headline`](crate::query::Record::headline):
    /// character indices into it.
    pub fn headline_positions(&self) -> &[u32] {
        let cut = self.positions.partition_point(|&p| p < self.headline_len);
        &self.positions[..cut]
    }
}

/// The answer to one query.
#[derive(Debug, Clone)]
pub struct Results {
    /// The ticket [`Searcher::submit`] returned for this query (0 from [`search`]).
    pub ticket: u64,
    pub query: String,
    pub scope: Scope,
    /// The best hits, best first, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// How many records of the scope matched in all.
    pub total: usize,
    /// How many records matched in each relation (by index in
    /// `Dataset::relations`), whatever relations the scope names.
    pub by_relation: Vec<usize>,
}

/// Answers one query: the best `limit` hits (`usize::MAX` for all) among the
/// records of `scope`, and how many matched in all. Blocks until done.
pub fn search(ix: &Index, query: &str, scope: &Scope, limit: usize) -> Results {
    answer(ix, &Pattern::parse(query), query, scope, limit)
}

/// [`search`] for a query already parsed.
fn answer(ix: &Index, pattern: &Pattern, query: &str, scope: &Scope, limit: usize) -> Results {
    session::run(ix, pattern, query, scope, limit, &|| false).unwrap_or_else(|| Results {
        ticket: 0,
        query: query.to_string(),
        scope: scope.clone(),
        hits: Vec::new(),
        total: 0,
        by_relation: Vec::new(),
    })
}

/// Answers one query over a dataset that has no index, as `bilateral
/// search` does: only the records holding a word some term could match
/// are indexed ([`Index::build_for_query`]), with its words joined in pairs
/// and its abbreviations written out. The results are those of the whole
/// index (ordinals aside).
///
/// The query is complete ([`Pattern::parse_complete`]): a command line's
/// last word is not being typed, so "force" finds nothing rather than the
/// start of "former" with a typo.
pub fn search_once(ds: &Dataset, query: &str, scope: &Scope, limit: usize) -> Results {
    let pattern = Pattern::parse_complete(query);
    // Whether two words are one split in two ("viet nam") asks every word
    // of the dataset, and a query found nowhere as typed is tried with words
    // joined: the records their joined forms could match are indexed too.
    let ix = Index::build_for_joined(ds, &pattern);
    answer(&ix, &pattern, query, scope, limit)
}

#[cfg(test)]
mod tests;
