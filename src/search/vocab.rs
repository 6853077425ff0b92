//! The distinct words of an index, and which of them a query word matches.
//!
//! A query word matches a record word in one of five tiers, best first:
//! 1. [`Tier::Exact`]: the same word ("rice" → "rice"), or the word in
//!    the other number ("embassies" → "embassy", see
//!    [`number`](super::forms::number));
//! 2. [`Tier::Prefix`]: the start of a longer word ("agricult" → "agriculture");
//! 3. [`Tier::Form`]: another form of the word: a verb's plain form or
//!    past ("visited" → "visit"), a word of its stem ("membership" →
//!    "members"), an ordinal's number (see [`forms`](super::forms::forms));
//! 4. [`Tier::Typo`]: the word with one typo — a letter added, missing,
//!    wrong, or two letters swapped — for query words of 5 characters or
//!    more, two for 9 or more, none in numbers ("zacatekas" → "zacatecas");
//!    the word being typed (the query's last, with no space after it), when
//!    no word is it, starts with it or is it with typos, matches the start
//!    of a word with as many typos ("zacatek" → "zacatecas"), none of them
//!    a letter too many ("gender" is not "gener-al");
//! 5. [`Tier::InWord`]: the query word's letters in order inside one word,
//!    starting with its first letter and making at least half of it
//!    ("phm" → "pham", "dng" → "dong", not "shoes" → "stakeholders") —
//!    only when no word of the index matches it in the tiers above, so
//!    that "rice" never finds "residence".
//!
//! Words are compared folded ("Đồng" is "Dong") and, unless the query word
//! holds a capital letter (smart case), lower-cased.

use super::forms::{forms, number};
use super::words::{has_digit, lower};

/// How well a query word matched a word of a record; the order is the rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Tier {
    InWord = 0,
    Typo = 1,
    /// Another form of the word: a verb's, its stem's, an ordinal's.
    Form = 2,
    Prefix = 3,
    Exact = 4,
}

/// Typos a query word of `chars` characters may hold: none below 5, one
/// from 5, two from 9 (the defaults of Meilisearch and Algolia).
pub fn typo_budget(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Words longer than this are compared exactly only: an edit distance over
/// them costs more than it can find.
const MAX_TYPO_LEN: usize = 64;

/// The distinct words of an index. Each *cased* word (as written, folded:
/// "Dong", "dong") has an id; the distinct lower-case forms are kept sorted,
/// each with the ids of its cased forms.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    cased: Vec<Box<str>>,
    /// Distinct lower-case forms, sorted.
    lowers: Vec<Box<str>>,
    /// For each lower-case form, its cased ids: `ids[starts[l]..starts[l + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

/// How a query word is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Want<'a> {
    /// Folded; lower-cased unless `case_sensitive`.
    pub word: &'a str,
    pub case_sensitive: bool,
    /// Only the exact word ('exact, and every word of a phrase but its last).
    pub exact_only: bool,
    /// No typos and no letters in order (anchors, exclusions, phrases).
    pub strict: bool,
    /// The word is being typed: it may match the start of a word with typos.
    pub open: bool,
}

impl Vocab {
    /// A vocabulary of these cased words, in id order.
    pub(crate) fn new(cased: Vec<Box<str>>) -> Vocab {
        let lowered: Vec<Box<str>> = cased.iter().map(|w| lower(w).into_boxed_str()).collect();
        let mut order: Vec<u32> = (0..cased.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| lowered[a as usize].cmp(&lowered[b as usize]));
        let mut lowers: Vec<Box<str>> = Vec::new();
        let mut starts = Vec::new();
        for (i, &id) in order.iter().enumerate() {
            let l = &lowered[id as usize];
            if lowers.last() != Some(l) {
                starts.push(i as u32);
                lowers.push(l.clone());
            }
        }
        starts.push(order.len() as u32);
        Vocab {
            cased,
            lowers,
            starts,
            ids: order,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.cased.len()
    }

    /// Every cased word, in id order.
    pub(crate) fn words(&self) -> &[Box<str>] {
        &self.cased
    }

    /// The cased form of word `id`.
    pub(crate) fn word(&self, id: u32) -> &str {
        self.cased.get(id as usize).map_or("", |w| w)
    }

    pub(crate) fn memory_bytes(&self) -> usize {
        let strings: usize = self.cased.iter().chain(&self.lowers).map(|w| w.len()).sum();
        strings
            + (self.cased.capacity() + self.lowers.capacity()) * std::mem::size_of::<Box<str>>()
            + (self.starts.capacity() + self.ids.capacity()) * 4
    }

    /// Whether some word of the index is `word`, in any case.
    pub(crate) fn has(&self, word: &str) -> bool {
        !self.ids(word).is_empty()
    }

    /// The ids of `word` in every case.
    pub(crate) fn ids(&self, word: &str) -> &[u32] {
        let key = lower(word);
        match self.lowers.binary_search_by(|w| (**w).cmp(&*key)) {
            Ok(l) => self.ids_of(l),
            Err(_) => &[],
        }
    }

    /// The cased ids of lower-case form `l`.
    fn ids_of(&self, l: usize) -> &[u32] {
        let (a, b) = (self.starts[l] as usize, self.starts[l + 1] as usize);
        &self.ids[a..b]
    }

    /// Every word `want` matches, with its tier.
    ///
    /// Smart case narrows, never empties: a query word with a capital keeps
    /// the words of its case when they match as well as any word does
    /// ("Van" finds "Van", not "van"); otherwise its case is let go, so
    /// "Cotton" at the start of a sentence still finds "cotton".
    pub(crate) fn matches(&self, want: &Want) -> Vec<(u32, Tier)> {
        let all = self.matches_any_case(want);
        if !want.case_sensitive {
            return all;
        }
        let cased: Vec<(u32, Tier)> = all
            .iter()
            .copied()
            .filter(|&(id, tier)| cased_fits(want, self.word(id), tier))
            .collect();
        let best = |v: &[(u32, Tier)]| v.iter().map(|m| m.1).max();
        if !cased.is_empty() && best(&cased) == best(&all) {
            cased
        } else {
            all
        }
    }

    /// Every word `want` matches in any case, with its tier.
    fn matches_any_case(&self, want: &Want) -> Vec<(u32, Tier)> {
        let key = lower(want.word);
        let mut out: Vec<(u32, Tier)> = Vec::new();
        let push = |out: &mut Vec<(u32, Tier)>, l: usize, tier: Tier| {
            out.extend(self.ids_of(l).iter().map(|&id| (id, tier)));
        };
        let find = |f: &String| self.lowers.binary_search_by(|w| (**w).cmp(f)).ok();
        // The word in the other number is the word ("visits" → "visit"),
        // unless only the word as typed is wanted.
        let numbered: Vec<usize> = if want.exact_only || want.strict {
            Vec::new()
        } else {
            number(&key).iter().filter_map(find).collect()
        };
        // Exact and prefix: the sorted run of words starting with the word.
        let from = self.lowers.partition_point(|w| **w < *key);
        for l in from..self.lowers.len() {
            let w = &*self.lowers[l];
            if !w.starts_with(&*key) {
                break;
            }
            if w.len() == key.len() || numbered.contains(&l) {
                push(&mut out, l, Tier::Exact);
            } else if !want.exact_only {
                push(&mut out, l, Tier::Prefix);
            }
        }
        if want.exact_only || want.strict {
            return out;
        }
        for &l in numbered
            .iter()
            .filter(|&&l| !self.lowers[l].starts_with(&*key))
        {
            push(&mut out, l, Tier::Exact);
        }
        // The word's other forms (its verb's, its stem's, an ordinal's
        // number): below the word, above a typo.
        let formed: Vec<usize> = forms(&key)
            .iter()
            .filter_map(find)
            .filter(|&l| !self.lowers[l].starts_with(&*key) && !numbered.contains(&l))
            .collect();
        for &l in &formed {
            push(&mut out, l, Tier::Form);
        }
        // Numbers take no typos.
        if has_digit(&key) {
            return out;
        }
        let chars: Vec<char> = key.chars().collect();
        let budget = typo_budget(chars.len());
        if budget > 0 && chars.len() <= MAX_TYPO_LEN {
            let mut buf = Vec::new();
            // Whole words first; the start of a word only for the word being
            // typed, and only when nothing else matches it.
            for open in [false, true] {
                if open && (!want.open || !out.is_empty()) {
                    break;
                }
                for (l, w) in self.lowers.iter().enumerate() {
                    if w.starts_with(&*key)
                        || has_digit(w)
                        || formed.contains(&l)
                        || numbered.contains(&l)
                    {
                        continue;
                    }
                    if within_typos(&chars, w, budget, open, &mut buf) {
                        push(&mut out, l, Tier::Typo);
                    }
                }
            }
        }
        if out.is_empty() && chars.len() >= 2 {
            for (l, w) in self.lowers.iter().enumerate() {
                if letters_in_order(&chars, w) && !has_digit(w) {
                    push(&mut out, l, Tier::InWord);
                }
            }
        }
        out
    }
}

/// Whether a case-sensitive query word fits the case of a record word:
/// compared letter for letter over what the query word covers.
fn cased_fits(want: &Want, word: &str, tier: Tier) -> bool {
    match tier {
        // The word itself, or in the other number with its capitals.
        Tier::Exact => {
            word == want.word || (lower(word) != lower(want.word) && caps_in_order(want.word, word))
        }
        Tier::Prefix => word.starts_with(want.word),
        // Typos and letters in order: the capitals of the query word must
        // be capitals of the word, in order.
        Tier::Form | Tier::Typo | Tier::InWord => caps_in_order(want.word, word),
    }
}

/// Whether the capitals of `query` are capitals of `word`, in order.
fn caps_in_order(query: &str, word: &str) -> bool {
    let caps = |s: &str| -> Vec<char> { s.chars().filter(|c| c.is_uppercase()).collect() };
    let (want_caps, word_caps) = (caps(query), caps(word));
    let mut it = word_caps.iter();
    want_caps.iter().all(|c| it.any(|d| d == c))
}

/// Whether `word` is within `budget` typos of `query` (the optimal string
/// alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours); with `open`, whether some start of `word` as long as
/// `query` or longer is: a letter typed wrong, left out or swapped, never
/// one too many, which would let a whole word that is found nowhere
/// ("gender", "force") match the start of another ("gener-al", "fore-ign").
fn within_typos(
    query: &[char],
    word: &str,
    budget: usize,
    open: bool,
    buf: &mut Vec<char>,
) -> bool {
    buf.clear();
    buf.extend(word.chars());
    let (m, n) = (query.len(), buf.len());
    // A whole word differs in length by at most the typos; a start is at
    // least as long as what was typed.
    let too_far = if open { n < m } else { n.abs_diff(m) > budget };
    if n > MAX_TYPO_LEN || too_far {
        return false;
    }
    osa(query, buf, budget, open.then_some(m)).is_some()
}

/// The optimal string alignment distance between `a` and `b` (or, with
/// `prefix: Some(s)`, between `a` and the closest start of `b` holding `s`
/// elements or more) when it is at most `k`; `None` when it is more. Three
/// rows, cut short once a row holds nothing within `k`.
pub(crate) fn osa<T: PartialEq>(
    a: &[T],
    b: &[T],
    k: usize,
    prefix: Option<usize>,
) -> Option<usize> {
    let n = b.len();
    let far = k + 1;
    let mut two_up: Vec<usize> = vec![far; n + 1];
    let mut up: Vec<usize> = (0..=n).map(|j| j.min(far)).collect();
    let mut row: Vec<usize> = vec![far; n + 1];
    for i in 1..=a.len() {
        row[0] = i.min(far);
        let mut best = row[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (up[j] + 1).min(row[j - 1] + 1).min(up[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_up[j - 2] + 1);
            }
            row[j] = d.min(far);
            best = best.min(row[j]);
        }
        if best > k {
            return None;
        }
        std::mem::swap(&mut two_up, &mut up);
        std::mem::swap(&mut up, &mut row);
    }
    let d = match prefix {
        Some(s) => up
            .get(s..)
            .and_then(|r| r.iter().copied().min())
            .unwrap_or(far),
        None => up[n],
    };
    (d <= k).then_some(d)
}

/// Whether the letters of `query` occur in order in `word`, the first
/// being the word's first, and make at least half of it: "phm" is "Pham",
/// "mshrf" "Musharraf", but "shoes" is not "stakeholders".
fn letters_in_order(query: &[char], word: &str) -> bool {
    if word.chars().count() > 2 * query.len() {
        return false;
    }
    let mut w = word.chars();
    if w.next() != query.first().copied() {
        return false;
    }
    query[1..].iter().all(|&c| w.any(|d| d == c))
}

/// Positions (in characters, within `word`) to highlight for a match of
/// `query` (lower-case, folded) in `tier`.
pub(crate) fn highlight(query: &str, word: &str, tier: Tier) -> Vec<u32> {
    let n = word.chars().count() as u32;
    match tier {
        Tier::Exact | Tier::Form | Tier::Typo => (0..n).collect(),
        Tier::Prefix => (0..(query.chars().count() as u32).min(n)).collect(),
        Tier::InWord => {
            let lowered = lower(word);
            let mut out = Vec::new();
            let mut it = lowered.chars().enumerate();
            for q in query.chars() {
                match it.find(|(_, c)| *c == q) {
                    Some((i, _)) => out.push(i as u32),
                    None => break,
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        Vocab::new(words.iter().map(|w| Box::from(*w)).collect())
    }

    fn find(v: &Vocab, word: &str, open: bool) -> Vec<(String, Tier)> {
        let want = Want {
            word,
            case_sensitive: word.chars().any(char::is_uppercase),
            exact_only: false,
            strict: false,
            open,
        };
        let mut out: Vec<(String, Tier)> = v
            .matches(&want)
            .into_iter()
            .map(|(id, t)| (v.word(id).to_string(), t))
            .collect();
        out.sort();
        out
    }

    fn words_of(found: &[(String, Tier)]) -> Vec<&str> {
        found.iter().map(|(w, _)| w.as_str()).collect()
    }

    #[test]
    fn exact_then_prefix() {
        let v = vocab(&["rice", "Rice", "ricer", "price", "agriculture", "residence"]);
        assert_eq!(
            find(&v, "rice", false),
            vec![
                ("Rice".into(), Tier::Exact),
                ("rice".into(), Tier::Exact),
                ("ricer".into(), Tier::Prefix)
            ]
        );
        assert_eq!(words_of(&find(&v, "Rice", false)), ["Rice"]);
        assert_eq!(words_of(&find(&v, "ric", false)), ["Rice", "rice", "ricer"]);
    }

    #[test]
    fn one_typo_from_five_letters_two_from_nine() {
        let v = vocab(&[
            "zacatecas",
            "nguyen",
            "acupuncture",
            "cotton",
            "dong",
            "1979",
        ]);
        assert_eq!(
            find(&v, "zacatekas", false),
            vec![("zacatecas".into(), Tier::Typo)]
        );
        // A swap of two neighbours is one typo.
        assert_eq!(
            find(&v, "nguyne", false),
            vec![("nguyen".into(), Tier::Typo)]
        );
        assert_eq!(
            find(&v, "acupunture", false),
            vec![("acupuncture".into(), Tier::Typo)]
        );
        assert_eq!(
            find(&v, "acupnture", false),
            vec![("acupuncture".into(), Tier::Typo)]
        );
        assert!(
            find(&v, "cottn", false)
                .iter()
                .all(|(_, t)| *t == Tier::Typo)
        );
        // Two typos in a word of 5 to 8 letters, or any in 4: no match.
        assert!(find(&v, "cptyon", false).is_empty());
        assert!(find(&v, "dung", false).is_empty());
        // No typos in numbers.
        assert!(find(&v, "1978", false).is_empty());
    }

    #[test]
    fn the_word_being_typed_matches_a_start_with_typos() {
        let v = vocab(&["zacatecas", "general", "foreign"]);
        assert!(find(&v, "zacatek", false).is_empty());
        assert_eq!(
            find(&v, "zacatek", true),
            vec![("zacatecas".into(), Tier::Typo)]
        );
        // A letter left out or swapped while typing still finds the word…
        assert_eq!(words_of(&find(&v, "zacaec", true)), ["zacatecas"]);
        assert_eq!(words_of(&find(&v, "zactae", true)), ["zacatecas"]);
        // … but a whole word found nowhere is not a start with a letter
        // too many: "gender" is not "gener(al)", "force" not "fore(ign)".
        assert!(find(&v, "gender", true).is_empty());
        assert!(find(&v, "force", true).is_empty());
    }

    #[test]
    fn letters_in_order_inside_one_word_only_as_a_last_resort() {
        let v = vocab(&["Pham", "Dong", "Dung", "ophthalmology", "dining"]);
        assert_eq!(find(&v, "phm", false), vec![("Pham".into(), Tier::InWord)]);
        assert_eq!(
            words_of(&find(&v, "dng", false)),
            ["Dong", "Dung", "dining"]
        );
        let v = vocab(&["rice", "residence", "agriculture"]);
        assert_eq!(words_of(&find(&v, "rice", false)), ["rice"]);
        assert!(find(&v, "xylophone", false).is_empty());
        // The letters must make half the word at least.
        let v = vocab(&["stakeholders", "Musharraf"]);
        assert!(find(&v, "shoes", false).is_empty());
        assert_eq!(words_of(&find(&v, "mshrf", false)), ["Musharraf"]);
    }

    #[test]
    fn distance_counts_swaps_as_one() {
        let d = |a: &str, b: &str, k, p| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            osa(&a, &b, k, p)
        };
        assert_eq!(d("nguyen", "nguyen", 2, None), Some(0));
        assert_eq!(d("nguyne", "nguyen", 2, None), Some(1));
        assert_eq!(d("kitten", "sitting", 3, None), Some(3));
        assert_eq!(d("kitten", "sitting", 2, None), None);
        assert_eq!(d("zacatek", "zacatecas", 1, Some(0)), Some(1));
        assert_eq!(d("", "abc", 3, None), Some(3));
        // The closest start of at least 5: "forei", two away; "fore" is one.
        assert_eq!(d("force", "foreign", 1, Some(0)), Some(1));
        assert_eq!(d("force", "foreign", 1, Some(5)), None);
    }

    #[test]
    fn highlights_what_matched() {
        assert_eq!(highlight("cot", "cotton", Tier::Prefix), vec![0, 1, 2]);
        assert_eq!(highlight("phm", "Pham", Tier::InWord), vec![0, 1, 3]);
        assert_eq!(highlight("zacatekas", "Zacatecas", Tier::Typo).len(), 9);
    }
}
