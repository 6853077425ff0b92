//! Splitting text into the words search compares, the same way for records
//! and queries.
//!
//! A word is a run of letters and digits, folded to ASCII where the letter
//! has a likeness ("Đồng" → "Dong", see [`fold`](super::fold)), with its
//! case kept. Everything else separates words: spaces, punctuation, "$",
//! "%", an apostrophe ("Vietnam's" is "Vietnam" and "s"), a decimal point
//! ("27.5" is "27" and "5"). Letters of other scripts keep their own form;
//! Chinese and Japanese characters, written without spaces, are each a word
//! of their own, as in Lucene's standard tokenizer.

use std::ops::Range;

use super::fold::{OTHER, fold_char};

/// Calls `f(start, word)` for every word of `text`: `start` is the index in
/// characters of its first character, `word` its folded, cased form.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, &str)) {
    let mut folded = String::new();
    walk(text, |w| {
        let word = &text[w.bytes];
        if w.plain {
            f(w.start, word);
        } else {
            folded.clear();
            for c in word.chars() {
                match class(c) {
                    Class::Letter(b) => folded.push(char::from(b)),
                    Class::Script | Class::Ideograph => folded.push(c),
                    Class::Separator => {}
                }
            }
            f(w.start, &folded);
        }
        true
    });
}

/// The words [`for_each_word`] finds, without folding them: `f(span, bits)`
/// gets each word's bytes in `text` and the [`LETTER_BITS`] of its folded
/// letters, and returns whether to go on. A caller that needs only a few of
/// the words folds those alone (`for_each_word` on the span gives exactly
/// the one word).
pub(crate) fn for_each_span(text: &str, mut f: impl FnMut(Range<usize>, u64) -> bool) {
    walk(text, |w| f(w.bytes, w.bits));
}

/// One bit for each ASCII letter (either case) and digit, 0 for every other
/// byte: an ASCII byte is part of a word exactly when its bit is not 0.
pub(crate) const LETTER_BITS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 26 {
        t[b'a' as usize + b] = 1 << b;
        t[b'A' as usize + b] = 1 << b;
        b += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 1 << (26 + d);
        d += 1;
    }
    t
};

/// The [`LETTER_BITS`] of every letter in `text`, folded: a superset of
/// the bits [`for_each_span`] gives any of its words. Branch-free over
/// ASCII (a table look-up per byte), so a caller looking for words with
/// certain letters can pass over text that lacks them for a fraction of
/// the cost of splitting it.
pub(crate) fn letters_of(text: &str) -> u64 {
    /// Set by any byte of a multi-byte character, beside the letter bits.
    const WIDE: u64 = 1 << 63;
    const TABLE: [u64; 256] = {
        let mut t = LETTER_BITS;
        let mut b = 0x80;
        while b < 256 {
            t[b] = WIDE;
            b += 1;
        }
        t
    };
    let bytes = text.as_bytes();
    let mut acc = [0u64; 4];
    let mut quads = bytes.chunks_exact(4);
    for q in &mut quads {
        for (a, &b) in acc.iter_mut().zip(q) {
            *a |= TABLE[b as usize];
        }
    }
    let mut bits = acc.iter().fold(0, |m, a| m | a);
    for &b in quads.remainder() {
        bits |= TABLE[b as usize];
    }
    if bits & WIDE != 0 {
        bits &= !WIDE;
        for c in text.chars().filter(|c| !c.is_ascii()) {
            if let Class::Letter(a) = class(c) {
                bits |= LETTER_BITS[a as usize];
            }
        }
    }
    bits
}

/// Calls `f` with consecutive pieces of `text` of about `len` bytes or
/// more (never empty), each ending at an ASCII byte that is no letter or digit (or at the
/// end): no word lies across two pieces, so each can be split on its own.
pub(crate) fn for_each_piece(text: &str, len: usize, mut f: impl FnMut(&str) -> bool) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while from < bytes.len() {
        let mut to = (from + len.max(1)).min(bytes.len());
        while let Some(&b) = bytes.get(to)
            && (!b.is_ascii() || LETTER_BITS[b as usize] != 0)
        {
            to += 1;
        }
        // `to` is the end or an ASCII byte: a character boundary.
        if !text.get(from..to).is_some_and(&mut f) {
            return;
        }
        from = to;
    }
}

/// A word as [`walk`] finds it.
struct Span {
    bytes: Range<usize>,
    /// Index in characters of its first character.
    start: usize,
    /// [`LETTER_BITS`] of its folded letters.
    bits: u64,
    /// All ASCII: the word is its own folded form.
    plain: bool,
}

/// The one pass that finds words: ASCII by a table, other characters by
/// [`class`]; `f` returns whether to go on. The word being read is kept in
/// plain variables (a tight loop: every byte of a million records passes).
fn walk(text: &str, mut f: impl FnMut(Span) -> bool) {
    const NONE: usize = usize::MAX;
    let bytes = text.as_bytes();
    // The word being read: its first byte (NONE between words), first
    // character, letters, and whether it is all ASCII.
    let (mut first, mut start, mut bits, mut plain) = (NONE, 0, 0u64, true);
    let (mut i, mut chars) = (0, 0);
    macro_rules! end_word {
        ($end:expr) => {
            if first != NONE {
                let w = Span {
                    bytes: first..$end,
                    start,
                    bits,
                    plain,
                };
                (first, bits, plain) = (NONE, 0, true);
                if !f(w) {
                    return;
                }
            }
        };
    }
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if LETTER_BITS[b as usize] == 0 {
                end_word!(i);
                i += 1;
                chars += 1;
                continue;
            }
            if first == NONE {
                (first, start) = (i, chars);
            }
            // The rest of the run of ASCII letters and digits, in a loop of
            // its own (its letters in a register): most bytes are read here.
            // A byte past ASCII has no bit and ends the run.
            let mut run = bits;
            let mut j = i;
            while let Some(&c) = bytes.get(j) {
                let bit = LETTER_BITS[c as usize];
                if bit == 0 {
                    break;
                }
                run |= bit;
                j += 1;
            }
            bits = run;
            chars += j - i;
            i = j;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        match class(c) {
            kind @ (Class::Letter(_) | Class::Script) => {
                if first == NONE {
                    (first, start) = (i, chars);
                }
                plain = false;
                if let Class::Letter(a) = kind {
                    bits |= LETTER_BITS[a as usize];
                }
            }
            Class::Ideograph => {
                end_word!(i);
                let alone = Span {
                    bytes: i..next,
                    start: chars,
                    bits: 0,
                    plain: false,
                };
                if !f(alone) {
                    return;
                }
            }
            Class::Separator => end_word!(i),
        }
        i = next;
        chars += 1;
    }
    if first != NONE {
        f(Span {
            bytes: first..bytes.len(),
            start,
            bits,
            plain,
        });
    }
}

/// The words of `text`, folded and cased, in order.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |_, w| out.push(w.to_string()));
    out
}

/// What a character is to the tokenizer.
enum Class {
    /// A letter or digit with an ASCII likeness: this byte.
    Letter(u8),
    /// A letter or digit of another script that writes spaces between words.
    Script,
    /// A character that is a word on its own (Chinese, Japanese).
    Ideograph,
    Separator,
}

fn class(c: char) -> Class {
    let b = fold_char(c);
    if b.is_ascii_alphanumeric() {
        return Class::Letter(b);
    }
    if b != OTHER || !c.is_alphanumeric() {
        return Class::Separator;
    }
    if is_ideograph(c) {
        Class::Ideograph
    } else {
        Class::Script
    }
}

/// Han ideographs, kana and their extensions: scripts written without
/// spaces, where each character is indexed as a word.
fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x3FFFF) // extensions B and later
}

/// Lower case of a folded word: ASCII bytes lower-cased, other scripts
/// through Unicode's lower case.
pub(crate) fn lower(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars().flat_map(char::to_lowercase).collect()
}

/// Whether a word holds a digit: numbers are never matched with typos or
/// by scattered letters.
pub(crate) fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The words of `text` as an index reads them: (start, word).
    pub(crate) fn split(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for_each_word(text, |i, w| out.push((i, w.to_string())));
        out
    }

    #[test]
    fn spans_are_the_words_unfolded_with_their_letters() {
        let bits = |w: &str| w.bytes().fold(0, |m, b| m | LETTER_BITS[b as usize]);
        for text in [
            "Vietnam's 27.5% US$15 billion, 1979-09",
            "Phạm Văn Đồng · Hà Nội",
            "Москва 中文 and Zacatécas",
            "a\tb\u{1b}c\u{7f}d ẞtraße",
            "",
            " · — ",
        ] {
            let mut folded = Vec::new();
            for_each_word(text, |_, w| folded.push((w.to_string(), bits(w))));
            let mut spans = Vec::new();
            for_each_span(text, |span, b| {
                let mut one = Vec::new();
                for_each_word(&text[span], |_, w| one.push(w.to_string()));
                assert_eq!(one.len(), 1, "{text:?}");
                spans.push((one.remove(0), b));
                true
            });
            assert_eq!(spans, folded, "{text:?}");
        }
    }

    /// Words by the definition, a character at a time: runs of letters and
    /// digits (folded), an ideograph alone.
    fn reference(text: &str) -> Vec<(usize, String, u64)> {
        let mut out: Vec<(usize, String, u64)> = Vec::new();
        let mut word: Option<(usize, String, u64)> = None;
        for (n, c) in text.chars().enumerate() {
            match class(c) {
                Class::Letter(b) => {
                    let w = word.get_or_insert((n, String::new(), 0));
                    w.1.push(char::from(b));
                    w.2 |= LETTER_BITS[b as usize];
                }
                Class::Script => word.get_or_insert((n, String::new(), 0)).1.push(c),
                Class::Ideograph => {
                    out.extend(word.take());
                    out.push((n, c.to_string(), 0));
                }
                Class::Separator => out.extend(word.take()),
            }
        }
        out.extend(word);
        out
    }

    proptest::proptest! {
        #[test]
        fn words_and_spans_agree_with_the_definition(
            text in "[a-zA-Z0-9 .,'$%\t\u{1b}\u{7f}·—éñĐồạ中文Мос]{0,80}"
        ) {
            let mut got = Vec::new();
            for_each_word(&text, |start, w| got.push((start, w.to_string())));
            let want = reference(&text);
            let words: Vec<(usize, String)> = want.iter().map(|(s, w, _)| (*s, w.clone())).collect();
            proptest::prop_assert_eq!(got, words);
            let mut bits = Vec::new();
            for_each_span(&text, |_, b| {
                bits.push(b);
                true
            });
            let want_bits: Vec<u64> = want.iter().map(|w| w.2).collect();
            proptest::prop_assert_eq!(bits, want_bits);
        }
    }

    #[test]
    fn a_texts_letters_hold_every_words_letters() {
        for text in [
            "Vietnam's 27.5% US$15 billion, 1979-09",
            "Phạm Văn Đồng · Hà Nội",
            "Москва 中文 and Zacatécas",
            "a\tb\u{1b}c\u{7f}d ẞtraße",
            "",
            "xyz",
        ] {
            let mut all = 0;
            for_each_span(text, |_, b| {
                all |= b;
                true
            });
            assert_eq!(letters_of(text), all, "{text:?}");
        }
        let letter = |c: u8| LETTER_BITS[c as usize];
        assert_eq!(
            letters_of("Đồng"),
            letter(b'd') | letter(b'o') | letter(b'n') | letter(b'g')
        );
    }

    #[test]
    fn pieces_cut_no_word() {
        let text = "Phạm Văn Đồng met Zacatécas officials; 27.5% of US$15 billion·Hà Nội";
        for len in [0, 1, 3, 8, 64] {
            let mut pieces = Vec::new();
            for_each_piece(text, len, |p| {
                pieces.push(p.to_string());
                true
            });
            assert_eq!(pieces.concat(), text, "{len}");
            let mut split: Vec<String> = Vec::new();
            for p in &pieces {
                split.extend(words(p));
            }
            assert_eq!(split, words(text), "{len}");
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(
            words("Vietnam's 27.5% US$15 billion, 1979-09"),
            [
                "Vietnam", "s", "27", "5", "US", "15", "billion", "1979", "09"
            ]
        );
        assert!(words(" · — ").is_empty());
    }

    #[test]
    fn diacritics_fold_and_positions_count_characters() {
        assert_eq!(
            split("Phạm Văn Đồng · Hà Nội"),
            [
                (0, "Pham".into()),
                (5, "Van".into()),
                (9, "Dong".into()),
                (16, "Ha".into()),
                (19, "Noi".into())
            ]
        );
    }

    #[test]
    fn other_scripts_keep_their_letters_and_ideographs_stand_alone() {
        assert_eq!(
            split("Москва 中文 and"),
            [
                (0, "Москва".into()),
                (7, "中".into()),
                (8, "文".into()),
                (10, "and".into())
            ]
        );
        assert_eq!(lower("Москва"), "москва");
        assert_eq!(lower("Dong"), "dong");
    }
}
