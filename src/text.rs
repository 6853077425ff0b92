//! Measuring, cutting and wrapping text by its width on a terminal, where
//! CJK characters take two cells and combining marks none. Text is measured
//! a grapheme cluster at a time (what a reader sees as one character), as
//! ratatui measures what it draws, so a flag or an emoji with a variation
//! selector is as wide in a layout as in the frame.

use ratatui::buffer::Buffer;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns for a message to stderr: the terminal's width when stderr is one,
/// else 100, a width most terminals and log viewers show without wrapping.
pub fn stderr_columns() -> usize {
    terminal_size::terminal_size_of(std::io::stderr())
        .map_or(100, |(terminal_size::Width(w), _)| usize::from(w))
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Cuts a string to at most `max` cells, ending with "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = g.width();
        if w + gw + 1 > max {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    out
}

/// Cuts a string to at most `max` cells from its start, beginning with "…"
/// when cut: for text being typed, whose end is what matters.
pub fn truncate_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut w = 0;
    for g in s.graphemes(true).rev() {
        let gw = g.width();
        if w + gw + 1 > max {
            break;
        }
        kept.push(g);
        w += gw;
    }
    std::iter::once("…").chain(kept.into_iter().rev()).collect()
}

/// Pads with spaces (or cuts with "…") to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let tw = width(&t);
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(tw)));
    t
}

/// Wraps at spaces to lines of at most `max` cells; words longer than a line are broken.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut lw = 0;
    for word in text.split_whitespace() {
        let ww = width(word);
        if lw > 0 && lw + 1 + ww > max {
            lines.push(std::mem::take(&mut line));
            lw = 0;
        }
        if ww > max {
            // Break an over-long word into line-sized pieces.
            if lw > 0 {
                line.push(' ');
                lw += 1;
            }
            for g in word.graphemes(true) {
                let gw = g.width();
                if lw + gw > max && lw > 0 {
                    lines.push(std::mem::take(&mut line));
                    lw = 0;
                }
                line.push_str(g);
                lw += gw;
            }
            continue;
        }
        if lw > 0 {
            line.push(' ');
            lw += 1;
        }
        line.push_str(word);
        lw += ww;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A flag is two regional indicators: "🇲🇽" is M and X.
fn regional_letter(c: char) -> Option<char> {
    let n = u32::from(c).checked_sub(0x1F1E6)?;
    (n < 26).then(|| char::from(b'A' + n as u8))
}

/// Characters that join others into one emoji: a variation selector, the
/// zero-width joiner, a skin tone, the keycap mark.
fn joins_emoji(c: char) -> bool {
    matches!(
        u32::from(c),
        0xFE0E | 0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF | 0x20E3
    )
}

/// How to draw a grapheme that terminals disagree on, so that every terminal
/// draws it exactly as wide as it was measured; `None` for any other.
///
/// A flag ("🇲🇽") is one wide glyph on some terminals and two letters of one
/// or two cells on others: it is drawn as its region's letters, "MX". An
/// emoji made of several characters (a variation selector in "🏳️", a skin
/// tone, a zero-width joiner, a keycap) is one glyph on some and several on
/// others: it is drawn as its first character, padded with spaces.
pub fn for_terminal(g: &str) -> Option<String> {
    let mut chars = g.chars();
    let first = chars.next()?;
    if let Some(letter) = regional_letter(first) {
        let mut out = String::from(letter);
        for c in chars {
            out.push(regional_letter(c)?);
        }
        return Some(out);
    }
    if g.len() == first.len_utf8() || !g.chars().any(joins_emoji) {
        return None;
    }
    let (whole, base) = (g.width(), first.width().unwrap_or(0));
    let mut out = if base <= whole {
        String::from(first)
    } else {
        String::new()
    };
    out.extend(std::iter::repeat_n(' ', whole.saturating_sub(width(&out))));
    Some(out)
}

/// Redraws every cell of a frame holding a grapheme terminals disagree on
/// in the form every terminal draws alike ([`for_terminal`]), one character
/// to a cell in the cells it covered, so a screen in any terminal is exactly
/// what was laid out, and a later frame overwrites all of it.
pub fn settle(buf: &mut Buffer) {
    let row = usize::from(buf.area.width).max(1);
    for i in 0..buf.content.len() {
        let symbol = buf.content[i].symbol();
        // Plain text is one character of under four bytes.
        if symbol.len() < 4 {
            continue;
        }
        let Some(shown) = for_terminal(symbol) else {
            continue;
        };
        let style = buf.content[i].style();
        let room = row - i % row;
        for (k, g) in shown.graphemes(true).take(room).enumerate() {
            buf.content[i + k].set_symbol(g).set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("中文中文", 5), "中文…");
        assert_eq!(truncate("Phạm Văn Đồng", 20), "Phạm Văn Đồng");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn truncates_from_the_start_keeping_the_end() {
        assert_eq!(truncate_start("abcdef", 4), "…def");
        assert_eq!(truncate_start("abc", 3), "abc");
        assert_eq!(truncate_start("中文中文", 5), "…中文");
        assert_eq!(truncate_start("abc", 0), "");
    }

    #[test]
    fn fit_pads_to_the_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(width(&fit("中文中文", 5)), 5);
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        let long = "x".repeat(25);
        let lines = wrap(&long, 10);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| width(l) <= 10));
        assert!(wrap("", 10).is_empty());
        assert!(wrap("中文中文中文", 5).iter().all(|l| width(l) <= 5));
    }

    #[test]
    fn flags_and_emoji_sequences_are_measured_as_drawn() {
        assert_eq!(width("🇲🇽 Mexico"), 9);
        assert_eq!(width("🏳️ Pakistan"), 11);
        // Cut between whole graphemes, never inside a flag or after a base
        // without its selector, and never wider than asked.
        for s in [
            "🇲🇽🇻🇳🇵🇰 flags",
            "🏳️🏳️🏳️ white flags",
            "👨‍👩‍👧‍👦 family",
            "Pha\u{323}m",
        ] {
            for max in 0..12 {
                let t = truncate(s, max);
                assert!(width(&t) <= max, "{s:?} cut to {max}: {t:?}");
                assert!(!t.contains("🇲…") && !t.ends_with("🏳…"), "{t:?}");
                let t = truncate_start(s, max);
                assert!(width(&t) <= max, "{s:?} cut from the start to {max}: {t:?}");
            }
        }
        assert_eq!(truncate("🏳️🏳️🏳️", 5), "🏳️🏳️…");
    }

    #[test]
    fn graphemes_terminals_disagree_on_are_drawn_alike_everywhere() {
        assert_eq!(for_terminal("🇲🇽").as_deref(), Some("MX"));
        assert_eq!(for_terminal("🇲").as_deref(), Some("M"));
        assert_eq!(for_terminal("🏳\u{FE0F}").as_deref(), Some("🏳 "));
        assert_eq!(for_terminal("❤\u{FE0F}").as_deref(), Some("❤ "));
        assert_eq!(for_terminal("👍🏽").as_deref(), Some("👍"));
        assert_eq!(
            for_terminal("👨\u{200D}👩\u{200D}👧").as_deref(),
            Some("👨")
        );
        assert_eq!(for_terminal("#\u{FE0F}\u{20E3}").as_deref(), Some("# "));
        for plain in ["a", "中", "é", "e\u{301}", "Đồ", "🎉"] {
            assert_eq!(for_terminal(plain), None, "{plain}");
        }
        // Drawn as wide as measured.
        for g in [
            "🇲🇽",
            "🏳\u{FE0F}",
            "👍🏽",
            "👨\u{200D}👩\u{200D}👧",
            "#\u{FE0F}\u{20E3}",
        ] {
            assert_eq!(
                width(&for_terminal(g).unwrap_or_default()),
                g.width(),
                "{g}"
            );
        }
    }

    #[test]
    fn a_settled_frame_reads_the_same_and_keeps_its_columns() {
        let area = ratatui::layout::Rect::new(0, 0, 20, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "🇲🇽 Mexico 🏳️ x", ratatui::style::Style::default());
        settle(&mut buf);
        let line: String = crate::cli::render::buffer_text(&buf);
        assert_eq!(line.trim_end(), "MX Mexico 🏳  x");
        // One character to a cell: none of them is wider than one.
        assert!(buf.content[..2].iter().all(|c| c.symbol().len() == 1));
        assert_eq!(width(line.trim_end()), width("🇲🇽 Mexico 🏳️ x"));
    }
}
