//! Shell completion offers real values: the relation ids and record ids of
//! the dataset being used, the kinds, tabs and formats; and the script for
//! each shell calls the program back.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_bilateral");

/// What the program answers when fish asks it to complete `words` (the last
/// one being the word under the cursor): the values offered, leaving out the
/// options offered beside them.
fn candidates(words: &[&str]) -> Vec<String> {
    let out = Command::new(BIN)
        .env("COMPLETE", "fish")
        .arg("--")
        .arg("bilateral")
        .args(words)
        .output()
        .expect("bilateral runs");
    assert!(out.status.success(), "{words:?}: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .filter(|v| !v.starts_with('-'))
        .collect()
}

fn minimal() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/minimal.json")
        .display()
        .to_string()
}

#[test]
fn relation_ids_of_the_dataset_in_use() {
    assert_eq!(
        candidates(&["list", "visits", "--relation", ""]),
        ["MEX-VNM", "MEX-PAK", "all"]
    );
    assert_eq!(
        candidates(&["search", "x", "--relation", "mex-p"]),
        ["MEX-PAK"]
    );
    // Another dataset named on the line: its relations.
    let data = minimal();
    assert_eq!(
        candidates(&["--data", &data, "render", "--relation", ""]),
        ["MEX-PAK", "all"]
    );
    // A file that cannot be read: nothing to offer, no error.
    assert!(
        candidates(&[
            "--data",
            "/nonexistent.json",
            "list",
            "visits",
            "--relation",
            ""
        ])
        .is_empty()
    );
}

#[test]
fn record_ids_for_show() {
    let ids = candidates(&["show", "mex-vnm-visit-19"]);
    assert!(
        ids.contains(&"mex-vnm-visit-1979-pham-van-dong".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.iter().all(|i| i.starts_with("mex-vnm-visit-19")),
        "{ids:?}"
    );
}

#[test]
fn kinds_tabs_and_formats() {
    let kinds = [
        "events",
        "visits",
        "agreements",
        "trade",
        "products",
        "growth",
        "missions",
        "facts",
    ];
    assert_eq!(candidates(&["search", "x", "--kind", ""]), kinds);
    let mut lists = vec!["relations", "timeline"];
    lists.extend(kinds);
    assert_eq!(candidates(&["list", ""]), lists);
    assert_eq!(
        candidates(&["render", "--tab", ""]),
        [
            "overview",
            "timeline",
            "visits",
            "agreements",
            "trade",
            "missions"
        ]
    );
    assert_eq!(
        candidates(&["list", "visits", "--format", ""]),
        ["table", "json", "csv", "md"]
    );
    assert_eq!(
        candidates(&["show", "x", "--format", ""]),
        ["table", "json", "md", "cite"]
    );
    // The tabs' filters, as `list` takes them.
    assert_eq!(
        candidates(&["list", "visits", "--direction", ""]),
        ["both", "forward", "backward"]
    );
    assert_eq!(
        candidates(&["list", "agreements", "--status", ""]),
        ["signed", "in-force", "under-negotiation", "reported"]
    );
    assert_eq!(candidates(&["list", "timeline", "--kind", ""]), kinds);
}

fn script(shell: &str) -> String {
    let out = Command::new(BIN)
        .args(["completions", shell])
        .output()
        .expect("bilateral runs");
    assert!(out.status.success(), "{shell}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn every_shell_gets_a_script_that_calls_the_program_back() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let text = script(shell);
        assert!(text.contains("COMPLETE"), "{shell}: {text}");
        assert!(text.contains(BIN), "{shell} does not call {BIN}: {text}");
    }
    assert!(script("zsh").starts_with("#compdef bilateral"));
    assert!(script("fish").contains("complete --keep-order --exclusive --command bilateral"));
}

/// The bash script, sourced into a real bash, completes `--relation`.
#[test]
fn bash_completes_relation_ids() {
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("bash is not installed; skipped");
        return;
    }
    let test = r#"
        source <("$BIN" completions bash)
        COMP_WORDS=(bilateral list visits --relation M)
        COMP_CWORD=4
        _clap_complete_bilateral bilateral M --relation
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = Command::new("bash")
        .arg("-c")
        .arg(test)
        .env("BIN", BIN)
        .output()
        .expect("bash runs");
    let replies = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        replies.lines().collect::<Vec<_>>(),
        ["MEX-VNM", "MEX-PAK"],
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
