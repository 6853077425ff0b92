//! A record as labelled fields, the same for the detail pane and the command line.

use crate::data::{ChangeKind, Citation, Dataset, Growth, Mission, Relation, Source, TradeFigure};

use super::record::{Record, flow_label, mission_name};

/// One labelled line of a record's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

fn field(label: &'static str, value: impl Into<String>) -> Field {
    Field {
        label,
        value: value.into(),
    }
}

fn date_or(d: Option<crate::data::Date>, missing: &str) -> String {
    d.map_or_else(|| missing.to_string(), |d| d.to_string())
}

/// Every fact a record states, labelled, dates at their precision and amounts
/// with their qualifiers. Citations are separate: see [`cite`].
pub fn describe(ds: &Dataset, rel: &Relation, rec: &Record<'_>) -> Vec<Field> {
    let name = |code: &str| ds.country_name(code).to_string();
    let mut out = Fields::default();
    match rec {
        Record::Event(e) => {
            out.push("Date", date_or(e.date, "n.d. (no date given)"));
            out.push("Event", e.title.as_str());
            out.text("Detail", &e.detail);
            if !e.tags.is_empty() {
                out.push("Tags", e.tags.join(", "));
            }
        }
        Record::Visit(v) => {
            out.push("Date", date_or(v.date, "n.d. (no date given)"));
            out.push("Visitor", v.visitor.as_str());
            out.some("Office", v.office.as_deref());
            out.push("Direction", format!("{} → {}", name(&v.from), name(&v.to)));
            out.some("Purpose", v.purpose.as_deref());
            out.text("Detail", &v.detail);
        }
        Record::Agreement(a) => {
            out.push("Agreement", a.title.as_str());
            out.push("Area", a.area.as_str());
            out.push("Status", a.status.label());
            out.push("Signed", date_or(a.signed, "date not stated"));
            out.text("Detail", &a.detail);
        }
        Record::Trade(f) => trade(&mut out, ds, rel, f),
        Record::Products(p) => {
            out.push("Direction", format!("{} → {}", name(&p.from), name(&p.to)));
            out.push("Products", p.products.join(", "));
        }
        Record::Growth(g) => growth(&mut out, g),
        Record::Mission(m) => mission(&mut out, ds, m),
        Record::Fact(f) => {
            out.push("Category", f.category.label());
            out.push("Fact", f.text.as_str());
            if let Some(p) = &f.attributed_to {
                let who = match &p.role {
                    Some(r) => format!("{}, {r}", p.name),
                    None => p.name.to_string(),
                };
                out.push("Said by", who);
            }
        }
    }
    // Which file a record came from matters only when files were layered.
    if let Some(layer) = ds.layer_of_record(rec.id()) {
        out.push("Layer", layer);
    }
    out.0
}

/// The fields of a record, in the order they are shown.
#[derive(Default)]
struct Fields(Vec<Field>);

impl Fields {
    fn push(&mut self, label: &'static str, value: impl Into<String>) {
        self.0.push(field(label, value));
    }

    /// A field that is shown only when the record states it.
    fn some(&mut self, label: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.push(label, v);
        }
    }

    /// Free text, shown only when there is some.
    fn text(&mut self, label: &'static str, text: &str) {
        if !text.trim().is_empty() {
            self.push(label, text);
        }
    }
}

fn trade(out: &mut Fields, ds: &Dataset, rel: &Relation, f: &TradeFigure) {
    out.push("Year", f.year.to_string());
    out.push(
        "Flow",
        flow_label(ds, rel, f.from.as_deref(), f.to.as_deref()),
    );
    if let Some(r) = &f.reporter {
        out.push("Reported by", ds.country_name(r));
    }
    out.push("Amount", f.amount.display(rel.currency()));
    out.push("Figure", f.amount.qualifier.explain());
    if let Some(d) = &f.amount.derivation {
        out.push("Derived from", &d.from);
        out.push("Arithmetic", &d.arithmetic);
    }
    out.text("Note", &f.note);
}

fn growth(out: &mut Fields, g: &Growth) {
    out.push("Growth", g.text.as_str());
    let years = match (g.from_year, g.to_year) {
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (None, Some(b)) => format!("to {b}"),
        (Some(a), None) => format!("from {a}"),
        (None, None) => "not stated".to_string(),
    };
    out.push("Years", years);
    if let Some(c) = &g.change {
        let v = match c.kind {
            ChangeKind::Percent => format!("{:+}%", c.value),
            ChangeKind::Factor => format!("×{}", c.value),
        };
        out.push("Change", v);
    }
}

fn mission(out: &mut Fields, ds: &Dataset, m: &Mission) {
    out.push("Mission", mission_name(ds, m));
    out.push("Kind", m.kind.label());
    out.push("From", ds.country_name(&m.sending));
    out.push("To", ds.country_name(&m.host));
    out.push("City", m.city.as_deref().unwrap_or("not stated"));
    out.push("Opened", date_or(m.opened, "not stated"));
    out.some("Closed", m.closed.map(|d| d.to_string()).as_deref());
    out.some("Reopened", m.reopened.map(|d| d.to_string()).as_deref());
    out.push("Status", m.status().label());
    out.text("Note", &m.note);
}

/// A relation's own facts: its two countries, since when, the summary and how many records it holds.
pub fn describe_relation(ds: &Dataset, rel: &Relation) -> Vec<Field> {
    vec![
        field("Countries", ds.relation_name(rel)),
        field("Established", date_or(rel.established, "not stated")),
        field("Summary", rel.summary.as_str()),
        field("Records", rel.record_count().to_string()),
    ]
}

/// Everything a dataset says about a source, beyond its title.
pub fn describe_source(s: &Source) -> Vec<Field> {
    let mut out = Vec::new();
    let mut opt = |label, value: Option<String>| out.extend(value.map(|v| field(label, v)));
    opt("Author", s.author.as_ref().map(ToString::to_string));
    opt("Publisher", s.publisher.as_ref().map(ToString::to_string));
    opt("Published", s.published.map(|d| d.to_string()));
    opt("Kind", Some(s.kind.label().to_string()));
    opt("Address", s.url.as_ref().map(ToString::to_string));
    opt("Note", s.note.as_ref().map(ToString::to_string));
    out
}

/// A citation for readers: "[2] Title — Author, 26 April 2025 · § Section".
pub fn cite(ds: &Dataset, c: &Citation) -> String {
    let found = ds
        .source_number(&c.source)
        .and_then(|n| Some((n, ds.sources.get(n - 1)?)));
    let Some((n, s)) = found else {
        return format!("[?] unknown source {:?}", c.source);
    };
    let mut out = format!("[{n}] {}", s.title);
    let by: Vec<String> = [
        s.author.as_ref().map(ToString::to_string),
        s.publisher.as_ref().map(ToString::to_string),
        s.published.map(|d| d.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !by.is_empty() {
        out.push_str(" — ");
        out.push_str(&by.join(", "));
    }
    if let Some(sec) = &c.section {
        out.push_str(" · § ");
        out.push_str(sec);
    }
    out
}
