//! A record as one line of citation-ready Markdown: the fact in the words the
//! detail pane uses, its date at its precision and any amount with its
//! qualifier, then its sources — title, author, publisher, date, section.
//! The command line (`show --format cite`, `cite`) and the interface's copy
//! key print the same line.

use crate::data::{
    Agreement, AgreementStatus, Citation, Dataset, Date, Fact, Mission, Precision, Qualifier,
    Relation, Source, TradeFigure, Visit, format_money,
};

use super::escape::md_text;
use super::record::{Record, mission_name, mission_status};

/// "Prime Minister Phan Van Khai visited Mexico in October 2002 (purpose:
/// 10th APEC Summit). (Vietnam–Mexico relations (overview), § paragraph 3)"
///
/// Markdown-escaped, on one line, free of control characters.
pub fn citation(ds: &Dataset, rel: &Relation, rec: &Record<'_>) -> String {
    let fact = md_text(&sentence(&statement(ds, rel, rec)));
    let line = match sources(ds, rec.sources()) {
        Some(s) => format!("{fact} ({s})"),
        None => fact,
    };
    one_line(&line)
}

/// A relation: its two countries, since when, its summary, its sources.
pub fn relation_citation(ds: &Dataset, rel: &Relation) -> String {
    let since = rel
        .established
        .map(|d| format!(", relations established {}", when(d)))
        .unwrap_or_default();
    let head = format!("{}{since}: {}", ds.relation_name(rel), rel.summary);
    let fact = md_text(&sentence(&head));
    let line = match sources(ds, &rel.sources) {
        Some(s) => format!("{fact} ({s})"),
        None => fact,
    };
    one_line(&line)
}

/// A source on its own: title, author, publisher, date and address.
pub fn source_citation(s: &Source) -> String {
    let mut parts: Vec<String> = vec![s.title.to_string()];
    parts.extend(s.author.as_ref().map(ToString::to_string));
    parts.extend(s.publisher.as_ref().map(ToString::to_string));
    parts.extend(s.published.map(|d| d.to_string()));
    parts.extend(s.url.as_ref().map(ToString::to_string));
    one_line(&md_text(&parts.join(", ")))
}

/// The fact in words, as the detail pane states it, not yet escaped.
pub fn statement(ds: &Dataset, rel: &Relation, rec: &Record<'_>) -> String {
    match rec {
        Record::Event(e) => match e.date {
            Some(d) => format!("{}: {}", d, e.title),
            None => format!("{} (date not stated)", e.title),
        },
        Record::Visit(v) => visit(ds, v),
        Record::Agreement(a) => agreement(a),
        Record::Trade(f) => trade(ds, rel, f),
        // Already a statement: said as the lists say it.
        Record::Products(_) | Record::Growth(_) => rec.headline(ds, rel),
        Record::Mission(m) => mission(ds, m),
        Record::Fact(f) => fact(f),
    }
}

/// "in 2002", "in October 2002", "on 19 May 1975": a date at its precision.
pub fn when(d: Date) -> String {
    match d.precision() {
        Precision::Day => format!("on {d}"),
        Precision::Year | Precision::Month => format!("in {d}"),
    }
}

fn visit(ds: &Dataset, v: &Visit) -> String {
    let who = match &v.office {
        Some(office) => format!("{office} {}", v.visitor),
        None => v.visitor.to_string(),
    };
    let mut out = format!(
        "{who} of {} visited {}",
        ds.country_name(&v.from),
        ds.country_name(&v.to)
    );
    match v.date {
        Some(d) => out.push_str(&format!(" {}", when(d))),
        None => out.push_str(" (date not stated)"),
    }
    if let Some(p) = &v.purpose {
        out.push_str(&format!(" (purpose: {p})"));
    }
    out
}

fn agreement(a: &Agreement) -> String {
    let status = match (a.status, a.signed) {
        (AgreementStatus::Signed, Some(d)) => format!("signed {}", when(d)),
        (s, Some(d)) => format!("{}, signed {}", s.label(), when(d)),
        (s, None) => s.label().to_string(),
    };
    // The area, unless the title says it already or it is not known.
    let area = a.area.trim();
    let said = a.title.to_lowercase().contains(&area.to_lowercase());
    if said || area.is_empty() || area == "not stated" {
        format!("{} — {status}", a.title)
    } else {
        format!("{} ({area}) — {status}", a.title)
    }
}

fn trade(ds: &Dataset, rel: &Relation, f: &TradeFigure) -> String {
    let flow = match (&f.from, &f.to) {
        (Some(a), Some(b)) => format!(
            "Trade from {} to {}",
            ds.country_name(a),
            ds.country_name(b)
        ),
        _ => format!(
            "Two-way trade between {} and {}",
            ds.country_name(&rel.countries[0]),
            ds.country_name(&rel.countries[1])
        ),
    };
    let amount = match (f.amount.qualifier, &f.amount.derivation) {
        (Qualifier::Exact | Qualifier::Approximate, _) => f.amount.display(rel.currency()),
        (Qualifier::Derived, Some(d)) => format!(
            "≈ {} (derived, not stated by a source: computed from {}: {})",
            format_money(f.amount.value, rel.currency()),
            d.from,
            d.arithmetic
        ),
        (q, _) => format!("{} ({})", f.amount.display(rel.currency()), q.explain()),
    };
    format!("{flow} in {}: {amount}", f.year)
}

fn mission(ds: &Dataset, m: &Mission) -> String {
    let mut out = mission_name(ds, m);
    let dates = [
        ("opened", m.opened),
        ("closed", m.closed),
        ("reopened", m.reopened),
    ];
    let said: Vec<String> = dates
        .iter()
        .filter_map(|(what, d)| Some(format!("{what} {}", when((*d)?))))
        .collect();
    if said.is_empty() {
        out.push_str(": opening date not stated");
    } else {
        out.push_str(": ");
        out.push_str(&said.join(", "));
    }
    out.push_str(&format!("; status: {}", mission_status(ds, m)));
    out
}

fn fact(f: &Fact) -> String {
    // The attribution ends the sentence: the text's own full stop goes.
    let text = f.text.trim_end();
    let text = text.strip_suffix('.').unwrap_or(text);
    match &f.attributed_to {
        Some(p) => match &p.role {
            Some(role) => format!("{text} (said by {}, {role})", p.name),
            None => format!("{text} (said by {})", p.name),
        },
        None => f.text.to_string(),
    }
}

/// The text ending as a sentence: a full stop unless it has its own.
fn sentence(s: &str) -> String {
    let s = s.trim_end();
    match s.chars().last() {
        Some('.' | '!' | '?' | '…') | None => s.to_string(),
        Some(_) => format!("{s}."),
    }
}

/// "Title, Author, Publisher, 26 April 2025, § Section; Other title, § 2",
/// escaped; `None` without citations.
fn sources(ds: &Dataset, cites: &[Citation]) -> Option<String> {
    let all: Vec<String> = cites.iter().map(|c| source(ds, c)).collect();
    (!all.is_empty()).then(|| all.join("; "))
}

fn source(ds: &Dataset, c: &Citation) -> String {
    let Some(s) = ds.source(&c.source) else {
        return md_text(&format!("unknown source {}", c.source));
    };
    let mut parts: Vec<String> = vec![s.title.to_string()];
    parts.extend(s.author.as_ref().map(ToString::to_string));
    parts.extend(s.publisher.as_ref().map(ToString::to_string));
    parts.extend(s.published.map(|d| d.to_string()));
    parts.extend(c.section.as_ref().map(|sec| format!("§ {sec}")));
    md_text(&parts.join(", "))
}

/// One line: runs of white space (and any control character, which a
/// cleaned dataset never has) become one space.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_once() {
        assert_eq!(sentence("Up 27.5%."), "Up 27.5%.");
        assert_eq!(sentence("Relations established"), "Relations established.");
        assert_eq!(sentence("Why?  "), "Why?");
    }

    #[test]
    fn one_line_has_no_control_characters() {
        assert_eq!(one_line("a\n\tb \u{1b}[31m c\u{7}"), "a b [31m c");
    }

    #[test]
    fn dates_read_at_their_precision() {
        let d = |s: &str| s.parse::<Date>().map(when).unwrap_or_default();
        assert_eq!(d("2002"), "in 2002");
        assert_eq!(d("2002-10"), "in October 2002");
        assert_eq!(d("1975-05-19"), "on 19 May 1975");
    }
}
