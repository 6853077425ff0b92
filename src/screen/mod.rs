//! What the interface shows and where, below both the state ([`crate::app`])
//! and the drawing ([`crate::view`]): the tabs, the styles, and the place of
//! every part of the screen as pure functions of the terminal's size.
//!
//! The app sizes pages and hit-tests clicks with the same functions the views
//! draw with, so a click lands on what was drawn and a page is what shows.

pub mod chart;
pub mod layout;
pub mod tab;
pub mod theme;

pub use tab::Tab;
pub use theme::Theme;
