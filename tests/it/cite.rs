//! The citation line of every kind of record, as `bilateral cite` prints it
//! (and `show --format cite`, and `y` in the interface): the fact in words,
//! the date at its precision, amounts with their qualifier, then the sources.
//! And `list`'s tab filters, which keep the rows the interface keeps.

use assert_cmd::Command;
use bilateral::app::{Tab, VisitFilter};
use bilateral::data::AgreementStatus;

use crate::common;

fn bilateral(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("bilateral")
        .expect("the binary is built")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("bilateral runs")
}

fn cite(id: &str) -> String {
    let out = bilateral(&["cite", id]);
    assert!(out.status.success(), "cite {id}: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim_end()
        .to_string()
}

const OVERVIEW: &str = "(Vietnam–Mexico relations (overview), § paragraph 3)";
const REPORT: &str = "Vietnam - Mexico: Reinforcing Friendship, Advancing Practical Cooperation, \
Rosie Nguyen, 26 April 2025";

#[test]
fn a_visit_names_who_went_where_and_when() {
    assert_eq!(
        cite("mex-vnm-visit-2002-phan-van-khai"),
        format!(
            "Prime Minister Phan Van Khai of Vietnam visited Mexico in October 2002 \
             (purpose: 10th APEC Summit). {OVERVIEW}"
        )
    );
    assert_eq!(
        cite("mex-vnm-visit-1975-nguyen-co-thach"),
        format!(
            "Minister of Foreign Affairs Nguyen Co Thach of Vietnam visited Mexico in 1975. {OVERVIEW}"
        )
    );
}

#[test]
fn an_event_has_its_date_at_its_precision() {
    assert_eq!(
        cite("mex-vnm-event-1975-relations"),
        "19 May 1975: Diplomatic relations established. \
         (Vietnam–Mexico relations (overview), § paragraph 2)"
    );
}

#[test]
fn an_agreement_has_its_status_and_signing() {
    assert_eq!(
        cite("mex-pak-agreement-2015-science"),
        "Agreement on Scientific and Technical Cooperation (science and technology) — \
         signed in 2015. (Mexico–Pakistan relations, § Bilateral agreements)"
    );
    assert_eq!(
        cite("mex-vnm-agreement-agriculture"),
        "Cooperation agreements: agriculture — signed. \
         (Vietnam–Mexico relations (overview), § paragraph 5)"
    );
}

#[test]
fn trade_figures_say_how_they_are_stated() {
    assert_eq!(
        cite("mex-vnm-trade-2004"),
        "Two-way trade between Mexico and Vietnam in 2004: US$187 million. \
         (Vietnam–Mexico relations (overview), § paragraph 4)"
    );
    // A lower bound says so.
    assert_eq!(
        cite("mex-vnm-trade-2006"),
        "Two-way trade between Mexico and Vietnam in 2006: over US$300 million \
         (stated as a lower bound: the true figure is higher). \
         (Vietnam–Mexico relations (overview), § paragraph 4)"
    );
    // A derived figure says it is not a source's, and how it was computed.
    let derived = cite("mex-vnm-trade-2023");
    assert!(
        derived.starts_with(
            "Two-way trade between Mexico and Vietnam in 2023: ≈ US$11.8 billion \
             (derived, not stated by a source: computed from "
        ),
        "{derived}"
    );
    assert!(derived.contains("15 ÷ 1.275 ≈ 11.76"), "{derived}");
    assert!(derived.ends_with(&format!(
        "({REPORT}, § Fruitful results, potential and room for growth)"
    )));
    // An approximate figure keeps its sign.
    assert!(cite("mex-vnm-trade-2024").contains(": ≈ US$15 billion."));
}

#[test]
fn a_mission_has_its_dates_and_status() {
    assert_eq!(
        cite("mex-vnm-mission-mex-embassy-hanoi"),
        "Mexico's embassy in Hanoi: opened in 1976, closed in 1980, reopened in July 2000; \
         status: open. (Vietnam–Mexico relations (overview), § paragraph 2)"
    );
}

#[test]
fn a_fact_names_who_said_it() {
    assert_eq!(
        cite("mex-vnm-fact-unsc-support"),
        "Mexico supported Vietnam's candidacy for a non-permanent seat on the UN Security \
         Council for the 2008-2009 term. (Vietnam–Mexico relations (overview), § paragraph 4)"
    );
    let said = bilateral(&[
        "list",
        "facts",
        "--format",
        "csv",
        "--columns",
        "id,said_by",
    ]);
    let said = String::from_utf8(said.stdout).unwrap();
    let id = said
        .lines()
        .find(|l| l.ends_with("Phan Chi Hieu"))
        .and_then(|l| l.split(',').next())
        .expect("a fact said by Phan Chi Hieu");
    let line = cite(id);
    assert!(
        line.contains(
            "since ties were established in 1975 (said by Phan Chi Hieu, president of the \
             Vietnam Academy of Social Sciences). ("
        ),
        "{line}"
    );
}

#[test]
fn products_and_growth_read_as_the_detail_pane_states_them() {
    assert_eq!(
        cite("mex-vnm-products-vnm-to-mex"),
        "Vietnam exports to Mexico: apparel, footwear, handicraft. \
         (Vietnam–Mexico relations (overview), § paragraph 4)"
    );
    assert_eq!(
        cite("mex-vnm-growth-2024"),
        format!(
            "Two-way trade in 2024 was up 27.5% from 2023, according to Mexican data. \
             ({REPORT}, § Fruitful results, potential and room for growth)"
        )
    );
}

#[test]
fn show_format_cite_is_cite_and_takes_relations_and_sources() {
    let out = bilateral(&[
        "show",
        "--format",
        "cite",
        "mex-vnm-trade-2004",
        "MEX-VNM",
        "vn-mx-overview",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], cite("mex-vnm-trade-2004"));
    assert!(lines[1].starts_with("Mexico ⇄ Vietnam, relations established on 19 May 1975: "));
    assert_eq!(lines[2], "Vietnam–Mexico relations (overview)");
}

#[test]
fn citations_escape_markdown() {
    // The title has an ampersand, which Markdown would read as an entity.
    let line = cite("mex-pak-agreement-2008-rice");
    assert!(line.contains("Food Security &amp; Research"), "{line}");
}

/// The ids `bilateral list KIND ARGS` prints, in order.
fn listed(kind: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", kind, "--format", "csv", "--columns", "id"];
    all.extend_from_slice(args);
    let out = bilateral(&all);
    assert!(out.status.success(), "{all:?}: {out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(String::from)
        .collect()
}

/// The ids of the rows a tab shows, in order.
fn shown(app: &bilateral::app::App, tab: Tab) -> Vec<String> {
    let rows = app.rows();
    (0..rows.len(tab))
        .filter_map(|i| rows.record_at(tab, i))
        .filter_map(|r| Some(r.resolve(app.ds())?.1.id().to_string()))
        .collect()
}

#[test]
fn list_filters_keep_what_the_tabs_keep() {
    let mut app = common::app(120, 40);
    let all = || ["--relation", "MEX-VNM"];
    common::press(&mut app, crossterm::event::KeyCode::Char('3'));
    for (filter, arg) in [
        (VisitFilter::Forward, "forward"),
        (VisitFilter::Backward, "backward"),
        (VisitFilter::Both, "both"),
    ] {
        common::press(&mut app, crossterm::event::KeyCode::Char('f'));
        assert_eq!(app.filters().visits, filter);
        let mut args = all().to_vec();
        args.extend(["--direction", arg]);
        assert_eq!(shown(&app, Tab::Visits), listed("visits", &args), "{arg}");
    }
    common::press(&mut app, crossterm::event::KeyCode::Char(']'));
    common::press(&mut app, crossterm::event::KeyCode::Char('4'));
    for (status, arg) in [
        (AgreementStatus::Signed, "signed"),
        (AgreementStatus::InForce, "in-force"),
        (AgreementStatus::UnderNegotiation, "under-negotiation"),
        (AgreementStatus::Reported, "reported"),
    ] {
        common::press(&mut app, crossterm::event::KeyCode::Char('f'));
        assert_eq!(app.filters().agreements, Some(status));
        let args = ["--relation", "MEX-PAK", "--status", arg];
        assert_eq!(
            shown(&app, Tab::Agreements),
            listed("agreements", &args),
            "{arg}"
        );
    }
    assert_eq!(
        listed(
            "agreements",
            &["--relation", "MEX-PAK", "--status", "signed"]
        )
        .len(),
        3
    );
}

#[test]
fn a_filter_given_to_a_list_it_does_not_filter_is_refused() {
    for (args, says) in [
        (
            &["list", "visits", "--status", "signed"][..],
            "--status filters `bilateral list agreements` only",
        ),
        (
            &["list", "facts", "--direction", "forward"][..],
            "--direction filters `bilateral list visits` only",
        ),
        (
            &["list", "visits", "--kind", "events"][..],
            "--kind filters `bilateral list timeline` only",
        ),
        (
            &["list", "timeline", "--kind", "facts"][..],
            "the timeline lists events, visits, agreements, missions and trade",
        ),
    ] {
        let out = bilateral(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
