//! Limits on what a dataset file can make the loader do: files over the size
//! cap are refused before they are read, and nesting too deep for the parser is
//! a located error, never a stack overflow.

use std::path::Path;
use std::process::{Command, Output};

use bilateral::data::{LoadError, parse_str};

fn bilateral(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .args(args)
        .output()
        .expect("run bilateral")
}

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile.json")
        .to_str()
        .unwrap()
        .to_string()
}

/// Exit code 2, nothing on stdout, and one line on stderr, which is returned.
fn one_line_refusal(out: &Output, what: &str) -> String {
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(out.stdout.is_empty(), "{what}: stdout not empty");
    assert_eq!(err.lines().count(), 1, "{what}: not one line:\n{err}");
    assert!(!err.contains("panicked"), "{what}: {err}");
    err
}

#[test]
fn a_file_over_max_size_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    // Not JSON: had it been read, the error would be a syntax error.
    std::fs::write(&path, "x".repeat(2_000)).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        vec!["--data", path, "--max-size", "1000", "list", "visits"],
        vec!["validate", path, "--max-size", "1000"],
    ] {
        let err = one_line_refusal(&bilateral(&args), &format!("{args:?}"));
        assert_eq!(
            err.trim_end(),
            format!(
                "error: {path}: is 2000 bytes, over the 1000-byte limit (raise it with --max-size BYTES)"
            )
        );
    }
}

#[test]
fn the_default_cap_is_one_gibibyte_and_refuses_a_larger_file_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // A sparse file: one byte over the cap without taking a byte of disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len((1 << 30) + 1).unwrap();
    drop(file);
    let path = path.to_str().unwrap();
    let err = one_line_refusal(&bilateral(&["validate", path]), "default cap");
    assert!(
        err.contains(
            "is 1073741825 bytes, over the 1073741824-byte limit (raise it with --max-size BYTES)"
        ),
        "{err}"
    );
}

#[test]
fn a_file_exactly_at_the_cap_is_read() {
    let path = fixture();
    let size = std::fs::metadata(&path).unwrap().len();
    let at = size.to_string();
    let out = bilateral(&["validate", &path, "--max-size", &at]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let under = (size - 1).to_string();
    let err = one_line_refusal(
        &bilateral(&["validate", &path, "--max-size", &under]),
        "one byte over",
    );
    assert!(err.contains("--max-size"), "{err}");
}

#[test]
fn a_stream_of_unknown_size_is_cut_off_at_the_cap() {
    // A device reports no size; reading stops one byte past the cap.
    let err = one_line_refusal(
        &bilateral(&[
            "--data",
            "/dev/zero",
            "--max-size",
            "1000",
            "list",
            "visits",
        ]),
        "/dev/zero",
    );
    assert!(
        err.contains(
            "grew over the 1000-byte limit while being read (raise it with --max-size BYTES)"
        ),
        "{err}"
    );
}

#[test]
fn unreadable_files_get_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let not_utf8 = dir.path().join("latin1.json");
    std::fs::write(&not_utf8, b"{\"name\": \"M\xe9xico\"}").unwrap();
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "  \n").unwrap();
    let dir_path = dir.path().to_str().unwrap().to_string();
    for (path, says) in [
        (
            not_utf8.to_str().unwrap(),
            "is not UTF-8 text (invalid byte at offset 11)",
        ),
        (empty.to_str().unwrap(), "is empty"),
        ("/dev/null", "is empty"),
        (&dir_path, "is a directory"),
        ("/nonexistent/dataset.json", "no such file"),
    ] {
        let err = one_line_refusal(&bilateral(&["--data", path, "list", "visits"]), path);
        assert!(err.starts_with(&format!("error: {path}: {says}")), "{err}");
    }
}

fn nested(depth: usize, open: &str, close: &str) -> String {
    format!("{}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn deep_nesting_is_refused_with_a_located_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("arrays", "[".repeat(100_000)),
        ("objects", "{\"a\":".repeat(100_000)),
        ("closed arrays", nested(100_000, "[", "]")),
        (
            "inside a dataset",
            format!(
                "{{\n  \"sources\": [],\n  \"countries\": {},\n  \"relations\": []\n}}\n",
                nested(100_000, "[", "]")
            ),
        ),
    ];
    for (what, text) in cases {
        let Err(LoadError::Syntax {
            line,
            column,
            message,
            ..
        }) = parse_str(&text, "deep.json")
        else {
            panic!("{what}: not a syntax error");
        };
        assert_eq!(message, "recursion limit exceeded", "{what}");
        let path = dir.path().join("deep.json");
        std::fs::write(&path, &text).unwrap();
        let out = bilateral(&["validate", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{what}");
        let err = String::from_utf8(out.stderr).unwrap();
        let location = format!("deep.json:{line}:{column}: invalid JSON: recursion limit exceeded");
        assert!(err.starts_with("error[syntax] "), "{what}: {err}");
        assert!(
            err.lines().next().unwrap().ends_with(&location),
            "{what}: {err}"
        );
        assert!(err.len() < 2_000, "{what}: {} bytes of error", err.len());
        if what == "inside a dataset" {
            assert_eq!(line, 3, "{what}");
        }
    }
    // serde_json stops at 128 levels: a lower limit would refuse honest files,
    // no limit at all would overflow the stack.
    assert!(matches!(
        parse_str(&"[".repeat(127), "x"),
        Err(LoadError::Syntax { message, .. }) if message.starts_with("EOF")
    ));
    assert!(matches!(
        parse_str(&"[".repeat(128), "x"),
        Err(LoadError::Syntax { message, .. }) if message == "recursion limit exceeded"
    ));
}

#[test]
fn nesting_under_the_limit_is_a_structure_problem_with_a_path() {
    let text = format!(
        "{{\"sources\": [], \"countries\": [{{\"code\": \"MEX\", \"name\": {}}}], \"relations\": []}}",
        nested(120, "[", "]")
    );
    let Err(LoadError::Invalid { problems, .. }) = parse_str(&text, "x") else {
        panic!("not invalid");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "$.countries[0].name");
}

/// A dataset of `relations` relations of `events` events each, as compact
/// JSON; with `fault`, one event of the middle relation has a bad date.
fn many_records(relations: usize, events: usize, fault: bool) -> String {
    let countries: Vec<String> = (0..relations + 1)
        .map(|i| {
            format!(
                "{}{}{}",
                (b'A' + (i / 676) as u8) as char,
                (b'A' + (i / 26 % 26) as u8) as char,
                (b'A' + (i % 26) as u8) as char
            )
        })
        .collect();
    let mut out = String::from(
        "{\"sources\":[{\"id\":\"s\",\"title\":\"A source\",\"kind\":\"news\"}],\"countries\":[",
    );
    for (i, code) in countries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"code\":\"{code}\",\"name\":\"Country {code}\"}}"
        ));
    }
    out.push_str("],\"relations\":[");
    for r in 0..relations {
        let (a, b) = (&countries[r], &countries[r + 1]);
        if r > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"id\":\"{a}-{b}\",\"countries\":[\"{a}\",\"{b}\"],\"summary\":\"s\",\"sources\":[{{\"source\":\"s\"}}],\"events\":["
        ));
        for e in 0..events {
            if e > 0 {
                out.push(',');
            }
            let date = if fault && r == relations / 2 && e == events / 2 {
                "2023-02-30"
            } else {
                "2023-02-28"
            };
            out.push_str(&format!(
                "{{\"id\":\"{a}-{b}-{e}\",\"date\":\"{date}\",\"title\":\"Event number {e} of the relation between {a} and {b}\",\"sources\":[{{\"source\":\"s\",\"section\":\"paragraph {e}\"}}]}}"
            ));
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

/// This process's peak resident memory so far, in bytes (Linux).
fn peak_resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Not a test of its own: loads the file BILATERAL_PEAK_OF names and prints
/// how much the peak memory of this process grew while it did, for
/// [`a_fault_costs_no_more_memory_than_a_valid_file`], which runs it in a
/// fresh process, where no other test's memory counts.
#[test]
#[ignore = "run in a process of its own by a_fault_costs_no_more_memory_than_a_valid_file"]
fn peak_memory_of_one_load() {
    let Some(path) = std::env::var_os("BILATERAL_PEAK_OF") else {
        return;
    };
    let before = peak_resident();
    let loaded = bilateral::data::load_path(Path::new(&path), bilateral::data::DEFAULT_MAX_BYTES);
    let after = peak_resident();
    println!("loaded: {} peak growth: {}", loaded.is_ok(), after - before);
}

/// The peak memory of loading `file` in a fresh process, and whether it loaded.
#[cfg(target_os = "linux")]
fn peak_memory_of(file: &Path) -> (bool, u64) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "limits::peak_memory_of_one_load",
            "--ignored",
            "--nocapture",
        ])
        .env("BILATERAL_PEAK_OF", file)
        .output()
        .expect("the test binary runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("loaded: "))
        .unwrap_or_else(|| panic!("no measure in {text}"));
    let mut words = line.split_whitespace();
    let loaded = words.nth(1) == Some("true");
    let peak = words
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or(u64::MAX);
    (loaded, peak)
}

#[test]
#[cfg(target_os = "linux")]
fn a_fault_costs_no_more_memory_than_a_valid_file() {
    let dir = tempfile::tempdir().unwrap();
    let (valid, faulty) = (
        dir.path().join("valid.json"),
        dir.path().join("faulty.json"),
    );
    std::fs::write(&valid, many_records(60, 2_000, false)).unwrap();
    std::fs::write(&faulty, many_records(60, 2_000, true)).unwrap();
    let size = std::fs::metadata(&faulty).unwrap().len();
    let (loaded, valid_peak) = peak_memory_of(&valid);
    let (refused, faulty_peak) = peak_memory_of(&faulty);
    assert!(loaded && !refused);
    // Read a record at a time, not as one JSON tree of the whole file, which
    // took seventeen times the file's size. (About three times is the
    // dataset itself and the allocator's per-thread pages.)
    assert!(
        faulty_peak <= valid_peak + valid_peak / 4,
        "a file with one fault grew the peak by {faulty_peak} bytes, the valid one by {valid_peak}"
    );
    assert!(
        faulty_peak <= 7 * size / 2,
        "{faulty_peak} bytes for a file of {size}"
    );
}
