//! Time against size: every command, run as a user runs it (the release
//! binary, a file), on datasets that grow in one direction at a time — many
//! sources, a fact citing many of them, one product flow with many products,
//! many records each citing its own source — at a size and at twice it.
//! Doubling the count must at most about double the time (≤ 2.2×): a lookup
//! that scans a list per item shows here as 4×.
//!
//! ```sh
//! cargo bench --bench complexity                    # report + criterion
//! cargo bench --bench complexity -- citations       # criterion's filter
//! ```
//!
//! Before the criterion benchmarks it prints a report (also written to
//! `target/criterion/complexity-report.md`): for each command and shape, the
//! median time at n and 2n and their ratio, in wall time and in the CPU time
//! the command used (on Linux), which a busy machine disturbs less.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};

const BIN: &str = env!("CARGO_BIN_EXE_bilateral");

/// Runs of each command at each size in the report.
const RUNS: usize = 7;

/// A dataset that grows in one direction.
struct Shape {
    name: &'static str,
    /// The smaller count; the larger is twice it.
    n: usize,
    make: fn(usize) -> String,
    /// Commands run on it, after `--data FILE`.
    commands: &'static [&'static [&'static str]],
}

fn sources(n: usize) -> String {
    (1..=n)
        .map(|i| format!("{{\"id\":\"s{i}\",\"title\":\"Source {i}\",\"kind\":\"news\"}}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A dataset of one relation, MEX-VNM, with `sources` sources and the given lists.
fn dataset(sources_json: &str, lists: &str) -> String {
    format!(
        "{{\"sources\":[{sources_json}],\"countries\":[{{\"code\":\"MEX\",\"name\":\"Mexico\"}},\
         {{\"code\":\"VNM\",\"name\":\"Vietnam\"}}],\"relations\":[{{\"id\":\"MEX-VNM\",\
         \"countries\":[\"MEX\",\"VNM\"],\"summary\":\"s\",\"sources\":[{{\"source\":\"s1\"}}]{lists}}}]}}"
    )
}

fn many_sources(n: usize) -> String {
    dataset(&sources(n), "")
}

fn many_citations(n: usize) -> String {
    let cites: Vec<String> = (1..=n)
        .rev()
        .map(|i| format!("{{\"source\":\"s{i}\"}}"))
        .collect();
    let fact = format!(
        ",\"facts\":[{{\"id\":\"f\",\"category\":\"plan\",\"text\":\"A fact\",\"sources\":[{}]}}]",
        cites.join(",")
    );
    dataset(&sources(n), &fact)
}

fn many_products(n: usize) -> String {
    let products: Vec<String> = (0..n).map(|i| format!("\"product {i}\"")).collect();
    let trade = format!(
        ",\"trade\":{{\"currency\":\"USD\",\"products\":[{{\"id\":\"p\",\"from\":\"MEX\",\"to\":\"VNM\",\
         \"products\":[{}],\"sources\":[{{\"source\":\"s1\"}}]}}]}}",
        products.join(",")
    );
    dataset(&sources(1), &trade)
}

fn many_cited_records(n: usize) -> String {
    let events: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                "{{\"id\":\"e{i}\",\"title\":\"Event {i}\",\"sources\":[{{\"source\":\"s{i}\"}}]}}"
            )
        })
        .collect();
    dataset(&sources(n), &format!(",\"events\":[{}]", events.join(",")))
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "sources",
        n: 60_000,
        make: many_sources,
        commands: &[
            &["search", "zz"],
            &["validate-data"],
            &["list", "relations"],
        ],
    },
    Shape {
        name: "citations",
        n: 25_000,
        make: many_citations,
        commands: &[
            &["render"],
            &["list", "facts", "--format", "csv"],
            &["list", "facts", "--format", "json"],
            &["search", "fact"],
        ],
    },
    Shape {
        name: "products",
        n: 50_000,
        make: many_products,
        commands: &[
            &["search", "zz"],
            &["list", "products", "--format", "csv"],
            &["render", "--tab", "trade"],
        ],
    },
    Shape {
        name: "cited records",
        n: 50_000,
        make: many_cited_records,
        commands: &[
            &["search", "event"],
            &["list", "timeline", "--format", "csv"],
            &["render", "--tab", "timeline"],
            &["validate-data"],
        ],
    },
];

/// The command line for `args` on `file`; `validate-data` stands for `validate FILE`.
fn command(file: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    if args == ["validate-data"] {
        cmd.arg("validate").arg(file);
    } else {
        cmd.arg("--data").arg(file).args(args);
    }
    cmd.stdout(std::process::Stdio::null());
    cmd
}

fn run_once(file: &Path, args: &[&str]) -> Duration {
    measure(file, args).0
}

/// Runs a command; its wall time, and the CPU time it used where the
/// system says (user and system, on every core).
fn measure(file: &Path, args: &[&str]) -> (Duration, Option<Duration>) {
    let start = Instant::now();
    let child = command(file, args).spawn().expect("bilateral runs");
    let (ok, cpu) = wait(child);
    assert!(ok, "{args:?} on {}", file.display());
    (start.elapsed(), cpu)
}

#[cfg(target_os = "linux")]
fn wait(child: std::process::Child) -> (bool, Option<Duration>) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 only fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, writing into the two locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    let ok = reaped == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, Some(cpu))
}

#[cfg(not(target_os = "linux"))]
fn wait(mut child: std::process::Child) -> (bool, Option<Duration>) {
    (child.wait().is_ok_and(|s| s.success()), None)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The files of every shape at n and 2n.
fn files(dir: &Path) -> Vec<(&'static Shape, [PathBuf; 2])> {
    SHAPES
        .iter()
        .map(|shape| {
            let paths = [shape.n, 2 * shape.n].map(|n| {
                let path = dir.join(format!("{}-{n}.json", shape.name.replace(' ', "-")));
                std::fs::write(&path, (shape.make)(n)).expect("a temporary file");
                path
            });
            (shape, paths)
        })
        .collect()
}

/// Median wall and CPU times of `RUNS` runs, the two sizes taking turns.
fn medians(small: &Path, large: &Path, args: &[&str]) -> [(Duration, Option<Duration>); 2] {
    let mut runs: [Vec<(Duration, Option<Duration>)>; 2] = Default::default();
    for _ in 0..RUNS {
        runs[0].push(measure(small, args));
        runs[1].push(measure(large, args));
    }
    runs.map(|r| {
        let wall = median(r.iter().map(|m| m.0).collect());
        let cpu = r
            .iter()
            .map(|m| m.1)
            .collect::<Option<Vec<_>>>()
            .map(median);
        (wall, cpu)
    })
}

fn report(files: &[(&Shape, [PathBuf; 2])]) -> String {
    let mut out = String::from(
        "| shape | command | n | wall at n | wall at 2n | ratio | CPU at n | CPU at 2n | ratio |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    let ratio = |a: Duration, b: Duration| format!("{:.2}×", b.as_secs_f64() / a.as_secs_f64());
    for (shape, [small, large]) in files {
        for args in shape.commands {
            let [(w1, c1), (w2, c2)] = medians(small, large, args);
            let cpu = match (c1, c2) {
                (Some(c1), Some(c2)) => format!("{} | {} | {}", ms(c1), ms(c2), ratio(c1, c2)),
                _ => "— | — | —".to_string(),
            };
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} | {} | {cpu} |\n",
                shape.name,
                args.join(" ").replace("validate-data", "validate FILE"),
                shape.n,
                ms(w1),
                ms(w2),
                ratio(w1, w2),
            ));
        }
    }
    out
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = files(dir.path());
    let text = report(&files);
    println!("{text}");
    let _ = std::fs::create_dir_all("target/criterion");
    let _ = std::fs::write("target/criterion/complexity-report.md", &text);

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for (shape, paths) in &files {
        let mut group = c.benchmark_group(shape.name);
        for args in shape.commands {
            for (path, n) in paths.iter().zip([shape.n, 2 * shape.n]) {
                let id = BenchmarkId::new(args.join(" "), n);
                group.bench_with_input(id, path, |b, path| b.iter(|| run_once(path, args)));
            }
        }
        group.finish();
    }
    c.final_summary();
}
