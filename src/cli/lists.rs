//! `bilateral list KIND`: the columns of every list, each defined once with
//! its cell, and the rows they are read from.

use std::io::Write;

use crate::data::{
    Agreement, Dataset, Event, Fact, Growth, Mission, ProductFlow, Relation, TradeFigure, Visit,
    date_or_nd,
};
use crate::query::filter::RowFilter;
use crate::query::{self, Kind, Record, TimelineEntry, mission_name};

use super::Failure;
pub use super::kind::{ListKind, RecordKind};
use super::table::{self, Cell, Column, Ctx, Layout, data, id, in_table, relation, sources};

/// The records of one variant of [`Record`], for [`records`].
macro_rules! pick {
    ($variant:ident) => {
        |r| match r {
            Record::$variant(x) => Some(x),
            _ => None,
        }
    };
}

/// Expands `$then!(COLUMNS, Variant)` for a kind of record: its columns and
/// the variant of [`Record`] that holds it.
macro_rules! by_kind {
    ($kind:expr, $then:ident) => {
        match $kind {
            RecordKind::Events => $then!(EVENTS, Event),
            RecordKind::Visits => $then!(VISITS, Visit),
            RecordKind::Agreements => $then!(AGREEMENTS, Agreement),
            RecordKind::Trade => $then!(TRADE, Trade),
            RecordKind::Products => $then!(PRODUCTS, Products),
            RecordKind::Growth => $then!(GROWTH, Growth),
            RecordKind::Missions => $then!(MISSIONS, Mission),
            RecordKind::Facts => $then!(FACTS, Fact),
        }
    };
}

/// Writes one list over the given relations.
pub fn write(
    ds: &Dataset,
    kind: ListKind,
    relations: &[usize],
    layout: &Layout,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    write_filtered(ds, kind, relations, &RowFilter::default(), layout, out)
}

/// Writes one list over the given relations, its rows filtered as the
/// interface's tabs filter them. The interface's export writes through here.
pub fn write_filtered(
    ds: &Dataset,
    kind: ListKind,
    relations: &[usize],
    filter: &RowFilter,
    layout: &Layout,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match kind {
        ListKind::Relations => {
            table::write(ds, RELATIONS, relation_rows(ds, relations), layout, out)
        }
        ListKind::Timeline => {
            let mut entries = query::timeline(ds, relations);
            entries.retain(|e| filter.keeps_entry(e));
            let rows = entries
                .iter()
                .filter_map(|e| Some((Ctx::resolve(ds, &e.record)?, e)));
            table::write(ds, TIMELINE, rows, layout, out)
        }
        ListKind::Records(k) => {
            let kind = k.kind();
            macro_rules! write_records {
                ($columns:ident, $variant:ident) => {
                    table::write(
                        ds,
                        $columns,
                        records(ds, relations, kind, filter, pick!($variant)),
                        layout,
                        out,
                    )
                };
            }
            by_kind!(k, write_records)
        }
    }
}

/// The keys of the columns a list writes with `layout`, in order.
pub fn keys(kind: ListKind, layout: &Layout) -> Result<Vec<&'static str>, Failure> {
    fn of<T>(columns: &[Column<T>], layout: &Layout) -> Result<Vec<&'static str>, Failure> {
        Ok(table::select(columns, layout)?
            .iter()
            .map(|c| c.key)
            .collect())
    }
    macro_rules! keys_of {
        ($columns:ident, $variant:ident) => {
            of($columns, layout)
        };
    }
    match kind {
        ListKind::Relations => of(RELATIONS, layout),
        ListKind::Timeline => of(TIMELINE, layout),
        ListKind::Records(k) => by_kind!(k, keys_of),
    }
}

/// Records of one kind, sorted by date, each with its context.
fn records<'a, T: 'a>(
    ds: &'a Dataset,
    relations: &[usize],
    kind: Kind,
    filter: &RowFilter,
    pick: fn(Record<'a>) -> Option<&'a T>,
) -> impl Iterator<Item = (Ctx<'a>, &'a T)> {
    let mut rows = query::sorted(ds, relations, kind);
    filter.retain(ds, &mut rows);
    rows.into_iter().filter_map(move |r| {
        let ctx = Ctx::resolve(ds, &r)?;
        Some((ctx, pick(ctx.rec?)?))
    })
}

fn relation_rows<'a>(
    ds: &'a Dataset,
    relations: &'a [usize],
) -> impl Iterator<Item = (Ctx<'a>, &'a Relation)> {
    relations.iter().filter_map(move |&r| {
        let rel = ds.relations.get(r)?;
        let ctx = Ctx {
            ds,
            rel,
            rec: None,
            id: &rel.id,
            sources: &rel.sources,
        };
        Some((ctx, rel))
    })
}

fn country<'x>(c: &Ctx<'x>, code: &'x str) -> Cell<'x> {
    Cell::text(c.ds.country_name(code))
}

fn count(n: usize) -> Cell<'static> {
    Cell::text(n.to_string())
}

fn year(y: Option<i32>) -> Cell<'static> {
    Cell::text(y.map(|y| y.to_string()).unwrap_or_default())
}

fn date(d: Option<crate::data::Date>) -> Cell<'static> {
    Cell::text(d.map(|d| d.to_string()).unwrap_or_default())
}

const RELATIONS: &[Column<Relation>] = &[
    Column::short("id", "Relation", |c, _| Cell::text(c.id)),
    Column::short("countries", "Countries", |c, r| {
        Cell::text(c.ds.relation_name(r))
    }),
    Column::short("established", "Established", |_, r| {
        Cell::text(date_or_nd(r.established))
    }),
    Column::short("events", "Events", |_, r| count(r.events.len())),
    Column::short("visits", "Visits", |_, r| count(r.visits.len())),
    Column::short("agreements", "Agreements", |_, r| count(r.agreements.len())),
    Column::short("trade_figures", "Trade figures", |_, r| {
        count(r.trade.as_ref().map_or(0, |t| t.figures.len()))
    }),
    Column::short("missions", "Missions", |_, r| count(r.missions.len())),
    Column::short("facts", "Facts", |_, r| count(r.facts.len())),
    data(Column::text("summary", "Summary", |_, r| {
        Cell::text(r.summary.as_str())
    })),
    sources(),
];

const TIMELINE: &[Column<TimelineEntry>] = &[
    relation(),
    Column::short("date", "Date", |_, e| Cell::text(date_or_nd(e.date))),
    Column::short("kind", "Kind", |c, e| match (e.change, c.rec) {
        (Some(change), _) => Cell::text(format!("mission {}", change.label())),
        (None, Some(rec)) => Cell::text(rec.kind().label()),
        (None, None) => Cell::text(""),
    }),
    Column::text("what", "What", |c, _| match c.rec {
        Some(rec) => Cell::text(rec.headline(c.ds, c.rel)),
        None => Cell::text(""),
    }),
    id(),
    sources(),
];

const EVENTS: &[Column<Event>] = &[
    relation(),
    Column::short("date", "Date", |_, e| Cell::text(date_or_nd(e.date))),
    Column::text("title", "Title", |_, e| Cell::text(e.title.as_str())),
    data(Column::text("detail", "Detail", |_, e| {
        Cell::text(e.detail.as_str())
    })),
    data(Column::text("tags", "Tags", |_, e| {
        Cell::text(e.tags.join(", "))
    })),
    id(),
    sources(),
];

const VISITS: &[Column<Visit>] = &[
    relation(),
    Column::short("date", "Date", |_, v| Cell::text(date_or_nd(v.date))),
    Column::text("visitor", "Visitor", |_, v| Cell::text(v.visitor.as_str())),
    Column::text("office", "Office", |_, v| Cell::opt(v.office.as_deref())),
    Column::short("direction", "Direction", |c, v| {
        let name = |code| c.ds.country_name(code);
        Cell::text(format!("{} → {}", name(&v.from), name(&v.to)))
    }),
    Column::text("purpose", "Purpose", |_, v| Cell::opt(v.purpose.as_deref())),
    data(Column::text("detail", "Detail", |_, v| {
        Cell::text(v.detail.as_str())
    })),
    id(),
    sources(),
];

const AGREEMENTS: &[Column<Agreement>] = &[
    relation(),
    Column::short("signed", "Signed", |_, a| Cell::text(date_or_nd(a.signed))),
    Column::text("title", "Title", |_, a| Cell::text(a.title.as_str())),
    Column::text("area", "Area", |_, a| Cell::text(a.area.as_str())),
    Column::short("status", "Status", |_, a| Cell::text(a.status.label())),
    data(Column::text("detail", "Detail", |_, a| {
        Cell::text(a.detail.as_str())
    })),
    id(),
    sources(),
];

fn currency<'x>(c: &Ctx<'x>) -> &'x str {
    c.rel.currency()
}

const TRADE: &[Column<TradeFigure>] = &[
    relation(),
    Column::short("year", "Year", |_, f| Cell::text(f.year.to_string())),
    Column::short("flow", "Flow", |c, f| {
        Cell::text(query::figure_flow(c.ds, c.rel, f))
    }),
    Column::short("amount", "Amount", |c, f| {
        Cell::text(f.amount.display(currency(c)))
    }),
    Column::short("qualifier", "Qualifier", |_, f| {
        Cell::text(f.amount.qualifier.label())
    }),
    Column::text("derivation", "Derivation", |_, f| {
        match &f.amount.derivation {
            Some(d) => Cell::text(format!("from {}: {}", d.from, d.arithmetic)),
            None => Cell::text(""),
        }
    }),
    data(Column::text("note", "Note", |_, f| {
        Cell::text(f.note.as_str())
    })),
    data(Column::short("value", "Value", |_, f| {
        Cell::text(format!("{}", f.amount.value))
    })),
    data(Column::short("currency", "Currency", |c, _| {
        Cell::text(currency(c))
    })),
    id(),
    in_table(sources()),
];

const PRODUCTS: &[Column<ProductFlow>] = &[
    relation(),
    Column::short("from", "From", |c, p| country(c, &p.from)),
    Column::short("to", "To", |c, p| country(c, &p.to)),
    Column::text("products", "Products", |_, p| {
        Cell::text(p.products.join(", "))
    }),
    id(),
    sources(),
];

const GROWTH: &[Column<Growth>] = &[
    relation(),
    Column::short("from_year", "From", |_, g| year(g.from_year)),
    Column::short("to_year", "To", |_, g| year(g.to_year)),
    Column::text("growth", "Growth", |_, g| Cell::text(g.text.as_str())),
    id(),
    sources(),
];

const MISSIONS: &[Column<Mission>] = &[
    relation(),
    Column::text("mission", "Mission", |c, m| {
        Cell::text(mission_name(c.ds, m))
    }),
    Column::short("kind", "Kind", |_, m| Cell::text(m.kind.label())),
    Column::short("city", "City", |_, m| Cell::opt(m.city.as_deref())),
    Column::short("opened", "Opened", |_, m| date(m.opened)),
    Column::short("closed", "Closed", |_, m| date(m.closed)),
    Column::short("reopened", "Reopened", |_, m| date(m.reopened)),
    Column::text("status", "Status", |c, m| {
        Cell::text(query::mission_status(c.ds, m))
    }),
    data(Column::text("note", "Note", |_, m| {
        Cell::text(m.note.as_str())
    })),
    id(),
    sources(),
];

const FACTS: &[Column<Fact>] = &[
    relation(),
    Column::short("category", "Category", |_, f| {
        Cell::text(f.category.label())
    }),
    Column::text("fact", "Fact", |_, f| Cell::text(f.text.as_str())),
    Column::text("said_by", "Said by", |_, f| {
        Cell::opt(f.attributed_to.as_ref().map(|p| p.name.as_str()))
    }),
    Column::text("role", "Role", |_, f| {
        Cell::opt(f.attributed_to.as_ref().and_then(|p| p.role.as_deref()))
    }),
    id(),
    sources(),
];
