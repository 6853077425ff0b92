//! A record as labelled fields, the same for the detail pane and the command line.

use crate::data::{ChangeKind, Citation, Dataset, Relation};

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
    let currency = rel.trade.as_ref().map_or("USD", |t| t.currency.as_str());
    let mut out = Vec::new();
    let push_text = |out: &mut Vec<Field>, label, text: &str| {
        if !text.trim().is_empty() {
            out.push(field(label, text));
        }
    };
    match rec {
        Record::Event(e) => {
            out.push(field("Date", date_or(e.date, "n.d. (no date given)")));
            out.push(field("Event", e.title.as_str()));
            push_text(&mut out, "Detail", &e.detail);
            if !e.tags.is_empty() {
                out.push(field("Tags", e.tags.join(", ")));
            }
        }
        Record::Visit(v) => {
            out.push(field("Date", date_or(v.date, "n.d. (no date given)")));
            out.push(field("Visitor", v.visitor.as_str()));
            if let Some(o) = &v.office {
                out.push(field("Office", o.as_str()));
            }
            out.push(field(
                "Direction",
                format!("{} → {}", name(&v.from), name(&v.to)),
            ));
            if let Some(p) = &v.purpose {
                out.push(field("Purpose", p.as_str()));
            }
            push_text(&mut out, "Detail", &v.detail);
        }
        Record::Agreement(a) => {
            out.push(field("Agreement", a.title.as_str()));
            out.push(field("Area", a.area.as_str()));
            out.push(field("Status", a.status.label()));
            out.push(field("Signed", date_or(a.signed, "date not stated")));
            push_text(&mut out, "Detail", &a.detail);
        }
        Record::Trade(f) => {
            out.push(field("Year", f.year.to_string()));
            out.push(field(
                "Flow",
                flow_label(ds, rel, f.from.as_deref(), f.to.as_deref()),
            ));
            out.push(field("Amount", f.amount.display(currency)));
            out.push(field("Figure", f.amount.qualifier.explain()));
            if let Some(d) = &f.amount.derivation {
                out.push(field("Derived from", &d.from));
                out.push(field("Arithmetic", &d.arithmetic));
            }
            push_text(&mut out, "Note", &f.note);
        }
        Record::Products(p) => {
            out.push(field(
                "Direction",
                format!("{} → {}", name(&p.from), name(&p.to)),
            ));
            out.push(field("Products", p.products.join(", ")));
        }
        Record::Growth(g) => {
            out.push(field("Growth", g.text.as_str()));
            let years = match (g.from_year, g.to_year) {
                (Some(a), Some(b)) => format!("{a} → {b}"),
                (None, Some(b)) => format!("to {b}"),
                (Some(a), None) => format!("from {a}"),
                (None, None) => "not stated".to_string(),
            };
            out.push(field("Years", years));
            if let Some(c) = &g.change {
                let v = match c.kind {
                    ChangeKind::Percent => format!("{:+}%", c.value),
                    ChangeKind::Factor => format!("×{}", c.value),
                };
                out.push(field("Change", v));
            }
        }
        Record::Mission(m) => {
            out.push(field("Mission", mission_name(ds, m)));
            out.push(field("Kind", m.kind.label()));
            out.push(field("From", name(&m.sending)));
            out.push(field("To", name(&m.host)));
            out.push(field(
                "City",
                m.city.clone().unwrap_or_else(|| "not stated".into()),
            ));
            out.push(field("Opened", date_or(m.opened, "not stated")));
            if let Some(c) = m.closed {
                out.push(field("Closed", c.to_string()));
            }
            if let Some(r) = m.reopened {
                out.push(field("Reopened", r.to_string()));
            }
            out.push(field("Status", m.status().label()));
            push_text(&mut out, "Note", &m.note);
        }
        Record::Fact(f) => {
            out.push(field("Category", f.category.label()));
            out.push(field("Fact", f.text.as_str()));
            if let Some(p) = &f.attributed_to {
                let who = match &p.role {
                    Some(r) => format!("{}, {r}", p.name),
                    None => p.name.to_string(),
                };
                out.push(field("Said by", who));
            }
        }
    }
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
