//! The detail pane: the selected record in full, with its citations.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

use crate::app::App;
use crate::data::Relation;
use crate::query::{self, Record, describe};
use crate::text::wrap;

use super::theme::Theme;

pub const LABEL: usize = 13;

/// "Label        value", the value wrapped under itself.
pub fn field_lines(label: &str, value: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    labelled_lines(label, value, width, LABEL, theme.label())
}

/// A label in a column `label_w` cells wide, in `style`, and the value
/// beside it, wrapped under itself to `width`.
pub fn labelled_lines(
    label: &str,
    value: &str,
    width: usize,
    label_w: usize,
    style: ratatui::style::Style,
) -> Vec<Line<'static>> {
    let value_w = width.saturating_sub(label_w).max(8);
    let mut out = Vec::new();
    for (i, part) in wrap(value, value_w).into_iter().enumerate() {
        let head = if i == 0 {
            Span::styled(crate::text::fit(label, label_w), style)
        } else {
            Span::raw(" ".repeat(label_w))
        };
        out.push(Line::from(vec![head, Span::raw(part)]));
    }
    if out.is_empty() {
        out.push(Line::from(Span::styled(label.to_string(), style)));
    }
    out
}

fn para_lines(text: &str, width: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    wrap(text, width.max(1))
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// A record's fields, its relation, and its citations, wrapped to `width`.
pub fn record_lines(
    app: &App,
    rel: &Relation,
    rec: &Record<'_>,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = app.theme();
    let ds = app.ds();
    let mut out = Vec::new();
    out.push(Line::from(vec![
        Span::styled(format!("[{}]", rec.kind().label()), theme.kind(rec.kind())),
        Span::raw(" "),
        Span::styled(ds.relation_name(rel), theme.dim()),
    ]));
    for f in describe(ds, rel, rec) {
        out.extend(field_lines(f.label, &f.value, width, theme));
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Sources", theme.header_row()));
    for c in rec.sources() {
        out.extend(para_lines(&query::cite(ds, c), width, theme.base()));
    }
    out.push(Line::styled("s: full source details", theme.dim()));
    out
}

/// The card of a relation: establishment, summary, missions, trade, counts.
pub fn relation_lines(app: &App, rel: &Relation, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let ds = app.ds();
    let ov = query::overview(rel);
    let mut out = vec![Line::styled(
        format!("{}  ({})", ds.relation_name(rel), rel.id),
        theme.title(),
    )];
    let since = rel
        .established
        .map_or_else(|| "not stated".to_string(), |d| d.to_string());
    out.extend(field_lines("Established", &since, width, theme));
    let missions: Vec<String> = ov
        .missions_today
        .iter()
        .map(|m| {
            format!(
                "{} ({})",
                query::mission_name(ds, m),
                query::mission_status(ds, m)
            )
        })
        .collect();
    let missions = if missions.is_empty() {
        "none recorded".to_string()
    } else {
        missions.join("; ")
    };
    out.extend(field_lines("Missions", &missions, width, theme));
    let currency = rel.currency();
    let latest = ov.latest_trade.map_or_else(
        || "no figures".to_string(),
        |f| format!("{} in {}", f.amount.display(currency), f.year),
    );
    out.extend(field_lines("Latest trade", &latest, width, theme));
    out.extend(field_lines(
        "Records",
        &query::record_counts(rel),
        width,
        theme,
    ));
    // A card, not a list: a few of each, the rest are rows of the Overview tab.
    const SHOWN: usize = 5;
    for (label, facts) in [
        ("Membership", &ov.memberships),
        ("Mechanism", &ov.mechanisms),
    ] {
        for f in facts.iter().take(SHOWN) {
            out.extend(field_lines(label, &f.text, width, theme));
        }
        if facts.len() > SHOWN {
            let more = format!(
                "… and {} more (Overview tab of the relation)",
                facts.len() - SHOWN
            );
            out.extend(field_lines("", &more, width, theme));
        }
    }
    out.push(Line::raw(""));
    out.extend(para_lines(&rel.summary, width, theme.base()));
    out.push(Line::raw(""));
    out.push(Line::styled("Sources", theme.header_row()));
    for c in &rel.sources {
        out.extend(para_lines(&query::cite(ds, c), width, theme.base()));
    }
    out.push(Line::styled("Enter: open this relation", theme.dim()));
    out
}

/// What the detail pane shows now, wrapped to `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if let Some(r) = app.selected_relation_row()
        && let Some(rel) = app.ds().relations.get(r)
    {
        return relation_lines(app, rel, width);
    }
    match app.selected() {
        Some((rel, rec)) => record_lines(app, rel, &rec, width),
        None => vec![Line::styled("Nothing selected.", app.theme().dim())],
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 2 {
        return;
    }
    let theme = app.theme();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(Span::styled(" Detail ", theme.title()));
    let inner = area.inner(Margin::new(1, 1));
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let content = lines(app, usize::from(inner.width));
    let more = content.len() > usize::from(inner.height);
    Paragraph::new(content).render(inner, buf);
    if more && area.width > 24 && app.selected_relation_row().is_none() {
        let hint = " Enter: all ▾ ";
        let x = area.right().saturating_sub(hint.chars().count() as u16 + 1);
        buf.set_string(x, area.bottom().saturating_sub(1), hint, theme.dim());
    }
}
