use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use bilateral::cli::{self, Cli, Failure};

fn finish(result: Result<u8, Failure>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("{}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = &cli.command else {
        return finish(cli::interactive(&cli));
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = cli::run(&cli, command, &mut out);
    let flushed = out.flush().map_err(Failure::from);
    finish(result.and(flushed).map(|()| 0))
}
