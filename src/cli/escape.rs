//! Cells made safe for the programs that open our CSV and Markdown: the
//! escaping lives in [`crate::query::escape`], where citations use it too.

pub use crate::query::escape::{csv_cell, md_text};
