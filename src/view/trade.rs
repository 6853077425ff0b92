//! Trade tab: two-way trade per year as a bar chart on a continuous year axis,
//! the figures with their qualifiers, and what each country sells the other.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Cell, Paragraph, Widget};

use crate::app::{App, Tab};
use crate::data::{Qualifier, TradeFigure, money::currency_symbol, short_money};
use crate::query::{self, Record};
use crate::text::{truncate, width};

use super::list::{self, ListSpec};
use super::spark::spark;
use super::theme::Theme;
use super::{detail, layout};

/// Whether the figures in view span more than 20×, where a linear chart hides the small ones.
pub fn auto_log(app: &App) -> bool {
    let values = query::scope(&app.ds, app.relation)
        .into_iter()
        .filter_map(|r| app.ds.relations.get(r))
        .flat_map(query::trade::two_way)
        .map(|f| f.amount.value);
    query::trade::spans_more_than(values, 20.0)
}

/// The mark a figure's label carries: ≈ approximate, > lower bound, * derived.
pub fn marker(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::Approximate => "≈",
        Qualifier::AtLeast => ">",
        Qualifier::Derived => "*",
    }
}

/// A bar label: "187M", ">300M", "≈15.0B", "11.8B*".
pub fn bar_label(f: &TradeFigure) -> String {
    let v = short_money(f.amount.value);
    match f.amount.qualifier {
        Qualifier::Derived => format!("{v}*"),
        q => format!("{}{v}", marker(q)),
    }
}

/// The bar's fill: solid for stated figures, hatched for derived ones.
pub fn fill(q: Qualifier) -> char {
    match q {
        Qualifier::Derived => '░',
        _ => '█',
    }
}

/// One slot of the year axis: a year (with or without a figure) or a break standing for skipped years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot<'a> {
    Year(i32, Option<&'a TradeFigure>),
    Break(i32, i32),
}

/// Lays the years from the first figure to the last on one axis. Runs of more
/// than `max_gap` empty years become one explicit break, never silently dropped.
pub fn slots<'a>(figures: &[&'a TradeFigure], max_gap: i32) -> Vec<Slot<'a>> {
    let mut by_year: Vec<(i32, &'a TradeFigure)> = Vec::new();
    for f in figures {
        match by_year.iter_mut().find(|(y, _)| *y == f.year) {
            // A stated figure wins over a derived one for the same year.
            Some(slot) if slot.1.amount.qualifier == Qualifier::Derived => slot.1 = f,
            Some(_) => {}
            None => by_year.push((f.year, f)),
        }
    }
    by_year.sort_by_key(|(y, _)| *y);
    let mut out = Vec::new();
    for (i, (year, f)) in by_year.iter().enumerate() {
        if let Some((prev, _)) = i.checked_sub(1).and_then(|j| by_year.get(j)) {
            let gap = year - prev - 1;
            if gap > max_gap {
                out.push(Slot::Break(prev + 1, year - 1));
            } else {
                out.extend((prev + 1..*year).map(|y| Slot::Year(y, None)));
            }
        }
        out.push(Slot::Year(*year, Some(f)));
    }
    out
}

/// The height of a bar of `value` in `rows` rows, on a linear or logarithmic scale.
/// On a log scale the axis starts at half the smallest figure, so every bar shows.
pub fn bar_height(value: f64, min: f64, max: f64, rows: u16, log: bool) -> u16 {
    if rows == 0 || max <= 0.0 || value <= 0.0 {
        return 0;
    }
    let t = if log {
        let lo = (min / 2.0).max(f64::MIN_POSITIVE).ln();
        let hi = max.ln();
        if hi <= lo {
            1.0
        } else {
            (value.ln() - lo) / (hi - lo)
        }
    } else {
        value / max
    };
    ((t.clamp(0.0, 1.0) * f64::from(rows)).round() as u16).max(1)
}

fn selected_year(app: &App) -> Option<i32> {
    match app.selected() {
        Some((_, Record::Trade(f))) => Some(f.year),
        _ => None,
    }
}

/// The bar chart of one relation's two-way trade.
fn chart(app: &App, rel: &crate::data::Relation, area: Rect, buf: &mut Buffer, theme: Theme) {
    let log = app.log_scale();
    let currency = rel.trade.as_ref().map_or("USD", |t| t.currency.as_str());
    let scale = if log { "log scale" } else { "linear scale" };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(Span::styled(
            format!(
                " Two-way trade per year · {} · {scale} ",
                currency_symbol(currency).trim()
            ),
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let figures = query::trade::two_way(rel);
    if figures.is_empty() {
        Line::styled("No trade figures for this relation.", theme.dim()).render(inner, buf);
        return;
    }
    let sel = selected_year(app);
    if inner.height < 4 {
        let series: Vec<(i32, f64)> = figures.iter().map(|f| (f.year, f.amount.value)).collect();
        let first = series.first().map_or(0, |p| p.0);
        let last = series.last().map_or(0, |p| p.0);
        let s = spark(&series, usize::from(inner.width).saturating_sub(12), log);
        Line::from(vec![
            Span::styled(format!("{first} "), theme.dim()),
            Span::styled(s, theme.bar()),
            Span::styled(format!(" {last}"), theme.dim()),
        ])
        .render(inner, buf);
        return;
    }
    let label_w = figures
        .iter()
        .map(|f| width(&bar_label(f)))
        .max()
        .unwrap_or(4)
        .max(4);
    // Try wide slots first; shrink gaps and slots until the axis fits.
    let mut layout = None;
    for (slot_w, max_gap) in [
        (label_w + 1, 3),
        (label_w + 1, 1),
        (label_w, 0),
        (5, 0),
        (3, 0),
    ] {
        let s = slots(&figures, max_gap);
        let need: usize = s
            .iter()
            .map(|x| match x {
                Slot::Year(..) => slot_w,
                Slot::Break(..) => 3,
            })
            .sum();
        if need <= usize::from(inner.width) {
            layout = Some((s, slot_w));
            break;
        }
    }
    let Some((slots, slot_w)) = layout else {
        let series: Vec<(i32, f64)> = figures.iter().map(|f| (f.year, f.amount.value)).collect();
        Line::styled(spark(&series, usize::from(inner.width), log), theme.bar()).render(inner, buf);
        return;
    };
    let values: Vec<f64> = figures.iter().map(|f| f.amount.value).collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let min = values
        .iter()
        .copied()
        .filter(|v| *v > 0.0)
        .fold(f64::MAX, f64::min);
    // Rows: bars, then a label row above each bar, then the year row and the legend.
    let legend_rows = u16::from(inner.height >= 6);
    let bar_rows = inner.height.saturating_sub(2 + legend_rows);
    let base_y = inner.y + 1 + bar_rows; // year row
    let mut x = inner.x;
    for slot in &slots {
        match slot {
            Slot::Break(..) => {
                for y in inner.y..base_y {
                    buf.set_string(x + 1, y, "┆", theme.dim());
                }
                buf.set_string(x, base_y, " ⋯ ", theme.dim());
                x += 3;
            }
            Slot::Year(year, fig) => {
                let selected = sel == Some(*year);
                let ylabel = if slot_w >= 5 {
                    year.to_string()
                } else {
                    format!("{:02}", year.rem_euclid(100))
                };
                let ystyle = if selected {
                    theme.selected()
                } else {
                    theme.dim()
                };
                buf.set_stringn(x, base_y, &ylabel, slot_w.saturating_sub(1).max(2), ystyle);
                if let Some(f) = fig {
                    let h = bar_height(f.amount.value, min, max, bar_rows, log);
                    let bar_w = slot_w.saturating_sub(1).max(1) as u16;
                    let style: Style = if f.amount.qualifier == Qualifier::Derived {
                        theme.dim()
                    } else if selected {
                        theme.bar_alt()
                    } else {
                        theme.bar()
                    };
                    let symbol = fill(f.amount.qualifier)
                        .to_string()
                        .repeat(usize::from(bar_w));
                    for r in 0..h {
                        buf.set_string(x, base_y - 1 - r, &symbol, style);
                    }
                    let label = bar_label(f);
                    let ly = base_y.saturating_sub(1 + h).max(inner.y);
                    let lstyle = if selected {
                        theme.selected()
                    } else {
                        theme.label()
                    };
                    buf.set_stringn(x, ly, &label, slot_w, lstyle);
                }
                x += slot_w as u16;
            }
        }
    }
    if legend_rows > 0 {
        let legend = "≈ approximate  > lower bound  * ░ derived  ⋯ years skipped";
        buf.set_stringn(
            inner.x,
            inner.bottom() - 1,
            truncate(legend, usize::from(inner.width)),
            usize::from(inner.width),
            theme.dim(),
        );
    }
}

/// Every relation's latest two-way figure on one scale, with its series.
fn compare(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let log = app.log_scale();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(Span::styled(
            format!(
                " Latest two-way trade by relation · {} ",
                if log { "log scale" } else { "linear scale" }
            ),
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut rows: Vec<(&crate::data::Relation, &TradeFigure)> = app
        .ds
        .relations
        .iter()
        .filter_map(|rel| query::overview(rel).latest_trade.map(|f| (rel, f)))
        .collect();
    rows.sort_by(|a, b| b.1.amount.value.total_cmp(&a.1.amount.value));
    let max = rows.iter().map(|r| r.1.amount.value).fold(0.0, f64::max);
    let min = rows
        .iter()
        .map(|r| r.1.amount.value)
        .filter(|v| *v > 0.0)
        .fold(f64::MAX, f64::min);
    let w = usize::from(inner.width);
    let bar_room = w.saturating_sub(8 + 1 + 14);
    let lines: Vec<Line> = rows
        .iter()
        .take(usize::from(inner.height))
        .map(|(rel, f)| {
            let len = bar_height(f.amount.value, min, max, bar_room as u16, log);
            let mark = if app
                .relation
                .and_then(|r| app.ds.relations.get(r))
                .is_some_and(|x| x.id == rel.id)
            {
                theme.bar_alt()
            } else {
                theme.bar()
            };
            Line::from(vec![
                Span::raw(crate::text::fit(&rel.id, 8)),
                Span::raw(" "),
                Span::styled(
                    fill(f.amount.qualifier)
                        .to_string()
                        .repeat(usize::from(len)),
                    mark,
                ),
                Span::styled(format!(" {} ({})", bar_label(f), f.year), theme.label()),
            ])
        })
        .collect();
    if lines.is_empty() {
        Line::styled("No relation has trade figures.", theme.dim()).render(inner, buf);
    } else {
        Paragraph::new(lines).render(inner, buf);
    }
}

/// Product composition each way and growth statements, for the side panel.
fn composition(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(Span::styled(" What each sells the other ", theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for r in query::scope(&app.ds, app.relation) {
        let Some(rel) = app.ds.relations.get(r) else {
            continue;
        };
        let Some(trade) = &rel.trade else { continue };
        for p in &trade.products {
            lines.push(Line::styled(
                truncate(
                    &format!(
                        "{} → {}",
                        app.ds.country_name(&p.from),
                        app.ds.country_name(&p.to)
                    ),
                    w,
                ),
                theme.label(),
            ));
            for (i, name) in p.products.iter().enumerate() {
                lines.push(Line::raw(truncate(&format!(" {}. {name}", i + 1), w)));
            }
        }
        for g in &trade.growth {
            lines.push(Line::styled("Growth", theme.label()));
            for l in crate::text::wrap(&g.text, w.saturating_sub(1)) {
                lines.push(Line::raw(format!(" {l}")));
            }
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme { color: app.color };
    let body = layout::body(area, Tab::Trade, app.relation.is_none());
    if let Some(top) = body.top {
        match app.relation.and_then(|r| app.ds.relations.get(r)) {
            Some(rel) if !app.trade.compare => chart(app, rel, top, buf, theme),
            _ => compare(app, top, buf, theme),
        }
    }
    if let Some(side) = body.side {
        composition(app, side, buf, theme);
    }
    let rows = &app.rows.trade;
    let inner_w = body.list.width.saturating_sub(2);
    let show_rel = app.relation.is_none() && inner_w >= 60;
    let mut header = vec!["Year", "What", "Value"];
    let mut widths = vec![
        Constraint::Length(4),
        Constraint::Length(14),
        Constraint::Fill(1),
    ];
    if show_rel {
        header.insert(0, "Relation");
        widths.insert(0, Constraint::Length(8));
    }
    let spec = ListSpec {
        title: "Figures".into(),
        header,
        widths,
        len: rows.len(),
        cursor: app.cursor(Tab::Trade),
        empty: "No trade figures.",
    };
    list::render(spec, body.list, buf, theme, |i| {
        let Some((rel, rec)) = rows.get(i).and_then(|r| r.resolve(&app.ds)) else {
            return Vec::new();
        };
        let currency = rel.trade.as_ref().map_or("USD", |t| t.currency.as_str());
        let mut cells = match rec {
            Record::Trade(f) => vec![
                Cell::from(f.year.to_string()),
                Cell::from(query::flow_label(
                    &app.ds,
                    rel,
                    f.from.as_deref(),
                    f.to.as_deref(),
                )),
                Cell::from(f.amount.display(currency)),
            ],
            Record::Products(p) => vec![
                Cell::from(""),
                Cell::from(format!(
                    "{} → {}",
                    app.ds.country_name(&p.from),
                    app.ds.country_name(&p.to)
                )),
                Cell::from(p.products.join(", ")),
            ],
            Record::Growth(g) => vec![
                Cell::from(g.to_year.map(|y| y.to_string()).unwrap_or_default()),
                Cell::from("growth"),
                Cell::from(g.text.clone()),
            ],
            _ => Vec::new(),
        };
        if show_rel {
            cells.insert(0, Cell::from(rel.id.clone()));
        }
        cells
    });
    detail::render(app, body.detail, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Amount;

    fn fig(year: i32, value: f64, qualifier: Qualifier) -> TradeFigure {
        TradeFigure {
            id: format!("f{year}"),
            year,
            from: None,
            to: None,
            amount: Amount {
                value,
                qualifier,
                derivation: None,
            },
            note: String::new(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn long_gaps_become_one_break_short_ones_stay_years() {
        let a = fig(2004, 187e6, Qualifier::Exact);
        let b = fig(2006, 300e6, Qualifier::AtLeast);
        let c = fig(2024, 15e9, Qualifier::Approximate);
        let s = slots(&[&a, &b, &c], 3);
        assert_eq!(s.len(), 5);
        assert!(matches!(s[1], Slot::Year(2005, None)));
        assert!(matches!(s[3], Slot::Break(2007, 2023)));
    }

    #[test]
    fn one_year_series_is_one_slot() {
        let a = fig(2023, 372.4e6, Qualifier::Exact);
        assert_eq!(slots(&[&a], 3).len(), 1);
    }

    #[test]
    fn log_scale_keeps_small_bars_visible() {
        assert_eq!(bar_height(15e9, 187e6, 15e9, 10, true), 10);
        assert!(bar_height(187e6, 187e6, 15e9, 10, true) >= 1);
        assert!(bar_height(187e6, 187e6, 15e9, 10, false) <= 1);
        assert_eq!(bar_height(0.0, 1.0, 2.0, 10, false), 0);
    }

    #[test]
    fn labels_carry_the_qualifier() {
        assert_eq!(bar_label(&fig(2006, 300e6, Qualifier::AtLeast)), ">300M");
        assert_eq!(
            bar_label(&fig(2024, 15e9, Qualifier::Approximate)),
            "≈15.0B"
        );
        assert_eq!(bar_label(&fig(2023, 11.76e9, Qualifier::Derived)), "11.8B*");
        assert_eq!(bar_label(&fig(2004, 187e6, Qualifier::Exact)), "187M");
    }
}
