//! The integration tests, in one binary so they link once: the command line
//! and the interface driven as a user drives them, from outside the library.

#[path = "../../fuzz/check_load.rs"]
mod check_load;
mod common;
#[path = "common/forbidden.rs"]
mod forbidden;

mod app_behaviour;
mod charts;
mod cite;
mod cli;
mod cli_terminal;
mod completions;
mod comtrade;
mod copy_export;
mod copy_keys;
mod fuzz_seeds;
mod hostile;
mod hostile_tui;
mod injection;
mod layered;
mod layers;
mod limits;
mod loader_props;
mod overlays;
mod props;
mod pty;
mod readme;
mod readme_keys;
mod screens;
mod search_cli;
mod search_tui;
mod show;
mod sizes;
mod snapshots;
mod text_input;
mod trade;
mod usage;
mod validate;
