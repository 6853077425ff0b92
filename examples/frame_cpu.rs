//! CPU time per frame (this thread's user+system time, from /proc) beside
//! wall time, for every tab at 200×60 on the synthetic million records.
use std::time::Instant;

use bilateral::cli::render::draw;

#[path = "../benches/common/views.rs"]
mod views;

fn cpu_ticks() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = s.rsplit_once(')').map_or("", |p| p.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let n = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    n(11) + n(12)
}

fn main() {
    let mut app = views::app(1_000_000);
    let frames = 400;
    views::each(&mut app, |app, tab, scope| {
        let (t0, c0) = (Instant::now(), cpu_ticks());
        for _ in 0..frames {
            std::hint::black_box(draw(app));
        }
        let wall = t0.elapsed().as_secs_f64() * 1e3 / f64::from(frames);
        let cpu = (cpu_ticks() - c0) as f64 * 10.0 / f64::from(frames);
        println!(
            "{:<11} · {scope:<13} wall {wall:.3} ms  cpu {cpu:.3} ms",
            tab.title()
        );
    });
}
