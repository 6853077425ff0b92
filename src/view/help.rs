//! The help overlay, drawn from the key table itself, and filtered by what
//! is typed after `/`: a line stays when it has every word typed, in its
//! keys, its text or its section's title, in any case and without accents.

use ratatui::text::Line;

use crate::app::keymap::{HelpLine, Section, help_lines};
use crate::app::{App, Mode};
use crate::search::fold::fold;
use crate::text::truncate_start;

const KEYS_W: usize = 18;

/// The filter typed after `/`, and whether it is being typed.
fn filter(app: &App) -> Option<(&str, bool)> {
    match app.mode() {
        Mode::Help { filter, typing, .. } => Some((filter.text(), *typing)),
        _ => None,
    }
}

/// The overlay's title: "Keys", or "Keys · /trade" with a cursor while typing.
pub fn title(app: &App) -> String {
    match filter(app) {
        Some((text, typing)) if typing || !text.is_empty() => {
            let cursor = if typing { "▏" } else { "" };
            format!("Keys · /{}{cursor}", truncate_start(text, 30))
        }
        _ => "Keys".to_string(),
    }
}

/// Folded to lower-case ASCII, so "Année" matches "annee".
fn folded(s: &str) -> String {
    String::from_utf8_lossy(&fold(s)).to_ascii_lowercase()
}

/// Whether a line of `section` has every word of `words` (folded).
fn keeps(section: Section, line: &HelpLine, words: &[String]) -> bool {
    let text = folded(&format!("{} {} {}", section.title(), line.keys, line.help));
    words.iter().all(|w| text.contains(w.as_str()))
}

/// Every line of the key table's help that the filter keeps, section by
/// section, wrapped to `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let query = filter(app).map_or("", |f| f.0);
    let words: Vec<String> = query.split_whitespace().map(folded).collect();
    let mut out = Vec::new();
    for s in Section::ALL {
        let rows: Vec<HelpLine> = help_lines(s)
            .into_iter()
            .filter(|l| keeps(s, l, &words))
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(s.title(), theme.header_row()));
        for row in rows {
            let keys = format!("  {}", row.keys);
            // Keys too many for their column get a line of their own, whole.
            let label = if crate::text::width(&keys) < KEYS_W {
                keys
            } else {
                out.push(Line::styled(keys, theme.key()));
                String::new()
            };
            out.extend(super::detail::labelled_lines(
                &label,
                row.help,
                width,
                KEYS_W,
                theme.key(),
            ));
        }
    }
    if out.is_empty() {
        out.push(Line::styled(
            format!("No key matches {query:?} — Esc clears the filter"),
            theme.dim(),
        ));
    }
    out
}
