//! Performing what the interface asked for outside itself: the clipboard
//! (OSC 52, through crossterm) and export files (through `bilateral list`'s
//! own writer, so the file is what the command prints).

use std::fs::OpenOptions;
use std::io::{self, ErrorKind, Write};

use crossterm::clipboard::CopyToClipboard;
use crossterm::execute;

use crate::app::effect::{Copied, Done, Effect, Export, ExportFormat, ExportList};
use crate::cli::kind::{ListKind, RecordKind};
use crate::cli::show::{self, Item, ShowFormat};
use crate::cli::table::{Format, Layout, Pick};
use crate::data::Dataset;
use crate::query::Kind;

/// Performs an effect, writing to `term` (the terminal) for the clipboard.
pub fn perform(ds: &Dataset, effect: Effect, term: &mut impl Write) -> Done {
    match effect {
        Effect::Copy { what, json } => {
            let kind = match what {
                Copied::Record(r) => Some(r.kind),
                Copied::Relation(_) => None,
            };
            let sent = payload(ds, what, json).and_then(|text| {
                execute!(term, CopyToClipboard::to_clipboard_from(text.as_bytes()))?;
                Ok(text.chars().count())
            });
            match sent {
                Ok(chars) => Done::Copied { kind, json, chars },
                Err(e) => Done::CopyFailed(e.kind()),
            }
        }
        Effect::Export(x) => match export(ds, &x) {
            Ok(bytes) => Done::Exported { bytes },
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Done::ExportExists,
            Err(e) => Done::ExportFailed(e.kind()),
        },
    }
}

/// The text a copy puts on the clipboard: the citation line, or the JSON
/// `bilateral show ID --format json` prints. Never a control character
/// but the JSON's own line breaks.
pub fn payload(ds: &Dataset, what: Copied, json: bool) -> io::Result<String> {
    let item = match what {
        Copied::Record(r) => {
            let (rel, rec) = r
                .resolve(ds)
                .ok_or_else(|| io::Error::from(ErrorKind::NotFound))?;
            Item::Record(rel, rec)
        }
        Copied::Relation(i) => Item::Relation(
            ds.relations
                .get(i)
                .ok_or_else(|| io::Error::from(ErrorKind::NotFound))?,
        ),
    };
    let text = if json {
        let mut out = Vec::new();
        let style = show::Style {
            format: ShowFormat::Json,
            width: None,
            color: false,
        };
        show::write(ds, &[(item, None)], style, &mut out)?;
        String::from_utf8(out).map_err(io::Error::other)?
    } else {
        show::citation(ds, item)
    };
    Ok(text
        .chars()
        .filter(|c| !c.is_control() || (json && *c == '\n'))
        .collect())
}

/// Writes the export, never over an existing file unless asked; the bytes written.
fn export(ds: &Dataset, x: &Export) -> io::Result<usize> {
    let list = match x.list {
        ExportList::Relations => ListKind::Relations,
        ExportList::Timeline => ListKind::Timeline,
        ExportList::Records(k) => ListKind::Records(record_kind(k)),
    };
    let layout = Layout {
        format: match x.format {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Md => Format::Md,
            ExportFormat::Json => Format::Json,
        },
        pick: Pick::Default,
        width: None,
    };
    let mut out = Vec::new();
    crate::cli::lists::write_filtered(ds, list, &x.relations, &x.filter, &layout, &mut out)
        .map_err(|f| io::Error::other(f.message))?;
    let mut file = if x.overwrite {
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&x.path)?
    } else {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&x.path)?
    };
    file.write_all(&out)?;
    Ok(out.len())
}

fn record_kind(k: Kind) -> RecordKind {
    match k {
        Kind::Event => RecordKind::Events,
        Kind::Visit => RecordKind::Visits,
        Kind::Agreement => RecordKind::Agreements,
        Kind::Trade => RecordKind::Trade,
        Kind::Products => RecordKind::Products,
        Kind::Growth => RecordKind::Growth,
        Kind::Mission => RecordKind::Missions,
        Kind::Fact => RecordKind::Facts,
    }
}

/// Whether to make source addresses OSC 8 hyperlinks: `BILATERAL_HYPERLINKS=1`
/// or `0` decides; else only terminals known to support them, outside
/// tmux and screen (which need to be told: see README). A terminal that
/// does not know OSC 8 should ignore it, but some print it.
pub fn hyperlinks_wanted() -> bool {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    match var("BILATERAL_HYPERLINKS").as_str() {
        "1" => return true,
        "0" => return false,
        _ => {}
    }
    if !var("TMUX").is_empty() || var("TERM").starts_with("screen") {
        return false;
    }
    let program = var("TERM_PROGRAM");
    let known = ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "rio"];
    known.contains(&program.as_str())
        || !var("KITTY_WINDOW_ID").is_empty()
        || !var("WT_SESSION").is_empty()
        || !var("KONSOLE_VERSION").is_empty()
        || var("VTE_VERSION").parse::<u32>().is_ok_and(|v| v >= 5000)
        || ["xterm-kitty", "foot", "alacritty", "xterm-ghostty"].contains(&var("TERM").as_str())
}

/// Writes each link's text over the cells it was drawn in, as an OSC 8
/// hyperlink: the same characters, so the screen's layout is unchanged.
pub fn write_links(links: &[crate::view::sources::Link], term: &mut impl Write) -> io::Result<()> {
    use crossterm::{cursor::MoveTo, queue, style::Print};
    for l in links {
        queue!(
            term,
            MoveTo(l.x, l.y),
            Print(format!("\x1b]8;;{}\x1b\\", l.url)),
            Print(&l.text),
            Print("\x1b]8;;\x1b\\")
        )?;
    }
    term.flush()
}
