//! A line of text being typed, with a cursor: the relation picker's filter
//! and the search box edit text the same way.

use crate::data::sanitize;

use super::Action;

/// Text typed by the user and the position of the text cursor in it.
///
/// What is typed or pasted is cleaned as dataset text is: a control or
/// bidirectional character (ESC, U+202E) is stored as its visible
/// placeholder, so it can never reach the terminal raw when the box is drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// In characters, from 0 to the length of `text`.
    cursor: usize,
}

/// What an editing action did to a text input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// The text is the same (the cursor may have moved).
    Unchanged,
    /// The action is not an editing one.
    Ignored,
}

impl TextInput {
    /// An input holding `text`, cleaned, with the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        let mut t = TextInput::default();
        t.insert_str(text);
        t
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's position, in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text before the cursor, the character under it (if any) and the rest.
    pub fn split(&self) -> (&str, Option<char>, &str) {
        let at = self.byte_at(self.cursor);
        let (before, rest) = self.text.split_at(at);
        let mut chars = rest.chars();
        let under = chars.next();
        (before, under, chars.as_str())
    }

    /// Applies an editing action: typing, deleting, moving the cursor.
    pub fn apply(&mut self, action: Action) -> Edit {
        let before = self.text.len();
        match action {
            Action::Input(c) => self.insert_str(c.encode_utf8(&mut [0; 4])),
            Action::DeleteChar => self.backspace(),
            Action::DeleteWord => self.delete_word(),
            Action::ClearInput => self.clear(),
            Action::Left => self.move_by(-1),
            Action::Right => self.move_by(1),
            _ => return Edit::Ignored,
        }
        // Every change inserts or removes characters.
        if self.text.len() == before {
            Edit::Unchanged
        } else {
            Edit::Changed
        }
    }

    /// Puts the cursor after the last character.
    pub fn to_end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Inserts text at the cursor, cleaned, and moves the cursor past it.
    pub fn insert_str(&mut self, s: &str) {
        let clean = sanitize::clean(s);
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Deletes the character before the cursor.
    fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let start = self.byte_at(self.cursor - 1);
        let end = self.byte_at(self.cursor);
        self.text.replace_range(start..end, "");
        self.cursor -= 1;
    }

    /// Deletes the word before the cursor and the spaces after it, as Ctrl-w
    /// does in a shell.
    fn delete_word(&mut self) {
        let end = self.byte_at(self.cursor);
        let head = self.text[..end].trim_end_matches(' ');
        let start = head.rfind(' ').map_or(0, |i| i + 1);
        let removed = self.text[start..end].chars().count();
        self.text.replace_range(start..end, "");
        self.cursor -= removed;
    }

    fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn move_by(&mut self, by: isize) {
        let len = self.text.chars().count();
        self.cursor = self.cursor.saturating_add_signed(by).min(len);
    }

    /// The byte offset of the `n`th character (or the end).
    fn byte_at(&self, n: usize) -> usize {
        self.text
            .char_indices()
            .nth(n)
            .map_or(self.text.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, cursor: usize) -> TextInput {
        let mut t = TextInput::new(text);
        t.cursor = cursor;
        t
    }

    #[test]
    fn edits_at_the_cursor_on_non_ascii_text() {
        let mut s = at("Đồng", 1);
        assert_eq!(s.apply(Action::Input('x')), Edit::Changed);
        assert_eq!(s.text(), "Đxồng");
        s.apply(Action::DeleteChar);
        s.apply(Action::DeleteChar);
        assert_eq!(s.text(), "ồng");
        assert_eq!(s.cursor(), 0);
        assert_eq!(s.apply(Action::DeleteChar), Edit::Unchanged);
        assert_eq!(s.text(), "ồng");
    }

    #[test]
    fn deletes_the_word_before_the_cursor() {
        let mut s = at("nguyen co thach", 15);
        s.apply(Action::DeleteWord);
        assert_eq!(s.text(), "nguyen co ");
        s.apply(Action::DeleteWord);
        assert_eq!(s.text(), "nguyen ");
        for _ in 0..100 {
            s.apply(Action::Left);
        }
        s.apply(Action::DeleteWord);
        assert_eq!(s.text(), "nguyen ");
        s.apply(Action::Right);
        s.apply(Action::Right);
        s.apply(Action::DeleteWord);
        assert_eq!((s.text(), s.cursor()), ("uyen ", 0));
    }

    #[test]
    fn the_cursor_splits_the_text_it_is_in() {
        let s = at("côte", 2);
        assert_eq!(s.split(), ("cô", Some('t'), "e"));
        let s = at("côte", 4);
        assert_eq!(s.split(), ("côte", None, ""));
    }

    #[test]
    fn control_and_bidi_characters_are_stored_visibly() {
        let mut s = TextInput::default();
        for c in ['a', '\u{202E}', '\u{1b}', 'b'] {
            s.apply(Action::Input(c));
        }
        assert!(s.text().starts_with('a') && s.text().ends_with('b'));
        assert!(
            !s.text().chars().any(|c| c == '\u{202E}' || c.is_control()),
            "{:?}",
            s.text()
        );
        assert_eq!(s.cursor(), s.text().chars().count());
        let pasted = TextInput::new("x\u{1b}]0;title\u{7}y");
        assert!(!pasted.text().chars().any(char::is_control));
    }
}
