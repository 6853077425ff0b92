//! What opening a dataset costs, end to end, as the interface does it:
//! read the file, parse and validate it, build the search index. Prints
//! each phase's time and the process's peak resident memory (Linux).
//!
//! With `--cache DIR`, the index is read from the cache in DIR when it
//! holds one for the file, or built and kept there, as the interface does
//! (run it twice: the first run builds, the next ones read).
//!
//! ```sh
//! cargo run --release --example loadmem -- big.json
//! cargo run --release --example loadmem -- big.json --cache /tmp/bilateral-cache
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use bilateral::data::{DEFAULT_MAX_BYTES, load_path};
use bilateral::search::{IndexCache, Opened, open_index};

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
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (path, cache_dir) = match args.as_slice() {
        [path] => (path.clone(), None),
        [path, flag, dir] if flag.as_os_str() == "--cache" => (path.clone(), Some(dir.clone())),
        _ => {
            eprintln!("usage: loadmem FILE.json [--cache DIR]");
            return ExitCode::from(2);
        }
    };
    let file = std::fs::metadata(&path).map_or(0, |m| m.len());
    let start = Instant::now();
    let cache = cache_dir.and_then(|dir| IndexCache::in_dir(dir, std::slice::from_ref(&path)));
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
    let mut ready = None;
    let opened = open_index(cache.as_ref(), &ds, |ix| {
        ready = Some((ix, start.elapsed()))
    });
    let Some((index, total)) = ready else {
        return ExitCode::from(1);
    };
    let how = match opened {
        Opened::Read => "read from the cache",
        Opened::Built => "built",
        Opened::BuiltAndKept => "built, kept in the cache",
    };
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
        "index:                {:.0} ms ({:.0} MB), {how}",
        (total - loaded).as_secs_f64() * 1e3,
        mb(index.memory_bytes() as u64)
    );
    println!("load+validate+index:  {:.0} ms", total.as_secs_f64() * 1e3);
    println!(
        "peak memory:          {:.0} MB = {:.2}x the file",
        mb(peak),
        peak as f64 / file.max(1) as f64
    );
    // Kept until the process ends, as the command line keeps its dataset:
    // freeing a million records one by one would only delay the exit.
    std::mem::forget(index);
    std::mem::forget(ds);
    ExitCode::SUCCESS
}
