//! The dataset: its types, dates, money, loading and validation.
//! Nothing here knows about terminals.

pub mod date;
pub mod load;
pub mod model;
pub mod money;
pub mod problem;
pub mod sanitize;
pub mod validate;
mod windowed;

pub use date::{Date, Precision, cmp_dated, date_or_nd};
pub use load::{DEFAULT_MAX_BYTES, LoadError, load_embedded, load_path, parse_str};
pub use model::*;
pub use money::{Amount, Derivation, Qualifier, format_money, short_money};
pub use problem::{Problem, ProblemKind};
