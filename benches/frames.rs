//! Drawing and loading, measured: the first frame on the embedded dataset,
//! one frame of every tab at 200×60 on a million-record dataset (one relation
//! and all relations), and load + validate + index of that dataset.
//!
//! ```sh
//! cargo bench --bench frames                     # 1,000,000 records
//! BILATERAL_BENCH_RECORDS=100000 cargo bench --bench frames
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::layout::Rect;

use bilateral::app::{App, Tab};
use bilateral::cli::render::draw;
use bilateral::data::{load_embedded, parse_str};
use bilateral::search::Index;
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
    let ds = synth::generate(Options {
        records: n,
        seed: 1,
    });
    let mut app = App::new(ds, Rect::new(0, 0, 200, 60), true, 2026);
    let mut group = c.benchmark_group(format!("frame 200x60, {n} records"));
    for (scope, relation) in [("one relation", Some(0)), ("all relations", None)] {
        app.set_relation(relation);
        for tab in Tab::ALL {
            app.tab = tab;
            // Halfway down the list, so the frame is not the easy first page.
            let len = app.rows.len(tab);
            app.update(bilateral::app::Action::Top);
            for _ in 0..(len / 2).min(5_000) {
                app.update(bilateral::app::Action::Down);
            }
            group.bench_function(format!("{} · {scope}", tab.title()), |b| {
                b.iter(|| black_box(draw(&app)))
            });
        }
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    let n = records();
    let ds = synth::generate(Options {
        records: n,
        seed: 1,
    });
    let mut json = Vec::new();
    synth::write_json(&ds, &mut json).expect("writes to memory");
    drop(ds);
    let text = String::from_utf8(json).expect("JSON is UTF-8");
    let mut group = c.benchmark_group(format!("load {n} records ({} MB)", text.len() / 1_000_000));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("parse + validate", |b| {
        b.iter(|| black_box(parse_str(&text, "bench").expect("valid")))
    });
    let ds = parse_str(&text, "bench").expect("valid");
    group.bench_function("index", |b| b.iter(|| black_box(Index::build(&ds))));
    group.finish();
}

criterion_group!(benches, first_frame, frames, load);
criterion_main!(benches);
