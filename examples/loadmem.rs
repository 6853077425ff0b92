//! What opening a dataset costs, end to end, as the interface does it:
//! read the file, parse and validate it, build the search index. Prints
//! each phase's time and the process's peak resident memory (Linux).
//!
//! ```sh
//! cargo run --release --example loadmem -- big.json
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use bilateral::data::{DEFAULT_MAX_BYTES, load_path};
use bilateral::search::Index;

/// Peak resident set size in bytes, from /proc (0 where there is none).
fn peak_rss() -> u64 {
    status_bytes("VmHWM:")
}

/// Resident set size now.
fn rss() -> u64 {
    status_bytes("VmRSS:")
}

fn status_bytes(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: loadmem FILE.json");
        return ExitCode::from(2);
    };
    let file = std::fs::metadata(&path).map_or(0, |m| m.len());
    let start = Instant::now();
    let ds = match load_path(&path, DEFAULT_MAX_BYTES) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let loaded = start.elapsed();
    let after_load = peak_rss();
    let resident = rss();
    let index = Index::build(&ds);
    let total = start.elapsed();
    let peak = peak_rss();
    println!(
        "file:                 {:.0} MB, {} records",
        mb(file),
        index.len()
    );
    println!(
        "load + validate:      {:.0} ms (peak so far {:.0} MB, {:.0} MB resident after)",
        loaded.as_secs_f64() * 1e3,
        mb(after_load),
        mb(resident)
    );
    println!(
        "index:                {:.0} ms ({:.0} MB)",
        (total - loaded).as_secs_f64() * 1e3,
        mb(index.memory_bytes() as u64)
    );
    println!("load+validate+index:  {:.0} ms", total.as_secs_f64() * 1e3);
    println!(
        "peak memory:          {:.0} MB = {:.2}x the file",
        mb(peak),
        peak as f64 / file.max(1) as f64
    );
    ExitCode::SUCCESS
}
