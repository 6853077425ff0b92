//! The footer's message: one short line saying what a key did that the
//! screen does not show ("hit 3 of 12"), or why it did nothing ("x: not a key
//! here — ? for help"). Anything may set it through [`super::App`]; the next
//! key clears it.

use super::keymap::{self, Key, Section};
use super::{App, Mode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

/// Whether a message reports what happened or why nothing did; the footer
/// styles them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Refusal,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Info,
        }
    }

    pub fn refusal(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Refusal,
        }
    }
}

/// What the footer says of a key that means nothing where it was pressed:
/// where it does mean something, when that is a tab, or how to find out.
pub fn unbound(app: &App, key: &Key) -> Message {
    let name = keymap::key_name(key);
    if app.typing() {
        return Message::refusal(format!(
            "{name}: not a key while typing — Esc leaves the box"
        ));
    }
    if *app.mode() != Mode::Normal {
        return Message::refusal(format!("{name}: not a key here — Esc closes, ? for help"));
    }
    let bound_in = keymap::sections_binding(key);
    if bound_in.contains(&Section::Years) {
        return Message::refusal(format!("{name}: no years here — 1–6 or Tab change tabs"));
    }
    let tabs: Vec<&str> = bound_in
        .iter()
        .filter_map(|s| s.tab())
        .map(|t| t.title())
        .collect();
    if !tabs.is_empty() {
        return Message::refusal(format!("{name}: a key of {} only", list_words(&tabs)));
    }
    Message::refusal(format!("{name}: not a key here — ? for help"))
}

/// "Trade", "Visits and Trade", "Timeline, Visits and Agreements".
fn list_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_words() {
        assert_eq!(list_words(&["Trade"]), "Trade");
        assert_eq!(
            list_words(&["Timeline", "Visits", "Agreements"]),
            "Timeline, Visits and Agreements"
        );
    }
}
