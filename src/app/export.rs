//! Copying a record (`y`, `Y`) and exporting a view (`e`): what the keys
//! ask for, as effects for the event loop, and the footer's word on what
//! came of them.

use crate::data::group_thousands;
use crate::query::{self, Kind};

use super::effect::{self, Copied, Done, Effect, Export, ExportFormat, ExportList};
use super::input::{Edit, TextInput};
use super::{Action, App, Message, Mode, OverviewRow, Tab};

/// The export prompt: a file name, and whether it names a file that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub input: TextInput,
    /// The file exists: Enter again replaces it.
    pub exists: bool,
}

impl App {
    /// What `y` and `Y` copy here: the search overlay's hit, else the
    /// selected record (or relation row) of the tab under any overlay.
    fn copy_target(&self) -> Option<Copied> {
        if self.mode == Mode::Search {
            return self.search.selected_hit().map(Copied::Record);
        }
        if let Some(r) = self.selected_record() {
            return Some(Copied::Record(r));
        }
        match self.rows.overview.get(self.list(Tab::Overview).selected()) {
            Some(OverviewRow::Relation(r)) if self.tab == Tab::Overview => {
                Some(Copied::Relation(*r))
            }
            _ => None,
        }
    }

    /// `y` (a citation line) and `Y` (JSON): the event loop puts it on the clipboard.
    pub(super) fn copy(&mut self, json: bool) {
        let key = if json { 'Y' } else { 'y' };
        match self.copy_target() {
            Some(what) => self.effect = Some(Effect::Copy { what, json }),
            None => self.say(Message::refusal(format!(
                "{key}: no record selected to copy"
            ))),
        }
    }

    /// `e`: the prompt, with a name for what is on screen.
    pub(super) fn open_export(&mut self) {
        let input = TextInput::new(&self.export_name());
        self.mode = Mode::Export(ExportPrompt {
            input,
            exists: false,
        });
    }

    /// The list the current tab shows, as `bilateral list` names it.
    fn export_list(&self) -> ExportList {
        match self.tab {
            Tab::Overview if self.relation.is_none() => ExportList::Relations,
            Tab::Overview => ExportList::Records(Kind::Fact),
            Tab::Timeline => ExportList::Timeline,
            Tab::Visits => ExportList::Records(Kind::Visit),
            Tab::Agreements => ExportList::Records(Kind::Agreement),
            Tab::Trade => ExportList::Records(Kind::Trade),
            Tab::Missions => ExportList::Records(Kind::Mission),
        }
    }

    /// "mex-vnm-visits.csv", "all-agreements-in-force.csv": the scope, the
    /// list and its filter.
    fn export_name(&self) -> String {
        let scope = self
            .shown_relation()
            .map_or("all".to_string(), |r| r.id.to_lowercase());
        let list = match self.export_list() {
            ExportList::Relations => "relations",
            ExportList::Timeline => "timeline",
            ExportList::Records(k) => k.plural().split(' ').next().unwrap_or("records"),
        };
        let f = &self.filters;
        let filter = match self.export_list() {
            ExportList::Timeline => f.timeline.map(|k| k.plural().replace(' ', "-")),
            ExportList::Records(Kind::Visit) => match f.visits {
                query::filter::VisitFilter::Both => None,
                query::filter::VisitFilter::Forward => Some("forward".into()),
                query::filter::VisitFilter::Backward => Some("backward".into()),
            },
            ExportList::Records(Kind::Agreement) => {
                f.agreements.map(|s| s.label().replace(' ', "-"))
            }
            _ => None,
        };
        match filter {
            Some(x) => format!("{scope}-{list}-{x}.csv"),
            None => format!("{scope}-{list}.csv"),
        }
    }

    pub(super) fn update_export(&mut self, action: Action) {
        let Mode::Export(p) = &mut self.mode else {
            return;
        };
        match action {
            Action::Back => self.mode = Mode::Normal,
            Action::Confirm => self.confirm_export(),
            edit => {
                if p.input.apply(edit) == Edit::Changed {
                    p.exists = false;
                }
            }
        }
    }

    /// Enter in the prompt: write, or, once told the file exists, replace it.
    fn confirm_export(&mut self) {
        let Mode::Export(p) = &self.mode else {
            return;
        };
        let path = p.input.text().trim().to_string();
        let Some(format) = ExportFormat::of(&path) else {
            self.say(Message::refusal(
                "e: the name must end in .csv, .md or .json — the format is its extension",
            ));
            return;
        };
        self.effect = Some(Effect::Export(Export {
            path,
            format,
            list: self.export_list(),
            relations: query::scope(&self.ds, self.relation),
            filter: self.filters.row_filter(),
            overwrite: p.exists,
        }));
    }

    /// The event loop's report on an effect.
    pub(super) fn done(&mut self, done: Done) {
        let path = match &self.mode {
            Mode::Export(p) => p.input.text().trim().to_string(),
            _ => String::new(),
        };
        let shown = crate::text::truncate_start(&path, 40);
        let m = match done {
            Done::Copied { kind, json, chars } => Message::info(format!(
                "copied: 1 {}{}, {} characters",
                effect::one(kind),
                if json { " as JSON" } else { "" },
                group_thousands(chars as f64)
            )),
            Done::CopyFailed(e) => Message::refusal(format!(
                "y: the terminal could not be given the text ({e}) — e exports to a file"
            )),
            Done::Exported { bytes } => {
                self.mode = Mode::Normal;
                Message::info(format!(
                    "exported to {shown} ({} bytes)",
                    group_thousands(bytes as f64)
                ))
            }
            Done::ExportExists => {
                if let Mode::Export(p) = &mut self.mode {
                    p.exists = true;
                }
                Message::refusal(format!("{shown} exists — Enter replaces it, Esc keeps it"))
            }
            Done::ExportFailed(e) => Message::refusal(format!("e: cannot write {shown}: {e}")),
        };
        self.say(m);
    }
}
