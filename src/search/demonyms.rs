//! A country's people and things by the regular English endings:
//! `Vietnamese` finds what names Vietnam, `Mexican` Mexico, `Pakistani`
//! Pakistan — a source writes "the Mexican Foreign Undersecretary" where a
//! record of the Mexico–Pakistan relation writes "Foreign Undersecretary".
//! Read from the dataset's own country names, so any dataset has its
//! countries' adjectives; irregular ones ("French", "Dutch") are not
//! guessed.

use crate::data::Dataset;

use super::words::{lower, words};

/// Endings that make a country's adjective from its name, longest first.
const ENDINGS: [&str; 8] = ["ese", "ian", "ean", "ine", "ish", "an", "i", "n"];

/// Letters of a name past the adjective's stem: "Mexic|o", "Germ|any".
const MAX_REST: usize = 3;

/// The words of the dataset's country names, lower case, each once.
pub(crate) fn country_words(ds: &Dataset) -> Vec<Box<str>> {
    let mut out: Vec<Box<str>> = ds
        .countries
        .iter()
        .flat_map(|c| words(&c.name))
        .map(|w| lower(&w).into_boxed_str())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `word` (folded, any case) is a word of a country's name, as
/// [`country_words`] lists them.
pub(crate) fn is_country_word(word: &str, names: &[Box<str>]) -> bool {
    names.binary_search_by(|n| (**n).cmp(&lower(word))).is_ok()
}

/// The country-name word `word` is the adjective of, if it is one: its
/// stem (the word less an ending, three letters or more) starts the name,
/// which goes on for at most [`MAX_REST`] letters. Never the word itself.
pub(crate) fn country_of<'a>(word: &str, names: &'a [Box<str>]) -> Option<&'a str> {
    let w = lower(word);
    ENDINGS.iter().find_map(|e| {
        let stem = w.strip_suffix(e).filter(|s| s.len() >= 3)?;
        names
            .iter()
            .map(|n| &**n)
            .find(|n| n.starts_with(stem) && n.len() - stem.len() <= MAX_REST && *n != w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<Box<str>> {
        list.iter().map(|n| Box::from(*n)).collect()
    }

    #[test]
    fn adjectives_by_the_regular_endings() {
        let n = names(&[
            "argentina",
            "canada",
            "chile",
            "germany",
            "india",
            "indonesia",
            "korea",
            "mexico",
            "pakistan",
            "south",
            "vietnam",
        ]);
        for (adjective, country) in [
            ("Vietnamese", "vietnam"),
            ("mexican", "mexico"),
            ("Pakistani", "pakistan"),
            ("canadian", "canada"),
            ("chilean", "chile"),
            ("argentine", "argentina"),
            ("german", "germany"),
            ("korean", "korea"),
            ("indian", "india"),
            ("indonesian", "indonesia"),
        ] {
            assert_eq!(country_of(adjective, &n), Some(country), "{adjective}");
        }
        // Names, other words and irregular adjectives are not adjectives.
        for word in [
            "vietnam", "mexico", "embassy", "asian", "french", "souths", "in",
        ] {
            assert_eq!(country_of(word, &n), None, "{word}");
        }
    }

    #[test]
    fn the_names_are_the_datasets() {
        let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
        let n = country_words(&ds);
        assert_eq!(country_of("Vietnamese", &n), Some("vietnam"));
        assert_eq!(country_of("Pakistani", &n), Some("pakistan"));
        assert_eq!(country_of("Japanese", &n), None, "no Japan in the dataset");
    }
}
