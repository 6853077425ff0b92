//! What the interface asks of the world outside it — the clipboard, a file —
//! and what came of it. [`super::App::update`] never does I/O: it records an
//! [`Effect`], the event loop takes it ([`super::App::take_effect`]),
//! performs it, and reports back with [`super::Action::Done`].

use std::io::ErrorKind;

use crate::query::filter::RowFilter;
use crate::query::{Kind, RecordRef};

/// Something for the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put a record (or a relation) on the clipboard.
    Copy { what: Copied, json: bool },
    /// Write the rows of a view to a file, as `bilateral list` writes them.
    Export(Export),
}

/// What a copy takes: a record, or a relation of the merged overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Copied {
    Record(RecordRef),
    Relation(usize),
}

/// Which list a view is, as `bilateral list` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportList {
    Relations,
    Timeline,
    Records(Kind),
}

/// The file formats of an export, as `bilateral list --format` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Csv,
    Md,
    Json,
}

impl ExportFormat {
    /// The format a file name's extension names, any case.
    pub fn of(name: &str) -> Option<ExportFormat> {
        let (_, ext) = name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "md" => Some(ExportFormat::Md),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }
}

/// A view to write to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// As typed: relative to the directory the program was started in.
    pub path: String,
    pub format: ExportFormat,
    pub list: ExportList,
    pub relations: Vec<usize>,
    pub filter: RowFilter,
    /// Whether an existing file may be replaced (the user said so).
    pub overwrite: bool,
}

/// What came of an effect, reported back through [`super::Action::Done`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Done {
    /// Sent to the terminal's clipboard: what, and how many characters.
    Copied {
        kind: Option<Kind>,
        json: bool,
        chars: usize,
    },
    CopyFailed(ErrorKind),
    /// The file was written, this many bytes.
    Exported {
        bytes: usize,
    },
    /// The file exists and overwriting was not asked for.
    ExportExists,
    ExportFailed(ErrorKind),
}

/// A kind of record in the singular, for "copied: 1 fact".
pub fn one(kind: Option<Kind>) -> &'static str {
    match kind {
        None => "relation",
        Some(Kind::Trade) => "trade figure",
        Some(Kind::Products) => "product list",
        Some(Kind::Growth) => "growth statement",
        Some(k) => k.label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_names_the_format() {
        assert_eq!(ExportFormat::of("a.csv"), Some(ExportFormat::Csv));
        assert_eq!(ExportFormat::of("dir.v2/a.JSON"), Some(ExportFormat::Json));
        assert_eq!(ExportFormat::of("a.md"), Some(ExportFormat::Md));
        assert_eq!(ExportFormat::of("a.txt"), None);
        assert_eq!(ExportFormat::of("csv"), None);
    }
}
