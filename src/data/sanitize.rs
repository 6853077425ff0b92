//! Makes dataset text safe to print: nothing a dataset holds can reach the
//! terminal as a control character, an escape sequence or invisible formatting.
//!
//! Every string of a dataset passes through [`clean`] when it is loaded, so the
//! rest of the program (views, CLI formats, error messages) only ever sees
//! printable text; an identifier that cleaning would change is refused
//! instead, since identifiers are compared as written (`load/clean.rs`).

use std::borrow::Cow;

/// Replaces every character that a terminal would act on, or that would hide or
/// reorder text, with a visible placeholder. Tabs and line breaks become spaces.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| placeholder(c).is_none()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match placeholder(c) {
            None => out.push(c),
            Some(Placeholder::Char(p)) => out.push(p),
            Some(Placeholder::Code) => out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

/// Whether no string of this JSON text can hold a character [`clean`] would
/// replace, so cleaning a dataset parsed from it would change nothing.
///
/// JSON forbids raw control characters inside strings, so raw tabs and line
/// breaks are layout. What can put one into a string is an escape (`\n`,
/// `\u001b`: any escape but `\"`, `\\` and `\/` counts, to stay simple)
/// or a raw invisible character (U+202E…). Printable ASCII, the bulk of any
/// dataset, is skipped eight bytes at a time.
pub fn json_is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip plain stretches a block at a time, with one branch, then
        // straight to the first byte to look at.
        while let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<BLOCK>) {
            if block.iter().fold(0u8, |m, &b| m | u8::from(unusual(b))) != 0 {
                i += block.iter().position(|&b| unusual(b)).unwrap_or(0);
                break;
            }
            i += BLOCK;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        match b {
            b'\\' => match bytes.get(i + 1) {
                Some(b'"' | b'\\' | b'/') => i += 2,
                // Files written with every non-ASCII character escaped
                // ("\u00f1") are common; only what [`clean`] would replace counts.
                Some(b'u') => match escaped_char(bytes, i) {
                    Some((c, len)) if placeholder(c).is_none() => i += len,
                    _ => return false,
                },
                _ => return false,
            },
            b'\n' | b'\r' | b'\t' | 0x20..=0x7E => i += 1,
            0x00..=0x7F => return false,
            // Letters with diacritics, Greek, Cyrillic, Hebrew (U+00C0 to
            // U+05FF) and Vietnamese's (U+1E00 to U+1EFF, among U+1000 to
            // U+1FFF but for U+1800 to U+183F): nothing there is invisible.
            0xC3..=0xD7 => i += 2,
            0xE1 if bytes.get(i + 1) != Some(&0xA0) => i += 3,
            _ => {
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                if placeholder(c).is_some() {
                    return false;
                }
                i += c.len_utf8();
            }
        }
    }
    true
}

/// The character a `\uXXXX` escape at `i` stands for (a surrogate pair
/// taken together), and the escape's length in bytes.
fn escaped_char(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let unit = |at: usize| -> Option<u32> {
        let hex = bytes.get(at + 2..at + 6)?;
        if bytes.get(at..at + 2)? != b"\\u" {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    };
    let first = unit(i)?;
    match first {
        0xD800..=0xDBFF => {
            let second = unit(i + 6)?;
            if !(0xDC00..=0xDFFF).contains(&second) {
                return None;
            }
            let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            Some((char::from_u32(c)?, 12))
        }
        _ => Some((char::from_u32(first)?, 6)),
    }
}

/// Bytes [`json_is_clean`] tests at once: a loop over them without
/// branches, which the compiler turns into vector instructions.
const BLOCK: usize = 64;

/// Whether `b` is not printable ASCII (0x20 to 0x7E) or is a backslash:
/// the bytes [`json_is_clean`] must look at.
#[inline]
fn unusual(b: u8) -> bool {
    (b.wrapping_sub(0x20) >= 0x5F) | (b == b'\\')
}

enum Placeholder {
    Char(char),
    Code,
}

fn placeholder(c: char) -> Option<Placeholder> {
    let n = u32::from(c);
    match n {
        0x09 | 0x0A | 0x0D => Some(Placeholder::Char(' ')),
        // C0 controls become their Control Pictures: ESC is shown as ␛.
        0x00..=0x1F => char::from_u32(0x2400 + n).map(Placeholder::Char),
        0x7F => Some(Placeholder::Char('␡')),
        // C1 controls (CSI, OSC, ST …) and invisible formatting.
        0x80..=0x9F => Some(Placeholder::Code),
        _ if is_invisible_format(n) => Some(Placeholder::Code),
        _ => None,
    }
}

/// Bidi overrides, marks and isolates, zero-width characters, line and
/// paragraph separators and the other format characters (Unicode category Cf)
/// that change how text is shown without being seen themselves.
fn is_invisible_format(n: u32) -> bool {
    matches!(
        n,
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x2028..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether cleaning would change any string of a JSON value, keys included.
    fn needs_cleaning(v: &serde_json::Value) -> bool {
        use serde_json::Value;
        let dirty = |s: &str| matches!(clean(s), Cow::Owned(_));
        match v {
            Value::String(s) => dirty(s),
            Value::Array(items) => items.iter().any(needs_cleaning),
            Value::Object(map) => map.iter().any(|(k, v)| dirty(k) || needs_cleaning(v)),
            _ => false,
        }
    }

    #[test]
    fn plain_text_is_untouched_and_not_copied() {
        let s = "Phạm Văn Đồng visited México — 中文 🇲🇽";
        assert!(matches!(clean(s), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(clean("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(clean("\x1b]0;title\x07"), "␛]0;title␇");
        assert_eq!(clean("x\u{9b}31m"), "x⟨U+009B⟩31m");
        assert_eq!(clean("nul\0"), "nul␀");
        assert_eq!(clean("del\x7f"), "del␡");
    }

    #[test]
    fn whitespace_controls_become_spaces() {
        assert_eq!(clean("a\tb\nc\r\n"), "a b c  ");
    }

    #[test]
    fn bidi_and_zero_width_become_visible() {
        assert_eq!(clean("abc\u{202E}def"), "abc⟨U+202E⟩def");
        assert_eq!(clean("\u{2066}x\u{2069}"), "⟨U+2066⟩x⟨U+2069⟩");
        assert_eq!(clean("a\u{200B}b"), "a⟨U+200B⟩b");
        assert_eq!(clean("\u{FEFF}bom"), "⟨U+FEFF⟩bom");
    }

    #[test]
    fn output_has_no_control_characters() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(clean(&all).chars().all(|c| !c.is_control()));
    }

    #[test]
    fn json_is_clean_spots_anything_clean_would_change() {
        assert!(json_is_clean(
            "{\n\t\"a\": \"Phạm Văn Đồng — \\\"q\\\" a/b \\/ \\\\ 中文 🇲🇽\"\r\n}"
        ));
        assert!(json_is_clean(""));
        for dirty in [
            r#"{"a": "x\u001b[2J"}"#,
            r#"{"a": "line\nbreak"}"#,
            r#"{"a": "tab\t"}"#,
            "{\"a\": \"bidi \u{202E} mark\"}",
            "{\"a\": \"c1 \u{9b} control\"}",
            "{\"a\": \"del \u{7f}\"}",
            "{\"a\": \"raw \u{1b}\"}",
        ] {
            assert!(!json_is_clean(dirty), "{dirty:?}");
            // A dirty character anywhere in a long clean text is still seen.
            let long = format!("{}{dirty}", "abcdefgh".repeat(3));
            assert!(!json_is_clean(&long), "{long:?}");
        }
        // Wherever the dirt is, within or past whole blocks of clean text.
        let clean_text =
            "abcdefghijklmnop qrstuvwxyz 0123456789 Phạm Văn Đồng ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for dirt in ["\\u001b", "\u{202E}", "\u{7f}", "\u{9b}", "\\n"] {
            for at in clean_text.char_indices().map(|(i, _)| i) {
                let text = format!("{}{dirt}{}", &clean_text[..at], &clean_text[at..]);
                assert!(!json_is_clean(&text), "{text:?}");
            }
        }
        assert!(json_is_clean(clean_text));
        // Whenever it says clean, cleaning every string changes nothing.
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let json = serde_json::to_string(&all).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert!(!json_is_clean(&json) || !needs_cleaning(&v));
    }

    #[test]
    fn json_is_clean_judges_every_raw_character_as_clean_does() {
        let mut json = String::new();
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            if c == '"' || c == '\\' {
                continue;
            }
            json.clear();
            json.extend(['"', 'a', c, 'b', '"']);
            let clean_would_change = placeholder(c).is_some() && !matches!(c, '\n' | '\r' | '\t');
            assert_eq!(
                json_is_clean(&json),
                !clean_would_change,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn unicode_escapes_count_only_when_cleaning_would_change_them() {
        for clean_json_text in [
            r#"{"a": "Mu\u00f1oz \u0110\u1ed3ng"}"#,
            r#"{"a": "flag \ud83c\uddf2\ud83c\uddfd"}"#,
            r#"{"a": "\u4E2D\u6587"}"#,
        ] {
            assert!(json_is_clean(clean_json_text), "{clean_json_text}");
        }
        for dirty in [
            r#"{"a": "\u001B[2J"}"#,
            r#"{"a": "\u202e"}"#,
            r#"{"a": "\u200b"}"#,
            r#"{"a": "lone \ud83c"}"#,
            r#"{"a": "short \u00f"}"#,
            r#"{"a": "\u00zz"}"#,
        ] {
            assert!(!json_is_clean(dirty), "{dirty}");
        }
        // Every character written as an escape, as tools that escape all
        // non-ASCII text do: whenever it says clean, cleaning changes nothing.
        let mut json = String::from("[");
        for n in (0u32..0x3000).chain(0x1F1E6..0x1F200) {
            let Some(c) = char::from_u32(n) else { continue };
            let mut units = [0u16; 2];
            let escaped: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("\\u{u:04x}"))
                .collect();
            let item = format!("\"{escaped}\"");
            let v: serde_json::Value = serde_json::from_str(&item).unwrap_or_default();
            assert!(!json_is_clean(&item) || !needs_cleaning(&v), "{item}");
            json.push_str(&item);
            json.push(',');
        }
        json.push_str("\"\"]");
        assert!(!json_is_clean(&json));
    }
}
