//! [`App::update`]: every change of state, one action at a time.

use ratatui::layout::{Position, Rect};

use crate::query::{Record, RecordRef};
use crate::screen::{chart, layout};

use super::input::Edit;
use super::{Action, App, Message, Mode, Picker, Rows, Tab, message, rows, search};

impl App {
    /// Applies one action. The only function that changes the state.
    pub fn update(&mut self, action: Action) {
        if from_user(&action) {
            // A message lasts until the next key.
            self.message = None;
        }
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
            Action::Unbound(key) => self.message = Some(message::unbound(self, &key)),
            Action::Done(done) => self.done(done),
            Action::CopyCitation => self.copy(false),
            Action::CopyJson => self.copy(true),
            // F1 works in the text boxes too: help opens over them, and Esc returns to them.
            Action::ToggleHelp if self.typing() => self.toggle_overlay(action),
            _ => match self.mode {
                Mode::Normal => self.update_normal(action),
                Mode::Picker(_) => self.update_picker(action),
                Mode::Search => self.update_search(action),
                Mode::Export(_) => self.update_export(action),
                Mode::Help { typing: true, .. } => self.update_help_filter(action),
                Mode::Help { .. } | Mode::Sources { .. } | Mode::Detail { .. } => {
                    self.update_overlay(action)
                }
            },
        }
        self.keep_visible();
    }

    /// Puts a message in the footer until the next key.
    pub(super) fn say(&mut self, m: Message) {
        self.message = Some(m);
    }

    fn update_normal(&mut self, action: Action) {
        let page = layout::list_page(self.area, self.tab, self.relation.is_none()) as isize;
        let half = (page / 2).max(1);
        match action {
            Action::Back => self.back(),
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
            Action::Confirm | Action::OpenDetail if self.selected_relation_row().is_some() => {
                // The merged overview's row: into that relation, and Esc back out.
                self.remember_place();
                self.set_relation(self.selected_relation_row());
            }
            Action::ToggleHelp | Action::OpenSources | Action::OpenDetail | Action::Confirm => {
                self.toggle_overlay(action)
            }
            Action::CycleFilter => self.cycle_filter(),
            Action::PrevYear => self.move_year(-1),
            Action::NextYear => self.move_year(1),
            Action::ToggleLogScale => self.trade.log = Some(!self.log_scale()),
            Action::ToggleCompare if self.relation.is_none() => self.say(Message::refusal(
                "c: all relations are always compared — ] or r picks one",
            )),
            Action::ToggleCompare => self.trade.compare = !self.trade.compare,
            Action::OpenSearch => self.open_search(),
            Action::Export => self.open_export(),
            Action::NextHit => self.walk_trail(1),
            Action::PrevHit => self.walk_trail(-1),
            Action::Click(x, y) => self.click(x, y),
            Action::WheelDown(..) => self.move_by(3),
            Action::WheelUp(..) => self.move_by(-3),
            _ => {}
        }
    }

    /// Esc at the top level: back where the last jump came from, never out.
    fn back(&mut self) {
        if !self.go_back() {
            self.say(Message::refusal("Esc: nothing to go back to — q quits"));
        }
    }

    /// Takes in what a frame found: an overlay scrolled past its end is where
    /// the frame showed it, at the end.
    fn record_drawn(&mut self, d: super::Drawn) {
        self.drawn = d;
        if let (
            Mode::Help { scroll, .. } | Mode::Sources { scroll } | Mode::Detail { scroll },
            Some(end),
        ) = (&mut self.mode, d.overlay_end)
        {
            *scroll = (*scroll).min(end);
        }
    }

    /// `?`, `s` and Enter: open their overlay over what is open, or, when
    /// it is open already, close what lies over it (and it, when on top).
    fn toggle_overlay(&mut self, action: Action) {
        let mode = match action {
            Action::ToggleHelp => Mode::Help {
                scroll: 0,
                filter: Default::default(),
                typing: false,
            },
            Action::OpenSources => Mode::Sources { scroll: 0 },
            _ if self.selected_record().is_none() => {
                let why = if self.rows.len(self.tab) == 0 {
                    "Enter: nothing to open — this list is empty"
                } else {
                    "Enter: nothing to open here"
                };
                self.say(Message::refusal(why));
                return;
            }
            _ => Mode::Detail { scroll: 0 },
        };
        let same = |m: &Mode| std::mem::discriminant(m) == std::mem::discriminant(&mode);
        if same(&self.mode) {
            self.close_overlay();
        } else if let Some(i) = self.under.iter().rposition(same) {
            self.under.truncate(i + 1);
            self.close_overlay();
        } else {
            if self.mode != Mode::Normal {
                let open = std::mem::replace(&mut self.mode, Mode::Normal);
                self.under.push(open);
            }
            self.mode = mode;
            self.drawn.overlay_end = None;
        }
    }

    /// Closes the open overlay and shows the one under it, if any.
    fn close_overlay(&mut self) {
        self.mode = self.under.pop().unwrap_or(Mode::Normal);
        self.drawn.overlay_end = None;
    }

    fn update_overlay(&mut self, action: Action) {
        if self.scroll_overlay(action) {
            return;
        }
        match (action, &mut self.mode) {
            (Action::FilterHelp, Mode::Help { filter, typing, .. }) => {
                filter.to_end();
                *typing = true;
            }
            // Esc first clears a filter, then closes.
            (Action::Back, Mode::Help { filter, scroll, .. }) if !filter.text().is_empty() => {
                *filter = Default::default();
                *scroll = 0;
            }
            (Action::Back, _) => self.close_overlay(),
            (Action::ToggleHelp | Action::OpenSources | Action::OpenDetail, _) => {
                self.toggle_overlay(action)
            }
            _ => {}
        }
    }

    /// Scrolls the open text overlay for a moving action; whether it was one.
    fn scroll_overlay(&mut self, action: Action) -> bool {
        let page = layout::text_overlay_size(self.area).0.max(1);
        // Where the overlay is on screen: a scroll past its end shows the end.
        let end = self.drawn.overlay_end;
        let (Mode::Help { scroll, .. } | Mode::Sources { scroll } | Mode::Detail { scroll }) =
            &mut self.mode
        else {
            return false;
        };
        let now = end.map_or(*scroll, |e| (*scroll).min(e));
        let to = match action {
            Action::Down | Action::WheelDown(..) => now.saturating_add(1),
            Action::Up | Action::WheelUp(..) => now.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => now.saturating_add(page),
            Action::PageUp | Action::HalfPageUp => now.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return false,
        };
        *scroll = end.map_or(to, |e| to.min(e));
        true
    }

    /// Typing the help filter: every change shows the lines from the top.
    fn update_help_filter(&mut self, action: Action) {
        if matches!(
            action,
            Action::Down | Action::Up | Action::WheelDown(..) | Action::WheelUp(..)
        ) {
            self.scroll_overlay(action);
            return;
        }
        let Mode::Help {
            scroll,
            filter,
            typing,
        } = &mut self.mode
        else {
            return;
        };
        match action {
            Action::Confirm => *typing = false,
            Action::Back => {
                *filter = Default::default();
                *typing = false;
                *scroll = 0;
            }
            edit => {
                if filter.apply(edit) == Edit::Changed {
                    *scroll = 0;
                }
            }
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
                    let hit = s.trail_count();
                    self.mode = Mode::Normal;
                    self.remember_place();
                    self.jump(r);
                    self.say(Message::info(format!("{hit} — n/N the others, Esc back")));
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

    /// `n` / `N`: the next or previous hit of the search last jumped from,
    /// round from the last to the first (and the footer says so).
    fn walk_trail(&mut self, by: isize) {
        let Some((r, wrapped)) = self.search.step_trail(by) else {
            let key = if by > 0 { 'n' } else { 'N' };
            self.say(Message::refusal(format!(
                "{key}: no search to walk — / searches, Enter jumps to a hit"
            )));
            return;
        };
        self.jump(r);
        let hit = self.search.trail_count();
        self.say(match (wrapped, by > 0) {
            (false, _) => Message::info(hit),
            (true, true) => Message::info(format!("{hit} — past the last hit, back to the first")),
            (true, false) => Message::info(format!("{hit} — before the first hit, on to the last")),
        });
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

    pub(super) fn recompute(&mut self) {
        let same_scope = self.rows.relation == self.relation;
        let tally = same_scope.then(|| std::mem::take(&mut self.rows.tally));
        self.rows = Rows::compute_with(&self.ds, self.relation, &self.filters, tally);
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

    /// ←/→: the first row of the previous or next year that has rows. From
    /// an undated row (they come last), ← goes to the last year.
    fn move_year(&mut self, dir: i32) {
        let tab = self.tab;
        let year = |i: usize| self.rows.year_at(&self.ds, tab, i);
        let cur = self.list(tab).selected();
        let n = self.rows.len(tab);
        let now = year(cur);
        let target = if dir > 0 {
            now.and_then(|now| (cur..n).find(|&i| year(i).is_some_and(|y| y > now)))
        } else {
            // The nearest earlier year, then back to its first row.
            (0..cur)
                .rev()
                .find(|&i| year(i).is_some_and(|y| now.is_none_or(|now| y < now)))
                .map(|i| {
                    let y = year(i);
                    (0..i)
                        .rev()
                        .take_while(|&j| year(j) == y)
                        .last()
                        .unwrap_or(i)
                })
        };
        match target {
            Some(t) => self.lists[tab.index()].select(t, n),
            None => {
                let text = match (now, dir > 0) {
                    (None, _) if n == 0 => "no rows here".to_string(),
                    (None, true) => "no later year: these rows have no year".to_string(),
                    (None, false) => "no year before these rows".to_string(),
                    (Some(y), true) => format!("{y} is the last year here"),
                    (Some(y), false) => format!("{y} is the first year here"),
                };
                self.say(Message::refusal(text));
            }
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
        if self.tab == Tab::Timeline
            && let Some(top) = body.top
            && top.contains(at)
        {
            self.click_strip(top, x, y);
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
        let figures = crate::query::trade::axis(rel);
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

    /// A click on the timeline strip drawn in `area`: the first row of the year (or period) under it.
    fn click_strip(&mut self, area: Rect, x: u16, y: u16) {
        let tally = &self.rows.tally;
        let Some((a, b)) = chart::strip_years_at(tally, area, self.today_year, x, y) else {
            return;
        };
        let first = self
            .rows
            .timeline
            .iter()
            .position(|e| e.date.is_some_and(|d| (a..=b).contains(&d.year())));
        match first {
            Some(i) => self.lists[Tab::Timeline.index()].select(i, self.rows.timeline.len()),
            None if a == b => self.say(Message::refusal(format!("no row of {a} in this list"))),
            None => self.say(Message::refusal(format!("no row of {a}–{b} in this list"))),
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

/// Whether an action comes from the user (a key, the mouse) rather than from
/// the program itself (time passing, a frame drawn, a resize).
fn from_user(a: &Action) -> bool {
    !matches!(
        a,
        Action::Tick
            | Action::SettleSearch(_)
            | Action::Drawn(_)
            | Action::Resize(..)
            | Action::ShowRelation(_)
            | Action::Done(_)
    )
}
