//! Loads arbitrary bytes as a dataset; `check_load.rs` says what must hold.

#![no_main]

#[path = "../../tests/it/common/forbidden.rs"]
mod forbidden;

#[path = "../check_load.rs"]
mod check_load;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| check_load::check(data));
