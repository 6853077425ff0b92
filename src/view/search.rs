//! The search overlay: the query, the count, and the hits with the matched
//! characters highlighted (underlined and bold, so they show without colour).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::app::App;
use crate::data::Relation;
use crate::query::Record;
use crate::search::{FieldMatch, Hit, matched_fields};
use crate::text::{fit, truncate, truncate_start, width};

use super::layout;
use super::theme::Theme;

/// Text as spans, the characters at `positions` highlighted, cut to `max` cells.
fn highlighted(
    text: &str,
    positions: &[u32],
    max: usize,
    base: Style,
    theme: Theme,
) -> Vec<Span<'static>> {
    let cut = truncate(text, max);
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
    let s = &app.search();
    if !s.index_ready() {
        return format!("indexing {} relations…", app.ds().relations.len());
    }
    if s.input.text().trim().is_empty() {
        return "type to search: words in any order · 'exact ^prefix suffix$ !not".into();
    }
    match &s.results {
        None => "searching…".into(),
        Some(r) if r.query != s.input.text() => format!(
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
    let theme = app.theme();
    let o = layout::search(area);
    Clear.render(o, buf);
    let s = &app.search();
    let scope = if s.all {
        "all relations".to_string()
    } else {
        match app.shown_relation() {
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
    let (before, at, after) = s.input.split();
    let at = at.map_or(" ".into(), String::from);
    // Past the box's width, what was typed last stays in sight.
    let before = truncate_start(before, w.saturating_sub(3));
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
    let rows = layout::overlay_list(o);
    let list_y = rows.y;
    let page = usize::from(rows.height);
    let offset = s.list.offset();
    let show_rel = app.ds().relations.len() > 1 && w >= 70;
    let shown = || results.hits.iter().enumerate().skip(offset).take(page);
    // The widest date on the page and a space: "19 January 1955" never runs into the headline.
    let date_w = shown()
        .filter_map(|(_, h)| h.record.resolve(app.ds()))
        .map(|(_, rec)| width(&crate::data::date_or_nd(rec.date())))
        .max()
        .unwrap_or(4)
        + 1;
    for (row, hit) in shown() {
        let Some((rel, rec)) = hit.record.resolve(app.ds()) else {
            continue;
        };
        let y = list_y + (row - offset) as u16;
        let selected = row == s.list.selected();
        let base = if selected {
            theme.selected()
        } else {
            theme.base()
        };
        if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        }
        let kind = rec.kind();
        let date = crate::data::date_or_nd(rec.date());
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, base),
            Span::styled(fit(kind.label(), 10), base.patch(theme.kind(kind))),
        ];
        if show_rel {
            spans.push(Span::styled(fit(&rel.id, 9), base));
        }
        spans.push(Span::styled(fit(&date, date_w), base));
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = w.saturating_sub(used);
        let headline = rec.headline(app.ds(), rel);
        match context(app, hit, rel, &rec, &date) {
            // Part of the query matched elsewhere: show where, after the headline.
            Some(field) if room >= 40 => {
                let head = width(&headline).min(room * 11 / 20);
                spans.extend(highlighted(
                    &headline,
                    hit.headline_positions(),
                    head,
                    base,
                    theme,
                ));
                spans.push(Span::styled(" · ", base.patch(theme.dim())));
                let rest = room.saturating_sub(head + 3);
                let (text, positions) = around_best_match(&field, rest);
                spans.extend(highlighted(
                    &text,
                    &positions,
                    rest,
                    base.patch(theme.dim()),
                    theme,
                ));
            }
            _ => spans.extend(highlighted(
                &headline,
                hit.headline_positions(),
                room,
                base,
                theme,
            )),
        }
        Line::from(spans).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}

/// For a hit whose headline shows no match, the first other field where the
/// query matched, unless the row already shows it (the kind, relation and
/// date columns): so every row says why it is there.
fn context(
    app: &App,
    hit: &Hit,
    rel: &Relation,
    rec: &Record<'_>,
    date: &str,
) -> Option<FieldMatch> {
    if !hit.headline_positions().is_empty() {
        return None;
    }
    let shown = |t: &str| {
        t == rec.kind().label()
            || t == rel.id
            || t == date
            || rec
                .date()
                .is_some_and(|d| t == d.iso() || t == d.year().to_string())
    };
    matched_fields(app.ds(), &hit.record, &hit.positions)
        .into_iter()
        .skip(1)
        .find(|f| {
            // Letters scattered through a long text say little; a word does.
            let (_, run) = longest_run(&f.positions);
            !f.positions.is_empty() && (run >= 3 || run == f.positions.len()) && !shown(&f.text)
        })
}

/// Characters of context kept before a field's best match.
const LEAD: u32 = 16;

/// The field, or when it is wider than `max` cells, the part from a little
/// before its longest run of matched characters (a whole word, usually,
/// rather than a stray letter) after "…"; and the match positions in it.
fn around_best_match(field: &FieldMatch, max: usize) -> (String, Vec<u32>) {
    let p = &field.positions;
    let (best, _) = longest_run(p);
    let anchor = p.get(best).copied().unwrap_or(0);
    if anchor <= LEAD || width(&field.text) <= max {
        return (field.text.clone(), p.clone());
    }
    let skip = anchor - LEAD;
    let text: String = std::iter::once('…')
        .chain(field.text.chars().skip(skip as usize))
        .collect();
    let positions = p
        .iter()
        .filter(|&&q| q >= skip)
        .map(|q| q - skip + 1)
        .collect();
    (text, positions)
}

/// Where the longest run of consecutive positions starts (an index into
/// `p`), and its length.
fn longest_run(p: &[u32]) -> (usize, usize) {
    let (mut best, mut best_len, mut start) = (0, 0, 0);
    for i in 0..p.len() {
        if i > 0 && p[i] != p[i - 1] + 1 {
            start = i;
        }
        if i + 1 - start > best_len {
            (best, best_len) = (start, i + 1 - start);
        }
    }
    (best, best_len)
}
