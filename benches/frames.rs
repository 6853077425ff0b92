//! Drawing and loading, measured: the first frame on the embedded dataset,
//! one frame of every tab at 200×60 on a million-record dataset (one relation
//! and all relations), and read + validate + index of that dataset from a
//! file. Peak memory of the same steps: `examples/loadmem.rs`.
//!
//! ```sh
//! cargo bench --features synth --bench frames                     # 1,000,000 records
//! BILATERAL_BENCH_RECORDS=100000 cargo bench --features synth --bench frames
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::layout::Rect;

use bilateral::app::App;
use bilateral::cli::render::draw;
use bilateral::data::{DEFAULT_MAX_BYTES, load_embedded, load_path};
use bilateral::search::Index;

#[path = "common/views.rs"]
mod views;
use bilateral::synth::{self, Options};

fn records() -> usize {
    std::env::var("BILATERAL_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

fn first_frame(c: &mut Criterion) {
    c.bench_function("first frame, embedded dataset, 120x40", |b| {
        b.iter(|| {
            let ds = load_embedded().expect("the embedded dataset loads");
            let app = App::new(ds, Rect::new(0, 0, 120, 40), true, 2026);
            black_box(draw(&app))
        })
    });
}

fn frames(c: &mut Criterion) {
    let n = records();
    let mut app = views::app(n);
    let mut group = c.benchmark_group(format!("frame 200x60, {n} records"));
    views::each(&mut app, |app, tab, scope| {
        group.bench_function(format!("{} · {scope}", tab.title()), |b| {
            b.iter(|| black_box(draw(app)))
        });
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let n = records();
    let ds = synth::generate(Options {
        records: n,
        seed: 1,
    });
    // Read from a file, as `--data` does: a window at a time.
    let dir = std::env::temp_dir().join(format!("bilateral-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creates a temporary directory");
    let path = dir.join("synth.json");
    let file = std::fs::File::create(&path).expect("creates the dataset file");
    synth::write_json(&ds, &mut std::io::BufWriter::new(file)).expect("writes the dataset");
    drop(ds);
    let mb = std::fs::metadata(&path).map_or(0, |m| m.len()) / 1_000_000;
    let mut group = c.benchmark_group(format!("load {n} records ({mb} MB)"));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("read + parse + validate", |b| {
        b.iter_with_large_drop(|| load_path(&path, DEFAULT_MAX_BYTES).expect("valid"))
    });
    let ds = load_path(&path, DEFAULT_MAX_BYTES).expect("valid");
    group.bench_function("index", |b| b.iter_with_large_drop(|| Index::build(&ds)));
    group.bench_function("read + parse + validate + index", |b| {
        // Freeing the result is not part of opening a dataset.
        b.iter_with_large_drop(|| {
            let ds = load_path(&path, DEFAULT_MAX_BYTES).expect("valid");
            let index = Index::build(&ds);
            (ds, index)
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, first_frame, frames, load);
criterion_main!(benches);
