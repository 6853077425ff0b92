//! Taking a fact out of the interface, in a pseudo-terminal: `y` sends one
//! OSC 52 sequence whose payload is the citation `bilateral cite` prints,
//! `Y` the JSON `bilateral show --format json` prints, both free of control
//! characters on a hostile dataset; `e` writes the file `bilateral list`
//! writes for the same scope and filter, and never replaces a file unasked.
#![cfg(unix)]

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use base64::Engine;
use portable_pty::CommandBuilder;

use crate::common::pty::{self, BIN, TIMEOUT, Term};

/// The program in a 120×40 pseudo-terminal: every byte it wrote, and the screen.
enum CopyExport {}
type Run = pty::Run<CopyExport>;

impl Run {
    fn start(args: &[&str], cwd: &Path) -> Run {
        Run::start_with(args, cwd, "0")
    }

    /// With OSC 8 links on (`"1"`) or off (`"0"`).
    fn start_with(args: &[&str], cwd: &Path, hyperlinks: &str) -> Run {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("NO_COLOR", "1");
        cmd.env("BILATERAL_HYPERLINKS", hyperlinks);
        cmd.cwd(cwd);
        let run = Run::new(Term::spawn(cmd));
        run.wait_for("1 Overview");
        run
    }

    /// Sends a key and waits for the screen to show `then`.
    fn key(&mut self, bytes: &[u8], then: &str) {
        self.send(bytes);
        self.wait_for(then);
    }

    /// Waits until `n` OSC 52 sequences have been written.
    fn wait_copies(&self, n: usize) {
        let start = Instant::now();
        while self.clipboard().len() < n {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for copy {n}:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The payloads of every OSC 52 sequence written so far, decoded.
    fn clipboard(&self) -> Vec<String> {
        osc52_payloads(&self.bytes())
    }

    /// Ctrl-C, which quits from any box; killed if it does not.
    fn quit(mut self) {
        self.send(b"\x03");
        let start = Instant::now();
        while !matches!(self.child.try_wait(), Ok(Some(_))) {
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("Ctrl-C did not quit:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The decoded payloads of the OSC 52 sequences in `raw`: ESC ] 52 ; c ; BASE64 ESC \.
fn osc52_payloads(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b]52;")
        .skip(1)
        .filter_map(|rest| {
            let (_, after) = rest.split_once(';')?;
            // Not yet complete: still on its way.
            let (data, _) = after.split_once("\x1b\\")?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .expect("the payload is base64");
            Some(String::from_utf8(bytes).expect("the payload is UTF-8"))
        })
        .collect()
}

fn stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("bilateral")
        .expect("the binary is built")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("bilateral runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The id of the first row `bilateral list KIND` prints with these options.
fn first_id(kind: &str, extra: &[&str]) -> String {
    let mut args = vec!["list", kind, "--format", "csv", "--columns", "id"];
    args.extend_from_slice(extra);
    stdout(&args)
        .lines()
        .nth(1)
        .expect("a first row")
        .to_string()
}

#[test]
fn y_sends_one_osc52_sequence_with_the_citation() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = Run::start(&[], dir.path());
    run.key(b"3", "Visits");
    run.key(b"y", "copied: 1 visit");
    let copied = run.clipboard();
    let id = first_id("visits", &["--relation", "MEX-VNM"]);
    let expected = stdout(&["cite", &id]);
    assert_eq!(copied, [expected.trim_end()], "one sequence, the citation");
    assert!(run.contents().contains(&format!(
        "copied: 1 visit, {} characters",
        expected.trim_end().chars().count()
    )));
    // `Y`: the record as `show --format json` prints it.
    run.key(b"Y", "as JSON");
    let copied = run.clipboard();
    assert_eq!(copied.len(), 2);
    assert_eq!(copied[1], stdout(&["show", &id, "--format", "json"]));
    run.quit();
}

#[test]
fn y_in_the_detail_and_in_search_copies_the_record_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = Run::start(&[], dir.path());
    run.key(b"5", "Trade");
    run.key(b"\r", "Record");
    run.key(b"y", "copied: 1 trade figure");
    let id = first_id("trade", &["--relation", "MEX-VNM"]);
    assert_eq!(run.clipboard(), [stdout(&["cite", &id]).trim_end()]);
    run.send(b"\x1b");
    run.wait_gone("Esc close");
    // In the search box letters are typed: Ctrl-Y copies the hit.
    run.key(b"/", "Search");
    run.send(b"khai");
    run.wait_for("Phan Van Khai");
    run.key(b"\x19", "copied: 1 visit");
    let copied = run.clipboard();
    assert_eq!(copied.len(), 2);
    assert!(
        copied[1]
            .starts_with("Prime Minister Phan Van Khai of Vietnam visited Mexico in October 2002")
    );
    run.quit();
}

#[test]
fn a_hostile_dataset_puts_no_control_character_on_the_clipboard() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.json");
    let fixture = fixture.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut run = Run::start(&["--data", fixture], dir.path());
    let mut sent = 0;
    // Every tab's first record, as a citation and as JSON.
    for tab in [b"1", b"2", b"3", b"4", b"5", b"6"] {
        run.send(tab);
        for key in [b"y", b"Y"] {
            run.send(key);
            sent += 1;
            run.wait_copies(sent);
        }
    }
    let copied = run.clipboard();
    assert_eq!(copied.len(), sent);
    for (i, text) in copied.iter().enumerate() {
        let json = i % 2 == 1;
        let bad: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && !(json && *c == '\n'))
            .collect();
        assert!(bad.is_empty(), "control characters {bad:?} in {text:?}");
        if !json {
            assert!(!text.contains('\n'), "a citation is one line: {text:?}");
        }
    }
    run.quit();
}

#[test]
fn e_writes_what_list_writes_for_the_same_scope_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = Run::start(&[], dir.path());
    run.key(b"3", "Visits");
    run.key(b"e", "mex-vnm-visits.csv");
    run.key(b"\r", "exported to mex-vnm-visits.csv");
    let file = std::fs::read_to_string(dir.path().join("mex-vnm-visits.csv")).unwrap();
    assert_eq!(
        file,
        stdout(&["list", "visits", "--relation", "MEX-VNM", "--format", "csv"])
    );
    // Filtered one way, as Markdown: the name and the format are typed.
    run.key(b"f", "Mexico → Vietnam");
    run.key(b"e", "mex-vnm-visits-forward.csv");
    run.send(b"\x15"); // Ctrl-U clears the name
    run.send(b"forward.md");
    run.key(b"\r", "exported to forward.md");
    let file = std::fs::read_to_string(dir.path().join("forward.md")).unwrap();
    let listed = stdout(&[
        "list",
        "visits",
        "--relation",
        "MEX-VNM",
        "--direction",
        "forward",
        "--format",
        "md",
    ]);
    assert_eq!(file, listed);
    // All relations, agreements in force or not: the timeline of one kind, as JSON.
    run.key(b"2", "Timeline");
    run.key(b"f", "only events");
    run.send(b"]");
    run.key(b"]", "All relations");
    run.key(b"e", "all-timeline-events.csv");
    run.send(b"\x15");
    run.send(b"t.json");
    run.key(b"\r", "exported to t.json");
    let file = std::fs::read_to_string(dir.path().join("t.json")).unwrap();
    let listed = stdout(&["list", "timeline", "--kind", "events", "--format", "json"]);
    assert_eq!(file, listed);
    run.quit();
}

#[test]
fn e_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mex-vnm-missions.csv");
    std::fs::write(&path, "kept\n").unwrap();
    let mut run = Run::start(&[], dir.path());
    run.key(b"6", "Missions");
    run.key(b"e", "mex-vnm-missions.csv");
    run.key(b"\r", "exists — Enter replaces it, Esc keeps it");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept\n");
    // Esc keeps it.
    run.send(b"\x1b");
    run.wait_gone("Enter write");
    thread::sleep(Duration::from_millis(200));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept\n");
    // Asked again and confirmed, it is replaced.
    run.key(b"e", "mex-vnm-missions.csv");
    run.key(b"\r", "exists");
    run.key(b"\r", "exported to");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        stdout(&[
            "list",
            "missions",
            "--relation",
            "MEX-VNM",
            "--format",
            "csv"
        ])
    );
    run.quit();
}

/// The targets of the OSC 8 links in `raw` (the closing ones, with no target, left out).
fn osc8_targets(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b]8;;")
        .skip(1)
        .filter_map(|rest| Some(rest.split_once("\x1b\\")?.0.to_string()))
        .filter(|url| !url.is_empty())
        .collect()
}

/// The minimal dataset, its source with this address, written to `dir`.
fn with_address(dir: &Path, url: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.json");
    let text = std::fs::read_to_string(path).unwrap();
    let anchor = "\"kind\": \"reference\"}";
    let with = format!(
        "\"kind\": \"reference\", \"url\": {}}}",
        serde_json::json!(url)
    );
    let file = dir.join("linked.json");
    std::fs::write(&file, text.replacen(anchor, &with, 1)).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn source_addresses_are_links_only_when_wanted_and_only_web_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://example.org/relations?id=MEX-PAK&lang=en";
    let data = with_address(dir.path(), url);
    let mut run = Run::start_with(&["--data", &data], dir.path(), "1");
    // The link is written before the text it holds: once the address is on
    // screen, its link has arrived.
    run.key(b"s", url);
    let targets = osc8_targets(&run.raw.lock().unwrap());
    assert!(!targets.is_empty(), "the address is a link");
    assert!(targets.iter().all(|t| t == url), "{targets:?}");
    // The screen shows the address as text, where it was drawn.
    assert!(run.contents().contains(url), "{}", run.contents());
    run.quit();
    // Off: no link at all, the same text.
    let mut run = Run::start_with(&["--data", &data], dir.path(), "0");
    run.key(b"s", url);
    assert!(osc8_targets(&run.raw.lock().unwrap()).is_empty());
    assert!(run.contents().contains(url));
    run.quit();
    // Other schemes are never links.
    let data = with_address(dir.path(), "javascript:alert(1)");
    let mut run = Run::start_with(&["--data", &data], dir.path(), "1");
    run.key(b"s", "javascript:alert(1)");
    assert!(osc8_targets(&run.raw.lock().unwrap()).is_empty());
    run.quit();
    // The hostile dataset's address, cleaned into placeholders at load, is shown, not linked.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.json");
    let mut run = Run::start_with(&["--data", fixture.to_str().unwrap()], dir.path(), "1");
    run.key(b"s", "https://example.invalid/");
    assert!(osc8_targets(&run.raw.lock().unwrap()).is_empty());
    run.quit();
}
