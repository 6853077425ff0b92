//! The frames measured by `benches/frames.rs` and `examples/frame_cpu.rs`:
//! every tab at 200×60 on the synthetic records, for one relation and for
//! all relations, each halfway down its list.

use bilateral::app::{Action, App, Tab};
use bilateral::synth::{self, Options};
use ratatui::layout::Rect;

/// The interface at 200×60 on `records` synthetic records (seed 1).
pub fn app(records: usize) -> App {
    let ds = synth::generate(Options { records, seed: 1 });
    App::new(ds, Rect::new(0, 0, 200, 60), true, 2026)
}

/// Brings `app` to each tab of one relation, then of all relations, halfway
/// down the tab's list (so the frame is not the easy first page), and calls
/// `f(app, tab, scope)` there.
pub fn each(app: &mut App, mut f: impl FnMut(&App, Tab, &str)) {
    for (scope, relation) in [("one relation", Some(0)), ("all relations", None)] {
        app.update(Action::ShowRelation(relation));
        for tab in Tab::ALL {
            app.update(Action::GoTab(tab));
            let len = app.rows().len(tab);
            app.update(Action::Top);
            for _ in 0..(len / 2).min(5_000) {
                app.update(Action::Down);
            }
            f(app, tab, scope);
        }
    }
}
