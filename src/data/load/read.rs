//! Getting a dataset file's bytes, within the size cap, and telling text
//! that is not UTF-8 JSON apart before it is parsed.

use std::io::Read;
use std::path::Path;

use crate::data::sanitize::clean;

/// Reads at most `max + 1` bytes, so a file that grows after `metadata` (or a
/// stream with no size) cannot exhaust memory; `progress` hears the bytes read
/// so far. Room for `expected` bytes (the size `metadata` gave) is made at
/// once: growing a buffer to hundreds of megabytes by doubling copies it a
/// dozen times.
pub(super) fn capped(
    path: &Path,
    max: u64,
    expected: u64,
    progress: &dyn Fn(u64),
) -> std::io::Result<Vec<u8>> {
    // Small enough for the progress of a slow pipe to show.
    const CHUNK: u64 = 1 << 20;
    let mut input = std::fs::File::open(path)?.take(max.saturating_add(1));
    let room = usize::try_from(expected.min(max).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    loop {
        let n = (&mut input).take(CHUNK).read_to_end(&mut bytes)?;
        progress(bytes.len() as u64);
        if n == 0 {
            return Ok(bytes);
        }
    }
}

/// What a file system error means for a dataset file, in words.
pub(super) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => clean(&e.to_string()).into_owned(),
    }
}

/// The text of a dataset file without its byte-order mark, or why it is not
/// UTF-8 text, in words.
pub(super) fn decode(bytes: &[u8]) -> Result<&str, String> {
    if let Some(encoding) = utf16(bytes) {
        return Err(format!(
            "is not UTF-8 (looks like {encoding}); save the dataset as UTF-8"
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {}); save the dataset as UTF-8",
            e.valid_up_to()
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Which UTF-16 the bytes look like: a UTF-16 byte-order mark, or the zero
/// bytes every other byte that ASCII text (as JSON mostly is) has in UTF-16.
/// JSON text has no zero byte of its own: it is never valid there.
pub(super) fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("UTF-16 little-endian, with a byte-order mark"),
        [0xFE, 0xFF, ..] => return Some("UTF-16 big-endian, with a byte-order mark"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 2 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    // Mostly ASCII: nearly every pair has its zero on the same side.
    if odd * 4 >= pairs * 3 && even == 0 {
        Some("UTF-16 little-endian")
    } else if even * 4 >= pairs * 3 && odd == 0 {
        Some("UTF-16 big-endian")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn utf16_without_a_mark_is_recognised() {
        let json = "{\"sources\": [], \"countries\": [], \"relations\": []}\n";
        assert_eq!(utf16(&utf16le(json)), Some("UTF-16 little-endian"));
        assert_eq!(utf16(&utf16be(json)), Some("UTF-16 big-endian"));
        let e = decode(&utf16le(json)).unwrap_err();
        assert_eq!(
            e,
            "is not UTF-8 (looks like UTF-16 little-endian); save the dataset as UTF-8"
        );
        // With a little non-ASCII text too.
        assert!(utf16(&utf16le("{\"name\": \"Việt Nam 中文\"}")).is_some());
    }

    #[test]
    fn utf16_with_a_mark_is_recognised() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16le("{}"));
        assert!(decode(&bytes).unwrap_err().contains("byte-order mark"));
    }

    #[test]
    fn utf8_is_not_mistaken_for_utf16() {
        for text in ["{}", "", "a", "{\"a\": \"\\u0000\"}", "中文", "\u{feff}{}"] {
            assert_eq!(utf16(text.as_bytes()), None, "{text:?}");
        }
        assert_eq!(decode("\u{feff}{}".as_bytes()), Ok("{}"));
    }
}
