//! Drawing: a pure function of [`App`]. Nothing here changes state.

pub mod agreements;
pub mod detail;
pub mod help;
pub mod layout;
pub mod list;
pub mod missions;
pub mod overview;
pub mod picker;
pub mod search;
pub mod sources;
pub mod spark;
pub mod theme;
pub mod timeline;
pub mod trade;
pub mod visits;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::{App, Mode, Tab};
use crate::text::{truncate, width};

use theme::Theme;

/// The message shown when the terminal is below the smallest usable size.
pub fn too_small_message() -> String {
    format!(
        "terminal too small: need {}×{}",
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    )
}

/// Draws the whole interface into `buf`, clipped to its area.
pub fn render(app: &App, buf: &mut Buffer) {
    let area = app.area.intersection(buf.area);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = Theme { color: app.color };
    if layout::too_small(area) {
        let msg = too_small_message();
        let size = format!("now {}×{}", area.width, area.height);
        // Too narrow for the message on one line: the size needed goes on its own line, so it still shows.
        let lines = if width(&msg) <= usize::from(area.width) {
            vec![(msg, theme.warning()), (size, theme.dim())]
        } else {
            vec![
                ("terminal too small".to_string(), theme.warning()),
                (
                    format!("need {}×{}", layout::MIN_WIDTH, layout::MIN_HEIGHT),
                    theme.warning(),
                ),
                (size, theme.dim()),
            ]
        };
        let top = area.y + area.height.saturating_sub(1) / 2;
        for (y, (text, style)) in (top..area.bottom()).zip(lines) {
            let t = truncate(&text, usize::from(area.width));
            let x = area.x + (area.width.saturating_sub(width(&t) as u16)) / 2;
            buf.set_string(x, y, t, style);
        }
        return;
    }
    let frame = layout::frame(area);
    header(app, frame.header, buf, theme);
    tabs(app, frame.tabs, buf, theme);
    match app.tab {
        Tab::Overview => overview::render(app, frame.body, buf),
        Tab::Timeline => timeline::render(app, frame.body, buf),
        Tab::Visits => visits::render(app, frame.body, buf),
        Tab::Agreements => agreements::render(app, frame.body, buf),
        Tab::Trade => trade::render(app, frame.body, buf),
        Tab::Missions => missions::render(app, frame.body, buf),
    }
    footer(app, frame.footer, buf, theme);
    match &app.mode {
        Mode::Normal => {}
        Mode::Help { scroll } => help::render(app, *scroll, area, buf),
        Mode::Sources { scroll } => sources::render(app, *scroll, area, buf),
        Mode::Detail { scroll } => render_detail_overlay(app, *scroll, area, buf),
        Mode::Picker(p) => picker::render(app, p, area, buf),
        Mode::Search => search::render(app, area, buf),
    }
    // Flags and emoji sequences in a form every terminal draws as laid out.
    crate::text::settle(buf);
}

/// The relation shown in the header: "Mexico ⇄ Vietnam · since 19 May 1975".
pub fn scope_title(app: &App) -> String {
    match app.relation.and_then(|r| app.ds.relations.get(r)) {
        Some(rel) => {
            let since = rel
                .established
                .map_or_else(String::new, |d| format!(" · since {d}"));
            format!("{}{since}", detail::relation_name(app, rel))
        }
        None => format!("All relations ({})", app.ds.relations.len()),
    }
}

fn header(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let right = "[ ] relation  r pick  ? help ";
    let left = format!(" bilateral · {}", scope_title(app));
    let w = usize::from(area.width);
    let room_right = w >= width(&left) + width(right) + 2;
    let left_max = if room_right { w - width(right) } else { w };
    let mut spans = vec![Span::styled(truncate(&left, left_max), theme.title())];
    let used = spans.iter().map(|s| width(&s.content)).sum::<usize>();
    if room_right {
        spans.push(Span::raw(" ".repeat(w - used - width(right))));
        spans.push(Span::styled(right, theme.dim()));
    }
    Line::from(spans).render(area, buf);
}

fn tabs(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    for ((tab, x0, _), (i, _)) in layout::tab_spans(area)
        .into_iter()
        .zip(Tab::ALL.iter().enumerate())
    {
        if x0 >= area.right() {
            break;
        }
        let style = if tab == app.tab {
            theme.active_tab()
        } else {
            theme.base()
        };
        let label = layout::tab_label(i, tab, area.width);
        let room = usize::from(area.right() - x0);
        buf.set_stringn(x0, area.y, &label, room, style);
    }
}

fn footer(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let sections = app.sections();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let mut seen: Vec<&str> = Vec::new();
    // "quit" goes last: it matters least while working.
    let mut bindings: Vec<&crate::app::keymap::Binding> = sections
        .iter()
        .flat_map(|s| {
            crate::app::keymap::BINDINGS
                .iter()
                .filter(move |b| b.section == *s)
        })
        .collect();
    bindings.sort_by_key(|b| b.action == crate::app::Action::Quit);
    for b in bindings {
        {
            let Some(word) = b.footer else { continue };
            if seen.contains(&word) {
                continue;
            }
            seen.push(word);
            let keys = b.footer_keys();
            let item = width(&keys) + 1 + width(word) + 2;
            if used + item > usize::from(area.width) {
                break;
            }
            used += item;
            spans.push(Span::styled(keys, theme.key()));
            spans.push(Span::raw(format!(" {word}  ")));
        }
    }
    if let Some(state) = filter_state(app) {
        let text = format!("[{state}]");
        if used + width(&text) < usize::from(area.width) {
            spans.push(Span::styled(text, theme.label()));
        }
    }
    Line::from(spans).render(area, buf);
}

/// The active filter of the current tab, in words.
pub fn filter_state(app: &App) -> Option<String> {
    use crate::app::VisitFilter;
    match app.tab {
        Tab::Timeline => app.filters.timeline.map(|k| format!("only {}s", k.label())),
        Tab::Visits => {
            let rel = app.relation.and_then(|r| app.ds.relations.get(r));
            let name = |i: usize| rel.map_or("", |r| app.ds.country_name(&r.countries[i]));
            match app.filters.visits {
                VisitFilter::Both => None,
                VisitFilter::Forward if rel.is_some() => Some(format!("{} → {}", name(0), name(1))),
                VisitFilter::Backward if rel.is_some() => {
                    Some(format!("{} → {}", name(1), name(0)))
                }
                VisitFilter::Forward => Some("first → second country".into()),
                VisitFilter::Backward => Some("second → first country".into()),
            }
        }
        Tab::Agreements => app
            .filters
            .agreements
            .map(|s| format!("only {}", s.label())),
        _ => None,
    }
}

/// Draws an overlay: a bordered, cleared box with a title, showing `lines`
/// from `scroll` on, and saying when more lies below.
pub fn overlay(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: u16,
    theme: Theme,
) {
    use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
    Clear.render(area, buf);
    let inner_h = area.height.saturating_sub(2);
    let max = lines.len().saturating_sub(usize::from(inner_h));
    let more = usize::from(scroll) < max;
    let hint = if more {
        " ▼ more · j/k scroll · Esc close "
    } else {
        " j/k scroll · Esc close "
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()))
        .title_bottom(Line::styled(hint, theme.dim()).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(scrolled(lines, scroll, inner.height)).render(inner, buf);
}

/// The area overlays are drawn in.
pub fn overlay_area(app: &App) -> Rect {
    layout::overlay(app.area, 80, 80, 56, 13)
}

/// How far the open overlay can scroll: its lines minus the lines that fit.
pub fn overlay_max_scroll(app: &App) -> u16 {
    let area = overlay_area(app);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let lines = match &app.mode {
        Mode::Help { .. } => help::lines(app, inner_w).len(),
        Mode::Sources { .. } => sources::lines(app, inner_w).len(),
        Mode::Detail { .. } => detail::lines(app, inner_w).len(),
        _ => 0,
    };
    u16::try_from(lines.saturating_sub(inner_h)).unwrap_or(u16::MAX)
}

/// Scrolls a list of lines for an overlay, never past the end.
pub fn scrolled(lines: Vec<Line<'static>>, scroll: u16, height: u16) -> Vec<Line<'static>> {
    let max = lines.len().saturating_sub(usize::from(height));
    let start = usize::from(scroll).min(max);
    lines
        .into_iter()
        .skip(start)
        .take(usize::from(height))
        .collect()
}

fn render_detail_overlay(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = Theme { color: app.color };
    let o = layout::overlay(area, 80, 80, 56, 13);
    let lines = detail::lines(app, usize::from(o.width.saturating_sub(2)));
    overlay(o, buf, "Record", lines, scroll, theme);
}
