//! The relation picker: a filter typed by the user and the entries it matches.

use crate::data::Dataset;
use crate::search::fold::{fold, is_foldable};

use super::input::TextInput;
use super::list::ListState;

/// The picker's state while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    pub(super) input: TextInput,
    /// Matching entries: `None` is "All relations", `Some(i)` a relation.
    matches: Vec<Option<usize>>,
    pub(super) list: ListState,
}

impl Picker {
    /// The picker over every entry, with `current` selected.
    pub(super) fn open(ds: &Dataset, current: Option<usize>) -> Picker {
        let mut p = Picker::default();
        p.refilter(ds);
        let at = p.matches.iter().position(|m| *m == current).unwrap_or(0);
        p.list.select(at, p.matches.len());
        p
    }

    /// The filter as typed.
    pub fn query(&self) -> &str {
        self.input.text()
    }

    pub fn input(&self) -> &TextInput {
        &self.input
    }

    pub fn matches(&self) -> &[Option<usize>] {
        &self.matches
    }

    pub fn list(&self) -> ListState {
        self.list
    }

    /// The entry under the selection.
    pub fn chosen(&self) -> Option<Option<usize>> {
        self.matches.get(self.list.selected()).copied()
    }

    /// Recomputes the matches: every word of the filter must appear in the
    /// relation's id or a country's name, ignoring case and accents, as
    /// search does ("cote" finds "Côte d'Ivoire").
    pub(super) fn refilter(&mut self, ds: &Dataset) {
        let words: Vec<Needle> = self.query().split_whitespace().map(Needle::new).collect();
        let hit = |text: &str| words.iter().all(|w| w.is_in(text));
        self.matches.clear();
        if hit("all relations") {
            self.matches.push(None);
        }
        for (i, rel) in ds.relations.iter().enumerate() {
            let text = format!(
                "{} {} {}",
                rel.id,
                ds.country_name(&rel.countries[0]),
                ds.country_name(&rel.countries[1])
            );
            if hit(&text) {
                self.matches.push(Some(i));
            }
        }
        self.list.select(self.list.selected(), self.matches.len());
    }
}

/// A word of the filter, ready to look for.
enum Needle {
    /// Folded to lower-case ASCII, for words of Latin letters.
    Folded(Vec<u8>),
    /// Lower-cased as typed, for words in other scripts, which fold to
    /// nothing that tells them apart.
    Other(String),
}

impl Needle {
    fn new(word: &str) -> Needle {
        if word.chars().all(is_foldable) {
            Needle::Folded(lowered(word))
        } else {
            Needle::Other(word.to_lowercase())
        }
    }

    fn is_in(&self, text: &str) -> bool {
        match self {
            Needle::Folded(w) => memchr::memmem::find(&lowered(text), w).is_some(),
            Needle::Other(w) => text.to_lowercase().contains(w.as_str()),
        }
    }
}

fn lowered(s: &str) -> Vec<u8> {
    let mut b = fold(s);
    b.make_ascii_lowercase();
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needle_in(word: &str, text: &str) -> bool {
        Needle::new(word).is_in(text)
    }

    #[test]
    fn words_match_without_case_or_accents() {
        assert!(needle_in("cote", "CIV Côte d'Ivoire Mexico"));
        assert!(needle_in("DONG", "Đồng"));
        assert!(needle_in("côte", "cote"));
        assert!(!needle_in("cotes", "Côte"));
    }

    #[test]
    fn words_in_other_scripts_match_as_typed() {
        assert!(needle_in("中国", "CHN 中国 Mexico"));
        assert!(!needle_in("中国", "JPN 日本 Mexico"));
    }
}
