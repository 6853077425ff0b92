//! Shell completion that knows the dataset: the shell asks the program
//! itself (`COMPLETE=bash bilateral -- WORDS…`) and gets the relation ids
//! and record ids of the dataset named on the line being completed (or of
//! the embedded one), besides every subcommand, option and fixed value.

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use crate::data::{self, Dataset};

/// The environment variable that turns a run into a completion request.
pub const VAR: &str = "COMPLETE";

/// The script that hooks completion for `shell` into that shell, calling back the program
/// as it was started now.
pub fn registration(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        return Err(io::Error::other(format!("no completion for {name}")));
    };
    let program = program_path();
    completer.write_registration(VAR, "bilateral", "bilateral", &program, out)
}

/// How to call this program back: by name when it was found on PATH, else by its full path.
fn program_path() -> String {
    let arg0 = std::env::args_os()
        .next()
        .unwrap_or_else(|| OsString::from("bilateral"));
    let path = PathBuf::from(&arg0);
    if path.components().count() <= 1 {
        return "bilateral".to_string();
    }
    let full = match std::env::current_dir() {
        Ok(dir) if path.is_relative() => dir.join(path),
        _ => path,
    };
    full.to_string_lossy().into_owned()
}

/// The dataset of the command line being completed: the file after
/// `--data`, or the embedded one. `None` if it cannot be loaded.
fn dataset() -> Option<Dataset> {
    // The words being completed follow "--": `bilateral -- bilateral list --data f.json …`.
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(1)
        .collect();
    match data_path(&words) {
        Some(path) => data::load_path(&path, data::DEFAULT_MAX_BYTES).ok(),
        None => data::load_embedded().ok(),
    }
}

/// The value of the last `--data FILE` or `--data=FILE` among `words`.
fn data_path(words: &[OsString]) -> Option<PathBuf> {
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        let text = w.to_string_lossy();
        if text == "--data" {
            found = words.get(i + 1).map(PathBuf::from);
        } else if let Some(path) = text.strip_prefix("--data=") {
            found = Some(Path::new(path).to_path_buf());
        }
    }
    found
}

fn matching<'a>(
    values: impl Iterator<Item = (&'a str, Option<String>)>,
    current: &OsStr,
) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy().to_lowercase();
    values
        .filter(|(v, _)| v.to_lowercase().starts_with(&typed))
        .map(|(v, help)| CompletionCandidate::new(v).help(help.map(Into::into)))
        .collect()
}

/// `--relation`: the dataset's relation ids, with the two countries as help, and "all".
pub fn relations(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(ds) = dataset() else {
        return Vec::new();
    };
    let ids = ds
        .relations
        .iter()
        .map(|r| (r.id.as_str(), Some(ds.relation_name(r))));
    let all = std::iter::once(("all", Some("every relation".to_string())));
    matching(ids.chain(all), current)
}

/// `show ID`: every id of the dataset.
pub fn ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(ds) = dataset() else {
        return Vec::new();
    };
    matching(super::show::all_ids(&ds).map(|id| (id, None)), current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_last_data_option() {
        let words = |w: &[&str]| w.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(data_path(&words(&["bilateral", "list"])), None);
        assert_eq!(
            data_path(&words(&["bilateral", "--data", "a.json", "list"])),
            Some(PathBuf::from("a.json"))
        );
        assert_eq!(
            data_path(&words(&["bilateral", "--data=b.json", "list"])),
            Some(PathBuf::from("b.json"))
        );
    }
}
