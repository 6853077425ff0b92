//! The one table of key bindings. Key handling, the help overlay, the footer
//! and README's key table all read it, so what they say is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Tab;
use super::action::Action;

/// A key with its modifiers. Shift is implied by the character for letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Where a binding applies. The help overlay shows one section per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Anywhere outside an overlay.
    Global,
    /// Moving through the list of the current tab.
    Lists,
    /// Tabs whose rows are dated: every tab but Overview.
    Years,
    Timeline,
    Visits,
    Agreements,
    Trade,
    /// The relation picker (`r`).
    Picker,
    /// The search overlay (`/`).
    Search,
    /// Help, sources and record overlays.
    Overlay,
    /// The help overlay, besides what every overlay does.
    Help,
    /// Typing the help overlay's filter (`/` in help).
    HelpFilter,
    /// Typing the name of the file an export writes (`e`).
    Export,
    /// Clicks and the wheel: notes only, no keys.
    Mouse,
}

impl Section {
    /// The tab a section's keys belong to, for the sections of one tab.
    pub fn tab(self) -> Option<Tab> {
        match self {
            Section::Timeline => Some(Tab::Timeline),
            Section::Visits => Some(Tab::Visits),
            Section::Agreements => Some(Tab::Agreements),
            Section::Trade => Some(Tab::Trade),
            _ => None,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "Anywhere",
            Section::Lists => "Lists",
            Section::Years => "Dated lists (every tab but Overview)",
            Section::Timeline => "Timeline",
            Section::Visits => "Visits",
            Section::Agreements => "Agreements",
            Section::Trade => "Trade",
            Section::Picker => "Relation picker",
            Section::Search => "Search",
            Section::Overlay => "Help, sources and record views",
            Section::Help => "Help",
            Section::HelpFilter => "Filtering the help",
            Section::Export => "Exporting to a file",
            Section::Mouse => "Mouse",
        }
    }

    /// Every section, in the order help lists them.
    pub const ALL: [Section; 14] = [
        Section::Global,
        Section::Lists,
        Section::Years,
        Section::Timeline,
        Section::Visits,
        Section::Agreements,
        Section::Trade,
        Section::Picker,
        Section::Search,
        Section::Overlay,
        Section::Help,
        Section::HelpFilter,
        Section::Export,
        Section::Mouse,
    ];
}

/// How a binding is described in help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    /// A line of its own.
    Line(&'static str),
    /// By the note before it, with its neighbours ("1–6  go to tab 1–6").
    InNote,
    /// By the line of the same key in another section, where it does the same.
    AsIn(Section),
}

/// A binding's or a note's word in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footer {
    pub word: &'static str,
    /// How the footer writes the keys ("j/k"), when not by the first key.
    pub keys: Option<&'static str>,
    /// After every other word: it matters least while working.
    pub at_end: bool,
}

/// Keys that do something.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub section: Section,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: Help,
    pub footer: Option<Footer>,
}

/// A line of help that is not one binding: keys described together ("1–6"),
/// typing into a box, the mouse.
#[derive(Debug, Clone, Copy)]
pub struct Note {
    pub section: Section,
    pub keys: &'static str,
    pub help: &'static str,
    pub footer: Option<Footer>,
}

/// A row of the key table.
#[derive(Debug, Clone, Copy)]
pub enum Entry {
    Bind(Binding),
    Note(Note),
}

/// One key of a binding: `'j'`, `(ctrl 'd')`, `(F 1)` or a `KeyCode` name such as `Down`.
macro_rules! key {
    ((F $n:literal)) => {
        Key {
            code: KeyCode::F($n),
            mods: KeyModifiers::NONE,
        }
    };
    ((ctrl $c:literal)) => {
        Key {
            code: KeyCode::Char($c),
            mods: KeyModifiers::CONTROL,
        }
    };
    ($c:literal) => {
        Key {
            code: KeyCode::Char($c),
            mods: KeyModifiers::NONE,
        }
    };
    ($code:ident) => {
        Key {
            code: KeyCode::$code,
            mods: KeyModifiers::NONE,
        }
    };
}

/// `=> "word"`, `=> "word" keys "j/k"`, `=> "word" at end`, or nothing.
macro_rules! footer {
    () => {
        None
    };
    ($word:literal) => {
        Some(Footer {
            word: $word,
            keys: None,
            at_end: false,
        })
    };
    ($word:literal keys $keys:literal) => {
        Some(Footer {
            word: $word,
            keys: Some($keys),
            at_end: false,
        })
    };
    ($word:literal at end) => {
        Some(Footer {
            word: $word,
            keys: None,
            at_end: true,
        })
    };
}

/// The key table, one line per entry, in the order help lists them:
///
/// ```text
/// Section [keys] Action, "help" => "footer word";   a binding
/// Section [keys] Action, in note;                   described by the note before it
/// Section [keys] Action, as in Section;             described in another section
/// Section note "keys", "help" => "footer word";     a line of help only
/// ```
macro_rules! keymap {
    (@rows [$($done:expr,)*]) => {
        &[$($done,)*]
    };
    (@rows [$($done:expr,)*]
        $sec:ident note $keys:literal, $help:literal
        $(=> $word:literal $(keys $fk:literal)? $(at $end:ident)?)?; $($rest:tt)*) => {
        keymap!(@rows [$($done,)* Entry::Note(Note {
            section: Section::$sec,
            keys: $keys,
            help: $help,
            footer: footer!($($word $(keys $fk)? $(at $end)?)?),
        }),] $($rest)*)
    };
    (@rows [$($done:expr,)*]
        $sec:ident [$($key:tt)+] $act:ident $(($($arg:tt)*))?, in note; $($rest:tt)*) => {
        keymap!(@rows [$($done,)* Entry::Bind(Binding {
            section: Section::$sec,
            keys: &[$(key!($key)),+],
            action: Action::$act $(($($arg)*))?,
            help: Help::InNote,
            footer: None,
        }),] $($rest)*)
    };
    (@rows [$($done:expr,)*]
        $sec:ident [$($key:tt)+] $act:ident $(($($arg:tt)*))?, as in $other:ident; $($rest:tt)*) => {
        keymap!(@rows [$($done,)* Entry::Bind(Binding {
            section: Section::$sec,
            keys: &[$(key!($key)),+],
            action: Action::$act $(($($arg)*))?,
            help: Help::AsIn(Section::$other),
            footer: None,
        }),] $($rest)*)
    };
    (@rows [$($done:expr,)*]
        $sec:ident [$($key:tt)+] $act:ident $(($($arg:tt)*))?, $help:literal
        $(=> $word:literal $(keys $fk:literal)? $(at $end:ident)?)?; $($rest:tt)*) => {
        keymap!(@rows [$($done,)* Entry::Bind(Binding {
            section: Section::$sec,
            keys: &[$(key!($key)),+],
            action: Action::$act $(($($arg)*))?,
            help: Help::Line($help),
            footer: footer!($($word $(keys $fk)? $(at $end)?)?),
        }),] $($rest)*)
    };
    ($($rows:tt)*) => {
        keymap!(@rows [] $($rows)*)
    };
}

/// Every key binding and note of the interface, in the order help lists them.
///
/// A key means one thing everywhere: `1`–`6` and `Tab` change tabs, `←`/`→`
/// (`h`/`l`) change years, `Esc` goes back and never quits, `q` quits.
/// `y`, `Y` and `e` are kept for copying and exporting.
#[rustfmt::skip]
pub static TABLE: &[Entry] = keymap! {
    Global ['q'] Quit, "quit" => "quit" at end;
    Global [(ctrl 'c')] Quit, "quit";
    Global [Esc] Back, "back to where the last jump came from; never quits" => "back";
    Global ['?' (F 1)] ToggleHelp, "show or hide this help" => "help";
    Global note "1–6", "go to tab 1–6" => "tabs" keys "1–6";
    Global ['1'] GoTab(Tab::Overview), in note;
    Global ['2'] GoTab(Tab::Timeline), in note;
    Global ['3'] GoTab(Tab::Visits), in note;
    Global ['4'] GoTab(Tab::Agreements), in note;
    Global ['5'] GoTab(Tab::Trade), in note;
    Global ['6'] GoTab(Tab::Missions), in note;
    Global [Tab] NextTab, "next tab";
    Global [BackTab] PrevTab, "previous tab";
    Global [']'] NextRelation, "next relation" => "relation" keys "[ ]";
    Global ['['] PrevRelation, "previous relation";
    Global ['r'] OpenPicker, "pick a relation, or all relations, by typing" => "pick";
    Global ['/'] OpenSearch, "search every record as you type; typos forgiven" => "search";
    Global ['n'] NextHit, "next hit of the last search";
    Global ['N'] PrevHit, "previous hit of the last search";
    Global [Enter] OpenDetail, "open the selected record in full" => "open";
    Global ['s'] OpenSources, "sources of the selected record, and every source" => "sources";
    Global ['y'] CopyCitation, "copy the selected record as a citation line, with its sources";
    Global ['Y'] CopyJson, "copy the selected record as JSON, as `bilateral show --format json`";
    Global ['e'] Export, "export this tab's rows, as filtered, to a csv, md or json file";

    Lists ['j' Down] Down, "move down" => "move" keys "j/k";
    Lists ['k' Up] Up, "move up";
    Lists ['g' Home] Top, "first row";
    Lists ['G' End] Bottom, "last row";
    Lists [PageDown ' ' (ctrl 'f')] PageDown, "page down";
    Lists [PageUp 'b' (ctrl 'b')] PageUp, "page up";
    Lists [(ctrl 'd')] HalfPageDown, "half a page down";
    Lists [(ctrl 'u')] HalfPageUp, "half a page up";

    Years ['h' Left] PrevYear, "previous year (on Trade, the chart's year)" => "year" keys "←/→";
    Years ['l' Right] NextYear, "next year";

    Timeline ['f'] CycleFilter, "show one kind of record: all, events, visits, agreements, missions, trade" => "filter";
    Visits ['f'] CycleFilter, "direction: both ways, one way, the other way" => "direction";
    Agreements ['f'] CycleFilter, "status: all, signed, in force, under negotiation, reported" => "status";

    Trade ['L'] ToggleLogScale, "logarithmic or linear scale" => "log";
    Trade ['c'] ToggleCompare, "compare every relation's trade" => "compare";

    Picker note "text", "type to filter relations" => "filter" keys "text";
    Picker [Down (ctrl 'n')] Down, "next relation";
    Picker [Up (ctrl 'p')] Up, "previous relation";
    Picker [Enter] Confirm, "open the chosen relation" => "open";
    Picker [Left] Left, "move the text cursor left";
    Picker [Right] Right, "move the text cursor right";
    Picker [Backspace] DeleteChar, "delete a character";
    Picker [(ctrl 'w')] DeleteWord, "delete a word";
    Picker [(ctrl 'u')] ClearInput, "clear the filter";
    Picker [Esc] Back, "close" => "close";
    Picker [(F 1)] ToggleHelp, "show the keys; Esc comes back here";
    Picker [(ctrl 'c')] Quit, "quit";

    Search note "text", "type words in any order; 'exact ^start end$ !not";
    Search [Down (ctrl 'n')] Down, "next hit" => "move" keys "↑/↓";
    Search [Up (ctrl 'p')] Up, "previous hit";
    Search [Enter] Confirm, "jump to the record, in its relation and tab" => "jump";
    Search [(ctrl 'y')] CopyCitation, "copy the selected hit as a citation line";
    Search [Tab] ToggleSearchScope, "all relations, or only the one on screen" => "scope";
    Search [Left] Left, "move the text cursor left";
    Search [Right] Right, "move the text cursor right";
    Search [Backspace] DeleteChar, "delete a character";
    Search [(ctrl 'w')] DeleteWord, "delete a word";
    Search [(ctrl 'u')] ClearInput, "clear the query";
    Search [Esc] Back, "close and go back to where you were" => "back";
    Search [(F 1)] ToggleHelp, "show the keys; Esc comes back here";
    Search [(ctrl 'c')] Quit, "quit";

    Help ['/'] FilterHelp, "filter these lines by typing" => "filter";

    Overlay ['j' Down] Down, "scroll down" => "scroll" keys "j/k";
    Overlay ['k' Up] Up, "scroll up";
    Overlay [PageDown ' ' (ctrl 'f') (ctrl 'd')] PageDown, "page down";
    Overlay [PageUp 'b' (ctrl 'b') (ctrl 'u')] PageUp, "page up";
    Overlay ['g' Home] Top, "top";
    Overlay ['G' End] Bottom, "bottom";
    Overlay [Esc] Back, "close, back to what is under it" => "back";
    Overlay ['?' (F 1)] ToggleHelp, as in Global;
    Overlay ['s'] OpenSources, as in Global;
    Overlay [Enter] OpenDetail, as in Global;
    Overlay ['q'] Quit, as in Global;
    Overlay ['y'] CopyCitation, as in Global;
    Overlay ['Y'] CopyJson, as in Global;
    Overlay [(ctrl 'c')] Quit, "quit";

    HelpFilter note "text", "type to keep the lines that have every word" => "filter" keys "text";
    HelpFilter [Enter] Confirm, "keep the filter and scroll with the keys again" => "keep";
    HelpFilter [Esc] Back, "clear the filter" => "clear";
    HelpFilter [Down] Down, "scroll down";
    HelpFilter [Up] Up, "scroll up";
    HelpFilter [Left] Left, "move the text cursor left";
    HelpFilter [Right] Right, "move the text cursor right";
    HelpFilter [Backspace] DeleteChar, "delete a character";
    HelpFilter [(ctrl 'w')] DeleteWord, "delete a word";
    HelpFilter [(ctrl 'u')] ClearInput, "clear the filter";
    HelpFilter [(F 1)] ToggleHelp, "close the help";
    HelpFilter [(ctrl 'c')] Quit, "quit";

    Export note "text", "type the file name; its extension (.csv, .md, .json) is the format" => "name" keys "text";
    Export [Enter] Confirm, "write the file; if it exists, Enter again replaces it" => "write";
    Export [Esc] Back, "cancel" => "cancel";
    Export [Left] Left, "move the text cursor left";
    Export [Right] Right, "move the text cursor right";
    Export [Backspace] DeleteChar, "delete a character";
    Export [(ctrl 'w')] DeleteWord, "delete a word";
    Export [(ctrl 'u')] ClearInput, "clear the name";
    Export [(ctrl 'c')] Quit, "quit";

    Mouse note "click", "select a tab, a row, or a year on the trade chart";
    Mouse note "wheel", "move through the list, or scroll an overlay";
};

/// Every binding, in table order.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    TABLE.iter().filter_map(|e| match e {
        Entry::Bind(b) => Some(b),
        Entry::Note(_) => None,
    })
}

impl Key {
    /// The key of a terminal's key event, as the table writes keys; `None`
    /// for keys that are not pressed for themselves (Shift, Caps Lock, media).
    pub fn of(ev: &KeyEvent) -> Option<Key> {
        let mods = match ev.code {
            // Shift is part of the character itself ('G', '?', '['), and of BackTab.
            KeyCode::Char(_) | KeyCode::BackTab => ev.modifiers - KeyModifiers::SHIFT,
            KeyCode::Modifier(_)
            | KeyCode::Media(_)
            | KeyCode::Null
            | KeyCode::CapsLock
            | KeyCode::NumLock
            | KeyCode::ScrollLock
            | KeyCode::KeypadBegin => return None,
            _ => ev.modifiers,
        };
        Some(Key {
            code: ev.code,
            mods,
        })
    }
}

/// The action a key performs in the given sections, searched in order.
pub fn lookup(sections: &[Section], ev: &KeyEvent) -> Option<Action> {
    let key = Key::of(ev)?;
    sections.iter().find_map(|s| {
        bindings()
            .filter(|b| b.section == *s)
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    })
}

/// The sections in which a key does something.
pub fn sections_binding(key: &Key) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for b in bindings().filter(|b| b.keys.contains(key)) {
        if !out.contains(&b.section) {
            out.push(b.section);
        }
    }
    out
}

/// A key as help writes it: "j", "Ctrl-d", "↓", "PgDn".
pub fn key_name(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut name = base;
    if k.mods.contains(KeyModifiers::SHIFT) {
        name = format!("Shift-{name}");
    }
    if k.mods.contains(KeyModifiers::ALT) {
        name = format!("Alt-{name}");
    }
    if k.mods.contains(KeyModifiers::CONTROL) {
        name = format!("Ctrl-{name}");
    }
    name
}

/// A line of help: the keys as written, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    pub help: &'static str,
    /// Written by a note ("1–6", "text", "click") rather than by key names.
    pub note: bool,
}

/// The lines help shows for a section, in table order.
pub fn help_lines(section: Section) -> Vec<HelpLine> {
    TABLE
        .iter()
        .filter_map(|e| match e {
            Entry::Bind(b) if b.section == section => match b.help {
                Help::Line(help) => Some(HelpLine {
                    keys: b.keys.iter().map(key_name).collect::<Vec<_>>().join(" "),
                    help,
                    note: false,
                }),
                Help::InNote | Help::AsIn(_) => None,
            },
            Entry::Note(n) if n.section == section => Some(HelpLine {
                keys: n.keys.to_string(),
                help: n.help,
                note: true,
            }),
            _ => None,
        })
        .collect()
}

/// The footer's items for the sections that apply now: keys and word, each
/// word once, in table order but for those that go at the end.
pub fn footer(sections: &[Section]) -> Vec<(String, &'static str)> {
    let mut items: Vec<(Footer, String)> = Vec::new();
    for s in sections {
        for e in TABLE {
            let (section, footer, first_key) = match e {
                Entry::Bind(b) => (b.section, b.footer, b.keys.first().map(key_name)),
                Entry::Note(n) => (n.section, n.footer, Some(n.keys.to_string())),
            };
            let Some(f) = footer.filter(|_| section == *s) else {
                continue;
            };
            if items.iter().all(|(g, _)| g.word != f.word) {
                let keys = f.keys.map(str::to_string).or(first_key);
                items.push((f, keys.unwrap_or_default()));
            }
        }
    }
    items.sort_by_key(|(f, _)| f.at_end);
    items.into_iter().map(|(f, keys)| (keys, f.word)).collect()
}

/// README's table of keys, section by section, in Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    for s in Section::ALL {
        out.push_str(&format!(
            "\n**{}**\n\n| keys | what they do |\n|---|---|\n",
            s.title()
        ));
        for l in help_lines(s) {
            let keys = if l.note {
                l.keys.clone()
            } else {
                let code = l.keys.split(' ').map(|k| format!("`{k}`"));
                code.collect::<Vec<_>>().join(" ")
            };
            out.push_str(&format!("| {} | {} |\n", escape(&keys), escape(l.help)));
        }
    }
    out
}

/// A Markdown table cell: a `|` would end it.
fn escape(cell: &str) -> String {
    cell.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn shifted_letters_match_without_the_shift_flag() {
        let g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Section::Lists], &g), Some(Action::Bottom));
        let q = ev(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Section::Global], &q), Some(Action::ToggleHelp));
    }

    #[test]
    fn control_keys_need_control() {
        let d = ev(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Section::Lists], &d), Some(Action::HalfPageDown));
        let plain_d = ev(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Section::Lists], &plain_d), None);
    }

    #[test]
    fn earlier_sections_win() {
        let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Section::HelpFilter, Section::Overlay], &enter),
            Some(Action::Confirm)
        );
        assert_eq!(
            lookup(&[Section::Overlay], &enter),
            Some(Action::OpenDetail)
        );
    }

    #[test]
    fn every_section_has_a_line_of_help() {
        for s in Section::ALL {
            assert!(!help_lines(s).is_empty(), "{s:?} has no line of help");
        }
    }

    #[test]
    fn bindings_without_a_line_are_described_elsewhere() {
        for (i, e) in TABLE.iter().enumerate() {
            let Entry::Bind(b) = e else { continue };
            match b.help {
                Help::Line(_) => {}
                Help::InNote => assert!(
                    TABLE[..i].iter().rev().find_map(|e| match e {
                        Entry::Note(n) => Some(n.section == b.section),
                        Entry::Bind(p) if p.help == Help::InNote => None,
                        Entry::Bind(_) => Some(false),
                    }) == Some(true),
                    "{:?} in {:?} has no note before it",
                    b.action,
                    b.section
                ),
                Help::AsIn(other) => assert!(
                    bindings().any(|o| o.section == other
                        && o.action == b.action
                        && o.keys == b.keys
                        && matches!(o.help, Help::Line(_))),
                    "{:?} in {:?} is not described in {other:?}",
                    b.action,
                    b.section
                ),
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_section() {
        for s in Section::ALL {
            let keys: Vec<&Key> = bindings()
                .filter(|b| b.section == s)
                .flat_map(|b| b.keys.iter())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{a:?} bound twice in {s:?}");
            }
        }
    }

    #[test]
    fn the_footer_puts_what_matters_least_at_the_end() {
        let items = footer(&[Section::Lists, Section::Years, Section::Global]);
        let words: Vec<&str> = items.iter().map(|(_, w)| *w).collect();
        assert_eq!(words.first(), Some(&"move"));
        assert_eq!(words.last(), Some(&"quit"));
        assert!(items.contains(&("1–6".to_string(), "tabs")));
    }
}
