//! The search overlay: the query, the count, and the hits with the matched
//! characters highlighted (underlined and bold, so they show without colour).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::app::App;
use crate::search::Hit;
use crate::text::{fit, truncate, width};

use super::layout;
use super::theme::Theme;

/// The headline of a hit as spans, matched characters highlighted, cut to `max` cells.
fn highlighted(
    text: &str,
    hit: &Hit,
    max: usize,
    theme: Theme,
    selected: bool,
) -> Vec<Span<'static>> {
    let cut = truncate(text, max);
    let positions = hit.headline_positions();
    let base = if selected {
        theme.selected()
    } else {
        theme.base()
    };
    let mark = base
        .patch(theme.key())
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in cut.chars().enumerate() {
        let marked = c != '…' && positions.binary_search(&(i as u32)).is_ok();
        if marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { mark } else { base },
            ));
        }
        run_marked = marked;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { mark } else { base }));
    }
    spans
}

/// The line under the query: what the overlay is doing or found.
pub fn status(app: &App) -> String {
    let s = &app.search;
    if !s.index_ready() {
        return format!("indexing {} relations…", app.ds.relations.len());
    }
    if s.query.trim().is_empty() {
        return "type to search: words in any order · 'exact ^prefix suffix$ !not".into();
    }
    match &s.results {
        None => "searching…".into(),
        Some(r) if r.query != s.query => format!(
            "searching… ({} for {:?})",
            count(r.total, r.complete),
            r.query
        ),
        Some(r) if r.total == 0 && r.complete => "no match".into(),
        Some(r) if r.hits.len() < r.total => format!(
            "{}, best {} shown",
            count(r.total, r.complete),
            r.hits.len()
        ),
        Some(r) => count(r.total, r.complete),
    }
}

fn count(n: usize, complete: bool) -> String {
    let plus = if complete { "" } else { "+" };
    let s = if n == 1 && complete { "" } else { "es" };
    format!("{n}{plus} match{s}")
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme { color: app.color };
    let o = layout::overlay(area, 90, 85, 56, 13);
    Clear.render(o, buf);
    let s = &app.search;
    let scope = if s.all {
        "all relations".to_string()
    } else {
        match app.relation.and_then(|r| app.ds.relations.get(r)) {
            Some(rel) => format!("{} only", rel.id),
            None => "all relations".to_string(),
        }
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Span::styled(" Search ", theme.title()))
        .title(Line::styled(format!(" {scope} · Tab "), theme.label()).right_aligned())
        .title_bottom(
            Line::styled(" Enter jump · Esc back · ↑/↓ move ", theme.dim()).right_aligned(),
        );
    let inner = block.inner(o);
    block.render(o, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let w = usize::from(inner.width);
    // The query, with a block cursor where the next character goes.
    let chars: Vec<char> = s.query.chars().collect();
    let before: String = chars[..s.cursor.min(chars.len())].iter().collect();
    let at: String = chars.get(s.cursor).map_or(" ".into(), |c| c.to_string());
    let after: String = chars.iter().skip(s.cursor + 1).collect();
    let room = w.saturating_sub(3);
    let before = if width(&before) > room {
        truncate(&before, room)
    } else {
        before
    };
    Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(before),
        Span::styled(at, theme.selected()),
        Span::raw(after),
    ])
    .render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    if inner.height < 2 {
        return;
    }
    buf.set_stringn(
        inner.x,
        inner.y + 1,
        truncate(&status(app), w),
        w,
        theme.dim(),
    );
    let Some(results) = &s.results else { return };
    let list_y = inner.y + 2;
    let page = usize::from(inner.bottom().saturating_sub(list_y));
    if page == 0 {
        return;
    }
    let offset = if s.selected >= page {
        s.selected + 1 - page
    } else {
        0
    };
    let show_rel = app.ds.relations.len() > 1 && w >= 70;
    for (row, hit) in results.hits.iter().enumerate().skip(offset).take(page) {
        let Some((rel, rec)) = hit.record.resolve(&app.ds) else {
            continue;
        };
        let y = list_y + (row - offset) as u16;
        let selected = row == s.selected;
        let base = if selected {
            theme.selected()
        } else {
            theme.base()
        };
        if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        }
        let kind = rec.kind();
        let date = rec.date().map_or_else(|| "n.d.".into(), |d| d.to_string());
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, base),
            Span::styled(fit(kind.label(), 10), base.patch(theme.kind(kind))),
        ];
        if show_rel {
            spans.push(Span::styled(fit(&rel.id, 9), base));
        }
        spans.push(Span::styled(fit(&date, 15), base));
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let headline = rec.headline(&app.ds, rel);
        spans.extend(highlighted(
            &headline,
            hit,
            w.saturating_sub(used),
            theme,
            selected,
        ));
        Line::from(spans).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}
