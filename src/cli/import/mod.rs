//! `bilateral import …`: official statistics, downloaded by the user,
//! turned into a layer to open with `--with`.

pub mod comtrade;

use std::io::Write;
use std::path::PathBuf;

use clap::{Subcommand, ValueHint};

use super::Failure;
use crate::data::Dataset;

/// Where the statistics come from.
#[derive(Debug, Subcommand)]
pub enum From {
    /// A CSV file exported from the UN Comtrade data portal
    #[command(
        long_about = "Read a CSV file exported from the UN Comtrade data portal \
(https://comtradeplus.un.org) for a reporter/partner query, and write a layer of \
one-direction trade figures: each country's exports to the other and its imports from it, \
as it reports them, each figure naming its reporter, with one source entry for the \
download. Where both countries report, both figures are kept (mirror statistics). \
Two-way totals are added as derived figures, their arithmetic spelled out. Columns \
(any case): refYear (or period), reporterISO, partnerISO, flowCode (X exports, M imports; \
RX/RM re-exports and re-imports are skipped and counted), cmdCode (TOTAL rows only), \
primaryValue (US$). Other columns are ignored. A malformed row stops the import, naming \
its line, and nothing is written; the output file is never overwritten."
    )]
    Comtrade {
        /// The CSV file the portal exported
        #[arg(value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// The layer file to write (never overwritten)
        #[arg(long, value_name = "LAYER.json", value_hint = ValueHint::FilePath)]
        out: PathBuf,
        /// The relation the figures belong to, when the dataset has none for the two countries
        #[arg(long, value_name = "ID")]
        relation: Option<String>,
    },
}

/// Runs an import: reads, checks, and writes the layer, or nothing.
pub fn run(ds: &Dataset, from: &From, out: &mut dyn Write) -> Result<(), Failure> {
    match from {
        From::Comtrade {
            file,
            out: layer,
            relation,
        } => comtrade::run(ds, file, layer, relation.as_deref(), out),
    }
}
