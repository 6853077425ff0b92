//! The dataset: its types, dates, money, loading and validation.
//! Nothing here knows about terminals.

pub mod date;
mod lists;
pub mod load;
pub mod model;
pub mod money;
pub mod problem;
pub mod sanitize;
pub mod validate;

pub use date::{Date, DateError, Precision, cmp_dated, date_or_nd};
pub use load::{
    DEFAULT_MAX_BYTES, LoadError, Progress, load_embedded, load_layered, load_path, load_path_with,
    parse_str,
};
pub use model::*;
pub use money::{
    Amount, Derivation, MAX_AMOUNT, Qualifier, format_money, group_thousands, short_money,
};
pub use problem::{JsonPath, Problem, ProblemKind};
