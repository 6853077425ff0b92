//! All interface state, and [`App::update`], the one place it changes.

pub mod action;
pub mod keymap;
pub mod rows;
pub mod search;
pub mod tab;

pub use action::Action;
pub use rows::{Compare, Filters, OverviewRow, Rows, VisitFilter};
pub use tab::Tab;

use std::cell::OnceCell;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::data::Dataset;
use crate::query::{Record, RecordRef};
use crate::view::layout;
use keymap::Section;

/// What has the keyboard: the tabs, or an overlay on top of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help {
        scroll: u16,
    },
    Sources {
        scroll: u16,
    },
    /// The selected record in full.
    Detail {
        scroll: u16,
    },
    Picker(Picker),
    /// The search overlay; its state lives in [`App::search`].
    Search,
}

/// The relation picker: a filter typed by the user and the entries it matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    pub query: String,
    /// Matching entries: `None` is "All relations", `Some(i)` a relation.
    pub matches: Vec<Option<usize>>,
    pub selected: usize,
}

/// The selected row of a list and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
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
    pub ds: Arc<Dataset>,
    /// The relation shown; `None` is the merged view of all relations.
    pub relation: Option<usize>,
    pub tab: Tab,
    pub mode: Mode,
    /// The terminal's area.
    pub area: Rect,
    /// Whether to use colour (off under NO_COLOR).
    pub color: bool,
    /// The year "today" refers to on the missions axis.
    pub today_year: i32,
    pub filters: Filters,
    pub rows: Rows,
    cursors: [Cursor; 6],
    pub trade: TradeView,
    /// The compare view over every relation: the same whatever is on screen,
    /// so computed once, when first shown.
    compare: OnceCell<Compare>,
    pub search: search::Search,
    pub quit: bool,
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
            color,
            today_year,
            filters,
            rows,
            cursors: [Cursor::default(); 6],
            trade: TradeView::default(),
            compare: OnceCell::new(),
            search: search::Search::default(),
            quit: false,
        }
    }

    pub fn cursor(&self, tab: Tab) -> Cursor {
        self.cursors[tab.index()]
    }

    /// The record selected in the current tab, if the tab lists records.
    pub fn selected_record(&self) -> Option<RecordRef> {
        let i = self.cursor(self.tab).selected;
        match self.tab {
            Tab::Overview => match self.rows.overview.get(i)? {
                OverviewRow::Record(r) => Some(*r),
                OverviewRow::Relation(_) => None,
            },
            Tab::Timeline => self.rows.timeline.get(i).map(|e| e.record),
            Tab::Visits => self.rows.visits.get(i).copied(),
            Tab::Agreements => self.rows.agreements.get(i).copied(),
            Tab::Trade => self.rows.trade.get(i).copied(),
            Tab::Missions => self.rows.missions.get(i).copied(),
        }
    }

    /// The relation selected in the merged overview.
    pub fn selected_relation_row(&self) -> Option<usize> {
        if self.tab != Tab::Overview {
            return None;
        }
        match self
            .rows
            .overview
            .get(self.cursor(Tab::Overview).selected)?
        {
            OverviewRow::Relation(r) => Some(*r),
            OverviewRow::Record(_) => None,
        }
    }

    pub fn selected(&self) -> Option<(&crate::data::Relation, Record<'_>)> {
        self.selected_record()?.resolve(&self.ds)
    }

    /// The body areas of the current tab at the current size.
    pub fn body(&self) -> layout::Body {
        layout::body(
            layout::frame(self.area).body,
            self.tab,
            self.relation.is_none(),
        )
    }

    /// Rows of the current list visible at once.
    fn page(&self) -> usize {
        usize::from(layout::table_rows(self.body().list).height).max(1)
    }

    /// The key table sections that apply now, most specific first.
    pub fn sections(&self) -> Vec<Section> {
        match self.mode {
            Mode::Picker(_) => vec![Section::Picker],
            Mode::Search => vec![Section::Search],
            Mode::Help { .. } | Mode::Sources { .. } | Mode::Detail { .. } => {
                vec![Section::Overlay]
            }
            Mode::Normal => {
                let tab_section = match self.tab {
                    Tab::Timeline => Some(Section::Timeline),
                    Tab::Visits => Some(Section::Visits),
                    Tab::Agreements => Some(Section::Agreements),
                    Tab::Trade => Some(Section::Trade),
                    _ => None,
                };
                let mut v: Vec<Section> = tab_section.into_iter().collect();
                v.push(Section::Lists);
                if self.tab != Tab::Trade {
                    v.push(Section::Browse);
                }
                v.push(Section::Global);
                v
            }
        }
    }

    /// The action for a key in the current mode; releases and repeats of other kinds are ignored.
    pub fn key_action(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind != KeyEventKind::Press && key.kind != KeyEventKind::Repeat {
            return None;
        }
        if matches!(self.mode, Mode::Picker(_) | Mode::Search)
            && let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Input(c));
        }
        keymap::lookup(&self.sections(), key)
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

    /// Applies one action. The only function that changes the state.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                self.keep_visible();
                return;
            }
            Action::Tick => {
                self.search.poll(self.relation);
                return;
            }
            _ => {}
        }
        match self.mode.clone() {
            Mode::Normal => self.update_normal(action),
            Mode::Picker(p) => self.update_picker(p, action),
            Mode::Search => self.update_search(action),
            Mode::Help { scroll } | Mode::Sources { scroll } | Mode::Detail { scroll } => {
                self.update_overlay(scroll, action)
            }
        }
    }

    fn update_normal(&mut self, action: Action) {
        let page = self.page();
        self.search.message = None;
        match action {
            Action::Back => self.quit = true,
            Action::NextTab => self.tab = self.tab.next(),
            Action::PrevTab => self.tab = self.tab.prev(),
            Action::GoTab(t) => self.tab = t,
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(page as isize),
            Action::PageUp => self.move_by(-(page as isize)),
            Action::HalfPageDown => self.move_by((page / 2).max(1) as isize),
            Action::HalfPageUp => self.move_by(-((page / 2).max(1) as isize)),
            Action::Top => self.move_to(0),
            Action::Bottom => self.move_to(usize::MAX),
            Action::NextRelation => self.cycle_relation(1),
            Action::PrevRelation => self.cycle_relation(-1),
            Action::OpenPicker => {
                let mut p = Picker::default();
                self.refilter(&mut p);
                p.selected = p
                    .matches
                    .iter()
                    .position(|m| *m == self.relation)
                    .unwrap_or(0);
                self.mode = Mode::Picker(p);
            }
            Action::ToggleHelp => self.mode = Mode::Help { scroll: 0 },
            Action::OpenSources => self.mode = Mode::Sources { scroll: 0 },
            Action::OpenDetail | Action::Confirm => {
                if let Some(r) = self.selected_relation_row() {
                    self.set_relation(Some(r));
                } else if self.selected_record().is_some() {
                    self.mode = Mode::Detail { scroll: 0 };
                }
            }
            Action::CycleFilter => self.cycle_filter(),
            Action::Left => self.move_year(-1),
            Action::Right => self.move_year(1),
            Action::ToggleLogScale => {
                let now = self.log_scale();
                self.trade.log = Some(!now);
            }
            Action::ToggleCompare => self.trade.compare = !self.trade.compare,
            Action::OpenSearch => self.open_search(),
            Action::NextHit => self.walk_trail(1),
            Action::PrevHit => self.walk_trail(-1),
            Action::Click(x, y) => self.click(x, y),
            Action::WheelDown(..) => self.move_by(3),
            Action::WheelUp(..) => self.move_by(-3),
            Action::Input(_)
            | Action::DeleteChar
            | Action::DeleteWord
            | Action::ClearInput
            | Action::Quit
            | Action::ToggleSearchScope
            | Action::Tick
            | Action::Resize(..) => {}
        }
        self.keep_visible();
    }

    fn update_overlay(&mut self, scroll: u16, action: Action) {
        let step =
            |by: i32| -> u16 { (i32::from(scroll) + by).clamp(0, i32::from(u16::MAX)) as u16 };
        let page = i32::from(self.area.height.saturating_sub(4)).max(1);
        let new_scroll = match action {
            Action::Down | Action::WheelDown(..) => Some(step(1)),
            Action::Up | Action::WheelUp(..) => Some(step(-1)),
            Action::PageDown | Action::HalfPageDown => Some(step(page)),
            Action::PageUp | Action::HalfPageUp => Some(step(-page)),
            Action::Top => Some(0),
            Action::Bottom => Some(u16::MAX),
            _ => None,
        };
        if let Some(s) = new_scroll {
            let s = s.min(crate::view::overlay_max_scroll(self));
            match &mut self.mode {
                Mode::Help { scroll } | Mode::Sources { scroll } | Mode::Detail { scroll } => {
                    *scroll = s
                }
                _ => {}
            }
            return;
        }
        match action {
            Action::Back => self.mode = Mode::Normal,
            Action::ToggleHelp => {
                self.mode = match self.mode {
                    Mode::Help { .. } => Mode::Normal,
                    _ => Mode::Help { scroll: 0 },
                }
            }
            Action::OpenSources => {
                self.mode = match self.mode {
                    Mode::Sources { .. } => Mode::Normal,
                    _ => Mode::Sources { scroll: 0 },
                }
            }
            _ => {}
        }
    }

    fn update_picker(&mut self, mut p: Picker, action: Action) {
        match action {
            Action::Back => {
                self.mode = Mode::Normal;
                return;
            }
            Action::Confirm => {
                if let Some(choice) = p.matches.get(p.selected).copied() {
                    self.set_relation(choice);
                    self.mode = Mode::Normal;
                }
                return;
            }
            Action::Down => p.selected = (p.selected + 1).min(p.matches.len().saturating_sub(1)),
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::WheelDown(..) => {
                p.selected = (p.selected + 3).min(p.matches.len().saturating_sub(1))
            }
            Action::WheelUp(..) => p.selected = p.selected.saturating_sub(3),
            Action::Input(c) => {
                p.query.push(c);
                self.refilter(&mut p);
            }
            Action::DeleteChar => {
                p.query.pop();
                self.refilter(&mut p);
            }
            Action::DeleteWord => {
                let trimmed = p.query.trim_end().len();
                p.query.truncate(trimmed);
                let cut = p.query.rfind(' ').map_or(0, |i| i + 1);
                p.query.truncate(cut);
                self.refilter(&mut p);
            }
            Action::ClearInput => {
                p.query.clear();
                self.refilter(&mut p);
            }
            _ => {}
        }
        self.mode = Mode::Picker(p);
    }

    fn open_search(&mut self) {
        self.search.cursor = self.search.query.chars().count();
        self.search.submit(self.relation);
        self.mode = Mode::Search;
    }

    fn update_search(&mut self, action: Action) {
        let s = &mut self.search;
        let edited = match action {
            Action::Input(c) => {
                s.insert(c);
                true
            }
            Action::DeleteChar => {
                s.backspace();
                true
            }
            Action::DeleteWord => {
                s.delete_word();
                true
            }
            Action::ClearInput => {
                s.clear();
                true
            }
            Action::ToggleSearchScope => {
                s.narrow = !s.narrow;
                true
            }
            Action::Left => {
                s.move_cursor(-1);
                false
            }
            Action::Right => {
                s.move_cursor(1);
                false
            }
            Action::Down | Action::WheelDown(..) => {
                s.selected = (s.selected + 1).min(s.hits_len().saturating_sub(1));
                false
            }
            Action::Up | Action::WheelUp(..) => {
                s.selected = s.selected.saturating_sub(1);
                false
            }
            Action::Confirm => {
                if let Some(r) = s.selected_hit() {
                    s.start_trail();
                    self.mode = Mode::Normal;
                    self.jump(r);
                }
                false
            }
            // Nothing under the overlay changes while it is open: closing it
            // is enough to be back where the user was.
            Action::Back => {
                self.mode = Mode::Normal;
                false
            }
            _ => false,
        };
        if edited {
            self.search.submit(self.relation);
        }
    }

    /// `n` / `N`: the next or previous hit of the search last jumped from.
    fn walk_trail(&mut self, by: isize) {
        if let Some(r) = self.search.step_trail(by) {
            self.jump(r);
        }
    }

    /// Shows a record: its relation, its tab, selected. Filters that would hide it are cleared.
    pub fn jump(&mut self, r: RecordRef) {
        let tab = search::tab_of(r.kind);
        // Rows are computed once, with the relation and filters the jump needs.
        let revealed = self.filters.reveal(tab, r.kind);
        if self.relation != Some(r.relation) {
            self.set_relation(Some(r.relation));
        } else if revealed {
            self.recompute();
        }
        self.tab = tab;
        let row = match tab {
            Tab::Overview => self
                .rows
                .overview
                .iter()
                .position(|o| *o == OverviewRow::Record(r)),
            Tab::Timeline => self.rows.timeline.iter().position(|e| e.record == r),
            Tab::Visits => self.rows.visits.iter().position(|x| *x == r),
            Tab::Agreements => self.rows.agreements.iter().position(|x| *x == r),
            Tab::Trade => self.rows.trade.iter().position(|x| *x == r),
            Tab::Missions => self.rows.missions.iter().position(|x| *x == r),
        };
        if let Some(i) = row {
            self.cursors[tab.index()].selected = i;
        }
        self.keep_visible();
    }

    /// Recomputes the picker's matches: every word of the filter must appear in
    /// the relation's id or a country's name, ignoring case.
    fn refilter(&self, p: &mut Picker) {
        let words: Vec<String> = p.query.split_whitespace().map(str::to_lowercase).collect();
        let hit = |text: &str| {
            let t = text.to_lowercase();
            words.iter().all(|w| t.contains(w.as_str()))
        };
        let mut m: Vec<Option<usize>> = Vec::new();
        if hit("all relations") {
            m.push(None);
        }
        for (i, rel) in self.ds.relations.iter().enumerate() {
            let text = format!(
                "{} {} {}",
                rel.id,
                self.ds.country_name(&rel.countries[0]),
                self.ds.country_name(&rel.countries[1])
            );
            if hit(&text) {
                m.push(Some(i));
            }
        }
        p.matches = m;
        p.selected = p.selected.min(p.matches.len().saturating_sub(1));
    }

    /// Switches to a relation (or all), keeping the tab.
    pub fn set_relation(&mut self, relation: Option<usize>) {
        let relation = relation.filter(|r| *r < self.ds.relations.len());
        if relation != self.relation {
            self.relation = relation;
            self.filters.visits = VisitFilter::Both;
            self.recompute();
            self.cursors = [Cursor::default(); 6];
        }
    }

    fn recompute(&mut self) {
        self.rows = Rows::compute(&self.ds, self.relation, &self.filters);
        for t in Tab::ALL {
            let len = self.rows.len(t);
            let c = &mut self.cursors[t.index()];
            c.selected = c.selected.min(len.saturating_sub(1));
        }
        self.keep_visible();
    }

    /// `]` and `[`: each relation in turn, then "all relations", then round again.
    fn cycle_relation(&mut self, by: isize) {
        let n = self.ds.relations.len() as isize;
        if n == 0 {
            return;
        }
        // Positions 0..n are relations, n is "all".
        let pos = self.relation.map_or(n, |r| r as isize);
        let next = (pos + by).rem_euclid(n + 1);
        self.set_relation(if next == n { None } else { Some(next as usize) });
    }

    fn cycle_filter(&mut self) {
        match self.tab {
            Tab::Timeline => self.filters.timeline = rows::next_kind(self.filters.timeline),
            Tab::Visits => self.filters.visits = self.filters.visits.next(),
            Tab::Agreements => self.filters.agreements = rows::next_status(self.filters.agreements),
            _ => return,
        }
        self.recompute();
        self.cursors[self.tab.index()] = Cursor::default();
    }

    fn move_by(&mut self, by: isize) {
        let len = self.rows.len(self.tab);
        let c = &mut self.cursors[self.tab.index()];
        let target = (c.selected as isize).saturating_add(by).max(0) as usize;
        c.selected = target.min(len.saturating_sub(1));
    }

    fn move_to(&mut self, i: usize) {
        let len = self.rows.len(self.tab);
        self.cursors[self.tab.index()].selected = i.min(len.saturating_sub(1));
    }

    /// ←/→ on the Trade tab: the first figure of the previous or next year that has one.
    fn move_year(&mut self, dir: i32) {
        if self.tab != Tab::Trade {
            return;
        }
        let year = |i: usize| match self.rows.trade.get(i).and_then(|r| r.resolve(&self.ds)) {
            Some((_, Record::Trade(f))) => Some(f.year),
            _ => None,
        };
        let cur = self.cursor(Tab::Trade).selected;
        let Some(now) = year(cur) else {
            return;
        };
        let n = self.rows.trade.len();
        let target = if dir > 0 {
            (cur..n).find(|&i| year(i).is_some_and(|y| y > now))
        } else {
            (0..cur)
                .rev()
                .find(|&i| year(i).is_some_and(|y| y < now))
                .map(|i| {
                    // The first figure of that year.
                    let y = year(i);
                    (0..=i).find(|&j| year(j) == y).unwrap_or(i)
                })
        };
        if let Some(t) = target {
            self.cursors[Tab::Trade.index()].selected = t;
        }
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

    fn click(&mut self, x: u16, y: u16) {
        let frame = layout::frame(self.area);
        let at = Position::new(x, y);
        if frame.tabs.contains(at) {
            if let Some((t, ..)) = layout::tab_spans(frame.tabs)
                .into_iter()
                .find(|(_, x0, x1)| (*x0..*x1).contains(&x))
            {
                self.tab = t;
            }
            return;
        }
        let body = self.body();
        if self.tab == Tab::Trade
            && !self.comparing()
            && let Some(top) = body.top
            && top.contains(at)
        {
            if let Some(year) = crate::view::trade::chart::year_at(self, top, x, y) {
                let first = self.rows.trade.iter().position(|r| {
                    matches!(r.resolve(&self.ds), Some((_, Record::Trade(f))) if f.year == year)
                });
                if let Some(i) = first {
                    self.cursors[Tab::Trade.index()].selected = i;
                }
            }
            return;
        }
        let rows_area = layout::table_rows(body.list);
        if rows_area.contains(at) {
            let c = self.cursor(self.tab);
            let i = c.offset + usize::from(y - rows_area.y);
            if i < self.rows.len(self.tab) {
                self.cursors[self.tab.index()].selected = i;
            }
        }
    }

    /// Scrolls every list so its selection is on screen.
    fn keep_visible(&mut self) {
        let frame = layout::frame(self.area);
        for t in Tab::ALL {
            let b = layout::body(frame.body, t, self.relation.is_none());
            let page = usize::from(layout::table_rows(b.list).height).max(1);
            let len = self.rows.len(t);
            let c = &mut self.cursors[t.index()];
            c.selected = c.selected.min(len.saturating_sub(1));
            if c.selected < c.offset {
                c.offset = c.selected;
            } else if c.selected >= c.offset + page {
                c.offset = c.selected + 1 - page;
            }
            c.offset = c.offset.min(len.saturating_sub(page));
        }
    }
}
