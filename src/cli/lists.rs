//! The tables behind `bilateral list KIND`.

use clap::ValueEnum;

use crate::data::{Dataset, date_or_nd};
use crate::query::{self, Kind, Record, mission_name, timeline};

use super::table::{Column, Table, col};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    /// Each relation with its establishment date and record counts
    Relations,
    /// Every dated record in order: events, visits, agreements, mission changes, trade figures
    Timeline,
    /// High-level visits with their direction
    Visits,
    /// Agreements with their status
    Agreements,
    /// Yearly trade figures with qualifier, derivation and citation
    Trade,
    /// What each country sells to the other
    Products,
    /// Growth of trade as the sources state it
    Growth,
    /// Embassies, consulates and accreditations with their dates
    Missions,
    /// Undated facts: memberships, mechanisms, cooperation, positions, proposals, plans
    Facts,
}

const ID: Column = col("id", "Id", 0);
const RELATION: Column = col("relation", "Relation", 8);

/// The rows of one list over the given relations.
pub fn list(ds: &Dataset, kind: ListKind, relations: &[usize]) -> Table {
    match kind {
        ListKind::Relations => relations_table(ds, relations),
        ListKind::Timeline => timeline_table(ds, relations),
        ListKind::Visits => records(
            ds,
            relations,
            Kind::Visit,
            &[
                RELATION,
                col("date", "Date", 18),
                col("visitor", "Visitor", 28),
                col("office", "Office", 40),
                col("direction", "Direction", 22),
                col("purpose", "Purpose", 60),
                col("detail", "Detail", 0),
                ID,
            ],
            |ds, _, rec| match rec {
                Record::Visit(v) => vec![
                    date_or_nd(v.date),
                    v.visitor.to_string(),
                    v.office.as_deref().unwrap_or_default().to_string(),
                    format!("{} → {}", ds.country_name(&v.from), ds.country_name(&v.to)),
                    v.purpose.as_deref().unwrap_or_default().to_string(),
                    v.detail.to_string(),
                ],
                _ => Vec::new(),
            },
        ),
        ListKind::Agreements => records(
            ds,
            relations,
            Kind::Agreement,
            &[
                RELATION,
                col("signed", "Signed", 10),
                col("title", "Title", 70),
                col("area", "Area", 22),
                col("status", "Status", 17),
                col("detail", "Detail", 0),
                ID,
            ],
            |_, _, rec| match rec {
                Record::Agreement(a) => vec![
                    date_or_nd(a.signed),
                    a.title.to_string(),
                    a.area.to_string(),
                    a.status.label().to_string(),
                    a.detail.to_string(),
                ],
                _ => Vec::new(),
            },
        ),
        ListKind::Trade => records(
            ds,
            relations,
            Kind::Trade,
            &[
                RELATION,
                col("year", "Year", 4),
                col("flow", "Flow", 22),
                col("amount", "Amount", 30),
                col("qualifier", "Qualifier", 11),
                col("derivation", "Derivation", 70),
                col("note", "Note", 0),
                col("value", "Value", 0),
                col("currency", "Currency", 0),
                col("citation", "Source", 60),
                ID,
            ],
            |ds, rel, rec| match rec {
                Record::Trade(f) => {
                    let currency = rel.currency();
                    vec![
                        f.year.to_string(),
                        query::flow_label(ds, rel, f.from.as_deref(), f.to.as_deref()),
                        f.amount.display(currency),
                        f.amount.qualifier.label().to_string(),
                        f.amount
                            .derivation
                            .as_ref()
                            .map(|d| format!("from {}: {}", d.from, d.arithmetic))
                            .unwrap_or_default(),
                        f.note.to_string(),
                        format!("{}", f.amount.value),
                        currency.to_string(),
                        super::table::cite_line(ds, &f.sources),
                    ]
                }
                _ => Vec::new(),
            },
        ),
        ListKind::Products => records(
            ds,
            relations,
            Kind::Products,
            &[
                RELATION,
                col("from", "From", 10),
                col("to", "To", 10),
                col("products", "Products", 100),
                ID,
            ],
            |ds, _, rec| match rec {
                Record::Products(p) => vec![
                    ds.country_name(&p.from).to_string(),
                    ds.country_name(&p.to).to_string(),
                    p.products.join(", "),
                ],
                _ => Vec::new(),
            },
        ),
        ListKind::Growth => records(
            ds,
            relations,
            Kind::Growth,
            &[
                RELATION,
                col("from_year", "From", 4),
                col("to_year", "To", 4),
                col("growth", "Growth", 110),
                ID,
            ],
            |_, _, rec| match rec {
                Record::Growth(g) => vec![
                    g.from_year.map(|y| y.to_string()).unwrap_or_default(),
                    g.to_year.map(|y| y.to_string()).unwrap_or_default(),
                    g.text.to_string(),
                ],
                _ => Vec::new(),
            },
        ),
        ListKind::Missions => records(
            ds,
            relations,
            Kind::Mission,
            &[
                RELATION,
                col("mission", "Mission", 52),
                col("kind", "Kind", 18),
                col("city", "City", 12),
                col("opened", "Opened", 10),
                col("closed", "Closed", 10),
                col("reopened", "Reopened", 10),
                col("status", "Status", 25),
                col("note", "Note", 0),
                ID,
            ],
            |ds, _, rec| match rec {
                Record::Mission(m) => vec![
                    mission_name(ds, m),
                    m.kind.label().to_string(),
                    m.city.as_deref().unwrap_or_default().to_string(),
                    m.opened.map(|d| d.to_string()).unwrap_or_default(),
                    m.closed.map(|d| d.to_string()).unwrap_or_default(),
                    m.reopened.map(|d| d.to_string()).unwrap_or_default(),
                    query::mission_status(ds, m),
                    m.note.to_string(),
                ],
                _ => Vec::new(),
            },
        ),
        ListKind::Facts => records(
            ds,
            relations,
            Kind::Fact,
            &[
                RELATION,
                col("category", "Category", 11),
                col("fact", "Fact", 90),
                col("said_by", "Said by", 24),
                ID,
            ],
            |_, _, rec| match rec {
                Record::Fact(f) => vec![
                    f.category.label().to_string(),
                    f.text.to_string(),
                    f.attributed_to
                        .as_ref()
                        .map(|p| p.name.clone())
                        .unwrap_or_default()
                        .to_string(),
                ],
                _ => Vec::new(),
            },
        ),
    }
}

type Cells = fn(&Dataset, &crate::data::Relation, &Record<'_>) -> Vec<String>;

/// A table of one kind of record, sorted by date; the relation first and the id last.
fn records(
    ds: &Dataset,
    relations: &[usize],
    kind: Kind,
    columns: &[Column],
    cells: Cells,
) -> Table {
    let mut t = Table::new(columns);
    for r in query::sorted(ds, relations, kind) {
        let Some((rel, rec)) = r.resolve(ds) else {
            continue;
        };
        let mut row = vec![rel.id.to_string()];
        row.extend(cells(ds, rel, &rec));
        row.push(rec.id().to_string());
        t.push(row, rec.sources());
    }
    t
}

fn relations_table(ds: &Dataset, relations: &[usize]) -> Table {
    let mut t = Table::new(&[
        col("id", "Relation", 8),
        col("countries", "Countries", 30),
        col("established", "Established", 18),
        col("events", "Events", 6),
        col("visits", "Visits", 6),
        col("agreements", "Agreements", 10),
        col("trade_figures", "Trade figures", 13),
        col("missions", "Missions", 8),
        col("facts", "Facts", 5),
        col("summary", "Summary", 0),
    ]);
    for &r in relations {
        let Some(rel) = ds.relations.get(r) else {
            continue;
        };
        let figures = rel.trade.as_ref().map_or(0, |t| t.figures.len());
        t.push(
            vec![
                rel.id.to_string(),
                format!(
                    "{} ⇄ {}",
                    ds.country_name(&rel.countries[0]),
                    ds.country_name(&rel.countries[1])
                ),
                date_or_nd(rel.established),
                rel.events.len().to_string(),
                rel.visits.len().to_string(),
                rel.agreements.len().to_string(),
                figures.to_string(),
                rel.missions.len().to_string(),
                rel.facts.len().to_string(),
                rel.summary.to_string(),
            ],
            &rel.sources,
        );
    }
    t
}

fn timeline_table(ds: &Dataset, relations: &[usize]) -> Table {
    let mut t = Table::new(&[
        RELATION,
        col("date", "Date", 18),
        col("kind", "Kind", 16),
        col("what", "What", 90),
        ID,
    ]);
    for e in timeline(ds, relations) {
        let Some((rel, rec)) = e.record.resolve(ds) else {
            continue;
        };
        let kind = match e.change {
            Some(c) => format!("mission {}", c.label()),
            None => rec.kind().label().to_string(),
        };
        t.push(
            vec![
                rel.id.to_string(),
                date_or_nd(e.date),
                kind,
                rec.headline(ds, rel),
                rec.id().to_string(),
            ],
            rec.sources(),
        );
    }
    t
}
