//! The command line: arguments, subcommands and what they print.

pub mod lists;
pub mod overview;
pub mod render;
pub mod search;
pub mod table;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::app::Tab;
use crate::data::{self, Dataset, LoadError};
use crate::query::{self, Kind};

use lists::ListKind;
use table::Format;

/// Exit code for a bad command line or an invalid dataset.
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a failure while running (e.g. stdout closed).
pub const EXIT_FAILURE: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "bilateral",
    version,
    about = "A fast, offline terminal atlas of bilateral relations between countries",
    long_about = "Browse the relations between two countries: timeline, high-level visits, \
agreements, trade and diplomatic missions, with the source of every fact. \
Without a subcommand, opens the interactive interface on the embedded dataset."
)]
pub struct Cli {
    /// Open this dataset file instead of the embedded one
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Refuse dataset files larger than this many bytes
    #[arg(long, global = true, value_name = "BYTES", default_value_t = data::DEFAULT_MAX_BYTES)]
    pub max_size: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one kind of record as a table, JSON, CSV or Markdown
    List {
        #[arg(value_enum)]
        kind: ListKind,
        /// Only this relation, e.g. MEX-VNM (either order, any case)
        #[arg(long, value_name = "ID")]
        relation: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Fuzzy search over every record, best hits first
    #[command(long_about = "Fuzzy search over every record, best hits first. \
Every term must match, in any order: `dong` fuzzy, `'dong` exact, `^pres` headline starts, \
`1979$` headline ends, `!cotton` excludes. Case-insensitive unless a term has a capital; \
diacritics-insensitive (\"Dong\" finds \"Đồng\").")]
    Search {
        /// Terms that must all match, in any order
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this relation, e.g. MEX-VNM (either order, any case), or all
        #[arg(long, value_name = "ID")]
        relation: Option<String>,
        /// Only records of this kind: event, visit, agreement, trade, products, growth, mission, fact
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// At most this many hits (default 100), or `all`
        #[arg(long, value_name = "N|all", value_parser = search::parse_limit)]
        limit: Option<usize>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Print one screen of the interface as plain text
    Render {
        /// overview, timeline, visits, agreements, trade or missions
        #[arg(long, value_parser = parse_tab, default_value = "overview")]
        tab: Tab,
        /// A relation id, or "all" for the merged view; the first relation by default
        #[arg(long, value_name = "ID")]
        relation: Option<String>,
        #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: u16,
        #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=1000))]
        height: u16,
    },
    /// Check a dataset file and report every fault at once
    Validate {
        /// The dataset file to check
        file: PathBuf,
    },
    /// Print the JSON Schema of the dataset format
    Schema,
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

fn parse_tab(s: &str) -> Result<Tab, String> {
    Tab::parse(s).ok_or_else(|| {
        let all: Vec<String> = Tab::ALL.iter().map(|t| t.title().to_lowercase()).collect();
        format!("unknown tab {s:?}; expected one of: {}", all.join(", "))
    })
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.label()).collect();
        format!("unknown kind {s:?}; expected one of: {}", all.join(", "))
    })
}

/// A failure that ends the program: the message for stderr and the exit code.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        Failure {
            message: e.render(crate::text::stderr_columns()),
            code: EXIT_USAGE,
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        // A reader that stops early (`bilateral list timeline | head`) is not a failure.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Failure {
                message: String::new(),
                code: 0,
            };
        }
        Failure {
            message: format!("error: cannot write output: {e}"),
            code: EXIT_FAILURE,
        }
    }
}

/// Loads the dataset named by `--data`, or the embedded one.
pub fn load(cli: &Cli) -> Result<Dataset, LoadError> {
    match &cli.data {
        Some(path) => data::load_path(path, cli.max_size),
        None => data::load_embedded(),
    }
}

/// Keeps a dataset until the process ends. A command runs once and the
/// process exits after it: handing a million records back to the allocator
/// one by one would only delay that exit, by a third of a second at that size.
fn until_exit(ds: Dataset) -> &'static Dataset {
    Box::leak(Box::new(ds))
}

/// Resolves `--relation` to relation indices: every relation when absent or "all".
pub fn relation_scope(ds: &Dataset, relation: Option<&str>) -> Result<Vec<usize>, Failure> {
    match relation {
        None => Ok(query::scope(ds, None)),
        Some(r) if r.eq_ignore_ascii_case("all") => Ok(query::scope(ds, None)),
        Some(r) => {
            let found = ds
                .relation(r)
                .and_then(|rel| ds.relations.iter().position(|x| x.id == rel.id));
            found.map(|i| vec![i]).ok_or_else(|| Failure {
                message: format!(
                    "error: unknown relation {:?}; this dataset has: {}",
                    data::sanitize::clean(r),
                    ds.relations
                        .iter()
                        .map(|x| x.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                code: EXIT_USAGE,
            })
        }
    }
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::List {
            kind,
            relation,
            format,
        } => {
            let ds = until_exit(load(cli)?);
            let scope = relation_scope(ds, relation.as_deref())?;
            lists::list(ds, *kind, &scope).write(ds, *format, out)?;
        }
        Command::Search {
            query,
            relation,
            kind,
            limit,
            format,
        } => {
            let ds = until_exit(load(cli)?);
            let relations = match relation {
                None => None,
                Some(r) if r.eq_ignore_ascii_case("all") => None,
                Some(r) => Some(relation_scope(ds, Some(r))?),
            };
            let limit = limit.unwrap_or(search::DEFAULT_LIMIT);
            search::run(ds, &query.join(" "), relations, *kind, limit, *format, out)?;
        }
        Command::Render {
            tab,
            relation,
            width,
            height,
        } => {
            let ds = load(cli)?;
            let relation = match relation.as_deref() {
                None => None,
                Some(r) if r.eq_ignore_ascii_case("all") => Some(None),
                Some(r) => Some(relation_scope(&ds, Some(r))?.first().copied()),
            };
            let text = render::screen(ds, *tab, relation, *width, *height, this_year());
            out.write_all(text.as_bytes())?;
        }
        Command::Validate { file } => {
            let ds = until_exit(data::load_path(file, cli.max_size)?);
            let records: usize = ds.relations.iter().map(data::Relation::record_count).sum();
            let count = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            writeln!(
                out,
                "{}: valid — {}, {}, {}, {}",
                data::sanitize::clean(&file.display().to_string()),
                count(ds.sources.len(), "source", "sources"),
                count(ds.countries.len(), "country", "countries"),
                count(ds.relations.len(), "relation", "relations"),
                count(records, "record", "records"),
            )?;
        }
        Command::Schema => {
            let schema = schemars::schema_for!(data::Dataset);
            serde_json::to_writer_pretty(&mut *out, &schema).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Command::Completions { shell } => {
            // Generated in memory first: clap_complete panics when its writer fails,
            // and stdout may be a pipe its reader has already closed.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "bilateral", &mut script);
            out.write_all(&script)?;
        }
    }
    Ok(())
}

/// The current year, for "today" on the missions axis.
pub fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

/// Without a subcommand: the interactive interface, when both ends are terminals.
pub fn interactive(cli: &Cli) -> Result<u8, Failure> {
    if !crate::tui::is_interactive() {
        return Err(Failure {
            message: crate::tui::NOT_A_TERMINAL.to_string(),
            code: EXIT_USAGE,
        });
    }
    let (path, max) = (cli.data.clone(), cli.max_size);
    let what = path.as_ref().map_or("the embedded dataset".into(), |p| {
        p.file_name()
            .unwrap_or(p.as_os_str())
            .to_string_lossy()
            .into_owned()
    });
    let load = move |progress: &data::Progress| match &path {
        Some(path) => data::load_path_with(path, max, progress),
        None => data::load_embedded(),
    };
    match crate::tui::run(&what, load, this_year()) {
        Ok(crate::tui::Outcome::Quit) => Ok(0),
        Ok(crate::tui::Outcome::Signal(sig)) => Ok(u8::try_from(128 + sig).unwrap_or(1)),
        Ok(crate::tui::Outcome::Unloadable(e)) => Err(e.into()),
        Err(e) => Err(Failure {
            message: format!("error: terminal: {e}"),
            code: EXIT_FAILURE,
        }),
    }
}

/// Whether output to stdout may use colour: a terminal, and NO_COLOR unset.
pub fn stdout_color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
