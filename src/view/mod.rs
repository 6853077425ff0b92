//! Drawing: a pure function of [`App`]. Nothing here changes state.

pub mod agreements;
pub mod axis;
pub mod detail;
pub mod export;
pub mod help;
pub mod list;
pub mod missions;
pub mod overview;
pub mod picker;
pub mod search;
pub mod sources;
pub mod spark;
pub mod timeline;
pub mod trade;
pub mod visits;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::{App, Drawn, Mode, Tab, Tone, keymap};
use crate::screen::{Theme, layout, theme};
use crate::text::{truncate, width};

/// The footer's word for Esc.
const BACK: &str = "back";

/// The message shown when the terminal is below the smallest usable size.
pub fn too_small_message() -> String {
    format!(
        "terminal too small: need {}×{}",
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    )
}

/// Draws the whole interface into `buf`, clipped to its area, and says what
/// the frame found that the state cannot know (see [`Drawn`]).
pub fn render(app: &App, buf: &mut Buffer) -> Drawn {
    let area = app.area().intersection(buf.area);
    let mut drawn = Drawn::default();
    if area.width == 0 || area.height == 0 {
        return drawn;
    }
    let theme = app.theme();
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
        return drawn;
    }
    let frame = layout::frame(area);
    header(app, frame.header, buf, theme);
    tabs(app, frame.tabs, buf, theme);
    match app.tab() {
        Tab::Overview => overview::render(app, frame.body, buf),
        Tab::Timeline => timeline::render(app, frame.body, buf),
        Tab::Visits => visits::render(app, frame.body, buf),
        Tab::Agreements => agreements::render(app, frame.body, buf),
        Tab::Trade => trade::render(app, frame.body, buf),
        Tab::Missions => missions::render(app, frame.body, buf),
    }
    footer(app, frame.footer, buf, theme);
    let mut text_overlay = |title: &str, lines: fn(&App, usize) -> Vec<Line<'static>>, scroll| {
        let o = layout::text_overlay(area);
        let lines = lines(app, usize::from(o.width.saturating_sub(2)));
        let typing = matches!(app.mode(), Mode::Help { typing: true, .. });
        Some(overlay(o, buf, title, lines, scroll, typing, theme))
    };
    drawn.overlay_end = match app.mode() {
        Mode::Normal => None,
        Mode::Help { scroll, .. } => text_overlay(&help::title(app), help::lines, *scroll),
        Mode::Sources { scroll } => text_overlay("Sources", sources::lines, *scroll),
        Mode::Detail { scroll } => text_overlay("Record", detail::lines, *scroll),
        Mode::Picker(p) => {
            picker::render(app, p, area, buf);
            None
        }
        Mode::Search => {
            search::render(app, area, buf);
            None
        }
        Mode::Export(p) => {
            export::render(app, p, area, buf);
            None
        }
    };
    // Flags and emoji sequences in a form every terminal draws as laid out.
    crate::text::settle(buf);
    drawn
}

/// The relation shown in the header: "Mexico ⇄ Vietnam · since 19 May 1975".
pub fn scope_title(app: &App) -> String {
    match app.shown_relation() {
        Some(rel) => {
            let since = rel
                .established
                .map_or_else(String::new, |d| format!(" · since {d}"));
            format!("{}{since}", app.ds().relation_name(rel))
        }
        None => format!("All relations ({})", app.ds().relations.len()),
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
        let style = if tab == app.tab() {
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
    if let Some(m) = app.message() {
        let style = match m.tone {
            Tone::Info => theme.label(),
            Tone::Refusal => theme.warning(),
        };
        let w = usize::from(area.width.saturating_sub(1));
        Line::from(vec![
            Span::raw(" "),
            Span::styled(truncate(&m.text, w), style),
        ])
        .render(area, buf);
        return;
    }
    let mut items = keymap::footer(&app.sections());
    // On the tabs Esc goes back only after a jump: then it matters most.
    if *app.mode() == Mode::Normal
        && let Some(i) = items.iter().position(|(_, w)| *w == BACK)
    {
        let back = items.remove(i);
        if app.can_go_back() {
            items.insert(0, back);
        }
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (keys, word) in items {
        let item = width(&keys) + 1 + width(word) + 2;
        if used + item > usize::from(area.width) {
            break;
        }
        used += item;
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {word}  ")));
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
    match app.tab() {
        Tab::Timeline => app
            .filters()
            .timeline
            .map(|k| format!("only {}", k.plural())),
        Tab::Visits => {
            let rel = app.shown_relation();
            let name = |i: usize| rel.map_or("", |r| app.ds().country_name(&r.countries[i]));
            match app.filters().visits {
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
            .filters()
            .agreements
            .map(|s| format!("only {}", s.label())),
        _ => None,
    }
}

/// Draws an overlay: a bordered, cleared box with a title, showing `lines`
/// from `scroll` on (never past the end), and saying when more lies below.
/// Returns how far it can scroll: its lines less those that fit.
pub fn overlay(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    typing: bool,
    theme: Theme,
) -> usize {
    use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
    Clear.render(area, buf);
    let inner_h = usize::from(area.height.saturating_sub(2));
    let end = lines.len().saturating_sub(inner_h);
    let scroll = scroll.min(end);
    // While the help filter is typed, letters are text, not keys.
    let keys = if typing {
        "↑/↓ scroll · Enter keep · Esc clear"
    } else {
        "j/k scroll · Esc close"
    };
    let hint = if scroll < end {
        format!(" ▼ more · {keys} ")
    } else {
        format!(" {keys} ")
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()))
        .title_bottom(Line::styled(hint, theme.dim()).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(inner_h).collect();
    Paragraph::new(shown).render(inner, buf);
    end
}
