use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use clap_complete::CompleteEnv;

use bilateral::cli::{self, Cli, Failure};
use bilateral::data::sanitize::clean;

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

/// Clap's message for a bad command line (or the help it was asked for),
/// quoting the arguments cleaned as dataset text is: an escape sequence
/// typed in an argument is shown (`␛]0;…`), never sent to the terminal.
fn usage(raw: &[OsString], error: clap::Error) -> ExitCode {
    let cleaned: Vec<String> = raw
        .iter()
        .map(|a| clean(&a.to_string_lossy()).into_owned())
        .collect();
    match Cli::try_parse_from(&cleaned) {
        Err(e) => {
            // Help goes to stdout; a reader that has gone away is no error.
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(cli::EXIT_USAGE))
        }
        // Only the raw form fails (an argument that is not UTF-8): its message, cleaned.
        Ok(_) => {
            let text = error.render().to_string();
            let lines: Vec<String> = text.lines().map(|l| clean(l).into_owned()).collect();
            eprintln!("{}", lines.join("\n"));
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash bilateral -- …`) is answered here.
    CompleteEnv::with_factory(cli::command)
        .var(cli::complete::VAR)
        .complete();
    let raw: Vec<OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) => return usage(&raw, e),
    };
    let Some(command) = &cli.command else {
        return finish(cli::interactive(&cli));
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = cli::run(&cli, command, &mut out);
    let flushed = out.flush().map_err(Failure::from);
    finish(result.and(flushed).map(|()| 0))
}
