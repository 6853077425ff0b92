//! [`App::update`]: every change of state, one action at a time.

use ratatui::layout::{Position, Rect};

use crate::query::{Record, RecordRef};
use crate::screen::{chart, layout};

use super::input::Edit;
use super::{Action, App, Mode, Picker, Rows, Tab, VisitFilter, rows, search};

impl App {
    /// Applies one action. The only function that changes the state.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                // What the last frame found is for the old size.
                self.drawn = Default::default();
            }
            Action::Tick => self.search.poll(self.relation),
            Action::SettleSearch(timeout) => self.search.settle(self.relation, timeout),
            Action::Drawn(d) => self.record_drawn(d),
            Action::ShowRelation(r) => self.set_relation(r),
            _ => match self.mode {
                Mode::Normal => self.update_normal(action),
                Mode::Picker(_) => self.update_picker(action),
                Mode::Search => self.update_search(action),
                Mode::Help { .. } | Mode::Sources { .. } | Mode::Detail { .. } => {
                    self.update_overlay(action)
                }
            },
        }
        self.keep_visible();
    }

    fn update_normal(&mut self, action: Action) {
        let page = layout::list_page(self.area, self.tab, self.relation.is_none()) as isize;
        let half = (page / 2).max(1);
        self.search.message = None;
        match action {
            Action::Back => self.quit = true,
            Action::NextTab => self.tab = self.tab.next(),
            Action::PrevTab => self.tab = self.tab.prev(),
            Action::GoTab(t) => self.tab = t,
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(page),
            Action::PageUp => self.move_by(-page),
            Action::HalfPageDown => self.move_by(half),
            Action::HalfPageUp => self.move_by(-half),
            Action::Top => self.move_to(0),
            Action::Bottom => self.move_to(usize::MAX),
            Action::NextRelation => self.cycle_relation(1),
            Action::PrevRelation => self.cycle_relation(-1),
            Action::OpenPicker => self.mode = Mode::Picker(Picker::open(&self.ds, self.relation)),
            Action::ToggleHelp => self.open_overlay(Mode::Help { scroll: 0 }),
            Action::OpenSources => self.open_overlay(Mode::Sources { scroll: 0 }),
            Action::OpenDetail | Action::Confirm => {
                if let Some(r) = self.selected_relation_row() {
                    self.set_relation(Some(r));
                } else if self.selected_record().is_some() {
                    self.open_overlay(Mode::Detail { scroll: 0 });
                }
            }
            Action::CycleFilter => self.cycle_filter(),
            Action::Left => self.move_year(-1),
            Action::Right => self.move_year(1),
            Action::ToggleLogScale => self.trade.log = Some(!self.log_scale()),
            Action::ToggleCompare => self.trade.compare = !self.trade.compare,
            Action::OpenSearch => self.open_search(),
            Action::NextHit => self.walk_trail(1),
            Action::PrevHit => self.walk_trail(-1),
            Action::Click(x, y) => self.click(x, y),
            Action::WheelDown(..) => self.move_by(3),
            Action::WheelUp(..) => self.move_by(-3),
            _ => {}
        }
    }

    /// Takes in what a frame found: an overlay scrolled past its end is where
    /// the frame showed it, at the end.
    fn record_drawn(&mut self, d: super::Drawn) {
        self.drawn = d;
        if let (
            Mode::Help { scroll } | Mode::Sources { scroll } | Mode::Detail { scroll },
            Some(end),
        ) = (&mut self.mode, d.overlay_end)
        {
            *scroll = (*scroll).min(end);
        }
    }

    fn open_overlay(&mut self, mode: Mode) {
        self.mode = mode;
        self.drawn.overlay_end = None;
    }

    fn update_overlay(&mut self, action: Action) {
        let page = usize::from(self.area.height.saturating_sub(4)).max(1);
        // Where the overlay is on screen: a scroll past its end shows the end.
        let end = self.drawn.overlay_end;
        if let Mode::Help { scroll } | Mode::Sources { scroll } | Mode::Detail { scroll } =
            &mut self.mode
        {
            let now = end.map_or(*scroll, |e| (*scroll).min(e));
            let to = match action {
                Action::Down | Action::WheelDown(..) => Some(now.saturating_add(1)),
                Action::Up | Action::WheelUp(..) => Some(now.saturating_sub(1)),
                Action::PageDown | Action::HalfPageDown => Some(now.saturating_add(page)),
                Action::PageUp | Action::HalfPageUp => Some(now.saturating_sub(page)),
                Action::Top => Some(0),
                Action::Bottom => Some(usize::MAX),
                _ => None,
            };
            if let Some(to) = to {
                *scroll = end.map_or(to, |e| to.min(e));
                return;
            }
        }
        match (action, &self.mode) {
            (Action::Back, _)
            | (Action::ToggleHelp, Mode::Help { .. })
            | (Action::OpenSources, Mode::Sources { .. }) => self.mode = Mode::Normal,
            (Action::ToggleHelp, _) => self.open_overlay(Mode::Help { scroll: 0 }),
            (Action::OpenSources, _) => self.open_overlay(Mode::Sources { scroll: 0 }),
            _ => {}
        }
    }

    fn update_picker(&mut self, action: Action) {
        let Mode::Picker(p) = &mut self.mode else {
            return;
        };
        let len = p.matches().len();
        match action {
            Action::Back => self.mode = Mode::Normal,
            Action::Confirm => {
                if let Some(choice) = p.chosen() {
                    self.mode = Mode::Normal;
                    self.set_relation(choice);
                }
            }
            Action::Down => p.list.move_by(1, len),
            Action::Up => p.list.move_by(-1, len),
            Action::WheelDown(..) => p.list.move_by(3, len),
            Action::WheelUp(..) => p.list.move_by(-3, len),
            edit => {
                if p.input.apply(edit) == Edit::Changed {
                    p.refilter(&self.ds);
                }
            }
        }
    }

    fn open_search(&mut self) {
        self.search.input.to_end();
        self.search.submit(self.relation);
        self.mode = Mode::Search;
    }

    fn update_search(&mut self, action: Action) {
        let s = &mut self.search;
        let len = s.hits_len();
        match action {
            Action::ToggleSearchScope => {
                s.narrow = !s.narrow;
                s.submit(self.relation);
            }
            Action::Down | Action::WheelDown(..) => s.list.move_by(1, len),
            Action::Up | Action::WheelUp(..) => s.list.move_by(-1, len),
            Action::Confirm => {
                if let Some(r) = s.selected_hit() {
                    s.start_trail();
                    self.mode = Mode::Normal;
                    self.jump(r);
                }
            }
            // Nothing under the overlay changes while it is open: closing it
            // is enough to be back where the user was.
            Action::Back => self.mode = Mode::Normal,
            edit => {
                if s.input.apply(edit) == Edit::Changed {
                    s.submit(self.relation);
                }
            }
        }
    }

    /// `n` / `N`: the next or previous hit of the search last jumped from.
    fn walk_trail(&mut self, by: isize) {
        if let Some(r) = self.search.step_trail(by) {
            self.jump(r);
        }
    }

    /// Shows a record: its relation, its tab, selected. Filters that would hide it are cleared.
    fn jump(&mut self, r: RecordRef) {
        let tab = search::tab_of(r.kind);
        // Rows are computed once, with the relation and filters the jump needs.
        let revealed = self.filters.reveal(tab, r.kind);
        if self.relation != Some(r.relation) {
            self.set_relation(Some(r.relation));
        } else if revealed {
            self.recompute();
        }
        self.tab = tab;
        if let Some(i) = self.rows.position(tab, r) {
            self.lists[tab.index()].select(i, self.rows.len(tab));
        }
    }

    /// Switches to a relation (or all), keeping the tab.
    fn set_relation(&mut self, relation: Option<usize>) {
        let relation = relation.filter(|r| *r < self.ds.relations.len());
        if relation != self.relation {
            self.relation = relation;
            self.filters.visits = VisitFilter::Both;
            self.recompute();
            self.lists = Default::default();
        }
    }

    fn recompute(&mut self) {
        self.rows = Rows::compute(&self.ds, self.relation, &self.filters);
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
        self.lists[self.tab.index()] = Default::default();
    }

    fn move_by(&mut self, by: isize) {
        let len = self.rows.len(self.tab);
        self.lists[self.tab.index()].move_by(by, len);
    }

    fn move_to(&mut self, i: usize) {
        let len = self.rows.len(self.tab);
        self.lists[self.tab.index()].select(i, len);
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
        let cur = self.list(Tab::Trade).selected();
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
            self.lists[Tab::Trade.index()].select(t, n);
        }
    }

    /// A click: on a tab, on a year of the trade chart, or on a row.
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
        let body = layout::body(frame.body, self.tab, self.relation.is_none());
        if self.tab == Tab::Trade
            && !self.comparing()
            && let Some(top) = body.top
            && top.contains(at)
        {
            self.click_year(top, x, y);
            return;
        }
        let rows_area = layout::table_rows(body.list);
        if rows_area.contains(at) {
            let list = &mut self.lists[self.tab.index()];
            let i = list.offset() + usize::from(y - rows_area.y);
            let len = self.rows.len(self.tab);
            if i < len {
                list.select(i, len);
            }
        }
    }

    /// A click on the trade chart drawn in `chart_area`: the first figure of the year under it.
    fn click_year(&mut self, chart_area: Rect, x: u16, y: u16) {
        let Some(rel) = self.shown_relation() else {
            return;
        };
        let figures = crate::query::trade::two_way(rel);
        let Some(year) = chart::year_at(&figures, chart_area, x, y) else {
            return;
        };
        let first = self.rows.trade.iter().position(
            |r| matches!(r.resolve(&self.ds), Some((_, Record::Trade(f))) if f.year == year),
        );
        if let Some(i) = first {
            self.lists[Tab::Trade.index()].select(i, self.rows.trade.len());
        }
    }

    /// Scrolls every list so its selection is on screen.
    fn keep_visible(&mut self) {
        let all = self.relation.is_none();
        for t in Tab::ALL {
            let page = layout::list_page(self.area, t, all);
            self.lists[t.index()].keep_visible(self.rows.len(t), page);
        }
        let rows_of = |overlay: Rect| usize::from(layout::overlay_list(overlay).height);
        if let Mode::Picker(p) = &mut self.mode {
            let len = p.matches().len();
            p.list.keep_visible(len, rows_of(layout::picker(self.area)));
        }
        let len = self.search.hits_len();
        self.search.list.keep_visible(
            len,
            usize::from(layout::search_parts(self.area).list.height),
        );
    }
}
