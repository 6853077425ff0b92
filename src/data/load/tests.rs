use super::*;

/// A dataset of one relation, MEX-PAK, with these visits.
fn with_visits(visits: &str) -> String {
    format!(
        r#"{{
          "sources": [{{"id": "s", "title": "T", "kind": "news"}}],
          "countries": [{{"code": "MEX", "name": "Mexico"}}, {{"code": "PAK", "name": "Pakistan"}}],
          "relations": [{{
            "id": "MEX-PAK", "countries": ["MEX", "PAK"], "summary": "x",
            "sources": [{{"source": "s"}}], "visits": [{visits}]
          }}]
        }}"#
    )
}

/// The problems of dataset text as "code path".
fn faults(text: &str) -> Vec<String> {
    parse_str(text, "t.json")
        .err()
        .iter()
        .flat_map(LoadError::problems)
        .map(|p| format!("{} {}", p.kind.code(), p.path))
        .collect()
}

#[test]
fn paths_skip_records_that_failed_to_parse() {
    let relations = JsonPath::root().key("relations");
    let kept = HashMap::from([
        (relations.clone(), vec![1, 2]),
        (relations.index(2).key("visits"), vec![0, 3]),
    ]);
    let moved = |p: JsonPath| in_file(&p, &kept).to_string();
    assert_eq!(
        moved(relations.index(1).key("visits").index(1).key("to")),
        "$.relations[2].visits[3].to"
    );
    assert_eq!(moved(relations.index(0).key("id")), "$.relations[1].id");
    assert_eq!(
        moved(JsonPath::root().key("countries").index(0).key("code")),
        "$.countries[0].code"
    );
    assert_eq!(moved(relations.index(9)), "$.relations[9]");
}

#[test]
fn semantic_faults_after_a_broken_record_name_the_right_record() {
    let text = with_visits(
        r#""not a visit",
           {"id": "v1", "visitor": "B", "from": "PAK", "to": "PAK", "sources": [{"source": "s"}]}"#,
    );
    assert_eq!(
        faults(&text),
        [
            "structure $.relations[0].visits[0]",
            "bad-direction $.relations[0].visits[1].to"
        ]
    );
}

#[test]
fn every_fault_of_a_visit_is_reported_at_once() {
    let text = with_visits(
        r#"{"id": "v", "date": "2025-13", "visitor": "", "from": "MEX", "to": "ZZZ",
            "sources": [{"source": "nope"}]}"#,
    );
    assert_eq!(
        faults(&text),
        [
            "bad-date $.relations[0].visits[0].date",
            "empty-text $.relations[0].visits[0].visitor",
            "bad-direction $.relations[0].visits[0].to",
            "unknown-source $.relations[0].visits[0].sources[0].source",
        ]
    );
}

fn syntax(text: &str) -> (usize, usize, String, String) {
    match parse_str(text, "t.json") {
        Err(e @ LoadError::Syntax { .. }) => {
            let shown = e.to_string();
            let LoadError::Syntax {
                line,
                column,
                message,
                ..
            } = e
            else {
                unreachable!()
            };
            (line, column, message, shown)
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// The display column of the marker on the line below the offending one.
fn marker_column(snippet: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    let marker = snippet.lines().find(|l| l.ends_with("▲ here")).unwrap();
    let bar = snippet.lines().nth(1).unwrap().find('│').unwrap();
    marker[bar + '│'.len_utf8() + 1..]
        .trim_end_matches("▲ here")
        .width()
}

#[test]
fn syntax_error_names_file_line_and_column_once() {
    let (line, column, message, snippet) = syntax("{\"a\": 1,\n \"b\": x}");
    assert_eq!((line, column), (2, 7));
    assert_eq!(message, "expected value");
    let mut lines = snippet.lines();
    assert_eq!(
        lines.next(),
        Some("error[syntax] t.json:2:7: invalid JSON: expected value")
    );
    assert_eq!(lines.next(), Some("1 │ {\"a\": 1,"));
    assert_eq!(lines.next(), Some("2 │  \"b\": x}"));
    assert_eq!(lines.next(), Some("  │       ▲ here"));
    assert_eq!(lines.next(), None);
    assert_eq!(marker_column(&snippet), 6);
}

#[test]
fn gutter_numbers_are_the_file_lines() {
    let mut text = String::from("[\n");
    for _ in 0..998 {
        text.push_str("1,\n");
    }
    text.push_str("oops]\n");
    let (line, column, _, snippet) = syntax(&text);
    assert_eq!((line, column), (1000, 1));
    assert!(
        snippet.contains("\n 999 │ 1,\n1000 │ oops]\n     │ ▲ here"),
        "{snippet}"
    );
}

#[test]
fn a_line_break_in_a_string_is_located_where_the_string_breaks() {
    // serde_json reports this as line 3, column 0.
    let (line, column, message, snippet) = syntax("{\n  \"a\": \"b\nc\"}");
    assert!(message.starts_with("control character"), "{message}");
    assert_eq!((line, column), (2, 10));
    assert_eq!(marker_column(&snippet), 9);
    assert!(snippet.contains("2 │   \"a\": \"b\n"), "{snippet}");
}

#[test]
fn end_of_text_after_a_final_line_break_points_at_the_end_of_the_last_line() {
    // serde_json reports this as line 2, column 0.
    let (line, column, message, _) = syntax("{\"a\": 1,\n");
    assert!(message.starts_with("EOF while parsing"), "{message}");
    assert_eq!((line, column), (1, 9));
}

#[test]
fn columns_count_characters_and_the_marker_counts_display_width() {
    let (line, column, _, snippet) = syntax("{\"名前 Đồng\": x}");
    assert_eq!((line, column), (1, 13));
    assert_eq!(
        marker_column(&snippet),
        "{\"名前 Đồng\": ".chars().count() + 2
    );
}

#[test]
fn a_hostile_line_is_shown_cleaned() {
    let (_, column, _, snippet) = syntax("[\"a\", \x1b[2J\x1b]0;pwned\x07 \u{9b}31m \u{202e}]");
    assert_eq!(column, 7);
    assert!(
        snippet.contains("␛[2J␛]0;pwned␇ ⟨U+009B⟩31m ⟨U+202E⟩]"),
        "{snippet}"
    );
    assert!(!snippet.chars().any(|c| c.is_control() && c != '\n'));
    assert_eq!(marker_column(&snippet), 6);
}

#[test]
fn deep_nesting_is_a_located_syntax_error() {
    for open in ["[", "{\"a\":"] {
        let text = open.repeat(100_000);
        let (line, column, message, snippet) = syntax(&text);
        assert_eq!(message, "recursion limit exceeded");
        assert_eq!(line, 1);
        assert!((100..=1000).contains(&column), "column {column}");
        assert!(snippet.len() < 1_000, "{} bytes", snippet.len());
    }
}

#[test]
fn a_huge_line_is_cut_around_the_marker_to_the_width() {
    use unicode_width::UnicodeWidthStr;
    let text = format!("[{}x{}]", " ".repeat(1_000_000), " ".repeat(1_000_000));
    let (line, column, _, snippet) = syntax(&text);
    assert_eq!((line, column), (1, 1_000_002));
    assert!(snippet.contains("…"));
    for l in snippet.lines().skip(1) {
        assert!(l.width() <= DEFAULT_WIDTH, "{l:?}");
    }
    let shown = snippet.lines().nth(1).unwrap();
    let x = shown.find('x').unwrap();
    assert_eq!(marker_column(&snippet), shown[..x].width() - "1 │ ".width());
}

#[test]
fn utf16_text_is_named_as_such() {
    let json = "{\"sources\": [], \"countries\": [], \"relations\": []}";
    let utf16: Vec<u8> = json.encode_utf16().flat_map(u16::to_le_bytes).collect();
    // Valid UTF-8 as it happens (ASCII and zero bytes), but not a dataset.
    let text = std::str::from_utf8(&utf16).unwrap();
    match parse_str(text, "w.json") {
        Err(LoadError::Read { message, .. }) => {
            assert!(
                message.starts_with("is not UTF-8 (looks like UTF-16"),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn what_is_loaded_is_what_serde_reads() {
    let synthetic = crate::synth::generate(crate::synth::Options {
        records: 1_000,
        seed: 5,
    });
    let text = serde_json::to_string(&synthetic).unwrap_or_default();
    for text in [EMBEDDED_JSON, text.as_str()] {
        let direct: Dataset = serde_json::from_str(text).unwrap();
        let loaded = parse_str(text, "t").unwrap_or_else(|e| panic!("{e:.2000}"));
        assert!(loaded == direct);
    }
}

#[test]
fn text_to_clean_is_cleaned() {
    let dirty = EMBEDDED_JSON.replacen(
        "Diplomatic relations established",
        "Diplomatic\\u001b relations",
        1,
    );
    let ds = parse_str(&dirty, "t").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ds.relations[0]
            .events
            .iter()
            .any(|e| e.title == "Diplomatic␛ relations")
    );
    let invalid = EMBEDDED_JSON.replacen("\"kind\": \"news\"", "\"kind\": \"rumour\"", 1);
    assert!(parse_str(&invalid, "t").is_err());
}

#[test]
fn ids_are_compared_as_written() {
    let text = r#"{
      "sources": [{"id": "doc1␛", "title": "T", "kind": "news"}],
      "countries": [{"code": "MEX", "name": "Mexico"}, {"code": "PAK", "name": "Pakistan"}],
      "relations": [{
        "id": "MEX-PAK", "countries": ["MEX", "PAK"], "summary": "x",
        "sources": [{"source": "doc1\u001b"}],
        "events": [{"id": "e\u001b", "title": "t", "sources": [{"source": "doc1␛"}]},
                   {"id": "e␛", "title": "t", "sources": [{"source": "doc1␛"}]}]
      }]
    }"#;
    // The raw id is refused; the other, which reads the same once cleaned,
    // is neither a duplicate of it nor the source it cites.
    assert_eq!(
        faults(text),
        [
            "bad-id $.relations[0].sources[0].source",
            "bad-id $.relations[0].events[0].id",
        ]
    );
}
