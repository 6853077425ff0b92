//! The query language, after fzf's extended search syntax.
//!
//! A query is a list of terms separated by spaces; a record matches when it
//! matches every term, in any order.
//!
//! | term      | matches records whose text…                           |
//! |-----------|--------------------------------------------------------|
//! | `dong`    | holds d, o, n, g in that order (fuzzy)                 |
//! | `'dong`   | holds "dong" as it is (exact substring)                |
//! | `^pres`   | has a headline starting with "pres"                    |
//! | `1979$`   | has a headline ending with "1979"                      |
//! | `^x$`     | has a headline equal to "x"                            |
//! | `!cotton` | does not hold "cotton" (also `!^…`, `!…$`, `!'…`)      |
//!
//! Every term is smart-case (case-insensitive unless it holds an upper-case
//! letter) and diacritics-insensitive ("Dong" finds "Đồng"). A backslash
//! makes the next character literal: `\ ` is a space inside a term, `\!` a
//! leading exclamation mark. A term that is only an operator (`!`, `'`, `^`)
//! is ignored, so a query being typed never matches nothing by accident.

use super::fold::{OTHER, fold_char};

/// How a term is compared with a record's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtomKind {
    /// The letters in order, gaps allowed.
    Fuzzy,
    /// The letters side by side, anywhere.
    Substring,
    /// At the start of the headline.
    Prefix,
    /// At the end of the headline.
    Suffix,
    /// The whole headline.
    Exact,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    pub kind: AtomKind,
    pub negated: bool,
    /// Smart case: true when the term holds an upper-case letter.
    pub case_sensitive: bool,
    /// Folded and lower-cased: compared with the index's folded text.
    pub(crate) needle: Vec<u8>,
    /// Folded with its case: checked against a record's case when `case_sensitive`.
    pub(crate) cased: Vec<u8>,
    /// The term as typed (operators and escapes removed).
    pub(crate) chars: Vec<char>,
    /// Whether the term holds a character with no ASCII likeness, which only
    /// the original text of a record can match.
    pub(crate) other: bool,
    /// Bits of the characters the term needs (see [`char_bit`]).
    pub(crate) mask: u64,
}

impl Atom {
    fn new(kind: AtomKind, negated: bool, chars: Vec<char>) -> Atom {
        let cased: Vec<u8> = chars.iter().map(|&c| fold_char(c)).collect();
        let needle: Vec<u8> = cased.iter().map(u8::to_ascii_lowercase).collect();
        let case_sensitive =
            cased.iter().any(u8::is_ascii_uppercase) || chars.iter().any(|c| c.is_uppercase());
        Atom {
            kind,
            negated,
            case_sensitive,
            mask: needle.iter().fold(0, |m, &b| m | char_bit(b)),
            other: needle.contains(&OTHER),
            needle,
            cased,
            chars,
        }
    }

    /// The term as typed, without its operators.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Whether every record this atom matches is also matched by `wider`
    /// (both taken as positive terms).
    fn within(&self, wider: &Atom) -> bool {
        if self.other || wider.other {
            return self.kind == wider.kind
                && self.chars == wider.chars
                && self.case_sensitive == wider.case_sensitive;
        }
        // A case-sensitive term matches a subset of what its lower-case form
        // matches, never the other way round.
        let (mine, theirs) = if wider.case_sensitive {
            if !self.case_sensitive {
                return false;
            }
            (&self.cased, &wider.cased)
        } else {
            (&self.needle, &wider.needle)
        };
        use AtomKind::*;
        match (wider.kind, self.kind) {
            (Fuzzy, _) => is_subsequence(theirs, mine),
            (Substring, Substring | Prefix | Suffix | Exact) => contains(mine, theirs),
            (Prefix, Prefix | Exact) => mine.starts_with(theirs),
            (Suffix, Suffix | Exact) => mine.ends_with(theirs),
            (Exact, Exact) => mine == theirs,
            _ => false,
        }
    }
}

/// A parsed query: every atom must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pattern {
    pub(crate) atoms: Vec<Atom>,
}

impl Pattern {
    pub fn parse(query: &str) -> Pattern {
        Pattern {
            atoms: tokens(query).into_iter().filter_map(atom).collect(),
        }
    }

    /// No terms: every record matches.
    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    pub fn atoms(&self) -> &[Atom] {
        &self.atoms
    }

    /// [`char_bit`]s of every character a matching record must hold.
    pub(crate) fn required_chars(&self) -> u64 {
        self.atoms
            .iter()
            .filter(|a| !a.negated && !a.other)
            .fold(0, |m, a| m | a.mask)
    }

    /// Whether every record this pattern matches is matched by `previous`
    /// too, so searching only `previous`'s hits finds them all. True when the
    /// query grew ("ng" → "ngu", "visit" → "visit 1987", "'co" → "'cot"),
    /// false when it changed in a way that can match more ("!cot" → "!co").
    pub fn narrows(&self, previous: &Pattern) -> bool {
        previous.atoms.iter().all(|old| {
            self.atoms
                .iter()
                .any(|new| match (old.negated, new.negated) {
                    (false, false) => new.within(old),
                    // Not holding "co" is stricter than not holding "cot".
                    (true, true) => old.within(new),
                    _ => false,
                })
        })
    }
}

/// A bit per class of character, for a cheap test that a record holds every
/// character a term needs: one per letter and digit, the rest shared.
#[inline]
pub(crate) fn char_bit(b: u8) -> u64 {
    CHAR_BITS[usize::from(b)]
}

/// [`char_bit`] of every byte, computed at compile time: building an index
/// asks for it once per byte of text.
static CHAR_BITS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let i = match byte {
            b'a'..=b'z' => byte - b'a',
            b'A'..=b'Z' => byte - b'A',
            b'0'..=b'9' => 26 + byte - b'0',
            OTHER => 63,
            _ => 36 + byte % 27,
        };
        t[b] = 1 << i;
        b += 1;
    }
    t
};

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
    let mut kind = if negated {
        // As in fzf, "!word" excludes the word itself, not its scattered letters.
        AtomKind::Substring
    } else {
        AtomKind::Fuzzy
    };
    match t.first() {
        Some(('\'', false)) => {
            kind = AtomKind::Substring;
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
            AtomKind::Exact
        } else {
            AtomKind::Suffix
        };
    }
    if t.is_empty() {
        return None;
    }
    Some(Atom::new(
        kind,
        negated,
        t.into_iter().map(|(c, _)| c).collect(),
    ))
}

fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|b| it.any(|h| h == b))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
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
    fn parses_fzf_operators() {
        use AtomKind::*;
        assert_eq!(
            kinds("dong 'exact ^pre suf$ ^all$ !not !^np !ns$"),
            vec![
                (Fuzzy, false, "dong".into()),
                (Substring, false, "exact".into()),
                (Prefix, false, "pre".into()),
                (Suffix, false, "suf".into()),
                (Exact, false, "all".into()),
                (Substring, true, "not".into()),
                (Prefix, true, "np".into()),
                (Suffix, true, "ns".into()),
            ]
        );
    }

    #[test]
    fn escapes_and_lone_operators() {
        use AtomKind::*;
        assert_eq!(
            kinds(r"new\ york \!bang a\$ ! ' ^"),
            vec![
                (Fuzzy, false, "new york".into()),
                (Fuzzy, false, "!bang".into()),
                (Fuzzy, false, "a$".into()),
            ]
        );
        assert_eq!(kinds("$"), vec![(Fuzzy, false, "$".into())]);
        assert!(Pattern::parse("   ").is_empty());
    }

    #[test]
    fn smart_case_per_term() {
        let p = Pattern::parse("dong Dong Đồng");
        let cs: Vec<bool> = p.atoms.iter().map(|a| a.case_sensitive).collect();
        assert_eq!(cs, vec![false, true, true]);
        assert_eq!(p.atoms[2].needle, b"dong");
        assert_eq!(p.atoms[2].cased, b"Dong");
    }

    #[test]
    fn narrowing_follows_the_operators() {
        let n = |new: &str, old: &str| Pattern::parse(new).narrows(&Pattern::parse(old));
        assert!(n("ngu", "ng"));
        assert!(n("nguyen thach", "nguyen"));
        assert!(n("nguyen thach", "nguyen t"));
        assert!(n("thach nguyen", "nguyen"));
        assert!(n("'cot", "'co"));
        assert!(n("'cotton", "cot"));
        assert!(n("Dong", "dong"));
        assert!(n("^pres", "^pre"));
        assert!(n("!co", "!cot"));
        assert!(n("x", ""));
        assert!(!n("!cot", "!co"));
        assert!(!n("dong", "Dong"));
        assert!(!n("ng", "ngu"));
        assert!(!n("cot", "'cot"));
        assert!(!n("ng$x", "ng$"));
        assert!(!n("", "x"));
    }
}
