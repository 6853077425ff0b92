//! Search at scale: index build time and size, and the latency of every
//! keystroke while typing queries one character at a time.
//!
//! ```sh
//! cargo bench --features synth --bench search                       # 1,000,000 generated records
//! BILATERAL_BENCH_RECORDS=100000 cargo bench --features synth --bench search
//! BILATERAL_BENCH_DATA=big.json cargo bench --features synth --bench search
//! cargo bench --features synth --bench search -- keystroke/cotton   # criterion's filter
//! ```
//!
//! Before the criterion benchmarks it prints a report (also written to
//! `target/criterion/search-report.md`): for each keystroke, the median and
//! worst time until its results (best hits and exact count) arrive.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};

use bilateral::data::{self, Dataset};
use bilateral::search::{Index, Results, Scope, Searcher};
use bilateral::synth;

/// Queries as typed: one, two and three words, typos ("nguyne" for
/// Nguyễn, "zacatekas" for Zacatecas), a word found nowhere, an exact word
/// found nowhere, and an abbreviation searched with its name written out
/// ("UN" as "United Nations" too, each record counted once).
const QUERIES: &[&str] = &[
    "cotton",
    "visit 1987",
    "nguyen thach",
    "nguyne thach",
    "zacatekas",
    "pham van dong",
    "xylophone",
    "'zanzibar",
    "UN general",
];

/// Typing runs per query in the report.
const RUNS: usize = 7;

const WAIT: Duration = Duration::from_secs(120);

struct Data {
    ds: Dataset,
    /// Size of the dataset as a JSON file, to compare the index with.
    file_bytes: u64,
    source: String,
}

/// Counts bytes written, to size the JSON of a generated dataset without keeping it.
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn load() -> Data {
    if let Some(path) = std::env::var_os("BILATERAL_BENCH_DATA").map(PathBuf::from) {
        let ds = data::load_path(&path, u64::MAX).unwrap_or_else(|e| panic!("{e}"));
        let file_bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        return Data {
            ds,
            file_bytes,
            source: path.display().to_string(),
        };
    }
    let records = std::env::var("BILATERAL_BENCH_RECORDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let ds = synth::generate(synth::Options { records, seed: 1 });
    let mut count = Count(0);
    synth::write_json(&ds, &mut count).unwrap_or_else(|e| panic!("{e}"));
    Data {
        ds,
        file_bytes: count.0,
        source: format!("{records} generated records (seed 1)"),
    }
}

/// Every prefix of a query, as typed.
fn prefixes(query: &str) -> Vec<String> {
    query
        .char_indices()
        .map(|(i, c)| query[..i + c.len_utf8()].to_string())
        .collect()
}

/// CPU time used so far by every thread of this process (Linux), so a
/// report can show the work done apart from the time waited for a core on
/// a busy machine. `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// Submits `query` and waits for its results: returns the latency.
fn keystroke(s: &mut Searcher, query: &str) -> (Duration, Results) {
    let started = Instant::now();
    s.submit(query);
    let r = s
        .wait(WAIT)
        .unwrap_or_else(|| panic!("no results for {query:?}"));
    (started.elapsed(), r)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Types every query `RUNS` times in fresh sessions and reports each
/// keystroke's median and worst latency.
fn report(data: &Data, index: &Arc<Index>, build: Duration) -> String {
    let mut out = String::new();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    out += &format!(
        "data: {}, {} records\nmachine: {threads} threads, {cpu}; load average {}\n\n",
        data.source,
        index.len(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    out += &format!(
        "index: built in {:.0} ms; {} distinct words; {:.1} MB, {:.2}× the {:.1} MB dataset file\n\n",
        ms(build),
        index.words(),
        index.memory_bytes() as f64 / 1e6,
        index.memory_bytes() as f64 / data.file_bytes.max(1) as f64,
        data.file_bytes as f64 / 1e6
    );
    out += "| query | keystroke | median ms | worst ms | CPU median ms | matches |\n";
    out += "|---|---|---:|---:|---:|---:|\n";
    let (mut all_hits, mut all_cpu) = (Vec::new(), Vec::new());
    for q in QUERIES {
        let typed = prefixes(q);
        let mut hits = vec![Vec::new(); typed.len()];
        let mut cpu = vec![Vec::new(); typed.len()];
        let mut totals = vec![0; typed.len()];
        for _ in 0..RUNS {
            let mut s = Searcher::new(Arc::clone(index));
            for (k, p) in typed.iter().enumerate() {
                let before = cpu_time();
                let (h, r) = keystroke(&mut s, p);
                if let (Some(a), Some(b)) = (before, cpu_time()) {
                    cpu[k].push(ms(b.saturating_sub(a)));
                }
                hits[k].push(ms(h));
                totals[k] = r.total;
            }
        }
        for (k, p) in typed.iter().enumerate() {
            let worst = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
            out += &format!(
                "| {q} | `{p}` | {:.1} | {:.1} | {:.1} | {} |\n",
                median(&mut hits[k]),
                worst(&hits[k]),
                median(&mut cpu[k]),
                totals[k]
            );
            all_hits.extend_from_slice(&hits[k]);
            all_cpu.extend_from_slice(&cpu[k]);
        }
    }
    let worst = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    out += &format!(
        "\nevery keystroke ({} measured): results (best hits and exact count) median \
         {:.1} ms, worst {:.1} ms; CPU time (all threads) median {:.1} ms, worst {:.1} ms\n",
        all_hits.len(),
        median(&mut all_hits),
        worst(&all_hits),
        median(&mut all_cpu),
        worst(&all_cpu)
    );
    out
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args();
    let data = load();

    let started = Instant::now();
    let index = Arc::new(Index::build(&data.ds));
    let build = started.elapsed();

    let text = report(&data, &index, build);
    println!("{text}");
    let _ = std::fs::create_dir_all("target/criterion");
    let _ = std::fs::write("target/criterion/search-report.md", &text);

    let mut group = c.benchmark_group("index");
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("build", |b| b.iter(|| Index::build(&data.ds)));
    group.finish();

    // One benchmark per keystroke: a fresh session is brought to the state
    // after the previous keystroke, then the time to this one's results is
    // measured.
    let mut group = c.benchmark_group("keystroke");
    group.measurement_time(Duration::from_secs(5));
    for q in QUERIES {
        let typed = prefixes(q);
        for k in 0..typed.len() {
            let id = BenchmarkId::new(*q, format!("{k:02}-{}", typed[k]));
            group.bench_function(id, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let mut s = Searcher::new(Arc::clone(&index));
                        for p in &typed[..k] {
                            s.submit(p);
                            let _ = s.wait(WAIT);
                        }
                        total += keystroke(&mut s, &typed[k]).0;
                    }
                    total
                })
            });
        }
    }
    group.finish();

    // What `bilateral search` indexes for a one-off query: only the records
    // holding a word that could match, found in one pass over every record.
    let mut group = c.benchmark_group("one-off index");
    group.measurement_time(Duration::from_secs(20));
    for q in QUERIES {
        group.bench_function(*q, |b| b.iter(|| Index::build_for_query(&data.ds, q)));
    }
    group.finish();

    // A one-off query as `bilateral search` runs it, once the dataset is
    // loaded and indexed.
    let mut group = c.benchmark_group("one-off");
    group.measurement_time(Duration::from_secs(20));
    for q in QUERIES {
        group.bench_function(*q, |b| {
            b.iter(|| bilateral::search::search(&index, q, &Scope::all(), 100))
        });
    }
    group.finish();

    c.final_summary();
}
