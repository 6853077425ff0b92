//! All interface state, and [`App::update`], the one place it changes.
//!
//! Every field is private: views and the command line read through the
//! accessors below, and change things only by sending an [`Action`].

pub mod action;
pub mod effect;
mod export;
pub mod input;
pub mod keymap;
pub mod list;
pub mod message;
mod nav;
pub mod picker;
pub mod rows;
pub mod search;
mod update;

pub use crate::screen::Tab;
pub use action::{Action, Drawn};
pub use effect::{Done, Effect};
pub use export::ExportPrompt;
pub use input::TextInput;
pub use list::ListState;
pub use message::{Message, Tone};
pub use picker::Picker;
pub use rows::{Compare, Filters, OverviewRow, Rows, VisitFilter};

use std::cell::OnceCell;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::data::{Dataset, Relation};
use crate::query::{Record, RecordRef};
use crate::screen::Theme;
use keymap::{Key, Section};

/// What has the keyboard: the tabs, or an overlay on top of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Overlays keep the line they are scrolled to; drawing clamps it to
    /// their length, which only drawing knows.
    Help {
        scroll: usize,
        /// Help shows only the lines that have every word of this.
        filter: TextInput,
        /// Keys type into the filter (after `/`) rather than scroll.
        typing: bool,
    },
    Sources {
        scroll: usize,
    },
    /// The selected record in full.
    Detail {
        scroll: usize,
    },
    Picker(Picker),
    /// The search overlay; its state lives in [`App::search`].
    Search,
    /// The export prompt (`e`): a file name for the rows on screen.
    Export(ExportPrompt),
}

/// How the Trade tab draws its chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TradeView {
    /// `None` follows the data: logarithmic when the figures span more than 20×.
    pub log: Option<bool>,
    /// Every relation's trade on one chart.
    pub compare: bool,
}

pub struct App {
    ds: Arc<Dataset>,
    /// The relation shown; `None` is the merged view of all relations.
    relation: Option<usize>,
    tab: Tab,
    mode: Mode,
    /// The terminal's area.
    area: Rect,
    theme: Theme,
    /// The year "today" refers to on the missions axis.
    today_year: i32,
    filters: Filters,
    rows: Rows,
    lists: [ListState; 6],
    trade: TradeView,
    /// The compare view over every relation: the same whatever is on screen,
    /// so computed once, when first shown.
    compare: OnceCell<Compare>,
    search: search::Search,
    /// The overlays under the open one (`mode`), the nearest last: Esc
    /// closes the open one and shows the one under it.
    under: Vec<Mode>,
    /// Where jumps came from, the latest last: Esc at the top level goes back.
    history: Vec<nav::Place>,
    /// Each scope's selections as they were when the user left it, so `]`
    /// then `[` comes back to the same rows.
    seen: nav::Seen,
    /// What the footer says until the next key.
    message: Option<Message>,
    /// What the last frame found out, for keys that depend on it.
    drawn: Drawn,
    /// What the event loop is to do next outside the app: copy, export.
    effect: Option<Effect>,
    quit: bool,
}

impl App {
    pub fn new(ds: Dataset, area: Rect, color: bool, today_year: i32) -> App {
        let relation = if ds.relations.is_empty() {
            None
        } else {
            Some(0)
        };
        let filters = Filters::default();
        let rows = Rows::compute(&ds, relation, &filters);
        App {
            ds: Arc::new(ds),
            relation,
            tab: Tab::Overview,
            mode: Mode::Normal,
            area,
            theme: Theme::new(color),
            today_year,
            filters,
            rows,
            lists: [ListState::default(); 6],
            trade: TradeView::default(),
            compare: OnceCell::new(),
            search: search::Search::default(),
            under: Vec::new(),
            history: Vec::new(),
            seen: Default::default(),
            message: None,
            drawn: Drawn::default(),
            effect: None,
            quit: false,
        }
    }

    pub fn ds(&self) -> &Arc<Dataset> {
        &self.ds
    }

    /// The relation shown; `None` is the merged view of all relations.
    pub fn relation(&self) -> Option<usize> {
        self.relation
    }

    /// The relation shown, unless all are.
    pub fn shown_relation(&self) -> Option<&Relation> {
        self.ds.relations.get(self.relation?)
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The terminal's area.
    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// The year "today" refers to on the missions axis.
    pub fn today_year(&self) -> i32 {
        self.today_year
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// The rows every tab lists now.
    pub fn rows(&self) -> &Rows {
        &self.rows
    }

    /// The selection and scroll of a tab's list.
    pub fn list(&self, tab: Tab) -> ListState {
        self.lists[tab.index()]
    }

    pub fn trade_view(&self) -> TradeView {
        self.trade
    }

    pub fn search(&self) -> &search::Search {
        &self.search
    }

    /// The footer's message, until the next key.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The overlays under the open one, the nearest last.
    pub fn overlays_under(&self) -> &[Mode] {
        &self.under
    }

    /// Whether Esc has somewhere to go back to.
    pub fn can_go_back(&self) -> bool {
        !self.history.is_empty()
    }

    /// The effect the last action asked for, for the event loop to
    /// perform and report on (`Action::Done`). Taking it is not a change of
    /// what the interface shows: it hands the request over.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effect.take()
    }

    /// Whether the user asked to leave.
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    /// The record selected in the current tab, if the tab lists records.
    pub fn selected_record(&self) -> Option<RecordRef> {
        self.rows
            .record_at(self.tab, self.list(self.tab).selected())
    }

    /// The relation selected in the merged overview.
    pub fn selected_relation_row(&self) -> Option<usize> {
        if self.tab != Tab::Overview {
            return None;
        }
        match self
            .rows
            .overview
            .get(self.list(Tab::Overview).selected())?
        {
            OverviewRow::Relation(r) => Some(*r),
            OverviewRow::Record(_) => None,
        }
    }

    pub fn selected(&self) -> Option<(&Relation, Record<'_>)> {
        self.selected_record()?.resolve(&self.ds)
    }

    /// Whether the Trade tab shows every relation on one chart: when asked
    /// for, and always in the merged view.
    pub fn comparing(&self) -> bool {
        self.trade.compare || self.relation.is_none()
    }

    /// The compare view's rows and scale.
    pub fn compare(&self) -> &Compare {
        self.compare.get_or_init(|| rows::compare_order(&self.ds))
    }

    /// Whether the trade chart is logarithmic now: the user's choice, or
    /// automatic, from the figures on screen.
    pub fn log_scale(&self) -> bool {
        let automatic = if self.comparing() {
            self.compare().spans_widely
        } else {
            self.rows.trade_spans_widely
        };
        self.trade.log.unwrap_or(automatic)
    }

    /// The key table sections that apply now, most specific first.
    pub fn sections(&self) -> Vec<Section> {
        match self.mode {
            Mode::Picker(_) => vec![Section::Picker],
            Mode::Search => vec![Section::Search],
            Mode::Export(_) => vec![Section::Export],
            Mode::Help { typing: true, .. } => vec![Section::HelpFilter],
            Mode::Help { .. } => vec![Section::Help, Section::Overlay],
            Mode::Sources { .. } | Mode::Detail { .. } => vec![Section::Overlay],
            Mode::Normal => {
                let years = self.tab.dated().then_some(Section::Years);
                let tab = Section::ALL
                    .into_iter()
                    .filter(|s| s.tab() == Some(self.tab));
                years
                    .into_iter()
                    .chain(tab)
                    .chain([Section::Lists, Section::Global])
                    .collect()
            }
        }
    }

    /// Whether keys type into a text box now.
    pub(super) fn typing(&self) -> bool {
        matches!(
            self.mode,
            Mode::Picker(_) | Mode::Search | Mode::Export(_) | Mode::Help { typing: true, .. }
        )
    }

    /// The action for a key in the current mode: a bound key's action, a
    /// typed character in a text box, or [`Action::Unbound`] so the footer
    /// can say the key means nothing here. Releases are ignored.
    pub fn key_action(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind != KeyEventKind::Press && key.kind != KeyEventKind::Repeat {
            return None;
        }
        if self.typing()
            && let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Input(c));
        }
        keymap::lookup(&self.sections(), key).or_else(|| Key::of(key).map(Action::Unbound))
    }

    pub fn mouse_action(&self, m: &MouseEvent) -> Option<Action> {
        match m.kind {
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
                Some(Action::Click(m.column, m.row))
            }
            MouseEventKind::ScrollUp => Some(Action::WheelUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::WheelDown(m.column, m.row)),
            _ => None,
        }
    }
}
