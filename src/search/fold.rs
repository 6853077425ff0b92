//! ASCII folding: every character becomes exactly one ASCII byte.
//!
//! "Đồng" folds to "Dong", "Muñoz" to "Munoz", an en dash to "-". Because the
//! folding is one character to one byte, a byte offset in folded text *is*
//! the character index in the original text: match positions found on the
//! folded copy highlight the original without any index map. The price is
//! that a character never expands ("ß" folds to "s", not "ss"), which matters
//! little for finding names and words.
//!
//! Characters with no ASCII likeness (CJK, Cyrillic, emoji, symbols) fold to
//! [`OTHER`]; the index keeps the original text of records holding them, so a
//! query typed in those scripts still finds them (see `index.rs`).

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// What a character with no ASCII likeness folds to. A control byte: no
/// query character folds to it and it never counts as part of a word.
pub const OTHER: u8 = 0x1A;

/// Separates the fields of a record's folded text ("headline · date · …").
/// Like [`OTHER`] it is never typed, so no query can match across it by
/// accident as a literal.
pub const SEPARATOR: u8 = 0x1F;

/// The separator as it is shown in a record's original text; also 1 character
/// per folded byte: " · " is three characters, folded to b" \x1F ".
pub const SEPARATOR_SHOWN: &str = " · ";

/// [`SEPARATOR_SHOWN`]'s length in characters, as positions count them.
pub const SEPARATOR_CHARS: u32 = {
    let bytes = SEPARATOR_SHOWN.as_bytes();
    let (mut n, mut i) = (0, 0);
    while i < bytes.len() {
        // Every byte but a continuation byte starts a character.
        if bytes[i] & 0xC0 != 0x80 {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The characters below this code point are folded through a table built once.
const TABLE_END: u32 = 0x2100;

fn table() -> &'static [u8] {
    static TABLE: OnceLock<Box<[u8]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|n| char::from_u32(n).map_or(OTHER, slow_fold))
            .collect()
    })
}

/// Folds one character to one ASCII byte, keeping its case.
#[inline]
pub fn fold_char(c: char) -> u8 {
    let n = u32::from(c);
    if (0x20..0x7F).contains(&n) {
        return n as u8;
    }
    match table().get(n as usize) {
        Some(&b) => b,
        None => fold_high(c),
    }
}

/// Whether a character has an ASCII likeness (folds to something other than [`OTHER`]).
pub fn is_foldable(c: char) -> bool {
    fold_char(c) != OTHER
}

/// Folds a whole string, keeping case: one byte per character.
pub fn fold(s: &str) -> Vec<u8> {
    s.chars().map(fold_char).collect()
}

/// Appends the folded bytes of `s` (case kept) to `out`. Returns whether
/// `s` held a character with no ASCII likeness.
pub fn fold_into(s: &str, out: &mut Vec<u8>) -> bool {
    if s.is_ascii() && !s.bytes().any(|b| b < 0x20 || b == 0x7F) {
        out.extend_from_slice(s.as_bytes());
        return false;
    }
    let mut other = false;
    for c in s.chars() {
        let b = fold_char(c);
        other |= b == OTHER;
        out.push(b);
    }
    other
}

/// Appends folded text to `text` lower-cased, and its case to `upper`: one
/// byte per eight of text, bit `i` set where byte `i` was upper case. `text`
/// must hold a multiple of eight bytes, and `cased` is padded with zeros to
/// keep it so.
pub fn push_lowered(cased: &[u8], text: &mut Vec<u8>, upper: &mut Vec<u8>) {
    debug_assert!(text.len().is_multiple_of(8));
    let padded = cased.len().div_ceil(8) * 8;
    text.reserve(padded);
    text.extend(cased.iter().map(u8::to_ascii_lowercase));
    text.resize(text.len() + padded - cased.len(), 0);
    upper.extend(cased.chunks(8).map(|chunk| {
        chunk.iter().enumerate().fold(0u8, |bits, (i, b)| {
            bits | u8::from(b.is_ascii_uppercase()) << i
        })
    }));
}

/// Folding for the table: the base letter of a decomposed character, or a
/// look-alike for letters and punctuation that do not decompose.
fn slow_fold(c: char) -> u8 {
    let n = u32::from(c);
    if (0x20..0x7F).contains(&n) {
        return n as u8;
    }
    // Loaded datasets hold no control characters (they are cleaned on load),
    // but one built in code might: white space stays white space, the rest
    // can never be typed in a query.
    if matches!(c, '\t' | '\n' | '\r') {
        return b' ';
    }
    if c.is_control() {
        return OTHER;
    }
    if let Some(b) = special(c) {
        return b;
    }
    if let Some(base) = c.nfd().next()
        && base.is_ascii_alphanumeric()
    {
        return base as u8;
    }
    // Compatibility forms: "ﬁ" → "f", superscript two → "2", fullwidth "Ａ" → "A".
    if let Some(base) = c.nfkd().next()
        && base.is_ascii_graphic()
    {
        return base as u8;
    }
    OTHER
}

/// Letters that do not decompose to a base letter, and punctuation with an
/// obvious ASCII equivalent.
fn special(c: char) -> Option<u8> {
    Some(match c {
        'Đ' | 'Ð' | 'Ɖ' => b'D',
        'đ' | 'ð' | 'ɖ' => b'd',
        'Ø' | 'Œ' => b'O',
        'ø' | 'œ' => b'o',
        'Ł' => b'L',
        'ł' => b'l',
        'Æ' => b'A',
        'æ' => b'a',
        'ß' | 'ſ' => b's',
        'Þ' | 'Ŧ' => b'T',
        'þ' | 'ŧ' => b't',
        'Ħ' => b'H',
        'ħ' => b'h',
        'ı' => b'i',
        'Ŋ' => b'N',
        'ŋ' => b'n',
        'ĸ' => b'k',
        'ƒ' => b'f',
        'Ə' => b'E',
        'ə' => b'e',
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => b' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2043}' => b'-',
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '´' | '`' => b'\'',
        '\u{201c}'..='\u{201f}' | '\u{2033}' | '«' | '»' => b'"',
        '…' | '·' | '•' | '‧' => b'.',
        '≈' | '∼' => b'~',
        '×' => b'x',
        '÷' | '⁄' => b'/',
        '€' | '£' | '¥' | '¢' => b'$',
        '→' | '⇄' | '⇒' => b'>',
        '←' | '⇐' => b'<',
        '§' => b'S',
        '°' => b'o',
        _ => return None,
    })
}

/// Characters beyond the table: symbols with a look-alike (≈, →),
/// fullwidth ASCII and the ideographic space fold; everything else has no
/// ASCII likeness.
fn fold_high(c: char) -> u8 {
    let n = u32::from(c);
    match n {
        0xFF01..=0xFF5E => (n - 0xFEE0) as u8,
        0x3000 => b' ',
        _ => special(c).unwrap_or(OTHER),
    }
}

/// Whether a folded byte is part of a word (letters and digits).
#[inline]
pub fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        String::from_utf8(fold(s)).unwrap_or_default()
    }

    #[test]
    fn strips_diacritics_one_byte_per_char() {
        assert_eq!(f("Phạm Văn Đồng"), "Pham Van Dong");
        assert_eq!(f("Muñoz Núñez Peña"), "Munoz Nunez Pena");
        assert_eq!(f("Nguyễn Cơ Thạch"), "Nguyen Co Thach");
        assert_eq!(
            f("Łódź Gdańsk Ødegård Straße"),
            "Lodz Gdansk Odegard Strase"
        );
        assert_eq!(f("İstanbul Bakı Əliyeva"), "Istanbul Baki Eliyeva");
        for s in [
            "Phạm Văn Đồng",
            "中文 and 🇲🇽",
            "≈ US$15 billion",
            "a\u{301}",
        ] {
            assert_eq!(fold(s).len(), s.chars().count(), "{s}");
        }
    }

    #[test]
    fn punctuation_has_ascii_likeness() {
        assert_eq!(f("Vietnam–Mexico"), "Vietnam-Mexico");
        assert_eq!(f("“Mexico Plan” — it’s"), "\"Mexico Plan\" - it's");
        assert_eq!(f("≈ US$15 billion"), "~ US$15 billion");
        assert_eq!(f("Ｍｅｘｉｃｏ"), "Mexico");
    }

    #[test]
    fn other_scripts_fold_to_other() {
        assert_eq!(fold("中文"), vec![OTHER, OTHER]);
        assert_eq!(fold("Москва")[0], OTHER);
        assert!(!is_foldable('🇲'));
        assert!(is_foldable('é'));
    }

    #[test]
    fn lowering_records_case_and_pads() {
        let mut cased = Vec::new();
        assert!(!fold_into("Đồng Nai", &mut cased));
        assert_eq!(cased, b"Dong Nai");
        assert!(!fold_into(" Hà", &mut cased));
        let (mut text, mut upper) = (Vec::new(), Vec::new());
        push_lowered(&cased, &mut text, &mut upper);
        assert_eq!(text, b"dong nai ha\0\0\0\0\0");
        // Bits 0 (Đ), 5 (N) and 9 (H) are upper case.
        assert_eq!(upper, vec![0b0010_0001, 0b0000_0010]);
        assert!(fold_into("中", &mut cased));
    }
}
