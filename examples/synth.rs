//! Writes a deterministic synthetic dataset for benchmarks:
//!
//! ```sh
//! cargo run --release --features synth --example synth -- --records 1000000 --seed 1 --out big.json --text big.txt
//! ```
//!
//! `--text` also writes every record as one line ("date relation kind
//! text", the same words the search index holds), for comparing
//! `bilateral search` with line-oriented tools such as `fzf --filter`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use bilateral::synth::{self, Options};

#[derive(Parser)]
#[command(about = "Write a deterministic synthetic bilateral dataset")]
struct Args {
    /// How many records in all
    #[arg(long, default_value_t = 1_000_000)]
    records: usize,
    /// Seed: the same seed and count give the same file
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the dataset (JSON)
    #[arg(long, value_name = "FILE.json")]
    out: PathBuf,
    /// Also write the records one per line here
    #[arg(long, value_name = "FILE.txt")]
    text: Option<PathBuf>,
}

fn write(
    path: &PathBuf,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    f(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let ds = synth::generate(Options {
        records: args.records,
        seed: args.seed,
    });
    let mut result = write(&args.out, |out| synth::write_json(&ds, out));
    if let (Ok(()), Some(text)) = (&result, &args.text) {
        result = write(text, |out| synth::write_text(&ds, out));
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
