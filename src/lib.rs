//! bilateral: a terminal atlas of bilateral relations between countries.
//!
//! Data flows one way: [`data`] (types, loading, validation) → [`query`]
//! (timelines, filters) → the command line and the terminal interface.

pub mod app;
pub mod cli;
pub mod data;
pub mod heap;
pub mod query;
pub mod screen;
pub mod search;
#[cfg(any(test, feature = "synth"))]
pub mod synth;
pub mod text;
pub mod tui;
pub mod view;
