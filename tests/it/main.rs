//! The integration tests, in one binary so they link once: the command line
//! and the interface driven as a user drives them, from outside the library.

#[path = "../../fuzz/check_load.rs"]
mod check_load;
mod common;
#[path = "common/forbidden.rs"]
mod forbidden;

mod app_behaviour;
mod cli;
mod fuzz_seeds;
mod hostile;
mod hostile_tui;
mod layers;
mod limits;
mod loader_props;
mod overlays;
mod props;
mod pty;
mod readme;
mod screens;
mod search_cli;
mod search_tui;
mod sizes;
mod snapshots;
mod text_input;
mod trade;
mod validate;
