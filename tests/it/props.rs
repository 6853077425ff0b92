//! Property tests: every tab and overlay draws at every size without a panic,
//! and long random sessions of keys, clicks and resizes keep the state sound.

use std::collections::HashSet;

use crate::common::{app, assert_cursors_valid, key_event, mouse, press, press_with};
use bilateral::app::{Action, App, Mode, Tab};
use bilateral::view;
use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What can be open on top of the tabs.
#[derive(Debug, Clone, Copy)]
enum Overlay {
    None,
    Help,
    Sources,
    Detail,
    Picker,
}

const OVERLAYS: [Overlay; 5] = [
    Overlay::None,
    Overlay::Help,
    Overlay::Sources,
    Overlay::Detail,
    Overlay::Picker,
];

fn render(a: &App) -> Buffer {
    let mut buf = Buffer::empty(a.area());
    view::render(a, &mut buf);
    buf
}

/// A screen to draw: `tab` of the scope reached with `scope` presses of `]`,
/// `moves` rows down, with `overlay` open (scrolled by `scroll`, or the
/// picker filtered by `query`), at `w`×`h`.
#[derive(Debug, Clone)]
struct Screen {
    w: u16,
    h: u16,
    scope: usize,
    tab: Tab,
    moves: usize,
    overlay: Overlay,
    scroll: usize,
    query: String,
}

/// The app showing `s`, reached by keys.
fn state(s: &Screen) -> App {
    let mut a = app(s.w, s.h);
    for _ in 0..s.scope {
        press(&mut a, KeyCode::Char(']'));
    }
    press(
        &mut a,
        KeyCode::Char(char::from(b'1' + s.tab.index() as u8)),
    );
    for _ in 0..s.moves {
        press(&mut a, KeyCode::Char('j'));
    }
    match s.overlay {
        Overlay::None => {}
        Overlay::Help => press(&mut a, KeyCode::Char('?')),
        Overlay::Sources => press(&mut a, KeyCode::Char('s')),
        // On the merged overview Enter opens the relation instead: a screen all the same.
        Overlay::Detail => press(&mut a, KeyCode::Enter),
        Overlay::Picker => {
            press(&mut a, KeyCode::Char('r'));
            for c in s.query.chars() {
                press(&mut a, KeyCode::Char(c));
            }
        }
    }
    for _ in 0..s.scroll {
        press(&mut a, KeyCode::Down);
    }
    a
}

fn screen_strategy() -> impl Strategy<Value = Screen> {
    (
        (1u16..=300, 1u16..=100),
        0usize..3,
        proptest::sample::select(Tab::ALL.to_vec()),
        0usize..40,
        proptest::sample::select(OVERLAYS.to_vec()),
        0usize..80,
        "[a-zA-Z ⇄é]{0,8}",
    )
        .prop_map(
            |((w, h), scope, tab, moves, overlay, scroll, query)| Screen {
                w,
                h,
                scope,
                tab,
                moves,
                overlay,
                scroll,
                query,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_tab_and_overlay_renders_at_any_size(s in screen_strategy()) {
        let a = state(&s);
        let buf = render(&a);
        prop_assert_eq!(buf.area, Rect::new(0, 0, s.w, s.h));
        assert_cursors_valid(&a, "after rendering");
    }
}

/// Small sizes, where layouts break first, all of them rather than a sample.
#[test]
fn every_small_size_renders() {
    let tabs = Tab::ALL.map(|t| (t, Overlay::None));
    let overlays = [
        (Tab::Visits, Overlay::Help),
        (Tab::Visits, Overlay::Sources),
        (Tab::Visits, Overlay::Detail),
        (Tab::Visits, Overlay::Picker),
    ];
    for scope in 0..3 {
        let screens: Vec<App> = tabs
            .iter()
            .chain(overlays.iter())
            .map(|(tab, overlay)| {
                state(&Screen {
                    w: 80,
                    h: 24,
                    scope,
                    tab: *tab,
                    moves: 3,
                    overlay: *overlay,
                    scroll: 2,
                    query: "e".into(),
                })
            })
            .collect();
        for mut a in screens {
            for w in 1..=64 {
                for h in 1..=18 {
                    a.update(Action::Resize(w, h));
                    render(&a);
                }
            }
        }
    }
}

/// Every tab, overlay and scope, at the extremes and around the smallest full layout.
#[test]
fn every_combination_renders_at_the_extreme_sizes() {
    for scope in 0..3 {
        for tab in Tab::ALL {
            for overlay in OVERLAYS {
                for (w, h) in [
                    (1, 1),
                    (300, 100),
                    (300, 1),
                    (1, 100),
                    (60, 15),
                    (59, 15),
                    (99, 14),
                ] {
                    let a = state(&Screen {
                        w,
                        h,
                        scope,
                        tab,
                        moves: 5,
                        overlay,
                        scroll: 3,
                        query: "mex".into(),
                    });
                    render(&a);
                    assert_cursors_valid(&a, &format!("{scope} {tab:?} {overlay:?} {w}x{h}"));
                }
            }
        }
    }
}

/// One step of a random session.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Release(KeyCode),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(bool, u16, u16),
    /// A mouse event the interface does not use.
    OtherMouse(u16, u16),
    /// Time passing: search results are taken in.
    Tick,
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    let bound: Vec<KeyCode> = "jjjjkkkggGhhllLcfffrs?[]]123456qnN/ eyY"
        .chars()
        .map(KeyCode::Char)
        .chain([
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::F(1),
        ])
        .collect();
    prop_oneof![
        8 => proptest::sample::select(bound),
        // Anything one can type into the picker.
        1 => any::<char>().prop_filter("printable", |c| !c.is_control()).prop_map(KeyCode::Char),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let mods = prop_oneof![
        12 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
    ];
    prop_oneof![
        80 => (key_code(), mods).prop_map(|(k, m)| Step::Key(k, m)),
        2 => key_code().prop_map(Step::Release),
        2 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        8 => (0u16..320, 0u16..110).prop_map(|(x, y)| Step::Click(x, y)),
        5 => (any::<bool>(), 0u16..320, 0u16..110).prop_map(|(d, x, y)| Step::Wheel(d, x, y)),
        1 => (0u16..320, 0u16..110).prop_map(|(x, y)| Step::OtherMouse(x, y)),
        4 => Just(Step::Tick),
    ]
}

fn apply(a: &mut App, s: &Step) {
    match s {
        Step::Key(code, mods) => press_with(a, *code, *mods),
        Step::Release(code) => {
            let mut ev = key_event(*code, KeyModifiers::NONE);
            ev.kind = KeyEventKind::Release;
            assert_eq!(a.key_action(&ev), None, "a release does nothing");
        }
        Step::Resize(w, h) => a.update(Action::Resize(*w, *h)),
        Step::Click(x, y) => mouse(a, MouseEventKind::Down(MouseButton::Left), *x, *y),
        Step::Wheel(down, x, y) => {
            let kind = if *down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            };
            mouse(a, kind, *x, *y);
        }
        Step::OtherMouse(x, y) => mouse(a, MouseEventKind::Moved, *x, *y),
        Step::Tick => a.update(Action::Tick),
    }
}

fn check(a: &App, i: usize, s: &Step) {
    let context = format!("step {i} ({s:?})");
    assert_cursors_valid(a, &context);
    if *a.mode() == Mode::Search {
        let n = a.search().hits_len();
        assert!(
            a.search().list.selected() < n.max(1),
            "{context}: search selects {} of {n}",
            a.search().list.selected()
        );
        assert!(
            a.search().input.cursor() <= a.search().input.text().chars().count(),
            "{context}: text cursor past the end"
        );
    }
    if let Mode::Picker(p) = a.mode() {
        assert!(
            p.list().selected() < p.matches().len().max(1),
            "{context}: picker selects {} of {}",
            p.list().selected(),
            p.matches().len()
        );
    }
    assert!(a.relation().is_none_or(|r| r < a.ds().relations.len()));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 6,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]

    #[test]
    fn long_random_sessions_never_panic(
        w in 1u16..=300,
        h in 1u16..=100,
        steps in proptest::collection::vec(step(), 10_000),
    ) {
        let mut a = app(w, h);
        // Search for real: queries typed in the overlay reach the engine.
        a.search().build_index(a.ds());
        let last = steps.len() - 1;
        let mut tabs = HashSet::new();
        let mut scopes = HashSet::new();
        let mut modes = HashSet::new();
        for (i, s) in steps.iter().enumerate() {
            apply(&mut a, s);
            // The session goes on after a quit (which only tells the event
            // loop to stop), to reach more states.
            check(&a, i, s);
            if i % 100 == 0 || i == last {
                render(&a);
            }
            tabs.insert(a.tab());
            scopes.insert(a.relation());
            modes.insert(std::mem::discriminant(a.mode()));
        }
        // The session went through the whole interface, not one corner of it.
        prop_assert_eq!(tabs.len(), Tab::ALL.len());
        prop_assert_eq!(scopes.len(), a.ds().relations.len() + 1);
        prop_assert_eq!(modes.len(), 7, "normal, help, sources, detail, picker, search and export");
    }
}
