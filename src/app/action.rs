//! Everything a user can ask of the interface. Keys and mouse events become
//! actions; [`super::App::update`] is the only place actions change state.
//! A few actions come from the program itself: time passing, a resize, what
//! a frame found, a relation to show on start.

use std::time::Duration;

use super::Tab;
use super::keymap::Key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Close the top overlay; with none open, go back to where the last
    /// jump came from. Never quits.
    Back,
    NextTab,
    PrevTab,
    GoTab(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    NextRelation,
    PrevRelation,
    OpenPicker,
    ToggleHelp,
    /// The sources of the selected record, and every source of the dataset.
    OpenSources,
    /// The selected record in full, in a scrollable overlay.
    OpenDetail,
    /// The tab's filter: kind on the timeline, direction on visits, status on agreements.
    CycleFilter,
    /// The first row of the previous year, on a tab whose rows are dated
    /// (the Trade chart's year cursor among them).
    PrevYear,
    NextYear,
    /// In a text box: the text cursor one character left or right.
    Left,
    Right,
    /// In help: type a filter for its lines.
    FilterHelp,
    /// A key that means nothing where it was pressed: the footer says so.
    Unbound(Key),
    ToggleLogScale,
    /// Opens the search overlay.
    OpenSearch,
    /// After a jump from search: the next or previous hit.
    NextHit,
    PrevHit,
    /// In search: this relation or all relations.
    ToggleSearchScope,
    /// Time passed: take search results that arrived.
    Tick,
    /// Wait, up to the given time, for the complete results of the query in
    /// the search box: for screens printed by scripts, where nothing else
    /// would wait for them.
    SettleSearch(Duration),
    /// A frame was drawn, and this is what it found.
    Drawn(Drawn),
    /// Show a relation (`None`: all of them), keeping the tab.
    ShowRelation(Option<usize>),
    ToggleCompare,
    /// A character typed into a text box: the relation picker's filter or the search query.
    Input(char),
    DeleteChar,
    DeleteWord,
    ClearInput,
    Confirm,
    Resize(u16, u16),
    Click(u16, u16),
    WheelUp(u16, u16),
    WheelDown(u16, u16),
    /// Copy the selected record as a citation line (`y`).
    CopyCitation,
    /// Copy the selected record as JSON (`Y`).
    CopyJson,
    /// Export the rows on screen to a file (`e`).
    Export,
    /// The event loop performed an effect, and this came of it.
    Done(super::Done),
}

/// What drawing a frame found out that only drawing knows, handed back as
/// [`Action::Drawn`] so the next key acts on what is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Drawn {
    /// How far the open overlay scrolls before its last line shows: its
    /// lines less those that fit. `None` when no overlay was drawn.
    pub overlay_end: Option<usize>,
}
