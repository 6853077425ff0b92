//! The one table of key bindings. Key handling, the help overlay and the
//! footer all read it, so what the help says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::tab::Tab;

/// A key with its modifiers. Shift is implied by the character for letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// Where a binding applies. The help overlay shows one section per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Anywhere outside an overlay.
    Global,
    /// Moving through the list of the current tab.
    Lists,
    /// Every tab but Trade, where ←/→ move the year cursor instead.
    Browse,
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
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "Anywhere",
            Section::Lists => "Lists",
            Section::Browse => "Tabs other than Trade",
            Section::Timeline => "Timeline",
            Section::Visits => "Visits",
            Section::Agreements => "Agreements",
            Section::Trade => "Trade",
            Section::Picker => "Relation picker",
            Section::Search => "Search",
            Section::Overlay => "Help, sources and record views",
        }
    }

    pub const ALL: [Section; 10] = [
        Section::Global,
        Section::Lists,
        Section::Browse,
        Section::Timeline,
        Section::Visits,
        Section::Agreements,
        Section::Trade,
        Section::Picker,
        Section::Search,
        Section::Overlay,
    ];
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub section: Section,
    pub keys: &'static [Key],
    /// How the keys are written in help; derived from `keys` when `None`.
    pub label: Option<&'static str>,
    /// How the keys are written in the footer, when it differs from help ("j/k").
    pub footer_label: Option<&'static str>,
    pub action: Action,
    /// What it does, for the help overlay. Empty hides the row (it is covered by another's label).
    pub help: &'static str,
    /// The short word shown in the footer, if the binding belongs there.
    pub footer: Option<&'static str>,
}

const fn bind(
    section: Section,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        section,
        keys,
        label: None,
        footer_label: None,
        action,
        help,
        footer,
    }
}

/// A binding whose keys are written as one label in help and footer ("1–6").
const fn labelled(mut b: Binding, label: &'static str) -> Binding {
    b.label = Some(label);
    b.footer_label = Some(label);
    b
}

/// A binding whose keys the footer writes together with its pair's ("j/k").
const fn footer_as(mut b: Binding, label: &'static str) -> Binding {
    b.footer_label = Some(label);
    b
}

use KeyCode::{BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Up};
use Section as S;

/// Every key binding of the interface, in the order help lists them.
pub static BINDINGS: &[Binding] = &[
    bind(S::Global, &[ch('q')], Action::Quit, "quit", Some("quit")),
    bind(S::Global, &[ctrl('c')], Action::Quit, "quit", None),
    bind(
        S::Global,
        &[plain(Esc)],
        Action::Back,
        "close the overlay, or quit",
        None,
    ),
    bind(
        S::Global,
        &[ch('?')],
        Action::ToggleHelp,
        "show or hide this help",
        Some("help"),
    ),
    labelled(
        bind(
            S::Global,
            &[ch('1')],
            Action::GoTab(Tab::Overview),
            "go to tab 1–6",
            Some("tabs"),
        ),
        "1–6",
    ),
    bind(
        S::Global,
        &[ch('2')],
        Action::GoTab(Tab::Timeline),
        "",
        None,
    ),
    bind(S::Global, &[ch('3')], Action::GoTab(Tab::Visits), "", None),
    bind(
        S::Global,
        &[ch('4')],
        Action::GoTab(Tab::Agreements),
        "",
        None,
    ),
    bind(S::Global, &[ch('5')], Action::GoTab(Tab::Trade), "", None),
    bind(
        S::Global,
        &[ch('6')],
        Action::GoTab(Tab::Missions),
        "",
        None,
    ),
    bind(
        S::Global,
        &[plain(KeyCode::Tab)],
        Action::NextTab,
        "next tab",
        None,
    ),
    bind(
        S::Global,
        &[plain(BackTab)],
        Action::PrevTab,
        "previous tab",
        None,
    ),
    footer_as(
        bind(
            S::Global,
            &[ch(']')],
            Action::NextRelation,
            "next relation",
            Some("relation"),
        ),
        "[ ]",
    ),
    bind(
        S::Global,
        &[ch('[')],
        Action::PrevRelation,
        "previous relation",
        None,
    ),
    bind(
        S::Global,
        &[ch('r')],
        Action::OpenPicker,
        "pick a relation, or all relations, by typing",
        Some("pick"),
    ),
    bind(
        S::Global,
        &[ch('/')],
        Action::OpenSearch,
        "search every record as you type; typos forgiven",
        Some("search"),
    ),
    bind(
        S::Global,
        &[ch('n')],
        Action::NextHit,
        "next hit of the last search",
        None,
    ),
    bind(
        S::Global,
        &[ch('N')],
        Action::PrevHit,
        "previous hit of the last search",
        None,
    ),
    bind(
        S::Global,
        &[plain(Enter)],
        Action::OpenDetail,
        "open the selected record in full",
        Some("open"),
    ),
    bind(
        S::Global,
        &[ch('s')],
        Action::OpenSources,
        "sources of the selected record, and every source",
        Some("sources"),
    ),
    footer_as(
        bind(
            S::Lists,
            &[ch('j'), plain(Down)],
            Action::Down,
            "move down",
            Some("move"),
        ),
        "j/k",
    ),
    bind(S::Lists, &[ch('k'), plain(Up)], Action::Up, "move up", None),
    bind(
        S::Lists,
        &[ch('g'), plain(Home)],
        Action::Top,
        "first row",
        None,
    ),
    bind(
        S::Lists,
        &[ch('G'), plain(End)],
        Action::Bottom,
        "last row",
        None,
    ),
    bind(
        S::Lists,
        &[plain(PageDown)],
        Action::PageDown,
        "page down",
        None,
    ),
    bind(S::Lists, &[plain(PageUp)], Action::PageUp, "page up", None),
    bind(
        S::Lists,
        &[ctrl('d')],
        Action::HalfPageDown,
        "half a page down",
        None,
    ),
    bind(
        S::Lists,
        &[ctrl('u')],
        Action::HalfPageUp,
        "half a page up",
        None,
    ),
    bind(
        S::Browse,
        &[ch('h'), plain(Left)],
        Action::PrevTab,
        "previous tab",
        None,
    ),
    bind(
        S::Browse,
        &[ch('l'), plain(Right)],
        Action::NextTab,
        "next tab",
        None,
    ),
    bind(
        S::Timeline,
        &[ch('f')],
        Action::CycleFilter,
        "show one kind of record: all, events, visits, agreements, missions, trade",
        Some("filter"),
    ),
    bind(
        S::Visits,
        &[ch('f')],
        Action::CycleFilter,
        "direction: both ways, one way, the other way",
        Some("direction"),
    ),
    bind(
        S::Agreements,
        &[ch('f')],
        Action::CycleFilter,
        "status: all, signed, in force, under negotiation, reported",
        Some("status"),
    ),
    footer_as(
        bind(
            S::Trade,
            &[ch('h'), plain(Left)],
            Action::Left,
            "previous year",
            Some("year"),
        ),
        "←/→",
    ),
    bind(
        S::Trade,
        &[ch('l'), plain(Right)],
        Action::Right,
        "next year",
        None,
    ),
    bind(
        S::Trade,
        &[ch('L')],
        Action::ToggleLogScale,
        "logarithmic or linear scale",
        Some("log"),
    ),
    bind(
        S::Trade,
        &[ch('c')],
        Action::ToggleCompare,
        "compare every relation's trade",
        Some("compare"),
    ),
    labelled(
        bind(
            S::Picker,
            &[],
            Action::Confirm,
            "type to filter relations",
            Some("filter"),
        ),
        "text",
    ),
    bind(
        S::Picker,
        &[plain(Down), ctrl('n')],
        Action::Down,
        "next relation",
        None,
    ),
    bind(
        S::Picker,
        &[plain(Up), ctrl('p')],
        Action::Up,
        "previous relation",
        None,
    ),
    bind(
        S::Picker,
        &[plain(Enter)],
        Action::Confirm,
        "open the chosen relation",
        Some("open"),
    ),
    bind(
        S::Picker,
        &[plain(Backspace)],
        Action::DeleteChar,
        "delete a character",
        None,
    ),
    bind(
        S::Picker,
        &[ctrl('w')],
        Action::DeleteWord,
        "delete a word",
        None,
    ),
    bind(
        S::Picker,
        &[ctrl('u')],
        Action::ClearInput,
        "clear the filter",
        None,
    ),
    bind(
        S::Picker,
        &[plain(Esc)],
        Action::Back,
        "close",
        Some("close"),
    ),
    bind(S::Picker, &[ctrl('c')], Action::Quit, "quit", None),
    labelled(
        bind(
            S::Search,
            &[],
            Action::Confirm,
            "type words in any order; 'exact ^start end$ !not",
            None,
        ),
        "text",
    ),
    footer_as(
        bind(
            S::Search,
            &[plain(Down), ctrl('n')],
            Action::Down,
            "next hit",
            Some("move"),
        ),
        "↑/↓",
    ),
    bind(
        S::Search,
        &[plain(Up), ctrl('p')],
        Action::Up,
        "previous hit",
        None,
    ),
    bind(
        S::Search,
        &[plain(Enter)],
        Action::Confirm,
        "jump to the record, in its relation and tab",
        Some("jump"),
    ),
    bind(
        S::Search,
        &[plain(KeyCode::Tab)],
        Action::ToggleSearchScope,
        "all relations, or only the one on screen",
        Some("scope"),
    ),
    bind(
        S::Search,
        &[plain(Left)],
        Action::Left,
        "move the text cursor left",
        None,
    ),
    bind(
        S::Search,
        &[plain(Right)],
        Action::Right,
        "move the text cursor right",
        None,
    ),
    bind(
        S::Search,
        &[plain(Backspace)],
        Action::DeleteChar,
        "delete a character",
        None,
    ),
    bind(
        S::Search,
        &[ctrl('w')],
        Action::DeleteWord,
        "delete a word",
        None,
    ),
    bind(
        S::Search,
        &[ctrl('u')],
        Action::ClearInput,
        "clear the query",
        None,
    ),
    bind(
        S::Search,
        &[plain(Esc)],
        Action::Back,
        "close and go back to where you were",
        Some("back"),
    ),
    bind(S::Search, &[ctrl('c')], Action::Quit, "quit", None),
    footer_as(
        bind(
            S::Overlay,
            &[ch('j'), plain(Down)],
            Action::Down,
            "scroll down",
            Some("scroll"),
        ),
        "j/k",
    ),
    bind(
        S::Overlay,
        &[ch('k'), plain(Up)],
        Action::Up,
        "scroll up",
        None,
    ),
    bind(
        S::Overlay,
        &[plain(PageDown), ctrl('d')],
        Action::PageDown,
        "page down",
        None,
    ),
    bind(
        S::Overlay,
        &[plain(PageUp), ctrl('u')],
        Action::PageUp,
        "page up",
        None,
    ),
    bind(
        S::Overlay,
        &[ch('g'), plain(Home)],
        Action::Top,
        "top",
        None,
    ),
    bind(
        S::Overlay,
        &[ch('G'), plain(End)],
        Action::Bottom,
        "bottom",
        None,
    ),
    bind(
        S::Overlay,
        &[plain(Esc), ch('q'), plain(Enter)],
        Action::Back,
        "close",
        Some("close"),
    ),
    bind(S::Overlay, &[ch('?')], Action::ToggleHelp, "", None),
    bind(S::Overlay, &[ch('s')], Action::OpenSources, "", None),
    bind(S::Overlay, &[ctrl('c')], Action::Quit, "quit", None),
];

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let mods = match ev.code {
        // Shift is part of the character itself ('G', '?', '['), and of BackTab.
        KeyCode::Char(_) | KeyCode::BackTab => ev.mods_without_shift(),
        _ => ev.modifiers,
    };
    key.code == ev.code && key.mods == mods
}

trait WithoutShift {
    fn mods_without_shift(&self) -> KeyModifiers;
}

impl WithoutShift for KeyEvent {
    fn mods_without_shift(&self) -> KeyModifiers {
        self.modifiers - KeyModifiers::SHIFT
    }
}

/// The action a key performs in the given sections, searched in order.
pub fn lookup(sections: &[Section], ev: &KeyEvent) -> Option<Action> {
    sections.iter().find_map(|s| {
        BINDINGS
            .iter()
            .filter(|b| b.section == *s)
            .find(|b| b.keys.iter().any(|k| matches(k, ev)))
            .map(|b| b.action)
    })
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
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

impl Binding {
    /// The keys as shown in help: the label, or every key joined by " ".
    pub fn keys_label(&self) -> String {
        match self.label {
            Some(l) => l.to_string(),
            None => self.keys.iter().map(key_name).collect::<Vec<_>>().join(" "),
        }
    }

    /// The keys as shown in the footer: the footer label, or the first key.
    pub fn footer_keys(&self) -> String {
        match self.footer_label {
            Some(l) => l.to_string(),
            None => self.keys.first().map(key_name).unwrap_or_default(),
        }
    }
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
        let h = ev(KeyCode::Char('h'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Section::Trade, Section::Browse], &h),
            Some(Action::Left)
        );
        assert_eq!(lookup(&[Section::Browse], &h), Some(Action::PrevTab));
    }

    #[test]
    fn every_section_has_a_binding_with_help() {
        for s in Section::ALL {
            assert!(
                BINDINGS
                    .iter()
                    .any(|b| b.section == s && !b.help.is_empty()),
                "{s:?} has no documented binding"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_section() {
        for s in Section::ALL {
            let keys: Vec<&Key> = BINDINGS
                .iter()
                .filter(|b| b.section == s)
                .flat_map(|b| b.keys.iter())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{a:?} bound twice in {s:?}");
            }
        }
    }
}
