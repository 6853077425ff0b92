//! Copy and export keys in the app, without a terminal: what each asks the
//! event loop to do, the prompt as drawn at every size, and the footer's
//! word on what came of it.

use bilateral::app::effect::{Copied, Done, Effect, ExportFormat, ExportList};
use bilateral::app::{Action, Mode};
use bilateral::query::{Kind, filter::VisitFilter};
use crossterm::event::KeyCode;

use crate::common::{app, ctrl, footer, keys, press, screen};

#[test]
fn y_and_shift_y_ask_for_the_selected_record() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('j'));
    let selected = a.selected_record().expect("a visit is selected");
    press(&mut a, KeyCode::Char('y'));
    assert_eq!(
        a.take_effect(),
        Some(Effect::Copy {
            what: Copied::Record(selected),
            json: false
        })
    );
    assert_eq!(a.take_effect(), None, "taken once");
    press(&mut a, KeyCode::Char('Y'));
    assert!(matches!(
        a.take_effect(),
        Some(Effect::Copy { json: true, .. })
    ));
    a.update(Action::Done(Done::Copied {
        kind: Some(Kind::Visit),
        json: false,
        chars: 142,
    }));
    assert_eq!(footer(&a), "copied: 1 visit, 142 characters");
}

#[test]
fn y_on_an_empty_list_says_there_is_nothing_to_copy() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('4'));
    // Agreements of MEX-VNM "in force": none.
    keys(&mut a, "ff");
    assert_eq!(a.selected_record(), None);
    press(&mut a, KeyCode::Char('y'));
    assert_eq!(a.take_effect(), None);
    assert_eq!(footer(&a), "y: no record selected to copy");
}

#[test]
fn e_offers_a_name_for_the_view_and_asks_for_the_file() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(a.filters().visits, VisitFilter::Forward);
    press(&mut a, KeyCode::Char('e'));
    assert!(matches!(a.mode(), Mode::Export(_)));
    assert!(screen(&a).contains("mex-vnm-visits-forward.csv"));
    press(&mut a, KeyCode::Enter);
    let Some(Effect::Export(x)) = a.take_effect() else {
        panic!("Enter asks for the export");
    };
    assert_eq!(x.path, "mex-vnm-visits-forward.csv");
    assert_eq!(x.format, ExportFormat::Csv);
    assert_eq!(x.list, ExportList::Records(Kind::Visit));
    assert_eq!(x.relations, [0]);
    assert_eq!(x.filter.direction, VisitFilter::Forward);
    assert!(!x.overwrite);
    // The file exists: the prompt says so, and Enter again replaces it.
    a.update(Action::Done(Done::ExportExists));
    assert!(footer(&a).contains("exists — Enter replaces it, Esc keeps it"));
    press(&mut a, KeyCode::Enter);
    let Some(Effect::Export(x)) = a.take_effect() else {
        panic!("Enter asks again");
    };
    assert!(x.overwrite);
    a.update(Action::Done(Done::Exported { bytes: 1234 }));
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!(
        footer(&a),
        "exported to mex-vnm-visits-forward.csv (1,234 bytes)"
    );
}

#[test]
fn the_name_sets_the_format_and_editing_it_forgets_the_warning() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::Char('e'));
    ctrl(&mut a, 'u');
    keys(&mut a, "facts.txt");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.take_effect(), None);
    assert!(footer(&a).contains("must end in .csv, .md or .json"));
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    keys(&mut a, "md");
    press(&mut a, KeyCode::Enter);
    let Some(Effect::Export(x)) = a.take_effect() else {
        panic!("a name ending in .md is written");
    };
    assert_eq!(
        (x.format, x.list),
        (ExportFormat::Md, ExportList::Records(Kind::Fact))
    );
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.mode(), Mode::Normal);
}

#[test]
fn the_export_prompt_at_every_size() {
    for (w, h) in [(120, 40), (80, 24), (60, 15)] {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('4'));
        press(&mut a, KeyCode::Char('e'));
        insta::assert_snapshot!(format!("export_prompt_{w}x{h}"), screen(&a));
    }
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('6'));
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Enter);
    a.update(Action::Done(Done::ExportExists));
    insta::assert_snapshot!("export_prompt_exists_80x24", screen(&a));
}
