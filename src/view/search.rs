//! The search overlay: the query, the counts, the hits with the matched
//! characters highlighted (underlined and bold, so they show without
//! colour) and, for a hit matched away from its headline, where it matched;
//! and a preview of the highlighted hit's whole record, beside the list on
//! wide terminals and below it on narrow ones.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};

use crate::app::App;
use crate::search::snippet::{self, row_text};
use crate::search::{Hit, Results};
use crate::text::{fit, truncate, truncate_start, width};

use super::detail::record_lines;
use super::layout;
use super::theme::Theme;

/// Columns of a row before its text: marker, kind, relation, date.
const KIND_W: usize = 10;
const REL_W: usize = 9;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let o = layout::search(area);
    Clear.render(o, buf);
    let block = frame(app, theme);
    let inner = block.inner(o);
    block.render(o, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    query_line(app, Rect::new(inner.x, inner.y, inner.width, 1), buf, theme);
    if inner.height < 2 {
        return;
    }
    let w = usize::from(inner.width);
    buf.set_stringn(
        inner.x,
        inner.y + 1,
        truncate(&status(app), w),
        w,
        theme.dim(),
    );
    let Some(results) = &app.search().results else {
        return;
    };
    let parts = layout::search_parts(area);
    hit_rows(app, results, parts.list, buf, theme);
    if let (Some(p), Some(hit)) = (
        parts.preview,
        results.hits.get(app.search().list.selected()),
    ) {
        preview_pane(app, hit, p, parts.beside, buf, theme);
    }
}

/// The overlay's border, with the scope and the keys.
fn frame(app: &App, theme: Theme) -> Block<'static> {
    let scope = match app.shown_relation() {
        Some(rel) if app.search().narrow => {
            format!(" {} only · Tab: all ", app.ds().relation_name(rel))
        }
        Some(_) => " all relations · Tab: this one ".to_string(),
        None => " all relations ".to_string(),
    };
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Span::styled(" Search ", theme.title()))
        .title(Line::styled(scope, theme.label()).right_aligned())
        .title_bottom(
            Line::styled(" Enter jump · Esc back · ↑/↓ move ", theme.dim()).right_aligned(),
        )
}

/// The query, with a block cursor where the next character goes; past the
/// box's width, what was typed last stays in sight.
fn query_line(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (before, at, after) = app.search().input.split();
    let at = at.map_or(" ".into(), String::from);
    let before = truncate_start(before, usize::from(area.width).saturating_sub(3));
    Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(before),
        Span::styled(at, theme.selected()),
        Span::raw(after),
    ])
    .render(area, buf);
}

/// The line under the query: what the overlay is doing, or how many
/// records matched here and in all relations.
pub fn status(app: &App) -> String {
    let s = app.search();
    if !s.index_ready() {
        return format!("indexing {} relations…", app.ds().relations.len());
    }
    if s.input.text().trim().is_empty() {
        return "type words in any order · 'exact ^start end$ !not · typos forgiven".into();
    }
    match &s.results {
        None => "searching…".into(),
        Some(r) if r.query != s.input.text() => format!("searching… ({})", counts(app, r)),
        Some(r) if r.hits.len() < r.total => {
            format!("{} · best {} listed", counts(app, r), r.hits.len())
        }
        Some(r) => counts(app, r),
    }
}

/// "2 in Mexico ⇄ Vietnam · 5 in all", or "no match" when nothing matched anywhere.
fn counts(app: &App, r: &Results) -> String {
    let all: usize = r.by_relation.iter().sum();
    if all == 0 {
        return "no match in any relation".into();
    }
    let matches = |n: usize| format!("{n} match{}", if n == 1 { "" } else { "es" });
    match app
        .relation()
        .and_then(|i| Some((i, app.ds().relations.get(i)?)))
    {
        Some((i, rel)) => format!(
            "{} in {} · {all} in all",
            matches(r.by_relation.get(i).copied().unwrap_or(0)),
            app.ds().relation_name(rel)
        ),
        None => format!("{} in all relations", matches(all)),
    }
}

/// The hits that fit, the selected one in sight.
fn hit_rows(app: &App, results: &Results, area: Rect, buf: &mut Buffer, theme: Theme) {
    let page = usize::from(area.height);
    if page == 0 {
        return;
    }
    let selected = app.search().list.selected();
    let offset = app.search().list.offset();
    let shown = || results.hits.iter().enumerate().skip(offset).take(page);
    // The date column is as wide as the widest date shown, plus a space.
    let date_w = shown()
        .filter_map(|(_, h)| h.record.resolve(app.ds()))
        .map(|(_, r)| width(&crate::data::date_or_nd(r.date())))
        .max()
        .unwrap_or(0)
        + 1;
    for (row, hit) in shown() {
        let y = area.y + (row - offset) as u16;
        let at = Rect::new(area.x, y, area.width, 1);
        hit_row(app, hit, row == selected, date_w, at, buf, theme);
    }
}

/// One hit: kind, relation, date, then its text with the matches marked.
fn hit_row(
    app: &App,
    hit: &Hit,
    selected: bool,
    date_w: usize,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let Some((rel, rec)) = hit.record.resolve(app.ds()) else {
        return;
    };
    let base = if selected {
        theme.selected()
    } else {
        theme.base()
    };
    if selected {
        buf.set_style(area, base);
    }
    let w = usize::from(area.width);
    let kind = rec.kind();
    let mut spans = vec![
        Span::styled(if selected { "▶ " } else { "  " }, base),
        Span::styled(fit(kind.label(), KIND_W), base.patch(theme.kind(kind))),
    ];
    if app.ds().relations.len() > 1 && w >= 70 {
        spans.push(Span::styled(fit(&rel.id, REL_W), base));
    }
    let date = crate::data::date_or_nd(rec.date());
    spans.push(Span::styled(fit(&date, date_w), base));
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = w.saturating_sub(used);
    let text = row_text(app.ds(), hit, &rec.headline(app.ds(), rel), room);
    spans.extend(highlighted(&text.text, &text.positions, room, base, theme));
    Line::from(spans).render(area, buf);
}

/// The selected hit's whole record, as the detail pane draws it, with the
/// words the query matched marked.
fn preview_pane(app: &App, hit: &Hit, area: Rect, beside: bool, buf: &mut Buffer, theme: Theme) {
    let Some((rel, rec)) = hit.record.resolve(app.ds()) else {
        return;
    };
    let borders = if beside { Borders::LEFT } else { Borders::TOP };
    let block = Block::new()
        .borders(borders)
        .border_style(theme.border())
        .title(Span::styled(" Preview ", theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 2 || inner.height == 0 {
        return;
    }
    // One column of air after a side border.
    let inner = if beside {
        Rect::new(inner.x + 1, inner.y, inner.width - 1, inner.height)
    } else {
        inner
    };
    let lines = record_lines(app, rel, &rec, usize::from(inner.width));
    let words = snippet::matched_words(app.ds(), hit);
    let lines = lines
        .into_iter()
        .map(|l| mark_words(l, &words, theme))
        .collect::<Vec<_>>();
    Paragraph::new(lines).render(inner, buf);
}

/// The line with every occurrence of `words` in its spans marked.
fn mark_words(line: Line<'static>, words: &[String], theme: Theme) -> Line<'static> {
    let spans = line
        .spans
        .into_iter()
        .flat_map(|span| {
            let text: String = span.content.to_string();
            let positions = occurrences(&text, words);
            highlighted(&text, &positions, width(&text), span.style, theme)
        })
        .collect::<Vec<_>>();
    Line::from(spans).style(line.style)
}

/// Character positions in `text` covered by some occurrence of `words`.
fn occurrences(text: &str, words: &[String]) -> Vec<u32> {
    let mut out = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        let mut from = 0;
        while let Some(b) = text[from..].find(w.as_str()) {
            let start = text[..from + b].chars().count() as u32;
            out.extend(start..start + w.chars().count() as u32);
            from += b + w.len();
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_cover_every_copy_of_a_word() {
        let words = vec!["Saiffe".to_string(), "rice".to_string()];
        assert_eq!(
            occurrences("rice, Saiffe and rice", &words),
            vec![0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 17, 18, 19, 20]
        );
        assert!(occurrences("Đồng", &words).is_empty());
    }
}
