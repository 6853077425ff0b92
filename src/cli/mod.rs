//! The command line: arguments, subcommands and what they print.

pub mod complete;
pub mod escape;
pub mod grid;
pub mod import;
pub mod init;
pub mod kind;
pub mod lists;
pub mod overview;
pub mod render;
pub mod search;
pub mod show;
pub mod table;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueHint};
use clap_complete::engine::ArgValueCompleter;

use crate::app::Tab;
use crate::data::{self, Dataset, LoadError};
use crate::query;
use crate::search::IndexCache;

use kind::{ListKind, RecordKind};
use search::Print;
use show::ShowFormat;
use table::{Format, Layout, Pick};

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
    #[arg(long, global = true, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub data: Option<PathBuf>,

    /// Add this dataset file over the dataset (repeatable, each over the last):
    /// relations merge by id, a record replaces the one with its id below
    #[arg(long = "with", global = true, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub with: Vec<PathBuf>,

    /// Refuse dataset files larger than this many bytes [default: 1073741824, 1 GiB]
    #[arg(long, global = true, value_name = "BYTES")]
    pub max_size: Option<u64>,

    /// Neither read nor keep the search index of a large dataset file in
    /// the user's cache directory
    #[arg(long)]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How rows are printed: `list` and `search`.
#[derive(Debug, Args)]
pub struct RowArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Add the id column to the table (ids are what `bilateral show` takes)
    #[arg(long)]
    pub ids: bool,
    /// Exactly these columns, in this order, in any format: keys as in the JSON
    /// and CSV output, e.g. `date,visitor,id`
    #[arg(
        long,
        value_name = "KEY,...",
        value_delimiter = ',',
        conflicts_with = "ids"
    )]
    pub columns: Option<Vec<String>>,
    /// Fit the table to N columns, wrapping long text in its cell; 0: never wrap
    /// [default: the terminal's width; no limit when piped]
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

/// The interface's tab filters, for `list`: a filtered view reproduced from a shell.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// `list timeline`: only records of this kind, as `f` on the Timeline tab
    #[arg(long = "kind", value_enum, ignore_case = true, value_name = "KIND")]
    pub timeline_kind: Option<RecordKind>,
    /// `list visits`: only visits going this way, as `f` on the Visits tab
    #[arg(long, value_enum, ignore_case = true)]
    pub direction: Option<kind::DirectionArg>,
    /// `list agreements`: only agreements with this status, as `f` on the Agreements tab
    #[arg(long, value_enum, ignore_case = true)]
    pub status: Option<kind::StatusArg>,
}

impl FilterArgs {
    pub fn row_filter(&self) -> query::filter::RowFilter {
        query::filter::RowFilter {
            kind: self.timeline_kind.map(RecordKind::kind),
            direction: self.direction.map_or_else(Default::default, |d| d.filter()),
            status: self.status.map(|s| s.status()),
        }
    }

    /// Each filter only with the list it filters, and `--kind` only with a
    /// kind the timeline has.
    fn fits(&self, list: ListKind) -> Result<(), Failure> {
        use kind::RecordKind as R;
        let given = [
            ("--kind", self.timeline_kind.is_some(), "timeline"),
            ("--direction", self.direction.is_some(), "visits"),
            ("--status", self.status.is_some(), "agreements"),
        ];
        let wanted = match list {
            ListKind::Timeline => "timeline",
            ListKind::Records(R::Visits) => "visits",
            ListKind::Records(R::Agreements) => "agreements",
            _ => "",
        };
        if let Some((option, _, its)) = given.iter().find(|(_, g, its)| *g && *its != wanted) {
            return Err(Failure::usage(format!(
                "{option} filters `bilateral list {its}` only"
            )));
        }
        if let Some(k) = self.timeline_kind.map(RecordKind::kind)
            && !query::TIMELINE_KINDS.contains(&k)
        {
            return Err(Failure::usage(format!(
                "--kind {}: the timeline lists events, visits, agreements, missions and trade",
                k.plural()
            )));
        }
        Ok(())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one kind of record as a table, JSON, CSV or Markdown
    List {
        #[arg(value_enum, ignore_case = true)]
        kind: ListKind,
        /// Only this relation, e.g. MEX-VNM (either order, any case), or all
        #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::relations))]
        relation: Option<String>,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        rows: RowArgs,
    },
    /// Print records in full, with their sources
    #[command(
        long_about = "Print records in full, as the detail pane shows them: every \
field, the date at its precision, amounts with their qualifier and derivation, and every \
citation with its source. The ids are those of the id column of `list` and `search` \
(--ids); relation ids (MEX-VNM) and source ids work too."
    )]
    Show {
        /// Ids of records, relations or sources
        #[arg(required = true, num_args = 1.., value_name = "ID",
              add = ArgValueCompleter::new(complete::ids))]
        ids: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ShowFormat,
        /// Wrap at N columns; 0: never wrap [default: the terminal's width; no limit when piped]
        #[arg(long, value_name = "N")]
        width: Option<usize>,
    },
    /// Print each record as one line of citation-ready Markdown, with its sources
    #[command(
        long_about = "Print each record as one line of citation-ready Markdown: the fact in \
the words of the detail pane, its date at its precision and any amount with its qualifier, \
then its sources (title, author, publisher, date, section). The same as \
`bilateral show ID --format cite`, and what `y` copies in the interface."
    )]
    Cite {
        /// Ids of records, relations or sources
        #[arg(required = true, num_args = 1.., value_name = "ID",
              add = ArgValueCompleter::new(complete::ids))]
        ids: Vec<String>,
    },
    /// Search every record, best hits first
    #[command(
        long_about = "Search every record, best hits first. Every term must match, \
in any order, as a word, the start of a word, a word with a typo (one from 5 letters, two \
from 9, none in numbers), or its letters in order inside one word when nothing else matches. \
`'dong` exact word only, `^pres` headline starts, `1979$` headline ends, `!cotton` excludes. \
Case-insensitive unless a term has a capital; diacritics-insensitive (\"Dong\" finds \"Đồng\"). \
Exits with 1 when nothing matches."
    )]
    Search {
        /// Terms that must all match, in any order
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this relation, e.g. MEX-VNM (either order, any case), or all
        #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::relations))]
        relation: Option<String>,
        /// Only records of this kind
        #[arg(long, value_enum, ignore_case = true)]
        kind: Option<RecordKind>,
        /// At most this many hits, or `all` [default: 100]
        #[arg(long, value_name = "N|all", value_parser = search::parse_limit)]
        limit: Option<usize>,
        /// Print each hit in full, as `bilateral show` does, matched words highlighted
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        rows: RowArgs,
    },
    /// Print one screen of the interface as plain text
    Render {
        #[arg(long, value_parser = tab_parser(), ignore_case = true, default_value = "overview")]
        tab: Tab,
        /// A relation id, or "all" for the merged view; the first relation by default
        #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::relations))]
        relation: Option<String>,
        #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: u16,
        #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=1000))]
        height: u16,
    },
    /// Check dataset files and report every fault of each at once
    #[command(
        long_about = "Check dataset files and report every fault of each at once. \
With --with, each file is checked with the layers over it, and without files the \
embedded dataset (or --data) is: `bilateral validate --with mine.json`."
    )]
    Validate {
        /// The dataset files to check
        #[arg(required_unless_present = "with", num_args = 1.., value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
    },
    /// Write a small example layer to edit: one source, one record of each kind
    #[command(
        long_about = "Write a small example layer to edit: one source and one record of \
each kind for the relation, every text saying what to put there. It is valid as written: \
`bilateral validate --with FILE` accepts it. An existing file is never overwritten."
    )]
    Init {
        /// The layer file to write
        #[arg(value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// The relation the records belong to, e.g. MEX-VNM
        #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::relations))]
        relation: String,
    },
    /// Turn downloaded official statistics into a layer
    Import {
        #[command(subcommand)]
        from: import::From,
    },
    /// Print the JSON Schema of the dataset format
    Schema,
    /// Print the script that completes bilateral's arguments in a shell
    #[command(
        long_about = "Print the script that completes bilateral's arguments in a shell: \
subcommands, options, kinds, tabs, formats, and the relation ids and record ids of the \
dataset named with --data on the line being completed (or of the embedded one). \
Load it from the shell's start-up file, e.g. `source <(bilateral completions bash)` in \
~/.bashrc, `source <(bilateral completions zsh)` in ~/.zshrc, or \
`bilateral completions fish | source` in ~/.config/fish/config.fish."
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `--tab`: the interface's tab names, in lower case (any case is accepted).
fn tab_parser() -> impl TypedValueParser<Value = Tab> {
    let names: Vec<PossibleValue> = Tab::ALL
        .iter()
        .map(|t| PossibleValue::new(t.title().to_lowercase()))
        .collect();
    PossibleValuesParser::new(names)
        .try_map(|s| Tab::parse(&s).ok_or_else(|| format!("unknown tab {s:?}")))
}

/// A failure that ends the program: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    /// A bad command line.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: format!("error: {}", message.into()),
            code: EXIT_USAGE,
        }
    }
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

impl Cli {
    fn max_size(&self) -> u64 {
        self.max_size.unwrap_or(data::DEFAULT_MAX_BYTES)
    }
}

/// Loads the dataset named by `--data`, or the embedded one, with each
/// `--with` layer over it.
pub fn load(cli: &Cli) -> Result<Dataset, LoadError> {
    load_with(
        cli.data.clone(),
        cli.with.clone(),
        cli.max_size(),
        &data::Progress::default(),
    )
}

/// The base (`--data` or the embedded dataset) with `layers` over it.
fn load_with(
    base: Option<PathBuf>,
    layers: Vec<PathBuf>,
    max: u64,
    progress: &data::Progress,
) -> Result<Dataset, LoadError> {
    let ds = match &base {
        Some(path) => data::load_path_with(path, max, progress)?,
        None => data::load_embedded()?,
    };
    if layers.is_empty() {
        return Ok(ds);
    }
    let name = base.map_or("embedded dataset".to_string(), |p| p.display().to_string());
    data::load_layered(ds, &name, &layers, max)
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
            found.map(|i| vec![i]).ok_or_else(|| {
                Failure::usage(format!(
                    "unknown relation {:?}; this dataset has: {}",
                    data::sanitize::clean(r),
                    ds.relations
                        .iter()
                        .map(|x| x.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        }
    }
}

/// Options that mean nothing for the command they are given to: each is a
/// usage error that says why, rather than being silently ignored.
pub fn check(cli: &Cli) -> Result<(), Failure> {
    let reads_data = match &cli.command {
        None
        | Some(Command::List { .. } | Command::Show { .. } | Command::Cite { .. })
        | Some(Command::Search { .. } | Command::Render { .. }) => true,
        Some(Command::Validate { files }) => {
            if cli.data.is_some() && (!files.is_empty() || cli.with.is_empty()) {
                return Err(Failure::usage(
                    "--data means nothing to `bilateral validate`: it checks the files \
                     named after it, e.g. `bilateral validate a.json b.json`",
                ));
            }
            return Ok(());
        }
        Some(Command::Init { .. } | Command::Import { .. }) => true,
        Some(Command::Schema) => return no_dataset(cli, "schema", "prints the format"),
        Some(Command::Completions { .. }) => {
            return no_dataset(cli, "completions", "prints a shell script");
        }
    };
    if reads_data && cli.data.is_none() && cli.with.is_empty() && cli.max_size.is_some() {
        return Err(Failure::usage(
            "--max-size means nothing without --data: it limits the file given with --data",
        ));
    }
    match &cli.command {
        Some(Command::List {
            rows, filter, kind, ..
        }) => {
            filter.fits(*kind)?;
            rows_fit(rows, None)
        }
        Some(Command::Search { rows, full, .. }) => rows_fit(rows, Some(*full)),
        Some(Command::Show { format, width, .. }) if *format != ShowFormat::Table => {
            only_table(width.is_some(), "--width", format_name(*format))
        }
        _ => Ok(()),
    }
}

fn no_dataset(cli: &Cli, command: &str, what: &str) -> Result<(), Failure> {
    let given = [
        ("--data", cli.data.is_some()),
        ("--with", !cli.with.is_empty()),
        ("--max-size", cli.max_size.is_some()),
    ];
    match given.iter().find(|(_, g)| *g) {
        Some((option, _)) => Err(Failure::usage(format!(
            "{option} means nothing to `bilateral {command}`, which {what} and reads no dataset"
        ))),
        None => Ok(()),
    }
}

/// `--width`, `--ids`, `--columns` and `--full` where they mean something.
fn rows_fit(rows: &RowArgs, full: Option<bool>) -> Result<(), Failure> {
    let format = format_name_of(rows.format);
    if full == Some(true) {
        if rows.format == Format::Csv {
            return Err(Failure::usage(
                "--full prints each hit in full, as table, json or md; csv has one row per hit",
            ));
        }
        let picked = [("--ids", rows.ids), ("--columns", rows.columns.is_some())];
        if let Some((option, _)) = picked.iter().find(|(_, g)| *g) {
            return Err(Failure::usage(format!(
                "{option} means nothing with --full, which prints every field"
            )));
        }
        return match rows.format {
            Format::Table => Ok(()),
            _ => only_table(rows.width.is_some(), "--width", format),
        };
    }
    if rows.format == Format::Table {
        return Ok(());
    }
    only_table(rows.width.is_some(), "--width", format)?;
    if rows.ids {
        return Err(Failure::usage(format!(
            "--ids means nothing with --format {format}, which has the id column already"
        )));
    }
    Ok(())
}

fn only_table(given: bool, option: &str, format: &str) -> Result<(), Failure> {
    if given {
        return Err(Failure::usage(format!(
            "{option} means nothing with --format {format}: only tables are fitted to a width"
        )));
    }
    Ok(())
}

fn format_name_of(f: Format) -> &'static str {
    match f {
        Format::Table => "table",
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Md => "md",
    }
}

fn format_name(f: ShowFormat) -> &'static str {
    match f {
        ShowFormat::Table => "table",
        ShowFormat::Json => "json",
        ShowFormat::Md => "md",
        ShowFormat::Cite => "cite",
    }
}

/// The width a table or a record may take: `--width N` (0: no limit), else
/// the terminal's width, else (piped) no limit.
fn width_for(flag: Option<usize>) -> Option<usize> {
    match flag {
        Some(0) => None,
        Some(n) => Some(n),
        None if io::stdout().is_terminal() => crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
            .filter(|&w| w > 0),
        None => None,
    }
}

impl RowArgs {
    fn layout(&self) -> Layout {
        let pick = match (&self.columns, self.ids) {
            (Some(keys), _) => Pick::Keys(keys.iter().map(|k| k.trim().to_string()).collect()),
            (None, true) => Pick::WithIds,
            (None, false) => Pick::Default,
        };
        Layout {
            format: self.format,
            pick,
            width: width_for(self.width),
        }
    }
}

fn show_style(format: ShowFormat, width: Option<usize>) -> show::Style {
    show::Style {
        format,
        width: width_for(width),
        color: stdout_color(),
    }
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> Result<(), Failure> {
    check(cli)?;
    match command {
        Command::List {
            kind,
            relation,
            filter,
            rows,
        } => {
            let ds = until_exit(load(cli)?);
            let scope = relation_scope(ds, relation.as_deref())?;
            let filter = filter.row_filter();
            lists::write_filtered(ds, *kind, &scope, &filter, &rows.layout(), out)?;
        }
        Command::Cite { ids } => {
            let ds = until_exit(load(cli)?);
            let items: Vec<_> = show::find(ds, ids)?
                .into_iter()
                .map(|i| (i, None))
                .collect();
            show::write(ds, &items, show_style(ShowFormat::Cite, None), out)?;
        }
        Command::Show { ids, format, width } => {
            let ds = until_exit(load(cli)?);
            let items = show::find(ds, ids)?;
            let items: Vec<_> = items.into_iter().map(|i| (i, None)).collect();
            show::write(ds, &items, show_style(*format, *width), out)?;
        }
        Command::Search {
            query,
            relation,
            kind,
            limit,
            full,
            rows,
        } => {
            let ds = until_exit(load(cli)?);
            let relations = match relation {
                None => None,
                Some(r) if r.eq_ignore_ascii_case("all") => None,
                Some(r) => Some(relation_scope(ds, Some(r))?),
            };
            let limit = limit.unwrap_or(search::HITS_PRINTED_BY_DEFAULT);
            let print = match (*full, rows.format) {
                (true, Format::Json) => Print::Full(show_style(ShowFormat::Json, None)),
                (true, Format::Md) => Print::Full(show_style(ShowFormat::Md, None)),
                (true, _) => Print::Full(show_style(ShowFormat::Table, rows.width)),
                (false, _) => Print::Rows(rows.layout()),
            };
            let kind = kind.map(RecordKind::kind);
            let query = query.join(" ");
            let emphasis = stdout_color();
            if search::run(ds, &query, relations, kind, limit, &print, emphasis, out)? == 0 {
                return Err(Failure {
                    message: search::no_match(&query),
                    code: EXIT_FAILURE,
                });
            }
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
        Command::Validate { files } if files.is_empty() => {
            let ds = until_exit(load(cli)?);
            let name = cli.data.as_ref().map_or("embedded dataset".into(), |p| {
                data::sanitize::clean(&p.display().to_string()).into_owned()
            });
            valid_line(ds, &format!("{name} with {}", layer_names(&cli.with)), out)?;
        }
        Command::Validate { files } => validate(files, &cli.with, cli.max_size(), out)?,
        Command::Init { file, relation } => {
            let ds = until_exit(load(cli)?);
            init::run(ds, file, relation, out)?;
        }
        Command::Import { from } => {
            let ds = until_exit(load(cli)?);
            import::run(ds, from, out)?;
        }
        Command::Schema => {
            let schema = schemars::schema_for!(data::Dataset);
            serde_json::to_writer_pretty(&mut *out, &schema).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Command::Completions { shell } => {
            // Written in memory first: stdout may be a pipe its reader has already closed.
            let mut script = Vec::new();
            complete::registration(*shell, &mut script)?;
            out.write_all(&script)?;
        }
    }
    Ok(())
}

/// Checks each file; a valid one gets a line on `out`, an invalid one its
/// faults on stderr. Fails (exit 2) if any is invalid, after checking them all.
fn validate(
    files: &[PathBuf],
    layers: &[PathBuf],
    max_size: u64,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut faults = Vec::new();
    let progress = data::Progress::default();
    for file in files {
        match load_with(Some(file.clone()), layers.to_vec(), max_size, &progress) {
            Ok(ds) => {
                let mut name = data::sanitize::clean(&file.display().to_string()).into_owned();
                if !layers.is_empty() {
                    name = format!("{name} with {}", layer_names(layers));
                }
                valid_line(until_exit(ds), &name, out)?;
            }
            Err(e) => faults.push(e.to_string()),
        }
    }
    if faults.is_empty() {
        return Ok(());
    }
    Err(Failure {
        message: faults.join("\n"),
        code: EXIT_USAGE,
    })
}

/// "a.json, b.json": the layers' names as given.
fn layer_names(layers: &[PathBuf]) -> String {
    let names: Vec<String> = layers
        .iter()
        .map(|p| data::sanitize::clean(&p.display().to_string()).into_owned())
        .collect();
    names.join(", ")
}

/// "NAME: valid — 3 sources, 4 countries, 2 relations, 90 records".
fn valid_line(ds: &Dataset, name: &str, out: &mut dyn Write) -> io::Result<()> {
    let records: usize = ds.relations.iter().map(data::Relation::record_count).sum();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        out,
        "{name}: valid — {}, {}, {}, {}",
        count(ds.sources.len(), "source", "sources"),
        count(ds.countries.len(), "country", "countries"),
        count(ds.relations.len(), "relation", "relations"),
        count(records, "record", "records"),
    )
}

/// The current year, for "today" on the missions axis.
pub fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

/// Without a subcommand: the interactive interface, when both ends are terminals.
pub fn interactive(cli: &Cli) -> Result<u8, Failure> {
    check(cli)?;
    if !crate::tui::is_interactive() {
        return Err(Failure {
            message: crate::tui::NOT_A_TERMINAL.to_string(),
            code: EXIT_USAGE,
        });
    }
    let (path, layers, max) = (cli.data.clone(), cli.with.clone(), cli.max_size());
    let mut what = path.as_ref().map_or("the embedded dataset".into(), |p| {
        p.file_name()
            .unwrap_or(p.as_os_str())
            .to_string_lossy()
            .into_owned()
    });
    if !layers.is_empty() {
        let n = layers.len();
        what = format!("{what} and {n} layer{}", if n == 1 { "" } else { "s" });
    }
    let cache = if cli.no_cache {
        None
    } else {
        // Keyed before the files are read: a file changed while it loads finds no index.
        let files: Vec<PathBuf> = path.iter().chain(&layers).cloned().collect();
        (!files.is_empty())
            .then(|| IndexCache::for_files(&files))
            .flatten()
    };
    let load = move |progress: &data::Progress| load_with(path, layers, max, progress);
    match crate::tui::run(&what, load, this_year(), cache) {
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
    io::stdout().is_terminal() && !crate::screen::theme::no_color()
}

/// The command line as clap sees it, for completions and errors.
pub fn command() -> clap::Command {
    Cli::command()
}
