//! Measuring, cutting and wrapping text by its width on a terminal, where
//! CJK characters take two cells and combining marks none.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns for a message to stderr: the terminal's width when stderr is one,
/// else 100, a width most terminals and log viewers show without wrapping.
pub fn stderr_columns() -> usize {
    terminal_size::terminal_size_of(std::io::stderr())
        .map_or(100, |(terminal_size::Width(w), _)| usize::from(w))
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts a string to at most `max` cells, ending with "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Cuts a string to at most `max` cells from its start, beginning with "…"
/// when cut: for text being typed, whose end is what matters.
pub fn truncate_start(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        kept.push(c);
        w += cw;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Pads with spaces (or cuts with "…") to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let tw = t.width();
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
        let ww = word.width();
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
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if lw + cw > max && lw > 0 {
                    lines.push(std::mem::take(&mut line));
                    lw = 0;
                }
                line.push(c);
                lw += cw;
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
}
