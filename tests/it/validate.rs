//! `bilateral validate` on broken datasets: every fault is named by its code
//! and its place in the file, the exit code is 2, and nothing panics.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn bilateral() -> Command {
    let mut cmd = Command::cargo_bin("bilateral").expect("the bilateral binary is built");
    cmd.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    cmd
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One broken dataset and what `validate` must say about it.
struct Case {
    file: &'static str,
    /// The problem code, `syntax` for JSON that does not parse.
    code: &'static str,
    /// The JSON path of the fault, or `line:column` for a syntax error.
    at: &'static str,
    /// Words the explanation must contain.
    says: &'static str,
}

const fn case(
    file: &'static str,
    code: &'static str,
    at: &'static str,
    says: &'static str,
) -> Case {
    Case {
        file,
        code,
        at,
        says,
    }
}

/// Every fixture with exactly one fault.
const SINGLE: &[Case] = &[
    case(
        "syntax-trailing-comma.json",
        "syntax",
        "41:74",
        "trailing comma",
    ),
    case(
        "syntax-truncated-eof.json",
        "syntax",
        "29:6",
        "EOF while parsing",
    ),
    case(
        "relation-unknown-country.json",
        "unknown-country",
        "$.relations[0].countries[1]",
        "\"USA\" is not listed in $.countries",
    ),
    case(
        "relation-same-country-twice.json",
        "same-country",
        "$.relations[0].countries",
        "two different countries",
    ),
    case(
        "relation-id-not-canonical.json",
        "bad-relation-id",
        "$.relations[0].id",
        "\"PAK-MEX\" should be \"MEX-PAK\"",
    ),
    case(
        "duplicate-record-id.json",
        "duplicate-id",
        "$.relations[0].visits[1].id",
        "first used at $.relations[0].visits[0].id",
    ),
    case(
        "date-malformed-month-name.json",
        "bad-date",
        "$.relations[0].visits[0].date",
        "malformed date \"May 1975\"",
    ),
    case(
        "date-impossible-feb-30.json",
        "bad-date",
        "$.relations[0].visits[1].date",
        "impossible date \"2023-02-30\"",
    ),
    case(
        "amount-negative.json",
        "negative-amount",
        "$.relations[0].trade.figures[0].amount.value",
        "negative",
    ),
    case(
        "amount-derived-without-derivation.json",
        "missing-derivation",
        "$.relations[0].trade.figures[0].amount.derivation",
        "derived amount must say how",
    ),
    case(
        "amount-unexpected-derivation.json",
        "unexpected-derivation",
        "$.relations[0].trade.figures[0].amount.derivation",
        "only a derived amount",
    ),
    case(
        "citation-unknown-source.json",
        "unknown-source",
        "$.relations[0].visits[0].sources[0].source",
        "cites \"doc9\"",
    ),
    case(
        "citation-missing.json",
        "missing-citation",
        "$.relations[0].events[0].sources",
        "at least one citation",
    ),
    case(
        "mission-closed-before-opened.json",
        "mission-dates",
        "$.relations[0].missions[0].closed",
        "closed 2006 before it opened 2007",
    ),
    case(
        "mission-reopened-before-closed.json",
        "mission-dates",
        "$.relations[0].missions[0].reopened",
        "reopened 2008-07 before it closed 2009",
    ),
    case(
        "visit-from-not-a-party.json",
        "bad-direction",
        "$.relations[0].visits[0].from",
        "\"VNM\" is not a party to MEX-PAK",
    ),
    case(
        "visit-from-equals-to.json",
        "bad-direction",
        "$.relations[0].visits[1].to",
        "both \"MEX\"",
    ),
    case(
        "type-string-instead-of-array.json",
        "structure",
        "$.relations[0].visits",
        "expected an array, found a string",
    ),
    case(
        "field-unknown-typo-titel.json",
        "structure",
        "$.relations[0].agreements[0].titel",
        "unknown field `titel`",
    ),
    case(
        "field-missing-required.json",
        "structure",
        "$.relations[0].visits[1]",
        "missing field `visitor`",
    ),
    case(
        "country-code-lowercase.json",
        "bad-country-code",
        "$.countries[1].code",
        "\"mex\" is not an ISO 3166-1 alpha-3 code",
    ),
    case(
        "agreement-under-negotiation-signed.json",
        "agreement-status",
        "$.relations[0].agreements[0].signed",
        "under negotiation has no signing date",
    ),
    case(
        "mission-accredited-without-third-country.json",
        "mission-kind",
        "$.relations[0].missions[1].accredited_from",
        "must name the third country",
    ),
    case(
        "mission-accredited-from-a-party.json",
        "mission-kind",
        "$.relations[0].missions[1].accredited_from",
        "\"MEX\" is a party to the relation",
    ),
    case(
        "trade-currency-lowercase.json",
        "bad-currency",
        "$.relations[0].trade.currency",
        "\"usd\" is not an ISO 4217 code",
    ),
    case(
        "trade-year-two-digits.json",
        "bad-year",
        "$.relations[0].trade.figures[0].year",
        "year 23",
    ),
    case(
        "text-empty-visitor.json",
        "empty-text",
        "$.relations[0].visits[0].visitor",
        "must not be empty",
    ),
    case(
        "source-id-duplicate.json",
        "duplicate-id",
        "$.sources[1].id",
        "source id \"doc1\" is used twice",
    ),
    case(
        "enum-unknown-mission-kind.json",
        "structure",
        "$.relations[0].missions[0].kind",
        "unknown variant `ambassade`",
    ),
    case(
        "root-is-an-array.json",
        "structure",
        "$",
        "expected a JSON object",
    ),
];

/// The faults of `several-faults.json`, one per record, all to be reported by one run.
const SEVERAL: &[Case] = &[
    case(
        "",
        "bad-relation-id",
        "$.relations[0].id",
        "\"PAK-MEX\" should be \"MEX-PAK\"",
    ),
    case(
        "",
        "unknown-source",
        "$.relations[0].events[0].sources[0].source",
        "cites \"doc9\"",
    ),
    case(
        "",
        "bad-date",
        "$.relations[0].visits[0].date",
        "impossible date \"2023-02-30\"",
    ),
    // After a record that failed to parse, the path still names the record in the file.
    case(
        "",
        "bad-direction",
        "$.relations[0].visits[1].to",
        "\"VNM\" is not a party",
    ),
    case(
        "",
        "agreement-status",
        "$.relations[0].agreements[0].signed",
        "under negotiation",
    ),
    case(
        "",
        "negative-amount",
        "$.relations[0].trade.figures[0].amount.value",
        "amount -5 is negative",
    ),
    case(
        "",
        "duplicate-id",
        "$.relations[0].trade.products[0].id",
        "duplicate id \"e1\" (first used at $.relations[0].events[0].id)",
    ),
    case(
        "",
        "mission-dates",
        "$.relations[0].missions[0].closed",
        "closed 2006 before it opened 2007",
    ),
    case(
        "",
        "mission-kind",
        "$.relations[0].missions[1].accredited_from",
        "third country",
    ),
    case(
        "",
        "structure",
        "$.relations[0].facts[0].txt",
        "unknown field `txt`",
    ),
];

const SEVERAL_FILE: &str = "several-faults.json";

/// Runs `bilateral validate FILE`, checks it failed cleanly with exit code 2, and returns stderr.
fn validate_fails(file: &Path) -> String {
    let out = bilateral()
        .arg("validate")
        .arg(file)
        .output()
        .expect("bilateral runs");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}: expected exit code 2\nstderr:\n{stderr}",
        file.display()
    );
    assert!(
        out.stdout.is_empty(),
        "{}: nothing belongs on stdout when validation fails",
        file.display()
    );
    assert_no_panic(&stderr);
    stderr
}

fn assert_no_panic(stderr: &str) {
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "stack backtrace",
        "thread 'main'",
    ] {
        assert!(!stderr.contains(bad), "stderr shows a panic:\n{stderr}");
    }
}

/// The `error[code] path: message` line for `path`, if stderr has one.
fn problem_line<'a>(stderr: &'a str, code: &str, path: &str) -> Option<&'a str> {
    let head = format!("error[{code}] {path}: ");
    stderr.lines().find(|l| l.starts_with(&head))
}

#[test]
fn every_single_fault_fixture_reports_its_fault_and_only_it() {
    for c in SINGLE {
        let file = fixtures().join("invalid").join(c.file);
        let stderr = validate_fails(&file);
        if c.code == "syntax" {
            // A miette report: the code, the message, file:line:column and the marked line.
            assert!(
                stderr.contains("syntax"),
                "{}: no syntax code\n{stderr}",
                c.file
            );
            assert!(
                stderr.contains(&format!("invalid JSON: {}", c.says)),
                "{}: expected message {:?}\n{stderr}",
                c.file,
                c.says
            );
            assert!(
                stderr.contains(&format!("{}:{}: invalid JSON", c.file, c.at)),
                "{}: expected location {}:{}\n{stderr}",
                c.file,
                c.file,
                c.at
            );
            assert!(
                stderr.contains('▲') && stderr.contains("here"),
                "{}: the offending place is not marked\n{stderr}",
                c.file
            );
        } else {
            let line = problem_line(&stderr, c.code, c.at).unwrap_or_else(|| {
                panic!(
                    "{}: expected a line `error[{}] {}: …`\nstderr:\n{stderr}",
                    c.file, c.code, c.at
                )
            });
            assert!(
                line.contains(c.says),
                "{}: expected the message to say {:?}, got {line:?}",
                c.file,
                c.says
            );
            assert!(
                stderr.contains(&format!("{}: 1 problem found", c.file)),
                "{}: the fixture should hold exactly one fault\n{stderr}",
                c.file
            );
            assert_eq!(
                stderr.lines().filter(|l| l.starts_with("error[")).count(),
                1,
                "{}: exactly one problem line expected\n{stderr}",
                c.file
            );
        }
    }
}

#[test]
fn a_trailing_comma_is_shown_on_its_own_line_with_the_file_line_numbers() {
    let file = fixtures().join("invalid/syntax-trailing-comma.json");
    let stderr = validate_fails(&file);
    let text = std::fs::read_to_string(&file).unwrap();
    let offending = text.lines().nth(40).unwrap();
    assert!(offending.contains("[\"cotton\",]"), "fixture changed?");
    // The offending line is printed whole, numbered 41, between lines 40 and 42.
    let shown = stderr
        .lines()
        .find(|l| l.contains("[\"cotton\",]"))
        .unwrap_or_else(|| panic!("offending line not shown\n{stderr}"));
    assert!(shown.trim_start().starts_with("41 │"), "{shown:?}");
    assert!(
        !shown.contains("\"sources\""),
        "the next line is run into the offending one: {shown:?}"
    );
    assert!(stderr.lines().any(|l| l.trim_start().starts_with("40 │")));
    assert!(stderr.lines().any(|l| l.trim_start().starts_with("42 │")));
    // The marker sits under column 74, the `]` after the comma.
    let marker = stderr.lines().find(|l| l.contains('▲')).unwrap();
    let gutter = shown.find('│').unwrap();
    let col_of = |l: &str, c: char| l.chars().position(|x| x == c).unwrap();
    let shown_start = shown[..gutter].chars().count() + 2;
    let marker_col = col_of(marker, '▲') - shown_start + 1;
    assert_eq!(marker_col, 74, "marker misplaced:\n{shown}\n{marker}");
    assert_eq!(offending.chars().nth(73), Some(']'));
}

#[test]
fn several_faults_in_different_records_are_all_reported_at_once() {
    let stderr = validate_fails(&fixtures().join("invalid").join(SEVERAL_FILE));
    assert!(
        stderr.contains(&format!("{SEVERAL_FILE}: {} problems found", SEVERAL.len())),
        "expected {} problems\n{stderr}",
        SEVERAL.len()
    );
    for c in SEVERAL {
        let line = problem_line(&stderr, c.code, c.at).unwrap_or_else(|| {
            panic!("missing `error[{}] {}: …`\nstderr:\n{stderr}", c.code, c.at)
        });
        assert!(line.contains(c.says), "{line:?} should say {:?}", c.says);
    }
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error[")).count(),
        SEVERAL.len(),
        "one line per fault\n{stderr}"
    );
}

#[test]
fn every_fixture_has_an_expectation() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures().join("invalid"))
        .expect("tests/fixtures/invalid exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut expected: BTreeSet<String> = SINGLE.iter().map(|c| c.file.to_string()).collect();
    assert_eq!(expected.len(), SINGLE.len(), "a fixture is listed twice");
    expected.insert(SEVERAL_FILE.to_string());
    let untested: Vec<_> = on_disk.difference(&expected).collect();
    let missing: Vec<_> = expected.difference(&on_disk).collect();
    assert!(
        untested.is_empty(),
        "fixtures without expectation: {untested:?}"
    );
    assert!(
        missing.is_empty(),
        "expected fixtures not on disk: {missing:?}"
    );
    assert!(on_disk.len() >= 19, "too few fixtures: {}", on_disk.len());
}

#[test]
fn the_fixtures_start_from_a_valid_dataset() {
    bilateral()
        .arg("validate")
        .arg(fixtures().join("minimal.json"))
        .assert()
        .code(0)
        .stdout(predicates::str::contains("minimal.json: valid"))
        .stderr("");
}

#[test]
fn the_embedded_dataset_file_is_valid() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/relations.json");
    let out = bilateral().arg("validate").arg(&file).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    assert!(
        stdout.contains("relations.json: valid — 3 sources, 4 countries, 2 relations"),
        "{stdout}"
    );
}

/// Runs `validate` on a file that cannot be read as a dataset: exactly one line on stderr.
fn one_line_error(args: &[&str], file: &Path) -> String {
    let out = bilateral()
        .args(args)
        .arg("validate")
        .arg(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_no_panic(&stderr);
    assert_eq!(
        stderr.lines().count(),
        1,
        "exactly one line expected:\n{stderr}"
    );
    let line = stderr.trim_end().to_string();
    assert!(line.starts_with("error: "), "{line}");
    assert!(
        line.contains(&file.display().to_string()),
        "the message names the file: {line}"
    );
    line
}

#[test]
fn a_missing_file_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = one_line_error(&[], &dir.path().join("absent.json"));
    assert!(line.ends_with("no such file"), "{line}");
}

#[test]
fn a_directory_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = one_line_error(&[], dir.path());
    assert!(line.contains("is a directory"), "{line}");
}

#[test]
fn an_empty_file_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.json");
    std::fs::write(&file, "").unwrap();
    let line = one_line_error(&[], &file);
    assert!(line.contains("is empty"), "{line}");
}

#[test]
fn a_whitespace_only_file_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blank.json");
    std::fs::write(&file, " \n\t\r\n  \n").unwrap();
    let line = one_line_error(&[], &file);
    assert!(line.contains("is empty"), "{line}");
}

#[test]
fn a_non_utf8_file_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.json");
    let before = b"{\"sources\": [], \"note\": \"M";
    let mut bytes = before.to_vec();
    bytes.extend_from_slice(b"\xe9xico\"}");
    std::fs::write(&file, bytes).unwrap();
    let line = one_line_error(&[], &file);
    assert!(line.contains("not UTF-8"), "{line}");
    assert!(
        line.contains(&format!("invalid byte at offset {}", before.len())),
        "{line}"
    );
}

#[test]
fn a_file_over_max_size_is_one_clear_line() {
    let minimal = fixtures().join("minimal.json");
    let size = std::fs::metadata(&minimal).unwrap().len();
    let limit = (size - 1).to_string();
    let line = one_line_error(&["--max-size", &limit], &minimal);
    assert!(
        line.contains(&format!("is {size} bytes, over the {limit}-byte limit")),
        "{line}"
    );
    assert!(line.contains("--max-size"), "{line}");
    // At exactly its size the same file is accepted.
    bilateral()
        .args(["--max-size", &size.to_string(), "validate"])
        .arg(&minimal)
        .assert()
        .code(0);
}

/// `validate` on a file of tests/fixtures/faults (made by faults.py): each
/// problem as "code path: message".
fn faults_in(file: &str) -> Vec<String> {
    let stderr = validate_fails(&fixtures().join("faults").join(file));
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error["))
        .map(|l| l.replacen("] ", " ", 1))
        .collect()
}

/// Asserts the problems, in order, by code and path, and that each message says its words.
fn assert_faults(file: &str, want: &[(&str, &str, &str)]) {
    let found = faults_in(file);
    let places: Vec<String> = found
        .iter()
        .map(|l| l.split(": ").next().unwrap_or_default().to_string())
        .collect();
    let wanted: Vec<String> = want.iter().map(|(c, p, _)| format!("{c} {p}")).collect();
    assert_eq!(places, wanted, "{file}:\n{}", found.join("\n"));
    for (line, (_, _, says)) in found.iter().zip(want) {
        assert!(line.contains(says), "{file}: {line:?} should say {says:?}");
    }
}

#[test]
fn one_bad_field_hides_none_of_its_records_other_faults() {
    let visit = "$.relations[0].visits[0]";
    assert_faults(
        "every-fault-of-a-visit.json",
        &[
            ("bad-date", &format!("{visit}.date"), "month 13"),
            (
                "empty-text",
                &format!("{visit}.visitor"),
                "must not be empty",
            ),
            (
                "bad-direction",
                &format!("{visit}.to"),
                "\"ZZZ\" is not a party",
            ),
            (
                "unknown-source",
                &format!("{visit}.sources[0].source"),
                "cites \"nope\"",
            ),
        ],
    );
    assert_faults(
        "established-bad-date-and-more.json",
        &[
            (
                "bad-date",
                "$.relations[0].established",
                "malformed date \"19 January 1955\"",
            ),
            ("empty-text", "$.relations[0].summary", "must not be empty"),
            (
                "unknown-source",
                "$.relations[0].sources[0].source",
                "cites \"nope\"",
            ),
            (
                "empty-text",
                "$.relations[0].events[0].title",
                "must not be empty",
            ),
        ],
    );
    assert_faults(
        "published-bad-date-and-more.json",
        &[
            (
                "bad-date",
                "$.sources[1].published",
                "no day 30 in February 2025",
            ),
            ("empty-text", "$.sources[1].title", "must not be empty"),
            ("duplicate-id", "$.sources[1].id", "\"doc1\" is used twice"),
        ],
    );
}

#[test]
fn a_key_given_twice_is_a_fault_not_a_silent_replacement() {
    assert_faults(
        "repeated-keys.json",
        &[
            (
                "duplicate-key",
                "$.relations[0].summary",
                "key \"summary\" is given more than once",
            ),
            (
                "duplicate-key",
                "$.relations[0].visits[0].id",
                "key \"id\" is given more than once",
            ),
            (
                "duplicate-key",
                "$.relations",
                "key \"relations\" is given more than once",
            ),
        ],
    );
}

#[test]
fn ids_are_checked_as_written_so_different_ids_never_merge() {
    assert_faults(
        "control-characters-in-ids.json",
        &[
            (
                "bad-id",
                "$.relations[0].sources[0].source",
                "\"doc1␛\" holds a control character (U+001B)",
            ),
            (
                "bad-id",
                "$.relations[0].events[0].id",
                "\"e␛\" holds a control character (U+001B)",
            ),
        ],
    );
}

#[test]
fn values_that_would_mislead_are_refused_with_the_rule() {
    let figure = |i: usize| format!("$.relations[0].trade.figures[{i}]");
    let growth = |i: usize| format!("$.relations[0].trade.growth[{i}].change.value");
    assert_faults(
        "misleading-values.json",
        &[
            (
                "bad-amount",
                &format!("{}.amount.value", figure(1)),
                "0.004 is not a whole number",
            ),
            (
                "bad-amount",
                &format!("{}.amount.value", figure(2)),
                "999.5 is not a whole number",
            ),
            (
                "bad-amount",
                &format!("{}.amount.value", figure(3)),
                "1e308 is over 10^18",
            ),
            (
                "duplicate-figure",
                &format!("{}.year", figure(4)),
                "a second two-way figure for 2023",
            ),
            ("bad-growth", &growth(0), "-250% is impossible"),
            ("bad-growth", &growth(1), "factor of 0 is impossible"),
            ("bad-growth", &growth(2), "factor of -3 is impossible"),
        ],
    );
}

#[test]
fn a_date_names_its_wrong_part_and_every_year_follows_one_rule() {
    let event = |i: usize| format!("$.relations[0].events[{i}].date");
    assert_faults(
        "dates-and-years.json",
        &[
            (
                "bad-date",
                &event(1),
                "\"2025-13\": month 13 does not exist",
            ),
            ("bad-date", &event(2), "\"2024-00\": month 0 does not exist"),
            (
                "bad-date",
                &event(3),
                "\"0000\": year 0 is not a four-digit year",
            ),
            (
                "bad-date",
                &event(4),
                "\"0999\": year 999 is not a four-digit year",
            ),
            (
                "bad-year",
                "$.relations[0].trade.figures[0].year",
                "year 999 is not a four-digit year",
            ),
        ],
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_named() {
    let line = one_line_error(&[], &fixtures().join("faults/utf16-without-a-mark.json"));
    assert!(
        line.ends_with("is not UTF-8 (looks like UTF-16 little-endian); save the dataset as UTF-8"),
        "{line}"
    );
}

#[test]
fn a_syntax_excerpt_fits_the_width_with_the_marker_under_its_character() {
    use unicode_width::UnicodeWidthStr;
    let file = fixtures().join("faults/long-line-syntax-error.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let stderr = validate_fails(&file);
    let head = stderr.lines().next().unwrap_or_default();
    let column = text.find("word word").unwrap() + 1;
    assert!(
        head.ends_with(&format!(
            "long-line-syntax-error.json:1:{column}: invalid JSON: expected value"
        )),
        "{head}"
    );
    // Not a terminal: 100 columns.
    let excerpt: Vec<&str> = stderr.lines().skip(1).collect();
    assert_eq!(excerpt.len(), 2, "{stderr}");
    for line in &excerpt {
        assert!(line.width() <= 100, "{} columns: {line}", line.width());
    }
    let (shown, marker) = (excerpt[0], excerpt[1]);
    // Every character here is one column wide.
    let at = marker.chars().position(|c| c == '▲').unwrap();
    let under: String = shown.chars().skip(at).take(4).collect();
    assert_eq!(under, "word", "{shown}\n{marker}");
    assert!(shown.contains('…') && marker.ends_with("▲ here"));
}
