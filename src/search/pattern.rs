//! The query language, after fzf's extended search syntax, with the
//! matching rules of document search.
//!
//! A query is a list of terms separated by spaces; a record matches when it
//! matches every term, in any order, or a variant of the query: an
//! abbreviation written out or a name abbreviated
//! (`Pattern::alternatives`), one word typed as two joined
//! (`Pattern::split_word`), or, when nothing matches, neighbouring words
//! joined (`Pattern::joined_pairs`). A term is one word
//! or several joined by punctuation ("1979-09", "US$15", "vietnam's", or
//! `new\ york` with an escaped space): several words must follow one
//! another in one field.
//!
//! | term      | matches records…                                                  |
//! |-----------|-------------------------------------------------------------------|
//! | `dong`    | with a word that is it, starts with it, is it with a typo, or holds its letters in order (see [`vocab`](super::vocab)) |
//! | `'dong`   | with the word exactly: no longer word, no typo                     |
//! | `^pres`   | whose headline's first word starts with it                         |
//! | `1979$`   | whose headline's last word is it                                  |
//! | `^x y$`   | whose headline is exactly these words                              |
//! | `!cotton` | without a word that is it or starts with it (also `!'…`, `!^…`, `!…$`) |
//!
//! Every term is smart-case (case-insensitive unless it holds an upper-case
//! letter, and then only while words of its case match as well as any
//! word does: "Van" finds "Van", "Cotton" still finds "cotton") and
//! diacritics-insensitive ("Dong" finds "Đồng"). A backslash
//! makes the next character literal: `\ ` is a space inside a term, `\!` a
//! leading exclamation mark. A term without a letter or digit, or that is
//! only an operator (`!`, `'`, `^`), is ignored, so a query being typed never
//! matches nothing by accident. The last term, unless a space follows it,
//! is the word being typed: it may match the start of a word with typos.
//! Common English words ("of", "the", "when", [`STOP_WORDS`]) typed plainly
//! are left out of a query that has other words.

use std::sync::OnceLock;

use super::fields::Weight;
use super::words::{lower, words};
use super::{acronyms, demonyms};

/// Words a query leaves out when it has others: Lucene's English stop
/// words without "no" and "not" (which change what is meant) and "will",
/// with the words of a question ("when did", "what does", "its", "how
/// much", "how many", "trade between").
const STOP_WORDS: [&str; 51] = [
    "a", "an", "and", "are", "as", "at", "be", "been", "between", "but", "by", "did", "do", "does",
    "for", "from", "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "many",
    "much", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they",
    "this", "to", "was", "were", "what", "when", "where", "which", "who", "whom", "why", "with",
];

/// The common words that say which way something went, "from" a country
/// "to" another: kept beside the country in a query's variant.
const DIRECTIONS: [&str; 2] = ["from", "to"];

/// How a term is compared with a record's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtomKind {
    /// Each word by its tiers: exact, prefix, typo, letters in order.
    Fuzzy,
    /// `'term`: the exact words only.
    Exact,
    /// `^term`: the first words of the headline (the last one may be a start).
    Prefix,
    /// `term$`: the last words of the headline.
    Suffix,
    /// `^term$`: the whole headline.
    Whole,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    pub kind: AtomKind,
    pub negated: bool,
    /// Smart case: true when the term holds an upper-case letter.
    pub case_sensitive: bool,
    /// The term's words, folded; lower-cased unless `case_sensitive`.
    pub(crate) words: Vec<String>,
    /// The term as typed (operators and escapes removed).
    pub(crate) chars: Vec<char>,
    /// The word being typed: the query's last term, no space after it.
    pub(crate) open: bool,
    /// Two words of the query joined ([`Pattern::joined_pairs`]): found
    /// only as the one word they spell, never with typos, which could
    /// drop the second word altogether ("Pakistan PM" is no "Pakistan").
    pub(crate) joined: bool,
    /// A country's name put for its adjective ([`Pattern::fallbacks`]):
    /// found in the record's own text ("to Mexico", "Mexico's embassy"),
    /// not in the relation's name every record of it holds.
    pub(crate) own: bool,
    /// How many terms of the query as typed this one stands for: more than
    /// one when a variant says several in one ("foreign minister" as
    /// `minister\ of\ foreign\ affairs`), so that its matches weigh as
    /// much as the query's own (see [`score`](super::score)).
    pub(crate) terms: u8,
    /// "from" or "to", typed just before this term and left out as a
    /// common word: which way a visit or a trade went, when the term is a
    /// country ([`Pattern::alternatives`]).
    pub(crate) after: Option<&'static str>,
}

impl Atom {
    /// Whether a match in a field of this weight counts: a term of the
    /// record's own passes over the relation's names.
    pub(crate) fn counts_in(&self, weight: Weight) -> bool {
        !(self.own && weight == Weight::Relation)
    }

    fn new(kind: AtomKind, negated: bool, chars: Vec<char>) -> Option<Atom> {
        let text: String = chars.iter().collect();
        let case_sensitive = chars.iter().any(|c| c.is_uppercase());
        let mut words = words(&text);
        if words.is_empty() {
            return None;
        }
        if !case_sensitive {
            words = words.iter().map(|w| lower(w)).collect();
        }
        Some(Atom {
            kind,
            negated,
            case_sensitive,
            words,
            chars,
            open: false,
            joined: false,
            own: false,
            terms: 1,
            after: None,
        })
    }

    /// One word typed plainly: no operator, no exclusion, no punctuation
    /// joining it to another. Only such words are joined or abbreviated.
    fn is_plain(&self) -> bool {
        self.kind == AtomKind::Fuzzy && !self.negated && self.words.len() == 1
    }

    /// A common English word typed plainly and finished ("of", "the",
    /// "when"): it says how the other words relate, not what to find.
    /// Not the word being typed ("of" may become "official"), nor one in
    /// capitals ("IT"), nor one quoted ('of).
    fn is_stop_word(&self) -> bool {
        let [word] = &self.words[..] else {
            return false;
        };
        let capitals = self.chars.len() > 1 && self.chars.iter().all(|c| c.is_uppercase());
        self.kind == AtomKind::Fuzzy
            && !self.negated
            && !self.open
            && !capitals
            && STOP_WORDS
                .binary_search(&word.to_lowercase().as_str())
                .is_ok()
    }

    /// The term as typed, without its operators.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

/// A parsed query: every atom must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pattern {
    pub(crate) atoms: Vec<Atom>,
}

impl Pattern {
    /// A query being typed in a search box: its last word is being typed
    /// until a space follows it.
    pub fn parse(query: &str) -> Pattern {
        Pattern::parse_as(query, !query.ends_with(char::is_whitespace))
    }

    /// A query given whole, as on a command line: no word of it is being
    /// typed, so none matches the start of a word with typos, and a common
    /// word at its end is left out like any other.
    pub fn parse_complete(query: &str) -> Pattern {
        Pattern::parse_as(query, false)
    }

    fn parse_as(query: &str, typing: bool) -> Pattern {
        let mut atoms: Vec<Atom> = tokens(query).into_iter().filter_map(atom).collect();
        if let Some(last) = atoms.last_mut() {
            last.open = typing && last.kind == AtomKind::Fuzzy && !last.negated;
        }
        // "visit of Pham Van Dong" means the visit of Pham Van Dong, whether
        // or not its record writes "of"; a query of such words alone keeps them.
        if atoms.iter().any(|a| !a.negated && !a.is_stop_word()) {
            for i in 1..atoms.len() {
                let before = &atoms[i - 1];
                let way = before.is_stop_word().then(|| {
                    DIRECTIONS
                        .into_iter()
                        .find(|d| before.words[0].eq_ignore_ascii_case(d))
                });
                atoms[i].after = way.flatten();
            }
            atoms.retain(|a| !a.is_stop_word());
        }
        Pattern { atoms }
    }

    /// No terms: every record matches.
    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    pub fn atoms(&self) -> &[Atom] {
        &self.atoms
    }

    /// The query with each country's adjective as the country's name
    /// (`Vietnamese prime minister` as `vietnam prime minister`), found in
    /// the record's own text ("from Vietnam", "Mexico's embassy"), not in
    /// the relation's name; `countries` are the words of the dataset's
    /// country names (see [`demonyms`](super::demonyms)). `None` when the
    /// query names no country by its adjective.
    fn with_countries(&self, countries: &[Box<str>]) -> Option<Pattern> {
        self.replacing(|a| {
            if !a.is_plain() {
                return None;
            }
            let name = demonyms::country_of(&a.words[0], countries)?;
            let mut country = Atom::new(AtomKind::Fuzzy, false, name.chars().collect())?;
            country.own = true;
            Some(country)
        })
    }

    /// The query with each term `replace` gives another for replaced;
    /// `None` when it gives none.
    fn replacing(&self, replace: impl Fn(&Atom) -> Option<Atom>) -> Option<Pattern> {
        let mut any = false;
        let atoms = self
            .atoms
            .iter()
            .map(|a| {
                replace(a).map_or_else(
                    || a.clone(),
                    |r| {
                        any = true;
                        r
                    },
                )
            })
            .collect();
        any.then_some(Pattern { atoms })
    }

    /// What a query found nowhere as typed (nor with words joined) is tried
    /// as, in turn: without possessive endings (`Mexico's exports` as
    /// `Mexico exports`, where a record writes "Mexico exports"), then with
    /// countries' adjectives as their names ([`Pattern::with_countries`]).
    /// Only then: "Mexico's embassy" is what records write, and "Mexico"
    /// alone is in every record of the relation.
    pub(crate) fn fallbacks(&self, countries: &[Box<str>]) -> Vec<Pattern> {
        let plain = self.replacing(without_possessive);
        let named = plain.as_ref().unwrap_or(self).with_countries(countries);
        plain.into_iter().chain(named).collect()
    }

    /// The query with one pair of neighbouring plain words joined, for
    /// each pair, left to right: "viet nam" as "vietnam", "ha noi" as
    /// "hanoi", "paki stan" as "pakistan" — words a record writes as one,
    /// which Meilisearch also looks for joined.
    pub(crate) fn joined_pairs(&self) -> Vec<Pattern> {
        self.pairs().map(|(_, p)| p).collect()
    }

    /// The query with the first pair of neighbouring words joined that
    /// reads as one word split in two: joined, it is a word `is_word` knows,
    /// and apart, one of them is not ("viet nam", "Ha Noi" where the records
    /// write "Vietnam", "Hanoi"). Apart, such words match only pieces of
    /// other words ("viet…", "…n…a…m…"), which is not what was meant; two
    /// words that are each a word ("trade fair") stay apart.
    pub(crate) fn split_word(&self, is_word: impl Fn(&str) -> bool) -> Option<Pattern> {
        let word = |a: &Atom| a.words.first().is_some_and(|w| is_word(w));
        self.pairs()
            .find(|&(i, ref joined)| {
                let (a, b) = (&self.atoms[i - 1], &self.atoms[i]);
                word(&joined.atoms[i - 1]) && !(word(a) && word(b))
            })
            .map(|(_, p)| p)
    }

    /// The query with an abbreviation written out or a name abbreviated,
    /// one place at a time: `UN reform` as `united\ nations reform`,
    /// `united nations security council` as `'UN security council` and as
    /// `'UNSC` (see [`acronyms`](super::acronyms)); and a country's
    /// adjective as what is from there, the country's or of there:
    /// `Mexican undersecretary` as `from\ mexico undersecretary`, which a
    /// visit by Mexico's undersecretary holds, `Mexican embassy` as
    /// `mexico's embassy`, as a mission is named, `Pakistani foreign vice
    /// minister` as `foreign\ vice\ minister\ of\ pakistan`, as a title is
    /// written (`countries` are the words
    /// of the dataset's country names, see [`demonyms`](super::demonyms)).
    /// A record matching any of them matches the query.
    pub(crate) fn alternatives(&self, countries: &[Box<str>]) -> Vec<Pattern> {
        let mut out = Vec::new();
        for (i, a) in self.atoms.iter().enumerate() {
            let Some(name) = a
                .is_plain()
                .then(|| demonyms::country_of(&a.words[0], countries))
                .flatten()
            else {
                continue;
            };
            for said in [format!("from {name}"), format!("{name}'s")] {
                if let Some(mut atom) = Atom::new(AtomKind::Fuzzy, false, said.chars().collect()) {
                    atom.open = a.open;
                    out.push(self.with_atom(i..i + 1, atom));
                }
            }
            // Of the country, after the words it qualifies, as a title is
            // written: `Pakistani foreign vice minister` as `foreign\ vice\
            // minister\ of\ pakistan`, one to three words.
            for k in 1..=3 {
                let Some(run) = self.atoms.get(i + 1..=i + k) else {
                    break;
                };
                if !run.iter().all(Atom::is_plain) {
                    break;
                }
                let words: Vec<String> = run.iter().map(|a| a.chars.iter().collect()).collect();
                let said = format!("{} of {name}", words.join(" "));
                if let Some(atom) = Atom::new(AtomKind::Fuzzy, false, said.chars().collect()) {
                    out.push(self.with_atom(i..i + k + 1, atom));
                }
            }
        }
        out.extend(self.with_directions(countries));
        let mut put = |range: std::ops::Range<usize>, kind: AtomKind, text: &str| {
            if let Some(atom) = Atom::new(kind, false, text.chars().collect()) {
                out.push(self.with_atom(range, atom));
            }
        };
        for (i, a) in self.atoms.iter().enumerate() {
            if a.is_plain() {
                for name in acronyms::names_of(&a.words[0]) {
                    put(i..i + 1, AtomKind::Fuzzy, name);
                }
            }
        }
        for (abbreviation, wanted, other_name) in named() {
            let k = wanted.len();
            if k == 0 || k > self.atoms.len() {
                continue;
            }
            for i in 0..=self.atoms.len() - k {
                let run = &self.atoms[i..i + k];
                if run
                    .iter()
                    .zip(wanted)
                    .all(|(a, w)| a.is_plain() && lower(&a.words[0]) == *w)
                {
                    // An abbreviation is matched as written; a name said
                    // another way, as the query's words are.
                    let kind = if *other_name {
                        AtomKind::Fuzzy
                    } else {
                        AtomKind::Exact
                    };
                    put(i..i + k, kind, abbreviation);
                }
            }
        }
        out
    }

    /// The query with each country typed after "from" or "to" as that
    /// phrase (`visits from vietnam to mexico` as `visits from\ vietnam
    /// to\ mexico`), each phrase weighing as two terms: a visit's record
    /// writes where it went ("… to Mexico") and whose it is ("from
    /// Vietnam"), and a product list who imports "from" whom, so that the
    /// records of the way asked for rank above those of the other way,
    /// which the query's other words find as well. `None` when no country
    /// follows either word.
    fn with_directions(&self, countries: &[Box<str>]) -> Option<Pattern> {
        self.replacing(|a| {
            let way = a.after?;
            if !a.is_plain() || !demonyms::is_country_word(&a.words[0], countries) {
                return None;
            }
            let typed: String = a.chars.iter().collect();
            let mut phrase = Atom::new(
                AtomKind::Fuzzy,
                false,
                format!("{way} {typed}").chars().collect(),
            )?;
            phrase.open = a.open;
            phrase.terms = a.terms.saturating_add(1);
            Some(phrase)
        })
    }

    /// For each pair of neighbouring plain words, left to right: the index
    /// of the second and the query with the two joined.
    fn pairs(&self) -> impl Iterator<Item = (usize, Pattern)> + '_ {
        (1..self.atoms.len())
            .filter(|&i| self.atoms[i - 1].is_plain() && self.atoms[i].is_plain())
            .filter_map(|i| {
                let (a, b) = (&self.atoms[i - 1], &self.atoms[i]);
                let chars = a.chars.iter().chain(&b.chars).copied().collect();
                let mut joined = Atom::new(AtomKind::Fuzzy, false, chars)?;
                joined.open = b.open;
                joined.joined = true;
                Some((i, self.with_atom(i - 1..i + 1, joined)))
            })
    }

    /// The query with the terms in `range` replaced by `atom`, which
    /// stands for all of them.
    fn with_atom(&self, range: std::ops::Range<usize>, mut atom: Atom) -> Pattern {
        atom.terms = self.atoms[range.clone()]
            .iter()
            .fold(0u8, |n, a| n.saturating_add(a.terms));
        let mut atoms = self.atoms.clone();
        atoms.splice(range, [atom]);
        Pattern { atoms }
    }
}

/// Each abbreviation of the glossary with a name's words as a query keeps
/// them, common words left out, and each name said two ways with the
/// other's words (marked `true`): split once, compared with every query.
fn named() -> &'static [(&'static str, Vec<String>, bool)] {
    type Named = Vec<(&'static str, Vec<String>, bool)>;
    static NAMED: OnceLock<Named> = OnceLock::new();
    NAMED.get_or_init(|| {
        let kept = |name: &str| -> Vec<String> {
            words(name)
                .into_iter()
                .filter(|w| STOP_WORDS.binary_search(&w.as_str()).is_err())
                .collect()
        };
        acronyms::all()
            .map(|(abbreviation, name)| (abbreviation, kept(name), false))
            .chain(acronyms::equivalents().map(|(name, other)| (other, kept(name), true)))
            .collect()
    })
}

/// Splits on unescaped white space; each character carries whether it was escaped.
fn tokens(query: &str) -> Vec<Vec<(char, bool)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(char, bool)> = Vec::new();
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) => cur.push((next, true)),
                None => cur.push(('\\', true)),
            }
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push((c, false));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn atom(mut t: Vec<(char, bool)>) -> Option<Atom> {
    let mut negated = false;
    if t.first() == Some(&('!', false)) {
        negated = true;
        t.remove(0);
    }
    let mut kind = AtomKind::Fuzzy;
    match t.first() {
        Some(('\'', false)) => {
            kind = AtomKind::Exact;
            t.remove(0);
        }
        Some(('^', false)) => {
            kind = AtomKind::Prefix;
            t.remove(0);
        }
        _ => {}
    }
    if t.len() > 1 && t.last() == Some(&('$', false)) {
        t.pop();
        kind = if kind == AtomKind::Prefix {
            AtomKind::Whole
        } else {
            AtomKind::Suffix
        };
    }
    Atom::new(kind, negated, t.into_iter().map(|(c, _)| c).collect())
}

/// A term without its possessive ending ("Mexico's" as "Mexico"), if it
/// is a plain term that has one.
fn without_possessive(a: &Atom) -> Option<Atom> {
    let n = a.chars.len();
    let possessive = a.kind == AtomKind::Fuzzy
        && !a.negated
        && n > 2
        && matches!(a.chars[n - 2], '\'' | '’')
        && matches!(a.chars[n - 1], 's' | 'S')
        && a.chars[n - 3].is_alphanumeric();
    if !possessive {
        return None;
    }
    let mut plain = Atom::new(a.kind, false, a.chars[..n - 2].to_vec())?;
    plain.open = a.open;
    Some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<(AtomKind, bool, String)> {
        Pattern::parse(q)
            .atoms
            .iter()
            .map(|a| (a.kind, a.negated, a.text()))
            .collect()
    }

    #[test]
    fn a_possessive_ending_is_left_out_as_a_fallback() {
        let fallbacks = |q: &str| -> Vec<String> {
            Pattern::parse_complete(q)
                .fallbacks(&[Box::from("mexico")])
                .iter()
                .map(|p| p.atoms.iter().map(Atom::text).collect::<Vec<_>>().join(" "))
                .collect()
        };
        assert_eq!(fallbacks("Mexico's exports"), ["Mexico exports"]);
        assert_eq!(fallbacks("Vietnam’s embassy"), ["Vietnam embassy"]);
        // Quoted, it is kept as typed; a word without one has none.
        assert!(fallbacks("'Mexico's").is_empty());
        assert!(fallbacks("embassy").is_empty());
        // Both: the possessive left out, then the adjective as the name.
        assert_eq!(
            fallbacks("Mexican embassy's staff"),
            ["Mexican embassy staff", "mexico embassy staff"]
        );
    }

    #[test]
    fn stop_words_are_sorted_for_lookup() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn parses_fzf_operators() {
        use AtomKind::*;
        assert_eq!(
            kinds("dong 'exact ^pre suf$ ^all$ !not !^np !ns$ !'x"),
            vec![
                (Fuzzy, false, "dong".into()),
                (Exact, false, "exact".into()),
                (Prefix, false, "pre".into()),
                (Suffix, false, "suf".into()),
                (Whole, false, "all".into()),
                (Fuzzy, true, "not".into()),
                (Prefix, true, "np".into()),
                (Suffix, true, "ns".into()),
                (Exact, true, "x".into()),
            ]
        );
    }

    #[test]
    fn escapes_and_lone_operators() {
        use AtomKind::*;
        assert_eq!(
            kinds(r"new\ york \!bang a\$ ! ' ^ $ --"),
            vec![
                (Fuzzy, false, "new york".into()),
                (Fuzzy, false, "!bang".into()),
                (Fuzzy, false, "a$".into()),
            ]
        );
        assert!(Pattern::parse("   ").is_empty());
    }

    #[test]
    fn common_words_are_left_out_of_a_query_with_others() {
        let texts =
            |q: &str| -> Vec<String> { Pattern::parse(q).atoms.iter().map(Atom::text).collect() };
        assert_eq!(
            texts("visit of Pham Van Dong"),
            ["visit", "Pham", "Van", "Dong"]
        );
        assert_eq!(
            texts("When did Mexico open its embassy in Hanoi"),
            ["Mexico", "open", "embassy", "Hanoi"]
        );
        // Alone, or beside only exclusions, they are what is looked for.
        assert_eq!(texts("to be "), ["to", "be"]);
        assert_eq!(texts("the !cotton"), ["the", "cotton"]);
        // Quoted, in capitals, joined to another word, or still being typed
        // ("of" may become "official"): kept.
        assert_eq!(texts("'of pham"), ["of", "pham"]);
        assert_eq!(texts("IT visits"), ["IT", "visits"]);
        assert_eq!(texts("state-of-the-art"), ["state-of-the-art"]);
        assert_eq!(texts("visit of"), ["visit", "of"]);
        assert_eq!(texts("visit of "), ["visit"]);
    }

    #[test]
    fn a_term_is_split_into_words_like_the_records() {
        let p = Pattern::parse("US$15 vietnam's 1979-09");
        let words: Vec<&[String]> = p.atoms.iter().map(|a| &a.words[..]).collect();
        assert_eq!(words[0], ["US", "15"]);
        assert_eq!(words[1], ["vietnam", "s"]);
        assert_eq!(words[2], ["1979", "09"]);
    }

    #[test]
    fn smart_case_per_term() {
        let p = Pattern::parse("dong Dong Đồng");
        let cs: Vec<bool> = p.atoms.iter().map(|a| a.case_sensitive).collect();
        assert_eq!(cs, vec![false, true, true]);
        assert_eq!(p.atoms[0].words, ["dong"]);
        assert_eq!(p.atoms[2].words, ["Dong"]);
    }

    #[test]
    fn the_last_term_is_open_until_a_space_follows() {
        let open = |q: &str| {
            Pattern::parse(q)
                .atoms
                .iter()
                .map(|a| a.open)
                .collect::<Vec<_>>()
        };
        assert_eq!(open("nguyen tha"), [false, true]);
        assert_eq!(open("nguyen tha "), [false, false]);
        assert_eq!(open("nguyen 'tha"), [false, false]);
    }

    #[test]
    fn neighbouring_plain_words_are_joined_one_pair_at_a_time() {
        let joined = |q: &str| -> Vec<Vec<String>> {
            Pattern::parse(q)
                .joined_pairs()
                .iter()
                .map(|p| p.atoms.iter().map(|a| a.words.join("+")).collect())
                .collect()
        };
        assert_eq!(joined("ha noi"), [["hanoi"]]);
        assert_eq!(joined("Hà Nội"), [["HaNoi"]]);
        assert_eq!(
            joined("viet nam trade"),
            [vec!["vietnam", "trade"], vec!["viet", "namtrade"]]
        );
        // Operators, exclusions and joined words stay as they are.
        assert!(joined("'viet nam").is_empty());
        assert!(joined("viet !nam").is_empty());
        assert!(joined("us$15 billion").is_empty());
        assert!(joined("vietnam").is_empty());
        // The word being typed stays open once joined.
        let p = Pattern::parse("ha no");
        assert!(p.joined_pairs()[0].atoms[0].open);
    }

    #[test]
    fn abbreviations_are_written_out_and_names_abbreviated() {
        let alternatives = |q: &str| -> Vec<Vec<String>> {
            Pattern::parse_complete(q)
                .alternatives(&[Box::from("mexico")])
                .iter()
                .map(|p| p.atoms.iter().map(|a| a.words.join(" ")).collect())
                .collect()
        };
        assert_eq!(alternatives("UN reform"), [["united nations", "reform"]]);
        // A country's adjective: what is from the country, the country's,
        // or of it after the words it qualifies.
        assert_eq!(
            alternatives("mexican embassy"),
            [
                vec!["from mexico", "embassy"],
                vec!["mexico s", "embassy"],
                vec!["embassy of mexico"]
            ]
        );
        assert!(alternatives("'mexican embassy").is_empty());
        // "of" is left out of the query as typed, and of the name compared.
        assert_eq!(alternatives("memorandum of understanding"), [["mou"]]);
        assert_eq!(
            alternatives("united nations security council"),
            [vec!["un", "security", "council"], vec!["unsc"]]
        );
        assert!(alternatives("reform").is_empty());
        assert!(alternatives("!un talks").is_empty());
    }

    #[test]
    fn a_country_after_from_or_to_is_also_that_phrase() {
        let countries = [Box::from("mexico"), Box::from("vietnam")];
        let alternatives = |q: &str| -> Vec<Vec<(String, u8)>> {
            Pattern::parse(q)
                .alternatives(&countries)
                .iter()
                .map(|p| {
                    p.atoms
                        .iter()
                        .map(|a| (a.words.join(" "), a.terms))
                        .collect()
                })
                .collect()
        };
        let said = |w: &[(&str, u8)]| -> Vec<(String, u8)> {
            w.iter().map(|&(s, n)| (s.to_string(), n)).collect()
        };
        assert_eq!(
            alternatives("visits from vietnam to mexico"),
            [said(&[
                ("visits", 1),
                ("from vietnam", 2),
                ("to mexico", 2)
            ])]
        );
        // Typed with capitals, as a title is: the common word as records
        // write it, the country as typed.
        assert_eq!(
            alternatives("Visits From Vietnam")[0][1],
            ("from Vietnam".to_string(), 2)
        );
        // Not before another word, nor a word being typed as "from" or
        // "to" (it may become "frontier", "tourism"), nor a quoted country.
        assert!(alternatives("exports to japan").is_empty());
        assert!(alternatives("mexico to").is_empty());
        assert!(alternatives("visits to 'mexico").is_empty());
        // A country that is being typed keeps its phrase open.
        let typed = Pattern::parse("visits to mexico").alternatives(&countries);
        assert!(typed[0].atoms[1].open);
    }

    #[test]
    fn a_word_split_in_two_is_joined_when_one_half_is_no_word() {
        let words = [
            "vietnam",
            "hanoi",
            "ha",
            "trade",
            "fair",
            "tradefair",
            "rice",
        ];
        let split = |q: &str| -> Option<Vec<String>> {
            let p = Pattern::parse(q).split_word(|w| words.contains(&w.to_lowercase().as_str()))?;
            Some(p.atoms.iter().map(|a| a.words.join("+")).collect())
        };
        assert_eq!(
            split("viet nam rice"),
            Some(vec!["vietnam".into(), "rice".into()])
        );
        assert_eq!(split("Viet Nam"), Some(vec!["VietNam".into()]));
        // "ha" is a word, "noi" is not.
        assert_eq!(split("ha noi"), Some(vec!["hanoi".into()]));
        // Each half a word: left apart, whatever the two make joined.
        assert_eq!(split("trade fair"), None);
        // Joined, no word.
        assert_eq!(split("rice viet"), None);
        assert_eq!(split("'viet nam"), None);
    }
}
