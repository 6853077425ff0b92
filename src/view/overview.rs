//! Overview tab: a card per relation and its undated facts; in the merged
//! view, one row per relation with its card beside it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

use crate::app::{App, OverviewRow, Tab};
use crate::data::Relation;
use crate::query::{self, Record};
use crate::text::truncate;

use super::list::{self, Cell, ListSpec, RELATION_W};
use super::spark::spark;
use super::{detail, layout};

/// The card's lines, one line per field, cut to `width`.
pub fn card_lines(app: &App, rel: &Relation, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let ds = app.ds();
    let ov = query::overview(rel);
    let label_w = 13;
    let value_w = width.saturating_sub(label_w);
    let line = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(crate::text::fit(label, label_w), theme.label()),
            Span::raw(truncate(&value, value_w)),
        ])
    };
    let mut out = Vec::new();
    let since = rel
        .established
        .map_or_else(|| "not stated".into(), |d| d.to_string());
    out.push(line("Established", since));
    let missions: Vec<String> = ov
        .missions_today
        .iter()
        .map(|m| query::mission_name(ds, m))
        .collect();
    out.push(line(
        "Missions",
        if missions.is_empty() {
            "none recorded".into()
        } else {
            format!("{} today: {}", missions.len(), missions.join("; "))
        },
    ));
    let currency = rel.currency();
    match ov.latest_trade {
        Some(f) => {
            let text = format!("{} in {}", f.amount.display(currency), f.year);
            let first = ov.series.first().map_or(f.year, |p| p.0);
            let room = value_w.saturating_sub(crate::text::width(&text) + 13);
            let log = query::trade::spans_more_than(ov.series.iter().map(|p| p.1), 20.0);
            let s = spark(&ov.series, room, log);
            let mut spans = vec![
                Span::styled(crate::text::fit("Latest trade", label_w), theme.label()),
                Span::raw(truncate(&text, value_w)),
            ];
            if !s.is_empty() && room >= 4 {
                spans.push(Span::styled(format!("  {first} "), theme.dim()));
                spans.push(Span::styled(s, theme.bar()));
                spans.push(Span::styled(format!(" {}", f.year), theme.dim()));
            }
            out.push(Line::from(spans));
        }
        None => out.push(line("Latest trade", "no figures".into())),
    }
    out.extend(shape_lines(app, label_w, value_w));
    out.push(line("Records", query::record_counts(rel)));
    // The card has a few rows; every fact is in the list below it.
    for f in ov.memberships.iter().take(3) {
        out.push(line("Membership", f.text.to_string()));
    }
    for f in ov.mechanisms.iter().take(3) {
        out.push(line("Mechanism", f.text.to_string()));
    }
    out
}

/// The card's small charts of the scope's counts: visits per decade and
/// agreements signed per year, as sparklines with their first and last period.
pub fn shape_lines(app: &App, label_w: usize, value_w: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let t = &app.rows().tally;
    let label = |l: &str| Span::styled(crate::text::fit(l, label_w), theme.label());
    let mut out = Vec::new();
    // Visits: how many, then per decade.
    let v = &t.visits;
    let undated = v.undated[0] + v.undated[1];
    let decades: Vec<(i32, f64)> = v
        .per_period(10)
        .iter()
        .map(|(s, c)| (s / 10, f64::from(c[0] + c[1])))
        .collect();
    let mut spans = vec![label("Visits"), Span::raw(format!("{}", v.total()))];
    if let (Some(first), Some(last)) = (decades.first(), decades.last()) {
        let tail = if undated > 0 {
            format!(" · {undated} n.d.")
        } else {
            String::new()
        };
        let room = value_w.saturating_sub(crate::text::width(&format!(
            "{} · 0000s  0000s per decade{tail}",
            v.total()
        )));
        let s = spark(&decades, room, false);
        if room >= 1 {
            spans.push(Span::styled(format!(" · {}s ", first.0 * 10), theme.dim()));
            spans.push(Span::styled(s, theme.bar()));
            spans.push(Span::styled(
                format!(" {}s per decade", last.0 * 10),
                theme.dim(),
            ));
        }
        spans.push(Span::raw(tail));
    } else if undated > 0 {
        spans.push(Span::raw(" · none with a date"));
    }
    out.push(Line::from(spans));
    // Agreements: how many, by status, and signings per year.
    let a = &t.agreements;
    let total: u32 = a.by_status.iter().sum();
    let statuses: Vec<String> = query::tally::STATUSES
        .iter()
        .zip(a.by_status)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    let mut text = format!("{total}");
    if !statuses.is_empty() {
        text.push_str(&format!(" ({})", statuses.join(", ")));
    }
    let mut spans = vec![label("Agreements")];
    let years: Vec<(i32, f64)> = a
        .per_year
        .iter()
        .map(|(y, n)| (*y, f64::from(*n)))
        .collect();
    match (years.first(), years.last()) {
        (Some(first), Some(last)) => {
            let ends = format!(" · signed {}  {}", first.0, last.0);
            let room =
                value_w.saturating_sub(crate::text::width(&text) + crate::text::width(&ends));
            spans.push(Span::raw(truncate(&text, value_w)));
            if room >= 1 {
                spans.push(Span::styled(format!(" · signed {} ", first.0), theme.dim()));
                spans.push(Span::styled(spark(&years, room, false), theme.bar()));
                spans.push(Span::styled(format!(" {}", last.0), theme.dim()));
            }
        }
        _ if total > 0 => spans.push(Span::raw(truncate(
            &format!("{text} · no signing date given"),
            value_w,
        ))),
        _ => spans.push(Span::raw("none recorded")),
    }
    out.push(Line::from(spans));
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let all = app.relation().is_none();
    let body = layout::body(area, Tab::Overview, all);
    if let (Some(top), None) = (body.top, app.shown_relation()) {
        // Framed and titled when it has the rows for it.
        let inner = if top.height >= 4 {
            Block::new()
                .borders(Borders::ALL)
                .border_type(BorderType::Rounded)
                .border_style(theme.border())
                .title(Span::styled(
                    " Every relation, counted together ",
                    theme.title(),
                ))
                .render(top, buf);
            top.inner(Margin::new(1, 1))
        } else {
            top.inner(Margin::new(1, 0))
        };
        let w = usize::from(inner.width);
        Paragraph::new(shape_lines(app, 13, w.saturating_sub(13))).render(inner, buf);
    }
    if let (Some(top), Some(rel)) = (body.top, app.shown_relation()) {
        // Narrow terminals drop the card's frame: its rows are worth more as content.
        let inner = if top.width >= layout::WIDE {
            Block::new()
                .borders(Borders::ALL)
                .border_type(BorderType::Rounded)
                .border_style(theme.border())
                .title(Span::styled(
                    format!(" {} ", app.ds().relation_name(rel)),
                    theme.title(),
                ))
                .render(top, buf);
            top.inner(Margin::new(1, 1))
        } else {
            top.inner(Margin::new(1, 0))
        };
        Paragraph::new(card_lines(app, rel, usize::from(inner.width))).render(inner, buf);
    }
    let rows = &app.rows().overview;
    let cursor = app.list(Tab::Overview);
    if all {
        // Counts need room; the card beside the list has them in any case.
        let counts = body.list.width >= 100;
        let trade = body.list.width >= 66;
        let mut header = vec!["Relation", "Countries", "Since"];
        let mut widths = vec![
            Constraint::Length(RELATION_W as u16),
            Constraint::Length(22),
            Constraint::Length(15),
        ];
        if counts {
            header.extend(["Visits", "Agreements"]);
            widths.extend([Constraint::Length(6), Constraint::Length(10)]);
        }
        if trade {
            header.push("Latest trade");
            widths.push(Constraint::Fill(1));
        }
        let spec = ListSpec {
            title: "All relations".into(),
            header,
            widths,
            len: rows.len(),
            state: cursor,
            empty: "This dataset has no relations.",
        };
        list::render(spec, body.list, buf, theme, |i| {
            let Some(OverviewRow::Relation(r)) = rows.get(i) else {
                return Vec::new();
            };
            let Some(rel) = app.ds().relations.get(*r) else {
                return Vec::new();
            };
            let since = crate::data::date_or_nd(rel.established);
            let mut cells = vec![
                Cell::from(rel.id.clone()),
                Cell::from(app.ds().relation_name(rel)),
                Cell::from(since),
            ];
            if counts {
                cells.extend([
                    Cell::from(rel.visits.len().to_string()),
                    Cell::from(rel.agreements.len().to_string()),
                ]);
            }
            if trade {
                let currency = rel.currency();
                let latest = query::trade::latest(rel).map_or_else(String::new, |f| {
                    format!("{} ({})", f.amount.display(currency), f.year)
                });
                cells.push(Cell::from(latest));
            }
            cells
        });
    } else {
        let spec = ListSpec {
            title: "Facts".into(),
            header: vec!["Category", "Fact"],
            widths: vec![Constraint::Length(11), Constraint::Fill(1)],
            len: rows.len(),
            state: cursor,
            empty: "No undated facts recorded.",
        };
        list::render(spec, body.list, buf, theme, |i| {
            let Some(OverviewRow::Record(r)) = rows.get(i) else {
                return Vec::new();
            };
            let Some((_, Record::Fact(f))) = r.resolve(app.ds()) else {
                return Vec::new();
            };
            vec![Cell::from(f.category.label()), Cell::from(f.text.clone())]
        });
    }
    detail::render(app, body.detail, buf);
}
