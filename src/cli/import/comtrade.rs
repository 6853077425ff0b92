//! `bilateral import comtrade FILE.csv --out LAYER.json`: the CSV the UN
//! Comtrade data portal exports, as a layer of one-direction trade figures.
//!
//! Only what the file states is written: each reporter's exports to the
//! other country and its imports from it, each figure naming its reporter
//! (the two countries' figures for one flow differ — CIF against FOB,
//! timing — and both are kept). A two-way total is never stated by the
//! file: it is added as a derived figure, its arithmetic spelled out, for a
//! year whose reporter states both flows. A malformed row stops the import
//! before anything is written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::cli::Failure;
use crate::cli::init::{LayerFile, LayerRelation, LayerTrade, currency};
use crate::data::model::{Citation, Source, SourceKind, Text, TradeFigure};
use crate::data::{
    Amount, Dataset, Derivation, Qualifier, canonical_relation_id, group_thousands, sanitize::clean,
};

/// Comtrade CSV files larger than this are refused: a reporter/partner
/// query is a few kilobytes a year.
const MAX_BYTES: u64 = 256 << 20;

/// Where the portal is, for the source entry.
const PORTAL: &str = "https://comtradeplus.un.org/";

/// Runs the import; writes `layer` only when the whole file was read.
pub fn run(
    ds: &Dataset,
    csv: &Path,
    layer: &Path,
    relation: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let shown = clean(&csv.display().to_string()).into_owned();
    let file_name = csv
        .file_name()
        .map_or(shown.clone(), |n| clean(&n.to_string_lossy()).into_owned());
    let shown_out = clean(&layer.display().to_string()).into_owned();
    if layer.exists() {
        return Err(Failure::usage(format!(
            "{shown_out} already exists; it is never overwritten: give another --out or move it away"
        )));
    }
    let wanted = match relation {
        Some(r) => Some(canonical_relation_id(r).ok_or_else(|| {
            Failure::usage(format!("{:?} is not a relation id, e.g. MEX-VNM", clean(r)))
        })?),
        None => None,
    };
    let mut read = read(csv, &shown)?;
    let pair = pair(ds, &read.rows, wanted.as_deref(), &shown)?;
    read.keep_pair(&pair);
    if read.rows.is_empty() {
        return Err(Failure::usage(format!(
            "{shown}: no rows of total trade (cmdCode TOTAL, flowCode X or M) between {} and {}; nothing written",
            pair.0, pair.1
        )));
    }
    let id = relation_id(ds, &pair, wanted.as_deref())?;
    let built = build(ds, &id, &pair, &read, &shown, &file_name)?;
    let mut text = serde_json::to_string_pretty(&built.layer).map_err(std::io::Error::from)?;
    text.push('\n');
    super::super::init::write_new(layer, text.as_bytes())?;
    writeln!(
        out,
        "wrote {shown_out}: {} one-direction figure{} for {id}, {}–{}, and {} derived two-way total{}",
        built.one_way,
        plural(built.one_way),
        built.years.0,
        built.years.1,
        built.derived,
        plural(built.derived),
    )?;
    for line in read.skipped.lines() {
        writeln!(out, "skipped {line}")?;
    }
    writeln!(out, "open it with `bilateral --with {shown_out}`")?;
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Exports or imports, as the reporter states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Flow {
    Export,
    Import,
}

/// One row of total trade between a reporter and a partner.
#[derive(Debug)]
struct Row {
    line: u64,
    year: i32,
    reporter: Text,
    partner: Text,
    flow: Flow,
    value: f64,
}

/// Rows set aside, by why.
#[derive(Debug, Default)]
struct Skipped {
    commodities: usize,
    re_flows: usize,
    other_flows: usize,
    partners: usize,
}

impl Skipped {
    fn lines(&self) -> Vec<String> {
        let n = |k: usize| format!("{k} row{}", plural(k));
        let mut out = Vec::new();
        if self.commodities > 0 {
            out.push(format!(
                "{} of other commodity codes (only cmdCode TOTAL, all products, is read)",
                n(self.commodities)
            ));
        }
        if self.re_flows > 0 {
            out.push(format!(
                "{} of re-exports or re-imports (flowCode RX, RM)",
                n(self.re_flows)
            ));
        }
        if self.other_flows > 0 {
            out.push(format!(
                "{} of other flows (only flowCode X and M are read)",
                n(self.other_flows)
            ));
        }
        if self.partners > 0 {
            out.push(format!("{} for other partners or World", n(self.partners)));
        }
        out
    }
}

/// What the file holds.
struct Read {
    rows: Vec<Row>,
    skipped: Skipped,
}

impl Read {
    /// Keeps the rows between the two countries of `pair`.
    fn keep_pair(&mut self, pair: &(Text, Text)) {
        let before = self.rows.len();
        self.rows.retain(|r| is_pair(r, pair));
        self.skipped.partners += before - self.rows.len();
    }
}

fn is_pair(r: &Row, (a, b): &(Text, Text)) -> bool {
    (r.reporter == *a && r.partner == *b) || (r.reporter == *b && r.partner == *a)
}

/// The columns read, by position.
struct Columns {
    year: usize,
    /// The year column is `period`, which holds a month for monthly data.
    period: bool,
    reporter: usize,
    partner: usize,
    flow: usize,
    cmd: usize,
    value: usize,
}

fn columns(headers: &csv::StringRecord, shown: &str) -> Result<Columns, Failure> {
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let find = |name: &str| names.iter().position(|n| n == name);
    let need = |name: &str| {
        find(&name.to_ascii_lowercase()).ok_or_else(|| {
            Failure::usage(format!(
                "{shown}: no column {name:?}; a Comtrade CSV has refYear (or period), \
                 reporterISO, partnerISO, flowCode, cmdCode and primaryValue; nothing written"
            ))
        })
    };
    let (year, period) = match (find("refyear"), find("period")) {
        (Some(i), _) => (i, false),
        (None, Some(i)) => (i, true),
        (None, None) => (need("refYear")?, false),
    };
    Ok(Columns {
        year,
        period,
        reporter: need("reporterISO")?,
        partner: need("partnerISO")?,
        flow: need("flowCode")?,
        cmd: need("cmdCode")?,
        value: need("primaryValue")?,
    })
}

/// Reads every row; the first malformed one stops the import.
fn read(path: &Path, shown: &str) -> Result<Read, Failure> {
    let fail = |m: String| Failure::usage(format!("{shown}: {m}; nothing written"));
    let meta = std::fs::metadata(path).map_err(|e| fail(clean(&e.to_string()).into_owned()))?;
    if meta.len() > MAX_BYTES {
        return Err(fail(format!("is over {MAX_BYTES} bytes")));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(clean(&e.to_string()).into_owned()))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(
            "is empty: a Comtrade CSV starts with a header row".into(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let headers = reader
        .headers()
        .map_err(|e| fail(clean(&e.to_string()).into_owned()))?
        .clone();
    let cols = columns(&headers, shown)?;
    let mut read = Read {
        rows: Vec::new(),
        skipped: Skipped::default(),
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            fail(format!("line {line}: {}", clean(&e.to_string())))
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        row(&record, &cols, line, &mut read)
            .map_err(|m| fail(format!("line {line}: {}", clean(&m))))?;
    }
    Ok(read)
}

/// One record: a row kept, a row counted as skipped, or what is wrong with it.
fn row(
    record: &csv::StringRecord,
    cols: &Columns,
    line: u64,
    read: &mut Read,
) -> Result<(), String> {
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    if !field(cols.cmd).eq_ignore_ascii_case("TOTAL") {
        if field(cols.cmd).is_empty() {
            return Err("no cmdCode".into());
        }
        read.skipped.commodities += 1;
        return Ok(());
    }
    let flow = match field(cols.flow).to_ascii_uppercase().as_str() {
        "X" => Flow::Export,
        "M" => Flow::Import,
        "RX" | "RM" => {
            read.skipped.re_flows += 1;
            return Ok(());
        }
        "" => return Err("no flowCode".into()),
        _ => {
            read.skipped.other_flows += 1;
            return Ok(());
        }
    };
    let reporter = field(cols.reporter).to_ascii_uppercase();
    if !is_alpha3(&reporter) {
        return Err(format!(
            "reporterISO {reporter:?} is not an ISO 3166-1 alpha-3 code"
        ));
    }
    let partner = field(cols.partner).to_ascii_uppercase();
    if !is_alpha3(&partner) || partner == reporter {
        // "W00" (World), "_X" and the like: not a country.
        read.skipped.partners += 1;
        return Ok(());
    }
    let year = year(field(cols.year), cols.period)?;
    let value = value(field(cols.value))?;
    read.rows.push(Row {
        line,
        year,
        reporter: reporter.into(),
        partner: partner.into(),
        flow,
        value,
    });
    Ok(())
}

fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn year(text: &str, period: bool) -> Result<i32, String> {
    let what = if period { "period" } else { "refYear" };
    if period && text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "period {text:?} is a month: download annual data (frequency A)"
        ));
    }
    match text.parse::<i32>() {
        Ok(y) if crate::data::date::YEARS.contains(&y) => Ok(y),
        _ => Err(format!("{what} {text:?} is not a year")),
    }
}

fn value(text: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Err("no primaryValue".into());
    }
    match text.parse::<f64>() {
        Ok(v) if (0.0..=crate::data::MAX_AMOUNT).contains(&v) => Ok(v),
        _ => Err(format!(
            "primaryValue {text:?} is not an amount of US dollars"
        )),
    }
}

/// The two countries the figures are between: those of `wanted`, else the
/// only pair the file has, else the only one the dataset has a relation for
/// (the rows for other partners are then skipped).
fn pair(
    ds: &Dataset,
    rows: &[Row],
    wanted: Option<&str>,
    shown: &str,
) -> Result<(Text, Text), Failure> {
    if let Some((a, b)) = wanted.and_then(|w| w.split_once('-')) {
        return Ok((a.into(), b.into()));
    }
    let mut pairs: Vec<(Text, Text)> = rows
        .iter()
        .map(|r| {
            let (a, b) = (r.reporter.clone(), r.partner.clone());
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    let known: Vec<&(Text, Text)> = pairs
        .iter()
        .filter(|(a, b)| ds.relation(&format!("{a}-{b}")).is_some())
        .collect();
    if let [one] = known.as_slice() {
        return Ok((*one).clone());
    }
    match pairs.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Failure::usage(format!(
            "{shown}: no rows of total trade (cmdCode TOTAL, flowCode X or M) between two countries; nothing written"
        ))),
        many => Err(Failure::usage(format!(
            "{shown} holds trade between several pairs of countries ({}): name one with --relation; nothing written",
            many.iter()
                .map(|(a, b)| format!("{a}-{b}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The relation the figures go to: the dataset's for the two countries, or
/// the one named with `--relation`.
fn relation_id(ds: &Dataset, pair: &(Text, Text), wanted: Option<&str>) -> Result<String, Failure> {
    let id = format!("{}-{}", pair.0, pair.1);
    if ds.relation(&id).is_some() || wanted.is_some() {
        return Ok(id);
    }
    Err(Failure::usage(format!(
        "the dataset has no relation {id}: name it with --relation {id} to start one \
         in the layer; nothing written"
    )))
}

/// The layer, and what it holds.
struct Built {
    layer: LayerFile,
    one_way: usize,
    derived: usize,
    years: (i32, i32),
}

fn build(
    ds: &Dataset,
    id: &str,
    pair: &(Text, Text),
    read: &Read,
    shown: &str,
    file_name: &str,
) -> Result<Built, Failure> {
    let below = ds.relation(id);
    if let Some(t) = below.and_then(|r| r.trade.as_ref())
        && t.currency != "USD"
    {
        return Err(Failure::usage(format!(
            "{id}'s trade is in {}; Comtrade figures are in US dollars; nothing written",
            t.currency
        )));
    }
    let stem = id.to_ascii_lowercase();
    let (first, last) = (
        read.rows.iter().map(|r| r.year).min().unwrap_or(0),
        read.rows.iter().map(|r| r.year).max().unwrap_or(0),
    );
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    let source: Text = format!("comtrade-{stem}-{first}-{last}").into();
    let name = |code: &str| ds.country_name(code).to_string();
    // One figure per year, reporter and flow: a second is a file that
    // breaks totals down (by mode of transport, customs procedure).
    let mut by: BTreeMap<(i32, Text, Flow), &Row> = BTreeMap::new();
    for r in &read.rows {
        if let Some(first) = by.insert((r.year, r.reporter.clone(), r.flow), r) {
            return Err(Failure::usage(format!(
                "{shown}: line {}: a second {} figure by {} for {} (the first is on line {}): \
                 download totals only, without breakdowns by partner 2, customs procedure or \
                 mode of transport; nothing written",
                r.line,
                if r.flow == Flow::Export {
                    "export"
                } else {
                    "import"
                },
                r.reporter,
                r.year,
                first.line
            )));
        }
    }
    let mut figures = Vec::new();
    for ((year, reporter, flow), r) in &by {
        let (from, to) = match flow {
            Flow::Export => (reporter.clone(), r.partner.clone()),
            Flow::Import => (r.partner.clone(), reporter.clone()),
        };
        let said = match flow {
            Flow::Export => format!(
                "{}'s exports to {}, as reported by {} (primaryValue, FOB)",
                name(reporter),
                name(&r.partner),
                name(reporter)
            ),
            Flow::Import => format!(
                "{}'s imports from {}, as reported by {} (primaryValue, CIF)",
                name(reporter),
                name(&r.partner),
                name(reporter)
            ),
        };
        let rounded = if r.value.fract() == 0.0 {
            ""
        } else {
            ", rounded to whole dollars"
        };
        figures.push(TradeFigure {
            id: format!(
                "{stem}-comtrade-{year}-{}-{}-by-{}",
                lower(&from),
                lower(&to),
                lower(reporter)
            )
            .into(),
            year: *year,
            from: Some(from),
            to: Some(to),
            reporter: Some(reporter.clone()),
            amount: Amount {
                value: r.value.round(),
                qualifier: Qualifier::Exact,
                derivation: None,
            },
            note: format!(
                "{said}{rounded}. UN Comtrade, line {} of the download.",
                r.line
            )
            .into(),
            sources: cite(
                &source,
                &format!("reporter {reporter}, flow {}, {year}", code(*flow)),
            ),
        });
    }
    let one_way = figures.len();
    for ((year, reporter, flow), x) in &by {
        if *flow != Flow::Export {
            continue;
        }
        let Some(m) = by.get(&(*year, reporter.clone(), Flow::Import)) else {
            continue;
        };
        figures.push(two_way(
            &stem,
            &source,
            *year,
            reporter,
            &x.partner,
            x.value.round(),
            m.value.round(),
            &name,
        ));
    }
    let derived = figures.len() - one_way;
    let years = (
        by.keys().map(|k| k.0).min().unwrap_or(0),
        by.keys().map(|k| k.0).max().unwrap_or(0),
    );
    let cites = cite(&source, "the whole download");
    let summary = format!(
        "Trade between {} and {} as reported to UN Comtrade. Replace with a summary of the relation.",
        name(&pair.0),
        name(&pair.1)
    );
    let (mut relation, countries) = LayerRelation::new(ds, id, (&pair.0, &pair.1), summary, &cites);
    relation.trade = Some(LayerTrade {
        currency: currency(ds, id),
        figures,
        ..LayerTrade::default()
    });
    let layer = LayerFile {
        sources: vec![Source {
            id: source.clone(),
            title: format!(
                "UN Comtrade: trade between {} and {}, {span} (download)",
                name(&pair.0),
                name(&pair.1),
            )
            .into(),
            author: None,
            publisher: Some("United Nations Statistics Division".into()),
            published: None,
            kind: SourceKind::Reference,
            url: Some(PORTAL.into()),
            note: Some(
                format!(
                    "Imported from {file_name} with `bilateral import comtrade`: cmdCode TOTAL, \
                     flowCode X and M, primaryValue in US dollars, as each country reports them."
                )
                .into(),
            ),
        }],
        countries,
        relations: vec![relation],
    };
    Ok(Built {
        layer,
        one_way,
        derived,
        years,
    })
}

/// A reporter's two-way total for a year: its exports plus its imports.
#[allow(clippy::too_many_arguments)]
fn two_way(
    stem: &str,
    source: &Text,
    year: i32,
    reporter: &Text,
    partner: &Text,
    exports: f64,
    imports: f64,
    name: &dyn Fn(&str) -> String,
) -> TradeFigure {
    let (r, p) = (name(reporter), name(partner));
    let total = exports + imports;
    TradeFigure {
        id: format!("{stem}-comtrade-{year}-two-way-by-{}", lower(reporter)).into(),
        year,
        from: None,
        to: None,
        reporter: Some(reporter.clone()),
        amount: Amount {
            value: total,
            qualifier: Qualifier::Derived,
            derivation: Some(Derivation {
                from: format!(
                    "{r}'s exports to {p} (US${}) and its imports from {p} (US${}) in {year}, both as reported by {r} to UN Comtrade",
                    group_thousands(exports),
                    group_thousands(imports)
                ),
                arithmetic: format!(
                    "{} + {} = {} (US$)",
                    group_thousands(exports),
                    group_thousands(imports),
                    group_thousands(total)
                ),
            }),
        },
        note: format!(
            "No source states a two-way figure for {year}: this one is the sum of the two one-direction figures {r} reports."
        )
        .into(),
        sources: cite(source, &format!("reporter {reporter}, flows X and M, {year}")),
    }
}

fn cite(source: &Text, section: &str) -> crate::data::Citations {
    smallvec::smallvec![Citation {
        source: source.clone(),
        section: Some(section.into()),
    }]
}

fn code(flow: Flow) -> &'static str {
    match flow {
        Flow::Export => "X",
        Flow::Import => "M",
    }
}

fn lower(code: &str) -> String {
    code.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_come_from_refyear_or_an_annual_period() {
        assert_eq!(year("2010", false), Ok(2010));
        assert_eq!(year("2010", true), Ok(2010));
        assert!(year("201001", true).unwrap_err().contains("month"));
        assert!(year("x", false).is_err());
    }
}
