//! Everything a user can ask of the interface. Keys and mouse events become
//! actions; [`super::App::update`] is the only place actions change state.

use super::tab::Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Close the open overlay, or quit when none is open.
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
    /// Previous year on the trade chart.
    Left,
    /// Next year on the trade chart.
    Right,
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
    ToggleCompare,
    /// A character typed into a text box (the relation picker's filter).
    Input(char),
    DeleteChar,
    DeleteWord,
    ClearInput,
    Confirm,
    Resize(u16, u16),
    Click(u16, u16),
    WheelUp(u16, u16),
    WheelDown(u16, u16),
}
